//! The analysis's integration tests: one test binary, a module per area;
//! the shared file helpers here.

mod calibration;
mod figures;
mod model;

use std::path::{Path, PathBuf};

use pwe_core::Survey;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the repository, as text.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

/// The Mall survey of `surveys/`.
pub fn mall_survey() -> Survey {
    Survey::parse(&read("surveys/mall-parkeren.toml"), "mall").unwrap()
}
