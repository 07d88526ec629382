//! Request bodies: JSON with errors that say what is wrong, turned into core types.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, Request};
use pwe_core::answers::{RawAnswer, ResponseInput};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ApiError;

/// A JSON body whose rejection (malformed JSON, a wrong type, a missing field)
/// becomes a 400 naming the problem.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(ApiError::BadRequest(rejection.body_text())),
        }
    }
}

/// A household's answers as JSON: what a draft holds and a submission sends.
///
/// ```json
/// { "portfolio": { "handhaving": 2, "fiets-ov": 1 },
///   "motivations": { "fiets-ov": "..." },
///   "background": { "leeftijd": "45-64" },
///   "evaluation": { "cijfer": 8 } }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// Chosen options with their level (1 for a binary option; 0 or absent: not chosen).
    #[serde(default)]
    pub portfolio: BTreeMap<String, u32>,
    /// A motivation per option.
    #[serde(default)]
    pub motivations: BTreeMap<String, String>,
    /// Background answers: a choice id, a list of choice ids, a whole number or a text.
    #[serde(default)]
    pub background: BTreeMap<String, Value>,
    /// Evaluation answers: a whole number (1-5, 0-10) or a text.
    #[serde(default)]
    pub evaluation: BTreeMap<String, Value>,
}

impl ResponseBody {
    /// The answers as core input.
    ///
    /// # Errors
    /// An answer that is not a text, a whole number or a list of texts (400).
    pub fn to_input(&self) -> Result<ResponseInput, ApiError> {
        Ok(ResponseInput {
            choices: self
                .portfolio
                .iter()
                .filter(|(_, level)| **level > 0)
                .map(|(id, level)| (id.clone(), *level))
                .collect(),
            motivations: self
                .motivations
                .iter()
                .map(|(id, text)| (id.clone(), text.clone()))
                .collect(),
            background: raw_answers("background", &self.background)?,
            evaluation: raw_answers("evaluation", &self.evaluation)?,
        })
    }
}

/// Converts JSON answers, leaving out nulls (a question skipped).
pub fn raw_answers(
    section: &str,
    answers: &BTreeMap<String, Value>,
) -> Result<Vec<(String, RawAnswer)>, ApiError> {
    let mut raw = Vec::new();
    for (id, value) in answers {
        let answer = match value {
            Value::Null => continue,
            Value::String(text) => RawAnswer::Text(text.clone()),
            Value::Number(number) if number.is_i64() => {
                RawAnswer::Number(number.as_i64().unwrap_or_default())
            }
            Value::Array(items) if items.iter().all(Value::is_string) => RawAnswer::Choices(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => {
                return Err(ApiError::BadRequest(format!(
                    "{section}.{id}: an answer must be a text, a whole number or a list of texts"
                )));
            }
        };
        raw.push((id.clone(), answer));
    }
    Ok(raw)
}
