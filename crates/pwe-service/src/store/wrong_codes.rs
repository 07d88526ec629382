//! The global budget of wrong codes, counted per minute in the database so
//! that every instance sharing it sees the same count. No client address is
//! stored: only the minute and the count.

use sqlx::Row;

use super::{Store, StoreError};

impl Store {
    /// How many wrong codes were counted in `minute` (`YYYY-MM-DDTHH:MM`).
    ///
    /// # Errors
    /// A database error.
    pub async fn wrong_codes_in(&self, minute: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT n FROM wrong_codes WHERE minute = $1")
            .bind(minute)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("n")).transpose()?.unwrap_or(0))
    }

    /// Counts one wrong code in `minute`, and forgets minutes before it.
    ///
    /// # Errors
    /// A database error.
    pub async fn count_wrong_code(&self, minute: &str) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query(
            "INSERT INTO wrong_codes (minute, n) VALUES ($1, 1) \
             ON CONFLICT (minute) DO UPDATE SET n = wrong_codes.n + 1",
        )
        .bind(minute)
        .execute(&self.pool)
        .await?;
        sqlx::query("DELETE FROM wrong_codes WHERE minute < $1")
            .bind(minute)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
