//! The service on a real socket (127.0.0.1, a random port), on every backend:
//! the whole flow, concurrent submits of one code, and the OpenAPI document
//! against the running routes.

use std::collections::BTreeSet;
use std::net::SocketAddr;

use crate::common::*;
use pwe_service::AppState;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Starts the service on a random port; it stops when the test's runtime ends.
async fn spawn(state: AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(pwe_service::serve(listener, state, std::future::pending()));
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_flow_over_http() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        let addr = spawn(state).await;
        let client = reqwest::Client::new();
        let url = |path: &str| format!("http://{addr}{path}");
        let code = codes[2].code.grouped();
        let opened: Value = client
            .post(url("/api/household/open"))
            .header("x-household-code", &code)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(opened["version"].is_string(), "{}: {opened}", db.name);
        let draft = json!({ "step": "motivation", "answers": complete_response() });
        let saved = client
            .put(url("/api/household/draft"))
            .header("x-household-code", &code)
            .json(&draft)
            .send()
            .await
            .unwrap();
        assert_eq!(saved.status(), StatusCode::OK);
        let submitted = client
            .post(url("/api/household/submit"))
            .header("x-household-code", &code)
            .json(&complete_response())
            .send()
            .await
            .unwrap();
        assert_eq!(submitted.status(), StatusCode::CREATED, "{}", db.name);
        let again = client
            .post(url("/api/household/submit"))
            .header("x-household-code", &code)
            .json(&complete_response())
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::CONFLICT);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submits_of_one_code_store_exactly_one_response() {
    for db in databases().await {
        let (state, codes) = state(&db, 1).await;
        let store = state.store.clone();
        let addr = spawn(state).await;
        let client = reqwest::Client::new();
        let code = codes[0].code.as_str().to_string();
        // Open first, as a browser would, so every submit races on the insert itself.
        client
            .post(format!("http://{addr}/api/household/open"))
            .header("x-household-code", &code)
            .send()
            .await
            .unwrap();
        let submits = (0..32).map(|_| {
            let client = client.clone();
            let code = code.clone();
            tokio::spawn(async move {
                client
                    .post(format!("http://{addr}/api/household/submit"))
                    .header("x-household-code", code)
                    .json(&complete_response())
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        });
        let mut statuses = Vec::new();
        for submit in submits.collect::<Vec<_>>() {
            statuses.push(submit.await.unwrap());
        }
        let created = statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count();
        let conflicts = statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!((created, conflicts), (1, 31), "{}: {statuses:?}", db.name);
        let rows = store.export_rows(true).await.unwrap();
        assert_eq!(rows.responses.len(), 1, "{}", db.name);
        assert_eq!(
            rows.choices.len(),
            9,
            "{}: one response's choices, written once",
            db.name
        );
    }
}

/// The (method, path) pairs of docs/openapi.yaml: paths are the keys indented
/// by two spaces under `paths:`, methods the keys indented by four below them.
fn documented_routes() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/openapi.yaml"
    ))
    .unwrap();
    let mut routes = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in text.lines() {
        if !line.starts_with(' ') {
            in_paths = line.trim_end() == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(key) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':'))
            && key.starts_with('/')
        {
            path = key.to_string();
        }
        if let Some(key) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(':'))
            && ["get", "post", "put", "delete", "patch"].contains(&key)
        {
            routes.insert((key.to_string(), path.clone()));
        }
    }
    routes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_exactly_the_running_routes() {
    let documented = documented_routes();
    let served: BTreeSet<(String, String)> = pwe_service::api::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        documented, served,
        "docs/openapi.yaml and api::ROUTES differ"
    );

    // Every documented route answers on the running server: the router's own
    // 404 (no route) and 405 (no such method) have empty bodies, ours never do.
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let addr = spawn(state).await;
    let client = reqwest::Client::new();
    for (method, path) in &documented {
        let url = format!("http://{addr}{}", path.replace("{file}", "responses.csv"));
        let request = match method.as_str() {
            "get" => client.get(&url),
            "post" => client.post(&url),
            "put" => client.put(&url),
            other => panic!("undocumented method {other}"),
        };
        let response = request
            .header("x-household-code", codes[0].code.as_str())
            .header("authorization", basic(ADMIN_TOKEN))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert!(
            !body.is_empty() && status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path} is documented but the server answers {status} with {body:?}"
        );
    }
}
