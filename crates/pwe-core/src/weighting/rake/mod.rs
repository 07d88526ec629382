//! Iterative proportional fitting (raking) on cells, and weight trimming.

use std::collections::HashMap;

use super::design::{Calibration, DesignOptions, Margin, Sample};
use super::{WeightingError, is_positive};

/// How to rake.
#[derive(Debug, Clone, PartialEq)]
pub struct RakeConfig {
    /// Stop when the largest relative margin error is at most this.
    pub tolerance: f64,
    /// Give up after this many sweeps over all margins.
    pub max_sweeps: u32,
    /// Return the weights of the last sweep, with a warning, instead of an error
    /// when the tolerance is not reached.
    pub accept_nonconvergence: bool,
    /// Cap every weight at this multiple of the mean weight (trimming).
    pub cap: Option<f64>,
    /// How margins are resolved against the sample.
    pub design: DesignOptions,
}

impl Default for RakeConfig {
    fn default() -> RakeConfig {
        RakeConfig {
            tolerance: 1e-10,
            max_sweeps: 1000,
            accept_nonconvergence: false,
            cap: None,
            design: DesignOptions::default(),
        }
    }
}

/// Raked weights and how they were reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Raking {
    /// One weight per respondent, in the sample's order.
    pub weights: Vec<f64>,
    /// Sweeps over all margins used (summed over trimming rounds).
    pub sweeps: u32,
    /// The largest relative margin error at the end.
    pub max_error: f64,
    /// Whether the tolerance was reached.
    pub converged: bool,
    /// How many weights were capped.
    pub n_trimmed: usize,
    /// What was adjusted or accepted on the way, for the user to read.
    pub warnings: Vec<String>,
    /// The resolved margins and categories the weights meet.
    pub calibration: Calibration,
}

/// Rakes `sample` to `margins`.
///
/// # Errors
/// Any problem with the input (see [`Calibration::new`]); [`WeightingError::NotConverged`]
/// unless non-convergence is accepted; [`WeightingError::CannotTrim`] when a cap
/// and the margins cannot both hold.
pub fn rake(
    sample: &Sample,
    margins: &[Margin],
    config: &RakeConfig,
) -> Result<Raking, WeightingError> {
    let calibration = Calibration::new(sample, margins, &config.design)?;
    rake_calibration(calibration, config)
}

/// Rakes an already resolved calibration (used again for each bootstrap replicate).
pub fn rake_calibration(
    calibration: Calibration,
    config: &RakeConfig,
) -> Result<Raking, WeightingError> {
    if !is_positive(config.tolerance) || config.max_sweeps == 0 {
        return Err(WeightingError::BadConfig(
            "the tolerance must be positive and at least one sweep allowed".into(),
        ));
    }
    if let Some(cap) = config.cap
        && !(cap > 1.0 && cap.is_finite())
    {
        return Err(WeightingError::BadConfig(format!(
            "the cap {cap} must be a ratio above 1 (of the mean weight)"
        )));
    }
    let cells = Cells::new(&calibration);
    let targets: Vec<Vec<f64>> = calibration
        .variables()
        .iter()
        .map(|v| v.targets.clone())
        .collect();
    let mut weights = calibration.base_weights().to_vec();
    let mut warnings = calibration.warnings().to_vec();
    let mut fixed = vec![false; weights.len()];
    let mut fit = Fit::new(&cells, &targets);
    let mut sweeps = 0;
    let (mut max_error, mut converged);
    let mut n_trimmed = 0;
    loop {
        if let Err(unmeetable) = fit.load(&cells, &weights, &fixed, &targets) {
            return Err(unmeetable_error(&unmeetable, &calibration, config.cap));
        }
        let outcome = fit.run(&cells, &targets, config.tolerance, config.max_sweeps);
        sweeps += outcome.sweeps;
        max_error = outcome.max_error;
        converged = outcome.max_error <= config.tolerance;
        fit.apply(&cells, &mut weights, &fixed);
        let Some(cap) = config.cap else { break };
        if !converged {
            break;
        }
        // Hold every weight above the cap at the cap, and rake the others again
        // to what the held ones leave of each margin; stop when none exceeds it.
        let cap_value = cap_value(cap, &calibration);
        let mut newly = 0;
        for (weight, held) in weights.iter_mut().zip(fixed.iter_mut()) {
            if !*held && *weight > cap_value * (1.0 + config.tolerance) {
                *weight = cap_value;
                *held = true;
                newly += 1;
            }
        }
        n_trimmed += newly;
        if newly == 0 {
            break;
        }
    }
    if !converged {
        if !config.accept_nonconvergence {
            return Err(WeightingError::NotConverged { sweeps, max_error });
        }
        warnings.push(format!(
            "raking did not converge: after {sweeps} sweeps the largest relative margin error is {max_error:e}"
        ));
    }
    Ok(Raking {
        weights,
        sweeps,
        max_error,
        converged,
        n_trimmed,
        warnings,
        calibration,
    })
}

/// Says which category could not be met and why.
fn unmeetable_error(
    unmeetable: &Unmeetable,
    calibration: &Calibration,
    cap: Option<f64>,
) -> WeightingError {
    let variable = &calibration.variables()[unmeetable.variable_idx];
    let category = variable.categories[unmeetable.category_idx].clone();
    match cap {
        // Without a cap only starting weights of zero (a bootstrap replicate
        // that drew nobody from a category) leave a category without weight.
        None => WeightingError::EmptyCategory {
            variable: variable.name.clone(),
            category,
        },
        Some(cap) => WeightingError::CannotTrim {
            cap,
            reason: if unmeetable.short {
                format!(
                    "every respondent in {} = {category} is at the cap and the category is still short of its target",
                    variable.name
                )
            } else {
                format!(
                    "the respondents of {} = {category} held at the cap already exceed its target",
                    variable.name
                )
            },
        },
    }
}

/// The largest weight a cap allows: the ratio times the mean weight, which
/// raking fixes at the population total over the number of respondents.
fn cap_value(cap: f64, calibration: &Calibration) -> f64 {
    cap * calibration.total() / calibration.n_respondents() as f64
}

/// Respondents grouped by the combination of their categories.
struct Cells {
    n_variables: usize,
    /// The cell of every respondent.
    cell_of: Vec<u32>,
    /// `categories[cell * n_variables + variable_idx]`.
    categories: Vec<u32>,
    n_categories: Vec<usize>,
}

impl Cells {
    fn new(calibration: &Calibration) -> Cells {
        let variables = calibration.variables();
        let n_variables = variables.len();
        let n_categories: Vec<usize> = variables.iter().map(|v| v.categories.len()).collect();
        let n = calibration.n_respondents();
        let mut cell_of = Vec::with_capacity(n);
        let mut categories = Vec::new();
        // A respondent's key is its categories as a mixed-radix number. When the
        // number of possible keys is small, a dense table maps keys to cells;
        // otherwise a hash map does.
        let n_keys = n_categories
            .iter()
            .try_fold(1usize, |acc, &k| acc.checked_mul(k.max(1)));
        let key_of = |respondent: usize| {
            (0..n_variables).fold(0u64, |key, v| {
                key * n_categories[v] as u64 + u64::from(calibration.codes(v)[respondent])
            })
        };
        let push_cell = |respondent: usize, categories: &mut Vec<u32>| {
            categories.extend((0..n_variables).map(|v| calibration.codes(v)[respondent]));
        };
        match n_keys {
            Some(n_keys) if n_keys <= 1 << 22 => {
                let mut table = vec![u32::MAX; n_keys];
                for respondent in 0..n {
                    let slot = &mut table[key_of(respondent) as usize];
                    if *slot == u32::MAX {
                        *slot = (categories.len() / n_variables) as u32;
                        push_cell(respondent, &mut categories);
                    }
                    cell_of.push(*slot);
                }
            }
            _ => {
                let mut table: HashMap<u64, u32> = HashMap::new();
                for respondent in 0..n {
                    let next = (categories.len() / n_variables) as u32;
                    let cell = *table.entry(key_of(respondent)).or_insert(next);
                    if cell == next {
                        push_cell(respondent, &mut categories);
                    }
                    cell_of.push(cell);
                }
            }
        }
        Cells {
            n_variables,
            cell_of,
            categories,
            n_categories,
        }
    }

    fn n_cells(&self) -> usize {
        self.categories.len() / self.n_variables
    }
}

/// The state of one fit: the free weight in every cell, and the targets that
/// the free weights must meet (the margins less what held weights contribute).
struct Fit {
    start: Vec<f64>,
    cell_weight: Vec<f64>,
    targets: Vec<Vec<f64>>,
    /// Scratch space for the category totals of one margin, reused every sweep.
    totals: Vec<f64>,
}

/// A category the weights cannot meet: every respondent in it is held at the
/// cap and it is still `short`, or (not short) the held weights already exceed it.
struct Unmeetable {
    variable_idx: usize,
    category_idx: usize,
    short: bool,
}

struct Outcome {
    sweeps: u32,
    max_error: f64,
}

impl Fit {
    fn new(cells: &Cells, targets: &[Vec<f64>]) -> Fit {
        let max_categories = cells.n_categories.iter().copied().max().unwrap_or(0);
        Fit {
            start: vec![0.0; cells.n_cells()],
            cell_weight: vec![0.0; cells.n_cells()],
            targets: targets.to_vec(),
            totals: vec![0.0; max_categories],
        }
    }

    /// Sums the free weights into cells and subtracts the held weights from the
    /// targets; says why when the held weights leave a margin impossible.
    fn load(
        &mut self,
        cells: &Cells,
        weights: &[f64],
        fixed: &[bool],
        targets: &[Vec<f64>],
    ) -> Result<(), Unmeetable> {
        self.cell_weight.fill(0.0);
        self.targets.clone_from_slice(targets);
        for (respondent, (&weight, &held)) in weights.iter().zip(fixed).enumerate() {
            let cell = cells.cell_of[respondent] as usize;
            if held {
                let categories =
                    &cells.categories[cell * cells.n_variables..(cell + 1) * cells.n_variables];
                for (targets, &category) in self.targets.iter_mut().zip(categories) {
                    targets[category as usize] -= weight;
                }
            } else {
                self.cell_weight[cell] += weight;
            }
        }
        self.start.copy_from_slice(&self.cell_weight);
        // A category whose held weights already exceed its target, or that has
        // target left but no free weight, cannot be met.
        for (v, full) in targets.iter().enumerate() {
            self.category_totals(cells, v);
            for (category, (&target, &scale)) in self.targets[v].iter().zip(full).enumerate() {
                let free = self.totals[category];
                if free > 0.0 && target <= 1e-12 * scale {
                    return Err(Unmeetable {
                        variable_idx: v,
                        category_idx: category,
                        short: false,
                    });
                }
                if free == 0.0 && target.abs() > 1e-9 * scale {
                    return Err(Unmeetable {
                        variable_idx: v,
                        category_idx: category,
                        short: true,
                    });
                }
            }
        }
        Ok(())
    }

    fn category_totals(&mut self, cells: &Cells, v: usize) {
        let totals = &mut self.totals[..cells.n_categories[v]];
        totals.fill(0.0);
        for (cell, weight) in self.cell_weight.iter().enumerate() {
            totals[cells.categories[cell * cells.n_variables + v] as usize] += weight;
        }
    }

    /// Sweeps over the margins until the largest relative error is within the tolerance.
    fn run(
        &mut self,
        cells: &Cells,
        full_targets: &[Vec<f64>],
        tolerance: f64,
        max_sweeps: u32,
    ) -> Outcome {
        let mut max_error = self.max_error(cells, full_targets);
        let mut sweeps = 0;
        while max_error > tolerance && sweeps < max_sweeps {
            for v in 0..cells.n_variables {
                self.category_totals(cells, v);
                // The totals become the factors that bring each category to its target.
                let factors = &mut self.totals[..cells.n_categories[v]];
                for (factor, &target) in factors.iter_mut().zip(&self.targets[v]) {
                    *factor = if *factor > 0.0 { target / *factor } else { 1.0 };
                }
                for (cell, weight) in self.cell_weight.iter_mut().enumerate() {
                    *weight *= factors[cells.categories[cell * cells.n_variables + v] as usize];
                }
            }
            sweeps += 1;
            max_error = self.max_error(cells, full_targets);
        }
        Outcome { sweeps, max_error }
    }

    /// The largest error of any category, relative to its full target.
    fn max_error(&mut self, cells: &Cells, full_targets: &[Vec<f64>]) -> f64 {
        let mut max_error: f64 = 0.0;
        for (v, full) in full_targets.iter().enumerate() {
            self.category_totals(cells, v);
            for ((total, target), full) in self.totals.iter().zip(&self.targets[v]).zip(full) {
                max_error = max_error.max((total - target).abs() / full);
            }
        }
        max_error
    }

    fn apply(&self, cells: &Cells, weights: &mut [f64], fixed: &[bool]) {
        for (respondent, weight) in weights.iter_mut().enumerate() {
            if fixed[respondent] {
                continue;
            }
            let cell = cells.cell_of[respondent] as usize;
            let start = self.start[cell];
            if start > 0.0 {
                *weight *= self.cell_weight[cell] / start;
            }
        }
    }
}

#[cfg(test)]
mod tests;
