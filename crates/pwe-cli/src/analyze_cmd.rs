//! `pwe analyze`: the figures of an export folder as tables and a JSON summary.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_analysis::figures::{analyze, write};
use pwe_analysis::load::{load, participation};
use pwe_core::weighting::files::PopulationMapping;

use crate::{population_cmd, survey_cmd};

/// `pwe analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The survey the responses answer.
    #[arg(long)]
    survey: PathBuf,
    /// The export folder (`pwe export` or `pwe simulate`).
    #[arg(long)]
    responses: PathBuf,
    /// The population file (CBS layout) to weight to.
    #[arg(long)]
    population: PathBuf,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Where to write the tables and summary.json.
    #[arg(long)]
    out: PathBuf,
    /// Print nothing but errors.
    #[arg(long)]
    quiet: bool,
}

/// Loads, computes and writes.
pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let responses = load(&args.responses, &survey).context("reading the responses")?;
    let participation = participation(&args.responses).context("reading the participation")?;
    let mapping_path = args
        .mapping
        .clone()
        .unwrap_or_else(|| args.survey.with_extension("population.toml"));
    let text = std::fs::read_to_string(&mapping_path)
        .with_context(|| format!("reading the population mapping {}", mapping_path.display()))?;
    let mapping = PopulationMapping::parse(&text, &mapping_path.display().to_string())?;
    let population = population_cmd::load(&args.population)?;
    let variables: Vec<String> = mapping.variables().iter().map(|v| v.to_string()).collect();
    let margins = mapping.margins(
        &population,
        &variables,
        &args.population.display().to_string(),
    )?;
    let mut analysis = analyze(&survey, &responses, &participation, &margins)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    write(&mut analysis, &args.out)
        .map_err(anyhow::Error::msg)
        .context("writing the analysis")?;
    if !args.quiet {
        if !responses.excluded.is_empty() {
            eprintln!(
                "warning: {} response(s) break a rule of their version and were left out (listed in summary.json)",
                responses.excluded.len()
            );
        }
        println!(
            "analysed {} responses: {} tables (CSV and Parquet; published/ with groups under 10 suppressed) and summary.json in {}",
            responses.ids.len(),
            analysis.tables.len(),
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
