//! The report's choices: option shares, shares per group, spend and the most
//! chosen portfolios.

use pwe_core::Survey;
use serde_json::Value;

use super::charts::{self, Bar};
use super::html::{Format, bi, esc, figure, portfolio, table};
use super::sections::{
    Section, chart_pair, explain, heading, keys, number, option_cell, option_title,
};

pub(super) fn shares(survey: &Survey, summary: &Value) -> Section {
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

pub(super) fn groups(survey: &Survey, summary: &Value) -> String {
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

pub(super) fn spend(survey: &Survey, summary: &Value) -> String {
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

pub(super) fn portfolios(summary: &Value) -> String {
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
                portfolio(p["portfolio"].as_str().unwrap_or_default()),
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
