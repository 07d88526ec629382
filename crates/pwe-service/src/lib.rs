//! The PWE service: hands out invitation codes, keeps drafts, checks and stores
//! submissions, and exports them (axum, tokio, sqlx).
//!
//! The only crate that knows HTTP and SQL. Requests become pwe-core types at
//! the boundary: every submission is checked with pwe-core against the
//! household's version, and no total sent by a client is trusted.
//!
//! # Layout
//! - [`store`]: the database (SQLite or PostgreSQL), migrations and queries.
//! - [`codes`]: code generation, the keyed hash and its secret.
//! - [`api`]: the JSON API for households and researchers.
//! - [`pages`]: the residents' web pages (HTML, sessions, CSRF).
//! - [`export`]: the export files, a documented contract (docs/export-format.md).
//! - [`results`]: the public shares per option, weighted when margins are configured.
//! - [`sample`]: the stratified follow-up sample.
//! - [`error`]: every failure, mapped to a response in one place.

pub mod api;
pub mod codes;
pub mod error;
pub mod export;
pub mod pages;
pub mod results;
pub mod sample;
pub mod store;

use std::sync::Arc;

use axum::Router;
use chrono::{DateTime, Utc};
use pwe_core::Survey;

use crate::codes::CodeKey;
use crate::store::Store;

/// What time it is; tests and demos fix it.
#[derive(Clone)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed moment.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current moment.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }
}

/// A secret token that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for comparison.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything a request handler needs, shared by all of them.
#[derive(Clone)]
pub struct AppState {
    /// The survey being run.
    pub survey: Arc<Survey>,
    /// The database.
    pub store: Store,
    /// The key of the code hashes.
    pub code_key: CodeKey,
    /// The researchers' bearer token; researcher endpoints answer 401 without one.
    pub admin_token: Option<Secret>,
    /// The clock.
    pub clock: Clock,
    /// Wrong code attempts per client, in memory only.
    pub attempts: Arc<pages::session::AttemptLimiter>,
    /// Population margins for the public results (weighted when present).
    pub population_margins: Option<Arc<Vec<pwe_core::weighting::Margin>>>,
}

/// The whole service as a router, so tests can drive it without a socket.
pub fn app(state: AppState) -> Router {
    api::routes().merge(pages::routes()).with_state(state)
}

/// The current time as stored: RFC 3339 in UTC with seconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Serves the app on `listener` until `shutdown` completes.
///
/// # Errors
/// The listener fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
