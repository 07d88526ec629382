//! The report's sections in reading order, the introduction and the method,
//! and the helpers every section uses (headings, explanations for readers who
//! are not statisticians, chart pairs, option titles).

use pwe_core::disclosure::MIN_GROUP;
use pwe_core::words::words;
use pwe_core::{Lang, Survey};
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, bi_block, both, both_block, both_fill, esc, figure};

pub(super) type Section = Result<String, String>;

/// Every section in reading order.
pub fn all(survey: &Survey, summary: &Value) -> Section {
    Ok([
        intro(survey, summary),
        super::conclusions::conclusions(survey, summary),
        super::participation::participation(summary),
        super::participation::representativeness(survey, summary)?,
        super::shares::shares(survey, summary)?,
        super::shares::groups(survey, summary),
        super::shares::spend(survey, summary),
        super::shares::portfolios(survey, summary),
        super::evaluation::evaluation(survey, summary)?,
        super::model::model(survey, summary)?,
        super::model::segments(summary),
        super::arguments::arguments(survey, summary),
        method(summary),
    ]
    .concat())
}

/// A row of key figures, each a summary value (pointer and format) with its
/// label in Dutch and English.
pub(super) fn key_figures(summary: &Value, figures: &[(&str, Format, &str)]) -> String {
    let mut out = String::from("<div class=\"key\">");
    for (pointer, format, label) in figures {
        out.push_str(&format!(
            "<div><strong>{}</strong>{}</div>",
            figure(summary, pointer, *format),
            both(label)
        ));
    }
    out.push_str("</div>\n");
    out
}

/// A section's heading: the catalog's message `id`.
pub(super) fn heading(id: &str) -> String {
    format!("<h2>{}</h2>\n", both(id))
}

/// An explanation for readers: the catalog's message `id`.
pub(super) fn explain(id: &str) -> String {
    explain_html(&both(id))
}

/// An explanation for readers, already in both languages.
pub(super) fn explain_html(text: &str) -> String {
    format!("<p class=\"explain\">{text}</p>\n")
}

/// A chart drawn per language (its labels differ) and per width (a phone gets
/// labels above the bars at full size), inside a figure; CSS shows one.
pub(super) fn chart_pair(
    draw: impl Fn(bool, charts::Frame) -> charts::ChartResult,
    caption: &str,
) -> Section {
    Ok(format!(
        "<figure><div class=\"chart-wide\">{}</div><div class=\"chart-narrow\">{}</div><figcaption>{}</figcaption></figure>\n",
        bi_block(&draw(true, charts::WIDE)?, &draw(false, charts::WIDE)?),
        bi_block(&draw(true, charts::NARROW)?, &draw(false, charts::NARROW)?),
        both(caption)
    ))
}

pub(super) fn option_title(survey: &Survey, id: &str, nl: bool) -> String {
    survey.options().iter().find(|o| o.id == id).map_or_else(
        || id.to_string(),
        |o| {
            if nl {
                o.title.nl().to_string()
            } else {
                o.title.en().unwrap_or(o.title.nl()).to_string()
            }
        },
    )
}

/// A portfolio's name from the summary (`a+b:2`) in option titles, with the
/// level's name where an option has levels; "nothing chosen" for the empty one.
pub(super) fn portfolio(survey: &Survey, name: &str) -> String {
    if name == crate::portfolio::NOTHING {
        return both("report_nothing_chosen");
    }
    bi(
        &portfolio_words(survey, name, true),
        &portfolio_words(survey, name, false),
    )
}

/// A portfolio's name (`a+b:2`) in one language's option titles and level names.
pub(super) fn portfolio_words(survey: &Survey, name: &str, nl: bool) -> String {
    name.split('+')
        .map(|part| {
            let (id, level) = part.split_once(':').unwrap_or((part, ""));
            let title = option_title(survey, id, nl);
            let level_name = level.parse::<usize>().ok().and_then(|l| {
                let option = survey.options().iter().find(|o| o.id == id)?;
                let label = option.levels.get(l.checked_sub(1)?)?.label.as_ref()?;
                Some(
                    if nl {
                        label.nl()
                    } else {
                        label.en().unwrap_or(label.nl())
                    }
                    .to_string(),
                )
            });
            match level_name {
                Some(level) => format!("{title} ({level})"),
                None => title,
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

pub(super) fn option_cell(survey: &Survey, id: &str) -> String {
    bi(
        &option_title(survey, id, true),
        &option_title(survey, id, false),
    )
}

/// The label of a background question's answer in both languages, or the id.
pub(super) fn choice_label(
    question: &pwe_core::survey::BackgroundQuestion,
    choice: &str,
) -> String {
    match &question.kind {
        pwe_core::survey::QuestionKind::Single(list) => {
            list.iter().find(|c| c.id == choice).map_or_else(
                || esc(choice),
                |c| bi(c.label.nl(), c.label.en().unwrap_or(c.label.nl())),
            )
        }
        _ => esc(choice),
    }
}

/// `present` (answer ids) in the order the survey lists the answers; ids the
/// survey does not list last.
pub(super) fn in_survey_order(
    question: &pwe_core::survey::BackgroundQuestion,
    present: &[String],
) -> Vec<String> {
    let mut ordered: Vec<String> = match &question.kind {
        pwe_core::survey::QuestionKind::Single(list) => list
            .iter()
            .filter(|c| present.contains(&c.id))
            .map(|c| c.id.clone())
            .collect(),
        _ => Vec::new(),
    };
    let unlisted: Vec<String> = present
        .iter()
        .filter(|p| !ordered.contains(p))
        .cloned()
        .collect();
    ordered.extend(unlisted);
    ordered
}

/// A buurt's name (from the population file), or its code; plain text.
pub(super) fn buurt_name(summary: &Value, code: &str) -> String {
    summary
        .pointer("/buurt_names")
        .and_then(|names| names.get(code))
        .and_then(Value::as_str)
        .unwrap_or(code)
        .to_string()
}

/// The language of a chart drawn `nl` (Dutch) or not.
pub(super) fn lang_of(nl: bool) -> Lang {
    if nl { Lang::Nl } else { Lang::En }
}

pub(super) fn number(summary: &Value, pointer: &str) -> Option<f64> {
    summary.pointer(pointer).and_then(Value::as_f64)
}

pub(super) fn keys(summary: &Value, pointer: &str) -> Vec<String> {
    summary
        .pointer(pointer)
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn intro(survey: &Survey, summary: &Value) -> String {
    let meta = survey.meta();
    let mut out = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        bi(meta.title.nl(), meta.title.en().unwrap_or(meta.title.nl())),
        both_fill("report_intro", |lang| vec![(
            "organiser",
            meta.organiser.get(lang).into()
        )])
    );
    out.push_str(&key_figures(
        summary,
        &[
            (
                "/participation/submitted",
                Format::Count,
                "report_households_gave_advice",
            ),
            (
                "/participation/response_rate",
                Format::Percent,
                "report_invited_households",
            ),
            (
                "/representativeness/r_indicator_adjusted",
                Format::Decimals(2),
                "report_r_indicator_1_everyone_took",
            ),
        ],
    ));
    out
}

fn method(summary: &Value) -> String {
    let mut out = heading("report_method");
    for id in [
        "report_method_pve",
        "report_method_versions",
        "report_method_weighting",
        "report_method_model",
        "report_method_interval",
    ] {
        out.push_str(&both_block(id));
    }
    let min = |_| vec![("min", MIN_GROUP.into())];
    out.push_str(&bi_block(
        &words(Lang::Nl).fill("report_method_rules", &min(Lang::Nl)),
        &words(Lang::En).fill("report_method_rules", &min(Lang::En)),
    ));
    out.push_str(&format!(
        "<p class=\"note\">{} {} · {} {} · {} {}</p>\n",
        both("report_responses"),
        figure(summary, "/n_responses", Format::Count),
        both("report_left_out"),
        figure(summary, "/n_excluded", Format::Count),
        both("report_seed"),
        figure(summary, "/seed", Format::Name),
    ));
    out
}
