//! Representativeness: the raking weights, the sample against the population
//! per margin variable, chi-square tests and (partial) R-indicators.

use crate::polars::*;
use pwe_core::Survey;
use pwe_core::survey::QuestionKind;
use pwe_core::weighting::design::Missing;
use pwe_core::weighting::diagnostics::diagnose;
use pwe_core::weighting::indicators::{
    ResponseCell, chi_square, r_indicator, r_indicator_from_weights,
};
use pwe_core::weighting::{Margin, RakeConfig, Raking, Sample, rake};
use serde_json::{Map, Value, json};

use super::{Analysis, Context, round};
use crate::load::{BuurtParticipation, Responses};

/// The population category of every response on a margin variable: the buurt,
/// or the category of the answer to the background question mapped onto it.
pub(crate) fn margin_values(
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
                    .and_then(|c| c.margin_category())
            })
            .collect(),
    )
}

/// Rakes the responses to the margins it can map, with unanswered questions as
/// a category of their own; the problem in words when it cannot.
pub(crate) fn weigh(
    survey: &Survey,
    responses: &Responses,
    margins: &[Margin],
) -> Result<Raking, String> {
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

/// Adds the table `representativeness` and `summary.representativeness`.
pub(super) fn add(
    analysis: &mut Analysis,
    context: &Context<'_>,
    participation: &[BuurtParticipation],
) -> PolarsResult<()> {
    let raking = match &context.raking {
        Ok(raking) => raking,
        Err(problem) => {
            analysis.summary["representativeness"] = json!({ "weighting_problem": problem });
            return Ok(());
        }
    };
    let diagnostics = diagnose(raking);
    let invited: f64 = participation.iter().map(|p| p.invited as f64).sum();
    let mut margins_json = Map::new();
    let (mut var_col, mut cat_col, mut n_col) = (vec![], vec![], vec![]);
    let (mut sample_col, mut weighted_col, mut population_col, mut partial_col) =
        (vec![], vec![], vec![], vec![]);
    for margin in &diagnostics.margins {
        let observed: Vec<f64> = margin.categories.iter().map(|c| c.n as f64).collect();
        let population: Vec<f64> = margin.categories.iter().map(|c| c.population_pct).collect();
        let test = chi_square(&observed, &population).ok();
        // Response propensities per category: respondents over the invited in
        // it (known per buurt, else the population share of all invited).
        let cells: Vec<ResponseCell> = margin
            .categories
            .iter()
            .map(|c| ResponseCell {
                label: c.category.clone(),
                population: participation
                    .iter()
                    .find(|p| margin.variable == "buurt" && p.buurt == c.category)
                    .map_or(c.population_pct / 100.0 * invited, |p| p.invited as f64),
                respondents: c.n as f64,
            })
            .collect();
        let partial = r_indicator(&cells).ok();
        let mut categories = Vec::new();
        for (idx, c) in margin.categories.iter().enumerate() {
            let partial_r = partial.as_ref().map(|p| round(p.partial[idx].1));
            var_col.push(margin.variable.clone());
            cat_col.push(c.category.clone());
            n_col.push(c.n as u32);
            sample_col.push(round(c.sample_pct));
            weighted_col.push(round(c.weighted_pct));
            population_col.push(round(c.population_pct));
            partial_col.push(partial_r);
            categories.push(json!({
                "category": c.category,
                "n": c.n,
                "sample_pct": round(c.sample_pct),
                "weighted_pct": round(c.weighted_pct),
                "population_pct": round(c.population_pct),
                "partial_r": partial_r,
            }));
        }
        margins_json.insert(
            margin.variable.clone(),
            json!({
                "chi_square": test.map(|t| round(t.statistic)),
                "df": test.map(|t| t.df),
                "p_value": test.map(|t| round(t.p_value)),
                "partial_r": partial.map(|p| round(p.s)),
                "max_asmd_before": round(margin.max_asmd_before),
                "max_asmd_after": round(margin.max_asmd_after),
                "categories": categories,
            }),
        );
    }
    let r = r_indicator_from_weights(&raking.weights);
    analysis.summary["representativeness"] = json!({
        "design_effect": round(diagnostics.design_effect),
        "effective_n": round(diagnostics.effective_n),
        "r_indicator": round(r.r),
        "weights": {
            "min": round(diagnostics.min),
            "max": round(diagnostics.max),
            "percentiles": diagnostics.percentiles.iter().map(|(p, v)| (format!("p{}", (p * 100.0).round()), Value::from(round(*v)))).collect::<Map<_, _>>(),
        },
        "margins": margins_json,
    });
    let frame = df!(
        "variable" => var_col, "category" => cat_col, "n" => n_col,
        "sample_pct" => sample_col, "weighted_pct" => weighted_col,
        "population_pct" => population_col, "partial_r" => partial_col,
    )?;
    analysis.push("representativeness", frame, None);
    Ok(())
}
