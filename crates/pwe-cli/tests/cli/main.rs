//! The `pwe` command as a user runs it: exit codes and what it prints. One
//! test binary, a module per group of commands; the helpers are here.

mod analysis;
mod catalog;
mod disclosure;
mod house;
mod survey;
mod weight;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where the commands run.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the `pwe` binary with `args` from the repository root.
pub fn pwe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("running pwe")
}

/// What a run printed on standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh temporary folder for one test, named after it and this process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pwe-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
