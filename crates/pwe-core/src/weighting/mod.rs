//! Weighting respondents to the population, and saying how representative they are.
//!
//! The flow: a [`Sample`] (each respondent's category on every margin variable)
//! and population [`Margin`]s are resolved into a [`Calibration`], which names
//! every problem (a category the population lacks, a population category no
//! respondent is in, a missing answer, a bad target) before any arithmetic.
//! [`rake`] then finds weights that reproduce every margin (iterative
//! proportional fitting), optionally capped; [`diagnostics`], [`indicators`] and
//! [`proportion`] describe the weights, the response and weighted shares.
//!
//! Raking multiplies each weight by one factor per category the respondent is
//! in, so respondents who share every category (a cell) share their factors.
//! The iterations therefore run over cells, not respondents: a million
//! respondents on four margins rake in the time of a few hundred cells, plus two
//! passes over the respondents. The result is the same fixed point.
//!
//! # Layout
//! - [`design`]: margins and sample resolved into a calibration, with errors.
//! - [`rake`](mod@rake): iterative proportional fitting and weight trimming.
//! - [`diagnostics`]: design effect, effective sample size, margin comparisons.
//! - [`indicators`]: response rates, chi-square and census tests, R-indicators.
//! - [`representativeness`]: the tests and indicators per margin and overall, with verdicts.
//! - [`proportion`]: weighted proportions, their variance and intervals, bootstrap.
//! - [`responses`]: survey responses as a weighting sample, for the service and the analysis alike.

pub mod design;
pub mod diagnostics;
pub mod files;
pub mod indicators;
pub mod proportion;
pub mod rake;
pub mod representativeness;
pub mod responses;

pub use design::{
    CalibratedVariable, Calibration, EmptyCategory, Margin, Missing, Sample, TargetKind,
};
pub use rake::{RakeConfig, Raking, rake};

/// Whether `value` is a number above zero (false for NaN).
pub(crate) fn is_positive(value: f64) -> bool {
    value > 0.0
}

/// Why respondents could not be weighted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WeightingError {
    /// The sample has no respondents.
    #[error("there are no respondents to weight")]
    EmptySample,
    /// A column of the sample has a different length than the others.
    #[error("variable {variable} has {found} values for {expected} respondents")]
    LengthMismatch {
        /// The variable.
        variable: String,
        /// The number of respondents.
        expected: usize,
        /// The number of values given.
        found: usize,
    },
    /// A starting weight is not a positive number.
    #[error("respondent {row}: the starting weight {weight} is not a positive number")]
    BadBaseWeight {
        /// The respondent's position (0-based).
        row: usize,
        /// The weight given.
        weight: f64,
    },
    /// A margin names a variable the sample does not have.
    #[error("margin {variable}: the respondents have no variable of that name")]
    UnknownVariable {
        /// The margin's variable.
        variable: String,
    },
    /// Two margins are for the same variable.
    #[error("margin {variable} is given twice")]
    DuplicateMargin {
        /// The variable.
        variable: String,
    },
    /// A margin lists a category twice.
    #[error("margin {variable}: category {category} is given twice")]
    DuplicateCategory {
        /// The variable.
        variable: String,
        /// The category.
        category: String,
    },
    /// A target is zero, negative or not a number.
    #[error(
        "margin {variable}, category {category}: the target {target} must be a positive number"
    )]
    BadTarget {
        /// The variable.
        variable: String,
        /// The category.
        category: String,
        /// The target given.
        target: f64,
    },
    /// Respondents are in a category the population margin does not have.
    #[error(
        "margin {variable}: {n_respondents} respondent(s) are in category {category}, which the population margin does not have"
    )]
    UnknownCategory {
        /// The variable.
        variable: String,
        /// The category respondents are in.
        category: String,
        /// How many respondents are in it.
        n_respondents: usize,
    },
    /// A population category has no respondents, so no weight can represent it.
    #[error(
        "margin {variable}: no respondent is in category {category}; collapse it into a neighbouring category or drop it"
    )]
    EmptyCategory {
        /// The variable.
        variable: String,
        /// The category.
        category: String,
    },
    /// A collapse names a category that is not in the margin.
    #[error(
        "margin {variable}: cannot collapse {category} into {into}, which is not a category of the margin"
    )]
    BadCollapse {
        /// The variable.
        variable: String,
        /// The category to collapse.
        category: String,
        /// The category named to take it in.
        into: String,
    },
    /// Respondents have no value on a margin variable.
    #[error(
        "margin {variable}: {n_respondents} respondent(s) have no value (the first is respondent {first_row}); give them their own category or leave the variable out"
    )]
    MissingValue {
        /// The variable.
        variable: String,
        /// How many respondents have no value.
        n_respondents: usize,
        /// The first such respondent (0-based).
        first_row: usize,
    },
    /// The iterations did not meet every margin within the tolerance.
    #[error(
        "raking did not converge: after {sweeps} sweeps the largest relative margin error is {max_error:e}"
    )]
    NotConverged {
        /// Sweeps used.
        sweeps: u32,
        /// The largest relative margin error reached.
        max_error: f64,
    },
    /// The weights cannot both respect the cap and meet the margins.
    #[error(
        "the weights cannot both stay within {cap} times the mean and meet the margins: {reason}"
    )]
    CannotTrim {
        /// The cap, as a ratio of the mean weight.
        cap: f64,
        /// Which margin made it impossible.
        reason: String,
    },
    /// A configuration value is out of range.
    #[error("{0}")]
    BadConfig(String),
}
