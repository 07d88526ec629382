//! The households' JSON API driven in-process with tower's `oneshot`, on every backend.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use pwe_service::{AppState, Clock, app};
use serde_json::{Value, json};
use tower::ServiceExt;

/// Sends a request and returns the status and the JSON (or text) body.
pub(crate) async fn call(
    state: &AppState,
    method: &str,
    uri: &str,
    code: Option<&str>,
    body: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(code) = code {
        request = request.header("x-household-code", code);
    }
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let request = request
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, value)
}

/// `POST /api/household/open` with `code`.
pub(crate) async fn open(state: &AppState, code: Option<&str>) -> (StatusCode, Value) {
    call(state, "POST", "/api/household/open", code, None).await
}

/// `POST /api/household/submit` of `response` with `code`.
pub(crate) async fn submit(
    state: &AppState,
    code: Option<&str>,
    response: &Value,
) -> (StatusCode, Value) {
    let body = response.to_string();
    call(state, "POST", "/api/household/submit", code, Some(&body)).await
}

pub(crate) async fn admin(
    state: &AppState,
    uri: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let mut request = Request::builder().uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", basic(token));
    }
    let response = app(state.clone())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into())
}

pub(crate) fn error_code(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_household_goes_from_code_to_submitted_response() {
    for db in databases().await {
        let (state, codes) = state(&db, 2).await;
        let code = codes[0].code.grouped();
        let (status, opened) = open(&state, Some(&code)).await;
        assert_eq!(status, StatusCode::OK, "{}: {opened}", db.name);
        let version = opened["version"].as_str().unwrap().to_string();
        assert_eq!(opened["options"].as_array().unwrap().len(), 9);

        // The version stays the same when the household comes back.
        let (_, again) = open(&state, Some(&code)).await;
        assert_eq!(again["version"], version.as_str());
        assert_eq!(
            again["options"], opened["options"],
            "the option order is kept"
        );

        let draft =
            json!({ "step": "choice", "answers": { "portfolio": { "fiets-ov": 1 } } }).to_string();
        let (status, _) = call(
            &state,
            "PUT",
            "/api/household/draft",
            Some(&code),
            Some(&draft),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (_, resumed) = open(&state, Some(&code)).await;
        assert_eq!(resumed["draft"]["portfolio"]["fiets-ov"], 1);
        assert_eq!(resumed["step"], "choice");

        let (status, submitted) = submit(&state, Some(&code), &complete_response()).await;
        assert_eq!(status, StatusCode::CREATED, "{}: {submitted}", db.name);
        let receipt = submitted["receipt"].as_str().unwrap();
        assert_eq!(receipt.len(), 14);

        let (status, body) = submit(&state, Some(&code), &complete_response()).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::CONFLICT, "already_submitted")
        );
        let (status, reopened) = open(&state, Some(&code)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(reopened["submitted"], true);
        assert_eq!(reopened["receipt"], receipt);
    }
}

#[tokio::test]
async fn codes_are_checked_before_anything_else() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        let (status, body) = open(&state, None).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::UNAUTHORIZED, "code_missing")
        );
        let mut typo = codes[0].code.as_str().to_string();
        let last = typo.pop().unwrap();
        typo.push(if last == '2' { '3' } else { '2' });
        let (status, body) = open(&state, Some(&typo)).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::BAD_REQUEST, "code_malformed")
        );
        assert!(
            body["message"]["en"]
                .as_str()
                .unwrap()
                .starts_with("This code does not add up")
        );
        let unknown = pwe_service::codes::random_code();
        let (status, body) = open(&state, Some(unknown.as_str())).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::NOT_FOUND, "code_unknown")
        );

        state
            .store
            .void_code(&codes[1].household_ref, "2027-01-02T00:00:00Z")
            .await
            .unwrap();
        let (status, body) = open(&state, Some(codes[1].code.as_str())).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::FORBIDDEN, "code_voided")
        );
        let new_code = pwe_service::codes::random_code();
        assert!(
            state
                .store
                .reissue_code(
                    &codes[1].household_ref,
                    &key().hash(&new_code),
                    "2027-01-02T00:00:00Z"
                )
                .await
                .unwrap()
        );
        let (status, _) = open(&state, Some(new_code.as_str())).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = open(&state, Some(codes[1].code.as_str())).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "the old code stays void after a reissue"
        );
    }
}

#[tokio::test]
async fn the_server_enforces_every_rule_and_names_each_problem() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let code = codes[0].code.as_str();
    let mut response = complete_response();
    response["portfolio"]["blauwe-zone"] = json!(1);
    response["portfolio"]["vergunningparkeren"] = json!(1);
    response["motivations"]["fiets-ov"] = json!("x".repeat(601));
    response["background"]["leeftijd"] = json!("100+");
    response["evaluation"]["cijfer"] = json!(11);
    let (status, body) = submit(&state, Some(code), &response).await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_response")
    );
    let fields: Vec<&str> = body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "portfolio",
            "portfolio",
            "motivations.fiets-ov",
            "background.leeftijd",
            "evaluation.cijfer"
        ]
    );
    let rules: Vec<&str> = body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["rule"].as_str())
        .collect();
    assert_eq!(rules, ["budget", "exclusive:parkeerregime"]);
    assert!(
        body["problems"][0]["message"]["nl"]
            .as_str()
            .unwrap()
            .starts_with("Uw keuze kost")
    );

    let mut unknown = complete_response();
    unknown["portfolio"]["tram"] = json!(1);
    let (status, body) = submit(&state, Some(code), &unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["problems"][0]["message"]["en"],
        "There is no measure \"tram\"."
    );

    // Bodies that are no response at all: 400, saying what is wrong where it can.
    for (raw, says) in [
        ("{\"portfolio\": ", None),
        (
            "{\"portfolio\": {}, \"totals\": 5}",
            Some("unknown field `totals`"),
        ),
        (
            "{\"background\": {\"leeftijd\": 4.5}}",
            Some("background.leeftijd: an answer must be"),
        ),
    ] {
        let (status, body) = call(
            &state,
            "POST",
            "/api/household/submit",
            Some(code),
            Some(raw),
        )
        .await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::BAD_REQUEST, "bad_request"),
            "{raw}: {body}"
        );
        if let Some(says) = says {
            let message = body["message"]["en"].as_str().unwrap();
            assert!(message.contains(says), "{raw}: {message}");
        }
    }

    // Nothing was stored by any of the refused submissions.
    let rows = state.store.export_rows(true).await.unwrap();
    assert!(rows.responses.is_empty());
}

#[tokio::test]
async fn outside_the_window_only_test_codes_get_in() {
    let db = sqlite();
    let (mut state, codes) = state(&db, 1).await;
    state.clock = Clock::Fixed("2026-12-24T12:00:00Z".parse().unwrap());
    let (status, body) = open(&state, Some(codes[0].code.as_str())).await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "survey_closed")
    );
    assert_eq!(
        body["message"]["nl"],
        "De raadpleging begint op 11 januari 2027, 9.00 uur en loopt tot 8 februari 2027, 17.00 uur."
    );
    assert_eq!(
        body["message"]["en"],
        "The consultation opens on 11 January 2027, 9:00 and runs until 8 February 2027, 17:00."
    );
    let (status, body) = submit(&state, Some(codes[0].code.as_str()), &complete_response()).await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "survey_closed")
    );
    let test_code = codes.last().unwrap().code.as_str();
    let (status, body) = submit(&state, Some(test_code), &complete_response()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn check_prices_a_portfolio_in_the_households_version() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let body = json!({ "portfolio": { "vergunningparkeren": 1, "blauwe-zone": 1 } }).to_string();
    let (status, checked) = call(
        &state,
        "POST",
        "/api/household/check",
        Some(codes[0].code.as_str()),
        Some(&body),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rules: Vec<&str> = checked["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"exclusive:parkeerregime"), "{checked}");
    assert_eq!(checked["effects"]["parkeerdruk"], -40.0);
}
