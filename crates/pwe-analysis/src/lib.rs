//! The PWE analysis: simulated households with known preferences, and the
//! first figures of an analysis batch; the choice model and the HTML report are
//! still to come.
//!
//! This crate never reads the service's tables: it works from the survey, the
//! population and the export format (docs/export-format.md).
//!
//! # Layout
//! - [`simulate`]: synthetic households drawn from the portfolio logit.
//! - [`load`]: an export folder read through polars into checked responses.
//! - [`figures`]: participation, shares, spend, co-selection, portfolios,
//!   evaluation and representativeness, as tables and a JSON summary.

pub mod figures;
pub mod load;
pub mod simulate;
