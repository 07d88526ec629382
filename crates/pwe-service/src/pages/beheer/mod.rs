//! `/beheer`: the municipality's staff page while the consultation runs.
//!
//! Behind a login form that takes a staff account's name and password
//! (`pwe staff add`; see [`crate::staff`] for the roles) and starts a
//! session of its own (cookie `pwe_beheer`, HttpOnly,
//! SameSite=Strict, only sent to `/beheer`; stored as a hash, so several
//! instances share it). Every form carries the session's CSRF token, the
//! login form a token signed by the server. The page shows the turnout per
//! buurt and day, where households stop, the channels and how representative
//! the responses are so far (`crate::status`), and lets an official enter a
//! paper form or help a resident: the official types the household's code
//! and goes through the residents' own pages in a session marked with the
//! channel, under the same rules and the same one-response-per-household.
//! In Dutch only: it is for the municipality's staff.

mod chart;

use std::time::Duration;

use askama::Template;
use axum::Extension;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pwe_core::Lang;
use pwe_core::channel::Channel;
use pwe_core::weighting::representativeness::MarginVerdict;
use serde::Deserialize;

use super::session::{
    self, Freshness, cookie, login_token, login_token_valid, random_token, token_hash,
};
use crate::AppState;
use crate::guard::{self, Client, Surface};
use crate::staff::{self, AccountName, Role, SignInError};
use crate::status::{SoFar, Status, percent};
use crate::store::AdminSession;

/// How many lines of the audit log an administrator sees.
const AUDIT_LINES: i64 = 200;

/// The cookie of an official's session.
pub const BEHEER_COOKIE: &str = "pwe_beheer";

fn beheer_cookie(state: &AppState, value: &str, max_age: Duration) -> String {
    let secure = if state.config.https() { "; Secure" } else { "" };
    format!(
        "{BEHEER_COOKIE}={value}; Path=/beheer; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        max_age.as_secs()
    )
}

/// A signed-in official: the session's hash, the session, and the account's
/// role as it is now (a removed account's session ends at its next request).
struct Official {
    hash: String,
    session: AdminSession,
    role: Role,
}

/// The official's session of the request, within its idle and absolute limits.
async fn current(state: &AppState, headers: &HeaderMap) -> Option<Official> {
    let hash = token_hash(cookie(headers, BEHEER_COOKIE)?);
    let session = state.store.admin_session(&hash).await.ok()??;
    let account = AccountName::parse(&session.account).ok()?;
    let Some((role, _)) = state.store.staff_credentials(&account).await.ok()? else {
        state.store.end_admin_session(&hash).await.ok()?;
        return None;
    };
    match session::freshness(state, &session.created_at, &session.last_seen_at) {
        Freshness::Expired => {
            state.store.end_admin_session(&hash).await.ok()?;
            return None;
        }
        Freshness::Touch => {
            let now = crate::timestamp(state.clock.now());
            state.store.touch_admin_session(&hash, &now).await.ok()?;
        }
        Freshness::Fresh => {}
    }
    Some(Official {
        hash,
        session,
        role,
    })
}

#[derive(Template)]
#[template(path = "beheer_login.html")]
struct LoginPage {
    title: String,
    csrf: String,
    error: Option<String>,
    /// What was typed as the name, to be corrected.
    name: String,
    /// No account exists yet: how to make the first.
    no_accounts: bool,
}

#[derive(Template)]
#[template(path = "beheer.html")]
struct Dashboard {
    title: String,
    csrf: String,
    status: Status,
    window: String,
    chart: String,
    /// Per buurt.
    buurten: Vec<BuurtRow>,
    /// Households that stopped, per step in words.
    stopped: Vec<(&'static str, i64)>,
    /// Responses per channel in words.
    channels: String,
    /// Per day: day, started, submitted, response so far %.
    days: Vec<(String, i64, i64, String)>,
    response: String,
    representativeness: Vec<String>,
    notice: Option<String>,
    /// The signed-in account and its role in words.
    account: String,
    role: &'static str,
    /// The entry form, for roles that enter forms.
    may_enter: bool,
    /// The audit log, newest first, for administrators.
    audit: Option<Vec<crate::store::AuditEntry>>,
}

fn html(status: StatusCode, page: impl Template) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(error) => {
            tracing::error!(%error, "beheer template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Html("Er ging iets mis.")).into_response()
        }
    }
}

async fn login_page(
    state: &AppState,
    status: StatusCode,
    error: Option<String>,
    name: &str,
) -> Response {
    // Without any account the form cannot work: say how to make one.
    let no_accounts = state.store.staff().await.is_ok_and(|a| a.is_empty());
    html(
        status,
        LoginPage {
            title: state.survey.meta().title.nl().to_string(),
            csrf: login_token(state),
            error,
            name: name.to_string(),
            no_accounts,
        },
    )
}

/// `GET /beheer`: the dashboard, or the login form.
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match current(&state, &headers).await {
        Some(official) => dashboard(&state, &official, StatusCode::OK, None).await,
        None => login_page(&state, StatusCode::OK, None, "").await,
    }
}

async fn dashboard(
    state: &AppState,
    official: &Official,
    code: StatusCode,
    notice: Option<String>,
) -> Response {
    let audit = if official.role.may_audit() {
        match state.store.audit_log(AUDIT_LINES).await {
            Ok(entries) => Some(entries),
            Err(error) => {
                tracing::error!(%error, "beheer audit log");
                Some(Vec::new())
            }
        }
    } else {
        None
    };
    let status = match crate::status::of_service(state).await {
        Ok(status) => status,
        Err(error) => {
            tracing::error!(%error, "beheer status");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html("De cijfers konden niet worden gelezen; probeer het opnieuw."),
            )
                .into_response();
        }
    };
    let meta = state.survey.meta();
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&meta.timezone)
            .format("%d-%m-%Y %H:%M")
            .to_string()
    };
    let window = if status.open {
        format!(
            "Open van {} tot {} — nog {:.1} dagen.",
            local(meta.opens),
            local(meta.closes),
            status.days_left
        )
    } else {
        format!("Gesloten sinds {}.", local(meta.closes))
    };
    let pct = |part, whole| format!("{:.1}%", percent(part, whole));
    let buurten = status
        .buurten
        .iter()
        .map(|b| {
            let name = status.buurt_name(&b.buurt);
            BuurtRow {
                // The code under the name only when there is a name to show.
                code: (name != b.buurt).then(|| b.buurt.clone()),
                name: name.to_string(),
                invited: b.invited,
                started: b.started,
                submitted: b.submitted,
                response: pct(b.submitted, b.invited),
            }
        })
        .collect();
    let mut so_far = 0;
    let days = status
        .days()
        .into_iter()
        .map(|(day, started, submitted)| {
            so_far += submitted;
            (
                day.to_string(),
                started,
                submitted,
                pct(so_far, status.total.invited),
            )
        })
        .collect();
    let page = Dashboard {
        title: meta.title.nl().to_string(),
        csrf: official.session.csrf.clone(),
        account: official.session.account.clone(),
        role: official.role.words(),
        may_enter: official.role.may_enter(),
        audit,
        window,
        chart: chart::cumulative(&status),
        buurten,
        days,
        response: pct(status.total.submitted, status.total.invited),
        stopped: status
            .stopped_at
            .iter()
            .map(|s| (step_words(s.step), s.households))
            .collect(),
        channels: channel_words(&status),
        representativeness: representativeness_lines(&status),
        notice,
        status,
    };
    html(code, page)
}

/// The representativeness so far, in sentences.
fn representativeness_lines(status: &Status) -> Vec<String> {
    match &status.representativeness {
        None => vec![
            "Start de dienst met --population om hier te zien hoe representatief de antwoorden tot nu toe zijn."
                .into(),
        ],
        Some(SoFar::NotYet { reason }) => vec![format!("Nog niet te berekenen: {reason}.")],
        Some(SoFar::Assessed {
            r_indicator,
            interval,
            selective,
            margins,
            ..
        }) => {
            let degree = selective.degree(Lang::Nl);
            let mut lines = vec![format!(
                "R-indicator {r_indicator:.2} (95%-interval {:.2} tot {:.2}): meedoen was tot nu toe {degree} selectief.",
                interval.0, interval.1
            )];
            lines.extend(margins.iter().map(|m| {
                let p = m
                    .p_value
                    .map_or("niet getoetst".to_string(), |p| format!("p = {p:.3}"));
                format!(
                    "{}: {} (census-toets {p}; grootste gestandaardiseerde verschil {:.2})",
                    m.variable,
                    MarginVerdict::from_code(m.verdict).map_or(String::new(), |v| v.words(Lang::Nl)),
                    m.max_asmd
                )
            }));
            lines
        }
    }
}

fn step_words(step: &str) -> &'static str {
    match step {
        "start" => "bij de start",
        "info" => "bij de uitleg",
        "choice" => "bij de keuze",
        "motivation" => "bij de toelichting",
        "background" => "bij de achtergrondvragen",
        "evaluation" => "bij de evaluatievragen",
        _ => "bij het bevestigen",
    }
}

fn channel_words(status: &Status) -> String {
    let words: Vec<String> = status
        .channels
        .iter()
        .map(|c| {
            let how = match Channel::parse(&c.channel) {
                Some(Channel::Paper) => "op papier",
                Some(Channel::Assisted) => "met hulp",
                _ => "online",
            };
            format!("{how} {}", c.responses)
        })
        .collect();
    if words.is_empty() {
        "nog niets".into()
    } else {
        words.join("; ")
    }
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// `POST /beheer/login`: a staff account's name and password start an
/// official's session.
pub async fn login(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    Form(form): Form<LoginForm>,
) -> Response {
    let name = form.name.trim();
    if !login_token_valid(&state, &form.csrf) {
        return login_page(
            &state,
            StatusCode::BAD_REQUEST,
            Some("Het formulier was verlopen. Vul uw naam en wachtwoord opnieuw in.".into()),
            name,
        )
        .await;
    }
    let account = match staff::sign_in(&state, name, &form.password, client.0).await {
        Ok((account, _)) => account,
        Err(SignInError::TooMany { retry_after }) => {
            let mut response = login_page(
                &state,
                StatusCode::TOO_MANY_REQUESTS,
                Some(format!(
                    "Te veel verkeerde wachtwoorden voor deze naam of vanaf dit adres. Probeer het over {} minuten opnieuw.",
                    retry_after.div_ceil(60)
                )),
                name,
            )
            .await;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            return response;
        }
        Err(SignInError::Wrong) => {
            return login_page(
                &state,
                StatusCode::UNAUTHORIZED,
                Some(
                    "Deze naam en dit wachtwoord horen niet bij een account van deze dienst."
                        .into(),
                ),
                name,
            )
            .await;
        }
        Err(SignInError::Store(error)) => {
            tracing::error!(%error, "beheer sign-in");
            return login_page(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                Some(
                    "Inloggen lukte niet door een fout in de database; probeer het opnieuw.".into(),
                ),
                name,
            )
            .await;
        }
    };
    let now = state.clock.now();
    let before = |limit: Duration| {
        crate::timestamp(now - chrono::Duration::from_std(limit).unwrap_or_default())
    };
    let token = random_token();
    let session = AdminSession {
        csrf: random_token(),
        account: account.to_string(),
        created_at: crate::timestamp(now),
        last_seen_at: crate::timestamp(now),
    };
    let stored = state
        .store
        .create_admin_session(
            &token_hash(&token),
            &session,
            &before(state.config.session_idle),
            &before(state.config.session_max),
        )
        .await;
    let recorded = match stored {
        Ok(()) => staff::record(&state, account.as_str(), "sign-in", "/beheer").await,
        Err(error) => Err(error),
    };
    if let Err(error) = recorded {
        tracing::error!(%error, "beheer session");
        return login_page(
            &state,
            StatusCode::INTERNAL_SERVER_ERROR,
            Some("Inloggen lukte niet door een fout in de database; probeer het opnieuw.".into()),
            name,
        )
        .await;
    }
    let cookie = beheer_cookie(&state, &token, state.config.session_max);
    super::flow::with_cookie(Redirect::to("/beheer").into_response(), &cookie)
}

/// A form of the dashboard: its CSRF token and, for an entry, the code and channel.
#[derive(Debug, Deserialize)]
pub struct DashboardForm {
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    channel: String,
}

/// The session of a dashboard form post, when its CSRF token matches.
async fn checked(state: &AppState, headers: &HeaderMap, csrf: &str) -> Result<Official, Response> {
    match current(state, headers).await {
        Some(official) if session::same_token(csrf, &official.session.csrf) => Ok(official),
        Some(_) => Err(login_page(
            state,
            StatusCode::FORBIDDEN,
            Some("Het formulier hoorde niet bij deze sessie. Log opnieuw in.".into()),
            "",
        )
        .await),
        None => Err(login_page(
            state,
            StatusCode::UNAUTHORIZED,
            Some("Uw sessie is verlopen. Log opnieuw in.".into()),
            "",
        )
        .await),
    }
}

/// `POST /beheer/logout`.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<DashboardForm>,
) -> Response {
    let official = match checked(&state, &headers, &form.csrf).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let _ = state.store.end_admin_session(&official.hash).await;
    let cookie = beheer_cookie(&state, "", Duration::ZERO);
    super::flow::with_cookie(Redirect::to("/beheer").into_response(), &cookie)
}

/// `POST /beheer/invoer`: an official answers for a household, on paper or
/// with its help: a residents' session marked with the channel, then the
/// residents' own pages.
pub async fn entry(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(form): Form<DashboardForm>,
) -> Response {
    let official = match checked(&state, &headers, &form.csrf).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !official.role.may_enter() {
        let notice = "Uw account mag geen formulieren invoeren; dat doen accounts met de rol invoer (balie) of beheerder.";
        return dashboard(
            &state,
            &official,
            StatusCode::FORBIDDEN,
            Some(notice.into()),
        )
        .await;
    }
    let Some(channel) = Channel::parse(&form.channel).filter(|c| *c != Channel::Online) else {
        let notice = "Kies hoe het antwoord binnenkomt: papieren formulier of hulp bij invullen.";
        return dashboard(
            &state,
            &official,
            StatusCode::BAD_REQUEST,
            Some(notice.into()),
        )
        .await;
    };
    let household =
        match guard::household_for_code(&state, client, Surface::Pages, &form.code).await {
            Ok(household) => household,
            Err(error) => {
                let (status, _, message) = error.parts();
                let notice = format!("Code \"{}\": {}", form.code.trim(), message.nl);
                return dashboard(&state, &official, status, Some(notice)).await;
            }
        };
    // Neither the household's reference nor the day: the official needs only
    // to know that this code was used, and a desk is no place to look up who
    // answered when.
    if household.submitted_at.is_some() {
        let notice = "Met deze code is al advies gegeven; elk huishouden doet één keer mee.";
        return dashboard(&state, &official, StatusCode::CONFLICT, Some(notice.into())).await;
    }
    // Who entered which household's form is in the audit log (the database,
    // shrunk to counts at the purge), never in the log files.
    let detail = format!("{}, {}", channel.code(), household.household_ref);
    let begun = match staff::record(&state, &official.session.account, "entry", &detail).await {
        Ok(()) => session::begin(&state, &household.household_ref, channel).await,
        Err(error) => Err(error),
    };
    match begun {
        Ok(token) => {
            // The account and channel only: a household's reference in a log
            // would link the response it is about to give back to its letter.
            tracing::info!(account = %official.session.account, channel = channel.code(), "entry by an official");
            let cookie = session::set_cookie(
                &state,
                session::SESSION_COOKIE,
                &token,
                state.config.session_max,
            );
            super::flow::with_cookie(Redirect::to("/start").into_response(), &cookie)
        }
        Err(error) => {
            tracing::error!(%error, "entry session");
            let notice =
                "De invoer kon niet beginnen door een fout in de database; probeer het opnieuw.";
            dashboard(
                &state,
                &official,
                StatusCode::INTERNAL_SERVER_ERROR,
                Some(notice.into()),
            )
            .await
        }
    }
}

/// A row of the per-buurt table: the buurt as staff know it (its name, with
/// the code that letters and reminder lists use when there is a name) and
/// its turnout.
struct BuurtRow {
    name: String,
    code: Option<String>,
    invited: i64,
    started: i64,
    submitted: i64,
    /// Submitted of invited, in words.
    response: String,
}
