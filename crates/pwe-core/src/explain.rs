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

fn both(nl: String, en: String) -> Message {
    Message { nl, en }
}

/// Writes an effect value without needless decimals: `-12`, `2.5`.
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// What a target asks, as a change of its effect: "minstens 10 % omlaag".
pub fn target(survey: &Survey, target: &Target) -> Message {
    let effect = &survey.effects()[target.effect_idx];
    let amount = |v: f64, lang| format!("{} {}", number(v.abs()), effect.unit.get(lang));
    let (nl, en) = match target.bound {
        Bound::AtMost(0.0) => ("mag niet omhoog".into(), "must not go up".into()),
        Bound::AtLeast(0.0) => ("mag niet omlaag".into(), "must not go down".into()),
        Bound::AtMost(v) if v < 0.0 => (
            format!("minstens {} omlaag", amount(v, Lang::Nl)),
            format!("down by at least {}", amount(v, Lang::En)),
        ),
        Bound::AtMost(v) => (
            format!("hooguit {} omhoog", amount(v, Lang::Nl)),
            format!("up by at most {}", amount(v, Lang::En)),
        ),
        Bound::AtLeast(v) if v < 0.0 => (
            format!("hooguit {} omlaag", amount(v, Lang::Nl)),
            format!("down by at most {}", amount(v, Lang::En)),
        ),
        Bound::AtLeast(v) => (
            format!("minstens {} omhoog", amount(v, Lang::Nl)),
            format!("up by at least {}", amount(v, Lang::En)),
        ),
    };
    both(nl, en)
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
    lines.push(both(
        format!(
            "U mag tot {} meer uitgeven. Dat betalen alle {} huishoudens in de gemeente samen via de gemeentelijke belastingen (de lasten): hooguit {} per huishouden per jaar, {} jaar lang.",
            flex.max_over.display(Lang::Nl),
            households(Lang::Nl),
            up(Lang::Nl),
            flex.years
        ),
        format!(
            "You may spend up to {} more. All {} households in the municipality pay for that together through the municipal taxes (the charges): at most {} per household per year, for {} years.",
            flex.max_over.display(Lang::En),
            households(Lang::En),
            up(Lang::En),
            flex.years
        ),
    ));
    lines.push(both(
        format!(
            "U mag ook tot {} minder uitgeven; dan gaan de lasten hooguit {} per jaar omlaag.",
            flex.max_under.display(Lang::Nl),
            down(Lang::Nl)
        ),
        format!(
            "You may also spend up to {} less; the charges then go down by at most {} a year.",
            flex.max_under.display(Lang::En),
            down(Lang::En)
        ),
    ));
}

/// The effects of an option's level in words ("Parkeerdruk: -5 %; …"),
/// those that are zero left out: the option's card and the paper form.
pub fn effects(survey: &Survey, values: &[f64], lang: Lang) -> String {
    survey
        .effects()
        .iter()
        .zip(values)
        .filter(|(_, v)| **v != 0.0)
        .map(|(e, v)| {
            format!(
                "{}: {}{} {}",
                e.label.get(lang),
                if *v > 0.0 { "+" } else { "" },
                number(*v),
                e.unit.get(lang)
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
    let mut lines = vec![both(
        format!(
            "U kiest uit {} maatregelen. Uw budget is {}.",
            survey.options().len(),
            budget.display(Lang::Nl)
        ),
        format!(
            "You choose from {} measures. Your budget is {}.",
            survey.options().len(),
            budget.display(Lang::En)
        ),
    )];
    if survey
        .options()
        .iter()
        .enumerate()
        .any(|(idx, o)| (1..=o.max_level()).any(|l| task.cost(idx, l).get() < 0))
    {
        lines.push(both(
            "Sommige maatregelen leveren geld op, dat u aan andere kunt uitgeven.".into(),
            "Some measures raise money, which you can spend on others.".into(),
        ));
    }
    match &rules.flexible {
        Some(flex) => flexible_lines(flex, &mut lines),
        None => lines.push(both(
            format!("U mag niet meer uitgeven dan {}.", upper.display(Lang::Nl)),
            format!("You may not spend more than {}.", upper.display(Lang::En)),
        )),
    }
    if let Some(lower) = lower.filter(|l| l.get() > 0) {
        lines.push(both(
            format!(
                "U geeft dus minstens {} en hooguit {} uit.",
                lower.display(Lang::Nl),
                upper.display(Lang::Nl)
            ),
            format!(
                "So you spend at least {} and at most {}.",
                lower.display(Lang::En),
                upper.display(Lang::En)
            ),
        ));
    }
    for t in &rules.targets {
        let label = &survey.effects()[t.effect_idx].label;
        let phrase = target(survey, t);
        lines.push(both(
            format!(
                "Doel van de gemeente: {} {}.",
                lowercase_first(label.get(Lang::Nl)),
                phrase.nl
            ),
            format!(
                "The municipality's target: {} {}.",
                lowercase_first(label.get(Lang::En)),
                phrase.en
            ),
        ));
    }
    // The group's explanation stands with its options on the page; here only who excludes whom.
    for group in &rules.exclusive {
        let names = |lang| {
            group
                .options
                .iter()
                .map(|&o| format!("\"{}\"", survey.options()[o].title.get(lang)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        lines.push(both(
            format!("U kunt maar één kiezen van: {}.", names(Lang::Nl)),
            format!("You can choose only one of: {}.", names(Lang::En)),
        ));
    }
    match (rules.min_options, rules.max_options) {
        (Some(min), Some(max)) => lines.push(both(
            format!("Kies minstens {min} en hooguit {max} maatregelen."),
            format!("Choose at least {min} and at most {max} measures."),
        )),
        (Some(min), None) => lines.push(both(
            format!("Kies minstens {min} {}.", measures_nl(min)),
            format!("Choose at least {min} {}.", measures_en(min)),
        )),
        (None, Some(max)) => lines.push(both(
            format!("Kies hooguit {max} {}.", measures_nl(max)),
            format!("Choose at most {max} {}.", measures_en(max)),
        )),
        (None, None) => {}
    }
    lines
}

fn measures_nl(n: u32) -> &'static str {
    if n == 1 { "maatregel" } else { "maatregelen" }
}

fn measures_en(n: u32) -> &'static str {
    if n == 1 { "measure" } else { "measures" }
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
        assert!(
            nl.iter().any(|l| l
                == "Doel van de gemeente: parkeerdruk in de woonstraten minstens 10 % omlaag.")
        );
        assert!(nl.iter().any(|l| {
            l.starts_with("U kunt maar één kiezen van: \"Vergunningparkeren voor bewoners\"")
        }));
        assert!(nl.iter().any(|l| l == "Kies minstens 1 maatregel."));
        let en: Vec<String> = how_it_works(&task).into_iter().map(|m| m.en).collect();
        assert!(en.iter().any(|l| l.contains("down by at least 10 %")));
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
