//! A survey (one PWE consultation) as a checked domain value.
//!
//! A [`Survey`] can only be made by [`Survey::parse`], which turns the TOML survey
//! file (format 1, documented in `docs/survey-format.md`) into these types and
//! refuses a file with any error. Everything that refers to something else
//! (a group to its options, a target to its effect, a version to its costs) is
//! resolved to indices here, so code that uses a survey never looks anything up
//! by name and never meets a dangling reference.

mod error;
mod parse;
mod raw;
mod rules_text;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub use error::{Problem, SurveyError};
pub use rules_text::rules_changes;

use crate::money::Euros;
use crate::text::Text;

/// The survey file format this version of pwe reads.
pub const FORMAT_VERSION: i64 = 1;

/// A checked survey: metadata, information pages, options, rules, versions and questions.
#[derive(Debug, Clone)]
pub struct Survey {
    meta: Metadata,
    pages: Vec<InfoPage>,
    effects: Vec<EffectDef>,
    options: Vec<PolicyOption>,
    rules: Rules,
    versions: Vec<Version>,
    motivation: Vec<MotivationPrompt>,
    background: Vec<BackgroundQuestion>,
    evaluation: Vec<EvaluationQuestion>,
}

impl Survey {
    /// Who runs the consultation, when, and under which privacy terms.
    pub fn meta(&self) -> &Metadata {
        &self.meta
    }

    /// The information pages shown before the choice task, in order.
    pub fn pages(&self) -> &[InfoPage] {
        &self.pages
    }

    /// The effects options have (parking pressure, fee, ...), indexed by `effect_idx`.
    pub fn effects(&self) -> &[EffectDef] {
        &self.effects
    }

    /// The policy options, indexed by `option_idx` in the order of the file.
    pub fn options(&self) -> &[PolicyOption] {
        &self.options
    }

    /// The index of the option with this id.
    pub fn option_idx(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|option| option.id == id)
    }

    /// The rules every portfolio must meet, in every version.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The versions of the experimental design; there is always at least one.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The version with this id.
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|version| version.id == id)
    }

    /// The version a uniform draw in [0, 1) falls on, by the design's shares.
    pub fn version_for_draw(&self, draw: f64) -> &Version {
        let mut cumulative = 0.0;
        self.versions
            .iter()
            .find(|v| {
                cumulative += v.share;
                draw < cumulative
            })
            .unwrap_or(&self.versions[self.versions.len() - 1])
    }

    /// The motivation prompts of option `option_idx`.
    pub fn motivation(&self, option_idx: usize) -> &MotivationPrompt {
        &self.motivation[option_idx]
    }

    /// The background questions, asked after the task.
    pub fn background(&self) -> &[BackgroundQuestion] {
        &self.background
    }

    /// The evaluation questions, asked last.
    pub fn evaluation(&self) -> &[EvaluationQuestion] {
        &self.evaluation
    }
}

/// Who runs the consultation, when, and under which privacy terms.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Metadata {
    /// A short stable identifier such as `mall-parkeren`.
    pub id: String,
    /// The consultation's title.
    pub title: Text,
    /// The organisation asking for advice.
    pub organiser: Text,
    /// When residents can start; shown in `timezone`.
    pub opens: DateTime<Utc>,
    /// When the consultation closes; shown in `timezone`.
    pub closes: DateTime<Utc>,
    /// The time zone the open window was written in (Europe/Amsterdam by default).
    pub timezone: Tz,
    /// The rung of the participation ladder this consultation stands on.
    pub participation_level: ParticipationLevel,
    /// When the public results page shows the results.
    pub publish_results: PublishResults,
    /// The privacy statement shown before a resident starts.
    pub privacy: Text,
    /// After this date personal data (code hashes, free text) must be purged.
    pub retention_until: NaiveDate,
    /// Whether each household sees the options in its own random order.
    pub randomize_options: bool,
    /// What happens with the advice, shown on the thank-you page.
    pub next_steps: Option<Text>,
    /// Where residents get help (shown on every page), when given.
    pub contact: Option<Contact>,
    /// The words of the invitation and reminder letters, when given.
    pub letter: Option<Letter>,
    /// The research questions evaluation questions may help answer, each of
    /// which `pwe survey check` wants a question for
    /// ([`DEFAULT_RESEARCH_QUESTIONS`] unless the file says otherwise).
    pub research_questions: Vec<String>,
    /// The ACTIE themes the evaluation should touch (all five unless the
    /// file says otherwise).
    pub evaluation_themes: Vec<ActieTheme>,
}

/// The research questions of the ACTIE evaluation of online participation
/// that evaluation questions help answer, when the survey names none: 2a
/// (who took part and why), 2b (how the participants judged it), 3 (what it
/// brought the municipality).
pub const DEFAULT_RESEARCH_QUESTIONS: [&str; 3] = ["2a", "2b", "3"];

/// The municipality's own words in the letters (`pwe letters`); the code,
/// link, window, how-to, privacy and help lines are added around them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Letter {
    /// Why the household gets this letter and what is asked (a paragraph).
    pub intro: Text,
    /// The paragraph of the reminder letter, when reminders are sent.
    pub reminder: Option<Text>,
    /// Who signs, such as "Het college van burgemeester en wethouders".
    pub signature: Text,
}

/// The municipality's help desk for this consultation.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Contact {
    /// A phone number, as written.
    pub phone: Option<String>,
    /// An e-mail address.
    pub email: Option<String>,
    /// A desk's address.
    pub address: Option<Text>,
    /// When the desk or phone is open.
    pub hours: Option<Text>,
}

/// The rung of the participation ladder, as Dutch municipalities name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipationLevel {
    /// Residents are informed.
    Informeren,
    /// Residents are consulted; the council decides.
    Raadplegen,
    /// Residents advise; the council departs from the advice only with reasons.
    Adviseren,
    /// Residents and the municipality design together.
    Coproduceren,
    /// Residents decide.
    Meebeslissen,
}

impl ParticipationLevel {
    /// The Dutch name as written in the survey file.
    pub fn name(self) -> &'static str {
        match self {
            ParticipationLevel::Informeren => "informeren",
            ParticipationLevel::Raadplegen => "raadplegen",
            ParticipationLevel::Adviseren => "adviseren",
            ParticipationLevel::Coproduceren => "coproduceren",
            ParticipationLevel::Meebeslissen => "meebeslissen",
        }
    }
}

/// When the public results page shows the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishResults {
    /// After the close, once the operator has run `pwe results publish`
    /// (the default: the municipality checks the figures first).
    Manual,
    /// As soon as the consultation closes.
    AtClose,
}

/// An information page shown before the choice task.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InfoPage {
    /// Identifier, unique among pages.
    pub id: String,
    /// The page's heading.
    pub title: Text,
    /// The page's body; paragraphs are separated by blank lines.
    pub body: Text,
}

/// A named numeric effect that options have, such as a change in parking pressure.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EffectDef {
    /// Identifier, unique among effects, used in options and targets.
    pub id: String,
    /// What the effect is called.
    pub label: Text,
    /// The unit its values are in, such as `%` or `euro per jaar` / `euro per year`.
    pub unit: Text,
}

/// A policy option a resident can choose, at one of its levels.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PolicyOption {
    /// Identifier, unique among options.
    pub id: String,
    /// The option's title.
    pub title: Text,
    /// A short description on the option's card.
    pub description: Text,
    /// Longer background behind a "more information" expansion.
    pub more_info: Option<Text>,
    /// The levels above "not chosen" (level 0); a binary option has exactly one.
    pub levels: Vec<Level>,
}

impl PolicyOption {
    /// The highest level; 1 for a binary option.
    pub fn max_level(&self) -> u8 {
        self.levels.len() as u8
    }

    /// Whether the option is simply chosen or not (one level).
    pub fn is_binary(&self) -> bool {
        self.levels.len() == 1
    }

    /// The effects at `level` (level ≥ 1), indexed by `effect_idx`.
    pub fn effects_at(&self, level: u8) -> &[f64] {
        &self.levels[usize::from(level) - 1].effects
    }
}

/// One level of an option: its label, base cost and effects.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Level {
    /// The level's name, such as "twee keer per week"; binary options have none.
    pub label: Option<Text>,
    /// The cost in the survey file; versions may override it.
    pub cost: Euros,
    /// The value of every effect at this level, indexed by `effect_idx` (0 when not given).
    pub effects: Vec<f64>,
}

/// The rules every portfolio must meet.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Rules {
    /// The least a portfolio must spend, if anything.
    pub min_spend: Option<Euros>,
    /// A budget respondents may exceed or underspend, paid for by a tax change.
    pub flexible: Option<FlexibleBudget>,
    /// Totals of effects that must be reached.
    pub targets: Vec<Target>,
    /// Groups of options of which at most one may be chosen.
    pub exclusive: Vec<ExclusiveGroup>,
    /// The least number of options to choose.
    pub min_options: Option<u32>,
    /// The most options to choose.
    pub max_options: Option<u32>,
}

/// A flexible budget: respondents may spend more or less than the budget, and the
/// difference is paid or returned through a tax change per household.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct FlexibleBudget {
    /// How much a respondent may spend above the budget.
    pub max_over: Euros,
    /// How much a respondent may leave unspent (returned to households).
    pub max_under: Euros,
    /// The number of households that share the tax change.
    pub households: u32,
    /// The number of years the costs are spread over.
    pub years: u32,
}

impl FlexibleBudget {
    /// The tax change per household per year for spending `over_budget` more than
    /// the budget (negative: a reduction).
    pub fn tax_change(&self, over_budget: Euros) -> f64 {
        over_budget.get() as f64 / (f64::from(self.households) * f64::from(self.years))
    }
}

/// A target on the total of an effect.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Target {
    /// The effect the target is on.
    pub effect_idx: usize,
    /// The bound the total must respect.
    pub bound: Bound,
}

/// Which side of a value a total must stay on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// The total must be at least this value.
    AtLeast(f64),
    /// The total must be at most this value.
    AtMost(f64),
}

/// Tolerance for comparing sums of effects with a target, so that decimal
/// fractions summing to the target exactly are not refused for rounding.
pub const EFFECT_TOLERANCE: f64 = 1e-9;

impl Bound {
    /// Whether `total` respects the bound.
    pub fn holds(self, total: f64) -> bool {
        match self {
            Bound::AtLeast(value) => total >= value - EFFECT_TOLERANCE,
            Bound::AtMost(value) => total <= value + EFFECT_TOLERANCE,
        }
    }
}

/// Options of which at most one may be chosen, such as three parking regimes.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ExclusiveGroup {
    /// Identifier, unique among groups.
    pub id: String,
    /// The options in the group.
    pub options: Vec<usize>,
    /// Why these options exclude each other, shown with them.
    pub explanation: Option<Text>,
}

/// A variant of the choice task in the experimental design.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Version {
    /// Identifier, unique among versions.
    pub id: String,
    /// The share of households assigned this version; shares sum to 1.
    pub share: f64,
    /// The budget in this version.
    pub budget: Euros,
    /// The cost of every level of every option in this version: `costs[option_idx][level - 1]`.
    pub costs: Vec<Vec<Euros>>,
}

impl Version {
    /// The cost of `option_idx` at `level` (0 costs nothing).
    pub fn cost(&self, option_idx: usize, level: u8) -> Euros {
        match level {
            0 => Euros::ZERO,
            level => self.costs[option_idx][usize::from(level) - 1],
        }
    }
}

/// Which stances need a motivation before the response can be submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Motivations are optional.
    None,
    /// A chosen option must be motivated.
    Chosen,
    /// An option not chosen must be motivated.
    NotChosen,
    /// Every option must be motivated.
    Both,
}

impl Required {
    /// Whether a motivation is required for an option that was (or was not) chosen.
    pub fn applies(self, chosen: bool) -> bool {
        match self {
            Required::None => false,
            Required::Chosen => chosen,
            Required::NotChosen => !chosen,
            Required::Both => true,
        }
    }
}

/// The questions asked about an option after the choice.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MotivationPrompt {
    /// Asked when the option was chosen (pro).
    pub chosen: Text,
    /// Asked when the option was not chosen (contra).
    pub not_chosen: Text,
    /// Which stances must be answered.
    pub required: Required,
    /// The longest answer accepted, in characters.
    pub max_length: u32,
}

/// A question about the household, asked after the task.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BackgroundQuestion {
    /// Identifier, unique among background and evaluation questions.
    pub id: String,
    /// The question.
    pub text: Text,
    /// Whether an answer is needed to submit.
    pub required: bool,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The population margin the answers map onto, for weighting.
    pub margin: Option<String>,
    /// Why the municipality asks it, shown with the question, when given.
    pub reason: Option<Text>,
}

/// The kinds of answer a background question takes.
#[derive(Debug, Clone)]
pub enum QuestionKind {
    /// Exactly one of the choices.
    Single(Vec<Choice>),
    /// Any number of the choices.
    Multiple(Vec<Choice>),
    /// A whole number between the bounds.
    Number {
        /// The smallest accepted answer.
        min: i64,
        /// The largest accepted answer.
        max: i64,
    },
    /// A short free text.
    Text {
        /// The longest answer accepted, in characters.
        max_length: u32,
    },
}

/// One answer to pick in a choice question.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Choice {
    /// Identifier, unique within the question; stored as the answer.
    pub id: String,
    /// What the resident reads.
    pub label: Text,
    /// The population category this answer counts towards, when the question has a margin.
    pub category: Option<String>,
}

/// The id of the answer "zeg ik liever niet" / "I prefer not to say", which a
/// background question with `prefer_not_to_say = true` offers as its last choice.
pub const PREFER_NOT_TO_SAY: &str = "zeg-ik-liever-niet";

impl Choice {
    /// The population category this answer is weighted to: its `category`,
    /// else its id; none for "prefer not to say", which counts as not answered.
    pub fn margin_category(&self) -> Option<String> {
        (self.id != PREFER_NOT_TO_SAY)
            .then(|| self.category.clone().unwrap_or_else(|| self.id.clone()))
    }
}

/// A question about the consultation itself, asked last.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EvaluationQuestion {
    /// Identifier, unique among background and evaluation questions.
    pub id: String,
    /// The statement or question.
    pub text: Text,
    /// Whether an answer is needed to submit.
    pub required: bool,
    /// What kind of answer it takes.
    pub kind: EvaluationKind,
    /// The ACTIE theme the question touches, if any.
    pub theme: Option<ActieTheme>,
    /// The municipality's research question it helps answer, such as `2a`.
    pub research_question: Option<String>,
}

/// The kinds of evaluation question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvaluationKind {
    /// A statement answered from 1 (strongly disagree) to 5 (strongly agree).
    Likert5,
    /// A grade from 0 to 10.
    Grade,
    /// Open remarks.
    Text {
        /// The longest answer accepted, in characters.
        max_length: u32,
    },
}

/// The words of a point on the five-point scale (1 to 5) in `lang`:
/// "Helemaal oneens" … "Helemaal eens"; `None` off the scale.
pub fn likert_word(value: u8, lang: crate::text::Lang) -> Option<&'static str> {
    let id = match value {
        1 => "likert_1",
        2 => "likert_2",
        3 => "likert_3",
        4 => "likert_4",
        5 => "likert_5",
        _ => return None,
    };
    Some(crate::words::words(lang).text(id))
}

/// The themes of the ACTIE evaluation framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActieTheme {
    /// Animo: motives and ambitions.
    Animo,
    /// Contacten: social networks.
    Contacten,
    /// Talenten en tijd: availability and skills.
    TalentenEnTijd,
    /// Institutionalisering: embedding in the organisation.
    Institutionalisering,
    /// Empathie en verwachte responsiviteit.
    Empathie,
}

impl ActieTheme {
    /// Every theme, in the order of the acronym.
    pub const ALL: [ActieTheme; 5] = [
        ActieTheme::Animo,
        ActieTheme::Contacten,
        ActieTheme::TalentenEnTijd,
        ActieTheme::Institutionalisering,
        ActieTheme::Empathie,
    ];

    /// The name as written in the survey file.
    pub fn name(self) -> &'static str {
        match self {
            ActieTheme::Animo => "animo",
            ActieTheme::Contacten => "contacten",
            ActieTheme::TalentenEnTijd => "talenten",
            ActieTheme::Institutionalisering => "institutionalisering",
            ActieTheme::Empathie => "empathie",
        }
    }
}
