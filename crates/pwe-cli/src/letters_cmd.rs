//! `pwe letters`: the letters that carry the codes to the households.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use pwe_service::files::write_private;
use pwe_service::letters::{self, LetterKind, PublicUrl};

use crate::survey_cmd;

/// Everything `pwe letters` is asked to do.
#[derive(Debug, clap::Args)]
pub struct LettersArgs {
    /// The survey file (its [survey.letter] and [survey.contact] give the words).
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    /// The codes file `pwe codes generate` wrote.
    #[arg(long)]
    codes: PathBuf,
    /// The address residents reach the service at; every link and QR code points there.
    #[arg(long, env = "PWE_PUBLIC_URL")]
    public_url: String,
    /// Write reminder letters, only for the households of this pending list
    /// (`pwe codes pending`).
    #[arg(long, value_name = "PENDING_CSV")]
    reminder: Option<PathBuf>,
    /// Where to write the letters (PDF, one A4 page per household).
    #[arg(long)]
    out: PathBuf,
    /// Also write a mail-merge file for a print shop: household_ref,buurt,code,link.
    #[arg(long, value_name = "CSV")]
    merge: Option<PathBuf>,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// `pwe letters --survey S --codes C --public-url U --out PDF`.
pub fn run(args: &LettersArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let url = PublicUrl::parse(&args.public_url)?;
    let codes_file = args.codes.display().to_string();
    let mut addressees = letters::read_codes(&read(&args.codes)?, &codes_file)?;
    let kind = match &args.reminder {
        None => LetterKind::Invitation,
        Some(path) => {
            let pending = letters::read_pending(&read(path)?, &path.display().to_string())?;
            addressees = letters::pending_only(addressees, &pending)?;
            LetterKind::Reminder
        }
    };
    if addressees.is_empty() {
        // Everyone on the list has answered (or the list was empty): a PDF
        // without pages is no file a printer takes.
        println!("no household needs a letter; nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    let pdf = letters::letters_pdf(&survey, &addressees, &url, kind)?;
    write_private(&args.out, pdf).with_context(|| format!("writing {}", args.out.display()))?;
    if let Some(merge) = &args.merge {
        write_private(merge, letters::merge_csv(&addressees, &url))
            .with_context(|| format!("writing {}", merge.display()))?;
    }
    println!(
        "{} {} letter(s) written to {}{}",
        pwe_core::format::count(
            i64::try_from(addressees.len()).unwrap_or(i64::MAX),
            pwe_core::Lang::En
        ),
        match kind {
            LetterKind::Invitation => "invitation",
            LetterKind::Reminder => "reminder",
        },
        args.out.display(),
        args.merge.as_ref().map_or(String::new(), |m| format!(
            " and the mail-merge file to {}",
            m.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// Everything `pwe paper` is asked to do.
#[derive(Debug, clap::Args)]
pub struct PaperArgs {
    /// The survey file.
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    /// The codes file `pwe codes generate` wrote (with each household's version).
    #[arg(long)]
    codes: PathBuf,
    /// The address residents reach the service at, for those who would rather answer online.
    #[arg(long, env = "PWE_PUBLIC_URL")]
    public_url: String,
    /// Only the households of this list (household_ref), e.g. those who asked for a form.
    #[arg(long, value_name = "CSV")]
    only: Option<PathBuf>,
    /// Where to write the forms (PDF, A4, each household's pages together).
    #[arg(long)]
    out: PathBuf,
}

/// `pwe paper --survey S --codes C --public-url U --out PDF`.
pub fn paper(args: &PaperArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let url = PublicUrl::parse(&args.public_url)?;
    let codes_file = args.codes.display().to_string();
    let mut households = letters::read_paper_codes(&read(&args.codes)?, &codes_file, &survey)?;
    if let Some(path) = &args.only {
        let wanted = letters::read_pending(&read(path)?, &path.display().to_string())?;
        let missing: Vec<&String> = wanted
            .iter()
            .filter(|r| !households.iter().any(|h| &h.household_ref == *r))
            .collect();
        if !missing.is_empty() {
            anyhow::bail!(
                "{} names households that are not in {codes_file}: {}",
                path.display(),
                missing
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        households.retain(|h| wanted.contains(&h.household_ref));
    }
    let pdf = letters::paper_pdf(&survey, &households, &url);
    write_private(&args.out, pdf).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{} paper form(s) written to {}, each with its household's version and prices",
        pwe_core::format::count(
            i64::try_from(households.len()).unwrap_or(i64::MAX),
            pwe_core::Lang::En
        ),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
