//! `pwe population check`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_core::population::{self, Population};

/// Reads and parses a population file in the CBS layout.
pub fn load(path: &Path) -> Result<Population> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the population file {}", path.display()))?;
    Ok(population::parse_cbs(&text, &path.display().to_string())?)
}

/// `pwe population check PATH`.
pub fn check(path: &Path) -> Result<ExitCode> {
    let population = load(path)?;
    println!(
        "{}: {} buurten, {} households",
        path.display(),
        population.buurten().len(),
        population.total_households()
    );
    for buurt in population.buurten() {
        let inhabitants = buurt
            .value("AantalInwoners")
            .map_or("unknown".to_string(), |n| format!("{n}"));
        println!(
            "  {}  {:>6} households  {:>7} inhabitants",
            buurt.code, buurt.households, inhabitants
        );
    }
    println!("  columns: {}", population.columns().join(", "));
    Ok(ExitCode::SUCCESS)
}
