//! The residents' web pages: server-rendered HTML that works without
//! JavaScript (a small script only makes the budget meter live), in Dutch with
//! an English switch on every page.
//!
//! Security: a session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS)
//! bound to the household's valid code and ending when idle or old, a CSRF
//! token in every form (the code form's signed by the server), and the
//! headers every answer of the service carries (see `crate::headers`): a
//! strict Content-Security-Policy (no inline script or style) and
//! `Referrer-Policy: no-referrer`, so that a `/s/{code}` link never leaks
//! through a Referer header. Wrong codes are limited in `crate::guard`.
//!
//! Layout: `texts` (the interface's words), `session` (cookies, sessions,
//! CSRF), `views` (what templates show), `beheer` (the staff page: turnout,
//! paper and assisted answers), `flow` (the handlers; `flow::steps`
//! handles every step's form the same way, so nothing typed is ever lost).

mod beheer;
mod flow;
pub mod session;
pub mod texts;
mod views;

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};

pub use flow::Step;

use crate::AppState;

/// The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(flow::landing))
        .route("/login", post(flow::login))
        .route("/s/{code}", get(flow::link))
        .route("/start", get(flow::start))
        .route("/info/{page}", get(flow::info).post(flow::info_next))
        .route("/choice", step(Step::Choice))
        .route("/check", post(flow::check))
        .route("/motivation", step(Step::Motivation))
        .route("/background", step(Step::Background))
        .route("/evaluation", step(Step::Evaluation))
        .route(
            "/confirm",
            get(
                |s: State<AppState>, h: HeaderMap, q: Query<flow::LangQuery>| {
                    flow::show_step(s.0, h, q.0, None, Step::Confirm)
                },
            )
            .post(flow::submit),
        )
        .route("/thanks", get(flow::thanks))
        .route("/receipt", get(flow::receipt))
        .route("/logout", post(flow::logout))
        .route("/results", get(flow::results))
        .route("/beheer", get(beheer::page))
        .route("/beheer/login", post(beheer::login))
        .route("/beheer/logout", post(beheer::logout))
        .route("/beheer/invoer", post(beheer::entry))
        .route(
            "/static/style.css",
            get(|| async { asset("text/css", include_str!("../../static/style.css")) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript", include_str!("../../static/app.js")) }),
        )
}

/// A step's page and its form.
fn step(step: Step) -> MethodRouter<AppState> {
    get(
        move |s: State<AppState>,
              h: HeaderMap,
              q: Query<flow::LangQuery>,
              from: Query<flow::FromQuery>| {
            flow::show_step(s.0, h, q.0, from.return_to(), step)
        },
    )
    .post(
        move |s: State<AppState>, h: HeaderMap, f: Form<flow::Fields>| {
            flow::post_step(s.0, h, f.0, step)
        },
    )
}

/// An address nobody serves: JSON under `/api/`, an HTML page everywhere else.
pub async fn fallback(
    state: State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    query: Query<flow::LangQuery>,
) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError::NotFound(uri.path().to_string()).into_response();
    }
    flow::not_found(state, headers, query).await
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
