//! The service's commands: serve, codes, export, the follow-up sample, purge.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use pwe_core::weighting::files::PopulationMapping;
use pwe_service::codes::{self, CodeKey};
use pwe_service::export::{self, ExportOptions};
use pwe_service::store::Store;
use pwe_service::{AppState, Clock, Secret, timestamp};

use crate::{population_cmd, survey_cmd};

/// Where the data lives and the key of the code hashes.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The database: sqlite://FILE (default) or postgres://...
    #[arg(long, env = "PWE_DB", default_value = "sqlite://pwe.sqlite")]
    db: String,
    /// The secret the code hashes are keyed with (at least 32 characters).
    #[arg(long, env = "PWE_CODE_SECRET", hide_env_values = true)]
    code_secret: Option<String>,
    /// A file holding that secret; by default `<sqlite file>.secret`, created when missing.
    #[arg(long, env = "PWE_CODE_SECRET_FILE")]
    code_secret_file: Option<PathBuf>,
}

impl DbArgs {
    async fn store(&self) -> Result<Store> {
        Store::connect(&self.db)
            .await
            .with_context(|| format!("opening the database {}", self.db))
    }

    /// The code key: from the flag or environment, else from a secret file.
    fn code_key(&self) -> Result<CodeKey> {
        code_key_for(
            &self.db,
            self.code_secret.as_deref(),
            self.code_secret_file.as_deref(),
        )
    }
}

/// `pwe serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The survey file.
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    #[command(flatten)]
    db: DbArgs,
    /// The address to listen on.
    #[arg(long, env = "PWE_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The researchers' bearer token; without one the researcher endpoints answer 401.
    #[arg(long, env = "PWE_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// A population file (CBS layout): the public results are then weighted to it.
    #[arg(long)]
    population: Option<PathBuf>,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long, requires = "population")]
    mapping: Option<PathBuf>,
}

/// Starts the service and serves until Ctrl-C.
pub async fn serve(args: &ServeArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let store = args.db.store().await?;
    let code_key = args.db.code_key()?;
    let population_margins = match &args.population {
        None => None,
        Some(path) => {
            let mapping_path = args
                .mapping
                .clone()
                .unwrap_or_else(|| args.survey.with_extension("population.toml"));
            let text = std::fs::read_to_string(&mapping_path).with_context(|| {
                format!("reading the population mapping {}", mapping_path.display())
            })?;
            let mapping = PopulationMapping::parse(&text, &mapping_path.display().to_string())?;
            let population = population_cmd::load(path)?;
            let variables: Vec<String> =
                mapping.variables().iter().map(|v| v.to_string()).collect();
            Some(Arc::new(mapping.margins(
                &population,
                &variables,
                &path.display().to_string(),
            )?))
        }
    };
    let state = AppState {
        survey: Arc::new(survey),
        store,
        code_key,
        admin_token: args.admin_token.clone().map(Secret::new),
        clock: Clock::System,
        attempts: Default::default(),
        population_margins,
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    let addr = listener.local_addr()?;
    println!(
        "pwe serves \"{}\" at http://{addr}/",
        state.survey.meta().title.nl()
    );
    println!("data: {}", args.db.db);
    if state.admin_token.is_none() {
        println!("researcher endpoints are off: set PWE_ADMIN_TOKEN to turn them on");
    }
    pwe_service::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("serving")?;
    Ok(ExitCode::SUCCESS)
}

/// `pwe codes generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The survey the codes are for.
    #[arg(long)]
    survey: PathBuf,
    /// The population file (CBS layout): one code per household of each buurt.
    #[arg(long)]
    households: PathBuf,
    /// Make this many codes per buurt instead of one per household.
    #[arg(long)]
    per_buurt: Option<u32>,
    /// The batch's name (default b1, b2, ...).
    #[arg(long)]
    batch: Option<String>,
    /// Mark the batch as test codes: usable outside the open window, kept out of results.
    #[arg(long)]
    test: bool,
    /// Where to write the codes for the letters; an existing file is never overwritten.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// The key of the code hashes of database `db`: the secret itself, else the
/// secret file, else `<sqlite file>.secret` (created when missing).
pub fn code_key_for(db: &str, secret: Option<&str>, secret_file: Option<&Path>) -> Result<CodeKey> {
    if let Some(secret) = secret {
        return CodeKey::new(secret).context("reading PWE_CODE_SECRET");
    }
    let path = match (secret_file, db.strip_prefix("sqlite://")) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(file)) => {
            PathBuf::from(format!("{}.secret", file.split('?').next().unwrap_or(file)))
        }
        (None, None) => {
            bail!("set PWE_CODE_SECRET (or --code-secret-file) to use a PostgreSQL database")
        }
    };
    let (key, created) = CodeKey::load_or_create(&path)?;
    if created {
        eprintln!(
            "created the code secret {}; keep it with the database: without it no code can be checked",
            path.display()
        );
    }
    Ok(key)
}

/// Makes codes, stores their hashes and writes the codes file.
pub async fn generate(args: &GenerateArgs) -> Result<ExitCode> {
    survey_cmd::load(&args.survey)?;
    if args.out.exists() {
        bail!(
            "{} exists; codes files are never overwritten, choose another --out",
            args.out.display()
        );
    }
    let population = population_cmd::load(&args.households)?;
    let households: Vec<(String, u32)> = population
        .buurten()
        .iter()
        .map(|b| (b.code.clone(), args.per_buurt.unwrap_or(b.households)))
        .collect();
    let store = args.db.store().await?;
    let key = args.db.code_key()?;
    let batch = match &args.batch {
        Some(batch) => batch.clone(),
        None => format!("b{}", store.count_batches().await? + 1),
    };
    let now = timestamp(chrono::Utc::now());
    let generated = codes::generate(&store, &key, &batch, args.test, &households, &now)
        .await
        .with_context(|| format!("storing batch {batch}"))?;
    write_new(&args.out, &codes::codes_csv(&batch, args.test, &generated))?;
    println!(
        "{} {}codes in batch {batch} for {} buurten written to {} (the only copy of the plain codes)",
        generated.len(),
        if args.test { "test " } else { "" },
        households.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

/// `pwe codes void` and `pwe codes reissue`.
#[derive(Debug, clap::Args)]
pub struct CodeRefArgs {
    /// The household's reference, as in the codes file.
    #[arg(long = "ref")]
    household_ref: String,
    /// With reissue: where to write the new code.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
}

/// Voids a household's code.
pub async fn void(args: &CodeRefArgs) -> Result<ExitCode> {
    let store = args.db.store().await?;
    if !store
        .void_code(&args.household_ref, &timestamp(chrono::Utc::now()))
        .await?
    {
        bail!("household {} has no valid code to void", args.household_ref);
    }
    println!("the code of household {} is void", args.household_ref);
    Ok(ExitCode::SUCCESS)
}

/// Voids a household's code (if still valid) and gives it a new one.
pub async fn reissue(args: &CodeRefArgs) -> Result<ExitCode> {
    let out = args
        .out
        .as_ref()
        .context("reissue needs --out FILE for the new code")?;
    if out.exists() {
        bail!("{} exists; choose another --out", out.display());
    }
    let store = args.db.store().await?;
    let key = args.db.code_key()?;
    let household = store
        .household(&args.household_ref)
        .await?
        .with_context(|| format!("no household {}", args.household_ref))?;
    store
        .void_code(&args.household_ref, &timestamp(chrono::Utc::now()))
        .await?;
    let code = codes::random_code();
    if !store
        .reissue_code(&args.household_ref, &key.hash(&code))
        .await?
    {
        bail!(
            "household {} could not be given a new code",
            args.household_ref
        );
    }
    let generated = codes::GeneratedCode {
        household_ref: args.household_ref.clone(),
        buurt: household.buurt,
        code,
    };
    write_new(
        out,
        &codes::codes_csv("reissued", household.is_test, &[generated]),
    )?;
    println!(
        "household {} has a new code in {}; the old one is void",
        args.household_ref,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `pwe export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The survey the responses answer.
    #[arg(long)]
    survey: PathBuf,
    /// The folder to write the export files into.
    #[arg(long)]
    out: PathBuf,
    /// Include motivations' and open answers' text.
    #[arg(long)]
    free_text: bool,
    /// Include test households.
    #[arg(long)]
    test: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Writes the export files.
pub async fn export(args: &ExportArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let store = args.db.store().await?;
    let options = ExportOptions {
        include_free_text: args.free_text,
        include_test: args.test,
    };
    let files = export::export(&store, &survey, options).await?;
    export::write_dir(&files, &args.out)
        .with_context(|| format!("writing the export to {}", args.out.display()))?;
    let n_responses = files[0].1.lines().count().saturating_sub(1);
    println!(
        "{n_responses} responses exported to {}: {}",
        args.out.display(),
        export::FILES.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

/// `pwe evaluation sample`.
#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// How many households to draw.
    #[arg(long)]
    n: usize,
    /// What to stratify by (only `buurt` for now).
    #[arg(long, default_value = "buurt")]
    by: String,
    /// The seed of the draw.
    #[arg(long)]
    seed: u64,
    /// Where to write `household_ref,buurt` of the drawn households.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// Draws the follow-up sample and enables its households' follow-up.
pub async fn sample(args: &SampleArgs) -> Result<ExitCode> {
    if args.by != "buurt" {
        bail!(
            "--by {}: the follow-up sample can only be stratified by buurt",
            args.by
        );
    }
    let store = args.db.store().await?;
    let households = store.submitted_households().await?;
    let drawn = pwe_service::sample::stratified(&households, args.n, args.seed);
    let refs: Vec<String> = drawn.iter().map(|(r, _)| r.clone()).collect();
    store.mark_followup(&refs).await?;
    let mut text = String::from("household_ref,buurt\n");
    for (household_ref, buurt) in &drawn {
        text.push_str(&format!("{household_ref},{buurt}\n"));
    }
    std::fs::write(&args.out, text).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "drew {} of {} participating households (stratified by buurt, seed {}) into {}",
        drawn.len(),
        households.len(),
        args.seed,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `pwe purge`.
#[derive(Debug, clap::Args)]
pub struct PurgeArgs {
    /// The survey, whose retention date decides.
    #[arg(long)]
    survey: PathBuf,
    /// Purge even though the retention date has not passed.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Deletes code hashes and free text once the retention date has passed.
pub async fn purge(args: &PurgeArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let retention = survey.meta().retention_until;
    let today = chrono::Utc::now()
        .with_timezone(&survey.meta().timezone)
        .date_naive();
    if today <= retention && !args.force {
        bail!(
            "the retention date {retention} has not passed; nothing was removed (use --force to purge now)"
        );
    }
    let store = args.db.store().await?;
    let report = store.purge().await?;
    println!(
        "purged: {} code hashes, {} drafts, {} motivation texts, {} free-text answers; the anonymous answers remain",
        report.code_hashes, report.drafts, report.motivations, report.free_text_answers
    );
    Ok(ExitCode::SUCCESS)
}
