//! The true parameters of simulated households (`surveys/<id>.params.toml`).

use std::collections::BTreeMap;

use pwe_core::Survey;
use serde::Deserialize;

/// A params file that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {reason}")]
pub struct ParamsError {
    /// The file name given to the parser.
    pub file: String,
    /// What is wrong, naming the key.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    delta0: f64,
    #[serde(default = "default_rate")]
    motivation_rate: f64,
    constants: BTreeMap<String, RawConstant>,
    #[serde(default)]
    interactions: Vec<RawInteraction>,
    #[serde(default)]
    background: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(default)]
    response: BTreeMap<String, BTreeMap<String, f64>>,
}

fn default_rate() -> f64 {
    0.3
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

/// Checked parameters, with everything resolved to indices of the survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The value of € 100.000 left unspent.
    pub delta0: f64,
    /// The share of options a household writes a motivation for.
    pub motivation_rate: f64,
    /// The constant of every level of every option: `constants[option_idx][level - 1]`.
    pub constants: Vec<Vec<f64>>,
    /// Interactions with the background.
    pub interactions: Vec<Interaction>,
    /// For background questions that are no population margin: each choice's share.
    pub background: BTreeMap<String, Vec<(String, f64)>>,
    /// Relative response propensity by background answer (non-response bias).
    pub response: BTreeMap<String, BTreeMap<String, f64>>,
}

impl Params {
    /// Reads a params file for `survey`.
    ///
    /// # Errors
    /// TOML problems, unknown options, questions or choices, a constant missing
    /// for an option, a wrong number of level constants, non-positive shares.
    pub fn parse(text: &str, file: &str, survey: &Survey) -> Result<Params, ParamsError> {
        let error = |reason: String| ParamsError {
            file: file.to_string(),
            reason,
        };
        let raw: RawParams =
            toml::from_str(text).map_err(|e| error(e.message().trim().to_string()))?;
        let constants = constants(&raw.constants, survey).map_err(error)?;
        let question_idx = |id: &str, key: &str| {
            survey
                .background()
                .iter()
                .position(|q| q.id == id)
                .ok_or_else(|| error(format!("{key}: unknown background question \"{id}\"")))
        };
        let choice_ids = |idx: usize| -> Vec<String> {
            match &survey.background()[idx].kind {
                pwe_core::survey::QuestionKind::Single(choices)
                | pwe_core::survey::QuestionKind::Multiple(choices) => {
                    choices.iter().map(|c| c.id.clone()).collect()
                }
                _ => Vec::new(),
            }
        };
        let mut interactions = Vec::new();
        for (idx, raw) in raw.interactions.iter().enumerate() {
            let key = format!("interactions[{idx}]");
            let option_idx = survey
                .option_idx(&raw.option)
                .ok_or_else(|| error(format!("{key}.option: unknown option \"{}\"", raw.option)))?;
            let q = question_idx(&raw.question, &key)?;
            if !choice_ids(q).contains(&raw.choice) {
                return Err(error(format!(
                    "{key}.choice: \"{}\" is not an answer to {}",
                    raw.choice, raw.question
                )));
            }
            interactions.push(Interaction {
                option_idx,
                question_idx: q,
                choice: raw.choice.clone(),
                value: raw.value,
            });
        }
        let mut background = BTreeMap::new();
        for (question, shares) in &raw.background {
            let q = question_idx(question, "background")?;
            let known = choice_ids(q);
            let mut list = Vec::new();
            for (choice, share) in shares {
                if !known.contains(choice) || share.is_nan() || *share <= 0.0 {
                    return Err(error(format!(
                        "background.{question}.{choice}: an answer of the question with a positive share"
                    )));
                }
                list.push((choice.clone(), *share));
            }
            background.insert(question.clone(), list);
        }
        for (question, factors) in &raw.response {
            let q = question_idx(question, "response")?;
            let known = choice_ids(q);
            if let Some((choice, _)) = factors
                .iter()
                .find(|(c, f)| !known.contains(c) || f.is_nan() || **f <= 0.0)
            {
                return Err(error(format!(
                    "response.{question}.{choice}: an answer of the question with a positive factor"
                )));
            }
        }
        if !(0.0..=1.0).contains(&raw.motivation_rate) {
            return Err(error("motivation_rate: must be between 0 and 1".into()));
        }
        Ok(Params {
            delta0: raw.delta0,
            motivation_rate: raw.motivation_rate,
            constants,
            interactions,
            background,
            response: raw.response,
        })
    }
}

/// Every option's constants (one per level), or what is wrong.
fn constants(
    raw: &BTreeMap<String, RawConstant>,
    survey: &Survey,
) -> Result<Vec<Vec<f64>>, String> {
    let mut constants = Vec::new();
    for option in survey.options() {
        let values = match raw.get(&option.id) {
            None => {
                return Err(format!(
                    "constants.{}: missing; every option needs a constant",
                    option.id
                ));
            }
            Some(RawConstant::Binary(value)) if option.is_binary() => vec![*value],
            Some(RawConstant::PerLevel(values)) if values.len() == option.levels.len() => {
                values.clone()
            }
            Some(_) => {
                return Err(format!(
                    "constants.{}: the option has {} level(s); give as many constants",
                    option.id,
                    option.levels.len()
                ));
            }
        };
        constants.push(values);
    }
    if let Some(unknown) = raw.keys().find(|id| survey.option_idx(id).is_none()) {
        return Err(format!("constants.{unknown}: unknown option"));
    }
    Ok(constants)
}
