//! The code key the database was first used with, by its fingerprint, so
//! that a command run with another key is refused instead of making codes
//! that do not work.

use sqlx::Row;

use super::{Store, StoreError};

/// The key recorded at the database's first use with a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedKey {
    /// `CodeKey::fingerprint` of that key.
    pub fingerprint: String,
    /// Where that key came from (`PWE_CODE_SECRET`, or a file's path).
    pub source: String,
    /// When it was recorded.
    pub recorded_at: String,
}

impl Store {
    /// The recorded key, if any command has used the database with a key.
    ///
    /// # Errors
    /// A database error.
    pub async fn recorded_code_key(&self) -> Result<Option<RecordedKey>, StoreError> {
        let row = sqlx::query("SELECT fingerprint, source, recorded_at FROM code_key WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(RecordedKey {
                fingerprint: row.try_get("fingerprint")?,
                source: row.try_get("source")?,
                recorded_at: row.try_get("recorded_at")?,
            })
        })
        .transpose()
    }

    /// Records `key` unless a key is recorded already, and returns the
    /// recorded one (which may be another, when two commands raced).
    ///
    /// # Errors
    /// A database error.
    pub async fn record_code_key(&self, key: &RecordedKey) -> Result<RecordedKey, StoreError> {
        {
            let _lane = self.writer().await;
            sqlx::query(
                "INSERT INTO code_key (id, fingerprint, source, recorded_at) VALUES (1, $1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&key.fingerprint)
            .bind(&key.source)
            .bind(&key.recorded_at)
            .execute(&self.pool)
            .await?;
        }
        Ok(self
            .recorded_code_key()
            .await?
            .unwrap_or_else(|| key.clone()))
    }
}
