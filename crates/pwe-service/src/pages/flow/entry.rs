//! The landing page, logging in with a code or a letter's link, resuming, and the information pages.

use super::*;
use crate::guard::{self, Client, Surface};
use crate::pages::session::{LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use pwe_core::channel::Channel;

async fn landing_page(
    state: &AppState,
    visit: &Visit,
    csrf: &str,
    typed: &str,
    code_error: Option<String>,
) -> Result<Landing, ApiError> {
    let meta = state.survey.meta();
    let local = |at: chrono::DateTime<chrono::Utc>| {
        pwe_core::format::moment(at.with_timezone(&meta.timezone).naive_local(), visit.lang)
    };
    let errors: Vec<ErrorLine> = code_error
        .iter()
        .map(|text| ErrorLine {
            href: Some("#code".into()),
            text: text.clone(),
        })
        .collect();
    // After the close the page is about the outcome, no longer about taking part.
    let stage = outcome::stage(state).await?;
    let closed = stage != outcome::Stage::Open;
    let window = if closed {
        visit
            .t
            .fill("landing_closed", &[("closes", local(meta.closes).into())])
    } else {
        visit.t.fill(
            "open_window",
            &[
                ("opens", local(meta.opens).into()),
                ("closes", local(meta.closes).into()),
            ],
        )
    };
    Ok(Landing {
        c: visit
            .common(state, meta.title.get(visit.lang), csrf, None)
            .with_errors(&errors),
        errors,
        organiser: meta.organiser.get(visit.lang).to_string(),
        window,
        privacy: meta.privacy.get(visit.lang).to_string(),
        typed: typed.to_string(),
        code_error,
        outcome: closed.then(|| outcome::outcome_view(state, visit, stage, true)),
    })
}

/// `GET /`: the landing page with the code form.
pub async fn landing(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&state, &headers, &query, "/");
    if session::current(&state, &headers).await.is_some() {
        return see_other("/start");
    }
    let csrf = session::login_token(&state);
    let response = match landing_page(&state, &visit, &csrf, "", None).await {
        Ok(page) => visit.render(StatusCode::OK, page),
        Err(error) => return visit.failure(&state, error),
    };
    with_cookie(
        response,
        &session::set_cookie(&state, LOGIN_CSRF_COOKIE, &csrf, session::LOGIN_TOKEN_AGE),
    )
}

/// `POST /login`: the code from the form, with a login token this server
/// issued to this browser.
pub async fn login(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&state, &headers, &LangQuery::default(), "/");
    let expected = session::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let sent = field(&fields, "csrf").unwrap_or_default();
    if !session::same_token(expected, sent) || !session::login_token_valid(&state, sent) {
        return see_other("/");
    }
    enter(
        &state,
        &visit,
        client,
        field(&fields, "code").unwrap_or_default(),
    )
    .await
}

/// `GET /s/{code}`: the link from the letter; the code leaves the address bar at once.
pub async fn link(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Response {
    let visit = Visit::new(&state, &headers, &LangQuery::default(), "/");
    enter(&state, &visit, client, &code).await
}

async fn enter(state: &AppState, visit: &Visit, client: Client, typed: &str) -> Response {
    let household = match guard::household_for_code(state, client, Surface::Pages, typed).await {
        Ok(household) => household,
        Err(error @ ApiError::Internal(_)) => return visit.failure(state, error),
        Err(error) => {
            let (status, _, message) = error.parts();
            // A fresh login token, so the form works again once allowed; what
            // was typed stays in the field, to be corrected.
            let csrf = session::login_token(state);
            let page = landing_page(
                state,
                visit,
                &csrf,
                typed,
                Some(message.get(visit.lang).to_string()),
            )
            .await;
            let mut response = match page {
                Ok(page) => visit.render(status, page),
                Err(error) => return visit.failure(state, error),
            };
            if let ApiError::TooManyAttempts { retry_after } = error {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            return with_cookie(
                response,
                &session::set_cookie(state, LOGIN_CSRF_COOKIE, &csrf, session::LOGIN_TOKEN_AGE),
            );
        }
    };
    if household.submitted_at.is_some() {
        return already_sent(state, visit).await;
    }
    if let Err(error) = check_open(state, &household) {
        return closed_page(state, visit, &error).await;
    }
    let token = match session::begin(state, &household.household_ref, Channel::Online).await {
        Ok(token) => token,
        Err(error) => return visit.failure(state, ApiError::from(error)),
    };
    with_cookie(
        see_other("/start"),
        &session::set_cookie(state, SESSION_COOKIE, &token, state.config.session_max),
    )
}

/// A code whose household has sent its advice: the way to check that it
/// arrived, and where the outcome stands.
async fn already_sent(state: &AppState, visit: &Visit) -> Response {
    let stage = match outcome::stage(state).await {
        Ok(stage) => stage,
        Err(error) => return visit.failure(state, error),
    };
    let page = MessagePage {
        c: visit.common(state, visit.t.text("already_title"), "", None),
        paragraphs: vec![visit.t.text("already_intro").to_string()],
        receipt: None,
        next_steps: None,
        outcome: Some(outcome::outcome_view(state, visit, stage, false)),
        onward: Some((
            format!("/receipt?lang={}", visit.lang.code()),
            visit.t.text("receipt_check_title").into(),
        )),
    };
    visit.render(StatusCode::OK, page)
}

/// `POST /logout`: "stop and continue later" on a page without a step form.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&state, &headers, &LangQuery::default(), "/");
    if let Some((_, session)) = session::current(&state, &headers).await
        && !csrf_ok(&fields, &session)
    {
        return forbidden(&state, &visit);
    }
    stop_for_now(&state, &visit, &headers).await
}

/// Ends the session; the draft stays, and the code from the letter opens it again.
pub(super) async fn stop_for_now(state: &AppState, visit: &Visit, headers: &HeaderMap) -> Response {
    if let Err(error) = session::end(state, headers).await {
        return visit.failure(state, ApiError::from(error));
    }
    let response = visit.message(
        state,
        StatusCode::OK,
        visit.t.text("logout_title"),
        vec![visit.t.text("logout_intro").to_string()],
    );
    with_cookie(
        response,
        &session::set_cookie(state, SESSION_COOKIE, "", std::time::Duration::ZERO),
    )
}

/// `GET /start`: back to where the household left off.
pub async fn start(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let visit = Visit::new(&state, &headers, &LangQuery::default(), "/start");
    let (household, _) = match require(&state, &headers, &visit).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match household.last_step.as_deref().and_then(Step::from_name) {
        Some(step) => see_other(step.path()),
        None if state.survey.pages().is_empty() => privacy_first(&state, &visit),
        None => see_other("/info/1"),
    }
}

/// A survey without information pages: the privacy statement before the
/// first question, as the first information page shows it otherwise.
fn privacy_first(state: &AppState, visit: &Visit) -> Response {
    let page = MessagePage {
        c: visit.common(state, visit.t.text("privacy"), "", None),
        paragraphs: vec![state.survey.meta().privacy.get(visit.lang).to_string()],
        receipt: None,
        next_steps: None,
        outcome: None,
        onward: Some((Step::Choice.path().into(), visit.t.text("next").into())),
    };
    visit.render(StatusCode::OK, page)
}

// --- information pages -------------------------------------------------------

/// `GET /info/{n}`.
pub async fn info(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<usize>,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, _, session) =
        match page_visit(&state, &headers, &query, &format!("/info/{number}")).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let pages = state.survey.pages();
    let Some(page) = number.checked_sub(1).and_then(|idx| pages.get(idx)) else {
        return not_found_page(&state, &visit);
    };
    let title = page.title.get(visit.lang);
    let view = InfoPage {
        c: visit.common(
            &state,
            title,
            &session.csrf,
            Some((number, pages.len() + Step::ALL.len())),
        ),
        number,
        back: (number > 1).then(|| format!("/info/{}", number - 1)),
        heading: title.to_string(),
        paragraphs: page
            .body
            .get(visit.lang)
            .split("\n\n")
            .map(str::to_string)
            .collect(),
        privacy: (number == 1).then(|| state.survey.meta().privacy.get(visit.lang).to_string()),
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
    let (visit, household, _) = match form_post(&state, &headers, &fields, "/").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if number < state.survey.pages().len() {
        return see_other(&format!("/info/{}", number + 1));
    }
    if let Err(error) = save(&state, &household, Step::Choice.name(), &draft(&household)).await {
        return visit.failure(&state, error);
    }
    see_other(Step::Choice.path())
}

// --- pages that do not exist ---------------------------------------------------

/// The 404 page: what happened and where to go.
pub(super) fn not_found_page(state: &AppState, visit: &Visit) -> Response {
    visit.message(
        state,
        StatusCode::NOT_FOUND,
        visit.t.text("not_found_title"),
        vec![visit.t.text("not_found_intro").to_string()],
    )
}

/// Every unknown address outside the API: an HTML 404 page in the visitor's language.
pub async fn not_found(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&state, &headers, &query, "/");
    not_found_page(&state, &visit)
}
