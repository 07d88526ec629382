//! The rules of a survey as canonical lines of text: what may not change while
//! residents answer. Options and their levels, costs and effects, the versions
//! with their shares, budgets and costs, the budget rules, targets, exclusive
//! groups and how many to choose. Texts, pages, questions and the dates are
//! left out: those may change (extending the window is an edit and a restart).
//!
//! The service stores these lines at the first start and refuses a later start
//! whose lines differ, naming the lines that changed.

use super::{Bound, Survey};

impl Survey {
    /// The rules, one fact per line, in a fixed order.
    pub fn rules_lines(&self) -> Vec<String> {
        let mut lines = vec![format!("survey {}", self.meta().id)];
        let effect = |idx: usize| self.effects()[idx].id.as_str();
        for option in self.options() {
            for (l, level) in option.levels.iter().enumerate() {
                let effects: Vec<String> = level
                    .effects
                    .iter()
                    .enumerate()
                    .filter(|(_, value)| **value != 0.0)
                    .map(|(e, value)| format!("{}={value}", effect(e)))
                    .collect();
                lines.push(format!(
                    "option {} level {} cost {} effects [{}]",
                    option.id,
                    l + 1,
                    level.cost.get(),
                    effects.join(", ")
                ));
            }
        }
        for version in self.versions() {
            lines.push(format!(
                "version {} share {} budget {}",
                version.id,
                version.share,
                version.budget.get()
            ));
            for (option, costs) in self.options().iter().zip(&version.costs) {
                let costs: Vec<String> = costs.iter().map(|c| c.get().to_string()).collect();
                lines.push(format!(
                    "version {} option {} costs [{}]",
                    version.id,
                    option.id,
                    costs.join(", ")
                ));
            }
        }
        let rules = self.rules();
        if let Some(min) = rules.min_spend {
            lines.push(format!("min_spend {}", min.get()));
        }
        if let Some(flexible) = &rules.flexible {
            lines.push(format!(
                "flexible max_over {} max_under {} households {} years {}",
                flexible.max_over.get(),
                flexible.max_under.get(),
                flexible.households,
                flexible.years
            ));
        }
        for target in &rules.targets {
            lines.push(match target.bound {
                Bound::AtLeast(value) => {
                    format!("target {} at least {value}", effect(target.effect_idx))
                }
                Bound::AtMost(value) => {
                    format!("target {} at most {value}", effect(target.effect_idx))
                }
            });
        }
        for group in &rules.exclusive {
            let members: Vec<&str> = group
                .options
                .iter()
                .map(|&o| self.options()[o].id.as_str())
                .collect();
            lines.push(format!("exclusive {} [{}]", group.id, members.join(", ")));
        }
        if let Some(min) = rules.min_options {
            lines.push(format!("min_options {min}"));
        }
        if let Some(max) = rules.max_options {
            lines.push(format!("max_options {max}"));
        }
        lines
    }
}

/// What changed between the rules stored at the first start and now: the
/// lines that are gone (`-`) and new (`+`), in order.
pub fn rules_changes(stored: &[String], now: &[String]) -> Vec<String> {
    let gone = stored
        .iter()
        .filter(|l| !now.contains(l))
        .map(|l| format!("- {l}"));
    let new = now
        .iter()
        .filter(|l| !stored.contains(l))
        .map(|l| format!("+ {l}"));
    gone.chain(new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mall(edit: impl Fn(String) -> String) -> Survey {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let text = std::fs::read_to_string(format!("{root}/surveys/mall-parkeren.toml")).unwrap();
        Survey::parse(&edit(text), "mall-parkeren.toml").unwrap()
    }

    #[test]
    fn texts_and_dates_may_change_costs_may_not() {
        let original = mall(|t| t).rules_lines();
        let retitled = mall(|t| {
            t.replace(
                "closes = 2027-02-08T17:00:00",
                "closes = 2027-02-22T17:00:00",
            )
            .replace("nl = \"Blauwe zone\"", "nl = \"Blauwe zone (schijf)\"")
        })
        .rules_lines();
        assert_eq!(rules_changes(&original, &retitled), Vec::<String>::new());
        let repriced = mall(|t| t.replacen("cost = 250_000", "cost = 260_000", 1)).rules_lines();
        let changes = rules_changes(&original, &repriced);
        // The option's cost, and the cost it has in every version.
        assert_eq!(changes.len(), 8, "{changes:?}");
        assert_eq!(
            changes[0],
            "- option bewegwijzering level 1 cost 250000 effects [parkeerdruk=-3, zoekverkeer=-15]"
        );
        assert!(changes.contains(&"+ version a option bewegwijzering costs [260000]".to_string()));
    }
}
