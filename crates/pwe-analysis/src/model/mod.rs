//! The portfolio choice model: a logit over every portfolio a respondent's
//! version allows,
//!
//! U_np = Σ_j V_nj(p_j) + δ0 · m_np + ε_np,  V_nj = δ_j(level) + β'x + θ_j'z_n,
//!
//! estimated by maximum likelihood with analytic derivatives and Newton steps
//! ([`newton`]), on groups of respondents that share a denominator
//! ([`design`]); what the data cannot identify is said in words
//! ([`identify`]); latent classes in [`latent`].

pub mod design;
pub mod identify;
pub mod latent;
pub mod likelihood;
pub mod newton;
pub mod report;
pub mod spec;

use nalgebra::{DMatrix, DVector};
use pwe_core::Survey;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::load::Responses;
use design::{Design, ParamKind};
use spec::{ModelSpec, Money, SpecError};

/// Why a model could not be estimated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The specification does not fit the survey or the data.
    #[error("{0}")]
    Spec(#[from] SpecError),
    /// There are no responses.
    #[error("there are no responses to estimate a model on")]
    NoResponses,
    /// A version's feasible set is too large.
    #[error("{0}")]
    Feasible(#[from] pwe_core::feasible::FeasibleError),
    /// A response's portfolio is not among its version's feasible portfolios.
    #[error("response {response}: its portfolio is not allowed in version {version}")]
    NotFeasible {
        /// The response.
        response: String,
        /// Its version.
        version: String,
    },
    /// The data cannot identify the model; every problem in words.
    #[error("the model cannot be estimated on these data:\n- {}", .0.join("\n- "))]
    NotIdentified(Vec<String>),
}

/// One estimated parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// Its name (see [`design::Design::names`]).
    pub name: String,
    /// The maximum likelihood estimate.
    pub estimate: f64,
    /// The standard error from the inverse of the (weighted) Hessian.
    pub se: f64,
    /// The robust (sandwich) standard error, H⁻¹ B H⁻¹ with B the sum of the
    /// respondents' squared-weighted score outer products.
    pub robust_se: f64,
    /// estimate / se.
    pub z: f64,
    /// The two-sided p-value of z.
    pub p: f64,
    /// estimate / robust_se.
    pub robust_z: f64,
    /// The two-sided p-value of robust_z.
    pub robust_p: f64,
}

/// The money value of an option level for the population: the mean over
/// respondents of (δ_j + θ_j'z_n)/δ0 in euros, weighted as the model is, with
/// z_n the respondent's background dummies of the option's interactions; with
/// delta-method standard errors that treat the respondents' z as fixed.
/// Without interactions it is δ_j/δ0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyValue {
    /// The constant's name.
    pub name: String,
    /// The option.
    pub option: String,
    /// The level.
    pub level: u8,
    /// The value in euros (of budget, or of tax per household per year).
    pub value: f64,
    /// Its standard error (Hessian).
    pub se: f64,
    /// Its robust standard error.
    pub robust_se: f64,
    /// The 95% interval, value ± 1.96 · the standard error used (robust
    /// when the model is weighted).
    pub low: f64,
    /// Its upper end.
    pub high: f64,
    /// The value for a household with every interaction dummy 0 (δ_j/δ0).
    pub reference_value: f64,
    /// Whether the value is too uncertain to read as a number: its standard
    /// error (robust when weighted) is more than [`UNSTABLE_RSE`] of it.
    pub unstable: bool,
}

/// A money value whose standard error exceeds this share of the value is
/// flagged unstable: its 95% interval then reaches past zero, and a ratio of
/// estimates is then poorly described by a standard error at all (statistics
/// offices flag estimates with a relative standard error above 50%).
pub const UNSTABLE_RSE: f64 = 0.5;

/// An option's share: observed (weighted as the model is) and predicted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictedShare {
    /// The option.
    pub option: String,
    /// The share of respondents who chose it.
    pub observed: f64,
    /// The share the model predicts.
    pub predicted: f64,
}

/// The portfolio with the highest expected utility in a version, averaged over
/// the respondents (and their covariates).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestPortfolio {
    /// The version.
    pub version: String,
    /// The chosen option levels, as `option` or `option:level` joined by `+`.
    pub portfolio: String,
    /// Its total cost in that version.
    pub cost: i64,
}

/// An estimated portfolio logit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelFit {
    /// What δ0 is the value of.
    pub money_term: String,
    /// Whether the raking weights were used (pseudo-likelihood).
    pub weighted: bool,
    /// Respondents.
    pub n: usize,
    /// Groups with a shared denominator (version × covariates).
    pub groups: usize,
    /// Every parameter.
    pub parameters: Vec<Parameter>,
    /// The log-likelihood at the estimate.
    pub loglik: f64,
    /// The log-likelihood with every feasible portfolio equally likely.
    pub null_loglik: f64,
    /// McFadden's ρ² = 1 − loglik / null_loglik.
    pub rho2: f64,
    /// −2 loglik + 2k.
    pub aic: f64,
    /// −2 loglik + k ln n.
    pub bic: f64,
    /// Newton iterations.
    pub iterations: usize,
    /// Whether the convergence criterion was met.
    pub converged: bool,
    /// The criterion.
    pub convergence_criterion: String,
    /// The largest absolute gradient at the estimate, in the units of the estimates.
    pub max_abs_gradient: f64,
    /// Money values of every option level, highest first (empty without δ0).
    pub money_values: Vec<MoneyValue>,
    /// Observed and predicted shares per option.
    pub predicted_shares: Vec<PredictedShare>,
    /// The best portfolio per version.
    pub best_portfolios: Vec<BestPortfolio>,
    /// What makes estimates unreliable, in words: no convergence, an option
    /// level everyone or no one chose (separation), a standard error that
    /// cannot be computed.
    pub warnings: Vec<String>,
    /// The estimate in the design's scaled units (for latent-class starts).
    #[serde(skip)]
    pub scaled_beta: Vec<f64>,
}

fn two_sided(z: f64) -> f64 {
    let normal = Normal::standard();
    if z.is_finite() {
        2.0 * (1.0 - normal.cdf(z.abs()))
    } else {
        f64::NAN
    }
}

/// The covariance of the estimates in original units from a scaled one.
fn unscale(design: &Design, scaled: &DMatrix<f64>) -> DMatrix<f64> {
    let k = design.k();
    DMatrix::from_fn(k, k, |a, b| {
        scaled[(a, b)] / (design.scale[a] * design.scale[b])
    })
}

/// Estimates `spec` on `responses`; `weights` are the raking weights, used
/// when the spec asks for them.
///
/// # Errors
/// [`ModelError`]: a spec that does not fit the data, or a model the data
/// cannot identify (in words).
pub fn fit(
    survey: &Survey,
    responses: &Responses,
    spec: &ModelSpec,
    weights: Option<&[f64]>,
) -> Result<(ModelFit, Design), ModelError> {
    let design = design::build(survey, responses, spec, weights.filter(|_| spec.weights))?;
    let problems = identify::problems(&design);
    if !problems.is_empty() {
        return Err(ModelError::NotIdentified(problems));
    }
    let k = design.k();
    let cell_weight = |g: usize, c: usize| design.groups[g].cells[c].weight;
    let run = newton::maximise(&design, vec![0.0; k], &cell_weight, newton::MAX_ITERATIONS);
    let information = -run.at.hessian.clone();
    let covariance_scaled = information.clone().try_inverse().ok_or_else(|| {
        ModelError::NotIdentified(vec![
            "the information matrix is singular at the estimate".into(),
        ])
    })?;
    let meat = likelihood::score_outer(&design, &run.beta);
    let robust_scaled = &covariance_scaled * meat * &covariance_scaled;
    let covariance = unscale(&design, &covariance_scaled);
    let robust = unscale(&design, &robust_scaled);
    let estimate: Vec<f64> = run
        .beta
        .iter()
        .zip(&design.scale)
        .map(|(b, s)| b / s)
        .collect();
    let gradient: Vec<f64> = run
        .at
        .gradient
        .iter()
        .zip(&design.scale)
        .map(|(g, s)| g * s)
        .collect();
    let parameters = parameters(&design, &estimate, &covariance, &robust);
    let total_weight: f64 = design.total_weight();
    let null_loglik: f64 = design
        .groups
        .iter()
        .map(|g| -(g.n_alt as f64).ln() * g.cells.iter().map(|c| c.weight).sum::<f64>())
        .sum();
    let loglik = run.at.loglik;
    let money_term = match spec.money {
        Money::Budget { unit } => format!("delta0 per € {unit} of budget left unspent"),
        Money::Tax => "delta0 per € 1 lower tax per household per year".into(),
        Money::None => "no money term".into(),
    };
    let money_values = money_values(
        survey,
        spec,
        &design,
        &estimate,
        (&covariance, &robust),
        spec.weights && weights.is_some(),
    );
    let warnings = warnings(survey, &design, &run, &parameters);
    let predicted_shares = predicted_shares(survey, &design, &run.beta, total_weight);
    let best_portfolios = best_portfolios(survey, &design, &run.beta);
    let fit = ModelFit {
        money_term,
        weighted: spec.weights && weights.is_some(),
        n: design.n,
        groups: design.groups.len(),
        parameters,
        loglik,
        null_loglik,
        rho2: 1.0 - loglik / null_loglik,
        aic: -2.0 * loglik + 2.0 * k as f64,
        bic: -2.0 * loglik + k as f64 * (design.n as f64).ln(),
        iterations: run.iterations,
        converged: run.converged,
        convergence_criterion: format!(
            "Newton decrement g'(−H)⁻¹g below {:e} × (1 + |loglik|), analytic gradient and Hessian",
            newton::DECREMENT_TOLERANCE
        ),
        max_abs_gradient: gradient.iter().map(|g| g.abs()).fold(0.0, f64::max),
        money_values,
        predicted_shares,
        best_portfolios,
        warnings,
        scaled_beta: run.beta,
    };
    Ok((fit, design))
}

/// Every parameter with its model-based and robust standard errors, z and p.
fn parameters(
    design: &Design,
    estimate: &[f64],
    covariance: &DMatrix<f64>,
    robust: &DMatrix<f64>,
) -> Vec<Parameter> {
    (0..design.k())
        .map(|p| {
            let se = covariance[(p, p)].sqrt();
            let robust_se = robust[(p, p)].sqrt();
            Parameter {
                name: design.names[p].clone(),
                estimate: estimate[p],
                se,
                robust_se,
                z: estimate[p] / se,
                p: two_sided(estimate[p] / se),
                robust_z: estimate[p] / robust_se,
                robust_p: two_sided(estimate[p] / robust_se),
            }
        })
        .collect()
}

fn money_values(
    survey: &Survey,
    spec: &ModelSpec,
    design: &Design,
    estimate: &[f64],
    (covariance, robust): (&DMatrix<f64>, &DMatrix<f64>),
    weighted: bool,
) -> Vec<MoneyValue> {
    let Some(m) = design.kinds.iter().position(|k| *k == ParamKind::Money) else {
        return Vec::new();
    };
    let unit = match spec.money {
        Money::Budget { unit } => unit,
        _ => 1.0,
    };
    let delta0 = estimate[m];
    // The (weighted) share of respondents with each interaction's dummy.
    let total: f64 = design.total_weight();
    let share_with = |idx: usize| -> f64 {
        design
            .groups
            .iter()
            .filter(|g| g.pattern[idx])
            .flat_map(|g| &g.cells)
            .map(|c| c.weight)
            .sum::<f64>()
            / total
    };
    let mut values: Vec<MoneyValue> = design
        .kinds
        .iter()
        .enumerate()
        .filter_map(|(p, kind)| {
            let ParamKind::Constant { option_idx, level } = kind else {
                return None;
            };
            // value = unit·(δ_p + Σ θ_q z̄_q)/δ0, linear in every term but δ0.
            let mut gradient = vec![0.0; design.k()];
            let mut numerator = estimate[p];
            gradient[p] = unit / delta0;
            for (q, kind) in design.kinds.iter().enumerate() {
                if let ParamKind::Interaction { idx } = kind
                    && spec.interactions[*idx].option_idx == *option_idx
                {
                    let z = share_with(*idx);
                    numerator += estimate[q] * z;
                    gradient[q] = unit * z / delta0;
                }
            }
            let value = unit * numerator / delta0;
            gradient[m] = -value / delta0;
            let se_of = |c: &DMatrix<f64>| {
                let g = DVector::from_vec(gradient.clone());
                (g.transpose() * c * &g)[(0, 0)].sqrt()
            };
            let (se, robust_se) = (se_of(covariance), se_of(robust));
            let used = if weighted { robust_se } else { se };
            Some(MoneyValue {
                name: design.names[p].clone(),
                option: survey.options()[*option_idx].id.clone(),
                level: *level,
                value,
                se,
                robust_se,
                low: value - 1.96 * used,
                high: value + 1.96 * used,
                reference_value: unit * estimate[p] / delta0,
                // A standard error that is NaN (not computable) is unstable too.
                unstable: used.is_nan() || used > UNSTABLE_RSE * value.abs(),
            })
        })
        .collect();
    values.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.name.cmp(&b.name)));
    values
}

/// What makes the estimates unreliable, in words.
fn warnings(
    survey: &Survey,
    design: &Design,
    run: &newton::NewtonRun,
    parameters: &[Parameter],
) -> Vec<String> {
    let mut warnings = Vec::new();
    if !run.converged {
        warnings.push(format!(
            "the estimation did not converge in {} iterations: the estimates are not a maximum and should not be read",
            run.iterations
        ));
    }
    let k = design.k();
    for (p, kind) in design.kinds.iter().enumerate() {
        let ParamKind::Constant { option_idx, level } = kind else {
            continue;
        };
        // Who chose this level, among respondents who could have chosen it or not.
        let (mut chose, mut could) = (0usize, 0usize);
        for group in &design.groups {
            let offered = (0..group.n_alt).any(|a| group.row(a, k)[p] != 0.0);
            let avoidable = (0..group.n_alt).any(|a| group.row(a, k)[p] == 0.0);
            if !(offered && avoidable) {
                continue;
            }
            for cell in &group.cells {
                could += cell.count;
                chose += usize::from(group.row(cell.alt, k)[p] != 0.0) * cell.count;
            }
        }
        let title = &survey.options()[*option_idx].title;
        let option = title.en().unwrap_or(title.nl());
        let what = if survey.options()[*option_idx].levels.len() > 1 {
            format!("{option} (level {level})")
        } else {
            option.to_string()
        };
        if could > 0 && chose == could {
            warnings.push(format!(
                "everyone who could chose {what}: its value cannot be estimated (separation; the estimate runs off towards infinity)"
            ));
        } else if could > 0 && chose == 0 {
            warnings.push(format!(
                "no one chose {what}: its value cannot be estimated (separation; the estimate runs off towards minus infinity)"
            ));
        }
    }
    for parameter in parameters {
        if !(parameter.se.is_finite() && parameter.robust_se.is_finite()) {
            warnings.push(format!(
                "the standard error of {} cannot be computed: the data hardly inform it",
                parameter.name
            ));
        }
    }
    warnings
}

fn predicted_shares(
    survey: &Survey,
    design: &Design,
    beta: &[f64],
    total_weight: f64,
) -> Vec<PredictedShare> {
    let k = design.k();
    let j = survey.options().len();
    let (mut observed, mut predicted) = (vec![0.0; j], vec![0.0; j]);
    let mut p = Vec::new();
    for group in &design.groups {
        let portfolios = &design.portfolios[group.version_idx];
        let weight: f64 = group.cells.iter().map(|c| c.weight).sum();
        likelihood::probabilities(&group.x, k, beta, &mut p);
        for (alt, prob) in p.iter().enumerate() {
            for (option, level) in portfolios[alt].iter().enumerate() {
                if *level > 0 {
                    predicted[option] += weight * prob;
                }
            }
        }
        for cell in &group.cells {
            for (option, level) in portfolios[cell.alt].iter().enumerate() {
                if *level > 0 {
                    observed[option] += cell.weight;
                }
            }
        }
    }
    survey
        .options()
        .iter()
        .enumerate()
        .map(|(i, o)| PredictedShare {
            option: o.id.clone(),
            observed: observed[i] / total_weight,
            predicted: predicted[i] / total_weight,
        })
        .collect()
}

fn best_portfolios(survey: &Survey, design: &Design, beta: &[f64]) -> Vec<BestPortfolio> {
    let k = design.k();
    survey
        .versions()
        .iter()
        .enumerate()
        .filter_map(|(v, version)| {
            let portfolios = &design.portfolios[v];
            let mut mean = vec![0.0; portfolios.len()];
            let mut total = 0.0;
            for group in design.groups.iter().filter(|g| g.version_idx == v) {
                let weight: f64 = group.cells.iter().map(|c| c.weight).sum();
                total += weight;
                for (alt, m) in mean.iter_mut().enumerate() {
                    *m += weight
                        * group
                            .row(alt, k)
                            .iter()
                            .zip(beta)
                            .map(|(x, b)| x * b)
                            .sum::<f64>();
                }
            }
            if total == 0.0 {
                return None;
            }
            let best =
                (0..mean.len()).max_by(|a, b| mean[*a].total_cmp(&mean[*b]).then(b.cmp(a)))?;
            let task = pwe_core::ChoiceTask::new(survey, version);
            let cost: i64 = portfolios[best]
                .iter()
                .enumerate()
                .map(|(j, l)| task.cost(j, *l).get())
                .sum();
            Some(BestPortfolio {
                version: version.id.clone(),
                portfolio: crate::portfolio::describe(survey, &portfolios[best]),
                cost,
            })
        })
        .collect()
}
