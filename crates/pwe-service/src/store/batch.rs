//! Group commit for SQLite: one writer task stores waiting submissions in one
//! transaction. A commit is most of the cost of a small SQLite write, so under
//! load many responses share one. Each response still stands alone: a second
//! submit of a household fails on its first statement, which SQLite undoes by
//! itself without ending the transaction; any other failure rolls the group
//! back and its responses are stored one by one.

use std::sync::Arc;

use sqlx::AnyPool;
use tokio::sync::{Mutex, mpsc, oneshot};

use super::StoreError;
use super::responses::{NewResponse, submit_alone, write_response};

/// The most responses one transaction takes.
const MAX_GROUP: usize = 64;

struct Job {
    response: NewResponse,
    reply: oneshot::Sender<Result<(), StoreError>>,
}

/// The way into the writer task.
#[derive(Debug, Clone)]
pub(super) struct SubmitQueue {
    sender: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl SubmitQueue {
    /// Starts the writer task; it ends when every queue handle is dropped.
    pub(super) fn start(pool: AnyPool, lane: Arc<Mutex<()>>) -> SubmitQueue {
        let (sender, receiver) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(pool, lane, receiver));
        SubmitQueue { sender }
    }

    /// Stores a response and waits until it is committed (or refused).
    pub(super) async fn submit(&self, response: NewResponse) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.sender
            .send(Job { response, reply })
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
                    let outcome = submit_alone(&pool, &job.response).await;
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
        match write_response(&mut tx, &job.response).await {
            Ok(()) => outcomes.push(Ok(())),
            Err(StoreError::AlreadySubmitted) => outcomes.push(Err(StoreError::AlreadySubmitted)),
            Err(other) => return Err(other),
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}
