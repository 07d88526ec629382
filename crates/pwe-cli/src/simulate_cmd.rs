//! `pwe simulate`: synthetic households written in the export format.

use pwe_core::channel::Channel;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::Duration;
use pwe_analysis::simulate::{
    Households, Params, SimConfig, SimulatedHousehold, households, per_buurt, simulate,
};
use pwe_core::Survey;
use pwe_core::population::Population;
use pwe_core::survey::EvaluationKind;
use pwe_core::weighting::files::PopulationMapping;
use pwe_service::codes::{self, CodeKey};
use pwe_service::export::{ExportOptions, ExportWriter};
use pwe_service::store::{BuurtProgress, NewResponse, STEPS, Store};
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
    /// The secret the code hashes are keyed with (for --db; by default the
    /// SQLite file's `.secret`, as `pwe serve` uses).
    #[arg(long, env = "PWE_CODE_SECRET", hide_env_values = true)]
    code_secret: Option<String>,
}

/// Of every 100 respondents, how many more households start and stop, by the
/// step they stop at (in the order of [`STEPS`]). Illustrative figures, so that
/// the drop-off figures and the service's progress page have something to show.
const STOPPED_PER_100: [i64; 7] = [4, 2, 5, 2, 1, 1, 1];

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
    let most = most_respondents(&population);
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
            let progress = progress(&population, &per_buurt(&households))?;
            let key = service_cmd::code_key_for(db, args.code_secret.as_deref(), None)?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            let filled = runtime.block_on(fill_db(
                db,
                &key,
                &survey,
                &households,
                &progress,
                args.seed,
            ))?;
            println!(
                "{} simulated households (seed {}) in {db}: {} codes, {} submissions, {} drafts of households that stopped",
                households.len(),
                args.seed,
                filled.0,
                households.len(),
                filled.1
            );
        }
        (None, None) => unreachable!("clap requires --out or --db"),
    }
    Ok(ExitCode::SUCCESS)
}

/// When a simulated household starts: spread evenly over the open window, so
/// that times are reproducible too.
fn started_at(survey: &Survey, idx: usize, n: usize) -> chrono::DateTime<chrono::Utc> {
    let meta = survey.meta();
    let window = (meta.closes - meta.opens).num_seconds().max(1);
    meta.opens + Duration::seconds(window * idx as i64 / n.max(1) as i64)
}

/// When a simulated household submits: twenty minutes after it started.
fn submitted_at(
    survey: &Survey,
    started: chrono::DateTime<chrono::Utc>,
) -> chrono::DateTime<chrono::Utc> {
    (started + Duration::minutes(20)).min(survey.meta().closes)
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
        let id = format!("sim{:07}", idx + 1);
        let started = started_at(survey, idx, n);
        writer.response(
            [
                &id,
                &survey.versions()[household.version_idx].id,
                &household.buurt,
                &timestamp(started),
                &timestamp(submitted_at(survey, started)),
                Channel::Online.code(),
            ],
            household.background.iter().map(|a| (a.as_deref(), false)),
        )?;
        for (position, (option, &level)) in survey
            .options()
            .iter()
            .zip(&household.portfolio)
            .enumerate()
        {
            writer.choice(&id, &option.id, i64::from(level), position as i64 + 1)?;
        }
        // The export orders a response's motivations by option id and its
        // answers by question id, as the database does.
        let mut motivations: Vec<(&str, &str, &str)> = survey
            .options()
            .iter()
            .zip(&household.portfolio)
            .zip(&household.motivations)
            .filter_map(|((option, &level), text)| {
                Some((option.id.as_str(), stance(level), text.as_deref()?))
            })
            .collect();
        motivations.sort_unstable();
        for (option, stance, text) in motivations {
            writer.motivation(&id, option, stance, Some(text))?;
        }
        let mut answers: Vec<(&str, &str, bool)> = survey
            .evaluation()
            .iter()
            .zip(&household.evaluation)
            .filter_map(|(question, answer)| {
                let is_text = matches!(question.kind, EvaluationKind::Text { .. });
                Some((question.id.as_str(), answer.as_deref()?, is_text))
            })
            .collect();
        answers.sort_unstable();
        for (question, answer, is_text) in answers {
            writer.answer(&id, "evaluation", question, Some(answer), is_text)?;
        }
    }
    writer.participation(&progress(population, &per_buurt)?)?;
    for file in writer.finish()? {
        file.into_inner().map_err(|e| e.into_error())?;
    }
    std::fs::write(
        dir.join(pwe_analysis::load::SIMULATED_MARKER),
        "These responses were made by pwe simulate: they are not residents' answers.\n",
    )?;
    Ok(n)
}

/// The stance of a motivation of an option at `level`.
fn stance(level: u8) -> &'static str {
    if level > 0 { "pro" } else { "contra" }
}

/// Invited, started, submitted and stopped households per buurt.
/// The most respondents the population allows: with those who start and stop,
/// no more households start than live there.
fn most_respondents(population: &Population) -> usize {
    let per_100 = 100 + STOPPED_PER_100.iter().sum::<i64>() as u64;
    (population.total_households() * 100 / per_100) as usize
}

/// Every household of the population file is invited; of them, the
/// respondents submit and some more start and stop.
fn progress(
    population: &Population,
    counts: &BTreeMap<String, usize>,
) -> Result<Vec<BuurtProgress>> {
    population
        .buurten()
        .iter()
        .map(|buurt| {
            let n = counts.get(&buurt.code).copied().unwrap_or(0) as i64;
            let stopped: Vec<(String, i64)> = STEPS
                .iter()
                .zip(STOPPED_PER_100)
                .map(|(step, per_100)| (step.to_string(), n * per_100 / 100))
                .collect();
            let started = n + stopped.iter().map(|(_, s)| s).sum::<i64>();
            let invited = i64::from(buurt.households);
            if started > invited {
                bail!(
                    "buurt {} has {invited} households, but {started} would start ({n} respond): give a smaller --n",
                    buurt.code
                );
            }
            Ok(BuurtProgress {
                buurt: buurt.code.clone(),
                invited,
                started,
                submitted: n,
                stopped_at: stopped,
            })
        })
        .collect()
}

/// Fills a service database: a batch of codes for every invited household,
/// drafts for the households that stopped and submissions for the respondents.
/// Returns the number of codes and of drafts.
async fn fill_db(
    url: &str,
    key: &CodeKey,
    survey: &Survey,
    households: &[SimulatedHousehold],
    progress: &[BuurtProgress],
    seed: u64,
) -> Result<(usize, usize)> {
    let store = Store::connect(url)
        .await
        .with_context(|| format!("opening the database {url}"))?;
    let now = timestamp(chrono::Utc::now());
    let invited: Vec<(String, u32)> = progress
        .iter()
        .map(|p| (p.buurt.clone(), p.invited as u32))
        .collect();
    let batch = format!("sim{seed}-{}", store.count_batches().await? + 1);
    let codes = codes::generate(&store, key, &batch, false, &invited, &now)
        .await
        .with_context(|| format!("storing batch {batch}"))?;
    let order: Vec<String> = survey.options().iter().map(|o| o.id.clone()).collect();
    let mut drafts = 0;
    for buurt in progress {
        let mut refs = codes
            .iter()
            .filter(|c| c.buurt == buurt.buurt)
            .map(|c| c.household_ref.as_str());
        for (idx, household) in households
            .iter()
            .enumerate()
            .filter(|(_, h)| h.buurt == buurt.buurt)
        {
            let household_ref = refs.next().context("more respondents than codes")?;
            let started = started_at(survey, idx, households.len());
            let version = &survey.versions()[household.version_idx].id;
            store
                .start(household_ref, version, &order, &timestamp(started))
                .await?;
            store
                .submit(&submission(survey, household, household_ref, idx, started))
                .await?;
        }
        for (step, count) in &buurt.stopped_at {
            for _ in 0..*count {
                let household_ref = refs.next().context("more households started than codes")?;
                let version = &survey.versions()[drafts % survey.versions().len()].id;
                // Within the open window, as the respondents' starts are.
                let started = timestamp(started_at(
                    survey,
                    drafts % households.len().max(1),
                    households.len().max(1),
                ));
                store
                    .start(household_ref, version, &order, &started)
                    .await?;
                store
                    .save_draft(household_ref, step, "{}", &started)
                    .await?;
                drafts += 1;
            }
        }
    }
    store.close().await;
    Ok((codes.len(), drafts))
}

/// A simulated household's response as the service stores it.
fn submission(
    survey: &Survey,
    household: &SimulatedHousehold,
    household_ref: &str,
    idx: usize,
    started: chrono::DateTime<chrono::Utc>,
) -> NewResponse {
    let mut answers = Vec::new();
    for (question, answer) in survey.background().iter().zip(&household.background) {
        if let Some(answer) = answer {
            answers.push((
                "background".to_string(),
                question.id.clone(),
                answer.clone(),
                false,
            ));
        }
    }
    for (question, answer) in survey.evaluation().iter().zip(&household.evaluation) {
        if let Some(answer) = answer {
            let is_text = matches!(question.kind, EvaluationKind::Text { .. });
            answers.push((
                "evaluation".to_string(),
                question.id.clone(),
                answer.clone(),
                is_text,
            ));
        }
    }
    NewResponse {
        response_id: format!("sim{:07}", idx + 1),
        household_ref: household_ref.to_string(),
        version: survey.versions()[household.version_idx].id.clone(),
        buurt: household.buurt.clone(),
        is_test: false,
        started_at: timestamp(started),
        submitted_at: timestamp(submitted_at(survey, started)),
        receipt: format!("sim{:07}", idx + 1),
        channel: Channel::Online,
        choices: survey
            .options()
            .iter()
            .zip(&household.portfolio)
            .enumerate()
            .map(|(position, (option, level))| {
                (option.id.clone(), i64::from(*level), position as i64 + 1)
            })
            .collect(),
        motivations: survey
            .options()
            .iter()
            .zip(&household.portfolio)
            .zip(&household.motivations)
            .filter_map(|((option, level), text)| {
                Some((option.id.clone(), stance(*level).to_string(), text.clone()?))
            })
            .collect(),
        answers,
    }
}
