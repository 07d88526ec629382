//! The survey's rules as first served, so that they cannot change while
//! residents answer.

use sqlx::Row;

use super::{Store, StoreError};

/// What the database says about the rules being served now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesCheck {
    /// The first start: the rules are now recorded.
    Recorded,
    /// The same rules as recorded.
    Same,
    /// Other rules than recorded, first recorded at `recorded_at`: the lines
    /// gone (`- `) and new (`+ `).
    Changed {
        /// When the recorded rules were first served.
        recorded_at: String,
        /// What differs.
        changes: Vec<String>,
    },
}

impl Store {
    /// Records `lines` as the rules of `survey_id` at the first call, and
    /// compares them with the recorded ones at every later call.
    ///
    /// # Errors
    /// A database error.
    pub async fn check_rules(
        &self,
        survey_id: &str,
        lines: &[String],
        now: &str,
    ) -> Result<RulesCheck, StoreError> {
        let _lane = self.writer().await;
        let row = sqlx::query("SELECT rules, recorded_at FROM survey_rules WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            sqlx::query(
                "INSERT INTO survey_rules (survey_id, rules, recorded_at) VALUES ($1, $2, $3)",
            )
            .bind(survey_id)
            .bind(lines.join("\n"))
            .bind(now)
            .execute(&self.pool)
            .await?;
            return Ok(RulesCheck::Recorded);
        };
        let stored: String = row.try_get("rules")?;
        let stored: Vec<String> = stored.lines().map(str::to_string).collect();
        let changes = pwe_core::survey::rules_changes(&stored, lines);
        Ok(if changes.is_empty() {
            RulesCheck::Same
        } else {
            RulesCheck::Changed {
                recorded_at: row.try_get("recorded_at")?,
                changes,
            }
        })
    }
}
