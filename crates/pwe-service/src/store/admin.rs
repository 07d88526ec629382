//! What researchers and the data steward need: progress, the purge, and the
//! follow-up sample.

use sqlx::{Executor, Row};

use super::{Backend, Store, StoreError};

pub use pwe_core::flow::STEPS;

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

/// What the purge removed, and what it found left afterwards.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PurgeReport {
    /// Code hashes removed (households and voided codes).
    pub code_hashes: u64,
    /// Drafts removed.
    pub drafts: u64,
    /// Browser sessions ended.
    pub sessions: u64,
    /// Motivations whose text was removed.
    pub motivations: u64,
    /// Free-text answers removed.
    pub free_text_answers: u64,
    /// Responses whose link to a household (and so to its letter) was removed.
    pub unlinked_responses: u64,
    /// Lines of the audit log that became counts per account and action.
    pub audit_lines: u64,
    /// How the database files were rewritten so that removed data is gone
    /// from them, not only hidden.
    pub erasure: String,
    /// Personal data still found after the purge: always zero, else the purge fails.
    pub remaining: u64,
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

    /// Removes code hashes, sessions, drafts, free text and every link from a
    /// response to its household, then rewrites the database files so that
    /// none of it can be read from them any more; the anonymous answers and
    /// the counts per buurt stay.
    ///
    /// A household keeps its buurt and how far it came, but not when: the
    /// times it started and submitted (equal to its response's) and its
    /// option order (a permutation, nearly unique) would link it back.
    ///
    /// # Errors
    /// A database error, or personal data still found afterwards.
    pub async fn purge(&self) -> Result<PurgeReport, StoreError> {
        let mut report = {
            let _writer = self.writer().await;
            let mut tx = self.pool.begin().await?;
            let mut run = async |sql: &str| -> Result<u64, sqlx::Error> {
                Ok(sqlx::query(sql).execute(&mut *tx).await?.rows_affected())
            };
            let hashes =
                run("UPDATE households SET code_hash = NULL WHERE code_hash IS NOT NULL").await?;
            let voided = run("DELETE FROM voided_codes").await?;
            let sessions = run("DELETE FROM sessions").await?;
            let drafts = run(
                "UPDATE households SET draft = NULL, draft_saved_at = NULL WHERE draft IS NOT NULL",
            )
            .await?;
            run(
                "UPDATE households SET version = NULL, option_order = NULL, \
                 started_at = CASE WHEN started_at IS NULL THEN NULL ELSE 'purged' END, \
                 submitted_at = CASE WHEN submitted_at IS NULL THEN NULL ELSE 'purged' END",
            )
            .await?;
            let unlinked =
                run("UPDATE responses SET household_ref = NULL WHERE household_ref IS NOT NULL")
                    .await?;
            let motivations =
                run("UPDATE response_motivations SET text = NULL WHERE text IS NOT NULL").await?;
            let answers = run(
                "UPDATE response_answers SET value = NULL WHERE is_text = 1 AND value IS NOT NULL",
            )
            .await?;
            let audit_lines = super::staff::shrink_audit(&mut tx).await?;
            tx.commit().await?;
            PurgeReport {
                code_hashes: hashes + voided,
                drafts,
                sessions,
                motivations,
                free_text_answers: answers,
                unlinked_responses: unlinked,
                audit_lines,
                erasure: String::new(),
                remaining: 0,
            }
        };
        report.erasure = self.erase().await?;
        report.remaining = self.personal_data_left().await?;
        if report.remaining > 0 {
            return Err(StoreError::NotErased(report.remaining));
        }
        Ok(report)
    }

    /// Rewrites the database so that removed rows are gone from its files.
    async fn erase(&self) -> Result<String, StoreError> {
        let _writer = self.writer().await;
        match self.backend {
            Backend::Sqlite => {
                // secure_delete (on for every connection) zeroed the freed
                // space; VACUUM rebuilds the file without free pages; the
                // checkpoint copies the WAL into it and truncates the WAL,
                // which held the old pages.
                self.pool.execute("VACUUM").await?;
                let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .fetch_one(&self.pool)
                    .await?;
                let busy: i64 = row.try_get(0)?;
                if busy != 0 {
                    return Err(StoreError::Busy);
                }
                Ok(
                    "SQLite: freed space zeroed (secure_delete), file rebuilt (VACUUM), \
                    write-ahead log emptied (wal_checkpoint TRUNCATE)"
                        .into(),
                )
            }
            Backend::Postgres => {
                // VACUUM FULL writes each table anew and deletes the old files.
                self.pool
                    .execute(
                        "VACUUM FULL households, voided_codes, sessions, responses, \
                         response_motivations, response_answers, audit",
                    )
                    .await?;
                Ok("PostgreSQL: tables rewritten (VACUUM FULL); \
                    the server's WAL and backups still hold old rows until they rotate (docs/security.md)"
                    .into())
            }
        }
    }

    /// Rows that still hold personal data or a link to a household.
    async fn personal_data_left(&self) -> Result<u64, StoreError> {
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM households WHERE code_hash IS NOT NULL OR draft IS NOT NULL OR option_order IS NOT NULL) + \
               (SELECT COUNT(*) FROM voided_codes) + (SELECT COUNT(*) FROM sessions) + \
               (SELECT COUNT(*) FROM responses WHERE household_ref IS NOT NULL) + \
               (SELECT COUNT(*) FROM response_motivations WHERE text IS NOT NULL) + \
               (SELECT COUNT(*) FROM response_answers WHERE is_text = 1 AND value IS NOT NULL) + \
               (SELECT COUNT(*) FROM audit) AS n",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0))
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

/// Which households a reminder goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Never opened the survey.
    NotStarted,
    /// Did not submit (whether or not they started).
    NotSubmitted,
}

impl Store {
    /// The references and buurten of the households (not test, code valid)
    /// at `stage`, by reference: whom a reminder letter goes to. Never codes:
    /// the database has none.
    ///
    /// # Errors
    /// A database error.
    pub async fn pending(&self, stage: Pending) -> Result<Vec<(String, String)>, StoreError> {
        let condition = match stage {
            Pending::NotStarted => "started_at IS NULL",
            Pending::NotSubmitted => "submitted_at IS NULL",
        };
        let rows = sqlx::query(&format!(
            "SELECT household_ref, buurt FROM households \
             WHERE is_test = 0 AND voided_at IS NULL AND {condition} ORDER BY household_ref"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("household_ref")?, row.try_get("buurt")?)))
            .collect()
    }
}

/// How many households of one buurt started and submitted on one day (UTC).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DailyCount {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The buurt code.
    pub buurt: String,
    /// Households that opened the survey that day.
    pub started: i64,
    /// Households that submitted that day.
    pub submitted: i64,
}

impl Store {
    /// Per day and buurt, the households (not test) that started and that
    /// submitted, in date and buurt order: turnout while the consultation is open.
    ///
    /// # Errors
    /// A database error.
    pub async fn daily(&self) -> Result<Vec<DailyCount>, StoreError> {
        let mut days: std::collections::BTreeMap<(String, String), DailyCount> = Default::default();
        for (column, table) in [("started_at", "households"), ("submitted_at", "responses")] {
            let rows = sqlx::query(&format!(
                "SELECT substr({column}, 1, 10) AS day, buurt, COUNT(*) AS n FROM {table} \
                 WHERE is_test = 0 AND {column} IS NOT NULL GROUP BY substr({column}, 1, 10), buurt"
            ))
            .fetch_all(&self.pool)
            .await?;
            for row in rows {
                let day: String = row.try_get("day")?;
                let buurt: String = row.try_get("buurt")?;
                let n: i64 = row.try_get("n")?;
                let entry = days
                    .entry((day.clone(), buurt.clone()))
                    .or_insert(DailyCount {
                        day,
                        buurt,
                        started: 0,
                        submitted: 0,
                    });
                if table == "households" {
                    entry.started += n;
                } else {
                    entry.submitted += n;
                }
            }
        }
        Ok(days.into_values().collect())
    }
}

impl Store {
    /// Submitted responses (not test) per channel, in the order of
    /// [`Channel::ALL`](pwe_core::channel::Channel::ALL); channels without
    /// responses are left out.
    ///
    /// # Errors
    /// A database error.
    pub async fn channels(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT channel, COUNT(*) AS n FROM responses WHERE is_test = 0 GROUP BY channel",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut counts: Vec<(String, i64)> = rows
            .iter()
            .map(|row| Ok((row.try_get("channel")?, row.try_get("n")?)))
            .collect::<Result<_, sqlx::Error>>()?;
        counts.sort_by_key(|(c, _)| pwe_core::channel::Channel::parse(c));
        Ok(counts)
    }
}
