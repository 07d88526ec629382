//! Households: their code hash, version, option order, draft and progress.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Store, StoreError};

/// A household to invite.
#[derive(Debug, Clone)]
pub struct NewHousehold {
    /// A reference printed on the letter next to the code (not secret).
    pub household_ref: String,
    /// The keyed hash of its code.
    pub code_hash: String,
    /// Its buurt code.
    pub buurt: String,
    /// The version drawn when the code was made (letters and paper forms
    /// carry its prices); none leaves the draw to the first use.
    pub version: Option<String>,
}

/// A household as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    /// Its reference.
    pub household_ref: String,
    /// Its buurt.
    pub buurt: String,
    /// Whether it belongs to a batch of test codes.
    pub is_test: bool,
    /// The version assigned at first use.
    pub version: Option<String>,
    /// The order its options are shown in (option ids), assigned at first use.
    pub option_order: Option<Vec<String>>,
    /// When it first opened the survey.
    pub started_at: Option<String>,
    /// The furthest step saved.
    pub last_step: Option<String>,
    /// The saved draft (JSON), if any.
    pub draft: Option<String>,
    /// When it submitted, if it did.
    pub submitted_at: Option<String>,
    /// Whether it was drawn for the follow-up evaluation.
    pub followup: bool,
}

impl Household {
    /// The survey's options (by index) in the order this household sees
    /// them; none before it has started.
    pub fn options_in_order<'a>(
        &'a self,
        survey: &'a pwe_core::Survey,
    ) -> impl Iterator<Item = usize> + 'a {
        self.option_order
            .iter()
            .flatten()
            .filter_map(|id| survey.option_idx(id))
    }
}

pub(super) const HOUSEHOLD_COLUMNS: &str = "household_ref, buurt, is_test, version, option_order, started_at, last_step, draft, submitted_at, followup";

pub(super) fn household(row: &AnyRow) -> Result<Household, sqlx::Error> {
    let order: Option<String> = row.try_get("option_order")?;
    Ok(Household {
        household_ref: row.try_get("household_ref")?,
        buurt: row.try_get("buurt")?,
        is_test: row.try_get::<i64, _>("is_test")? != 0,
        version: row.try_get("version")?,
        option_order: order.map(|order| order.split(',').map(str::to_string).collect()),
        started_at: row.try_get("started_at")?,
        last_step: row.try_get("last_step")?,
        draft: row.try_get("draft")?,
        submitted_at: row.try_get("submitted_at")?,
        followup: row.try_get::<i64, _>("followup")? != 0,
    })
}

/// What a code hash leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeLookup {
    /// A household whose code is valid.
    Household(Box<Household>),
    /// A code that was voided (or replaced by a reissued one).
    Voided,
    /// No household has this code.
    Unknown,
}

impl Store {
    /// Adds a batch of households with their code hashes, in one transaction.
    ///
    /// # Errors
    /// A batch id or household reference or code hash that exists already.
    pub async fn insert_batch(
        &self,
        batch_id: &str,
        is_test: bool,
        now: &str,
        households: &[NewHousehold],
    ) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO batches (batch_id, is_test, created_at) VALUES ($1, $2, $3)")
            .bind(batch_id)
            .bind(i64::from(is_test))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for household in households {
            sqlx::query(
                "INSERT INTO households (household_ref, code_hash, buurt, batch_id, is_test, version) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&household.household_ref)
            .bind(&household.code_hash)
            .bind(&household.buurt)
            .bind(batch_id)
            .bind(i64::from(is_test))
            .bind(&household.version)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The number of households already in the database (for numbering references).
    ///
    /// # Errors
    /// A database error.
    pub async fn count_households(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM households")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    /// The number of batches made so far (for naming the next).
    ///
    /// # Errors
    /// A database error.
    pub async fn count_batches(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM batches")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    /// Finds the household a code hash belongs to.
    ///
    /// # Errors
    /// A database error.
    pub async fn lookup_code(&self, code_hash: &str) -> Result<CodeLookup, StoreError> {
        let query = format!(
            "SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE code_hash = $1 AND voided_at IS NULL"
        );
        if let Some(row) = sqlx::query(&query)
            .bind(code_hash)
            .fetch_optional(&self.pool)
            .await?
        {
            return Ok(CodeLookup::Household(Box::new(household(&row)?)));
        }
        let voided = sqlx::query("SELECT household_ref FROM voided_codes WHERE code_hash = $1")
            .bind(code_hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(if voided.is_some() {
            CodeLookup::Voided
        } else {
            CodeLookup::Unknown
        })
    }

    /// The household with this reference.
    ///
    /// # Errors
    /// A database error.
    pub async fn household(&self, household_ref: &str) -> Result<Option<Household>, StoreError> {
        let query = format!("SELECT {HOUSEHOLD_COLUMNS} FROM households WHERE household_ref = $1");
        let row = sqlx::query(&query)
            .bind(household_ref)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| household(&row)).transpose()?)
    }

    /// Assigns the option order, and the version unless the code was made
    /// with one, at first use; a household that started already keeps them
    /// (a concurrent first use cannot change them).
    ///
    /// # Errors
    /// A database error.
    pub async fn start(
        &self,
        household_ref: &str,
        version: &str,
        option_order: &[String],
        now: &str,
    ) -> Result<Household, StoreError> {
        self.resident_write(super::batch::Write::Start(super::batch::Start {
            household_ref: household_ref.to_string(),
            version: version.to_string(),
            option_order: option_order.join(","),
            now: now.to_string(),
        }))
        .await?;
        self.household(household_ref)
            .await?
            .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// Saves a draft and the step it was saved at.
    ///
    /// # Errors
    /// [`StoreError::AlreadySubmitted`] when the household has submitted.
    pub async fn save_draft(
        &self,
        household_ref: &str,
        step: &str,
        draft: &str,
        now: &str,
    ) -> Result<(), StoreError> {
        let draft = super::batch::Draft {
            household_ref: household_ref.to_string(),
            step: step.to_string(),
            draft: draft.to_string(),
            now: now.to_string(),
        };
        self.resident_write(super::batch::Write::Draft(draft)).await
    }

    /// Voids a household's code, keeping the hash so that it is recognised as
    /// voided, and ends the household's browser sessions. Returns whether a
    /// valid code was voided.
    ///
    /// # Errors
    /// A database error.
    pub async fn void_code(&self, household_ref: &str, now: &str) -> Result<bool, StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        let voided = void_in(&mut tx, household_ref, now).await?;
        tx.commit().await?;
        Ok(voided)
    }

    /// Voids a household's code (if still valid), ends its sessions and gives
    /// it the new code `code_hash`, in one transaction: a failure leaves the
    /// old code as it was, never a household without a code. Its draft and
    /// version stay. Returns whether the household exists.
    ///
    /// # Errors
    /// A database error, or a code hash that exists already.
    pub async fn reissue_code(
        &self,
        household_ref: &str,
        code_hash: &str,
        now: &str,
    ) -> Result<bool, StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        void_in(&mut tx, household_ref, now).await?;
        let result = sqlx::query(
            "UPDATE households SET code_hash = $1, voided_at = NULL WHERE household_ref = $2",
        )
        .bind(code_hash)
        .bind(household_ref)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(result.rows_affected() == 1)
    }
}

/// Voids the valid code of `household_ref` inside `tx` and deletes its sessions.
async fn void_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    household_ref: &str,
    now: &str,
) -> Result<bool, StoreError> {
    // A session outlives nothing: whatever happens to the code ends them.
    sqlx::query("DELETE FROM sessions WHERE household_ref = $1")
        .bind(household_ref)
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query(
        "SELECT code_hash FROM households WHERE household_ref = $1 AND voided_at IS NULL",
    )
    .bind(household_ref)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(code_hash) = row
        .map(|row| row.try_get::<Option<String>, _>("code_hash"))
        .transpose()?
        .flatten()
    else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO voided_codes (code_hash, household_ref, voided_at) VALUES ($1, $2, $3)",
    )
    .bind(&code_hash)
    .bind(household_ref)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE households SET code_hash = NULL, voided_at = $1 WHERE household_ref = $2")
        .bind(now)
        .bind(household_ref)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}
