//! A respondent's choice: which options at which level, its totals, and the rules it breaks.

use crate::money::{Euros, display_cents};
use crate::survey::{Bound, Survey};
use crate::task::ChoiceTask;
use crate::text::{Lang, Message};

/// A portfolio: for every option of a survey its chosen level (0 = not chosen).
///
/// It can only be made for a survey, so it always has one level per option and
/// no level above the option's highest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Portfolio {
    levels: Vec<u8>,
}

/// Why a list of choices is not a portfolio of a survey.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PortfolioError {
    /// The survey has no option with this id.
    #[error("unknown option \"{0}\"")]
    UnknownOption(String),
    /// The option was named more than once.
    #[error("option \"{0}\" is named more than once")]
    Duplicate(String),
    /// The level is above the option's highest level.
    #[error("option \"{option}\" has no level {level}; its levels are 0 to {max}")]
    LevelOutOfRange {
        /// The option's id.
        option: String,
        /// The level asked for.
        level: u32,
        /// The option's highest level.
        max: u8,
    },
    /// A list of levels did not have one entry per option.
    #[error("expected a level for each of the {expected} options, found {found}")]
    WrongLength {
        /// The number of options in the survey.
        expected: usize,
        /// The number of levels given.
        found: usize,
    },
}

impl Portfolio {
    /// The portfolio choosing the given options at the given levels; options not
    /// named are not chosen.
    ///
    /// # Errors
    /// An unknown option, an option named twice, or a level the option does not have.
    pub fn from_choices<'a>(
        survey: &Survey,
        choices: impl IntoIterator<Item = (&'a str, u32)>,
    ) -> Result<Portfolio, PortfolioError> {
        let mut levels = vec![0u8; survey.options().len()];
        let mut named = vec![false; levels.len()];
        for (id, level) in choices {
            let option_idx = survey
                .option_idx(id)
                .ok_or_else(|| PortfolioError::UnknownOption(id.to_string()))?;
            if std::mem::replace(&mut named[option_idx], true) {
                return Err(PortfolioError::Duplicate(id.to_string()));
            }
            let max = survey.options()[option_idx].max_level();
            levels[option_idx] = u8::try_from(level)
                .ok()
                .filter(|&level| level <= max)
                .ok_or_else(|| PortfolioError::LevelOutOfRange {
                    option: id.to_string(),
                    level,
                    max,
                })?;
        }
        Ok(Portfolio { levels })
    }

    /// The portfolio with these levels, one per option in the survey's order.
    ///
    /// # Errors
    /// A wrong number of levels, or a level an option does not have.
    pub fn from_levels(survey: &Survey, levels: Vec<u8>) -> Result<Portfolio, PortfolioError> {
        let options = survey.options();
        if levels.len() != options.len() {
            return Err(PortfolioError::WrongLength {
                expected: options.len(),
                found: levels.len(),
            });
        }
        for (option, &level) in options.iter().zip(&levels) {
            if level > option.max_level() {
                return Err(PortfolioError::LevelOutOfRange {
                    option: option.id.clone(),
                    level: u32::from(level),
                    max: option.max_level(),
                });
            }
        }
        Ok(Portfolio { levels })
    }

    /// The level of every option, in the survey's order.
    pub fn levels(&self) -> &[u8] {
        &self.levels
    }

    /// The level chosen for `option_idx`.
    pub fn level(&self, option_idx: usize) -> u8 {
        self.levels[option_idx]
    }

    /// The indices of the options chosen at any level.
    pub fn chosen(&self) -> impl Iterator<Item = usize> + '_ {
        self.levels
            .iter()
            .enumerate()
            .filter(|&(_, &level)| level > 0)
            .map(|(option_idx, _)| option_idx)
    }
}

/// What a portfolio adds up to in one version.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// The total cost (negative when the portfolio raises money).
    pub cost: Euros,
    /// The budget of the version.
    pub budget: Euros,
    /// The total of every effect, indexed by `effect_idx`.
    pub effects: Vec<f64>,
    /// The number of options chosen.
    pub n_chosen: u32,
    /// The tax change per household per year, when the survey has a flexible budget.
    pub tax_change: Option<f64>,
}

impl Totals {
    /// What remains of the budget (negative when it is exceeded).
    pub fn remaining(&self) -> Euros {
        self.budget - self.cost
    }
}

/// Which rule a portfolio breaks; stable names for APIs and exports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The most that may be spent.
    Budget,
    /// The least that must be spent.
    MinSpend,
    /// A target on the effect with this id.
    Target(String),
    /// The exclusive group with this id.
    Exclusive(String),
    /// The most options that may be chosen.
    MaxOptions,
    /// The least options that must be chosen.
    MinOptions,
}

impl Rule {
    /// A stable name, such as `budget` or `exclusive:regime`.
    pub fn code(&self) -> String {
        match self {
            Rule::Budget => "budget".into(),
            Rule::MinSpend => "min_spend".into(),
            Rule::Target(effect) => format!("target:{effect}"),
            Rule::Exclusive(group) => format!("exclusive:{group}"),
            Rule::MaxOptions => "max_options".into(),
            Rule::MinOptions => "min_options".into(),
        }
    }
}

/// A broken rule, with a message for the resident in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule that is broken.
    pub rule: Rule,
    /// What is wrong, in words.
    pub message: Message,
}

impl ChoiceTask<'_> {
    /// The totals of `portfolio` in this task's version.
    pub fn totals(&self, portfolio: &Portfolio) -> Totals {
        let survey = self.survey();
        let mut cost = Euros::ZERO;
        let mut effects = vec![0.0; survey.effects().len()];
        let mut n_chosen = 0;
        for option_idx in portfolio.chosen() {
            let level = portfolio.level(option_idx);
            cost += self.cost(option_idx, level);
            n_chosen += 1;
            let option = &survey.options()[option_idx];
            for (total, value) in effects.iter_mut().zip(option.effects_at(level)) {
                *total += value;
            }
        }
        let budget = self.budget();
        let tax_change = survey.rules().flexible.map(|flex| flex.tax_change(cost - budget));
        Totals {
            cost,
            budget,
            effects,
            n_chosen,
            tax_change,
        }
    }

    /// Every rule `portfolio` breaks in this version; empty when it may be submitted.
    pub fn violations(&self, portfolio: &Portfolio) -> Vec<Violation> {
        let totals = self.totals(portfolio);
        let survey = self.survey();
        let rules = survey.rules();
        let mut violations = Vec::new();
        let (lower, upper) = self.spend_bounds();
        let cost = |lang| totals.cost.display(lang);
        let budget = |lang| self.budget().display(lang);

        if totals.cost > upper {
            let message = match rules.flexible {
                None => Message {
                    nl: format!("Uw keuze kost {}; het budget is {}.", cost(Lang::Nl), budget(Lang::Nl)),
                    en: format!("Your choice costs {}; the budget is {}.", cost(Lang::En), budget(Lang::En)),
                },
                Some(flex) => Message {
                    nl: format!(
                        "Uw keuze kost {}; het budget is {} en u mag hooguit {} meer uitgeven (een lastenverhoging van {} per huishouden per jaar).",
                        cost(Lang::Nl),
                        budget(Lang::Nl),
                        flex.max_over.display(Lang::Nl),
                        display_cents(flex.tax_change(flex.max_over), Lang::Nl)
                    ),
                    en: format!(
                        "Your choice costs {}; the budget is {} and you may spend at most {} more (a tax increase of {} per household per year).",
                        cost(Lang::En),
                        budget(Lang::En),
                        flex.max_over.display(Lang::En),
                        display_cents(flex.tax_change(flex.max_over), Lang::En)
                    ),
                },
            };
            violations.push(Violation {
                rule: Rule::Budget,
                message,
            });
        }
        if let Some(lower) = lower.filter(|&lower| totals.cost < lower) {
            violations.push(Violation {
                rule: Rule::MinSpend,
                message: Message {
                    nl: format!(
                        "Uw keuze kost {}; u moet minstens {} besteden.",
                        cost(Lang::Nl),
                        lower.display(Lang::Nl)
                    ),
                    en: format!(
                        "Your choice costs {}; you must spend at least {}.",
                        cost(Lang::En),
                        lower.display(Lang::En)
                    ),
                },
            });
        }
        for target in &rules.targets {
            let total = totals.effects[target.effect_idx];
            if target.bound.holds(total) {
                continue;
            }
            let effect = &survey.effects()[target.effect_idx];
            let value = |v: f64| format_number(v);
            let (nl, en) = match target.bound {
                Bound::AtLeast(v) => (
                    format!("minstens {} {}", value(v), effect.unit),
                    format!("at least {} {}", value(v), effect.unit),
                ),
                Bound::AtMost(v) => (
                    format!("hooguit {} {}", value(v), effect.unit),
                    format!("at most {} {}", value(v), effect.unit),
                ),
            };
            violations.push(Violation {
                rule: Rule::Target(effect.id.clone()),
                message: Message {
                    nl: format!(
                        "{}: uw keuze komt uit op {} {}; het doel is {nl}.",
                        effect.label.nl(),
                        value(total),
                        effect.unit
                    ),
                    en: format!(
                        "{}: your choice comes to {} {}; the target is {en}.",
                        effect.label.get(Lang::En),
                        value(total),
                        effect.unit
                    ),
                },
            });
        }
        for group in &rules.exclusive {
            let chosen: Vec<_> = group
                .options
                .iter()
                .filter(|&&option_idx| portfolio.level(option_idx) > 0)
                .map(|&option_idx| &survey.options()[option_idx].title)
                .collect();
            if chosen.len() <= 1 {
                continue;
            }
            let list = |lang| {
                chosen
                    .iter()
                    .map(|title| format!("\"{}\"", title.get(lang)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            violations.push(Violation {
                rule: Rule::Exclusive(group.id.clone()),
                message: Message {
                    nl: format!("U kunt maar één van deze maatregelen kiezen: {}.", list(Lang::Nl)),
                    en: format!("You can choose only one of these measures: {}.", list(Lang::En)),
                },
            });
        }
        if let Some(max) = rules.max_options.filter(|&max| totals.n_chosen > max) {
            violations.push(Violation {
                rule: Rule::MaxOptions,
                message: Message {
                    nl: format!("U kiest {} maatregelen; het maximum is {max}.", totals.n_chosen),
                    en: format!("You chose {} measures; the maximum is {max}.", totals.n_chosen),
                },
            });
        }
        if let Some(min) = rules.min_options.filter(|&min| totals.n_chosen < min) {
            violations.push(Violation {
                rule: Rule::MinOptions,
                message: Message {
                    nl: format!("U kiest {} maatregelen; kies er minstens {min}.", totals.n_chosen),
                    en: format!("You chose {} measures; choose at least {min}.", totals.n_chosen),
                },
            });
        }
        violations
    }
}

/// Writes an effect total without needless decimals: `-12`, `2.5`.
fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}
