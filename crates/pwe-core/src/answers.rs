//! A resident's whole response (portfolio, motivations, background and
//! evaluation answers) checked against the survey and their version.
//!
//! Every problem is reported at once, each with the field it is about and a
//! message in Dutch and English, so a page can show them next to the inputs.

use crate::portfolio::{Portfolio, PortfolioError};
use crate::survey::{EvaluationKind, QuestionKind};
use crate::task::ChoiceTask;
use crate::text::{Message, Text};

/// An answer as sent, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    /// A text, or the id of one choice.
    Text(String),
    /// A whole number.
    Number(i64),
    /// The ids of several choices.
    Choices(Vec<String>),
}

/// What a resident sends: choices and answers by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseInput {
    /// Chosen options with their level (1 for a binary option).
    pub choices: Vec<(String, u32)>,
    /// A motivation per option id.
    pub motivations: Vec<(String, String)>,
    /// Background answers by question id.
    pub background: Vec<(String, RawAnswer)>,
    /// Evaluation answers by question id.
    pub evaluation: Vec<(String, RawAnswer)>,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The id of the choice picked.
    Choice(String),
    /// The ids of the choices picked, in the question's order.
    Choices(Vec<String>),
    /// A whole number (a number question, a 1-5 statement or a 0-10 grade).
    Number(i64),
    /// A free text.
    Text(String),
}

impl Answer {
    /// The answer as one export cell: a choice id, ids joined by `;`, a number or the text.
    pub fn to_cell(&self) -> String {
        match self {
            Answer::Choice(id) => id.clone(),
            Answer::Choices(ids) => ids.join(";"),
            Answer::Number(n) => n.to_string(),
            Answer::Text(text) => text.clone(),
        }
    }

    /// Whether the answer is free text, which exports leave out unless asked.
    pub fn is_free_text(&self) -> bool {
        matches!(self, Answer::Text(_))
    }
}

/// A response that meets every rule of the survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The portfolio, which breaks no rule of the version.
    pub portfolio: Portfolio,
    /// The motivation of every option (by `option_idx`), if given.
    pub motivations: Vec<Option<String>>,
    /// The answer to every background question (by index), if given.
    pub background: Vec<Option<Answer>>,
    /// The answer to every evaluation question (by index), if given.
    pub evaluation: Vec<Option<Answer>>,
}

/// One thing wrong with a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    /// What the problem is about: `portfolio`, `motivations.<option>`,
    /// `background.<question>` or `evaluation.<question>`.
    pub field: String,
    /// A rule code for portfolio problems (see [`crate::Rule::code`]).
    pub rule: Option<String>,
    /// Whether a draft may have it.
    pub kind: ProblemKind,
    /// What is wrong, for the resident.
    pub message: Message,
}

/// What kind of problem: the first two are part of answering (a draft may
/// have them), the last never is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The portfolio breaks a rule of the version (budget, target, group).
    Rule,
    /// A required answer or motivation is not given yet.
    Missing,
    /// Something no answer can be: an unknown option or question, a level
    /// or number out of range, a wrong type, a text over its limit.
    Invalid,
}

fn problem(field: impl Into<String>, message: Message) -> AnswerProblem {
    AnswerProblem {
        field: field.into(),
        rule: None,
        kind: ProblemKind::Invalid,
        message,
    }
}

fn missing(field: impl Into<String>, message: Message) -> AnswerProblem {
    AnswerProblem {
        kind: ProblemKind::Missing,
        ..problem(field, message)
    }
}

/// Checks a whole response against `task` (the survey priced by the household's version).
///
/// # Errors
/// Every problem found: unknown options or questions, broken portfolio rules,
/// missing required answers and motivations, texts that are too long, answers
/// of the wrong type or out of range.
pub fn check_response(
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
) -> Result<Response, Vec<AnswerProblem>> {
    let mut problems = Vec::new();
    let portfolio = check_portfolio(task, input, &mut problems);
    let motivations = check_motivations(task, input, portfolio.as_ref(), &mut problems);
    let background = check_background_answers(task, input, &mut problems);
    let evaluation = check_evaluation(task, &input.evaluation, &mut problems);

    match (portfolio, problems.is_empty()) {
        (Some(portfolio), true) => Ok(Response {
            portfolio,
            motivations,
            background,
            evaluation,
        }),
        _ => Err(problems),
    }
}

/// The answers of a paper form as the household wrote them: as
/// [`check_response`], except that a portfolio breaking rules of its version
/// and unanswered required questions are taken (an official never
/// "corrects" a form). Those problems are returned beside the response, so
/// that the entry says so; the analysis leaves such a response out of the
/// shares and the model and counts it.
///
/// # Errors
/// Every other problem (an unknown option, an answer that is not one, a text
/// over its length).
pub fn check_as_written(
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
) -> Result<(Response, Vec<AnswerProblem>), Vec<AnswerProblem>> {
    let mut problems = Vec::new();
    let portfolio = check_portfolio(task, input, &mut problems);
    let motivations = check_motivations(task, input, portfolio.as_ref(), &mut problems);
    let background = check_background_answers(task, input, &mut problems);
    let evaluation = check_evaluation(task, &input.evaluation, &mut problems);
    let (as_written, refused): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| matches!(p.kind, ProblemKind::Rule | ProblemKind::Missing));
    match (portfolio, refused.is_empty()) {
        (Some(portfolio), true) => Ok((
            Response {
                portfolio,
                motivations,
                background,
                evaluation,
            },
            as_written,
        )),
        (_, _) => Err(refused.into_iter().chain(as_written).collect()),
    }
}

/// The answers as their channel takes them: a paper form as written
/// ([`check_as_written`], with the problems it was taken with), anything else
/// by every rule ([`check_response`], with none).
///
/// # Errors
/// The problems that refuse the answers.
pub fn check_from(
    channel: crate::channel::Channel,
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
) -> Result<(Response, Vec<AnswerProblem>), Vec<AnswerProblem>> {
    if channel.taken_as_written() {
        check_as_written(task, input)
    } else {
        check_response(task, input).map(|response| (response, Vec::new()))
    }
}

/// The portfolio chosen and every rule of the version it breaks; None when
/// the choice itself is not valid.
fn check_portfolio(
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
    problems: &mut Vec<AnswerProblem>,
) -> Option<Portfolio> {
    let survey = task.survey();
    match Portfolio::from_choices(
        survey,
        input
            .choices
            .iter()
            .map(|(id, level)| (id.as_str(), *level)),
    ) {
        Ok(portfolio) => {
            for violation in task.violations(&portfolio) {
                problems.push(AnswerProblem {
                    field: "portfolio".into(),
                    rule: Some(violation.rule.code()),
                    kind: ProblemKind::Rule,
                    message: violation.message,
                });
            }
            Some(portfolio)
        }
        Err(error) => {
            problems.push(problem("portfolio", portfolio_error(&error)));
            None
        }
    }
}

/// The motivations given, each checked for its option and length, and a
/// problem for every one the survey requires that is missing.
fn check_motivations(
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
    portfolio: Option<&Portfolio>,
    problems: &mut Vec<AnswerProblem>,
) -> Vec<Option<String>> {
    let survey = task.survey();
    let mut motivations = vec![None; survey.options().len()];
    for (id, text) in &input.motivations {
        let field = format!("motivations.{id}");
        let Some(option_idx) = survey.option_idx(id) else {
            problems.push(problem(
                field,
                Message::of("answer_unknown_option", |_| vec![("id", id.into())]),
            ));
            continue;
        };
        let max = survey.motivation(option_idx).max_length;
        let length = text.chars().count();
        if length > max as usize {
            problems.push(problem(
                field,
                Message::of("answer_motivation_too_long", |_| {
                    vec![("length", length.into()), ("max", max.into())]
                }),
            ));
        } else if !text.trim().is_empty() {
            motivations[option_idx] = Some(text.clone());
        }
    }
    if let Some(portfolio) = portfolio {
        for (option_idx, option) in survey.options().iter().enumerate() {
            let chosen = portfolio.level(option_idx) > 0;
            let prompt = survey.motivation(option_idx);
            let already_reported = problems
                .iter()
                .any(|p| p.field == format!("motivations.{}", option.id));
            if prompt.required.applies(chosen)
                && motivations[option_idx].is_none()
                && !already_reported
            {
                problems.push(missing(
                    format!("motivations.{}", option.id),
                    Message::of("answer_motivation_missing", |lang| {
                        vec![("option", option.title.get(lang).into())]
                    }),
                ));
            }
        }
    }
    motivations
}

/// The background answers, each checked against its question, and a problem
/// for every required question left open.
fn check_background_answers(
    task: &ChoiceTask<'_>,
    input: &ResponseInput,
    problems: &mut Vec<AnswerProblem>,
) -> Vec<Option<Answer>> {
    let survey = task.survey();
    let mut background = vec![None; survey.background().len()];
    for (id, raw) in &input.background {
        let field = format!("background.{id}");
        match survey.background().iter().position(|q| &q.id == id) {
            None => problems.push(unknown_question(field, id)),
            Some(idx) => match check_background(&survey.background()[idx].kind, raw) {
                Ok(answer) => background[idx] = answer,
                Err(message) => problems.push(problem(field, message)),
            },
        }
    }
    for (idx, question) in survey.background().iter().enumerate() {
        let field = format!("background.{}", question.id);
        if question.required
            && background[idx].is_none()
            && !problems.iter().any(|p| p.field == field)
        {
            problems.push(required(field, &question.text));
        }
    }
    background
}

/// Checks a draft: what is answered so far may be incomplete and may break
/// the portfolio's rules, but nothing in it may be invalid (see
/// [`ProblemKind::Invalid`]), so that a draft can always be resumed.
///
/// # Errors
/// Every invalid part of the draft.
pub fn check_draft(task: &ChoiceTask<'_>, input: &ResponseInput) -> Result<(), Vec<AnswerProblem>> {
    let invalid: Vec<AnswerProblem> = match check_response(task, input) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::Invalid)
            .collect(),
    };
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(invalid)
    }
}

/// Checks evaluation answers only, as a follow-up evaluation asks them.
///
/// # Errors
/// Unknown questions, missing required answers, wrong types or ranges.
pub fn check_evaluation_only(
    task: &ChoiceTask<'_>,
    answers: &[(String, RawAnswer)],
) -> Result<Vec<Option<Answer>>, Vec<AnswerProblem>> {
    let mut problems = Vec::new();
    let evaluation = check_evaluation(task, answers, &mut problems);
    if problems.is_empty() {
        Ok(evaluation)
    } else {
        Err(problems)
    }
}

fn check_evaluation(
    task: &ChoiceTask<'_>,
    answers: &[(String, RawAnswer)],
    problems: &mut Vec<AnswerProblem>,
) -> Vec<Option<Answer>> {
    let survey = task.survey();
    let mut evaluation = vec![None; survey.evaluation().len()];
    for (id, raw) in answers {
        let field = format!("evaluation.{id}");
        match survey.evaluation().iter().position(|q| &q.id == id) {
            None => problems.push(unknown_question(field, id)),
            Some(idx) => match check_evaluation_answer(survey.evaluation()[idx].kind, raw) {
                Ok(answer) => evaluation[idx] = answer,
                Err(message) => problems.push(problem(field, message)),
            },
        }
    }
    for (idx, question) in survey.evaluation().iter().enumerate() {
        let field = format!("evaluation.{}", question.id);
        if question.required
            && evaluation[idx].is_none()
            && !problems.iter().any(|p| p.field == field)
        {
            problems.push(required(field, &question.text));
        }
    }
    evaluation
}

fn unknown_question(field: String, id: &str) -> AnswerProblem {
    problem(
        field,
        Message::of("answer_unknown_question", |_| vec![("id", id.into())]),
    )
}

fn required(field: String, question: &Text) -> AnswerProblem {
    missing(
        field,
        Message::of("answer_required", |lang| {
            vec![("question", question.get(lang).into())]
        }),
    )
}

/// Why the portfolio itself is not a choice, in the resident's words.
fn portfolio_error(error: &PortfolioError) -> Message {
    match error {
        PortfolioError::UnknownOption(id) => {
            Message::of("answer_unknown_option", |_| vec![("id", id.into())])
        }
        PortfolioError::Duplicate(id) => {
            Message::of("answer_duplicate_option", |_| vec![("id", id.into())])
        }
        PortfolioError::LevelOutOfRange { option, level, max } => {
            Message::of("answer_no_such_level", |_| {
                vec![
                    ("id", option.into()),
                    ("level", (*level).into()),
                    ("max", i64::from(*max).into()),
                ]
            })
        }
        PortfolioError::WrongLength { expected, found } => {
            Message::of("answer_wrong_length", |_| {
                vec![("expected", (*expected).into()), ("found", (*found).into())]
            })
        }
    }
}

type Refusal = Message;

fn too_long(length: usize, max: u32) -> Refusal {
    Message::of("answer_too_long", |_| {
        vec![("length", length.into()), ("max", max.into())]
    })
}

/// "Expected: …" for an answer of the wrong kind: `kind` is one of the
/// catalog's variants of `answer_expected` (one, list, whole, likert, grade, text).
fn wrong_type(kind: &'static str) -> Refusal {
    Message::of("answer_expected", |_| vec![("kind", kind.into())])
}

fn check_text(text: &str, max_length: u32) -> Result<Option<Answer>, Refusal> {
    let length = text.chars().count();
    if length > max_length as usize {
        return Err(too_long(length, max_length));
    }
    Ok((!text.trim().is_empty()).then(|| Answer::Text(text.to_string())))
}

fn check_background(kind: &QuestionKind, raw: &RawAnswer) -> Result<Option<Answer>, Refusal> {
    match (kind, raw) {
        (QuestionKind::Single(choices), RawAnswer::Text(id)) => {
            if id.is_empty() {
                Ok(None)
            } else if choices.iter().any(|c| &c.id == id) {
                Ok(Some(Answer::Choice(id.clone())))
            } else {
                Err(Message::of("answer_not_a_choice", |_| {
                    vec![("id", id.into())]
                }))
            }
        }
        (QuestionKind::Multiple(choices), RawAnswer::Choices(ids)) => {
            if let Some(bad) = ids.iter().find(|id| !choices.iter().any(|c| &c.id == *id)) {
                return Err(Message::of("answer_not_a_choice", |_| {
                    vec![("id", bad.as_str().into())]
                }));
            }
            // Kept in the question's order, each once, so that the same answer is always stored the same way.
            let picked: Vec<String> = choices
                .iter()
                .filter(|c| ids.contains(&c.id))
                .map(|c| c.id.clone())
                .collect();
            Ok((!picked.is_empty()).then_some(Answer::Choices(picked)))
        }
        (QuestionKind::Number { min, max }, RawAnswer::Number(n)) => {
            if (*min..=*max).contains(n) {
                Ok(Some(Answer::Number(*n)))
            } else {
                Err(Message::of("answer_number_range", |_| {
                    vec![("min", (*min).into()), ("max", (*max).into())]
                }))
            }
        }
        (QuestionKind::Text { max_length }, RawAnswer::Text(text)) => check_text(text, *max_length),
        (QuestionKind::Single(_), _) => Err(wrong_type("one")),
        (QuestionKind::Multiple(_), _) => Err(wrong_type("list")),
        (QuestionKind::Number { .. }, _) => Err(wrong_type("whole")),
        (QuestionKind::Text { .. }, _) => Err(wrong_type("text")),
    }
}

fn check_evaluation_answer(
    kind: EvaluationKind,
    raw: &RawAnswer,
) -> Result<Option<Answer>, Refusal> {
    match (kind, raw) {
        (EvaluationKind::Likert5, RawAnswer::Number(n)) if (1..=5).contains(n) => {
            Ok(Some(Answer::Number(*n)))
        }
        (EvaluationKind::Likert5, _) => Err(wrong_type("likert")),
        (EvaluationKind::Grade, RawAnswer::Number(n)) if (0..=10).contains(n) => {
            Ok(Some(Answer::Number(*n)))
        }
        (EvaluationKind::Grade, _) => Err(wrong_type("grade")),
        (EvaluationKind::Text { max_length }, RawAnswer::Text(text)) => {
            check_text(text, max_length)
        }
        (EvaluationKind::Text { .. }, _) => Err(wrong_type("text")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Survey;

    const MALL: &str = include_str!("../../../surveys/mall-parkeren.toml");

    fn check(input: &ResponseInput) -> Result<Response, Vec<AnswerProblem>> {
        let survey = Survey::parse(MALL, "mall-parkeren.toml").unwrap();
        let task = ChoiceTask::new(&survey, survey.version("a").unwrap());
        check_response(&task, input)
    }

    fn complete() -> ResponseInput {
        let text = |s: &str| RawAnswer::Text(s.into());
        ResponseInput {
            choices: vec![
                ("betaald-bezoekers".into(), 1),
                ("handhaving".into(), 2),
                ("garage-afspraak".into(), 1),
                ("bewegwijzering".into(), 1),
                ("circulatie".into(), 1),
                ("fiets-ov".into(), 1),
            ],
            motivations: vec![(
                "circulatie".into(),
                "Minder zoekverkeer in mijn straat.".into(),
            )],
            background: vec![
                ("leeftijd".into(), text("45-64")),
                ("huishouden".into(), text("alleen")),
                ("autos".into(), text("1")),
            ],
            evaluation: vec![
                ("gelegenheid".into(), RawAnswer::Number(4)),
                ("begrijpelijk".into(), RawAnswer::Number(5)),
                ("zinvol".into(), RawAnswer::Number(4)),
                ("serieus".into(), RawAnswer::Number(3)),
                ("cijfer".into(), RawAnswer::Number(8)),
            ],
        }
    }

    fn fields(problems: &[AnswerProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_complete_response_passes() {
        let response = check(&complete()).unwrap();
        assert_eq!(response.portfolio.chosen().count(), 6);
        assert_eq!(response.background[0], Some(Answer::Choice("45-64".into())));
        assert_eq!(response.evaluation.iter().flatten().count(), 5);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut input = complete();
        input.choices.push(("pendelbus".into(), 1));
        input.motivations.push(("fiets-ov".into(), "x".repeat(601)));
        input.background[0].1 = RawAnswer::Text("100+".into());
        input
            .background
            .push(("hobby".into(), RawAnswer::Text("golf".into())));
        input.evaluation.retain(|(id, _)| id != "cijfer");
        input.evaluation[0].1 = RawAnswer::Number(7);
        let problems = check(&input).unwrap_err();
        assert_eq!(
            fields(&problems),
            [
                "portfolio",
                "motivations.fiets-ov",
                "background.leeftijd",
                "background.hobby",
                "evaluation.gelegenheid",
                "evaluation.cijfer"
            ]
        );
        assert_eq!(problems[0].rule.as_deref(), Some("budget"));
        assert_eq!(
            problems[1].message.nl,
            "Uw toelichting is 601 tekens; het maximum is 600."
        );
        assert_eq!(problems[4].message.en, "Expected: an answer from 1 to 5.");
        assert_eq!(
            problems[5].message.en,
            "This question is required: What grade (0 to 10) would you give this consultation?"
        );
    }

    #[test]
    fn unknown_options_are_named() {
        let mut input = complete();
        input.choices.push(("tram".into(), 1));
        let problems = check(&input).unwrap_err();
        assert_eq!(problems[0].message.en, "There is no measure \"tram\".");
    }
}
