//! The follow-up sample: a stratified random sample of households that took
//! part, for the municipality's evaluation of the method.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Draws `n` of `households` (reference, stratum) stratified by stratum, with
/// proportional allocation (largest remainders, ties to the larger stratum, then
/// by name), seeded so that the same seed draws the same sample. Returns the
/// drawn (reference, stratum) pairs sorted by stratum and reference.
pub fn stratified(households: &[(String, String)], n: usize, seed: u64) -> Vec<(String, String)> {
    let mut strata: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (household_ref, stratum) in households {
        strata.entry(stratum).or_default().push(household_ref);
    }
    let total = households.len();
    let n = n.min(total);
    if n == 0 {
        return Vec::new();
    }
    // Proportional allocation by largest remainders.
    let mut allocation: Vec<(&str, usize, f64)> = strata
        .iter()
        .map(|(stratum, members)| {
            let exact = n as f64 * members.len() as f64 / total as f64;
            (*stratum, exact.floor() as usize, exact - exact.floor())
        })
        .collect();
    let mut left = n - allocation.iter().map(|(_, k, _)| k).sum::<usize>();
    let mut order: Vec<usize> = (0..allocation.len()).collect();
    order.sort_by(|&a, &b| {
        allocation[b]
            .2
            .total_cmp(&allocation[a].2)
            .then(
                strata[allocation[b].0]
                    .len()
                    .cmp(&strata[allocation[a].0].len()),
            )
            .then(allocation[a].0.cmp(allocation[b].0))
    });
    for idx in order {
        if left == 0 {
            break;
        }
        if allocation[idx].1 < strata[allocation[idx].0].len() {
            allocation[idx].1 += 1;
            left -= 1;
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut drawn = Vec::new();
    for (stratum, k, _) in allocation {
        let mut members = strata[stratum].clone();
        members.sort_unstable();
        members.shuffle(&mut rng);
        let mut picked: Vec<&str> = members.into_iter().take(k).collect();
        picked.sort_unstable();
        drawn.extend(
            picked
                .into_iter()
                .map(|r| (r.to_string(), stratum.to_string())),
        );
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    fn households() -> Vec<(String, String)> {
        let mut all = Vec::new();
        for (stratum, size) in [("a", 60), ("b", 30), ("c", 10)] {
            for idx in 0..size {
                all.push((format!("{stratum}{idx:03}"), stratum.to_string()));
            }
        }
        all
    }

    #[test]
    fn allocation_is_proportional_and_seeded() {
        let drawn = stratified(&households(), 20, 7);
        let count = |s: &str| drawn.iter().filter(|(_, stratum)| stratum == s).count();
        assert_eq!((count("a"), count("b"), count("c")), (12, 6, 2));
        assert_eq!(drawn, stratified(&households(), 20, 7));
        assert_ne!(drawn, stratified(&households(), 20, 8));
    }

    #[test]
    fn never_draws_more_than_there_are() {
        assert_eq!(stratified(&households(), 500, 1).len(), 100);
        assert!(stratified(&[], 5, 1).is_empty());
    }
}
