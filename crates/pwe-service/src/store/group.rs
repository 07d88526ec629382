//! One group of residents' writes on SQLite in two round trips to SQLite's
//! connection thread: the group's households are read as the transaction
//! begins, and every write then goes in one script of statements that ends
//! with the commit. Under load each round trip waits for a turn on a busy
//! machine (a group of a few statements one by one took 30 to 100 ms in a
//! burst of 500 residents), so their number, not the statements', sets how
//! long everyone waits for the one writer.
//!
//! What the statements would refuse is decided from what was read: a draft
//! or a submission of a household that has submitted (or that is not there)
//! gets [`StoreError::AlreadySubmitted`], and so does a second submission of
//! a household in the same group. Only the writer writes residents' rows on
//! SQLite (one service per file, `serving`), so nothing changes them between
//! the read and the script.

use std::collections::{HashMap, HashSet};

use sqlx::{AnyConnection, AnyPool, Executor, Row};

use super::StoreError;
use super::batch::{Draft, NewSession, SESSIONS, Start, Write};
use super::responses::{ANSWERS, CHOICES, MOTIVATIONS, NewResponse, RESPONSES};

/// The most values one statement of a script binds (SQLite allows 32,766).
const MAX_PARAMS: usize = 30_000;

/// A value of the script.
#[derive(Debug, Clone, Copy)]
enum Param<'a> {
    Text(&'a str),
    Int(i64),
}

/// Statements with `?` placeholders and their values in order. Plain `?`,
/// not `$1`: SQLite takes `$1` as a named parameter and sqlx looks each name
/// up by a search through all of them, so binding thousands costs the square
/// of their number (10,000 took 0.4 s); plain `?` are bound by position,
/// across the statements of a script.
#[derive(Debug, Default)]
struct Script<'a> {
    sql: String,
    params: Vec<Param<'a>>,
}

impl<'a> Script<'a> {
    fn statement(&mut self, sql: &str, params: &[Param<'a>]) {
        self.sql.push_str(sql);
        self.sql.push_str(";\n");
        self.params.extend_from_slice(params);
    }

    /// `head VALUES (?, …), … tail` for every row, in statements of at most
    /// [`MAX_PARAMS`] values.
    fn rows(&mut self, head: &str, tail: &str, rows: &[Vec<Param<'a>>]) {
        let Some(columns) = rows.first().map(Vec::len) else {
            return;
        };
        let one = format!("({})", vec!["?"; columns].join(", "));
        for chunk in rows.chunks((MAX_PARAMS / columns).max(1)) {
            self.sql.push_str(head);
            self.sql.push_str(" VALUES ");
            self.sql
                .push_str(&vec![one.as_str(); chunk.len()].join(", "));
            self.sql.push_str(tail);
            self.sql.push_str(";\n");
            for row in chunk {
                self.params.extend_from_slice(row);
            }
        }
    }

    async fn run(&self, conn: &mut AnyConnection) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
        let mut query = sqlx::query(&self.sql);
        for param in &self.params {
            query = match *param {
                Param::Text(text) => query.bind(text),
                Param::Int(value) => query.bind(value),
            };
        }
        query.fetch_all(conn).await
    }
}

/// Writes the group in one transaction; the outcome of each write, or an
/// error when the group must be retried write by write (rolled back).
pub(super) async fn write(
    pool: &AnyPool,
    writes: &[&Write],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut conn = pool.acquire().await?;
    let result = begin_and_write(&mut conn, writes).await;
    if result.is_err() {
        // The transaction may be open; the connection goes back to the pool.
        let _ = conn.execute("ROLLBACK").await;
    }
    result
}

async fn begin_and_write(
    conn: &mut AnyConnection,
    writes: &[&Write],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut refs: Vec<&str> = writes
        .iter()
        .filter_map(|write| match write {
            Write::Draft(draft) => Some(draft.household_ref.as_str()),
            Write::Submit(response) => Some(response.household_ref.as_str()),
            _ => None,
        })
        .collect();
    refs.sort_unstable();
    refs.dedup();
    let mut read = Script::default();
    read.statement("BEGIN IMMEDIATE", &[]);
    if !refs.is_empty() {
        let list = vec!["?"; refs.len()].join(", ");
        let params: Vec<Param<'_>> = refs.iter().map(|r| Param::Text(r)).collect();
        read.statement(
            &format!(
                "SELECT household_ref, submitted_at IS NOT NULL AS submitted FROM households \
                 WHERE household_ref IN ({list})"
            ),
            &params,
        );
    }
    // Whether each household there has submitted.
    let mut submitted: HashMap<String, bool> = HashMap::new();
    for row in read.run(conn).await? {
        submitted.insert(
            row.try_get("household_ref")?,
            row.try_get::<i64, _>("submitted")? != 0,
        );
    }
    let (script, outcomes) = script(writes, &submitted);
    script.run(conn).await?;
    Ok(outcomes)
}

/// Every write's statements and its outcome. A resident's writes come one
/// after another, so no two in a group depend on each other, except a draft
/// beside its household's submission from a second tab: drafts go first, so
/// the submission wins.
fn script<'a>(
    writes: &[&'a Write],
    submitted: &HashMap<String, bool>,
) -> (Script<'a>, Vec<Result<(), StoreError>>) {
    let can_write = |household_ref: &str| submitted.get(household_ref) == Some(&false);
    let mut outcomes: Vec<Result<(), StoreError>> = writes.iter().map(|_| Ok(())).collect();
    let (mut sessions, mut starts, mut drafts, mut responses, mut others) =
        (vec![], vec![], HashMap::new(), vec![], vec![]);
    let mut submitting = HashSet::new();
    for (write, outcome) in writes.iter().zip(&mut outcomes) {
        match write {
            Write::Session(new) => sessions.push(new),
            Write::Start(start) => starts.push(start),
            Write::Draft(draft) if can_write(&draft.household_ref) => {
                // Of two drafts of one household the later is saved.
                drafts.insert(draft.household_ref.as_str(), draft);
            }
            Write::Submit(response)
                if can_write(&response.household_ref)
                    && submitting.insert(response.household_ref.as_str()) =>
            {
                responses.push(response);
            }
            Write::Draft(_) | Write::Submit(_) => *outcome = Err(StoreError::AlreadySubmitted),
            Write::Touch { .. } | Write::End { .. } => others.push(*write),
        }
    }
    let mut script = Script::default();
    add_sessions(&mut script, &sessions);
    add_starts(&mut script, &starts);
    add_drafts(&mut script, &drafts.into_values().collect::<Vec<_>>());
    add_responses(&mut script, &responses);
    for write in others {
        match write {
            Write::Touch { token_hash, now } => script.statement(
                "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                &[Param::Text(now), Param::Text(token_hash)],
            ),
            Write::End { token_hash } => script.statement(
                "DELETE FROM sessions WHERE token_hash = ?",
                &[Param::Text(token_hash)],
            ),
            _ => {}
        }
    }
    script.statement("COMMIT", &[]);
    (script, outcomes)
}

/// New sessions, after sweeping the expired ones.
fn add_sessions<'a>(script: &mut Script<'a>, sessions: &[&'a NewSession]) {
    let Some(first) = sessions.first() else {
        return;
    };
    script.statement(
        "DELETE FROM sessions WHERE COALESCE(last_seen_at, created_at) < ? OR created_at < ?",
        &[
            Param::Text(&first.idle_before),
            Param::Text(&first.created_before),
        ],
    );
    let rows: Vec<Vec<Param<'a>>> = sessions
        .iter()
        .map(|new| {
            let session = &new.session;
            vec![
                Param::Text(&new.token_hash),
                Param::Text(&session.household_ref),
                Param::Text(&session.csrf),
                Param::Text(&session.created_at),
                Param::Text(&session.last_seen_at),
                Param::Text(session.channel.code()),
            ]
        })
        .collect();
    script.rows(&format!("INSERT INTO {SESSIONS}"), "", &rows);
}

/// First uses (SQLite's `UPDATE … FROM`); a household that started keeps
/// its version and order.
fn add_starts<'a>(script: &mut Script<'a>, starts: &[&'a Start]) {
    let rows: Vec<Vec<Param<'a>>> = starts
        .iter()
        .map(|start| {
            vec![
                Param::Text(&start.household_ref),
                Param::Text(&start.version),
                Param::Text(&start.option_order),
                Param::Text(&start.now),
            ]
        })
        .collect();
    script.rows(
        "UPDATE households SET version = COALESCE(version, v.column2), option_order = v.column3, \
         started_at = v.column4, last_step = 'start' FROM (",
        ") AS v WHERE households.household_ref = v.column1 AND households.started_at IS NULL",
        &rows,
    );
}

/// Drafts of households that have not submitted.
fn add_drafts<'a>(script: &mut Script<'a>, drafts: &[&'a Draft]) {
    let rows: Vec<Vec<Param<'a>>> = drafts
        .iter()
        .map(|draft| {
            vec![
                Param::Text(&draft.household_ref),
                Param::Text(&draft.draft),
                Param::Text(&draft.step),
                Param::Text(&draft.now),
            ]
        })
        .collect();
    script.rows(
        "UPDATE households SET draft = v.column2, last_step = v.column3, draft_saved_at = v.column4 FROM (",
        ") AS v WHERE households.household_ref = v.column1 AND households.submitted_at IS NULL",
        &rows,
    );
}

/// Submissions: the responses, their rows, and their households marked
/// submitted (the draft held the same answers and is no longer needed).
fn add_responses<'a>(script: &mut Script<'a>, responses: &[&'a NewResponse]) {
    let rows: Vec<Vec<Param<'a>>> = responses
        .iter()
        .map(|r| {
            vec![
                Param::Text(&r.response_id),
                Param::Text(&r.household_ref),
                Param::Text(&r.version),
                Param::Text(&r.buurt),
                Param::Int(i64::from(r.is_test)),
                Param::Text(&r.started_at),
                Param::Text(&r.submitted_at),
                Param::Text(&r.receipt),
                Param::Text(r.channel.code()),
            ]
        })
        .collect();
    script.rows(&format!("INSERT INTO {RESPONSES}"), "", &rows);
    let choices: Vec<Vec<Param<'a>>> = responses
        .iter()
        .flat_map(|r| {
            r.choices.iter().map(|(option_id, level, position)| {
                vec![
                    Param::Text(&r.response_id),
                    Param::Text(option_id),
                    Param::Int(*level),
                    Param::Int(*position),
                ]
            })
        })
        .collect();
    script.rows(&format!("INSERT INTO {CHOICES}"), "", &choices);
    let motivations: Vec<Vec<Param<'a>>> = responses
        .iter()
        .flat_map(|r| {
            r.motivations.iter().map(|(option_id, stance, text)| {
                vec![
                    Param::Text(&r.response_id),
                    Param::Text(option_id),
                    Param::Text(stance),
                    Param::Text(text),
                ]
            })
        })
        .collect();
    script.rows(&format!("INSERT INTO {MOTIVATIONS}"), "", &motivations);
    let answers: Vec<Vec<Param<'a>>> = responses
        .iter()
        .flat_map(|r| {
            r.answers
                .iter()
                .map(|(section, question_id, value, is_text)| {
                    vec![
                        Param::Text(&r.response_id),
                        Param::Text(section),
                        Param::Text(question_id),
                        Param::Text(value),
                        Param::Int(i64::from(*is_text)),
                    ]
                })
        })
        .collect();
    script.rows(&format!("INSERT INTO {ANSWERS}"), "", &answers);
    let households: Vec<Vec<Param<'a>>> = responses
        .iter()
        .map(|r| vec![Param::Text(&r.household_ref), Param::Text(&r.submitted_at)])
        .collect();
    script.rows(
        "UPDATE households SET submitted_at = v.column2, last_step = 'submitted', draft = NULL FROM (",
        ") AS v WHERE households.household_ref = v.column1",
        &households,
    );
}
