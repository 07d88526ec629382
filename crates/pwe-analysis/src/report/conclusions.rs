//! The report's first screen: conclusions written from the summary by fixed
//! rules, so that a council member reads the outcome before the tables.
//!
//! The rules (also in docs/report.md):
//! - An option (or an exclusive group, counted as "chose one of them") has a
//!   majority when the lower end of its 95% interval is above 50%, a minority
//!   when the upper end is below 50%; otherwise opinion is split. Options of an
//!   exclusive group are reported with their group, not alone.
//! - Groups differ on an option when the weighted shares of two categories of a
//!   background question (each of at least [`pwe_core::disclosure::MIN_GROUP`]
//!   households) lie [`GROUP_GAP`] or more apart; the three largest are named.
//! - Money values: the highest, and every negative one, unless the model
//!   reports a problem; values flagged unstable are named as too uncertain.
//! - Representativeness: the verdict of the analysis with its thresholds.
//! - Caveats: self-selection always; the others when they apply.
//!
//! Every number is a figure of the summary with its pointer.

use pwe_core::Survey;
use pwe_core::disclosure::MIN_GROUP;
use pwe_core::weighting::representativeness::ResponseVerdict;
use serde_json::Value;

use super::html::{Format, bi, both, both_fill, esc, figure};
use super::sections::{choice_label, heading, keys, number, option_cell};

/// Shares of two groups this far apart (a fraction) are named as a difference.
pub const GROUP_GAP: f64 = 0.15;

pub(super) fn conclusions(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("report_summary");
    out.push_str("<ul class=\"conclusions\">");
    for item in [
        participation(summary),
        advice(survey, summary),
        differences(survey, summary),
        values(survey, summary),
    ]
    .into_iter()
    .flatten()
    {
        out.push_str(&format!("<li>{item}</li>"));
    }
    out.push_str("</ul>");
    out.push_str(&caveats(summary));
    out
}

fn share_with_interval(summary: &Value, base: &str) -> String {
    format!(
        "{} ({} {} {})",
        figure(summary, &format!("{base}/weighted_share"), Format::Percent),
        figure(summary, &format!("{base}/kg_95/0"), Format::Percent),
        both("report_to"),
        figure(summary, &format!("{base}/kg_95/1"), Format::Percent),
    )
}

/// "1500 van de 5000 uitgenodigde huishoudens gaven advies: 30,0%".
pub(super) fn turnout(summary: &Value) -> String {
    format!(
        "{} {} {} {} {}",
        figure(summary, "/participation/submitted", Format::Count),
        both("report_of_the"),
        figure(summary, "/participation/invited", Format::Count),
        both("report_invited_households_gave_advice"),
        figure(summary, "/participation/response_rate", Format::Percent),
    )
}

fn participation(summary: &Value) -> Option<String> {
    number(summary, "/participation/invited")?;
    let verdict = match summary
        .pointer("/representativeness/verdict")
        .and_then(Value::as_str)
    {
        Some(code) => {
            let code = ResponseVerdict::from_code(code).map_or("large", ResponseVerdict::code);
            both_fill("report_participation_verdict", |_| {
                vec![("verdict", code.into())]
            })
        }
        None => both("report_responses_could_not_weighted"),
    };
    Some(format!(
        "<strong>{}</strong> {}. {verdict} ({} {}; {}).",
        both("report_participation_label"),
        turnout(summary),
        both("report_r_indicator"),
        figure(
            summary,
            "/representativeness/r_indicator_adjusted",
            Format::Decimals(2)
        ),
        both("report_r_indicator_meaning"),
    ))
}

/// Majority, split and minority, each a list of options and groups.
pub(super) fn advice(survey: &Survey, summary: &Value) -> Option<String> {
    let grouped: Vec<&str> = survey
        .rules()
        .exclusive
        .iter()
        .flat_map(|g| g.options.iter().map(|&o| survey.options()[o].id.as_str()))
        .collect();
    // (weighted share, html) per kind: 0 majority, 1 split, 2 minority.
    let mut kinds: [Vec<(f64, String)>; 3] = Default::default();
    let mut place = |base: String, name: String| {
        let (Some(share), Some(low), Some(high)) = (
            number(summary, &format!("{base}/weighted_share")),
            number(summary, &format!("{base}/kg_95/0")),
            number(summary, &format!("{base}/kg_95/1")),
        ) else {
            return;
        };
        let kind = if low > 0.5 {
            0
        } else if high < 0.5 {
            2
        } else {
            1
        };
        kinds[kind].push((
            share,
            format!("{name} {}", share_with_interval(summary, &base)),
        ));
    };
    for option in survey.options() {
        if !grouped.contains(&option.id.as_str()) {
            place(
                format!("/option_shares/{}", option.id),
                option_cell(survey, &option.id),
            );
        }
    }
    for group in &survey.rules().exclusive {
        let members: Vec<String> = group
            .options
            .iter()
            .map(|&o| {
                let id = &survey.options()[o].id;
                format!(
                    "{} {}",
                    option_cell(survey, id),
                    figure(
                        summary,
                        &format!("/option_shares/{id}/weighted_share"),
                        Format::Percent
                    )
                )
            })
            .collect();
        let last = members.len().saturating_sub(1);
        place(
            format!("/group_shares/{}", group.id),
            format!(
                "{} {} {} {} {}",
                both("report_one_of"),
                members[..last].join(", "),
                both("report_or"),
                members[last..].concat(),
                both("report_together"),
            ),
        );
    }
    if kinds.iter().all(Vec::is_empty) {
        return None;
    }
    let labels = [
        both("report_majority_advises_lower_end_95"),
        both("report_split_interval_includes_50"),
        both("report_minority_advises_upper_end_below"),
    ];
    let mut out = format!("<strong>{}</strong><ul>", both("report_advice_label"));
    for (label, mut items) in labels.into_iter().zip(kinds) {
        if items.is_empty() {
            continue;
        }
        items.sort_by(|a, b| b.0.total_cmp(&a.0));
        let names: Vec<String> = items.into_iter().map(|(_, html)| html).collect();
        out.push_str(&format!("<li>{label} {}.</li>", names.join("; ")));
    }
    out.push_str("</ul>");
    Some(out)
}

/// An answer with its question: «Geen» (Hoeveel auto's …?).
fn answer(survey: &Survey, question: &str, choice: &str) -> String {
    match survey.background().iter().find(|q| q.id == question) {
        Some(q) => format!(
            "«{}» ({})",
            choice_label(q, choice),
            bi(q.text.nl(), q.text.en().unwrap_or(q.text.nl()))
        ),
        None => esc(&format!("{question}: {choice}")),
    }
}

/// The largest differences between categories of a background question.
fn differences(survey: &Survey, summary: &Value) -> Option<String> {
    let mut found: Vec<(f64, String)> = Vec::new();
    for question in keys(summary, "/shares_by_group") {
        let categories = keys(summary, &format!("/shares_by_group/{question}"));
        for option in survey.options() {
            let share = |category: &str| {
                number(
                    summary,
                    &format!(
                        "/shares_by_group/{question}/{category}/weighted_shares/{}",
                        option.id
                    ),
                )
            };
            let published: Vec<(&String, f64)> = categories
                .iter()
                .filter_map(|c| share(c).map(|s| (c, s)))
                .collect();
            let Some(high) = published.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
                continue;
            };
            let low = published
                .iter()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .expect("not empty");
            if high.1 - low.1 < GROUP_GAP {
                continue;
            }
            let at = |category: &str| {
                figure(
                    summary,
                    &format!(
                        "/shares_by_group/{question}/{category}/weighted_shares/{}",
                        option.id
                    ),
                    Format::Percent,
                )
            };
            found.push((
                high.1 - low.1,
                format!(
                    "{}: {} {} {}, {} {} {}",
                    option_cell(survey, &option.id),
                    at(high.0),
                    both("report_among"),
                    answer(survey, &question, high.0),
                    at(low.0),
                    both("report_among"),
                    answer(survey, &question, low.0),
                ),
            ));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let named: Vec<String> = found.into_iter().take(3).map(|(_, html)| html).collect();
    let intro = both("report_groups_differ");
    let points = |lang| pwe_core::format::decimal(GROUP_GAP * 100.0, 0, lang);
    let rule = both_fill("report_groups_differ_rule", |lang| {
        vec![("points", points(lang).into()), ("min", MIN_GROUP.into())]
    });
    Some(if named.is_empty() {
        format!(
            "<strong>{}</strong>",
            both_fill("report_groups_differ_little", |lang| vec![(
                "points",
                points(lang).into()
            )])
        )
    } else {
        format!("<strong>{intro}</strong> {rule} {}.", named.join("; "))
    })
}

fn values(survey: &Survey, summary: &Value) -> Option<String> {
    let values = summary.pointer("/model/money_values")?.as_array()?;
    let warned = summary
        .pointer("/model/warnings")
        .and_then(Value::as_array)
        .is_some_and(|w| !w.is_empty());
    if values.is_empty() || warned {
        return None;
    }
    let describe = |i: usize| {
        let v = &values[i];
        format!(
            "{} {}",
            option_cell(survey, v["option"].as_str().unwrap_or_default()),
            figure(
                summary,
                &format!("/model/money_values/{i}/value"),
                Format::Euros
            ),
        )
    };
    let mut out = format!(
        "<strong>{}</strong> {} {}.",
        both("report_value_label"),
        both("report_measured_euros_budget_household_average"),
        describe(0),
    );
    let negative: Vec<String> = (0..values.len())
        .filter(|&i| values[i]["value"].as_f64().is_some_and(|v| v < 0.0))
        .map(describe)
        .collect();
    if !negative.is_empty() {
        out.push_str(&format!(
            " {} {}.",
            both("report_rather_not_even_no_cost"),
            negative.join("; ")
        ));
    }
    let unstable: Vec<String> = (0..values.len())
        .filter(|&i| values[i]["unstable"] == true)
        .map(|i| option_cell(survey, values[i]["option"].as_str().unwrap_or_default()))
        .collect();
    if !unstable.is_empty() {
        out.push_str(&format!(
            " {} {}.",
            both("report_too_uncertain_read_number"),
            unstable.join(", ")
        ));
    }
    Some(out)
}

fn caveats(summary: &Value) -> String {
    let mut items = vec![both("report_caveat_self_selection")];
    if number(summary, "/n_excluded").is_some_and(|n| n > 0.0) {
        items.push(format!(
            "{} {}",
            figure(summary, "/n_excluded", Format::Count),
            both("report_caveat_excluded")
        ));
    }
    if summary
        .pointer("/model/warnings")
        .and_then(Value::as_array)
        .is_some_and(|w| !w.is_empty())
    {
        items.push(both("report_caveat_model_problems"));
    }
    if number(summary, "/model/segments/chosen") == Some(1.0) {
        items.push(both("report_caveat_no_segments"));
    }
    format!(
        "<div class=\"caveat\"><p><strong>{}</strong></p><ul>{}</ul></div>\n",
        both("report_caveats"),
        items
            .iter()
            .map(|i| format!("<li>{i}</li>"))
            .collect::<String>()
    )
}
