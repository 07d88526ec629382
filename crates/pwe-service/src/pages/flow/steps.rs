//! The steps after the information pages, and the one way every step's form
//! is handled: read what is on the page into the draft, save it, then do what
//! the pressed button asked (go on, go back, switch language, recalculate,
//! stop for now). Whatever the button, what was typed is saved first.

use super::answers::{
    background_page, evaluation_page, motivation_page, read_background, read_evaluation,
    read_motivations,
};
use super::choice::{choice_page, read_portfolio};
use super::finish::confirm_page;
use super::*;

/// A step of the flow after the information pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The choice task.
    Choice,
    /// Why: a motivation per option.
    Motivation,
    /// About the household.
    Background,
    /// What the resident thought of the consultation.
    Evaluation,
    /// Check everything, then send.
    Confirm,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 5] = [
        Step::Choice,
        Step::Motivation,
        Step::Background,
        Step::Evaluation,
        Step::Confirm,
    ];

    /// The name stored as the household's last step.
    pub fn name(self) -> &'static str {
        match self {
            Step::Choice => "choice",
            Step::Motivation => "motivation",
            Step::Background => "background",
            Step::Evaluation => "evaluation",
            Step::Confirm => "confirm",
        }
    }

    /// The step with this stored name.
    pub fn from_name(name: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The page's path.
    pub fn path(self) -> &'static str {
        match self {
            Step::Choice => "/choice",
            Step::Motivation => "/motivation",
            Step::Background => "/background",
            Step::Evaluation => "/evaluation",
            Step::Confirm => "/confirm",
        }
    }

    pub(super) fn index(self) -> usize {
        Step::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    fn next(self) -> Step {
        Step::ALL[(self.index() + 1).min(Step::ALL.len() - 1)]
    }

    /// Where "Vorige" leads: the step before, or the last information page.
    fn back_path(self, state: &AppState) -> String {
        match self.index() {
            0 => match state.survey.pages().len() {
                0 => "/".into(),
                n => format!("/info/{n}"),
            },
            idx => Step::ALL[idx - 1].path().into(),
        }
    }

    /// The key of the page's title in the interface's words.
    fn title_key(self) -> &'static str {
        match self {
            Step::Choice => "choice_title",
            Step::Motivation => "motivation_title",
            Step::Background => "background_title",
            Step::Evaluation => "evaluation_title",
            Step::Confirm => "confirm_title",
        }
    }

    /// The draft's section this step fills (`portfolio`, `motivations.`, ...).
    fn prefix(self) -> &'static str {
        match self {
            Step::Choice => "portfolio",
            Step::Motivation => "motivations.",
            Step::Background => "background.",
            Step::Evaluation => "evaluation.",
            Step::Confirm => "",
        }
    }
}

/// Where a step's form returns after saving, instead of the next step: only
/// the check page, whose "Wijzigen" links carry `?from=confirm`. A closed
/// set read at the boundary, so the value can never lead anywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnTo {
    /// "Controleer uw advies".
    Confirm,
}

impl ReturnTo {
    /// The return of a `from` value; anything unknown is no return at all.
    pub fn parse(value: Option<&str>) -> Option<ReturnTo> {
        match value? {
            "confirm" => Some(ReturnTo::Confirm),
            _ => None,
        }
    }

    /// The `from` value that names it.
    pub fn code(self) -> &'static str {
        match self {
            ReturnTo::Confirm => "confirm",
        }
    }

    /// The step returned to.
    fn step(self) -> Step {
        match self {
            ReturnTo::Confirm => Step::Confirm,
        }
    }

    /// The step's address when opened to return here: `/motivation?from=confirm`.
    pub fn link(self, step: Step) -> String {
        format!("{}?from={}", step.path(), self.code())
    }
}

/// The `?from=` of a step's page.
#[derive(Debug, Deserialize, Default)]
pub struct FromQuery {
    from: Option<String>,
}

impl FromQuery {
    /// Where the page returns, if anywhere known.
    pub fn return_to(&self) -> Option<ReturnTo> {
        ReturnTo::parse(self.from.as_deref())
    }
}

/// What the pressed button asked (the `go` field of every step's form).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Go {
    /// "Opslaan en verder": on when the step is complete.
    Next,
    /// "Vorige".
    Back,
    /// The language switch in the header.
    Lang(Lang),
    /// "Bereken opnieuw": the choice page again with the meter of what is ticked.
    Recalculate,
    /// A chosen option's remove button in the meter: the choice page again
    /// without it.
    Remove(String),
    /// "Stoppen en later verder".
    Later,
}

fn go(fields: &Fields) -> Go {
    if let Some(option_id) = field(fields, "remove") {
        return Go::Remove(option_id.to_string());
    }
    match field(fields, "go").unwrap_or("next") {
        "back" => Go::Back,
        "recalculate" => Go::Recalculate,
        "later" => Go::Later,
        other => other
            .strip_prefix("lang-")
            .and_then(Lang::from_code)
            .map_or(Go::Next, Go::Lang),
    }
}

/// What every step's page is drawn for: the request, the household and the
/// token of its forms.
#[derive(Clone, Copy)]
pub(super) struct StepView<'a> {
    pub(super) state: &'a AppState,
    pub(super) visit: &'a Visit,
    pub(super) household: &'a Household,
    pub(super) csrf: &'a str,
    /// A paper form is entered as written: broken rules do not stop it.
    pub(super) channel: pwe_core::channel::Channel,
    /// Opened from the check page: the form returns there.
    pub(super) from: Option<ReturnTo>,
}

impl StepView<'_> {
    /// What every step's page has: its title and number, whether it shows
    /// errors, and (on every step but the check page, which has no answers
    /// to keep) the header's buttons posting the step's form.
    pub(super) fn common(&self, step: Step, errors: &[ErrorLine]) -> Common {
        let common = self
            .visit
            .common(
                self.state,
                self.visit.t.text(step.title_key()),
                self.csrf,
                Some(step_number(self.state, step)),
            )
            .with_errors(errors);
        match step {
            Step::Confirm => common,
            _ => common
                .with_form("step-form")
                .with_return(self.from.map(ReturnTo::code)),
        }
    }
}

/// A step's page for a draft and its problems.
fn step_page(
    page: &StepView<'_>,
    step: Step,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> Result<String, ApiError> {
    let rendered = match step {
        Step::Choice => choice_page(page, body, problems)?.render(),
        Step::Motivation => motivation_page(page, body, problems).render(),
        Step::Background => background_page(page, body, problems).render(),
        Step::Evaluation => evaluation_page(page, body, problems).render(),
        Step::Confirm => confirm_page(page, body, problems)?.render(),
    };
    rendered.map_err(|e| ApiError::Internal(format!("template: {e}")))
}

fn respond(
    visit: &Visit,
    state: &AppState,
    status: StatusCode,
    page: Result<String, ApiError>,
) -> Response {
    match page {
        Ok(html) => visit.html(status, html),
        Err(error) => visit.failure(state, error),
    }
}

/// `GET` of a step: the page with the household's draft.
pub async fn show_step(
    state: AppState,
    headers: HeaderMap,
    query: LangQuery,
    from: Option<ReturnTo>,
    step: Step,
) -> Response {
    let (visit, household, session) = match page_visit(&state, &headers, &query, step.path()).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let view = StepView {
        state: &state,
        visit: &visit,
        household: &household,
        csrf: &session.csrf,
        channel: session.channel,
        from: from.filter(|_| step != Step::Confirm),
    };
    let page = step_page(&view, step, &draft(&household), &[]);
    respond(&visit, &state, StatusCode::OK, page)
}

/// `POST` of a step (not the confirm step, whose post sends the advice).
pub async fn post_step(
    state: AppState,
    headers: HeaderMap,
    fields: Fields,
    step: Step,
) -> Response {
    let (visit, household, session) = match form_post(&state, &headers, &fields, step.path()).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut body = draft(&household);
    let go = go(&fields);
    match step {
        Step::Choice => {
            body.portfolio = read_portfolio(&state, &fields);
            if let Go::Remove(option_id) = &go {
                body.portfolio.remove(option_id);
            }
        }
        Step::Motivation => body.motivations = read_motivations(&state, &fields),
        Step::Background => body.background = read_background(&state, &fields),
        Step::Evaluation => body.evaluation = read_evaluation(&state, &fields),
        Step::Confirm => {}
    }
    let from = ReturnTo::parse(field(&fields, "from"));
    let problems = match step_problems(&state, &household, &body, step, session.channel) {
        // Going on checks every rule of the step; any other button only
        // what would keep the page from being saved (a text over its
        // limit): the page then stays, with what was typed, and says why.
        Ok(problems) if go == Go::Next => problems,
        Ok(problems) => problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::Invalid)
            .collect(),
        Err(error) => return visit.failure(&state, error),
    };
    let onward = if go == Go::Next && from.is_some() {
        match first_incomplete_after(&state, &household, &body, step, session.channel) {
            Ok(onward) => onward,
            Err(error) => return visit.failure(&state, error),
        }
    } else {
        step.next()
    };
    let stay = go != Go::Next || !problems.is_empty();
    let last_step = match (&go, from) {
        (Go::Back, Some(to)) => to.step(),
        (Go::Back, None) if step.index() > 0 => Step::ALL[step.index() - 1],
        _ if stay => step,
        _ => onward,
    };
    if let Err(error) = save(&state, &household, last_step.name(), &body).await {
        return visit.failure(&state, error);
    }
    let view = StepView {
        state: &state,
        visit: &visit,
        household: &household,
        csrf: &session.csrf,
        channel: session.channel,
        from,
    };
    match go {
        _ if !problems.is_empty() => {
            let page = step_page(&view, step, &body, &problems);
            respond(&visit, &state, StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Go::Next => see_other(&address(onward, from)),
        Go::Recalculate | Go::Remove(_) => {
            let page = step_page(&view, step, &body, &[]);
            respond(&visit, &state, StatusCode::OK, page)
        }
        Go::Back => match from {
            Some(to) => see_other(to.step().path()),
            None => see_other(&step.back_path(&state)),
        },
        Go::Lang(lang) => {
            let path = address(step, from);
            let joint = if from.is_some() { '&' } else { '?' };
            see_other(&format!("{path}{joint}lang={}", lang.code()))
        }
        Go::Later => stop_for_now(&state, &visit, &headers).await,
    }
}

/// A step's address, returning to `from` when it is set (the check page
/// itself needs no return).
fn address(step: Step, from: Option<ReturnTo>) -> String {
    match from {
        Some(from) if step != Step::Confirm => from.link(step),
        _ => step.path().to_string(),
    }
}

/// Where a change made from the check page leads after saving: back to the
/// check page, unless it left a later step incomplete (a newly chosen
/// measure whose motivation is required), which then comes first.
fn first_incomplete_after(
    state: &AppState,
    household: &Household,
    body: &ResponseBody,
    step: Step,
    channel: pwe_core::channel::Channel,
) -> Result<Step, ApiError> {
    for later in &Step::ALL[step.index() + 1..] {
        if *later == Step::Confirm {
            break;
        }
        if !step_problems(state, household, body, *later, channel)?.is_empty() {
            return Ok(*later);
        }
    }
    Ok(Step::Confirm)
}

/// The problems of a step's part of the draft: its answers against every
/// rule, or why they are not answers at all.
fn step_problems(
    state: &AppState,
    household: &Household,
    body: &ResponseBody,
    step: Step,
    channel: pwe_core::channel::Channel,
) -> Result<Vec<AnswerProblem>, ApiError> {
    let task = task(state, household)?;
    Ok(match body.to_input() {
        Ok(input) => match check_from(channel, &task, &input) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .into_iter()
                .filter(|p| p.field.starts_with(step.prefix()))
                .collect(),
        },
        Err(error) => vec![AnswerProblem {
            field: step.prefix().trim_end_matches('.').into(),
            rule: None,
            kind: ProblemKind::Invalid,
            message: error.parts().2,
        }],
    })
}

/// The id of the form field a problem is about, for the error summary's link.
pub(super) fn anchor_of(field: &str) -> Option<String> {
    let (section, id) = field.split_once('.')?;
    Some(match section {
        "motivations" => format!("mot-{id}"),
        "background" => format!("bg-{id}"),
        "evaluation" => format!("ev-{id}"),
        _ => return None,
    })
}

/// The summary lines of `problems`, each linked to its field.
pub(super) fn error_lines(problems: &[AnswerProblem], lang: Lang) -> Vec<ErrorLine> {
    problems
        .iter()
        .map(|p| ErrorLine {
            href: anchor_of(&p.field).map(|id| format!("#{id}")),
            text: p.message.get(lang).to_string(),
        })
        .collect()
}

/// The problem with the field `name`, to show next to it.
pub(super) fn inline_error(problems: &[AnswerProblem], lang: Lang, name: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| anchor_of(&p.field).as_deref() == Some(name))
        .map(|p| p.message.get(lang).to_string())
}
