//! The researchers' endpoints, the purge and the follow-up, driven in-process
//! with tower's `oneshot`, on every backend.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::api::{admin, call, error_code, open, submit};
use crate::common::*;

#[tokio::test]
async fn researcher_endpoints_need_the_token_and_export_leaves_out_free_text_and_tests() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        for code in [&codes[0], codes.last().unwrap()] {
            let (status, _) = submit(&state, Some(code.code.as_str()), &complete_response()).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        open(&state, Some(codes[1].code.as_str())).await;

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
        let (status, submitted) =
            submit(&state, Some(codes[0].code.as_str()), &complete_response()).await;
        assert_eq!(status, StatusCode::CREATED);
        let receipt = submitted["receipt"].as_str().unwrap().to_string();
        assert!(
            state
                .store
                .receipt_received(&receipt)
                .await
                .unwrap()
                .is_some()
        );
        let (_, _) = open(&state, Some(codes[1].code.as_str())).await;
        let progress = state.store.progress().await.unwrap();
        let daily = state.store.daily().await.unwrap();
        let report = state.store.purge("2028-01-01").await.unwrap();
        // The households are gone; their counts per buurt tell the same.
        assert_eq!(report.households, 9, "{}", db.name);
        assert_eq!(report.receipts, 1);
        assert_eq!(
            state.store.progress().await.unwrap(),
            progress,
            "{}",
            db.name
        );
        assert_eq!(state.store.daily().await.unwrap(), daily, "{}", db.name);
        assert_eq!(state.store.count_households().await.unwrap(), 0);
        assert_eq!(state.store.receipt_received(&receipt).await.unwrap(), None);
        assert_eq!(
            state.store.purged_on().await.unwrap().as_deref(),
            Some("2028-01-01")
        );
        let rows = state.store.export_rows(true).await.unwrap();
        assert!(
            rows.responses
                .iter()
                .all(|r| r[3].ends_with("T00:00:00Z") && r[4].ends_with("T00:00:00Z")),
            "{:?}",
            rows.responses
        );
        assert_eq!(report.code_hashes, 9);
        assert_eq!(report.motivations, 2);
        assert_eq!(report.free_text_answers, 1);
        assert_eq!(report.unlinked_responses, 1);
        assert_eq!(report.remaining, 0);
        let (status, _) = open(&state, Some(codes[0].code.as_str())).await;
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
    let send_followup = || {
        call(
            &state,
            "POST",
            "/api/household/followup",
            Some(code),
            Some(&followup),
        )
    };
    let (status, body) = send_followup().await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::FORBIDDEN, "not_in_followup")
    );
    submit(&state, Some(code), &complete_response()).await;
    let households = state.store.submitted_households().await.unwrap();
    let drawn = pwe_service::sample::stratified(&households, 1, 7);
    state
        .store
        .mark_followup(&[drawn[0].0.clone()])
        .await
        .unwrap();
    let (status, body) = send_followup().await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, exported) = admin(&state, "/api/admin/export/followup.csv", Some(ADMIN_TOKEN)).await;
    assert!(exported.contains(",cijfer,6\n"), "{exported}");
}
