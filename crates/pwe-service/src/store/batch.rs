//! Group commit for SQLite: one writer task stores the waiting submissions
//! and drafts in one transaction. A commit is most of the cost of a small
//! SQLite write, so under load (500 residents pressing a button at once) many
//! writes share one. Each write still stands alone: a second submit of a
//! household fails on its first statement, which SQLite undoes by itself
//! without ending the transaction, and a draft of a household that has
//! submitted changes nothing; any other failure rolls the group back and its
//! writes are done one by one.

use std::sync::Arc;

use sqlx::AnyPool;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::StoreError;
use super::responses::{NewResponse, submit_alone, write_response};

/// The most writes one transaction takes.
const MAX_GROUP: usize = 64;

/// A household's draft and the step it was saved at.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) household_ref: String,
    pub(super) step: String,
    pub(super) draft: String,
    pub(super) now: String,
}

enum Write {
    Submit(NewResponse),
    Draft(Draft),
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
    /// Starts the writer task; it ends when every queue handle is dropped.
    pub(super) fn start(pool: AnyPool, lane: Arc<Mutex<()>>) -> WriteQueue {
        let (sender, receiver) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(pool, lane, receiver));
        WriteQueue { sender }
    }

    /// Stores a response and waits until it is committed (or refused).
    pub(super) async fn submit(&self, response: NewResponse) -> Result<(), StoreError> {
        self.send(Write::Submit(response)).await
    }

    /// Saves a draft and waits until it is committed; a household that has
    /// submitted gets [`StoreError::AlreadySubmitted`].
    pub(super) async fn draft(&self, draft: Draft) -> Result<(), StoreError> {
        self.send(Write::Draft(draft)).await
    }

    async fn send(&self, write: Write) -> Result<(), StoreError> {
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
        match write_group(&pool, &jobs).await {
            Ok(outcomes) => {
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    let _ = job.reply.send(outcome);
                }
            }
            Err(_) => {
                for job in jobs {
                    let outcome = match &job.write {
                        Write::Submit(response) => submit_alone(&pool, response).await,
                        Write::Draft(draft) => save_draft(&pool, draft).await,
                    };
                    let _ = job.reply.send(outcome);
                }
            }
        }
    }
}

/// Writes every job in one transaction; the outcome of each, or an error when
/// the group must be retried one by one.
async fn write_group(
    pool: &AnyPool,
    jobs: &[Job],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut tx = pool.begin().await?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        let outcome = match &job.write {
            Write::Submit(response) => write_response(&mut tx, response).await,
            Write::Draft(draft) => save_draft(&mut *tx, draft).await,
        };
        match outcome {
            Ok(()) => outcomes.push(Ok(())),
            Err(StoreError::AlreadySubmitted) => outcomes.push(Err(StoreError::AlreadySubmitted)),
            Err(other) => return Err(other),
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Saves a draft and its step, unless the household has submitted.
pub(super) async fn save_draft<'e, E>(executor: E, draft: &Draft) -> Result<(), StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let result = sqlx::query(
        "UPDATE households SET draft = $1, last_step = $2, draft_saved_at = $3 \
         WHERE household_ref = $4 AND submitted_at IS NULL",
    )
    .bind(&draft.draft)
    .bind(&draft.step)
    .bind(&draft.now)
    .bind(&draft.household_ref)
    .execute(executor)
    .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::AlreadySubmitted);
    }
    Ok(())
}
