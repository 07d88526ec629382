//! `pwe simulate`: synthetic households written in the export format, or
//! into a service database.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pwe_analysis::load::BuurtParticipation;
use pwe_analysis::simulate::course::{started_at, submitted_at};
use pwe_analysis::simulate::{
    Census, Households, Params, SimConfig, SimulatedHousehold, households,
};
use pwe_core::Survey;
use pwe_core::channel::Channel;
use pwe_core::export::{SIMULATED_FILE, SIMULATED_NOTE};
use pwe_core::flow::STEPS;
use pwe_service::export::{ExportOptions, ExportWriter};
use pwe_service::simulated::{Plan, Stopped, fill};
use pwe_service::store::{BuurtProgress, NewResponse};
use pwe_service::submission::{Submitter, rows};
use pwe_service::timestamp;

use crate::{population_cmd, service_cmd, survey_cmd};
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
    /// How many households are expected to respond: each household of the
    /// population responds with its own chance, so the number drawn varies
    /// around this.
    #[arg(long, default_value_t = 1500, conflicts_with = "rate")]
    n: usize,
    /// Instead of --n: the expected share of households that respond (0 to 1).
    #[arg(long)]
    rate: Option<f64>,
    /// The seed of every draw.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Let response depend on the background (the params' [response] factors).
    #[arg(long)]
    bias: bool,
    /// Include the motivations' text and open remarks in the export (the
    /// params file's [texts]).
    #[arg(long)]
    free_text: bool,
    /// The folder to write the export files into.
    #[arg(long, required_unless_present = "db", conflicts_with = "db")]
    out: Option<PathBuf>,
    /// A service database to fill instead (sqlite://FILE or postgres://...):
    /// codes for every household, drafts for those that stopped, submissions
    /// for the respondents.
    #[arg(long)]
    db: Option<String>,
    /// With --db: a file holding the code secret (else PWE_CODE_SECRET, else
    /// the SQLite file's `.secret`, as `pwe serve` uses).
    #[arg(long, env = "PWE_CODE_SECRET_FILE", requires = "db")]
    code_secret_file: Option<PathBuf>,
}

fn read(path: &PathBuf, what: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading the {what} {}", path.display()))
}

/// Simulates households and writes them exactly as `pwe export` would, or
/// into a database as the service would have stored them.
pub fn run(args: &SimulateArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let mapping = population_cmd::load_mapping(&args.survey, args.mapping.as_deref())?;
    let population = population_cmd::load(&args.population)?;
    let census = Census::new(
        &survey,
        &population,
        &mapping,
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
    if args.free_text && params.texts.is_none() {
        bail!(
            "--free-text: {} has no [texts] to write motivations and remarks with; add texts.pro, texts.contra and texts.remarks (docs/simulate.md), or leave out --free-text",
            params_path.display()
        );
    }
    let n = match args.rate {
        Some(rate) if (0.0..=1.0).contains(&rate) => {
            (rate * census.households() as f64).round() as usize
        }
        Some(rate) => bail!("--rate {rate}: give a share between 0 and 1"),
        None => args.n,
    };
    let config = SimConfig {
        n,
        seed: args.seed,
        bias: args.bias,
    };
    let households = households(&survey, &census, &params, config)?;
    let notes = notes(&params, args);
    match (&args.out, &args.db) {
        (Some(out), _) => {
            let options = ExportOptions {
                include_free_text: args.free_text,
                include_test: false,
            };
            let n = write_export(&survey, households, options, out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{n} simulated households responded of {} invited (expected {}, seed {}{notes}), written to {} in the export format",
                census.households(),
                config.n,
                args.seed,
                out.display()
            );
        }
        (None, Some(db)) => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            let (n, codes, drafts) = runtime.block_on(fill_db(
                db,
                args.code_secret_file.as_deref(),
                &survey,
                households,
                args.seed,
            ))?;
            println!(
                "{n} simulated households responded of {} invited (expected {}, seed {}{notes}) in {db}: {codes} codes, {n} submissions, {drafts} drafts of households that stopped",
                census.households(),
                config.n,
                args.seed,
            );
        }
        (None, None) => unreachable!("clap requires --out or --db"),
    }
    Ok(ExitCode::SUCCESS)
}

/// What the summary line adds about the draw.
fn notes(params: &Params, args: &SimulateArgs) -> String {
    let mut notes = String::new();
    if args.bias {
        notes.push_str(", with non-response bias");
    }
    if params.texts.is_none() {
        notes.push_str(", no motivations: the params file has no [texts]");
    }
    notes
}

/// A respondent as the service stores a submission.
fn submission(survey: &Survey, household: &SimulatedHousehold, idx: usize) -> Result<NewResponse> {
    let response = household
        .response(survey)
        .context("a simulated portfolio")?;
    let order: Vec<String> = household
        .order
        .iter()
        .map(|&o| survey.options()[o].id.clone())
        .collect();
    let started = started_at(survey, household.start);
    let who = Submitter {
        response_id: format!("sim{:07}", idx + 1),
        household_ref: "",
        version: &survey.versions()[household.version_idx].id,
        buurt: &household.buurt,
        is_test: false,
        order: &order,
        started_at: timestamp(started),
        submitted_at: timestamp(submitted_at(survey, started, household.minutes)),
        channel: Channel::Online,
    };
    Ok(rows(survey, who, &response))
}

/// The course per buurt as the export's participation rows.
fn progress(course: &[BuurtParticipation]) -> Vec<BuurtProgress> {
    course
        .iter()
        .map(|p| BuurtProgress {
            buurt: p.buurt.clone(),
            invited: p.invited,
            started: p.started,
            submitted: p.submitted,
            stopped_at: p.stopped_at.clone(),
        })
        .collect()
}

/// Writes the respondents into `dir` in the export format as they are
/// drawn, one at a time, and returns how many there were.
fn write_export(
    survey: &Survey,
    mut households: Households<'_>,
    options: ExportOptions,
    dir: &Path,
) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut writer = ExportWriter::new(survey, options, |name| {
        Ok(BufWriter::new(File::create(dir.join(name))?))
    })?;
    let mut n = 0;
    for household in households.by_ref() {
        writer.submission(survey, &submission(survey, &household, n)?)?;
        n += 1;
    }
    writer.participation(&progress(households.participation()))?;
    for file in writer.finish()? {
        file.into_inner().map_err(|e| e.into_error())?;
    }
    std::fs::write(dir.join(SIMULATED_FILE), SIMULATED_NOTE)?;
    Ok(n)
}

/// Fills a service database with the respondents, the households that
/// started and stopped, and codes for every invited household. Returns the
/// number of respondents, codes and drafts.
async fn fill_db(
    url: &str,
    code_secret_file: Option<&Path>,
    survey: &Survey,
    mut households: Households<'_>,
    seed: u64,
) -> Result<(usize, usize, usize)> {
    let mut respondents = Vec::new();
    for household in households.by_ref() {
        respondents.push(submission(survey, &household, respondents.len())?);
    }
    let course = households.participation();
    let versions = survey.versions();
    let mut stopped = Vec::new();
    for buurt in course {
        for (step, (_, count)) in STEPS.iter().zip(&buurt.stopped_at) {
            for _ in 0..*count {
                // Spread over the open window, versions in turn.
                let i = stopped.len();
                stopped.push(Stopped {
                    buurt: buurt.buurt.clone(),
                    step,
                    version: versions[i % versions.len()].id.clone(),
                    started_at: timestamp(started_at(survey, (i as f64 * 0.618_034).fract())),
                });
            }
        }
    }
    let invited: Vec<(String, u32)> = course
        .iter()
        .map(|p| (p.buurt.clone(), p.invited as u32))
        .collect();
    let order: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
    let store = service_cmd::open_store(url).await?;
    let key = &service_cmd::checked_code_key(&store, url, code_secret_file).await?;
    let batch = format!("sim{seed}-{}", store.count_batches().await? + 1);
    let now = timestamp(chrono::Utc::now());
    let plan = Plan {
        batch: &batch,
        invited: &invited,
        stopped: &stopped,
        option_order: &order,
        now: &now,
        seed,
    };
    let n = respondents.len();
    let filled = fill(&store, key, &plan, &mut respondents)
        .await
        .with_context(|| format!("storing batch {batch}"))?;
    store.close().await;
    Ok((n, filled.codes, filled.drafts))
}
