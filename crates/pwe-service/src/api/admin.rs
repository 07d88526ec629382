//! Researcher endpoints, behind a researcher's (or an administrator's)
//! staff account.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::{Value, json};

use axum::Extension;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::AppState;
use crate::error::{ApiError, Refusal};
use crate::export::{self, ExportOptions};
use crate::guard::Client;
use crate::staff::{self, AccountName, SignInError};

/// The account of a request's `Authorization: Basic` header (a staff
/// account's name and password, as `curl -u name:password` sends them), when
/// its role may use the researchers' API. A desk account may not: it enters
/// forms and reads the turnout on `/beheer`, and never takes answers away.
async fn authorize(
    state: &AppState,
    headers: &HeaderMap,
    client: Client,
) -> Result<AccountName, ApiError> {
    let (name, password) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|encoded| BASE64.decode(encoded.trim()).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            let (name, password) = text.split_once(':')?;
            Some((name.to_string(), password.to_string()))
        })
        .ok_or(ApiError::Unauthorized)?;
    match staff::sign_in(state, &name, &password, client.0).await {
        Ok((account, role)) if role.may_export() => Ok(account),
        Ok(_) => Err(ApiError::Forbidden(Refusal::DeskAccount)),
        Err(SignInError::TooMany { retry_after }) => Err(ApiError::TooManySignIns { retry_after }),
        Err(SignInError::Wrong) => Err(ApiError::Unauthorized),
        Err(SignInError::Store(error)) => Err(error.into()),
    }
}

/// `GET /api/admin/progress`: invited, started, submitted and drop-off per buurt.
pub async fn progress(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers, client).await?;
    let progress = state.store.progress().await?;
    Ok(Json(json!({ "buurten": progress })))
}

/// `GET /api/admin/status`: turnout per buurt and day, drop-off, channels
/// and the representativeness so far (what `/beheer` and `pwe status` show).
pub async fn status(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
) -> Result<Json<crate::status::Status>, ApiError> {
    authorize(&state, &headers, client).await?;
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
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let account = authorize(&state, &headers, client).await?;
    if !export::FILES.contains(&file.as_str()) {
        return Err(ApiError::NoSuchExport {
            file,
            files: export::FILES.join(", "),
        });
    }
    let mut detail = file.clone();
    if query.free_text {
        detail.push_str(", with free text");
    }
    if query.test {
        detail.push_str(", with test households");
    }
    staff::record(&state, account.as_str(), "export", &detail).await?;
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
