//! What researchers and the data steward need: progress, the purge, and the
//! follow-up sample.

use sqlx::Row;

use super::{Store, StoreError};

/// The steps a household passes, in order; a draft records the furthest.
pub const STEPS: [&str; 7] = [
    "start",
    "info",
    "choice",
    "motivation",
    "background",
    "evaluation",
    "confirm",
];

/// How far the households of one buurt have come.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BuurtProgress {
    /// The buurt code.
    pub buurt: String,
    /// Households with a valid code (not test).
    pub invited: i64,
    /// Households that opened the survey.
    pub started: i64,
    /// Households that submitted.
    pub submitted: i64,
    /// Households that started but did not submit, by the furthest step saved.
    pub stopped_at: Vec<(String, i64)>,
}

/// What the purge removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PurgeReport {
    /// Code hashes removed (households and voided codes).
    pub code_hashes: u64,
    /// Drafts removed.
    pub drafts: u64,
    /// Motivations whose text was removed.
    pub motivations: u64,
    /// Free-text answers removed.
    pub free_text_answers: u64,
}

impl Store {
    /// Progress per buurt, without test households.
    ///
    /// # Errors
    /// A database error.
    pub async fn progress(&self) -> Result<Vec<BuurtProgress>, StoreError> {
        let rows = sqlx::query(
            "SELECT buurt, \
                COUNT(*) AS invited, \
                COUNT(started_at) AS started, \
                COUNT(submitted_at) AS submitted \
             FROM households WHERE is_test = 0 AND (voided_at IS NULL OR started_at IS NOT NULL) \
             GROUP BY buurt ORDER BY buurt",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut progress = Vec::new();
        for row in rows {
            progress.push(BuurtProgress {
                buurt: row.try_get("buurt")?,
                invited: row.try_get("invited")?,
                started: row.try_get("started")?,
                submitted: row.try_get("submitted")?,
                stopped_at: STEPS.iter().map(|step| (step.to_string(), 0)).collect(),
            });
        }
        let rows = sqlx::query(
            "SELECT buurt, last_step, COUNT(*) AS n FROM households \
             WHERE is_test = 0 AND started_at IS NOT NULL AND submitted_at IS NULL \
             GROUP BY buurt, last_step",
        )
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let buurt: String = row.try_get("buurt")?;
            let step: Option<String> = row.try_get("last_step")?;
            let n: i64 = row.try_get("n")?;
            if let Some(entry) = progress.iter_mut().find(|p| p.buurt == buurt) {
                let step = step.unwrap_or_else(|| "start".into());
                match entry.stopped_at.iter_mut().find(|(s, _)| *s == step) {
                    Some((_, count)) => *count += n,
                    None => entry.stopped_at.push((step, n)),
                }
            }
        }
        Ok(progress)
    }

    /// Removes code hashes, drafts and free text; the anonymous answers stay.
    ///
    /// # Errors
    /// A database error.
    pub async fn purge(&self) -> Result<PurgeReport, StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        let hashes =
            sqlx::query("UPDATE households SET code_hash = NULL WHERE code_hash IS NOT NULL")
                .execute(&mut *tx)
                .await?;
        let voided = sqlx::query("DELETE FROM voided_codes")
            .execute(&mut *tx)
            .await?;
        // Sessions would let a browser in without the code; they go too.
        sqlx::query("DELETE FROM sessions")
            .execute(&mut *tx)
            .await?;
        let drafts = sqlx::query("UPDATE households SET draft = NULL WHERE draft IS NOT NULL")
            .execute(&mut *tx)
            .await?;
        let motivations =
            sqlx::query("UPDATE response_motivations SET text = NULL WHERE text IS NOT NULL")
                .execute(&mut *tx)
                .await?;
        let answers = sqlx::query(
            "UPDATE response_answers SET value = NULL WHERE is_text = 1 AND value IS NOT NULL",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(PurgeReport {
            code_hashes: hashes.rows_affected() + voided.rows_affected(),
            drafts: drafts.rows_affected(),
            motivations: motivations.rows_affected(),
            free_text_answers: answers.rows_affected(),
        })
    }

    /// Submitted, non-test households by buurt: (household_ref, buurt), ordered.
    ///
    /// # Errors
    /// A database error.
    pub async fn submitted_households(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT household_ref, buurt FROM households WHERE is_test = 0 AND submitted_at IS NOT NULL ORDER BY household_ref",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("household_ref")?, row.try_get("buurt")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// Marks households as drawn for the follow-up evaluation.
    ///
    /// # Errors
    /// A database error.
    pub async fn mark_followup(&self, refs: &[String]) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        for household_ref in refs {
            sqlx::query("UPDATE households SET followup = 1 WHERE household_ref = $1")
                .bind(household_ref)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
