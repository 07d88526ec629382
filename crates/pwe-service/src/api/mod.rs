//! The JSON API. Households identify themselves with the code from their letter
//! in the `X-Household-Code` header; researchers with `Authorization: Bearer`.
//! docs/openapi.yaml documents every route, and a test checks it against these.

mod admin;
pub mod body;
pub mod household;

use axum::Router;
use axum::routing::{get, post, put};

use crate::AppState;

pub use body::ResponseBody;

/// Every route of the API, as documented in docs/openapi.yaml.
pub const ROUTES: [(&str, &str); 10] = [
    ("get", "/health"),
    ("get", "/api/survey"),
    ("post", "/api/household/open"),
    ("put", "/api/household/draft"),
    ("post", "/api/household/check"),
    ("post", "/api/household/submit"),
    ("post", "/api/household/followup"),
    ("get", "/api/admin/progress"),
    ("get", "/api/admin/status"),
    ("get", "/api/admin/export/{file}"),
];

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/api/survey", get(household::survey))
        .route("/api/household/open", post(household::open))
        .route("/api/household/draft", put(household::save_draft))
        .route("/api/household/check", post(household::check))
        .route("/api/household/submit", post(household::submit))
        .route("/api/household/followup", post(household::followup))
        .route("/api/admin/progress", get(admin::progress))
        .route("/api/admin/status", get(admin::status))
        .route("/api/admin/export/{file}", get(admin::export_file))
}
