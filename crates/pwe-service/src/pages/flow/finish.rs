//! Confirmation, submission, the thank-you page, and the public results.

use super::choice::{meter, portfolio_of};
use super::*;
use crate::guard::{self, Client};
use crate::pages::texts::Texts;
use crate::results::Shares;
use pwe_core::format;
use pwe_core::survey::likert_word;

/// What a background or evaluation answer says, in words.
fn answer_words(
    t: &Texts,
    lang: Lang,
    value: Option<&Value>,
    choices: &[pwe_core::survey::Choice],
) -> String {
    let label = |id: &str| {
        choices
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.label.get(lang).to_string())
    };
    match value {
        None => t.text("no_answer").to_string(),
        Some(Value::String(s)) => label(s),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(label)
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

fn choice_section(visit: &Visit, meter: &MeterView) -> SummarySection {
    let t = visit.t;
    // The meter's own list of the chosen measures, so both pages name them alike.
    let mut lines: Vec<(String, String)> = meter
        .chosen
        .iter()
        .map(|line| (line.name.clone(), line.cost.clone()))
        .collect();
    if lines.is_empty() {
        lines.push((
            t.text("your_choice").into(),
            t.text("nothing_chosen").into(),
        ));
    }
    // The meter's totals in its words: spent against the budget, what is
    // left (or how far over), and the charges per household.
    lines.push((
        t.text("spent").into(),
        format!("{} {} {}", meter.spent, t.text("of"), meter.budget),
    ));
    lines.push(meter.left.clone());
    if let Some((charge, _)) = &meter.charge {
        lines.push((t.text("tax_change").into(), charge.clone()));
    }
    SummarySection {
        heading: t.text("your_choice").into(),
        change: ReturnTo::Confirm.link(Step::Choice),
        lines,
    }
}

pub(super) fn confirm_page(
    page: &StepView<'_>,
    body: &ResponseBody,
    problems: &[AnswerProblem],
) -> Result<ConfirmPage, ApiError> {
    let StepView {
        state,
        visit,
        household,
        ..
    } = *page;
    let task = task(state, household)?;
    let t = visit.t;
    let portfolio = portfolio_of(state, body);
    let meter = meter(state, visit, &task, &portfolio, false);
    let sections = vec![
        choice_section(visit, &meter),
        SummarySection {
            heading: t.text("motivation_title").into(),
            change: ReturnTo::Confirm.link(Step::Motivation),
            lines: motivation_lines(state, visit, household, body),
        },
        SummarySection {
            heading: t.text("background_title").into(),
            change: ReturnTo::Confirm.link(Step::Background),
            lines: background_lines(state, visit, body),
        },
        SummarySection {
            heading: t.text("evaluation_title").into(),
            change: ReturnTo::Confirm.link(Step::Evaluation),
            lines: evaluation_lines(state, visit, body),
        },
    ];
    let errors = confirm_errors(visit, problems);
    Ok(ConfirmPage {
        c: page.common(Step::Confirm, &errors),
        errors,
        sections,
        as_written: page.channel.taken_as_written() && !meter.fits,
        meter,
    })
}

/// Each motivation under its option's title, in the household's order.
fn motivation_lines(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    body: &ResponseBody,
) -> Vec<(String, String)> {
    let (survey, lang, t) = (&state.survey, visit.lang, visit.t);
    let mut motivations: Vec<(String, String)> = household
        .options_in_order(survey)
        .filter_map(|option_idx| {
            let option = &survey.options()[option_idx];
            let text = body.motivations.get(&option.id)?;
            Some((option.title.get(lang).to_string(), text.clone()))
        })
        .collect();
    if motivations.is_empty() {
        motivations.push((
            t.text("motivation_title").into(),
            t.text("no_motivation").into(),
        ));
    }
    motivations
}

/// Every background question with its answer in words.
fn background_lines(state: &AppState, visit: &Visit, body: &ResponseBody) -> Vec<(String, String)> {
    let (lang, t) = (visit.lang, visit.t);
    state
        .survey
        .background()
        .iter()
        .map(|q| {
            let choices = match &q.kind {
                QuestionKind::Single(c) | QuestionKind::Multiple(c) => c.as_slice(),
                _ => &[],
            };
            (
                q.text.get(lang).to_string(),
                answer_words(t, lang, body.background.get(&q.id), choices),
            )
        })
        .collect()
}

/// Only the evaluation questions answered (they are many and mostly
/// optional); how many were left open is one line.
fn evaluation_lines(state: &AppState, visit: &Visit, body: &ResponseBody) -> Vec<(String, String)> {
    let (survey, lang, t) = (&state.survey, visit.lang, visit.t);
    let mut evaluation: Vec<(String, String)> = survey
        .evaluation()
        .iter()
        .filter_map(|q| {
            let value = body.evaluation.get(&q.id)?;
            let answer = match (q.kind, value) {
                (EvaluationKind::Likert5, Value::Number(n)) => n
                    .as_u64()
                    .filter(|v| (1..=5).contains(v))
                    .map_or(n.to_string(), |v| {
                        format!("{v} – {}", likert_word(v as u8, lang).unwrap_or_default())
                    }),
                (_, value) => answer_words(t, lang, Some(value), &[]),
            };
            Some((q.text.get(lang).to_string(), answer))
        })
        .collect();
    let open = survey.evaluation().len() - evaluation.len();
    if open > 0 {
        evaluation.push((t.text("not_answered").into(), open.to_string()));
    }
    evaluation
}

/// A problem found when sending links to the field on its own step's page.
fn confirm_errors(visit: &Visit, problems: &[AnswerProblem]) -> Vec<ErrorLine> {
    problems
        .iter()
        .map(|p| {
            let section = p.field.split('.').next().unwrap_or_default();
            let step = match section {
                "motivations" => Step::Motivation,
                "background" => Step::Background,
                "evaluation" => Step::Evaluation,
                _ => Step::Choice,
            };
            ErrorLine {
                href: Some(match anchor_of(&p.field) {
                    Some(id) => format!("{}#{id}", ReturnTo::Confirm.link(step)),
                    None => ReturnTo::Confirm.link(step),
                }),
                text: p.message.get(visit.lang).to_string(),
            }
        })
        .collect()
}

/// `POST /confirm`: send; the server checks everything again.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) =
        match form_post(&state, &headers, &fields, Step::Confirm.path()).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let body = draft(&household);
    match record_submission(&state, household.clone(), &body, session.channel).await {
        Ok(_) | Err(ApiError::AlreadySubmitted) => see_other("/thanks"),
        Err(ApiError::Invalid(problems)) => {
            let page = StepView {
                state: &state,
                visit: &visit,
                household: &household,
                csrf: &session.csrf,
                channel: session.channel,
                from: None,
            };
            match confirm_page(&page, &body, &problems) {
                Ok(page) => visit.render(StatusCode::UNPROCESSABLE_ENTITY, page),
                Err(error) => visit.failure(&state, error),
            }
        }
        Err(other) => visit.failure(&state, other),
    }
}

/// `GET /thanks`: the receipt and what happens next.
pub async fn thanks(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&state, &headers, &query, "/thanks");
    let Some((household, session)) = session::current(&state, &headers).await else {
        return see_other("/");
    };
    let Ok(Some((_, receipt))) = state.store.receipt(&household.household_ref).await else {
        return see_other("/start");
    };
    // An official who entered a paper form or helped by phone goes back to
    // the staff page for the next one.
    let onward = if session.channel == pwe_core::channel::Channel::Online {
        (
            "/receipt".into(),
            visit.t.text("receipt_check_title").into(),
        )
    } else {
        ("/beheer".into(), visit.t.text("back_to_beheer").into())
    };
    let stage = match super::outcome::stage(&state).await {
        Ok(stage) => stage,
        Err(error) => return visit.failure(&state, error),
    };
    let page = MessagePage {
        c: visit.common(&state, visit.t.text("thanks_title"), "", None),
        paragraphs: vec![visit.t.text("thanks_intro").to_string()],
        receipt: Some(receipt.split('-').map(str::to_string).collect()),
        next_steps: state
            .survey
            .meta()
            .next_steps
            .as_ref()
            .map(|n| Said::of(n, visit.lang)),
        outcome: Some(super::outcome::outcome_view(&state, &visit, stage, false)),
        onward: Some(onward),
    };
    visit.render(StatusCode::OK, page)
}

// --- the public receipt check ------------------------------------------------------

/// The receipt check's query: `?receipt=`.
#[derive(Debug, Deserialize, Default)]
pub struct ReceiptQuery {
    receipt: Option<String>,
    lang: Option<String>,
}

/// `GET /receipt`: "Is mijn advies ontvangen?" A receipt is random and says
/// nothing of the advice; the page answers only whether an advice with it
/// was received, and on which day. A receipt not found counts as a wrong
/// code does (it is a household's secret too); after the purge no receipt
/// exists, and the page says that the consultation has ended.
pub async fn receipt(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    headers: HeaderMap,
    Query(query): Query<ReceiptQuery>,
) -> Response {
    let visit = Visit::new(
        &state,
        &headers,
        &LangQuery {
            lang: query.lang.clone(),
        },
        "/receipt",
    );
    let typed = query.receipt.unwrap_or_default();
    let ended = match state.store.purged_on().await {
        Ok(purged) => purged.is_some(),
        Err(error) => return visit.failure(&state, ApiError::from(error)),
    };
    let normalised: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut status = StatusCode::OK;
    let mut retry_after = None;
    let outcome = if normalised.is_empty() || ended {
        None
    } else {
        let formatted = normalised
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-");
        match guard::receipt_received(&state, client, &formatted).await {
            Ok(Some(at)) => {
                let day = chrono::DateTime::parse_from_rfc3339(&at)
                    .map(|d| {
                        let local = d.with_timezone(&state.survey.meta().timezone);
                        format::date(local.date_naive(), visit.lang)
                    })
                    .unwrap_or(at);
                Some((true, format!("{} {day}.", visit.t.text("receipt_found"))))
            }
            Ok(None) => Some((false, visit.t.text("receipt_not_found").to_string())),
            Err(ApiError::TooManyAttempts { retry_after: wait }) => {
                status = StatusCode::TOO_MANY_REQUESTS;
                retry_after = Some(wait);
                Some((false, visit.t.text("receipt_too_many").to_string()))
            }
            Err(error) => return visit.failure(&state, error),
        }
    };
    let stage = match super::outcome::stage(&state).await {
        Ok(stage) => stage,
        Err(error) => return visit.failure(&state, error),
    };
    let page = ReceiptPage {
        c: visit.common(&state, visit.t.text("receipt_check_title"), "", None),
        typed,
        outcome,
        progress: Some(super::outcome::outcome_view(&state, &visit, stage, true)),
        ended,
    };
    let mut response = visit.render(status, page);
    if let Some(wait) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    response
}

// --- public results -----------------------------------------------------------------

/// `GET /results`: after the close, per option the share of households that
/// chose it beside the council's decision; exclusive groups together with
/// their sum; the most chosen first.
pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&state, &headers, &query, "/results");
    let stage = match super::outcome::stage(&state).await {
        Ok(stage) => stage,
        Err(error) => return visit.failure(&state, error),
    };
    let published = matches!(
        stage,
        super::outcome::Stage::Published | super::outcome::Stage::Answered
    );
    let shares = if published {
        match crate::results::cached_shares(&state).await {
            Ok(shares) => Some(shares),
            Err(error) => return visit.failure(&state, ApiError::from(error)),
        }
    } else {
        None
    };
    let t = visit.t;
    let lang = visit.lang;
    let council = state.council.as_ref().map(|c| CouncilView {
        decided: t.fill(
            "decided",
            &[
                ("date", format::date(c.decided, lang).into()),
                ("body", c.body.get(lang).into()),
            ],
        ),
        summary: c.summary.as_ref().map(|s| Said::of(s, lang)),
    });
    let page = ResultsPage {
        c: visit.common(&state, t.text("results_title"), "", None),
        outcome: (!published).then(|| super::outcome::outcome_view(&state, &visit, stage, true)),
        counted: t.fill(
            "results_counted",
            &[("n", shares.as_ref().map_or(0, |s| s.n).into())],
        ),
        left_out: shares
            .as_ref()
            .filter(|s| s.left_out > 0)
            .map(|s| t.fill("results_left_out", &[("n", s.left_out.into())])),
        blocks: shares
            .as_ref()
            .map(|s| result_blocks(&state, &visit, s))
            .unwrap_or_default(),
        weighted: shares.as_ref().is_some_and(|s| s.weighted),
        council,
    };
    visit.render(StatusCode::OK, page)
}

/// The options alone and the exclusive groups with their options, each
/// ordered by support (what cannot be shown last, in the survey's order).
fn result_blocks(state: &AppState, visit: &Visit, shares: &Shares) -> Vec<ResultBlock> {
    let survey = &state.survey;
    let groups = &survey.rules().exclusive;
    let row = |option_idx: usize, level: u8| result_row(state, visit, shares, option_idx, level);
    let mut blocks: Vec<(Option<f64>, ResultBlock)> = groups
        .iter()
        .zip(&shares.groups)
        .map(|(group, share)| {
            let mut rows: Vec<(Option<f64>, ResultRow)> = group
                .options
                .iter()
                .map(|&o| (support(shares, o), row(o, 4)))
                .collect();
            by_support(&mut rows);
            let together = share.shown.then_some(share.share);
            let view = GroupView {
                id: group.id.clone(),
                heading: visit
                    .t
                    .fill("results_group", &[("n", group.options.len().into())]),
                explanation: group.explanation.as_ref().map(|e| Said::of(e, visit.lang)),
                together: figure(visit, share.shown.then_some((share.share, share.interval))),
            };
            let rows = rows.into_iter().map(|(_, r)| r).collect();
            (
                together,
                ResultBlock {
                    group: Some(view),
                    rows,
                },
            )
        })
        .collect();
    blocks.extend(
        (0..survey.options().len())
            .filter(|&o| !groups.iter().any(|g| g.options.contains(&o)))
            .map(|o| {
                let rows = vec![row(o, 3)];
                (support(shares, o), ResultBlock { group: None, rows })
            }),
    );
    by_support(&mut blocks);
    blocks.into_iter().map(|(_, block)| block).collect()
}

/// The share of an option where it may be shown.
fn support(shares: &Shares, option_idx: usize) -> Option<f64> {
    shares
        .options
        .get(option_idx)
        .filter(|s| s.shown)
        .map(|s| s.share)
}

/// The most supported first; a stable sort keeps the survey's order among
/// equals and for those not shown, which come last.
fn by_support<T>(items: &mut [(Option<f64>, T)]) {
    items.sort_by(|(a, _), (b, _)| {
        b.unwrap_or(-1.0)
            .partial_cmp(&a.unwrap_or(-1.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

/// One option: the residents' advice and the council's answer.
fn result_row(
    state: &AppState,
    visit: &Visit,
    shares: &Shares,
    option_idx: usize,
    level: u8,
) -> ResultRow {
    let option = &state.survey.options()[option_idx];
    // Disclosure control: fewer than ten who chose it or who did not, or a
    // complement of such a count elsewhere, is not shown.
    let shown = shares.options.get(option_idx).filter(|s| s.shown);
    ResultRow {
        id: option.id.clone(),
        title: Said::of(&option.title, visit.lang),
        level,
        figure: figure(visit, shown.map(|s| (s.share, s.interval))),
        answer: state
            .council
            .as_ref()
            .and_then(|c| c.answer(option_idx))
            .map(|a| answer_view(a, visit.t)),
    }
}

/// A share in words and as a bar, with how sure it is in words; or why it is
/// not shown.
fn figure(visit: &Visit, shown: Option<(f64, Option<(f64, f64)>)>) -> Figure {
    let (t, lang) = (visit.t, visit.lang);
    let Some((share, interval)) = shown else {
        return Figure {
            share: t.text("suppressed").to_string(),
            bar: None,
            between: None,
        };
    };
    Figure {
        share: format::percent(share, 0, lang),
        // The bar's width is an SVG attribute (the page allows no inline style).
        bar: Some(format!("{:.1}%", 100.0 * share.clamp(0.0, 1.0))),
        between: interval.map(|(low, high)| {
            t.fill(
                "results_between",
                &[
                    ("low", format::percent(low, 0, lang).into()),
                    ("high", format::percent(high, 0, lang).into()),
                ],
            )
        }),
    }
}

/// The council's answer about one option in the page's language.
fn answer_view(answer: &pwe_core::council::OptionAnswer, t: &Texts) -> AnswerView {
    let lang = t.lang();
    AnswerView {
        decision: (
            answer.decision.code(),
            answer.decision.word(lang).to_string(),
        ),
        reasoning: Said::of(&answer.reasoning, lang),
        steps: answer
            .steps
            .iter()
            .map(|step| {
                (
                    format::date(step.date, lang),
                    step.status.word(lang).to_string(),
                    Said::of(&step.text, lang),
                )
            })
            .collect(),
        link: answer.link.clone(),
    }
}
