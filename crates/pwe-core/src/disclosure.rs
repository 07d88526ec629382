//! Which published figures could single out a household: the one rule the
//! analysis's published tables and report and the service's public results
//! page both apply.

/// Groups smaller than this are suppressed in everything published.
pub const MIN_GROUP: usize = 10;

/// Whether a share of `hits` in `group_size` may be published: at least
/// [`MIN_GROUP`] chose and at least as many did not. A share of 0% or 100% in
/// a group of 18 tells every member's answer, so it is suppressed too.
pub fn publishable(group_size: usize, hits: usize) -> bool {
    hits >= MIN_GROUP && group_size.saturating_sub(hits) >= MIN_GROUP
}

#[cfg(test)]
mod tests {
    use super::publishable;

    #[test]
    fn both_cells_need_ten() {
        assert!(!publishable(18, 18));
        assert!(!publishable(18, 0));
        assert!(!publishable(20, 9));
        assert!(!publishable(20, 11), "nine did not choose it");
        assert!(publishable(20, 10));
    }
}
