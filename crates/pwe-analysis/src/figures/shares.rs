//! Option shares (overall with intervals, per buurt, per background group),
//! spend and targets, pairs chosen together and the most chosen portfolios.

use std::collections::BTreeMap;

use crate::polars::*;
use pwe_core::survey::QuestionKind;
use pwe_core::weighting::proportion::{Adjustment, proportion};
use pwe_core::{ChoiceTask, Portfolio};

use pwe_core::disclosure::publishable;

use super::{Context, MIN_GROUP, Tables, publish_share, round};
use crate::summary::{GroupShare, GroupShares, OptionShare, PortfolioCount, Spend};

/// The summary's parts about shares.
pub(super) struct Shares {
    pub options: BTreeMap<String, OptionShare>,
    pub groups: BTreeMap<String, GroupShare>,
    pub by_buurt: BTreeMap<String, GroupShares>,
    pub by_group: BTreeMap<String, BTreeMap<String, GroupShares>>,
    pub spend: Spend,
    pub portfolios: Vec<PortfolioCount>,
}

/// Adds the share, spend, co-selection and portfolio tables; returns their
/// summary parts.
pub(super) fn add(tables: &mut Tables, context: &Context<'_>) -> PolarsResult<Shares> {
    let (options, groups) = overall(tables, context)?;
    let by_buurt = by_buurt(tables, context)?;
    let by_group = by_group(tables, context)?;
    coselection(tables, context)?;
    Ok(Shares {
        options,
        groups,
        by_buurt,
        by_group,
        spend: spend(context),
        portfolios: portfolios(tables, context)?,
    })
}

type Overall = (BTreeMap<String, OptionShare>, BTreeMap<String, GroupShare>);

fn overall(tables: &mut Tables, context: &Context<'_>) -> PolarsResult<Overall> {
    let n = context.n();
    let calibration = context.raking.as_ref().ok().map(|r| &r.calibration);
    let adjustment = if calibration.is_some() {
        Adjustment::Calibrate
    } else {
        Adjustment::None
    };
    let mut summary = BTreeMap::new();
    let (mut id_col, mut chosen_col, mut share_col, mut weighted_col) =
        (vec![], vec![], vec![], vec![]);
    let (mut kg_lo, mut kg_hi, mut wi_lo, mut wi_hi) = (vec![], vec![], vec![], vec![]);
    for (option_idx, option) in context.survey.options().iter().enumerate() {
        let y: Vec<bool> = (0..n).map(|r| context.chose(r, option_idx)).collect();
        let chosen = y.iter().filter(|c| **c).count();
        let share = round(chosen as f64 / n as f64);
        let estimate = proportion(&y, &context.weights, calibration, adjustment).ok();
        let (weighted, kg, wilson) = estimate.map_or(
            (f64::NAN, (f64::NAN, f64::NAN), (f64::NAN, f64::NAN)),
            |p| (round(p.estimate), p.korn_graubard, p.wilson),
        );
        let kg = (round(kg.0), round(kg.1));
        let wilson = (round(wilson.0), round(wilson.1));
        // Published when at least ten chose it and at least ten did not, so
        // that no small group can be singled out.
        let publishable = publishable(n, chosen);
        summary.insert(
            option.id.clone(),
            OptionShare {
                chosen,
                share: publishable.then_some(share),
                weighted_share: publishable.then_some(weighted),
                kg_95: publishable.then_some([kg.0, kg.1]),
            },
        );
        id_col.push(option.id.clone());
        chosen_col.push(chosen as u32);
        share_col.push(share);
        weighted_col.push(weighted);
        kg_lo.push(kg.0);
        kg_hi.push(kg.1);
        wi_lo.push(wilson.0);
        wi_hi.push(wilson.1);
    }
    let frame = df!(
        "option_id" => id_col, "chosen" => chosen_col, "share" => share_col,
        "weighted_share" => weighted_col, "kg_lower" => kg_lo, "kg_upper" => kg_hi,
        "wilson_lower" => wi_lo, "wilson_upper" => wi_hi,
    )?;
    tables.push("shares", frame, None);
    Ok((summary, group_shares(context, calibration, adjustment)))
}

/// Per exclusive group (options of which a household can choose one), the
/// weighted share that chose any of them: the options' shares split one
/// choice, and only together say how many want the group's kind of measure.
fn group_shares(
    context: &Context<'_>,
    calibration: Option<&pwe_core::weighting::Calibration>,
    adjustment: Adjustment,
) -> BTreeMap<String, GroupShare> {
    let n = context.n();
    let mut summary = BTreeMap::new();
    for group in &context.survey.rules().exclusive {
        let y: Vec<bool> = (0..n)
            .map(|r| group.options.iter().any(|&o| context.chose(r, o)))
            .collect();
        let chosen = y.iter().filter(|c| **c).count();
        let estimate = proportion(&y, &context.weights, calibration, adjustment).ok();
        let publishable = publishable(n, chosen);
        summary.insert(
            group.id.clone(),
            GroupShare {
                options: group
                    .options
                    .iter()
                    .map(|&o| context.survey.options()[o].id.clone())
                    .collect(),
                chosen,
                weighted_share: estimate
                    .as_ref()
                    .filter(|_| publishable)
                    .map(|p| round(p.estimate)),
                kg_95: estimate
                    .filter(|_| publishable)
                    .map(|p| [round(p.korn_graubard.0), round(p.korn_graubard.1)]),
            },
        );
    }
    summary
}

/// The rows of a table of shares per group, with its published twin.
#[derive(Default)]
struct GroupRows {
    variable: Vec<String>,
    group: Vec<String>,
    option: Vec<String>,
    n: Vec<u32>,
    /// How many in the group chose the option.
    chosen: Vec<u32>,
    share: Vec<f64>,
    weighted: Vec<f64>,
}

impl GroupRows {
    /// Adds every option's share among `members`; returns the group's summary.
    fn add(
        &mut self,
        context: &Context<'_>,
        variable: &str,
        group: &str,
        members: &[usize],
    ) -> GroupShares {
        let mut shares = BTreeMap::new();
        for (option_idx, option) in context.survey.options().iter().enumerate() {
            let (share, weighted) = context.shares(members, |r| context.chose(r, option_idx));
            let chosen = members
                .iter()
                .filter(|&&r| context.chose(r, option_idx))
                .count();
            self.variable.push(variable.to_string());
            self.group.push(group.to_string());
            self.option.push(option.id.clone());
            self.n.push(members.len() as u32);
            self.chosen.push(chosen as u32);
            self.share.push(share);
            self.weighted.push(weighted);
            shares.insert(
                option.id.clone(),
                publish_share(weighted, members.len(), chosen),
            );
        }
        GroupShares {
            n: members.len(),
            weighted_shares: shares,
        }
    }

    fn frames(
        self,
        first_column: &str,
        with_variable: bool,
    ) -> PolarsResult<(DataFrame, DataFrame)> {
        let suppressed = |values: &[f64]| -> Vec<Option<f64>> {
            values
                .iter()
                .zip(self.n.iter().zip(&self.chosen))
                .map(|(v, (n, chosen))| publish_share(*v, *n as usize, *chosen as usize))
                .collect()
        };
        let mut columns = Vec::new();
        if with_variable {
            columns.push(Column::new("variable".into(), &self.variable));
        }
        columns.push(Column::new(first_column.into(), &self.group));
        columns.push(Column::new("option_id".into(), &self.option));
        columns.push(Column::new("n".into(), &self.n));
        let mut published = columns.clone();
        columns.push(Column::new("share".into(), &self.share));
        columns.push(Column::new("weighted_share".into(), &self.weighted));
        published.push(Column::new("share".into(), suppressed(&self.share)));
        published.push(Column::new(
            "weighted_share".into(),
            suppressed(&self.weighted),
        ));
        let height = self.n.len();
        Ok((
            DataFrame::new(height, columns)?,
            DataFrame::new(height, published)?,
        ))
    }
}

fn by_buurt(
    tables: &mut Tables,
    context: &Context<'_>,
) -> PolarsResult<BTreeMap<String, GroupShares>> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (r, buurt) in context.responses.buurt.iter().enumerate() {
        groups.entry(buurt).or_default().push(r);
    }
    let mut rows = GroupRows::default();
    let mut summary = BTreeMap::new();
    for (buurt, members) in &groups {
        summary.insert(
            buurt.to_string(),
            rows.add(context, "buurt", buurt, members),
        );
    }
    let (frame, published) = rows.frames("buurt", false)?;
    tables.push("shares_by_buurt", frame, Some(published));
    Ok(summary)
}

/// Shares per answer of every single-choice background question.
fn by_group(
    tables: &mut Tables,
    context: &Context<'_>,
) -> PolarsResult<BTreeMap<String, BTreeMap<String, GroupShares>>> {
    let mut rows = GroupRows::default();
    let mut summary = BTreeMap::new();
    for (question_idx, question) in context.survey.background().iter().enumerate() {
        let QuestionKind::Single(choices) = &question.kind else {
            continue;
        };
        let mut question_summary = BTreeMap::new();
        for choice in choices {
            let members: Vec<usize> = context.responses.background[question_idx]
                .iter()
                .enumerate()
                .filter(|(_, a)| a.as_deref() == Some(choice.id.as_str()))
                .map(|(r, _)| r)
                .collect();
            let group = rows.add(context, &question.id, &choice.id, &members);
            question_summary.insert(choice.id.clone(), group);
        }
        summary.insert(question.id.clone(), question_summary);
    }
    let (frame, published) = rows.frames("group", true)?;
    tables.push("shares_by_group", frame, Some(published));
    Ok(summary)
}

/// Mean spend, the share of the budget used, tax changes and the targets.
/// Weighted means of what households spent and the share that went over or
/// under the budget. Targets are not counted: every counted response meets
/// them, since a response that breaks a rule is left out.
fn spend(context: &Context<'_>) -> Spend {
    let survey = context.survey;
    let (mut total, mut cost, mut used, mut up, mut down) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut effects = vec![0.0; survey.effects().len()];
    for r in 0..context.n() {
        let task = ChoiceTask::new(survey, &survey.versions()[context.responses.version_idx[r]]);
        let Ok(portfolio) = Portfolio::from_levels(survey, context.responses.levels[r].clone())
        else {
            continue;
        };
        let w = context.weights[r];
        let totals = task.totals(&portfolio);
        total += w;
        cost += w * totals.cost.get() as f64;
        used += w * totals.cost.get() as f64 / totals.budget.get().max(1) as f64;
        match totals.tax_change {
            Some(t) if t > 0.0 => up += w,
            Some(t) if t < 0.0 => down += w,
            _ => {}
        }
        for (sum, value) in effects.iter_mut().zip(&totals.effects) {
            *sum += w * value;
        }
    }
    Spend {
        weighted: context.raking.is_ok(),
        mean_cost: round(cost / total),
        mean_share_of_budget: round(used / total),
        share_tax_up: round(up / total),
        share_tax_down: round(down / total),
        mean_effects: survey
            .effects()
            .iter()
            .zip(&effects)
            .map(|(e, sum)| (e.id.clone(), round(sum / total)))
            .collect(),
    }
}

/// Pairs of options chosen together: lift = P(a and b) / (P(a) P(b)).
fn coselection(tables: &mut Tables, context: &Context<'_>) -> PolarsResult<()> {
    let options = context.survey.options();
    let n = context.n();
    let mut single = vec![0usize; options.len()];
    let mut pair = vec![vec![0usize; options.len()]; options.len()];
    for levels in &context.responses.levels {
        let chosen: Vec<usize> = (0..options.len()).filter(|&j| levels[j] > 0).collect();
        for (i, &a) in chosen.iter().enumerate() {
            single[a] += 1;
            for &b in &chosen[i + 1..] {
                pair[a][b] += 1;
            }
        }
    }
    let (mut a_col, mut b_col, mut both_col, mut lift_col) = (vec![], vec![], vec![], vec![]);
    for a in 0..options.len() {
        for b in a + 1..options.len() {
            let expected = single[a] as f64 * single[b] as f64 / n as f64;
            a_col.push(options[a].id.clone());
            b_col.push(options[b].id.clone());
            both_col.push(pair[a][b] as u32);
            lift_col.push((expected > 0.0).then(|| round(pair[a][b] as f64 / expected)));
        }
    }
    let frame =
        df!("option_a" => a_col, "option_b" => b_col, "both" => both_col, "lift" => lift_col)?;
    tables.push("coselection", frame, None);
    Ok(())
}

/// The ten most chosen portfolios; published only when at least ten households chose one.
fn portfolios(tables: &mut Tables, context: &Context<'_>) -> PolarsResult<Vec<PortfolioCount>> {
    let n = context.n();
    let mut counts: BTreeMap<&[u8], usize> = BTreeMap::new();
    for levels in &context.responses.levels {
        *counts.entry(levels).or_default() += 1;
    }
    let mut ranked: Vec<(&[u8], usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(10);
    let describe = |levels: &[u8]| crate::portfolio::describe(context.survey, levels);
    let frame = df!(
        "rank" => (1..=ranked.len() as u32).collect::<Vec<_>>(),
        "portfolio" => ranked.iter().map(|(l, _)| describe(l)).collect::<Vec<_>>(),
        "n" => ranked.iter().map(|(_, c)| *c as u32).collect::<Vec<_>>(),
        "share" => ranked.iter().map(|(_, c)| round(*c as f64 / n as f64)).collect::<Vec<_>>(),
    )?;
    let published = frame.filter(&frame.column("n")?.u32()?.gt_eq(MIN_GROUP as u32))?;
    tables.push("portfolios", frame, Some(published));
    Ok(ranked
        .iter()
        .filter(|(_, c)| *c >= MIN_GROUP)
        .map(|(l, c)| PortfolioCount {
            portfolio: describe(l),
            n: *c,
            share: round(*c as f64 / n as f64),
        })
        .collect())
}
