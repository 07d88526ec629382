//! The service's integration tests: one test binary, a module per area; the
//! shared set-up (databases, the Mall survey, codes, a clock) in `common`.

mod admin;
mod api;
mod common;
mod http;
mod pages;
mod results;
