//! The choice task and its live budget meter.

use super::*;

fn effects_text(state: &AppState, lang: Lang, values: &[f64]) -> String {
    state
        .survey
        .effects()
        .iter()
        .zip(values)
        .filter(|(_, v)| **v != 0.0)
        .map(|(e, v)| {
            format!(
                "{}: {}{} {}",
                e.label.get(lang),
                if *v > 0.0 { "+" } else { "" },
                v,
                e.unit
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn meter(
    state: &AppState,
    lang: Lang,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
) -> MeterView {
    let totals = task.totals(portfolio);
    MeterView {
        budget: task.budget().display(lang),
        spent: totals.cost.display(lang),
        remaining: totals.remaining().display(lang),
        tax_change: totals.tax_change.map(|t| display_cents(t, lang)),
        effects: state
            .survey
            .effects()
            .iter()
            .zip(&totals.effects)
            .map(|(e, v)| (e.label.get(lang).to_string(), format!("{v} {}", e.unit)))
            .collect(),
        messages: task
            .violations(portfolio)
            .into_iter()
            .map(|v| v.message.get(lang).to_string())
            .collect(),
    }
}

pub(super) fn portfolio_of(state: &AppState, body: &ResponseBody) -> Portfolio {
    Portfolio::from_choices(
        &state.survey,
        body.portfolio
            .iter()
            .filter(|(_, l)| **l > 0)
            .map(|(id, l)| (id.as_str(), *l)),
    )
    .unwrap_or_else(|_| {
        Portfolio::from_levels(&state.survey, vec![0; state.survey.options().len()])
            .expect("zero levels fit any survey")
    })
}

fn choice_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> Result<ChoicePage, ApiError> {
    let task = task(state, household)?;
    let survey = &state.survey;
    let lang = visit.lang;
    let portfolio = portfolio_of(state, body);
    let options = household
        .option_order
        .iter()
        .flatten()
        .filter_map(|id| survey.option_idx(id))
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let chosen = portfolio.level(option_idx);
            let group_note = survey
                .rules()
                .exclusive
                .iter()
                .find(|g| g.options.contains(&option_idx))
                .map(|g| {
                    let names: Vec<&str> = g
                        .options
                        .iter()
                        .map(|&o| survey.options()[o].title.get(lang))
                        .collect();
                    match &g.explanation {
                        Some(explanation) => {
                            format!("{}. {}", names.join(", "), explanation.get(lang))
                        }
                        None => names.join(", "),
                    }
                });
            OptionView {
                id: option.id.clone(),
                title: option.title.get(lang).to_string(),
                description: option.description.get(lang).to_string(),
                more_info: option.more_info.as_ref().map(|m| m.get(lang).to_string()),
                group_note,
                binary: option.is_binary(),
                chosen,
                levels: (1..=option.max_level())
                    .map(|level| {
                        let cost = task.cost(option_idx, level);
                        let cost_text = if cost.get() < 0 {
                            format!("{} {}", visit.t.get("raises"), (-cost).display(lang))
                        } else {
                            format!("{} {}", visit.t.get("cost"), cost.display(lang))
                        };
                        LevelView {
                            level,
                            label: option.levels[usize::from(level) - 1]
                                .label
                                .as_ref()
                                .map_or(String::new(), |l| l.get(lang).to_string()),
                            cost: cost_text,
                            effects: effects_text(state, lang, option.effects_at(level)),
                            checked: chosen == level,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(ChoicePage {
        c: visit.common(
            state,
            visit.t.get("choice_title"),
            csrf,
            step_number(state, "choice"),
        ),
        errors,
        options,
        meter: meter(state, lang, &task, &portfolio),
    })
}

/// `GET /choice`.
pub async fn choice(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, household, session) = match page_visit(&state, &headers, &query, "/choice").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match choice_page(
        &state,
        &visit,
        &household,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    ) {
        Ok(page) => visit.render(StatusCode::OK, page),
        Err(error) => error.into_response(),
    }
}

fn portfolio_fields(state: &AppState, fields: &Fields) -> BTreeMap<String, u32> {
    state
        .survey
        .options()
        .iter()
        .filter_map(|option| {
            let level = field(fields, &format!("opt-{}", option.id))?
                .parse::<u32>()
                .ok()?;
            (level > 0).then(|| (option.id.clone(), level))
        })
        .collect()
}

/// `POST /choice`: save the portfolio; continue only when it breaks no rule.
pub async fn choice_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) = match form_post(&state, &headers, &fields, "/choice").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut body = draft(&household);
    body.portfolio = portfolio_fields(&state, &fields);
    let task = match task(&state, &household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let problems = problems_of(&task, &body, "portfolio");
    let step = if problems.is_empty() {
        "motivation"
    } else {
        "choice"
    };
    if let Err(response) = save(&state, &household, step, &body).await {
        return response;
    }
    if problems.is_empty() {
        return see_other("/motivation");
    }
    let errors = error_lines(&problems, visit.lang, |_| Some("meter".into()));
    match choice_page(&state, &visit, &household, &session.csrf, &body, errors) {
        Ok(page) => visit.render(StatusCode::UNPROCESSABLE_ENTITY, page),
        Err(error) => error.into_response(),
    }
}

/// `POST /check`: the meter for the options ticked now (the script calls this
/// on every change; nothing is saved).
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) = match form_post(&state, &headers, &fields, "/choice").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let body = ResponseBody {
        portfolio: portfolio_fields(&state, &fields),
        ..ResponseBody::default()
    };
    let task = match task(&state, &household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let fragment = MeterFragment {
        c: visit.common(&state, "", &session.csrf, None),
        meter: meter(&state, visit.lang, &task, &portfolio_of(&state, &body)),
    };
    visit.render(StatusCode::OK, fragment)
}
