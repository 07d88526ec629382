//! Maximum likelihood by Newton's method with a backtracking line search.
//!
//! The portfolio logit's log-likelihood is concave, so Newton steps on the
//! analytic Hessian converge from any start once the parameters are
//! identified; near the optimum convergence is quadratic, which is what makes
//! the estimate the maximum and not a point where an optimiser gave up (the
//! likelihood is flat in δ0 when costs vary little between versions).

use nalgebra::{DMatrix, DVector};

use super::design::Design;
use super::likelihood::{Evaluation, evaluate};

/// When to stop: the Newton decrement g'(−H)⁻¹g (the expected gain of the
/// next step, twice) below this, in scaled units.
pub const DECREMENT_TOLERANCE: f64 = 1e-22;
/// The most Newton iterations.
pub const MAX_ITERATIONS: usize = 200;

/// The result of a Newton run.
#[derive(Debug, Clone)]
pub struct NewtonRun {
    /// The estimate, in scaled units.
    pub beta: Vec<f64>,
    /// The evaluation at the estimate.
    pub at: Evaluation,
    /// Newton iterations taken.
    pub iterations: usize,
    /// Whether the decrement fell below [`DECREMENT_TOLERANCE`].
    pub converged: bool,
}

/// The Newton direction (−H)⁻¹g, when −H is positive definite.
pub fn direction(evaluation: &Evaluation) -> Option<DVector<f64>> {
    let information: DMatrix<f64> = -evaluation.hessian.clone();
    information
        .cholesky()
        .map(|c| c.solve(&evaluation.gradient))
}

/// Backtracking: from `from`, halves the step along `direction` until
/// `evaluate` gives a log-likelihood that does not fall below `loglik`;
/// returns the point, what `evaluate` made of it and its log-likelihood, or
/// None when even a step of `min_size` makes it fall.
pub(crate) fn backtrack<T>(
    from: &[f64],
    direction: &[f64],
    loglik: f64,
    min_size: f64,
    mut evaluate: impl FnMut(&[f64]) -> (T, f64),
) -> Option<(Vec<f64>, T, f64)> {
    let mut size = 1.0;
    while size >= min_size {
        let trial: Vec<f64> = from
            .iter()
            .zip(direction)
            .map(|(t, d)| t + size * d)
            .collect();
        let (value, next) = evaluate(&trial);
        if next >= loglik - 1e-12 * loglik.abs() {
            return Some((trial, value, next));
        }
        size /= 2.0;
    }
    None
}

/// Maximises the log-likelihood with cell weights `cell_weight` from `start`.
pub fn maximise(
    design: &Design,
    start: Vec<f64>,
    cell_weight: &dyn Fn(usize, usize) -> f64,
    max_iterations: usize,
) -> NewtonRun {
    let mut beta = start;
    let mut at = evaluate(design, &beta, cell_weight);
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iterations {
        let Some(step) = direction(&at) else {
            break;
        };
        let decrement = at.gradient.dot(&step);
        if decrement.abs() < DECREMENT_TOLERANCE * (1.0 + at.loglik.abs()) {
            converged = true;
            break;
        }
        iterations += 1;
        let found = backtrack(&beta, step.as_slice(), at.loglik, 1e-10, |trial| {
            let next = evaluate(design, trial, cell_weight);
            let loglik = next.loglik;
            (next, loglik)
        });
        match found {
            Some((trial, next, _)) => {
                beta = trial;
                at = next;
            }
            None => {
                // No step improves: the gradient is at the level of rounding.
                converged = decrement.abs() < 1e-12 * (1.0 + at.loglik.abs());
                break;
            }
        }
    }
    NewtonRun {
        beta,
        at,
        iterations,
        converged,
    }
}
