//! The pages of the flow: landing, information, choice, motivations,
//! background, evaluation, confirmation, thanks; and the public results.
//! Every form posts back (with its CSRF token), is saved as a draft, and
//! redirects to the next step; a step with problems is shown again with them.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use askama::Template;
use axum::Extension;
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pwe_core::answers::{AnswerProblem, check_response};
use pwe_core::money::display_cents;
use pwe_core::survey::{EvaluationKind, QuestionKind, Required};
use pwe_core::{ChoiceTask, Lang, Portfolio};
use serde::Deserialize;
use serde_json::Value;

use super::session::{self, AttemptLimiter, LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use super::texts::{Texts, texts};
use super::views::*;
use crate::api::body::ResponseBody;
use crate::api::household::{
    check_open, ensure_started, household_for_code, record_submission, task,
};
use crate::error::ApiError;
use crate::store::{Household, Session};
use crate::{AppState, timestamp};

/// How long a session lasts: a resident may take a few days over it.
const SESSION_AGE: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// The `?lang=` of every page.
#[derive(Debug, Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

/// A form post: every field, in order (checkboxes may repeat a name).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// What a page needs to know about the request.
struct Visit {
    lang: Lang,
    t: &'static Texts,
    path: String,
    set_lang: Option<String>,
}

impl Visit {
    fn new(headers: &HeaderMap, query: &LangQuery, path: &str) -> Visit {
        let lang = session::language(headers, query.lang.as_deref());
        Visit {
            lang,
            t: texts(lang),
            path: path.to_string(),
            set_lang: query.lang.as_deref().and_then(Lang::from_code).map(|l| {
                format!(
                    "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
                    l.code()
                )
            }),
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
        }
    }

    /// Renders a page with a status, setting the language cookie when the page was asked in a language.
    fn render(&self, status: StatusCode, page: impl Template) -> Response {
        let body = page
            .render()
            .unwrap_or_else(|error| format!("template error: {error}"));
        let mut response = (status, Html(body)).into_response();
        if let Some(cookie) = &self.set_lang {
            if let Ok(value) = HeaderValue::from_str(cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        response
    }

    fn message(
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
        };
        self.render(status, page)
    }
}

/// The steps after the information pages, in order, with their pages.
const FLOW: [(&str, &str); 5] = [
    ("choice", "/choice"),
    ("motivation", "/motivation"),
    ("background", "/background"),
    ("evaluation", "/evaluation"),
    ("confirm", "/confirm"),
];

fn step_number(state: &AppState, step: &str) -> Option<(usize, usize)> {
    let n_pages = state.survey.pages().len();
    let total = n_pages + FLOW.len();
    FLOW.iter()
        .position(|(name, _)| *name == step)
        .map(|idx| (n_pages + idx + 1, total))
}

fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// The household of the session, or where to send the visitor instead.
async fn require(
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
        return Err(closed_page(state, visit, &error));
    }
    let household = ensure_started(state, household)
        .await
        .map_err(|e| e.into_response())?;
    Ok((household, session))
}

fn closed_page(state: &AppState, visit: &Visit, error: &ApiError) -> Response {
    let (status, _, message) = error.parts();
    visit.message(
        state,
        status,
        visit.t.get("closed_title"),
        vec![message.get(visit.lang).to_string()],
    )
}

fn csrf_ok(fields: &Fields, session: &Session) -> bool {
    field(fields, "csrf").is_some_and(|sent| session::same_token(sent, &session.csrf))
}

fn forbidden(state: &AppState, visit: &Visit) -> Response {
    visit.message(
        state,
        StatusCode::FORBIDDEN,
        visit.t.get("session_expired"),
        vec![visit.t.get("session_expired").to_string()],
    )
}

fn draft(household: &Household) -> ResponseBody {
    household
        .draft
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default()
}

async fn save(
    state: &AppState,
    household: &Household,
    step: &str,
    body: &ResponseBody,
) -> Result<(), Response> {
    let json = serde_json::to_string(body)
        .map_err(|e| ApiError::Internal(e.to_string()).into_response())?;
    let now = timestamp(state.clock.now());
    state
        .store
        .save_draft(&household.household_ref, step, &json, &now)
        .await
        .map_err(|e| ApiError::from(e).into_response())
}

/// The problems of the whole draft whose field starts with `prefix`.
fn problems_of(task: &ChoiceTask<'_>, body: &ResponseBody, prefix: &str) -> Vec<AnswerProblem> {
    let Ok(input) = body.to_input() else {
        return Vec::new();
    };
    match check_response(task, &input) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| p.field.starts_with(prefix))
            .collect(),
    }
}

fn error_lines(
    problems: &[AnswerProblem],
    lang: Lang,
    anchor: impl Fn(&str) -> Option<String>,
) -> Vec<ErrorLine> {
    problems
        .iter()
        .map(|p| ErrorLine {
            anchor: anchor(&p.field),
            text: p.message.get(lang).to_string(),
        })
        .collect()
}

// --- landing and login -------------------------------------------------------

fn landing_page(state: &AppState, visit: &Visit, csrf: &str, errors: Vec<ErrorLine>) -> Landing {
    let meta = state.survey.meta();
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&meta.timezone)
            .format("%d-%m-%Y %H:%M")
            .to_string()
    };
    Landing {
        c: visit.common(state, meta.title.get(visit.lang), csrf, None),
        errors,
        organiser: meta.organiser.get(visit.lang).to_string(),
        opens: local(meta.opens),
        closes: local(meta.closes),
        privacy: meta.privacy.get(visit.lang).to_string(),
        typed: String::new(),
    }
}

/// `GET /`: the landing page with the code form.
pub async fn landing(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/");
    if session::current(&state, &headers).await.is_some() {
        return see_other("/start");
    }
    let csrf = session::random_token();
    let mut response = visit.render(
        StatusCode::OK,
        landing_page(&state, &visit, &csrf, Vec::new()),
    );
    if let Ok(value) =
        HeaderValue::from_str(&session::set_cookie(LOGIN_CSRF_COOKIE, &csrf, SESSION_AGE))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `POST /login`: the code from the form.
pub async fn login(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
    let expected = session::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let sent = field(&fields, "csrf").unwrap_or_default();
    if expected.is_empty() || !session::same_token(expected, sent) {
        return see_other("/");
    }
    let client = connect.map(|Extension(ConnectInfo(addr))| addr.ip());
    enter(
        &state,
        &visit,
        &state.attempts,
        client,
        field(&fields, "code").unwrap_or_default(),
        expected,
    )
    .await
}

/// `GET /s/{code}`: the link from the letter; the code leaves the address bar at once.
pub async fn link(
    State(state): State<AppState>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
    let client = connect.map(|Extension(ConnectInfo(addr))| addr.ip());
    let csrf = session::random_token();
    enter(&state, &visit, &state.attempts, client, &code, &csrf).await
}

async fn enter(
    state: &AppState,
    visit: &Visit,
    attempts: &AttemptLimiter,
    client: Option<std::net::IpAddr>,
    typed: &str,
    csrf: &str,
) -> Response {
    if !attempts.allowed(client) {
        let errors = vec![ErrorLine {
            anchor: Some("code".into()),
            text: visit.t.get("too_many_attempts").into(),
        }];
        return visit.render(
            StatusCode::TOO_MANY_REQUESTS,
            landing_page(state, visit, csrf, errors),
        );
    }
    let household = match household_for_code(state, typed).await {
        Ok(household) => household,
        Err(error) => {
            if matches!(
                error,
                ApiError::CodeMalformed(_) | ApiError::UnknownCode | ApiError::VoidedCode
            ) {
                attempts.wrong(client);
            }
            let (status, _, message) = error.parts();
            let errors = vec![ErrorLine {
                anchor: Some("code".into()),
                text: message.get(visit.lang).to_string(),
            }];
            return visit.render(status, landing_page(state, visit, csrf, errors));
        }
    };
    if household.submitted_at.is_some() {
        return visit.message(
            state,
            StatusCode::OK,
            visit.t.get("already_title"),
            vec![visit.t.get("already_intro").to_string()],
        );
    }
    if let Err(error) = check_open(state, &household) {
        return closed_page(state, visit, &error);
    }
    let token = session::random_token();
    let new = Session {
        household_ref: household.household_ref.clone(),
        csrf: session::random_token(),
    };
    if let Err(error) = state
        .store
        .create_session(
            &session::token_hash(&token),
            &new,
            &timestamp(state.clock.now()),
        )
        .await
    {
        return ApiError::from(error).into_response();
    }
    let mut response = see_other("/start");
    if let Ok(value) =
        HeaderValue::from_str(&session::set_cookie(SESSION_COOKIE, &token, SESSION_AGE))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `GET /start`: back to where the household left off.
pub async fn start(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/start");
    let (household, _) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let step = household.last_step.as_deref().unwrap_or("start");
    match FLOW.iter().find(|(name, _)| *name == step) {
        Some((_, path)) => see_other(path),
        None if state.survey.pages().is_empty() => see_other("/choice"),
        None => see_other("/info/1"),
    }
}

// --- information pages -------------------------------------------------------

/// `GET /info/{n}`.
pub async fn info(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<usize>,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, &format!("/info/{number}"));
    let (_, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let pages = state.survey.pages();
    let Some(page) = number.checked_sub(1).and_then(|idx| pages.get(idx)) else {
        return see_other("/choice");
    };
    let title = page.title.get(visit.lang);
    let view = InfoPage {
        c: visit.common(
            &state,
            title,
            &session.csrf,
            Some((number, pages.len() + FLOW.len())),
        ),
        number,
        heading: title.to_string(),
        paragraphs: page
            .body
            .get(visit.lang)
            .split("\n\n")
            .map(str::to_string)
            .collect(),
    };
    visit.render(StatusCode::OK, view)
}

/// `POST /info/{n}`: on to the next page.
pub async fn info_next(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<usize>,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    if number < state.survey.pages().len() {
        return see_other(&format!("/info/{}", number + 1));
    }
    if let Err(response) = save(&state, &household, "choice", &draft(&household)).await {
        return response;
    }
    see_other("/choice")
}

// --- the choice task ---------------------------------------------------------

fn effects_text(state: &AppState, lang: Lang, values: &[f64]) -> String {
    state
        .survey
        .effects()
        .iter()
        .zip(values)
        .filter(|(_, v)| **v != 0.0)
        .map(|(e, v)| {
            format!(
                "{}: {}{} {}",
                e.label.get(lang),
                if *v > 0.0 { "+" } else { "" },
                v,
                e.unit
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn meter(state: &AppState, lang: Lang, task: &ChoiceTask<'_>, portfolio: &Portfolio) -> MeterView {
    let totals = task.totals(portfolio);
    MeterView {
        budget: task.budget().display(lang),
        spent: totals.cost.display(lang),
        remaining: totals.remaining().display(lang),
        tax_change: totals.tax_change.map(|t| display_cents(t, lang)),
        effects: state
            .survey
            .effects()
            .iter()
            .zip(&totals.effects)
            .map(|(e, v)| (e.label.get(lang).to_string(), format!("{v} {}", e.unit)))
            .collect(),
        messages: task
            .violations(portfolio)
            .into_iter()
            .map(|v| v.message.get(lang).to_string())
            .collect(),
    }
}

fn portfolio_of(state: &AppState, body: &ResponseBody) -> Portfolio {
    Portfolio::from_choices(
        &state.survey,
        body.portfolio
            .iter()
            .filter(|(_, l)| **l > 0)
            .map(|(id, l)| (id.as_str(), *l)),
    )
    .unwrap_or_else(|_| {
        Portfolio::from_levels(&state.survey, vec![0; state.survey.options().len()])
            .expect("zero levels fit any survey")
    })
}

fn choice_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> Result<ChoicePage, ApiError> {
    let task = task(state, household)?;
    let survey = &state.survey;
    let lang = visit.lang;
    let portfolio = portfolio_of(state, body);
    let options = household
        .option_order
        .iter()
        .flatten()
        .filter_map(|id| survey.option_idx(id))
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let chosen = portfolio.level(option_idx);
            let group_note = survey
                .rules()
                .exclusive
                .iter()
                .find(|g| g.options.contains(&option_idx))
                .map(|g| {
                    let names: Vec<&str> = g
                        .options
                        .iter()
                        .map(|&o| survey.options()[o].title.get(lang))
                        .collect();
                    match &g.explanation {
                        Some(explanation) => {
                            format!("{}. {}", names.join(", "), explanation.get(lang))
                        }
                        None => names.join(", "),
                    }
                });
            OptionView {
                id: option.id.clone(),
                title: option.title.get(lang).to_string(),
                description: option.description.get(lang).to_string(),
                more_info: option.more_info.as_ref().map(|m| m.get(lang).to_string()),
                group_note,
                binary: option.is_binary(),
                chosen,
                levels: (1..=option.max_level())
                    .map(|level| {
                        let cost = task.cost(option_idx, level);
                        let cost_text = if cost.get() < 0 {
                            format!("{} {}", visit.t.get("raises"), (-cost).display(lang))
                        } else {
                            format!("{} {}", visit.t.get("cost"), cost.display(lang))
                        };
                        LevelView {
                            level,
                            label: option.levels[usize::from(level) - 1]
                                .label
                                .as_ref()
                                .map_or(String::new(), |l| l.get(lang).to_string()),
                            cost: cost_text,
                            effects: effects_text(state, lang, option.effects_at(level)),
                            checked: chosen == level,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(ChoicePage {
        c: visit.common(
            state,
            visit.t.get("choice_title"),
            csrf,
            step_number(state, "choice"),
        ),
        errors,
        options,
        meter: meter(state, lang, &task, &portfolio),
    })
}

/// `GET /choice`.
pub async fn choice(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/choice");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match choice_page(
        &state,
        &visit,
        &household,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    ) {
        Ok(page) => visit.render(StatusCode::OK, page),
        Err(error) => error.into_response(),
    }
}

fn portfolio_fields(state: &AppState, fields: &Fields) -> BTreeMap<String, u32> {
    state
        .survey
        .options()
        .iter()
        .filter_map(|option| {
            let level = field(fields, &format!("opt-{}", option.id))?
                .parse::<u32>()
                .ok()?;
            (level > 0).then(|| (option.id.clone(), level))
        })
        .collect()
}

/// `POST /choice`: save the portfolio; continue only when it breaks no rule.
pub async fn choice_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/choice");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let mut body = draft(&household);
    body.portfolio = portfolio_fields(&state, &fields);
    let task = match task(&state, &household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let problems = problems_of(&task, &body, "portfolio");
    let step = if problems.is_empty() {
        "motivation"
    } else {
        "choice"
    };
    if let Err(response) = save(&state, &household, step, &body).await {
        return response;
    }
    if problems.is_empty() {
        return see_other("/motivation");
    }
    let errors = error_lines(&problems, visit.lang, |_| Some("meter".into()));
    match choice_page(&state, &visit, &household, &session.csrf, &body, errors) {
        Ok(page) => visit.render(StatusCode::UNPROCESSABLE_ENTITY, page),
        Err(error) => error.into_response(),
    }
}

/// `POST /check`: the meter for the options ticked now (the script calls this
/// on every change; nothing is saved).
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/choice");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let body = ResponseBody {
        portfolio: portfolio_fields(&state, &fields),
        ..ResponseBody::default()
    };
    let task = match task(&state, &household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let fragment = MeterFragment {
        c: visit.common(&state, "", &session.csrf, None),
        meter: meter(&state, visit.lang, &task, &portfolio_of(&state, &body)),
    };
    visit.render(StatusCode::OK, fragment)
}

// --- motivations ---------------------------------------------------------------

fn motivation_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> MotivationPage {
    let survey = &state.survey;
    let lang = visit.lang;
    let motivations = household
        .option_order
        .iter()
        .flatten()
        .filter_map(|id| survey.option_idx(id))
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let prompt = survey.motivation(option_idx);
            let chosen = body.portfolio.get(&option.id).is_some_and(|l| *l > 0);
            MotivationView {
                id: option.id.clone(),
                title: option.title.get(lang).to_string(),
                chosen,
                prompt: if chosen {
                    prompt.chosen.get(lang)
                } else {
                    prompt.not_chosen.get(lang)
                }
                .to_string(),
                required: prompt.required.applies(chosen) && prompt.required != Required::None,
                max_length: prompt.max_length,
                text: body
                    .motivations
                    .get(&option.id)
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect();
    MotivationPage {
        c: visit.common(
            state,
            visit.t.get("motivation_title"),
            csrf,
            step_number(state, "motivation"),
        ),
        errors,
        motivations,
    }
}

/// `GET /motivation`.
pub async fn motivation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/motivation");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = motivation_page(
        &state,
        &visit,
        &household,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /motivation`.
pub async fn motivation_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/motivation");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let mut body = draft(&household);
    body.motivations = state
        .survey
        .options()
        .iter()
        .filter_map(|o| {
            field(&fields, &format!("mot-{}", o.id))
                .filter(|t| !t.trim().is_empty())
                .map(|t| (o.id.clone(), t.to_string()))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        &session,
        body,
        "motivations.",
        "motivation",
        "background",
        "/background",
        |body, errors| {
            motivation_page(&state, &visit, &household, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}

/// Saves a step's answers; shows the step again with its problems, or goes on.
#[allow(clippy::too_many_arguments)]
async fn step_save(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    _session: &Session,
    body: ResponseBody,
    prefix: &str,
    this_step: &str,
    next_step: &str,
    next_path: &str,
    render: impl Fn(&ResponseBody, Vec<ErrorLine>) -> String,
) -> Response {
    let task = match task(state, household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let problems = match body.to_input() {
        Ok(_) => problems_of(&task, &body, prefix),
        Err(error) => {
            let (_, _, message) = error.parts();
            vec![AnswerProblem {
                field: prefix.trim_end_matches('.').into(),
                rule: None,
                message,
            }]
        }
    };
    let step = if problems.is_empty() {
        next_step
    } else {
        this_step
    };
    if let Err(response) = save(state, household, step, &body).await {
        return response;
    }
    if problems.is_empty() {
        return see_other(next_path);
    }
    let errors = error_lines(&problems, visit.lang, |f| {
        f.split_once('.').map(|(section, id)| match section {
            "motivations" => format!("mot-{id}"),
            "background" => format!("bg-{id}"),
            _ => format!("ev-{id}"),
        })
    });
    let html = render(&body, errors);
    let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response();
    if let Some(cookie) = &visit.set_lang {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

// --- background and evaluation ---------------------------------------------------

fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn background_page(
    state: &AppState,
    visit: &Visit,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> QuestionsPage {
    let lang = visit.lang;
    let questions = state
        .survey
        .background()
        .iter()
        .map(|q| {
            let answer = body.background.get(&q.id);
            let picked = |id: &str| match answer {
                Some(Value::String(s)) => s == id,
                Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(id)),
                _ => false,
            };
            let (kind, choices, min, max, max_length) = match &q.kind {
                QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => (
                    if matches!(q.kind, QuestionKind::Single(_)) {
                        "radio"
                    } else {
                        "checkbox"
                    },
                    choices
                        .iter()
                        .map(|c| (c.id.clone(), c.label.get(lang).to_string(), picked(&c.id)))
                        .collect(),
                    0,
                    0,
                    0,
                ),
                QuestionKind::Number { min, max } => ("number", Vec::new(), *min, *max, 0),
                QuestionKind::Text { max_length } => ("text", Vec::new(), 0, 0, *max_length),
            };
            QuestionView {
                name: format!("bg-{}", q.id),
                kind,
                text: q.text.get(lang).to_string(),
                required: q.required,
                choices,
                value: value_text(answer),
                min,
                max,
                max_length,
            }
        })
        .collect();
    QuestionsPage {
        c: visit.common(
            state,
            visit.t.get("background_title"),
            csrf,
            step_number(state, "background"),
        ),
        errors,
        heading: visit.t.get("background_title").to_string(),
        action: "/background",
        back: "/motivation",
        questions,
    }
}

/// `GET /background`.
pub async fn background(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/background");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = background_page(
        &state,
        &visit,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /background`.
pub async fn background_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/background");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let mut body = draft(&household);
    body.background = state
        .survey
        .background()
        .iter()
        .filter_map(|q| {
            let name = format!("bg-{}", q.id);
            let values: Vec<&str> = fields
                .iter()
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
                .collect();
            let value = match (&q.kind, values.as_slice()) {
                (_, []) => return None,
                (QuestionKind::Multiple(_), many) => {
                    Value::Array(many.iter().map(|v| Value::String(v.to_string())).collect())
                }
                (QuestionKind::Number { .. }, [one, ..]) => one
                    .trim()
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(one.to_string()), Value::from),
                (_, [one, ..]) => Value::String(one.to_string()),
            };
            Some((q.id.clone(), value))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        &session,
        body,
        "background.",
        "background",
        "evaluation",
        "/evaluation",
        |body, errors| {
            background_page(&state, &visit, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}

fn evaluation_page(
    state: &AppState,
    visit: &Visit,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> QuestionsPage {
    let lang = visit.lang;
    let t = visit.t;
    let questions = state
        .survey
        .evaluation()
        .iter()
        .map(|q| {
            let answer = value_text(body.evaluation.get(&q.id));
            let scale = |values: Vec<(String, String)>| {
                values
                    .into_iter()
                    .map(|(v, label)| {
                        let checked = v == answer;
                        (v, label, checked)
                    })
                    .collect()
            };
            let (kind, choices, max_length) = match q.kind {
                EvaluationKind::Likert5 => (
                    "radio",
                    scale(
                        (1..=5)
                            .map(|v| {
                                (
                                    v.to_string(),
                                    format!(
                                        "{v} – {}",
                                        t.get(
                                            [
                                                "likert_1", "likert_2", "likert_3", "likert_4",
                                                "likert_5"
                                            ][v - 1]
                                        )
                                    ),
                                )
                            })
                            .collect(),
                    ),
                    0,
                ),
                EvaluationKind::Grade => (
                    "radio",
                    scale((0..=10).map(|v| (v.to_string(), v.to_string())).collect()),
                    0,
                ),
                EvaluationKind::Text { max_length } => ("text", Vec::new(), max_length),
            };
            QuestionView {
                name: format!("ev-{}", q.id),
                kind,
                text: q.text.get(lang).to_string(),
                required: q.required,
                choices,
                value: answer,
                min: 0,
                max: 0,
                max_length,
            }
        })
        .collect();
    QuestionsPage {
        c: visit.common(
            state,
            t.get("evaluation_title"),
            csrf,
            step_number(state, "evaluation"),
        ),
        errors,
        heading: t.get("evaluation_title").to_string(),
        action: "/evaluation",
        back: "/background",
        questions,
    }
}

/// `GET /evaluation`.
pub async fn evaluation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/evaluation");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let page = evaluation_page(
        &state,
        &visit,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /evaluation`.
pub async fn evaluation_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/evaluation");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let mut body = draft(&household);
    body.evaluation = state
        .survey
        .evaluation()
        .iter()
        .filter_map(|q| {
            let value = field(&fields, &format!("ev-{}", q.id)).filter(|v| !v.is_empty())?;
            let value = match q.kind {
                EvaluationKind::Text { .. } => Value::String(value.to_string()),
                _ => value
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(value.to_string()), Value::from),
            };
            Some((q.id.clone(), value))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        &session,
        body,
        "evaluation.",
        "evaluation",
        "confirm",
        "/confirm",
        |body, errors| {
            evaluation_page(&state, &visit, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}

// --- confirmation, submission, thanks ---------------------------------------------

fn confirm_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> Result<ConfirmPage, ApiError> {
    let task = task(state, household)?;
    let lang = visit.lang;
    let portfolio = portfolio_of(state, body);
    let chosen = portfolio
        .chosen()
        .map(|option_idx| {
            let option = &state.survey.options()[option_idx];
            let level = portfolio.level(option_idx);
            let label = option.levels[usize::from(level) - 1]
                .label
                .as_ref()
                .map_or(String::new(), |l| format!(" ({})", l.get(lang)));
            (
                format!("{}{label}", option.title.get(lang)),
                task.cost(option_idx, level).display(lang),
            )
        })
        .collect();
    Ok(ConfirmPage {
        c: visit.common(
            state,
            visit.t.get("confirm_title"),
            csrf,
            step_number(state, "confirm"),
        ),
        errors,
        chosen,
        meter: meter(state, lang, &task, &portfolio),
    })
}

/// `GET /confirm`: the summary before the final submit.
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/confirm");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match confirm_page(
        &state,
        &visit,
        &household,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    ) {
        Ok(page) => visit.render(StatusCode::OK, page),
        Err(error) => error.into_response(),
    }
}

/// `POST /confirm`: submit; the server checks everything again.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/confirm");
    let (household, session) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !csrf_ok(&fields, &session) {
        return forbidden(&state, &visit);
    }
    let body = draft(&household);
    match record_submission(&state, household.clone(), &body).await {
        Ok(_) => see_other("/thanks"),
        Err(ApiError::AlreadySubmitted) => see_other("/thanks"),
        Err(ApiError::Invalid(problems)) => {
            let errors = error_lines(&problems, visit.lang, |_| None);
            match confirm_page(&state, &visit, &household, &session.csrf, &body, errors) {
                Ok(page) => visit.render(StatusCode::UNPROCESSABLE_ENTITY, page),
                Err(error) => error.into_response(),
            }
        }
        Err(other) => other.into_response(),
    }
}

/// `GET /thanks`: the receipt and what happens next.
pub async fn thanks(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/thanks");
    let Some((household, _)) = session::current(&state, &headers).await else {
        return see_other("/");
    };
    let Ok(Some((_, receipt))) = state.store.receipt(&household.household_ref).await else {
        return see_other("/start");
    };
    let page = MessagePage {
        c: visit.common(&state, visit.t.get("thanks_title"), "", None),
        paragraphs: vec![visit.t.get("thanks_intro").to_string()],
        receipt: Some(receipt),
        next_steps: state
            .survey
            .meta()
            .next_steps
            .as_ref()
            .map(|n| n.get(visit.lang).to_string()),
    };
    visit.render(StatusCode::OK, page)
}

// --- public results -----------------------------------------------------------------

/// Groups smaller than this are not shown.
pub const MIN_GROUP: i64 = 10;

/// `GET /results`: the share of households choosing each option, after the close.
pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/results");
    let open = state.clock.now() < state.survey.meta().closes;
    let (n, counts) = if open {
        (0, Vec::new())
    } else {
        match state.store.option_counts().await {
            Ok(counts) => counts,
            Err(error) => return ApiError::from(error).into_response(),
        }
    };
    let rows = state
        .survey
        .options()
        .iter()
        .map(|option| {
            let chosen = counts
                .iter()
                .find(|(id, _)| *id == option.id)
                .map_or(0, |(_, k)| *k);
            // Neither those who chose it nor those who did not may be fewer than ten.
            let share = if n < MIN_GROUP || chosen < MIN_GROUP || n - chosen < MIN_GROUP {
                visit.t.get("suppressed").to_string()
            } else {
                format!("{:.0}%", 100.0 * chosen as f64 / n as f64)
            };
            (option.title.get(visit.lang).to_string(), share)
        })
        .collect();
    let page = ResultsPage {
        c: visit.common(&state, visit.t.get("results_title"), "", None),
        open,
        n,
        rows,
    };
    visit.render(StatusCode::OK, page)
}
