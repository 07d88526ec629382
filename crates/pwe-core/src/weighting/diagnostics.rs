//! How the weights look, and what they did to each margin.

use super::rake::Raking;

/// Summary of a set of weights and their effect on every margin.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics {
    /// The number of respondents.
    pub n: usize,
    /// The sum of the weights (the population total).
    pub sum: f64,
    /// Kish's design effect due to weighting, n·Σw²/(Σw)².
    pub design_effect: f64,
    /// The effective sample size, (Σw)²/Σw².
    pub effective_n: f64,
    /// The smallest weight.
    pub min: f64,
    /// The largest weight.
    pub max: f64,
    /// Percentiles of the weights, `(p, value)` for p in [`PERCENTILES`].
    pub percentiles: Vec<(f64, f64)>,
    /// Every margin variable, before and after weighting.
    pub margins: Vec<MarginDiagnostics>,
    /// How many weights exceed [`LARGE_WEIGHT`] times the mean weight.
    pub n_large: usize,
    /// The largest weight as a multiple of the mean weight.
    pub max_ratio: f64,
}

/// A weight above this multiple of the mean is flagged: one respondent then
/// stands for many households, and the figures lean on a single answer. Five
/// times the mean is the usual trimming point (Potter 1990; the American
/// National Election Studies cap at 5); `--cap` trims there.
pub const LARGE_WEIGHT: f64 = 5.0;

/// The percentiles reported, as fractions.
pub const PERCENTILES: [f64; 7] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/// One margin variable before and after weighting.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginDiagnostics {
    /// The variable.
    pub variable: String,
    /// Every category.
    pub categories: Vec<CategoryDiagnostics>,
    /// The largest absolute standardised mean difference of any category before weighting.
    pub max_asmd_before: f64,
    /// The same after weighting.
    pub max_asmd_after: f64,
}

/// One category of a margin variable, in percentages of the total.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryDiagnostics {
    /// The category.
    pub category: String,
    /// The number of respondents in it.
    pub n: usize,
    /// Its share of the respondents, unweighted, in %.
    pub sample_pct: f64,
    /// Its share of the weighted respondents, in %.
    pub weighted_pct: f64,
    /// Its share of the population, in %.
    pub population_pct: f64,
    /// |sample − population| over the pooled standard deviation of the two indicators.
    pub asmd_before: f64,
    /// |weighted − population| over the pooled standard deviation.
    pub asmd_after: f64,
}

impl CategoryDiagnostics {
    /// A category with `n` respondents and its unweighted, weighted and
    /// population shares (fractions).
    pub fn new(category: String, n: usize, sample: f64, weighted: f64, target: f64) -> Self {
        CategoryDiagnostics {
            category,
            n,
            sample_pct: 100.0 * sample,
            weighted_pct: 100.0 * weighted,
            population_pct: 100.0 * target,
            asmd_before: asmd(sample, target),
            asmd_after: asmd(weighted, target),
        }
    }
}

/// Kish's design effect due to weighting, n·Σw²/(Σw)².
pub fn design_effect(weights: &[f64]) -> f64 {
    let (sum, sum_sq) = sums(weights);
    weights.len() as f64 * sum_sq / (sum * sum)
}

/// The effective sample size, (Σw)²/Σw².
pub fn effective_n(weights: &[f64]) -> f64 {
    let (sum, sum_sq) = sums(weights);
    sum * sum / sum_sq
}

fn sums(weights: &[f64]) -> (f64, f64) {
    weights
        .iter()
        .fold((0.0, 0.0), |(s, q), &w| (s + w, q + w * w))
}

/// The `p`-quantile of sorted values, interpolating linearly between order
/// statistics (R's default, type 7).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The absolute standardised mean difference of two shares (fractions): their
/// difference over the pooled standard deviation of the two indicators.
pub fn asmd(p: f64, q: f64) -> f64 {
    let pooled = ((p * (1.0 - p) + q * (1.0 - q)) / 2.0).sqrt();
    if pooled > 0.0 {
        (p - q).abs() / pooled
    } else {
        0.0
    }
}

/// The diagnostics of a raking's weights against its margins.
pub fn diagnose(raking: &Raking) -> Diagnostics {
    let weights = &raking.weights;
    let calibration = &raking.calibration;
    let n = weights.len();
    let mut sorted = weights.clone();
    sorted.sort_by(f64::total_cmp);
    let (sum, _) = sums(weights);
    let margins = calibration
        .variables()
        .iter()
        .enumerate()
        .map(|(v, variable)| {
            let k = variable.categories.len();
            let mut counts = vec![0usize; k];
            let mut weighted = vec![0.0; k];
            for (&code, &w) in calibration.codes(v).iter().zip(weights) {
                counts[code as usize] += 1;
                weighted[code as usize] += w;
            }
            let population: f64 = variable.targets.iter().sum();
            let categories: Vec<CategoryDiagnostics> = (0..k)
                .map(|c| {
                    let sample = counts[c] as f64 / n as f64;
                    let weighted = weighted[c] / sum;
                    let target = variable.targets[c] / population;
                    CategoryDiagnostics::new(
                        variable.categories[c].clone(),
                        counts[c],
                        sample,
                        weighted,
                        target,
                    )
                })
                .collect();
            MarginDiagnostics {
                variable: variable.name.clone(),
                max_asmd_before: categories.iter().map(|c| c.asmd_before).fold(0.0, f64::max),
                max_asmd_after: categories.iter().map(|c| c.asmd_after).fold(0.0, f64::max),
                categories,
            }
        })
        .collect();
    Diagnostics {
        n,
        sum,
        design_effect: design_effect(weights),
        effective_n: effective_n(weights),
        min: sorted[0],
        max: sorted[n - 1],
        percentiles: PERCENTILES
            .iter()
            .map(|&p| (p, quantile_sorted(&sorted, p)))
            .collect(),
        margins,
        n_large: weights
            .iter()
            .filter(|&&w| w > LARGE_WEIGHT * sum / n as f64)
            .count(),
        max_ratio: sorted[n - 1] / (sum / n as f64),
    }
}
