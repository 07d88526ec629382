//! Representativeness: the raking weights, the sample against the population
//! per margin variable, chi-square tests and (partial) R-indicators.

use crate::polars::*;
use pwe_core::Survey;
use pwe_core::weighting::diagnostics::LARGE_WEIGHT;
use pwe_core::weighting::representativeness::{
    ALPHA, Assessment, LARGE_BIAS, SMALL_DIFFERENCE, assess,
};
use pwe_core::weighting::responses::rake_responses;
use pwe_core::weighting::{Margin, Raking};
use std::collections::BTreeMap;

use super::{Context, Tables, round};
use crate::load::{BuurtParticipation, Responses};
use crate::summary::{
    Assessed, CategoryFigures, MarginFigures, Representativeness, Thresholds, WeightFigures,
};

/// Rakes the responses to the margins it can map, with unanswered questions as
/// a category of their own; the problem in words when it cannot
/// (`pwe_core::weighting::responses`, as the service's results page does).
pub(crate) fn weigh(
    survey: &Survey,
    responses: &Responses,
    margins: &[Margin],
) -> Result<Raking, String> {
    let buurt: Vec<&str> = responses.buurt.iter().map(String::as_str).collect();
    let background: Vec<Vec<Option<&str>>> = responses
        .background
        .iter()
        .map(|column| column.iter().map(|a| a.as_deref()).collect())
        .collect();
    rake_responses(survey, margins, &buurt, &background)
}

/// Adds the table `representativeness`; returns `summary.representativeness`.
pub(super) fn add(
    tables: &mut Tables,
    context: &Context<'_>,
    margins: &[Margin],
    participation: &[BuurtParticipation],
) -> PolarsResult<Representativeness> {
    let problem = |weighting_problem: String| Representativeness::Problem { weighting_problem };
    let raking = match &context.raking {
        Ok(raking) => raking,
        Err(why) => return Ok(problem(why.clone())),
    };
    let invited: Vec<(String, f64)> = participation
        .iter()
        .map(|p| (p.buurt.clone(), p.invited as f64))
        .collect();
    let assessment = match assess(raking, margins, &raking.weights, Some(&invited)) {
        Ok(assessment) => assessment,
        Err(why) => return Ok(problem(why.to_string())),
    };
    let mut margin_figures = BTreeMap::new();
    let (mut var_col, mut cat_col, mut n_col) = (vec![], vec![], vec![]);
    let (mut sample_col, mut weighted_col, mut population_col, mut partial_col) =
        (vec![], vec![], vec![], vec![]);
    for margin in &assessment.margins {
        let mut categories = Vec::new();
        for (idx, c) in margin.categories.iter().enumerate() {
            let partial_r = margin.indicator.as_ref().map(|p| round(p.partial[idx].1));
            var_col.push(margin.variable.clone());
            cat_col.push(c.category.clone());
            n_col.push(c.n as u32);
            sample_col.push(round(c.sample_pct));
            weighted_col.push(round(c.weighted_pct));
            population_col.push(round(c.population_pct));
            partial_col.push(partial_r);
            categories.push(CategoryFigures {
                category: c.category.clone(),
                n: c.n,
                sample_pct: round(c.sample_pct),
                weighted_pct: round(c.weighted_pct),
                population_pct: round(c.population_pct),
                asmd_before: round(c.asmd_before),
                partial_r,
            });
        }
        margin_figures.insert(
            margin.variable.clone(),
            MarginFigures {
                chi_square: margin.test.map(|t| round(t.statistic)),
                df: margin.test.map(|t| t.df),
                p_value: margin.test.map(|t| round(t.p_value)),
                partial_r: margin.indicator.as_ref().map(|p| round(p.s)),
                max_asmd_before: round(margin.max_asmd_before),
                max_asmd_after: round(margin.max_asmd_after),
                missing: margin.missing,
                missing_pct: round(margin.missing_pct),
                shares_only: margin.shares_only,
                verdict: margin.verdict.code(),
                categories,
            },
        );
    }
    let frame = df!(
        "variable" => var_col, "category" => cat_col, "n" => n_col,
        "sample_pct" => sample_col, "weighted_pct" => weighted_col,
        "population_pct" => population_col, "partial_r" => partial_col,
    )?;
    tables.push("representativeness", frame, None);
    Ok(Representativeness::Assessed(Box::new(overall(
        &assessment,
        margin_figures,
    ))))
}

/// summary.representativeness: the weights, the R-indicator, the verdict,
/// the thresholds it was judged by, and `margins`.
fn overall(assessment: &Assessment, margins: BTreeMap<String, MarginFigures>) -> Assessed {
    let diagnostics = &assessment.diagnostics;
    let r = &assessment.overall;
    Assessed {
        design_effect: round(diagnostics.design_effect),
        effective_n: round(diagnostics.effective_n),
        invited: round(assessment.invited),
        r_indicator: round(r.r),
        r_indicator_adjusted: round(r.r_adjusted),
        r_indicator_se: r.se.map(round),
        r_indicator_low: round(r.interval.0),
        r_indicator_high: round(r.interval.1),
        mean_propensity: round(r.mean_propensity),
        max_bias: round(r.max_bias),
        max_bias_high: round(r.max_bias_high),
        verdict: assessment.verdict.code(),
        thresholds: Thresholds {
            alpha: ALPHA,
            small_difference: SMALL_DIFFERENCE,
            large_bias: LARGE_BIAS,
            large_weight: LARGE_WEIGHT,
        },
        weights: WeightFigures {
            min: round(diagnostics.min),
            max: round(diagnostics.max),
            max_ratio: round(diagnostics.max_ratio),
            n_large: diagnostics.n_large,
            percentiles: diagnostics
                .percentiles
                .iter()
                .map(|(p, v)| (format!("p{}", (p * 100.0).round()), round(*v)))
                .collect(),
        },
        margins,
    }
}
