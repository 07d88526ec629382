//! The PWE analysis: simulated households with known preferences now; the
//! analysis pipeline, choice model and report (polars, statrs) are still to come.
//!
//! This crate never reads the service's tables: it works from the survey, the
//! population and the export format (docs/export-format.md).
//!
//! # Layout
//! - [`simulate`]: synthetic households drawn from the portfolio logit.

pub mod simulate;
