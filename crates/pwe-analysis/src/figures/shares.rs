//! Option shares (overall with intervals, per buurt, per background group),
//! spend and targets, pairs chosen together and the most chosen portfolios.
//!
//! The counts behind every published share (overall, per exclusive group, per
//! buurt, per background group and the households that did not answer) are
//! built and protected by [`pwe_core::disclosure::shares`], the same way the
//! service's public results page builds them, so that no suppressed count
//! can be worked out from the rest of this run or from that page.

use std::collections::BTreeMap;

use crate::polars::*;
use pwe_core::disclosure::protect::ProtectError;
use pwe_core::disclosure::shares::{Cell, Respondents, shares_release};
use pwe_core::disclosure::{CountId, Release, round_share};
use pwe_core::weighting::proportion::{Adjustment, proportion};
use pwe_core::{ChoiceTask, Portfolio};

use super::{Context, MIN_GROUP, Tables, round};
use crate::summary::{GroupShare, GroupShares, OptionShare, PortfolioCount, Spend};

/// The summary's parts about shares.
pub(super) struct Shares {
    pub options: BTreeMap<String, OptionShare>,
    pub groups: BTreeMap<String, GroupShare>,
    pub by_buurt: BTreeMap<String, GroupShares>,
    pub by_group: BTreeMap<String, BTreeMap<String, GroupShares>>,
    pub spend: Spend,
    pub portfolios: Vec<PortfolioCount>,
    /// The counts behind the published shares, protected.
    pub release: Release,
}

/// Why the shares could not be made.
#[derive(Debug, thiserror::Error)]
pub(super) enum SharesError {
    #[error(transparent)]
    Table(#[from] PolarsError),
    #[error("disclosure control: {0}")]
    Disclosure(#[from] ProtectError),
}

/// Adds the share, spend, co-selection and portfolio tables; returns their
/// summary parts.
pub(super) fn add(tables: &mut Tables, context: &Context<'_>) -> Result<Shares, SharesError> {
    let respondents = Respondents {
        levels: &context.responses.levels,
        buurt: &context.responses.buurt,
        background: &context.responses.background,
    };
    let protected = shares_release(context.survey, &respondents)?;
    let (release, totals, exclusive) =
        (&protected.release, &protected.totals, &protected.exclusive);
    let buurt_rows = GroupRows::new(context, &protected.by_buurt);
    let group_rows = GroupRows::new(context, &protected.by_group);

    let (options, groups) = overall(tables, context, release, totals, exclusive)?;
    let by_buurt = buurt_rows
        .summary(release)
        .remove("buurt")
        .unwrap_or_default();
    let (frame, published) = buurt_rows.frames(release, "buurt", false)?;
    tables.push("shares_by_buurt", frame, Some(published));
    let by_group = group_rows.summary(release);
    let (frame, published) = group_rows.frames(release, "group", true)?;
    tables.push("shares_by_group", frame, Some(published));
    coselection(tables, context, release, totals)?;
    Ok(Shares {
        options,
        groups,
        by_buurt,
        by_group,
        spend: spend(context),
        portfolios: portfolios(tables, context)?,
        release: protected.release,
    })
}

type Overall = (BTreeMap<String, OptionShare>, BTreeMap<String, GroupShare>);

/// The overall table `shares` and the summary's option and exclusive-group
/// shares; a count the release suppresses is published as nothing.
fn overall(
    tables: &mut Tables,
    context: &Context<'_>,
    release: &Release,
    totals: &[CountId],
    exclusive: &[CountId],
) -> PolarsResult<Overall> {
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
        let chosen = release.get(totals[option_idx]).value;
        let share = round(chosen as f64 / n as f64);
        let estimate = proportion(&y, &context.weights, calibration, adjustment).ok();
        let (weighted, kg, wilson) = estimate.map_or(
            (f64::NAN, (f64::NAN, f64::NAN), (f64::NAN, f64::NAN)),
            |p| (round(p.estimate), p.korn_graubard, p.wilson),
        );
        let kg = (round(kg.0), round(kg.1));
        let wilson = (round(wilson.0), round(wilson.1));
        // Published when at least ten chose it and at least ten did not, and
        // no smaller count needs it suppressed as a complement.
        let shown = release.is_shown(totals[option_idx]);
        summary.insert(
            option.id.clone(),
            OptionShare {
                chosen: shown.then_some(chosen),
                share: shown.then(|| round_share(share)),
                weighted_share: shown.then(|| round_share(weighted)),
                kg_95: shown.then(|| [round_share(kg.0), round_share(kg.1)]),
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
    let shown: Vec<bool> = totals.iter().map(|&id| release.is_shown(id)).collect();
    let hide = |values: &[f64]| -> Vec<Option<f64>> {
        values
            .iter()
            .zip(&shown)
            .map(|(v, s)| s.then(|| round_share(*v)))
            .collect()
    };
    let published = df!(
        "option_id" => id_col.clone(),
        "chosen" => chosen_col.iter().zip(&shown).map(|(c, s)| s.then_some(*c)).collect::<Vec<_>>(),
        "share" => hide(&share_col), "weighted_share" => hide(&weighted_col),
        "kg_lower" => hide(&kg_lo), "kg_upper" => hide(&kg_hi),
        "wilson_lower" => hide(&wi_lo), "wilson_upper" => hide(&wi_hi),
    )?;
    let frame = df!(
        "option_id" => id_col, "chosen" => chosen_col, "share" => share_col,
        "weighted_share" => weighted_col, "kg_lower" => kg_lo, "kg_upper" => kg_hi,
        "wilson_lower" => wi_lo, "wilson_upper" => wi_hi,
    )?;
    tables.push("shares", frame, Some(published));
    Ok((
        summary,
        group_shares(context, calibration, adjustment, release, exclusive),
    ))
}

/// Per exclusive group (options of which a household can choose one), the
/// weighted share that chose any of them: the options' shares split one
/// choice, and only together say how many want the group's kind of measure.
fn group_shares(
    context: &Context<'_>,
    calibration: Option<&pwe_core::weighting::Calibration>,
    adjustment: Adjustment,
    release: &Release,
    exclusive: &[CountId],
) -> BTreeMap<String, GroupShare> {
    let n = context.n();
    let mut summary = BTreeMap::new();
    for (group, &id) in context.survey.rules().exclusive.iter().zip(exclusive) {
        let y: Vec<bool> = (0..n)
            .map(|r| group.options.iter().any(|&o| context.chose(r, o)))
            .collect();
        let estimate = proportion(&y, &context.weights, calibration, adjustment).ok();
        let shown = release.is_shown(id);
        summary.insert(
            group.id.clone(),
            GroupShare {
                options: group
                    .options
                    .iter()
                    .map(|&o| context.survey.options()[o].id.clone())
                    .collect(),
                chosen: shown.then(|| release.get(id).value),
                weighted_share: estimate
                    .as_ref()
                    .filter(|_| shown)
                    .map(|p| round_share(p.estimate)),
                kg_95: estimate.filter(|_| shown).map(|p| {
                    [
                        round_share(p.korn_graubard.0),
                        round_share(p.korn_graubard.1),
                    ]
                }),
            },
        );
    }
    summary
}

/// The rows of a table of shares per group, with its published twin, and
/// each row's count in the release.
#[derive(Default)]
struct GroupRows {
    variable: Vec<String>,
    group: Vec<String>,
    option_id: Vec<String>,
    n: Vec<u32>,
    share: Vec<f64>,
    weighted: Vec<f64>,
    count: Vec<CountId>,
}

impl GroupRows {
    /// The rows of the cells of the release: each option's share among the
    /// cell's members.
    fn new(context: &Context<'_>, cells: &[Cell]) -> GroupRows {
        let mut rows = GroupRows::default();
        for cell in cells {
            let (share, weighted) =
                context.shares(&cell.members, |r| context.chose(r, cell.option));
            rows.variable.push(cell.variable.clone());
            rows.group.push(cell.group.clone());
            rows.option_id
                .push(context.survey.options()[cell.option].id.clone());
            rows.n.push(cell.members.len() as u32);
            rows.share.push(share);
            rows.weighted.push(weighted);
            rows.count.push(cell.count);
        }
        rows
    }

    /// The summary per variable and group: weighted shares the release shows,
    /// and the group's size when any of its shares is shown.
    fn summary(&self, release: &Release) -> BTreeMap<String, BTreeMap<String, GroupShares>> {
        let mut summary: BTreeMap<String, BTreeMap<String, GroupShares>> = BTreeMap::new();
        for i in 0..self.count.len() {
            // An empty group has no share to show.
            let shown = release.is_shown(self.count[i]) && self.n[i] > 0;
            let group = summary
                .entry(self.variable[i].clone())
                .or_default()
                .entry(self.group[i].clone())
                .or_insert_with(|| GroupShares {
                    n: None,
                    weighted_shares: BTreeMap::new(),
                });
            if shown {
                group.n = Some(self.n[i] as usize);
            }
            group.weighted_shares.insert(
                self.option_id[i].clone(),
                shown.then(|| round_share(self.weighted[i])),
            );
        }
        summary
    }

    fn frames(
        &self,
        release: &Release,
        first_column: &str,
        with_variable: bool,
    ) -> PolarsResult<(DataFrame, DataFrame)> {
        let shown: Vec<bool> = self
            .count
            .iter()
            .zip(&self.n)
            .map(|(&id, &n)| release.is_shown(id) && n > 0)
            .collect();
        let suppressed = |values: &[f64]| -> Vec<Option<f64>> {
            values
                .iter()
                .zip(&shown)
                .map(|(v, s)| s.then(|| round_share(*v)))
                .collect()
        };
        let mut columns = Vec::new();
        if with_variable {
            columns.push(Column::new("variable".into(), &self.variable));
        }
        columns.push(Column::new(first_column.into(), &self.group));
        columns.push(Column::new("option_id".into(), &self.option_id));
        let mut published = columns.clone();
        columns.push(Column::new("n".into(), &self.n));
        columns.push(Column::new("share".into(), &self.share));
        columns.push(Column::new("weighted_share".into(), &self.weighted));
        // A suppressed cell's group size is left out too.
        let n: Vec<Option<u32>> = self
            .n
            .iter()
            .zip(&shown)
            .map(|(n, s)| s.then_some(*n))
            .collect();
        published.push(Column::new("n".into(), n));
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
///
/// Published only when both options' counts are and every cell of the pair's
/// two-by-two table (both, only a, only b, neither) has at least
/// [`MIN_GROUP`] households; else `both` and `lift` are left out.
fn coselection(
    tables: &mut Tables,
    context: &Context<'_>,
    release: &Release,
    totals: &[CountId],
) -> PolarsResult<()> {
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
    let mut shown = vec![];
    for a in 0..options.len() {
        for b in a + 1..options.len() {
            let expected = single[a] as f64 * single[b] as f64 / n as f64;
            let both = pair[a][b];
            let cells = [
                both,
                single[a] - both,
                single[b] - both,
                n + both - single[a] - single[b],
            ];
            shown.push(
                release.is_shown(totals[a])
                    && release.is_shown(totals[b])
                    && cells.iter().all(|&c| c >= MIN_GROUP),
            );
            a_col.push(options[a].id.clone());
            b_col.push(options[b].id.clone());
            both_col.push(both as u32);
            lift_col.push((expected > 0.0).then(|| round(both as f64 / expected)));
        }
    }
    let published = df!(
        "option_a" => a_col.clone(), "option_b" => b_col.clone(),
        "both" => both_col.iter().zip(&shown).map(|(c, s)| s.then_some(*c)).collect::<Vec<_>>(),
        "lift" => lift_col.iter().zip(&shown).map(|(l, s)| l.filter(|_| *s).map(round_share)).collect::<Vec<_>>(),
    )?;
    let frame =
        df!("option_a" => a_col, "option_b" => b_col, "both" => both_col, "lift" => lift_col)?;
    tables.push("coselection", frame, Some(published));
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
