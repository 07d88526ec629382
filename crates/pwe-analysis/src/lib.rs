//! The PWE analysis: simulated households with known preferences, the figures
//! of an analysis batch and the report.
//!
//! This crate never reads the service's tables: it works from the survey, the
//! population and the export format (docs/export-format.md).
//!
//! # Layout
//! - [`simulate`]: synthetic households drawn from the portfolio logit.
//! - [`load`]: an export folder read through polars into checked responses.
//! - [`arguments`]: motivations coded into value themes, words, quotes, kappa.
//! - [`figures`]: participation, representativeness, shares, spend,
//!   co-selection, portfolios and evaluation, as tables and the summary.
//! - [`summary`]: summary.json, every figure of the report, as typed structs.
//! - [`model`]: the portfolio logit, its latent classes and money values.
//! - [`portfolio`]: how a portfolio is named.
//! - [`report`]: the self-contained HTML report of a summary.
//! - [`batch`]: one analysis batch, export folder in, every file out (`pwe analyze`).

pub mod arguments;
pub mod batch;
pub mod figures;
pub mod load;
pub mod model;
pub mod portfolio;
pub mod report;
pub mod simulate;
pub mod summary;

/// The parts of polars the analysis uses: data frames (polars-core) and the
/// CSV and Parquet readers and writers (polars-io).
mod polars {
    pub use polars_core::df;
    pub use polars_core::prelude::*;
    pub use polars_io::prelude::*;
}
