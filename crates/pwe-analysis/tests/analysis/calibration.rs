//! Calibration of the representativeness verdicts on `pwe simulate`'s own
//! draws: with every household responding by the same chance, the census
//! test must reject about 5% per margin and the R-indicator's interval must
//! hold R = 1 about 95% of the time. The record in docs/weighting.md comes
//! from `scripts/calibrate-simulate.sh` (2,000 replicates per response rate,
//! run by hand); CI runs three replicates as a smoke test.

use pwe_analysis::simulate::{SimConfig, simulate};
use pwe_core::weighting::representativeness::{ALPHA, ResponseVerdict, assess};
use pwe_core::weighting::responses::rake_responses;

use crate::{Mall, mall};

/// The seed of the first replicate; replicate r uses `SEED + r`.
const SEED: u64 = 20_261_207;

/// What the replicates found at one response rate.
#[derive(Debug)]
struct Found {
    /// Per margin variable: how many replicates the census test rejected.
    rejected: Vec<(String, usize)>,
    /// Replicates whose overall R interval held R = 1.
    covered: usize,
    /// Replicates whose verdict was other than "no sign of selective response".
    verdict_other: usize,
    mean_r_adjusted: f64,
}

fn replicate(mall: &Mall, rate: f64, replicates: usize) -> Found {
    let n = (rate * mall.census.households() as f64).round() as usize;
    let mut rejected: Vec<(String, usize)> = mall
        .margins
        .iter()
        .map(|m| (m.variable.clone(), 0))
        .collect();
    let (mut covered, mut verdict_other, mut r_sum) = (0, 0, 0.0);
    for r in 0..replicates {
        let config = SimConfig {
            n,
            seed: SEED + r as u64,
            bias: false,
        };
        let households = simulate(&mall.survey, &mall.census, &mall.params, config).unwrap();
        let buurt: Vec<&str> = households.iter().map(|h| h.buurt.as_str()).collect();
        let background: Vec<Vec<Option<&str>>> = (0..mall.survey.background().len())
            .map(|q| {
                households
                    .iter()
                    .map(|h| h.background[q].as_deref())
                    .collect()
            })
            .collect();
        let raking = rake_responses(&mall.survey, &mall.margins, &buurt, &background).unwrap();
        let invited: Vec<(String, f64)> = mall
            .census
            .buurten
            .iter()
            .map(|b| (b.code.clone(), b.households as f64))
            .collect();
        let assessment = assess(&raking, &mall.margins, &raking.weights, Some(&invited)).unwrap();
        for margin in &assessment.margins {
            let test = margin.test.as_ref().unwrap();
            let slot = rejected
                .iter_mut()
                .find(|(v, _)| *v == margin.variable)
                .unwrap();
            slot.1 += usize::from(test.p_value < ALPHA);
        }
        let overall = &assessment.overall;
        covered += usize::from(overall.interval.0 <= 1.0 && 1.0 <= overall.interval.1 + 1e-12);
        r_sum += overall.r_adjusted;
        verdict_other += usize::from(assessment.verdict != ResponseVerdict::NoSign);
    }
    Found {
        rejected,
        covered,
        verdict_other,
        mean_r_adjusted: r_sum / replicates as f64,
    }
}

/// The 95% Wilson interval of a binomial proportion.
fn wilson(successes: usize, n: usize) -> (f64, f64) {
    let (p, n, z) = (successes as f64 / n as f64, n as f64, 1.96);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    (centre - half, centre + half)
}

#[test]
fn three_replicates_run_end_to_end() {
    let found = replicate(&mall(), 0.3, 3);
    assert_eq!(found.rejected.len(), 3, "{found:?}");
    assert!(found.mean_r_adjusted > 0.9, "{found:?}");
}

/// `scripts/calibrate-simulate.sh`: `PWE_REPLICATES` replicates (default
/// 2,000) at 10% and 30% response; prints the rows of docs/weighting.md.
#[test]
#[ignore = "thousands of replicates; run by hand with scripts/calibrate-simulate.sh"]
fn calibration_of_simulate() {
    let replicates: usize = std::env::var("PWE_REPLICATES").map_or(2000, |v| v.parse().unwrap());
    let mall = mall();
    let mut failures = Vec::new();
    for rate in [0.1, 0.3] {
        let found = replicate(&mall, rate, replicates);
        let mut row = format!("| {:.0}% |", rate * 100.0);
        for (variable, rejected) in &found.rejected {
            let (low, high) = wilson(*rejected, replicates);
            row.push_str(&format!(
                " {variable} {:.3} ({low:.3}–{high:.3}) |",
                *rejected as f64 / replicates as f64
            ));
            if !(low..=high).contains(&ALPHA) {
                failures.push(format!(
                    "{rate}: {variable} rejects {rejected} of {replicates}"
                ));
            }
        }
        let coverage = found.covered as f64 / replicates as f64;
        let other = found.verdict_other as f64 / replicates as f64;
        row.push_str(&format!(
            " {coverage:.3} | {other:.3} | {:.4} |",
            found.mean_r_adjusted
        ));
        println!("{row}");
        if !(0.93..=0.97).contains(&coverage) {
            failures.push(format!("{rate}: the R interval covers {coverage:.3}"));
        }
        if other > 0.08 {
            failures.push(format!(
                "{rate}: a verdict other than no sign in {other:.3}"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
