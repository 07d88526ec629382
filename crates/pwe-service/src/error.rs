//! Every way a request can fail, and the one place that turns them into responses.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pwe_core::answers::{AnswerProblem, ProblemKind};
use pwe_core::code::CodeError;
use pwe_core::text::Message;
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
        /// When it opens.
        opens: String,
        /// When it closes.
        closes: String,
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
    /// 403: the account's role may not do this; the reason (Dutch, English)
    /// says which may.
    #[error("forbidden: {}", .0.1)]
    Forbidden((&'static str, &'static str)),
    /// 404: no such export file or page.
    #[error("not found: {0}")]
    NotFound(String),
    /// 500: a database or other internal error; logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::AlreadySubmitted => ApiError::AlreadySubmitted,
            other => ApiError::Internal(other.to_string()),
        }
    }
}

fn message(nl: &str, en: &str) -> Message {
    Message {
        nl: nl.to_string(),
        en: en.to_string(),
    }
}

/// What is wrong with a typed code, precisely, in both languages.
fn code_problem(error: &CodeError) -> Message {
    let length = pwe_core::code::RANDOM_CHARS + 1;
    match error {
        CodeError::WrongLength { found } => message(
            &format!(
                "Een code heeft {length} letters en cijfers; u typte er {found}. Vergelijk de code met uw brief."
            ),
            &format!(
                "A code has {length} letters and digits; you typed {found}. Compare the code with your letter."
            ),
        ),
        CodeError::BadCharacter(c) => message(
            &format!(
                "Een code bevat nooit \"{c}\". Codes hebben alleen letters en de cijfers 2 tot en met 9. Vergelijk de code met uw brief."
            ),
            &format!(
                "A code never contains \"{c}\". Codes only have letters and the digits 2 to 9. Compare the code with your letter."
            ),
        ),
        _ => message(
            "Deze code klopt niet: waarschijnlijk is één teken verkeerd overgenomen of zijn twee tekens omgewisseld. Vergelijk de code met uw brief.",
            "This code does not add up: probably one character was copied wrongly or two were swapped. Compare the code with your letter.",
        ),
    }
}

impl ApiError {
    /// The status, a stable error code and a message in both languages.
    // Over 100 lines on purpose: one arm per error, so every failure's
    // status, code and words are read in one table.
    pub fn parts(&self) -> (StatusCode, &'static str, Message) {
        match self {
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                message(
                    &format!("Het verzoek klopt niet: {detail}"),
                    &format!("The request is not valid: {detail}"),
                ),
            ),
            ApiError::CodeMalformed(error) => (
                StatusCode::BAD_REQUEST,
                "code_malformed",
                code_problem(error),
            ),
            ApiError::NoCode => (
                StatusCode::UNAUTHORIZED,
                "code_missing",
                message(
                    "Vul de code uit uw brief in.",
                    "Enter the code from your letter.",
                ),
            ),
            ApiError::UnknownCode => (
                StatusCode::NOT_FOUND,
                "code_unknown",
                message("Deze code kennen wij niet.", "We do not know this code."),
            ),
            ApiError::VoidedCode => (
                StatusCode::FORBIDDEN,
                "code_voided",
                message(
                    "Deze code is ingetrokken. Gebruik de code uit uw nieuwste brief.",
                    "This code has been withdrawn. Use the code from your latest letter.",
                ),
            ),
            ApiError::Closed { opens, closes } => (
                StatusCode::FORBIDDEN,
                "survey_closed",
                message(
                    &format!("De raadpleging is open van {opens} tot {closes}."),
                    &format!("The consultation is open from {opens} to {closes}."),
                ),
            ),
            ApiError::AlreadySubmitted => (
                StatusCode::CONFLICT,
                "already_submitted",
                message(
                    "Uw huishouden heeft zijn advies al ingestuurd. Dank u wel!",
                    "Your household has already submitted its advice. Thank you!",
                ),
            ),
            ApiError::NotInFollowup => (
                StatusCode::FORBIDDEN,
                "not_in_followup",
                message(
                    "Uw huishouden is niet gevraagd voor de nabevraging.",
                    "Your household was not asked for the follow-up.",
                ),
            ),
            ApiError::NotSubmitted => (
                StatusCode::CONFLICT,
                "not_submitted",
                message("Stuur eerst uw advies in.", "Submit your advice first."),
            ),
            ApiError::Invalid(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_response",
                message(
                    &format!(
                        "Uw antwoorden voldoen nog niet aan {} regel(s).",
                        problems.len()
                    ),
                    &format!("Your answers do not yet meet {} rule(s).", problems.len()),
                ),
            ),
            ApiError::TooManyAttempts { retry_after } => {
                let minutes = retry_after.div_ceil(60);
                let (nl, en) = if minutes == 1 {
                    ("1 minuut".to_string(), "1 minute".to_string())
                } else {
                    (format!("{minutes} minuten"), format!("{minutes} minutes"))
                };
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    message(
                        &format!(
                            "Er zijn te veel verkeerde codes ingevoerd. Probeer het over {nl} opnieuw."
                        ),
                        &format!("Too many wrong codes were entered. Please try again in {en}."),
                    ),
                )
            }
            ApiError::TooManySignIns { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_sign_ins",
                message(
                    &format!(
                        "Te veel verkeerde wachtwoorden. Probeer het over {} minuten opnieuw.",
                        retry_after.div_ceil(60)
                    ),
                    &format!(
                        "Too many wrong passwords. Try again in {} minutes.",
                        retry_after.div_ceil(60)
                    ),
                ),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                message(
                    "Geen toegang: geef de naam en het wachtwoord van een account van een onderzoeker (HTTP Basic).",
                    "No access: send the name and password of a researcher's staff account (HTTP Basic, curl -u name:password).",
                ),
            ),
            ApiError::Forbidden((nl, en)) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                message(
                    &format!("Niet toegestaan: {nl}"),
                    &format!("Not allowed: {en}"),
                ),
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                message(
                    &format!("Niet gevonden: {what}"),
                    &format!("Not found: {what}"),
                ),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                message(
                    "Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.",
                    "Something went wrong on our side. Please try again in a few minutes.",
                ),
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
