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
use pwe_core::survey::ParticipationLevel;
use pwe_core::{Lang, Survey};
use serde_json::Value;

use super::html::{Format, bi, esc, figure, protected, table};
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
            bi(
                &format!("Participatierapportage: {}", meta.title.nl()),
                &format!(
                    "Participation report: {}",
                    meta.title.en().unwrap_or(meta.title.nl())
                ),
            ),
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
         <input type=\"radio\" name=\"lang\" id=\"show-nl\" checked><label for=\"show-nl\">Nederlands</label>\n\
         <input type=\"radio\" name=\"lang\" id=\"show-en\"><label for=\"show-en\">English</label>\n\
         <main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(&format!("Participatierapportage: {}", meta.title.nl()))
    ))
}

/// "24 juni 2027" / "24 June 2027".
fn long_date(date: chrono::NaiveDate) -> String {
    use pwe_core::text::long_date;
    bi(&long_date(date, Lang::Nl), &long_date(date, Lang::En))
}

fn text(t: &pwe_core::Text) -> String {
    bi(t.nl(), t.en().unwrap_or(t.nl()))
}

/// What was asked and why: the question and the measures on the table.
fn asked(survey: &Survey) -> String {
    let mut out = heading("Wat vroegen we, en waarom?", "What did we ask, and why?");
    out.push_str(&format!(
        "<p>{}</p>",
        bi(
            &format!(
                "{} vroeg huishoudens om advies: welke maatregelen zou u nemen, binnen het budget en de regels, en waarom? Iedereen koos uit dezelfde maatregelen, met hun kosten en effecten:",
                survey.meta().organiser.nl()
            ),
            &format!(
                "{} asked households for advice: which measures would you take, within the budget and the rules, and why? Everyone chose from the same measures, with their costs and effects:",
                survey.meta().organiser.en().unwrap_or(survey.meta().organiser.nl())
            ),
        )
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
    let mut out = heading("Participatieniveau", "Participation level");
    let level = survey.meta().participation_level;
    let (nl, en) = match level {
        ParticipationLevel::Raadplegen => (
            "Raadplegen: bewoners geven advies, de gemeenteraad beslist. De raad legt hieronder per maatregel uit wat hij met het advies deed.",
            "Consulting (raadplegen): residents advise, the council decides. Below, the council explains per measure what it did with the advice.",
        ),
        ParticipationLevel::Adviseren => (
            "Adviseren: bewoners adviseren; de raad wijkt alleen met redenen van het advies af.",
            "Advising (adviseren): residents advise; the council departs from the advice only with reasons.",
        ),
        ParticipationLevel::Informeren => (
            "Informeren: bewoners worden geïnformeerd.",
            "Informing (informeren): residents are informed.",
        ),
        ParticipationLevel::Coproduceren => (
            "Coproduceren: bewoners en gemeente ontwerpen samen.",
            "Co-producing (coproduceren): residents and the municipality design together.",
        ),
        ParticipationLevel::Meebeslissen => (
            "Meebeslissen: bewoners beslissen mee.",
            "Co-deciding (meebeslissen): residents decide.",
        ),
    };
    out.push_str(&format!("<p>{}</p>\n", bi(nl, en)));
    out
}

fn took_part(summary: &Value) -> String {
    let mut out = heading("Wie deden mee?", "Who took part?");
    out.push_str(&format!(
        "<p>{}.</p><p>{}</p>\n",
        super::conclusions::turnout(summary),
        super::participation::overall_verdict(summary),
    ));
    out
}

/// What residents advised (the summary's rules) and why (their arguments).
fn advised(survey: &Survey, summary: &Value) -> String {
    let mut out = heading(
        "Wat adviseerden bewoners, en waarom?",
        "What did residents advise, and why?",
    );
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
            bi("waarom wel", "why for")
        } else {
            bi("waarom niet", "why against")
        };
        quotes.push_str(&format!(
            "<li>{} ({stance}, {} {}): “{}”</li>",
            option_cell(survey, cell["option"].as_str().unwrap_or_default()),
            figure(
                summary,
                &format!("/arguments/cells/{i}/n"),
                Format::Decimals(0)
            ),
            bi("toelichtingen", "explanations"),
            esc(quote)
        ));
    }
    if quotes.is_empty() {
        out.push_str(&explain(
            "De toelichtingen zijn niet in deze analyse opgenomen (zonder --free-text of zonder codeboek); daarom staan hier geen argumenten.",
            "The motivations are not part of this analysis (without --free-text or without a codebook); so no arguments are shown here.",
        ));
    } else {
        out.push_str(&format!(
            "<h3>{}</h3><ul>{quotes}</ul>\n",
            bi(
                "Argumenten van bewoners (persoonsgegevens verwijderd)",
                "Residents' arguments (personal data removed)"
            )
        ));
    }
    out
}

fn decision_words(decision: Decision) -> String {
    match decision {
        Decision::Adopted => bi("Overgenomen", "Adopted"),
        Decision::Partly => bi("Deels overgenomen", "Partly adopted"),
        Decision::NotAdopted => bi("Niet overgenomen", "Not adopted"),
        Decision::Later => bi("Later besloten", "To be decided later"),
    }
}

fn decided(survey: &Survey, summary: &Value, council: Option<&CouncilResponse>) -> String {
    let mut out = heading(
        "Wat besloot de raad, en waarom?",
        "What did the council decide, and why?",
    );
    let Some(council) = council else {
        out.push_str(&explain(
            "De raad heeft nog niet besloten. Zodra het besluit er is, komt het hier en op de uitkomstenpagina, per maatregel naast het advies.",
            "The council has not decided yet. Once it has, the decision appears here and on the results page, per measure beside the advice.",
        ));
        return out;
    };
    out.push_str(&format!(
        "<p>{} {} {} {}.</p>",
        bi("Besloten op", "Decided on"),
        long_date(council.decided),
        bi("door de", "by the"),
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
            bi("Maatregel", "Measure"),
            bi("Advies (95%-interval)", "Advice (95% interval)"),
            bi("Besluit", "Decision"),
            bi("Waarom", "Why"),
        ],
        &rows,
    ));
    out
}

/// The evaluation statements per research question: weighted mean (1–5).
fn judged(survey: &Survey, summary: &Value) -> String {
    let mut out = heading(
        "Hoe beoordeelden deelnemers de raadpleging?",
        "How did participants judge the consultation?",
    );
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
                figure(
                    summary,
                    &format!("/evaluation/{}/n", q.id),
                    Format::Decimals(0),
                ),
            ]
        })
        .collect();
    out.push_str(&explain(
        "Gewogen gemiddelde per stelling, van 1 (helemaal oneens) tot 5 (helemaal eens); het rapportcijfer van 0 tot 10.",
        "Weighted mean per statement, from 1 (strongly disagree) to 5 (strongly agree); the grade from 0 to 10.",
    ));
    out.push_str(&table(
        &[
            bi("Vraag", "Question"),
            bi("Stelling", "Statement"),
            bi("Gemiddelde", "Mean"),
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
        return bi(
            "Geen evaluatievraag van de raadpleging hoort bij deze onderzoeksvraag.",
            "No evaluation question of the consultation belongs to this research question.",
        );
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
    format!("{}: {}.", bi("Gemiddelden", "Means"), means.join("; "))
}

fn actie(summary: &Value) -> String {
    let mut out = heading(
        "Evaluatie van de methode (ACTIE)",
        "Evaluation of the method (ACTIE)",
    );
    let evaluation = |rq: &str| evaluation_means(summary, rq);
    let rows = vec![
        vec![
            "1a".into(),
            bi(
                "Opkomst: hoeveel huishoudens deden mee?",
                "Turnout: how many households took part?",
            ),
            format!(
                "{} {} ({})",
                figure(summary, "/participation/submitted", Format::Decimals(0)),
                bi("huishoudens", "households"),
                figure(summary, "/participation/response_rate", Format::Percent),
            ),
            bi(
                "Waarom anderen niet meededen: van niet-deelnemers is alleen de buurt bekend.",
                "Why others did not take part: of non-participants only the buurt is known.",
            ),
        ],
        vec![
            "1b".into(),
            bi(
                "Representativiteit: lijken deelnemers op alle huishoudens?",
                "Representativeness: do participants resemble all households?",
            ),
            format!(
                "R-indicator {} ({} {})",
                figure(
                    summary,
                    "/representativeness/r_indicator_adjusted",
                    Format::Decimals(2)
                ),
                bi("grootst mogelijke vertekening", "largest possible bias"),
                figure(summary, "/representativeness/max_bias", Format::Decimals(2)),
            ),
            bi(
                "Alleen voor buurt, leeftijd en huishouden; niet voor bijvoorbeeld inkomen, opleiding of betrokkenheid bij het onderwerp.",
                "Only for buurt, age and household; not for, say, income, education or involvement in the subject.",
            ),
        ],
        vec![
            "2a".into(),
            bi(
                "Voldoende gelegenheid om mee te doen?",
                "Sufficient opportunity to take part?",
            ),
            evaluation("2a"),
            bi(
                "Alleen het oordeel van wie meedeed; wie geen gelegenheid had, vulde de vragen ook niet in.",
                "Only the judgement of those who took part; those without the opportunity did not answer either.",
            ),
        ],
        vec![
            "2b".into(),
            bi(
                "Een betekenisvolle gelegenheid?",
                "A meaningful opportunity?",
            ),
            evaluation("2b"),
            bi(
                "De beoordeling door een geselecteerde groep deelnemers en door de betrokken ambtenaren zit niet in deze gegevens (de vervolgmeting).",
                "The judgement of a selected group of participants and of the officials involved is not in these data (the follow-up).",
            ),
        ],
        vec![
            "3".into(),
            bi("Vertrouwen en draagvlak?", "Trust and support?"),
            evaluation("3"),
            bi(
                "Gemeten vóór het besluit; of het vertrouwen na het besluit groeide, kan alleen een vervolgmeting zeggen.",
                "Measured before the decision; whether trust grew after it only a follow-up can say.",
            ),
        ],
    ];
    out.push_str(&table(
        &[
            bi("Vraag", "Question"),
            bi("Onderzoeksvraag", "Research question"),
            bi("Wat de gegevens zeggen", "What the data say"),
            bi("Wat ze niet kunnen zeggen", "What they cannot say"),
        ],
        &rows,
    ));
    out
}

fn next(survey: &Survey, council: Option<&CouncilResponse>) -> String {
    let mut out = heading("Wat gebeurt er nu?", "What happens next?");
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
                        match step.status {
                            pwe_core::council::StepStatus::Planned => bi("gepland", "planned"),
                            pwe_core::council::StepStatus::InProgress => bi("bezig", "in progress"),
                            pwe_core::council::StepStatus::Done => bi("gedaan", "done"),
                        }
                    ),
                )
            })
        })
        .collect();
    steps.sort_by_key(|(date, _)| *date);
    let steps: Vec<String> = steps.into_iter().map(|(_, item)| item).collect();
    if steps.is_empty() {
        out.push_str(&explain(
            "Nog geen stappen bekend. De gemeente houdt deelnemers op de uitkomstenpagina op de hoogte.",
            "No steps known yet. The municipality keeps participants informed on the results page.",
        ));
    } else {
        out.push_str(&format!("<ul>{}</ul>", steps.concat()));
        out.push_str(&explain(
            "De uitkomstenpagina houdt deze stappen bij.",
            "The results page keeps these steps up to date.",
        ));
    }
    out
}
