//! Load generator: complete responses for 5,000 generated codes submitted by 64
//! concurrent clients over loopback to the service on SQLite, against the same
//! rows written as bare SQLite transactions in the same run. Every household
//! opens the survey first (untimed), as residents do long before submitting.
//!
//! `cargo bench -p pwe-benches --bench load` prints submissions per second and
//! latency percentiles. Set PWE_BENCH_POSTGRES_URL (a database URL) to also
//! measure the service on PostgreSQL.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pwe_service::codes::{self, CodeKey};
use pwe_service::store::Store;
use pwe_service::{AppState, Clock};
use serde_json::json;
use sqlx::Connection;

/// Households in a measured run (`cargo bench`).
const HOUSEHOLDS: u32 = 5_000;
/// Households in the smoke run of the tests (`cargo test --bench load`).
const SMOKE: u32 = 80;
const CLIENTS: usize = 64;

/// A complete response valid in every version: portfolio, motivations,
/// background and evaluation answers.
fn response(idx: usize) -> serde_json::Value {
    let age = ["25-44", "45-64", "65-plus"][idx % 3];
    json!({
        "portfolio": { "betaald-bezoekers": 1, "handhaving": 1, "garage-afspraak": 1, "pendelbus": 1, "circulatie": 1, "fiets-ov": 1 },
        "motivations": {
            "circulatie": format!("Minder zoekverkeer in mijn straat ({idx})."),
            "bewegwijzering": "Borden helpen niet tegen drukte.",
            "pendelbus": "Goed voor bezoekers van buiten."
        },
        "background": { "leeftijd": age, "huishouden": "alleen", "autos": "1", "overlast": "vaak" },
        "evaluation": { "gelegenheid": 4, "begrijpelijk": 5, "zinvol": 4, "serieus": 3, "cijfer": 8, "opmerkingen": "Prima." }
    })
}

struct Report {
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Report {
    fn print(&self, label: &str) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let percentile = |p: f64| {
            sorted[((sorted.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
        };
        println!(
            "{label:<34} {:>6} in {:>6.2} s  {:>7.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
            sorted.len(),
            self.seconds,
            sorted.len() as f64 / self.seconds,
            percentile(0.5),
            percentile(0.99)
        );
    }
}

/// Submits one response per code through HTTP with `CLIENTS` concurrent clients.
async fn through_service(url: &str, households: u32) -> Report {
    let store = Store::connect(url).await.unwrap();
    let key = CodeKey::new("a benchmark secret that is long enough to be accepted").unwrap();
    let buurten: Vec<(String, u32)> = (1..=8)
        .map(|b| (format!("BU1916020{b}"), households / 8))
        .collect();
    let generated = codes::generate(
        &store,
        &key,
        "load",
        false,
        &buurten,
        None,
        "2027-01-01T00:00:00Z",
    )
    .await
    .unwrap();
    let mut state = AppState::new(pwe_benches::mall_survey(), store, key);
    state.clock = Clock::Fixed("2027-01-20T12:00:00Z".parse().unwrap());
    // Every simulated resident comes from loopback, as from a proxy.
    state.config = Arc::new(pwe_service::config::ServiceConfig {
        max_connections_per_client: usize::MAX,
        ..Default::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(pwe_service::serve(listener, state, std::future::pending()));

    let codes: Arc<Vec<String>> = Arc::new(generated.iter().map(|g| g.code.grouped()).collect());
    // Residents open the survey (and get their version) long before they
    // submit; that happens here, untimed, so the run measures submissions.
    let opener = reqwest::Client::new();
    for code in codes.iter() {
        let opened = opener
            .post(format!("http://{addr}/api/household/open"))
            .header("x-household-code", code)
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), 200);
    }
    let bodies: Arc<Vec<String>> = Arc::new(
        (0..codes.len())
            .map(|idx| response(idx).to_string())
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (codes, bodies, next, client) =
            (codes.clone(), bodies.clone(), next.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let idx = next.fetch_add(1, Ordering::Relaxed);
                if idx >= codes.len() {
                    return latencies;
                }
                let sent = Instant::now();
                let response = client
                    .post(format!("http://{addr}/api/household/submit"))
                    .header("x-household-code", &codes[idx])
                    .header("content-type", "application/json")
                    .body(bodies[idx].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    response.status(),
                    201,
                    "{}",
                    response.text().await.unwrap_or_default()
                );
                latencies.push(sent.elapsed());
            }
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    Report {
        seconds: started.elapsed().as_secs_f64(),
        latencies,
    }
}

/// `($1, $2, CONST, $3), ...`: `rows` rows of `binds` bound values with a
/// constant third column.
fn placeholders(rows: usize, binds: usize, constant: &str) -> String {
    (0..rows)
        .map(|row| {
            let mut cells: Vec<String> = (1..=binds)
                .map(|col| format!("${}", row * binds + col))
                .collect();
            cells.insert(2, constant.to_string());
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($1, 'evaluation', $2, '4', 0), ...` for the answers table.
fn answer_placeholders(rows: usize) -> String {
    (0..rows)
        .map(|row| format!("(${}, 'evaluation', ${}, '4', 0)", 2 * row + 1, 2 * row + 2))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reference: the same rows (a response, its 9 choices, 3 motivations and
/// 10 answers) as one bare SQLite transaction per response, on one connection,
/// in a database with the same schema and settings (WAL, synchronous NORMAL).
async fn bare_sqlite(path: &std::path::Path, households: u32) -> Report {
    let mut conn = bare_connection(path).await;
    let survey = pwe_benches::mall_survey();
    let mut latencies = Vec::new();
    let started = Instant::now();
    for idx in 0..households as usize {
        let sent = Instant::now();
        let mut tx = conn.begin().await.unwrap();
        bare_submission(&mut tx, &survey, idx).await;
        tx.commit().await.unwrap();
        latencies.push(sent.elapsed());
    }
    Report {
        seconds: started.elapsed().as_secs_f64(),
        latencies,
    }
}

/// One connection to a new database with the service's schema (made by the
/// store's migrations) and a batch for the households.
async fn bare_connection(path: &std::path::Path) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", path.display());
    Store::connect(&url).await.unwrap().close().await;
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for sql in [
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
        "INSERT INTO batches (batch_id, is_test, created_at) VALUES ('load', 0, 'x')",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    conn
}

/// Household `idx` and its response, written as the service writes them:
/// multi-row inserts, one statement per table.
async fn bare_submission(conn: &mut sqlx::SqliteConnection, survey: &pwe_core::Survey, idx: usize) {
    let household = format!("h{idx}");
    let response_id = format!("r{idx}");
    sqlx::query("INSERT INTO households (household_ref, code_hash, buurt, batch_id, is_test) VALUES ($1, $2, 'BU19160201', 'load', 0)")
        .bind(&household)
        .bind(format!("hash{idx}"))
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO responses (response_id, household_ref, version, buurt, is_test, started_at, submitted_at, receipt, channel) \
         VALUES ($1, $2, 'a', 'BU19160201', 0, 'x', 'y', 'receipt', 'online')",
    )
    .bind(&response_id)
    .bind(&household)
    .execute(&mut *conn)
    .await
    .unwrap();
    let options = survey.options();
    let sql = format!(
        "INSERT INTO response_choices VALUES {}",
        placeholders(options.len(), 3, "1")
    );
    let mut query = sqlx::query(&sql);
    for (position, option) in options.iter().enumerate() {
        query = query
            .bind(&response_id)
            .bind(&option.id)
            .bind(position as i64);
    }
    query.execute(&mut *conn).await.unwrap();
    let motivated = ["circulatie", "bewegwijzering", "pendelbus"];
    let sql = format!(
        "INSERT INTO response_motivations VALUES {}",
        placeholders(motivated.len(), 3, "'pro'")
    );
    let mut query = sqlx::query(&sql);
    for option in motivated {
        query = query
            .bind(&response_id)
            .bind(option)
            .bind("Een toelichting van gemiddelde lengte.");
    }
    query.execute(&mut *conn).await.unwrap();
    let questions = [
        "leeftijd",
        "huishouden",
        "autos",
        "overlast",
        "gelegenheid",
        "begrijpelijk",
        "zinvol",
        "serieus",
        "cijfer",
        "opmerkingen",
    ];
    let sql = format!(
        "INSERT INTO response_answers VALUES {}",
        answer_placeholders(questions.len())
    );
    let mut query = sqlx::query(&sql);
    for question in questions {
        query = query.bind(&response_id).bind(question);
    }
    query.execute(&mut *conn).await.unwrap();
    sqlx::query("UPDATE households SET submitted_at = 'y', draft = NULL WHERE household_ref = $1")
        .bind(&household)
        .execute(&mut *conn)
        .await
        .unwrap();
}

fn main() {
    // `cargo bench` passes --bench. Without it (`cargo test --bench load`, which
    // scripts/test.sh runs) a smoke run of a few households checks that the
    // bench still works against the current schema, and measures nothing.
    let households = if std::env::args().any(|a| a == "--bench") {
        HOUSEHOLDS
    } else {
        SMOKE
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    println!("{households} complete responses, {CLIENTS} concurrent clients over loopback");
    let reference = runtime.block_on(bare_sqlite(&dir.path().join("bare.sqlite"), households));
    reference.print("bare SQLite transactions (reference)");
    let service = runtime.block_on(through_service(
        &format!("sqlite://{}", dir.path().join("service.sqlite").display()),
        households,
    ));
    service.print("pwe service on SQLite");
    assert_eq!(
        service.latencies.len(),
        households as usize,
        "every submission stored"
    );
    println!(
        "service rate / bare SQLite rate: {:.2}",
        (service.latencies.len() as f64 / service.seconds)
            / (reference.latencies.len() as f64 / reference.seconds)
    );
    if let Ok(url) = std::env::var("PWE_BENCH_POSTGRES_URL") {
        runtime
            .block_on(through_service(&url, households))
            .print("pwe service on PostgreSQL");
    }
}
