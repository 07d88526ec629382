//! The service's commands as an operator and an attacker use them: the real
//! `pwe` binary on SQLite files in temporary folders, `pwe serve` on loopback.
//! One test binary, a module per concern; the helpers are here.

mod beheer;
mod config;
mod durability;
mod erasure;
mod flow;
mod http;
mod instances;
mod letters;
mod pages;
mod security;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The researchers' token the tests serve with (32 characters at least).
pub const ADMIN_TOKEN: &str = "an-operator-token-of-forty-characters-ok";

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `pwe` in `dir` with none of the service's settings from the environment.
pub fn pwe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(args)
        .current_dir(dir)
        .env_remove("PWE_DB")
        .env_remove("PWE_CODE_SECRET")
        .env_remove("PWE_ADMIN_TOKEN")
        .env_remove("PWE_CONFIG")
        .output()
        .expect("running pwe")
}

/// Bytes as text, for messages.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pwe-service-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
