//! Whether `pwe simulate --db` filled the database, so that its export
//! carries the mark a simulated export has, and nothing made from it passes
//! for residents' answers.

use super::{Store, StoreError};

impl Store {
    /// Marks the database as filled by a simulation with `seed`.
    ///
    /// # Errors
    /// A database error.
    pub async fn mark_simulated(&self, seed: u64, now: &str) -> Result<(), StoreError> {
        let _lane = self.writer().await;
        sqlx::query(
            "INSERT INTO simulated (id, seed, filled_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
        )
        .bind(i64::try_from(seed).unwrap_or(i64::MAX))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Whether a simulation filled the database.
    ///
    /// # Errors
    /// A database error.
    pub async fn is_simulated(&self) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT seed FROM simulated WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }
}
