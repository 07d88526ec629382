//! `pwe analyze`: the figures of an export folder (or a service database) as
//! tables, a JSON summary and the HTML report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use pwe_analysis::batch::Batch;
use pwe_analysis::figures;
use pwe_analysis::load::Responses;
use pwe_service::export::{self, ExportOptions};
use pwe_service::store::Store;

use crate::{arguments_cmd, model_cmd, population_cmd, survey_cmd};

/// `pwe analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The survey the responses answer.
    #[arg(long)]
    survey: PathBuf,
    /// The export folder (`pwe export` or `pwe simulate`).
    #[arg(long, required_unless_present = "db", conflicts_with = "db")]
    responses: Option<PathBuf>,
    /// A service database to read instead (sqlite://FILE or postgres://...).
    #[arg(long)]
    db: Option<String>,
    /// With --db: include free text (motivations) in what is read.
    #[arg(long)]
    free_text: bool,
    /// The population file (CBS layout) to weight to.
    #[arg(long)]
    population: PathBuf,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Where to write the tables, summary.json and report.html.
    #[arg(long)]
    out: PathBuf,
    /// The model specification (default: <survey>.model.toml).
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The codebook of value themes (default: <survey>.codebook.toml, when it exists).
    #[arg(long)]
    codebook: Option<PathBuf>,
    /// A coded sheet from `pwe arguments sheet` (repeat for every coder's sheet).
    #[arg(long)]
    coding: Vec<PathBuf>,
    /// Leave out the choice model.
    #[arg(long)]
    no_model: bool,
    /// The council's answer (docs/response-format.md), for the participation report.
    #[arg(long)]
    response: Option<PathBuf>,
    /// The seed of every step that draws (recorded in the summary).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print nothing but errors, and no progress bar.
    #[arg(long)]
    quiet: bool,
}

/// A bar over the steps of the analysis, on stderr when it is a terminal.
fn progress(quiet: bool, steps: u64) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(steps);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Writes the export of database `db` into `dir`, as `pwe export` would.
fn export_db(db: &str, survey: &pwe_core::Survey, free_text: bool, dir: &Path) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let files = runtime.block_on(async {
        let store = Store::open(db)
            .await
            .with_context(|| format!("opening the database {db}"))?;
        let options = ExportOptions {
            include_free_text: free_text,
            include_test: false,
        };
        let files = export::export(&store, survey, options).await?;
        store.close().await;
        anyhow::Ok(files)
    })?;
    export::write_dir(&files, dir).with_context(|| format!("writing {}", dir.display()))
}

/// The raking weights of `responses` to the population (for `pwe model`).
pub fn weights(
    survey_path: &Path,
    population_path: &Path,
    survey: &pwe_core::Survey,
    responses: &Responses,
) -> Result<Vec<f64>> {
    let (margins, _) = population_cmd::margins(survey_path, None, population_path)?;
    figures::weights(survey, responses, &margins).map_err(anyhow::Error::msg)
}

/// Exports the database if asked, then runs the batch.
pub fn run(args: &AnalyzeArgs) -> Result<ExitCode> {
    let bar = progress(args.quiet, 7);
    let survey = survey_cmd::load(&args.survey)?;
    let council = survey_cmd::load_council(args.response.as_deref(), &survey)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let (margins, population) =
        population_cmd::margins(&args.survey, args.mapping.as_deref(), &args.population)?;
    let spec = match args.no_model {
        true => None,
        false => Some(model_cmd::load_spec(
            &args.survey,
            args.spec.as_deref(),
            &survey,
        )?),
    };
    let codebook = arguments_cmd::load_codebook(&args.survey, args.codebook.as_deref())?;
    // Reading a database goes through the export format, so that both paths
    // read exactly the same contract; the copy is removed afterwards.
    let exported = args.out.join(".export");
    let export = match (&args.responses, &args.db) {
        (Some(dir), _) => dir.clone(),
        (None, Some(db)) => {
            bar.set_message("exporting the database");
            export_db(db, &survey, args.free_text, &exported)?;
            exported.clone()
        }
        (None, None) => unreachable!("clap requires --responses or --db"),
    };
    let batch = Batch {
        survey: &survey,
        population: &population,
        margins: &margins,
        spec: spec.as_ref(),
        codebook: codebook.as_ref(),
        codings: &args.coding,
        council: council.as_ref(),
        seed: args.seed,
    };
    let written = pwe_analysis::batch::run(&batch, &export, &args.out, |step| {
        bar.inc(1);
        bar.set_message(step.to_string());
    });
    if args.db.is_some() {
        std::fs::remove_dir_all(&exported)
            .with_context(|| format!("removing {}", exported.display()))?;
    }
    let written = written.context("analysing")?;
    bar.finish_and_clear();
    if !args.quiet {
        if written.excluded > 0 {
            eprintln!(
                "warning: {} response(s) break a rule of their version and were left out (listed in summary.json)",
                written.excluded
            );
        }
        println!(
            "analysed {} responses: {} tables (CSV and Parquet; published/ with small groups and their complements suppressed), summary.json, report.html and participation-report.html in {}",
            written.responses,
            written.tables,
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
