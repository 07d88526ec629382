//! The JSON API driven in-process with tower's `oneshot`, on every backend.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use pwe_service::{AppState, Clock, app};
use serde_json::{Value, json};
use tower::ServiceExt;

/// Sends a request and returns the status and the JSON (or text) body.
async fn call(
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

async fn admin(state: &AppState, uri: &str, token: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::builder().uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
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

fn error_code(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_household_goes_from_code_to_submitted_response() {
    for db in databases().await {
        let (state, codes) = state(&db, 2).await;
        let code = codes[0].code.grouped();
        let (status, opened) = call(&state, "POST", "/api/household/open", Some(&code), None).await;
        assert_eq!(status, StatusCode::OK, "{}: {opened}", db.name);
        let version = opened["version"].as_str().unwrap().to_string();
        assert_eq!(opened["options"].as_array().unwrap().len(), 9);

        // The version stays the same when the household comes back.
        let (_, again) = call(&state, "POST", "/api/household/open", Some(&code), None).await;
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
        let (_, resumed) = call(&state, "POST", "/api/household/open", Some(&code), None).await;
        assert_eq!(resumed["draft"]["portfolio"]["fiets-ov"], 1);
        assert_eq!(resumed["step"], "choice");

        let (status, submitted) = call(
            &state,
            "POST",
            "/api/household/submit",
            Some(&code),
            Some(&complete_response().to_string()),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {submitted}", db.name);
        let receipt = submitted["receipt"].as_str().unwrap();
        assert_eq!(receipt.len(), 14);

        let (status, body) = call(
            &state,
            "POST",
            "/api/household/submit",
            Some(&code),
            Some(&complete_response().to_string()),
        )
        .await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::CONFLICT, "already_submitted")
        );
        let (status, reopened) =
            call(&state, "POST", "/api/household/open", Some(&code), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(reopened["submitted"], true);
        assert_eq!(reopened["receipt"], receipt);
    }
}

#[tokio::test]
async fn codes_are_checked_before_anything_else() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        let (status, body) = call(&state, "POST", "/api/household/open", None, None).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::UNAUTHORIZED, "code_missing")
        );
        let mut typo = codes[0].code.as_str().to_string();
        let last = typo.pop().unwrap();
        typo.push(if last == '2' { '3' } else { '2' });
        let (status, body) = call(&state, "POST", "/api/household/open", Some(&typo), None).await;
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
        let (status, body) = call(
            &state,
            "POST",
            "/api/household/open",
            Some(unknown.as_str()),
            None,
        )
        .await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::NOT_FOUND, "code_unknown")
        );

        state
            .store
            .void_code(&codes[1].household_ref, "2027-01-02T00:00:00Z")
            .await
            .unwrap();
        let (status, body) = call(
            &state,
            "POST",
            "/api/household/open",
            Some(codes[1].code.as_str()),
            None,
        )
        .await;
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
        let (status, _) = call(
            &state,
            "POST",
            "/api/household/open",
            Some(new_code.as_str()),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = call(
            &state,
            "POST",
            "/api/household/open",
            Some(codes[1].code.as_str()),
            None,
        )
        .await;
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
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some(&response.to_string()),
    )
    .await;
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
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some(&unknown.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["problems"][0]["message"]["en"],
        "There is no measure \"tram\"."
    );

    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some("{\"portfolio\": "),
    )
    .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::BAD_REQUEST, "bad_request")
    );
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some("{\"portfolio\": {}, \"totals\": 5}"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a client cannot send totals: {body}"
    );
    assert!(
        body["message"]["en"]
            .as_str()
            .unwrap()
            .contains("unknown field `totals`")
    );
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some("{\"background\": {\"leeftijd\": 4.5}}"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]["en"]
            .as_str()
            .unwrap()
            .contains("background.leeftijd: an answer must be")
    );

    // Nothing was stored by any of the refused submissions.
    let rows = state.store.export_rows(true).await.unwrap();
    assert!(rows.responses.is_empty());
}

#[tokio::test]
async fn outside_the_window_only_test_codes_get_in() {
    let db = sqlite();
    let (mut state, codes) = state(&db, 1).await;
    state.clock = Clock::Fixed("2026-12-24T12:00:00Z".parse().unwrap());
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/open",
        Some(codes[0].code.as_str()),
        None,
    )
    .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "survey_closed")
    );
    assert_eq!(
        body["message"]["nl"],
        "De raadpleging is open van 11-01-2027 09:00 tot 08-02-2027 17:00."
    );
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(codes[0].code.as_str()),
        Some(&complete_response().to_string()),
    )
    .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "survey_closed")
    );
    let test_code = codes.last().unwrap().code.as_str();
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/submit",
        Some(test_code),
        Some(&complete_response().to_string()),
    )
    .await;
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

#[tokio::test]
async fn researcher_endpoints_need_the_token_and_export_leaves_out_free_text_and_tests() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        for code in [&codes[0], codes.last().unwrap()] {
            let (status, _) = call(
                &state,
                "POST",
                "/api/household/submit",
                Some(code.code.as_str()),
                Some(&complete_response().to_string()),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        call(
            &state,
            "POST",
            "/api/household/open",
            Some(codes[1].code.as_str()),
            None,
        )
        .await;

        assert_eq!(
            admin(&state, "/api/admin/progress", None).await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            admin(&state, "/api/admin/progress", Some("wrong")).await.0,
            StatusCode::UNAUTHORIZED
        );
        let (status, progress) = admin(&state, "/api/admin/progress", Some(ADMIN_TOKEN)).await;
        assert_eq!(status, StatusCode::OK);
        let progress: Value = serde_json::from_str(&progress).unwrap();
        let first = &progress["buurten"][0];
        assert_eq!(
            (
                first["buurt"].as_str(),
                first["invited"].as_i64(),
                first["started"].as_i64(),
                first["submitted"].as_i64()
            ),
            (Some("BU19160201"), Some(1), Some(1), Some(1))
        );
        assert_eq!(progress["buurten"][1]["started"], 1);
        assert_eq!(progress["buurten"][1]["stopped_at"][0], json!(["start", 1]));

        let (_, responses) =
            admin(&state, "/api/admin/export/responses.csv", Some(ADMIN_TOKEN)).await;
        let lines: Vec<&str> = responses.lines().collect();
        assert_eq!(
            lines[0],
            "response_id,version,buurt,started_at,submitted_at,channel,leeftijd,huishouden,autos,overlast"
        );
        assert_eq!(
            lines.len(),
            2,
            "the test household is left out: {responses}"
        );
        let (_, with_tests) = admin(
            &state,
            "/api/admin/export/responses.csv?test=true",
            Some(ADMIN_TOKEN),
        )
        .await;
        assert_eq!(with_tests.lines().count(), 3);

        let (_, choices) = admin(&state, "/api/admin/export/choices.csv", Some(ADMIN_TOKEN)).await;
        assert_eq!(
            choices.lines().count(),
            1 + 9,
            "every option, chosen or not"
        );
        let (_, motivations) = admin(
            &state,
            "/api/admin/export/motivations.csv",
            Some(ADMIN_TOKEN),
        )
        .await;
        assert!(
            motivations.contains(",circulatie,pro,\n")
                && motivations.contains(",bewegwijzering,contra,\n"),
            "{motivations}"
        );
        let (_, motivations) = admin(
            &state,
            "/api/admin/export/motivations.csv?free_text=true",
            Some(ADMIN_TOKEN),
        )
        .await;
        assert!(
            motivations.contains(",circulatie,pro,Minder zoekverkeer in mijn straat.\n"),
            "{motivations}"
        );
        let (_, evaluation) = admin(
            &state,
            "/api/admin/export/evaluation.csv",
            Some(ADMIN_TOKEN),
        )
        .await;
        assert!(
            evaluation.contains(",cijfer,8\n") && !evaluation.contains("opmerkingen"),
            "{evaluation}"
        );
        let (status, _) = admin(&state, "/api/admin/export/secrets.csv", Some(ADMIN_TOKEN)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn purge_removes_hashes_and_free_text_but_keeps_answers() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        let (status, _) = call(
            &state,
            "POST",
            "/api/household/submit",
            Some(codes[0].code.as_str()),
            Some(&complete_response().to_string()),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let report = state.store.purge().await.unwrap();
        assert_eq!(report.code_hashes, 9);
        assert_eq!(report.motivations, 2);
        assert_eq!(report.free_text_answers, 1);
        assert_eq!(report.unlinked_responses, 1);
        assert_eq!(report.remaining, 0);
        let (status, _) = call(
            &state,
            "POST",
            "/api/household/open",
            Some(codes[0].code.as_str()),
            None,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "no code works after the purge"
        );
        let rows = state.store.export_rows(false).await.unwrap();
        assert_eq!(rows.responses.len(), 1);
        assert!(rows.motivations.iter().all(|m| m.3.is_none()));
        assert!(
            rows.answers
                .iter()
                .any(|a| a.2 == "cijfer" && a.3.as_deref() == Some("8"))
        );
    }
}

#[tokio::test]
async fn only_sampled_households_answer_the_followup() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let code = codes[0].code.as_str();
    let followup = json!({ "evaluation": { "gelegenheid": 2, "begrijpelijk": 3, "zinvol": 2, "serieus": 2, "cijfer": 6 } }).to_string();
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/followup",
        Some(code),
        Some(&followup),
    )
    .await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "not_in_followup")
    );
    call(
        &state,
        "POST",
        "/api/household/submit",
        Some(code),
        Some(&complete_response().to_string()),
    )
    .await;
    let households = state.store.submitted_households().await.unwrap();
    let drawn = pwe_service::sample::stratified(&households, 1, 7);
    state
        .store
        .mark_followup(&[drawn[0].0.clone()])
        .await
        .unwrap();
    let (status, body) = call(
        &state,
        "POST",
        "/api/household/followup",
        Some(code),
        Some(&followup),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, exported) = admin(&state, "/api/admin/export/followup.csv", Some(ADMIN_TOKEN)).await;
    assert!(exported.contains(",cijfer,6\n"), "{exported}");
}
