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
//! CSRF), `views` (what templates show), `flow` (the handlers).

mod flow;
pub mod session;
pub mod texts;
mod views;

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

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
        .route("/choice", get(flow::choice).post(flow::choice_save))
        .route("/check", post(flow::check))
        .route(
            "/motivation",
            get(flow::motivation).post(flow::motivation_save),
        )
        .route(
            "/background",
            get(flow::background).post(flow::background_save),
        )
        .route(
            "/evaluation",
            get(flow::evaluation).post(flow::evaluation_save),
        )
        .route("/confirm", get(flow::confirm).post(flow::submit))
        .route("/thanks", get(flow::thanks))
        .route("/logout", post(flow::logout))
        .route("/results", get(flow::results))
        .route(
            "/static/style.css",
            get(|| async { asset("text/css", include_str!("../../static/style.css")) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript", include_str!("../../static/app.js")) }),
        )
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
