//! Whether the operator has published the results.

use sqlx::Row;

use super::{Store, StoreError};

impl Store {
    /// Records that the results of `survey_id` are published, once; returns
    /// when they were (now, or the earlier time).
    ///
    /// # Errors
    /// A database error.
    pub async fn publish(&self, survey_id: &str, now: &str) -> Result<String, StoreError> {
        let _lane = self.writer().await;
        if let Some(at) = self.published_at(survey_id).await? {
            return Ok(at);
        }
        sqlx::query("INSERT INTO publication (survey_id, published_at) VALUES ($1, $2)")
            .bind(survey_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(now.to_string())
    }

    /// When the results of `survey_id` were published, if they were.
    ///
    /// # Errors
    /// A database error.
    pub async fn published_at(&self, survey_id: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT published_at FROM publication WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("published_at")).transpose()?)
    }

    /// The number of submitted responses (test households left out), which
    /// is what the cached public results depend on.
    ///
    /// # Errors
    /// A database error.
    pub async fn response_count(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM responses WHERE is_test = 0")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }
}
