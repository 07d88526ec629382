//! Page load as residents make it: N residents at once, each taking the whole
//! page flow (landing, code, information, choice, motivations, background,
//! evaluation, confirmation, thanks, results, style sheet: 18 requests with
//! their CSRF tokens and answers) against the service on SQLite, and, with
//! PWE_BENCH_POSTGRES_URL set, against two instances on one PostgreSQL
//! database with every request on the other instance than the one before.
//! The reference in the same run: the same number of requests of `/health`
//! from the same number of clients (the HTTP floor of this machine).
//!
//! Twice: with residents reading 1 to 4 seconds before each page (seeded),
//! which is still far busier than people are; and as a burst, every resident
//! clicking at the same moment, the worst case of a queue of writes.
//!
//! `cargo bench -p pwe-benches --bench pages [-- RESIDENTS]` (default 500)
//! prints pages per second and p50/p99 per page. The service runs on a
//! runtime of its own with two worker threads, the residents on another.

use std::time::{Duration, Instant};

use pwe_benches::pageflow::{PAGES, Resident, client};
use pwe_service::codes::{self, CodeKey};
use pwe_service::store::Store;
use pwe_service::{AppState, Clock};
use sqlx::Connection;

/// Starts `instances` services on `url` in a runtime of their own; returns
/// their addresses and the plain codes of `residents` households.
fn start(url: &str, instances: usize, residents: usize) -> (Vec<String>, Vec<String>) {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let key = CodeKey::new("a benchmark secret that is long enough to be accepted").unwrap();
    let (bases, codes) = server.block_on(async {
        let store = Store::connect(url).await.unwrap();
        let per_buurt = residents.div_ceil(8) as u32;
        let buurten: Vec<(String, u32)> = (1..=8)
            .map(|b| (format!("BU1916020{b}"), per_buurt))
            .collect();
        let generated = codes::generate(
            &store,
            &key,
            "pages",
            false,
            &buurten,
            None,
            "2027-01-01T00:00:00Z",
        )
        .await
        .unwrap();
        store.close().await;
        let mut bases = Vec::new();
        for _ in 0..instances {
            let store = Store::connect(url).await.unwrap();
            let mut state = AppState::new(pwe_benches::mall_survey(), store, key.clone());
            state.clock = Clock::Fixed("2027-01-20T12:00:00Z".parse().unwrap());
            // Every simulated resident comes from loopback, so the limits
            // per client are lifted: residents are different people. The
            // service-wide wrong-code budget stays as it is by default.
            state.config = std::sync::Arc::new(pwe_service::config::ServiceConfig {
                max_connections_per_client: usize::MAX,
                wrong_codes_pages: u32::MAX,
                ..Default::default()
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            bases.push(format!("http://{}", listener.local_addr().unwrap()));
            tokio::spawn(pwe_service::serve(listener, state, std::future::pending()));
        }
        let codes = generated
            .iter()
            .take(residents)
            .map(|g| g.code.grouped())
            .collect();
        (bases, codes)
    });
    // The service keeps running on its runtime's threads.
    std::mem::forget(server);
    (bases, codes)
}

/// Every resident's flow at once, with `think` (min, max) before each
/// request or none; the timings of every page.
async fn residents(
    bases: &[String],
    codes: Vec<String>,
    think: Option<(Duration, Duration)>,
) -> (f64, Vec<(&'static str, Duration)>) {
    let http = client();
    let started = Instant::now();
    let tasks: Vec<_> = codes
        .into_iter()
        .enumerate()
        .map(|(i, code)| {
            let mut order = bases.to_vec();
            order.rotate_left(i % bases.len());
            let mut resident = Resident::new(http.clone(), order);
            if let Some((min, max)) = think {
                resident = resident.thinking(i as u64, min, max);
            }
            tokio::spawn(async move {
                resident
                    .respond(&code, &format!("Minder zoekverkeer in mijn straat ({i})."))
                    .await
                    .unwrap_or_else(|e| panic!("resident {i}: {e}"));
                resident.timings
            })
        })
        .collect();
    let mut timings = Vec::new();
    for task in tasks {
        timings.extend(task.await.unwrap());
    }
    (started.elapsed().as_secs_f64(), timings)
}

/// The reference: as many `/health` requests from as many clients.
async fn reference(bases: &[String], clients: usize) -> (f64, Vec<(&'static str, Duration)>) {
    let http = client();
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            let (http, base) = (http.clone(), bases[i % bases.len()].clone());
            tokio::spawn(async move {
                let mut timings = Vec::new();
                for _ in 0..PAGES.len() {
                    let sent = Instant::now();
                    let answer = http.get(format!("{base}/health")).send().await.unwrap();
                    answer.text().await.unwrap();
                    timings.push(("GET /health", sent.elapsed()));
                }
                timings
            })
        })
        .collect();
    let mut timings = Vec::new();
    for task in tasks {
        timings.extend(task.await.unwrap());
    }
    (started.elapsed().as_secs_f64(), timings)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn print(label: &str, seconds: f64, timings: &[(&'static str, Duration)]) {
    println!(
        "\n{label}: {} requests in {seconds:.2} s, {:.0} pages/s",
        timings.len(),
        timings.len() as f64 / seconds
    );
    println!(
        "{:<22} {:>6} {:>9} {:>9} {:>9}",
        "page", "n", "p50 ms", "p99 ms", "max ms"
    );
    let mut names: Vec<&str> = PAGES.to_vec();
    names.push("GET /health");
    names.push("all");
    for name in names {
        let mut page: Vec<Duration> = timings
            .iter()
            .filter(|(p, _)| *p == name || name == "all")
            .map(|(_, d)| *d)
            .collect();
        if page.is_empty() {
            continue;
        }
        page.sort();
        let at = |q: f64| ms(page[((page.len() - 1) as f64 * q).round() as usize]);
        println!(
            "{name:<22} {:>6} {:>9.1} {:>9.1} {:>9.1}",
            page.len(),
            at(0.5),
            at(0.99),
            ms(*page.last().unwrap())
        );
    }
}

fn run(label: &str, url: &str, instances: usize, n: usize) {
    let (bases, mut codes) = start(url, instances, 2 * n);
    let burst = codes.split_off(n);
    let clients = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (seconds, timings) = clients.block_on(reference(&bases, n));
    print(
        &format!("{label}, reference (GET /health, {n} clients)"),
        seconds,
        &timings,
    );
    let think = (Duration::from_secs(1), Duration::from_secs(4));
    let (seconds, timings) = clients.block_on(residents(&bases, codes, Some(think)));
    print(
        &format!("{label}, {n} residents at once, reading 1-4 s before each page"),
        seconds,
        &timings,
    );
    let (seconds, timings) = clients.block_on(residents(&bases, burst, None));
    print(
        &format!("{label}, {n} residents at once, every click at the same moment"),
        seconds,
        &timings,
    );
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", dir.path().join("pages.sqlite").display());
    run("SQLite, one instance", &sqlite, 1, n);
    if let Ok(admin) = std::env::var("PWE_BENCH_POSTGRES_URL") {
        let name = format!("pwe_pages_{}", std::process::id());
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                    .await
                    .unwrap();
            });
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        run("PostgreSQL, two instances", &format!("{base}/{name}"), 2, n);
    }
}
