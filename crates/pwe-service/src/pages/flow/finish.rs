//! Confirmation, submission, the thank-you page, and the public results.

use super::choice::{meter, portfolio_of};
use super::*;

fn confirm_page(
    state: &AppState,
    visit: &Visit,
    household: &Household,
    csrf: &str,
    body: &ResponseBody,
    errors: Vec<ErrorLine>,
) -> Result<ConfirmPage, ApiError> {
    let task = task(state, household)?;
    let lang = visit.lang;
    let portfolio = portfolio_of(state, body);
    let chosen = portfolio
        .chosen()
        .map(|option_idx| {
            let option = &state.survey.options()[option_idx];
            let level = portfolio.level(option_idx);
            let label = option.levels[usize::from(level) - 1]
                .label
                .as_ref()
                .map_or(String::new(), |l| format!(" ({})", l.get(lang)));
            (
                format!("{}{label}", option.title.get(lang)),
                task.cost(option_idx, level).display(lang),
            )
        })
        .collect();
    Ok(ConfirmPage {
        c: visit.common(
            state,
            visit.t.get("confirm_title"),
            csrf,
            step_number(state, "confirm"),
        ),
        errors,
        chosen,
        meter: meter(state, lang, &task, &portfolio),
    })
}

/// `GET /confirm`: the summary before the final submit.
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let (visit, household, session) = match page_visit(&state, &headers, &query, "/confirm").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match confirm_page(
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

/// `POST /confirm`: submit; the server checks everything again.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let (visit, household, session) = match form_post(&state, &headers, &fields, "/confirm").await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let body = draft(&household);
    match record_submission(&state, household.clone(), &body).await {
        Ok(_) => see_other("/thanks"),
        Err(ApiError::AlreadySubmitted) => see_other("/thanks"),
        Err(ApiError::Invalid(problems)) => {
            let errors = error_lines(&problems, visit.lang, |_| None);
            match confirm_page(&state, &visit, &household, &session.csrf, &body, errors) {
                Ok(page) => visit.render(StatusCode::UNPROCESSABLE_ENTITY, page),
                Err(error) => error.into_response(),
            }
        }
        Err(other) => other.into_response(),
    }
}

/// `GET /thanks`: the receipt and what happens next.
pub async fn thanks(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/thanks");
    let Some((household, _)) = session::current(&state, &headers).await else {
        return see_other("/");
    };
    let Ok(Some((_, receipt))) = state.store.receipt(&household.household_ref).await else {
        return see_other("/start");
    };
    let page = MessagePage {
        c: visit.common(&state, visit.t.get("thanks_title"), "", None),
        paragraphs: vec![visit.t.get("thanks_intro").to_string()],
        receipt: Some(receipt),
        next_steps: state
            .survey
            .meta()
            .next_steps
            .as_ref()
            .map(|n| n.get(visit.lang).to_string()),
    };
    visit.render(StatusCode::OK, page)
}

// --- public results -----------------------------------------------------------------

/// Groups smaller than this are not shown.
pub const MIN_GROUP: i64 = 10;

/// `GET /results`: the share of households choosing each option, after the close.
pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let visit = Visit::new(&headers, &query, "/results");
    let open = state.clock.now() < state.survey.meta().closes;
    let shares = if open {
        None
    } else {
        match crate::results::shares(&state).await {
            Ok(shares) => Some(shares),
            Err(error) => return ApiError::from(error).into_response(),
        }
    };
    let n = shares.as_ref().map_or(0, |s| s.n);
    let rows = state
        .survey
        .options()
        .iter()
        .map(|option| {
            let share = shares
                .as_ref()
                .and_then(|s| s.options.iter().find(|o| o.option_id == option.id));
            let (chosen, fraction) = share.map_or((0, 0.0), |s| (s.chosen, s.share));
            // Neither those who chose it nor those who did not may be fewer than ten.
            let text = if n < MIN_GROUP || chosen < MIN_GROUP || n - chosen < MIN_GROUP {
                visit.t.get("suppressed").to_string()
            } else {
                format!("{:.0}%", 100.0 * fraction)
            };
            (option.title.get(visit.lang).to_string(), text)
        })
        .collect();
    let weighted = shares.as_ref().is_some_and(|s| s.weighted);
    let page = ResultsPage {
        c: visit.common(&state, visit.t.get("results_title"), "", None),
        open,
        n,
        rows,
        weighted,
    };
    visit.render(StatusCode::OK, page)
}
