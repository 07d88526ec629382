//! The participation report ("participatierapportage"): the course and the
//! outcome of the consultation for the council, the participants and the
//! public — what was asked and why, who took part, what residents advised and
//! why, what the council decided and why, how residents judged the
//! consultation, the programme's evaluation questions (ACTIE) and what
//! happens next.
//!
//! Like the analysis report it reads only the survey, the summary and the
//! council's answer; every figure is a summary value with its pointer.

use pwe_core::council::{CouncilResponse, Decision};
use pwe_core::export::Stance;
use pwe_core::words::words;
use pwe_core::{Lang, Survey};
use serde_json::Value;

use super::html::{Format, bi, both, both_fill, esc, figure, protected, table};
use super::sections::{explain, heading, keys, number, option_cell};
use super::{ReportError, STYLE};

const PRINT: &str = "@media print { input[name=\"lang\"], input[name=\"lang\"] + label { display: none; } \
    body { max-width: none; font-size: 11pt; } h2 { break-after: avoid; } table, figure, .card { break-inside: avoid; } \
    .scroll { overflow: visible; } @page { size: A4; margin: 18mm; } }";

/// Renders the participation report.
///
/// # Errors
/// Never in practice; the type matches [`super::render`].
pub fn render_participation(
    survey: &Survey,
    summary: &Value,
    council: Option<&CouncilResponse>,
) -> Result<String, ReportError> {
    let meta = survey.meta();
    let body = [
        super::simulated_banner(summary),
        format!(
            "<h1>{}</h1>\n<p>{}</p>\n",
            both_fill("report_participation_title", |lang| vec![(
                "title",
                meta.title.get(lang).into()
            )]),
            bi(
                meta.organiser.nl(),
                meta.organiser.en().unwrap_or(meta.organiser.nl())
            ),
        ),
        asked(survey),
        level(survey),
        took_part(summary),
        advised(survey, summary),
        decided(survey, summary, council),
        judged(survey, summary),
        actie(summary),
        next(survey, council),
    ]
    .concat();
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{STYLE}{PRINT}</style>\n</head>\n<body>\n\
         {}<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(&words(Lang::Nl).fill(
            "report_participation_title",
            &[("title", meta.title.nl().into())]
        )),
        super::html::language_switch()
    ))
}

/// A date in both languages ([`pwe_core::format::date`]).
fn long_date(date: chrono::NaiveDate) -> String {
    bi(
        &pwe_core::format::date(date, Lang::Nl),
        &pwe_core::format::date(date, Lang::En),
    )
}

fn text(t: &pwe_core::Text) -> String {
    bi(t.nl(), t.en().unwrap_or(t.nl()))
}

/// What was asked and why: the question and the measures on the table.
fn asked(survey: &Survey) -> String {
    let mut out = heading("report_what_did_we_ask_why");
    out.push_str(&format!(
        "<p>{}</p>",
        both_fill("report_asked", |lang| vec![(
            "organiser",
            survey.meta().organiser.get(lang).into()
        )])
    ));
    let items: String = survey
        .options()
        .iter()
        .map(|o| format!("<li>{}</li>", text(&o.title)))
        .collect();
    out.push_str(&format!("<ul>{items}</ul>\n"));
    out
}

fn level(survey: &Survey) -> String {
    let mut out = heading("report_participation_level");
    let level = survey.meta().participation_level;
    out.push_str(&format!(
        "<p>{}</p>\n",
        both_fill("report_level", |_| vec![("level", level.name().into())])
    ));
    out
}

fn took_part(summary: &Value) -> String {
    let mut out = heading("report_who_took_part");
    out.push_str(&format!(
        "<p>{}.</p><p>{}</p>\n",
        super::conclusions::turnout(summary),
        super::participation::overall_verdict(summary),
    ));
    out
}

/// What residents advised (the summary's rules) and why (their arguments).
fn advised(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("report_what_did_residents_advise_why");
    if let Some(advice) = super::conclusions::advice(survey, summary) {
        out.push_str(&format!("<div>{advice}</div>\n"));
    }
    let mut quotes = String::new();
    for (i, cell) in summary
        .pointer("/arguments/cells")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(quote) = cell["quotes"]
            .as_array()
            .and_then(|q| q.first())
            .and_then(Value::as_str)
        else {
            continue;
        };
        let stance = if cell["stance"] == Stance::Pro.code() {
            both("report_why_for")
        } else {
            both("report_why_against")
        };
        quotes.push_str(&format!(
            "<li>{} ({stance}, {} {}): “{}”</li>",
            option_cell(survey, cell["option"].as_str().unwrap_or_default()),
            figure(summary, &format!("/arguments/cells/{i}/n"), Format::Count),
            both("report_explanations"),
            esc(quote)
        ));
    }
    if quotes.is_empty() {
        out.push_str(&explain("report_motivations_not_part_analysis_without"));
    } else {
        out.push_str(&format!(
            "<h3>{}</h3><ul>{quotes}</ul>\n",
            both("report_residents_arguments_personal_data_removed")
        ));
    }
    out
}

fn decision_words(decision: Decision) -> String {
    bi(decision.word(Lang::Nl), decision.word(Lang::En))
}

fn decided(survey: &Survey, summary: &Value, council: Option<&CouncilResponse>) -> String {
    let mut out = heading("report_what_did_council_decide_why");
    let Some(council) = council else {
        out.push_str(&explain("report_council_has_not_decided_yet"));
        return out;
    };
    out.push_str(&format!(
        "<p>{} {} {} {}.</p>",
        both("report_decided"),
        long_date(council.decided),
        both("report_by_the"),
        text(&council.body)
    ));
    if let Some(summary_text) = &council.summary {
        out.push_str(&format!("<p>{}</p>", text(summary_text)));
    }
    let rows: Vec<Vec<String>> = council
        .options
        .iter()
        .map(|answer| {
            let id = &survey.options()[answer.option_idx].id;
            let base = format!("/option_shares/{id}");
            vec![
                option_cell(survey, id),
                match number(summary, &format!("{base}/weighted_share")) {
                    Some(_) => format!(
                        "{} ({}–{})",
                        figure(summary, &format!("{base}/weighted_share"), Format::Percent),
                        figure(summary, &format!("{base}/kg_95/0"), Format::Percent),
                        figure(summary, &format!("{base}/kg_95/1"), Format::Percent),
                    ),
                    None => protected(summary, &format!("{base}/weighted_share"), Format::Percent),
                },
                decision_words(answer.decision),
                text(&answer.reasoning),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            both("report_measure"),
            both("report_advice_95_interval"),
            both("report_decision"),
            both("report_why"),
        ],
        &rows,
    ));
    out
}

/// The evaluation statements per research question: weighted mean (1–5).
fn judged(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("report_how_did_participants_judge_consultation");
    let rows: Vec<Vec<String>> = survey
        .evaluation()
        .iter()
        .filter(|q| number(summary, &format!("/evaluation/{}/weighted_mean", q.id)).is_some())
        .map(|q| {
            vec![
                esc(q.research_question.as_deref().unwrap_or("–")),
                text(&q.text),
                figure(
                    summary,
                    &format!("/evaluation/{}/weighted_mean", q.id),
                    Format::Decimals(1),
                ),
                figure(summary, &format!("/evaluation/{}/n", q.id), Format::Count),
            ]
        })
        .collect();
    out.push_str(&explain("report_weighted_mean_per_statement_from"));
    out.push_str(&table(
        &[
            both("report_question"),
            both("report_statement"),
            both("report_mean"),
            "n".into(),
        ],
        &rows,
    ));
    out
}

/// The programme's evaluation (ACTIE): each research question with its
/// figures, and where these data cannot answer it.
/// The weighted means of the evaluation questions of research question `rq`,
/// or that the consultation asked none.
fn evaluation_means(summary: &Value, rq: &str) -> String {
    if !keys(summary, "/research_questions").iter().any(|a| a == rq) {
        return both("report_no_evaluation_question_consultation_belongs");
    }
    let means: Vec<String> = summary
        .pointer(&format!("/research_questions/{rq}"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|id| {
            format!(
                "{} {}",
                esc(id),
                figure(
                    summary,
                    &format!("/evaluation/{id}/weighted_mean"),
                    Format::Decimals(1)
                )
            )
        })
        .collect();
    format!("{}: {}.", both("report_means"), means.join("; "))
}

fn actie(summary: &Value) -> String {
    let mut out = heading("report_evaluation_method_actie");
    let evaluation = |rq: &str| evaluation_means(summary, rq);
    let rows = vec![
        vec![
            "1a".into(),
            both("report_turnout_how_many_households_took"),
            format!(
                "{} {} ({})",
                figure(summary, "/participation/submitted", Format::Count),
                both("report_households"),
                figure(summary, "/participation/response_rate", Format::Percent),
            ),
            both("report_why_others_did_not_take"),
        ],
        vec![
            "1b".into(),
            both("report_representativeness_do_participants_resemble_all"),
            format!(
                "R-indicator {} ({} {})",
                figure(
                    summary,
                    "/representativeness/r_indicator_adjusted",
                    Format::Decimals(2)
                ),
                both("report_largest_possible_bias"),
                figure(
                    summary,
                    "/representativeness/max_bias_high",
                    Format::Decimals(2)
                ),
            ),
            both("report_only_buurt_age_household_not"),
        ],
        vec![
            "2a".into(),
            both("report_sufficient_opportunity_take_part"),
            evaluation("2a"),
            both("report_only_judgement_those_who_took"),
        ],
        vec![
            "2b".into(),
            both("report_meaningful_opportunity"),
            evaluation("2b"),
            both("report_judgement_selected_group_participants_officials"),
        ],
        vec![
            "3".into(),
            both("report_trust_support"),
            evaluation("3"),
            both("report_measured_before_decision_whether_trust"),
        ],
    ];
    out.push_str(&table(
        &[
            both("report_question"),
            both("report_research_question"),
            both("report_what_data_say"),
            both("report_what_they_cannot_say"),
        ],
        &rows,
    ));
    out
}

fn next(survey: &Survey, council: Option<&CouncilResponse>) -> String {
    let mut out = heading("report_what_happens_next");
    let mut steps: Vec<(_, String)> = council
        .into_iter()
        .flat_map(|c| &c.options)
        .flat_map(|answer| {
            answer.steps.iter().map(move |step| {
                (
                    step.date,
                    format!(
                        "<li>{}: {} — {} ({})</li>",
                        long_date(step.date),
                        option_cell(survey, &survey.options()[answer.option_idx].id),
                        text(&step.text),
                        bi(step.status.word(Lang::Nl), step.status.word(Lang::En))
                    ),
                )
            })
        })
        .collect();
    steps.sort_by_key(|(date, _)| *date);
    let steps: Vec<String> = steps.into_iter().map(|(_, item)| item).collect();
    if steps.is_empty() {
        out.push_str(&explain("report_no_steps_known_yet_municipality"));
    } else {
        out.push_str(&format!("<ul>{}</ul>", steps.concat()));
        out.push_str(&explain("report_results_page_keeps_these_steps"));
    }
    out
}
