//! Weighted proportions with their variance and 95% intervals.
//!
//! The variance is the linearisation (Taylor) variance of a ratio estimator for
//! a sample of independent respondents (`svydesign(ids = ~1, weights = ~w)` in
//! R's survey package), optionally accounting for raking: calibration removes
//! the part of each respondent's influence that the margins explain, which is
//! why raked shares are usually more precise than the design effect suggests.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use statrs::distribution::{Beta, ContinuousCDF, Normal};

use super::design::Calibration;
use super::rake::{RakeConfig, rake_calibration};
use super::{WeightingError, is_positive};

/// How the variance accounts for the weights having been raked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// As if the weights were fixed: R's `svydesign(ids = ~1, weights = ~w)`.
    None,
    /// Residuals of the exact regression on the margins' categories, weighted
    /// as R's `calibrate(..., calfun = "raking")` does.
    Calibrate,
    /// Ten sweeps of subtracting each margin category's mean, as R's `rake()` does.
    Rake,
}

/// A weighted proportion with its standard error and 95% intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Proportion {
    /// The weighted share, Σw·y / Σw.
    pub estimate: f64,
    /// The linearisation standard error.
    pub se: f64,
    /// The number of respondents.
    pub n: usize,
    /// The effective sample size p(1−p)/var, at most n, which the intervals use.
    pub effective_n: f64,
    /// The Korn–Graubard (beta) interval, as R's `svyciprop(method = "beta")`.
    pub korn_graubard: (f64, f64),
    /// The Wilson score interval with the effective sample size.
    pub wilson: (f64, f64),
}

/// The confidence level of every interval.
pub const LEVEL: f64 = 0.95;

/// The weighted proportion of respondents for whom `y` holds.
///
/// `calibration` (with `adjustment` other than `None`) makes the variance
/// account for the raking that produced `weights`.
///
/// # Errors
/// Lengths that differ, fewer than two respondents, or a calibration of another sample.
pub fn proportion(
    y: &[bool],
    weights: &[f64],
    calibration: Option<&Calibration>,
    adjustment: Adjustment,
) -> Result<Proportion, WeightingError> {
    let n = y.len();
    if weights.len() != n || n < 2 {
        return Err(WeightingError::BadConfig(format!(
            "a proportion needs at least two respondents and one weight per answer ({} answers, {} weights)",
            n,
            weights.len()
        )));
    }
    if let Some(calibration) = calibration
        && calibration.n_respondents() != n
    {
        return Err(WeightingError::BadConfig(format!(
            "the calibration has {} respondents, the answers {n}",
            calibration.n_respondents()
        )));
    }
    let total: f64 = weights.iter().sum();
    let estimate = y
        .iter()
        .zip(weights)
        .filter(|(y, _)| **y)
        .map(|(_, w)| w)
        .sum::<f64>()
        / total;
    // The influence of each respondent on the estimate (its estimating function).
    let mut influence: Vec<f64> = y
        .iter()
        .zip(weights)
        .map(|(&y, &w)| w * (f64::from(u8::from(y)) - estimate) / total)
        .collect();
    match (calibration, adjustment) {
        (Some(calibration), Adjustment::Calibrate) => {
            calibrate_residuals(&mut influence, weights, calibration)?
        }
        (Some(calibration), Adjustment::Rake) => {
            rake_residuals(&mut influence, weights, calibration)
        }
        _ => {}
    }
    let mean = influence.iter().sum::<f64>() / n as f64;
    let variance =
        n as f64 / (n as f64 - 1.0) * influence.iter().map(|z| (z - mean).powi(2)).sum::<f64>();
    let se = variance.sqrt();
    // Korn and Graubard (1998) cap the effective size at n (a design effect
    // below 1, which calibration can give, must not make an interval narrower
    // than that of a simple random sample); R's svyciprop does not cap.
    let effective_n = if variance > 0.0 {
        (estimate * (1.0 - estimate) / variance).min(n as f64)
    } else {
        n as f64
    };
    Ok(Proportion {
        estimate,
        se,
        n,
        effective_n,
        korn_graubard: korn_graubard(estimate, effective_n),
        wilson: wilson(estimate, effective_n),
    })
}

/// The Korn–Graubard interval: Clopper–Pearson's beta quantiles with the
/// effective sample size, as R's `svyciprop(method = "beta")` for a design
/// whose degrees of freedom are n − 1.
pub fn korn_graubard(p: f64, effective_n: f64) -> (f64, f64) {
    let alpha = 1.0 - LEVEL;
    let lower = if p <= 0.0 {
        0.0
    } else {
        beta_quantile(alpha / 2.0, effective_n * p, effective_n * (1.0 - p) + 1.0)
    };
    let upper = if p >= 1.0 {
        1.0
    } else {
        beta_quantile(
            1.0 - alpha / 2.0,
            effective_n * p + 1.0,
            effective_n * (1.0 - p),
        )
    };
    (lower, upper)
}

/// The Wilson score interval for a share `p` of `n` (effective) respondents.
pub fn wilson(p: f64, n: f64) -> (f64, f64) {
    let z = normal_quantile(1.0 - (1.0 - LEVEL) / 2.0);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

fn normal_quantile(p: f64) -> f64 {
    Normal::new(0.0, 1.0).map_or(f64::NAN, |normal| normal.inverse_cdf(p))
}

/// The `p`-quantile of Beta(a, b), refined by Newton steps on statrs's
/// regularised incomplete beta so that it agrees with R's `qbeta` to about
/// 1e-12, kept inside a bisection bracket so that a step never leaves (0, 1).
fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let Ok(dist) = Beta::new(a, b) else {
        return f64::NAN;
    };
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut x = dist
        .inverse_cdf(p)
        .clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON);
    for _ in 0..100 {
        let f = dist.cdf(x) - p;
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = statrs::distribution::Continuous::pdf(&dist, x);
        let mut next = x - f / density;
        if !(next > lo && next < hi && next.is_finite()) {
            next = 0.5 * (lo + hi);
        }
        if (next - x).abs() <= 1e-15 * x.max(1e-300) {
            x = next;
            break;
        }
        x = next;
    }
    x
}

/// Replaces each influence value by its residual from a weighted regression on
/// the margins' categories (an intercept plus treatment dummies), exactly as R's
/// survey package does for `calibrate(..., calfun = "raking")`:
/// z ← z − w·m'β with β = (Σ b·m m')⁻¹ Σ m·z·b/w, b the starting weights.
fn calibrate_residuals(
    influence: &mut [f64],
    weights: &[f64],
    calibration: &Calibration,
) -> Result<(), WeightingError> {
    let variables = calibration.variables();
    let offsets: Vec<usize> = variables
        .iter()
        .scan(1, |next, v| {
            let offset = *next;
            *next += v.categories.len() - 1;
            Some(offset)
        })
        .collect();
    let p = 1 + variables
        .iter()
        .map(|v| v.categories.len() - 1)
        .sum::<usize>();
    // The model row of a respondent: 1, then a 1 for every category but the first.
    let mut row = Vec::with_capacity(variables.len() + 1);
    let fill_row = |respondent: usize, row: &mut Vec<usize>| {
        row.clear();
        row.push(0);
        for (v, &offset) in offsets.iter().enumerate() {
            let code = calibration.codes(v)[respondent] as usize;
            if code > 0 {
                row.push(offset + code - 1);
            }
        }
    };
    let base = calibration.base_weights();
    let mut xtx = vec![0.0; p * p];
    let mut xtz = vec![0.0; p];
    for respondent in 0..influence.len() {
        fill_row(respondent, &mut row);
        let b = base[respondent];
        let z = influence[respondent] * b / weights[respondent];
        for &j in &row {
            xtz[j] += z;
            for &k in &row {
                xtx[j * p + k] += b;
            }
        }
    }
    let beta = solve_symmetric(&mut xtx, &mut xtz, p).ok_or_else(|| {
        WeightingError::BadConfig(
            "the margins' categories are collinear; the calibrated variance cannot be computed"
                .into(),
        )
    })?;
    for (respondent, value) in influence.iter_mut().enumerate() {
        fill_row(respondent, &mut row);
        let fitted: f64 = row.iter().map(|&j| beta[j]).sum();
        *value -= weights[respondent] * fitted;
    }
    Ok(())
}

/// Solves the symmetric positive definite system A·x = b by Cholesky
/// factorisation; `None` when A is singular.
fn solve_symmetric(a: &mut [f64], b: &mut [f64], p: usize) -> Option<Vec<f64>> {
    for j in 0..p {
        let mut diagonal = a[j * p + j];
        for k in 0..j {
            diagonal -= a[j * p + k] * a[j * p + k];
        }
        if !is_positive(diagonal - 1e-12 * a[j * p + j].abs()) {
            return None;
        }
        let diagonal = diagonal.sqrt();
        a[j * p + j] = diagonal;
        for i in j + 1..p {
            let mut value = a[i * p + j];
            for k in 0..j {
                value -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = value / diagonal;
        }
    }
    for i in 0..p {
        let mut value = b[i];
        for k in 0..i {
            value -= a[i * p + k] * b[k];
        }
        b[i] = value / a[i * p + i];
    }
    for i in (0..p).rev() {
        let mut value = b[i];
        for k in i + 1..p {
            value -= a[k * p + i] * b[k];
        }
        b[i] = value / a[i * p + i];
    }
    Some(b.to_vec())
}

/// Ten sweeps over the margins, each subtracting from every influence value the
/// weight times the unweighted mean of influence ÷ weight in its category: what
/// R's survey package does for a design made by `rake()`.
fn rake_residuals(influence: &mut [f64], weights: &[f64], calibration: &Calibration) {
    let max_categories = calibration
        .variables()
        .iter()
        .map(|v| v.categories.len())
        .max()
        .unwrap_or(0);
    let mut sums = vec![0.0; max_categories];
    let mut counts = vec![0usize; max_categories];
    for _ in 0..10 {
        for (v, variable) in calibration.variables().iter().enumerate() {
            let k = variable.categories.len();
            sums[..k].fill(0.0);
            counts[..k].fill(0);
            let codes = calibration.codes(v);
            for ((&code, &z), &w) in codes.iter().zip(influence.iter()).zip(weights) {
                sums[code as usize] += z / w;
                counts[code as usize] += 1;
            }
            for ((&code, z), &w) in codes.iter().zip(influence.iter_mut()).zip(weights) {
                *z -= w * sums[code as usize] / counts[code as usize] as f64;
            }
        }
    }
}

/// Bootstrap standard errors of weighted proportions, re-raking every replicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Bootstrap {
    /// The standard error of each proportion, over the replicates that raked.
    pub se: Vec<f64>,
    /// The replicates that raked.
    pub n_replicates: usize,
    /// Replicates that could not be raked (a category drawn empty) and were left out.
    pub n_failed: usize,
}

/// Bootstrap standard errors of the weighted shares of each `ys` indicator.
///
/// Each replicate draws n respondents with replacement (a seeded ChaCha8
/// stream, so the same seed gives the same result), multiplies their starting
/// weights by how often they were drawn, and rakes again with `config`.
///
/// # Errors
/// Indicators whose length differs from the calibration's respondents, fewer
/// than two replicates, or fewer than two that raked.
pub fn bootstrap(
    calibration: &Calibration,
    config: &RakeConfig,
    ys: &[&[bool]],
    replicates: usize,
    seed: u64,
) -> Result<Bootstrap, WeightingError> {
    let n = calibration.n_respondents();
    if ys.iter().any(|y| y.len() != n) || replicates < 2 {
        return Err(WeightingError::BadConfig(format!(
            "a bootstrap needs at least two replicates and one answer per respondent ({n})"
        )));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut estimates: Vec<Vec<f64>> = vec![Vec::with_capacity(replicates); ys.len()];
    let mut draws = vec![0u32; n];
    let mut n_failed = 0;
    for _ in 0..replicates {
        draws.fill(0);
        for _ in 0..n {
            draws[rng.random_range(0..n)] += 1;
        }
        let base: Vec<f64> = calibration
            .base_weights()
            .iter()
            .zip(&draws)
            .map(|(&b, &d)| b * f64::from(d))
            .collect();
        let Ok(raking) = rake_calibration(calibration.with_base(base), config) else {
            n_failed += 1;
            continue;
        };
        let total: f64 = raking.weights.iter().sum();
        for (y, estimates) in ys.iter().zip(&mut estimates) {
            let yes: f64 = y
                .iter()
                .zip(&raking.weights)
                .filter(|(y, _)| **y)
                .map(|(_, w)| w)
                .sum();
            estimates.push(yes / total);
        }
    }
    let n_replicates = replicates - n_failed;
    if n_replicates < 2 {
        return Err(WeightingError::BadConfig(format!(
            "only {n_replicates} of {replicates} bootstrap replicates could be raked"
        )));
    }
    let se = estimates
        .iter()
        .map(|values| {
            let mean = values.iter().sum::<f64>() / n_replicates as f64;
            (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n_replicates as f64 - 1.0))
                .sqrt()
        })
        .collect();
    Ok(Bootstrap {
        se,
        n_replicates,
        n_failed,
    })
}
