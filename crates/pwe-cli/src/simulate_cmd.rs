//! `pwe simulate`: synthetic households written in the export format.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::Duration;
use pwe_analysis::simulate::{Params, SimConfig, per_buurt, simulate};
use pwe_core::weighting::files::PopulationMapping;
use pwe_service::export::{self, ExportOptions};
use pwe_service::store::{BuurtProgress, ExportRows, STEPS};
use pwe_service::timestamp;

use crate::{population_cmd, survey_cmd};

/// `pwe simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The survey.
    #[arg(long)]
    survey: PathBuf,
    /// The population file (CBS layout) whose margins the households match.
    #[arg(long)]
    population: PathBuf,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// The true parameters (default: <survey>.params.toml).
    #[arg(long)]
    params: Option<PathBuf>,
    /// How many households respond.
    #[arg(long, default_value_t = 5000)]
    n: usize,
    /// The seed of every draw.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Let response depend on the background (the params' [response] factors).
    #[arg(long)]
    bias: bool,
    /// Include the motivations' text and open remarks in the export.
    #[arg(long)]
    free_text: bool,
    /// The folder to write the export files into.
    #[arg(long)]
    out: PathBuf,
}

fn read(path: &PathBuf, what: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading the {what} {}", path.display()))
}

/// Simulates households and writes them exactly as `pwe export` would.
pub fn run(args: &SimulateArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let mapping_path = args
        .mapping
        .clone()
        .unwrap_or_else(|| args.survey.with_extension("population.toml"));
    let mapping = PopulationMapping::parse(
        &read(&mapping_path, "population mapping")?,
        &mapping_path.display().to_string(),
    )?;
    let population = population_cmd::load(&args.population)?;
    let variables: Vec<String> = mapping.variables().iter().map(|v| v.to_string()).collect();
    let margins = mapping.margins(
        &population,
        &variables,
        &args.population.display().to_string(),
    )?;
    let params_path = args
        .params
        .clone()
        .unwrap_or_else(|| args.survey.with_extension("params.toml"));
    let params = Params::parse(
        &read(&params_path, "params file")?,
        &params_path.display().to_string(),
        &survey,
    )?;
    let config = SimConfig {
        n: args.n,
        seed: args.seed,
        bias: args.bias,
    };
    let households =
        simulate(&survey, &margins, &params, config).context("simulating households")?;

    // Submissions spread evenly over the open window, so times are reproducible too.
    let meta = survey.meta();
    let window = (meta.closes - meta.opens).num_seconds().max(1);
    let mut rows = ExportRows::default();
    for (idx, household) in households.iter().enumerate() {
        let id = format!("sim{:07}", idx + 1);
        let started =
            meta.opens + Duration::seconds(window * idx as i64 / households.len().max(1) as i64);
        let submitted = started + Duration::minutes(20);
        rows.responses.push([
            id.clone(),
            survey.versions()[household.version_idx].id.clone(),
            household.buurt.clone(),
            timestamp(started),
            timestamp(submitted.min(meta.closes)),
        ]);
        for (position, (option, &level)) in survey
            .options()
            .iter()
            .zip(&household.portfolio)
            .enumerate()
        {
            rows.choices.push((
                id.clone(),
                option.id.clone(),
                i64::from(level),
                position as i64 + 1,
            ));
            if let Some(text) = &household.motivations[position] {
                let stance = if level > 0 { "pro" } else { "contra" };
                rows.motivations.push((
                    id.clone(),
                    option.id.clone(),
                    stance.into(),
                    Some(text.clone()),
                ));
            }
        }
        for (question, answer) in survey.background().iter().zip(&household.background) {
            if let Some(answer) = answer {
                rows.answers.push((
                    id.clone(),
                    "background".into(),
                    question.id.clone(),
                    Some(answer.clone()),
                    false,
                ));
            }
        }
        for (question, answer) in survey.evaluation().iter().zip(&household.evaluation) {
            if let Some(answer) = answer {
                let is_text =
                    matches!(question.kind, pwe_core::survey::EvaluationKind::Text { .. });
                rows.answers.push((
                    id.clone(),
                    "evaluation".into(),
                    question.id.clone(),
                    Some(answer.clone()),
                    is_text,
                ));
            }
        }
    }
    // The export orders by response id and then by the second column.
    rows.motivations.sort();
    rows.answers
        .sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    let counts = per_buurt(&households);
    let progress: Vec<BuurtProgress> = population
        .buurten()
        .iter()
        .map(|buurt| {
            let n = counts.get(&buurt.code).copied().unwrap_or(0) as i64;
            BuurtProgress {
                buurt: buurt.code.clone(),
                // More respondents than households happen when --n exceeds the
                // population; the invited are then at least the respondents.
                invited: i64::from(buurt.households).max(n),
                started: n,
                submitted: n,
                stopped_at: STEPS.iter().map(|step| (step.to_string(), 0)).collect(),
            }
        })
        .collect();
    let options = ExportOptions {
        include_free_text: args.free_text,
        include_test: false,
    };
    let files = export::files(&survey, &rows, &progress, options);
    export::write_dir(&files, &args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} simulated households (seed {}{}) written to {} in the export format",
        households.len(),
        args.seed,
        if args.bias {
            ", with non-response bias"
        } else {
            ""
        },
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
