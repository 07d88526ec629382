//! pwe-core's integration tests: one test binary, a module per area.

mod format;
mod survey_files;
mod weighting_r;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
