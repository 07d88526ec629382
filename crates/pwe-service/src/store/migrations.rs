//! The schema's migrations, embedded in the binary.
//!
//! Listed by hand rather than with `sqlx::migrate!`: the macro needs sqlx's
//! proc-macro crate, which compiles both database drivers (and SQLite's C
//! source) a second time for the host, several minutes of every clean build.
//! The checksums are the macro's (SHA-384 of the file), so databases migrated
//! by either agree.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use super::Backend;

/// One migration: its number, its name and its SQL for each database.
struct Step {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// A migration from its number, its file's number prefix and its name:
/// `migrations/<backend>/<prefix>_<name>.sql`.
macro_rules! step {
    ($version:literal, $prefix:literal, $name:literal) => {
        Step {
            version: $version,
            description: $name,
            sqlite: include_str!(concat!(
                "../../migrations/sqlite/",
                $prefix,
                "_",
                $name,
                ".sql"
            )),
            postgres: include_str!(concat!(
                "../../migrations/postgres/",
                $prefix,
                "_",
                $name,
                ".sql"
            )),
        }
    };
}

/// Every migration in order. A shipped migration is never edited; add a new one.
const STEPS: &[Step] = &[
    step!(1, "0001", "initial"),
    step!(2, "0002", "sessions"),
    step!(3, "0003", "go_live"),
    step!(4, "0004", "receipts"),
    step!(5, "0005", "rules"),
    step!(6, "0006", "publication"),
    step!(7, "0007", "beheer"),
    step!(8, "0008", "unlinking"),
    step!(9, "0009", "staff"),
    step!(10, "0010", "code_key"),
    step!(11, "0011", "simulated"),
];

/// The migrations of one database, as sqlx's migrator reads them.
#[derive(Debug)]
struct Embedded(Backend);

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        let migrations = STEPS
            .iter()
            .map(|step| {
                let sql = match self.0 {
                    Backend::Sqlite => step.sqlite,
                    Backend::Postgres => step.postgres,
                };
                Migration::new(
                    step.version,
                    Cow::Borrowed(step.description),
                    MigrationType::Simple,
                    Cow::Borrowed(sql),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

/// The migrator of `backend`'s schema.
pub(super) async fn migrator(backend: Backend) -> Result<Migrator, sqlx::migrate::MigrateError> {
    Migrator::new(Embedded(backend)).await
}
