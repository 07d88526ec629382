//! Group commit for SQLite: one writer, on a thread and a connection of its
//! own, stores the waiting writes of residents (sessions, starts, drafts,
//! submissions, touches and ends of sessions) in one transaction
//! ([`super::group`]). Under load (500 residents pressing a button at once)
//! many writes share one commit and two round trips to SQLite. Each write
//! still stands alone: a draft or a second submission of a household that
//! has submitted is refused on its own; any other failure rolls the group
//! back and its writes are done one by one.
//!
//! On PostgreSQL, which handles concurrent writers itself, each write is its
//! own transaction ([`write_alone`]).

use std::sync::Arc;

use sqlx::{AnyConnection, AnyPool};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::StoreError;
use super::responses::{NewResponse, write_response};
use super::sessions::Session;

/// The most writes one transaction takes.
const MAX_GROUP: usize = 256;

/// A household's draft and the step it was saved at.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) household_ref: String,
    pub(super) step: String,
    pub(super) draft: String,
    pub(super) now: String,
}

/// A household's first use: its version (unless the code has one) and order.
#[derive(Debug, Clone)]
pub(super) struct Start {
    pub(super) household_ref: String,
    pub(super) version: String,
    pub(super) option_order: String,
    pub(super) now: String,
}

/// A new session, and the times before which sessions have expired (idle
/// since, created before), so that expired ones do not pile up.
#[derive(Debug, Clone)]
pub(super) struct NewSession {
    pub(super) token_hash: String,
    pub(super) session: Session,
    pub(super) idle_before: String,
    pub(super) created_before: String,
}

/// The sessions table with its columns, in the order both writers bind them
/// (one session here, `group` many).
pub(super) const SESSIONS: &str =
    "sessions (token_hash, household_ref, csrf, created_at, last_seen_at, channel)";

/// One write of a resident.
#[derive(Debug, Clone)]
pub(super) enum Write {
    Submit(NewResponse),
    Draft(Draft),
    Start(Start),
    Session(NewSession),
    /// A session used at this time.
    Touch {
        token_hash: String,
        now: String,
    },
    /// A session ended.
    End {
        token_hash: String,
    },
}

struct Job {
    write: Write,
    reply: oneshot::Sender<Result<(), StoreError>>,
}

/// The way into the writer task.
#[derive(Debug, Clone)]
pub(super) struct WriteQueue {
    sender: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl WriteQueue {
    /// Starts the writer on a thread of its own; it ends when every queue
    /// handle is dropped.
    ///
    /// A thread, not a task of the service's runtime: each statement of a
    /// group waits for SQLite's connection thread, and a task would then wait
    /// behind every request the runtime has ready (hundreds in a burst)
    /// before its next statement, so the one writer everyone waits for would
    /// run slowest when it is needed most.
    pub(super) fn start(pool: AnyPool, lane: Arc<Mutex<()>>) -> Result<WriteQueue, StoreError> {
        let (sender, receiver) = mpsc::channel(4 * MAX_GROUP);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        std::thread::Builder::new()
            .name("pwe-writer".into())
            .spawn(move || runtime.block_on(run(pool, lane, receiver)))
            .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?;
        Ok(WriteQueue { sender })
    }

    /// Does the write and waits until it is committed (or refused).
    pub(super) async fn send(&self, write: Write) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.sender
            .send(Job { write, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn run(pool: AnyPool, lane: Arc<Mutex<()>>, mut receiver: mpsc::Receiver<Job>) {
    while let Some(first) = receiver.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_GROUP {
            match receiver.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let _lane = lane.lock().await;
        let writes: Vec<&Write> = jobs.iter().map(|job| &job.write).collect();
        match super::group::write(&pool, &writes).await {
            Ok(outcomes) => {
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    let _ = job.reply.send(outcome);
                }
            }
            Err(error) => {
                tracing::warn!(
                    "a group of {} writes failed ({error}); writing them one by one",
                    jobs.len()
                );
                for job in jobs {
                    let outcome = write_alone(&pool, &job.write).await;
                    let _ = job.reply.send(outcome);
                }
            }
        }
    }
}

/// Does one write in a transaction of its own.
pub(super) async fn write_alone(pool: &AnyPool, write: &Write) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    apply(&mut tx, write, &mut false).await?;
    tx.commit().await?;
    Ok(())
}

/// Does one write inside the caller's transaction. Expired sessions are
/// swept once per transaction (`swept`), not once per new session.
async fn apply(
    conn: &mut AnyConnection,
    write: &Write,
    swept: &mut bool,
) -> Result<(), StoreError> {
    match write {
        Write::Submit(response) => write_response(conn, response).await,
        Write::Draft(draft) => save_draft(conn, draft).await,
        Write::Start(start) => {
            sqlx::query(
                "UPDATE households SET version = COALESCE(version, $1), option_order = $2, started_at = $3, last_step = 'start' \
                 WHERE household_ref = $4 AND started_at IS NULL",
            )
            .bind(&start.version)
            .bind(&start.option_order)
            .bind(&start.now)
            .bind(&start.household_ref)
            .execute(conn)
            .await?;
            Ok(())
        }
        Write::Session(new) => {
            if !*swept {
                sweep_sessions(conn, new).await?;
                *swept = true;
            }
            let session = &new.session;
            sqlx::query(&format!(
                "INSERT INTO {SESSIONS} VALUES ($1, $2, $3, $4, $5, $6)"
            ))
            .bind(&new.token_hash)
            .bind(&session.household_ref)
            .bind(&session.csrf)
            .bind(&session.created_at)
            .bind(&session.last_seen_at)
            .bind(session.channel.code())
            .execute(conn)
            .await?;
            Ok(())
        }
        Write::Touch { token_hash, now } => {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(conn)
                .await?;
            Ok(())
        }
        Write::End { token_hash } => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(conn)
                .await?;
            Ok(())
        }
    }
}

/// Ends every session expired by the times `new` carries.
async fn sweep_sessions(conn: &mut AnyConnection, new: &NewSession) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM sessions WHERE COALESCE(last_seen_at, created_at) < $1 OR created_at < $2",
    )
    .bind(&new.idle_before)
    .bind(&new.created_before)
    .execute(conn)
    .await?;
    Ok(())
}

/// Saves a draft and its step, unless the household has submitted.
async fn save_draft(conn: &mut AnyConnection, draft: &Draft) -> Result<(), StoreError> {
    let result = sqlx::query(
        "UPDATE households SET draft = $1, last_step = $2, draft_saved_at = $3 \
         WHERE household_ref = $4 AND submitted_at IS NULL",
    )
    .bind(&draft.draft)
    .bind(&draft.step)
    .bind(&draft.now)
    .bind(&draft.household_ref)
    .execute(conn)
    .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::AlreadySubmitted);
    }
    Ok(())
}
