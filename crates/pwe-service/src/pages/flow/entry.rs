//! The landing page, logging in with a code or a letter's link, resuming, and the information pages.

use super::*;
use crate::guard::{self, Client, Surface};
use crate::pages::session::{LOGIN_CSRF_COOKIE, SESSION_COOKIE};

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
    let csrf = session::login_token(&state);
    let response = visit.render(
        StatusCode::OK,
        landing_page(&state, &visit, &csrf, Vec::new()),
    );
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
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
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
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
    enter(&state, &visit, client, &code).await
}

async fn enter(state: &AppState, visit: &Visit, client: Client, typed: &str) -> Response {
    let household = match guard::household_for_code(state, client, Surface::Pages, typed).await {
        Ok(household) => household,
        Err(error @ ApiError::Internal(_)) => return error.into_response(),
        Err(error) => {
            let (status, _, message) = error.parts();
            let errors = vec![ErrorLine {
                anchor: Some("code".into()),
                text: message.get(visit.lang).to_string(),
            }];
            // A fresh login token, so the form works again once allowed.
            let csrf = session::login_token(state);
            let mut response = visit.render(status, landing_page(state, visit, &csrf, errors));
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
    let token = match session::begin(state, &household.household_ref).await {
        Ok(token) => token,
        Err(error) => return ApiError::from(error).into_response(),
    };
    with_cookie(
        see_other("/start"),
        &session::set_cookie(state, SESSION_COOKIE, &token, state.config.session_max),
    )
}

/// `POST /logout`: "stop and continue later": ends the session; the draft
/// stays, and the code from the letter opens it again.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let visit = Visit::new(&headers, &LangQuery::default(), "/");
    if let Some((_, session)) = session::current(&state, &headers).await {
        if !csrf_ok(&fields, &session) {
            return forbidden(&state, &visit);
        }
        if let Err(error) = session::end(&state, &headers).await {
            return ApiError::from(error).into_response();
        }
    }
    let response = visit.message(
        &state,
        StatusCode::OK,
        visit.t.get("logout_title"),
        vec![visit.t.get("logout_intro").to_string()],
    );
    with_cookie(
        response,
        &session::set_cookie(&state, SESSION_COOKIE, "", std::time::Duration::ZERO),
    )
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
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
    let (visit, _, session) =
        match page_visit(&state, &headers, &query, &format!("/info/{number}")).await {
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
    let (_, household, _) = match form_post(&state, &headers, &fields, "/").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if number < state.survey.pages().len() {
        return see_other(&format!("/info/{}", number + 1));
    }
    if let Err(response) = save(&state, &household, "choice", &draft(&household)).await {
        return response;
    }
    see_other("/choice")
}
