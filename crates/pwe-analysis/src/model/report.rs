//! model.json: the fit with its latent classes, or in words why the data
//! cannot identify the model (docs/model-format.md).

use pwe_core::Survey;
use serde::Serialize;

use super::latent::{self, Segments};
use super::spec::ModelSpec;
use super::{ModelError, ModelFit, fit};
use crate::figures::MIN_GROUP;
use crate::load::Responses;

/// What `pwe model` and `pwe analyze` write as model.json.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ModelReport {
    /// The fit, and the latent classes when the spec asks for them.
    Estimated {
        /// The fit's figures, at the top level of the JSON.
        #[serde(flatten)]
        fit: Box<ModelFit>,
        /// Always true here.
        identified: bool,
        /// One to the spec's numbers of classes, with the one BIC prefers.
        segments: Option<Segments>,
    },
    /// What the data cannot identify.
    NotIdentified {
        /// Always false here.
        identified: bool,
        /// Each problem in words.
        problems: Vec<String>,
    },
}

/// Estimates `spec` and, when it names classes, the latent classes (starting
/// from the fit, `seed` for the random starts) with who is in them.
///
/// # Errors
/// A spec that does not fit the data; a model the data cannot identify is a
/// [`ModelReport::NotIdentified`], not an error.
pub fn estimate(
    survey: &Survey,
    responses: &Responses,
    spec: &ModelSpec,
    weights: Option<&[f64]>,
    seed: u64,
) -> Result<ModelReport, ModelError> {
    let (fit, design) = match fit(survey, responses, spec, weights) {
        Ok(found) => found,
        Err(ModelError::NotIdentified(problems)) => {
            return Ok(ModelReport::NotIdentified {
                identified: false,
                problems,
            });
        }
        Err(other) => return Err(other),
    };
    let segments = if spec.classes.is_empty() {
        None
    } else {
        let mut segments =
            latent::segments(&design, &fit.scaled_beta, &spec.classes, spec.starts, seed);
        for class_fit in segments.iter_mut().flat_map(|s| s.fits.iter_mut()) {
            latent::describe_membership(class_fit, survey, responses);
        }
        segments
    };
    Ok(ModelReport::Estimated {
        fit: Box::new(fit),
        identified: true,
        segments,
    })
}

impl ModelReport {
    /// As JSON, with its keys in order (the bytes of model.json).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The report as published in the summary: the class membership of groups
    /// under [`MIN_GROUP`] suppressed.
    pub fn published(&self) -> ModelReport {
        let mut published = self.clone();
        if let ModelReport::Estimated {
            segments: Some(segments),
            ..
        } = &mut published
        {
            for fit in &mut segments.fits {
                for group in fit.membership.iter_mut().filter(|g| g.n < MIN_GROUP) {
                    group.classes = None;
                }
            }
        }
        published
    }
}
