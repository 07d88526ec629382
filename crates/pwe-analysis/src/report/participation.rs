//! The report's participation and representativeness: who was invited, who
//! took part, and how the respondents compare with the population.

use pwe_core::Survey;
use pwe_core::survey::QuestionKind;
use serde_json::Value;

use super::charts;
use super::html::{Format, bi, bi_block, esc, figure, table};
use super::sections::{Section, buurt_name, chart_pair, explain, heading, key_figures, keys};

/// How the advice came in: online, on paper (entered by an official) or with
/// an official's help.
fn channels(summary: &Value) -> String {
    let words = [
        ("online", "online", "online"),
        (
            "paper",
            "op papier (ingevoerd door de gemeente)",
            "on paper (entered by the municipality)",
        ),
        (
            "assisted",
            "met hulp van de gemeente (telefoon of balie)",
            "with the municipality's help (phone or desk)",
        ),
    ];
    let parts: Vec<(String, String)> = summary["participation"]["channels"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, c)| {
            let (_, nl, en) = words.iter().find(|(code, _, _)| c["channel"] == *code)?;
            let n = figure(
                summary,
                &format!("/participation/channels/{i}/responses"),
                Format::Decimals(0),
            );
            Some((format!("{}: {n}", esc(nl)), format!("{}: {n}", esc(en))))
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let (nl, en): (Vec<String>, Vec<String>) = parts.into_iter().unzip();
    bi_block(
        &format!("<p>Zo kwamen de adviezen binnen: {}.</p>", nl.join("; ")),
        &format!("<p>How the advice came in: {}.</p>", en.join("; ")),
    )
}

pub(super) fn participation(summary: &Value) -> String {
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
                esc(&buurt_name(
                    summary,
                    b["buurt"].as_str().unwrap_or_default(),
                )),
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
    out.push_str(&channels(summary));
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

pub(super) fn representativeness(survey: &Survey, summary: &Value) -> Section {
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
    out.push_str(&format!("<p>{}</p>\n", overall_verdict(summary)));
    out.push_str(&key_figures(
        summary,
        &[
            (
                "/representativeness/r_indicator_adjusted",
                Format::Decimals(2),
                "R-indicator (1 = iedereen deed evenveel mee)",
                "R-indicator (1 = everyone took part equally)",
            ),
            (
                "/representativeness/max_bias",
                Format::Decimals(2),
                "grootst mogelijke vertekening (in standaarddeviaties)",
                "largest possible bias (in standard deviations)",
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
    let bias = at("/representativeness/max_bias", Format::Decimals(2));
    let (nl, en) = match summary
        .pointer("/representativeness/verdict")
        .and_then(Value::as_str)
    {
        Some("small") => ("weinig", "little"),
        Some("moderate") => ("matig", "moderately"),
        _ => ("sterk", "strongly"),
    };
    let large_weights = summary
        .pointer("/representativeness/weights/n_large")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let weights = if large_weights > 0 {
        bi(
            &format!(
                " {large_weights} deelnemer(s) tellen voor meer dan 5 keer het gemiddelde gewicht: de cijfers leunen op hun antwoord."
            ),
            &format!(
                " {large_weights} respondent(s) count for more than 5 times the mean weight: the figures lean on their answers."
            ),
        )
    } else {
        String::new()
    };
    format!(
        "<strong>{}</strong> {}{r} ({}{low}{}{high}){}{bias}{}{weights}",
        bi(
            &format!("Oordeel: de deelname was {nl} selectief."),
            &format!("Verdict: taking part was {en} selective."),
        ),
        bi("De R-indicator is ", "The R-indicator is "),
        bi("95%-interval ", "95% interval "),
        bi(" tot ", " to "),
        bi(
            ", gecorrigeerd voor toeval in de geschatte deelnamekansen. Zonder weging kan een gemiddelde daardoor hooguit ",
            ", corrected for chance in the estimated response propensities. Unweighted, a mean can therefore be off by at most ",
        ),
        bi(
            " standaarddeviatie afwijken (klein onder 0,1, groot vanaf 0,2). De weging corrigeert voor buurt, leeftijd en huishouden, niet voor andere verschillen tussen wie wel en wie niet meedeed.",
            " standard deviations (small below 0.1, large from 0.2). The weighting corrects for buurt, age and household, not for other differences between who took part and who did not.",
        ),
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
        return ("Buurt".into(), names);
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
            let names = if nl {
                ["Deelnemers", "Bevolking", "Gewogen"]
            } else {
                ["Respondents", "Population", "Weighted"]
            };
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
        "Aandeel per categorie: deelnemers, bevolking en deelnemers na weging.",
        "Share per category: respondents, population, and respondents after weighting.",
    )?);
    let rows: Vec<Vec<String>> = (0..categories.len())
        .map(|i| {
            let at = |field: &str, format| {
                figure(summary, &format!("{base}/categories/{i}/{field}"), format)
            };
            vec![
                bi(&labels_nl[i], &labels_en[i]),
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
    out.push_str(&margin_verdict(summary, &base));
    Ok(out)
}

/// A margin's verdict in words with its census test, partial R-indicator,
/// the respondents who did not say, and the persons-not-households note.
fn margin_verdict(summary: &Value, base: &str) -> String {
    let verdict = match summary
        .pointer(&format!("{base}/verdict"))
        .and_then(Value::as_str)
    {
        Some("alike") => bi(
            "Deelnemers lijken op de bevolking: het verschil is niet groter dan toeval (p ≥ 0,05).",
            "Respondents resemble the population: the difference is no larger than chance (p ≥ 0.05).",
        ),
        Some("small_difference") => bi(
            "Er is een verschil groter dan toeval, maar het is klein (elk gestandaardiseerd verschil onder 0,1).",
            "There is a difference beyond chance, but it is small (every standardised difference below 0.1).",
        ),
        Some("corrected") => bi(
            "Deelnemers wijken af van de bevolking; de weging corrigeert dat (na weging elk gestandaardiseerd verschil onder 0,1).",
            "Respondents differ from the population; the weighting corrects it (after weighting every standardised difference below 0.1).",
        ),
        _ => bi(
            "Deelnemers wijken af van de bevolking en de weging corrigeert dat niet.",
            "Respondents differ from the population and the weighting does not correct it.",
        ),
    };
    let mut out = format!(
        "<p class=\"note\"><strong>{verdict}</strong> {} {} (df {}), p = {}; {} {}.",
        bi(
            "Toets van deelnemers tegen alle uitgenodigde huishoudens: chi-kwadraat",
            "Test of respondents against all invited households: chi-square",
        ),
        figure(summary, &format!("{base}/chi_square"), Format::Decimals(1)),
        figure(summary, &format!("{base}/df"), Format::Decimals(0)),
        figure(summary, &format!("{base}/p_value"), Format::Decimals(4)),
        bi(
            "partiële R-indicator van de variabele:",
            "partial R-indicator of the variable:"
        ),
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
            figure(summary, &format!("{base}/missing"), Format::Decimals(0)),
            bi("deelnemers (", "respondents ("),
            figure(summary, &format!("{base}/missing_pct"), Format::Decimals(1)),
            bi(
                "%) gaven dit niet op; zij tellen niet mee in de percentages en de toets.",
                "%) did not say; they are left out of the percentages and the test.",
            ),
        ));
    }
    if summary.pointer(&format!("{base}/shares_only")) == Some(&Value::Bool(true)) {
        out.push_str(&format!(
            " {}",
            bi(
                "De bevolkingscijfers hiervan tellen personen, niet huishoudens: alleen de verdeling wordt vergeleken, en een groep kan mensen bevatten die geen deelnemer vertegenwoordigt (zoals 15- tot 18-jarigen in de jongste leeftijdsgroep).",
                "Its population figures count persons, not households: only the composition is compared, and a group can hold people no respondent stands for (such as 15 to 17 year-olds in the youngest age group).",
            )
        ));
    }
    out.push_str("</p>\n");
    out
}
