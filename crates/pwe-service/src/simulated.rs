//! A service database filled with simulated households (`pwe simulate --db`):
//! codes for every invited household, a start and a draft for those that
//! stopped on the way, a start and a submission for the respondents, through
//! the same store calls as the service's own.

use crate::codes::{self, CodeKey};
use crate::store::{NewResponse, Store, StoreError};

/// A household that started and stopped at a step.
pub struct Stopped {
    /// Its buurt.
    pub buurt: String,
    /// The furthest step it saved.
    pub step: &'static str,
    /// The id of its version.
    pub version: String,
    /// When it started (RFC 3339).
    pub started_at: String,
}

/// Why the database could not be filled.
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A buurt has more households to start than codes.
    #[error("buurt {0} has more respondents and stopped households than invited ones")]
    TooMany(String),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filled {
    /// Codes generated (one per invited household).
    pub codes: usize,
    /// Drafts of households that stopped.
    pub drafts: usize,
}

/// Everything but the respondents: the households invited and those that stopped.
pub struct Plan<'a> {
    /// The batch of codes to generate.
    pub batch: &'a str,
    /// Households invited per buurt code.
    pub invited: &'a [(String, u32)],
    /// The households that started and stopped.
    pub stopped: &'a [Stopped],
    /// The option ids in the order every household sees them.
    pub option_order: &'a [String],
    /// When the codes were made (RFC 3339).
    pub now: &'a str,
    /// The simulation's seed, recorded with the mark that it is simulated.
    pub seed: u64,
}

/// How many test households a filled database gets besides (left out of
/// every output but `pwe export --test`).
pub const TEST_HOUSEHOLDS: usize = 3;

/// Generates the plan's codes and gives the respondents (their
/// `household_ref` set here, per buurt in order) and the stopped households
/// a household each. [`TEST_HOUSEHOLDS`] more submit the first respondents'
/// answers again under test codes of a batch of their own, as staff trying
/// the service would.
///
/// # Errors
/// A database error, or a buurt with more respondents and stopped households
/// than invited ones.
pub async fn fill(
    store: &Store,
    key: &CodeKey,
    plan: &Plan<'_>,
    respondents: &mut [NewResponse],
) -> Result<Filled, FillError> {
    let option_order = plan.option_order;
    store.mark_simulated(plan.seed, plan.now).await?;
    let generated =
        codes::generate(store, key, plan.batch, false, plan.invited, None, plan.now).await?;
    let mut refs = std::collections::HashMap::<&str, Vec<&str>>::new();
    for code in generated.iter().rev() {
        refs.entry(&code.buurt)
            .or_default()
            .push(&code.household_ref);
    }
    let mut next = |buurt: &str| {
        refs.get_mut(buurt)
            .and_then(Vec::pop)
            .map(str::to_string)
            .ok_or_else(|| FillError::TooMany(buurt.to_string()))
    };
    for response in respondents.iter_mut() {
        response.household_ref = next(&response.buurt)?;
        store
            .start(
                &response.household_ref,
                &response.version,
                option_order,
                &response.started_at,
            )
            .await?;
        store.submit(response).await?;
    }
    for household in plan.stopped {
        let household_ref = next(&household.buurt)?;
        store
            .start(
                &household_ref,
                &household.version,
                option_order,
                &household.started_at,
            )
            .await?;
        store
            .save_draft(&household_ref, household.step, "{}", &household.started_at)
            .await?;
    }
    let mut tests: Vec<NewResponse> = respondents.iter().take(TEST_HOUSEHOLDS).cloned().collect();
    for (idx, test) in tests.iter_mut().enumerate() {
        test.response_id = format!("simtest{:03}", idx + 1);
        test.receipt = format!("TEST-0000-{:04}", idx + 1);
    }
    let test_codes = submit_tests(store, key, plan, &mut tests).await?;
    Ok(Filled {
        codes: generated.len() + test_codes,
        drafts: plan.stopped.len(),
    })
}

/// Submits `tests` with test codes of the batch `<batch>-test`, one per
/// household; returns how many codes that made.
async fn submit_tests(
    store: &Store,
    key: &CodeKey,
    plan: &Plan<'_>,
    tests: &mut [NewResponse],
) -> Result<usize, FillError> {
    let mut per_buurt: Vec<(String, u32)> = Vec::new();
    for test in tests.iter() {
        match per_buurt.iter_mut().find(|(b, _)| *b == test.buurt) {
            Some((_, n)) => *n += 1,
            None => per_buurt.push((test.buurt.clone(), 1)),
        }
    }
    let batch = format!("{}-test", plan.batch);
    let mut generated =
        codes::generate(store, key, &batch, true, &per_buurt, None, plan.now).await?;
    for test in tests.iter_mut() {
        let at = generated
            .iter()
            .position(|c| c.buurt == test.buurt)
            .ok_or_else(|| FillError::TooMany(test.buurt.clone()))?;
        test.household_ref = generated.swap_remove(at).household_ref;
        test.is_test = true;
        store
            .start(
                &test.household_ref,
                &test.version,
                plan.option_order,
                &test.started_at,
            )
            .await?;
        store.submit(test).await?;
    }
    Ok(per_buurt.iter().map(|(_, n)| *n as usize).sum())
}
