//! `pwe population check`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_core::population::{self, Population};
use pwe_core::weighting::Margin;
use pwe_core::weighting::files::PopulationMapping;
use pwe_core::{Lang, format};

/// Reads and parses a population file in the CBS layout.
pub fn load(path: &Path) -> Result<Population> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the population file {}", path.display()))?;
    Ok(population::parse_cbs(&text, &path.display().to_string())?)
}

/// A count as the command line writes it: 5,000.
fn count(n: impl TryInto<i64>) -> String {
    format::count(n.try_into().unwrap_or(i64::MAX), Lang::En)
}

/// `pwe population check PATH`.
pub fn check(path: &Path) -> Result<ExitCode> {
    let population = load(path)?;
    println!(
        "{}: {} buurten, {} households",
        path.display(),
        count(population.buurten().len()),
        count(population.total_households())
    );
    for buurt in population.buurten() {
        // CBS gives whole numbers of inhabitants; a fraction would be shown as given.
        let inhabitants = buurt
            .value("AantalInwoners")
            .map_or("unknown".to_string(), |n| {
                if n.fract() == 0.0 {
                    format::count(n as i64, Lang::En)
                } else {
                    format::decimal(n, 1, Lang::En)
                }
            });
        println!(
            "  {}  {:>6} households  {:>7} inhabitants",
            buurt.code,
            count(buurt.households),
            inhabitants
        );
    }
    println!("  columns: {}", population.columns().join(", "));
    Ok(ExitCode::SUCCESS)
}

/// The survey's population mapping: `mapping`, else `<survey>.population.toml`.
pub(crate) fn load_mapping(
    survey_path: &Path,
    mapping: Option<&Path>,
) -> Result<PopulationMapping> {
    let mapping_path = mapping.map_or_else(
        || survey_path.with_extension("population.toml"),
        Path::to_path_buf,
    );
    let text = std::fs::read_to_string(&mapping_path)
        .with_context(|| format!("reading the population mapping {}", mapping_path.display()))?;
    Ok(PopulationMapping::parse(
        &text,
        &mapping_path.display().to_string(),
    )?)
}

/// The population margins of the survey's mapping (default
/// `<survey>.population.toml`) in the population file, and the population.
pub(crate) fn margins(
    survey_path: &Path,
    mapping: Option<&Path>,
    population_path: &Path,
) -> Result<(Vec<Margin>, Population)> {
    let mapping = load_mapping(survey_path, mapping)?;
    let population = load(population_path)?;
    let variables: Vec<String> = mapping.variables().iter().map(|v| v.to_string()).collect();
    let margins = mapping.margins(
        &population,
        &variables,
        &population_path.display().to_string(),
    )?;
    Ok((margins, population))
}

/// The population's margins and buurt names for the service, when a
/// population file is given (`pwe serve` and `pwe status --population`).
pub(crate) fn neighbourhoods(
    survey_path: &Path,
    mapping: Option<&Path>,
    population_path: Option<&Path>,
) -> Result<Option<pwe_service::Neighbourhoods>> {
    let Some(population_path) = population_path else {
        return Ok(None);
    };
    let (margins, population) = margins(survey_path, mapping, population_path)?;
    Ok(Some(pwe_service::Neighbourhoods {
        margins,
        names: population.names(),
    }))
}
