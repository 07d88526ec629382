//! Submitted responses: stored in one transaction, read back for the export.

use sqlx::{AnyConnection, Row};

use super::{Store, StoreError, values_placeholders};

/// A checked response, flattened into rows.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// A random identifier, not linked to the code.
    pub response_id: String,
    /// The household that submits.
    pub household_ref: String,
    /// Its version.
    pub version: String,
    /// Its buurt.
    pub buurt: String,
    /// Whether it is a test household.
    pub is_test: bool,
    /// When it started.
    pub started_at: String,
    /// Now.
    pub submitted_at: String,
    /// The random receipt shown to the resident (erased by the purge).
    pub receipt: String,
    /// How the response came in.
    pub channel: pwe_core::channel::Channel,
    /// Every option: id, level (0 = not chosen), position shown (1-based).
    pub choices: Vec<(String, i64, i64)>,
    /// Motivations: option id, stance (`pro` or `contra`), text.
    pub motivations: Vec<(String, String, String)>,
    /// Answers: section (`background` or `evaluation`), question id, value, whether free text.
    pub answers: Vec<(String, String, String, bool)>,
}

/// Rows for the export, in a stable order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportRows {
    /// response_id, version, buurt, started_at, submitted_at, channel.
    pub responses: Vec<[String; 6]>,
    /// response_id, option_id, level, position.
    pub choices: Vec<(String, String, i64, i64)>,
    /// response_id, option_id, stance, text (None after the purge).
    pub motivations: Vec<(String, String, String, Option<String>)>,
    /// response_id, section, question_id, value (None after the purge), is_text.
    pub answers: Vec<(String, String, String, Option<String>, bool)>,
}

impl Store {
    /// Stores a response and marks its household submitted, all or nothing.
    ///
    /// On SQLite, submissions are committed in groups by one writer task (see
    /// [`super::batch`]), which amortises a commit over many responses.
    ///
    /// # Errors
    /// [`StoreError::AlreadySubmitted`] when the household has a response: the
    /// UNIQUE constraint on `responses.household_ref` decides, so of concurrent
    /// submits exactly one is stored.
    pub async fn submit(&self, response: &NewResponse) -> Result<(), StoreError> {
        self.resident_write(super::batch::Write::Submit(response.clone()))
            .await
    }

    /// The receipt and response id of a household's submitted response.
    ///
    /// # Errors
    /// A database error.
    pub async fn receipt(
        &self,
        household_ref: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row =
            sqlx::query("SELECT response_id, receipt FROM responses WHERE household_ref = $1")
                .bind(household_ref)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row
            .map(|row| Ok::<_, sqlx::Error>((row.try_get("response_id")?, row.try_get("receipt")?)))
            .transpose()?)
    }

    /// When an advice with this receipt was submitted (test households
    /// included: a receipt says nothing of who sent it). Only through
    /// [`crate::guard::receipt_received`], which limits guesses; the purge
    /// empties every receipt, and an empty one finds nothing.
    ///
    /// # Errors
    /// A database error.
    pub async fn receipt_received(&self, receipt: &str) -> Result<Option<String>, StoreError> {
        if receipt.is_empty() {
            return Ok(None);
        }
        let row = sqlx::query("SELECT submitted_at FROM responses WHERE receipt = $1 LIMIT 1")
            .bind(receipt)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("submitted_at")).transpose()?)
    }

    /// Stores follow-up evaluation answers for a submitted household (replacing earlier ones).
    ///
    /// # Errors
    /// A database error.
    pub async fn save_followup(
        &self,
        response_id: &str,
        answers: &[(String, String, bool)],
    ) -> Result<(), StoreError> {
        let _writer = self.writer().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM response_answers WHERE response_id = $1 AND section = 'followup'")
            .bind(response_id)
            .execute(&mut *tx)
            .await?;
        for (question_id, value, is_text) in answers {
            sqlx::query(
                "INSERT INTO response_answers (response_id, section, question_id, value, is_text) VALUES ($1, 'followup', $2, $3, $4)",
            )
            .bind(response_id)
            .bind(question_id)
            .bind(value)
            .bind(i64::from(*is_text))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every row the export needs, ordered by response id and then option or question.
    ///
    /// # Errors
    /// A database error.
    pub async fn export_rows(&self, include_test: bool) -> Result<ExportRows, StoreError> {
        let filter = if include_test {
            ""
        } else {
            "WHERE r.is_test = 0"
        };
        let mut rows = ExportRows::default();
        let query = format!(
            "SELECT response_id, version, buurt, started_at, submitted_at, channel FROM responses r {filter} ORDER BY response_id"
        );
        for row in sqlx::query(&query).fetch_all(&self.pool).await? {
            rows.responses.push([
                row.try_get("response_id")?,
                row.try_get("version")?,
                row.try_get("buurt")?,
                row.try_get("started_at")?,
                row.try_get("submitted_at")?,
                row.try_get("channel")?,
            ]);
        }
        let query = format!(
            "SELECT c.response_id, c.option_id, c.level, c.position FROM response_choices c \
             JOIN responses r ON r.response_id = c.response_id {filter} ORDER BY c.response_id, c.position"
        );
        for row in sqlx::query(&query).fetch_all(&self.pool).await? {
            rows.choices.push((
                row.try_get("response_id")?,
                row.try_get("option_id")?,
                row.try_get("level")?,
                row.try_get("position")?,
            ));
        }
        let query = format!(
            "SELECT m.response_id, m.option_id, m.stance, m.text FROM response_motivations m \
             JOIN responses r ON r.response_id = m.response_id {filter} ORDER BY m.response_id, m.option_id"
        );
        for row in sqlx::query(&query).fetch_all(&self.pool).await? {
            rows.motivations.push((
                row.try_get("response_id")?,
                row.try_get("option_id")?,
                row.try_get("stance")?,
                row.try_get("text")?,
            ));
        }
        let query = format!(
            "SELECT a.response_id, a.section, a.question_id, a.value, a.is_text FROM response_answers a \
             JOIN responses r ON r.response_id = a.response_id {filter} ORDER BY a.response_id, a.section, a.question_id"
        );
        for row in sqlx::query(&query).fetch_all(&self.pool).await? {
            rows.answers.push((
                row.try_get("response_id")?,
                row.try_get("section")?,
                row.try_get("question_id")?,
                row.try_get("value")?,
                row.try_get::<i64, _>("is_text")? != 0,
            ));
        }
        Ok(rows)
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// One INSERT of every row into `into` (a table and its `columns` columns, the
/// first `response_id`): `bind` binds a row's other cells.
async fn insert_rows<T>(
    conn: &mut AnyConnection,
    into: &str,
    columns: usize,
    response_id: &str,
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &'q T) -> AnyQuery<'q>,
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO {into} VALUES {}",
        values_placeholders(rows.len(), columns)
    );
    let mut query = sqlx::query(&sql);
    for row in rows {
        query = bind(query.bind(response_id), row);
    }
    query.execute(conn).await?;
    Ok(())
}

/// The tables of a response with their columns, in the order every writer
/// binds them (here one response, `group` many).
pub(super) const RESPONSES: &str = "responses (response_id, household_ref, version, buurt, is_test, started_at, submitted_at, receipt, channel)";
pub(super) const CHOICES: &str = "response_choices (response_id, option_id, level, position)";
pub(super) const MOTIVATIONS: &str = "response_motivations (response_id, option_id, stance, text)";
pub(super) const ANSWERS: &str =
    "response_answers (response_id, section, question_id, value, is_text)";

/// Writes a response's rows inside the caller's transaction (on SQLite the
/// writer writes groups of them instead, `group`).
///
/// # Errors
/// [`StoreError::AlreadySubmitted`] when the household has a response: the
/// UNIQUE constraint on `responses.household_ref` decides, and nothing of
/// this one is written.
pub(super) async fn write_response(
    conn: &mut AnyConnection,
    response: &NewResponse,
) -> Result<(), StoreError> {
    // The first statement writes, so SQLite takes the write lock at once and
    // concurrent submits wait for it instead of failing on an upgrade.
    let sql = format!(
        "INSERT INTO {RESPONSES} VALUES {} ON CONFLICT DO NOTHING RETURNING response_id",
        values_placeholders(1, 9)
    );
    let stored = sqlx::query(&sql)
        .bind(&response.response_id)
        .bind(&response.household_ref)
        .bind(&response.version)
        .bind(&response.buurt)
        .bind(i64::from(response.is_test))
        .bind(&response.started_at)
        .bind(&response.submitted_at)
        .bind(&response.receipt)
        .bind(response.channel.code())
        .fetch_optional(&mut *conn)
        .await?;
    if stored.is_none() {
        return Err(StoreError::AlreadySubmitted);
    }
    // One statement per table, however many rows, keeps the transaction short.
    let id = response.response_id.as_str();
    insert_rows(
        conn,
        CHOICES,
        4,
        id,
        &response.choices,
        |q, (option_id, level, position)| q.bind(option_id).bind(level).bind(position),
    )
    .await?;
    insert_rows(
        conn,
        MOTIVATIONS,
        4,
        id,
        &response.motivations,
        |q, (option_id, stance, text)| q.bind(option_id).bind(stance).bind(text),
    )
    .await?;
    insert_rows(
        conn,
        ANSWERS,
        5,
        id,
        &response.answers,
        |q, (section, question_id, value, is_text)| {
            q.bind(section)
                .bind(question_id)
                .bind(value)
                .bind(i64::from(*is_text))
        },
    )
    .await?;
    // The draft held the same answers; once submitted it is no longer needed.
    sqlx::query("UPDATE households SET submitted_at = $1, last_step = 'submitted', draft = NULL WHERE household_ref = $2")
        .bind(&response.submitted_at)
        .bind(&response.household_ref)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
