//! What researchers and the data steward need: progress, the purge, and the
//! follow-up sample.

use sqlx::{Executor, Row};

use super::{Backend, Store, StoreError};

pub use pwe_core::flow::STEPS;

/// The stage of a household that never started, in [`STAGE`].
const INVITED: &str = "invited";
/// The stage of a household that submitted, in [`STAGE`].
const SUBMITTED: &str = "submitted";
/// A household's stage as SQL over `households`: never started, the
/// furthest step saved, or submitted. The purge keeps only counts of these.
const STAGE: &str = "CASE WHEN submitted_at IS NOT NULL THEN 'submitted' \
     WHEN started_at IS NULL THEN 'invited' ELSE COALESCE(last_step, 'start') END";
/// A stored time cut to its day (`YYYY-MM-DDT00:00:00Z`), as SQL of `column`.
macro_rules! day_of {
    ($column:literal) => {
        concat!("substr(", $column, ", 1, 10) || 'T00:00:00Z'")
    };
}

/// How many rows of `table_where` (a table and its condition) there are.
async fn count(conn: &mut sqlx::AnyConnection, table_where: &str) -> Result<u64, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table_where}"))
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0))
}

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
    /// Receipts erased: none finds a response any more.
    pub receipts: u64,
    /// Households deleted, leaving their counts per buurt and stage.
    pub households: u64,
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
        // Every household's stage, from the households while they exist and
        // from the counts the purge leaves (see `purge`) afterwards.
        let rows = sqlx::query(&format!(
            "SELECT buurt, stage, CAST(SUM(n) AS BIGINT) AS n FROM ( \
               SELECT buurt, {STAGE} AS stage, COUNT(*) AS n FROM households \
               WHERE is_test = 0 AND (voided_at IS NULL OR started_at IS NOT NULL) GROUP BY 1, 2 \
               UNION ALL SELECT buurt, stage, households AS n FROM purged_counts \
             ) AS counts GROUP BY buurt, stage ORDER BY buurt, stage"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut progress: Vec<BuurtProgress> = Vec::new();
        for row in rows {
            let buurt: String = row.try_get("buurt")?;
            let stage: String = row.try_get("stage")?;
            let n: i64 = row.try_get("n")?;
            if progress.last().is_none_or(|p| p.buurt != buurt) {
                progress.push(BuurtProgress {
                    buurt,
                    invited: 0,
                    started: 0,
                    submitted: 0,
                    stopped_at: STEPS.iter().map(|step| (step.to_string(), 0)).collect(),
                });
            }
            let entry = progress.last_mut().expect("pushed above");
            entry.invited += n;
            match stage.as_str() {
                INVITED => {}
                SUBMITTED => {
                    entry.started += n;
                    entry.submitted += n;
                }
                step => {
                    entry.started += n;
                    match entry.stopped_at.iter_mut().find(|(s, _)| s == step) {
                        Some((_, count)) => *count += n,
                        None => entry.stopped_at.push((step.to_string(), n)),
                    }
                }
            }
        }
        Ok(progress)
    }

    /// Removes code hashes, sessions, drafts, free text, receipts and the
    /// households themselves, cuts every stored time to its day, then
    /// rewrites the database files so that none of it can be read from them
    /// any more; the anonymous answers and the counts per buurt stay.
    ///
    /// A household's reference names its letter, so an address: the
    /// households go, leaving per buurt how many reached each stage
    /// (`purged_counts`, by the day they started). Times to the second
    /// would link a response to a log line, a paper form or a session;
    /// to the day they still give turnout by day. `today` (`YYYY-MM-DD`)
    /// is recorded as the day of the purge.
    ///
    /// # Errors
    /// A database error, or personal data still found afterwards.
    pub async fn purge(&self, today: &str) -> Result<PurgeReport, StoreError> {
        let mut report = {
            let _writer = self.writer().await;
            let mut tx = self.pool.begin().await?;
            let hashes = count(&mut tx, "households WHERE code_hash IS NOT NULL").await?;
            let drafts = count(&mut tx, "households WHERE draft IS NOT NULL").await?;
            let mut run = async |sql: &str| -> Result<u64, sqlx::Error> {
                Ok(sqlx::query(sql).execute(&mut *tx).await?.rows_affected())
            };
            let voided = run("DELETE FROM voided_codes").await?;
            let sessions = run("DELETE FROM sessions").await?;
            run("DELETE FROM admin_sessions").await?;
            // Pre-0008 purges left `purged` for a time: no day to keep.
            run(&format!(
                "INSERT INTO purged_counts (buurt, stage, started_on, households) \
                 SELECT buurt, {STAGE}, \
                   CASE WHEN started_at IS NULL OR started_at = 'purged' THEN NULL \
                   ELSE substr(started_at, 1, 10) END, COUNT(*) \
                 FROM households WHERE is_test = 0 AND (voided_at IS NULL OR started_at IS NOT NULL) \
                 GROUP BY 1, 2, 3"
            ))
            .await?;
            let unlinked =
                run("UPDATE responses SET household_ref = NULL WHERE household_ref IS NOT NULL")
                    .await?;
            let households = run("DELETE FROM households").await?;
            // A receipt held by a resident (or a vote-buyer) must find
            // nothing afterwards, not even that an advice arrived.
            let receipts = run("UPDATE responses SET receipt = '' WHERE receipt <> ''").await?;
            run(concat!(
                "UPDATE responses SET started_at = ",
                day_of!("started_at"),
                ", submitted_at = ",
                day_of!("submitted_at")
            ))
            .await?;
            // No other time may be finer either, though none is a household's.
            run("DELETE FROM wrong_codes").await?;
            run(concat!(
                "UPDATE batches SET created_at = ",
                day_of!("created_at")
            ))
            .await?;
            run(concat!(
                "UPDATE survey_rules SET recorded_at = ",
                day_of!("recorded_at")
            ))
            .await?;
            run(concat!(
                "UPDATE code_key SET recorded_at = ",
                day_of!("recorded_at")
            ))
            .await?;
            run(concat!(
                "UPDATE publication SET published_at = ",
                day_of!("published_at")
            ))
            .await?;
            let motivations =
                run("UPDATE response_motivations SET text = NULL WHERE text IS NOT NULL").await?;
            let answers = run(
                "UPDATE response_answers SET value = NULL WHERE is_text = 1 AND value IS NOT NULL",
            )
            .await?;
            run(concat!(
                "UPDATE staff SET created_at = ",
                day_of!("created_at")
            ))
            .await?;
            // `run` borrows the transaction; its last use above ends the borrow.
            let audit_lines = super::staff::shrink_audit(&mut tx).await?;
            sqlx::query(
                "INSERT INTO purged (id, purged_on) VALUES (1, $1) \
                 ON CONFLICT (id) DO UPDATE SET purged_on = excluded.purged_on",
            )
            .bind(today)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            PurgeReport {
                code_hashes: hashes + voided,
                drafts,
                sessions,
                motivations,
                free_text_answers: answers,
                unlinked_responses: unlinked,
                receipts,
                households,
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
                        "VACUUM FULL households, voided_codes, sessions, admin_sessions, \
                         responses, response_motivations, response_answers, wrong_codes, batches, \
                         audit, staff",
                    )
                    .await?;
                Ok("PostgreSQL: tables rewritten (VACUUM FULL); \
                    the server's WAL and backups still hold old rows until they rotate (docs/security.md)"
                    .into())
            }
        }
    }

    /// The day the purge ran (`YYYY-MM-DD`), if it has.
    ///
    /// # Errors
    /// A database error.
    pub async fn purged_on(&self) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT purged_on FROM purged WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("purged_on")).transpose()?)
    }

    /// Rows that still hold personal data, a link to a household, a
    /// receipt or a time finer than a day.
    async fn personal_data_left(&self) -> Result<u64, StoreError> {
        let finer = |column: &str| format!("{column} <> substr({column}, 1, 10) || 'T00:00:00Z'");
        let row = sqlx::query(&format!(
            "SELECT \
               (SELECT COUNT(*) FROM households) + \
               (SELECT COUNT(*) FROM voided_codes) + (SELECT COUNT(*) FROM sessions) + \
               (SELECT COUNT(*) FROM admin_sessions) + \
               (SELECT COUNT(*) FROM responses WHERE household_ref IS NOT NULL OR receipt <> '' \
                  OR {} OR {}) + \
               (SELECT COUNT(*) FROM response_motivations WHERE text IS NOT NULL) + \
               (SELECT COUNT(*) FROM response_answers WHERE is_text = 1 AND value IS NOT NULL) + \
               (SELECT COUNT(*) FROM audit WHERE {}) AS n",
            finer("started_at"),
            finer("submitted_at"),
            finer("at"),
        ))
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
        // Starts from the households while they exist, and from the counts
        // the purge leaves afterwards; submissions from the responses, whose
        // times the purge cuts to the day.
        let started = "SELECT day, buurt, CAST(SUM(n) AS BIGINT) AS n FROM ( \
               SELECT substr(started_at, 1, 10) AS day, buurt, COUNT(*) AS n FROM households \
               WHERE is_test = 0 AND started_at IS NOT NULL AND started_at <> 'purged' GROUP BY 1, 2 \
               UNION ALL SELECT started_on AS day, buurt, households AS n FROM purged_counts \
               WHERE started_on IS NOT NULL \
             ) AS starts GROUP BY day, buurt";
        let submitted = "SELECT substr(submitted_at, 1, 10) AS day, buurt, COUNT(*) AS n \
             FROM responses WHERE is_test = 0 GROUP BY 1, 2";
        for (table, query) in [("households", started), ("responses", submitted)] {
            let rows = sqlx::query(query).fetch_all(&self.pool).await?;
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
