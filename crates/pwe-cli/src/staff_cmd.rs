//! `pwe staff`: the personal accounts of `/beheer` and the researchers' API,
//! and the audit log.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use pwe_service::staff::{self, AccountName, Role};
use pwe_service::store::{AuditEntry, Store};
use pwe_service::timestamp;

use crate::service_cmd::DbArgs;

/// `pwe staff add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The account's name (lower case, e.g. anna.de-vries); an existing
    /// account gets the new role and password, and its sessions end.
    #[arg(long)]
    name: String,
    /// desk (paper and assisted forms), researcher (exports, status) or admin (both, and the audit log).
    #[arg(long)]
    role: String,
    /// Make a strong password and print it once, instead of reading one
    /// line from standard input.
    #[arg(long)]
    generate: bool,
    /// A word list (one word per line) whose words count as guessable; by
    /// default Debian's Dutch list (package wdutch) when installed.
    #[arg(long)]
    word_list: Option<PathBuf>,
    /// The survey, whose organiser's and title's words count as guessable
    /// (the configuration's survey, when there is one).
    #[arg(long, env = "PWE_SURVEY")]
    survey: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe staff remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// The account's name.
    #[arg(long)]
    name: String,
    #[command(flatten)]
    db: DbArgs,
}

/// `pwe staff list` and `pwe staff log`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    db: DbArgs,
}

/// Adds an account (or gives an existing one a new role and password).
pub async fn add(args: &AddArgs) -> Result<ExitCode> {
    let name = AccountName::parse(&args.name)?;
    let role = Role::parse(&args.role).ok_or_else(|| staff::StaffError::Role(args.role.clone()))?;
    let password = if args.generate {
        staff::generate_password()
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    let mut words = staff::word_list(args.word_list.as_deref())?;
    if let Some(survey) = &args.survey {
        words.extend(staff::known_words(&crate::survey_cmd::load(survey)?));
    }
    let mut known: Vec<&str> = vec![name.as_str(), "pwe", "beheer", "gemeente", "raadpleging"];
    known.extend(words.iter().map(String::as_str));
    staff::check_strength(&password, &known)?;
    let hash = staff::hash_password(&password)?;
    let store = args.db.store_or_new().await?;
    let now = timestamp(chrono::Utc::now());
    store.put_staff(&name, role, &hash, &now).await?;
    audit(&store, "staff-add", &format!("{name} ({})", role.code())).await?;
    if args.generate {
        println!("password of {name} (shown once; hand it over in person): {password}");
    }
    println!("account {name} may sign in as {}", role.code());
    Ok(ExitCode::SUCCESS)
}

/// Removes an account and ends its sessions.
pub async fn remove(args: &RemoveArgs) -> Result<ExitCode> {
    let name = AccountName::parse(&args.name)?;
    let store = args.db.store().await?;
    if !store.remove_staff(&name).await? {
        bail!("there is no account {name}; `pwe staff list` shows the accounts");
    }
    audit(&store, "staff-remove", name.as_str()).await?;
    println!("account {name} is removed and its sessions ended");
    Ok(ExitCode::SUCCESS)
}

/// Lists the accounts.
pub async fn list(args: &ListArgs) -> Result<ExitCode> {
    let store = args.db.store().await?;
    let accounts = store.staff().await?;
    if accounts.is_empty() {
        println!("no accounts; add one with: pwe staff add --name NAME --role admin");
    }
    for account in accounts {
        println!(
            "{}\t{}\tsince {}",
            account.name,
            account.role.code(),
            account.created_at
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the audit log, newest first (after the purge: counts).
pub async fn log(args: &ListArgs) -> Result<ExitCode> {
    let store = args.db.store().await?;
    for entry in store.audit_log(i64::MAX).await? {
        println!(
            "{}\t{}\t{}\t{}",
            entry.at, entry.account, entry.action, entry.detail
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Records an operator's command in the audit log, under the shell's user
/// (the one who ran sudo, when there is one).
pub async fn audit(store: &Store, action: &str, detail: &str) -> Result<()> {
    let user = ["SUDO_USER", "USER", "LOGNAME"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(process_owner);
    let entry = AuditEntry::new(chrono::Utc::now(), format!("shell:{user}"), action, detail);
    store
        .audit(&entry)
        .await
        .context("recording the command in the audit log")
}

/// The user id the process runs as, when the shell names no user (a bare
/// root shell, a cron job).
fn process_owner() -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata("/proc/self") {
            return format!("uid {}", meta.uid());
        }
    }
    "unknown".into()
}
