//! The survey file exactly as written, before any checking.
//!
//! These types only mirror the TOML; [`super::parse`] turns them into the domain
//! types and reports every problem with its place. Unknown keys are refused here,
//! so a misspelt key never silently falls back to a default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSurvey {
    pub format: Spanned<i64>,
    pub survey: Spanned<RawMeta>,
    #[serde(default)]
    pub pages: Vec<Spanned<RawPage>>,
    #[serde(default)]
    pub effects: Vec<Spanned<RawEffect>>,
    pub budget: Spanned<RawBudget>,
    #[serde(default)]
    pub targets: Vec<Spanned<RawTarget>>,
    #[serde(default)]
    pub exclusive: Vec<Spanned<RawExclusive>>,
    #[serde(default)]
    pub choose: Option<Spanned<RawChoose>>,
    pub motivation: Spanned<RawMotivation>,
    pub options: Vec<Spanned<RawOption>>,
    #[serde(default)]
    pub versions: Vec<Spanned<RawVersion>>,
    #[serde(default)]
    pub background: Vec<Spanned<RawBackground>>,
    #[serde(default)]
    pub evaluation: Vec<Spanned<RawEvaluation>>,
}

/// A text as written: `key = "Dutch"` or `key = { nl = "...", en = "..." }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawText {
    Dutch(String),
    Translated {
        nl: Option<String>,
        en: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub id: String,
    pub title: RawText,
    pub organiser: RawText,
    pub opens: Datetime,
    pub closes: Datetime,
    pub timezone: Option<String>,
    pub participation_level: String,
    pub publish_results: Option<String>,
    pub privacy: RawText,
    pub retention_until: Datetime,
    #[serde(default)]
    pub randomize_options: bool,
    pub next_steps: Option<RawText>,
    pub contact: Option<RawContact>,
    pub letter: Option<RawLetter>,
    pub research_questions: Option<Vec<String>>,
    pub evaluation_themes: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLetter {
    pub intro: RawText,
    pub reminder: Option<RawText>,
    pub signature: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<RawText>,
    pub hours: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPage {
    pub id: String,
    pub title: RawText,
    pub body: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEffect {
    pub id: String,
    pub label: RawText,
    pub unit: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBudget {
    pub amount: i64,
    pub min_spend: Option<i64>,
    pub flexible: Option<RawFlexible>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFlexible {
    pub max_over: i64,
    pub max_under: i64,
    pub households: i64,
    pub years: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    pub effect: String,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExclusive {
    pub id: String,
    pub options: Vec<String>,
    pub explanation: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoose {
    pub at_least: Option<i64>,
    pub at_most: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMotivation {
    pub chosen: Option<RawText>,
    pub not_chosen: Option<RawText>,
    pub required: Option<String>,
    pub max_length: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub id: String,
    pub title: RawText,
    pub description: RawText,
    pub more_info: Option<RawText>,
    pub cost: Option<i64>,
    #[serde(default)]
    pub effects: BTreeMap<String, f64>,
    #[serde(default)]
    pub levels: Vec<RawLevel>,
    pub motivation: Option<RawMotivation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    pub label: RawText,
    pub cost: i64,
    #[serde(default)]
    pub effects: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVersion {
    pub id: String,
    pub share: f64,
    pub budget: Option<i64>,
    #[serde(default)]
    pub costs: BTreeMap<String, RawCost>,
}

/// A cost override: one amount for a binary option, one per level otherwise.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawCost {
    Single(i64),
    PerLevel(Vec<i64>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBackground {
    pub id: String,
    pub kind: String,
    pub text: RawText,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub max_length: Option<i64>,
    pub margin: Option<String>,
    pub reason: Option<RawText>,
    #[serde(default)]
    pub prefer_not_to_say: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub id: String,
    pub label: RawText,
    pub category: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvaluation {
    pub id: String,
    pub kind: String,
    pub text: RawText,
    #[serde(default)]
    pub required: bool,
    pub max_length: Option<i64>,
    pub theme: Option<String>,
    pub research_question: Option<String>,
}
