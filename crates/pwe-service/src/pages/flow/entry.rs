//! The landing page, logging in with a code or a letter's link, resuming, and the information pages.

use super::*;
use crate::pages::session::{AttemptLimiter, LOGIN_CSRF_COOKIE, SESSION_COOKIE};

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
