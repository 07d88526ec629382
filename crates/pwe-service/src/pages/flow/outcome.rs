//! Where the outcome stands, for every page a resident meets after sending or
//! after the close (the landing page, a code entered after the close, the
//! receipt check, the thank-you page, the results page before publication):
//! a link to the results once they are published, and before that when they
//! will come, so that no page promises a link that leads nowhere.

use super::*;
use crate::error::ApiError;
use pwe_core::survey::PublishResults;

/// How far the outcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// The consultation is open (or not open yet).
    Open,
    /// Closed; the municipality checks the results before publishing them.
    Checking,
    /// The results are public; the council has not answered yet.
    Published,
    /// The results are public with the council's answer.
    Answered,
}

/// The stage now.
///
/// # Errors
/// A database error.
pub(super) async fn stage(state: &AppState) -> Result<Stage, ApiError> {
    if state.clock.now() < state.survey.meta().closes {
        return Ok(Stage::Open);
    }
    Ok(
        match (crate::results::published(state).await?, &state.council) {
            (false, _) => Stage::Checking,
            (true, None) => Stage::Published,
            (true, Some(_)) => Stage::Answered,
        },
    )
}

/// What a page says about the outcome at `stage`; with `next_steps`, the
/// survey's own words on what happens next (which say when) until the
/// council has answered.
pub(super) fn outcome_view(
    state: &AppState,
    visit: &Visit,
    stage: Stage,
    next_steps: bool,
) -> OutcomeView {
    let (meta, t, lang) = (state.survey.meta(), visit.t, visit.lang);
    let closes = pwe_core::format::moment(
        meta.closes.with_timezone(&meta.timezone).naive_local(),
        lang,
    );
    let results = format!("/results?lang={}", lang.code());
    let (said, link) = match (stage, &state.council) {
        (Stage::Open, _) => {
            let publish = match meta.publish_results {
                PublishResults::AtClose => "at-close",
                PublishResults::Manual => "manual",
            };
            let words = t.fill(
                "outcome_open",
                &[("closes", closes.into()), ("publish", publish.into())],
            );
            (words, None)
        }
        (Stage::Checking, _) => (t.text("outcome_checking").to_string(), None),
        (Stage::Answered, Some(council)) => (
            t.fill(
                "outcome_answered",
                &[("date", pwe_core::format::date(council.decided, lang).into())],
            ),
            Some((results, t.text("council_title").to_string())),
        ),
        (Stage::Published | Stage::Answered, _) => (
            t.text("outcome_published").to_string(),
            Some((results, t.text("outcome_see_results").to_string())),
        ),
    };
    let next = meta
        .next_steps
        .as_ref()
        .filter(|_| next_steps && stage != Stage::Answered)
        .map(|next| Said::of(next, lang));
    OutcomeView { said, next, link }
}
