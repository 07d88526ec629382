//! A choice task: the survey's rules with the budget and costs of one version.

use crate::money::Euros;
use crate::survey::{Survey, Version};

/// What one respondent faces: the survey's options and rules, priced by their version.
#[derive(Debug, Clone, Copy)]
pub struct ChoiceTask<'s> {
    survey: &'s Survey,
    version: &'s Version,
}

impl<'s> ChoiceTask<'s> {
    /// The task of `version`, which must be one of `survey`'s versions.
    pub fn new(survey: &'s Survey, version: &'s Version) -> ChoiceTask<'s> {
        ChoiceTask { survey, version }
    }

    /// The survey the task belongs to.
    pub fn survey(&self) -> &'s Survey {
        self.survey
    }

    /// The version that prices the task.
    pub fn version(&self) -> &'s Version {
        self.version
    }

    /// The budget in this version.
    pub fn budget(&self) -> Euros {
        self.version.budget
    }

    /// The cost of `option_idx` at `level` in this version.
    pub fn cost(&self, option_idx: usize, level: u8) -> Euros {
        self.version.cost(option_idx, level)
    }

    /// The least (if any) and the most a portfolio may cost: the budget, widened by
    /// a flexible budget, and the minimum spend.
    pub fn spend_bounds(&self) -> (Option<Euros>, Euros) {
        let rules = self.survey.rules();
        let budget = self.version.budget;
        match rules.flexible {
            None => (rules.min_spend, budget),
            Some(flex) => {
                let flex_lower = budget - flex.max_under;
                let lower = rules
                    .min_spend
                    .map_or(flex_lower, |min| min.max(flex_lower));
                (Some(lower), budget + flex.max_over)
            }
        }
    }
}
