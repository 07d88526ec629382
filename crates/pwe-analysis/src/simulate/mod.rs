//! Simulated households with known preferences: background answers that match
//! the population margins (optionally with non-response bias, so weighting has
//! work to do), a version drawn by the design's shares, a portfolio drawn from
//! the portfolio logit over the version's feasible set, motivations from Dutch
//! templates, and evaluation answers. Every draw comes from one seeded ChaCha8
//! stream, so the same inputs and seed give the same households.

pub mod course;
mod params;
mod text;

use std::collections::BTreeMap;

use pwe_core::answers::{Answer, Response};
use pwe_core::feasible::{FeasibleSet, Limits, enumerate};
use pwe_core::survey::{EvaluationKind, QuestionKind};
use pwe_core::weighting::Margin;
use pwe_core::{ChoiceTask, Portfolio, PortfolioError, Survey};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use params::{Interaction, Params, ParamsError};

impl SimulatedHousehold {
    /// The household's answers as a response of the survey, as the service
    /// would have checked it (the simulation draws only what the rules allow).
    ///
    /// # Errors
    /// A portfolio with a level an option does not have.
    pub fn response(&self, survey: &Survey) -> Result<Response, PortfolioError> {
        let background = survey
            .background()
            .iter()
            .zip(&self.background)
            .map(|(question, cell)| {
                let cell = cell.as_deref()?;
                Some(match &question.kind {
                    QuestionKind::Single(_) => Answer::Choice(cell.to_string()),
                    QuestionKind::Multiple(_) => {
                        Answer::Choices(cell.split(';').map(str::to_string).collect())
                    }
                    QuestionKind::Number { .. } => Answer::Number(cell.parse().ok()?),
                    QuestionKind::Text { .. } => Answer::Text(cell.to_string()),
                })
            })
            .collect();
        let evaluation = survey
            .evaluation()
            .iter()
            .zip(&self.evaluation)
            .map(|(question, cell)| {
                let cell = cell.as_deref()?;
                Some(match question.kind {
                    EvaluationKind::Text { .. } => Answer::Text(cell.to_string()),
                    EvaluationKind::Likert5 | EvaluationKind::Grade => {
                        Answer::Number(cell.parse().ok()?)
                    }
                })
            })
            .collect();
        Ok(Response {
            portfolio: Portfolio::from_levels(survey, self.portfolio.clone())?,
            motivations: self.motivations.clone(),
            background,
            evaluation,
        })
    }
}

/// How many households to simulate, from which seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimConfig {
    /// The number of responding households.
    pub n: usize,
    /// The seed of every draw.
    pub seed: u64,
    /// Whether response depends on the background (the params' `response` factors).
    pub bias: bool,
}

/// One simulated, submitted household.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedHousehold {
    /// Its buurt code.
    pub buurt: String,
    /// The index of its version.
    pub version_idx: usize,
    /// Its answer (a choice id) to every background question, by index.
    pub background: Vec<Option<String>>,
    /// Its portfolio's levels, one per option.
    pub portfolio: Vec<u8>,
    /// Its motivation per option, if it wrote one.
    pub motivations: Vec<Option<String>>,
    /// Its evaluation answers, by index.
    pub evaluation: Vec<Option<String>>,
}

/// Why households could not be simulated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// The margins lack the buurt, or a margin has no positive target.
    #[error("the population margins need a buurt margin with positive targets")]
    NoBuurten,
    /// A version's feasible set could not be enumerated.
    #[error("{0}")]
    Feasible(#[from] pwe_core::feasible::FeasibleError),
    /// Rejection sampling for the non-response bias accepted too few households.
    #[error("the response factors accept too few households; check the params' [response] section")]
    BiasTooStrong,
}

/// Draws an index with probability proportional to `weights`.
fn draw(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    for (idx, w) in weights.iter().enumerate() {
        if u < *w {
            return idx;
        }
        u -= w;
    }
    weights.len() - 1
}

/// The utility of every portfolio of a feasible set for one household.
fn utilities(
    task: &ChoiceTask<'_>,
    set: &FeasibleSet,
    params: &Params,
    background: &[Option<String>],
    out: &mut Vec<f64>,
) {
    // The value of each option level for this household, then the portfolio sums.
    let values: Vec<Vec<f64>> = params
        .constants
        .iter()
        .enumerate()
        .map(|(option_idx, levels)| {
            let extra: f64 = params
                .interactions
                .iter()
                .filter(|i| {
                    i.option_idx == option_idx
                        && background[i.question_idx].as_deref() == Some(i.choice.as_str())
                })
                .map(|i| i.value)
                .sum();
            levels.iter().map(|c| c + extra).collect()
        })
        .collect();
    let budget = task.budget().get() as f64;
    out.clear();
    for (portfolio_idx, levels) in set.iter().enumerate() {
        let mut u = params.delta0 * (budget - set.cost(portfolio_idx).get() as f64) / 100_000.0;
        for (option_idx, &level) in levels.iter().enumerate() {
            if level > 0 {
                u += values[option_idx][usize::from(level) - 1];
            }
        }
        out.push(u);
    }
}

/// The simulated households one at a time, so that a million of them never
/// sit in memory together; made by [`households`].
pub struct Households<'a> {
    survey: &'a Survey,
    params: &'a Params,
    config: SimConfig,
    rng: ChaCha8Rng,
    buurten: &'a Margin,
    buurt_weights: Vec<f64>,
    sets: Vec<FeasibleSet>,
    version_shares: Vec<f64>,
    /// For every background question: the answers to draw from and their weights.
    question_draws: Vec<Vec<(String, f64)>>,
    /// The largest product of response factors, for rejection sampling.
    max_factor: f64,
    utility: Vec<f64>,
    made: usize,
    attempts: usize,
}

/// Simulates `config.n` responding households.
///
/// `margins` are the population margins (as for weighting): the `buurt` margin
/// gives the buurten, and a margin named like a background question's `margin`
/// gives that question's answers through the choices' categories.
///
/// # Errors
/// [`SimError`]: no buurt margin, a feasible set too large, or a bias that
/// rejects nearly everyone.
pub fn simulate(
    survey: &Survey,
    margins: &[Margin],
    params: &Params,
    config: SimConfig,
) -> Result<Vec<SimulatedHousehold>, SimError> {
    households(survey, margins, params, config)?.collect()
}

/// The households of [`simulate`], one at a time, in the same order.
///
/// # Errors
/// [`SimError`]: no buurt margin or a feasible set too large (here), or a bias
/// that rejects nearly everyone (from the iterator).
pub fn households<'a>(
    survey: &'a Survey,
    margins: &'a [Margin],
    params: &'a Params,
    config: SimConfig,
) -> Result<Households<'a>, SimError> {
    let buurten = margins
        .iter()
        .find(|m| m.variable == "buurt")
        .ok_or(SimError::NoBuurten)?;
    let buurt_weights: Vec<f64> = buurten.targets.iter().map(|(_, t)| *t).collect();
    if !buurt_weights.iter().any(|w| *w > 0.0) {
        return Err(SimError::NoBuurten);
    }
    let sets = survey
        .versions()
        .iter()
        .map(|version| enumerate(&ChoiceTask::new(survey, version), Limits::default()))
        .collect::<Result<Vec<_>, _>>()?;
    let version_shares: Vec<f64> = survey.versions().iter().map(|v| v.share).collect();
    let question_draws = question_draws(survey, margins, params);
    let max_factor: f64 = params
        .response
        .values()
        .map(|factors| factors.values().copied().fold(0.0, f64::max))
        .product();
    Ok(Households {
        survey,
        params,
        config,
        rng: ChaCha8Rng::seed_from_u64(config.seed),
        buurten,
        buurt_weights,
        sets,
        version_shares,
        question_draws,
        max_factor,
        utility: Vec::new(),
        made: 0,
        attempts: 0,
    })
}

/// For every background question: the answers to draw from and their weights,
/// from the question's margin when it has one, else from the params.
fn question_draws(survey: &Survey, margins: &[Margin], params: &Params) -> Vec<Vec<(String, f64)>> {
    survey
        .background()
        .iter()
        .map(|question| {
            let QuestionKind::Single(choices) = &question.kind else {
                return Vec::new();
            };
            if let Some(margin) = question
                .margin
                .as_ref()
                .and_then(|m| margins.iter().find(|g| &g.variable == m))
            {
                // Each category's target, shared among the choices that map onto it.
                return choices
                    .iter()
                    .map(|c| {
                        let category = c.category.clone().unwrap_or_else(|| c.id.clone());
                        let target = margin
                            .targets
                            .iter()
                            .find(|(k, _)| *k == category)
                            .map_or(0.0, |(_, t)| *t);
                        let sharing = choices
                            .iter()
                            .filter(|o| o.category.as_ref().unwrap_or(&o.id) == &category)
                            .count();
                        (c.id.clone(), target / sharing as f64)
                    })
                    .collect();
            }
            match params.background.get(&question.id) {
                Some(shares) => shares.clone(),
                None => choices.iter().map(|c| (c.id.clone(), 1.0)).collect(),
            }
        })
        .collect()
}

impl Iterator for Households<'_> {
    type Item = Result<SimulatedHousehold, SimError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.made == self.config.n {
            return None;
        }
        loop {
            self.attempts += 1;
            if self.attempts > 1000 * self.config.n.max(1) {
                // Stop for good: the caller sees one error, then the end.
                self.made = self.config.n;
                return Some(Err(SimError::BiasTooStrong));
            }
            if let Some(household) = self.attempt() {
                self.made += 1;
                return Some(Ok(household));
            }
        }
    }
}

impl Households<'_> {
    /// Draws one household; nothing when the non-response bias rejects it.
    fn attempt(&mut self) -> Option<SimulatedHousehold> {
        let (survey, params, rng) = (self.survey, self.params, &mut self.rng);
        let buurt = self.buurten.targets[draw(rng, &self.buurt_weights)]
            .0
            .clone();
        let background: Vec<Option<String>> = self
            .question_draws
            .iter()
            .map(|choices| {
                (!choices.is_empty()).then(|| {
                    let weights: Vec<f64> = choices.iter().map(|(_, w)| *w).collect();
                    choices[draw(rng, &weights)].0.clone()
                })
            })
            .collect();
        if self.config.bias {
            let factor: f64 = survey
                .background()
                .iter()
                .zip(&background)
                .filter_map(|(q, answer)| {
                    params
                        .response
                        .get(&q.id)
                        .and_then(|f| answer.as_ref().and_then(|a| f.get(a)))
                })
                .product();
            if rng.random::<f64>() * self.max_factor > factor {
                return None;
            }
        }
        let version_idx = draw(rng, &self.version_shares);
        let task = ChoiceTask::new(survey, &survey.versions()[version_idx]);
        let set = &self.sets[version_idx];
        utilities(&task, set, params, &background, &mut self.utility);
        let best = self
            .utility
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let weights: Vec<f64> = self.utility.iter().map(|u| (u - best).exp()).collect();
        let portfolio = set.levels(draw(rng, &weights)).to_vec();
        let motivations = survey
            .options()
            .iter()
            .zip(&portfolio)
            .map(|(option, &level)| {
                (rng.random::<f64>() < params.motivation_rate)
                    .then(|| text::motivation(rng, option.title.nl(), level > 0))
            })
            .collect();
        let evaluation = survey
            .evaluation()
            .iter()
            .map(|question| match question.kind {
                EvaluationKind::Likert5 => {
                    Some((draw(rng, &[0.06, 0.12, 0.27, 0.38, 0.17]) + 1).to_string())
                }
                EvaluationKind::Grade => Some(
                    (draw(
                        rng,
                        &[
                            0.0, 0.0, 0.01, 0.02, 0.04, 0.08, 0.17, 0.28, 0.25, 0.1, 0.05,
                        ],
                    ))
                    .to_string(),
                ),
                EvaluationKind::Text { .. } => {
                    (rng.random::<f64>() < 0.1).then(|| text::remark(rng))
                }
            })
            .collect();
        Some(SimulatedHousehold {
            buurt,
            version_idx,
            background,
            portfolio,
            motivations,
            evaluation,
        })
    }
}

/// How many simulated households each buurt has.
pub fn per_buurt(households: &[SimulatedHousehold]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for household in households {
        *counts.entry(household.buurt.clone()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests;
