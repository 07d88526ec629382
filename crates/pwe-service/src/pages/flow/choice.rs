//! The choice task: the rules in words, the options (an exclusive group's
//! together), and the budget meter that always shows where the resident
//! stands.

use pwe_core::explain;
use pwe_core::portfolio::{Rule, Violation};

use super::*;

fn effects_text(state: &AppState, lang: Lang, values: &[f64]) -> String {
    explain::effects(&state.survey, values, lang)
}

pub(super) fn meter(
    state: &AppState,
    visit: &Visit,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
) -> MeterView {
    let (lang, t) = (visit.lang, visit.t);
    let survey = &state.survey;
    let totals = task.totals(portfolio);
    let violations = task.violations(portfolio);
    let remaining = totals.remaining();
    let left = if remaining.get() >= 0 {
        (t.text("left_to_spend").to_string(), remaining.display(lang))
    } else {
        (
            t.text("over_budget").to_string(),
            (-remaining).display(lang),
        )
    };
    let charge = survey.rules().flexible.map(|flex| {
        let change = explain::charge_within_bounds(&flex, totals.cost - totals.budget);
        let note = if change > 0.0 {
            t.text("charge_up")
        } else if change < 0.0 {
            t.text("charge_down")
        } else {
            t.text("charge_same")
        };
        (explain::charge(change, lang), note.to_string())
    });
    let effects = survey
        .effects()
        .iter()
        .enumerate()
        .map(|(effect_idx, e)| {
            let value = totals.effects[effect_idx];
            let target = survey
                .rules()
                .targets
                .iter()
                .find(|t| t.effect_idx == effect_idx)
                .map(|target| {
                    let goal = explain::target(survey, target);
                    (goal.get(lang).to_string(), target.bound.holds(value))
                });
            EffectLine {
                label: e.label.get(lang).to_string(),
                value: explain::quantity(value, e.unit.get(lang), lang, true),
                target,
            }
        })
        .collect();
    MeterView {
        budget: task.budget().display(lang),
        spent: totals.cost.display(lang),
        left,
        charge,
        effects,
        fits: violations.is_empty(),
        empty: totals.n_chosen == 0,
        messages: violations
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

/// The id of an option's input for `level`: `opt-{id}` for a binary option's
/// checkbox, `opt-{id}-{level}` for a level's radio button (errors link here).
fn input_id(option: &pwe_core::survey::PolicyOption, level: u8) -> String {
    if option.is_binary() {
        format!("opt-{}", option.id)
    } else {
        format!("opt-{}-{level}", option.id)
    }
}

fn option_view(
    state: &AppState,
    visit: &Visit,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
    violations: &[Violation],
    option_idx: usize,
) -> OptionView {
    let (lang, t) = (visit.lang, visit.t);
    let option = &state.survey.options()[option_idx];
    let chosen = portfolio.level(option_idx);
    let levels = (1..=option.max_level())
        .map(|level| {
            let cost = task.cost(option_idx, level);
            let cost = if cost.get() < 0 {
                format!("{} {}", t.text("raises"), (-cost).display(lang))
            } else {
                format!("{} {}", t.text("cost"), cost.display(lang))
            };
            LevelView {
                level,
                input_id: input_id(option, level),
                label: option.levels[usize::from(level) - 1]
                    .label
                    .as_ref()
                    .map_or(String::new(), |l| l.get(lang).to_string()),
                cost,
                effects: effects_text(state, lang, option.effects_at(level)),
                checked: chosen == level,
            }
        })
        .collect();
    OptionView {
        id: option.id.clone(),
        title: option.title.get(lang).to_string(),
        description: option.description.get(lang).to_string(),
        more_info: option.more_info.as_ref().map(|m| m.get(lang).to_string()),
        binary: option.is_binary(),
        chosen,
        levels,
        error: violations
            .iter()
            .find(|v| v.options.contains(&option_idx))
            .map(|v| v.message.get(lang).to_string()),
    }
}

/// The options in the household's order, an exclusive group's together at
/// the place of its first member (so groups and options stay in random order).
fn blocks(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    view: impl Fn(usize) -> OptionView,
) -> Vec<BlockView> {
    let survey = &state.survey;
    let lang = visit.lang;
    let order: Vec<usize> = household.options_in_order(survey).collect();
    let mut shown = vec![false; survey.options().len()];
    let mut blocks = Vec::new();
    for &option_idx in &order {
        if shown[option_idx] {
            continue;
        }
        match survey
            .rules()
            .exclusive
            .iter()
            .find(|g| g.options.contains(&option_idx))
        {
            Some(group) => {
                let members: Vec<usize> = order
                    .iter()
                    .copied()
                    .filter(|o| group.options.contains(o))
                    .collect();
                for &o in &members {
                    shown[o] = true;
                }
                let heading = format!(
                    "{} {} {}",
                    visit.t.text("group_heading"),
                    members.len(),
                    visit.t.text("group_measures")
                );
                let explanation = group
                    .explanation
                    .as_ref()
                    .map_or(String::new(), |e| e.get(lang).to_string());
                blocks.push(BlockView {
                    group: Some((group.id.clone(), heading, explanation)),
                    clash: visit.t.text("group_clash").to_string(),
                    options: members.into_iter().map(&view).collect(),
                });
            }
            None => {
                shown[option_idx] = true;
                blocks.push(BlockView {
                    group: None,
                    clash: String::new(),
                    options: vec![view(option_idx)],
                });
            }
        }
    }
    blocks
}

/// The error summary of a choice that breaks rules: each rule linked to the
/// option at fault, or to the meter when the rule is about the whole choice.
fn choice_errors(
    state: &AppState,
    lang: Lang,
    violations: &[Violation],
    problems: &[AnswerProblem],
) -> Vec<ErrorLine> {
    if problems.is_empty() {
        return Vec::new();
    }
    if violations.is_empty() {
        return error_lines(problems, lang);
    }
    violations
        .iter()
        .map(|v| {
            let anchor = match (&v.rule, v.options.first()) {
                (Rule::Exclusive(_), Some(&o)) => input_id(&state.survey.options()[o], 1),
                _ => "meter-status".into(),
            };
            ErrorLine {
                href: Some(format!("#{anchor}")),
                text: v.message.get(lang).to_string(),
            }
        })
        .collect()
}

pub(super) fn choice_page(
    page: &StepView<'_>,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> Result<ChoicePage, ApiError> {
    let StepView {
        state,
        visit,
        household,
        ..
    } = *page;
    let task = task(state, household)?;
    let portfolio = portfolio_of(state, body);
    let violations = task.violations(&portfolio);
    let errors = choice_errors(state, visit.lang, &violations, problems);
    Ok(ChoicePage {
        c: page.common(Step::Choice, &errors),
        errors,
        rules: explain::how_it_works(&task)
            .into_iter()
            .map(|m| m.get(visit.lang).to_string())
            .collect(),
        blocks: blocks(state, visit, household, |option_idx| {
            option_view(state, visit, &task, &portfolio, &violations, option_idx)
        }),
        meter: meter(state, visit, &task, &portfolio),
    })
}

/// The portfolio of a form post: the level of every option (`opt-{id}`).
pub(super) fn read_portfolio(state: &AppState, fields: &Fields) -> BTreeMap<String, u32> {
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
        portfolio: read_portfolio(&state, &fields),
        ..ResponseBody::default()
    };
    let task = match task(&state, &household) {
        Ok(task) => task,
        Err(error) => return visit.failure(&state, error),
    };
    let fragment = MeterFragment {
        c: visit.common(&state, "", &session.csrf, None),
        meter: meter(&state, &visit, &task, &portfolio_of(&state, &body)),
    };
    visit.render(StatusCode::OK, fragment)
}
