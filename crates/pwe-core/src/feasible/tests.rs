//! The enumerator against brute force: for random small surveys, the feasible
//! set is exactly the portfolios, among all of them, that break no rule.

use std::fmt::Write;

use proptest::prelude::*;

use super::*;
use crate::{Portfolio, Survey};

/// A random small survey, described by the pieces of its TOML.
#[derive(Debug, Clone)]
struct Spec {
    /// Per option: level costs and the effect at each level (one level = binary).
    options: Vec<Vec<(i64, i64)>>,
    budget: i64,
    min_spend: Option<i64>,
    flexible: Option<(i64, i64)>,
    target: Option<(bool, i64)>,
    group: Option<Vec<usize>>,
    at_least: Option<usize>,
    at_most: Option<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let level = (-300i64..800, -10i64..10);
    let option = prop::collection::vec(level, 1..=3);
    (prop::collection::vec(option, 1..=7), 0i64..2500)
        .prop_flat_map(|(options, budget)| {
            let n = options.len();
            (
                Just(options),
                Just(budget),
                prop::option::of(0i64..1500),
                prop::option::of((0i64..400, 0i64..400)),
                prop::option::of((any::<bool>(), -20i64..20)),
                prop::option::of(prop::sample::subsequence(
                    (0..n).collect::<Vec<_>>(),
                    2.min(n)..=n,
                )),
                prop::option::of(0..=n),
                prop::option::of(0..=n),
            )
        })
        .prop_map(
            |(options, budget, min_spend, flexible, target, group, at_least, at_most)| Spec {
                options,
                budget,
                min_spend,
                flexible,
                target,
                group: group.filter(|g| g.len() >= 2),
                at_least,
                at_most: at_most.filter(|&max| at_least.is_none_or(|min| min <= max)),
            },
        )
}

fn toml(spec: &Spec) -> String {
    let mut out = String::from(
        "format = 1\n[survey]\nid = \"p\"\ntitle = \"t\"\norganiser = \"o\"\n\
         opens = 2027-01-01T09:00:00\ncloses = 2027-02-01T09:00:00\n\
         participation_level = \"raadplegen\"\nprivacy = \"p\"\nretention_until = 2027-12-31\n\
         [[effects]]\nid = \"e\"\nlabel = \"e\"\nunit = \"%\"\n",
    );
    writeln!(out, "[budget]\namount = {}", spec.budget).unwrap();
    if let Some(min) = spec.min_spend {
        writeln!(out, "min_spend = {min}").unwrap();
    }
    if let Some((over, under)) = spec.flexible {
        writeln!(
            out,
            "[budget.flexible]\nmax_over = {over}\nmax_under = {under}\nhouseholds = 100\nyears = 4"
        )
        .unwrap();
    }
    if let Some((at_least, value)) = spec.target {
        let side = if at_least { "at_least" } else { "at_most" };
        writeln!(out, "[[targets]]\neffect = \"e\"\n{side} = {value}").unwrap();
    }
    if let Some(group) = &spec.group {
        let ids: Vec<String> = group.iter().map(|idx| format!("\"o{idx}\"")).collect();
        writeln!(
            out,
            "[[exclusive]]\nid = \"g\"\noptions = [{}]",
            ids.join(", ")
        )
        .unwrap();
    }
    if spec.at_least.is_some() || spec.at_most.is_some() {
        out.push_str("[choose]\n");
        if let Some(n) = spec.at_least {
            writeln!(out, "at_least = {n}").unwrap();
        }
        if let Some(n) = spec.at_most {
            writeln!(out, "at_most = {n}").unwrap();
        }
    }
    out.push_str("[motivation]\nchosen = \"w\"\nnot_chosen = \"n\"\n");
    for (idx, levels) in spec.options.iter().enumerate() {
        writeln!(
            out,
            "[[options]]\nid = \"o{idx}\"\ntitle = \"t\"\ndescription = \"d\""
        )
        .unwrap();
        if let [(cost, effect)] = levels.as_slice() {
            writeln!(out, "cost = {cost}\neffects = {{ e = {effect} }}").unwrap();
        } else {
            for (cost, effect) in levels {
                writeln!(
                    out,
                    "[[options.levels]]\nlabel = \"l\"\ncost = {cost}\neffects = {{ e = {effect} }}"
                )
                .unwrap();
            }
        }
    }
    out
}

/// Every portfolio of the survey, in lexicographic order of levels.
fn all_portfolios(max_levels: &[u8]) -> Vec<Vec<u8>> {
    let mut all = vec![Vec::new()];
    for &max in max_levels {
        all = all
            .into_iter()
            .flat_map(|prefix| {
                (0..=max).map(move |level| {
                    let mut next = prefix.clone();
                    next.push(level);
                    next
                })
            })
            .collect();
    }
    all
}

/// The survey's feasible portfolios found by checking every portfolio.
fn brute_force(survey: &Survey) -> Vec<Vec<u8>> {
    let task = ChoiceTask::new(survey, &survey.versions()[0]);
    let max_levels: Vec<u8> = survey.options().iter().map(|o| o.max_level()).collect();
    all_portfolios(&max_levels)
        .into_iter()
        .filter(|levels| {
            let portfolio = Portfolio::from_levels(survey, levels.clone()).unwrap();
            task.violations(&portfolio).is_empty()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn enumerator_matches_brute_force(spec in spec()) {
        let text = toml(&spec);
        let survey = Survey::parse_checked(&text, "random.toml", false).unwrap();
        let task = ChoiceTask::new(&survey, &survey.versions()[0]);
        let set = enumerate(&task, Limits::default()).unwrap();
        let enumerated: Vec<Vec<u8>> = set.iter().map(<[u8]>::to_vec).collect();
        prop_assert_eq!(&enumerated, &brute_force(&survey));
        prop_assert_eq!(first_feasible(&task).unwrap(), enumerated.first().cloned());
        for idx in 0..set.len() {
            let portfolio = Portfolio::from_levels(&survey, set.levels(idx).to_vec()).unwrap();
            prop_assert_eq!(set.cost(idx), task.totals(&portfolio).cost);
        }
        // The full parse refuses exactly the surveys with no feasible portfolio.
        prop_assert_eq!(Survey::parse(&text, "random.toml").is_ok(), !set.is_empty());
    }
}

/// A survey of `n` binary options costing 1 each, with a budget that allows all of them.
fn free_options(n: usize) -> Survey {
    let spec = Spec {
        options: vec![vec![(1, 0)]; n],
        budget: n as i64,
        min_spend: None,
        flexible: None,
        target: None,
        group: None,
        at_least: None,
        at_most: None,
    };
    Survey::parse(&toml(&spec), "free.toml").unwrap()
}

#[test]
fn unconstrained_options_give_every_portfolio() {
    let survey = free_options(16);
    let task = ChoiceTask::new(&survey, &survey.versions()[0]);
    let set = enumerate(&task, Limits::default()).unwrap();
    assert_eq!(set.len(), 1 << 16);
    assert_eq!(set.levels(0), &[0; 16]);
    assert_eq!(set.levels(set.len() - 1), &[1; 16]);
}

#[test]
fn limits_give_a_clear_error() {
    let survey = free_options(12);
    let task = ChoiceTask::new(&survey, &survey.versions()[0]);
    let too_many = enumerate(
        &task,
        Limits {
            max_portfolios: 1000,
            max_steps: u64::MAX,
        },
    );
    assert_eq!(
        too_many.unwrap_err().to_string(),
        "version \"standaard\" allows more than 1000 portfolios, more than pwe enumerates; \
         use fewer options or levels, or tighter rules"
    );
    let too_long = enumerate(
        &task,
        Limits {
            max_portfolios: usize::MAX,
            max_steps: 100,
        },
    );
    assert!(matches!(
        too_long,
        Err(FeasibleError::TooManySteps { limit: 100, .. })
    ));
}
