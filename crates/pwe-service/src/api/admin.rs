//! Researcher endpoints, behind a bearer token.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::error::ApiError;
use crate::export::{self, ExportOptions};

/// Compares in time independent of where the strings differ, so that response
/// times do not leak the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let expected = state.admin_token.as_ref().ok_or(ApiError::Unauthorized)?;
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    if constant_time_eq(sent.as_bytes(), expected.expose().as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// `GET /api/admin/progress`: invited, started, submitted and drop-off per buurt.
pub async fn progress(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers)?;
    let progress = state.store.progress().await?;
    Ok(Json(json!({ "buurten": progress })))
}

/// `GET /api/admin/status`: turnout per buurt and day, drop-off, channels
/// and the representativeness so far (what `/beheer` and `pwe status` show).
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<crate::status::Status>, ApiError> {
    authorize(&state, &headers)?;
    Ok(Json(crate::status::of_service(&state).await?))
}

/// What an export request may ask for.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// Include motivations' and open answers' text.
    #[serde(default)]
    pub free_text: bool,
    /// Include test households.
    #[serde(default)]
    pub test: bool,
}

/// `GET /api/admin/export/{file}`: one file of the export, as CSV.
pub async fn export_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    authorize(&state, &headers)?;
    if !export::FILES.contains(&file.as_str()) {
        return Err(ApiError::NotFound(format!(
            "{file}; the export has {}",
            export::FILES.join(", ")
        )));
    }
    let options = ExportOptions {
        include_free_text: query.free_text,
        include_test: query.test,
    };
    let files = export::export(&state.store, &state.survey, options).await?;
    let body = files
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, body)| body)
        .unwrap_or_default();
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body))
}
