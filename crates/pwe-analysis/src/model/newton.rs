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
        // Backtracking: halve the step until the log-likelihood does not fall.
        let mut size = 1.0;
        loop {
            let trial: Vec<f64> = beta
                .iter()
                .zip(step.iter())
                .map(|(b, s)| b + size * s)
                .collect();
            let next = evaluate(design, &trial, cell_weight);
            if next.loglik >= at.loglik - 1e-12 * at.loglik.abs() {
                beta = trial;
                at = next;
                break;
            }
            size /= 2.0;
            if size < 1e-10 {
                // No step improves: the gradient is at the level of rounding.
                converged = decrement.abs() < 1e-12 * (1.0 + at.loglik.abs());
                return NewtonRun {
                    beta,
                    at,
                    iterations,
                    converged,
                };
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
