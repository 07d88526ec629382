//! The report's choices: option shares, shares per group, spend and the most
//! chosen portfolios.

use pwe_core::Survey;
use serde_json::Value;

use super::charts::{self, Bar};
use super::html::{Format, bi, esc, figure, protected, table};
use super::sections::{
    Section, buurt_name, chart_pair, choice_label, explain, heading, in_survey_order, keys, number,
    option_cell, option_title, portfolio,
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
    // The chart from most to least chosen (suppressed shares last).
    let mut sorted = ids.clone();
    let share = |id: &String| number(summary, &format!("/option_shares/{id}/weighted_share"));
    sorted.sort_by(|a, b| {
        share(b)
            .unwrap_or(-1.0)
            .total_cmp(&share(a).unwrap_or(-1.0))
    });
    let bars = |nl: bool| -> Vec<Bar> {
        sorted
            .iter()
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
        |nl, frame| {
            charts::bars(
                frame,
                &bars(nl),
                if nl { "afgeschermd" } else { "suppressed" },
            )
        },
        "Gewogen aandeel per optie met 95%-interval (Korn–Graubard), van vaakst tot minst vaak gekozen.",
        "Weighted share per option with 95% interval (Korn–Graubard), from most to least chosen.",
    )?);
    for group in &survey.rules().exclusive {
        out.push_str(&exclusive_group(survey, summary, group)?);
    }
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            let at = |field: &str, format| {
                protected(summary, &format!("/option_shares/{id}/{field}"), format)
            };
            vec![
                option_cell(survey, id),
                at("share", Format::Percent),
                at("weighted_share", Format::Percent),
                match number(summary, &format!("/option_shares/{id}/kg_95/0")) {
                    Some(_) => format!(
                        "{} – {}",
                        at("kg_95/0", Format::Percent),
                        at("kg_95/1", Format::Percent)
                    ),
                    None => at("kg_95/0", Format::Percent),
                },
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
    out.push_str(&per_buurt(survey, summary, &ids)?);
    Ok(out)
}

/// The shares per buurt: a heat map and its table.
fn per_buurt(survey: &Survey, summary: &Value, ids: &[String]) -> Section {
    let buurten = keys(summary, "/shares_by_buurt");
    let mut out = format!("<h3>{}</h3>", bi("Per buurt", "Per buurt"));
    out.push_str(&explain(
        "Gewogen aandeel per buurt en optie, in procenten; hoe donkerder, hoe vaker gekozen. Een aandeel dat iets zou zeggen over minder dan 10 huishoudens tonen we niet, en evenmin een aandeel waaruit het terug te rekenen zou zijn (afgeschermd).",
        "Weighted share per buurt and option, in percent; the darker, the more often chosen. A share that would tell something about fewer than 10 households is not shown, nor one from which it could be worked out (suppressed).",
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
        |nl, frame| {
            let columns: Vec<String> = ids.iter().map(|id| option_title(survey, id, nl)).collect();
            let names: Vec<String> = buurten.iter().map(|b| buurt_name(summary, b)).collect();
            charts::heat_map(frame, &names, &columns, &values)
        },
        "Buurt × optie: gewogen aandeel in procenten.",
        "Buurt × option: weighted share in percent.",
    )?);
    let mut header = vec![bi("Optie", "Option")];
    header.extend(buurten.iter().map(|b| {
        format!(
            "{}<br>n = {}",
            esc(&buurt_name(summary, b)),
            protected(
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
                protected(
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

/// An exclusive group as one bar: how many chose each of its options, and
/// together, since a household could choose only one.
fn exclusive_group(
    survey: &Survey,
    summary: &Value,
    group: &pwe_core::survey::ExclusiveGroup,
) -> Section {
    let base = format!("/group_shares/{}", group.id);
    let Some(together) = number(summary, &format!("{base}/weighted_share")) else {
        return Ok(String::new());
    };
    let members: Vec<&str> = group
        .options
        .iter()
        .map(|&o| survey.options()[o].id.as_str())
        .collect();
    let shares: Vec<f64> = members
        .iter()
        .map(|id| number(summary, &format!("/option_shares/{id}/weighted_share")).unwrap_or(0.0))
        .chain([1.0 - together])
        .collect();
    let mut colours: Vec<charts::RGBColor> = charts::SERIES[..members.len().min(4)].to_vec();
    colours.push(charts::RGBColor(215, 215, 215));
    chart_pair(
        |nl, frame| {
            let mut names: Vec<String> = members
                .iter()
                .map(|id| option_title(survey, id, nl))
                .collect();
            names.push(if nl { "geen van deze" } else { "none of these" }.to_string());
            let label = format!(
                "{} {:.0}%",
                if nl { "Samen" } else { "Together" },
                together * 100.0
            );
            charts::stacked(
                frame,
                &[label],
                &names,
                std::slice::from_ref(&shares),
                &colours,
            )
        },
        "Opties waarvan een huishouden er maar één kon kiezen, als één balk: samen en per optie (gewogen).",
        "Options of which a household could choose only one, as one bar: together and per option (weighted).",
    )
}

pub(super) fn groups(survey: &Survey, summary: &Value) -> String {
    let mut out = format!(
        "<h3>{}</h3>",
        bi("Per groep van huishoudens", "Per group of households")
    );
    out.push_str(&explain(
        "Gewogen aandeel per antwoord op de achtergrondvragen. Een aandeel dat iets zou zeggen over minder dan 10 huishoudens tonen we niet, en evenmin een aandeel waaruit het terug te rekenen zou zijn (afgeschermd).",
        "Weighted share per answer to the background questions. A share that would tell something about fewer than 10 households is not shown, nor one from which it could be worked out (suppressed).",
    ));
    for question in survey.background() {
        let base = format!("/shares_by_group/{}", question.id);
        if summary.pointer(&base).is_none() {
            continue;
        }
        let choices = in_survey_order(question, &keys(summary, &base));
        let label = |choice: &str| choice_label(question, choice);
        out.push_str(&format!(
            "<h4>{}</h4>",
            bi(
                question.text.nl(),
                question.text.en().unwrap_or(question.text.nl())
            )
        ));
        let mut header = vec![bi("Optie", "Option")];
        header.extend(choices.iter().map(|c| {
            format!(
                "{}<br>n = {}",
                label(c),
                protected(summary, &format!("{base}/{c}/n"), Format::Decimals(0))
            )
        }));
        let rows: Vec<Vec<String>> = survey
            .options()
            .iter()
            .map(|o| {
                let mut row = vec![option_cell(survey, &o.id)];
                row.extend(choices.iter().map(|c| {
                    protected(
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
    let weighted = summary.pointer("/spend/weighted") == Some(&Value::Bool(true));
    let (nl, en) = if weighted {
        ("gewogen, zoals de aandelen", "weighted, as the shares are")
    } else {
        (
            "ongewogen: de antwoorden konden niet gewogen worden",
            "unweighted: the responses could not be weighted",
        )
    };
    out.push_str(&explain(
        &format!("Hoeveel huishoudens gemiddeld uitgaven en welk deel van het budget zij gebruikten ({nl})."),
        &format!("How much households spent on average and which part of the budget they used ({en})."),
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
            bi(
                "Gaven meer uit dan het budget (de belasting stijgt dan)",
                "Spent more than the budget (the tax then rises)",
            ),
            figure(summary, "/spend/share_tax_up", Format::Percent),
        ]);
        rows.push(vec![
            bi(
                "Gaven minder uit dan het budget (de rest gaat volgens de regels terug als lagere belasting; dat hoeft geen wens om de belasting te verlagen te zijn)",
                "Spent less than the budget (by the rules the rest returns as lower tax; this need not be a wish to lower the tax)",
            ),
            figure(summary, "/spend/share_tax_down", Format::Percent),
        ]);
    }
    out.push_str(&table(
        &[bi("Maat", "Measure"), bi("Waarde", "Value")],
        &rows,
    ));
    if !survey.rules().targets.is_empty() {
        out.push_str(&explain(
            "Elk meegeteld advies haalt de doelen: de regels vragen dat, en adviezen die een regel breken tellen niet mee.",
            "Every counted advice meets the targets: the rules require it, and advice that breaks a rule is not counted.",
        ));
    }
    out
}

pub(super) fn portfolios(survey: &Survey, summary: &Value) -> String {
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
                portfolio(survey, p["portfolio"].as_str().unwrap_or_default()),
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
