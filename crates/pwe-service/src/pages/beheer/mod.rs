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
use chrono::{DateTime, NaiveDate, Utc};
use pwe_core::channel::Channel;
use pwe_core::weighting::representativeness::MarginVerdict;
use pwe_core::words::{Words, words};
use pwe_core::{Lang, format};
use serde::Deserialize;

use super::session::{
    self, Freshness, cookie, login_token, login_token_valid, random_token, token_hash,
};
use crate::AppState;
use crate::guard::{self, Client, Surface};
use crate::staff::{self, AccountName, Role, SignInError};
use crate::status::{SoFar, Status, percent};
use crate::store::{AdminSession, AuditEntry};

/// The staff's pages are in Dutch only: they are for the municipality's staff.
const LANG: Lang = Lang::Nl;

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
    t: &'static Words,
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
    t: &'static Words,
    title: String,
    csrf: String,
    window: String,
    chart: String,
    /// Per buurt.
    buurten: Vec<BuurtRow>,
    /// Households that stopped, per step in words.
    stopped: Vec<(String, String)>,
    /// Responses per channel in words.
    channels: String,
    /// Per day: day, started, submitted, response so far %.
    days: Vec<(String, String, String, String)>,
    /// Invited, started and submitted in total, as figures.
    total: (String, String, String),
    response: String,
    representativeness: Vec<String>,
    notice: Option<String>,
    /// The signed-in account and its role in words.
    account: String,
    role: String,
    /// The entry form, for roles that enter forms.
    may_enter: bool,
    /// The audit log, newest first, for administrators.
    audit: Option<Vec<AuditEntry>>,
    /// The database holds simulated households.
    simulated: bool,
}

fn html(status: StatusCode, page: impl Template) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(error) => {
            tracing::error!(%error, "beheer template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(words(LANG).text("beheer_failed")),
            )
                .into_response()
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
            t: words(LANG),
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
                Html(words(LANG).text("beheer_status_failed")),
            )
                .into_response();
        }
    };
    let meta = state.survey.meta();
    let t = words(LANG);
    let local =
        |at: DateTime<Utc>| format::moment(at.with_timezone(&meta.timezone).naive_local(), LANG);
    let window = if status.open {
        t.fill(
            "beheer_window_open",
            &[
                ("opens", local(meta.opens).into()),
                ("closes", local(meta.closes).into()),
                (
                    "left",
                    format::duration(meta.closes - state.clock.now(), LANG).into(),
                ),
            ],
        )
    } else {
        t.fill(
            "beheer_window_closed",
            &[("closes", local(meta.closes).into())],
        )
    };
    let n = |n: i64| format::count(n, LANG);
    let buurten = status
        .buurten
        .iter()
        .map(|b| {
            let name = status.buurt_name(&b.buurt);
            BuurtRow {
                // The code under the name only when there is a name to show.
                code: (name != b.buurt).then(|| b.buurt.clone()),
                name: name.to_string(),
                invited: n(b.invited),
                started: n(b.started),
                submitted: n(b.submitted),
                response: share(b.submitted, b.invited),
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
                day_words(day, format::date),
                n(started),
                n(submitted),
                share(so_far, status.total.invited),
            )
        })
        .collect();
    let audit = audit.map(|entries| {
        entries
            .into_iter()
            .map(|entry| AuditEntry {
                at: audit_moment(&entry.at, &meta.timezone),
                action: t.fill("beheer_action", &[("action", entry.action.as_str().into())]),
                ..entry
            })
            .collect()
    });
    let page = Dashboard {
        t,
        title: meta.title.nl().to_string(),
        csrf: official.session.csrf.clone(),
        account: official.session.account.clone(),
        role: official.role.words(LANG),
        may_enter: official.role.may_enter(),
        audit,
        simulated: state.simulated,
        window,
        chart: chart::cumulative(&status),
        buurten,
        days,
        total: (
            n(status.total.invited),
            n(status.total.started),
            n(status.total.submitted),
        ),
        response: share(status.total.submitted, status.total.invited),
        stopped: status
            .stopped_at
            .iter()
            .map(|s| (pwe_core::flow::stopped_at(s.step, LANG), n(s.households)))
            .collect(),
        channels: channel_words(&status),
        representativeness: representativeness_lines(&status),
        notice,
    };
    html(code, page)
}

/// When an audit line was written, in the consultation's time zone like
/// every other moment on the page, or the stored text when it is no
/// timestamp (after the purge).
fn audit_moment<Z: chrono::TimeZone>(at: &str, zone: &Z) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_string(),
        |at| format::moment(at.with_timezone(zone).naive_local(), LANG),
    )
}

/// A day of the status (`2026-11-09`) in words, or as stored when it is no date.
pub(super) fn day_words(day: &str, write: fn(NaiveDate, Lang) -> String) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_or_else(|_| day.to_string(), |d| write(d, LANG))
}

/// `part` of `whole` as a percentage with one decimal: "18,0%".
pub(super) fn share(part: i64, whole: i64) -> String {
    format::percent(percent(part, whole) / 100.0, 1, LANG)
}

/// The representativeness so far, in sentences.
fn representativeness_lines(status: &Status) -> Vec<String> {
    let t = words(LANG);
    match &status.representativeness {
        None => vec![t.text("beheer_no_population").to_string()],
        Some(SoFar::NotYet { reason }) => {
            vec![t.fill("beheer_not_yet", &[("reason", reason.words(LANG).into())])]
        }
        Some(SoFar::Assessed {
            r_indicator,
            interval,
            selective,
            margins,
            ..
        }) => {
            let decimal = |value: f64| format::decimal(value, 2, LANG);
            let mut lines = vec![t.fill(
                "beheer_r_indicator",
                &[
                    ("degree", selective.degree(LANG).into()),
                    ("r", decimal(*r_indicator).into()),
                    ("low", decimal(interval.0).into()),
                    ("high", decimal(interval.1).into()),
                ],
            )];
            lines.extend(margins.iter().map(|m| {
                let sentence =
                    MarginVerdict::from_code(m.verdict).map_or(String::new(), |v| v.sentence(LANG));
                let mut args = vec![
                    ("variable", capitalised(&m.variable).into()),
                    ("sentence", sentence.into()),
                    ("asmd", decimal(m.max_asmd).into()),
                ];
                match m.p_value {
                    Some(p) => {
                        args.push(("p", format::p_value(p, LANG).into()));
                        t.fill("beheer_margin_tested", &args)
                    }
                    None => t.fill("beheer_margin_untested", &args),
                }
            }));
            lines
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn channel_words(status: &Status) -> String {
    let t = words(LANG);
    let counts: Vec<String> = status
        .channels
        .iter()
        .map(|c| {
            let channel = Channel::parse(&c.channel).unwrap_or_default();
            t.fill(
                "beheer_channel_count",
                &[
                    ("channel", channel.word(LANG).into()),
                    ("n", c.responses.into()),
                ],
            )
        })
        .collect();
    let channels = if counts.is_empty() {
        t.text("beheer_channels_none").to_string()
    } else {
        counts.join("; ")
    };
    t.fill("beheer_channels", &[("channels", channels.into())])
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
            Some(words(LANG).text("beheer_form_expired").into()),
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
                Some(words(LANG).fill(
                    "beheer_too_many_passwords",
                    &[("minutes", retry_after.div_ceil(60).into())],
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
                Some(words(LANG).text("beheer_wrong_password").into()),
                name,
            )
            .await;
        }
        Err(SignInError::Store(error)) => {
            tracing::error!(%error, "beheer sign-in");
            return login_page(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                Some(words(LANG).text("beheer_login_database").into()),
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
            Some(words(LANG).text("beheer_login_database").into()),
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
            Some(words(LANG).text("beheer_wrong_session").into()),
            "",
        )
        .await),
        None => Err(login_page(
            state,
            StatusCode::UNAUTHORIZED,
            Some(words(LANG).text("beheer_session_expired").into()),
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
        let notice = words(LANG).text("beheer_may_not_enter");
        return dashboard(
            &state,
            &official,
            StatusCode::FORBIDDEN,
            Some(notice.into()),
        )
        .await;
    }
    let Some(channel) = Channel::parse(&form.channel).filter(|c| *c != Channel::Online) else {
        let notice = words(LANG).text("beheer_choose_channel");
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
                let notice = words(LANG).fill(
                    "beheer_code_problem",
                    &[
                        ("code", form.code.trim().into()),
                        ("problem", message.nl.into()),
                    ],
                );
                return dashboard(&state, &official, status, Some(notice)).await;
            }
        };
    // Neither the household's reference nor the day: the official needs only
    // to know that this code was used, and a desk is no place to look up who
    // answered when.
    if household.submitted_at.is_some() {
        let notice = words(LANG).text("beheer_already_submitted");
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
            let notice = words(LANG).text("beheer_entry_database");
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
    invited: String,
    started: String,
    submitted: String,
    /// Submitted of invited, in words.
    response: String,
}

#[cfg(test)]
mod tests;
