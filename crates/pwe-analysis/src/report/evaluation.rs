//! The report's evaluation: how residents judged the consultation, per
//! statement and research question.

use plotters::style::RGBColor;
use pwe_core::Survey;
use serde_json::Value;

use super::charts::{self, Bar};
use super::html::{Format, bi, both, both_fill, figure, table};
use super::sections::{Section, chart_pair, explain, heading, keys, lang_of, number};

pub(super) fn evaluation(survey: &Survey, summary: &Value) -> Section {
    let mut out = heading("report_how_did_participants_judge_consultation");
    out.push_str(&explain("report_answers_statements_from_strongly_disagree"));
    for rq in &keys(summary, "/research_questions") {
        out.push_str(&research_question(survey, summary, rq)?);
    }
    for q in survey.evaluation() {
        out.push_str(&grade(summary, q)?);
    }
    Ok(out)
}

/// The five answers of a statement, from strongly disagree to strongly agree.
const LIKERT: [RGBColor; 5] = [
    RGBColor(202, 0, 32),
    RGBColor(244, 165, 130),
    RGBColor(220, 220, 220),
    RGBColor(146, 197, 222),
    RGBColor(5, 113, 176),
];

/// A research question: its statements' answers as a chart, and every
/// question's weighted mean.
fn research_question(survey: &Survey, summary: &Value, rq: &str) -> Section {
    let mut out = String::new();
    let items: Vec<&pwe_core::survey::EvaluationQuestion> = survey
        .evaluation()
        .iter()
        .filter(|q| {
            q.research_question.as_deref() == Some(rq)
                && summary
                    .pointer(&format!("/evaluation/{}/kind", q.id))
                    .and_then(Value::as_str)
                    == Some("likert5")
        })
        .collect();
    out.push_str(&format!(
        "<h3>{}</h3>",
        both_fill("report_research_question_n", |_| vec![("rq", rq.into())])
    ));
    // A statement with a suppressed answer stays out of the chart: a
    // stacked bar would draw the hidden share as none.
    let (complete, hidden): (Vec<_>, Vec<_>) = items.into_iter().partition(|q| {
        (1..=5).all(|v| {
            number(
                summary,
                &format!("/evaluation/{}/weighted_distribution/{v}", q.id),
            )
            .is_some()
        })
    });
    if !complete.is_empty() {
        out.push_str(&statements_chart(summary, &complete)?);
    }
    if !hidden.is_empty() {
        let listed = |nl: bool| {
            hidden
                .iter()
                .map(|q| {
                    format!(
                        "\"{}\"",
                        if nl {
                            q.text.nl()
                        } else {
                            q.text.en().unwrap_or(q.text.nl())
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "<p class=\"note\">{}</p>",
            both_fill("report_statements_suppressed", |lang| vec![
                ("statements", listed(lang == pwe_core::Lang::Nl).into()),
                ("min", pwe_core::disclosure::MIN_GROUP.into()),
            ])
        ));
    }
    let rows: Vec<Vec<String>> = survey
        .evaluation()
        .iter()
        .filter(|q| {
            q.research_question.as_deref() == Some(rq)
                && summary.pointer(&format!("/evaluation/{}", q.id)).is_some()
        })
        .map(|q| {
            vec![
                bi(q.text.nl(), q.text.en().unwrap_or(q.text.nl())),
                figure(summary, &format!("/evaluation/{}/n", q.id), Format::Count),
                figure(
                    summary,
                    &format!("/evaluation/{}/weighted_mean", q.id),
                    Format::Decimals(2),
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_question"),
            "n".into(),
            both("report_weighted_mean"),
        ],
        &rows,
    ));
    Ok(out)
}

/// A grade question: the distribution of the grades and their weighted mean;
/// nothing for other questions.
fn grade(summary: &Value, q: &pwe_core::survey::EvaluationQuestion) -> Section {
    let mut out = String::new();
    if summary
        .pointer(&format!("/evaluation/{}/kind", q.id))
        .and_then(Value::as_str)
        != Some("grade")
    {
        return Ok(out);
    }
    let bars = |_: bool| -> Vec<Bar> {
        (0..=10)
            .map(|v| Bar {
                label: v.to_string(),
                value: number(
                    summary,
                    &format!("/evaluation/{}/weighted_distribution/{v}", q.id),
                ),
                interval: None,
            })
            .collect()
    };
    out.push_str(&format!(
        "<h3>{}</h3>",
        bi(q.text.nl(), q.text.en().unwrap_or(q.text.nl()))
    ));
    out.push_str(&chart_pair(
        |nl, frame| {
            let suppressed = pwe_core::words::words(lang_of(nl)).text("report_suppressed");
            charts::bars(frame, &bars(nl), suppressed)
        },
        "report_weighted_distribution_grades",
    )?);
    out.push_str(&format!(
        "<p>{} {}</p>",
        both("report_weighted_mean_grade"),
        figure(
            summary,
            &format!("/evaluation/{}/weighted_mean", q.id),
            Format::Decimals(1)
        )
    ));
    Ok(out)
}

/// A statement shortened to fit a chart label.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(45).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

/// The statements' answers as stacked bars, from strongly disagree to strongly agree.
fn statements_chart(summary: &Value, items: &[&pwe_core::survey::EvaluationQuestion]) -> Section {
    let rows: Vec<Vec<f64>> = items
        .iter()
        .map(|q| {
            (1..=5)
                .map(|v| {
                    number(
                        summary,
                        &format!("/evaluation/{}/weighted_distribution/{v}", q.id),
                    )
                    .unwrap_or(0.0)
                })
                .collect()
        })
        .collect();
    chart_pair(
        |nl, frame| {
            let labels: Vec<String> = items
                .iter()
                .map(|q| {
                    short(if nl {
                        q.text.nl()
                    } else {
                        q.text.en().unwrap_or(q.text.nl())
                    })
                })
                .collect();
            // The answers' words, lowercase in a legend.
            let legend: Vec<String> = (1..=5)
                .map(|v| {
                    pwe_core::survey::likert_word(v, lang_of(nl))
                        .unwrap_or_default()
                        .to_lowercase()
                })
                .collect();
            charts::stacked(frame, &labels, &legend, &rows, &LIKERT)
        },
        "report_weighted_distribution_answers_per_statement",
    )
}
