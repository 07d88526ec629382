//! The PWE service: hands out invitation codes, keeps drafts, checks and stores
//! submissions, and exports them (axum, tokio, sqlx).
//!
//! The only crate that knows HTTP and SQL. Requests become pwe-core types at
//! the boundary: every submission is checked with pwe-core against the
//! household's version, and no total sent by a client is trusted.
//!
//! # Layout
//! - [`store`]: the database (SQLite or PostgreSQL), migrations and queries.
//! - [`submission`]: a checked response as the rows the store keeps, with its receipt.
//! - [`codes`]: code generation, the keyed hash and its secret.
//! - [`config`]: the limits an operator may tune (sessions, wrong codes, timeouts).
//! - [`guard`]: the client's address and the limits on wrong codes.
//! - [`server`]: the listener, with timeouts and a connection cap.
//! - [`api`]: the JSON API for households and researchers.
//! - [`pages`]: the residents' web pages (HTML, sessions, CSRF).
//! - [`export`]: the export files, a documented contract (docs/export-format.md).
//! - [`purge`]: the retention rule and the purge that erases.
//! - [`results`]: the public shares per option, weighted when margins are configured.
//! - [`sample`]: the stratified follow-up sample.
//! - [`simulated`]: a database filled with simulated households (`pwe simulate --db`).
//! - [`staff`]: staff accounts, roles, passwords and the limit on wrong ones.
//! - [`status`]: turnout, drop-off and representativeness while open (`pwe status`, `/beheer`).
//! - [`letters`]: the invitation and reminder letters (PDF) and the mail-merge file.
//! - [`files`]: files with codes, secrets or answers, created 0600.
//! - [`headers`]: the security headers of every answer.
//! - [`error`]: every failure, mapped to a response in one place.
//! - [`escape`]: text from files and people made safe for HTML, SVG and the terminal.

pub mod api;
pub mod code_key;
pub mod codes;
pub mod config;
pub mod deployment;
pub mod error;
pub mod escape;
pub mod export;
pub mod files;
pub mod guard;
pub mod headers;
pub mod letters;
pub mod pages;
pub mod public_url;
pub mod purge;
pub mod results;
pub mod sample;
pub mod server;
pub mod simulated;
pub mod staff;
pub mod status;
pub mod store;
pub mod submission;

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use chrono::{DateTime, Utc};
use pwe_core::Survey;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::codes::CodeKey;
use crate::config::ServiceConfig;
use crate::store::Store;

pub use crate::server::serve;

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

/// Everything a request handler needs, shared by all of them.
#[derive(Clone)]
pub struct AppState {
    /// The survey being run.
    pub survey: Arc<Survey>,
    /// The database.
    pub store: Store,
    /// The key of the code hashes.
    pub code_key: CodeKey,
    /// Wrong staff passwords per account and per client, in memory only.
    pub sign_ins: Arc<staff::SignInLimiter>,
    /// The clock.
    pub clock: Clock,
    /// Wrong code attempts per client, in memory only.
    pub attempts: Arc<guard::AttemptLimiter>,
    /// The population (`pwe serve --population`): the public results are
    /// weighted to its margins and the staff page shows its buurt names.
    pub population: Option<Arc<Neighbourhoods>>,
    /// The council's answer, shown per option beside the advice once given.
    pub council: Option<Arc<pwe_core::council::CouncilResponse>>,
    /// The public results with the number of responses they were computed
    /// from, so that a page view does not rake again while nothing changed.
    pub results_cache: results::Cache,
    /// The limits (sessions, wrong codes, timeouts) and the public address.
    pub config: Arc<ServiceConfig>,
    /// Whether `pwe simulate --db` filled the database: every page says so.
    pub simulated: bool,
}

/// What the service knows of the buurten from the population file.
#[derive(Debug, Clone)]
pub struct Neighbourhoods {
    /// The margins the results and the representativeness so far are weighted to.
    pub margins: Vec<pwe_core::weighting::Margin>,
    /// Each buurt's name by its code.
    pub names: std::collections::BTreeMap<String, String>,
}

impl AppState {
    /// A state with the system clock, no population
    /// margins and the default limits; set the public fields to change them.
    pub fn new(survey: Survey, store: Store, code_key: CodeKey) -> AppState {
        AppState {
            survey: Arc::new(survey),
            store,
            code_key,
            sign_ins: Arc::default(),
            clock: Clock::System,
            attempts: Arc::default(),
            population: None,
            council: None,
            results_cache: Arc::default(),
            config: Arc::default(),
            simulated: false,
        }
    }
}

/// The whole service as a router. Served by [`serve`], which gives every
/// request its socket's address; without one (tests driving the router
/// directly) all clients share one wrong-code budget.
pub fn app(state: AppState) -> Router {
    let config = Arc::clone(&state.config);
    api::routes()
        .merge(pages::routes())
        .fallback(pages::fallback)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::client_address,
        ))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .with_state(state)
}

/// The current time as stored: RFC 3339 in UTC with seconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
