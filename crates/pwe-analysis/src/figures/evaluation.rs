//! Evaluation: the distribution, mean and weighted mean of every statement and
//! the grade, per buurt, grouped by the municipality's research questions.

use std::collections::BTreeMap;

use crate::polars::*;
use pwe_core::survey::EvaluationKind;

use pwe_core::disclosure::protect::{ProtectError, protect};
use pwe_core::disclosure::{Count, CountId, MIN_GROUP, Release, Shown};

use super::{Context, Tables, publish, round};
use crate::summary::EvaluationItem;

/// The sum of `answers` above the scale's lowest value, as a count for the
/// disclosure release: each answer adds up to `range` to it, so a group of
/// `n` answers has room for `n · range`. Suppressed (and to be protected)
/// when the group has fewer than [`MIN_GROUP`] answers.
fn answer_sum(label: String, answers: &[(usize, u8)], low: u8, range: usize) -> Count {
    let value = answers
        .iter()
        .map(|(_, v)| usize::from(v.saturating_sub(low)).min(range))
        .sum();
    let sensitive = !answers.is_empty() && answers.len() < MIN_GROUP;
    Count {
        label,
        value,
        group_size: answers.len() * range,
        sensitive,
        shown: if sensitive {
            Shown::Suppressed
        } else {
            Shown::Within(value, value)
        },
    }
}

/// A published column: each value where its count is shown, else empty.
fn only_shown<T: Copy>(values: &[T], shown: &[bool]) -> Vec<Option<T>> {
    values
        .iter()
        .zip(shown)
        .map(|(v, s)| s.then_some(*v))
        .collect()
}

/// The answers of one item as (response, value) pairs.
fn numeric_answers(context: &Context<'_>, item_idx: usize) -> Vec<(usize, u8)> {
    context.responses.evaluation[item_idx]
        .iter()
        .enumerate()
        .filter_map(|(r, v)| Some((r, v.as_deref()?.parse::<u8>().ok()?)))
        .collect()
}

/// The mean and weighted mean of `answers`.
fn means(context: &Context<'_>, answers: &[(usize, u8)]) -> (f64, f64) {
    let n = answers.len().max(1) as f64;
    let mean = answers.iter().map(|(_, v)| f64::from(*v)).sum::<f64>() / n;
    let total_w: f64 = answers.iter().map(|(r, _)| context.weights[*r]).sum();
    let weighted = answers
        .iter()
        .map(|(r, v)| context.weights[*r] * f64::from(*v))
        .sum::<f64>()
        / total_w;
    (round(mean), round(weighted))
}

/// The columns of `evaluation_distribution`: item, value, n, share, weighted
/// share, and each row's count in the release.
type DistributionRows = (
    Vec<String>,
    Vec<u32>,
    Vec<u32>,
    Vec<f64>,
    Vec<f64>,
    Vec<CountId>,
);

/// The columns of `evaluation_by_buurt`: item, buurt, n, mean, weighted mean.
type BuurtRows = (Vec<String>, Vec<String>, Vec<u32>, Vec<f64>, Vec<f64>);

/// Adds an item's distribution over its `scale` to `rows` and its counts to
/// `release`: each value's count of households, whose counts add up to the
/// item's answers (`answered`) and, times the value above the scale's
/// lowest, to the sum of answers (`sum`) that the published mean gives away.
fn add_distribution(
    context: &Context<'_>,
    item: &str,
    scale: &[u8],
    answers: &[(usize, u8)],
    (answered, sum): (CountId, CountId),
    release: &mut Release,
    rows: &mut DistributionRows,
) {
    // One pass over the answers: the count and weight of every value.
    let mut counts = vec![0usize; scale.len()];
    let mut value_w = vec![0.0; scale.len()];
    let mut total_w = 0.0;
    for &(r, v) in answers {
        total_w += context.weights[r];
        if let Some(at) = scale.iter().position(|s| *s == v) {
            counts[at] += 1;
            value_w[at] += context.weights[r];
        }
    }
    let mut ids = Vec::new();
    for (at, value) in scale.iter().enumerate() {
        let count = counts[at];
        ids.push(release.count(
            format!("evaluation_distribution {item} value={value}"),
            answers.len(),
            count,
        ));
        rows.0.push(item.to_string());
        rows.1.push(u32::from(*value));
        rows.2.push(count as u32);
        rows.3
            .push(round(count as f64 / answers.len().max(1) as f64));
        rows.4.push(round(value_w[at] / total_w));
    }
    let above_lowest = scale.iter().map(|v| u32::from(v - scale[0]));
    release.weighted_line(sum, ids.iter().copied().zip(above_lowest).collect());
    release.line(answered, ids.clone());
    rows.5.extend(ids);
}

/// Adds an item's mean per buurt to `rows`, buurten in code order.
fn add_by_buurt(context: &Context<'_>, item: &str, answers: &[(usize, u8)], rows: &mut BuurtRows) {
    let mut per_buurt: BTreeMap<&str, Vec<(usize, u8)>> = BTreeMap::new();
    for (r, v) in answers {
        per_buurt
            .entry(&context.responses.buurt[*r])
            .or_default()
            .push((*r, *v));
    }
    for (buurt, group) in &per_buurt {
        let (mean, weighted) = means(context, group);
        rows.0.push(item.to_string());
        rows.1.push(buurt.to_string());
        rows.2.push(group.len() as u32);
        rows.3.push(mean);
        rows.4.push(weighted);
    }
}

/// `summary.evaluation` and `summary.research_questions`.
type Summary = (
    BTreeMap<String, EvaluationItem>,
    BTreeMap<String, Vec<String>>,
);

/// Why the evaluation figures could not be made.
#[derive(Debug, thiserror::Error)]
pub(super) enum EvaluationError {
    #[error(transparent)]
    Table(#[from] PolarsError),
    #[error("disclosure control: {0}")]
    Disclosure(#[from] ProtectError),
}

/// Adds the tables `evaluation`, `evaluation_distribution` and
/// `evaluation_by_buurt`; returns `summary.evaluation` and
/// `summary.research_questions`, and the release of the sums of answers
/// per buurt (overall and per buurt, protected: a buurt's mean is suppressed
/// under [`MIN_GROUP`] answers, and so is another buurt's where the overall
/// mean would give it back).
pub(super) fn add(
    tables: &mut Tables,
    context: &Context<'_>,
) -> Result<(Summary, Release), EvaluationError> {
    let mut release = Release::default();
    let mut buurt_ids: Vec<CountId> = Vec::new();
    let mut item_ids: Vec<CountId> = Vec::new();
    let mut items = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut distribution: DistributionRows = Default::default();
    let mut buurten: BuurtRows = Default::default();
    let mut summary = BTreeMap::new();
    let mut research_questions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (item_idx, item) in context.survey.evaluation().iter().enumerate() {
        let scale: Vec<u8> = match item.kind {
            EvaluationKind::Likert5 => (1..=5).collect(),
            EvaluationKind::Grade => (0..=10).collect(),
            EvaluationKind::Text { .. } => continue,
        };
        let answers = numeric_answers(context, item_idx);
        let (mean, weighted_mean) = means(context, &answers);
        let rq = item.research_question.clone().unwrap_or_default();
        if !rq.is_empty() {
            research_questions
                .entry(rq.clone())
                .or_default()
                .push(item.id.clone());
        }
        items.0.push(item.id.clone());
        items.1.push(rq.clone());
        items
            .2
            .push(item.theme.map(|t| t.name().to_string()).unwrap_or_default());
        items.3.push(answers.len() as u32);
        items.4.push(mean);
        items.5.push(weighted_mean);

        let (low, range) = (scale[0], usize::from(scale[scale.len() - 1] - scale[0]));
        let total = release.push(answer_sum(
            format!("evaluation.csv {}", item.id),
            &answers,
            low,
            range,
        ));
        item_ids.push(total);
        let answered = release.known(format!("evaluation.csv {} n", item.id), answers.len());
        add_distribution(
            context,
            &item.id,
            &scale,
            &answers,
            (answered, total),
            &mut release,
            &mut distribution,
        );
        let before = buurten.0.len();
        add_by_buurt(context, &item.id, &answers, &mut buurten);
        let mut parts = Vec::new();
        for at in before..buurten.0.len() {
            let members: Vec<(usize, u8)> = answers
                .iter()
                .copied()
                .filter(|(r, _)| context.responses.buurt[*r] == buurten.1[at])
                .collect();
            let id = release.push(answer_sum(
                format!("evaluation_by_buurt {} buurt={}", item.id, buurten.1[at]),
                &members,
                low,
                range,
            ));
            parts.push(id);
            buurt_ids.push(id);
        }
        release.line(total, parts);
        summary.insert(
            item.id.clone(),
            EvaluationItem {
                kind: if scale.len() == 5 { "likert5" } else { "grade" },
                research_question: item.research_question.clone(),
                theme: item.theme.map(|t| t.name()),
                n: answers.len(),
                mean: publish(mean, answers.len()),
                weighted_mean: publish(weighted_mean, answers.len()),
                weighted_distribution: BTreeMap::new(),
                weighted_mean_by_buurt: BTreeMap::new(),
            },
        );
    }
    protect(&mut release)?;
    // An item's overall mean is published when its sum of answers is: at
    // least ten answers, and not needed to hide a buurt's.
    let item_shown: Vec<bool> = item_ids.iter().map(|&id| release.is_shown(id)).collect();
    for (item, shown) in items.0.iter().zip(&item_shown) {
        if let (Some(entry), false) = (summary.get_mut(item), shown) {
            entry.mean = None;
            entry.weighted_mean = None;
        }
    }
    let published = df!(
        "item_id" => items.0.clone(), "research_question" => items.1.clone(), "theme" => items.2.clone(),
        "n" => items.3.clone(), "mean" => only_shown(&items.4, &item_shown),
        "weighted_mean" => only_shown(&items.5, &item_shown),
    )?;
    let frame = df!(
        "item_id" => items.0, "research_question" => items.1, "theme" => items.2,
        "n" => items.3, "mean" => items.4, "weighted_mean" => items.5,
    )?;
    tables.push("evaluation", frame, Some(published));
    // A value's count, share and weighted share are published when its count is.
    let shown: Vec<bool> = distribution
        .5
        .iter()
        .map(|&id| release.is_shown(id))
        .collect();
    for (at, item) in distribution.0.iter().enumerate() {
        if let Some(entry) = summary.get_mut(item) {
            entry.weighted_distribution.insert(
                distribution.1[at].to_string(),
                shown[at].then_some(distribution.4[at]),
            );
        }
    }
    let published = df!(
        "item_id" => distribution.0.clone(), "value" => distribution.1.clone(),
        "n" => only_shown(&distribution.2, &shown),
        "share" => only_shown(&distribution.3, &shown),
        "weighted_share" => only_shown(&distribution.4, &shown),
    )?;
    let frame = df!(
        "item_id" => distribution.0, "value" => distribution.1, "n" => distribution.2,
        "share" => distribution.3, "weighted_share" => distribution.4,
    )?;
    tables.push("evaluation_distribution", frame, Some(published));
    let shown: Vec<bool> = buurt_ids.iter().map(|&id| release.is_shown(id)).collect();
    for (at, item) in buurten.0.iter().enumerate() {
        if let Some(entry) = summary.get_mut(item) {
            entry
                .weighted_mean_by_buurt
                .insert(buurten.1[at].clone(), shown[at].then_some(buurten.4[at]));
        }
    }
    let published = df!(
        "item_id" => buurten.0.clone(), "buurt" => buurten.1.clone(),
        "n" => only_shown(&buurten.2, &shown),
        "mean" => only_shown(&buurten.3, &shown),
        "weighted_mean" => only_shown(&buurten.4, &shown),
    )?;
    let frame = df!(
        "item_id" => buurten.0, "buurt" => buurten.1, "n" => buurten.2,
        "mean" => buurten.3, "weighted_mean" => buurten.4,
    )?;
    tables.push("evaluation_by_buurt", frame, Some(published));
    Ok(((summary, research_questions), release))
}
