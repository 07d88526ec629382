//! Which published figures could single out a household, and how the rest is
//! kept from giving them back: the rules the analysis's published tables and
//! report and the service's public results page apply.
//!
//! # Layout
//! - this module: the primary rule ([`publishable`]) and a [`Release`], the
//!   counts behind one run's published outputs with the sums that tie them.
//! - [`protect`]: complementary suppression, so that no suppressed count can be
//!   worked out from the published ones.
//! - [`shares`]: the counts behind the option shares, one way for the
//!   analysis and the public results page.
//! - [`audit`]: the feasible interval of every suppressed count by linear
//!   programming, and the protection rule it must meet.
//!
//! The rules are written out for readers in docs/report.md ("Disclosure control").

pub mod audit;
pub mod protect;
pub mod shares;

/// Groups smaller than this are suppressed in everything published.
pub const MIN_GROUP: usize = 10;

/// Decimals of a share (a fraction) in everything published: 0.123 is 12.3%.
pub const SHARE_DECIMALS: i32 = 3;

/// Whether a share of `hits` in `group_size` may be published: at least
/// [`MIN_GROUP`] chose and at least as many did not. A share of 0% or 100% in
/// a group of 18 tells every member's answer, so it is suppressed too.
pub fn publishable(group_size: usize, hits: usize) -> bool {
    hits >= MIN_GROUP && group_size.saturating_sub(hits) >= MIN_GROUP
}

/// A share (a fraction) rounded to [`SHARE_DECIMALS`] for publication.
pub fn round_share(share: f64) -> f64 {
    let scale = 10f64.powi(SHARE_DECIMALS);
    // Adding zero turns -0.0 into 0.
    (share * scale).round() / scale + 0.0
}

/// A count's place in a [`Release`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountId(usize);

/// What the published outputs show of a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Nothing: suppressed, or never published (like the households that did
    /// not answer a question, a group no table names).
    Suppressed,
    /// That it lies within these bounds (equal when the count is published
    /// exactly, apart when only a rounded share of it is).
    Within(usize, usize),
}

/// One count of households: how many of a group chose something.
#[derive(Debug, Clone)]
pub struct Count {
    /// Where it is published, for messages (`shares_by_group leeftijd=65+ parkeren`).
    pub label: String,
    /// Its true value.
    pub value: usize,
    /// The group's size, which a reader is assumed to know.
    pub group_size: usize,
    /// Whether the primary rule suppresses it: a group with members whose
    /// count is under [`MIN_GROUP`] or within [`MIN_GROUP`] of its size.
    pub sensitive: bool,
    /// What is published of it.
    pub shown: Shown,
}

/// A sum that holds between counts: `total` is the sum of `parts`, like the
/// households that chose an option and its groups by one background question,
/// each part taken `weights` times (1 for a plain sum; the sum of an item's
/// answers is each value's count times the value).
#[derive(Debug, Clone)]
pub struct Line {
    /// The total.
    pub total: CountId,
    /// The parts, which add up to the total.
    pub parts: Vec<CountId>,
    /// How many times each part counts in the total.
    pub weights: Vec<u32>,
}

/// Parts that together are at most a bound (options of which a household can
/// choose only one, within one group).
#[derive(Debug, Clone)]
pub struct AtMost {
    /// The parts.
    pub parts: Vec<CountId>,
    /// Their sum's upper bound.
    pub bound: usize,
}

/// The counts behind one run's published outputs and what ties them: what a
/// reader of every output together knows. A count starts published exactly
/// unless the primary rule suppresses it; [`protect::protect`] suppresses more.
#[derive(Debug, Clone, Default)]
pub struct Release {
    counts: Vec<Count>,
    lines: Vec<Line>,
    at_most: Vec<AtMost>,
}

impl Release {
    /// Adds a count published exactly unless the primary rule suppresses it.
    pub fn count(&mut self, label: impl Into<String>, group_size: usize, value: usize) -> CountId {
        let sensitive = group_size > 0 && !publishable(group_size, value);
        self.push(Count {
            label: label.into(),
            value,
            group_size,
            sensitive,
            shown: if sensitive {
                Shown::Suppressed
            } else {
                Shown::Within(value, value)
            },
        })
    }

    /// Adds a count every reader knows and nothing suppresses (like the
    /// number of answers to an item, published beside its mean): a constant
    /// of the sums it is in, never chosen as a complement.
    pub fn known(&mut self, label: impl Into<String>, value: usize) -> CountId {
        self.push(Count {
            label: label.into(),
            value,
            group_size: 0,
            sensitive: false,
            shown: Shown::Within(value, value),
        })
    }

    /// Adds a count that no output publishes (like the households that did
    /// not answer a question); it needs protection when the primary rule says so.
    pub fn unpublished(
        &mut self,
        label: impl Into<String>,
        group_size: usize,
        value: usize,
    ) -> CountId {
        let id = self.count(label, group_size, value);
        self.counts[id.0].shown = Shown::Suppressed;
        id
    }

    /// Adds a count as it is.
    pub fn push(&mut self, count: Count) -> CountId {
        self.counts.push(count);
        CountId(self.counts.len() - 1)
    }

    /// Records that `parts` add up to `total`.
    pub fn line(&mut self, total: CountId, parts: Vec<CountId>) {
        let weights = vec![1; parts.len()];
        self.lines.push(Line {
            total,
            parts,
            weights,
        });
    }

    /// Records that `total` is the sum of each part times its weight.
    pub fn weighted_line(&mut self, total: CountId, parts: Vec<(CountId, u32)>) {
        let (parts, weights) = parts.into_iter().unzip();
        self.lines.push(Line {
            total,
            parts,
            weights,
        });
    }

    /// Records that `parts` add up to at most `bound`.
    pub fn at_most(&mut self, parts: Vec<CountId>, bound: usize) {
        self.at_most.push(AtMost { parts, bound });
    }

    /// Suppresses a count.
    pub fn suppress(&mut self, id: CountId) {
        self.counts[id.0].shown = Shown::Suppressed;
    }

    /// Publishes a count only as lying within `lower..=upper` (a rounded figure).
    pub fn show_within(&mut self, id: CountId, lower: usize, upper: usize) {
        self.counts[id.0].shown = Shown::Within(lower, upper);
    }

    /// A count.
    pub fn get(&self, id: CountId) -> &Count {
        &self.counts[id.0]
    }

    /// Whether a count is published (exactly or within bounds).
    pub fn is_shown(&self, id: CountId) -> bool {
        self.counts[id.0].shown != Shown::Suppressed
    }

    /// Every count with its id.
    pub fn counts(&self) -> impl Iterator<Item = (CountId, &Count)> {
        self.counts.iter().enumerate().map(|(i, c)| (CountId(i), c))
    }

    /// The sums.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The upper bounds on sums.
    pub fn bounds(&self) -> &[AtMost] {
        &self.at_most
    }
}

#[cfg(test)]
mod tests {
    use super::{Shown, publishable, round_share};

    #[test]
    fn both_cells_need_ten() {
        assert!(!publishable(18, 18));
        assert!(!publishable(18, 0));
        assert!(!publishable(20, 9));
        assert!(!publishable(20, 11), "nine did not choose it");
        assert!(publishable(20, 10));
    }

    #[test]
    fn shares_are_published_to_a_tenth_of_a_percent() {
        assert_eq!(round_share(0.123_456), 0.123);
        assert_eq!(round_share(-0.000_1), 0.0);
    }

    #[test]
    fn the_primary_rule_decides_what_starts_suppressed() {
        let mut release = super::Release::default();
        let small = release.count("small", 5, 2);
        let large = release.count("large", 40, 20);
        let empty = release.count("empty", 0, 0);
        assert_eq!(release.get(small).shown, Shown::Suppressed);
        assert_eq!(release.get(large).shown, Shown::Within(20, 20));
        assert!(!release.get(empty).sensitive && release.is_shown(empty));
    }
}
