//! The sections of the report, each with a short explanation for readers who
//! are not statisticians.

use plotters::style::RGBColor;
use pwe_core::Survey;
use serde_json::Value;

use super::charts::{self, Bar};
use super::html::{Format, bi, bi_block, esc, figure, table};

pub(super) type Section = Result<String, String>;

/// Every section in reading order.
pub fn all(survey: &Survey, summary: &Value) -> Section {
    Ok([
        intro(survey, summary),
        participation(summary),
        representativeness(summary)?,
        shares(survey, summary)?,
        groups(survey, summary),
        spend(survey, summary),
        portfolios(summary),
        evaluation(survey, summary)?,
        super::model::model(survey, summary)?,
        super::model::segments(summary),
        super::arguments::arguments(survey, summary),
        method(summary),
    ]
    .concat())
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
    out.push_str("<div class=\"key\">");
    for (pointer, format, nl, en) in [
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
            "/representativeness/r_indicator",
            Format::Decimals(2),
            "R-indicator (1 = volledig representatief)",
            "R-indicator (1 = fully representative)",
        ),
    ] {
        out.push_str(&format!(
            "<div><strong>{}</strong>{}</div>",
            figure(summary, pointer, format),
            bi(nl, en)
        ));
    }
    out.push_str("</div>\n");
    out
}

fn participation(summary: &Value) -> String {
    let mut out = heading("Deelname", "Participation");
    out.push_str(&explain(
        "Hoeveel huishoudens per buurt een code kregen, begonnen en hun advies indienden. Het responspercentage is het aandeel uitgenodigde huishoudens dat advies gaf.",
        "How many households per buurt received a code, started and submitted their advice. The response rate is the share of invited households that gave advice.",
    ));
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
                esc(b["buurt"].as_str().unwrap_or_default()),
                at("invited", Format::Decimals(0)),
                at("started", Format::Decimals(0)),
                at("submitted", Format::Decimals(0)),
                at("response_rate", Format::Percent),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            bi("Buurt", "Buurt"),
            bi("Uitgenodigd", "Invited"),
            bi("Begonnen", "Started"),
            bi("Ingediend", "Submitted"),
            bi("Respons", "Response rate"),
        ],
        &rows,
    ));
    let steps = [
        ("start", "bij de start", "at the start"),
        ("info", "bij de uitleg", "at the explanation"),
        ("choice", "bij de keuze", "at the choice"),
        ("motivation", "bij de toelichting", "at the motivations"),
        (
            "background",
            "bij de achtergrondvragen",
            "at the background questions",
        ),
        ("evaluation", "bij de evaluatievragen", "at the evaluation"),
        ("confirm", "bij het bevestigen", "at the confirmation"),
    ];
    let rows: Vec<Vec<String>> = summary["participation"]["dropoff"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, d)| {
            let step = d["step"].as_str().unwrap_or_default();
            let (nl, en) = steps
                .iter()
                .find(|s| s.0 == step)
                .map_or((step, step), |s| (s.1, s.2));
            vec![
                bi(nl, en),
                figure(
                    summary,
                    &format!("/participation/dropoff/{i}/stopped"),
                    Format::Decimals(0),
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
        bi("Waar haakten huishoudens af?", "Where did households stop?"),
        explain(
            "Huishoudens die begonnen maar niet indienden, naar de laatste stap die zij opsloegen; als aandeel van alle begonnen huishoudens.",
            "Households that started but did not submit, by the last step they saved; as a share of all households that started.",
        )
    ));
    out.push_str(&table(
        &[
            bi("Gestopt", "Stopped"),
            bi("Aantal", "Number"),
            bi("Aandeel", "Share"),
        ],
        &rows,
    ));
    out
}

fn representativeness(summary: &Value) -> Section {
    let mut out = heading("Representativiteit", "Representativeness");
    if let Some(problem) = summary
        .pointer("/representativeness/weighting_problem")
        .and_then(Value::as_str)
    {
        out.push_str(&explain(
            &format!(
                "De antwoorden konden niet gewogen worden: {problem}. Alle cijfers zijn ongewogen."
            ),
            &format!("The responses could not be weighted: {problem}. All figures are unweighted."),
        ));
        return Ok(out);
    }
    out.push_str(&explain(
        "Wie deed mee, vergeleken met alle huishoudens? Groepen die minder meededen tellen in de gewogen cijfers zwaarder mee, zodat de uitkomst meer lijkt op wat alle huishoudens zouden adviseren. Dat lukt alleen voor kenmerken die we van de hele bevolking kennen (buurt, leeftijd, huishouden).",
        "Who took part, compared with all households? Groups that took part less count more in the weighted figures, so that the outcome resembles what all households would advise. This works only for characteristics known for the whole population (buurt, age, household).",
    ));
    out.push_str("<div class=\"key\">");
    for (pointer, format, nl, en) in [
        (
            "/representativeness/r_indicator",
            Format::Decimals(3),
            "R-indicator",
            "R-indicator",
        ),
        (
            "/representativeness/design_effect",
            Format::Decimals(2),
            "designeffect van de weging",
            "design effect of the weights",
        ),
        (
            "/representativeness/effective_n",
            Format::Decimals(0),
            "effectieve steekproefomvang",
            "effective sample size",
        ),
        (
            "/representativeness/weights/max",
            Format::Decimals(2),
            "grootste gewicht",
            "largest weight",
        ),
    ] {
        out.push_str(&format!(
            "<div><strong>{}</strong>{}</div>",
            figure(summary, pointer, format),
            bi(nl, en)
        ));
    }
    out.push_str("</div>\n");
    for variable in keys(summary, "/representativeness/margins") {
        let base = format!("/representativeness/margins/{variable}");
        let categories = summary
            .pointer(&format!("{base}/categories"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let labels: Vec<String> = categories
            .iter()
            .map(|c| c["category"].as_str().unwrap_or_default().to_string())
            .collect();
        let series = |field: &str| -> Vec<f64> {
            categories
                .iter()
                .map(|c| c[field].as_f64().unwrap_or(0.0) / 100.0)
                .collect()
        };
        out.push_str(&format!("<h3>{}</h3>", esc(&variable)));
        out.push_str(&chart_pair(
            |nl| {
                let names = if nl {
                    ["Deelnemers", "Bevolking", "Gewogen"]
                } else {
                    ["Respondents", "Population", "Weighted"]
                };
                charts::grouped_bars(
                    &labels,
                    &[
                        (names[0].into(), series("sample_pct")),
                        (names[1].into(), series("population_pct")),
                        (names[2].into(), series("weighted_pct")),
                    ],
                )
            },
            "Aandeel per categorie: deelnemers, bevolking en deelnemers na weging.",
            "Share per category: respondents, population, and respondents after weighting.",
        )?);
        let rows: Vec<Vec<String>> = (0..categories.len())
            .map(|i| {
                let at = |field: &str, format| {
                    figure(summary, &format!("{base}/categories/{i}/{field}"), format)
                };
                vec![
                    esc(&labels[i]),
                    at("n", Format::Decimals(0)),
                    at("sample_pct", Format::Decimals(1)),
                    at("population_pct", Format::Decimals(1)),
                    at("weighted_pct", Format::Decimals(1)),
                    at("partial_r", Format::Decimals(3)),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                bi("Categorie", "Category"),
                "n".into(),
                bi("Deelnemers %", "Respondents %"),
                bi("Bevolking %", "Population %"),
                bi("Gewogen %", "Weighted %"),
                bi("Partiële R", "Partial R"),
            ],
            &rows,
        ));
        out.push_str(&format!(
            "<p class=\"note\">{} {} (df {}), p = {}; {} {}</p>\n",
            bi("Chi-kwadraat", "Chi-square"),
            figure(summary, &format!("{base}/chi_square"), Format::Decimals(1)),
            figure(summary, &format!("{base}/df"), Format::Decimals(0)),
            figure(summary, &format!("{base}/p_value"), Format::Decimals(4)),
            bi(
                "partiële R-indicator van de variabele:",
                "partial R-indicator of the variable:"
            ),
            figure(summary, &format!("{base}/partial_r"), Format::Decimals(3)),
        ));
    }
    Ok(out)
}

fn shares(survey: &Survey, summary: &Value) -> Section {
    let mut out = heading(
        "Welke opties kozen huishoudens?",
        "Which options did households choose?",
    );
    out.push_str(&explain(
        "Het gewogen aandeel huishoudens dat een optie in hun advies opnam, met een 95%-betrouwbaarheidsinterval (de streep): bij herhaling van de raadpleging valt het echte aandeel in 95 van de 100 keer binnen zo'n interval.",
        "The weighted share of households that included an option in their advice, with a 95% confidence interval (the whisker): if the consultation were repeated, the true share would fall within such an interval 95 times out of 100.",
    ));
    let ids: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
    let bars = |nl: bool| -> Vec<Bar> {
        ids.iter()
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
        |nl| {
            charts::bars(
                &bars(nl),
                if nl {
                    "minder dan 10 huishoudens"
                } else {
                    "fewer than 10 households"
                },
            )
        },
        "Gewogen aandeel per optie met 95%-interval (Korn–Graubard).",
        "Weighted share per option with 95% interval (Korn–Graubard).",
    )?);
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let at = |field: &str, format| {
                figure(summary, &format!("/option_shares/{id}/{field}"), format)
            };
            vec![
                option_cell(survey, id),
                at("share", Format::Percent),
                at("weighted_share", Format::Percent),
                format!(
                    "{} – {}",
                    at("kg_95/0", Format::Percent),
                    at("kg_95/1", Format::Percent)
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            bi("Optie", "Option"),
            bi("Ongewogen", "Unweighted"),
            bi("Gewogen", "Weighted"),
            bi("95%-interval", "95% interval"),
        ],
        &rows,
    ));

    let buurten = keys(summary, "/shares_by_buurt");
    out.push_str(&format!("<h3>{}</h3>", bi("Per buurt", "Per buurt")));
    out.push_str(&explain(
        "Gewogen aandeel per buurt en optie, in procenten; hoe donkerder, hoe vaker gekozen. Buurten met minder dan 10 deelnemers tonen we niet (–).",
        "Weighted share per buurt and option, in percent; the darker, the more often chosen. Buurten with fewer than 10 respondents are not shown (–).",
    ));
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
        |nl| {
            let columns: Vec<String> = ids.iter().map(|id| option_title(survey, id, nl)).collect();
            charts::heat_map(&buurten, &columns, &values)
        },
        "Buurt × optie: gewogen aandeel in procenten.",
        "Buurt × option: weighted share in percent.",
    )?);
    let mut header = vec![bi("Optie", "Option")];
    header.extend(buurten.iter().map(|b| {
        format!(
            "{}<br>n = {}",
            esc(b),
            figure(
                summary,
                &format!("/shares_by_buurt/{b}/n"),
                Format::Decimals(0)
            )
        )
    }));
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let mut row = vec![option_cell(survey, id)];
            row.extend(buurten.iter().map(|b| {
                figure(
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

fn groups(survey: &Survey, summary: &Value) -> String {
    let mut out = format!(
        "<h3>{}</h3>",
        bi("Per groep van huishoudens", "Per group of households")
    );
    out.push_str(&explain(
        "Gewogen aandeel per antwoord op de achtergrondvragen. Groepen met minder dan 10 deelnemers tonen we niet (–).",
        "Weighted share per answer to the background questions. Groups with fewer than 10 respondents are not shown (–).",
    ));
    for question in survey.background() {
        let base = format!("/shares_by_group/{}", question.id);
        let Some(choices) = summary.pointer(&base).and_then(Value::as_object) else {
            continue;
        };
        let label = |choice: &str| -> String {
            match &question.kind {
                pwe_core::survey::QuestionKind::Single(list) => {
                    list.iter().find(|c| c.id == choice).map_or_else(
                        || esc(choice),
                        |c| bi(c.label.nl(), c.label.en().unwrap_or(c.label.nl())),
                    )
                }
                _ => esc(choice),
            }
        };
        out.push_str(&format!(
            "<h4>{}</h4>",
            bi(
                question.text.nl(),
                question.text.en().unwrap_or(question.text.nl())
            )
        ));
        let mut header = vec![bi("Optie", "Option")];
        header.extend(choices.keys().map(|c| {
            format!(
                "{}<br>n = {}",
                label(c),
                figure(summary, &format!("{base}/{c}/n"), Format::Decimals(0))
            )
        }));
        let rows: Vec<Vec<String>> = survey
            .options()
            .iter()
            .map(|o| {
                let mut row = vec![option_cell(survey, &o.id)];
                row.extend(choices.keys().map(|c| {
                    figure(
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

fn spend(survey: &Survey, summary: &Value) -> String {
    let mut out = heading("Budget", "Budget");
    out.push_str(&explain(
        "Hoeveel huishoudens gemiddeld uitgaven, welk deel van het budget zij gebruikten en hoeveel van hen de gemeentelijke belasting liever lieten stijgen of dalen om meer of minder te kunnen doen.",
        "How much households spent on average, which part of the budget they used, and how many of them preferred the municipal tax to rise or fall in order to do more or less.",
    ));
    let mut rows = vec![
        vec![
            bi("Gemiddelde uitgaven", "Mean spend"),
            figure(summary, "/spend/mean_cost", Format::Euros),
        ],
        vec![
            bi("Gemiddeld deel van het budget", "Mean share of the budget"),
            figure(summary, "/spend/mean_share_of_budget", Format::Percent),
        ],
    ];
    if survey.rules().flexible.is_some() {
        rows.push(vec![
            bi("Belasting omhoog", "Tax up"),
            figure(summary, "/spend/share_tax_up", Format::Percent),
        ]);
        rows.push(vec![
            bi("Belasting omlaag", "Tax down"),
            figure(summary, "/spend/share_tax_down", Format::Percent),
        ]);
    }
    for (i, target) in survey.rules().targets.iter().enumerate() {
        let effect = &survey.effects()[target.effect_idx];
        rows.push(vec![
            bi(
                &format!("Doel gehaald: {}", effect.label.nl()),
                &format!(
                    "Target attained: {}",
                    effect.label.en().unwrap_or(effect.label.nl())
                ),
            ),
            figure(
                summary,
                &format!("/spend/targets/{i}/share_attained"),
                Format::Percent,
            ),
        ]);
    }
    out.push_str(&table(
        &[bi("Maat", "Measure"), bi("Waarde", "Value")],
        &rows,
    ));
    out
}

fn portfolios(summary: &Value) -> String {
    let mut out = heading("De meest gekozen pakketten", "The most chosen portfolios");
    out.push_str(&explain(
        "Combinaties van opties die precies zo door meerdere huishoudens werden gekozen (alleen pakketten van minstens 10 huishoudens).",
        "Combinations of options chosen exactly like this by several households (only portfolios of at least 10 households).",
    ));
    let rows: Vec<Vec<String>> = summary["portfolios"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            vec![
                esc(&p["portfolio"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('+', " + ")),
                figure(summary, &format!("/portfolios/{i}/n"), Format::Decimals(0)),
                figure(summary, &format!("/portfolios/{i}/share"), Format::Percent),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            bi("Pakket", "Portfolio"),
            bi("Huishoudens", "Households"),
            bi("Aandeel", "Share"),
        ],
        &rows,
    ));
    out
}

fn evaluation(survey: &Survey, summary: &Value) -> Section {
    let mut out = heading(
        "Hoe beoordeelden deelnemers de raadpleging?",
        "How did participants judge the consultation?",
    );
    out.push_str(&explain(
        "De antwoorden op de stellingen (van helemaal oneens tot helemaal eens) en het rapportcijfer, gewogen, geordend naar de onderzoeksvragen van de gemeente.",
        "The answers to the statements (from strongly disagree to strongly agree) and the grade, weighted, ordered by the municipality's research questions.",
    ));
    let likert = [
        RGBColor(202, 0, 32),
        RGBColor(244, 165, 130),
        RGBColor(220, 220, 220),
        RGBColor(146, 197, 222),
        RGBColor(5, 113, 176),
    ];
    let research_questions = keys(summary, "/research_questions");
    for rq in &research_questions {
        let items: Vec<&pwe_core::survey::EvaluationQuestion> = survey
            .evaluation()
            .iter()
            .filter(|q| {
                q.research_question.as_deref() == Some(rq.as_str())
                    && summary
                        .pointer(&format!("/evaluation/{}/kind", q.id))
                        .and_then(Value::as_str)
                        == Some("likert5")
            })
            .collect();
        out.push_str(&format!(
            "<h3>{}</h3>",
            bi(
                &format!("Onderzoeksvraag {rq}"),
                &format!("Research question {rq}")
            )
        ));
        if !items.is_empty() {
            let rows: Vec<Vec<f64>> = items
                .iter()
                .map(|q| {
                    (1..=5)
                        .map(|v| {
                            number(
                                summary,
                                &format!("/evaluation/{}/weighted_distribution/{v}", q.id),
                            )
                            .unwrap_or(0.0)
                        })
                        .collect()
                })
                .collect();
            out.push_str(&chart_pair(
                |nl| {
                    let labels: Vec<String> = items
                        .iter()
                        .map(|q| {
                            short(if nl {
                                q.text.nl()
                            } else {
                                q.text.en().unwrap_or(q.text.nl())
                            })
                        })
                        .collect();
                    let legend: Vec<String> = if nl {
                        [
                            "helemaal oneens",
                            "oneens",
                            "neutraal",
                            "eens",
                            "helemaal eens",
                        ]
                    } else {
                        [
                            "strongly disagree",
                            "disagree",
                            "neutral",
                            "agree",
                            "strongly agree",
                        ]
                    }
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                    charts::stacked(&labels, &legend, &rows, &likert)
                },
                "Gewogen verdeling van de antwoorden per stelling.",
                "Weighted distribution of the answers per statement.",
            )?);
        }
        let rows: Vec<Vec<String>> = survey
            .evaluation()
            .iter()
            .filter(|q| {
                q.research_question.as_deref() == Some(rq.as_str())
                    && summary.pointer(&format!("/evaluation/{}", q.id)).is_some()
            })
            .map(|q| {
                vec![
                    bi(q.text.nl(), q.text.en().unwrap_or(q.text.nl())),
                    figure(
                        summary,
                        &format!("/evaluation/{}/n", q.id),
                        Format::Decimals(0),
                    ),
                    figure(
                        summary,
                        &format!("/evaluation/{}/weighted_mean", q.id),
                        Format::Decimals(2),
                    ),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                bi("Vraag", "Question"),
                "n".into(),
                bi("Gewogen gemiddelde", "Weighted mean"),
            ],
            &rows,
        ));
    }
    for q in survey.evaluation() {
        if summary
            .pointer(&format!("/evaluation/{}/kind", q.id))
            .and_then(Value::as_str)
            != Some("grade")
        {
            continue;
        }
        let bars = |_: bool| -> Vec<Bar> {
            (0..=10)
                .map(|v| Bar {
                    label: v.to_string(),
                    value: number(
                        summary,
                        &format!("/evaluation/{}/weighted_distribution/{v}", q.id),
                    ),
                    interval: None,
                })
                .collect()
        };
        out.push_str(&format!(
            "<h3>{}</h3>",
            bi(q.text.nl(), q.text.en().unwrap_or(q.text.nl()))
        ));
        out.push_str(&chart_pair(
            |nl| charts::bars(&bars(nl), "–"),
            "Gewogen verdeling van de cijfers.",
            "Weighted distribution of the grades.",
        )?);
        out.push_str(&format!(
            "<p>{} {}</p>",
            bi("Gewogen gemiddeld cijfer:", "Weighted mean grade:"),
            figure(
                summary,
                &format!("/evaluation/{}/weighted_mean", q.id),
                Format::Decimals(1)
            )
        ));
    }
    Ok(out)
}

/// A statement shortened to fit a chart label.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(45).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

fn method(summary: &Value) -> String {
    let mut out = heading("Werkwijze", "Method");
    out.push_str(&format!(
        "<p>{}</p><p class=\"note\">{} {} · {} {} · {} {}</p>\n",
        bi(
            "Gewogen cijfers zijn berekend met raking naar de bevolkingsverdeling per buurt, leeftijd en huishoudtype (CBS). Intervallen zijn Korn–Graubard-intervallen met de effectieve steekproefomvang. Antwoorden die een regel van hun versie breken zijn niet meegeteld. Groepen van minder dan 10 huishoudens worden niet getoond.",
            "Weighted figures are computed by raking to the population distribution per buurt, age and household type (CBS). Intervals are Korn–Graubard intervals with the effective sample size. Responses that break a rule of their version are not counted. Groups of fewer than 10 households are not shown.",
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
