//! Whether a `pwe serve` holds the database, so that the purge never runs
//! under a service still answering residents: each service holds a shared
//! lock for as long as it runs, the purge an exclusive one. On SQLite the
//! lock is the operating system's (`flock`) on the database file, which
//! SQLite's own (`fcntl`) locks do not see; on PostgreSQL it is an advisory
//! lock on a connection of its own. Both end with the process.

use std::fs::{File, TryLockError};
use std::path::PathBuf;

use sqlx::Row;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};

use super::{Backend, Store, StoreError};

/// The advisory lock's key on PostgreSQL ("pwe" and a one).
const ADVISORY_KEY: i64 = 0x7077_6500_0001;

/// Held while it lives: the database is served (shared) or purged (exclusive).
#[derive(Debug)]
pub struct Lease {
    _held: Held,
}

#[derive(Debug)]
#[expect(dead_code, reason = "kept for its lock, which ends when it is dropped")]
enum Held {
    File(File),
    Connection(AnyConnection),
    /// An in-memory SQLite database: no other process can reach it.
    Nothing,
}

#[derive(Clone, Copy)]
enum Mode {
    /// Several services on one PostgreSQL database.
    Shared,
    /// The one service SQLite takes (its writes are queued in one process).
    Serving,
    /// The purge.
    Exclusive,
}

impl Store {
    /// The lease of a running service: on PostgreSQL others may serve beside
    /// it (several instances), on SQLite none may (one process queues its
    /// writes); a purge may not.
    ///
    /// # Errors
    /// [`StoreError::InUse`] while a purge (or, on SQLite, another service)
    /// holds the database; the database fails.
    pub async fn serving_lease(&self) -> Result<Lease, StoreError> {
        match self.backend {
            Backend::Sqlite => self.lease(Mode::Serving).await,
            Backend::Postgres => self.lease(Mode::Shared).await,
        }
    }

    /// The purge's lease: refused while any service holds the database.
    ///
    /// # Errors
    /// [`StoreError::InUse`] while a service holds it; the database fails.
    pub async fn exclusive_lease(&self) -> Result<Lease, StoreError> {
        self.lease(Mode::Exclusive).await
    }

    async fn lease(&self, mode: Mode) -> Result<Lease, StoreError> {
        let held = match self.backend {
            Backend::Sqlite => match &self.sqlite_path {
                Some(path) => Held::File(lock_file(path, mode)?),
                None => Held::Nothing,
            },
            Backend::Postgres => {
                let connection: PoolConnection<Any> = self.pool.acquire().await?;
                let mut connection = connection.detach();
                let sql = match mode {
                    Mode::Shared => "SELECT pg_try_advisory_lock_shared($1) AS got",
                    Mode::Serving | Mode::Exclusive => "SELECT pg_try_advisory_lock($1) AS got",
                };
                let row = sqlx::query(sql)
                    .bind(ADVISORY_KEY)
                    .fetch_one(&mut connection)
                    .await?;
                if !row.try_get::<bool, _>("got")? {
                    return Err(in_use(mode));
                }
                Held::Connection(connection)
            }
        };
        Ok(Lease { _held: held })
    }
}

fn lock_file(path: &PathBuf, mode: Mode) -> Result<File, StoreError> {
    let file = File::open(path).map_err(|source| StoreError::File {
        path: path.display().to_string(),
        source,
    })?;
    let locked = match mode {
        Mode::Shared => file.try_lock_shared(),
        Mode::Serving | Mode::Exclusive => file.try_lock(),
    };
    match locked {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(in_use(mode)),
        Err(TryLockError::Error(source)) => Err(StoreError::File {
            path: path.display().to_string(),
            source,
        }),
    }
}

fn in_use(mode: Mode) -> StoreError {
    StoreError::InUse(match mode {
        Mode::Shared => "a purge is running on this database; start the service when it is done",
        Mode::Serving => {
            "another process holds this SQLite database: a pwe serve already runs on it (SQLite takes one instance; several need PostgreSQL, docs/deploy.md), or a purge; stop it first"
        }
        Mode::Exclusive => {
            "a service (pwe serve) is using this database; stop it first (systemctl stop pwe@<instance>), then purge"
        }
    })
}
