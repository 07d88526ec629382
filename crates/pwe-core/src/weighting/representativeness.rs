//! Whether the respondents look like the invited households: per margin a test
//! that fits a census invitation and a verdict, overall the bias-adjusted
//! R-indicator with its interval and a verdict, in thresholds stated here.
//!
//! `pwe weight` prints an [`Assessment`] and the analysis writes it into the
//! summary, so both say the same thing by the same rules.

use super::design::{MISSING_CATEGORY, Margin, TargetKind};
use super::diagnostics::{CategoryDiagnostics, Diagnostics, diagnose};
use super::indicators::r_indicator_from_weights;
use super::indicators::{ChiSquare, RIndicator, ResponseCell, census_test, r_indicator};
use super::{Raking, WeightingError};
use crate::format;
use crate::text::Lang;
use crate::words::words;

/// The significance level of the census tests.
pub const ALPHA: f64 = 0.05;
/// A standardised difference below this is small (Austin 2009; Stuart 2010):
/// the usual threshold for "balanced" in comparisons of groups.
pub const SMALL_DIFFERENCE: f64 = 0.1;
/// A maximal bias, in standard deviations, above this is large; between
/// [`SMALL_DIFFERENCE`] and this it is moderate.
pub const LARGE_BIAS: f64 = 0.2;

/// How the respondents compare with the population on one margin variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarginVerdict {
    /// No difference beyond chance (census test p ≥ [`ALPHA`]).
    Alike,
    /// A difference beyond chance, but every category within
    /// [`SMALL_DIFFERENCE`] standardised difference.
    SmallDifference,
    /// A real difference that the weighting corrects (after weighting every
    /// category is within [`SMALL_DIFFERENCE`]).
    Corrected,
    /// A real difference that remains after weighting.
    Uncorrected,
}

impl MarginVerdict {
    /// The verdict as a stable code, for files.
    pub fn code(self) -> &'static str {
        match self {
            MarginVerdict::Alike => "alike",
            MarginVerdict::SmallDifference => "small_difference",
            MarginVerdict::Corrected => "corrected",
            MarginVerdict::Uncorrected => "uncorrected",
        }
    }

    /// The verdict of its [`code`](Self::code), as summary.json holds it.
    pub fn from_code(code: &str) -> Option<MarginVerdict> {
        [
            MarginVerdict::Alike,
            MarginVerdict::SmallDifference,
            MarginVerdict::Corrected,
            MarginVerdict::Uncorrected,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }

    /// The verdict in a few words (the catalog's `margin_verdict`).
    pub fn words(self, lang: Lang) -> String {
        words(lang).fill("margin_verdict", &[("verdict", self.code().into())])
    }

    /// The verdict in a sentence with the threshold it uses.
    pub fn sentence(self, lang: Lang) -> String {
        words(lang).fill(
            "margin_verdict_sentence",
            &[
                ("verdict", self.code().into()),
                ("alpha", format::decimal(ALPHA, 2, lang).into()),
                ("small", format::decimal(SMALL_DIFFERENCE, 1, lang).into()),
            ],
        )
    }
}

/// How selective the response was as a whole, by the largest bias it can cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseVerdict {
    /// The R-indicator's interval holds 1: no sign that some groups took
    /// part more than others.
    NoSign,
    /// The maximal bias's upper bound is below [`SMALL_DIFFERENCE`]
    /// standard deviations.
    Small,
    /// Between [`SMALL_DIFFERENCE`] and [`LARGE_BIAS`].
    Moderate,
    /// [`LARGE_BIAS`] or more.
    Large,
}

impl ResponseVerdict {
    /// The verdict as a stable code, for files.
    pub fn code(self) -> &'static str {
        match self {
            ResponseVerdict::NoSign => "no_sign",
            ResponseVerdict::Small => "small",
            ResponseVerdict::Moderate => "moderate",
            ResponseVerdict::Large => "large",
        }
    }

    /// The verdict of its [`code`](Self::code), as summary.json holds it.
    pub fn from_code(code: &str) -> Option<ResponseVerdict> {
        [
            ResponseVerdict::NoSign,
            ResponseVerdict::Small,
            ResponseVerdict::Moderate,
            ResponseVerdict::Large,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }

    /// How selective taking part was, in a word for "taking part was …
    /// selective" (the catalog's `response_verdict`).
    pub fn degree(self, lang: Lang) -> String {
        words(lang).fill("response_verdict", &[("verdict", self.code().into())])
    }

    /// No sign while the interval holds R = 1; else graded by the upper
    /// bound of the maximal bias, so that chance alone never reads as a
    /// difference (docs/weighting.md has the calibration).
    fn of(r: &RIndicator) -> ResponseVerdict {
        if r.interval.1 >= 1.0 - 1e-12 {
            return ResponseVerdict::NoSign;
        }
        if r.max_bias_high < SMALL_DIFFERENCE {
            ResponseVerdict::Small
        } else if r.max_bias_high < LARGE_BIAS {
            ResponseVerdict::Moderate
        } else {
            ResponseVerdict::Large
        }
    }
}

/// One margin variable: its answered categories against the population.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginAssessment {
    /// The variable.
    pub variable: String,
    /// The answered categories: shares among those who answered, the
    /// population's share from its own margin (not deflated by the missing).
    pub categories: Vec<CategoryDiagnostics>,
    /// Respondents without a value on this variable.
    pub missing: usize,
    /// They as a share of all respondents, in %.
    pub missing_pct: f64,
    /// The census test on the answered categories; `None` with fewer than two.
    pub test: Option<ChiSquare>,
    /// The variable's unconditional partial R-indicator, from response rates
    /// per category (population share × invited households).
    pub indicator: Option<RIndicator>,
    /// Whether the population was given as shares only (for instance persons
    /// rather than households): then only its composition is compared, and its
    /// groups may hold people no respondent stands for.
    pub shares_only: bool,
    /// Largest standardised difference of a category before weighting.
    pub max_asmd_before: f64,
    /// The same after weighting.
    pub max_asmd_after: f64,
    /// The verdict by the rules of [`MarginVerdict`].
    pub verdict: MarginVerdict,
}

/// Everything said about how representative the respondents are.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The weights and margins as [`diagnose`] describes them.
    pub diagnostics: Diagnostics,
    /// Every margin variable.
    pub margins: Vec<MarginAssessment>,
    /// The R-indicator of the propensities the untrimmed weights imply.
    pub overall: RIndicator,
    /// The overall verdict, by the overall R-indicator's maximal bias.
    pub verdict: ResponseVerdict,
    /// The number of households invited, the census the tests compare with.
    pub invited: f64,
}

/// Assesses a raking. `untrimmed` are the weights before any cap (a capped
/// weight no longer says how many households a respondent stands for);
/// `invited_by_buurt` the invited households per buurt when known (else the
/// buurt margin's counts, or the weights' total, stand for the invitation).
///
/// # Errors
/// A margin whose census test or R-indicator cannot be computed (more
/// respondents than households).
pub fn assess(
    raking: &Raking,
    margins: &[Margin],
    untrimmed: &[f64],
    invited_by_buurt: Option<&[(String, f64)]>,
) -> Result<Assessment, WeightingError> {
    let diagnostics = diagnose(raking);
    let invited = invited_by_buurt.map_or(diagnostics.sum, |b| b.iter().map(|(_, n)| n).sum());
    let margins_assessed = diagnostics
        .margins
        .iter()
        .map(|margin| {
            let shares_only = margins
                .iter()
                .find(|m| m.variable == margin.variable)
                .is_some_and(|m| m.kind == TargetKind::Proportions);
            let invited_here = (margin.variable == "buurt")
                .then_some(invited_by_buurt)
                .flatten();
            assess_margin(
                &margin.variable,
                &margin.categories,
                invited,
                invited_here,
                shares_only,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A missing category keeps its sample share, so its respondents' implied
    // propensity is the mean: it adds no free parameter. Counting it made the
    // bias adjustment too large, and the interval held R = 1 in every
    // simulated replicate instead of about 95% (docs/weighting.md).
    let free_parameters = raking
        .calibration
        .variables()
        .iter()
        .map(|v| {
            v.categories
                .iter()
                .filter(|c| *c != MISSING_CATEGORY)
                .count()
                - 1
        })
        .sum();
    let overall = r_indicator_from_weights(untrimmed, free_parameters);
    Ok(Assessment {
        verdict: ResponseVerdict::of(&overall),
        diagnostics,
        margins: margins_assessed,
        overall,
        invited,
    })
}

fn assess_margin(
    variable: &str,
    all: &[CategoryDiagnostics],
    invited: f64,
    invited_by_category: Option<&[(String, f64)]>,
    shares_only: bool,
) -> Result<MarginAssessment, WeightingError> {
    let n_all: usize = all.iter().map(|c| c.n).sum();
    let missing = all
        .iter()
        .find(|c| c.category == MISSING_CATEGORY)
        .map_or(0, |c| c.n);
    let answered: Vec<&CategoryDiagnostics> = all
        .iter()
        .filter(|c| c.category != MISSING_CATEGORY)
        .collect();
    let n = (n_all - missing) as f64;
    let weighted: f64 = answered.iter().map(|c| c.weighted_pct).sum();
    let population: f64 = answered.iter().map(|c| c.population_pct).sum();
    let categories: Vec<CategoryDiagnostics> = answered
        .iter()
        .map(|c| {
            let sample = c.n as f64 / n;
            let weighted = c.weighted_pct / weighted;
            let target = c.population_pct / population;
            CategoryDiagnostics::new(c.category.clone(), c.n, sample, weighted, target)
        })
        .collect();
    let cells: Vec<ResponseCell> = categories
        .iter()
        .map(|c| ResponseCell {
            label: c.category.clone(),
            population: invited_by_category
                .and_then(|b| b.iter().find(|(label, _)| *label == c.category))
                .map_or(c.population_pct / 100.0 * invited, |(_, n)| *n),
            respondents: c.n as f64,
        })
        .collect();
    let test = if categories.len() >= 2 {
        let observed: Vec<f64> = cells.iter().map(|c| c.respondents).collect();
        let frame: Vec<f64> = cells.iter().map(|c| c.population).collect();
        let frame_total: f64 = frame.iter().sum();
        // Only those who answered are compared: they are the respondents'
        // share n/N of the frame.
        Some(census_test(&observed, &frame, frame_total)?)
    } else {
        None
    };
    let indicator = r_indicator(&cells).ok();
    let max_asmd_before = categories.iter().map(|c| c.asmd_before).fold(0.0, f64::max);
    let max_asmd_after = categories.iter().map(|c| c.asmd_after).fold(0.0, f64::max);
    let verdict = if test.is_none_or(|t| t.p_value >= ALPHA) {
        MarginVerdict::Alike
    } else if max_asmd_before < SMALL_DIFFERENCE {
        MarginVerdict::SmallDifference
    } else if max_asmd_after < SMALL_DIFFERENCE {
        MarginVerdict::Corrected
    } else {
        MarginVerdict::Uncorrected
    };
    Ok(MarginAssessment {
        variable: variable.to_string(),
        categories,
        missing,
        missing_pct: 100.0 * missing as f64 / n_all as f64,
        test,
        indicator,
        shares_only,
        max_asmd_before,
        max_asmd_after,
        verdict,
    })
}

#[cfg(test)]
mod tests;
