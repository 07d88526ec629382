//! The true parameters of simulated households (`surveys/<id>.params.toml`),
//! documented key by key in docs/simulate.md.

use std::collections::BTreeMap;
use std::ops::Range;

use pwe_core::Survey;
use pwe_core::flow::STEPS;
use pwe_core::survey::{PREFER_NOT_TO_SAY, QuestionKind};
use serde::Deserialize;
use toml::Spanned;

/// A params file that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ParamsError {
    /// The file name given to the parser.
    pub file: String,
    /// The line of the key, when the file has it.
    pub line: Option<usize>,
    /// What is wrong, naming the key.
    pub reason: String,
}

type Shares = BTreeMap<String, Spanned<f64>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    delta0: f64,
    motivation_rate: Option<Spanned<f64>>,
    prefer_not_rate: Option<Spanned<f64>>,
    skip_rate: Option<Spanned<f64>>,
    constants: Spanned<BTreeMap<String, Spanned<RawConstant>>>,
    #[serde(default)]
    interactions: Vec<Spanned<RawInteraction>>,
    #[serde(default)]
    background: BTreeMap<String, Spanned<Shares>>,
    #[serde(default)]
    numbers: BTreeMap<String, Spanned<RawNumber>>,
    #[serde(default)]
    response: BTreeMap<String, Spanned<Shares>>,
    dropoff: Option<Spanned<Shares>>,
    texts: Option<Spanned<RawTexts>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawConstant {
    Binary(f64),
    PerLevel(Vec<f64>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInteraction {
    option: String,
    question: String,
    choice: String,
    value: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNumber {
    mean: f64,
    sd: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    #[serde(default)]
    pro: Vec<String>,
    #[serde(default)]
    contra: Vec<String>,
    #[serde(default)]
    remarks: Vec<String>,
    #[serde(default)]
    answers: BTreeMap<String, Spanned<Vec<String>>>,
}

/// An interaction: an option is worth `value` more to households that gave `choice`.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// The option.
    pub option_idx: usize,
    /// The background question.
    pub question_idx: usize,
    /// The answer that triggers it.
    pub choice: String,
    /// The extra utility.
    pub value: f64,
}

/// How a number question's answers are spread: a normal distribution,
/// rounded and kept within the question's bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberDraw {
    /// The mean.
    pub mean: f64,
    /// The standard deviation.
    pub sd: f64,
}

/// The texts simulated households write: never from code, so that another
/// consultation never shows the Mall's sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    /// Motivations for a chosen option; `{option}` stands for its title.
    pub pro: Vec<String>,
    /// Motivations against an option not chosen.
    pub contra: Vec<String>,
    /// Open remarks (evaluation questions of the text kind).
    pub remarks: Vec<String>,
    /// Answers to text background questions, by question id.
    pub answers: BTreeMap<String, Vec<String>>,
}

/// Checked parameters, with everything resolved to indices of the survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The value of € 100.000 left unspent.
    pub delta0: f64,
    /// The share of options a household writes a motivation for (when the
    /// file has texts to write).
    pub motivation_rate: f64,
    /// The share of answers to a question offering "zeg ik liever niet" that
    /// are that answer.
    pub prefer_not_rate: f64,
    /// The share of optional questions left unanswered.
    pub skip_rate: f64,
    /// The constant of every level of every option: `constants[option_idx][level - 1]`.
    pub constants: Vec<Vec<f64>>,
    /// Interactions with the background.
    pub interactions: Vec<Interaction>,
    /// For choice questions that are no population margin: each choice's
    /// share (single) or chance of being ticked (multiple).
    pub background: BTreeMap<String, Vec<(String, f64)>>,
    /// For number questions: how their answers are spread.
    pub numbers: BTreeMap<String, NumberDraw>,
    /// Relative response propensity by background answer (non-response bias).
    pub response: BTreeMap<String, BTreeMap<String, f64>>,
    /// Of every 100 respondents, how many more households start and stop, by
    /// the step they stop at (in the order of [`STEPS`]).
    pub dropoff: [f64; STEPS.len()],
    /// The texts households write, when the file has them.
    pub texts: Option<Texts>,
}

/// The drop-off when the params file gives none: of every 100 respondents,
/// how many more start and stop at each step.
pub const DROPOFF: [f64; STEPS.len()] = [4.0, 2.0, 5.0, 2.0, 1.0, 1.0, 1.0];

/// Reads the file's parts, with the line of every problem.
struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    survey: &'a Survey,
}

impl Reader<'_> {
    fn error(&self, span: Option<Range<usize>>, reason: String) -> ParamsError {
        ParamsError {
            file: self.file.to_string(),
            line: span.map(|s| {
                self.text[..s.start.min(self.text.len())]
                    .matches('\n')
                    .count()
                    + 1
            }),
            reason,
        }
    }

    fn question(&self, id: &str, key: &str, span: Range<usize>) -> Result<usize, ParamsError> {
        self.survey
            .background()
            .iter()
            .position(|q| q.id == id)
            .ok_or_else(|| {
                let known: Vec<&str> = self
                    .survey
                    .background()
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect();
                self.error(
                    Some(span),
                    format!(
                        "{key}: unknown background question \"{id}\"; the survey has {}",
                        known.join(", ")
                    ),
                )
            })
    }

    /// The choice ids of a choice question, without "zeg ik liever niet".
    fn choices(&self, idx: usize) -> Vec<&str> {
        match &self.survey.background()[idx].kind {
            QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => choices
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| *id != PREFER_NOT_TO_SAY)
                .collect(),
            _ => Vec::new(),
        }
    }

    fn rate(
        &self,
        raw: Option<&Spanned<f64>>,
        key: &str,
        default: f64,
    ) -> Result<f64, ParamsError> {
        let Some(raw) = raw else { return Ok(default) };
        let value = *raw.get_ref();
        if !(0.0..=1.0).contains(&value) {
            return Err(self.error(
                Some(raw.span()),
                format!("{key}: must be between 0 and 1, not {value}"),
            ));
        }
        Ok(value)
    }

    /// Shares (or factors) per answer of a choice question, each above 0.
    fn shares(
        &self,
        section: &str,
        question: &str,
        raw: &Spanned<Shares>,
    ) -> Result<(usize, Vec<(String, f64)>), ParamsError> {
        let q = self.question(question, &format!("{section}.{question}"), raw.span())?;
        let known = self.choices(q);
        if known.is_empty() {
            return Err(self.error(
                Some(raw.span()),
                format!("{section}.{question}: not a choice question"),
            ));
        }
        let mut list = Vec::new();
        for (choice, share) in raw.get_ref() {
            let key = format!("{section}.{question}.{choice}");
            if !known.contains(&choice.as_str()) {
                return Err(self.error(
                    Some(share.span()),
                    format!(
                        "{key}: \"{choice}\" is not an answer to {question}; its answers are {}",
                        known.join(", ")
                    ),
                ));
            }
            let value = *share.get_ref();
            if value.is_nan() || value <= 0.0 {
                return Err(self.error(
                    Some(share.span()),
                    format!("{key}: must be above 0, not {value}"),
                ));
            }
            list.push((choice.clone(), value));
        }
        Ok((q, list))
    }
}

impl Params {
    /// Reads a params file for `survey`.
    ///
    /// # Errors
    /// TOML problems, unknown options, questions or choices, a constant missing
    /// for an option, a wrong number of level constants, shares not above 0,
    /// rates outside 0 to 1; each with its line.
    pub fn parse(text: &str, file: &str, survey: &Survey) -> Result<Params, ParamsError> {
        let reader = Reader { text, file, survey };
        let raw: RawParams = toml::from_str(text)
            .map_err(|e| reader.error(e.span(), e.message().trim().to_string()))?;
        let constants = constants(&reader, &raw.constants)?;
        let interactions = raw
            .interactions
            .iter()
            .enumerate()
            .map(|(idx, raw)| interaction(&reader, idx, raw))
            .collect::<Result<Vec<_>, _>>()?;
        let mut background = BTreeMap::new();
        for (question, shares) in &raw.background {
            background.insert(
                question.clone(),
                reader.shares("background", question, shares)?.1,
            );
        }
        let mut response = BTreeMap::new();
        for (question, factors) in &raw.response {
            let (_, list) = reader.shares("response", question, factors)?;
            response.insert(question.clone(), list.into_iter().collect());
        }
        let mut numbers = BTreeMap::new();
        for (question, number) in &raw.numbers {
            let key = format!("numbers.{question}");
            let q = reader.question(question, &key, number.span())?;
            let QuestionKind::Number { .. } = survey.background()[q].kind else {
                return Err(
                    reader.error(Some(number.span()), format!("{key}: not a number question"))
                );
            };
            let RawNumber { mean, sd } = *number.get_ref();
            if !mean.is_finite() || !sd.is_finite() || sd < 0.0 {
                return Err(reader.error(
                    Some(number.span()),
                    format!("{key}: a finite mean and an sd of 0 or more"),
                ));
            }
            numbers.insert(question.clone(), NumberDraw { mean, sd });
        }
        Ok(Params {
            delta0: raw.delta0,
            motivation_rate: reader.rate(raw.motivation_rate.as_ref(), "motivation_rate", 0.3)?,
            prefer_not_rate: reader.rate(raw.prefer_not_rate.as_ref(), "prefer_not_rate", 0.03)?,
            skip_rate: reader.rate(raw.skip_rate.as_ref(), "skip_rate", 0.1)?,
            constants,
            interactions,
            background,
            numbers,
            response,
            dropoff: dropoff(&reader, raw.dropoff.as_ref())?,
            texts: raw.texts.as_ref().map(|t| texts(&reader, t)).transpose()?,
        })
    }
}

fn interaction(
    reader: &Reader<'_>,
    idx: usize,
    raw: &Spanned<RawInteraction>,
) -> Result<Interaction, ParamsError> {
    let key = format!("interactions[{idx}]");
    let span = raw.span();
    let raw = raw.get_ref();
    let option_idx = reader.survey.option_idx(&raw.option).ok_or_else(|| {
        reader.error(
            Some(span.clone()),
            format!("{key}.option: unknown option \"{}\"", raw.option),
        )
    })?;
    let q = reader.question(&raw.question, &format!("{key}.question"), span.clone())?;
    if !reader.choices(q).contains(&raw.choice.as_str()) {
        return Err(reader.error(
            Some(span),
            format!(
                "{key}.choice: \"{}\" is not an answer to {}",
                raw.choice, raw.question
            ),
        ));
    }
    Ok(Interaction {
        option_idx,
        question_idx: q,
        choice: raw.choice.clone(),
        value: raw.value,
    })
}

fn dropoff(
    reader: &Reader<'_>,
    raw: Option<&Spanned<Shares>>,
) -> Result<[f64; STEPS.len()], ParamsError> {
    let Some(raw) = raw else { return Ok(DROPOFF) };
    let mut per_step = [0.0; STEPS.len()];
    for (step, value) in raw.get_ref() {
        let idx = STEPS.iter().position(|s| s == step).ok_or_else(|| {
            reader.error(
                Some(value.span()),
                format!(
                    "dropoff.{step}: unknown step; the steps are {}",
                    STEPS.join(", ")
                ),
            )
        })?;
        let v = *value.get_ref();
        if !v.is_finite() || v < 0.0 {
            return Err(reader.error(
                Some(value.span()),
                format!("dropoff.{step}: must be 0 or more, not {v}"),
            ));
        }
        per_step[idx] = v;
    }
    Ok(per_step)
}

fn texts(reader: &Reader<'_>, raw: &Spanned<RawTexts>) -> Result<Texts, ParamsError> {
    let span = raw.span();
    let raw = raw.get_ref();
    for (key, list) in [("texts.pro", &raw.pro), ("texts.contra", &raw.contra)] {
        if list.iter().all(|t| t.trim().is_empty()) {
            return Err(reader.error(
                Some(span.clone()),
                format!("{key}: give at least one motivation"),
            ));
        }
    }
    let mut answers = BTreeMap::new();
    for (question, list) in &raw.answers {
        let key = format!("texts.answers.{question}");
        let q = reader.question(question, &key, list.span())?;
        let QuestionKind::Text { .. } = reader.survey.background()[q].kind else {
            return Err(reader.error(Some(list.span()), format!("{key}: not a text question")));
        };
        answers.insert(question.clone(), list.get_ref().clone());
    }
    Ok(Texts {
        pro: raw.pro.clone(),
        contra: raw.contra.clone(),
        remarks: raw.remarks.clone(),
        answers,
    })
}

/// Every option's constants (one per level), or what is wrong.
fn constants(
    reader: &Reader<'_>,
    raw: &Spanned<BTreeMap<String, Spanned<RawConstant>>>,
) -> Result<Vec<Vec<f64>>, ParamsError> {
    let mut constants = Vec::new();
    for option in reader.survey.options() {
        let values = match raw.get_ref().get(&option.id) {
            None => {
                return Err(reader.error(
                    Some(raw.span()),
                    format!(
                        "constants.{}: missing; every option needs a constant",
                        option.id
                    ),
                ));
            }
            Some(value) => match value.get_ref() {
                RawConstant::Binary(v) if option.is_binary() => vec![*v],
                RawConstant::PerLevel(values) if values.len() == option.levels.len() => {
                    values.clone()
                }
                _ => {
                    return Err(reader.error(
                        Some(value.span()),
                        format!(
                            "constants.{}: the option has {} level(s); give as many constants",
                            option.id,
                            option.levels.len()
                        ),
                    ));
                }
            },
        };
        constants.push(values);
    }
    if let Some((unknown, value)) = raw
        .get_ref()
        .iter()
        .find(|(id, _)| reader.survey.option_idx(id).is_none())
    {
        return Err(reader.error(
            Some(value.span()),
            format!("constants.{unknown}: unknown option"),
        ));
    }
    Ok(constants)
}
