//! A respondent's choice: which options at which level, its totals, and the rules it breaks.

use crate::explain;
use crate::money::Euros;
use crate::survey::Survey;
use crate::task::ChoiceTask;
use crate::text::Message;

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
    /// What is wrong, in words (the words of [`crate::explain`]).
    pub message: Message,
    /// The options at fault, when the rule is about particular options (the
    /// chosen members of an exclusive group), so a page can say it next to them.
    pub options: Vec<usize>,
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
        let tax_change = survey
            .rules()
            .flexible
            .map(|flex| flex.tax_change(cost - budget));
        Totals {
            cost,
            budget,
            effects,
            n_chosen,
            tax_change,
        }
    }

    /// The first rule that a stored response with these `levels` (one per
    /// option) breaks in this version: such a response is left out of the
    /// shares and the model, by the analysis and the public results alike.
    /// `None` also when the levels are not a portfolio of the survey, which
    /// whoever reads the response refuses on its own.
    pub fn broken_rule(&self, levels: Vec<u8>) -> Option<Violation> {
        let portfolio = Portfolio::from_levels(self.survey(), levels).ok()?;
        self.violations(&portfolio).into_iter().next()
    }

    /// Every rule `portfolio` breaks in this version; empty when it may be submitted.
    pub fn violations(&self, portfolio: &Portfolio) -> Vec<Violation> {
        let totals = self.totals(portfolio);
        let mut violations = Vec::new();
        violations.extend(self.over_budget(&totals));
        violations.extend(self.under_min_spend(&totals));
        violations.extend(self.missed_targets(&totals));
        violations.extend(self.exclusive_breaches(portfolio));
        violations.extend(option_count(self.survey(), &totals));
        violations
    }

    /// The cost above the budget (plus what a flexible budget allows).
    fn over_budget(&self, totals: &Totals) -> Option<Violation> {
        let (_, upper) = self.spend_bounds();
        if totals.cost <= upper {
            return None;
        }
        let cost = |lang| totals.cost.display(lang);
        let budget = |lang| self.budget().display(lang);
        let excess = |lang| (totals.cost - upper).display(lang);
        let flexible = self.survey().rules().flexible.as_ref();
        let message = Message::of(
            if flexible.is_some() {
                "broken_budget_flexible"
            } else {
                "broken_budget"
            },
            |lang| {
                let mut args = vec![
                    ("cost", cost(lang).into()),
                    ("budget", budget(lang).into()),
                    ("excess", excess(lang).into()),
                    ("upper", upper.display(lang).into()),
                ];
                if let Some(flex) = flexible {
                    args.push(("over", flex.max_over.display(lang).into()));
                }
                args
            },
        );
        Some(violation(Rule::Budget, message, Vec::new()))
    }

    /// The cost below the least that must be spent.
    fn under_min_spend(&self, totals: &Totals) -> Option<Violation> {
        let (lower, _) = self.spend_bounds();
        let lower = lower.filter(|&lower| totals.cost < lower)?;
        let cost = |lang| totals.cost.display(lang);
        let short = |lang| (lower - totals.cost).display(lang);
        let message = Message::of("broken_min_spend", |lang| {
            vec![
                ("cost", cost(lang).into()),
                ("lower", lower.display(lang).into()),
                ("short", short(lang).into()),
            ]
        });
        Some(violation(Rule::MinSpend, message, Vec::new()))
    }

    /// Every target the portfolio's effects miss.
    fn missed_targets<'t>(&'t self, totals: &'t Totals) -> impl Iterator<Item = Violation> + 't {
        let survey = self.survey();
        survey.rules().targets.iter().filter_map(move |target| {
            let total = totals.effects[target.effect_idx];
            if target.bound.holds(total) {
                return None;
            }
            let effect = &survey.effects()[target.effect_idx];
            let goal = explain::target(survey, target);
            let message = Message::of("broken_target", |lang| {
                vec![
                    ("effect", effect.label.get(lang).into()),
                    (
                        "total",
                        explain::quantity(total, effect.unit.get(lang), lang, false).into(),
                    ),
                    ("goal", goal.get(lang).into()),
                ]
            });
            Some(violation(
                Rule::Target(effect.id.clone()),
                message,
                Vec::new(),
            ))
        })
    }

    /// Every exclusive group of which more than one option is chosen.
    fn exclusive_breaches<'t>(
        &'t self,
        portfolio: &'t Portfolio,
    ) -> impl Iterator<Item = Violation> + 't {
        let survey = self.survey();
        survey.rules().exclusive.iter().filter_map(move |group| {
            let chosen: Vec<usize> = group
                .options
                .iter()
                .copied()
                .filter(|&option_idx| portfolio.level(option_idx) > 0)
                .collect();
            if chosen.len() <= 1 {
                return None;
            }
            let message = Message::of("broken_exclusive", |lang| {
                vec![(
                    "options",
                    explain::quoted_titles(survey, &chosen, lang).into(),
                )]
            });
            Some(violation(
                Rule::Exclusive(group.id.clone()),
                message,
                chosen,
            ))
        })
    }
}

/// More options chosen than the most, or fewer than the least, allowed.
fn option_count(survey: &Survey, totals: &Totals) -> Option<Violation> {
    let rules = survey.rules();
    let n = totals.n_chosen;
    if let Some(max) = rules.max_options.filter(|&max| n > max) {
        let message = Message::of("broken_max_options", |_| {
            vec![("n", n.into()), ("max", max.into())]
        });
        return Some(violation(Rule::MaxOptions, message, Vec::new()));
    }
    let min = rules.min_options.filter(|&min| n < min)?;
    let message = Message::of("broken_min_options", |_| {
        vec![("n", n.into()), ("min", min.into())]
    });
    Some(violation(Rule::MinOptions, message, Vec::new()))
}

fn violation(rule: Rule, message: Message, options: Vec<usize>) -> Violation {
    Violation {
        rule,
        message,
        options,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    const MINIMAL: &str = include_str!("../../../fixtures/surveys/minimal.toml");

    fn survey() -> Survey {
        Survey::parse(MINIMAL, "minimal.toml").unwrap()
    }

    /// Checks the rules a portfolio breaks in a version, by their codes and Dutch messages.
    fn check(choices: &[(&str, u32)], version: &str, expected: &[(&str, &str)]) {
        let survey = survey();
        let task = ChoiceTask::new(&survey, survey.version(version).unwrap());
        let portfolio = Portfolio::from_choices(&survey, choices.iter().copied()).unwrap();
        let found: Vec<(String, String)> = task
            .violations(&portfolio)
            .into_iter()
            .map(|v| (v.rule.code(), v.message.nl))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(rule, nl)| (rule.to_string(), nl.to_string()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_portfolio_within_the_rules_breaks_none() {
        check(&[("a", 1), ("c", 1), ("d", 2)], "laag", &[]);
    }

    #[test]
    fn every_broken_rule_is_reported() {
        check(
            &[("a", 1), ("b", 1), ("d", 2)],
            "laag",
            &[
                (
                    "budget",
                    "Uw keuze kost € 1.300; het budget is € 1.000. Dat is € 300 te veel.",
                ),
                (
                    "exclusive:regime",
                    "U kunt maar één van deze maatregelen kiezen: \"Optie A\", \"Optie B\".",
                ),
            ],
        );
        check(
            &[("a", 1), ("b", 1), ("c", 1), ("d", 1)],
            "hoog",
            &[
                (
                    "exclusive:regime",
                    "U kunt maar één van deze maatregelen kiezen: \"Optie A\", \"Optie B\".",
                ),
                ("max_options", "U kiest 4 maatregelen; het maximum is 3."),
            ],
        );
    }

    #[test]
    fn a_missed_target_names_effect_total_and_target() {
        check(
            &[("c", 1)],
            "laag",
            &[(
                "target:druk",
                "Parkeerdruk: uw keuze komt uit op 2%; het doel is minstens 5% omlaag.",
            )],
        );
    }

    #[test]
    fn a_flexible_budget_widens_the_bounds_and_sets_a_tax_change() {
        let text = MINIMAL.replace(
            "amount = 1_000\n",
            "amount = 1_000\n[budget.flexible]\nmax_over = 200\nmax_under = 300\nhouseholds = 10\nyears = 2\n",
        );
        let survey = Survey::parse(&text, "flexible.toml").unwrap();
        let task = ChoiceTask::new(&survey, survey.version("laag").unwrap());
        let totals_of = |choices: &[(&str, u32)]| {
            let portfolio = Portfolio::from_choices(&survey, choices.iter().copied()).unwrap();
            (task.totals(&portfolio), task.violations(&portfolio))
        };
        let (totals, violations) = totals_of(&[("a", 1), ("d", 2)]);
        assert_eq!(totals.tax_change, Some(-5.0));
        assert!(violations.is_empty());
        let (_, violations) = totals_of(&[("b", 1), ("d", 1)]);
        assert_eq!(violations[0].rule, Rule::MinSpend);
        assert_eq!(
            violations[0].message.nl,
            "Uw keuze kost € 500; u moet minstens € 700 uitgeven. Kies nog voor € 200 aan maatregelen."
        );
        let (totals, violations) = totals_of(&[("a", 1), ("b", 1), ("d", 2)]);
        assert_eq!(totals.tax_change, Some(15.0));
        assert_eq!(
            violations[0].message.nl,
            "Uw keuze kost € 1.300. U mag hooguit € 1.200 uitgeven: het budget van € 1.000 plus \
             € 200 via de lasten. Dat is € 100 te veel."
        );
    }

    #[test]
    fn versions_price_the_same_portfolio_differently() {
        let survey = survey();
        let portfolio = Portfolio::from_choices(&survey, [("a", 1), ("d", 2)]).unwrap();
        let low = ChoiceTask::new(&survey, survey.version("laag").unwrap()).totals(&portfolio);
        let high = ChoiceTask::new(&survey, survey.version("hoog").unwrap()).totals(&portfolio);
        assert_eq!(low.cost, Euros(900));
        assert_eq!(high.cost, Euros(1050));
        assert_eq!(high.remaining(), Euros(150));
        assert_eq!(low.effects, vec![-13.0]);
        assert_eq!(low.n_chosen, 2);
        assert_eq!(low.tax_change, None);
    }

    #[test]
    fn english_messages_use_english_amounts() {
        let survey = survey();
        let task = ChoiceTask::new(&survey, survey.version("laag").unwrap());
        let portfolio = Portfolio::from_choices(&survey, [("a", 1), ("b", 1), ("d", 1)]).unwrap();
        let budget = &task.violations(&portfolio)[0];
        assert_eq!(
            budget.message.en,
            "Your choice costs €1,100; the budget is €1,000. That is €100 too much."
        );
        assert_eq!(
            budget.message.get(Lang::Nl),
            "Uw keuze kost € 1.100; het budget is € 1.000. Dat is € 100 te veel."
        );
    }

    #[test]
    fn choices_that_are_not_a_portfolio_are_refused() {
        let survey = survey();
        assert_eq!(
            Portfolio::from_choices(&survey, [("x", 1)]),
            Err(PortfolioError::UnknownOption("x".into()))
        );
        assert_eq!(
            Portfolio::from_choices(&survey, [("a", 1), ("a", 1)]),
            Err(PortfolioError::Duplicate("a".into()))
        );
        assert_eq!(
            Portfolio::from_choices(&survey, [("a", 2)])
                .unwrap_err()
                .to_string(),
            "option \"a\" has no level 2; its levels are 0 to 1"
        );
        assert_eq!(
            Portfolio::from_levels(&survey, vec![0, 0])
                .unwrap_err()
                .to_string(),
            "expected a level for each of the 4 options, found 2"
        );
    }
}
