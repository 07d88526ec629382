//! How representative the respondents are: response rates, chi-square goodness
//! of fit, and R-indicators (Schouten, Cobben and Bethlehem 2009; partial
//! indicators after Schouten, Shlomo and Skinner 2011).

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

/// An R-indicator with the partial indicators of the cells it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct RIndicator {
    /// R = 1 − 2·S(ρ): 1 when every group responds at the same rate.
    pub r: f64,
    /// S(ρ), the standard deviation of the response propensities; as the
    /// unconditional partial R-indicator of the variable defining the cells.
    pub s: f64,
    /// The mean response propensity ρ̄ (the overall response rate).
    pub mean_propensity: f64,
    /// Per cell, the unconditional partial R-indicator √(N_k/N)·(ρ_k − ρ̄):
    /// negative where a group is under-represented.
    pub partial: Vec<(String, f64)>,
}

/// The R-indicator from cell response rates:
/// R = 1 − 2·S(ρ), S² = Σ_k (N_k/N)(ρ_k − ρ̄)², ρ̄ = Σ_k (N_k/N) ρ_k.
///
/// With the categories of one variable as cells, `s` is that variable's
/// unconditional partial R-indicator and `partial` holds those of its categories.
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
    let mean: f64 = cells.iter().map(|c| c.population / total * c.rate()).sum();
    let variance: f64 = cells
        .iter()
        .map(|c| c.population / total * (c.rate() - mean).powi(2))
        .sum();
    let s = variance.sqrt();
    Ok(RIndicator {
        r: 1.0 - 2.0 * s,
        s,
        mean_propensity: mean,
        partial: cells
            .iter()
            .map(|c| {
                (
                    c.label.clone(),
                    (c.population / total).sqrt() * (c.rate() - mean),
                )
            })
            .collect(),
    })
}

/// The R-indicator of the response propensities that raking weights imply.
///
/// Weights raked to population counts estimate how many population members each
/// respondent stands for, so 1/w is the respondent's estimated response
/// propensity under a model with the main effects of every margin variable. With
/// N = Σw: ρ̄ = n/N and S² = Σ_i (w_i/N)(1/w_i − ρ̄)², the cell formula of
/// [`r_indicator`] with the raking's cells. Groups that no respondent is in are
/// not represented, so S can be underestimated when such groups exist.
pub fn r_indicator_from_weights(weights: &[f64]) -> RIndicator {
    let total: f64 = weights.iter().sum();
    let mean = weights.len() as f64 / total;
    let variance: f64 = weights
        .iter()
        .map(|&w| w / total * (1.0 / w - mean).powi(2))
        .sum();
    let s = variance.sqrt();
    RIndicator {
        r: 1.0 - 2.0 * s,
        s,
        mean_propensity: mean,
        partial: Vec::new(),
    }
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
        let from_weights = r_indicator_from_weights(&weights);
        let from_cells = r_indicator(&[cell("a", 100.0, 10.0), cell("b", 300.0, 90.0)]).unwrap();
        assert!((from_weights.r - from_cells.r).abs() < 1e-12);
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
