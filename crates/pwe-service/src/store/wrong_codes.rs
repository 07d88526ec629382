//! The global budget of wrong codes, counted per minute: in the database on
//! PostgreSQL, so that every instance sharing it sees the same count, and in
//! memory on SQLite, which one service holds alone (`serving`), so that a
//! resident's login costs no write. No client address is kept: only the
//! minute and the count.

use super::{Backend, Store, StoreError};

/// The minute (`YYYY-MM-DDTHH:MM`) and its count, on SQLite.
pub(super) type MinuteCount = std::sync::Mutex<(String, i64)>;

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
        if self.backend == Backend::Sqlite {
            let mut count = self.wrong_codes.lock().unwrap_or_else(|e| e.into_inner());
            if count.0 != minute {
                *count = (minute.to_string(), 0);
            }
            let reserved = count.1 < budget;
            count.1 += i64::from(reserved);
            return Ok(reserved);
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
        if self.backend == Backend::Sqlite {
            let mut count = self.wrong_codes.lock().unwrap_or_else(|e| e.into_inner());
            if count.0 == minute {
                count.1 = (count.1 - 1).max(0);
            }
            return Ok(());
        }
        let _writer = self.writer().await;
        sqlx::query("UPDATE wrong_codes SET n = n - 1 WHERE minute = $1 AND n > 0")
            .bind(minute)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
