//! One analysis batch, as `pwe analyze` runs it: an export folder in; the
//! tables, summary.json, model.json, report.html and participation-report.html
//! out. The command resolves its files and calls [`run`]; tests call it too.

use std::path::{Path, PathBuf};

use pwe_core::Survey;
use pwe_core::council::CouncilResponse;
use pwe_core::population::Population;
use pwe_core::weighting::Margin;

use crate::arguments::codebook::Codebook;
use crate::arguments::coding::{self, Codes, SheetError};
use crate::arguments::{known_ids, summarise};
use crate::figures::{self, AnalyzeError, analyze, write};
use crate::load::{LoadError, Responses, is_simulated, load, participation};
use crate::model::ModelError;
use crate::model::report::estimate;
use crate::model::spec::ModelSpec;
use crate::report::{ReportError, render, render_participation};

/// What a batch works with, besides the export folder.
pub struct Batch<'a> {
    /// The survey the responses answer.
    pub survey: &'a Survey,
    /// The population, for the buurt names.
    pub population: &'a Population,
    /// Its margins, to weight to.
    pub margins: &'a [Margin],
    /// The choice model to estimate, or none.
    pub spec: Option<&'a ModelSpec>,
    /// The codebook of value themes, when the arguments are coded.
    pub codebook: Option<&'a Codebook>,
    /// The coded sheets (`pwe arguments sheet`, filled in by coders).
    pub codings: &'a [PathBuf],
    /// The council's answer, for the participation report.
    pub council: Option<&'a CouncilResponse>,
    /// The seed of every step that draws.
    pub seed: u64,
}

/// What a batch wrote.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// Responses analysed.
    pub responses: usize,
    /// Responses left out because they break a rule of their version.
    pub excluded: usize,
    /// Tables written (each as CSV and Parquet, and published).
    pub tables: usize,
}

/// Why a batch stopped; nothing it wrote before is removed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The export cannot be read.
    #[error("reading the responses: {0}")]
    Load(#[from] LoadError),
    /// The figures cannot be computed.
    #[error(transparent)]
    Figures(#[from] AnalyzeError),
    /// The model's spec does not fit the data.
    #[error("the choice model: {0}")]
    Model(#[from] ModelError),
    /// Coded sheets without a codebook to read them by.
    #[error("--coding needs a codebook (--codebook, or <survey>.codebook.toml)")]
    CodingWithoutCodebook,
    /// A coded sheet is wrong.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// A file could not be read or written.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The report cannot be drawn.
    #[error(transparent)]
    Report(#[from] ReportError),
}

fn file_error(path: &Path, reason: impl ToString) -> BatchError {
    BatchError::File {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Analyses the export in `export` into `out`, telling `step` what it does
/// before each step (seven in all).
///
/// # Errors
/// [`BatchError`], naming the file or step at fault.
pub fn run(
    batch: &Batch<'_>,
    export: &Path,
    out: &Path,
    mut step: impl FnMut(&str),
) -> Result<Written, BatchError> {
    let survey = batch.survey;
    step("reading the responses");
    let responses = load(export, survey)?;
    let participation = participation(export)?;
    step("weighting and computing the figures");
    let mut analysis = analyze(
        survey,
        &responses,
        &participation,
        batch.margins,
        batch.seed,
    )?;
    figures::add_buurt_names(&mut analysis, batch.population);
    analysis.summary.simulated = Some(is_simulated(export));
    if let Some(spec) = batch.spec {
        step("estimating the choice model");
        let model = estimate(
            survey,
            &responses,
            spec,
            analysis.weights.as_deref(),
            batch.seed,
        )?;
        let path = out.join("model.json");
        let text =
            serde_json::to_string_pretty(&model.to_json()).map_err(|e| file_error(&path, e))?;
        std::fs::write(&path, text + "\n").map_err(|e| file_error(&path, e))?;
        figures::add_model(&mut analysis, &model);
    }
    match batch.codebook {
        Some(codebook) => {
            step("coding the arguments");
            let codes = read_codings(batch.codings, codebook, survey, &responses)?;
            let weights = analysis
                .weights
                .clone()
                .unwrap_or_else(|| vec![1.0; responses.ids.len()]);
            let arguments = summarise(survey, &responses, &weights, codebook, &codes, batch.seed);
            figures::add_arguments(&mut analysis, arguments).map_err(AnalyzeError::from)?;
        }
        None if !batch.codings.is_empty() => return Err(BatchError::CodingWithoutCodebook),
        None => {}
    }
    step("writing the tables");
    write(&analysis, out).map_err(|e| file_error(out, e))?;
    step("drawing the reports");
    let report = out.join("report.html");
    let summary = analysis.summary.to_json();
    std::fs::write(&report, render(survey, &summary)?).map_err(|e| file_error(&report, e))?;
    let accountability = out.join("participation-report.html");
    let html = render_participation(survey, &summary, batch.council)?;
    std::fs::write(&accountability, html).map_err(|e| file_error(&accountability, e))?;
    Ok(Written {
        responses: responses.ids.len(),
        excluded: responses.excluded.len(),
        tables: analysis.tables.len(),
    })
}

/// Every coded sheet's codes, checked against the codebook and the responses.
///
/// # Errors
/// A sheet that cannot be read or has a wrong line.
pub fn read_codings(
    paths: &[PathBuf],
    codebook: &Codebook,
    survey: &Survey,
    responses: &Responses,
) -> Result<Codes, BatchError> {
    let mut codes = Codes::new();
    if paths.is_empty() {
        return Ok(codes);
    }
    let known = known_ids(responses, survey);
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| file_error(path, e))?;
        coding::read(
            &text,
            &path.display().to_string(),
            codebook,
            &known,
            &mut codes,
        )?;
    }
    Ok(codes)
}
