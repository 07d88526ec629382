//! The report's section on the arguments: which values residents name for and
//! against each option, with quotes.

use pwe_core::Survey;
use pwe_core::export::Stance;
use serde_json::Value;

use super::html::{Format, bi, both, esc, figure, table};
use super::sections::{explain, heading, option_cell};

/// Themes per option and stance, the unmatched share, words and quotes.
pub fn arguments(survey: &Survey, summary: &Value) -> String {
    let Some(arguments) = summary.get("arguments") else {
        return String::new();
    };
    let mut out = heading("report_why_arguments");
    if arguments["n_with_text"].as_u64().unwrap_or(0) == 0 {
        out.push_str(&explain("report_data_hold_no_motivations_free"));
        return out;
    }
    out.push_str(&explain("report_every_choice_households_could_explain"));
    out.push_str(&format!(
        "<p>{} {} · {} {}</p>",
        both("report_motivations"),
        figure(summary, "/arguments/n_with_text", Format::Count),
        both("report_without_recognised_value"),
        figure(summary, "/arguments/unmatched_share", Format::Percent),
    ));
    let themes: Vec<Value> = arguments["themes"].as_array().cloned().unwrap_or_default();
    let mut header = vec![both("report_option"), both("report_stance"), "n".into()];
    header.extend(themes.iter().map(|t| {
        bi(
            t["nl"].as_str().unwrap_or_default(),
            t["en"].as_str().unwrap_or_default(),
        )
    }));
    let mut rows = Vec::new();
    let mut quotes = String::new();
    for (c, cell) in arguments["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let option = cell["option"].as_str().unwrap_or_default();
        let pro = cell["stance"] == Stance::Pro.code();
        let stance = if pro {
            both("report_for")
        } else {
            both("report_against")
        };
        let mut row = vec![
            option_cell(survey, option),
            stance.clone(),
            figure(summary, &format!("/arguments/cells/{c}/n"), Format::Count),
        ];
        row.extend((0..themes.len()).map(|t| {
            figure(
                summary,
                &format!("/arguments/cells/{c}/themes/{t}/weighted_share"),
                Format::Percent,
            )
        }));
        rows.push(row);
        quotes.push_str(&cell_quotes(survey, cell, option, &stance));
    }
    out.push_str("<div style=\"overflow-x:auto\">");
    out.push_str(&table(&header, &rows));
    out.push_str("</div>");
    out.push_str(&format!(
        "<details><summary>{}</summary>{quotes}</details>",
        both("report_quotes_per_option")
    ));
    out.push_str(&agreement(summary, arguments));
    out
}

/// Agreement between coders and with the codebook; nothing without coders.
fn agreement(summary: &Value, arguments: &Value) -> String {
    let agreement: Vec<Vec<String>> = arguments["agreement"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, a)| {
            vec![
                format!(
                    "{} – {}",
                    esc(a["a"].as_str().unwrap_or_default()),
                    esc(a["b"].as_str().unwrap_or_default())
                ),
                figure(
                    summary,
                    &format!("/arguments/agreement/{i}/n"),
                    Format::Count,
                ),
                figure(
                    summary,
                    &format!("/arguments/agreement/{i}/kappa_mean"),
                    Format::Decimals(2),
                ),
            ]
        })
        .collect();
    if agreement.is_empty() {
        return String::new();
    }
    format!(
        "<h3>{}</h3>{}",
        both("report_agreement_between_coders_cohen_s"),
        table(
            &[both("report_coders"), "n".into(), both("report_mean_kappa")],
            &agreement
        )
    )
}

/// A cell's quotes with its distinctive words; nothing when it has none.
fn cell_quotes(survey: &Survey, cell: &Value, option: &str, stance: &str) -> String {
    let said: Vec<String> = cell["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|q| format!("<li>“{}”</li>", esc(q.as_str().unwrap_or_default())))
        .collect();
    if said.is_empty() {
        return String::new();
    }
    let words: Vec<String> = cell["distinctive_words"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| esc(w["word"].as_str().unwrap_or_default()))
        .collect();
    format!(
        "<h4>{} — {}</h4><p class=\"note\">{} {}</p><ul>{}</ul>",
        option_cell(survey, option),
        stance,
        both("report_distinctive_words"),
        words.join(", "),
        said.concat()
    )
}
