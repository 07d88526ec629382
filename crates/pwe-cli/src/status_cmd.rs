//! `pwe status`: turnout while the consultation is open, for the staff who
//! decide on reminders.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::service_cmd::DbArgs;
use crate::survey_cmd;

/// Everything `pwe status` is asked to do.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The survey being run.
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    /// A population file (CBS layout): then also how representative the
    /// submitted responses are so far.
    #[arg(long, env = "PWE_POPULATION")]
    population: Option<PathBuf>,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long, requires = "population")]
    mapping: Option<PathBuf>,
    /// Print the JSON of `GET /api/admin/status` instead of tables.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe status --survey S`.
pub async fn run(args: &StatusArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let store = args.db.store().await?;
    let population = crate::population_cmd::neighbourhoods(
        &args.survey,
        args.mapping.as_deref(),
        args.population.as_deref(),
    )?;
    let status =
        pwe_service::status::status(&survey, &store, population.as_ref(), chrono::Utc::now())
            .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
    } else {
        print!("{}", pwe_service::status::text(&status));
    }
    Ok(ExitCode::SUCCESS)
}
