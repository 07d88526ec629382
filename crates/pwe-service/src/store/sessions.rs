//! Browser sessions and the public results.

use sqlx::Row;

use super::{Store, StoreError};

/// A browser session: its household and the CSRF token of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The household the session belongs to.
    pub household_ref: String,
    /// The token every form post of the session must carry.
    pub csrf: String,
}

impl Store {
    /// Stores a new session under the hash of its token.
    ///
    /// # Errors
    /// A database error.
    pub async fn create_session(
        &self,
        token_hash: &str,
        session: &Session,
        now: &str,
    ) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query("INSERT INTO sessions (token_hash, household_ref, csrf, created_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(&session.household_ref)
            .bind(&session.csrf)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session with this token hash, if it exists.
    ///
    /// # Errors
    /// A database error.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query("SELECT household_ref, csrf FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|row| {
                Ok::<_, sqlx::Error>(Session {
                    household_ref: row.try_get("household_ref")?,
                    csrf: row.try_get("csrf")?,
                })
            })
            .transpose()?)
    }

    /// How many non-test households submitted, and how many chose each option
    /// (at any level), for the public results.
    ///
    /// # Errors
    /// A database error.
    pub async fn option_counts(&self) -> Result<(i64, Vec<(String, i64)>), StoreError> {
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM responses WHERE is_test = 0")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let rows = sqlx::query(
            "SELECT c.option_id, COUNT(*) AS n FROM response_choices c JOIN responses r ON r.response_id = c.response_id \
             WHERE r.is_test = 0 AND c.level > 0 GROUP BY c.option_id ORDER BY c.option_id",
        )
        .fetch_all(&self.pool)
        .await?;
        let counts = rows
            .iter()
            .map(|row| Ok((row.try_get("option_id")?, row.try_get("n")?)))
            .collect::<Result<_, sqlx::Error>>()?;
        Ok((total, counts))
    }
}
