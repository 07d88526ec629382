//! The report's sections on the choice model: what residents value (money
//! values), how well the model predicts, and the segments.

use pwe_core::Survey;
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, esc, figure, table, written};
use super::sections::{
    Section, buurt_name, chart_pair, explain, heading, option_cell, portfolio, portfolio_words,
};

/// The portfolio logit: problems in words, or its estimates and what they mean.
pub fn model(survey: &Survey, summary: &Value) -> Section {
    let Some(model) = summary.get("model") else {
        return Ok(String::new());
    };
    let mut out = heading("Wat is een optie waard?", "What is an option worth?");
    if model["identified"] == false {
        let problems: Vec<String> = model["problems"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| format!("<li>{}</li>", esc(p.as_str().unwrap_or_default())))
            .collect();
        out.push_str(&explain(
            "Het keuzemodel kon op deze gegevens niet worden geschat. De redenen (in het Engels):",
            "The choice model could not be estimated on these data. The reasons:",
        ));
        out.push_str(&format!("<ul>{}</ul>", problems.concat()));
        return Ok(out);
    }
    out.push_str(&explain(
        "Het keuzemodel leidt uit alle adviezen samen af hoeveel huishoudens een optie waard vinden, rekening houdend met wat die optie kost en wat er dan overblijft. De waarde in euro's is het bedrag aan budget dat huishoudens gemiddeld even zwaar laten wegen als de optie zelf: het gemiddelde over alle deelnemers, met hun eigen kenmerken (zoals autobezit en leeftijd) meegeteld. Hoe hoger, hoe liever; een negatieve waarde betekent dat huishoudens de optie liever niet hebben, ook als die niets kost.",
        "The choice model infers from all advice together how much households value an option, taking into account what the option costs and what is then left. The value in euros is the amount of budget that households on average weigh as heavily as the option itself: the mean over all respondents, with their own characteristics (such as car ownership and age) taken into account. The higher, the more preferred; a negative value means households would rather not have the option, even at no cost.",
    ));
    out.push_str(&warnings(model));
    let values: Vec<Value> = model["money_values"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if !values.is_empty() {
        out.push_str(&money_values(survey, summary, &values)?);
    }
    out.push_str(&fit(survey, summary, model));
    out.push_str(&parameters(summary, model));
    Ok(out)
}

/// How well the model describes the choices, and the portfolio it rates highest.
fn fit(survey: &Survey, summary: &Value, model: &Value) -> String {
    let mut out = format!(
        "<h3>{}</h3>",
        bi("Voorspeld en gekozen", "Predicted and chosen")
    );
    out.push_str(&explain(
        "Hoe goed het model de keuzes beschrijft: het aandeel huishoudens dat een optie koos en het aandeel dat het model voorspelt.",
        "How well the model describes the choices: the share of households that chose an option and the share the model predicts.",
    ));
    let rows: Vec<Vec<String>> = model["predicted_shares"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            vec![
                option_cell(survey, p["option"].as_str().unwrap_or_default()),
                figure(
                    summary,
                    &format!("/model/predicted_shares/{i}/observed"),
                    Format::Percent,
                ),
                figure(
                    summary,
                    &format!("/model/predicted_shares/{i}/predicted"),
                    Format::Percent,
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            bi("Optie", "Option"),
            bi("Gekozen", "Chosen"),
            bi("Voorspeld", "Predicted"),
        ],
        &rows,
    ));
    let rows: Vec<Vec<String>> = model["best_portfolios"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, b)| {
            vec![
                esc(b["version"].as_str().unwrap_or_default()),
                portfolio(survey, b["portfolio"].as_str().unwrap_or_default()),
                figure(
                    summary,
                    &format!("/model/best_portfolios/{i}/cost"),
                    Format::Euros,
                ),
            ]
        })
        .collect();
    out.push_str(&format!(
        "<h3>{}</h3>{}",
        bi(
            "Het pakket met het hoogste verwachte nut",
            "The portfolio with the highest expected utility"
        ),
        table(
            &[
                bi("Versie", "Version"),
                bi("Pakket", "Portfolio"),
                bi("Kosten", "Cost")
            ],
            &rows
        )
    ));
    out
}

/// Every parameter with its errors, for researchers, folded away.
fn parameters(summary: &Value, model: &Value) -> String {
    // A weighted fit is a pseudo-likelihood: only the robust errors hold.
    let weighted = model["weighted"] == true;
    let p_field = if weighted { "robust_p" } else { "p" };
    let p_header = if weighted {
        bi("p (robuust)", "p (robust)")
    } else {
        "p".into()
    };
    let rows: Vec<Vec<String>> = model["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| {
            let at = |field: &str, format| {
                figure(summary, &format!("/model/parameters/{i}/{field}"), format)
            };
            vec![
                esc(p["name"].as_str().unwrap_or_default()),
                at("estimate", Format::Decimals(4)),
                at("se", Format::Decimals(4)),
                at("robust_se", Format::Decimals(4)),
                at(p_field, Format::Decimals(4)),
            ]
        })
        .collect();
    format!(
        "<details><summary>{}</summary>{}<p class=\"note\">{} {} · ρ² {} · n {} · {} {}</p><p class=\"note\">{}</p></details>",
        bi(
            "Alle parameters (voor onderzoekers)",
            "All parameters (for researchers)"
        ),
        table(
            &[
                bi("Parameter", "Parameter"),
                bi("Schatting", "Estimate"),
                "se".into(),
                bi("robuuste se", "robust se"),
                p_header
            ],
            &rows
        ),
        bi("Log-likelihood", "Log-likelihood"),
        figure(summary, "/model/loglik", Format::Decimals(3)),
        figure(summary, "/model/rho2", Format::Decimals(4)),
        figure(summary, "/model/n", Format::Decimals(0)),
        bi("grootste gradiënt:", "largest gradient:"),
        figure(summary, "/model/max_abs_gradient", Format::Decimals(12)),
        esc(model["money_term"].as_str().unwrap_or_default()),
    )
}

/// Every number of groups tried: its BIC, and why a fit was left out.
fn candidates(summary: &Value, fits: &[Value]) -> String {
    let rows: Vec<Vec<String>> = fits
        .iter()
        .enumerate()
        .map(|(i, fit)| {
            vec![
                fit["classes"].as_u64().unwrap_or_default().to_string(),
                figure(
                    summary,
                    &format!("/model/segments/fits/{i}/bic"),
                    Format::Decimals(1),
                ),
                match fit["degenerate"].as_str() {
                    Some("not_converged") => bi(
                        "niet gebruikt: de zoektocht eindigde niet in een maximum",
                        "not used: the search did not end at a maximum",
                    ),
                    Some("not_a_maximum") => bi(
                        "niet gebruikt: een zadelpunt of vlakke richting, geen maximum",
                        "not used: a saddle point or a flat direction, not a maximum",
                    ),
                    Some(_) => bi(
                        "niet gebruikt: een groep valt weg (minder dan 2%)",
                        "not used: a group collapses (under 2%)",
                    ),
                    None => bi("een maximum", "a maximum"),
                },
            ]
        })
        .collect();
    table(
        &[
            bi("Aantal groepen", "Number of groups"),
            "BIC".to_string(),
            bi("Fit", "Fit"),
        ],
        &rows,
    )
}

/// The latent classes BIC prefers among the fits that are a maximum (one
/// class, the plain model, always a candidate): shares, what each class values
/// most, and membership per buurt; or, with one class, that there is no
/// evidence of distinct groups.
pub fn segments(summary: &Value) -> String {
    let Some(fits) = summary
        .pointer("/model/segments/fits")
        .and_then(Value::as_array)
    else {
        return String::new();
    };
    let chosen = summary
        .pointer("/model/segments/chosen")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mut out = heading("Groepen die op elkaar lijken", "Groups that think alike");
    out.push_str(&candidates(summary, fits));
    let index = fits
        .iter()
        .position(|f| f["classes"].as_u64() == Some(chosen));
    let Some(index) = index.filter(|_| chosen > 1) else {
        out.push_str(&explain(
            "Er is geen aanwijzing voor afzonderlijke groepen: één groep (het gewone model) past het best, of de modellen met meer groepen vonden geen echt maximum. De uitkomsten hierboven gelden voor alle huishoudens samen.",
            "There is no evidence of distinct groups: one group (the plain model) fits best, or the models with more groups found no true maximum. The results above hold for all households together.",
        ));
        return out;
    };
    let base = format!("/model/segments/fits/{index}");
    let fit = &fits[index];
    out.push_str(&explain(
        "Het model zoekt groepen huishoudens die dezelfde afwegingen maken. Het aantal groepen is gekozen met het BIC-criterium; per groep staat hoe groot zij is en welke opties zij het meest waarderen.",
        "The model looks for groups of households that make the same trade-offs. The number of groups was chosen by the BIC criterion; per group it shows its size and which options it values most.",
    ));
    let classes = fit["class"].as_array().cloned().unwrap_or_default();
    let mut rows = Vec::new();
    for (c, class) in classes.iter().enumerate() {
        let mut top: Vec<(f64, String)> = class["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["name"].as_str().is_some_and(|n| n.starts_with("const:")))
            .map(|p| {
                (
                    p["estimate"].as_f64().unwrap_or(0.0),
                    p["name"]
                        .as_str()
                        .unwrap_or_default()
                        .trim_start_matches("const:")
                        .to_string(),
                )
            })
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
        let names: Vec<String> = top.iter().take(3).map(|(_, n)| n.clone()).collect();
        rows.push(vec![
            format!("{} {}", bi("Groep", "Group"), c + 1),
            figure(summary, &format!("{base}/class/{c}/share"), Format::Percent),
            esc(&names.join(", ")),
        ]);
    }
    out.push_str(&table(
        &[
            bi("Groep", "Group"),
            bi("Aandeel", "Share"),
            bi("Waardeert het meest", "Values most"),
        ],
        &rows,
    ));
    let mut header = vec![bi("Buurt", "Buurt")];
    header.extend((1..=classes.len()).map(|c| format!("{} {c}", bi("Groep", "Group"))));
    let rows: Vec<Vec<String>> = fit["membership"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, m)| m["variable"] == "buurt")
        .map(|(i, m)| {
            let mut row = vec![esc(&buurt_name(
                summary,
                m["group"].as_str().unwrap_or_default(),
            ))];
            row.extend((0..classes.len()).map(|c| {
                figure(
                    summary,
                    &format!("{base}/membership/{i}/classes/{c}"),
                    Format::Percent,
                )
            }));
            row
        })
        .collect();
    out.push_str(&table(&header, &rows));
    out
}

/// What makes the estimates unreliable, as the model says it.
fn warnings(model: &Value) -> String {
    let items: Vec<String> = model["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| format!("<li>{}</li>", esc(w.as_str().unwrap_or_default())))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"caveat\"><p>{}</p><ul>{}</ul></div>\n",
        bi(
            "Let op: het model meldt problemen die de schattingen onbetrouwbaar maken (in het Engels):",
            "Note: the model reports problems that make its estimates unreliable:",
        ),
        items.concat()
    )
}

/// The money values: a chart around zero with intervals, and the table.
fn money_values(survey: &Survey, summary: &Value, values: &[Value]) -> Section {
    // An option level as the portfolio names it: title and level name.
    let label = |v: &Value, nl: bool| -> String {
        let id = v["option"].as_str().unwrap_or_default();
        let level = v["level"].as_u64().unwrap_or(1);
        let multi = survey
            .options()
            .iter()
            .any(|o| o.id == id && o.levels.len() > 1);
        let name = if multi {
            format!("{id}:{level}")
        } else {
            id.to_string()
        };
        portfolio_words(survey, &name, nl)
    };
    let number = |v: &Value, field: &str| v[field].as_f64().unwrap_or(0.0);
    let mut out = chart_pair(
        |nl, frame| {
            let bars: Vec<charts::MoneyBar> = values
                .iter()
                .map(|v| charts::MoneyBar {
                    label: label(v, nl),
                    value: number(v, "value"),
                    interval: (number(v, "low"), number(v, "high")),
                    unstable: v["unstable"] == true,
                })
                .collect();
            charts::money_bars(frame, &bars, |euros| written(euros, Format::Euros, nl))
        },
        "Waarde per optie voor een gemiddeld huishouden, met 95%-interval; lichte balken zijn te onzeker om als getal te lezen.",
        "Value per option for an average household, with 95% interval; pale bars are too uncertain to read as a number.",
    )?;
    let rows: Vec<Vec<String>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = |field: &str| {
                figure(
                    summary,
                    &format!("/model/money_values/{i}/{field}"),
                    Format::Euros,
                )
            };
            vec![
                bi(&label(v, true), &label(v, false)),
                at("value"),
                format!("{} {} {}", at("low"), bi("tot", "to"), at("high")),
                if v["unstable"] == true {
                    bi("te onzeker", "too uncertain")
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            bi("Optie", "Option"),
            bi("Waarde", "Value"),
            bi("95%-interval", "95% interval"),
            bi("Let op", "Note"),
        ],
        &rows,
    ));
    out.push_str(&explain(
        "Te onzeker: de standaardfout is meer dan de helft van de waarde, zodat het interval tot voorbij nul reikt. Intervallen gebruiken robuuste standaardfouten als de antwoorden gewogen zijn.",
        "Too uncertain: the standard error is more than half the value, so the interval reaches past zero. Intervals use robust standard errors when the responses are weighted.",
    ));
    Ok(out)
}
