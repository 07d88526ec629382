//! The rules of the choice task and the versions of the design.

use super::*;

impl Parser<'_> {
    pub(super) fn rules(
        &mut self,
        raw: &RawSurvey,
        effect_ids: &[&str],
        option_ids: &[&str],
    ) -> (Option<Euros>, Option<Rules>) {
        let place = self.place("budget".into(), &raw.budget);
        let budget_raw = raw.budget.get_ref();
        let budget = self.money(budget_raw.amount, &place.field("amount"), false);
        let min_spend = match budget_raw.min_spend {
            None => Some(None),
            Some(value) => self
                .money(value, &place.field("min_spend"), false)
                .map(Some),
        };
        let flexible = match &budget_raw.flexible {
            None => Some(None),
            Some(flex) => self.flexible(flex, &place.field("flexible")).map(Some),
        };
        let targets = self.targets(&raw.targets, effect_ids);
        let exclusive = self.exclusive(&raw.exclusive, option_ids);
        let (min_options, max_options) = match &raw.choose {
            None => (Some(None), Some(None)),
            Some(spanned) => self.choose(spanned, option_ids.len()),
        };
        let rules = (|| {
            Some(Rules {
                min_spend: min_spend?,
                flexible: flexible?,
                targets: targets?,
                exclusive: exclusive?,
                min_options: min_options?,
                max_options: max_options?,
            })
        })();
        (budget, rules)
    }

    /// `[budget.flexible]`: spending over or under the budget through the charges.
    fn flexible(&mut self, flex: &RawFlexible, place: &Place) -> Option<FlexibleBudget> {
        let max_over = self.money(flex.max_over, &place.field("max_over"), false);
        let max_under = self.money(flex.max_under, &place.field("max_under"), false);
        let households = self.positive(flex.households, &place.field("households"));
        let years = self.positive(flex.years, &place.field("years"));
        Some(FlexibleBudget {
            max_over: max_over?,
            max_under: max_under?,
            households: households?,
            years: years?,
        })
    }

    /// `[[targets]]`: each a known effect with exactly one finite bound; None
    /// after any problem.
    fn targets(&mut self, raw: &[Spanned<RawTarget>], effect_ids: &[&str]) -> Option<Vec<Target>> {
        let mut targets = Some(Vec::new());
        for (idx, spanned) in raw.iter().enumerate() {
            let target = spanned.get_ref();
            let target_place = self.item_place("targets", idx, &target.effect, spanned);
            let effect_idx = effect_ids.iter().position(|id| *id == target.effect);
            if effect_idx.is_none() {
                self.problem(
                    &target_place.field("effect"),
                    format!(
                        "unknown effect \"{}\"; declare it under [[effects]]",
                        target.effect
                    ),
                );
            }
            let bound = match (target.at_least, target.at_most) {
                (Some(value), None) if value.is_finite() => Some(Bound::AtLeast(value)),
                (None, Some(value)) if value.is_finite() => Some(Bound::AtMost(value)),
                _ => {
                    self.problem(
                        &target_place,
                        "give exactly one finite bound: at_least or at_most",
                    );
                    None
                }
            };
            match (effect_idx, bound, targets.as_mut()) {
                (Some(effect_idx), Some(bound), Some(list)) => {
                    list.push(Target { effect_idx, bound })
                }
                _ => targets = None,
            }
        }
        targets
    }

    /// `[[exclusive]]`: groups of at least two distinct, known options with
    /// unique ids; None after any problem.
    fn exclusive(
        &mut self,
        raw: &[Spanned<RawExclusive>],
        option_ids: &[&str],
    ) -> Option<Vec<ExclusiveGroup>> {
        let mut exclusive = Some(Vec::new());
        let mut group_ids = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let group = spanned.get_ref();
            let group_place = self.item_place("exclusive", idx, &group.id, spanned);
            group_ids.push((group.id.as_str(), group_place.clone()));
            let id_ok = self.id(&group.id, &group_place.field("id"));
            let explanation = self.optional_text(
                group.explanation.as_ref(),
                &group_place.field("explanation"),
            );
            let mut members = Vec::new();
            for id in &group.options {
                if let Some(option_idx) =
                    self.option_index(id, option_ids, &group_place.field("options"))
                {
                    if members.contains(&option_idx) {
                        self.problem(
                            &group_place.field("options"),
                            format!("option \"{id}\" is named twice"),
                        );
                    }
                    members.push(option_idx);
                }
            }
            if group.options.len() < 2 {
                self.problem(
                    &group_place.field("options"),
                    "an exclusive group needs at least two options",
                );
            }
            match (id_ok, explanation, exclusive.as_mut()) {
                (true, Some(explanation), Some(list)) if members.len() == group.options.len() => {
                    list.push(ExclusiveGroup {
                        id: group.id.clone(),
                        options: members,
                        explanation,
                    })
                }
                _ => exclusive = None,
            }
        }
        self.unique("exclusive group", group_ids);
        exclusive
    }

    /// `[choose]`: the least and most options a portfolio may hold (each
    /// `Some(None)` when unset, `None` after a problem).
    fn choose(
        &mut self,
        spanned: &Spanned<RawChoose>,
        n_options: usize,
    ) -> (Option<Option<u32>>, Option<Option<u32>>) {
        let choose_place = self.place("choose".into(), spanned);
        let choose = spanned.get_ref();
        let n_options = n_options as i64;
        let mut count = |value: Option<i64>, name: &str| match value {
            None => Some(None),
            Some(v) if (0..=n_options).contains(&v) => Some(Some(v as u32)),
            Some(v) => {
                self.problem(
                    &choose_place.field(name),
                    format!("must be between 0 and the number of options ({n_options}), found {v}"),
                );
                None
            }
        };
        let min = count(choose.at_least, "at_least");
        let max = count(choose.at_most, "at_most");
        if let (Some(Some(min)), Some(Some(max))) = (min, max)
            && min > max
        {
            self.problem(
                &choose_place,
                format!("at_least ({min}) is above at_most ({max})"),
            );
        }
        (min, max)
    }

    pub(super) fn versions(
        &mut self,
        raw: &[Spanned<RawVersion>],
        budget: Euros,
        options: Option<&[PolicyOption]>,
    ) -> Option<Vec<Version>> {
        let options = options?;
        let base_costs: Vec<Vec<Euros>> = options
            .iter()
            .map(|option| option.levels.iter().map(|level| level.cost).collect())
            .collect();
        if raw.is_empty() {
            return Some(vec![Version {
                id: "standaard".into(),
                share: 1.0,
                budget,
                costs: base_costs,
            }]);
        }
        let mut versions = Vec::new();
        let mut ids = Vec::new();
        let mut share_sum = 0.0;
        for (idx, spanned) in raw.iter().enumerate() {
            let version = spanned.get_ref();
            let place = self.item_place("versions", idx, &version.id, spanned);
            ids.push((version.id.as_str(), place.clone()));
            let id_ok = self.id(&version.id, &place.field("id"));
            share_sum += version.share;
            let share_ok = version.share > 0.0 && version.share <= 1.0;
            if !share_ok {
                self.problem(
                    &place.field("share"),
                    format!("must be above 0 and at most 1, found {}", version.share),
                );
            }
            let version_budget = match version.budget {
                None => Some(budget),
                Some(value) => self.money(value, &place.field("budget"), false),
            };
            let costs = self.version_costs(&version.costs, &base_costs, options, &place);
            let costs_ok = costs.is_some();
            if let (true, true, Some(budget), true) = (id_ok, share_ok, version_budget, costs_ok) {
                versions.push(Version {
                    id: version.id.clone(),
                    share: version.share,
                    budget,
                    costs: costs.unwrap_or_default(),
                });
            }
        }
        self.unique("version", ids);
        if (share_sum - 1.0).abs() > SHARE_TOLERANCE {
            let place = self.place("versions".into(), &raw[0]);
            self.problem(
                &place,
                format!("the shares of the versions add up to {share_sum}, not 1"),
            );
            return None;
        }
        (versions.len() == raw.len()).then_some(versions)
    }
    /// A version's costs: the options' own, with the version's overrides
    /// checked against each option's levels; None after any problem.
    fn version_costs(
        &mut self,
        overrides: &BTreeMap<String, RawCost>,
        base_costs: &[Vec<Euros>],
        options: &[PolicyOption],
        place: &Place,
    ) -> Option<Vec<Vec<Euros>>> {
        let mut costs = base_costs.to_vec();
        let mut costs_ok = true;
        for (option_id, cost) in overrides {
            let cost_place = place.field("costs").field(option_id);
            let Some(option_idx) = options.iter().position(|o| &o.id == option_id) else {
                self.problem(
                    &cost_place,
                    format!("the version overrides the cost of unknown option \"{option_id}\""),
                );
                costs_ok = false;
                continue;
            };
            let n_levels = options[option_idx].levels.len();
            let amounts: &[i64] = match cost {
                RawCost::Single(amount) if n_levels == 1 => std::slice::from_ref(amount),
                RawCost::PerLevel(amounts) if amounts.len() == n_levels => amounts,
                RawCost::Single(_) => {
                    self.problem(
                        &cost_place,
                        format!("option \"{option_id}\" has {n_levels} levels; give a list of {n_levels} costs"),
                    );
                    costs_ok = false;
                    continue;
                }
                RawCost::PerLevel(amounts) => {
                    self.problem(
                        &cost_place,
                        format!(
                            "option \"{option_id}\" has {n_levels} level(s) but {} costs were given",
                            amounts.len()
                        ),
                    );
                    costs_ok = false;
                    continue;
                }
            };
            for (level_idx, &amount) in amounts.iter().enumerate() {
                match self.money(amount, &cost_place, true) {
                    Some(amount) => costs[option_idx][level_idx] = amount,
                    None => costs_ok = false,
                }
            }
        }
        costs_ok.then_some(costs)
    }
}
