//! The rules of a choice task in plain words (B1), in Dutch and English.
//!
//! The "how it works" block before the task, the budget meter and the
//! messages of broken rules all take their words from here, so a resident
//! reads one story: what the budget is, how much more or less may be spent
//! and what that does to the charges, what the targets ask, and which
//! measures exclude each other.

use crate::format::cents as display_cents;
use crate::money::Euros;
use crate::survey::{Bound, FlexibleBudget, Survey, Target};
use crate::task::ChoiceTask;
use crate::text::{Lang, Message};
use crate::words::Arg;

/// An effect's value with its unit, without needless decimals, in `lang`'s
/// format ([`crate::format::decimal`]): `−12%` becomes `−12%`, `2,5 euro per
/// jaar`; `signed` writes a `+` before a rise (a change on the option's card).
pub fn quantity(value: f64, unit: &str, lang: Lang, signed: bool) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let decimals = if rounded == rounded.trunc() {
        0
    } else if (rounded * 10.0) == (rounded * 10.0).trunc() {
        1
    } else {
        2
    };
    let number = crate::format::decimal(rounded, decimals, lang);
    let sign = if signed && rounded > 0.0 { "+" } else { "" };
    // A percentage sign follows its number; any other unit is a word.
    let space = if unit == "%" { "" } else { " " };
    format!("{sign}{number}{space}{unit}")
}

/// What a target asks, as a change of its effect: "minstens 10% omlaag".
pub fn target(survey: &Survey, target: &Target) -> Message {
    let effect = &survey.effects()[target.effect_idx];
    let amount = |v: f64, lang| quantity(v.abs(), effect.unit.get(lang), lang, false);
    let (id, value) = match target.bound {
        Bound::AtMost(0.0) => ("target_not_up", 0.0),
        Bound::AtLeast(0.0) => ("target_not_down", 0.0),
        Bound::AtMost(v) if v < 0.0 => ("target_down_at_least", v),
        Bound::AtMost(v) => ("target_up_at_most", v),
        Bound::AtLeast(v) if v < 0.0 => ("target_down_at_most", v),
        Bound::AtLeast(v) => ("target_up_at_least", v),
    };
    Message::of(id, |lang| vec![("amount", amount(value, lang).into())])
}

/// A change of the charges per household per year, with its sign: `+€ 1,74`.
pub fn charge(amount: f64, lang: Lang) -> String {
    let text = display_cents(amount, lang);
    if amount > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// The change of the charges per household per year for spending `over`
/// more than the budget, kept within what the rules allow: spending beyond
/// the bounds breaks a rule, it does not move the charges further.
pub fn charge_within_bounds(flex: &FlexibleBudget, over: Euros) -> f64 {
    let over = over.max(-flex.max_under).min(flex.max_over);
    flex.tax_change(over)
}

fn flexible_lines(flex: &FlexibleBudget, lines: &mut Vec<Message>) {
    let households = |lang| crate::format::count(i64::from(flex.households), lang);
    let up = |lang| charge(flex.tax_change(flex.max_over), lang);
    let down = |lang| display_cents(flex.tax_change(flex.max_under), lang);
    lines.push(Message::of("rules_flexible_over", |lang| {
        vec![
            ("over", flex.max_over.display(lang).into()),
            ("households", households(lang).into()),
            ("charge", up(lang).into()),
            ("years", flex.years.into()),
        ]
    }));
    lines.push(Message::of("rules_flexible_under", |lang| {
        vec![
            ("under", flex.max_under.display(lang).into()),
            ("charge", down(lang).into()),
        ]
    }));
}

/// The effects of an option's level in words ("Parkeerdruk: −5%; …"),
/// those that are zero left out: the option's card and the paper form.
pub fn effects(survey: &Survey, values: &[f64], lang: Lang) -> String {
    survey
        .effects()
        .iter()
        .zip(values)
        .filter(|(_, v)| **v != 0.0)
        .map(|(e, v)| {
            format!(
                "{}: {}",
                e.label.get(lang),
                quantity(*v, e.unit.get(lang), lang, true)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rules of the household's version, one sentence each, in the order a
/// resident needs them.
pub fn how_it_works(task: &ChoiceTask<'_>) -> Vec<Message> {
    let survey = task.survey();
    let rules = survey.rules();
    let budget = task.budget();
    let (lower, upper) = task.spend_bounds();
    let mut lines = vec![Message::of("rules_choose_from", |lang| {
        vec![
            ("n", survey.options().len().into()),
            ("budget", budget.display(lang).into()),
        ]
    })];
    if survey
        .options()
        .iter()
        .enumerate()
        .any(|(idx, o)| (1..=o.max_level()).any(|l| task.cost(idx, l).get() < 0))
    {
        lines.push(Message::of("rules_income", |_| Vec::new()));
    }
    match &rules.flexible {
        Some(flex) => flexible_lines(flex, &mut lines),
        None => lines.push(Message::of("rules_upper", |lang| {
            vec![("upper", upper.display(lang).into())]
        })),
    }
    if let Some(lower) = lower.filter(|l| l.get() > 0) {
        lines.push(Message::of("rules_between", |lang| {
            vec![
                ("lower", lower.display(lang).into()),
                ("upper", upper.display(lang).into()),
            ]
        }));
    }
    for t in &rules.targets {
        let label = &survey.effects()[t.effect_idx].label;
        let phrase = target(survey, t);
        lines.push(Message::of("rules_target", |lang| {
            vec![
                ("effect", lowercase_first(label.get(lang)).into()),
                ("goal", phrase.get(lang).into()),
            ]
        }));
    }
    // The group's explanation stands with its options on the page; here only who excludes whom.
    for group in &rules.exclusive {
        let names = |lang| quoted_titles(survey, &group.options, lang);
        lines.push(Message::of("rules_exclusive", |lang| {
            vec![("options", names(lang).into())]
        }));
    }
    let (min, max) = (rules.min_options, rules.max_options);
    let counts = |_: Lang| -> Vec<(&str, Arg)> {
        [("min", min), ("max", max)]
            .into_iter()
            .filter_map(|(name, n)| n.map(|n| (name, n.into())))
            .collect()
    };
    match (min, max) {
        (Some(_), Some(_)) => lines.push(Message::of("rules_options_between", counts)),
        (Some(_), None) => lines.push(Message::of("rules_options_at_least", counts)),
        (None, Some(_)) => lines.push(Message::of("rules_options_at_most", counts)),
        (None, None) => {}
    }
    lines
}

/// Option titles in quotes, separated by commas: `"Pendelbus", "Garage"`.
pub fn quoted_titles(survey: &Survey, options: &[usize], lang: Lang) -> String {
    options
        .iter()
        .map(|&o| format!("\"{}\"", survey.options()[o].title.get(lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text with its first letter in lower case (a label inside a sentence).
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MALL: &str = include_str!("../../../surveys/mall-parkeren.toml");

    #[test]
    fn the_mall_rules_read_as_plain_sentences_without_contradiction() {
        let survey = Survey::parse(MALL, "mall-parkeren.toml").unwrap();
        let task = ChoiceTask::new(&survey, survey.version("a").unwrap());
        let nl: Vec<String> = how_it_works(&task).into_iter().map(|m| m.nl).collect();
        assert_eq!(
            nl[0],
            "U kiest uit 9 maatregelen. Uw budget is € 1.500.000."
        );
        assert!(nl.iter().any(|l| l.contains("tot € 250.000 meer")
            && l.contains("36.000 huishoudens")
            && l.contains("+€ 1,74 per huishouden per jaar")));
        assert!(
            nl.iter()
                .any(|l| l == "U geeft dus minstens € 1.250.000 en hooguit € 1.750.000 uit.")
        );
        assert!(nl.iter().any(
            |l| l == "Doel van de gemeente: parkeerdruk in de woonstraten minstens 10% omlaag."
        ));
        assert!(nl.iter().any(|l| {
            l.starts_with("U kunt maar één kiezen van: \"Vergunningparkeren voor bewoners\"")
        }));
        assert!(nl.iter().any(|l| l == "Kies minstens 1 maatregel."));
        let en: Vec<String> = how_it_works(&task).into_iter().map(|m| m.en).collect();
        assert!(en.iter().any(|l| l.contains("down by at least 10%")));
    }

    #[test]
    fn the_charge_never_goes_beyond_what_the_rules_allow() {
        let flex = FlexibleBudget {
            max_over: Euros(250_000),
            max_under: Euros(250_000),
            households: 36_000,
            years: 4,
        };
        let at_zero = charge_within_bounds(&flex, Euros(-1_500_000));
        assert_eq!(display_cents(at_zero, Lang::Nl), "−€ 1,74");
        assert_eq!(
            charge(charge_within_bounds(&flex, Euros(900_000)), Lang::Nl),
            "+€ 1,74"
        );
        assert_eq!(charge(0.0, Lang::En), "€0.00");
    }
}
