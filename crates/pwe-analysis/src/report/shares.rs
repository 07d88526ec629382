//! The report's choices: option shares, shares per group, spend and the most
//! chosen portfolios.

use pwe_core::Survey;
use pwe_core::disclosure::MIN_GROUP;
use pwe_core::format::percent;
use pwe_core::words::words;
use serde_json::Value;

use super::charts::{self, Bar};
use super::html::{Format, bi, both, both_fill, esc, figure, protected, table};
use super::sections::{
    Section, buurt_name, chart_pair, choice_label, explain, explain_html, heading, in_survey_order,
    keys, lang_of, number, option_cell, option_title, portfolio,
};

pub(super) fn shares(survey: &Survey, summary: &Value) -> Section {
    let mut out = heading("report_which_options_did_households_choose");
    out.push_str(&explain("report_weighted_share_households_included_option"));
    let ids: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
    // The chart from most to least chosen (suppressed shares last).
    let mut sorted = ids.clone();
    let share = |id: &String| number(summary, &format!("/option_shares/{id}/weighted_share"));
    sorted.sort_by(|a, b| {
        share(b)
            .unwrap_or(-1.0)
            .total_cmp(&share(a).unwrap_or(-1.0))
    });
    let bars = |nl: bool| -> Vec<Bar> {
        sorted
            .iter()
            .map(|id| {
                let base = format!("/option_shares/{id}");
                Bar {
                    label: option_title(survey, id, nl),
                    value: number(summary, &format!("{base}/weighted_share")),
                    interval: number(summary, &format!("{base}/kg_95/0"))
                        .zip(number(summary, &format!("{base}/kg_95/1"))),
                }
            })
            .collect()
    };
    out.push_str(&chart_pair(
        |nl, frame| {
            charts::bars(
                frame,
                &bars(nl),
                words(lang_of(nl)).text("report_suppressed"),
            )
        },
        "report_weighted_share_per_option_95",
    )?);
    for group in &survey.rules().exclusive {
        out.push_str(&exclusive_group(survey, summary, group)?);
    }
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let at = |field: &str, format| {
                protected(summary, &format!("/option_shares/{id}/{field}"), format)
            };
            vec![
                option_cell(survey, id),
                at("share", Format::Percent),
                at("weighted_share", Format::Percent),
                match number(summary, &format!("/option_shares/{id}/kg_95/0")) {
                    Some(_) => format!(
                        "{} – {}",
                        at("kg_95/0", Format::Percent),
                        at("kg_95/1", Format::Percent)
                    ),
                    None => at("kg_95/0", Format::Percent),
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_option"),
            both("report_unweighted"),
            both("report_weighted"),
            both("report_interval_95"),
        ],
        &rows,
    ));
    out.push_str(&per_buurt(survey, summary, &ids)?);
    Ok(out)
}

/// The shares per buurt: a heat map and its table.
fn per_buurt(survey: &Survey, summary: &Value, ids: &[String]) -> Section {
    let buurten = keys(summary, "/shares_by_buurt");
    let mut out = format!("<h3>{}</h3>", both("report_per_buurt"));
    out.push_str(&explain_html(&both_fill(
        "report_per_buurt_explain",
        |_| vec![("min", MIN_GROUP.into())],
    )));
    let values: Vec<Vec<Option<f64>>> = buurten
        .iter()
        .map(|b| {
            ids.iter()
                .map(|id| {
                    number(
                        summary,
                        &format!("/shares_by_buurt/{b}/weighted_shares/{id}"),
                    )
                })
                .collect()
        })
        .collect();
    out.push_str(&chart_pair(
        |nl, frame| {
            let columns: Vec<String> = ids.iter().map(|id| option_title(survey, id, nl)).collect();
            let names: Vec<String> = buurten.iter().map(|b| buurt_name(summary, b)).collect();
            charts::heat_map(frame, &names, &columns, &values)
        },
        "report_buurt_option_weighted_share_percent",
    )?);
    let mut header = vec![both("report_option")];
    header.extend(buurten.iter().map(|b| {
        format!(
            "{}<br>n = {}",
            esc(&buurt_name(summary, b)),
            protected(summary, &format!("/shares_by_buurt/{b}/n"), Format::Count)
        )
    }));
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let mut row = vec![option_cell(survey, id)];
            row.extend(buurten.iter().map(|b| {
                protected(
                    summary,
                    &format!("/shares_by_buurt/{b}/weighted_shares/{id}"),
                    Format::Percent,
                )
            }));
            row
        })
        .collect();
    out.push_str(&table(&header, &rows));
    Ok(out)
}

/// An exclusive group as one bar: how many chose each of its options, and
/// together, since a household could choose only one.
fn exclusive_group(
    survey: &Survey,
    summary: &Value,
    group: &pwe_core::survey::ExclusiveGroup,
) -> Section {
    let base = format!("/group_shares/{}", group.id);
    let Some(together) = number(summary, &format!("{base}/weighted_share")) else {
        return Ok(String::new());
    };
    let members: Vec<&str> = group
        .options
        .iter()
        .map(|&o| survey.options()[o].id.as_str())
        .collect();
    let shares: Vec<f64> = members
        .iter()
        .map(|id| number(summary, &format!("/option_shares/{id}/weighted_share")).unwrap_or(0.0))
        .chain([1.0 - together])
        .collect();
    let mut colours: Vec<charts::RGBColor> = charts::SERIES[..members.len().min(4)].to_vec();
    colours.push(charts::RGBColor(215, 215, 215));
    chart_pair(
        |nl, frame| {
            let mut names: Vec<String> = members
                .iter()
                .map(|id| option_title(survey, id, nl))
                .collect();
            let w = words(lang_of(nl));
            names.push(w.text("report_none_of_these").to_string());
            let label = w.fill(
                "report_together_share",
                &[("share", percent(together, 0, lang_of(nl)).into())],
            );
            charts::stacked(
                frame,
                &[label],
                &names,
                std::slice::from_ref(&shares),
                &colours,
            )
        },
        "report_options_which_household_could_choose",
    )
}

pub(super) fn groups(survey: &Survey, summary: &Value) -> String {
    let mut out = format!("<h3>{}</h3>", both("report_per_group_households"));
    out.push_str(&explain_html(&both_fill(
        "report_per_group_explain",
        |_| vec![("min", MIN_GROUP.into())],
    )));
    for question in survey.background() {
        let base = format!("/shares_by_group/{}", question.id);
        if summary.pointer(&base).is_none() {
            continue;
        }
        let choices = in_survey_order(question, &keys(summary, &base));
        let label = |choice: &str| choice_label(question, choice);
        out.push_str(&format!(
            "<h4>{}</h4>",
            bi(
                question.text.nl(),
                question.text.en().unwrap_or(question.text.nl())
            )
        ));
        let mut header = vec![both("report_option")];
        header.extend(choices.iter().map(|c| {
            format!(
                "{}<br>n = {}",
                label(c),
                protected(summary, &format!("{base}/{c}/n"), Format::Count)
            )
        }));
        let rows: Vec<Vec<String>> = survey
            .options()
            .iter()
            .map(|o| {
                let mut row = vec![option_cell(survey, &o.id)];
                row.extend(choices.iter().map(|c| {
                    protected(
                        summary,
                        &format!("{base}/{c}/weighted_shares/{}", o.id),
                        Format::Percent,
                    )
                }));
                row
            })
            .collect();
        out.push_str(&table(&header, &rows));
    }
    out
}

pub(super) fn spend(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("report_budget");
    let weighted = summary.pointer("/spend/weighted") == Some(&Value::Bool(true));
    out.push_str(&explain_html(&both_fill("report_spend_explain", |_| {
        vec![("weighted", if weighted { "yes" } else { "no" }.into())]
    })));
    let mut rows = vec![
        vec![
            both("report_mean_spend"),
            figure(summary, "/spend/mean_cost", Format::Euros),
        ],
        vec![
            both("report_mean_share_budget"),
            figure(summary, "/spend/mean_share_of_budget", Format::Percent),
        ],
    ];
    if survey.rules().flexible.is_some() {
        rows.push(vec![
            both("report_spent_more_than_budget_tax"),
            figure(summary, "/spend/share_tax_up", Format::Percent),
        ]);
        rows.push(vec![
            both("report_spent_less_than_budget_rules"),
            figure(summary, "/spend/share_tax_down", Format::Percent),
        ]);
    }
    out.push_str(&table(
        &[both("report_spend_measure"), both("report_value")],
        &rows,
    ));
    if !survey.rules().targets.is_empty() {
        out.push_str(&explain("report_every_counted_advice_meets_targets"));
    }
    out
}

pub(super) fn portfolios(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("report_most_chosen_portfolios");
    out.push_str(&explain_html(&both_fill(
        "report_portfolios_explain",
        |_| vec![("min", MIN_GROUP.into())],
    )));
    let rows: Vec<Vec<String>> = summary["portfolios"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            vec![
                portfolio(survey, p["portfolio"].as_str().unwrap_or_default()),
                figure(summary, &format!("/portfolios/{i}/n"), Format::Count),
                figure(summary, &format!("/portfolios/{i}/share"), Format::Percent),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_portfolio"),
            both("report_households_col"),
            both("report_share"),
        ],
        &rows,
    ));
    out
}
