//! From the raw TOML to a checked [`Survey`], collecting every problem with its place.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use toml::Spanned;
use toml::value::Datetime;

use super::raw::*;
use super::*;
use crate::feasible;

/// The longest motivation an author may allow, so that a typo such as
/// `max_length = 50000` does not open the door to pasted documents.
const MOTIVATION_LIMIT: i64 = 5_000;

/// Default longest motivation when the file gives none.
const DEFAULT_MOTIVATION_LENGTH: u32 = 500;

/// Tolerance on the sum of the version shares, which are decimal fractions.
const SHARE_TOLERANCE: f64 = 1e-9;

impl Survey {
    /// Reads a survey from the text of a survey file.
    ///
    /// `file` names the file in every message; nothing is read from disk.
    ///
    /// # Errors
    /// A [`SurveyError`] listing every problem found, each with its line (where
    /// known), field and reason: TOML syntax, unknown keys, wrong types, missing
    /// Dutch texts, duplicate or dangling identifiers, impossible rules.
    pub fn parse(source: &str, file: &str) -> Result<Survey, SurveyError> {
        Survey::parse_checked(source, file, true)
    }

    /// [`Survey::parse`], optionally without the check that every version has a
    /// feasible portfolio, so tests can compare the enumerator with brute force
    /// on surveys whose rules cannot be met.
    pub(crate) fn parse_checked(
        source: &str,
        file: &str,
        check_feasible: bool,
    ) -> Result<Survey, SurveyError> {
        let mut parser = Parser {
            source,
            check_feasible,
            problems: Vec::new(),
        };
        let survey = match toml::from_str::<RawSurvey>(source) {
            Ok(raw) => parser.survey(raw),
            Err(error) => {
                let line = error.span().map(|span| parser.line(span.start));
                let written = line
                    .and_then(|line| source.lines().nth(line - 1))
                    .map(str::trim)
                    .filter(|written| !written.is_empty());
                let reason = plain_types(error.message().trim());
                parser.problems.push(Problem {
                    line,
                    field: String::new(),
                    reason: match written {
                        Some(written) => format!("{reason} (in `{written}`)"),
                        None => reason,
                    },
                });
                None
            }
        };
        // Problems are reported in the order of the file, which is how an author fixes them.
        parser.problems.sort_by_key(|problem| problem.line);
        match survey {
            Some(survey) if parser.problems.is_empty() => Ok(survey),
            _ => Err(SurveyError {
                file: file.to_string(),
                problems: parser.problems,
            }),
        }
    }
}

/// Replaces Rust type names in the TOML reader's messages with words an author knows.
fn plain_types(message: &str) -> String {
    message
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected a text in quotes")
}

struct Parser<'s> {
    source: &'s str,
    check_feasible: bool,
    problems: Vec<Problem>,
}

/// Where a value sits: the field path and the line of the table it is in.
#[derive(Clone)]
struct Place {
    field: String,
    line: Option<usize>,
}

impl Place {
    fn field(&self, name: &str) -> Place {
        let field = if self.field.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.field)
        };
        Place {
            field,
            line: self.line,
        }
    }
}

impl Parser<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn place<T>(&self, field: String, spanned: &Spanned<T>) -> Place {
        Place {
            field,
            line: Some(self.line(spanned.span().start)),
        }
    }

    /// The place of element `idx` of a list of tables, named by its id so the
    /// author can find it: `options[3] "handhaving"`.
    fn item_place<T>(&self, list: &str, idx: usize, id: &str, spanned: &Spanned<T>) -> Place {
        self.place(format!("{list}[{idx}] \"{id}\""), spanned)
    }

    fn problem(&mut self, place: &Place, reason: impl Into<String>) {
        self.problems.push(Problem {
            line: place.line,
            field: place.field.clone(),
            reason: reason.into(),
        });
    }

    fn text(&mut self, raw: &RawText, place: &Place) -> Option<Text> {
        let (nl, en) = match raw {
            RawText::Dutch(nl) => (Some(nl.clone()), None),
            RawText::Translated { nl, en } => (nl.clone(), en.clone()),
        };
        match nl {
            Some(nl) if !nl.trim().is_empty() => Some(Text::new(nl, en)),
            _ => {
                self.problem(place, "the Dutch text (nl) is missing or empty");
                None
            }
        }
    }

    fn optional_text(&mut self, raw: Option<&RawText>, place: &Place) -> Option<Option<Text>> {
        match raw {
            None => Some(None),
            Some(raw) => self.text(raw, place).map(Some),
        }
    }

    /// Checks an identifier: lower-case letters, digits, `-` and `_`, so it can
    /// stand in a URL, a CSV column and a command line without quoting.
    fn id(&mut self, id: &str, place: &Place) -> bool {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.problem(
                place,
                format!("the id \"{id}\" must be 1 to 64 characters of a-z, 0-9, '-' and '_'"),
            );
        }
        ok
    }

    /// Reports ids that occur twice in one list.
    fn unique<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = (&'a str, Place)>) {
        let mut seen = HashSet::new();
        for (id, place) in ids {
            if !seen.insert(id) {
                self.problem(&place, format!("duplicate {what} id \"{id}\""));
            }
        }
    }

    fn money(&mut self, value: i64, place: &Place, allow_negative: bool) -> Option<Euros> {
        if !allow_negative && value < 0 {
            self.problem(place, format!("must not be negative, found {value}"));
            return None;
        }
        // A trillion euros is far beyond any municipal budget; the bound keeps sums
        // of up to millions of portfolios far from overflowing.
        if value.abs() > 1_000_000_000_000 {
            self.problem(
                place,
                format!("{value} is beyond the largest supported amount (10^12 euros)"),
            );
            return None;
        }
        Some(Euros(value))
    }

    fn positive(&mut self, value: i64, place: &Place) -> Option<u32> {
        match u32::try_from(value) {
            Ok(v) if v > 0 => Some(v),
            _ => {
                self.problem(
                    place,
                    format!("must be a whole number above 0, found {value}"),
                );
                None
            }
        }
    }

    fn survey(&mut self, raw: RawSurvey) -> Option<Survey> {
        if *raw.format.get_ref() != FORMAT_VERSION {
            let place = self.place("format".into(), &raw.format);
            self.problem(
                &place,
                format!(
                    "unsupported format {}; this pwe reads format {FORMAT_VERSION}",
                    raw.format.get_ref()
                ),
            );
            return None;
        }
        let meta = self.meta(&raw.survey);
        let pages = self.pages(&raw.pages);
        let effects = self.effects(&raw.effects);
        let effect_ids: Vec<&str> = raw
            .effects
            .iter()
            .map(|e| e.get_ref().id.as_str())
            .collect();
        let options = self.options(&raw.options, &effect_ids);
        let option_ids: Vec<&str> = raw
            .options
            .iter()
            .map(|o| o.get_ref().id.as_str())
            .collect();
        let default_prompt = self.motivation_prompt(
            raw.motivation.get_ref(),
            None,
            &self.place("motivation".into(), &raw.motivation),
        );
        let motivation = self.option_prompts(&raw.options, default_prompt.as_ref());
        let (budget, rules) = self.rules(&raw, &effect_ids, &option_ids);
        let versions =
            budget.and_then(|budget| self.versions(&raw.versions, budget, options.as_deref()));
        let background = self.background(&raw.background);
        let evaluation = self.evaluation(&raw.evaluation);
        let question_ids = raw
            .background
            .iter()
            .enumerate()
            .map(|(idx, q)| {
                (
                    q.get_ref().id.as_str(),
                    self.item_place("background", idx, &q.get_ref().id, q),
                )
            })
            .chain(raw.evaluation.iter().enumerate().map(|(idx, q)| {
                (
                    q.get_ref().id.as_str(),
                    self.item_place("evaluation", idx, &q.get_ref().id, q),
                )
            }))
            .collect::<Vec<_>>();
        self.unique("question", question_ids);

        let survey = Survey {
            meta: meta?,
            pages: pages?,
            effects: effects?,
            options: options?,
            rules: rules?,
            versions: versions?,
            motivation: motivation?,
            background: background?,
            evaluation: evaluation?,
        };
        if !self.problems.is_empty() {
            return None;
        }
        if self.check_feasible {
            self.report_infeasible(&survey, &raw);
        }
        Some(survey)
    }

    fn meta(&mut self, raw: &Spanned<RawMeta>) -> Option<Metadata> {
        let place = self.place("survey".into(), raw);
        let meta = raw.get_ref();
        let id_ok = self.id(&meta.id, &place.field("id"));
        let title = self.text(&meta.title, &place.field("title"));
        let organiser = self.text(&meta.organiser, &place.field("organiser"));
        let privacy = self.text(&meta.privacy, &place.field("privacy"));
        let next_steps = self.optional_text(meta.next_steps.as_ref(), &place.field("next_steps"));
        let timezone = match &meta.timezone {
            None => Some(chrono_tz::Europe::Amsterdam),
            Some(name) => match name.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    self.problem(
                        &place.field("timezone"),
                        format!("unknown time zone \"{name}\"; write it like \"Europe/Amsterdam\""),
                    );
                    None
                }
            },
        };
        let opens = timezone.and_then(|tz| self.datetime(&meta.opens, tz, &place.field("opens")));
        let closes =
            timezone.and_then(|tz| self.datetime(&meta.closes, tz, &place.field("closes")));
        let retention_until = self.date(&meta.retention_until, &place.field("retention_until"));
        let participation_level = match meta.participation_level.as_str() {
            "informeren" => Some(ParticipationLevel::Informeren),
            "raadplegen" => Some(ParticipationLevel::Raadplegen),
            "adviseren" => Some(ParticipationLevel::Adviseren),
            "coproduceren" => Some(ParticipationLevel::Coproduceren),
            "meebeslissen" => Some(ParticipationLevel::Meebeslissen),
            other => {
                self.problem(
                    &place.field("participation_level"),
                    format!(
                        "unknown participation level \"{other}\"; expected informeren, raadplegen, adviseren, coproduceren or meebeslissen"
                    ),
                );
                None
            }
        };
        if let (Some(opens), Some(closes)) = (opens, closes) {
            if opens >= closes {
                self.problem(&place.field("closes"), "the survey closes before it opens");
            }
        }
        if let (Some(closes), Some(retention), Some(tz)) = (closes, retention_until, timezone) {
            if retention < closes.with_timezone(&tz).date_naive() {
                self.problem(
                    &place.field("retention_until"),
                    format!("the retention date {retention} is before the survey closes"),
                );
            }
        }
        Some(Metadata {
            id: id_ok.then(|| meta.id.clone())?,
            title: title?,
            organiser: organiser?,
            opens: opens?,
            closes: closes?,
            timezone: timezone?,
            participation_level: participation_level?,
            privacy: privacy?,
            retention_until: retention_until?,
            randomize_options: meta.randomize_options,
            next_steps: next_steps?,
        })
    }

    /// A date-time from the file: one without an offset is read in the survey's
    /// time zone, which is how an organiser writes "9 o'clock on 11 January".
    fn datetime(&mut self, raw: &Datetime, tz: Tz, place: &Place) -> Option<DateTime<Utc>> {
        let written = raw.to_string();
        if raw.date.is_none() || raw.time.is_none() {
            self.problem(
                place,
                format!("expected a date and time such as 2027-01-11T09:00:00, found {written}"),
            );
            return None;
        }
        if raw.offset.is_some() {
            return match DateTime::parse_from_rfc3339(&written) {
                Ok(at) => Some(at.with_timezone(&Utc)),
                Err(error) => {
                    self.problem(place, format!("cannot read {written}: {error}"));
                    None
                }
            };
        }
        let local = written.replace(' ', "T");
        let naive = NaiveDateTime::parse_from_str(&local, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(&local, "%Y-%m-%dT%H:%M"));
        match naive {
            Ok(naive) => match tz.from_local_datetime(&naive).single() {
                Some(at) => Some(at.with_timezone(&Utc)),
                None => {
                    self.problem(
                        place,
                        format!("{written} does not exist or is ambiguous in {tz} (a daylight saving change); pick another time"),
                    );
                    None
                }
            },
            Err(error) => {
                self.problem(place, format!("cannot read {written}: {error}"));
                None
            }
        }
    }

    fn date(&mut self, raw: &Datetime, place: &Place) -> Option<NaiveDate> {
        match (raw.date, raw.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            _ => {
                self.problem(
                    place,
                    format!("expected a date such as 2027-12-31, found {raw}"),
                );
                None
            }
        }
    }

    fn pages(&mut self, raw: &[Spanned<RawPage>]) -> Option<Vec<InfoPage>> {
        let mut pages = Vec::new();
        let mut ids = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let page = spanned.get_ref();
            let place = self.item_place("pages", idx, &page.id, spanned);
            let id_ok = self.id(&page.id, &place.field("id"));
            let title = self.text(&page.title, &place.field("title"));
            let body = self.text(&page.body, &place.field("body"));
            ids.push((page.id.as_str(), place));
            if let (true, Some(title), Some(body)) = (id_ok, title, body) {
                pages.push(InfoPage {
                    id: page.id.clone(),
                    title,
                    body,
                });
            }
        }
        self.unique("page", ids);
        (pages.len() == raw.len()).then_some(pages)
    }

    fn effects(&mut self, raw: &[Spanned<RawEffect>]) -> Option<Vec<EffectDef>> {
        let mut effects = Vec::new();
        let mut ids = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let effect = spanned.get_ref();
            let place = self.item_place("effects", idx, &effect.id, spanned);
            let id_ok = self.id(&effect.id, &place.field("id"));
            let label = self.text(&effect.label, &place.field("label"));
            ids.push((effect.id.as_str(), place));
            if let (true, Some(label)) = (id_ok, label) {
                effects.push(EffectDef {
                    id: effect.id.clone(),
                    label,
                    unit: effect.unit.clone(),
                });
            }
        }
        self.unique("effect", ids);
        (effects.len() == raw.len()).then_some(effects)
    }

    fn effect_values(
        &mut self,
        raw: &BTreeMap<String, f64>,
        effect_ids: &[&str],
        place: &Place,
    ) -> Option<Vec<f64>> {
        let mut values = vec![0.0; effect_ids.len()];
        let mut ok = true;
        for (name, &value) in raw {
            match effect_ids.iter().position(|id| id == name) {
                Some(effect_idx) if value.is_finite() => values[effect_idx] = value,
                Some(_) => {
                    self.problem(&place.field(name), "must be a finite number");
                    ok = false;
                }
                None => {
                    self.problem(
                        &place.field(name),
                        format!("unknown effect \"{name}\"; declare it under [[effects]]"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(values)
    }

    fn options(
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

    fn option(
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

    fn motivation_prompt(
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

    fn option_prompts(
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

    fn option_index(&mut self, id: &str, option_ids: &[&str], place: &Place) -> Option<usize> {
        let found = option_ids.iter().position(|known| *known == id);
        if found.is_none() {
            self.problem(place, format!("unknown option \"{id}\""));
        }
        found
    }

    fn rules(
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
            Some(flex) => {
                let flex_place = place.field("flexible");
                let max_over = self.money(flex.max_over, &flex_place.field("max_over"), false);
                let max_under = self.money(flex.max_under, &flex_place.field("max_under"), false);
                let households = self.positive(flex.households, &flex_place.field("households"));
                let years = self.positive(flex.years, &flex_place.field("years"));
                match (max_over, max_under, households, years) {
                    (Some(max_over), Some(max_under), Some(households), Some(years)) => {
                        Some(Some(FlexibleBudget {
                            max_over,
                            max_under,
                            households,
                            years,
                        }))
                    }
                    _ => None,
                }
            }
        };

        let mut targets = Some(Vec::new());
        for (idx, spanned) in raw.targets.iter().enumerate() {
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

        let mut exclusive = Some(Vec::new());
        let mut group_ids = Vec::new();
        for (idx, spanned) in raw.exclusive.iter().enumerate() {
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

        let (min_options, max_options) = match &raw.choose {
            None => (Some(None), Some(None)),
            Some(spanned) => {
                let choose_place = self.place("choose".into(), spanned);
                let choose = spanned.get_ref();
                let n_options = option_ids.len() as i64;
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
                if let (Some(Some(min)), Some(Some(max))) = (min, max) {
                    if min > max {
                        self.problem(
                            &choose_place,
                            format!("at_least ({min}) is above at_most ({max})"),
                        );
                    }
                }
                (min, max)
            }
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

    fn versions(
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
            let mut costs = base_costs.clone();
            let mut costs_ok = true;
            for (option_id, cost) in &version.costs {
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
            if let (true, true, Some(budget), true) = (id_ok, share_ok, version_budget, costs_ok) {
                versions.push(Version {
                    id: version.id.clone(),
                    share: version.share,
                    budget,
                    costs,
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

    fn choices(&mut self, raw: &[RawChoice], place: &Place) -> Option<Vec<Choice>> {
        let mut choices = Vec::new();
        let mut ids = Vec::new();
        for (idx, choice) in raw.iter().enumerate() {
            let choice_place = place.field(&format!("choices[{idx}] \"{}\"", choice.id));
            ids.push((choice.id.as_str(), choice_place.clone()));
            let id_ok = self.id(&choice.id, &choice_place.field("id"));
            let label = self.text(&choice.label, &choice_place.field("label"));
            if let (true, Some(label)) = (id_ok, label) {
                choices.push(Choice {
                    id: choice.id.clone(),
                    label,
                    category: choice.category.clone(),
                });
            }
        }
        self.unique("choice", ids);
        if raw.len() < 2 {
            self.problem(
                &place.field("choices"),
                "a choice question needs at least two choices",
            );
            return None;
        }
        (choices.len() == raw.len()).then_some(choices)
    }

    fn text_length(&mut self, value: Option<i64>, place: &Place) -> Option<u32> {
        match value {
            None => Some(DEFAULT_MOTIVATION_LENGTH),
            Some(length) if (1..=MOTIVATION_LIMIT).contains(&length) => Some(length as u32),
            Some(length) => {
                self.problem(
                    &place.field("max_length"),
                    format!("must be between 1 and {MOTIVATION_LIMIT} characters, found {length}"),
                );
                None
            }
        }
    }

    fn background(&mut self, raw: &[Spanned<RawBackground>]) -> Option<Vec<BackgroundQuestion>> {
        let mut questions = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let question = spanned.get_ref();
            let place = self.item_place("background", idx, &question.id, spanned);
            let id_ok = self.id(&question.id, &place.field("id"));
            let text = self.text(&question.text, &place.field("text"));
            let uses_choices = matches!(question.kind.as_str(), "single" | "multiple");
            if !uses_choices && !question.choices.is_empty() {
                self.problem(
                    &place.field("choices"),
                    format!("a {} question has no choices", question.kind),
                );
            }
            let kind = match question.kind.as_str() {
                "single" => self
                    .choices(&question.choices, &place)
                    .map(QuestionKind::Single),
                "multiple" => self
                    .choices(&question.choices, &place)
                    .map(QuestionKind::Multiple),
                "number" => match (question.min, question.max) {
                    (Some(min), Some(max)) if min <= max => Some(QuestionKind::Number { min, max }),
                    (Some(min), Some(max)) => {
                        self.problem(
                            &place.field("min"),
                            format!("min ({min}) is above max ({max})"),
                        );
                        None
                    }
                    _ => {
                        self.problem(&place, "a number question needs min and max");
                        None
                    }
                },
                "text" => self
                    .text_length(question.max_length, &place)
                    .map(|max_length| QuestionKind::Text { max_length }),
                other => {
                    self.problem(
                        &place.field("kind"),
                        format!(
                            "unknown kind \"{other}\"; expected single, multiple, number or text"
                        ),
                    );
                    None
                }
            };
            if question.margin.is_some() && question.kind != "single" {
                self.problem(
                    &place.field("margin"),
                    "only a single-choice question can map onto a population margin",
                );
            }
            if let (true, Some(text), Some(kind)) = (id_ok, text, kind) {
                questions.push(BackgroundQuestion {
                    id: question.id.clone(),
                    text,
                    required: question.required,
                    kind,
                    margin: question.margin.clone(),
                });
            }
        }
        (questions.len() == raw.len()).then_some(questions)
    }

    fn evaluation(&mut self, raw: &[Spanned<RawEvaluation>]) -> Option<Vec<EvaluationQuestion>> {
        let mut questions = Vec::new();
        for (idx, spanned) in raw.iter().enumerate() {
            let question = spanned.get_ref();
            let place = self.item_place("evaluation", idx, &question.id, spanned);
            let id_ok = self.id(&question.id, &place.field("id"));
            let text = self.text(&question.text, &place.field("text"));
            let kind = match question.kind.as_str() {
                "likert5" => Some(EvaluationKind::Likert5),
                "grade" => Some(EvaluationKind::Grade),
                "text" => self
                    .text_length(question.max_length, &place)
                    .map(|max_length| EvaluationKind::Text { max_length }),
                other => {
                    self.problem(
                        &place.field("kind"),
                        format!("unknown kind \"{other}\"; expected likert5, grade or text"),
                    );
                    None
                }
            };
            let theme = match question.theme.as_deref() {
                None => Some(None),
                Some(name) => match ActieTheme::ALL
                    .into_iter()
                    .find(|theme| theme.name() == name)
                {
                    Some(theme) => Some(Some(theme)),
                    None => {
                        self.problem(
                            &place.field("theme"),
                            format!(
                                "unknown ACTIE theme \"{name}\"; expected animo, contacten, talenten, institutionalisering or empathie"
                            ),
                        );
                        None
                    }
                },
            };
            if let (true, Some(text), Some(kind), Some(theme)) = (id_ok, text, kind, theme) {
                questions.push(EvaluationQuestion {
                    id: question.id.clone(),
                    text,
                    required: question.required,
                    kind,
                    theme,
                    research_question: question.research_question.clone(),
                });
            }
        }
        (questions.len() == raw.len()).then_some(questions)
    }

    /// Reports every version in which no portfolio meets the rules, with the
    /// reason when it is a simple one.
    fn report_infeasible(&mut self, survey: &Survey, raw: &RawSurvey) {
        for (version_idx, version) in survey.versions.iter().enumerate() {
            let place = match raw.versions.get(version_idx) {
                Some(spanned) => self.item_place("versions", version_idx, &version.id, spanned),
                None => self.place("budget".into(), &raw.budget),
            };
            let task = crate::ChoiceTask::new(survey, version);
            match feasible::first_feasible(&task) {
                Ok(Some(_)) => {}
                Ok(None) => {
                    let (lower, upper) = task.spend_bounds();
                    let reason = if lower.is_some_and(|lower| lower > upper) {
                        format!(
                            "no portfolio can meet the rules: the minimum spend {} is above the most that may be spent, {}",
                            lower.unwrap_or_default(),
                            upper
                        )
                    } else {
                        format!(
                            "no portfolio meets every rule with a budget of {}: check the budget against the targets, groups and number of options",
                            version.budget
                        )
                    };
                    self.problem(&place, reason);
                }
                Err(error) => self.problem(&place, error.to_string()),
            }
        }
    }
}
