//! The course of a simulated consultation around its respondents: every
//! household of the population invited, some more starting and stopping on
//! the way, and when each respondent starts and submits. Illustrative
//! figures, so that the drop-off figures, `pwe status` and `/beheer` have
//! something to show; reproducible, with no draw.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use pwe_core::Survey;
use pwe_core::flow::STEPS;
use pwe_core::population::Population;

use crate::load::BuurtParticipation;

/// Of every 100 respondents, how many more households start and stop, by the
/// step they stop at (in the order of [`STEPS`]).
pub const STOPPED_PER_100: [i64; 7] = [4, 2, 5, 2, 1, 1, 1];

/// A buurt where more households would start than live there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "buurt {buurt} has {invited} households, but {started} would start ({respondents} respond): give a smaller --n"
)]
pub struct TooMany {
    /// The buurt's code.
    pub buurt: String,
    /// Its households.
    pub invited: i64,
    /// How many would start.
    pub started: i64,
    /// How many respond.
    pub respondents: i64,
}

/// The most respondents the population allows: with those who start and
/// stop, no more households start than live there.
pub fn most_respondents(population: &Population) -> usize {
    let per_100 = 100 + STOPPED_PER_100.iter().sum::<i64>() as u64;
    (population.total_households() * 100 / per_100) as usize
}

/// Invited, started, submitted and stopped households per buurt, for
/// `respondents` per buurt code.
///
/// # Errors
/// A buurt where more households would start than it has.
pub fn participation(
    population: &Population,
    respondents: &BTreeMap<String, usize>,
) -> Result<Vec<BuurtParticipation>, TooMany> {
    population
        .buurten()
        .iter()
        .map(|buurt| {
            let n = respondents.get(&buurt.code).copied().unwrap_or(0) as i64;
            let stopped_at: Vec<(String, i64)> = STEPS
                .iter()
                .zip(STOPPED_PER_100)
                .map(|(step, per_100)| (step.to_string(), n * per_100 / 100))
                .collect();
            let started = n + stopped_at.iter().map(|(_, s)| s).sum::<i64>();
            let invited = i64::from(buurt.households);
            if started > invited {
                return Err(TooMany {
                    buurt: buurt.code.clone(),
                    invited,
                    started,
                    respondents: n,
                });
            }
            Ok(BuurtParticipation {
                buurt: buurt.code.clone(),
                invited,
                started,
                submitted: n,
                stopped_at,
            })
        })
        .collect()
}

/// When household `idx` of `n` starts: spread evenly over the open window.
pub fn started_at(survey: &Survey, idx: usize, n: usize) -> DateTime<Utc> {
    let meta = survey.meta();
    let window = (meta.closes - meta.opens).num_seconds().max(1);
    meta.opens + Duration::seconds(window * idx as i64 / n.max(1) as i64)
}

/// When a household that started at `started` submits: twenty minutes later,
/// and not after the close.
pub fn submitted_at(survey: &Survey, started: DateTime<Utc>) -> DateTime<Utc> {
    (started + Duration::minutes(20)).min(survey.meta().closes)
}
