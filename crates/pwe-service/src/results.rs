//! The public results: per option the share of households that chose it,
//! weighted to the population when its margins are configured.
//!
//! Counted over the responses the analysis counts (those that keep the rules
//! of their version), and suppressed as the analysis suppresses them
//! ([`pwe_core::disclosure::shares`]): the page and the analysis's published
//! tables hide the same totals, so neither gives back what the other hides.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use pwe_core::disclosure::shares::{Respondents, shares_release};
use pwe_core::survey::PublishResults;
use pwe_core::weighting::representativeness::{Assessment, assess};
use pwe_core::{ChoiceTask, Survey};

use pwe_core::weighting::proportion::{Adjustment, proportion};
use pwe_core::weighting::responses::weigh_responses;
use pwe_core::weighting::{Margin, Raking, WeightingError};

use crate::AppState;
use crate::status::NotYet;
use crate::store::{ExportRows, Store, StoreError};

/// One option's share.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionShare {
    /// The option.
    pub option_id: String,
    /// Households that chose it (at any level).
    pub chosen: i64,
    /// The share that chose it, weighted when [`Shares::weighted`].
    pub share: f64,
    /// Its 95% Korn–Graubard interval (with the raking in the variance when
    /// weighted); `None` with fewer than two households.
    pub interval: Option<(f64, f64)>,
    /// Whether it may be published: disclosure control
    /// ([`pwe_core::disclosure::shares`]) leaves it shown.
    pub shown: bool,
}

/// The share of an exclusive group: the households that chose any of its
/// options, which is the sum of its options' shares since a household could
/// choose only one; only together they say how many want the group's kind of
/// measure.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupShare {
    /// The group's index among the survey's exclusive groups.
    pub group_idx: usize,
    /// The share that chose any of its options, weighted as the options'.
    pub share: f64,
    /// Its 95% Korn–Graubard interval.
    pub interval: Option<(f64, f64)>,
    /// Whether disclosure control leaves the group's total shown.
    pub shown: bool,
}

/// The shares of every option.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    /// Households counted: those that submitted, without test households and
    /// without responses that break a rule of their version (a paper form
    /// entered as written), as in the analysis.
    pub n: i64,
    /// Responses left out because they break a rule of their version.
    pub left_out: usize,
    /// Whether the shares are weighted to the population.
    pub weighted: bool,
    /// Why weighting was not possible, when margins are configured but raking failed.
    pub weighting_problem: Option<String>,
    /// Per option, in the survey's order.
    pub options: Vec<OptionShare>,
    /// Per exclusive group, in the survey's order.
    pub groups: Vec<GroupShare>,
}

/// The public results with the number of responses they were computed from.
pub type Cache = Arc<tokio::sync::Mutex<Option<(i64, Arc<Shares>)>>>;

/// The shares as [`shares`] computes them, from the cache while the number of
/// responses is the same (after the close it no longer changes).
///
/// # Errors
/// A database error.
pub async fn cached_shares(state: &AppState) -> Result<Arc<Shares>, StoreError> {
    let count = state.store.response_count().await?;
    let mut cache = state.results_cache.lock().await;
    if let Some((cached_count, shares)) = cache.as_ref()
        && *cached_count == count
    {
        return Ok(shares.clone());
    }
    let fresh = Arc::new(shares(state).await?);
    *cache = Some((count, fresh.clone()));
    Ok(fresh)
}

/// How representative the submitted responses are so far (the same
/// assessment as `pwe weight` and the analysis), with the invited households
/// per buurt as the frame; the reason in words when they cannot be weighted.
///
/// # Errors
/// A database error.
pub async fn representativeness(
    survey: &Survey,
    store: &Store,
    margins: &[Margin],
) -> Result<Result<Assessment, NotYet>, StoreError> {
    let rows = store.export_rows(false).await?;
    let index = response_index(&rows);
    let n = rows.responses.len();
    if n == 0 {
        return Ok(Err(NotYet::NoResponses));
    }
    let invited: Vec<(String, f64)> = store
        .progress()
        .await?
        .into_iter()
        .map(|p| (p.buurt, p.invited as f64))
        .collect();
    Ok(weigh(survey, margins, &rows, &index)
        .and_then(|raking| assess(&raking, margins, &raking.weights, Some(&invited)))
        .map_err(NotYet::Weighting))
}

/// Whether the results may be shown: the consultation has closed and either
/// the survey publishes at the close or the operator has published them.
///
/// # Errors
/// A database error.
pub async fn published(state: &AppState) -> Result<bool, StoreError> {
    let meta = state.survey.meta();
    if state.clock.now() < meta.closes {
        return Ok(false);
    }
    Ok(match meta.publish_results {
        PublishResults::AtClose => true,
        PublishResults::Manual => state.store.published_at(&meta.id).await?.is_some(),
    })
}

/// The shares, weighted by raking to the population's margins when configured
/// (the buurt from the invitation, other margins from the background answers
/// mapped by the survey; a skipped question is its own category).
///
/// # Errors
/// A database error.
pub async fn shares(state: &AppState) -> Result<Shares, StoreError> {
    let survey = &state.survey;
    let (rows, left_out) = keeping_the_rules(survey, state.store.export_rows(false).await?);
    let index = response_index(&rows);
    let n = rows.responses.len();
    let levels = levels(survey, &rows, &index);
    let mut raking = None;
    let mut weighting_problem = None;
    if let (Some(population), true) = (&state.population, n > 0) {
        match weigh(survey, &population.margins, &rows, &index) {
            Ok(raked) => raking = Some(raked),
            Err(problem) => weighting_problem = Some(problem.to_string()),
        }
    }
    let weights = raking
        .as_ref()
        .map_or_else(|| vec![1.0; n], |r| r.weights.clone());
    let calibration = raking.as_ref().map(|r| &r.calibration);
    let adjustment = if calibration.is_some() {
        Adjustment::Calibrate
    } else {
        Adjustment::None
    };
    let (shown, groups_shown) = shown_totals(survey, &rows, &index, &levels);
    let options = survey
        .options()
        .iter()
        .enumerate()
        .map(|(option_idx, option)| {
            let chose: Vec<bool> = levels.iter().map(|l| l[option_idx] > 0).collect();
            let estimate = proportion(&chose, &weights, calibration, adjustment).ok();
            OptionShare {
                option_id: option.id.clone(),
                chosen: chose.iter().filter(|c| **c).count() as i64,
                share: estimate.as_ref().map_or(0.0, |p| p.estimate),
                interval: estimate.map(|p| p.korn_graubard),
                // No response, no share to show.
                shown: n > 0 && shown.get(option_idx).copied().unwrap_or(false),
            }
        })
        .collect();
    let groups = survey
        .rules()
        .exclusive
        .iter()
        .enumerate()
        .map(|(group_idx, group)| {
            let chose: Vec<bool> = levels
                .iter()
                .map(|l| group.options.iter().any(|&o| l[o] > 0))
                .collect();
            let estimate = proportion(&chose, &weights, calibration, adjustment).ok();
            GroupShare {
                group_idx,
                share: estimate.as_ref().map_or(0.0, |p| p.estimate),
                interval: estimate.map(|p| p.korn_graubard),
                shown: n > 0 && groups_shown.get(group_idx).copied().unwrap_or(false),
            }
        })
        .collect();
    let weighted = raking.is_some();
    Ok(Shares {
        n: n as i64,
        left_out,
        weighted,
        weighting_problem,
        options,
        groups,
    })
}

/// The rows without the responses whose portfolio breaks a rule of their
/// version, as the analysis leaves them out; and how many were left out.
fn keeping_the_rules(survey: &Survey, mut rows: ExportRows) -> (ExportRows, usize) {
    let breaks: HashSet<String> = {
        let index = response_index(&rows);
        let levels = levels(survey, &rows, &index);
        rows.responses
            .iter()
            .zip(&levels)
            .filter(|(response, levels)| match survey.version(&response[1]) {
                Some(version) => ChoiceTask::new(survey, version)
                    .broken_rule((*levels).clone())
                    .is_some(),
                None => true,
            })
            .map(|(response, _)| response[0].clone())
            .collect()
    };
    if breaks.is_empty() {
        return (rows, 0);
    }
    rows.responses.retain(|r| !breaks.contains(&r[0]));
    rows.choices.retain(|c| !breaks.contains(&c.0));
    rows.motivations.retain(|m| !breaks.contains(&m.0));
    rows.answers.retain(|a| !breaks.contains(&a.0));
    (rows, breaks.len())
}

/// `levels[response][option_idx]`: the level each response chose.
fn levels(survey: &Survey, rows: &ExportRows, index: &HashMap<&str, usize>) -> Vec<Vec<u8>> {
    let mut levels = vec![vec![0u8; survey.options().len()]; rows.responses.len()];
    for (response_id, option_id, level, _) in &rows.choices {
        if let (Some(&r), Some(o)) = (
            index.get(response_id.as_str()),
            survey.option_idx(option_id),
        ) {
            levels[r][o] = u8::try_from(*level).unwrap_or(u8::MAX);
        }
    }
    levels
}

/// Per option and per exclusive group, whether disclosure control leaves
/// its total shown; nothing is shown when the counts cannot be protected.
fn shown_totals(
    survey: &Survey,
    rows: &ExportRows,
    index: &HashMap<&str, usize>,
    levels: &[Vec<u8>],
) -> (Vec<bool>, Vec<bool>) {
    let buurt: Vec<String> = rows.responses.iter().map(|r| r[2].clone()).collect();
    let background = background_answers(survey, rows, index);
    let respondents = Respondents {
        levels,
        buurt: &buurt,
        background: &background,
    };
    match shares_release(survey, &respondents) {
        Ok(protected) => (
            (0..survey.options().len())
                .map(|o| protected.total_shown(o))
                .collect(),
            protected
                .exclusive
                .iter()
                .map(|&id| protected.release.is_shown(id))
                .collect(),
        ),
        Err(error) => {
            tracing::warn!("the public results show no share: disclosure control failed: {error}");
            (Vec::new(), Vec::new())
        }
    }
}

/// `background[question_idx][response]`: each response's background answers.
fn background_answers<'r>(
    survey: &Survey,
    rows: &'r ExportRows,
    index: &HashMap<&str, usize>,
) -> Vec<Vec<Option<&'r str>>> {
    let mut background = vec![vec![None; rows.responses.len()]; survey.background().len()];
    for (response_id, section, question_id, value, _) in &rows.answers {
        if section != "background" {
            continue;
        }
        let question = survey
            .background()
            .iter()
            .position(|q| q.id == *question_id);
        if let (Some(q), Some(&r)) = (question, index.get(response_id.as_str())) {
            background[q][r] = value.as_deref();
        }
    }
    background
}

/// Each response's row by its id.
fn response_index(rows: &ExportRows) -> HashMap<&str, usize> {
    rows.responses
        .iter()
        .enumerate()
        .map(|(i, r)| (r[0].as_str(), i))
        .collect()
}

/// Rakes the responses as the analysis does (`pwe_core::weighting::responses`).
fn weigh(
    survey: &Survey,
    margins: &[Margin],
    rows: &ExportRows,
    index: &HashMap<&str, usize>,
) -> Result<Raking, WeightingError> {
    let buurt: Vec<&str> = rows.responses.iter().map(|r| r[2].as_str()).collect();
    let background = background_answers(survey, rows, index);
    weigh_responses(survey, margins, &buurt, &background)
}
