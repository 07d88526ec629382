//! The purge: after the retention date, everything personal goes, from the
//! database and from its files (see [`Store::purge`]).

use chrono::{DateTime, NaiveDate, Utc};
use pwe_core::Survey;

use crate::store::{PurgeReport, Store, StoreError};

/// Why the purge did not run, or failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PurgeError {
    /// The retention date has not passed and the purge was not forced.
    #[error(
        "the retention date {retention} has not passed; nothing was removed (use --force to purge now)"
    )]
    NotYet {
        /// The survey's retention date.
        retention: NaiveDate,
    },
    /// The consultation is open: households are still answering with their codes.
    #[error(
        "the consultation is open until {closes}; households are still answering with their codes, so nothing was removed"
    )]
    Open {
        /// When it closes (UTC, RFC 3339).
        closes: String,
    },
    /// The database failed, or personal data was found afterwards.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Purges `store` at `now` when the retention rule allows it: never while
/// the consultation is open (its one-response-per-household guarantee needs
/// the household links), never while a service holds the database (it would
/// go on answering from sessions and caches), and before the retention date
/// only when `force`d.
///
/// # Errors
/// The rule refuses, the database fails, or data is left afterwards.
pub async fn purge(
    store: &Store,
    survey: &Survey,
    now: DateTime<Utc>,
    force: bool,
) -> Result<PurgeReport, PurgeError> {
    let _no_service = store.exclusive_lease().await?;
    let meta = survey.meta();
    if meta.opens <= now && now < meta.closes {
        return Err(PurgeError::Open {
            closes: crate::timestamp(meta.closes),
        });
    }
    let today = now.with_timezone(&meta.timezone).date_naive();
    if today <= meta.retention_until && !force {
        return Err(PurgeError::NotYet {
            retention: meta.retention_until,
        });
    }
    Ok(store.purge(&today.format("%Y-%m-%d").to_string()).await?)
}
