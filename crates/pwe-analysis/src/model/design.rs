//! The design of the portfolio logit: every feasible portfolio's regressors,
//! shared by the respondents of one version with the same covariates.
//!
//! Respondents who share a version and the background answers that enter the
//! model face the same alternatives with the same regressors, so they form one
//! *group* with one denominator. Within a group, respondents who chose the same
//! portfolio form a *cell*; the likelihood only needs each cell's count and
//! weights, so estimation costs nothing per respondent once the cells are made.

use std::collections::{BTreeMap, HashMap};

use pwe_core::feasible::{Limits, enumerate};
use pwe_core::{ChoiceTask, Survey};

use super::ModelError;
use super::spec::{ModelSpec, Money, SpecError};
use crate::load::Responses;

/// What a parameter multiplies.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind {
    /// 1 when the option is chosen at this level.
    Constant {
        /// The option.
        option_idx: usize,
        /// The level (1 for a binary option).
        level: u8,
    },
    /// The money term (δ0).
    Money,
    /// The portfolio's total of an effect.
    Attribute {
        /// The effect.
        effect_idx: usize,
    },
    /// 1 when the option is chosen (at any level) by a respondent with the answer.
    Interaction {
        /// The index of the interaction in the spec.
        idx: usize,
    },
}

/// A chosen portfolio within a group, with how many chose it and their weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The index of the portfolio in the group's feasible set.
    pub alt: usize,
    /// The number of respondents.
    pub count: usize,
    /// The sum of their weights.
    pub weight: f64,
    /// The sum of their squared weights (for the sandwich estimator).
    pub weight_sq: f64,
}

/// Respondents of one version with the same covariates.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The version.
    pub version_idx: usize,
    /// The value of every interaction's background dummy.
    pub pattern: Vec<bool>,
    /// The regressors of every feasible portfolio, row-major (`n_alt × k`),
    /// each column divided by its scale.
    pub x: Vec<f64>,
    /// The number of feasible portfolios.
    pub n_alt: usize,
    /// The chosen portfolios.
    pub cells: Vec<Cell>,
}

impl Group {
    /// The regressors of portfolio `alt`.
    pub fn row(&self, alt: usize, k: usize) -> &[f64] {
        &self.x[alt * k..(alt + 1) * k]
    }
}

/// The design of a model on a set of responses.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Every parameter's name, such as `const:garage-afspraak`, `delta0`,
    /// `attr:parkeerdruk` or `vergunningparkeren×autos=0`.
    pub names: Vec<String>,
    /// What every parameter multiplies.
    pub kinds: Vec<ParamKind>,
    /// The scale every regressor column was divided by (its largest absolute
    /// value), so that the optimiser works on columns of similar size.
    pub scale: Vec<f64>,
    /// The groups.
    pub groups: Vec<Group>,
    /// The feasible portfolios of every version (levels per option).
    pub portfolios: Vec<Vec<Vec<u8>>>,
    /// Every respondent's group and cell.
    pub respondent_cell: Vec<(usize, usize)>,
    /// The number of respondents.
    pub n: usize,
}

impl Design {
    /// The sum of every respondent's weight (n when unweighted).
    pub fn total_weight(&self) -> f64 {
        self.groups
            .iter()
            .flat_map(|g| &g.cells)
            .map(|c| c.weight)
            .sum()
    }

    /// The number of parameters.
    pub fn k(&self) -> usize {
        self.names.len()
    }
}

fn parameters(survey: &Survey, spec: &ModelSpec) -> (Vec<String>, Vec<ParamKind>) {
    let mut names = Vec::new();
    let mut kinds = Vec::new();
    for (option_idx, option) in survey.options().iter().enumerate() {
        if !spec.constants[option_idx] {
            continue;
        }
        for level in 1..=option.max_level() {
            names.push(if option.is_binary() {
                format!("const:{}", option.id)
            } else {
                format!("const:{}:{level}", option.id)
            });
            kinds.push(ParamKind::Constant { option_idx, level });
        }
    }
    if spec.money != Money::None {
        names.push("delta0".into());
        kinds.push(ParamKind::Money);
    }
    for &effect_idx in &spec.attributes {
        names.push(format!("attr:{}", survey.effects()[effect_idx].id));
        kinds.push(ParamKind::Attribute { effect_idx });
    }
    for (idx, interaction) in spec.interactions.iter().enumerate() {
        names.push(format!(
            "{}×{}={}",
            survey.options()[interaction.option_idx].id,
            survey.background()[interaction.question_idx].id,
            interaction.choice
        ));
        kinds.push(ParamKind::Interaction { idx });
    }
    (names, kinds)
}

/// The unscaled regressors of a portfolio for a respondent with `pattern`.
fn regressors(
    survey: &Survey,
    spec: &ModelSpec,
    task: &ChoiceTask<'_>,
    kinds: &[ParamKind],
    levels: &[u8],
    pattern: &[bool],
) -> Vec<f64> {
    let cost: f64 = levels
        .iter()
        .enumerate()
        .map(|(j, &l)| task.cost(j, l).get() as f64)
        .sum();
    let budget = task.budget().get() as f64;
    kinds
        .iter()
        .map(|kind| match kind {
            ParamKind::Constant { option_idx, level } => {
                f64::from(u8::from(levels[*option_idx] == *level))
            }
            ParamKind::Money => match spec.money {
                Money::Budget { unit } => (budget - cost) / unit,
                Money::Tax => survey.rules().flexible.map_or(0.0, |flex| {
                    -flex.tax_change(pwe_core::Euros((cost - budget) as i64))
                }),
                Money::None => 0.0,
            },
            ParamKind::Attribute { effect_idx } => survey
                .options()
                .iter()
                .zip(levels)
                .filter(|(_, l)| **l > 0)
                .map(|(o, l)| o.effects_at(*l)[*effect_idx])
                .sum(),
            ParamKind::Interaction { idx } => {
                let interaction = &spec.interactions[*idx];
                f64::from(u8::from(
                    levels[interaction.option_idx] > 0 && pattern[*idx],
                ))
            }
        })
        .collect()
}

/// Per version: its feasible portfolios (their levels), and each one's place
/// in that list.
type Feasible = (Vec<Vec<Vec<u8>>>, Vec<HashMap<Vec<u8>, usize>>);

/// Every version's feasible portfolios, and for each version the index of
/// a portfolio (its levels) in that list.
fn feasible_portfolios(survey: &Survey) -> Result<Feasible, ModelError> {
    let mut portfolios = Vec::new();
    let mut index = Vec::new();
    for version in survey.versions() {
        let set = enumerate(&ChoiceTask::new(survey, version), Limits::default())?;
        let levels: Vec<Vec<u8>> = set.iter().map(<[u8]>::to_vec).collect();
        index.push(
            levels
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, l)| (l, i))
                .collect(),
        );
        portfolios.push(levels);
    }
    Ok((portfolios, index))
}

/// Refuses an interaction whose background dummy is the same for all `n`
/// respondents (`dummies` counts those for whom it is on): a constant column.
fn check_interactions(
    survey: &Survey,
    spec: &ModelSpec,
    dummies: &[usize],
    n: usize,
) -> Result<(), ModelError> {
    for (interaction, count) in spec.interactions.iter().zip(dummies) {
        if *count == 0 || *count == n {
            let question = &survey.background()[interaction.question_idx].id;
            return Err(ModelError::Spec(SpecError {
                file: spec.file.clone(),
                line: interaction.line,
                field: "interactions".into(),
                reason: format!(
                    "{} respondents answered {question} = {}, so this interaction is a constant column and cannot be estimated",
                    if *count == 0 { "no" } else { "all" },
                    interaction.choice
                ),
            }));
        }
    }
    Ok(())
}

/// Divides every regressor by its largest absolute value (1 for a column of
/// zeros), so that Newton works on numbers of one size; returns the scales.
fn scale_columns(groups: &mut [Group], k: usize) -> Vec<f64> {
    let mut scale = vec![0.0f64; k];
    for group in groups.iter() {
        for row in group.x.chunks(k.max(1)) {
            for (s, v) in scale.iter_mut().zip(row) {
                *s = s.max(v.abs());
            }
        }
    }
    for s in &mut scale {
        if *s == 0.0 {
            *s = 1.0;
        }
    }
    for group in groups.iter_mut() {
        for row in group.x.chunks_mut(k.max(1)) {
            for (v, s) in row.iter_mut().zip(&scale) {
                *v /= s;
            }
        }
    }
    scale
}

/// The groups (version and interaction pattern) with the regressors of every
/// feasible portfolio of their version and the cells their respondents chose.
fn with_regressors(
    survey: &Survey,
    spec: &ModelSpec,
    kinds: &[ParamKind],
    portfolios: &[Vec<Vec<u8>>],
    keys: Vec<(usize, Vec<bool>)>,
    cells: Vec<BTreeMap<usize, Cell>>,
) -> Vec<Group> {
    keys.into_iter()
        .zip(cells)
        .map(|((version_idx, pattern), cells)| {
            let task = ChoiceTask::new(survey, &survey.versions()[version_idx]);
            let x: Vec<f64> = portfolios[version_idx]
                .iter()
                .flat_map(|levels| regressors(survey, spec, &task, kinds, levels, &pattern))
                .collect();
            Group {
                version_idx,
                n_alt: portfolios[version_idx].len(),
                pattern,
                x,
                cells: cells.into_values().collect(),
            }
        })
        .collect()
}

/// Builds the design of `spec` on `responses`, with `weights` (one per
/// response, rescaled to mean 1) or unit weights.
///
/// # Errors
/// A feasible set too large to enumerate, a response whose portfolio is not
/// feasible in its version, an interaction whose background dummy is the same
/// for every respondent (named by its spec line), no responses.
pub fn build(
    survey: &Survey,
    responses: &Responses,
    spec: &ModelSpec,
    weights: Option<&[f64]>,
) -> Result<Design, ModelError> {
    let n = responses.ids.len();
    if n == 0 {
        return Err(ModelError::NoResponses);
    }
    let (names, kinds) = parameters(survey, spec);
    let (portfolios, index) = feasible_portfolios(survey)?;
    let scale_weights = weights.map(|w| n as f64 / w.iter().sum::<f64>());

    // Respondents into groups (by version and pattern) and cells (by portfolio).
    let mut group_of: BTreeMap<(usize, Vec<bool>), usize> = BTreeMap::new();
    let mut cells: Vec<BTreeMap<usize, Cell>> = Vec::new();
    let mut keys: Vec<(usize, Vec<bool>)> = Vec::new();
    let mut respondent_alt = Vec::with_capacity(n);
    let mut dummies = vec![0usize; spec.interactions.len()];
    for r in 0..n {
        let version_idx = responses.version_idx[r];
        let pattern: Vec<bool> = spec
            .interactions
            .iter()
            .map(|i| responses.background[i.question_idx][r].as_deref() == Some(i.choice.as_str()))
            .collect();
        for (count, on) in dummies.iter_mut().zip(&pattern) {
            *count += usize::from(*on);
        }
        let alt = *index[version_idx]
            .get(&responses.levels[r])
            .ok_or_else(|| ModelError::NotFeasible {
                response: responses.ids[r].clone(),
                version: survey.versions()[version_idx].id.clone(),
            })?;
        let key = (version_idx, pattern);
        let group = match group_of.get(&key) {
            Some(group) => *group,
            None => {
                group_of.insert(key.clone(), keys.len());
                keys.push(key);
                cells.push(BTreeMap::new());
                keys.len() - 1
            }
        };
        let w = weights.map_or(1.0, |w| w[r] * scale_weights.unwrap_or(1.0));
        let cell = cells[group].entry(alt).or_insert(Cell {
            alt,
            count: 0,
            weight: 0.0,
            weight_sq: 0.0,
        });
        cell.count += 1;
        cell.weight += w;
        cell.weight_sq += w * w;
        respondent_alt.push((group, alt));
    }
    check_interactions(survey, spec, &dummies, n)?;

    let mut groups = with_regressors(survey, spec, &kinds, &portfolios, keys, cells);
    let scale = scale_columns(&mut groups, kinds.len());
    // Cells are sorted by portfolio within a group: find each respondent's.
    let respondent_cell = respondent_alt
        .into_iter()
        .map(|(group, alt)| {
            let cell = groups[group]
                .cells
                .binary_search_by_key(&alt, |c| c.alt)
                .unwrap_or(0);
            (group, cell)
        })
        .collect();
    Ok(Design {
        names,
        kinds,
        scale,
        groups,
        portfolios,
        respondent_cell,
        n,
    })
}
