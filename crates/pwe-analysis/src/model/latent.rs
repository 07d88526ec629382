//! Segments: a latent-class portfolio logit with 2 to 4 classes, estimated by
//! EM from several seeded random starts (the best log-likelihood kept), with
//! standard errors from the Hessian of the analytic gradient, the number of
//! classes chosen by BIC among the fits that are a maximum — one class (the
//! plain model) always a candidate — and class membership described per buurt
//! and per background answer.
//!
//! A fit is degenerate, reported as such and never chosen, when its search did
//! not end at a maximum (the gradient not zero, or −H not positive definite:
//! a saddle point or a flat direction) or when a class collapses (a share
//! below [`MIN_CLASS_SHARE`]). Such fits are what EM reaches on data from one
//! homogeneous population, and their BIC says nothing.

use nalgebra::DMatrix;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::design::Design;
use super::likelihood::probabilities;
use super::newton;

/// EM hands over to Newton when the log-likelihood rises less than this
/// (relative) per iteration: EM is robust far from the optimum but converges
/// slowly near it, Newton the other way round.
const EM_TOLERANCE: f64 = 1e-7;
/// The most EM iterations per start.
const EM_MAX_ITERATIONS: usize = 500;
/// Newton on the full likelihood stops when the largest gradient (scaled
/// units) is below this.
const GRADIENT_TOLERANCE: f64 = 1e-7;
/// The most Newton steps after EM.
const NEWTON_MAX_STEPS: usize = 30;
/// A class smaller than this share of respondents has collapsed.
pub const MIN_CLASS_SHARE: f64 = 0.02;

/// One class's parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassParameter {
    /// The parameter's name.
    pub name: String,
    /// Its estimate in this class.
    pub estimate: f64,
    /// Its standard error (NaN, written as null, when the Hessian is singular).
    pub se: f64,
}

/// A class: its share and parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Class {
    /// The estimated share of respondents in the class.
    pub share: f64,
    /// The parameters.
    pub parameters: Vec<ClassParameter>,
}

/// The mean membership probabilities of a group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    /// `buurt`, or the background question.
    pub variable: String,
    /// The buurt code or the answer.
    pub group: String,
    /// The number of respondents.
    pub n: usize,
    /// The mean posterior probability of every class; `None` only in the
    /// published summary, for a group under [`crate::figures::MIN_GROUP`].
    pub classes: Option<Vec<f64>>,
}

/// A latent-class model with a given number of classes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatentClassFit {
    /// The number of classes.
    pub classes: usize,
    /// The log-likelihood of the best start.
    pub loglik: f64,
    /// The number of free parameters (class parameters and shares).
    pub n_parameters: usize,
    /// −2 loglik + n_parameters ln n.
    pub bic: f64,
    /// −2 loglik + 2 n_parameters.
    pub aic: f64,
    /// The log-likelihood reached from every start.
    pub start_logliks: Vec<f64>,
    /// EM iterations and Newton steps of the best start.
    pub iterations: usize,
    /// Whether the best start ended with every gradient below 1e-7 (scaled units).
    pub converged: bool,
    /// Why the fit is not a usable maximum; such a fit is never chosen.
    pub degenerate: Option<Degenerate>,
    /// The classes, largest first.
    pub class: Vec<Class>,
    /// Mean membership per buurt and background answer.
    pub membership: Vec<Membership>,
    /// Every respondent's posterior class probabilities.
    #[serde(skip)]
    pub posterior: Vec<Vec<f64>>,
}

/// Why a latent-class fit is not a maximum that BIC may compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Degenerate {
    /// The search stopped with a gradient that is not zero.
    NotConverged,
    /// −H is not positive definite: a saddle point or a flat direction.
    NotAMaximum,
    /// A class holds less than [`MIN_CLASS_SHARE`] of the respondents.
    ClassCollapses,
}

/// The latent-class fits and which one BIC prefers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segments {
    /// One fit per number of classes tried.
    pub fits: Vec<LatentClassFit>,
    /// The number of classes with the lowest BIC among the fits that are not
    /// degenerate (1: no evidence of distinct groups).
    pub chosen: usize,
}

/// The parameters of a latent-class model in scaled units: every class's β,
/// then the share logits α (the first class's fixed at 0).
struct State {
    beta: Vec<Vec<f64>>,
    alpha: Vec<f64>,
}

impl State {
    fn shares(&self) -> Vec<f64> {
        let max = self.alpha.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = self.alpha.iter().map(|a| (a - max).exp()).collect();
        let sum: f64 = e.iter().sum();
        e.iter().map(|v| v / sum).collect()
    }
}

/// Every cell's posterior class probabilities `[group][cell][class]`, and the log-likelihood.
fn posteriors(design: &Design, state: &State) -> (Vec<Vec<Vec<f64>>>, f64) {
    let k = design.k();
    let shares = state.shares();
    let mut loglik = 0.0;
    let mut p = Vec::new();
    let mut tau = Vec::with_capacity(design.groups.len());
    for group in &design.groups {
        let mut per_class = Vec::with_capacity(state.beta.len());
        for beta in &state.beta {
            probabilities(&group.x, k, beta, &mut p);
            per_class.push(p.clone());
        }
        let mut cells = Vec::with_capacity(group.cells.len());
        for cell in &group.cells {
            let joint: Vec<f64> = shares
                .iter()
                .zip(&per_class)
                .map(|(s, pc)| s * pc[cell.alt])
                .collect();
            let total: f64 = joint.iter().sum();
            loglik += cell.weight * total.ln();
            cells.push(joint.iter().map(|j| j / total).collect());
        }
        tau.push(cells);
    }
    (tau, loglik)
}

/// The analytic gradient of the latent-class log-likelihood in the state's
/// parameters (β of every class, then α of classes 2..C).
fn gradient(design: &Design, state: &State) -> Vec<f64> {
    let k = design.k();
    let classes = state.beta.len();
    let (tau, _) = posteriors(design, state);
    let shares = state.shares();
    let mut out = vec![0.0; classes * k + classes - 1];
    let mut p = Vec::new();
    for (g, group) in design.groups.iter().enumerate() {
        for (c, beta) in state.beta.iter().enumerate() {
            probabilities(&group.x, k, beta, &mut p);
            let mut mean = vec![0.0; k];
            for (alt, prob) in p.iter().enumerate() {
                for (m, x) in mean.iter_mut().zip(group.row(alt, k)) {
                    *m += prob * x;
                }
            }
            for (cell_idx, cell) in group.cells.iter().enumerate() {
                let w = cell.weight * tau[g][cell_idx][c];
                for (a, x) in group.row(cell.alt, k).iter().enumerate() {
                    out[c * k + a] += w * (x - mean[a]);
                }
            }
        }
        for (cell_idx, cell) in group.cells.iter().enumerate() {
            for c in 1..classes {
                out[classes * k + c - 1] += cell.weight * (tau[g][cell_idx][c] - shares[c]);
            }
        }
    }
    out
}

fn flatten(state: &State) -> Vec<f64> {
    let mut out: Vec<f64> = state.beta.iter().flatten().copied().collect();
    out.extend(&state.alpha[1..]);
    out
}

fn unflatten(theta: &[f64], classes: usize, k: usize) -> State {
    let beta = (0..classes)
        .map(|c| theta[c * k..(c + 1) * k].to_vec())
        .collect();
    let mut alpha = vec![0.0];
    alpha.extend(&theta[classes * k..]);
    State { beta, alpha }
}

/// EM from one start; returns the state, its log-likelihood, iterations and convergence.
fn em(design: &Design, mut state: State) -> (State, f64, usize, bool) {
    let classes = state.beta.len();
    let total: f64 = design.total_weight();
    let (mut tau, mut loglik) = posteriors(design, &state);
    for iteration in 1..=EM_MAX_ITERATIONS {
        // M-step: shares from the posteriors, then one Newton step per class
        // on the posterior-weighted likelihood (a generalised EM step).
        let mut shares = vec![0.0; classes];
        for (group, cells) in design.groups.iter().zip(&tau) {
            for (cell, t) in group.cells.iter().zip(cells) {
                for (s, tc) in shares.iter_mut().zip(t) {
                    *s += cell.weight * tc;
                }
            }
        }
        state.alpha = shares
            .iter()
            .map(|s| (s / total).max(1e-300).ln() - (shares[0] / total).max(1e-300).ln())
            .collect();
        for (c, beta) in state.beta.iter_mut().enumerate() {
            let weight =
                |g: usize, cell: usize| design.groups[g].cells[cell].weight * tau[g][cell][c];
            *beta = newton::maximise(design, beta.clone(), &weight, 1).beta;
        }
        let (next_tau, next) = posteriors(design, &state);
        let gain = next - loglik;
        tau = next_tau;
        loglik = next;
        if gain.abs() < EM_TOLERANCE * (1.0 + loglik.abs()) {
            return (state, loglik, iteration, true);
        }
    }
    (state, loglik, EM_MAX_ITERATIONS, false)
}

/// The Hessian of the log-likelihood in the flattened parameters, by central
/// differences of the analytic gradient.
fn hessian(design: &Design, state: &State) -> DMatrix<f64> {
    let classes = state.beta.len();
    let k = design.k();
    let theta = flatten(state);
    let m = theta.len();
    let mut hessian = DMatrix::zeros(m, m);
    for p in 0..m {
        let h = 1e-5 * (1.0 + theta[p].abs());
        let mut up = theta.clone();
        let mut down = theta.clone();
        up[p] += h;
        down[p] -= h;
        let gu = gradient(design, &unflatten(&up, classes, k));
        let gd = gradient(design, &unflatten(&down, classes, k));
        for q in 0..m {
            hessian[(q, p)] = (gu[q] - gd[q]) / (2.0 * h);
        }
    }
    (&hessian + hessian.transpose()) * 0.5
}

/// Newton steps on the full latent-class likelihood from EM's end point, with
/// step halving; returns the state, its log-likelihood, the steps taken and
/// whether the gradient met [`GRADIENT_TOLERANCE`].
fn polish(design: &Design, mut state: State, mut loglik: f64) -> (State, f64, usize, bool) {
    let classes = state.beta.len();
    let k = design.k();
    for step in 0..NEWTON_MAX_STEPS {
        let g = gradient(design, &state);
        if g.iter().all(|v| v.abs() < GRADIENT_TOLERANCE) {
            return (state, loglik, step, true);
        }
        let information = -hessian(design, &state);
        let Some(direction) = information
            .cholesky()
            .map(|c| c.solve(&nalgebra::DVector::from_vec(g)))
        else {
            return (state, loglik, step, false);
        };
        let found = newton::backtrack(
            &flatten(&state),
            direction.as_slice(),
            loglik,
            1e-8,
            |trial| {
                let candidate = unflatten(trial, classes, k);
                let (_, next) = posteriors(design, &candidate);
                (candidate, next)
            },
        );
        match found {
            Some((_, candidate, next)) => {
                state = candidate;
                loglik = next;
            }
            None => return (state, loglik, step, false),
        }
    }
    let converged = gradient(design, &state)
        .iter()
        .all(|v| v.abs() < GRADIENT_TOLERANCE);
    (state, loglik, NEWTON_MAX_STEPS, converged)
}

/// Fits `classes` classes from `starts` seeded starts around `beta` (the
/// one-class estimate, scaled units).
pub fn fit_classes(
    design: &Design,
    beta: &[f64],
    classes: usize,
    starts: usize,
    seed: u64,
) -> LatentClassFit {
    let k = design.k();
    let mut best: Option<(State, f64, usize, bool)> = None;
    let mut start_logliks = Vec::new();
    // One class is the plain model: one start, at its estimate.
    let (starts, jitter) = if classes == 1 {
        (1, 0.0)
    } else {
        (starts, 1.0)
    };
    for start in 0..starts {
        let mut rng = ChaCha8Rng::seed_from_u64(
            seed.wrapping_mul(1000)
                .wrapping_add((classes * 100 + start) as u64),
        );
        let state = State {
            beta: (0..classes)
                .map(|_| {
                    beta.iter()
                        .map(|b| b + jitter * rng.random_range(-1.0..1.0))
                        .collect()
                })
                .collect(),
            alpha: vec![0.0; classes],
        };
        let (state, loglik, em_iterations, _) = em(design, state);
        let (state, loglik, newton_steps, converged) = polish(design, state, loglik);
        let result = (state, loglik, em_iterations + newton_steps, converged);
        start_logliks.push(result.1);
        if best.as_ref().is_none_or(|b| result.1 > b.1) {
            best = Some(result);
        }
    }
    let (mut state, loglik, iterations, converged) = best.expect("at least one start");
    // Largest class first, so that runs are comparable.
    let shares = state.shares();
    let mut order: Vec<usize> = (0..classes).collect();
    order.sort_by(|a, b| shares[*b].total_cmp(&shares[*a]).then(a.cmp(b)));
    state = State {
        beta: order.iter().map(|&c| state.beta[c].clone()).collect(),
        alpha: order
            .iter()
            .map(|&c| state.alpha[c] - state.alpha[order[0]])
            .collect(),
    };
    let shares = state.shares();
    let information = -hessian(design, &state);
    let se = standard_errors(&information, classes * k);
    let smallest = shares.iter().copied().fold(f64::INFINITY, f64::min);
    let degenerate = if !converged {
        Some(Degenerate::NotConverged)
    } else if information.clone().cholesky().is_none() {
        Some(Degenerate::NotAMaximum)
    } else if smallest < MIN_CLASS_SHARE {
        Some(Degenerate::ClassCollapses)
    } else {
        None
    };
    let n_parameters = classes * k + classes - 1;
    let n = design.n as f64;
    let (tau, _) = posteriors(design, &state);
    let posterior: Vec<Vec<f64>> = design
        .respondent_cell
        .iter()
        .map(|(g, c)| tau[*g][*c].clone())
        .collect();
    LatentClassFit {
        classes,
        loglik,
        n_parameters,
        bic: -2.0 * loglik + n_parameters as f64 * n.ln(),
        aic: -2.0 * loglik + 2.0 * n_parameters as f64,
        start_logliks,
        iterations,
        converged,
        degenerate,
        class: (0..classes)
            .map(|c| Class {
                share: shares[c],
                parameters: (0..k)
                    .map(|p| ClassParameter {
                        name: design.names[p].clone(),
                        estimate: state.beta[c][p] / design.scale[p],
                        se: se[c * k + p] / design.scale[p],
                    })
                    .collect(),
            })
            .collect(),
        membership: Vec::new(),
        posterior,
    }
}

/// Standard errors of the first `n_beta` parameters (scaled units) from the
/// inverse of the information −H; NaN (written as null) where the inverse has
/// no positive variance, never a clamped 0.
fn standard_errors(information: &DMatrix<f64>, n_beta: usize) -> Vec<f64> {
    match information.clone().try_inverse() {
        Some(covariance) => (0..n_beta)
            .map(|p| {
                let variance = covariance[(p, p)];
                if variance > 0.0 {
                    variance.sqrt()
                } else {
                    f64::NAN
                }
            })
            .collect(),
        None => vec![f64::NAN; n_beta],
    }
}

/// Fits one class (the plain model) and every number of classes asked for,
/// and picks the lowest BIC among the fits that are not degenerate.
pub fn segments(
    design: &Design,
    beta: &[f64],
    classes: &[usize],
    starts: usize,
    seed: u64,
) -> Option<Segments> {
    let mut candidates = vec![1];
    candidates.extend(classes.iter().copied().filter(|&c| c > 1));
    let fits: Vec<LatentClassFit> = candidates
        .iter()
        .map(|&c| fit_classes(design, beta, c, starts, seed))
        .collect();
    let chosen = fits
        .iter()
        .filter(|f| f.degenerate.is_none())
        .min_by(|a, b| a.bic.total_cmp(&b.bic))
        .map_or(1, |f| f.classes);
    Some(Segments { fits, chosen })
}

/// Describes class membership per buurt and per answer to every single-choice
/// background question: the mean posterior probability of each class.
pub fn describe_membership(
    fit: &mut LatentClassFit,
    survey: &pwe_core::Survey,
    responses: &crate::load::Responses,
) {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (r, buurt) in responses.buurt.iter().enumerate() {
        groups
            .entry(("buurt".into(), buurt.clone()))
            .or_default()
            .push(r);
    }
    for (q, question) in survey.background().iter().enumerate() {
        if !matches!(question.kind, pwe_core::survey::QuestionKind::Single(_)) {
            continue;
        }
        for (r, answer) in responses.background[q].iter().enumerate() {
            if let Some(answer) = answer {
                groups
                    .entry((question.id.clone(), answer.to_string()))
                    .or_default()
                    .push(r);
            }
        }
    }
    fit.membership = groups
        .into_iter()
        .map(|((variable, group), members)| Membership {
            variable,
            group,
            n: members.len(),
            classes: Some(
                (0..fit.classes)
                    .map(|c| {
                        members.iter().map(|&r| fit.posterior[r][c]).sum::<f64>()
                            / members.len() as f64
                    })
                    .collect(),
            ),
        })
        .collect();
}
