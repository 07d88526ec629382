//! The `pwe` command: parses arguments and calls into the crates, nothing else.

mod analyze_cmd;
mod arguments_cmd;
mod config;
mod letters_cmd;
mod model_cmd;
mod pending_cmd;
mod population_cmd;
mod results_cmd;
mod service_cmd;
mod simulate_cmd;
mod staff_cmd;
mod status_cmd;
mod survey_cmd;
mod weight_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Participatory Value Evaluation: surveys, responses and analysis.
#[derive(Debug, Parser)]
#[command(name = "pwe", version, about)]
struct Cli {
    /// The deployment's configuration (TOML, docs/deploy.md): the database,
    /// the secrets' files, the public URL and the survey as the service uses
    /// them. A flag or PWE_* variable wins over it.
    #[arg(long, global = true, env = "PWE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check and explore a survey file.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Check a population file (CBS "Kerncijfers wijken en buurten" layout).
    #[command(subcommand)]
    Population(PopulationCommand),
    /// Weight respondents to the population (raking) and print the diagnostics.
    Weight(weight_cmd::WeightArgs),
    /// Run the service: residents' API and researcher endpoints.
    Serve(service_cmd::ServeArgs),
    /// Make, void and reissue household codes.
    #[command(subcommand)]
    Codes(CodesCommand),
    /// Print the letters (PDF) that carry the codes, or the reminders for a pending list.
    Letters(letters_cmd::LettersArgs),
    /// Print paper questionnaires (PDF), each with its household's version and prices.
    Paper(letters_cmd::PaperArgs),
    /// Turnout while the consultation is open: per buurt, per day, where households stop.
    Status(status_cmd::StatusArgs),
    /// Write the export files (the analysis's input) from the database.
    Export(service_cmd::ExportArgs),
    /// The follow-up evaluation of the method.
    #[command(subcommand)]
    Evaluation(EvaluationCommand),
    /// Delete code hashes and free text after the retention date.
    Purge(service_cmd::PurgeArgs),
    /// Simulate households with known preferences, written in the export format.
    Simulate(simulate_cmd::SimulateArgs),
    /// Compute the figures, the choice model and the report of an export folder or database.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Estimate the portfolio choice model (and latent classes) on an export folder.
    Model(model_cmd::ModelArgs),
    /// Manual coding of the motivations.
    #[command(subcommand)]
    Arguments(ArgumentsCommand),
    /// The council's answer to the advice (surveys/<id>.response.toml).
    #[command(subcommand)]
    Response(ResponseCommand),
    /// The public results page.
    #[command(subcommand)]
    Results(ResultsCommand),
    /// Staff accounts of /beheer and the researchers' API, and the audit log.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Add an account with a role (the password from standard input, or --generate).
    Add(staff_cmd::AddArgs),
    /// Remove an account; its sessions end.
    Remove(staff_cmd::RemoveArgs),
    /// List the accounts and their roles.
    List(staff_cmd::ListArgs),
    /// Print the audit log: who signed in, entered, exported, published, reissued, purged.
    Log(staff_cmd::ListArgs),
}

#[derive(Debug, Subcommand)]
enum ResultsCommand {
    /// Show the results on /results from now on (after the close; the survey's
    /// `publish_results = "at-close"` does this at the close).
    Publish(results_cmd::PublishArgs),
}

#[derive(Debug, Subcommand)]
enum ResponseCommand {
    /// Check a response file against its survey and print what it decides.
    Check {
        /// The response file (TOML, format 1).
        path: PathBuf,
        /// The survey it answers.
        #[arg(long)]
        survey: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum ArgumentsCommand {
    /// Write a coding sheet (CSV) of every motivation with text, redacted, for researchers to code.
    Sheet(arguments_cmd::SheetArgs),
}

#[derive(Debug, Subcommand)]
enum CodesCommand {
    /// Make one code per household (or --per-buurt N), store their hashes, write the codes file.
    Generate(service_cmd::GenerateArgs),
    /// Void a household's code.
    Void(service_cmd::CodeRefArgs),
    /// Void a household's code and give it a new one (its draft is kept).
    Reissue(service_cmd::CodeRefArgs),
    /// List the households to remind (references, never codes): not started or not submitted.
    Pending(pending_cmd::PendingArgs),
}

#[derive(Debug, Subcommand)]
enum EvaluationCommand {
    /// Draw a stratified sample of participating households for the follow-up.
    Sample(service_cmd::SampleArgs),
}

#[derive(Debug, Subcommand)]
enum PopulationCommand {
    /// Read a population file and print its buurten and households.
    Check {
        /// The CSV file, in the CBS column layout.
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum SurveyCommand {
    /// Validate a survey file and print a summary of it.
    Check {
        /// The survey file (TOML, format 1).
        path: PathBuf,
    },
    /// Print the totals of a portfolio and every rule it breaks.
    ///
    /// Exits 3 when the portfolio breaks a rule.
    Show {
        /// The survey file (TOML, format 1).
        path: PathBuf,
        /// The chosen options, comma-separated; `id:level` for an option with levels.
        #[arg(long, value_delimiter = ',', num_args = 0..)]
        portfolio: Vec<String>,
        /// The version (experimental design) to price the portfolio in; the first by default.
        #[arg(long)]
        version: Option<String>,
    },
}

fn main() -> ExitCode {
    if let Err(error) = config::apply() {
        eprintln!("error: {error:#}");
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Survey(SurveyCommand::Check { path }) => survey_cmd::check(&path),
        Command::Survey(SurveyCommand::Show {
            path,
            portfolio,
            version,
        }) => survey_cmd::show(&path, &portfolio, version.as_deref()),
        Command::Population(PopulationCommand::Check { path }) => population_cmd::check(&path),
        Command::Weight(args) => weight_cmd::run(&args),
        Command::Serve(args) => run_async(service_cmd::serve(&args)),
        Command::Codes(CodesCommand::Generate(args)) => run_async(service_cmd::generate(&args)),
        Command::Codes(CodesCommand::Void(args)) => run_async(service_cmd::void(&args)),
        Command::Codes(CodesCommand::Reissue(args)) => run_async(service_cmd::reissue(&args)),
        Command::Codes(CodesCommand::Pending(args)) => run_async(pending_cmd::run(&args)),
        Command::Export(args) => run_async(service_cmd::export(&args)),
        Command::Letters(args) => letters_cmd::run(&args),
        Command::Paper(args) => letters_cmd::paper(&args),
        Command::Status(args) => run_async(status_cmd::run(&args)),
        Command::Evaluation(EvaluationCommand::Sample(args)) => {
            run_async(service_cmd::sample(&args))
        }
        Command::Purge(args) => run_async(service_cmd::purge(&args)),
        Command::Simulate(args) => simulate_cmd::run(&args),
        Command::Analyze(args) => analyze_cmd::run(&args),
        Command::Model(args) => model_cmd::run(&args),
        Command::Arguments(ArgumentsCommand::Sheet(args)) => arguments_cmd::sheet(&args),
        Command::Results(ResultsCommand::Publish(args)) => run_async(results_cmd::publish(&args)),
        Command::Staff(StaffCommand::Add(args)) => run_async(staff_cmd::add(&args)),
        Command::Staff(StaffCommand::Remove(args)) => run_async(staff_cmd::remove(&args)),
        Command::Staff(StaffCommand::List(args)) => run_async(staff_cmd::list(&args)),
        Command::Staff(StaffCommand::Log(args)) => run_async(staff_cmd::log(&args)),
        Command::Response(ResponseCommand::Check { path, survey }) => {
            survey_cmd::check_response(&path, &survey)
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs an async command on a multi-threaded runtime, with logs on stderr
/// (`RUST_LOG` sets the level; nothing secret is ever logged).
fn run_async(
    command: impl std::future::Future<Output = anyhow::Result<ExitCode>>,
) -> anyhow::Result<ExitCode> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, not in a file or the journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(command)
}
