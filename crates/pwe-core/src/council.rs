//! The council's answer to the residents' advice: per option what was decided
//! and why, and how its execution goes (`surveys/<id>.response.toml`,
//! docs/response-format.md).
//!
//! A consultation at the level "raadplegen" leaves the decision to the council,
//! which must explain what it did with the advice. This file is that
//! explanation in a form the public results page and the participation report
//! show beside the advice. It is checked against its survey like the survey
//! file itself: every option answered exactly once, every problem with its line.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::survey::{Problem, Survey, SurveyError};
use crate::text::{Lang, Text};
use crate::words::words;

/// What the council decided about one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Taken over as advised.
    Adopted,
    /// Taken over in part or changed.
    Partly,
    /// Not taken over.
    NotAdopted,
    /// Decided later (the reasoning says when and on what).
    Later,
}

impl Decision {
    /// Every decision with its word in the file.
    pub const ALL: [(&'static str, Decision); 4] = [
        ("adopted", Decision::Adopted),
        ("partly", Decision::Partly),
        ("not_adopted", Decision::NotAdopted),
        ("later", Decision::Later),
    ];

    /// The word in the file (and the key of its label on the pages).
    pub fn code(self) -> &'static str {
        match self {
            Decision::Adopted => "adopted",
            Decision::Partly => "partly",
            Decision::NotAdopted => "not_adopted",
            Decision::Later => "later",
        }
    }

    /// What the decision is called in `lang` (the catalog's `decision_*`).
    pub fn word(self, lang: Lang) -> &'static str {
        words(lang).text(match self {
            Decision::Adopted => "decision_adopted",
            Decision::Partly => "decision_partly",
            Decision::NotAdopted => "decision_not_adopted",
            Decision::Later => "decision_later",
        })
    }
}

/// How far a step of the execution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Planned for its date.
    Planned,
    /// Under way.
    InProgress,
    /// Done on its date.
    Done,
}

impl StepStatus {
    /// Every status with its word in the file.
    pub const ALL: [(&'static str, StepStatus); 3] = [
        ("planned", StepStatus::Planned),
        ("in_progress", StepStatus::InProgress),
        ("done", StepStatus::Done),
    ];

    /// The word in the file (and the key of its label on the pages).
    pub fn code(self) -> &'static str {
        match self {
            StepStatus::Planned => "planned",
            StepStatus::InProgress => "in_progress",
            StepStatus::Done => "done",
        }
    }

    /// What the status is called in `lang`: "bezig".
    pub fn word(self, lang: Lang) -> &'static str {
        words(lang).text(match self {
            StepStatus::Planned => "step_planned",
            StepStatus::InProgress => "step_in_progress",
            StepStatus::Done => "step_done",
        })
    }
}

/// A dated step in carrying out a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// When it is planned or happened.
    pub date: NaiveDate,
    /// How far it is.
    pub status: StepStatus,
    /// What the step is.
    pub text: Text,
}

/// The council's answer about one option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionAnswer {
    /// The option's index in the survey.
    pub option_idx: usize,
    /// What was decided.
    pub decision: Decision,
    /// Why, in Dutch (English optional).
    pub reasoning: Text,
    /// Where to read more (the council's decision, a project page).
    pub link: Option<String>,
    /// The execution so far, in date order.
    pub steps: Vec<Step>,
}

/// The council's answer to a consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilResponse {
    /// When the decision was taken.
    pub decided: NaiveDate,
    /// Who decided (the council, the college).
    pub body: Text,
    /// A few sentences on the decision as a whole.
    pub summary: Option<Text>,
    /// One answer per option, in the survey's order.
    pub options: Vec<OptionAnswer>,
}

impl CouncilResponse {
    /// The answer about the option at `option_idx`.
    pub fn answer(&self, option_idx: usize) -> Option<&OptionAnswer> {
        self.options.iter().find(|a| a.option_idx == option_idx)
    }

    /// The fields whose text has no English, named as in the file
    /// (`options "garage-afspraak".reasoning`): the English results page
    /// shows their Dutch, which an English reader may not understand.
    pub fn without_english(&self, survey: &Survey) -> Vec<String> {
        let mut fields = Vec::new();
        let mut check = |field: String, text: &Text| {
            if text.en().is_none() {
                fields.push(field);
            }
        };
        check("body".into(), &self.body);
        if let Some(summary) = &self.summary {
            check("summary".into(), summary);
        }
        for answer in &self.options {
            let field = format!("options \"{}\"", survey.options()[answer.option_idx].id);
            check(format!("{field}.reasoning"), &answer.reasoning);
            for (s, step) in answer.steps.iter().enumerate() {
                check(format!("{field}.steps[{}].text", s + 1), &step.text);
            }
        }
        fields
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    format: Spanned<i64>,
    survey: Spanned<String>,
    decided: Spanned<toml::value::Datetime>,
    body: RawText,
    summary: Option<RawText>,
    #[serde(default)]
    options: Vec<Spanned<RawAnswer>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    Dutch(String),
    Translated { nl: String, en: Option<String> },
}

impl RawText {
    fn text(&self) -> Text {
        match self {
            RawText::Dutch(nl) => Text::new(nl.clone(), None),
            RawText::Translated { nl, en } => Text::new(nl.clone(), en.clone()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    id: String,
    decision: String,
    reasoning: RawText,
    link: Option<String>,
    #[serde(default)]
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    date: toml::value::Datetime,
    status: String,
    text: RawText,
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn date(value: &toml::value::Datetime) -> Option<NaiveDate> {
    let d = value.date?;
    (value.time.is_none())
        .then(|| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)))
        .flatten()
}

fn one_of<T: Copy>(word: &str, all: &[(&str, T)]) -> Result<T, String> {
    all.iter()
        .find(|(code, _)| *code == word)
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            let words: Vec<&str> = all.iter().map(|(code, _)| *code).collect();
            format!("\"{word}\" is not one of {}", words.join(", "))
        })
}

/// Reads a response file of `survey` and checks it: the right survey, dates
/// without a time, known decisions and statuses, a Dutch reasoning, every
/// option answered exactly once.
///
/// # Errors
/// Every problem, each with its line and field.
pub fn parse(source: &str, file: &str, survey: &Survey) -> Result<CouncilResponse, SurveyError> {
    let error = |problems: Vec<Problem>| SurveyError {
        file: file.to_string(),
        problems,
    };
    let raw: RawResponse = toml::from_str(source).map_err(|e| {
        error(vec![Problem {
            line: e.span().map(|span| line_of(source, span.start)),
            field: String::new(),
            reason: e.message().trim().to_string(),
        }])
    })?;
    let mut problems = Vec::new();
    let mut problem = |offset: usize, field: String, reason: String| {
        problems.push(Problem {
            line: Some(line_of(source, offset)),
            field,
            reason,
        });
    };
    if *raw.format.get_ref() != 1 {
        problem(
            raw.format.span().start,
            "format".into(),
            "only format 1 exists".into(),
        );
    }
    if raw.survey.get_ref() != &survey.meta().id {
        problem(
            raw.survey.span().start,
            "survey".into(),
            format!(
                "the file answers survey \"{}\", not \"{}\"",
                raw.survey.get_ref(),
                survey.meta().id
            ),
        );
    }
    let decided = date(raw.decided.get_ref());
    if decided.is_none() {
        problem(
            raw.decided.span().start,
            "decided".into(),
            "write the date of the decision as 2027-06-15, without a time".into(),
        );
    }
    let mut options: Vec<OptionAnswer> = Vec::new();
    for (i, spanned) in raw.options.iter().enumerate() {
        let at = spanned.span().start;
        let answer = spanned.get_ref();
        let field = format!("options[{}] \"{}\"", i + 1, answer.id);
        let Some(option_idx) = survey.option_idx(&answer.id) else {
            problem(
                at,
                field,
                format!("the survey has no option \"{}\"", answer.id),
            );
            continue;
        };
        if options.iter().any(|o| o.option_idx == option_idx) {
            problem(at, field, "this option is answered twice".into());
            continue;
        }
        let decision = one_of(&answer.decision, &Decision::ALL)
            .map_err(|reason| problem(at, format!("{field}.decision"), reason))
            .ok();
        let reasoning = answer.reasoning.text();
        if reasoning.nl().trim().is_empty() {
            problem(at, format!("{field}.reasoning"), "say why, in Dutch".into());
        }
        let steps = steps(&answer.steps, at, &field, &mut problem);
        if let Some(decision) = decision {
            options.push(OptionAnswer {
                option_idx,
                decision,
                reasoning,
                link: answer.link.clone(),
                steps,
            });
        }
    }
    problems.extend(unanswered(&raw, survey));
    problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    match decided {
        Some(decided) if problems.is_empty() => {
            options.sort_by_key(|o| o.option_idx);
            Ok(CouncilResponse {
                decided,
                body: raw.body.text(),
                summary: raw.summary.as_ref().map(RawText::text),
                options,
            })
        }
        _ => Err(error(problems)),
    }
}

/// An option's dated steps, in date order; each problem through `problem`.
fn steps(
    raw: &[RawStep],
    at: usize,
    field: &str,
    problem: &mut dyn FnMut(usize, String, String),
) -> Vec<Step> {
    let mut steps = Vec::new();
    for (s, step) in raw.iter().enumerate() {
        let step_field = format!("{field}.steps[{}]", s + 1);
        let status = one_of(&step.status, &StepStatus::ALL)
            .map_err(|reason| problem(at, format!("{step_field}.status"), reason))
            .ok();
        let Some(step_date) = date(&step.date) else {
            problem(
                at,
                format!("{step_field}.date"),
                "write the date as 2027-09-01, without a time".into(),
            );
            continue;
        };
        if let Some(status) = status {
            steps.push(Step {
                date: step_date,
                status,
                text: step.text.text(),
            });
        }
    }
    steps.sort_by_key(|step| step.date);
    steps
}

/// A problem for every option of the survey the file does not name (one
/// named but wrong in some way already has its problem).
fn unanswered(raw: &RawResponse, survey: &Survey) -> Vec<Problem> {
    let named: Vec<&str> = raw
        .options
        .iter()
        .map(|o| o.get_ref().id.as_str())
        .collect();
    survey
        .options()
        .iter()
        .filter(|option| !named.contains(&option.id.as_str()))
        .map(|option| Problem {
            line: None,
            field: "options".into(),
            reason: format!(
                "option \"{}\" has no answer: add an [[options]] with id = \"{}\"",
                option.id, option.id
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests;
