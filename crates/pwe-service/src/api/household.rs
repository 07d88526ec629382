//! The household's flow: open, save drafts, check a portfolio, submit, follow up.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use pwe_core::answers::{check_draft, check_evaluation_only, check_from};
use pwe_core::channel::Channel;
use pwe_core::{ChoiceTask, Lang, Portfolio};
use rand::Rng;
use rand::seq::SliceRandom;
use serde::Deserialize;
use serde_json::{Value, json};

use super::body::{JsonBody, ResponseBody, raw_answers};
use crate::error::ApiError;
use crate::guard::{self, Client, Surface};
use crate::store::Household;
use crate::submission::{Submitter, rows};
use crate::{AppState, timestamp};

/// The header a household's code travels in.
pub const CODE_HEADER: &str = "x-household-code";

/// The household whose code the request carries, within the limits on wrong codes.
pub async fn authenticate(
    state: &AppState,
    client: Client,
    headers: &HeaderMap,
) -> Result<Household, ApiError> {
    let typed = headers
        .get(CODE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::NoCode)?;
    guard::household_for_code(state, client, Surface::Api, typed).await
}

/// Refuses outside the open window; test households may always enter.
pub fn check_open(state: &AppState, household: &Household) -> Result<(), ApiError> {
    let meta = state.survey.meta();
    let now = state.clock.now();
    if household.is_test || (meta.opens <= now && now < meta.closes) {
        return Ok(());
    }
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&meta.timezone).naive_local();
    Err(ApiError::Closed {
        opens: local(meta.opens),
        closes: local(meta.closes),
        ended: now >= meta.closes,
    })
}

/// Assigns the option order at first use, and the version (at random, by the
/// design's shares) when the code was made without one; later calls return
/// what was assigned.
pub async fn ensure_started(state: &AppState, household: Household) -> Result<Household, ApiError> {
    if household.started_at.is_some() {
        return Ok(household);
    }
    let survey = &state.survey;
    // The generator is not Send, so it must be gone before the next await.
    let (version, order) = {
        let mut rng = rand::rng();
        let version = survey.version_for_draw(rng.random());
        let mut order: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
        if survey.meta().randomize_options {
            order.shuffle(&mut rng);
        }
        (version, order)
    };
    let now = timestamp(state.clock.now());
    Ok(state
        .store
        .start(&household.household_ref, &version.id, &order, &now)
        .await?)
}

/// The household's version as a task.
pub fn task<'s>(state: &'s AppState, household: &Household) -> Result<ChoiceTask<'s>, ApiError> {
    let id = household.version.as_deref().unwrap_or_default();
    let version = state.survey.version(id).ok_or_else(|| {
        ApiError::Internal(format!(
            "household has version {id}, which the survey does not define"
        ))
    })?;
    Ok(ChoiceTask::new(&state.survey, version))
}

fn text(text: &pwe_core::Text) -> Value {
    json!({ "nl": text.nl(), "en": text.get(Lang::En) })
}

/// `GET /api/survey`: what anyone may know about the consultation.
pub async fn survey(State(state): State<AppState>) -> Json<Value> {
    let survey = &state.survey;
    let meta = survey.meta();
    Json(json!({
        "id": meta.id,
        "title": text(&meta.title),
        "organiser": text(&meta.organiser),
        "opens": timestamp(meta.opens),
        "closes": timestamp(meta.closes),
        "participation_level": meta.participation_level.name(),
        "privacy": text(&meta.privacy),
        "pages": survey.pages().iter().map(|p| json!({ "id": p.id, "title": text(&p.title), "body": text(&p.body) })).collect::<Vec<_>>(),
    }))
}

/// The household's task and progress, as `open` returns it.
fn view(
    state: &AppState,
    household: &Household,
    receipt: Option<String>,
) -> Result<Value, ApiError> {
    let task = task(state, household)?;
    let survey = &state.survey;
    let (lower, upper) = task.spend_bounds();
    let options: Vec<Value> = household
        .options_in_order(survey)
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let prompt = survey.motivation(option_idx);
            json!({
                "id": option.id,
                "title": text(&option.title),
                "description": text(&option.description),
                "more_info": option.more_info.as_ref().map(text),
                "levels": (1..=option.max_level()).map(|level| {
                    let definition = &option.levels[usize::from(level) - 1];
                    json!({
                        "level": level,
                        "label": definition.label.as_ref().map(text),
                        "cost": task.cost(option_idx, level).get(),
                        "effects": survey.effects().iter().zip(&definition.effects).map(|(e, v)| (e.id.clone(), json!(v))).collect::<BTreeMap<_, _>>(),
                    })
                }).collect::<Vec<_>>(),
                "motivation": { "chosen": text(&prompt.chosen), "not_chosen": text(&prompt.not_chosen), "max_length": prompt.max_length },
            })
        })
        .collect();
    let draft: Value = household
        .draft
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(Value::Null);
    Ok(json!({
        "version": household.version,
        "buurt": household.buurt,
        "step": household.last_step,
        "submitted": household.submitted_at.is_some(),
        "receipt": receipt,
        "budget": task.budget().get(),
        "spend": { "at_least": lower.map(|l| l.get()), "at_most": upper.get() },
        "effects": survey.effects().iter().map(|e| json!({ "id": e.id, "label": text(&e.label), "unit": text(&e.unit) })).collect::<Vec<_>>(),
        "options": options,
        "draft": draft,
    }))
}

/// `POST /api/household/open`: enter with a code; assigns the version at first use.
pub async fn open(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let household = authenticate(&state, client, &headers).await?;
    if household.submitted_at.is_some() {
        let receipt = state
            .store
            .receipt(&household.household_ref)
            .await?
            .map(|(_, receipt)| receipt);
        return Ok(Json(view(&state, &household, receipt)?));
    }
    check_open(&state, &household)?;
    let household = ensure_started(&state, household).await?;
    Ok(Json(view(&state, &household, None)?))
}

/// A draft as saved at a step.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftBody {
    /// The step the household is at.
    pub step: String,
    /// Everything answered so far.
    #[serde(default)]
    pub answers: ResponseBody,
}

/// `PUT /api/household/draft`: save everything answered so far.
pub async fn save_draft(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<DraftBody>,
) -> Result<Json<Value>, ApiError> {
    let household = authenticate(&state, client, &headers).await?;
    if household.submitted_at.is_some() {
        return Err(ApiError::AlreadySubmitted);
    }
    check_open(&state, &household)?;
    if !crate::store::STEPS.contains(&body.step.as_str()) {
        return Err(ApiError::BadRequest(format!(
            "step \"{}\" is not one of {}",
            body.step,
            crate::store::STEPS.join(", ")
        )));
    }
    // A draft may be incomplete and break the budget, but nothing in it may
    // be unknown, out of range or too long: resuming must never fail on it.
    let input = body.answers.to_input()?;
    let household = ensure_started(&state, household).await?;
    check_draft(&task(&state, &household)?, &input).map_err(ApiError::Invalid)?;
    let now = timestamp(state.clock.now());
    let draft =
        serde_json::to_string(&body.answers).map_err(|e| ApiError::Internal(e.to_string()))?;
    state
        .store
        .save_draft(&household.household_ref, &body.step, &draft, &now)
        .await?;
    Ok(Json(json!({ "saved_at": now, "step": body.step })))
}

/// A portfolio to price.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    /// Chosen options with their level.
    pub portfolio: BTreeMap<String, u32>,
}

/// `POST /api/household/check`: totals and broken rules of a portfolio in the household's version.
pub async fn check(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<CheckBody>,
) -> Result<Json<Value>, ApiError> {
    let household = authenticate(&state, client, &headers).await?;
    check_open(&state, &household)?;
    let household = ensure_started(&state, household).await?;
    let task = task(&state, &household)?;
    let portfolio = Portfolio::from_choices(
        &state.survey,
        body.portfolio
            .iter()
            .filter(|(_, l)| **l > 0)
            .map(|(id, l)| (id.as_str(), *l)),
    )
    .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let totals = task.totals(&portfolio);
    let violations: Vec<Value> = task
        .violations(&portfolio)
        .into_iter()
        .map(|v| json!({ "rule": v.rule.code(), "message": { "nl": v.message.nl, "en": v.message.en } }))
        .collect();
    Ok(Json(json!({
        "cost": totals.cost.get(),
        "budget": totals.budget.get(),
        "remaining": totals.remaining().get(),
        "tax_change": totals.tax_change,
        "effects": state.survey.effects().iter().zip(&totals.effects).map(|(e, v)| (e.id.clone(), json!(v))).collect::<BTreeMap<_, _>>(),
        "violations": violations,
    })))
}

fn random_id() -> String {
    let bytes: [u8; 12] = rand::rng().random();
    hex::encode(bytes)
}

/// `POST /api/household/submit`: check everything and store the response once.
pub async fn submit(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ResponseBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let household = authenticate(&state, client, &headers).await?;
    let (receipt, submitted_at) =
        record_submission(&state, household, &body, Channel::Online).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "receipt": receipt, "submitted_at": submitted_at })),
    ))
}

/// Checks a household's answers with pwe-core and stores them once; the web
/// pages and the API both submit through here, the pages with their
/// session's channel. Returns the receipt and time.
///
/// A paper form is taken as written (rules broken, questions left open; see
/// [`pwe_core::answers::check_as_written`]).
///
/// # Errors
/// Already submitted (409), closed (403), bad answers (400) or broken rules (422).
pub async fn record_submission(
    state: &AppState,
    household: Household,
    body: &ResponseBody,
    channel: Channel,
) -> Result<(String, String), ApiError> {
    if household.submitted_at.is_some() {
        return Err(ApiError::AlreadySubmitted);
    }
    check_open(state, &household)?;
    let household = ensure_started(state, household).await?;
    let task = task(state, &household)?;
    let input = body.to_input()?;
    let (response, as_written) = check_from(channel, &task, &input).map_err(ApiError::Invalid)?;
    if !as_written.is_empty() {
        tracing::info!(
            problems = as_written.len(),
            "a paper form recorded as written"
        );
    }
    let order = household.option_order.clone().unwrap_or_default();
    let who = Submitter {
        response_id: random_id(),
        household_ref: &household.household_ref,
        version: &task.version().id,
        buurt: &household.buurt,
        is_test: household.is_test,
        order: &order,
        started_at: household.started_at.clone().unwrap_or_default(),
        submitted_at: timestamp(state.clock.now()),
        channel,
    };
    let new = rows(&state.survey, who, &response);
    state.store.submit(&new).await?;
    Ok((new.receipt, new.submitted_at))
}

/// Follow-up evaluation answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupBody {
    /// Answers to the evaluation questions.
    pub evaluation: BTreeMap<String, Value>,
}

/// `POST /api/household/followup`: the evaluation questions again, for households drawn for the follow-up.
pub async fn followup(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FollowupBody>,
) -> Result<Json<Value>, ApiError> {
    let household = authenticate(&state, client, &headers).await?;
    if !household.followup {
        return Err(ApiError::NotInFollowup);
    }
    let Some((response_id, _)) = state.store.receipt(&household.household_ref).await? else {
        return Err(ApiError::NotSubmitted);
    };
    let task = task(&state, &household)?;
    let answers = check_evaluation_only(&task, &raw_answers("evaluation", &body.evaluation)?)
        .map_err(ApiError::Invalid)?;
    let rows: Vec<(String, String, bool)> = state
        .survey
        .evaluation()
        .iter()
        .zip(&answers)
        .filter_map(|(q, a)| {
            a.as_ref()
                .map(|a| (q.id.clone(), a.to_cell(), a.is_free_text()))
        })
        .collect();
    state.store.save_followup(&response_id, &rows).await?;
    Ok(Json(json!({ "saved": rows.len() })))
}
