//! The database: SQLite (a file in WAL mode) by default, PostgreSQL for scale,
//! through one code path (sqlx's `Any` driver, `$1` placeholders, which both
//! understand). Migrations are embedded and applied at start-up.
//!
//! Layout: `households` (codes, versions, drafts), `responses` (submissions and
//! what the export reads), `admin` (progress, purge, follow-up sample).

mod admin;
mod batch;
mod code_key;
mod group;
mod households;
mod migrations;
mod publication;
mod responses;
mod rules;
mod serving;
mod sessions;
mod simulated;
mod staff;
mod wrong_codes;

use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use tokio::sync::{Mutex, MutexGuard};

pub use admin::STEPS;
pub use admin::{BuurtProgress, DailyCount, Pending, PurgeReport};
pub use code_key::RecordedKey;
pub use households::{CodeLookup as CodeLookupResult, Household, NewHousehold};
pub use responses::{ExportRows, NewResponse};
pub use rules::RulesCheck;
pub use serving::Lease;
pub use sessions::{AdminSession, Session};
pub use staff::{AuditEntry, StaffAccount};

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("the database URL must start with sqlite: or postgres:, found \"{0}\"")]
    UnsupportedUrl(String),
    /// The household already has a submitted response.
    #[error("this household has already submitted its response")]
    AlreadySubmitted,
    /// Another process holds the SQLite file, so its log could not be emptied.
    #[error(
        "the database is in use by another process (is pwe serve still running?); stop it and purge again"
    )]
    Busy,
    /// A service holds the database while a purge would run, or the reverse.
    #[error("{0}")]
    InUse(&'static str),
    /// The purge found personal data left afterwards.
    #[error("after the purge {0} row(s) still hold personal data")]
    NotErased(u64),
    /// A command that works on an existing consultation found no SQLite file.
    #[error(
        "there is no database at {0}: check --db (or `db` in the configuration); a mistyped name would start an empty consultation. `pwe serve` and `pwe codes generate` make a new one"
    )]
    Missing(String),
    /// A migration failed.
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The SQLite file could not be created.
    #[error("creating the database file {path}: {source}")]
    File {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Any other database error.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool to the service's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time and makes the others sleep and retry
    /// (in steps of up to 100 ms); queueing writers here instead keeps latency
    /// even under load. PostgreSQL handles concurrent writers itself.
    sqlite_writer: Arc<Mutex<()>>,
    /// The group-commit writer of residents' writes, on SQLite.
    write_queue: Option<batch::WriteQueue>,
    /// The wrong-code budget's minute and count on SQLite (`wrong_codes`).
    wrong_codes: Arc<wrong_codes::MinuteCount>,
    /// The SQLite file (none in memory): its lock says who holds it (`serving`).
    sqlite_path: Option<std::path::PathBuf>,
}

impl Store {
    /// Connects to the database at `url`, which must exist already: a SQLite
    /// file that is not there is refused ([`StoreError::Missing`]) instead of
    /// made empty, so that a mistyped name is noticed.
    ///
    /// # Errors
    /// As [`Store::connect`], and a missing SQLite file.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        if let Some(path) = url.strip_prefix("sqlite:").and_then(sqlite_file)
            && !path.exists()
        {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        Store::connect(url).await
    }

    /// Connects to `url`, creating a SQLite file when needed, and applies the migrations.
    ///
    /// # Errors
    /// An unsupported URL, a database that cannot be reached, or a failed migration.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let mut sqlite_path = None;
        let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite:") {
            sqlite_path = sqlite_file(rest);
            create_private(rest)?;
            // mode=rwc creates the file on first use.
            let url = if rest.contains("mode=") {
                url.to_string()
            } else if rest.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = match backend {
            Backend::Sqlite => sqlite_pool(options.clone(), 8).await?,
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .connect_with(options.clone())
                    .await?
            }
        };
        migrations::migrator(backend).await?.run(&pool).await?;
        let sqlite_writer = Arc::new(Mutex::new(()));
        // The writer has a connection of its own: in a burst, readers hold
        // every pooled one, and the writer everyone waits for would queue
        // behind them.
        let write_queue = match backend {
            Backend::Sqlite => Some(batch::WriteQueue::start(
                sqlite_pool(options, 1).await?,
                sqlite_writer.clone(),
            )?),
            Backend::Postgres => None,
        };
        Ok(Store {
            pool,
            backend,
            sqlite_writer,
            write_queue,
            wrong_codes: Arc::default(),
            sqlite_path,
        })
    }

    /// Waits for the write lane on SQLite (see `sqlite_writer`); on PostgreSQL
    /// there is nothing to wait for.
    async fn writer(&self) -> Option<MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.lock().await),
            Backend::Postgres => None,
        }
    }

    /// Does a resident's write: on SQLite in the writer task's next group
    /// commit, on PostgreSQL in a transaction of its own.
    async fn resident_write(&self, write: batch::Write) -> Result<(), StoreError> {
        match &self.write_queue {
            Some(queue) => queue.send(write).await,
            None => batch::write_alone(&self.pool, &write).await,
        }
    }

    /// The database behind the store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A pool of at most `max` connections to a SQLite file.
async fn sqlite_pool(options: AnyConnectOptions, max: u32) -> Result<AnyPool, StoreError> {
    Ok(AnyPoolOptions::new()
        .max_connections(max)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // WAL lets readers work while one writer commits; the busy
                // timeout makes concurrent writers wait instead of failing.
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA synchronous = NORMAL").await?;
                // Deleted and overwritten content is zeroed, not
                // left in free space (drafts, and the purge).
                conn.execute("PRAGMA secure_delete = ON").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// `($1, $2, ...), ($k+1, ...)`: placeholders for `rows` rows of `columns` values.
fn values_placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let cells: Vec<String> = (1..=columns)
                .map(|col| format!("${}", row * columns + col))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Creates the SQLite file of `rest` (what follows `sqlite:`) readable by its
/// owner only, when it does not exist yet: it holds drafts and answers, and
/// SQLite gives its log files the same permissions.
fn create_private(rest: &str) -> Result<(), StoreError> {
    let Some(path) = sqlite_file(rest) else {
        return Ok(());
    };
    if path.exists() {
        return Ok(());
    }
    crate::files::create_private(&path)
        .map(drop)
        .map_err(|source| StoreError::File {
            path: path.display().to_string(),
            source,
        })
}

/// The file of a SQLite URL's `rest` (what follows `sqlite:`); none for an
/// in-memory database.
fn sqlite_file(rest: &str) -> Option<std::path::PathBuf> {
    let path = rest
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && !path.starts_with(':')).then(|| path.into())
}
