//! The log-likelihood of the portfolio logit with its analytic gradient and
//! Hessian, summed over groups with one stable log-sum-exp per group.

use nalgebra::{DMatrix, DVector};

use super::design::Design;

/// The log-likelihood, gradient and Hessian at one parameter vector (in the
/// design's scaled units).
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Σ w · log P(chosen).
    pub loglik: f64,
    /// Its gradient.
    pub gradient: DVector<f64>,
    /// Its Hessian (negative semi-definite).
    pub hessian: DMatrix<f64>,
}

/// The choice probabilities of every portfolio of a group, and their log-sum-exp.
pub fn probabilities(x: &[f64], k: usize, beta: &[f64], out: &mut Vec<f64>) -> f64 {
    out.clear();
    out.extend(
        x.chunks(k.max(1))
            .map(|row| row.iter().zip(beta).map(|(a, b)| a * b).sum::<f64>()),
    );
    let max = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = out.iter().map(|v| (v - max).exp()).sum();
    let lse = max + sum.ln();
    for v in out.iter_mut() {
        *v = (*v - lse).exp();
    }
    lse
}

/// Evaluates the model with a weight per cell: `cell_weight(group, cell)`.
pub fn evaluate(
    design: &Design,
    beta: &[f64],
    cell_weight: &dyn Fn(usize, usize) -> f64,
) -> Evaluation {
    let k = design.k();
    let mut loglik = 0.0;
    let mut gradient = DVector::zeros(k);
    let mut hessian = DMatrix::zeros(k, k);
    let mut p = Vec::new();
    let mut mean = vec![0.0; k];
    let mut second = DMatrix::zeros(k, k);
    for (g, group) in design.groups.iter().enumerate() {
        let total: f64 = (0..group.cells.len()).map(|c| cell_weight(g, c)).sum();
        if total == 0.0 {
            continue;
        }
        let lse = probabilities(&group.x, k, beta, &mut p);
        mean.iter_mut().for_each(|m| *m = 0.0);
        second.fill(0.0);
        for (alt, prob) in p.iter().enumerate() {
            if *prob == 0.0 {
                continue;
            }
            let row = group.row(alt, k);
            for a in 0..k {
                let pa = prob * row[a];
                mean[a] += pa;
                if pa != 0.0 {
                    for b in 0..=a {
                        second[(a, b)] += pa * row[b];
                    }
                }
            }
        }
        for (c, cell) in group.cells.iter().enumerate() {
            let w = cell_weight(g, c);
            let row = group.row(cell.alt, k);
            let v: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
            loglik += w * (v - lse);
            for a in 0..k {
                gradient[a] += w * row[a];
            }
        }
        for a in 0..k {
            gradient[a] -= total * mean[a];
            for b in 0..=a {
                let cov = second[(a, b)] - mean[a] * mean[b];
                hessian[(a, b)] -= total * cov;
            }
        }
    }
    for a in 0..k {
        for b in 0..a {
            hessian[(b, a)] = hessian[(a, b)];
        }
    }
    Evaluation {
        loglik,
        gradient,
        hessian,
    }
}

/// Every cell's score (x_chosen − E[x]) at `beta`, for the sandwich estimator:
/// Σ over cells of (Σ w²) · s s'.
pub fn score_outer(design: &Design, beta: &[f64]) -> DMatrix<f64> {
    let k = design.k();
    let mut outer = DMatrix::zeros(k, k);
    let mut p = Vec::new();
    for group in &design.groups {
        probabilities(&group.x, k, beta, &mut p);
        let mut mean = vec![0.0; k];
        for (alt, prob) in p.iter().enumerate() {
            for (m, v) in mean.iter_mut().zip(group.row(alt, k)) {
                *m += prob * v;
            }
        }
        for cell in &group.cells {
            let s: Vec<f64> = group
                .row(cell.alt, k)
                .iter()
                .zip(&mean)
                .map(|(x, m)| x - m)
                .collect();
            for a in 0..k {
                for b in 0..k {
                    outer[(a, b)] += cell.weight_sq * s[a] * s[b];
                }
            }
        }
    }
    outer
}
