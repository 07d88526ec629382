//! The report: one self-contained HTML file in Dutch with an English switch,
//! with charts as inline SVG and every figure taken from the JSON summary.
//!
//! The report reads nothing but the survey (for titles) and the summary, so
//! what it shows is exactly what the summary holds; every figure carries its
//! JSON pointer (see [`html::figure`]), which the tests use to check that.

mod accountability;
mod arguments;
mod charts;
mod conclusions;
mod evaluation;
mod html;
mod model;
mod participation;
mod sections;
mod shares;

use pwe_core::Survey;
use serde_json::Value;

pub use accountability::render_participation;
pub use html::esc;

/// Why the report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("making the report: {0}")]
pub struct ReportError(pub String);

const STYLE: &str = include_str!("report.css");

/// A red banner when the summary is of data `pwe simulate` made up.
fn simulated_banner(summary: &Value) -> String {
    if summary["simulated"] != true {
        return String::new();
    }
    format!(
        "<p class=\"simulated\" role=\"note\">{}</p>\n",
        html::both("report_simulated")
    )
}

/// Renders the report of `summary` (made by [`crate::figures::analyze`]).
///
/// # Errors
/// A chart that cannot be drawn.
pub fn render(survey: &Survey, summary: &Value) -> Result<String, ReportError> {
    let body = simulated_banner(summary) + &sections::all(survey, summary).map_err(ReportError)?;
    let title = survey.meta().title.nl();
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         {}<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title),
        html::language_switch()
    ))
}
