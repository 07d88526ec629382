//! Every portfolio a respondent could submit in one version: the feasible set the
//! choice model sums over.
//!
//! The search walks the options in order, trying each level, and abandons a
//! branch as soon as bounds on what the remaining options can still add show
//! that no completion meets the rules. The bounds ignore the other rules when
//! they bound one (the cheapest completion may break a group), so they never cut
//! off a feasible portfolio; at a complete portfolio they are exact.

use crate::money::Euros;
use crate::survey::{Bound, EFFECT_TOLERANCE};
use crate::task::ChoiceTask;

/// How far the enumeration may go before it gives up with an error.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most feasible portfolios to collect.
    pub max_portfolios: usize,
    /// The most partial portfolios to visit.
    pub max_steps: u64,
}

impl Default for Limits {
    /// About four million portfolios (20 free binary options make one million)
    /// and a quarter billion steps, a few seconds of work.
    fn default() -> Limits {
        Limits {
            max_portfolios: 1 << 22,
            max_steps: 250_000_000,
        }
    }
}

/// Why the feasible set could not be enumerated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeasibleError {
    /// More portfolios are feasible than the limit allows.
    #[error(
        "version \"{version}\" allows more than {limit} portfolios, more than pwe enumerates; \
         use fewer options or levels, or tighter rules"
    )]
    TooManyPortfolios {
        /// The version's id.
        version: String,
        /// The limit that was reached.
        limit: usize,
    },
    /// The search took more steps than the limit allows.
    #[error(
        "the rules of version \"{version}\" could not be searched within {limit} steps; \
         use fewer options or levels"
    )]
    TooManySteps {
        /// The version's id.
        version: String,
        /// The limit that was reached.
        limit: u64,
    },
}

/// The feasible portfolios of one version, in lexicographic order of their levels.
#[derive(Debug, Clone, PartialEq)]
pub struct FeasibleSet {
    n_options: usize,
    levels: Vec<u8>,
    costs: Vec<Euros>,
}

impl FeasibleSet {
    /// The number of feasible portfolios.
    pub fn len(&self) -> usize {
        self.costs.len()
    }

    /// Whether no portfolio is feasible.
    pub fn is_empty(&self) -> bool {
        self.costs.is_empty()
    }

    /// The number of options each portfolio has a level for.
    pub fn n_options(&self) -> usize {
        self.n_options
    }

    /// The levels of portfolio `portfolio_idx`, one per option.
    pub fn levels(&self, portfolio_idx: usize) -> &[u8] {
        let start = portfolio_idx * self.n_options;
        &self.levels[start..start + self.n_options]
    }

    /// The cost of portfolio `portfolio_idx` in the version.
    pub fn cost(&self, portfolio_idx: usize) -> Euros {
        self.costs[portfolio_idx]
    }

    /// Every portfolio's levels, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u8]> {
        // chunks_exact of an empty slice with chunk size 0 would panic; a survey
        // always has at least one option, so n_options is at least 1.
        self.levels.chunks_exact(self.n_options.max(1))
    }
}

/// Enumerates every portfolio that meets the rules of `task`'s version.
///
/// # Errors
/// [`FeasibleError`] when the set or the search is larger than `limits` allow.
pub fn enumerate(task: &ChoiceTask<'_>, limits: Limits) -> Result<FeasibleSet, FeasibleError> {
    let mut search = Search::new(task, limits);
    let mut set = FeasibleSet {
        n_options: search.n_options,
        levels: Vec::new(),
        costs: Vec::new(),
    };
    search.run(&mut |levels, cost| {
        if set.costs.len() == limits.max_portfolios {
            return Err(FeasibleError::TooManyPortfolios {
                version: task.version().id.clone(),
                limit: limits.max_portfolios,
            });
        }
        set.levels.extend_from_slice(levels);
        set.costs.push(cost);
        Ok(Flow::Continue)
    })?;
    Ok(set)
}

/// The first feasible portfolio of `task`'s version, or `None` when the rules
/// cannot all be met.
///
/// # Errors
/// [`FeasibleError::TooManySteps`] when the search is larger than the default limits.
pub fn first_feasible(task: &ChoiceTask<'_>) -> Result<Option<Vec<u8>>, FeasibleError> {
    let mut search = Search::new(task, Limits::default());
    let mut found = None;
    search.run(&mut |levels, _| {
        found = Some(levels.to_vec());
        Ok(Flow::Stop)
    })?;
    Ok(found)
}

enum Flow {
    Continue,
    Stop,
}

/// What the search does with each feasible portfolio it finds.
type Visit<'v> = dyn FnMut(&[u8], Euros) -> Result<Flow, FeasibleError> + 'v;

/// The state of the depth-first search, with bounds precomputed per position.
struct Search<'t> {
    task: &'t ChoiceTask<'t>,
    limits: Limits,
    n_options: usize,
    lower: Option<i64>,
    upper: i64,
    min_options: u32,
    max_options: u32,
    /// For every position, the least and most the options from there on can cost.
    suffix_min_cost: Vec<i64>,
    suffix_max_cost: Vec<i64>,
    /// For every target and position, the least and most the options from there
    /// on can add to the target's effect.
    suffix_min_effect: Vec<Vec<f64>>,
    suffix_max_effect: Vec<Vec<f64>>,
    /// The exclusive groups each option belongs to.
    groups_of: Vec<Vec<usize>>,
    // Search state.
    levels: Vec<u8>,
    group_used: Vec<bool>,
    /// The running total of every target's effect, one row per position, so
    /// that going back up needs no subtraction and the sums are the same, to the
    /// bit, as a portfolio's totals (added in option order).
    effect_totals: Vec<f64>,
    steps: u64,
}

impl<'t> Search<'t> {
    fn new(task: &'t ChoiceTask<'t>, limits: Limits) -> Search<'t> {
        let survey = task.survey();
        let rules = survey.rules();
        let options = survey.options();
        let n_options = options.len();
        let (lower, upper) = task.spend_bounds();

        let level_range = |option_idx: usize, value: &dyn Fn(u8) -> f64| {
            (0..=options[option_idx].max_level())
                .map(value)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                })
        };
        let mut suffix_min_cost = vec![0; n_options + 1];
        let mut suffix_max_cost = vec![0; n_options + 1];
        for option_idx in (0..n_options).rev() {
            let (lo, hi) = level_range(option_idx, &|level| {
                task.cost(option_idx, level).get() as f64
            });
            suffix_min_cost[option_idx] = suffix_min_cost[option_idx + 1] + lo as i64;
            suffix_max_cost[option_idx] = suffix_max_cost[option_idx + 1] + hi as i64;
        }
        let mut suffix_min_effect = Vec::new();
        let mut suffix_max_effect = Vec::new();
        for target in &rules.targets {
            let mut min = vec![0.0; n_options + 1];
            let mut max = vec![0.0; n_options + 1];
            for option_idx in (0..n_options).rev() {
                let (lo, hi) = level_range(option_idx, &|level| match level {
                    0 => 0.0,
                    level => options[option_idx].effects_at(level)[target.effect_idx],
                });
                min[option_idx] = min[option_idx + 1] + lo;
                max[option_idx] = max[option_idx + 1] + hi;
            }
            suffix_min_effect.push(min);
            suffix_max_effect.push(max);
        }
        let mut groups_of = vec![Vec::new(); n_options];
        for (group_idx, group) in rules.exclusive.iter().enumerate() {
            for &option_idx in &group.options {
                groups_of[option_idx].push(group_idx);
            }
        }
        Search {
            task,
            limits,
            n_options,
            lower: lower.map(Euros::get),
            upper: upper.get(),
            min_options: rules.min_options.unwrap_or(0),
            max_options: rules.max_options.unwrap_or(u32::MAX),
            suffix_min_cost,
            suffix_max_cost,
            suffix_min_effect,
            suffix_max_effect,
            groups_of,
            levels: vec![0; n_options],
            group_used: vec![false; rules.exclusive.len()],
            effect_totals: vec![0.0; rules.targets.len() * (n_options + 1)],
            steps: 0,
        }
    }

    fn run(&mut self, visit: &mut Visit<'_>) -> Result<(), FeasibleError> {
        self.descend(0, 0, 0, visit).map(|_| ())
    }

    /// Whether some completion of the options before `position` may still meet
    /// every rule; exact when `position` is the end.
    fn may_complete(&self, position: usize, cost: i64, n_chosen: u32) -> bool {
        if cost + self.suffix_min_cost[position] > self.upper {
            return false;
        }
        if self
            .lower
            .is_some_and(|lower| cost + self.suffix_max_cost[position] < lower)
        {
            return false;
        }
        let remaining = (self.n_options - position) as u32;
        if n_chosen > self.max_options || n_chosen + remaining < self.min_options {
            return false;
        }
        let targets = &self.task.survey().rules().targets;
        let totals = &self.effect_totals[position * targets.len()..];
        targets.iter().enumerate().all(|(target_idx, target)| {
            let total = totals[target_idx];
            match target.bound {
                Bound::AtLeast(value) => {
                    total + self.suffix_max_effect[target_idx][position] >= value - EFFECT_TOLERANCE
                }
                Bound::AtMost(value) => {
                    total + self.suffix_min_effect[target_idx][position] <= value + EFFECT_TOLERANCE
                }
            }
        })
    }

    fn descend(
        &mut self,
        position: usize,
        cost: i64,
        n_chosen: u32,
        visit: &mut Visit<'_>,
    ) -> Result<Flow, FeasibleError> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return Err(FeasibleError::TooManySteps {
                version: self.task.version().id.clone(),
                limit: self.limits.max_steps,
            });
        }
        if !self.may_complete(position, cost, n_chosen) {
            return Ok(Flow::Continue);
        }
        if position == self.n_options {
            return visit(&self.levels, Euros(cost));
        }
        let option_idx = position;
        let option = &self.task.survey().options()[option_idx];
        let targets = &self.task.survey().rules().targets;
        let n_targets = targets.len();
        for level in 0..=option.max_level() {
            if level > 0
                && self.groups_of[option_idx]
                    .iter()
                    .any(|&g| self.group_used[g])
            {
                break;
            }
            self.levels[option_idx] = level;
            let (done, next) = self.effect_totals.split_at_mut((position + 1) * n_targets);
            let here = &done[position * n_targets..];
            for (target_idx, target) in targets.iter().enumerate() {
                next[target_idx] = match level {
                    0 => here[target_idx],
                    level => here[target_idx] + option.effects_at(level)[target.effect_idx],
                };
            }
            if level > 0 {
                for &group_idx in &self.groups_of[option_idx] {
                    self.group_used[group_idx] = true;
                }
            }
            let level_cost = self.task.cost(option_idx, level).get();
            let flow = self.descend(
                position + 1,
                cost + level_cost,
                n_chosen + u32::from(level > 0),
                visit,
            );
            if level > 0 {
                for &group_idx in &self.groups_of[option_idx] {
                    self.group_used[group_idx] = false;
                }
            }
            self.levels[option_idx] = 0;
            if matches!(flow?, Flow::Stop) {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Continue)
    }
}

#[cfg(test)]
mod tests;
