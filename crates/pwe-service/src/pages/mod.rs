//! The residents' web pages: server-rendered HTML that works without
//! JavaScript (a small script only makes the budget meter live), in Dutch with
//! an English switch on every page.
//!
//! Security: a session cookie (HttpOnly, SameSite=Lax) bound to the household,
//! a CSRF token in every form, a strict Content-Security-Policy (no inline
//! script or style), `Referrer-Policy: no-referrer` so that a `/s/{code}` link
//! never leaks through a Referer header, and a limit on wrong codes per client.
//!
//! Layout: `texts` (the interface's words), `session` (cookies, CSRF, the
//! attempt limit), `views` (what templates show), `flow` (the handlers).

mod flow;
pub mod session;
pub mod texts;
mod views;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
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
        .route("/results", get(flow::results))
        .route(
            "/static/style.css",
            get(|| async { asset("text/css", include_str!("../../static/style.css")) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript", include_str!("../../static/app.js")) }),
        )
        .layer(middleware::from_fn(security_headers))
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

async fn security_headers(request: axum::extract::Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
