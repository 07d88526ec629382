use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::weighting::indicators::chi_square;
use crate::weighting::{RakeConfig, Sample, rake};

/// The households of the eight Mall buurten (CBS, fixtures/mall-buurten.csv).
const BUURTEN: [f64; 8] = [780.0, 640.0, 520.0, 710.0, 590.0, 450.0, 690.0, 620.0];
/// Household types and their shares, drawn independently of the buurt.
const TYPES: [(&str, f64); 3] = [("een", 0.37), ("zonder", 0.33), ("met", 0.30)];

struct Household {
    buurt: usize,
    kind: usize,
}

fn population(rng: &mut ChaCha8Rng) -> Vec<Household> {
    let mut households = Vec::new();
    for (buurt, &size) in BUURTEN.iter().enumerate() {
        for _ in 0..size as usize {
            let u: f64 = rng.random();
            let kind = if u < TYPES[0].1 {
                0
            } else if u < TYPES[0].1 + TYPES[1].1 {
                1
            } else {
                2
            };
            households.push(Household { buurt, kind });
        }
    }
    households
}

fn margin(variable: &str, targets: Vec<(String, f64)>) -> Margin {
    Margin {
        variable: variable.into(),
        targets,
        kind: TargetKind::Counts,
    }
}

/// What random response looks like to each statistic, over `replicates`.
#[derive(Debug)]
struct Calibration {
    /// Share of replicates in which the census test rejects at 5%: buurt, type.
    census_rejects: [f64; 2],
    /// The same for the goodness-of-fit test that ignores the census.
    naive_rejects: [f64; 2],
    /// Mean R-indicator from the raked weights, unadjusted and adjusted.
    mean_r: f64,
    mean_r_adjusted: f64,
    /// Mean buurt R-indicator from the cells, unadjusted and adjusted.
    mean_cell_r: f64,
    mean_cell_r_adjusted: f64,
}

/// Every household responds with probability `rate`, independently of
/// everything: the null hypothesis of every test and an R of 1.
fn simulate(seed: u64, replicates: usize, rate: f64) -> Calibration {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let households = population(&mut rng);
    let mut type_counts = [0.0; 3];
    for h in &households {
        type_counts[h.kind] += 1.0;
    }
    let margins = vec![
        margin(
            "buurt",
            BUURTEN
                .iter()
                .enumerate()
                .map(|(b, &n)| (b.to_string(), n))
                .collect(),
        ),
        margin(
            "type",
            TYPES
                .iter()
                .zip(type_counts)
                .map(|((name, _), n)| (name.to_string(), n))
                .collect(),
        ),
    ];
    let (mut census, mut naive) = ([0usize; 2], [0usize; 2]);
    let (mut r, mut r_adjusted, mut cell_r, mut cell_r_adjusted) = (0.0, 0.0, 0.0, 0.0);
    for _ in 0..replicates {
        let respondents: Vec<&Household> = households
            .iter()
            .filter(|_| rng.random::<f64>() < rate)
            .collect();
        let columns = vec![
            (
                "buurt".to_string(),
                respondents
                    .iter()
                    .map(|h| Some(h.buurt.to_string()))
                    .collect(),
            ),
            (
                "type".to_string(),
                respondents
                    .iter()
                    .map(|h| Some(TYPES[h.kind].0.to_string()))
                    .collect(),
            ),
        ];
        let raking = rake(
            &Sample::new(columns, None).unwrap(),
            &margins,
            &RakeConfig::default(),
        )
        .unwrap();
        let assessment = assess(&raking, &margins, &raking.weights, None).unwrap();
        for (m, margin) in assessment.margins.iter().enumerate() {
            census[m] += usize::from(margin.test.unwrap().p_value < ALPHA);
            let observed: Vec<f64> = margin.categories.iter().map(|c| c.n as f64).collect();
            let shares: Vec<f64> = margin.categories.iter().map(|c| c.population_pct).collect();
            naive[m] += usize::from(chi_square(&observed, &shares).unwrap().p_value < ALPHA);
        }
        r += assessment.overall.r;
        r_adjusted += assessment.overall.r_adjusted;
        let buurt = assessment.margins[0].indicator.as_ref().unwrap();
        cell_r += buurt.r;
        cell_r_adjusted += buurt.r_adjusted;
    }
    let share = |count: usize| count as f64 / replicates as f64;
    let mean = |sum: f64| sum / replicates as f64;
    Calibration {
        census_rejects: census.map(share),
        naive_rejects: naive.map(share),
        mean_r: mean(r),
        mean_r_adjusted: mean(r_adjusted),
        mean_cell_r: mean(cell_r),
        mean_cell_r_adjusted: mean(cell_r_adjusted),
    }
}

#[test]
fn under_random_response_the_census_test_rejects_five_percent_and_r_is_near_one() {
    // 2,000 replicates: a rejection rate of 0.05 has a standard error of 0.005.
    let found = simulate(20261201, 2000, 0.3);
    for rejects in found.census_rejects {
        assert!((0.04..=0.06).contains(&rejects), "{found:?}");
    }
    // The test that ignores the census is far too timid at 30% response.
    for rejects in found.naive_rejects {
        assert!(rejects < 0.015, "{found:?}");
    }
    // The bias adjustment takes away most of R's shortfall from 1.
    assert!(found.mean_r < 0.97, "{found:?}");
    assert!(
        1.0 - found.mean_r_adjusted < (1.0 - found.mean_r) / 2.0,
        "{found:?}"
    );
    assert!(
        1.0 - found.mean_cell_r_adjusted < (1.0 - found.mean_cell_r) / 2.0,
        "{found:?}"
    );
}

/// The figures recorded in docs/weighting.md: `cargo test -p pwe-core --release
/// -- --ignored calibration_record --nocapture`.
#[test]
#[ignore = "20,000 replicates; run by hand to record docs/weighting.md"]
fn calibration_record() {
    for rate in [0.1, 0.3, 0.6] {
        println!("rate {rate}: {:?}", simulate(20261201, 20_000, rate));
    }
}

#[test]
fn the_interval_of_a_real_difference_covers_the_true_r() {
    // Two buurten of 2,000 households responding at 20% and 40%: S = 0.1, R = 0.8.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let replicates = 1000;
    let mut covered = 0;
    for _ in 0..replicates {
        let respond = |rng: &mut ChaCha8Rng, rate: f64| {
            (0..2000).filter(|_| rng.random::<f64>() < rate).count() as f64
        };
        let (a, b) = (respond(&mut rng, 0.2), respond(&mut rng, 0.4));
        let cells = [
            ResponseCell {
                label: "a".into(),
                population: 2000.0,
                respondents: a,
            },
            ResponseCell {
                label: "b".into(),
                population: 2000.0,
                respondents: b,
            },
        ];
        let indicator = r_indicator(&cells).unwrap();
        covered += usize::from(indicator.interval.0 <= 0.8 && 0.8 <= indicator.interval.1);
    }
    let coverage = covered as f64 / replicates as f64;
    assert!((0.93..=0.97).contains(&coverage), "coverage {coverage}");
}

fn raking_of(buurt: &[&str], missing_type: usize) -> (Raking, Vec<Margin>) {
    let types = ["een", "zonder", "met"];
    let columns = vec![
        (
            "buurt".to_string(),
            buurt
                .iter()
                .map(|b| Some(b.to_string()))
                .collect::<Vec<_>>(),
        ),
        (
            "type".to_string(),
            (0..buurt.len())
                .map(|i| (i >= missing_type).then(|| types[i % 3].to_string()))
                .collect(),
        ),
    ];
    let margins = vec![
        margin("buurt", vec![("a".into(), 500.0), ("b".into(), 500.0)]),
        Margin {
            variable: "type".into(),
            targets: vec![
                ("een".into(), 0.5),
                ("zonder".into(), 0.25),
                ("met".into(), 0.25),
            ],
            kind: TargetKind::Proportions,
        },
    ];
    let mut config = RakeConfig::default();
    config.design.missing = crate::weighting::design::Missing::OwnCategory;
    let raking = rake(&Sample::new(columns, None).unwrap(), &margins, &config).unwrap();
    (raking, margins)
}

#[test]
fn the_missing_category_is_reported_apart_and_adds_no_degree_of_freedom() {
    // 90 in buurt a, 30 in b; the first 12 did not give their type.
    let mut buurt = vec!["a"; 90];
    buurt.extend(vec!["b"; 30]);
    let (raking, margins) = raking_of(&buurt, 12);
    let assessment = assess(&raking, &margins, &raking.weights, None).unwrap();
    let kind = &assessment.margins[1];
    assert_eq!(kind.missing, 12);
    assert!((kind.missing_pct - 10.0).abs() < 1e-12);
    assert_eq!(kind.test.unwrap().df, 2.0);
    assert!(kind.shares_only);
    // The population's shares as given, not shrunk by the missing 10%.
    let population: Vec<f64> = kind.categories.iter().map(|c| c.population_pct).collect();
    assert!((population[0] - 50.0).abs() < 1e-9, "{population:?}");
    // Buurt a answered at 18%, b at 6% of 500: far beyond chance, corrected by weighting.
    let buurt = &assessment.margins[0];
    assert_eq!(buurt.verdict, MarginVerdict::Corrected);
    // By hand: the 2×2 table (90, 410; 30, 470) has X² = 33.088...
    let expected = {
        let (o, e) = ([90.0, 30.0, 410.0, 470.0], [60.0, 60.0, 440.0, 440.0]);
        o.iter()
            .zip(e)
            .map(|(o, e)| (o - e) * (o - e) / e)
            .sum::<f64>()
    };
    assert!((buurt.test.unwrap().statistic - expected).abs() < 1e-9);
    assert!((assessment.invited - 1000.0).abs() < 1e-9);
}

#[test]
fn equal_response_is_alike_and_the_invited_count_per_buurt_is_the_frame() {
    let mut buurt = vec!["a"; 60];
    buurt.extend(vec!["b"; 60]);
    let (raking, margins) = raking_of(&buurt, 0);
    let invited = [("a".to_string(), 400.0), ("b".to_string(), 400.0)];
    let assessment = assess(&raking, &margins, &raking.weights, Some(&invited)).unwrap();
    assert_eq!(assessment.margins[0].verdict, MarginVerdict::Alike);
    assert_eq!(assessment.invited, 800.0);
    assert_eq!(assessment.margins[0].test.unwrap().statistic, 0.0);
}
