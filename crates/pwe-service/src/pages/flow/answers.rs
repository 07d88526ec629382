//! Motivations, background and evaluation questions.

use super::*;
use pwe_core::survey::likert_word;

pub(super) fn motivation_page(
    page: &StepView<'_>,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> MotivationPage {
    let StepView {
        state,
        visit,
        household,
        ..
    } = *page;
    let survey = &state.survey;
    let lang = visit.lang;
    let (chosen, not_chosen): (Vec<_>, Vec<_>) = household
        .options_in_order(survey)
        .map(|option_idx| {
            let option = &survey.options()[option_idx];
            let prompt = survey.motivation(option_idx);
            let chosen = body.portfolio.get(&option.id).is_some_and(|l| *l > 0);
            let view = MotivationView {
                id: option.id.clone(),
                title: option.title.get(lang).to_string(),
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
                error: inline_error(problems, lang, &format!("mot-{}", option.id)),
            };
            (chosen, view)
        })
        .partition(|(chosen, _)| *chosen);
    let strip = |views: Vec<(bool, MotivationView)>| -> Vec<MotivationView> {
        views.into_iter().map(|(_, view)| view).collect()
    };
    let (chosen, not_chosen) = (strip(chosen), strip(not_chosen));
    // Nothing typed, wrong or required may sit unseen in the fold.
    let open = chosen.is_empty()
        || not_chosen
            .iter()
            .any(|m| !m.text.is_empty() || m.error.is_some() || m.required);
    let errors = error_lines(problems, lang);
    MotivationPage {
        c: page.common(Step::Motivation, &errors),
        errors,
        not_chosen_summary: visit
            .t
            .fill("motivation_not_chosen", &[("n", not_chosen.len().into())]),
        chosen,
        not_chosen,
        open,
    }
}

/// The motivations of a form post (`mot-{id}`); empty boxes are no motivation.
pub(super) fn read_motivations(state: &AppState, fields: &Fields) -> BTreeMap<String, String> {
    state
        .survey
        .options()
        .iter()
        .filter_map(|o| {
            field(fields, &format!("mot-{}", o.id))
                .filter(|t| !t.trim().is_empty())
                .map(|t| (o.id.clone(), t.to_string()))
        })
        .collect()
}

// --- background and evaluation ---------------------------------------------------

fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

pub(super) fn background_page(
    page: &StepView<'_>,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> QuestionsPage {
    let StepView { state, visit, .. } = *page;
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
            let name = format!("bg-{}", q.id);
            QuestionView {
                error: inline_error(problems, lang, &name),
                name,
                kind,
                text: q.text.get(lang).to_string(),
                reason: q.reason.as_ref().map(|r| r.get(lang).to_string()),
                required: q.required,
                choices,
                value: value_text(answer),
                min,
                max,
                max_length,
            }
        })
        .collect();
    let errors = error_lines(problems, lang);
    QuestionsPage {
        c: page.common(Step::Background, &errors),
        errors,
        heading: visit.t.text("background_title").to_string(),
        action: "/background",
        questions,
    }
}

/// The background answers of a form post (`bg-{id}`, repeated for a multiple choice).
pub(super) fn read_background(state: &AppState, fields: &Fields) -> BTreeMap<String, Value> {
    state
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
        .collect()
}

pub(super) fn evaluation_page(
    page: &StepView<'_>,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> QuestionsPage {
    let StepView { state, visit, .. } = *page;
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
                                    format!("{v} – {}", likert_word(v, lang).unwrap_or_default()),
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
            let name = format!("ev-{}", q.id);
            QuestionView {
                error: inline_error(problems, lang, &name),
                name,
                kind,
                text: q.text.get(lang).to_string(),
                reason: None,
                required: q.required,
                choices,
                value: answer,
                min: 0,
                max: 0,
                max_length,
            }
        })
        .collect();
    let errors = error_lines(problems, lang);
    QuestionsPage {
        c: page.common(Step::Evaluation, &errors),
        errors,
        heading: t.text("evaluation_title").to_string(),
        action: "/evaluation",
        questions,
    }
}

/// The evaluation answers of a form post (`ev-{id}`).
pub(super) fn read_evaluation(state: &AppState, fields: &Fields) -> BTreeMap<String, Value> {
    state
        .survey
        .evaluation()
        .iter()
        .filter_map(|q| {
            let value = field(fields, &format!("ev-{}", q.id)).filter(|v| !v.is_empty())?;
            let value = match q.kind {
                EvaluationKind::Text { .. } => Value::String(value.to_string()),
                _ => value
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(value.to_string()), Value::from),
            };
            Some((q.id.clone(), value))
        })
        .collect()
}
