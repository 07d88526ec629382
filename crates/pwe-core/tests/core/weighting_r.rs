//! Weighting against R's survey package: the inputs and R's results are in
//! fixtures/weighting/ (made by make-reference.R there); pwe must agree to 1e-8
//! relative.

use std::collections::HashMap;
use std::path::PathBuf;

use pwe_core::weighting::diagnostics::{diagnose, quantile_sorted};
use pwe_core::weighting::indicators::chi_square;
use pwe_core::weighting::proportion::{Adjustment, proportion};
use pwe_core::weighting::{Margin, RakeConfig, Sample, TargetKind, rake};

/// The agreement the issue asks for, relative.
const AGREEMENT: f64 = 1e-8;

fn fixture(name: &str) -> PathBuf {
    crate::repo().join("fixtures/weighting").join(name)
}

/// A CSV file as rows of column name → text.
fn read_csv(name: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(fixture(name)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn number(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column].parse().unwrap()
}

fn assert_close(found: f64, expected: f64, what: &str) {
    let relative = (found - expected).abs() / expected.abs().max(1e-300);
    assert!(
        relative <= AGREEMENT,
        "{what}: pwe {found:.17e}, R {expected:.17e} (relative difference {relative:e})"
    );
}

fn column(rows: &[HashMap<String, String>], name: &str) -> Vec<Option<String>> {
    rows.iter().map(|row| Some(row[name].clone())).collect()
}

fn margins() -> Vec<Margin> {
    let rows = read_csv("margins.csv");
    ["buurt", "leeftijd", "huishouden"]
        .iter()
        .map(|variable| Margin {
            variable: variable.to_string(),
            targets: rows
                .iter()
                .filter(|row| row["variable"] == *variable)
                .map(|row| (row["category"].clone(), number(row, "target")))
                .collect(),
            kind: TargetKind::Counts,
        })
        .collect()
}

fn mall_sample() -> (Vec<HashMap<String, String>>, Sample) {
    let rows = read_csv("respondents.csv");
    let sample = Sample::new(
        ["buurt", "leeftijd", "huishouden"]
            .iter()
            .map(|v| (v.to_string(), column(&rows, v)))
            .collect(),
        None,
    )
    .unwrap();
    (rows, sample)
}

#[test]
fn classic_ipf_example_matches_r() {
    let rows = read_csv("r-ipf-classic.csv");
    let sample = Sample::new(
        vec![
            ("row".into(), column(&rows, "row")),
            ("col".into(), column(&rows, "col")),
        ],
        Some(rows.iter().map(|row| number(row, "seed")).collect()),
    )
    .unwrap();
    let margin = |variable: &str, prefix: &str, targets: [f64; 4]| Margin {
        variable: variable.into(),
        targets: (0..4)
            .map(|idx| (format!("{prefix}{}", idx + 1), targets[idx]))
            .collect(),
        kind: TargetKind::Counts,
    };
    let margins = [
        margin("row", "r", [150.0, 300.0, 400.0, 150.0]),
        margin("col", "c", [200.0, 300.0, 400.0, 100.0]),
    ];
    let raking = rake(&sample, &margins, &RakeConfig::default()).unwrap();
    assert!(raking.converged && raking.max_error <= 1e-10);
    for (row, weight) in rows.iter().zip(&raking.weights) {
        let expected = number(row, "fitted");
        assert_close(
            *weight,
            expected,
            &format!("cell {} {}", row["row"], row["col"]),
        );
        // The published example is given to four decimals.
        assert_eq!(format!("{weight:.4}"), format!("{expected:.4}"));
    }
}

#[test]
fn raked_weights_match_r_rake_and_calibrate() {
    let (_, sample) = mall_sample();
    let raking = rake(&sample, &margins(), &RakeConfig::default()).unwrap();
    for (row, weight) in read_csv("r-weights.csv").iter().zip(&raking.weights) {
        assert_close(
            *weight,
            number(row, "rake"),
            &format!("rake weight of {}", row["respondent_id"]),
        );
        assert_close(
            *weight,
            number(row, "calibrate"),
            &format!("calibrate weight of {}", row["respondent_id"]),
        );
    }
}

#[test]
fn proportions_and_intervals_match_r_svyciprop() {
    let (rows, sample) = mall_sample();
    let raking = rake(&sample, &margins(), &RakeConfig::default()).unwrap();
    for expected in read_csv("r-proportions.csv") {
        let y: Vec<bool> = rows
            .iter()
            .map(|row| row[&expected["variable"]] == "1")
            .collect();
        let adjustment = match expected["adjustment"].as_str() {
            "none" => Adjustment::None,
            "rake" => Adjustment::Rake,
            _ => Adjustment::Calibrate,
        };
        let found = proportion(&y, &raking.weights, Some(&raking.calibration), adjustment).unwrap();
        let what = format!("{} ({})", expected["variable"], expected["adjustment"]);
        assert_close(
            found.estimate,
            number(&expected, "estimate"),
            &format!("{what} estimate"),
        );
        assert_close(
            found.se,
            number(&expected, "se"),
            &format!("{what} standard error"),
        );
        assert_close(
            found.korn_graubard.0,
            number(&expected, "kg_lower"),
            &format!("{what} lower bound"),
        );
        assert_close(
            found.korn_graubard.1,
            number(&expected, "kg_upper"),
            &format!("{what} upper bound"),
        );
    }
}

#[test]
fn diagnostics_match_r() {
    let (_, sample) = mall_sample();
    let raking = rake(&sample, &margins(), &RakeConfig::default()).unwrap();
    let diagnostics = diagnose(&raking);
    let mut sorted = raking.weights.clone();
    sorted.sort_by(f64::total_cmp);
    for row in read_csv("r-diagnostics.csv") {
        let found = match row["statistic"].as_str() {
            "deff" => diagnostics.design_effect,
            "effective_n" => diagnostics.effective_n,
            percentile => quantile_sorted(&sorted, percentile[1..].parse::<f64>().unwrap() / 100.0),
        };
        assert_close(found, number(&row, "value"), &row["statistic"]);
    }
    let median = diagnostics
        .percentiles
        .iter()
        .find(|(p, _)| *p == 0.5)
        .unwrap()
        .1;
    assert_eq!(median, quantile_sorted(&sorted, 0.5));
}

#[test]
fn chi_square_matches_r_chisq_test() {
    let (rows, _) = mall_sample();
    let age = margins()
        .into_iter()
        .find(|m| m.variable == "leeftijd")
        .unwrap();
    let observed: Vec<f64> = age
        .targets
        .iter()
        .map(|(category, _)| {
            rows.iter()
                .filter(|row| &row["leeftijd"] == category)
                .count() as f64
        })
        .collect();
    let population: Vec<f64> = age.targets.iter().map(|(_, target)| *target).collect();
    let test = chi_square(&observed, &population).unwrap();
    let expected = &read_csv("r-chisq.csv")[0];
    assert_close(
        test.statistic,
        number(expected, "statistic"),
        "chi-square statistic",
    );
    assert_eq!(test.df, number(expected, "df"));
    assert_close(
        test.p_value,
        number(expected, "p_value"),
        "chi-square p-value",
    );
}

#[test]
fn bootstrap_is_seeded_and_agrees_with_linearisation() {
    use pwe_core::weighting::proportion::bootstrap;
    let (rows, sample) = mall_sample();
    let config = RakeConfig::default();
    let raking = rake(&sample, &margins(), &config).unwrap();
    let y: Vec<bool> = rows
        .iter()
        .map(|row| row["kiest_vergunning"] == "1")
        .collect();
    let first = bootstrap(&raking.calibration, &config, &[&y], 200, 7).unwrap();
    let again = bootstrap(&raking.calibration, &config, &[&y], 200, 7).unwrap();
    assert_eq!(first, again, "the same seed gives the same replicates");
    let other = bootstrap(&raking.calibration, &config, &[&y], 200, 8).unwrap();
    assert_ne!(first.se, other.se);
    let linearised = proportion(
        &y,
        &raking.weights,
        Some(&raking.calibration),
        Adjustment::Calibrate,
    )
    .unwrap();
    let ratio = first.se[0] / linearised.se;
    assert!(
        (0.8..1.25).contains(&ratio),
        "bootstrap {} vs linearised {}",
        first.se[0],
        linearised.se
    );
}

/// Where calibration explains a share almost fully its design effect falls
/// below 1; Korn and Graubard cap the effective size at n, so the interval is
/// never narrower than a simple random sample's (R's svyciprop does not cap).
#[test]
fn korn_graubard_effective_size_is_capped_at_n() {
    let (rows, sample) = mall_sample();
    let raking = rake(&sample, &margins(), &RakeConfig::default()).unwrap();
    // The share living in one buurt is fixed by the buurt margin: its
    // calibrated variance is (numerically) zero.
    let y: Vec<bool> = rows
        .iter()
        .map(|row| row["buurt"] == "BU19160201")
        .collect();
    let found = proportion(
        &y,
        &raking.weights,
        Some(&raking.calibration),
        Adjustment::Calibrate,
    )
    .unwrap();
    let uncapped = found.estimate * (1.0 - found.estimate) / found.se.powi(2);
    assert!(
        uncapped > rows.len() as f64,
        "the cap must bind: {uncapped}"
    );
    assert_eq!(found.effective_n, rows.len() as f64);
    assert_eq!(
        found.korn_graubard,
        pwe_core::weighting::proportion::korn_graubard(found.estimate, rows.len() as f64)
    );
}
