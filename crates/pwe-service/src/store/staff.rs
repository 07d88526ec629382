//! Staff accounts and the audit log (migration 0009).

use sqlx::{Any, Row, Transaction};

use super::{Store, StoreError};
use crate::staff::{AccountName, Role};

/// A stored account, without its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    /// The name it signs in with.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// When it was made (RFC 3339).
    pub created_at: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// When (RFC 3339; after the purge, none: only counts are left).
    pub at: String,
    /// The account, or `shell:<user>` for an operator's command.
    pub account: String,
    /// What was done (a code such as `sign-in` or `export`).
    pub action: String,
    /// Which file, which channel, which household's form.
    pub detail: String,
}

impl AuditEntry {
    /// A line saying that `account` did `action` (with `detail`) at `at`.
    pub fn new(
        at: chrono::DateTime<chrono::Utc>,
        account: impl Into<String>,
        action: &str,
        detail: &str,
    ) -> AuditEntry {
        AuditEntry {
            at: crate::timestamp(at),
            account: account.into(),
            action: action.to_string(),
            detail: detail.to_string(),
        }
    }
}

impl Store {
    /// Adds an account, or replaces the role and password of one with this name.
    ///
    /// # Errors
    /// A database error.
    pub async fn put_staff(
        &self,
        name: &AccountName,
        role: Role,
        password_hash: &str,
        now: &str,
    ) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        sqlx::query(
            "INSERT INTO staff (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
        )
        .bind(name.as_str())
        .bind(role.code())
        .bind(password_hash)
        .bind(now)
        .execute(&self.pool)
        .await?;
        // A new password ends the account's sessions.
        self.end_sessions(name).await?;
        Ok(())
    }

    /// Ends every session of an account.
    async fn end_sessions(&self, name: &AccountName) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM admin_sessions WHERE account = $1")
            .bind(name.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes an account and ends its sessions; whether it existed.
    ///
    /// # Errors
    /// A database error.
    pub async fn remove_staff(&self, name: &AccountName) -> Result<bool, StoreError> {
        let _writer = self.writer().await;
        let removed = sqlx::query("DELETE FROM staff WHERE name = $1")
            .bind(name.as_str())
            .execute(&self.pool)
            .await?
            .rows_affected();
        self.end_sessions(name).await?;
        Ok(removed > 0)
    }

    /// The role and password hash of an account, if it exists.
    ///
    /// # Errors
    /// A database error.
    pub async fn staff_credentials(
        &self,
        name: &AccountName,
    ) -> Result<Option<(Role, String)>, StoreError> {
        let row = sqlx::query("SELECT role, password_hash FROM staff WHERE name = $1")
            .bind(name.as_str())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let role: String = row.try_get("role")?;
        // The schema's CHECK allows only the three roles.
        Ok(Role::parse(&role).map(|role| (role, row.try_get("password_hash").unwrap_or_default())))
    }

    /// Every account, by name.
    ///
    /// # Errors
    /// A database error.
    pub async fn staff(&self) -> Result<Vec<StaffAccount>, StoreError> {
        let rows = sqlx::query("SELECT name, role, created_at FROM staff ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        let mut accounts = Vec::with_capacity(rows.len());
        for row in rows {
            let role: String = row.try_get("role")?;
            if let Some(role) = Role::parse(&role) {
                accounts.push(StaffAccount {
                    name: row.try_get("name")?,
                    role,
                    created_at: row.try_get("created_at")?,
                });
            }
        }
        Ok(accounts)
    }

    /// Records what an account did.
    ///
    /// # Errors
    /// A database error.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        // After the purge no time finer than a day is kept, the audit log's included.
        let at = match self.purged_on().await? {
            Some(_) => format!("{}T00:00:00Z", entry.at.get(..10).unwrap_or(&entry.at)),
            None => entry.at.clone(),
        };
        let _writer = self.writer().await;
        sqlx::query("INSERT INTO audit (at, account, action, detail) VALUES ($1, $2, $3, $4)")
            .bind(&at)
            .bind(&entry.account)
            .bind(&entry.action)
            .bind(&entry.detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The last `limit` lines of the audit log, newest first, and after a
    /// purge the counts it shrank to (as lines without a time or detail).
    ///
    /// # Errors
    /// A database error.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows =
            sqlx::query("SELECT at, account, action, detail FROM audit ORDER BY id DESC LIMIT $1")
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
        let mut entries = rows
            .iter()
            .map(|row| {
                Ok(AuditEntry {
                    at: row.try_get("at")?,
                    account: row.try_get("account")?,
                    action: row.try_get("action")?,
                    detail: row.try_get("detail")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let counts =
            sqlx::query("SELECT account, action, count FROM audit_counts ORDER BY account, action")
                .fetch_all(&self.pool)
                .await?;
        for row in counts {
            let count: i64 = row.try_get("count")?;
            entries.push(AuditEntry {
                at: String::new(),
                account: row.try_get("account")?,
                action: row.try_get("action")?,
                detail: format!("{count}×"),
            });
        }
        Ok(entries)
    }
}

/// The purge's part of the audit log: every line becomes a count per account
/// and action, so that no household reference or time is left. Returns the
/// lines removed.
pub(super) async fn shrink_audit(tx: &mut Transaction<'_, Any>) -> Result<u64, sqlx::Error> {
    let rows =
        sqlx::query("SELECT account, action, COUNT(*) AS n FROM audit GROUP BY account, action")
            .fetch_all(&mut **tx)
            .await?;
    for row in rows {
        let account: String = row.try_get("account")?;
        let action: String = row.try_get("action")?;
        let n: i64 = row.try_get("n")?;
        sqlx::query(
            "INSERT INTO audit_counts (account, action, count) VALUES ($1, $2, $3) \
             ON CONFLICT (account, action) DO UPDATE SET count = audit_counts.count + excluded.count",
        )
        .bind(account)
        .bind(action)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    }
    Ok(sqlx::query("DELETE FROM audit")
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
