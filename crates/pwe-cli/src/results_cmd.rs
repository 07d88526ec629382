//! `pwe results publish`: the public results page shows the results from now on.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use pwe_service::timestamp;

use crate::service_cmd::DbArgs;
use crate::survey_cmd;

/// Everything `pwe results publish` is asked to do.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The survey whose results to publish.
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe results publish --survey S`.
pub async fn publish(args: &PublishArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let meta = survey.meta();
    let now = chrono::Utc::now();
    if now < meta.closes {
        bail!(
            "the consultation is open until {}: results are published after the close",
            crate::survey_cmd::moment(meta.closes.with_timezone(&meta.timezone).naive_local())
        );
    }
    let store = args.db.store().await?;
    let at = store.publish(&meta.id, &timestamp(now)).await?;
    crate::staff_cmd::audit(&store, "publish", &meta.id).await?;
    println!(
        "the results of \"{}\" are public on /results (published {at})",
        meta.id
    );
    Ok(ExitCode::SUCCESS)
}
