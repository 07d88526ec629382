//! Margins and respondents resolved into a calibration: every respondent's
//! category on every margin variable, and one target per category, all on one
//! population total.

use std::collections::HashMap;

use super::WeightingError;

/// Relative difference between margin totals below which they count as equal.
const TOTAL_TOLERANCE: f64 = 1e-9;

/// How a margin's targets are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// Numbers of people or households in each category.
    Counts,
    /// Shares of the population; rescaled to the population total.
    Proportions,
}

/// A population margin: the target for every category of one variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    /// The variable, as named in the sample.
    pub variable: String,
    /// Each category with its target.
    pub targets: Vec<(String, f64)>,
    /// Whether targets are counts or proportions.
    pub kind: TargetKind,
}

/// What to do with respondents who have no value on a margin variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Missing {
    /// Refuse to weight (the default), naming the variable.
    #[default]
    Error,
    /// Give them a category of their own, whose target is their weighted share
    /// of the sample; the population's categories share the rest.
    OwnCategory,
}

/// The name of the category respondents without a value get under [`Missing::OwnCategory`].
pub const MISSING_CATEGORY: &str = "(missing)";

/// What to do with a population category no respondent is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmptyCategory {
    /// Add its target to a neighbouring category.
    CollapseInto(String),
    /// Leave it out; the population total shrinks by its target.
    Drop,
}

/// The respondents: their category on every margin variable, and starting weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    n: usize,
    columns: Vec<(String, Vec<Option<String>>)>,
    base_weights: Vec<f64>,
}

impl Sample {
    /// A sample from columns of categories (`None`: no value), with starting
    /// weights (1 for everyone when `None`).
    ///
    /// # Errors
    /// No respondents, columns of different lengths, or a starting weight that is
    /// not a positive finite number.
    pub fn new(
        columns: Vec<(String, Vec<Option<String>>)>,
        base_weights: Option<Vec<f64>>,
    ) -> Result<Sample, WeightingError> {
        let n = match (&base_weights, columns.first()) {
            (Some(weights), _) => weights.len(),
            (None, Some((_, values))) => values.len(),
            (None, None) => 0,
        };
        if n == 0 {
            return Err(WeightingError::EmptySample);
        }
        for (variable, values) in &columns {
            if values.len() != n {
                return Err(WeightingError::LengthMismatch {
                    variable: variable.clone(),
                    expected: n,
                    found: values.len(),
                });
            }
        }
        let base_weights = base_weights.unwrap_or_else(|| vec![1.0; n]);
        if let Some((row, &weight)) = base_weights
            .iter()
            .enumerate()
            .find(|&(_, &w)| !(w.is_finite() && w > 0.0))
        {
            return Err(WeightingError::BadBaseWeight { row, weight });
        }
        Ok(Sample {
            n,
            columns,
            base_weights,
        })
    }

    /// The number of respondents.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there are no respondents (never true for a constructed sample).
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The starting weights.
    pub fn base_weights(&self) -> &[f64] {
        &self.base_weights
    }

    /// The values of a variable, if the sample has it.
    pub fn column(&self, variable: &str) -> Option<&[Option<String>]> {
        self.columns
            .iter()
            .find(|(name, _)| name == variable)
            .map(|(_, values)| values.as_slice())
    }
}

/// One margin variable after resolution: its categories and their targets, on
/// the calibration's population total.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibratedVariable {
    /// The variable.
    pub name: String,
    /// The categories, in the order of the margin (a missing category last).
    pub categories: Vec<String>,
    /// The target of each category; they sum to the population total.
    pub targets: Vec<f64>,
}

/// Margins and respondents resolved: the input raking needs, with every problem
/// already reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    variables: Vec<CalibratedVariable>,
    /// `codes[variable_idx][respondent]`: the respondent's category index.
    codes: Vec<Vec<u32>>,
    base: Vec<f64>,
    total: f64,
    warnings: Vec<String>,
}

/// Options for resolving margins against a sample.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DesignOptions {
    /// The population total; by default the total of the first count margin, or
    /// the sum of the starting weights when every margin is in proportions.
    pub total: Option<f64>,
    /// What to do with respondents without a value.
    pub missing: Missing,
    /// What to do with named population categories no respondent is in:
    /// `(variable, category, action)`.
    pub empty_categories: Vec<(String, String, EmptyCategory)>,
}

impl Calibration {
    /// Resolves `margins` against `sample`.
    ///
    /// # Errors
    /// Every [`WeightingError`] about the input: unknown variables and
    /// categories, duplicate margins, bad targets, missing values, population
    /// categories without respondents (unless `options` says what to do).
    pub fn new(
        sample: &Sample,
        margins: &[Margin],
        options: &DesignOptions,
    ) -> Result<Calibration, WeightingError> {
        let mut warnings = Vec::new();
        let mut variables = Vec::new();
        let mut codes = Vec::new();
        for (margin_idx, margin) in margins.iter().enumerate() {
            if margins[..margin_idx]
                .iter()
                .any(|m| m.variable == margin.variable)
            {
                return Err(WeightingError::DuplicateMargin {
                    variable: margin.variable.clone(),
                });
            }
            let values =
                sample
                    .column(&margin.variable)
                    .ok_or_else(|| WeightingError::UnknownVariable {
                        variable: margin.variable.clone(),
                    })?;
            let (variable, variable_codes) = resolve_margin(
                margin,
                values,
                sample.base_weights(),
                options,
                &mut warnings,
            )?;
            variables.push((variable, margin.kind));
            codes.push(variable_codes);
        }
        if variables.is_empty() {
            return Err(WeightingError::BadConfig(
                "give at least one margin to weight to".into(),
            ));
        }
        let total = match options.total {
            Some(total) if total.is_finite() && total > 0.0 => total,
            Some(total) => {
                return Err(WeightingError::BadConfig(format!(
                    "the population total {total} must be positive"
                )));
            }
            None => variables
                .iter()
                .find(|(_, kind)| *kind == TargetKind::Counts)
                .map(|(variable, _)| variable.targets.iter().sum())
                .unwrap_or_else(|| sample.base_weights().iter().sum()),
        };
        let variables = variables
            .into_iter()
            .map(|(mut variable, kind)| {
                let margin_total: f64 = variable.targets.iter().sum();
                if kind == TargetKind::Counts && ((margin_total - total) / total).abs() > TOTAL_TOLERANCE {
                    warnings.push(format!(
                        "margin {} totals {} rather than {}; its targets were rescaled to that total",
                        variable.name,
                        trim_float(margin_total),
                        trim_float(total)
                    ));
                }
                for target in &mut variable.targets {
                    *target *= total / margin_total;
                }
                variable
            })
            .collect::<Vec<_>>();
        Ok(Calibration {
            variables,
            codes,
            base: sample.base_weights().to_vec(),
            total,
            warnings,
        })
    }

    /// The margin variables with their categories and targets.
    pub fn variables(&self) -> &[CalibratedVariable] {
        &self.variables
    }

    /// The category index of every respondent on variable `variable_idx`.
    pub fn codes(&self, variable_idx: usize) -> &[u32] {
        &self.codes[variable_idx]
    }

    /// The starting weights.
    pub fn base_weights(&self) -> &[f64] {
        &self.base
    }

    /// The number of respondents.
    pub fn n_respondents(&self) -> usize {
        self.base.len()
    }

    /// The population total every margin sums to.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// What was adjusted on the way (rescaled totals, collapsed categories).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The same calibration with other starting weights (a bootstrap replicate).
    pub(crate) fn with_base(&self, base: Vec<f64>) -> Calibration {
        Calibration {
            base,
            ..self.clone()
        }
    }
}

/// Writes a number without trailing zeros.
fn trim_float(value: f64) -> String {
    if value == value.round() && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A margin resolved against the respondents' values: its categories and
/// targets after empty categories are collapsed or dropped and missing values
/// given their own category when asked, and every respondent's category index.
fn resolve_margin(
    margin: &Margin,
    values: &[Option<String>],
    base: &[f64],
    options: &DesignOptions,
    warnings: &mut Vec<String>,
) -> Result<(CalibratedVariable, Vec<u32>), WeightingError> {
    let variable = &margin.variable;
    let (mut categories, mut targets) = checked_targets(margin)?;
    let counts = sample_counts(variable, values, &categories)?;
    drop_empty_categories(
        variable,
        &counts,
        options,
        (&mut categories, &mut targets),
        warnings,
    )?;
    let n_missing = values.iter().filter(|v| v.is_none()).count();
    if n_missing > 0 {
        match options.missing {
            Missing::Error => {
                return Err(WeightingError::MissingValue {
                    variable: variable.clone(),
                    n_respondents: n_missing,
                    first_row: values.iter().position(Option::is_none).unwrap_or_default(),
                });
            }
            Missing::OwnCategory => {
                // The missing category keeps its weighted share of the sample;
                // the population categories share the rest in their proportions.
                let base_total: f64 = base.iter().sum();
                let missing_base: f64 = values
                    .iter()
                    .zip(base)
                    .filter(|(value, _)| value.is_none())
                    .map(|(_, w)| w)
                    .sum();
                let share = missing_base / base_total;
                let population: f64 = targets.iter().sum();
                for target in &mut targets {
                    *target *= 1.0 - share;
                }
                categories.push(MISSING_CATEGORY.to_string());
                targets.push(population * share);
                warnings.push(format!(
                    "margin {variable}: {n_missing} respondent(s) without a value form their own category"
                ));
            }
        }
    }
    let codes = category_codes(values, &categories);
    Ok((
        CalibratedVariable {
            name: variable.clone(),
            categories,
            targets,
        },
        codes,
    ))
}

/// The margin's categories and targets: each category once, each target
/// finite and positive.
fn checked_targets(margin: &Margin) -> Result<(Vec<String>, Vec<f64>), WeightingError> {
    let variable = &margin.variable;
    let mut categories: Vec<String> = Vec::new();
    let mut targets: Vec<f64> = Vec::new();
    for (category, target) in &margin.targets {
        if categories.contains(category) {
            return Err(WeightingError::DuplicateCategory {
                variable: variable.clone(),
                category: category.clone(),
            });
        }
        if !(target.is_finite() && *target > 0.0) {
            return Err(WeightingError::BadTarget {
                variable: variable.clone(),
                category: category.clone(),
                target: *target,
            });
        }
        categories.push(category.clone());
        targets.push(*target);
    }
    Ok((categories, targets))
}

/// Respondents per category, so that empty population categories and unknown
/// sample categories are found before any index is assigned.
fn sample_counts<'v>(
    variable: &str,
    values: &'v [Option<String>],
    categories: &[String],
) -> Result<HashMap<&'v str, usize>, WeightingError> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for value in values.iter().flatten() {
        *counts.entry(value.as_str()).or_default() += 1;
    }
    let mut unknown: Vec<(&str, usize)> = counts
        .iter()
        .filter(|(category, _)| !categories.iter().any(|c| c == *category))
        .map(|(category, n)| (*category, *n))
        .collect();
    unknown.sort();
    match unknown.first() {
        Some((category, n_respondents)) => Err(WeightingError::UnknownCategory {
            variable: variable.to_string(),
            category: category.to_string(),
            n_respondents: *n_respondents,
        }),
        None => Ok(counts),
    }
}

/// Population categories without respondents: collapsed or dropped as
/// `options` asks, else an error.
fn drop_empty_categories(
    variable: &str,
    counts: &HashMap<&str, usize>,
    options: &DesignOptions,
    (categories, targets): (&mut Vec<String>, &mut Vec<f64>),
    warnings: &mut Vec<String>,
) -> Result<(), WeightingError> {
    let mut category_idx = 0;
    while category_idx < categories.len() {
        let category = categories[category_idx].clone();
        if counts.contains_key(category.as_str()) {
            category_idx += 1;
            continue;
        }
        let action = options
            .empty_categories
            .iter()
            .find(|(v, c, _)| v == variable && *c == category)
            .map(|(_, _, action)| action);
        match action {
            None => {
                return Err(WeightingError::EmptyCategory {
                    variable: variable.to_string(),
                    category,
                });
            }
            Some(EmptyCategory::Drop) => {
                warnings.push(format!(
                    "margin {variable}: category {category} has no respondents and was dropped"
                ));
            }
            Some(EmptyCategory::CollapseInto(into)) => {
                let Some(into_idx) = categories.iter().position(|c| c == into && c != &category)
                else {
                    return Err(WeightingError::BadCollapse {
                        variable: variable.to_string(),
                        category,
                        into: into.clone(),
                    });
                };
                targets[into_idx] += targets[category_idx];
                warnings.push(format!(
                    "margin {variable}: category {category} has no respondents and was collapsed into {into}"
                ));
            }
        }
        categories.remove(category_idx);
        targets.remove(category_idx);
    }
    Ok(())
}

/// Every respondent's category index (missing values: the missing category's).
fn category_codes(values: &[Option<String>], categories: &[String]) -> Vec<u32> {
    let index: HashMap<&str, u32> = categories
        .iter()
        .enumerate()
        .map(|(idx, category)| (category.as_str(), idx as u32))
        .collect();
    let missing_code = index.get(MISSING_CATEGORY).copied().unwrap_or(u32::MAX);
    values
        .iter()
        .map(|value| match value {
            Some(value) => index[value.as_str()],
            None => missing_code,
        })
        .collect()
}
