//! The figures of an analysis batch, as tables (polars data frames) and a
//! JSON summary that holds every overall figure.

use std::collections::BTreeMap;

use polars::prelude::*;
use pwe_core::survey::QuestionKind;
use pwe_core::weighting::design::Missing;
use pwe_core::weighting::diagnostics::diagnose;
use pwe_core::weighting::indicators::{chi_square, r_indicator_from_weights};
use pwe_core::weighting::proportion::{Adjustment, proportion};
use pwe_core::weighting::{Margin, RakeConfig, Raking, Sample, rake};
use pwe_core::{ChoiceTask, Portfolio, Survey};
use serde_json::{Value, json};

use crate::load::{BuurtParticipation, Responses};

/// An option's overall share: id, chosen, share, weighted share, Korn–Graubard
/// and Wilson bounds.
type ShareRow = (String, usize, f64, f64, f64, f64, f64, f64);

/// Groups smaller than this are suppressed in published tables.
pub const MIN_GROUP: usize = 10;

/// A table of the analysis.
pub struct Table {
    /// The file name without extension.
    pub name: &'static str,
    /// The researcher's table (nothing suppressed).
    pub frame: DataFrame,
    /// The published table, with groups under [`MIN_GROUP`] suppressed, when it differs.
    pub published: Option<DataFrame>,
}

/// Everything an analysis batch computed.
pub struct Analysis {
    /// The tables.
    pub tables: Vec<Table>,
    /// Every overall figure.
    pub summary: Value,
}

/// Why the analysis could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalyzeError {
    /// There are no usable responses.
    #[error("the export has no usable responses")]
    NoResponses,
    /// A table could not be built.
    #[error("building a table: {0}")]
    Table(#[from] PolarsError),
}

/// The population category of every response on a margin variable.
fn margin_values(
    survey: &Survey,
    responses: &Responses,
    variable: &str,
) -> Option<Vec<Option<String>>> {
    if variable == "buurt" {
        return Some(responses.buurt.iter().cloned().map(Some).collect());
    }
    let question_idx = survey
        .background()
        .iter()
        .position(|q| q.margin.as_deref() == Some(variable))?;
    let QuestionKind::Single(choices) = &survey.background()[question_idx].kind else {
        return None;
    };
    Some(
        responses.background[question_idx]
            .iter()
            .map(|answer| {
                let answer = answer.as_deref()?;
                choices
                    .iter()
                    .find(|c| c.id == answer)
                    .map(|c| c.category.clone().unwrap_or_else(|| c.id.clone()))
            })
            .collect(),
    )
}

/// Rakes the responses to the margins it can map; the problem when it cannot.
fn weigh(survey: &Survey, responses: &Responses, margins: &[Margin]) -> Result<Raking, String> {
    let mut columns = Vec::new();
    let mut used = Vec::new();
    for margin in margins {
        if let Some(values) = margin_values(survey, responses, &margin.variable) {
            columns.push((margin.variable.clone(), values));
            used.push(margin.clone());
        }
    }
    let sample = Sample::new(columns, None).map_err(|e| e.to_string())?;
    let mut config = RakeConfig::default();
    config.design.missing = Missing::OwnCategory;
    rake(&sample, &used, &config).map_err(|e| e.to_string())
}

fn round(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// Computes every figure.
///
/// # Errors
/// No responses, or a table polars cannot build.
pub fn analyze(
    survey: &Survey,
    responses: &Responses,
    participation: &[BuurtParticipation],
    margins: &[Margin],
) -> Result<Analysis, AnalyzeError> {
    let n = responses.ids.len();
    if n == 0 {
        return Err(AnalyzeError::NoResponses);
    }
    let raking = weigh(survey, responses, margins);
    let weights: Vec<f64> = match &raking {
        Ok(raking) => raking.weights.clone(),
        Err(_) => vec![1.0; n],
    };
    let options = survey.options();
    let chose = |response: usize, option_idx: usize| responses.levels[response][option_idx] > 0;
    let mut tables = Vec::new();
    let mut summary = json!({ "survey": survey.meta().id, "n_responses": n, "n_excluded": responses.excluded.len() });

    // Participation.
    let frame = df!(
        "buurt" => participation.iter().map(|p| p.buurt.clone()).collect::<Vec<_>>(),
        "invited" => participation.iter().map(|p| p.invited).collect::<Vec<_>>(),
        "started" => participation.iter().map(|p| p.started).collect::<Vec<_>>(),
        "submitted" => participation.iter().map(|p| p.submitted).collect::<Vec<_>>(),
        "response_rate" => participation.iter().map(|p| round(p.submitted as f64 / p.invited.max(1) as f64)).collect::<Vec<_>>(),
    )?;
    let invited: i64 = participation.iter().map(|p| p.invited).sum();
    let submitted: i64 = participation.iter().map(|p| p.submitted).sum();
    summary["participation"] = json!({ "invited": invited, "submitted": submitted, "response_rate": round(submitted as f64 / invited.max(1) as f64) });
    tables.push(Table {
        name: "participation",
        frame,
        published: None,
    });

    // Option shares, overall.
    let mut rows: Vec<ShareRow> = Vec::new();
    for (option_idx, option) in options.iter().enumerate() {
        let y: Vec<bool> = (0..n).map(|r| chose(r, option_idx)).collect();
        let chosen = y.iter().filter(|c| **c).count();
        let calibration = raking.as_ref().ok().map(|r| &r.calibration);
        let adjustment = if calibration.is_some() {
            Adjustment::Calibrate
        } else {
            Adjustment::None
        };
        let weighted = proportion(&y, &weights, calibration, adjustment).ok();
        let (share, kg, wilson) = weighted.map_or(
            (f64::NAN, (f64::NAN, f64::NAN), (f64::NAN, f64::NAN)),
            |p| (p.estimate, p.korn_graubard, p.wilson),
        );
        rows.push((
            option.id.clone(),
            chosen,
            round(chosen as f64 / n as f64),
            round(share),
            round(kg.0),
            round(kg.1),
            round(wilson.0),
            round(wilson.1),
        ));
    }
    let frame = df!(
        "option_id" => rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        "chosen" => rows.iter().map(|r| r.1 as u32).collect::<Vec<_>>(),
        "share" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "weighted_share" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "kg_lower" => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        "kg_upper" => rows.iter().map(|r| r.5).collect::<Vec<_>>(),
        "wilson_lower" => rows.iter().map(|r| r.6).collect::<Vec<_>>(),
        "wilson_upper" => rows.iter().map(|r| r.7).collect::<Vec<_>>(),
    )?;
    summary["option_shares"] = Value::Object(
        rows.iter()
            .map(|r| (r.0.clone(), json!({ "chosen": r.1, "share": r.2, "weighted_share": r.3, "kg_95": [r.4, r.5] })))
            .collect(),
    );
    tables.push(Table {
        name: "shares",
        frame,
        published: None,
    });

    // Option shares per buurt; published with groups under ten suppressed.
    let mut by_buurt: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (r, buurt) in responses.buurt.iter().enumerate() {
        by_buurt.entry(buurt).or_default().push(r);
    }
    let (mut buurt_col, mut option_col, mut n_col, mut share_col, mut weighted_col) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (buurt, members) in &by_buurt {
        let total_w: f64 = members.iter().map(|&r| weights[r]).sum();
        for (option_idx, option) in options.iter().enumerate() {
            let chosen = members.iter().filter(|&&r| chose(r, option_idx)).count();
            let chosen_w: f64 = members
                .iter()
                .filter(|&&r| chose(r, option_idx))
                .map(|&r| weights[r])
                .sum();
            buurt_col.push(buurt.to_string());
            option_col.push(option.id.clone());
            n_col.push(members.len() as u32);
            share_col.push(round(chosen as f64 / members.len() as f64));
            weighted_col.push(round(chosen_w / total_w));
        }
    }
    let suppress = |values: &[f64]| -> Vec<Option<f64>> {
        values
            .iter()
            .zip(&n_col)
            .map(|(v, n)| ((*n as usize) >= MIN_GROUP).then_some(*v))
            .collect()
    };
    let published = df!(
        "buurt" => buurt_col.clone(), "option_id" => option_col.clone(), "n" => n_col.clone(),
        "share" => suppress(&share_col), "weighted_share" => suppress(&weighted_col),
    )?;
    let frame = df!("buurt" => buurt_col, "option_id" => option_col, "n" => n_col.clone(), "share" => share_col, "weighted_share" => weighted_col)?;
    tables.push(Table {
        name: "shares_by_buurt",
        frame,
        published: Some(published),
    });

    // Spend, the budget used and the flexible budget's tax change.
    let mut costs = Vec::with_capacity(n);
    let mut budget_used = Vec::with_capacity(n);
    let (mut up, mut down) = (0usize, 0usize);
    for r in 0..n {
        let task = ChoiceTask::new(survey, &survey.versions()[responses.version_idx[r]]);
        if let Ok(portfolio) = Portfolio::from_levels(survey, responses.levels[r].clone()) {
            let totals = task.totals(&portfolio);
            costs.push(totals.cost.get() as f64);
            budget_used.push(totals.cost.get() as f64 / totals.budget.get().max(1) as f64);
            match totals.tax_change {
                Some(t) if t > 0.0 => up += 1,
                Some(t) if t < 0.0 => down += 1,
                _ => {}
            }
        }
    }
    summary["spend"] = json!({
        "mean_cost": round(costs.iter().sum::<f64>() / n as f64),
        "mean_share_of_budget": round(budget_used.iter().sum::<f64>() / n as f64),
        "share_tax_up": round(up as f64 / n as f64),
        "share_tax_down": round(down as f64 / n as f64),
    });

    // Pairs of options chosen together: lift = P(a and b) / (P(a) P(b)).
    let (mut a_col, mut b_col, mut both_col, mut lift_col) = (vec![], vec![], vec![], vec![]);
    for a in 0..options.len() {
        for b in a + 1..options.len() {
            let both = (0..n).filter(|&r| chose(r, a) && chose(r, b)).count();
            let pa = (0..n).filter(|&r| chose(r, a)).count() as f64 / n as f64;
            let pb = (0..n).filter(|&r| chose(r, b)).count() as f64 / n as f64;
            a_col.push(options[a].id.clone());
            b_col.push(options[b].id.clone());
            both_col.push(both as u32);
            lift_col.push(if pa * pb > 0.0 {
                round(both as f64 / n as f64 / (pa * pb))
            } else {
                f64::NAN
            });
        }
    }
    let frame =
        df!("option_a" => a_col, "option_b" => b_col, "both" => both_col, "lift" => lift_col)?;
    tables.push(Table {
        name: "coselection",
        frame,
        published: None,
    });

    // The most chosen portfolios.
    let mut counts: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
    for levels in &responses.levels {
        *counts.entry(levels.clone()).or_default() += 1;
    }
    let mut ranked: Vec<(Vec<u8>, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(10);
    let describe = |levels: &[u8]| {
        levels
            .iter()
            .zip(options)
            .filter(|(l, _)| **l > 0)
            .map(|(l, o)| {
                if o.is_binary() {
                    o.id.clone()
                } else {
                    format!("{}:{l}", o.id)
                }
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    let frame = df!(
        "rank" => (1..=ranked.len() as u32).collect::<Vec<_>>(),
        "portfolio" => ranked.iter().map(|(l, _)| describe(l)).collect::<Vec<_>>(),
        "n" => ranked.iter().map(|(_, c)| *c as u32).collect::<Vec<_>>(),
        "share" => ranked.iter().map(|(_, c)| round(*c as f64 / n as f64)).collect::<Vec<_>>(),
    )?;
    let published = frame
        .clone()
        .lazy()
        .filter(col("n").gt_eq(lit(MIN_GROUP as u32)))
        .collect()?;
    tables.push(Table {
        name: "portfolios",
        frame,
        published: Some(published),
    });

    // Evaluation items: mean and weighted mean of the numeric answers.
    let (mut item_col, mut rq_col, mut theme_col, mut n_col, mut mean_col, mut wmean_col) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (item_idx, item) in survey.evaluation().iter().enumerate() {
        let values: Vec<(f64, f64)> = responses.evaluation[item_idx]
            .iter()
            .zip(&weights)
            .filter_map(|(v, w)| {
                v.as_deref()
                    .and_then(|v| v.parse::<f64>().ok())
                    .map(|v| (v, *w))
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        let mean = values.iter().map(|(v, _)| v).sum::<f64>() / values.len() as f64;
        let total_w: f64 = values.iter().map(|(_, w)| w).sum();
        item_col.push(item.id.clone());
        rq_col.push(item.research_question.clone().unwrap_or_default());
        theme_col.push(item.theme.map(|t| t.name().to_string()).unwrap_or_default());
        n_col.push(values.len() as u32);
        mean_col.push(round(mean));
        wmean_col.push(round(
            values.iter().map(|(v, w)| v * w).sum::<f64>() / total_w,
        ));
    }
    summary["evaluation"] = Value::Object(
        item_col
            .iter()
            .zip(&mean_col)
            .zip(&wmean_col)
            .map(|((id, m), w)| (id.clone(), json!({ "mean": m, "weighted_mean": w })))
            .collect(),
    );
    let frame = df!("item_id" => item_col, "research_question" => rq_col, "theme" => theme_col, "n" => n_col, "mean" => mean_col, "weighted_mean" => wmean_col)?;
    tables.push(Table {
        name: "evaluation",
        frame,
        published: None,
    });

    // Representativeness and the weights.
    match &raking {
        Ok(raking) => {
            let diagnostics = diagnose(raking);
            let r = r_indicator_from_weights(&raking.weights);
            let mut margins_json = serde_json::Map::new();
            let (mut var_col, mut cat_col, mut n_col, mut s_col, mut w_col, mut p_col) =
                (vec![], vec![], vec![], vec![], vec![], vec![]);
            for margin in &diagnostics.margins {
                let observed: Vec<f64> = margin.categories.iter().map(|c| c.n as f64).collect();
                let population: Vec<f64> =
                    margin.categories.iter().map(|c| c.population_pct).collect();
                let test = chi_square(&observed, &population).ok();
                margins_json.insert(
                    margin.variable.clone(),
                    json!({ "chi_square": test.map(|t| round(t.statistic)), "p_value": test.map(|t| t.p_value), "max_asmd_before": round(margin.max_asmd_before) }),
                );
                for c in &margin.categories {
                    var_col.push(margin.variable.clone());
                    cat_col.push(c.category.clone());
                    n_col.push(c.n as u32);
                    s_col.push(round(c.sample_pct));
                    w_col.push(round(c.weighted_pct));
                    p_col.push(round(c.population_pct));
                }
            }
            summary["representativeness"] = json!({
                "design_effect": round(diagnostics.design_effect),
                "effective_n": round(diagnostics.effective_n),
                "r_indicator": round(r.r),
                "margins": margins_json,
            });
            let frame = df!("variable" => var_col, "category" => cat_col, "n" => n_col, "sample_pct" => s_col, "weighted_pct" => w_col, "population_pct" => p_col)?;
            tables.push(Table {
                name: "representativeness",
                frame,
                published: None,
            });
        }
        Err(problem) => summary["representativeness"] = json!({ "weighting_problem": problem }),
    }
    summary["excluded"] = Value::Array(
        responses
            .excluded
            .iter()
            .map(|(id, why)| json!({ "response_id": id, "reason": why }))
            .collect(),
    );
    Ok(Analysis { tables, summary })
}

/// Writes every table as CSV and Parquet (researcher tables, and `published/`
/// with small groups suppressed) and the summary as JSON.
///
/// # Errors
/// A file that cannot be written.
pub fn write(analysis: &mut Analysis, dir: &std::path::Path) -> Result<(), String> {
    let published_dir = dir.join("published");
    std::fs::create_dir_all(&published_dir)
        .map_err(|e| format!("{}: {e}", published_dir.display()))?;
    for table in &mut analysis.tables {
        let mut targets = vec![(dir.to_path_buf(), table.frame.clone())];
        targets.push((
            published_dir.clone(),
            table
                .published
                .clone()
                .unwrap_or_else(|| table.frame.clone()),
        ));
        for (folder, mut frame) in targets {
            let csv_path = folder.join(format!("{}.csv", table.name));
            let mut file = std::fs::File::create(&csv_path)
                .map_err(|e| format!("{}: {e}", csv_path.display()))?;
            CsvWriter::new(&mut file)
                .finish(&mut frame)
                .map_err(|e| format!("{}: {e}", csv_path.display()))?;
            let parquet_path = folder.join(format!("{}.parquet", table.name));
            let file = std::fs::File::create(&parquet_path)
                .map_err(|e| format!("{}: {e}", parquet_path.display()))?;
            ParquetWriter::new(file)
                .finish(&mut frame)
                .map_err(|e| format!("{}: {e}", parquet_path.display()))?;
        }
    }
    let summary = serde_json::to_string_pretty(&analysis.summary).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("summary.json"), summary + "\n")
        .map_err(|e| format!("summary.json: {e}"))
}
