//! Shared test set-up: a fresh database per test (a SQLite file in a temporary
//! folder, or a new PostgreSQL database when PWE_TEST_POSTGRES_URL is set), the
//! Mall survey, codes, and a clock inside the open window.

use chrono::{DateTime, Utc};
use pwe_core::Survey;
use pwe_service::codes::{self, CodeKey, GeneratedCode};
use pwe_service::staff::{self, AccountName, Role};
use pwe_service::store::Store;
use pwe_service::{AppState, Clock};
use serde_json::{Value, json};

/// A researcher's account in tests, as `name:password` (HTTP Basic).
pub const ADMIN_TOKEN: &str = "onderzoeker:kraanvogel-plint-zeppelin-boomgaard";

/// `Authorization: Basic` of `name:password`.
pub fn basic(credentials: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    )
}

/// A moment inside the Mall survey's open window.
pub fn during_window() -> DateTime<Utc> {
    "2027-01-20T12:00:00Z".parse().unwrap()
}

/// A database for one test; the folder (SQLite) lives as long as this value.
pub struct TestDb {
    /// The database URL.
    pub url: String,
    /// Which backend.
    pub name: &'static str,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh SQLite database.
pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.sqlite").display());
    TestDb {
        url,
        name: "sqlite",
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, when PWE_TEST_POSTGRES_URL names a server
/// (`postgres://user:pass@127.0.0.1:5432/postgres`). In CI it must be set.
pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("PWE_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").is_err(),
            "PWE_TEST_POSTGRES_URL must be set in CI (scripts/test.sh starts PostgreSQL and sets it)"
        );
        eprintln!("PostgreSQL skipped: PWE_TEST_POSTGRES_URL is not set (scripts/test.sh sets it)");
        return None;
    };
    use sqlx::Connection;
    let name = format!("pwe_test_{}", hex::encode(rand_bytes()));
    let mut conn = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connecting to PWE_TEST_POSTGRES_URL");
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&admin_url);
    Some(TestDb {
        url: format!("{base}/{name}"),
        name: "postgres",
        _dir: None,
    })
}

fn rand_bytes() -> [u8; 6] {
    use rand::Rng;
    rand::rng().random()
}

/// SQLite, and PostgreSQL when available: every backend the tests run on.
pub async fn databases() -> Vec<TestDb> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres().await);
    dbs
}

/// The Mall survey.
pub fn survey() -> Survey {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../surveys/mall-parkeren.toml"
    );
    Survey::parse(
        &std::fs::read_to_string(path).unwrap(),
        "mall-parkeren.toml",
    )
    .unwrap()
}

/// The key tests hash codes with.
pub fn key() -> CodeKey {
    CodeKey::new("a test secret that is long enough to be accepted").unwrap()
}

/// An app state on `db` with `per_buurt` codes per buurt (and one test code),
/// and the codes: the regular ones first, the test code last.
pub async fn state(db: &TestDb, per_buurt: u32) -> (AppState, Vec<GeneratedCode>) {
    let store = Store::connect(&db.url).await.unwrap();
    let buurten: Vec<(String, u32)> = (1..=8)
        .map(|b| (format!("BU1916020{b}"), per_buurt))
        .collect();
    let now = "2026-12-01T10:00:00Z";
    let mut generated = codes::generate(&store, &key(), "b1", false, &buurten, None, now)
        .await
        .unwrap();
    generated.extend(
        codes::generate(
            &store,
            &key(),
            "t1",
            true,
            &[("BU19160201".into(), 1)],
            None,
            now,
        )
        .await
        .unwrap(),
    );
    let (name, password) = ADMIN_TOKEN.split_once(':').unwrap();
    let hash = staff::hash_password(password).unwrap();
    store
        .put_staff(
            &AccountName::parse(name).unwrap(),
            Role::Researcher,
            &hash,
            now,
        )
        .await
        .unwrap();
    let mut state = AppState::new(survey(), store, key());
    state.clock = Clock::Fixed(during_window());
    (state, generated)
}

/// A complete response that is valid in every version of the Mall survey
/// (it costs € 1.500.000, € 1.500.000 and € 1.470.000 in versions a, b and c).
pub fn complete_response() -> Value {
    json!({
        "portfolio": { "betaald-bezoekers": 1, "handhaving": 1, "garage-afspraak": 1, "pendelbus": 1, "circulatie": 1, "fiets-ov": 1 },
        "motivations": { "circulatie": "Minder zoekverkeer in mijn straat.", "bewegwijzering": "Borden helpen niet tegen drukte." },
        "background": { "leeftijd": "45-64", "huishouden": "alleen", "autos": "1", "overlast": "vaak" },
        "evaluation": { "gelegenheid": 4, "begrijpelijk": 5, "zinvol": 4, "serieus": 3, "cijfer": 8, "opmerkingen": "Goed idee." }
    })
}
