//! The choice task: the rules in words, the options (an exclusive group's
//! together), and the budget meter that always shows where the resident
//! stands.

use pwe_core::portfolio::{Rule, Violation};
use pwe_core::{Euros, explain, fixes};

use crate::pages::texts::Texts;

use super::*;

fn effects_text(state: &AppState, lang: Lang, values: &[f64]) -> String {
    explain::effects(&state.survey, values, lang)
}

pub(super) fn meter(
    state: &AppState,
    visit: &Visit,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
    tried: bool,
) -> MeterView {
    let (lang, t) = (visit.lang, visit.t);
    let survey = &state.survey;
    let totals = task.totals(portfolio);
    let violations = task.violations(portfolio);
    let empty = totals.n_chosen == 0;
    // Nothing chosen is not a choice: no charge is shown as if it were one.
    let charge = survey.rules().flexible.filter(|_| !empty).map(|flex| {
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
    let n_open = violations.len();
    let status = if empty {
        t.text("meter_empty").to_string()
    } else if n_open == 0 {
        t.text("fits").to_string()
    } else if tried {
        t.fill("meter_problem", &[("n", n_open.into())])
    } else {
        t.fill("meter_open", &[("n", n_open.into())])
    };
    MeterView {
        budget: task.budget().display(lang),
        spent: totals.cost.display(lang),
        left: standing(task, totals.cost, t, lang),
        chosen: chosen_lines(state, task, portfolio, lang),
        band: band(task, totals.cost, t, lang),
        tried,
        status,
        charge,
        effects,
        fits: violations.is_empty(),
        empty,
        messages: violations
            .into_iter()
            .map(|v| v.message.get(lang).to_string())
            .collect(),
    }
}

/// Where the spend stands, with the same figure a broken rule's message
/// gives: short of the least, left of the budget, over it within the
/// flexible margin, or beyond what may be spent.
fn standing(task: &ChoiceTask<'_>, cost: Euros, t: &Texts, lang: Lang) -> (String, String) {
    let (lower, upper) = task.spend_bounds();
    let budget = task.budget();
    let (id, amount) = match lower {
        Some(lower) if cost < lower => ("left_at_least", lower - cost),
        _ if cost <= budget => ("left_to_spend", budget - cost),
        _ if cost <= upper => ("over_flexible", cost - budget),
        _ => ("too_much", cost - upper),
    };
    (t.text(id).to_string(), amount.display(lang))
}

/// The chosen options in the household's order, each with its level and cost.
fn chosen_lines(
    state: &AppState,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
    lang: Lang,
) -> Vec<ChosenLine> {
    portfolio
        .chosen()
        .map(|option_idx| {
            let option = &state.survey.options()[option_idx];
            let level = portfolio.level(option_idx);
            let label = option.levels[usize::from(level) - 1]
                .label
                .as_ref()
                .filter(|_| !option.is_binary())
                .map_or(String::new(), |l| format!(" ({})", l.get(lang)));
            ChosenLine {
                id: option.id.clone(),
                name: format!("{}{label}", option.title.get(lang)),
                cost: task.cost(option_idx, level).display(lang),
            }
        })
        .collect()
}

/// The budget band on a scale from 0 to a little beyond the most that may
/// (or is) spent, so the margin and an overspend both show.
fn band(task: &ChoiceTask<'_>, cost: Euros, t: &Texts, lang: Lang) -> BandView {
    let (lower, upper) = task.spend_bounds();
    let budget = task.budget();
    let top = upper.get().max(cost.get()).max(1) as f64 * 1.1;
    let x = |amount: Euros| ((amount.get() as f64 / top * 1000.0).round() as i64).clamp(0, 1000);
    let allowed = match lower {
        Some(lower) => t.fill(
            "meter_allowed",
            &[
                ("lower", lower.display(lang).into()),
                ("upper", upper.display(lang).into()),
                ("budget", budget.display(lang).into()),
            ],
        ),
        None => t.fill(
            "meter_allowed_upper",
            &[
                ("upper", upper.display(lang).into()),
                ("budget", budget.display(lang).into()),
            ],
        ),
    };
    BandView {
        lower: lower.map_or(0, x),
        upper: x(upper),
        budget: x(budget),
        spend: x(cost),
        allowed,
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
                value: if option.is_binary() {
                    option.id.clone()
                } else {
                    format!("{}:{level}", option.id)
                },
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
                let options: Vec<OptionView> = members.into_iter().map(&view).collect();
                blocks.push(BlockView {
                    group: Some((group.id.clone(), heading, explanation)),
                    none_chosen: options.iter().all(|o| o.chosen == 0),
                    options,
                });
            }
            None => {
                shown[option_idx] = true;
                blocks.push(BlockView {
                    group: None,
                    none_chosen: false,
                    options: vec![view(option_idx)],
                });
            }
        }
    }
    blocks
}

/// The error summary of a choice that breaks rules: every broken rule with
/// the changes that mend it, linked to the option at fault, to the list of
/// chosen options when one must go, or to the meter otherwise.
fn choice_errors(
    state: &AppState,
    lang: Lang,
    task: &ChoiceTask<'_>,
    portfolio: &Portfolio,
    problems: &[AnswerProblem],
) -> Vec<ErrorLine> {
    if problems.is_empty() {
        return Vec::new();
    }
    let violations = task.violations(portfolio);
    if violations.is_empty() {
        return error_lines(problems, lang);
    }
    violations
        .iter()
        .map(|v| {
            let anchor = match (&v.rule, v.options.first()) {
                (Rule::Exclusive(_), Some(&o)) => input_id(&state.survey.options()[o], 1),
                (Rule::Budget | Rule::MaxOptions, _) => "chosen".into(),
                _ => "meter-status".into(),
            };
            let text = std::iter::once(v.message.get(lang).to_string())
                .chain(
                    fixes::fixes(task, portfolio, v)
                        .iter()
                        .map(|m| m.get(lang).to_string()),
                )
                .collect::<Vec<_>>()
                .join(" ");
            ErrorLine {
                href: Some(format!("#{anchor}")),
                text,
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
    let errors = choice_errors(state, visit.lang, &task, &portfolio, problems);
    let tried = !errors.is_empty();
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
        meter: meter(state, visit, &task, &portfolio, tried),
    })
}

/// The portfolio of a form post: the level of every option (`opt-{id}`),
/// and an exclusive group's one choice (`grp-{group}` = `{id}` or
/// `{id}:{level}`, `0` for none). A forged post that names two options of a
/// group keeps both, so the rule refuses it as it refuses two ticks.
pub(super) fn read_portfolio(state: &AppState, fields: &Fields) -> BTreeMap<String, u32> {
    let survey = &state.survey;
    let mut portfolio: BTreeMap<String, u32> = survey
        .options()
        .iter()
        .filter_map(|option| {
            let level = field(fields, &format!("opt-{}", option.id))?
                .parse::<u32>()
                .ok()?;
            (level > 0).then(|| (option.id.clone(), level))
        })
        .collect();
    for group in &survey.rules().exclusive {
        let name = format!("grp-{}", group.id);
        let members = |id: &str| group.options.iter().any(|&o| survey.options()[o].id == id);
        for (_, value) in fields.iter().filter(|(k, _)| *k == name) {
            let (id, level) = value.split_once(':').unwrap_or((value, "1"));
            if let (true, Ok(level @ 1..)) = (members(id), level.parse::<u32>()) {
                portfolio.insert(id.to_string(), level);
            }
        }
    }
    portfolio
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
        meter: meter(
            &state,
            &visit,
            &task,
            &portfolio_of(&state, &body),
            field(&fields, "tried").is_some(),
        ),
    };
    visit.render(StatusCode::OK, fragment)
}
