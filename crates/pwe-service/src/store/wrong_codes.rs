//! The global budget of wrong codes, counted per minute in the database so
//! that every instance sharing it sees the same count. No client address is
//! stored: only the minute and the count.

use super::{Store, StoreError};

impl Store {
    /// Reserves one wrong code of `budget` in `minute` (`YYYY-MM-DDTHH:MM`),
    /// in one statement, so that concurrent guesses on any instance cannot
    /// all pass a count read before any of them is counted: `false` when the
    /// minute's budget is used up. Forgets minutes before it. A guess that
    /// turns out right (or malformed) gives its reservation back with
    /// [`Store::refund_wrong_code`].
    ///
    /// # Errors
    /// A database error.
    pub async fn reserve_wrong_code(&self, minute: &str, budget: i64) -> Result<bool, StoreError> {
        if budget <= 0 {
            return Ok(false);
        }
        let _writer = self.writer().await;
        let reserved = sqlx::query(
            "INSERT INTO wrong_codes (minute, n) VALUES ($1, 1) \
             ON CONFLICT (minute) DO UPDATE SET n = wrong_codes.n + 1 WHERE wrong_codes.n < $2 \
             RETURNING n",
        )
        .bind(minute)
        .bind(budget)
        .fetch_optional(&self.pool)
        .await?
        .is_some();
        sqlx::query("DELETE FROM wrong_codes WHERE minute < $1")
            .bind(minute)
            .execute(&self.pool)
            .await?;
        Ok(reserved)
    }

    /// Gives back a reservation of [`Store::reserve_wrong_code`] in `minute`.
    ///
    /// # Errors
    /// A database error.
    pub async fn refund_wrong_code(&self, minute: &str) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query("UPDATE wrong_codes SET n = n - 1 WHERE minute = $1 AND n > 0")
            .bind(minute)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
