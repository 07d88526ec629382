//! Survey responses as a weighting sample, once for the service's public
//! results and the analysis's report, so both weight the same way: the buurt
//! from the invitation, other margins from the single-choice background
//! question the survey maps onto them, a skipped question (or "prefer not to
//! say") its own category, and a margin no question maps onto left out.

use crate::survey::{QuestionKind, Survey};

use super::{Margin, Missing, RakeConfig, Raking, Sample, WeightingError, rake};

/// Each response's category on `variable`: its buurt, or the category of its
/// answer to the background question mapped onto the variable; None when no
/// single-choice question is.
///
/// `buurt[response]` is the buurt; `background[question][response]` the
/// answer (a choice id) to each background question, in the survey's order.
pub fn margin_values(
    survey: &Survey,
    variable: &str,
    buurt: &[&str],
    background: &[Vec<Option<&str>>],
) -> Option<Vec<Option<String>>> {
    if variable == "buurt" {
        return Some(buurt.iter().map(|b| Some(b.to_string())).collect());
    }
    let question = survey
        .background()
        .iter()
        .position(|q| q.margin.as_deref() == Some(variable))?;
    let QuestionKind::Single(choices) = &survey.background()[question].kind else {
        return None;
    };
    let answers = background.get(question)?;
    Some(
        answers
            .iter()
            .map(|answer| {
                choices
                    .iter()
                    .find(|c| Some(c.id.as_str()) == *answer)
                    .and_then(|c| c.margin_category())
            })
            .collect(),
    )
}

/// Rakes the responses to the margins they can be mapped onto.
///
/// # Errors
/// The problem in words when the responses cannot be weighted (a category
/// the population lacks, a target that cannot be met, ...).
pub fn rake_responses(
    survey: &Survey,
    margins: &[Margin],
    buurt: &[&str],
    background: &[Vec<Option<&str>>],
) -> Result<Raking, String> {
    weigh_responses(survey, margins, buurt, background).map_err(|e| e.to_string())
}

/// [`rake_responses`], with the problem as the typed error, for callers that
/// write it in a person's language.
///
/// # Errors
/// Why the responses cannot be weighted.
pub fn weigh_responses(
    survey: &Survey,
    margins: &[Margin],
    buurt: &[&str],
    background: &[Vec<Option<&str>>],
) -> Result<Raking, WeightingError> {
    let mut columns = Vec::new();
    let mut used = Vec::new();
    for margin in margins {
        if let Some(values) = margin_values(survey, &margin.variable, buurt, background) {
            columns.push((margin.variable.clone(), values));
            used.push(margin.clone());
        }
    }
    let sample = Sample::new(columns, None)?;
    let mut config = RakeConfig::default();
    config.design.missing = Missing::OwnCategory;
    rake(&sample, &used, &config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weighting::TargetKind;

    const MALL: &str = include_str!("../../../../surveys/mall-parkeren.toml");

    fn margin(variable: &str, targets: &[(&str, f64)]) -> Margin {
        Margin {
            variable: variable.into(),
            targets: targets.iter().map(|(c, t)| (c.to_string(), *t)).collect(),
            kind: TargetKind::Counts,
        }
    }

    #[test]
    fn answers_map_to_categories_and_a_margin_without_a_question_is_left_out() {
        let survey = Survey::parse(MALL, "mall-parkeren.toml").unwrap();
        let buurt = ["BU1", "BU2", "BU1", "BU2"];
        let age = survey
            .background()
            .iter()
            .position(|q| q.id == "leeftijd")
            .unwrap();
        let mut background = vec![vec![None; 4]; survey.background().len()];
        background[age] = vec![Some("25-44"), Some("65-plus"), None, Some("25-44")];
        let values = margin_values(&survey, "leeftijd", &buurt, &background).unwrap();
        assert_eq!(
            values,
            [
                Some("25-44".to_string()),
                Some("65+".into()),
                None,
                Some("25-44".into())
            ]
        );
        assert!(margin_values(&survey, "inkomen", &buurt, &background).is_none());
        let margins = [
            margin("buurt", &[("BU1", 60.0), ("BU2", 40.0)]),
            margin("inkomen", &[("laag", 50.0), ("hoog", 50.0)]),
        ];
        let raking = rake_responses(&survey, &margins, &buurt, &background).unwrap();
        let total: f64 = raking.weights.iter().sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
        assert!((raking.weights[0] - 30.0).abs() < 1e-9);
    }
}
