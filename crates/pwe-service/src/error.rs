//! Every way a request can fail, and the one place that turns them into responses.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pwe_core::answers::{AnswerProblem, ProblemKind};
use pwe_core::code::CodeError;
use pwe_core::text::{Lang, Message};
use pwe_core::words::{Words, words};
use serde_json::json;

use crate::store::StoreError;

/// A failed request. Each variant's status is given in its documentation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// 400: the request is not what the API takes (malformed JSON, a wrong type).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 400: the code is not well-formed or its check character does not match.
    #[error("malformed code: {0}")]
    CodeMalformed(CodeError),
    /// 401: no household code was sent.
    #[error("no household code")]
    NoCode,
    /// 404: no household has this code.
    #[error("unknown code")]
    UnknownCode,
    /// 403: the code was voided.
    #[error("voided code")]
    VoidedCode,
    /// 403: the survey is not open now.
    #[error("the survey is closed")]
    Closed {
        /// When it opens (the survey's local time).
        opens: chrono::NaiveDateTime,
        /// When it closes (the survey's local time).
        closes: chrono::NaiveDateTime,
        /// Whether it has closed already, rather than not opened yet.
        ended: bool,
    },
    /// 409: the household has submitted already.
    #[error("already submitted")]
    AlreadySubmitted,
    /// 403: the household was not drawn for the follow-up evaluation.
    #[error("not in the follow-up sample")]
    NotInFollowup,
    /// 409: the household has no submitted response (follow-up before submitting).
    #[error("not submitted yet")]
    NotSubmitted,
    /// 422: the response breaks rules; every problem is listed.
    #[error("the response breaks {} rule(s)", .0.len())]
    Invalid(Vec<AnswerProblem>),
    /// 429: too many wrong codes from this client, or from everyone this minute.
    #[error("too many wrong codes; retry after {retry_after} s")]
    TooManyAttempts {
        /// Seconds until a code may be tried again (the `Retry-After` header).
        retry_after: u64,
    },
    /// 429: too many wrong staff passwords for this account or from this client.
    #[error("too many wrong passwords; retry after {retry_after} s")]
    TooManySignIns {
        /// Seconds until a password may be tried again (the `Retry-After` header).
        retry_after: u64,
    },
    /// 401: a researcher endpoint without a staff account's name and password.
    #[error("missing or wrong staff account")]
    Unauthorized,
    /// 403: the account's role may not do this; the message says which may.
    #[error("forbidden: {0:?}")]
    Forbidden(Refusal),
    /// 404: no such page.
    #[error("not found: {0}")]
    NotFound(String),
    /// 404: no such export file.
    #[error("no export file {file}")]
    NoSuchExport {
        /// The file asked for.
        file: String,
        /// The files the export has, listed.
        files: String,
    },
    /// 500: a database or other internal error; logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Why an account's role may not do what it asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A desk account asked for the researchers' API.
    DeskAccount,
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::AlreadySubmitted => ApiError::AlreadySubmitted,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// A message in both languages, each written from its catalog by `write`.
fn both(write: impl Fn(&Words, Lang) -> String) -> Message {
    Message {
        nl: write(words(Lang::Nl), Lang::Nl),
        en: write(words(Lang::En), Lang::En),
    }
}

/// What is wrong with a typed code, precisely, in both languages.
fn code_problem(error: &CodeError) -> Message {
    let length = pwe_core::code::RANDOM_CHARS + 1;
    match error {
        CodeError::WrongLength { found } => both(|t, _| {
            t.fill(
                "error_code_length",
                &[("length", length.into()), ("found", (*found).into())],
            )
        }),
        CodeError::BadCharacter(c) => both(|t, _| {
            t.fill(
                "error_code_character",
                &[("character", c.to_string().into())],
            )
        }),
        _ => both(|t, _| t.text("error_code_check").into()),
    }
}

impl ApiError {
    /// The status, a stable error code and a message in both languages.
    pub fn parts(&self) -> (StatusCode, &'static str, Message) {
        match self {
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                both(|t, _| t.fill("error_bad_request", &[("detail", detail.into())])),
            ),
            ApiError::CodeMalformed(error) => (
                StatusCode::BAD_REQUEST,
                "code_malformed",
                code_problem(error),
            ),
            ApiError::NoCode => (
                StatusCode::UNAUTHORIZED,
                "code_missing",
                both(|t, _| t.text("error_code_missing").into()),
            ),
            ApiError::UnknownCode => (
                StatusCode::NOT_FOUND,
                "code_unknown",
                both(|t, _| t.text("error_code_unknown").into()),
            ),
            ApiError::VoidedCode => (
                StatusCode::FORBIDDEN,
                "code_voided",
                both(|t, _| t.text("error_code_voided").into()),
            ),
            ApiError::Closed {
                opens,
                closes,
                ended,
            } => (
                StatusCode::FORBIDDEN,
                "survey_closed",
                both(|t, lang| {
                    t.fill(
                        "error_survey_closed",
                        &[
                            ("opens", pwe_core::format::moment(*opens, lang).into()),
                            ("closes", pwe_core::format::moment(*closes, lang).into()),
                            ("when", if *ended { "after" } else { "before" }.into()),
                        ],
                    )
                }),
            ),
            ApiError::AlreadySubmitted => (
                StatusCode::CONFLICT,
                "already_submitted",
                both(|t, _| t.text("error_already_submitted").into()),
            ),
            ApiError::NotInFollowup => (
                StatusCode::FORBIDDEN,
                "not_in_followup",
                both(|t, _| t.text("error_not_in_followup").into()),
            ),
            ApiError::NotSubmitted => (
                StatusCode::CONFLICT,
                "not_submitted",
                both(|t, _| t.text("error_not_submitted").into()),
            ),
            ApiError::Invalid(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_response",
                both(|t, _| t.fill("error_invalid", &[("n", problems.len().into())])),
            ),
            ApiError::TooManyAttempts { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                both(|t, _| {
                    t.fill(
                        "error_too_many_codes",
                        &[("minutes", retry_after.div_ceil(60).into())],
                    )
                }),
            ),
            ApiError::TooManySignIns { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_sign_ins",
                both(|t, _| {
                    t.fill(
                        "error_too_many_passwords",
                        &[("minutes", retry_after.div_ceil(60).into())],
                    )
                }),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                both(|t, _| t.text("error_unauthorized").into()),
            ),
            ApiError::Forbidden(Refusal::DeskAccount) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                both(|t, _| t.text("error_forbidden_desk").into()),
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                both(|t, _| t.fill("error_not_found", &[("what", what.into())])),
            ),
            ApiError::NoSuchExport { file, files } => (
                StatusCode::NOT_FOUND,
                "not_found",
                both(|t, _| {
                    t.fill(
                        "error_no_such_export",
                        &[("file", file.into()), ("files", files.into())],
                    )
                }),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                both(|t, _| t.text("error_internal").into()),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let (status, code, message) = self.parts();
        let problems: Vec<_> = match &self {
            ApiError::Invalid(problems) => problems
                .iter()
                .map(|p| {
                    let kind = match p.kind {
                        ProblemKind::Rule => "rule",
                        ProblemKind::Missing => "missing",
                        ProblemKind::Invalid => "invalid",
                    };
                    json!({ "field": p.field, "rule": p.rule, "kind": kind, "message": { "nl": p.message.nl, "en": p.message.en } })
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = json!({
            "error": code,
            "message": { "nl": message.nl, "en": message.en },
            "problems": problems,
        });
        let mut response = (status, Json(body)).into_response();
        match self {
            ApiError::TooManyAttempts { retry_after }
            | ApiError::TooManySignIns { retry_after } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            ApiError::Unauthorized => {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"pwe\", charset=\"UTF-8\""),
                );
            }
            _ => {}
        }
        response
    }
}
