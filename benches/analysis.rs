//! `pwe simulate` and `pwe analyze` as a user runs them: wall time and peak
//! memory of the release binary for 1,500 and 1,000,000 responding households, and a
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

/// The Mall's population with every count times `factor` (average household
/// size kept), so that a million households can respond: `pwe simulate`
/// invites exactly the households of its population file.
fn scaled_population(dir: &Path, factor: u32) -> PathBuf {
    let text = std::fs::read_to_string(root().join("fixtures/mall-buurten.csv"))
        .expect("the Mall's population");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut out = header.join(",") + "\n";
    for line in lines {
        let cells: Vec<String> = line
            .split(',')
            .zip(&header)
            .map(|(cell, column)| match cell.parse::<u32>() {
                Ok(count) if !column.starts_with("Gemiddelde") => (count * factor).to_string(),
                _ => cell.to_string(),
            })
            .collect();
        out.push_str(&(cells.join(",") + "\n"));
    }
    let path = dir.join(format!("population-x{factor}.csv"));
    std::fs::write(&path, out).expect("writing the scaled population");
    path
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
    // 1,500 of the Mall's 5,000 households (30%), and a million of a
    // population 300 times the Mall's.
    for (n, factor) in [(1_500usize, 1), (1_000_000, 300)] {
        let export = work.path().join(format!("export-{n}"));
        let report = work.path().join(format!("report-{n}"));
        let n_text = n.to_string();
        let population = scaled_population(work.path(), factor);
        let common = [
            "--survey",
            "surveys/mall-parkeren.toml",
            "--population",
            population.to_str().unwrap(),
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
