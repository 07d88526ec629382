//! The report's sections on the choice model: what residents value (money
//! values), how well the model predicts, and the segments.

use pwe_core::Survey;

use crate::model::latent::MIN_CLASS_SHARE;
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, both, both_fill, esc, figure, table, written};
use super::sections::{
    Section, buurt_name, chart_pair, explain, heading, lang_of, option_cell, portfolio,
    portfolio_words,
};

/// The portfolio logit: problems in words, or its estimates and what they mean.
pub fn model(survey: &Survey, summary: &Value) -> Section {
    let Some(model) = summary.get("model") else {
        return Ok(String::new());
    };
    let mut out = heading("report_what_option_worth");
    if model["identified"] == false {
        let problems: Vec<String> = model["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| format!("<li>{}</li>", esc(p.as_str().unwrap_or_default())))
            .collect();
        out.push_str(&explain("report_choice_model_could_not_estimated"));
        out.push_str(&format!("<ul>{}</ul>", problems.concat()));
        return Ok(out);
    }
    out.push_str(&explain("report_choice_model_infers_from_all"));
    out.push_str(&warnings(model));
    let values: Vec<Value> = model["money_values"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if !values.is_empty() {
        out.push_str(&money_values(survey, summary, &values)?);
    }
    out.push_str(&fit(survey, summary, model));
    out.push_str(&parameters(summary, model));
    Ok(out)
}

/// How well the model describes the choices, and the portfolio it rates highest.
fn fit(survey: &Survey, summary: &Value, model: &Value) -> String {
    let mut out = format!("<h3>{}</h3>", both("report_predicted_chosen"));
    out.push_str(&explain("report_how_well_model_describes_choices"));
    let rows: Vec<Vec<String>> = model["predicted_shares"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            vec![
                option_cell(survey, p["option"].as_str().unwrap_or_default()),
                figure(
                    summary,
                    &format!("/model/predicted_shares/{i}/observed"),
                    Format::Percent,
                ),
                figure(
                    summary,
                    &format!("/model/predicted_shares/{i}/predicted"),
                    Format::Percent,
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_option"),
            both("report_chosen"),
            both("report_predicted"),
        ],
        &rows,
    ));
    let rows: Vec<Vec<String>> = model["best_portfolios"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| {
            vec![
                esc(b["version"].as_str().unwrap_or_default()),
                portfolio(survey, b["portfolio"].as_str().unwrap_or_default()),
                figure(
                    summary,
                    &format!("/model/best_portfolios/{i}/cost"),
                    Format::Euros,
                ),
            ]
        })
        .collect();
    out.push_str(&format!(
        "<h3>{}</h3>{}",
        both("report_portfolio_highest_expected_utility"),
        table(
            &[
                both("report_version"),
                both("report_portfolio"),
                both("report_cost")
            ],
            &rows
        )
    ));
    out
}

/// Every parameter with its errors, for researchers, folded away.
fn parameters(summary: &Value, model: &Value) -> String {
    // A weighted fit is a pseudo-likelihood: only the robust errors hold.
    let weighted = model["weighted"] == true;
    let p_field = if weighted { "robust_p" } else { "p" };
    let p_header = if weighted {
        both("report_p_robust")
    } else {
        "p".into()
    };
    let rows: Vec<Vec<String>> = model["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            let at = |field: &str, format| {
                figure(summary, &format!("/model/parameters/{i}/{field}"), format)
            };
            vec![
                esc(p["name"].as_str().unwrap_or_default()),
                at("estimate", Format::Decimals(4)),
                at("se", Format::Decimals(4)),
                at("robust_se", Format::Decimals(4)),
                at(p_field, Format::Decimals(4)),
            ]
        })
        .collect();
    format!(
        "<details><summary>{}</summary>{}<p class=\"note\">{} {} · ρ² {} · n {} · {} {}</p><p class=\"note\">{}</p></details>",
        both("report_all_parameters_researchers"),
        table(
            &[
                both("report_parameter"),
                both("report_estimate"),
                "se".into(),
                both("report_robust_se"),
                p_header
            ],
            &rows
        ),
        both("report_log_likelihood"),
        figure(summary, "/model/loglik", Format::Decimals(3)),
        figure(summary, "/model/rho2", Format::Decimals(4)),
        figure(summary, "/model/n", Format::Count),
        both("report_largest_gradient"),
        figure(summary, "/model/max_abs_gradient", Format::Tiny),
        money_term(model["money_term"].as_str().unwrap_or_default()),
    )
}

/// What the model's money parameter measures, in both languages (model.json
/// names it for researchers: `delta0 per € 100000 of budget left unspent`).
fn money_term(term: &str) -> String {
    let budget_unit = term
        .strip_prefix("delta0 per € ")
        .and_then(|rest| rest.strip_suffix(" of budget left unspent"))
        .and_then(|unit| unit.parse::<i64>().ok());
    match budget_unit {
        Some(unit) => both_fill("report_money_term_budget", |lang| {
            vec![("unit", pwe_core::format::euros(unit, lang).into())]
        }),
        None if term.starts_with("delta0 per € 1 lower tax") => both("report_money_term_tax"),
        None if term == "no money term" => both("report_money_term_none"),
        None => esc(term),
    }
}

/// Every number of groups tried: its BIC, and why a fit was left out.
fn candidates(summary: &Value, fits: &[Value]) -> String {
    let rows: Vec<Vec<String>> = fits
        .iter()
        .enumerate()
        .map(|(i, fit)| {
            vec![
                fit["classes"].as_u64().unwrap_or_default().to_string(),
                figure(
                    summary,
                    &format!("/model/segments/fits/{i}/bic"),
                    Format::Decimals(1),
                ),
                match fit["degenerate"].as_str() {
                    Some("not_converged") => both("report_not_used_search_did_not"),
                    Some("not_a_maximum") => both("report_not_used_saddle_point_or"),
                    Some(_) => both_fill("report_fit_collapses", |lang| {
                        vec![(
                            "share",
                            pwe_core::format::percent(MIN_CLASS_SHARE, 0, lang).into(),
                        )]
                    }),
                    None => both("report_maximum"),
                },
            ]
        })
        .collect();
    table(
        &[
            both("report_number_groups"),
            "BIC".to_string(),
            both("report_fit"),
        ],
        &rows,
    )
}

/// The latent classes BIC prefers among the fits that are a maximum (one
/// class, the plain model, always a candidate): shares, what each class values
/// most, and membership per buurt; or, with one class, that there is no
/// evidence of distinct groups.
pub fn segments(summary: &Value) -> String {
    let Some(fits) = summary
        .pointer("/model/segments/fits")
        .and_then(Value::as_array)
    else {
        return String::new();
    };
    let chosen = summary
        .pointer("/model/segments/chosen")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mut out = heading("report_groups_think_alike");
    out.push_str(&candidates(summary, fits));
    let index = fits
        .iter()
        .position(|f| f["classes"].as_u64() == Some(chosen));
    let Some(index) = index.filter(|_| chosen > 1) else {
        out.push_str(&explain("report_there_no_evidence_distinct_groups"));
        return out;
    };
    let base = format!("/model/segments/fits/{index}");
    let fit = &fits[index];
    out.push_str(&explain("report_model_looks_groups_households_make"));
    let classes = fit["class"].as_array().cloned().unwrap_or_default();
    let mut rows = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        let mut top: Vec<(f64, String)> = class["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["name"].as_str().is_some_and(|n| n.starts_with("const:")))
            .map(|p| {
                (
                    p["estimate"].as_f64().unwrap_or(0.0),
                    p["name"]
                        .as_str()
                        .unwrap_or_default()
                        .trim_start_matches("const:")
                        .to_string(),
                )
            })
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        let names: Vec<String> = top.iter().take(3).map(|(_, n)| n.clone()).collect();
        rows.push(vec![
            format!("{} {}", both("report_group"), c + 1),
            figure(summary, &format!("{base}/class/{c}/share"), Format::Percent),
            esc(&names.join(", ")),
        ]);
    }
    out.push_str(&table(
        &[
            both("report_group"),
            both("report_share"),
            both("report_values_most"),
        ],
        &rows,
    ));
    let mut header = vec![both("report_buurt")];
    header.extend((1..=classes.len()).map(|c| format!("{} {c}", both("report_group"))));
    let rows: Vec<Vec<String>> = fit["membership"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, m)| m["variable"] == "buurt")
        .map(|(i, m)| {
            let mut row = vec![esc(&buurt_name(
                summary,
                m["group"].as_str().unwrap_or_default(),
            ))];
            row.extend((0..classes.len()).map(|c| {
                figure(
                    summary,
                    &format!("{base}/membership/{i}/classes/{c}"),
                    Format::Percent,
                )
            }));
            row
        })
        .collect();
    out.push_str(&table(&header, &rows));
    out
}

/// What makes the estimates unreliable, as the model says it.
fn warnings(model: &Value) -> String {
    let items: Vec<String> = model["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| format!("<li>{}</li>", esc(w.as_str().unwrap_or_default())))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"caveat\"><p>{}</p><ul>{}</ul></div>\n",
        both("report_note_model_reports_problems_make"),
        items.concat()
    )
}

/// The money values: a chart around zero with intervals, and the table.
fn money_values(survey: &Survey, summary: &Value, values: &[Value]) -> Section {
    // An option level as the portfolio names it: title and level name.
    let label = |v: &Value, nl: bool| -> String {
        let id = v["option"].as_str().unwrap_or_default();
        let level = v["level"].as_u64().unwrap_or(1);
        let multi = survey
            .options()
            .iter()
            .any(|o| o.id == id && o.levels.len() > 1);
        let name = if multi {
            format!("{id}:{level}")
        } else {
            id.to_string()
        };
        portfolio_words(survey, &name, nl)
    };
    let number = |v: &Value, field: &str| v[field].as_f64().unwrap_or(0.0);
    let mut out = chart_pair(
        |nl, frame| {
            let bars: Vec<charts::MoneyBar> = values
                .iter()
                .map(|v| charts::MoneyBar {
                    label: label(v, nl),
                    value: number(v, "value"),
                    interval: (number(v, "low"), number(v, "high")),
                    unstable: v["unstable"] == true,
                })
                .collect();
            charts::money_bars(frame, &bars, |euros| {
                written(euros, Format::Euros, lang_of(nl))
            })
        },
        "report_value_per_option_average_household",
    )?;
    let rows: Vec<Vec<String>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = |field: &str| {
                figure(
                    summary,
                    &format!("/model/money_values/{i}/{field}"),
                    Format::Euros,
                )
            };
            vec![
                bi(&label(v, true), &label(v, false)),
                at("value"),
                format!("{} {} {}", at("low"), both("report_to"), at("high")),
                if v["unstable"] == true {
                    both("report_too_uncertain")
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_option"),
            both("report_value"),
            both("report_interval_95"),
            both("report_note"),
        ],
        &rows,
    ));
    out.push_str(&explain("report_too_uncertain_standard_error_more"));
    Ok(out)
}
