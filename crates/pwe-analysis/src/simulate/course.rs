//! When simulated households start and submit, in the survey's open window.

use chrono::{DateTime, Duration, Utc};
use pwe_core::Survey;

/// The moment at `fraction` (0 to 1) of the open window.
pub fn started_at(survey: &Survey, fraction: f64) -> DateTime<Utc> {
    let meta = survey.meta();
    let window = (meta.closes - meta.opens).num_seconds().max(1);
    meta.opens + Duration::seconds((window as f64 * fraction.clamp(0.0, 1.0)) as i64)
}

/// When a household that started at `started` and took `minutes` submits:
/// not after the close.
pub fn submitted_at(survey: &Survey, started: DateTime<Utc>, minutes: f64) -> DateTime<Utc> {
    (started + Duration::seconds((minutes * 60.0).round() as i64)).min(survey.meta().closes)
}
