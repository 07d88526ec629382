//! Options, their levels and effects, and the motivation prompts.

use super::*;

impl Parser<'_> {
    pub(super) fn options(
        &mut self,
        raw: &[Spanned<RawOption>],
        effect_ids: &[&str],
    ) -> Option<Vec<PolicyOption>> {
        let mut options = Vec::new();
        let mut ids = Vec::new();
        if raw.is_empty() {
            self.problem(
                &Place {
                    field: "options".into(),
                    line: None,
                },
                "a survey needs at least one option",
            );
        }
        for (idx, spanned) in raw.iter().enumerate() {
            let option = spanned.get_ref();
            let place = self.item_place("options", idx, &option.id, spanned);
            ids.push((option.id.as_str(), place.clone()));
            if let Some(option) = self.option(option, effect_ids, &place) {
                options.push(option);
            }
        }
        self.unique("option", ids);
        (options.len() == raw.len() && !raw.is_empty()).then_some(options)
    }

    pub(super) fn option(
        &mut self,
        raw: &RawOption,
        effect_ids: &[&str],
        place: &Place,
    ) -> Option<PolicyOption> {
        let id_ok = self.id(&raw.id, &place.field("id"));
        let title = self.text(&raw.title, &place.field("title"));
        let description = self.text(&raw.description, &place.field("description"));
        let more_info = self.optional_text(raw.more_info.as_ref(), &place.field("more_info"));
        let levels = match (raw.cost, raw.levels.is_empty()) {
            (Some(cost), true) => {
                let cost = self.money(cost, &place.field("cost"), true);
                let effects = self.effect_values(&raw.effects, effect_ids, &place.field("effects"));
                Some(vec![Level {
                    label: None,
                    cost: cost?,
                    effects: effects?,
                }])
            }
            (None, false) => {
                if !raw.effects.is_empty() {
                    self.problem(
                        &place.field("effects"),
                        "an option with levels gives its effects per level, not for the option",
                    );
                }
                if raw.levels.len() > usize::from(u8::MAX) {
                    self.problem(
                        &place.field("levels"),
                        "an option can have at most 255 levels",
                    );
                    return None;
                }
                let mut levels = Vec::new();
                for (level_idx, level) in raw.levels.iter().enumerate() {
                    let level_place = place.field(&format!("levels[{level_idx}]"));
                    let label = self.text(&level.label, &level_place.field("label"));
                    let cost = self.money(level.cost, &level_place.field("cost"), true);
                    let effects = self.effect_values(
                        &level.effects,
                        effect_ids,
                        &level_place.field("effects"),
                    );
                    if let (Some(label), Some(cost), Some(effects)) = (label, cost, effects) {
                        levels.push(Level {
                            label: Some(label),
                            cost,
                            effects,
                        });
                    }
                }
                (levels.len() == raw.levels.len()).then_some(levels)
            }
            (Some(_), false) => {
                self.problem(
                    &place.field("cost"),
                    "give either a cost (a binary option) or levels, not both",
                );
                None
            }
            (None, true) => {
                self.problem(
                    &place.field("cost"),
                    "missing: give a cost (a binary option) or [[options.levels]]",
                );
                None
            }
        };
        Some(PolicyOption {
            id: id_ok.then(|| raw.id.clone())?,
            title: title?,
            description: description?,
            more_info: more_info?,
            levels: levels?,
        })
    }

    pub(super) fn motivation_prompt(
        &mut self,
        raw: &RawMotivation,
        default: Option<&MotivationPrompt>,
        place: &Place,
    ) -> Option<MotivationPrompt> {
        let chosen = match (&raw.chosen, default) {
            (Some(text), _) => self.text(text, &place.field("chosen")),
            (None, Some(default)) => Some(default.chosen.clone()),
            (None, None) => {
                self.problem(
                    &place.field("chosen"),
                    "missing: the question asked when an option is chosen",
                );
                None
            }
        };
        let not_chosen = match (&raw.not_chosen, default) {
            (Some(text), _) => self.text(text, &place.field("not_chosen")),
            (None, Some(default)) => Some(default.not_chosen.clone()),
            (None, None) => {
                self.problem(
                    &place.field("not_chosen"),
                    "missing: the question asked when an option is not chosen",
                );
                None
            }
        };
        let required = match (raw.required.as_deref(), default) {
            (None, Some(default)) => Some(default.required),
            (None, None) | (Some("none"), _) => Some(Required::None),
            (Some("chosen"), _) => Some(Required::Chosen),
            (Some("not_chosen"), _) => Some(Required::NotChosen),
            (Some("both"), _) => Some(Required::Both),
            (Some(other), _) => {
                self.problem(
                    &place.field("required"),
                    format!("unknown value \"{other}\"; expected none, chosen, not_chosen or both"),
                );
                None
            }
        };
        let max_length = match (raw.max_length, default) {
            (None, Some(default)) => Some(default.max_length),
            (None, None) => Some(DEFAULT_MOTIVATION_LENGTH),
            (Some(length), _) if (1..=MOTIVATION_LIMIT).contains(&length) => Some(length as u32),
            (Some(length), _) => {
                self.problem(
                    &place.field("max_length"),
                    format!("must be between 1 and {MOTIVATION_LIMIT} characters, found {length}"),
                );
                None
            }
        };
        Some(MotivationPrompt {
            chosen: chosen?,
            not_chosen: not_chosen?,
            required: required?,
            max_length: max_length?,
        })
    }

    pub(super) fn option_prompts(
        &mut self,
        raw: &[Spanned<RawOption>],
        default: Option<&MotivationPrompt>,
    ) -> Option<Vec<MotivationPrompt>> {
        let default = default?;
        let mut prompts = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let option = spanned.get_ref();
            match &option.motivation {
                None => prompts.push(default.clone()),
                Some(motivation) => {
                    let place = self
                        .item_place("options", idx, &option.id, spanned)
                        .field("motivation");
                    prompts.extend(self.motivation_prompt(motivation, Some(default), &place));
                }
            }
        }
        (prompts.len() == raw.len()).then_some(prompts)
    }

    pub(super) fn option_index(
        &mut self,
        id: &str,
        option_ids: &[&str],
        place: &Place,
    ) -> Option<usize> {
        let found = option_ids.iter().position(|known| *known == id);
        if found.is_none() {
            self.problem(place, format!("unknown option \"{id}\""));
        }
        found
    }
}
