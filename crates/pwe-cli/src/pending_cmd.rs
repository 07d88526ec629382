//! `pwe codes pending`: whom a reminder letter goes to.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_service::store::Pending;

use crate::service_cmd::DbArgs;

/// The stage of the households to list.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Stage {
    /// Never opened the survey.
    NotStarted,
    /// Did not submit, whether or not they started.
    NotSubmitted,
}

/// Everything `pwe codes pending` is asked to do.
#[derive(Debug, clap::Args)]
pub struct PendingArgs {
    /// Which households: those that never started, or all that did not submit.
    #[arg(long, value_enum)]
    stage: Stage,
    /// Where to write `household_ref,buurt` (references only, never codes).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe codes pending --stage S --out FILE`.
pub async fn run(args: &PendingArgs) -> Result<ExitCode> {
    let store = args.db.store().await?;
    let stage = match args.stage {
        Stage::NotStarted => Pending::NotStarted,
        Stage::NotSubmitted => Pending::NotSubmitted,
    };
    let households = store.pending(stage).await?;
    let mut out = String::from("household_ref,buurt\n");
    for (household_ref, buurt) in &households {
        writeln!(out, "{household_ref},{buurt}").expect("writing to a string");
    }
    // Who has not answered yet narrows later responses to their households:
    // the owner's only, and to be destroyed after the consultation.
    pwe_service::files::write_private(&args.out, out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} household(s) to remind written to {}",
        pwe_core::format::count(
            i64::try_from(households.len()).unwrap_or(i64::MAX),
            pwe_core::Lang::En
        ),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
