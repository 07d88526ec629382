//! summary.json: every figure of the report, typed once here.
//!
//! The figures ([`crate::figures`]), the model ([`crate::model::report`]) and
//! the arguments ([`crate::arguments`]) fill these structs; [`Summary::to_json`]
//! gives the JSON that is written and published (keys sorted). The report reads
//! that JSON by pointer, so that every figure in it names the summary value it
//! shows (`data-key`), and a test checks each pointer against summary.json.
//!
//! A figure of a group under [`MIN_GROUP`](crate::figures::MIN_GROUP) is `None`
//! here and `null` in the JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::report::ModelReport;

/// The whole summary of an analysis batch.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The survey's id.
    pub survey: String,
    /// The seed of the steps that draw.
    pub seed: u64,
    /// The smallest group whose figures are published.
    pub min_group: usize,
    /// Responses counted.
    pub n_responses: usize,
    /// Responses left out.
    pub n_excluded: usize,
    /// Each response left out, and why.
    pub excluded: Vec<Excluded>,
    /// Invited, started, submitted, channels and drop-off.
    pub participation: Participation,
    /// The weights and how representative the responses are.
    pub representativeness: Representativeness,
    /// Per option id.
    pub option_shares: BTreeMap<String, OptionShare>,
    /// Per exclusive group id: the share that chose any of its options.
    pub group_shares: BTreeMap<String, GroupShare>,
    /// Per buurt code.
    pub shares_by_buurt: BTreeMap<String, GroupShares>,
    /// Per background question id, per answer.
    pub shares_by_group: BTreeMap<String, BTreeMap<String, GroupShares>>,
    /// What households spent.
    pub spend: Spend,
    /// The portfolios chosen by at least [`MIN_GROUP`](crate::figures::MIN_GROUP), most chosen first.
    pub portfolios: Vec<PortfolioCount>,
    /// Per evaluation item id (statements and grades).
    pub evaluation: BTreeMap<String, EvaluationItem>,
    /// Per research question, its items.
    pub research_questions: BTreeMap<String, Vec<String>>,
    /// Each buurt's name (or code), from the population file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buurt_names: Option<BTreeMap<String, String>>,
    /// Whether the export was made by `pwe simulate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulated: Option<bool>,
    /// The choice model, with the membership of small groups suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelReport>,
    /// The arguments, when a codebook was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Arguments>,
}

impl Summary {
    /// The JSON of summary.json, with its keys sorted.
    pub fn to_json(&self) -> serde_json::Value {
        // Only maps with string keys and finite-or-null numbers: never fails.
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// A response left out of the figures.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    /// The response.
    pub response_id: String,
    /// Why, in words.
    pub reason: String,
}

/// summary.participation.
#[derive(Debug, Clone, Serialize)]
pub struct Participation {
    /// Households invited.
    pub invited: i64,
    /// Households that started.
    pub started: i64,
    /// Households that submitted.
    pub submitted: i64,
    /// Submitted of invited.
    pub response_rate: f64,
    /// Submitted of started.
    pub completion_rate: f64,
    /// The same per buurt.
    pub by_buurt: Vec<BuurtParticipation>,
    /// Responses kept for the analysis, by how they came in.
    pub channels: Vec<ChannelCount>,
    /// Where those who started but did not submit stopped, in the flow's order.
    pub dropoff: Vec<Dropoff>,
}

/// One buurt's participation.
#[derive(Debug, Clone, Serialize)]
pub struct BuurtParticipation {
    /// The buurt code.
    pub buurt: String,
    /// Households invited.
    pub invited: i64,
    /// Households that started.
    pub started: i64,
    /// Households that submitted.
    pub submitted: i64,
    /// Submitted of invited.
    pub response_rate: f64,
}

/// Responses by one channel.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelCount {
    /// The channel's code.
    pub channel: &'static str,
    /// Responses kept.
    pub responses: usize,
}

/// Households that stopped at one step.
#[derive(Debug, Clone, Serialize)]
pub struct Dropoff {
    /// The step.
    pub step: String,
    /// How many stopped there.
    pub stopped: i64,
    /// Of those who started.
    pub share_of_started: f64,
}

/// summary.representativeness: the assessment, or why there is none.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Representativeness {
    /// The responses could not be weighted.
    Problem {
        /// Why, in words.
        weighting_problem: String,
    },
    /// The responses were weighted and assessed.
    Assessed(Box<Assessed>),
}

/// The weights, the R-indicator and the verdict, per margin and overall.
#[derive(Debug, Clone, Serialize)]
pub struct Assessed {
    pub design_effect: f64,
    pub effective_n: f64,
    pub invited: f64,
    pub r_indicator: f64,
    pub r_indicator_adjusted: f64,
    pub r_indicator_se: Option<f64>,
    pub r_indicator_low: f64,
    pub r_indicator_high: f64,
    pub mean_propensity: f64,
    pub max_bias: f64,
    /// The maximal bias at the interval's lower end of R, which the verdict grades.
    pub max_bias_high: f64,
    /// The overall verdict's code.
    pub verdict: &'static str,
    /// What the verdicts were judged by.
    pub thresholds: Thresholds,
    pub weights: WeightFigures,
    /// Per margin variable.
    pub margins: BTreeMap<String, MarginFigures>,
}

/// The thresholds of the verdicts.
#[derive(Debug, Clone, Serialize)]
pub struct Thresholds {
    pub alpha: f64,
    pub small_difference: f64,
    pub large_bias: f64,
    pub large_weight: f64,
}

/// The spread of the raking weights.
#[derive(Debug, Clone, Serialize)]
pub struct WeightFigures {
    pub min: f64,
    pub max: f64,
    pub max_ratio: f64,
    /// Weights above the large-weight threshold.
    pub n_large: usize,
    /// `p5`, `p50`, ... to each percentile's weight.
    pub percentiles: BTreeMap<String, f64>,
}

/// One margin variable: its test, partial R-indicator, balance and verdict.
#[derive(Debug, Clone, Serialize)]
pub struct MarginFigures {
    pub chi_square: Option<f64>,
    pub df: Option<f64>,
    pub p_value: Option<f64>,
    pub partial_r: Option<f64>,
    pub max_asmd_before: f64,
    pub max_asmd_after: f64,
    /// Responses without an answer to the margin's question.
    pub missing: usize,
    pub missing_pct: f64,
    /// Whether only shares (no test) could be compared.
    pub shares_only: bool,
    /// The verdict's code.
    pub verdict: &'static str,
    pub categories: Vec<CategoryFigures>,
}

/// One category of a margin.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryFigures {
    pub category: String,
    pub n: usize,
    pub sample_pct: f64,
    pub weighted_pct: f64,
    pub population_pct: f64,
    pub asmd_before: f64,
    pub partial_r: Option<f64>,
}

/// One option's share; suppressed unless at least ten chose it and ten did not.
#[derive(Debug, Clone, Serialize)]
pub struct OptionShare {
    /// Households that chose it.
    pub chosen: Option<usize>,
    pub share: Option<f64>,
    pub weighted_share: Option<f64>,
    /// The Korn–Graubard 95% interval of the weighted share.
    pub kg_95: Option<[f64; 2]>,
}

/// The share that chose any option of an exclusive group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupShare {
    /// The group's option ids.
    pub options: Vec<String>,
    pub chosen: Option<usize>,
    pub weighted_share: Option<f64>,
    pub kg_95: Option<[f64; 2]>,
}

/// Every option's weighted share in one group of households.
#[derive(Debug, Clone, Serialize)]
pub struct GroupShares {
    /// The group's size, when any of its shares is published.
    pub n: Option<usize>,
    /// Per option id.
    pub weighted_shares: BTreeMap<String, Option<f64>>,
}

/// Weighted means of what households spent.
#[derive(Debug, Clone, Serialize)]
pub struct Spend {
    /// Whether the means are weighted (raking was possible).
    pub weighted: bool,
    pub mean_cost: f64,
    pub mean_share_of_budget: f64,
    pub share_tax_up: f64,
    pub share_tax_down: f64,
    /// Per effect id.
    pub mean_effects: BTreeMap<String, f64>,
}

/// A portfolio and how many chose it.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioCount {
    /// The portfolio in words ([`crate::portfolio::describe`]).
    pub portfolio: String,
    pub n: usize,
    pub share: f64,
}

/// One evaluation statement or grade.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationItem {
    /// `likert5` or `grade`.
    pub kind: &'static str,
    pub research_question: Option<String>,
    /// The ACTIE theme's name.
    pub theme: Option<&'static str>,
    /// Answers.
    pub n: usize,
    pub mean: Option<f64>,
    pub weighted_mean: Option<f64>,
    /// Per scale value (as text) its weighted share.
    pub weighted_distribution: BTreeMap<String, Option<f64>>,
    /// Per buurt code.
    pub weighted_mean_by_buurt: BTreeMap<String, Option<f64>>,
}

/// summary.arguments: themes, words and quotes per option and stance.
#[derive(Debug, Clone, Serialize)]
pub struct Arguments {
    pub n_motivations: usize,
    pub n_with_text: usize,
    pub n_coded_by_hand: usize,
    pub themes: Vec<ThemeName>,
    /// The weighted share of motivations no theme matched.
    pub unmatched_share: Option<f64>,
    /// Per option, pro then contra.
    pub cells: Vec<ArgumentCell>,
    /// Cohen's kappa of every pair of coders and of each coder with the codebook.
    pub agreement: Vec<Agreement>,
}

/// A theme of the codebook.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeName {
    pub id: String,
    pub nl: String,
    pub en: String,
}

/// The motivations of one option and stance; under
/// [`MIN_GROUP`](crate::figures::MIN_GROUP) only their count.
#[derive(Debug, Clone, Serialize)]
pub struct ArgumentCell {
    pub option: String,
    /// `pro` or `contra`.
    pub stance: &'static str,
    pub n: usize,
    pub themes: Vec<ThemeCount>,
    pub unmatched_share: Option<f64>,
    /// Redacted quotes.
    pub quotes: Vec<String>,
    pub distinctive_words: Vec<DistinctiveWord>,
}

/// How often a theme was given in a cell: published (`count`, the weighted
/// share) only when at least [`MIN_GROUP`](pwe_core::disclosure::MIN_GROUP)
/// gave it and as many did not.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub theme: String,
    /// The count and weighted share for the researcher's table (the share
    /// in cells of at least `MIN_GROUP` motivations), never published.
    #[serde(skip)]
    pub households: usize,
    #[serde(skip)]
    pub share_of_cell: Option<f64>,
    pub count: Option<usize>,
    pub weighted_share: Option<f64>,
}

/// A word used more in a cell than elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct DistinctiveWord {
    pub word: String,
    pub z: f64,
}

/// Agreement of two coders (or a coder and the codebook).
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub a: String,
    pub b: String,
    /// Motivations both coded.
    pub n: usize,
    pub kappa_mean: Option<f64>,
    /// Per theme id.
    pub kappa: BTreeMap<String, Option<f64>>,
}
