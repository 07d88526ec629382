//! Simulated households with known preferences, drawn like a census: every
//! household of the population ([`Census`]) is invited and responds with its
//! own chance (equal, or shifted by the params' response factors with
//! `bias`), so the number of respondents falls around the asked number. A
//! respondent has a version drawn by the design's shares, a portfolio drawn
//! from the portfolio logit over the version's feasible set, options in the
//! order the service would have shown them, motivations and remarks from the
//! params file's texts, and answers to every question ([`draw`]). Every draw
//! comes from one seeded ChaCha8 stream, so the same inputs and seed give the
//! same households.

pub mod census;
pub mod course;
mod draw;
mod params;

use pwe_core::answers::{Answer, Response};
use pwe_core::feasible::{FeasibleSet, Limits, enumerate};
use pwe_core::flow::STEPS;
use pwe_core::survey::{EvaluationKind, QuestionKind};
use pwe_core::{ChoiceTask, Portfolio, PortfolioError, Survey};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::load::BuurtParticipation;
pub use census::{Census, CensusBuurt, CensusError};
pub use params::{DROPOFF, Interaction, NumberDraw, Params, ParamsError, Texts};

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
    /// The number of households expected to respond: each of the census's
    /// households responds with a chance that makes this the expectation,
    /// so the number drawn varies with the seed.
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
    /// Its answer to every background question, by index, as the export
    /// writes it (a choice id, ids joined by `;`, a number or a text).
    pub background: Vec<Option<String>>,
    /// Its portfolio's levels, one per option.
    pub portfolio: Vec<u8>,
    /// Its motivation per option, if it wrote one.
    pub motivations: Vec<Option<String>>,
    /// Its evaluation answers, by index.
    pub evaluation: Vec<Option<String>>,
    /// The options' indices in the order it was shown them.
    pub order: Vec<usize>,
    /// When it started, as a fraction of the open window.
    pub start: f64,
    /// How many minutes it took.
    pub minutes: f64,
}

/// Why households could not be simulated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// A version's feasible set could not be enumerated.
    #[error("{0}")]
    Feasible(#[from] pwe_core::feasible::FeasibleError),
    /// More respondents asked for than the census can give, with those who
    /// start and stop on the way.
    #[error(
        "{n} respondents: the population has {households} households, and for every 100 that respond {stopping} more start and stop on the way (the params' dropoff), so at most {most} can respond; ask for fewer"
    )]
    TooMany {
        /// The respondents asked for.
        n: usize,
        /// The census's households.
        households: usize,
        /// Households that stop per 100 respondents.
        stopping: f64,
        /// The most respondents possible.
        most: usize,
    },
    /// A required text question without texts to answer it with.
    #[error(
        "background question {0} is a required text question, but the params file has no texts.answers.{0} to answer it with"
    )]
    NoTexts(String),
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

/// The most respondents a census of `households` allows when, per 100 that
/// respond, `dropoff` more start and stop.
pub fn most_respondents(households: usize, dropoff: &[f64]) -> usize {
    let per_100 = 100.0 + dropoff.iter().sum::<f64>();
    (households as f64 * 100.0 / per_100).floor() as usize
}

/// Where the census walk stands: the buurt, the household within it, and
/// the buurt's margin answers in a shuffled order.
struct Walk {
    buurt: usize,
    next: usize,
    answers: Vec<Option<Vec<usize>>>,
}

/// The simulated households one at a time, so that a large census never
/// sits in memory; made by [`households`]. After the last,
/// [`participation`](Households::participation) tells who started and stopped.
pub struct Households<'a> {
    survey: &'a Survey,
    census: &'a Census,
    params: &'a Params,
    config: SimConfig,
    rng: ChaCha8Rng,
    sets: Vec<FeasibleSet>,
    version_shares: Vec<f64>,
    /// The chance of an average household to respond.
    rate: f64,
    /// The mean product of response factors over the census (1 without bias).
    mean_factor: f64,
    /// The highest chance to respond, so that those who stop fit too.
    cap: f64,
    walk: Walk,
    tally: Vec<BuurtParticipation>,
    utility: Vec<f64>,
}

/// Simulates the respondents of the census.
///
/// # Errors
/// [`SimError`]: a feasible set too large, more respondents asked for than
/// the census allows, or a required text question without texts.
pub fn simulate(
    survey: &Survey,
    census: &Census,
    params: &Params,
    config: SimConfig,
) -> Result<Vec<SimulatedHousehold>, SimError> {
    Ok(households(survey, census, params, config)?.collect())
}

/// The households of [`simulate`], one at a time, in the same order.
///
/// # Errors
/// As [`simulate`].
pub fn households<'a>(
    survey: &'a Survey,
    census: &'a Census,
    params: &'a Params,
    config: SimConfig,
) -> Result<Households<'a>, SimError> {
    if let Some(question) = survey.background().iter().find(|q| {
        q.required
            && matches!(q.kind, QuestionKind::Text { .. })
            && params
                .texts
                .as_ref()
                .is_none_or(|t| t.answers.get(&q.id).is_none_or(Vec::is_empty))
    }) {
        return Err(SimError::NoTexts(question.id.clone()));
    }
    let total = census.households();
    let most = most_respondents(total, &params.dropoff);
    if config.n > most {
        return Err(SimError::TooMany {
            n: config.n,
            households: total,
            stopping: params.dropoff.iter().sum(),
            most,
        });
    }
    let sets = survey
        .versions()
        .iter()
        .map(|version| enumerate(&ChoiceTask::new(survey, version), Limits::default()))
        .collect::<Result<Vec<_>, _>>()?;
    let tally = census
        .buurten
        .iter()
        .map(|b| BuurtParticipation {
            buurt: b.code.clone(),
            invited: b.households as i64,
            started: 0,
            submitted: 0,
            stopped_at: STEPS.iter().map(|s| (s.to_string(), 0)).collect(),
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let walk = walk(census, 0, &mut rng);
    Ok(Households {
        survey,
        census,
        params,
        config,
        rng,
        sets,
        version_shares: survey.versions().iter().map(|v| v.share).collect(),
        rate: config.n as f64 / total as f64,
        mean_factor: if config.bias {
            mean_factor(survey, census, params)
        } else {
            1.0
        },
        cap: 100.0 / (100.0 + params.dropoff.iter().sum::<f64>()),
        walk,
        tally,
        utility: Vec::new(),
    })
}

/// The walk's start in `buurt`: its margin answers, one per household, shuffled.
fn walk(census: &Census, buurt: usize, rng: &mut ChaCha8Rng) -> Walk {
    let answers = census.buurten.get(buurt).map_or_else(Vec::new, |b| {
        b.counts
            .iter()
            .map(|counts| {
                counts.as_ref().map(|counts| {
                    let mut list: Vec<usize> = counts
                        .iter()
                        .enumerate()
                        .flat_map(|(choice, &n)| std::iter::repeat_n(choice, n))
                        .collect();
                    list.shuffle(rng);
                    list
                })
            })
            .collect()
    });
    Walk {
        buurt,
        next: 0,
        answers,
    }
}

/// The product of a household's response factors.
fn factor(survey: &Survey, params: &Params, background: &[Option<String>]) -> f64 {
    survey
        .background()
        .iter()
        .zip(background)
        .filter_map(|(q, answer)| {
            let factors = params.response.get(&q.id)?;
            factors.get(answer.as_deref()?).copied()
        })
        .product()
}

/// The mean of the response factors' product over the census, taking the
/// questions as independent within a buurt (the census draws them so).
fn mean_factor(survey: &Survey, census: &Census, params: &Params) -> f64 {
    let total = census.households() as f64;
    census
        .buurten
        .iter()
        .map(|buurt| {
            let product: f64 = survey
                .background()
                .iter()
                .zip(&buurt.counts)
                .filter_map(|(question, counts)| {
                    let factors = params.response.get(&question.id)?;
                    let QuestionKind::Single(choices) = &question.kind else {
                        return None;
                    };
                    let weights: Vec<(String, f64)> = match counts {
                        Some(counts) => choices
                            .iter()
                            .zip(counts)
                            .map(|(c, &n)| (c.id.clone(), n as f64))
                            .collect(),
                        None => params
                            .background
                            .get(&question.id)
                            .cloned()
                            .unwrap_or_else(|| {
                                choices.iter().map(|c| (c.id.clone(), 1.0)).collect()
                            }),
                    };
                    let sum: f64 = weights.iter().map(|(_, w)| w).sum();
                    let mean = weights
                        .iter()
                        .map(|(c, w)| w * factors.get(c).copied().unwrap_or(1.0))
                        .sum::<f64>();
                    (sum > 0.0).then(|| mean / sum)
                })
                .product();
            buurt.households as f64 * product
        })
        .sum::<f64>()
        / total
}

impl Iterator for Households<'_> {
    type Item = SimulatedHousehold;

    fn next(&mut self) -> Option<SimulatedHousehold> {
        loop {
            let buurt = self.census.buurten.get(self.walk.buurt)?;
            if self.walk.next == buurt.households {
                self.walk = walk(self.census, self.walk.buurt + 1, &mut self.rng);
                continue;
            }
            let household = self.walk.next;
            self.walk.next += 1;
            if let Some(respondent) = self.invite(household) {
                return Some(respondent);
            }
        }
    }
}

impl Households<'_> {
    /// Who started and stopped in each buurt: complete once every household
    /// has been drawn.
    pub fn participation(&self) -> &[BuurtParticipation] {
        &self.tally
    }

    /// Invites household `idx` of the walk's buurt: its answers, and whether
    /// it responds, stops on the way or never starts.
    fn invite(&mut self, idx: usize) -> Option<SimulatedHousehold> {
        let (survey, params) = (self.survey, self.params);
        let buurt = &self.census.buurten[self.walk.buurt];
        let background: Vec<Option<String>> = survey
            .background()
            .iter()
            .zip(&self.walk.answers)
            .map(|(question, answers)| {
                let census = answers.as_ref().and_then(|a| match &question.kind {
                    QuestionKind::Single(choices) => Some(choices[a[idx]].id.as_str()),
                    _ => None,
                });
                draw::background(&mut self.rng, question, census, params)
            })
            .collect();
        let factor = if self.config.bias {
            factor(survey, params, &background)
        } else {
            1.0
        };
        let chance = (self.rate * factor / self.mean_factor).min(self.cap);
        let stopping: f64 = params.dropoff.iter().sum::<f64>() / 100.0;
        let u: f64 = self.rng.random();
        let tally = &mut self.tally[self.walk.buurt];
        if u >= chance * (1.0 + stopping) {
            return None;
        }
        tally.started += 1;
        if u >= chance {
            let step = draw::index(&mut self.rng, &params.dropoff);
            tally.stopped_at[step].1 += 1;
            return None;
        }
        tally.submitted += 1;
        let code = buurt.code.clone();
        Some(self.respond(code, background))
    }

    /// The rest of a respondent's answers.
    fn respond(&mut self, buurt: String, background: Vec<Option<String>>) -> SimulatedHousehold {
        let (survey, params, rng) = (self.survey, self.params, &mut self.rng);
        let version_idx = draw::index(rng, &self.version_shares);
        let task = ChoiceTask::new(survey, &survey.versions()[version_idx]);
        let set = &self.sets[version_idx];
        utilities(&task, set, params, &background, &mut self.utility);
        let best = self
            .utility
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let weights: Vec<f64> = self.utility.iter().map(|u| (u - best).exp()).collect();
        let portfolio = set.levels(draw::index(rng, &weights)).to_vec();
        let motivations = survey
            .options()
            .iter()
            .zip(&portfolio)
            .map(|(option, &level)| {
                let texts = params.texts.as_ref()?;
                (rng.random::<f64>() < params.motivation_rate)
                    .then(|| draw::motivation(rng, texts, option.title.nl(), level > 0))
                    .flatten()
            })
            .collect();
        let evaluation = survey
            .evaluation()
            .iter()
            .map(|q| draw::evaluation(rng, q, params))
            .collect();
        let mut order: Vec<usize> = (0..survey.options().len()).collect();
        if survey.meta().randomize_options {
            order.shuffle(rng);
        }
        // Minutes: lognormal around a median of 14, between 3 and 90.
        let minutes = (14f64.ln() + 0.5 * draw::normal(rng))
            .exp()
            .clamp(3.0, 90.0);
        SimulatedHousehold {
            buurt,
            version_idx,
            background,
            portfolio,
            motivations,
            evaluation,
            order,
            start: rng.random(),
            minutes,
        }
    }
}

#[cfg(test)]
mod tests;
