//! `pwe arguments sheet` and the codebook and coded sheets `pwe analyze` reads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pwe_analysis::arguments::codebook::Codebook;
use pwe_analysis::arguments::coding;
use pwe_analysis::arguments::sheet_rows;
use pwe_analysis::load::load;

use crate::survey_cmd;

/// `pwe arguments sheet`.
#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    /// The survey the responses answer.
    #[arg(long)]
    survey: PathBuf,
    /// An export folder made with free text (`pwe export --free-text`).
    #[arg(long)]
    responses: PathBuf,
    /// Where to write the sheet.
    #[arg(long)]
    out: PathBuf,
}

/// The codebook at `path`, else `<survey>.codebook.toml` when it exists.
pub fn load_codebook(survey_path: &Path, path: Option<&Path>) -> Result<Option<Codebook>> {
    let default = survey_path.with_extension("codebook.toml");
    let path = match path {
        Some(path) => path.to_path_buf(),
        None if default.exists() => default,
        None => return Ok(None),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the codebook {}", path.display()))?;
    Ok(Some(Codebook::parse(&text, &path.display().to_string())?))
}

/// Writes the coding sheet.
pub fn sheet(args: &SheetArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let responses = load(&args.responses, &survey).context("reading the responses")?;
    let rows = sheet_rows(&responses, &survey);
    if rows.is_empty() {
        bail!(
            "{} has no motivation texts: export with --free-text (pwe export --free-text, or pwe simulate --free-text)",
            args.responses.display()
        );
    }
    // Motivations are answers: the sheet is the owner's only.
    pwe_service::files::write_private(&args.out, coding::sheet(&rows))
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} motivations written to {} for coding (texts redacted)",
        rows.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
