//! The model specification (`model.toml`): which constants, attributes and
//! interactions enter the portfolio logit, how money enters, and whether the
//! raking weights are used. Every problem names the file and line.

use std::ops::Range;

use pwe_core::Survey;
use pwe_core::survey::QuestionKind;
use serde::Deserialize;
use toml::Spanned;

/// A specification that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {reason}")]
pub struct SpecError {
    /// The file name given to the parser.
    pub file: String,
    /// The line (1-based) of the value at fault.
    pub line: usize,
    /// The key at fault, such as `interactions[1].question`.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

/// How money enters the utility.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Money {
    /// δ0 · (B − C) / unit: the value of money left in the budget, per `unit` euros.
    Budget {
        /// Euros per unit of the money term.
        unit: f64,
    },
    /// δ0 · (−tax change): the value of a tax decrease of € 1 per household per
    /// year, for surveys with a flexible budget. It equals the budget term up to
    /// a factor, so only one of the two can be estimated.
    Tax,
    /// No money term: δ0 is fixed at 0 and no money values are reported.
    None,
}

/// An interaction of an option with a background answer: θ · 1[option chosen] · 1[answer].
#[derive(Debug, Clone, PartialEq)]
pub struct SpecInteraction {
    /// The option.
    pub option_idx: usize,
    /// The background question.
    pub question_idx: usize,
    /// The answer (a choice id).
    pub choice: String,
    /// The line it was written on, for errors found in the data.
    pub line: usize,
}

/// A checked model specification.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpec {
    /// The file name, for errors found later in the data.
    pub file: String,
    /// Whether each option has constants (one per level); options without are
    /// the reference (constant 0).
    pub constants: Vec<bool>,
    /// How money enters.
    pub money: Money,
    /// Effects (by index) whose portfolio total enters as an attribute.
    pub attributes: Vec<usize>,
    /// Interactions with the background.
    pub interactions: Vec<SpecInteraction>,
    /// Whether the raking weights are used (pseudo-likelihood).
    pub weights: bool,
    /// Latent classes to try (each from 2 to 4); empty: none.
    pub classes: Vec<usize>,
    /// Random starts per number of classes.
    pub starts: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    #[serde(default)]
    constants: Option<Spanned<RawConstants>>,
    #[serde(default)]
    money: Option<Spanned<String>>,
    #[serde(default)]
    money_unit: Option<Spanned<f64>>,
    #[serde(default)]
    attributes: Vec<Spanned<String>>,
    #[serde(default)]
    interactions: Vec<Spanned<RawInteraction>>,
    #[serde(default)]
    weights: bool,
    #[serde(default)]
    classes: Vec<Spanned<i64>>,
    #[serde(default)]
    starts: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawConstants {
    All(String),
    Some(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInteraction {
    option: Spanned<String>,
    question: Spanned<String>,
    choice: Spanned<String>,
}

impl ModelSpec {
    /// The default: constants for every option, money as the budget left over
    /// per € 100.000, no attributes or interactions, unweighted, no latent classes.
    pub fn default_for(survey: &Survey) -> ModelSpec {
        ModelSpec {
            file: "(default model)".into(),
            constants: vec![true; survey.options().len()],
            money: Money::Budget { unit: 100_000.0 },
            attributes: Vec::new(),
            interactions: Vec::new(),
            weights: false,
            classes: Vec::new(),
            starts: 5,
        }
    }

    /// Reads a specification for `survey`.
    ///
    /// # Errors
    /// TOML problems, unknown options, effects, questions or answers, a tax
    /// term without a flexible budget, classes outside 2–4.
    pub fn parse(text: &str, file: &str, survey: &Survey) -> Result<ModelSpec, SpecError> {
        let source = Source { text, file };
        let raw: RawSpec = toml::from_str(text).map_err(|e| {
            source.error(
                e.span().unwrap_or(0..0),
                "(file)",
                e.message().trim().to_string(),
            )
        })?;
        let mut spec = ModelSpec::default_for(survey);
        spec.file = file.to_string();
        if let Some(constants) = raw.constants {
            spec.constants = source.constants(constants, survey)?;
        }
        spec.money = source.money(raw.money.as_ref(), raw.money_unit.as_ref(), survey)?;
        for attribute in &raw.attributes {
            spec.attributes.push(source.attribute(attribute, survey)?);
        }
        for (n, interaction) in raw.interactions.iter().enumerate() {
            spec.interactions
                .push(source.interaction(n, interaction, survey)?);
        }
        spec.weights = raw.weights;
        for classes in &raw.classes {
            let classes =
                source.within(classes, 2..=4, "classes", "latent classes go from 2 to 4")?;
            spec.classes.push(classes);
        }
        if let Some(starts) = &raw.starts {
            spec.starts =
                source.within(starts, 1..=100, "starts", "between 1 and 100 random starts")?;
        }
        Ok(spec)
    }
}

/// The text of a specification, to place its problems.
struct Source<'a> {
    text: &'a str,
    file: &'a str,
}

impl Source<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        self.text[..span.start.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    fn error(&self, span: Range<usize>, field: &str, reason: String) -> SpecError {
        SpecError {
            file: self.file.to_string(),
            line: self.line(span),
            field: field.to_string(),
            reason,
        }
    }

    /// `constants = "all"` or a list of option ids: which options have constants.
    fn constants(
        &self,
        constants: Spanned<RawConstants>,
        survey: &Survey,
    ) -> Result<Vec<bool>, SpecError> {
        let span = constants.span();
        match constants.into_inner() {
            RawConstants::All(all) if all == "all" => Ok(vec![true; survey.options().len()]),
            RawConstants::All(other) => Err(self.error(
                span,
                "constants",
                format!("\"{other}\": write \"all\" or a list of option ids"),
            )),
            RawConstants::Some(ids) => {
                let mut chosen = vec![false; survey.options().len()];
                for id in ids {
                    let idx = survey.option_idx(&id).ok_or_else(|| {
                        self.error(
                            span.clone(),
                            "constants",
                            format!("\"{id}\" is not an option of the survey"),
                        )
                    })?;
                    chosen[idx] = true;
                }
                Ok(chosen)
            }
        }
    }

    /// `money` and `money_unit`: the budget left over (the default), the tax
    /// change, or none.
    fn money(
        &self,
        money: Option<&Spanned<String>>,
        unit: Option<&Spanned<f64>>,
        survey: &Survey,
    ) -> Result<Money, SpecError> {
        let unit = match unit {
            Some(unit) if unit.get_ref().is_nan() || *unit.get_ref() <= 0.0 => {
                return Err(self.error(
                    unit.span(),
                    "money_unit",
                    "must be a positive number of euros".into(),
                ));
            }
            Some(unit) => *unit.get_ref(),
            None => 100_000.0,
        };
        let Some(money) = money else {
            return Ok(Money::Budget { unit });
        };
        match money.get_ref().as_str() {
            "budget" => Ok(Money::Budget { unit }),
            "tax" if survey.rules().flexible.is_some() => Ok(Money::Tax),
            "tax" => Err(self.error(
                money.span(),
                "money",
                "\"tax\" needs a survey with a flexible budget; use \"budget\"".into(),
            )),
            "none" => Ok(Money::None),
            other => Err(self.error(
                money.span(),
                "money",
                format!("\"{other}\": write \"budget\", \"tax\" or \"none\""),
            )),
        }
    }

    /// An effect whose portfolio total enters as an attribute.
    fn attribute(&self, attribute: &Spanned<String>, survey: &Survey) -> Result<usize, SpecError> {
        survey
            .effects()
            .iter()
            .position(|e| e.id == *attribute.get_ref())
            .ok_or_else(|| {
                self.error(
                    attribute.span(),
                    "attributes",
                    format!("\"{}\" is not an effect of the survey", attribute.get_ref()),
                )
            })
    }

    /// The `n`th interaction: an option with an answer to a single-choice question.
    fn interaction(
        &self,
        n: usize,
        interaction: &Spanned<RawInteraction>,
        survey: &Survey,
    ) -> Result<SpecInteraction, SpecError> {
        let raw = interaction.get_ref();
        let field = |name: &str| format!("interactions[{n}].{name}");
        let option_idx = survey.option_idx(raw.option.get_ref()).ok_or_else(|| {
            self.error(
                raw.option.span(),
                &field("option"),
                format!(
                    "\"{}\" is not an option of the survey",
                    raw.option.get_ref()
                ),
            )
        })?;
        let question_idx = survey
            .background()
            .iter()
            .position(|q| q.id == *raw.question.get_ref())
            .ok_or_else(|| {
                self.error(
                    raw.question.span(),
                    &field("question"),
                    format!(
                        "\"{}\" is not a background question",
                        raw.question.get_ref()
                    ),
                )
            })?;
        let QuestionKind::Single(choices) = &survey.background()[question_idx].kind else {
            return Err(self.error(
                raw.question.span(),
                &field("question"),
                "only questions with one answer can interact".into(),
            ));
        };
        if !choices.iter().any(|c| c.id == *raw.choice.get_ref()) {
            return Err(self.error(
                raw.choice.span(),
                &field("choice"),
                format!(
                    "\"{}\" is not an answer to {}",
                    raw.choice.get_ref(),
                    raw.question.get_ref()
                ),
            ));
        }
        Ok(SpecInteraction {
            option_idx,
            question_idx,
            choice: raw.choice.get_ref().clone(),
            line: self.line(interaction.span()),
        })
    }

    /// A count that must lie in `range`, else `reason` at `field`.
    fn within(
        &self,
        value: &Spanned<i64>,
        range: std::ops::RangeInclusive<i64>,
        field: &str,
        reason: &str,
    ) -> Result<usize, SpecError> {
        if range.contains(value.get_ref()) {
            Ok(*value.get_ref() as usize)
        } else {
            Err(self.error(value.span(), field, reason.into()))
        }
    }
}
