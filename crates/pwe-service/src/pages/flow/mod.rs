//! The pages of the flow: landing, information, choice, motivations,
//! background, evaluation, confirmation, thanks; and the public results.
//! Every form posts back (with its CSRF token), is saved as a draft, and
//! redirects to the next step; a step with problems is shown again with them.

use std::collections::BTreeMap;

use askama::Template;
use axum::Extension;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pwe_core::answers::{AnswerProblem, ProblemKind, check_draft, check_from};
use pwe_core::survey::{EvaluationKind, QuestionKind, Required};
use pwe_core::{ChoiceTask, Lang, Portfolio};
use serde::Deserialize;
use serde_json::Value;

mod answers;
mod choice;
mod entry;
mod finish;
mod outcome;
mod steps;

pub use choice::*;
pub use entry::*;
pub use finish::*;
pub use steps::*;

use super::session::{self, LANG_COOKIE};
use super::texts::{Texts, texts};
use super::views::*;
use crate::api::body::ResponseBody;
use crate::api::household::{check_open, ensure_started, record_submission, task};
use crate::error::ApiError;
use crate::store::{Household, Session};
use crate::{AppState, timestamp};

/// The `?lang=` of every page.
#[derive(Debug, Deserialize, Default)]
pub struct LangQuery {
    pub(super) lang: Option<String>,
}

/// A form post: every field, in order (checkboxes may repeat a name).
pub type Fields = Vec<(String, String)>;

pub(super) fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The page when even the error page cannot be rendered.
const FALLBACK_FAILURE: &str = "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>Er ging iets mis</title>\
<h1>Er ging iets mis / Something went wrong</h1><p>Probeer het over een paar minuten opnieuw. \
Please try again in a few minutes.</p><p><a href=\"/\">Begin / Start</a></p></html>";

/// What a page needs to know about the request.
pub(super) struct Visit {
    pub(super) lang: Lang,
    pub(super) t: &'static Texts,
    path: String,
    pub(super) set_lang: Option<String>,
    /// An official entering a form for a household: whose, on every page.
    entry: Option<String>,
}

/// How long the language cookie keeps a chosen language.
const LANG_KEPT: std::time::Duration = std::time::Duration::from_secs(365 * 24 * 3600);

impl Visit {
    pub(super) fn new(
        state: &AppState,
        headers: &HeaderMap,
        query: &LangQuery,
        path: &str,
    ) -> Visit {
        let lang = session::language(headers, query.lang.as_deref());
        Visit {
            lang,
            t: texts(lang),
            entry: None,
            path: path.to_string(),
            // A year, so the language stays for a household's next visit.
            set_lang: query
                .lang
                .as_deref()
                .and_then(Lang::from_code)
                .map(|l| session::set_cookie(state, LANG_COOKIE, l.code(), LANG_KEPT)),
        }
    }

    fn common(
        &self,
        state: &AppState,
        title: &str,
        csrf: &str,
        step: Option<(usize, usize)>,
    ) -> Common {
        let other = match self.lang {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        };
        Common {
            t: self.t,
            lang: self.lang.code(),
            title: title.to_string(),
            survey_title: state.survey.meta().title.get(self.lang).to_string(),
            switch_href: format!("{}?lang={}", self.path, other.code()),
            csrf: csrf.to_string(),
            step,
            form: None,
            has_errors: false,
            contact: contact_lines(state, self.lang),
            entry: self.entry.clone(),
            simulated: state.simulated,
            from: None,
        }
    }

    /// Renders a page with a status, setting the language cookie when the page was asked in a language.
    pub(super) fn render(&self, status: StatusCode, page: impl Template) -> Response {
        match page.render() {
            Ok(body) => self.html(status, body),
            Err(error) => {
                tracing::error!(%error, "template failed");
                (StatusCode::INTERNAL_SERVER_ERROR, Html(FALLBACK_FAILURE)).into_response()
            }
        }
    }

    /// A rendered page with a status, setting the language cookie when the page was asked in a language.
    pub(super) fn html(&self, status: StatusCode, body: String) -> Response {
        let response = (status, Html(body)).into_response();
        match &self.set_lang {
            Some(cookie) => with_cookie(response, cookie),
            None => response,
        }
    }

    /// A page with a title, some paragraphs and a link onward.
    pub(super) fn message(
        &self,
        state: &AppState,
        status: StatusCode,
        title: &str,
        paragraphs: Vec<String>,
    ) -> Response {
        let page = MessagePage {
            c: self.common(state, title, "", None),
            paragraphs,
            receipt: None,
            next_steps: None,
            outcome: None,
            onward: Some(("/".into(), self.t.text("to_start").into())),
        };
        self.render(status, page)
    }

    /// The page for a request that failed: never JSON, always a way onward.
    /// An internal error is logged, and the resident reads that nothing typed
    /// before the last save is lost.
    pub(super) fn failure(&self, state: &AppState, error: ApiError) -> Response {
        if let ApiError::Internal(detail) = &error {
            tracing::error!(%detail, "page failed");
        }
        let (status, _, message) = error.parts();
        let mut paragraphs = vec![message.get(self.lang).to_string()];
        if status.is_server_error() {
            paragraphs.push(self.t.text("failure_kept").to_string());
        }
        self.message(state, status, self.t.text("failure_title"), paragraphs)
    }
}

/// The help desk in `lang`, from the survey file: how to reach it, and where and when.
fn contact_lines(state: &AppState, lang: Lang) -> (Vec<String>, Vec<String>) {
    let Some(contact) = &state.survey.meta().contact else {
        return (Vec::new(), Vec::new());
    };
    let t = texts(lang);
    let reach = [
        contact
            .phone
            .as_ref()
            .map(|p| format!("{} {p}", t.text("phone"))),
        contact
            .email
            .as_ref()
            .map(|e| format!("{} {e}", t.text("email"))),
    ];
    let visit =
        [&contact.address, &contact.hours].map(|t| t.as_ref().map(|t| t.get(lang).to_string()));
    (
        reach.into_iter().flatten().collect(),
        visit.into_iter().flatten().collect(),
    )
}

pub(super) fn step_number(state: &AppState, step: Step) -> (usize, usize) {
    let n_pages = state.survey.pages().len();
    (n_pages + step.index() + 1, n_pages + Step::ALL.len())
}

/// `response` with the cookie `cookie` set.
pub(super) fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub(super) fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// The household of the session, or where to send the visitor instead.
pub(super) async fn require(
    state: &AppState,
    headers: &HeaderMap,
    visit: &Visit,
) -> Result<(Household, Session), Response> {
    let Some((household, session)) = session::current(state, headers).await else {
        return Err(see_other("/"));
    };
    if household.submitted_at.is_some() {
        return Err(see_other("/thanks"));
    }
    if let Err(error) = check_open(state, &household) {
        return Err(closed_page(state, visit, &error).await);
    }
    let household = ensure_started(state, household)
        .await
        .map_err(|e| visit.failure(state, e))?;
    Ok((household, session))
}

/// A code entered outside the window. After the close the page leads to the
/// outcome instead of back to a form that no longer opens anything.
pub(super) async fn closed_page(state: &AppState, visit: &Visit, error: &ApiError) -> Response {
    let (status, _, message) = error.parts();
    let paragraphs = vec![message.get(visit.lang).to_string()];
    if !matches!(error, ApiError::Closed { ended: true, .. }) {
        return visit.message(state, status, visit.t.text("closed_title"), paragraphs);
    }
    let stage = match outcome::stage(state).await {
        Ok(stage) => stage,
        Err(error) => return visit.failure(state, error),
    };
    let page = MessagePage {
        c: visit.common(state, visit.t.text("closed_ended_title"), "", None),
        paragraphs,
        receipt: None,
        next_steps: None,
        outcome: Some(outcome::outcome_view(state, visit, stage, true)),
        onward: None,
    };
    visit.render(status, page)
}

/// A page of the flow: the visit and the session's household, or where to go instead.
pub(super) async fn page_visit(
    state: &AppState,
    headers: &HeaderMap,
    query: &LangQuery,
    path: &str,
) -> Result<(Visit, Household, Session), Response> {
    let mut visit = Visit::new(state, headers, query, path);
    let (household, session) = require(state, headers, &visit).await?;
    let whose = match session.channel {
        pwe_core::channel::Channel::Online => None,
        pwe_core::channel::Channel::Paper => Some(visit.t.text("entry_paper")),
        pwe_core::channel::Channel::Assisted => Some(visit.t.text("entry_assisted")),
    };
    visit.entry = whose.map(|words| format!("{words} {}", household.household_ref));
    Ok((visit, household, session))
}

/// A form post of the flow: as [`page_visit`], and only with the session's CSRF token.
pub(super) async fn form_post(
    state: &AppState,
    headers: &HeaderMap,
    fields: &Fields,
    path: &str,
) -> Result<(Visit, Household, Session), Response> {
    let (visit, household, session) =
        page_visit(state, headers, &LangQuery::default(), path).await?;
    if !csrf_ok(fields, &session) {
        return Err(forbidden(state, &visit));
    }
    Ok((visit, household, session))
}

pub(super) fn csrf_ok(fields: &Fields, session: &Session) -> bool {
    field(fields, "csrf").is_some_and(|sent| session::same_token(sent, &session.csrf))
}

pub(super) fn forbidden(state: &AppState, visit: &Visit) -> Response {
    visit.message(
        state,
        StatusCode::FORBIDDEN,
        visit.t.text("session_expired"),
        vec![visit.t.text("session_expired").to_string()],
    )
}

pub(super) fn draft(household: &Household) -> ResponseBody {
    household
        .draft
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default()
}

/// Saves the draft and where the household is. Nothing invalid (unknown,
/// out of range, too long) is ever stored: the previous draft stays, and the
/// step shows the problem with the input.
pub(super) async fn save(
    state: &AppState,
    household: &Household,
    step: &str,
    body: &ResponseBody,
) -> Result<(), ApiError> {
    let task = task(state, household)?;
    let valid = body
        .to_input()
        .is_ok_and(|input| check_draft(&task, &input).is_ok());
    if !valid {
        return Ok(());
    }
    let json = serde_json::to_string(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let now = timestamp(state.clock.now());
    Ok(state
        .store
        .save_draft(&household.household_ref, step, &json, &now)
        .await?)
}
