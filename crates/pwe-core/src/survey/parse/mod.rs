//! From the raw TOML to a checked [`Survey`], collecting every problem with its place.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use toml::Spanned;
use toml::value::Datetime;

use super::raw::*;
use super::*;
use crate::feasible;

mod meta;
mod options;
mod questions;
mod rules;

/// The longest motivation an author may allow, so that a typo such as
/// `max_length = 50000` does not open the door to pasted documents.
const MOTIVATION_LIMIT: i64 = 5_000;

/// Default longest motivation when the file gives none.
const DEFAULT_MOTIVATION_LENGTH: u32 = 500;

/// Tolerance on the sum of the version shares, which are decimal fractions.
const SHARE_TOLERANCE: f64 = 1e-9;

impl Survey {
    /// Reads a survey from the text of a survey file.
    ///
    /// `file` names the file in every message; nothing is read from disk.
    ///
    /// # Errors
    /// A [`SurveyError`] listing every problem found, each with its line (where
    /// known), field and reason: TOML syntax, unknown keys, wrong types, missing
    /// Dutch texts, duplicate or dangling identifiers, impossible rules.
    pub fn parse(source: &str, file: &str) -> Result<Survey, SurveyError> {
        Survey::parse_checked(source, file, true)
    }

    /// [`Survey::parse`], optionally without the check that every version has a
    /// feasible portfolio, so tests can compare the enumerator with brute force
    /// on surveys whose rules cannot be met.
    pub(crate) fn parse_checked(
        source: &str,
        file: &str,
        check_feasible: bool,
    ) -> Result<Survey, SurveyError> {
        let mut parser = Parser {
            source,
            check_feasible,
            problems: Vec::new(),
        };
        let survey = match toml::from_str::<RawSurvey>(source) {
            Ok(raw) => parser.survey(raw),
            Err(error) => {
                let line = error.span().map(|span| parser.line(span.start));
                let written = line
                    .and_then(|line| source.lines().nth(line - 1))
                    .map(str::trim)
                    .filter(|written| !written.is_empty());
                let reason = plain_types(error.message().trim());
                parser.problems.push(Problem {
                    line,
                    field: String::new(),
                    reason: match written {
                        Some(written) => format!("{reason} (in `{written}`)"),
                        None => reason,
                    },
                });
                None
            }
        };
        // Problems are reported in the order of the file, which is how an author fixes them.
        parser.problems.sort_by_key(|problem| problem.line);
        match survey {
            Some(survey) if parser.problems.is_empty() => Ok(survey),
            _ => Err(SurveyError {
                file: file.to_string(),
                problems: parser.problems,
            }),
        }
    }
}

/// Replaces Rust type names in the TOML reader's messages with words an author knows.
fn plain_types(message: &str) -> String {
    message
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected a text in quotes")
}

pub(super) struct Parser<'s> {
    source: &'s str,
    check_feasible: bool,
    problems: Vec<Problem>,
}

/// Where a value sits: the field path and the line of the table it is in.
#[derive(Clone)]
pub(super) struct Place {
    pub(super) field: String,
    pub(super) line: Option<usize>,
}

impl Place {
    pub(super) fn field(&self, name: &str) -> Place {
        let field = if self.field.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.field)
        };
        Place {
            field,
            line: self.line,
        }
    }
}

impl Parser<'_> {
    pub(super) fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub(super) fn place<T>(&self, field: String, spanned: &Spanned<T>) -> Place {
        Place {
            field,
            line: Some(self.line(spanned.span().start)),
        }
    }

    /// The place of element `idx` of a list of tables, named by its id so the
    /// author can find it: `options[3] "handhaving"`.
    pub(super) fn item_place<T>(
        &self,
        list: &str,
        idx: usize,
        id: &str,
        spanned: &Spanned<T>,
    ) -> Place {
        self.place(format!("{list}[{idx}] \"{id}\""), spanned)
    }

    pub(super) fn problem(&mut self, place: &Place, reason: impl Into<String>) {
        self.problems.push(Problem {
            line: place.line,
            field: place.field.clone(),
            reason: reason.into(),
        });
    }

    pub(super) fn text(&mut self, raw: &RawText, place: &Place) -> Option<Text> {
        let (nl, en) = match raw {
            RawText::Dutch(nl) => (Some(nl.clone()), None),
            RawText::Translated { nl, en } => (nl.clone(), en.clone()),
        };
        match nl {
            Some(nl) if !nl.trim().is_empty() => Some(Text::new(nl, en)),
            _ => {
                self.problem(place, "the Dutch text (nl) is missing or empty");
                None
            }
        }
    }

    pub(super) fn optional_text(
        &mut self,
        raw: Option<&RawText>,
        place: &Place,
    ) -> Option<Option<Text>> {
        match raw {
            None => Some(None),
            Some(raw) => self.text(raw, place).map(Some),
        }
    }

    /// Checks an identifier: lower-case letters, digits, `-` and `_`, so it can
    /// stand in a URL, a CSV column and a command line without quoting.
    pub(super) fn id(&mut self, id: &str, place: &Place) -> bool {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.problem(
                place,
                format!("the id \"{id}\" must be 1 to 64 characters of a-z, 0-9, '-' and '_'"),
            );
        }
        ok
    }

    /// Reports ids that occur twice in one list.
    pub(super) fn unique<'a>(
        &mut self,
        what: &str,
        ids: impl IntoIterator<Item = (&'a str, Place)>,
    ) {
        let mut seen = HashSet::new();
        for (id, place) in ids {
            if !seen.insert(id) {
                self.problem(&place, format!("duplicate {what} id \"{id}\""));
            }
        }
    }

    pub(super) fn money(
        &mut self,
        value: i64,
        place: &Place,
        allow_negative: bool,
    ) -> Option<Euros> {
        if !allow_negative && value < 0 {
            self.problem(place, format!("must not be negative, found {value}"));
            return None;
        }
        // A trillion euros is far beyond any municipal budget; the bound keeps sums
        // of up to millions of portfolios far from overflowing.
        if value.abs() > 1_000_000_000_000 {
            self.problem(
                place,
                format!("{value} is beyond the largest supported amount (10^12 euros)"),
            );
            return None;
        }
        Some(Euros(value))
    }

    pub(super) fn positive(&mut self, value: i64, place: &Place) -> Option<u32> {
        match u32::try_from(value) {
            Ok(v) if v > 0 => Some(v),
            _ => {
                self.problem(
                    place,
                    format!("must be a whole number above 0, found {value}"),
                );
                None
            }
        }
    }
}

impl Parser<'_> {
    pub(super) fn survey(&mut self, raw: RawSurvey) -> Option<Survey> {
        if *raw.format.get_ref() != FORMAT_VERSION {
            let place = self.place("format".into(), &raw.format);
            self.problem(
                &place,
                format!(
                    "unsupported format {}; this pwe reads format {FORMAT_VERSION}",
                    raw.format.get_ref()
                ),
            );
            return None;
        }
        let meta = self.meta(&raw.survey);
        let pages = self.pages(&raw.pages);
        let effects = self.effects(&raw.effects);
        let effect_ids: Vec<&str> = raw
            .effects
            .iter()
            .map(|e| e.get_ref().id.as_str())
            .collect();
        let options = self.options(&raw.options, &effect_ids);
        let option_ids: Vec<&str> = raw
            .options
            .iter()
            .map(|o| o.get_ref().id.as_str())
            .collect();
        let default_prompt = self.motivation_prompt(
            raw.motivation.get_ref(),
            None,
            &self.place("motivation".into(), &raw.motivation),
        );
        let motivation = self.option_prompts(&raw.options, default_prompt.as_ref());
        let (budget, rules) = self.rules(&raw, &effect_ids, &option_ids);
        let versions =
            budget.and_then(|budget| self.versions(&raw.versions, budget, options.as_deref()));
        let background = self.background(&raw.background);
        let research = meta.as_ref().map(|m| m.research_questions.as_slice());
        let evaluation = self.evaluation(&raw.evaluation, research);
        let question_ids = raw
            .background
            .iter()
            .enumerate()
            .map(|(idx, q)| {
                (
                    q.get_ref().id.as_str(),
                    self.item_place("background", idx, &q.get_ref().id, q),
                )
            })
            .chain(raw.evaluation.iter().enumerate().map(|(idx, q)| {
                (
                    q.get_ref().id.as_str(),
                    self.item_place("evaluation", idx, &q.get_ref().id, q),
                )
            }))
            .collect::<Vec<_>>();
        self.unique("question", question_ids);

        let survey = Survey {
            meta: meta?,
            pages: pages?,
            effects: effects?,
            options: options?,
            rules: rules?,
            versions: versions?,
            motivation: motivation?,
            background: background?,
            evaluation: evaluation?,
        };
        if !self.problems.is_empty() {
            return None;
        }
        if self.check_feasible {
            self.report_infeasible(&survey, &raw);
        }
        Some(survey)
    }

    /// Reports every version in which no portfolio meets the rules, with the
    /// reason when it is a simple one.
    pub(super) fn report_infeasible(&mut self, survey: &Survey, raw: &RawSurvey) {
        for (version_idx, version) in survey.versions.iter().enumerate() {
            let place = match raw.versions.get(version_idx) {
                Some(spanned) => self.item_place("versions", version_idx, &version.id, spanned),
                None => self.place("budget".into(), &raw.budget),
            };
            let task = crate::ChoiceTask::new(survey, version);
            match feasible::first_feasible(&task) {
                Ok(Some(_)) => {}
                Ok(None) => {
                    let (lower, upper) = task.spend_bounds();
                    let reason = if lower.is_some_and(|lower| lower > upper) {
                        format!(
                            "no portfolio can meet the rules: the minimum spend {} is above the most that may be spent, {}",
                            lower.unwrap_or_default(),
                            upper
                        )
                    } else {
                        format!(
                            "no portfolio meets every rule with a budget of {}: check the budget against the targets, groups and number of options",
                            version.budget
                        )
                    };
                    self.problem(&place, reason);
                }
                Err(error) => self.problem(&place, error.to_string()),
            }
        }
    }
}
