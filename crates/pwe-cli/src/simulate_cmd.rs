//! `pwe simulate`: synthetic households written in the export format, or
//! into a service database.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pwe_analysis::load::BuurtParticipation;
use pwe_analysis::simulate::course::{self, STOPPED_PER_100, started_at, submitted_at};
use pwe_analysis::simulate::{
    Households, Params, SimConfig, SimulatedHousehold, households, per_buurt, simulate,
};
use pwe_core::Survey;
use pwe_core::channel::Channel;
use pwe_core::flow::STEPS;
use pwe_core::population::Population;
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
    let (margins, population) =
        population_cmd::margins(&args.survey, args.mapping.as_deref(), &args.population)?;
    let params_path = args
        .params
        .clone()
        .unwrap_or_else(|| args.survey.with_extension("params.toml"));
    let params = Params::parse(
        &read(&params_path, "params file")?,
        &params_path.display().to_string(),
        &survey,
    )?;
    let most = course::most_respondents(&population);
    if args.n > most {
        bail!(
            "--n {}: the population file has {} households, and for every 100 that respond {} more start and stop on the way, so at most {most} can respond; give a smaller --n or a larger population",
            args.n,
            population.total_households(),
            STOPPED_PER_100.iter().sum::<i64>()
        );
    }
    let config = SimConfig {
        n: args.n,
        seed: args.seed,
        bias: args.bias,
    };
    match (&args.out, &args.db) {
        (Some(out), _) => {
            let options = ExportOptions {
                include_free_text: args.free_text,
                include_test: false,
            };
            let households =
                households(&survey, &margins, &params, config).context("simulating households")?;
            let n = write_export(&survey, households, args.n, &population, options, out)
                .with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{n} simulated households (seed {}{}) written to {} in the export format",
                args.seed,
                if args.bias {
                    ", with non-response bias"
                } else {
                    ""
                },
                out.display()
            );
        }
        (None, Some(db)) => {
            let households =
                simulate(&survey, &margins, &params, config).context("simulating households")?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            let (codes, drafts) = runtime.block_on(fill_db(
                db,
                args.code_secret_file.as_deref(),
                &survey,
                &households,
                &population,
                args.seed,
            ))?;
            println!(
                "{} simulated households (seed {}) in {db}: {codes} codes, {} submissions, {drafts} drafts of households that stopped",
                households.len(),
                args.seed,
                households.len(),
            );
        }
        (None, None) => unreachable!("clap requires --out or --db"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Household `idx` of `n` as the service stores a submission.
fn submission(
    survey: &Survey,
    household: &SimulatedHousehold,
    idx: usize,
    n: usize,
) -> Result<NewResponse> {
    let response = household
        .response(survey)
        .context("a simulated portfolio")?;
    let order: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
    let started = started_at(survey, idx, n);
    let who = Submitter {
        response_id: format!("sim{:07}", idx + 1),
        household_ref: "",
        version: &survey.versions()[household.version_idx].id,
        buurt: &household.buurt,
        is_test: false,
        order: &order,
        started_at: timestamp(started),
        submitted_at: timestamp(submitted_at(survey, started)),
        channel: Channel::Online,
    };
    Ok(rows(survey, who, &response))
}

/// The course per buurt as the export's participation rows.
fn progress(course: Vec<BuurtParticipation>) -> Vec<BuurtProgress> {
    course
        .into_iter()
        .map(|p| BuurtProgress {
            buurt: p.buurt,
            invited: p.invited,
            started: p.started,
            submitted: p.submitted,
            stopped_at: p.stopped_at,
        })
        .collect()
}

/// Writes the `n` households into `dir` in the export format as they are
/// drawn, one at a time, and returns how many there were.
fn write_export(
    survey: &Survey,
    households: Households<'_>,
    n: usize,
    population: &Population,
    options: ExportOptions,
    dir: &Path,
) -> Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut writer = ExportWriter::new(survey, options, |name| {
        Ok(BufWriter::new(File::create(dir.join(name))?))
    })?;
    let mut per_buurt: BTreeMap<String, usize> = BTreeMap::new();
    for (idx, household) in households.enumerate() {
        let household = household.context("simulating households")?;
        *per_buurt.entry(household.buurt.clone()).or_default() += 1;
        writer.submission(survey, &submission(survey, &household, idx, n)?)?;
    }
    writer.participation(&progress(course::participation(population, &per_buurt)?))?;
    for file in writer.finish()? {
        file.into_inner().map_err(|e| e.into_error())?;
    }
    std::fs::write(
        dir.join(pwe_analysis::load::SIMULATED_MARKER),
        "These responses were made by pwe simulate: they are not residents' answers.\n",
    )?;
    Ok(n)
}

/// Fills a service database with the households, the households that
/// started and stopped, and codes for every invited household. Returns the
/// number of codes and of drafts.
async fn fill_db(
    url: &str,
    code_secret_file: Option<&Path>,
    survey: &Survey,
    households: &[SimulatedHousehold],
    population: &Population,
    seed: u64,
) -> Result<(usize, usize)> {
    let n = households.len();
    let course = course::participation(population, &per_buurt(households))?;
    let mut respondents = households
        .iter()
        .enumerate()
        .map(|(idx, household)| submission(survey, household, idx, n))
        .collect::<Result<Vec<_>>>()?;
    let versions = survey.versions();
    let mut stopped = Vec::new();
    for buurt in &course {
        for (step, (_, count)) in STEPS.iter().zip(&buurt.stopped_at) {
            for _ in 0..*count {
                // Within the open window, as the respondents' starts are.
                let i = stopped.len();
                stopped.push(Stopped {
                    buurt: buurt.buurt.clone(),
                    step,
                    version: versions[i % versions.len()].id.clone(),
                    started_at: timestamp(started_at(survey, i % n.max(1), n.max(1))),
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
    };
    let filled = fill(&store, key, &plan, &mut respondents)
        .await
        .with_context(|| format!("storing batch {batch}"))?;
    store.close().await;
    Ok((filled.codes, filled.drafts))
}
