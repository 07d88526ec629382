//! `pwe simulate` and `pwe analyze` as a user runs them: wall time and peak
//! memory of the release binary for 5,000 and 1,000,000 households, and a
//! straightforward reference in the same run (option shares counted from
//! choices.csv with the csv crate, the least any analysis must do).
//!
//! Build the binary first: `cargo build --release -p pwe-cli`, then
//! `cargo bench -p pwe-benches --bench analysis` (PWE_BIN overrides the path).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the binary with `args`; returns seconds and peak resident memory in MiB.
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
fn run(bin: &Path, args: &[&str]) -> (f64, f64) {
    let start = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("starting pwe");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child by pid; wait4 fills `status` and `usage`.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "pwe {args:?} failed"
    );
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}

/// Unweighted option shares from choices.csv, straightforwardly.
fn reference_shares(dir: &Path) -> f64 {
    let start = Instant::now();
    let mut reader = csv::Reader::from_path(dir.join("choices.csv")).expect("choices.csv");
    let mut counts: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for record in reader.records() {
        let record = record.expect("a row");
        let entry = counts.entry(record[1].to_string()).or_default();
        entry.0 += u64::from(&record[2] != "0");
        entry.1 += 1;
    }
    assert!(!counts.is_empty());
    start.elapsed().as_secs_f64()
}

fn main() {
    // `cargo bench` passes --bench; `cargo test` of benches would pass nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = std::env::var_os("PWE_BIN")
        .map_or_else(|| root().join("target/release/pwe"), PathBuf::from);
    assert!(
        bin.exists(),
        "{} is missing: run cargo build --release -p pwe-cli first",
        bin.display()
    );
    let work = tempfile::tempdir().expect("a temporary folder");
    println!(
        "| households | simulate | peak | analyze (no model) | peak | analyze (with model) | reference shares |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in [5_000usize, 1_000_000] {
        let export = work.path().join(format!("export-{n}"));
        let report = work.path().join(format!("report-{n}"));
        let n_text = n.to_string();
        let common = [
            "--survey",
            "surveys/mall-parkeren.toml",
            "--population",
            "fixtures/mall-buurten.csv",
        ];
        let mut args: Vec<&str> = vec!["simulate"];
        args.extend(common);
        args.extend([
            "--n",
            &n_text,
            "--seed",
            "1",
            "--bias",
            "--out",
            export.to_str().unwrap(),
        ]);
        let (simulate, simulate_peak) = run(&bin, &args);
        let mut args: Vec<&str> = vec!["analyze"];
        args.extend(common);
        args.extend([
            "--responses",
            export.to_str().unwrap(),
            "--out",
            report.to_str().unwrap(),
            "--quiet",
            "--no-model",
        ]);
        let (analyze, analyze_peak) = run(&bin, &args);
        let mut with_model = args.clone();
        with_model.retain(|a| *a != "--no-model");
        let (modelled, _) = run(&bin, &with_model);
        let reference = reference_shares(&export);
        println!(
            "| {n} | {simulate:.2} s | {simulate_peak:.0} MiB | {analyze:.2} s | {analyze_peak:.0} MiB | {modelled:.2} s | {reference:.2} s |"
        );
    }
}
