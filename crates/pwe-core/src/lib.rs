//! The vocabulary of a Participatory Value Evaluation (PWE): surveys, options,
//! portfolios, the rules of a choice task, and the population respondents come from.
//!
//! This crate does no IO: it parses text it is handed and computes. It knows
//! nothing of HTTP, SQL, async or data frames, so the service, the analysis and
//! the command line all share one definition of what a valid answer is.
//!
//! # Layout
//! - [`text`]: bilingual texts (Dutch required, English optional) and messages.
//! - [`money`]: whole-euro amounts and how residents read them.
//! - [`survey`]: the survey file format and its checked domain types.
//! - [`task`]: one version's choice task (budget and costs).
//! - [`portfolio`]: a respondent's choice, its totals and the rules it breaks.
//! - [`fixes`]: the single changes that mend a broken rule, in words.
//! - [`code`]: household codes: alphabet, check character, parsing.
//! - [`answers`]: a whole response (or a draft) checked against the survey.
//! - [`spreadsheet`]: free text written safe to open in a spreadsheet, and read back.
//! - [`feasible`]: enumeration of every feasible portfolio of a version.
//! - [`population`]: neighbourhood demographics in the CBS layout.
//! - [`lint`]: advice about a valid survey (a short open window, evaluation coverage).
//! - [`disclosure`]: which published figures could single out a household,
//!   complementary suppression and its audit by linear programming.

pub mod answers;
pub mod channel;
pub mod code;
pub mod council;
pub mod disclosure;
pub mod escape;
pub mod explain;
pub mod export;
pub mod feasible;
pub mod fixes;
pub mod flow;
pub mod format;
pub mod lint;
pub mod money;
pub mod population;
pub mod portfolio;
pub mod spreadsheet;
pub mod survey;
pub mod task;
pub mod text;
pub mod weighting;
pub mod words;

pub use money::Euros;
pub use portfolio::{Portfolio, PortfolioError, Rule, Totals, Violation};
pub use survey::{Survey, SurveyError};
pub use task::ChoiceTask;
pub use text::{Lang, Message, Text};
