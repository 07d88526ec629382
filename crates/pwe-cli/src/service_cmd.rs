//! The service's commands: serve, codes, export, the follow-up sample, purge.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use pwe_service::code_key::{self, KeyArgs};
use pwe_service::codes::{self, CodeKey};
use pwe_service::config::ServiceConfig;
use pwe_service::export::{self, ExportOptions};
use pwe_service::public_url::PublicUrl;
use pwe_service::store::{RulesCheck, Store};
use pwe_service::{AppState, timestamp};

use crate::{population_cmd, survey_cmd};

/// Where the data lives and the key of the code hashes. The secret itself
/// is read from `PWE_CODE_SECRET` only, never from a flag: a command line
/// is readable by every user in `/proc`.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The database: sqlite://FILE (default) or postgres://...
    #[arg(long, env = "PWE_DB", default_value = "sqlite://pwe.sqlite")]
    db: String,
    /// A file holding the secret the code hashes are keyed with; by default
    /// `<sqlite file>.secret`, made at the database's first use.
    #[arg(long, env = "PWE_CODE_SECRET_FILE")]
    code_secret_file: Option<PathBuf>,
}

impl DbArgs {
    /// The database, which must exist: every command but the first ones of a
    /// consultation works on one, and a mistyped `--db` must not start anew.
    pub(crate) async fn store(&self) -> Result<Store> {
        Store::open(&self.db)
            .await
            .with_context(|| format!("opening the database {}", self.db))
    }

    /// The database, made when it does not exist yet (`serve`, `codes
    /// generate`, `staff add`).
    pub(crate) async fn store_or_new(&self) -> Result<Store> {
        open_store(&self.db).await
    }

    /// The database (made when `may_create`) and its code key, checked
    /// against the key the database was first used with.
    pub(crate) async fn store_with_key(&self, may_create: bool) -> Result<(Store, CodeKey)> {
        let store = if may_create {
            self.store_or_new().await?
        } else {
            self.store().await?
        };
        let key = checked_code_key(&store, &self.db, self.code_secret_file.as_deref()).await?;
        Ok((store, key))
    }
}

/// Opens the database at `db`, made when it does not exist yet.
pub(crate) async fn open_store(db: &str) -> Result<Store> {
    Store::connect(db)
        .await
        .with_context(|| format!("opening the database {db}"))
}

/// The code key of database `db` (`PWE_CODE_SECRET`, else `secret_file`,
/// else `<sqlite file>.secret`), refused when the database was first used
/// with another key.
pub(crate) async fn checked_code_key(
    store: &Store,
    db: &str,
    secret_file: Option<&Path>,
) -> Result<CodeKey> {
    let secret = std::env::var("PWE_CODE_SECRET").ok();
    let args = KeyArgs {
        db,
        secret: secret.as_deref(),
        file: secret_file,
    };
    let checked = code_key::checked_key(store, args, &timestamp(chrono::Utc::now())).await?;
    if let Some(file) = checked.created {
        eprintln!(
            "created the code secret {}; keep it with the database: without it no code can be checked",
            file.display()
        );
    }
    Ok(checked.key)
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
    /// A population file (CBS layout): the public results are then weighted to it.
    #[arg(long, env = "PWE_POPULATION")]
    population: Option<PathBuf>,
    /// How its columns make up the margins (default: <survey>.population.toml).
    #[arg(long, requires = "population")]
    mapping: Option<PathBuf>,
    /// The council's answer (docs/response-format.md), shown on the results page.
    #[arg(long)]
    response: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Records the survey's rules at its first start and refuses to serve other
/// rules later: residents may have answered under the recorded ones. Whether
/// this start recorded them.
async fn refuse_changed_rules(store: &Store, survey: &pwe_core::Survey) -> Result<bool> {
    let id = &survey.meta().id;
    match store
        .check_rules(id, &survey.rules_lines(), &timestamp(chrono::Utc::now()))
        .await?
    {
        RulesCheck::Recorded => return Ok(true),
        RulesCheck::Same => {}
        RulesCheck::Changed {
            recorded_at,
            changes,
        } => bail!(
            "the rules of survey \"{id}\" differ from those served since {recorded_at}, and residents may have answered under those, so pwe will not serve these:\n  {}\nTexts, pages, questions and the closing date may change (edit and restart); to change a rule, start a new consultation with its own survey id and database (docs/deploy.md, \"A longer window\").",
            changes.join("\n  ")
        ),
    }
    Ok(false)
}

/// The limits of `pwe serve`; each defaults to `ServiceConfig::default()`
/// (docs/security.md explains them).
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// The address residents use, e.g. https://pwe.example.nl; with https the
    /// cookies are Secure and every answer carries HSTS.
    #[arg(long, env = "PWE_PUBLIC_URL")]
    public_url: Option<String>,
    /// A reverse proxy whose X-Forwarded-For names the client (repeatable).
    #[arg(
        long = "trusted-proxy",
        value_name = "IP",
        env = "PWE_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<IpAddr>,
    /// A session ends after this long without a request [default: 2h].
    #[arg(long, value_parser = humantime::parse_duration)]
    session_idle: Option<Duration>,
    /// A session ends this long after the code was entered [default: 24h].
    #[arg(long, value_parser = humantime::parse_duration)]
    session_max: Option<Duration>,
    /// Wrong codes one client may type on the pages per window [default: 20].
    #[arg(long)]
    wrong_codes_pages: Option<u32>,
    /// Wrong codes one client may send to the API per window [default: 100].
    #[arg(long)]
    wrong_codes_api: Option<u32>,
    /// The window of those per-client limits [default: 15m].
    #[arg(long, value_parser = humantime::parse_duration)]
    wrong_code_window: Option<Duration>,
    /// Wrong codes the whole service accepts per minute, all instances together [default: 120].
    #[arg(long)]
    wrong_codes_per_minute: Option<u32>,
    /// Request headers must arrive within this; idle connections close after it [default: 10s].
    #[arg(long, value_parser = humantime::parse_duration)]
    header_timeout: Option<Duration>,
    /// A request must be answered within this, its body included [default: 30s].
    #[arg(long, value_parser = humantime::parse_duration)]
    request_timeout: Option<Duration>,
    /// The largest request body in bytes [default: 262144].
    #[arg(long)]
    body_limit: Option<usize>,
    /// Open connections at most [default: 1024].
    #[arg(long)]
    max_connections: Option<usize>,
    /// Open connections at most from one client address (IPv6: its /64);
    /// trusted proxies are not limited [default: 64].
    #[arg(long)]
    max_connections_per_client: Option<usize>,
}

impl LimitArgs {
    fn config(&self) -> Result<ServiceConfig> {
        let default = ServiceConfig::default();
        let public_url = self
            .public_url
            .as_deref()
            .map(PublicUrl::parse)
            .transpose()?;
        Ok(ServiceConfig {
            public_url,
            trusted_proxies: self.trusted_proxies.clone(),
            session_idle: self.session_idle.unwrap_or(default.session_idle),
            session_max: self.session_max.unwrap_or(default.session_max),
            wrong_codes_pages: self.wrong_codes_pages.unwrap_or(default.wrong_codes_pages),
            wrong_codes_api: self.wrong_codes_api.unwrap_or(default.wrong_codes_api),
            wrong_code_window: self.wrong_code_window.unwrap_or(default.wrong_code_window),
            wrong_codes_per_minute: self
                .wrong_codes_per_minute
                .unwrap_or(default.wrong_codes_per_minute),
            header_timeout: self.header_timeout.unwrap_or(default.header_timeout),
            request_timeout: self.request_timeout.unwrap_or(default.request_timeout),
            body_limit: self.body_limit.unwrap_or(default.body_limit),
            max_connections: self.max_connections.unwrap_or(default.max_connections),
            max_connections_per_client: self
                .max_connections_per_client
                .unwrap_or(default.max_connections_per_client),
        })
    }
}

/// Starts the service and serves until Ctrl-C.
pub async fn serve(args: &ServeArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let council = survey_cmd::load_council(args.response.as_deref(), &survey)?;
    let (store, code_key) = args.db.store_with_key(true).await?;
    // Held until the process ends: `pwe purge` refuses while it is.
    let _serving = store.serving_lease().await?;
    let recorded = refuse_changed_rules(&store, &survey).await?;
    let population = crate::population_cmd::neighbourhoods(
        &args.survey,
        args.mapping.as_deref(),
        args.population.as_deref(),
    )?;
    let staff = store.staff().await.context("reading the staff accounts")?;
    let mut state = AppState::new(survey, store, code_key);
    state.population = population.map(Arc::new);
    state.council = council.map(Arc::new);
    state.config = Arc::new(args.limits.config()?);
    state.simulated = state.store.is_simulated().await?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    let addr = listener.local_addr()?;
    println!(
        "pwe serves \"{}\" at http://{addr}/",
        state.survey.meta().title.nl()
    );
    let meta = state.survey.meta();
    let local = |at: chrono::DateTime<chrono::Utc>| {
        let at = at.with_timezone(&meta.timezone);
        format!(
            "{} {}",
            crate::survey_cmd::moment(at.naive_local()),
            at.format("%Z")
        )
    };
    println!(
        "open from {} until {}",
        local(meta.opens),
        local(meta.closes)
    );
    println!("data: {}", args.db.db);
    if recorded {
        println!(
            "rules of \"{}\" recorded: later starts must serve the same options, costs, budgets, versions, targets and groups",
            state.survey.meta().id
        );
    }
    if staff.is_empty() {
        println!(
            "no staff accounts yet: /beheer and the researchers' API let nobody in until one is made with `pwe staff add --name NAME --role admin`"
        );
    } else {
        println!("staff accounts: {}", staff.len());
    }
    pwe_service::serve(listener, state, stop_signal())
        .await
        .context("serving")?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or systemd's SIGTERM: stop accepting and let open requests finish.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// `pwe codes generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The survey the codes are for.
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    /// The population file (CBS layout): one code per household of each buurt.
    #[arg(long, env = "PWE_POPULATION")]
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

/// Makes codes, stores their hashes and writes the codes file.
pub async fn generate(args: &GenerateArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
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
    let (store, key) = args.db.store_with_key(true).await?;
    let batch = match &args.batch {
        Some(batch) => batch.clone(),
        None => format!("b{}", store.count_batches().await? + 1),
    };
    let now = timestamp(chrono::Utc::now());
    let generated = codes::generate(
        &store,
        &key,
        &batch,
        args.test,
        &households,
        Some(&survey),
        &now,
    )
    .await
    .with_context(|| format!("storing batch {batch}"))?;
    write_new(&args.out, &codes::codes_csv(&batch, args.test, &generated))?;
    let detail = format!(
        "batch {batch}: {} {}codes",
        generated.len(),
        if args.test { "test " } else { "" }
    );
    crate::staff_cmd::audit(&store, "codes", &detail).await?;
    println!(
        "{} {}codes in batch {batch} for {} buurten written to {} (the only copy of the plain codes)",
        generated.len(),
        if args.test { "test " } else { "" },
        households.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes a new file that holds codes: readable by its owner only.
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = pwe_service::files::create_private(path)
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
    crate::staff_cmd::audit(&store, "void", &args.household_ref).await?;
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
    let (store, key) = args.db.store_with_key(false).await?;
    let household = store
        .household(&args.household_ref)
        .await?
        .with_context(|| format!("no household {}", args.household_ref))?;
    let code = codes::random_code();
    if !store
        .reissue_code(
            &args.household_ref,
            &key.hash(&code),
            &timestamp(chrono::Utc::now()),
        )
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
        version: household.version,
    };
    write_new(
        out,
        &codes::codes_csv("reissued", household.is_test, &[generated]),
    )?;
    crate::staff_cmd::audit(&store, "reissue", &args.household_ref).await?;
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
    #[arg(long, env = "PWE_SURVEY")]
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
    let mut detail = format!("to {}", args.out.display());
    if args.free_text {
        detail.push_str(", with free text");
    }
    if args.test {
        detail.push_str(", with test households");
    }
    crate::staff_cmd::audit(&store, "export", &detail).await?;
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
    pwe_service::files::write_private(&args.out, text)
        .with_context(|| format!("writing {}", args.out.display()))?;
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
    #[arg(long, env = "PWE_SURVEY")]
    survey: PathBuf,
    /// Purge even though the retention date has not passed.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    db: DbArgs,
}

/// Erases everything personal once the retention date has passed.
pub async fn purge(args: &PurgeArgs) -> Result<ExitCode> {
    let survey = survey_cmd::load(&args.survey)?;
    let store = args.db.store().await?;
    let report = pwe_service::purge::purge(&store, &survey, chrono::Utc::now(), args.force).await?;
    crate::staff_cmd::audit(&store, "purge", "").await?;
    println!(
        "purged: {} code hashes, {} sessions, {} drafts, {} motivation texts, {} free-text answers, \
         {} receipts; {} households deleted (counts per buurt kept); \
         {} responses no longer linked to a household; every time cut to its day",
        report.code_hashes,
        report.sessions,
        report.drafts,
        report.motivations,
        report.free_text_answers,
        report.receipts,
        report.households,
        report.unlinked_responses
    );
    println!(
        "audit log: {} lines became counts per account and action",
        report.audit_lines
    );
    println!("erased: {}", report.erasure);
    println!(
        "verified: no household, code hash, session, draft, free text, receipt, household link or time finer than a day is left; the anonymous answers remain"
    );
    Ok(ExitCode::SUCCESS)
}
