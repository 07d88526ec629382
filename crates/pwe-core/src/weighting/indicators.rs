//! How representative the respondents are: response rates, chi-square tests,
//! and R-indicators (Schouten, Cobben and Bethlehem 2009; partial indicators
//! after Schouten, Shlomo and Skinner 2011; bias adjustment and standard error
//! after Shlomo, Skinner and Schouten 2012).

use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::{WeightingError, is_positive};

/// A group of the population with how many were invited (or live there) and how
/// many responded.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCell {
    /// The group's name, such as a buurt code or an age band.
    pub label: String,
    /// Its size in the population (households invited).
    pub population: f64,
    /// Its number of respondents.
    pub respondents: f64,
}

impl ResponseCell {
    /// The response rate, respondents ÷ population.
    pub fn rate(&self) -> f64 {
        self.respondents / self.population
    }
}

/// A chi-square goodness-of-fit test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare {
    /// Σ (observed − expected)² / expected.
    pub statistic: f64,
    /// Degrees of freedom: categories − 1.
    pub df: f64,
    /// The probability of a statistic at least this large if respondents were a
    /// random draw from the population.
    pub p_value: f64,
}

/// Tests whether respondents' counts per category fit the population's shares.
///
/// `population` may be counts or shares; only its proportions are used. The
/// same test as R's `chisq.test(observed, p = population, rescale.p = TRUE)`.
///
/// # Errors
/// Fewer than two categories, lengths that differ, or a population category of
/// size zero or less.
pub fn chi_square(observed: &[f64], population: &[f64]) -> Result<ChiSquare, WeightingError> {
    if observed.len() != population.len() || observed.len() < 2 {
        return Err(WeightingError::BadConfig(format!(
            "a chi-square test needs at least two categories and as many observed counts ({}) as population sizes ({})",
            observed.len(),
            population.len()
        )));
    }
    if population.iter().any(|&p| !is_positive(p)) {
        return Err(WeightingError::BadConfig(
            "every population category of a chi-square test must be larger than zero".into(),
        ));
    }
    let n: f64 = observed.iter().sum();
    let population_total: f64 = population.iter().sum();
    let statistic = observed
        .iter()
        .zip(population)
        .map(|(&o, &p)| {
            let expected = n * p / population_total;
            (o - expected).powi(2) / expected
        })
        .sum();
    let df = (observed.len() - 1) as f64;
    let p_value = ChiSquared::new(df).map_or(f64::NAN, |dist| dist.sf(statistic));
    Ok(ChiSquare {
        statistic,
        df,
        p_value,
    })
}

/// Tests whether respondents' counts per category fit a census invitation: every
/// household of the population was invited, and `invited` of them is the total.
///
/// This is Pearson's X² of the 2×K table "responded / did not respond" per
/// category, whose category sizes are the population's shares of `invited`
/// (R's `chisq.test(rbind(o, N_k - o), correct = FALSE)`). It equals the
/// goodness-of-fit statistic of [`chi_square`] times N/(N − n): with 30% of a
/// population responding, the goodness-of-fit test treats the respondents as a
/// draw from an infinite population and rejects a random response 0.4% of the
/// time instead of 5% (the finite-population correction restores it; see
/// docs/weighting.md for the simulation).
///
/// # Errors
/// As [`chi_square`], and no more invited households than respondents.
pub fn census_test(
    observed: &[f64],
    population: &[f64],
    invited: f64,
) -> Result<ChiSquare, WeightingError> {
    let goodness_of_fit = chi_square(observed, population)?;
    let n: f64 = observed.iter().sum();
    if invited.is_nan() || invited <= n {
        return Err(WeightingError::BadConfig(format!(
            "a census test needs more households invited ({invited}) than respondents ({n})"
        )));
    }
    let statistic = goodness_of_fit.statistic * invited / (invited - n);
    Ok(ChiSquare {
        statistic,
        p_value: ChiSquared::new(goodness_of_fit.df).map_or(f64::NAN, |dist| dist.sf(statistic)),
        ..goodness_of_fit
    })
}

/// An R-indicator with the partial indicators of the cells it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct RIndicator {
    /// R = 1 − 2·S(ρ̂) of the estimated propensities: 1 when every group
    /// responds at the same rate.
    pub r: f64,
    /// S(ρ̂), the standard deviation of the estimated propensities; as the
    /// unconditional partial R-indicator of the variable defining the cells.
    pub s: f64,
    /// The mean response propensity ρ̄ (the overall response rate).
    pub mean_propensity: f64,
    /// Per cell, the unconditional partial R-indicator √(N_k/N)·(ρ_k − ρ̄):
    /// negative where a group is under-represented.
    pub partial: Vec<(String, f64)>,
    /// S² less the part that comes from estimating the propensities: even when
    /// every household responds with the same chance, estimated propensities
    /// vary by chance, so S(ρ̂) overstates S(ρ). Below 0 when the variation is
    /// no more than chance.
    pub s2_adjusted: f64,
    /// 1 − 2·√max(0, S²adjusted): the R-indicator to report.
    pub r_adjusted: f64,
    /// The standard error of `r_adjusted` by linearisation; `None` where the
    /// adjusted S² is not above 0 (R at 1, where linearisation breaks down:
    /// the interval still holds).
    pub se: Option<f64>,
    /// The 95% interval of R, from the interval S²adjusted ± 1.96·SE(S²)
    /// with S² kept at or above 0.
    pub interval: (f64, f64),
    /// The largest absolute bias of any mean that this response can cause, in
    /// standard deviations of the variable: (1 − R)/(2ρ̄) = S/ρ̄
    /// (Schouten, Cobben and Bethlehem 2009, with the adjusted R).
    pub max_bias: f64,
    /// The same at the interval's lower end of R: how large the maximal
    /// bias may be, which the verdict grades.
    pub max_bias_high: f64,
}

/// The R-indicator from cell response rates:
/// R = 1 − 2·S(ρ), S² = Σ_k (N_k/N)(ρ_k − ρ̄)², ρ̄ = Σ_k (N_k/N) ρ_k.
///
/// With the categories of one variable as cells, `s` is that variable's
/// unconditional partial R-indicator and `partial` holds those of its categories.
///
/// The cell propensities ρ̂_k = r_k/N_k are a saturated model of the cells, the
/// case of Shlomo, Skinner and Schouten (2012) in closed form: with response a
/// Bernoulli event of each invited household, Var(ρ̂_k) = ρ_k(1 − ρ_k)/N_k and
/// E[Ŝ²] = S² + Σ_k (1 − N_k/N) ρ_k(1 − ρ_k)/N, the bias subtracted.
///
/// # Errors
/// No cells, or a cell whose population is not positive.
pub fn r_indicator(cells: &[ResponseCell]) -> Result<RIndicator, WeightingError> {
    if cells.is_empty() {
        return Err(WeightingError::BadConfig(
            "an R-indicator needs at least one cell".into(),
        ));
    }
    if let Some(cell) = cells.iter().find(|c| !is_positive(c.population)) {
        return Err(WeightingError::BadConfig(format!(
            "cell {} has population {}; every cell needs a positive population",
            cell.label, cell.population
        )));
    }
    let total: f64 = cells.iter().map(|c| c.population).sum();
    let units: Vec<(f64, f64)> = cells
        .iter()
        .map(|c| (c.population / total, c.rate()))
        .collect();
    let bias = units
        .iter()
        .map(|&(share, rho)| (1.0 - share) * bernoulli_variance(rho))
        .sum::<f64>()
        / total;
    let mut indicator = indicator(&units, bias, (cells.len() - 1) as f64, total);
    indicator.partial = cells
        .iter()
        .zip(&units)
        .map(|(c, &(share, rho))| {
            (
                c.label.clone(),
                share.sqrt() * (rho - indicator.mean_propensity),
            )
        })
        .collect();
    Ok(indicator)
}

/// The R-indicator of the response propensities that raking weights imply.
///
/// Weights raked to population counts estimate how many population members each
/// respondent stands for, so 1/w is the respondent's estimated response
/// propensity under a model with the main effects of every margin variable. With
/// N = Σw: ρ̄ = n/N and S² = Σ_i (w_i/N)(1/w_i − ρ̄)², the cell formula of
/// [`r_indicator`] with the raking's cells. Groups that no respondent is in are
/// not represented, so S can be underestimated when such groups exist.
///
/// `free_parameters` is the number of propensity parameters beyond the mean
/// (Σ over margins of categories − 1). The bias adjustment is that of the cells
/// with equal propensities, free_parameters · ρ(1 − ρ)/N averaged over the
/// population: exact for one margin when response is random, an approximation
/// otherwise (its simulation is in docs/weighting.md).
pub fn r_indicator_from_weights(weights: &[f64], free_parameters: usize) -> RIndicator {
    let total: f64 = weights.iter().sum();
    let units: Vec<(f64, f64)> = weights.iter().map(|&w| (w / total, 1.0 / w)).collect();
    let free = free_parameters as f64;
    let bias = free * mean_bernoulli_variance(&units) / total;
    indicator(&units, bias, free, total)
}

/// ρ(1 − ρ), with ρ kept within [0, 1] (a weight below 1 gives 1/w above 1).
fn bernoulli_variance(rho: f64) -> f64 {
    let rho = rho.clamp(0.0, 1.0);
    rho * (1.0 - rho)
}

fn mean_bernoulli_variance(units: &[(f64, f64)]) -> f64 {
    units
        .iter()
        .map(|&(share, rho)| share * bernoulli_variance(rho))
        .sum()
}

/// The R-indicator of propensities `rho` with population shares `share`, its
/// bias-adjusted value and interval.
///
/// Var(Ŝ²) ≈ 2·df·(q/N)² + 4·Σ share (ρ − ρ̄)² ρ(1 − ρ)/N, q the mean of
/// ρ(1 − ρ): the linearisation term (the second) vanishes when response is
/// random, where N·Ŝ²/q is χ² with df degrees of freedom; the first term is
/// that χ²'s variance, so the interval stays honest near R = 1.
///
/// The interval for S² takes the variance at each bound rather than at the
/// estimate, as Wilson's interval does for a proportion: a bound B solves
/// (B − S²adjusted)² = z²·Var(Ŝ² | S² = B). Estimated propensities vary by
/// chance even when the true ones do not, so the variance at the estimate
/// is too large near R = 1: that interval held R = 1 in 99.9% of
/// random-response replicates of `pwe simulate` instead of 95%
/// (docs/weighting.md).
fn indicator(units: &[(f64, f64)], bias: f64, df: f64, total: f64) -> RIndicator {
    let mean: f64 = units.iter().map(|&(share, rho)| share * rho).sum();
    let s2: f64 = units
        .iter()
        .map(|&(share, rho)| share * (rho - mean).powi(2))
        .sum();
    let q = mean_bernoulli_variance(units);
    let spread: f64 = units
        .iter()
        .map(|&(share, rho)| share * (rho - mean).powi(2) * bernoulli_variance(rho))
        .sum();
    let s2_adjusted = s2 - bias;
    // Var(Ŝ² | S² = x) = chance + slope·x: the linearisation term per unit of
    // S², from the spread's own weighting of ρ(1 − ρ).
    let chance = 2.0 * df * (q / total).powi(2);
    let slope = 4.0 * if s2 > 0.0 { spread / s2 } else { q } / total;
    let se_s2 = (chance + slope * s2_adjusted.max(0.0)).sqrt();
    let r_of = |s2: f64| 1.0 - 2.0 * s2.max(0.0).sqrt();
    let z = 1.959_963_984_540_054;
    let r_adjusted = r_of(s2_adjusted);
    let (low, high) = wilson_bounds(s2_adjusted, chance, slope, z);
    RIndicator {
        r: r_of(s2),
        s: s2.sqrt(),
        mean_propensity: mean,
        partial: Vec::new(),
        s2_adjusted,
        r_adjusted,
        // Near R = 1 the linearised SE of R runs to infinity: only the
        // interval is honest there, so there is no SE while it holds 1.
        se: (low > 0.0 && s2_adjusted > 0.0).then(|| se_s2 / s2_adjusted.sqrt()),
        interval: (r_of(high), r_of(low)),
        max_bias: (1.0 - r_adjusted) / (2.0 * mean),
        max_bias_high: (1.0 - r_of(high)) / (2.0 * mean),
    }
}

/// The bounds B of (B − s)² = z²·(chance + slope·B): the values of S² whose
/// own variance puts the estimate `s` within z standard errors.
fn wilson_bounds(s: f64, chance: f64, slope: f64, z: f64) -> (f64, f64) {
    let b = 2.0 * s + z * z * slope;
    let c = s * s - z * z * chance;
    let root = (b * b - 4.0 * c).max(0.0).sqrt();
    ((b - root) / 2.0, (b + root) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(label: &str, population: f64, respondents: f64) -> ResponseCell {
        ResponseCell {
            label: label.into(),
            population,
            respondents,
        }
    }

    #[test]
    fn equal_response_rates_give_r_of_one() {
        let r = r_indicator(&[cell("a", 100.0, 10.0), cell("b", 300.0, 30.0)]).unwrap();
        assert!((r.r - 1.0).abs() < 1e-15);
        assert!((r.mean_propensity - 0.1).abs() < 1e-15);
    }

    #[test]
    fn r_indicator_by_hand() {
        // Rates 0.1 and 0.3 with shares 1/4 and 3/4: mean 0.25,
        // S² = 0.25·0.15² + 0.75·0.05² = 0.0075, R = 1 − 2·√0.0075.
        let r = r_indicator(&[cell("a", 100.0, 10.0), cell("b", 300.0, 90.0)]).unwrap();
        assert!((r.mean_propensity - 0.25).abs() < 1e-15);
        assert!((r.s - 0.0075f64.sqrt()).abs() < 1e-15);
        assert!((r.r - (1.0 - 2.0 * 0.0075f64.sqrt())).abs() < 1e-15);
        assert!((r.partial[0].1 - 0.5 * -0.15).abs() < 1e-15);
        assert!((r.partial[1].1 - 0.75f64.sqrt() * 0.05).abs() < 1e-15);
    }

    #[test]
    fn weights_of_cells_give_the_cell_indicator() {
        // Cell a: 10 respondents for 100 (w = 10); cell b: 90 for 300 (w = 10/3).
        let mut weights = vec![10.0; 10];
        weights.extend(vec![300.0 / 90.0; 90]);
        let from_weights = r_indicator_from_weights(&weights, 1);
        let from_cells = r_indicator(&[cell("a", 100.0, 10.0), cell("b", 300.0, 90.0)]).unwrap();
        assert!((from_weights.r - from_cells.r).abs() < 1e-12);
    }

    #[test]
    fn bias_adjustment_and_standard_error_by_hand() {
        // As r_indicator_by_hand: bias = (0.75·0.09 + 0.25·0.21)/400 = 0.0003.
        let r = r_indicator(&[cell("a", 100.0, 10.0), cell("b", 300.0, 90.0)]).unwrap();
        assert!((r.s2_adjusted - 0.0072).abs() < 1e-15);
        assert!((r.r_adjusted - (1.0 - 2.0 * 0.0072f64.sqrt())).abs() < 1e-15);
        // Var(S² | S² = x) = 2·1·(0.18/400)² + 4·x·(spread/Ŝ²)/400, with the spread
        // 0.25·0.15²·0.09 + 0.75·0.05²·0.21 = 0.0009 and Ŝ² = 0.0075.
        let chance = 2.0 * (0.18f64 / 400.0).powi(2);
        let slope = 4.0 * (0.0009 / 0.0075) / 400.0;
        let se_s2 = (chance + slope * 0.0072).sqrt();
        assert!((r.se.unwrap() - se_s2 / 0.0072f64.sqrt()).abs() < 1e-12);
        // Each bound B of S² solves (B − 0.0072)² = z²·(chance + slope·B).
        let z = 1.959_963_984_540_054f64;
        for bound in [1.0 - r.interval.0, 1.0 - r.interval.1].map(|r| (r / 2.0).powi(2)) {
            let gap = (bound - 0.0072f64).powi(2) - z * z * (chance + slope * bound);
            assert!(gap.abs() < 1e-15, "{bound}: {gap}");
        }
        assert!(r.interval.0 < r.r_adjusted && r.r_adjusted < r.interval.1);
        assert!((r.max_bias_high - (1.0 - r.interval.0) / 0.5).abs() < 1e-12);
        assert!((r.max_bias - 0.0072f64.sqrt() / 0.25).abs() < 1e-12);
    }

    #[test]
    fn equal_rates_adjust_to_one_with_no_standard_error() {
        let r = r_indicator(&[cell("a", 100.0, 30.0), cell("b", 300.0, 90.0)]).unwrap();
        assert!(r.s2_adjusted < 0.0);
        assert_eq!(r.r_adjusted, 1.0);
        assert_eq!(r.se, None);
        assert_eq!(r.interval.1, 1.0);
        assert!(r.interval.0 < 1.0);
    }

    #[test]
    fn census_test_is_the_two_by_k_table() {
        // Respondents 30, 70 of 100 and 100 invited: the table (30, 70; 70, 30)
        // has expected 50 everywhere and X² = 4·20²/50 = 32 = 16·200/(200 − 100).
        let test = census_test(&[30.0, 70.0], &[1.0, 1.0], 200.0).unwrap();
        assert!((test.statistic - 32.0).abs() < 1e-12);
        assert_eq!(test.df, 1.0);
        assert!(census_test(&[30.0, 70.0], &[1.0, 1.0], 100.0).is_err());
    }

    #[test]
    fn chi_square_by_hand() {
        // Observed 30, 70 against shares 0.5, 0.5: (30−50)²/50 + (70−50)²/50 = 16.
        let test = chi_square(&[30.0, 70.0], &[1.0, 1.0]).unwrap();
        assert_eq!(test.statistic, 16.0);
        assert_eq!(test.df, 1.0);
        // P(χ²₁ > 16) = erfc(√8) = 6.334248366623996e-05.
        assert!((test.p_value - 6.334248366623996e-05).abs() < 1e-17);
    }
}
