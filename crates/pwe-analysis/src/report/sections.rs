//! The report's sections in reading order, the introduction and the method,
//! and the helpers every section uses (headings, explanations for readers who
//! are not statisticians, chart pairs, option titles).

use pwe_core::Survey;
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, bi_block, figure};

pub(super) type Section = Result<String, String>;

/// Every section in reading order.
pub fn all(survey: &Survey, summary: &Value) -> Section {
    Ok([
        intro(survey, summary),
        super::conclusions::conclusions(survey, summary),
        super::participation::participation(summary),
        super::participation::representativeness(summary)?,
        super::shares::shares(survey, summary)?,
        super::shares::groups(survey, summary),
        super::shares::spend(survey, summary),
        super::shares::portfolios(summary),
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
pub(super) fn key_figures(summary: &Value, figures: &[(&str, Format, &str, &str)]) -> String {
    let mut out = String::from("<div class=\"key\">");
    for (pointer, format, nl, en) in figures {
        out.push_str(&format!(
            "<div><strong>{}</strong>{}</div>",
            figure(summary, pointer, *format),
            bi(nl, en)
        ));
    }
    out.push_str("</div>\n");
    out
}

pub(super) fn heading(nl: &str, en: &str) -> String {
    format!("<h2>{}</h2>\n", bi(nl, en))
}

pub(super) fn explain(nl: &str, en: &str) -> String {
    format!("<p class=\"explain\">{}</p>\n", bi(nl, en))
}

/// A chart drawn once per language (its labels differ), inside a figure.
pub(super) fn chart_pair(
    draw: impl Fn(bool) -> charts::ChartResult,
    caption_nl: &str,
    caption_en: &str,
) -> Section {
    Ok(format!(
        "<figure>{}<figcaption>{}</figcaption></figure>\n",
        bi_block(&draw(true)?, &draw(false)?),
        bi(caption_nl, caption_en)
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

pub(super) fn option_cell(survey: &Survey, id: &str) -> String {
    bi(
        &option_title(survey, id, true),
        &option_title(survey, id, false),
    )
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
        bi(
            &format!(
                "Rapport van de Participatieve Waarde Evaluatie van {}.",
                meta.organiser.nl()
            ),
            &format!(
                "Report of the Participatory Value Evaluation by {}.",
                meta.organiser.en().unwrap_or(meta.organiser.nl())
            ),
        )
    );
    out.push_str(&key_figures(
        summary,
        &[
            (
                "/participation/submitted",
                Format::Decimals(0),
                "huishoudens gaven advies",
                "households gave advice",
            ),
            (
                "/participation/response_rate",
                Format::Percent,
                "van de uitgenodigde huishoudens",
                "of the invited households",
            ),
            (
                "/representativeness/r_indicator_adjusted",
                Format::Decimals(2),
                "R-indicator (1 = volledig representatief)",
                "R-indicator (1 = fully representative)",
            ),
        ],
    ));
    out
}

fn method(summary: &Value) -> String {
    let mut out = heading("Werkwijze", "Method");
    out.push_str(&format!(
        "<p>{}</p><p class=\"note\">{} {} · {} {} · {} {}</p>\n",
        bi(
            "Gewogen cijfers zijn berekend met raking naar de bevolkingsverdeling per buurt, leeftijd en huishoudtype (CBS). Intervallen zijn Korn–Graubard-intervallen met de effectieve steekproefomvang. Antwoorden die een regel van hun versie breken zijn niet meegeteld. Een aandeel wordt niet getoond als minder dan 10 huishoudens het wel of minder dan 10 het niet kozen (ook 0% en 100%).",
            "Weighted figures are computed by raking to the population distribution per buurt, age and household type (CBS). Intervals are Korn–Graubard intervals with the effective sample size. Responses that break a rule of their version are not counted. A share is not shown when fewer than 10 households chose it or fewer than 10 did not (0% and 100% included).",
        ),
        bi("Antwoorden:", "Responses:"),
        figure(summary, "/n_responses", Format::Decimals(0)),
        bi("niet meegeteld:", "left out:"),
        figure(summary, "/n_excluded", Format::Decimals(0)),
        bi("seed:", "seed:"),
        figure(summary, "/seed", Format::Decimals(0)),
    ));
    out
}
