//! Motivations, background and evaluation questions.

use super::*;

fn motivation_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> MotivationPage {
    let survey = &state.survey;
    let lang = visit.lang;
    let motivations = household
        .option_order
        .iter()
        .flatten()
        .filter_map(|id| survey.option_idx(id))
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let prompt = survey.motivation(option_idx);
            let chosen = body.portfolio.get(&option.id).is_some_and(|l| *l > 0);
            MotivationView {
                id: option.id.clone(),
                title: option.title.get(lang).to_string(),
                chosen,
                prompt: if chosen {
                    prompt.chosen.get(lang)
                } else {
                    prompt.not_chosen.get(lang)
                }
                .to_string(),
                required: prompt.required.applies(chosen) && prompt.required != Required::None,
                max_length: prompt.max_length,
                text: body
                    .motivations
                    .get(&option.id)
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect();
    MotivationPage {
        c: visit.common(
            state,
            visit.t.get("motivation_title"),
            csrf,
            step_number(state, "motivation"),
        ),
        errors,
        motivations,
    }
}

/// `GET /motivation`.
pub async fn motivation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, household, session) =
        match page_visit(&state, &headers, &query, "/motivation").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let page = motivation_page(
        &state,
        &visit,
        &household,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /motivation`.
pub async fn motivation_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) =
        match form_post(&state, &headers, &fields, "/motivation").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let mut body = draft(&household);
    body.motivations = state
        .survey
        .options()
        .iter()
        .filter_map(|o| {
            field(&fields, &format!("mot-{}", o.id))
                .filter(|t| !t.trim().is_empty())
                .map(|t| (o.id.clone(), t.to_string()))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        body,
        "motivations.",
        "motivation",
        "background",
        "/background",
        |body, errors| {
            motivation_page(&state, &visit, &household, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}

/// Saves a step's answers; shows the step again with its problems, or goes on.
#[allow(clippy::too_many_arguments)]
async fn step_save(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    body: ResponseBody,
    prefix: &str,
    this_step: &str,
    next_step: &str,
    next_path: &str,
    render: impl Fn(&ResponseBody, Vec<ErrorLine>) -> String,
) -> Response {
    let task = match task(state, household) {
        Ok(task) => task,
        Err(error) => return error.into_response(),
    };
    let problems = match body.to_input() {
        Ok(_) => problems_of(&task, &body, prefix),
        Err(error) => {
            let (_, _, message) = error.parts();
            vec![AnswerProblem {
                field: prefix.trim_end_matches('.').into(),
                rule: None,
                kind: ProblemKind::Invalid,
                message,
            }]
        }
    };
    let step = if problems.is_empty() {
        next_step
    } else {
        this_step
    };
    if let Err(response) = save(state, household, step, &body).await {
        return response;
    }
    if problems.is_empty() {
        return see_other(next_path);
    }
    let errors = error_lines(&problems, visit.lang, |f| {
        f.split_once('.').map(|(section, id)| match section {
            "motivations" => format!("mot-{id}"),
            "background" => format!("bg-{id}"),
            _ => format!("ev-{id}"),
        })
    });
    let html = render(&body, errors);
    let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response();
    if let Some(cookie) = &visit.set_lang {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

// --- background and evaluation ---------------------------------------------------

fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn background_page(
    state: &AppState,
    visit: &Visit,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> QuestionsPage {
    let lang = visit.lang;
    let questions = state
        .survey
        .background()
        .iter()
        .map(|q| {
            let answer = body.background.get(&q.id);
            let picked = |id: &str| match answer {
                Some(Value::String(s)) => s == id,
                Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(id)),
                _ => false,
            };
            let (kind, choices, min, max, max_length) = match &q.kind {
                QuestionKind::Single(choices) | QuestionKind::Multiple(choices) => (
                    if matches!(q.kind, QuestionKind::Single(_)) {
                        "radio"
                    } else {
                        "checkbox"
                    },
                    choices
                        .iter()
                        .map(|c| (c.id.clone(), c.label.get(lang).to_string(), picked(&c.id)))
                        .collect(),
                    0,
                    0,
                    0,
                ),
                QuestionKind::Number { min, max } => ("number", Vec::new(), *min, *max, 0),
                QuestionKind::Text { max_length } => ("text", Vec::new(), 0, 0, *max_length),
            };
            QuestionView {
                name: format!("bg-{}", q.id),
                kind,
                text: q.text.get(lang).to_string(),
                required: q.required,
                choices,
                value: value_text(answer),
                min,
                max,
                max_length,
            }
        })
        .collect();
    QuestionsPage {
        c: visit.common(
            state,
            visit.t.get("background_title"),
            csrf,
            step_number(state, "background"),
        ),
        errors,
        heading: visit.t.get("background_title").to_string(),
        action: "/background",
        back: "/motivation",
        questions,
    }
}

/// `GET /background`.
pub async fn background(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, household, session) =
        match page_visit(&state, &headers, &query, "/background").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let page = background_page(
        &state,
        &visit,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /background`.
pub async fn background_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) =
        match form_post(&state, &headers, &fields, "/background").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let mut body = draft(&household);
    body.background = state
        .survey
        .background()
        .iter()
        .filter_map(|q| {
            let name = format!("bg-{}", q.id);
            let values: Vec<&str> = fields
                .iter()
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
                .collect();
            let value = match (&q.kind, values.as_slice()) {
                (_, []) => return None,
                (QuestionKind::Multiple(_), many) => {
                    Value::Array(many.iter().map(|v| Value::String(v.to_string())).collect())
                }
                (QuestionKind::Number { .. }, [one, ..]) => one
                    .trim()
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(one.to_string()), Value::from),
                (_, [one, ..]) => Value::String(one.to_string()),
            };
            Some((q.id.clone(), value))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        body,
        "background.",
        "background",
        "evaluation",
        "/evaluation",
        |body, errors| {
            background_page(&state, &visit, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}

fn evaluation_page(
    state: &AppState,
    visit: &Visit,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> QuestionsPage {
    let lang = visit.lang;
    let t = visit.t;
    let questions = state
        .survey
        .evaluation()
        .iter()
        .map(|q| {
            let answer = value_text(body.evaluation.get(&q.id));
            let scale = |values: Vec<(String, String)>| {
                values
                    .into_iter()
                    .map(|(v, label)| {
                        let checked = v == answer;
                        (v, label, checked)
                    })
                    .collect()
            };
            let (kind, choices, max_length) = match q.kind {
                EvaluationKind::Likert5 => (
                    "radio",
                    scale(
                        (1..=5)
                            .map(|v| {
                                (
                                    v.to_string(),
                                    format!(
                                        "{v} – {}",
                                        t.get(
                                            [
                                                "likert_1", "likert_2", "likert_3", "likert_4",
                                                "likert_5"
                                            ][v - 1]
                                        )
                                    ),
                                )
                            })
                            .collect(),
                    ),
                    0,
                ),
                EvaluationKind::Grade => (
                    "radio",
                    scale((0..=10).map(|v| (v.to_string(), v.to_string())).collect()),
                    0,
                ),
                EvaluationKind::Text { max_length } => ("text", Vec::new(), max_length),
            };
            QuestionView {
                name: format!("ev-{}", q.id),
                kind,
                text: q.text.get(lang).to_string(),
                required: q.required,
                choices,
                value: answer,
                min: 0,
                max: 0,
                max_length,
            }
        })
        .collect();
    QuestionsPage {
        c: visit.common(
            state,
            t.get("evaluation_title"),
            csrf,
            step_number(state, "evaluation"),
        ),
        errors,
        heading: t.get("evaluation_title").to_string(),
        action: "/evaluation",
        back: "/background",
        questions,
    }
}

/// `GET /evaluation`.
pub async fn evaluation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, household, session) =
        match page_visit(&state, &headers, &query, "/evaluation").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let page = evaluation_page(
        &state,
        &visit,
        &session.csrf,
        &draft(&household),
        Vec::new(),
    );
    visit.render(StatusCode::OK, page)
}

/// `POST /evaluation`.
pub async fn evaluation_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) =
        match form_post(&state, &headers, &fields, "/evaluation").await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let mut body = draft(&household);
    body.evaluation = state
        .survey
        .evaluation()
        .iter()
        .filter_map(|q| {
            let value = field(&fields, &format!("ev-{}", q.id)).filter(|v| !v.is_empty())?;
            let value = match q.kind {
                EvaluationKind::Text { .. } => Value::String(value.to_string()),
                _ => value
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(value.to_string()), Value::from),
            };
            Some((q.id.clone(), value))
        })
        .collect();
    step_save(
        &state,
        &visit,
        &household,
        body,
        "evaluation.",
        "evaluation",
        "confirm",
        "/confirm",
        |body, errors| {
            evaluation_page(&state, &visit, &session.csrf, body, errors)
                .render()
                .unwrap_or_default()
        },
    )
    .await
}
