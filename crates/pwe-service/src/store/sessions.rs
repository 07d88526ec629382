//! Browser sessions and the public results.

use std::sync::LazyLock;

use pwe_core::channel::Channel;
use sqlx::Row;

use super::Household;
use super::batch::{NewSession, Write};
use super::households::{HOUSEHOLD_COLUMNS, household};
use super::{Store, StoreError};

/// A browser session: its household and the CSRF token of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The household the session belongs to.
    pub household_ref: String,
    /// The token every form post of the session must carry.
    pub csrf: String,
    /// When the code was entered (RFC 3339).
    pub created_at: String,
    /// When the session was last used (RFC 3339).
    pub last_seen_at: String,
    /// How its answers come in: online, or entered by an official (`/beheer`).
    pub channel: Channel,
}

/// A session and its household in one row; the household's columns as
/// `households.rs` reads them.
static SESSION_QUERY: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<String> = HOUSEHOLD_COLUMNS
        .split(", ")
        .map(|column| format!("h.{column}"))
        .collect();
    format!(
        "SELECT {}, s.csrf, s.created_at, COALESCE(s.last_seen_at, s.created_at) AS last_seen_at, s.channel \
         FROM sessions s JOIN households h ON h.household_ref = s.household_ref \
         WHERE s.token_hash = $1 AND h.code_hash IS NOT NULL AND h.voided_at IS NULL",
        columns.join(", ")
    )
});

impl Store {
    /// Stores a new session under the hash of its token, and ends every
    /// session idle since before `idle_before` or created before
    /// `created_before` (both RFC 3339), so expired ones do not pile up.
    ///
    /// # Errors
    /// A database error.
    pub async fn create_session(
        &self,
        token_hash: &str,
        session: &Session,
        idle_before: &str,
        created_before: &str,
    ) -> Result<(), StoreError> {
        self.resident_write(Write::Session(NewSession {
            token_hash: token_hash.to_string(),
            session: session.clone(),
            idle_before: idle_before.to_string(),
            created_before: created_before.to_string(),
        }))
        .await
    }

    /// The session with this token hash and its household, if it exists
    /// and the household's code is still valid (not voided, not replaced,
    /// not purged): one query, since every page asks it.
    ///
    /// # Errors
    /// A database error.
    pub async fn session(
        &self,
        token_hash: &str,
    ) -> Result<Option<(Session, Household)>, StoreError> {
        let Some(row) = sqlx::query(&SESSION_QUERY)
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let household = household(&row)?;
        let session = Session {
            household_ref: household.household_ref.clone(),
            csrf: row.try_get("csrf")?,
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            channel: Channel::parse(&row.try_get::<String, _>("channel")?).unwrap_or_default(),
        };
        Ok(Some((session, household)))
    }

    /// Records that the session was used at `now`.
    ///
    /// # Errors
    /// A database error.
    pub async fn touch_session(&self, token_hash: &str, now: &str) -> Result<(), StoreError> {
        self.resident_write(Write::Touch {
            token_hash: token_hash.to_string(),
            now: now.to_string(),
        })
        .await
    }

    /// Ends one session (logging out, or found expired).
    ///
    /// # Errors
    /// A database error.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.resident_write(Write::End {
            token_hash: token_hash.to_string(),
        })
        .await
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

/// An official's session on `/beheer`: the CSRF token of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSession {
    /// The token every form post of the session must carry.
    pub csrf: String,
    /// The staff account that signed in.
    pub account: String,
    /// When the token was entered (RFC 3339).
    pub created_at: String,
    /// When the session was last used (RFC 3339).
    pub last_seen_at: String,
}

impl Store {
    /// Stores an official's new session under the hash of its token, ending
    /// sessions idle since `idle_before` or created before `created_before`.
    ///
    /// # Errors
    /// A database error.
    pub async fn create_admin_session(
        &self,
        token_hash: &str,
        session: &AdminSession,
        idle_before: &str,
        created_before: &str,
    ) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query("DELETE FROM admin_sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(idle_before)
            .bind(created_before)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO admin_sessions (token_hash, csrf, account, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(&session.csrf)
        .bind(&session.account)
        .bind(&session.created_at)
        .bind(&session.last_seen_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The official's session with this token hash, if any.
    ///
    /// # Errors
    /// A database error.
    pub async fn admin_session(
        &self,
        token_hash: &str,
    ) -> Result<Option<AdminSession>, StoreError> {
        let row = sqlx::query(
            "SELECT csrf, account, created_at, last_seen_at FROM admin_sessions WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|row| {
                Ok::<_, sqlx::Error>(AdminSession {
                    csrf: row.try_get("csrf")?,
                    account: row.try_get("account")?,
                    created_at: row.try_get("created_at")?,
                    last_seen_at: row.try_get("last_seen_at")?,
                })
            })
            .transpose()?)
    }

    /// Records that an official's session was used at `now`.
    ///
    /// # Errors
    /// A database error.
    pub async fn touch_admin_session(&self, token_hash: &str, now: &str) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query("UPDATE admin_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends an official's session.
    ///
    /// # Errors
    /// A database error.
    pub async fn end_admin_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
