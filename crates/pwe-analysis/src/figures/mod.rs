//! The figures of an analysis batch, as tables (polars data frames) and the
//! summary ([`crate::summary`]) that holds every figure the report shows.
//!
//! Each section is its own module that adds its tables and returns its part of
//! the summary; they share the responses and the raking weights through [`Context`].

mod evaluation;
mod participation;
mod representativeness;
mod shares;

use crate::polars::*;
use pwe_core::Survey;
use pwe_core::weighting::{Margin, Raking};

use crate::load::{BuurtParticipation, Responses};
use crate::model::report::ModelReport;
use crate::summary::{self, Summary};

pub use pwe_core::disclosure::MIN_GROUP;
use pwe_core::disclosure::Release;

/// A table of the analysis.
pub struct Table {
    /// The file name without extension.
    pub name: &'static str,
    /// The researcher's table (nothing suppressed).
    pub frame: DataFrame,
    /// The published table, with groups under [`MIN_GROUP`] suppressed, when it differs.
    pub published: Option<DataFrame>,
}

/// Everything an analysis batch computed.
pub struct Analysis {
    /// The tables.
    pub tables: Vec<Table>,
    /// Every figure of the report, with groups under [`MIN_GROUP`] suppressed
    /// (as `null`): the summary is meant to be published with the report.
    pub summary: Summary,
    /// The raking weights of the responses, when they could be weighted (the
    /// model and the arguments use the same ones).
    pub weights: Option<Vec<f64>>,
    /// The counts behind the published shares and the sums of evaluation
    /// answers per buurt, after complementary suppression: what [`audit`] checks.
    pub releases: Vec<Release>,
}

/// The disclosure audit of everything published about shares
/// ([`pwe_core::disclosure::audit`]): no suppressed count can be narrowed
/// below its protection range.
///
/// # Errors
/// The first exposed count, naming its table and cell, or an audit failure.
pub fn audit(analysis: &Analysis) -> Result<(), AnalyzeError> {
    for release in &analysis.releases {
        let exposed = pwe_core::disclosure::audit::audit(release)
            .map_err(|e| AnalyzeError::Disclosure(format!("disclosure audit: {e}")))?;
        if let Some(exposure) = exposed.first() {
            return Err(AnalyzeError::Disclosure(format!(
                "disclosure audit: {exposure} ({} cells exposed)",
                exposed.len()
            )));
        }
    }
    Ok(())
}

/// The tables as the sections add them.
#[derive(Default)]
pub(crate) struct Tables(Vec<Table>);

impl Tables {
    fn push(&mut self, name: &'static str, frame: DataFrame, published: Option<DataFrame>) {
        self.0.push(Table {
            name,
            frame,
            published,
        });
    }
}

/// Why the analysis could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalyzeError {
    /// There are no usable responses.
    #[error("the export has no usable responses")]
    NoResponses,
    /// A table could not be built.
    #[error("building a table: {0}")]
    Table(#[from] PolarsError),
    /// A published output would let a suppressed count be worked out (the
    /// message names the table and cell), or the disclosure audit failed.
    #[error("{0}")]
    Disclosure(String),
}

impl From<evaluation::EvaluationError> for AnalyzeError {
    fn from(error: evaluation::EvaluationError) -> Self {
        match error {
            evaluation::EvaluationError::Table(e) => AnalyzeError::Table(e),
            evaluation::EvaluationError::Disclosure(e) => {
                AnalyzeError::Disclosure(format!("disclosure control: {e}"))
            }
        }
    }
}

impl From<shares::SharesError> for AnalyzeError {
    fn from(error: shares::SharesError) -> Self {
        match error {
            shares::SharesError::Table(e) => AnalyzeError::Table(e),
            shares::SharesError::Disclosure(e) => {
                AnalyzeError::Disclosure(format!("disclosure control: {e}"))
            }
        }
    }
}

/// What every section reads: the survey, the responses and their weights.
pub(crate) struct Context<'a> {
    pub survey: &'a Survey,
    pub responses: &'a Responses,
    /// The raking, or why the responses could not be weighted.
    pub raking: Result<Raking, String>,
    /// The raking weights, or 1 for everyone when raking was impossible.
    pub weights: Vec<f64>,
}

impl Context<'_> {
    fn n(&self) -> usize {
        self.responses.ids.len()
    }

    fn chose(&self, response: usize, option_idx: usize) -> bool {
        self.responses.levels[response][option_idx] > 0
    }

    /// The share and weighted share of `members` for which `hit` holds.
    fn shares(&self, members: &[usize], hit: impl Fn(usize) -> bool) -> (f64, f64) {
        let total_w: f64 = members.iter().map(|&r| self.weights[r]).sum();
        let hits: Vec<usize> = members.iter().copied().filter(|&r| hit(r)).collect();
        let hit_w: f64 = hits.iter().map(|&r| self.weights[r]).sum();
        (
            round(hits.len() as f64 / members.len().max(1) as f64),
            round(hit_w / total_w),
        )
    }
}

/// Rounds to six decimals, so that outputs do not depend on the last bits of
/// a floating-point sum.
pub fn round(value: f64) -> f64 {
    // Adding zero turns the -0.0 of an empty float sum into 0.
    (value * 1e6).round() / 1e6 + 0.0
}

/// `value` when its group has at least [`MIN_GROUP`] members, else nothing.
pub(crate) fn publish(value: f64, group_size: usize) -> Option<f64> {
    (group_size >= MIN_GROUP).then_some(value)
}

/// The raking weights of the responses to `margins` (what the figures use).
///
/// # Errors
/// Why the responses cannot be weighted, in words.
pub fn weights(
    survey: &Survey,
    responses: &Responses,
    margins: &[Margin],
) -> Result<Vec<f64>, String> {
    representativeness::weigh(survey, responses, margins).map(|r| r.weights)
}

/// Computes every figure; `seed` is recorded for the steps that draw.
///
/// # Errors
/// No responses, or a table polars cannot build.
pub fn analyze(
    survey: &Survey,
    responses: &Responses,
    participation: &[BuurtParticipation],
    margins: &[Margin],
    seed: u64,
) -> Result<Analysis, AnalyzeError> {
    let n = responses.ids.len();
    if n == 0 {
        return Err(AnalyzeError::NoResponses);
    }
    let raking = representativeness::weigh(survey, responses, margins);
    let weights = match &raking {
        Ok(raking) => raking.weights.clone(),
        Err(_) => vec![1.0; n],
    };
    let context = Context {
        survey,
        responses,
        raking,
        weights,
    };
    let mut tables = Tables::default();
    let turnout = participation::add(&mut tables, participation, &responses.channel)?;
    let representativeness =
        representativeness::add(&mut tables, &context, margins, participation)?;
    let shares = shares::add(&mut tables, &context)?;
    let ((evaluation, research_questions), evaluation_release) =
        evaluation::add(&mut tables, &context)?;
    let summary = Summary {
        survey: survey.meta().id.clone(),
        seed,
        min_group: MIN_GROUP,
        n_responses: n,
        n_excluded: responses.excluded.len(),
        excluded: responses
            .excluded
            .iter()
            .map(|(id, why)| summary::Excluded {
                response_id: id.clone(),
                reason: why.clone(),
            })
            .collect(),
        participation: turnout,
        representativeness,
        option_shares: shares.options,
        group_shares: shares.groups,
        shares_by_buurt: shares.by_buurt,
        shares_by_group: shares.by_group,
        spend: shares.spend,
        portfolios: shares.portfolios,
        evaluation,
        research_questions,
        buurt_names: None,
        simulated: None,
        model: None,
        arguments: None,
    };
    let weights = context.raking.is_ok().then(|| context.weights.clone());
    let analysis = Analysis {
        tables: tables.0,
        summary,
        weights,
        releases: vec![shares.release, evaluation_release],
    };
    audit(&analysis)?;
    Ok(analysis)
}

/// Adds `summary.buurt_names`: each buurt's name from the population file, or
/// its code where the file has no name, so that the report shows names.
pub fn add_buurt_names(analysis: &mut Analysis, population: &pwe_core::population::Population) {
    analysis.summary.buurt_names = Some(population.names());
}

/// Writes every table as CSV and Parquet (researcher tables, and `published/`
/// with small groups suppressed) and the summary as JSON.
///
/// Text cells of the CSV files are written safe to open in a spreadsheet
/// ([`pwe_core::spreadsheet`]); the Parquet files keep them as they are.
///
/// # Errors
/// A file that cannot be written, naming it.
pub fn write(analysis: &Analysis, dir: &std::path::Path) -> Result<(), String> {
    let published_dir = dir.join("published");
    std::fs::create_dir_all(&published_dir)
        .map_err(|e| format!("{}: {e}", published_dir.display()))?;
    for table in &analysis.tables {
        let published = table.published.as_ref().unwrap_or(&table.frame);
        for (folder, frame) in [(dir, &table.frame), (published_dir.as_path(), published)] {
            let mut frame = frame.clone();
            let csv_path = folder.join(format!("{}.csv", table.name));
            let mut file = std::fs::File::create(&csv_path)
                .map_err(|e| format!("{}: {e}", csv_path.display()))?;
            CsvWriter::new(&mut file)
                .finish(&mut spreadsheet_safe(&frame))
                .map_err(|e| format!("{}: {e}", csv_path.display()))?;
            let parquet_path = folder.join(format!("{}.parquet", table.name));
            let file = std::fs::File::create(&parquet_path)
                .map_err(|e| format!("{}: {e}", parquet_path.display()))?;
            ParquetWriter::new(file)
                .finish(&mut frame)
                .map_err(|e| format!("{}: {e}", parquet_path.display()))?;
        }
    }
    let summary =
        serde_json::to_string_pretty(&analysis.summary.to_json()).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("summary.json"), summary + "\n")
        .map_err(|e| format!("{}: {e}", dir.join("summary.json").display()))
}

/// Adds the choice model (see [`crate::model`]) to the summary as `model`,
/// with the class membership of groups under [`MIN_GROUP`] suppressed.
pub fn add_model(analysis: &mut Analysis, model: &ModelReport) {
    analysis.summary.model = Some(model.published());
}

/// Adds the arguments (see [`crate::arguments::summarise`]) to the summary as
/// `arguments`, and their themes per option and stance as the table `arguments`.
///
/// # Errors
/// A table polars cannot build.
pub fn add_arguments(analysis: &mut Analysis, arguments: summary::Arguments) -> PolarsResult<()> {
    let (mut option, mut stance, mut theme, mut n) = (vec![], vec![], vec![], vec![]);
    let (mut count, mut shown, mut share, mut shown_share) = (vec![], vec![], vec![], vec![]);
    for cell in &arguments.cells {
        for row in &cell.themes {
            option.push(cell.option.clone());
            stance.push(cell.stance);
            theme.push(row.theme.clone());
            n.push(cell.n as u32);
            count.push(row.households as u32);
            shown.push(row.count.map(|c| c as u32));
            share.push(row.share_of_cell);
            shown_share.push(row.weighted_share);
        }
    }
    // A theme's count is published under the primary rule: the themes of a
    // motivation are several at once, so no sum ties them to each other.
    let published = df!("option_id" => option.clone(), "stance" => stance.clone(), "theme" => theme.clone(), "n" => n.clone(), "count" => shown, "weighted_share" => shown_share)?;
    let frame = df!("option_id" => option, "stance" => stance, "theme" => theme, "n" => n, "count" => count, "weighted_share" => share)?;
    analysis.tables.push(Table {
        name: "arguments",
        frame,
        published: Some(published),
    });
    analysis.summary.arguments = Some(arguments);
    Ok(())
}

/// `frame` with every text cell that a spreadsheet would run quoted.
fn spreadsheet_safe(frame: &DataFrame) -> DataFrame {
    let columns = frame
        .columns()
        .iter()
        .map(|column| match column.str() {
            Ok(text) => text
                .apply_values(pwe_core::spreadsheet::neutralise)
                .into_column(),
            Err(_) => column.clone(),
        })
        .collect();
    DataFrame::new(frame.height(), columns).unwrap_or_else(|_| frame.clone())
}
