//! Which code key a command uses, checked against the key the database was
//! first used with. An operator's shell without the service's secret would
//! otherwise make a second secret and print letters whose codes never work.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::codes::{CodeKey, SecretError};
use crate::store::{RecordedKey, Store, StoreError};

/// Where a command's code key comes from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// The secret itself, in the environment variable `PWE_CODE_SECRET`.
    Environment,
    /// A file holding the secret.
    File(PathBuf),
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Environment => f.write_str("PWE_CODE_SECRET"),
            KeySource::File(path) => write!(f, "the file {}", path.display()),
        }
    }
}

/// What a command was given to find its key.
#[derive(Debug, Clone, Copy)]
pub struct KeyArgs<'a> {
    /// The database's URL (`sqlite://FILE` or `postgres://…`).
    pub db: &'a str,
    /// The secret from `PWE_CODE_SECRET`, if set.
    pub secret: Option<&'a str>,
    /// `--code-secret-file` (or `code_secret_file` in the configuration).
    pub file: Option<&'a Path>,
}

/// Why a command may not use its code key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The secret cannot be read or is too short.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// PostgreSQL has no file beside it to keep a secret in.
    #[error(
        "no code key: set PWE_CODE_SECRET, or code_secret_file in the configuration (--config), to use a PostgreSQL database"
    )]
    NoneForPostgres,
    /// The database was used with a key, and this command has none.
    #[error(
        "the database {db} has been used since {} with the code key from {}, but this command has no key: PWE_CODE_SECRET is not set and {} does not exist. A new secret would make codes that do not work, so none was made. Run the command with the service's configuration: pwe --config FILE … (docs/deploy.md, \"One configuration\").",
        recorded.recorded_at, recorded.source, file.display()
    )]
    Missing {
        /// The database.
        db: String,
        /// The key it was first used with.
        recorded: RecordedKey,
        /// The file this command looked for.
        file: PathBuf,
    },
    /// The database was used with another key.
    #[error(
        "the database {db} has been used since {} with the code key from {} (fingerprint {}), and this command's key from {from} is another one (fingerprint {fingerprint}). Codes made or checked with it would not work. Run the command with the service's configuration and nothing that overrides it (a --code-secret-file flag or a PWE_CODE_SECRET or PWE_CODE_SECRET_FILE variable wins over the file): pwe --config FILE … (docs/deploy.md, \"One configuration\").",
        recorded.recorded_at, recorded.source, recorded.fingerprint
    )]
    Different {
        /// The database.
        db: String,
        /// The key it was first used with.
        recorded: RecordedKey,
        /// Where this command's key came from.
        from: KeySource,
        /// This command's key's fingerprint.
        fingerprint: String,
    },
    /// The database could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A command's code key, checked against the database's.
#[derive(Debug)]
pub struct CheckedKey {
    /// The key.
    pub key: CodeKey,
    /// The secret file this call created (the database's first use with a
    /// key, without a secret given): it must be kept with the database.
    pub created: Option<PathBuf>,
}

/// The key of `args`: `PWE_CODE_SECRET`, else the secret file, else
/// `<sqlite file>.secret`, created only when the database has never been
/// used with a key. The first key used is recorded; another is refused.
///
/// # Errors
/// [`KeyError`], each naming both keys' sources where there are two.
pub async fn checked_key(
    store: &Store,
    args: KeyArgs<'_>,
    now: &str,
) -> Result<CheckedKey, KeyError> {
    let recorded = store.recorded_code_key().await?;
    let (key, source, created) = match (args.secret, args.file) {
        (Some(secret), _) => (CodeKey::new(secret)?, KeySource::Environment, None),
        (None, Some(file)) => (CodeKey::load(file)?, KeySource::File(file.into()), None),
        (None, None) => {
            let file = beside_sqlite(args.db).ok_or(KeyError::NoneForPostgres)?;
            match (&recorded, file.exists()) {
                (Some(recorded), false) => {
                    return Err(KeyError::Missing {
                        db: args.db.to_string(),
                        recorded: recorded.clone(),
                        file,
                    });
                }
                _ => {
                    let (key, created) = CodeKey::load_or_create(&file)?;
                    let created = created.then(|| file.clone());
                    (key, KeySource::File(file), created)
                }
            }
        }
    };
    let fingerprint = key.fingerprint();
    let recorded = match recorded {
        Some(recorded) => recorded,
        None => {
            store
                .record_code_key(&RecordedKey {
                    fingerprint: fingerprint.clone(),
                    source: source.to_string(),
                    recorded_at: now.to_string(),
                })
                .await?
        }
    };
    if recorded.fingerprint != fingerprint {
        return Err(KeyError::Different {
            db: args.db.to_string(),
            recorded,
            from: source,
            fingerprint,
        });
    }
    Ok(CheckedKey { key, created })
}

/// `<file>.secret` beside a SQLite database's file.
fn beside_sqlite(db: &str) -> Option<PathBuf> {
    let file = db.strip_prefix("sqlite://")?;
    Some(PathBuf::from(format!(
        "{}.secret",
        file.split('?').next().unwrap_or(file)
    )))
}
