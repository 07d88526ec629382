//! The report's participation and representativeness: who was invited, who
//! took part, and how the respondents compare with the population.

use pwe_core::channel::Channel;
use pwe_core::format::decimal;
use pwe_core::survey::QuestionKind;
use pwe_core::weighting::diagnostics::LARGE_WEIGHT;
use pwe_core::weighting::representativeness::{
    LARGE_BIAS, MarginVerdict, ResponseVerdict, SMALL_DIFFERENCE,
};
use pwe_core::words::words;
use pwe_core::{Lang, Survey};
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, bi_block, both, both_fill, esc, figure, table};
use super::sections::{
    Section, buurt_name, chart_pair, explain, explain_html, heading, key_figures, keys, lang_of,
};

/// How the advice came in: online, on paper (entered by an official) or with
/// an official's help.
fn channels(summary: &Value) -> String {
    let parts: Vec<(String, String)> = summary["participation"]["channels"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, c)| {
            let channel = Channel::parse(c["channel"].as_str()?)?;
            let n = figure(
                summary,
                &format!("/participation/channels/{i}/responses"),
                Format::Count,
            );
            let word = |lang| esc(&channel.word(lang));
            Some((
                format!("{}: {n}", word(Lang::Nl)),
                format!("{}: {n}", word(Lang::En)),
            ))
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let (nl, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
    let came_in = |lang, list: Vec<String>| {
        format!(
            "<p>{}</p>",
            words(lang).fill("report_channels", &[("list", list.join("; ").into())])
        )
    };
    bi_block(&came_in(Lang::Nl, nl), &came_in(Lang::En, en))
}

pub(super) fn participation(summary: &Value) -> String {
    let mut out = heading("report_participation");
    out.push_str(&explain("report_how_many_households_per_buurt"));
    let rows: Vec<Vec<String>> = summary["participation"]["by_buurt"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| {
            let at = |field: &str, format| {
                figure(
                    summary,
                    &format!("/participation/by_buurt/{i}/{field}"),
                    format,
                )
            };
            vec![
                esc(&buurt_name(
                    summary,
                    b["buurt"].as_str().unwrap_or_default(),
                )),
                at("invited", Format::Count),
                at("started", Format::Count),
                at("submitted", Format::Count),
                at("response_rate", Format::Percent),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_buurt"),
            both("report_invited"),
            both("report_started"),
            both("report_submitted"),
            both("report_response_rate"),
        ],
        &rows,
    ));
    out.push_str(&channels(summary));
    let rows: Vec<Vec<String>> = summary["participation"]["dropoff"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, d)| {
            let step = d["step"].as_str().unwrap_or_default();
            vec![
                bi(
                    &pwe_core::flow::stopped_at(step, Lang::Nl),
                    &pwe_core::flow::stopped_at(step, Lang::En),
                ),
                figure(
                    summary,
                    &format!("/participation/dropoff/{i}/stopped"),
                    Format::Count,
                ),
                figure(
                    summary,
                    &format!("/participation/dropoff/{i}/share_of_started"),
                    Format::Percent,
                ),
            ]
        })
        .collect();
    out.push_str(&format!(
        "<h3>{}</h3>{}",
        both("report_where_did_households_stop"),
        explain("report_households_started_but_did_not")
    ));
    out.push_str(&table(
        &[
            both("report_stopped"),
            both("report_number"),
            both("report_share"),
        ],
        &rows,
    ));
    out
}

pub(super) fn representativeness(survey: &Survey, summary: &Value) -> Section {
    let mut out = heading("report_representativeness");
    if let Some(problem) = summary
        .pointer("/representativeness/weighting_problem")
        .and_then(Value::as_str)
    {
        out.push_str(&explain_html(&both_fill("report_not_weighted", |_| {
            vec![("problem", problem.into())]
        })));
        return Ok(out);
    }
    out.push_str(&explain("report_who_took_part_compared_all"));
    out.push_str(&format!("<p>{}</p>\n", overall_verdict(summary)));
    out.push_str(&key_figures(
        summary,
        &[
            (
                "/representativeness/r_indicator_adjusted",
                Format::Decimals(2),
                "report_r_indicator_1_everyone_took",
            ),
            (
                "/representativeness/max_bias_high",
                Format::Decimals(2),
                "report_largest_possible_bias_standard_deviations",
            ),
            (
                "/representativeness/design_effect",
                Format::Decimals(2),
                "report_design_effect_weights",
            ),
            (
                "/representativeness/effective_n",
                Format::Decimals(0),
                "report_effective_sample_size",
            ),
        ],
    ));
    for variable in keys(summary, "/representativeness/margins") {
        out.push_str(&margin(survey, summary, &variable)?);
    }
    Ok(out)
}

/// The overall verdict with its figures and the thresholds it uses.
pub(super) fn overall_verdict(summary: &Value) -> String {
    let at = |pointer: &str, format| figure(summary, pointer, format);
    let r = at(
        "/representativeness/r_indicator_adjusted",
        Format::Decimals(2),
    );
    let low = at("/representativeness/r_indicator_low", Format::Decimals(2));
    let high = at("/representativeness/r_indicator_high", Format::Decimals(2));
    let bias = at("/representativeness/max_bias_high", Format::Decimals(2));
    let verdict = summary
        .pointer("/representativeness/verdict")
        .and_then(Value::as_str)
        .and_then(ResponseVerdict::from_code)
        .unwrap_or(ResponseVerdict::Large);
    let large_weights = summary
        .pointer("/representativeness/weights/n_large")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let weights = if large_weights > 0 {
        both_fill("report_large_weights", |lang| {
            vec![
                ("n", large_weights.into()),
                ("times", decimal(LARGE_WEIGHT, 0, lang).into()),
            ]
        })
    } else {
        String::new()
    };
    format!(
        "<strong>{}</strong> {}{r} ({}{low}{}{high}){}{bias}{}{weights}",
        both_fill("report_verdict_selective", |lang| vec![(
            "degree",
            verdict.degree(lang).into()
        )]),
        both("report_r_indicator_is"),
        both("report_interval_95_of"),
        both("report_to_spaced"),
        both("report_r_indicator_corrected"),
        both_fill("report_bias_thresholds", |lang| vec![
            ("small", decimal(SMALL_DIFFERENCE, 1, lang).into()),
            ("large", decimal(LARGE_BIAS, 1, lang).into()),
        ]),
    )
}

/// How a margin variable and its categories `ids` read: the buurten's names,
/// or the question that maps onto the margin and its answers' labels (the
/// first answer with that category), else the ids.
fn margin_words(
    survey: &Survey,
    summary: &Value,
    variable: &str,
    ids: &[&str],
    nl: bool,
) -> (String, Vec<String>) {
    if variable == "buurt" {
        let names = ids.iter().map(|code| buurt_name(summary, code)).collect();
        return (words(lang_of(nl)).text("report_buurt").to_string(), names);
    }
    let in_language = |text: &pwe_core::text::Text| {
        if nl {
            text.nl()
        } else {
            text.en().unwrap_or(text.nl())
        }
        .to_string()
    };
    let as_ids = || ids.iter().map(|id| id.to_string()).collect();
    let Some(question) = survey
        .background()
        .iter()
        .find(|q| q.margin.as_deref() == Some(variable))
    else {
        return (variable.to_string(), as_ids());
    };
    let QuestionKind::Single(choices) = &question.kind else {
        return (in_language(&question.text), as_ids());
    };
    let labels = ids
        .iter()
        .map(|id| {
            choices
                .iter()
                .find(|c| c.margin_category().as_deref() == Some(*id))
                .map_or_else(|| id.to_string(), |c| in_language(&c.label))
        })
        .collect();
    (in_language(&question.text), labels)
}

/// One margin variable: chart, table, test and verdict.
fn margin(survey: &Survey, summary: &Value, variable: &str) -> Section {
    let base = format!("/representativeness/margins/{variable}");
    let categories = summary
        .pointer(&format!("{base}/categories"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = categories
        .iter()
        .map(|c| c["category"].as_str().unwrap_or_default())
        .collect();
    let (title_nl, labels_nl) = margin_words(survey, summary, variable, &ids, true);
    let (title_en, labels_en) = margin_words(survey, summary, variable, &ids, false);
    let series = |field: &str| -> Vec<f64> {
        categories
            .iter()
            .map(|c| c[field].as_f64().unwrap_or(0.0) / 100.0)
            .collect()
    };
    let mut out = format!("<h3>{}</h3>", bi(&title_nl, &title_en));
    out.push_str(&chart_pair(
        |nl, frame| {
            let w = words(lang_of(nl));
            let names = [
                w.text("report_legend_respondents"),
                w.text("report_legend_population"),
                w.text("report_legend_weighted"),
            ];
            charts::grouped_bars(
                frame,
                if nl { &labels_nl } else { &labels_en },
                &[
                    (names[0].into(), series("sample_pct")),
                    (names[1].into(), series("population_pct")),
                    (names[2].into(), series("weighted_pct")),
                ],
            )
        },
        "report_share_per_category_respondents_population",
    )?);
    let rows: Vec<Vec<String>> = (0..categories.len())
        .map(|i| {
            let at = |field: &str, format| {
                figure(summary, &format!("{base}/categories/{i}/{field}"), format)
            };
            vec![
                bi(&labels_nl[i], &labels_en[i]),
                at("n", Format::Count),
                at("sample_pct", Format::Decimals(1)),
                at("population_pct", Format::Decimals(1)),
                at("weighted_pct", Format::Decimals(1)),
                at("partial_r", Format::Decimals(3)),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_category"),
            "n".into(),
            both("report_respondents_pct"),
            both("report_population_pct"),
            both("report_weighted_pct"),
            both("report_partial_r"),
        ],
        &rows,
    ));
    out.push_str(&margin_verdict(summary, &base));
    Ok(out)
}

/// A margin's verdict in words with its census test, partial R-indicator,
/// the respondents who did not say, and the persons-not-households note.
fn margin_verdict(summary: &Value, base: &str) -> String {
    let verdict = summary
        .pointer(&format!("{base}/verdict"))
        .and_then(Value::as_str)
        .and_then(MarginVerdict::from_code)
        .unwrap_or(MarginVerdict::Uncorrected);
    let verdict = bi(&verdict.sentence(Lang::Nl), &verdict.sentence(Lang::En));
    let mut out = format!(
        "<p class=\"note\"><strong>{verdict}</strong> {} {} (df {}), {}; {} {}.",
        both("report_test_respondents_against_all_invited"),
        figure(summary, &format!("{base}/chi_square"), Format::Decimals(1)),
        figure(summary, &format!("{base}/df"), Format::Count),
        figure(summary, &format!("{base}/p_value"), Format::PValue),
        both("report_partial_r_indicator_variable"),
        figure(summary, &format!("{base}/partial_r"), Format::Decimals(3)),
    );
    if summary
        .pointer(&format!("{base}/missing"))
        .and_then(Value::as_u64)
        .unwrap_or(0)
        > 0
    {
        out.push_str(&format!(
            " {} {} {} {}",
            figure(summary, &format!("{base}/missing"), Format::Count),
            both("report_missing_respondents"),
            figure(summary, &format!("{base}/missing_pct"), Format::Decimals(1)),
            both("report_missing_rest"),
        ));
    }
    if summary.pointer(&format!("{base}/shares_only")) == Some(&Value::Bool(true)) {
        out.push_str(&format!(
            " {}",
            both("report_its_population_figures_count_persons")
        ));
    }
    out.push_str("</p>\n");
    out
}
