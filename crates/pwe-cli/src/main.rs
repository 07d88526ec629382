//! The `pwe` command: parses arguments and calls into the crates, nothing else.

mod population_cmd;
mod survey_cmd;
mod weight_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Participatory Value Evaluation: surveys, responses and analysis.
#[derive(Debug, Parser)]
#[command(name = "pwe", version, about)]
struct Cli {
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
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
