//! The report's sections in reading order, the introduction and the method,
//! and the helpers every section uses (headings, explanations for readers who
//! are not statisticians, chart pairs, option titles).

use pwe_core::Survey;
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, bi_block, esc, figure};

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

/// A chart drawn per language (its labels differ) and per width (a phone gets
/// labels above the bars at full size), inside a figure; CSS shows one.
pub(super) fn chart_pair(
    draw: impl Fn(bool, charts::Frame) -> charts::ChartResult,
    caption_nl: &str,
    caption_en: &str,
) -> Section {
    Ok(format!(
        "<figure><div class=\"chart-wide\">{}</div><div class=\"chart-narrow\">{}</div><figcaption>{}</figcaption></figure>\n",
        bi_block(&draw(true, charts::WIDE)?, &draw(false, charts::WIDE)?),
        bi_block(&draw(true, charts::NARROW)?, &draw(false, charts::NARROW)?),
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

/// A portfolio's name from the summary (`a+b:2`) in option titles, with the
/// level's name where an option has levels; "nothing chosen" for the empty one.
pub(super) fn portfolio(survey: &Survey, name: &str) -> String {
    if name == crate::portfolio::NOTHING {
        return bi("(niets gekozen)", "(nothing chosen)");
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
    let paragraphs = [
        (
            "<strong>Wat is een PWE?</strong> In een Participatieve Waarde Evaluatie kiezen bewoners zelf een pakket maatregelen, zoals de gemeente dat moet doen: met de kosten en effecten van elke maatregel en de regels van het budget. Zo zien we niet alleen wat zij willen, maar ook wat zij ervoor willen opgeven, en waarom (hun toelichtingen).",
            "<strong>What is a PVE?</strong> In a Participatory Value Evaluation residents choose a package of measures themselves, as the municipality must: with each measure's costs and effects and the rules of the budget. So we see not only what they want but also what they would give up for it, and why (their motivations).",
        ),
        (
            "<strong>Versies.</strong> Niet iedereen kreeg dezelfde prijzen of hetzelfde budget: huishoudens kregen bij toeval een van enkele versies. Daardoor kan het keuzemodel afleiden hoeveel een maatregel huishoudens waard is.",
            "<strong>Versions.</strong> Not everyone saw the same prices or budget: households were assigned one of a few versions at random. That is what lets the choice model infer how much a measure is worth to households.",
        ),
        (
            "<strong>Weging.</strong> Wie meedoet lijkt nooit precies op alle huishoudens. Met raking tellen deelnemers uit groepen die minder meededen zwaarder mee, tot de gewogen deelnemers per buurt, leeftijd en huishoudtype lijken op de bevolking (CBS). Voor andere verschillen kan weging niet corrigeren.",
            "<strong>Weighting.</strong> Those who take part never quite resemble all households. Raking gives respondents from groups that took part less more weight, until the weighted respondents resemble the population (CBS) by buurt, age and household type. Weighting cannot correct for other differences.",
        ),
        (
            "<strong>Het keuzemodel.</strong> Een portfolio-logitmodel schat uit alle keuzes hoe zwaar elke maatregel weegt tegenover geld dat overblijft; de verhouding is de waarde in euro's, gemiddeld over de deelnemers.",
            "<strong>The choice model.</strong> A portfolio logit estimates from all choices how much each measure weighs against money left over; the ratio is the value in euros, averaged over the respondents.",
        ),
        (
            "<strong>Wat een interval zegt.</strong> Een 95%-interval geeft aan waar het echte aandeel onder alle huishoudens waarschijnlijk ligt, als de weging klopt: bij herhaling van dit onderzoek zou zo'n interval 95 van de 100 keer het echte aandeel bevatten. Het houdt rekening met toeval en met de weging (Korn–Graubard), niet met wie niet meedeed om andere redenen.",
            "<strong>What an interval says.</strong> A 95% interval shows where the true share among all households probably lies, if the weighting is right: were this study repeated, such an interval would hold the true share 95 times in 100. It accounts for chance and for the weighting (Korn–Graubard), not for who stayed away for other reasons.",
        ),
        (
            "<strong>Regels voor de cijfers.</strong> Antwoorden die een regel van hun versie breken tellen niet mee. Een aandeel wordt niet getoond als minder dan 10 huishoudens het wel of minder dan 10 het niet kozen (ook 0% en 100%), en evenmin een aandeel waaruit zo'n verborgen aandeel terug te rekenen zou zijn; beide staan er als \"afgeschermd\". Aandelen zijn afgerond op een tiende procent.",
            "<strong>Rules for the figures.</strong> Responses that break a rule of their version are not counted. A share is not shown when fewer than 10 households chose it or fewer than 10 did not (0% and 100% included), nor a share from which such a hidden share could be worked out; both read \"suppressed\". Shares are rounded to a tenth of a percent.",
        ),
    ];
    for (nl, en) in paragraphs {
        out.push_str(&bi_block(&format!("<p>{nl}</p>"), &format!("<p>{en}</p>")));
    }
    out.push_str(&format!(
        "<p class=\"note\">{} {} · {} {} · {} {}</p>\n",
        bi("Antwoorden:", "Responses:"),
        figure(summary, "/n_responses", Format::Decimals(0)),
        bi("niet meegeteld:", "left out:"),
        figure(summary, "/n_excluded", Format::Decimals(0)),
        bi("seed:", "seed:"),
        figure(summary, "/seed", Format::Decimals(0)),
    ));
    out
}
