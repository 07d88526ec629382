//! Raking's errors, trimming, and its invariants under random input.

use proptest::prelude::*;

use super::*;
use crate::weighting::design::{EmptyCategory, Missing, TargetKind};
use crate::weighting::diagnostics::diagnose;

fn sample(columns: &[(&str, &[&str])]) -> Sample {
    let columns = columns
        .iter()
        .map(|(name, values)| {
            let values = values
                .iter()
                .map(|v| (!v.is_empty()).then(|| v.to_string()))
                .collect();
            (name.to_string(), values)
        })
        .collect();
    Sample::new(columns, None).unwrap()
}

fn margin(variable: &str, targets: &[(&str, f64)]) -> Margin {
    Margin {
        variable: variable.into(),
        targets: targets.iter().map(|(c, t)| (c.to_string(), *t)).collect(),
        kind: TargetKind::Counts,
    }
}

/// Rakes and returns the error message.
fn error(sample: &Sample, margins: &[Margin], config: &RakeConfig) -> String {
    rake(sample, margins, config).unwrap_err().to_string()
}

fn ages() -> Sample {
    sample(&[
        ("age", &["young", "young", "old", "old", "old", "mid"]),
        ("sex", &["m", "f", "m", "f", "f", "m"]),
    ])
}

#[test]
fn one_margin_is_post_stratification() {
    let raking = rake(
        &ages(),
        &[margin(
            "age",
            &[("young", 50.0), ("mid", 30.0), ("old", 120.0)],
        )],
        &RakeConfig::default(),
    )
    .unwrap();
    assert_eq!(raking.weights, vec![25.0, 25.0, 40.0, 40.0, 40.0, 30.0]);
    assert_eq!(raking.sweeps, 1);
}

#[test]
fn explicit_errors_name_variable_and_category() {
    let config = RakeConfig::default();
    assert_eq!(
        error(
            &ages(),
            &[margin("age", &[("young", 50.0), ("old", 120.0)])],
            &config
        ),
        "margin age: 1 respondent(s) are in category mid, which the population margin does not have"
    );
    assert_eq!(
        error(
            &ages(),
            &[margin(
                "age",
                &[("young", 5.0), ("mid", 3.0), ("old", 1.0), ("baby", 2.0)]
            )],
            &config
        ),
        "margin age: no respondent is in category baby; collapse it into a neighbouring category or drop it"
    );
    assert_eq!(
        error(
            &ages(),
            &[margin("age", &[("young", 5.0), ("mid", 0.0), ("old", 1.0)])],
            &config
        ),
        "margin age, category mid: the target 0 must be a positive number"
    );
    assert_eq!(
        error(&ages(), &[margin("region", &[("north", 5.0)])], &config),
        "margin region: the respondents have no variable of that name"
    );
    let with_gap = sample(&[("age", &["young", "", "old", ""])]);
    assert_eq!(
        error(
            &with_gap,
            &[margin("age", &[("young", 5.0), ("old", 5.0)])],
            &config
        ),
        "margin age: 2 respondent(s) have no value (the first is respondent 1); give them their own category or leave the variable out"
    );
}

#[test]
fn empty_categories_can_be_collapsed_or_dropped() {
    let margins = [margin(
        "age",
        &[
            ("young", 50.0),
            ("mid", 30.0),
            ("old", 100.0),
            ("baby", 20.0),
        ],
    )];
    let mut config = RakeConfig::default();
    config.design.empty_categories = vec![(
        "age".into(),
        "baby".into(),
        EmptyCategory::CollapseInto("young".into()),
    )];
    let collapsed = rake(&ages(), &margins, &config).unwrap();
    assert_eq!(collapsed.weights[..2], [35.0, 35.0]);
    assert!(
        collapsed.warnings[0]
            .contains("category baby has no respondents and was collapsed into young")
    );

    config.design.empty_categories = vec![("age".into(), "baby".into(), EmptyCategory::Drop)];
    let dropped = rake(&ages(), &margins, &config).unwrap();
    assert!((dropped.weights.iter().sum::<f64>() - 180.0).abs() < 1e-9);
    assert!(dropped.warnings[0].contains("was dropped"));

    config.design.empty_categories = vec![(
        "age".into(),
        "baby".into(),
        EmptyCategory::CollapseInto("teen".into()),
    )];
    assert_eq!(
        error(&ages(), &margins, &config),
        "margin age: cannot collapse baby into teen, which is not a category of the margin"
    );
}

#[test]
fn missing_values_can_form_their_own_category() {
    let with_gap = sample(&[("age", &["young", "", "old", "old"])]);
    let mut config = RakeConfig::default();
    config.design.missing = Missing::OwnCategory;
    let raking = rake(
        &with_gap,
        &[margin("age", &[("young", 60.0), ("old", 60.0)])],
        &config,
    )
    .unwrap();
    // A quarter of the sample has no value; it keeps a quarter of the total (30),
    // and young and old share the remaining 90 equally.
    assert_eq!(raking.weights, vec![45.0, 30.0, 22.5, 22.5]);
}

#[test]
fn margins_with_other_totals_are_rescaled_with_a_warning() {
    let margins = [
        margin("age", &[("young", 20.0), ("mid", 30.0), ("old", 50.0)]),
        margin("sex", &[("m", 98.0), ("f", 102.0)]),
    ];
    let raking = rake(&ages(), &margins, &RakeConfig::default()).unwrap();
    assert!((raking.weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
    assert_eq!(
        raking.warnings,
        vec!["margin sex totals 200 rather than 100; its targets were rescaled to that total"]
    );
    let proportions = [Margin {
        kind: TargetKind::Proportions,
        ..margin("sex", &[("m", 0.49), ("f", 0.51)])
    }];
    let by_share = rake(&ages(), &proportions, &RakeConfig::default()).unwrap();
    assert!(
        (by_share.weights.iter().sum::<f64>() - 6.0).abs() < 1e-12,
        "proportions keep the sample's total"
    );
    assert!(by_share.warnings.is_empty());
}

#[test]
fn non_convergence_is_an_error_unless_accepted() {
    let margins = [
        margin("age", &[("young", 20.0), ("mid", 30.0), ("old", 50.0)]),
        margin("sex", &[("m", 40.0), ("f", 60.0)]),
    ];
    let mut config = RakeConfig {
        max_sweeps: 1,
        ..RakeConfig::default()
    };
    assert!(
        error(&ages(), &margins, &config).starts_with("raking did not converge: after 1 sweeps")
    );
    config.accept_nonconvergence = true;
    let raking = rake(&ages(), &margins, &config).unwrap();
    assert!(!raking.converged);
    assert!(
        raking
            .warnings
            .last()
            .unwrap()
            .starts_with("raking did not converge")
    );
}

/// A sample whose first respondent is alone in a rare category, so its weight is large.
fn skewed() -> (Sample, Vec<Margin>) {
    let mut age = vec!["old"];
    let mut sex = vec!["m"];
    for idx in 0..39 {
        age.push("young");
        sex.push(if idx % 2 == 0 { "m" } else { "f" });
    }
    age.extend(["old", "old", "old"]);
    sex.extend(["f", "f", "f"]);
    let sample = sample(&[("age", &age), ("sex", &sex)]);
    let margins = vec![
        margin("age", &[("young", 350.0), ("old", 80.0)]),
        margin("sex", &[("m", 260.0), ("f", 170.0)]),
    ];
    (sample, margins)
}

#[test]
fn trimming_caps_weights_and_keeps_margins() {
    let (sample, margins) = skewed();
    let untrimmed = rake(&sample, &margins, &RakeConfig::default()).unwrap();
    let mean = 430.0 / 43.0;
    assert!(untrimmed.weights.iter().cloned().fold(0.0, f64::max) > 2.9 * mean);
    let config = RakeConfig {
        cap: Some(2.5),
        ..RakeConfig::default()
    };
    let trimmed = rake(&sample, &margins, &config).unwrap();
    assert!(trimmed.n_trimmed > 0);
    assert!(
        trimmed
            .weights
            .iter()
            .all(|&w| w <= 2.5 * mean * (1.0 + 1e-9))
    );
    for margin in diagnose(&trimmed).margins {
        for category in margin.categories {
            assert!(
                (category.weighted_pct - category.population_pct).abs() < 1e-6,
                "{category:?}"
            );
        }
    }
}

#[test]
fn trimming_says_when_cap_and_margins_cannot_both_hold() {
    let (sample, margins) = skewed();
    let config = RakeConfig {
        cap: Some(1.2),
        ..RakeConfig::default()
    };
    let message = error(&sample, &margins, &config);
    assert!(
        message.starts_with("the weights cannot both stay within 1.2 times the mean and meet the margins: every respondent in age = old is at the cap"),
        "{message}"
    );
}

/// A random sample of up to three variables with up to four categories, every
/// category used, and random positive targets.
fn random_problem() -> impl Strategy<Value = (Vec<Vec<u8>>, Vec<Vec<f64>>, Vec<f64>)> {
    (1usize..=3, 8usize..80)
        .prop_flat_map(|(n_variables, n)| {
            let sizes = prop::collection::vec(2u8..=4, n_variables);
            (sizes, Just(n))
        })
        .prop_flat_map(|(sizes, n)| {
            let codes = sizes
                .iter()
                .map(|&k| prop::collection::vec(0..k, n))
                .collect::<Vec<_>>();
            let targets = sizes
                .iter()
                .map(|&k| prop::collection::vec(1.0f64..100.0, k as usize))
                .collect::<Vec<_>>();
            (codes, targets, prop::collection::vec(0.2f64..5.0, n))
        })
}

fn build(
    codes: &[Vec<u8>],
    targets: &[Vec<f64>],
    base: &[f64],
    order: &[usize],
) -> Option<(Sample, Vec<Margin>)> {
    // Every category must have a respondent, or raking rightly refuses.
    for (variable, column) in codes.iter().enumerate() {
        if (0..targets[variable].len() as u8).any(|k| !column.contains(&k)) {
            return None;
        }
    }
    let columns = order
        .iter()
        .map(|&v| {
            (
                format!("v{v}"),
                codes[v].iter().map(|c| Some(format!("c{c}"))).collect(),
            )
        })
        .collect();
    let sample = Sample::new(columns, Some(base.to_vec())).ok()?;
    let total: f64 = targets[0].iter().sum();
    let margins = order
        .iter()
        .map(|&v| {
            let sum: f64 = targets[v].iter().sum();
            Margin {
                variable: format!("v{v}"),
                targets: targets[v]
                    .iter()
                    .enumerate()
                    .map(|(k, t)| (format!("c{k}"), t * total / sum))
                    .collect(),
                kind: TargetKind::Counts,
            }
        })
        .collect();
    Some((sample, margins))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn raking_meets_every_margin_whatever_the_order((codes, targets, base) in random_problem()) {
        let forward: Vec<usize> = (0..codes.len()).collect();
        let Some((sample, margins)) = build(&codes, &targets, &base, &forward) else { return Ok(()); };
        let config = RakeConfig { max_sweeps: 20_000, ..RakeConfig::default() };
        // Some random samples have no solution (a zero cell pattern can make
        // margins incompatible); raking must then say it did not converge.
        let raking = match rake(&sample, &margins, &config) {
            Ok(raking) => raking,
            Err(WeightingError::NotConverged { .. }) => return Ok(()),
            Err(other) => return Err(TestCaseError::fail(other.to_string())),
        };
        let total: f64 = margins[0].targets.iter().map(|(_, t)| t).sum();
        prop_assert!(raking.weights.iter().all(|&w| w > 0.0));
        prop_assert!((raking.weights.iter().sum::<f64>() - total).abs() <= 1e-8 * total);
        for (v, margin) in margins.iter().enumerate() {
            for (k, (_, target)) in margin.targets.iter().enumerate() {
                let reached: f64 = codes[v].iter().zip(&raking.weights).filter(|(c, _)| **c as usize == k).map(|(_, w)| w).sum();
                prop_assert!((reached - target).abs() <= 1e-9 * target, "{} vs {}", reached, target);
            }
        }
        let backward: Vec<usize> = (0..codes.len()).rev().collect();
        let (sample, margins) = build(&codes, &targets, &base, &backward).unwrap();
        let reversed = rake(&sample, &margins, &config).unwrap();
        for (a, b) in raking.weights.iter().zip(&reversed.weights) {
            prop_assert!((a - b).abs() <= 1e-7 * a, "order changed a weight: {} vs {}", a, b);
        }
    }
}
