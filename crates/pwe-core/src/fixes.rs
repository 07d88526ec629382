//! What mends a broken rule, in words: the single changes to a portfolio
//! (remove an option, lower or raise its level, add one, swap one member of
//! an exclusive group for another) after which that rule holds and no rule
//! that held before breaks. A page shows these next to the rule's message,
//! so "Uw keuze past nog niet" always comes with a way out that works.

use crate::ChoiceTask;
use crate::portfolio::{Portfolio, Rule, Violation};
use crate::survey::Survey;
use crate::text::{Lang, Message};

/// One change to a portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Not choosing this option any more.
    Remove(usize),
    /// This option at a lower level (still chosen).
    Lower(usize, u8),
    /// This option added, or raised, to a level.
    Add(usize, u8),
    /// The second option of an exclusive group at a level instead of the first.
    Swap(usize, usize, u8),
}

/// The changes that mend `violation` of `portfolio` without breaking another
/// rule, in words (one sentence per kind of change; none when no single
/// change does it). A rule whose message already says what to add (the
/// least spend: "Kies nog voor € X"; the fewest options) gets none: a list
/// of every option that would do would only bury that sentence.
pub fn fixes(task: &ChoiceTask<'_>, portfolio: &Portfolio, violation: &Violation) -> Vec<Message> {
    if matches!(violation.rule, Rule::MinSpend | Rule::MinOptions) {
        return Vec::new();
    }
    let before: Vec<Rule> = task
        .violations(portfolio)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    let works = |change: &Change| {
        let after: Vec<Rule> = task
            .violations(&apply(task.survey(), portfolio, *change))
            .into_iter()
            .map(|v| v.rule)
            .collect();
        !after.contains(&violation.rule) && after.iter().all(|rule| before.contains(rule))
    };
    let found: Vec<Change> = changes(task.survey(), portfolio)
        .into_iter()
        .filter(works)
        .collect();
    describe(task.survey(), &found)
}

/// Every single change of `portfolio`: each option removed, lowered,
/// added or raised, or swapped within its exclusive group.
fn changes(survey: &Survey, portfolio: &Portfolio) -> Vec<Change> {
    let mut found = Vec::new();
    for (option_idx, option) in survey.options().iter().enumerate() {
        let level = portfolio.level(option_idx);
        if level > 0 {
            found.push(Change::Remove(option_idx));
        }
        found.extend((1..level).map(|lower| Change::Lower(option_idx, lower)));
        let rival = survey
            .rules()
            .exclusive
            .iter()
            .filter(|g| g.options.contains(&option_idx))
            .flat_map(|g| g.options.iter().copied())
            .find(|&o| o != option_idx && portfolio.level(o) > 0);
        for higher in level + 1..=option.max_level() {
            found.push(match rival {
                Some(rival) if level == 0 => Change::Swap(rival, option_idx, higher),
                _ => Change::Add(option_idx, higher),
            });
        }
    }
    found
}

fn apply(survey: &Survey, portfolio: &Portfolio, change: Change) -> Portfolio {
    let mut levels = portfolio.levels().to_vec();
    match change {
        Change::Remove(o) => levels[o] = 0,
        Change::Lower(o, level) | Change::Add(o, level) => levels[o] = level,
        Change::Swap(from, to, level) => {
            levels[from] = 0;
            levels[to] = level;
        }
    }
    Portfolio::from_levels(survey, levels).expect("a change keeps every level within its option")
}

/// An option to name, with the level to name for an option with levels.
type Named = (usize, Option<u8>);

/// The found changes in sentences: which options to remove, which to lower,
/// which to add (the first level that works of each), which to swap.
fn describe(survey: &Survey, found: &[Change]) -> Vec<Message> {
    let removals = first_per_option(found.iter().filter_map(|c| match *c {
        Change::Remove(o) => Some((o, None)),
        _ => None,
    }));
    let lowered = first_per_option(found.iter().filter_map(|c| match *c {
        Change::Lower(o, level) => Some((o, Some(level))),
        _ => None,
    }));
    let added = first_per_option(found.iter().filter_map(|c| match *c {
        Change::Add(o, level) => Some((o, Some(level))),
        _ => None,
    }));
    let mut messages: Vec<Message> = [
        ("fix_remove", removals),
        ("fix_lower", lowered),
        ("fix_add", added),
    ]
    .into_iter()
    .filter(|(_, named)| !named.is_empty())
    .map(|(id, named)| {
        Message::of(id, |lang| {
            let names: Vec<String> = named.iter().map(|&n| name(survey, n, lang)).collect();
            vec![("options", names.join(", ").into())]
        })
    })
    .collect();
    if let Some(&Change::Swap(from, to, level)) =
        found.iter().find(|c| matches!(c, Change::Swap(..)))
    {
        messages.push(Message::of("fix_swap", |lang| {
            vec![
                ("option", name(survey, (to, Some(level)), lang).into()),
                ("instead", name(survey, (from, None), lang).into()),
            ]
        }));
    }
    messages
}

/// Each option once, with the first level found for it.
fn first_per_option(named: impl Iterator<Item = Named>) -> Vec<Named> {
    let mut kept: Vec<Named> = Vec::new();
    for (option_idx, level) in named {
        if kept.iter().all(|&(o, _)| o != option_idx) {
            kept.push((option_idx, level));
        }
    }
    kept
}

/// An option's title in quotes, with its level's label for an option with levels.
fn name(survey: &Survey, (option_idx, level): Named, lang: Lang) -> String {
    let option = &survey.options()[option_idx];
    let label = level
        .filter(|_| !option.is_binary())
        .and_then(|l| option.levels[usize::from(l) - 1].label.as_ref());
    match label {
        Some(label) => format!("\"{}\" ({})", option.title.get(lang), label.get(lang)),
        None => format!("\"{}\"", option.title.get(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = include_str!("../../../fixtures/surveys/minimal.toml");

    /// The Dutch fixes of every rule `choices` breaks in version `laag`.
    fn check(choices: &[(&str, u32)], expected: &[&str]) {
        let survey = Survey::parse(MINIMAL, "minimal.toml").unwrap();
        let task = ChoiceTask::new(&survey, survey.version("laag").unwrap());
        let portfolio = Portfolio::from_choices(&survey, choices.iter().copied()).unwrap();
        let found: Vec<String> = task
            .violations(&portfolio)
            .iter()
            .flat_map(|v| fixes(&task, &portfolio, v))
            .map(|m| m.nl)
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_choice_that_fits_needs_no_fix() {
        check(&[("a", 1), ("c", 1), ("d", 2)], &[]);
    }

    #[test]
    fn each_broken_rule_gets_the_changes_that_mend_it() {
        check(
            &[("a", 1), ("b", 1), ("d", 2)],
            &[
                "Haal een van deze weg: \"Optie A\", \"Optie B\", \"Optie D\".",
                "Haal een van deze weg: \"Optie A\", \"Optie B\".",
            ],
        );
    }

    #[test]
    fn a_missed_target_names_the_options_that_reach_it() {
        check(&[("c", 1)], &["Kies er een van deze bij: \"Optie A\"."]);
    }

    #[test]
    fn an_option_too_weak_for_the_target_is_joined_by_a_stronger_one() {
        check(
            &[("d", 1)],
            &["Kies er een van deze bij: \"Optie A\", \"Optie B\"."],
        );
    }
}
