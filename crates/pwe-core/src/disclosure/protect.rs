//! Complementary suppression: after the primary rule, suppress more counts
//! until the [`audit`] finds no sensitive count pinned down.
//!
//! Each round audits the release and, for every exposed count, suppresses a
//! complement in a sum it is a part of: first in each sum where it is the only
//! suppressed part (the total minus the rest would give it back), else in one
//! sum where the suppressed parts together still give it away. The complement
//! is the published part with the smallest group (then the smallest count),
//! which costs the least information; the total only when no part is left.
//! Rounds repeat until the audit passes; every round suppresses at least one
//! more count, so it ends.

use std::collections::BTreeSet;

use super::audit::{AuditError, Exposure, audit};
use super::{CountId, Line, Release};

/// Why a release could not be protected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProtectError {
    /// The audit failed.
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// A count stays exposed with nothing left to suppress around it.
    #[error("{0}; nothing is left to suppress around it")]
    Unprotectable(String),
}

/// Suppresses complements until the audit passes; returns them in the order
/// they were suppressed.
///
/// # Errors
/// An audit failure, or a count that cannot be protected.
pub fn protect(release: &mut Release) -> Result<Vec<CountId>, ProtectError> {
    let mut added = Vec::new();
    loop {
        let exposed = audit(release)?;
        if exposed.is_empty() {
            return Ok(added);
        }
        let mut chosen = BTreeSet::new();
        // Sums where an exposed count is the only suppressed part.
        for exposure in &exposed {
            for line in lines_with_part(release, exposure.count) {
                let alone = !line.parts.iter().any(|&p| {
                    p != exposure.count && !release.is_shown(p) && release.get(p).group_size > 0
                });
                if alone
                    && release.is_shown(line.total)
                    && let Some(complement) = complement(release, line, &chosen)
                {
                    chosen.insert(complement);
                }
            }
        }
        if chosen.is_empty() {
            for exposure in &exposed {
                let complement = lines_with_part(release, exposure.count)
                    .find_map(|line| complement(release, line, &chosen))
                    .or_else(|| any_tied(release, exposure, &chosen));
                match complement {
                    Some(complement) => {
                        chosen.insert(complement);
                    }
                    None => return Err(ProtectError::Unprotectable(exposure.to_string())),
                }
            }
        }
        for id in chosen {
            release.suppress(id);
            added.push(id);
        }
    }
}

fn lines_with_part(release: &Release, id: CountId) -> impl Iterator<Item = &Line> {
    release
        .lines
        .iter()
        .filter(move |line| line.parts.contains(&id))
}

/// The published part of `line` with the smallest group (then count), or its
/// total when every part is suppressed (unless every reader knows it).
fn complement(release: &Release, line: &Line, chosen: &BTreeSet<CountId>) -> Option<CountId> {
    let open = |id: &CountId| release.is_shown(*id) && !chosen.contains(id);
    line.parts
        .iter()
        .copied()
        .filter(|id| open(id) && release.get(*id).group_size > 0)
        .min_by_key(|&id| (release.get(id).group_size, release.get(id).value, id))
        .or_else(|| Some(line.total).filter(|id| open(id) && release.get(*id).group_size > 0))
}

/// Any published count in a relation with the exposed one, smallest group first.
fn any_tied(release: &Release, exposure: &Exposure, chosen: &BTreeSet<CountId>) -> Option<CountId> {
    let lines = release
        .lines
        .iter()
        .filter(|line| line.total == exposure.count || line.parts.contains(&exposure.count))
        .flat_map(|line| std::iter::once(line.total).chain(line.parts.iter().copied()));
    let bounds = release
        .at_most
        .iter()
        .filter(|bound| bound.parts.contains(&exposure.count))
        .flat_map(|bound| bound.parts.iter().copied());
    lines
        .chain(bounds)
        .filter(|id| {
            release.is_shown(*id) && !chosen.contains(id) && release.get(*id).group_size > 0
        })
        .min_by_key(|&id| (release.get(id).group_size, release.get(id).value, id))
}

#[cfg(test)]
mod tests {
    use super::protect;
    use crate::disclosure::{Release, audit::audit};

    #[test]
    fn the_smallest_published_group_complements_a_lone_cell() {
        let mut release = Release::default();
        let total = release.count("total", 101, 51);
        let parts = vec![
            release.count("one household", 1, 1),
            release.count("large", 60, 30),
            release.count("smaller", 40, 20),
        ];
        release.line(total, parts.clone());
        assert_eq!(audit(&release).unwrap().len(), 1);
        assert_eq!(protect(&mut release).unwrap(), vec![parts[2]]);
        assert!(audit(&release).unwrap().is_empty());
        assert!(release.is_shown(total) && release.is_shown(parts[1]));
    }

    #[test]
    fn every_line_of_a_group_gets_its_complement() {
        // The same overall count split by two questions, each with a lone
        // small group: both lines need a complement.
        let mut release = Release::default();
        let total = release.count("total", 100, 50);
        let by_age = vec![
            release.count("age small", 3, 1),
            release.count("age a", 47, 24),
            release.count("age b", 50, 25),
        ];
        let by_car = vec![
            release.count("car small", 2, 2),
            release.count("car a", 48, 23),
            release.count("car b", 50, 25),
        ];
        release.line(total, by_age.clone());
        release.line(total, by_car.clone());
        let added = protect(&mut release).unwrap();
        assert_eq!(added, vec![by_age[1], by_car[1]]);
        assert!(audit(&release).unwrap().is_empty());
    }

    #[test]
    fn a_rare_overall_choice_suppresses_its_exclusive_partner() {
        // An exclusive group's total with one rarely chosen option: the
        // group's count minus the other option's would give it back.
        let mut release = Release::default();
        let rare = release.count("rare", 100, 2);
        let common = release.count("common", 100, 40);
        let group = release.count("group", 100, 42);
        release.line(group, vec![rare, common]);
        protect(&mut release).unwrap();
        assert!(!release.is_shown(common));
        assert!(audit(&release).unwrap().is_empty());
    }
}
