//! Reading an export folder (docs/export-format.md) through polars into
//! checked responses; every problem names the file, line and column.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::polars::*;
use pwe_core::channel::Channel;
use pwe_core::export::{ExportFile, Stance, stopped_column};
use pwe_core::spreadsheet::restore;
use pwe_core::{ChoiceTask, Survey};

/// An export folder that cannot be analysed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A file of the export is missing.
    #[error("{file}: missing from the export folder")]
    MissingFile {
        /// The file.
        file: String,
    },
    /// A column is missing.
    #[error("{file}: the column {column} is missing")]
    MissingColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// A value cannot be used.
    #[error("{file}:{line}: column {column}: {reason}")]
    BadValue {
        /// The file.
        file: String,
        /// The line (the header is line 1).
        line: usize,
        /// The column.
        column: String,
        /// What is wrong.
        reason: String,
    },
    /// polars could not read the file.
    #[error("{file}: {reason}")]
    Unreadable {
        /// The file.
        file: String,
        /// What polars said.
        reason: String,
    },
}

/// The checked responses of an export, in the order of responses.csv.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Responses {
    /// Every response id.
    pub ids: Vec<String>,
    /// The index of each response's version.
    pub version_idx: Vec<usize>,
    /// Each response's buurt.
    pub buurt: Vec<String>,
    /// How each response came in (online when the export has no channel
    /// column: exports made before paper and assisted answers existed).
    pub channel: Vec<Channel>,
    /// `background[question_idx][response]`: the answer cell, if any. A
    /// question has few distinct answers, so their text is shared.
    pub background: Vec<Vec<Option<Arc<str>>>>,
    /// `levels[response][option_idx]`.
    pub levels: Vec<Vec<u8>>,
    /// `evaluation[item_idx][response]`: the answer cell, if any, shared text.
    pub evaluation: Vec<Vec<Option<Arc<str>>>>,
    /// Responses left out, with why: (response id, reason).
    pub excluded: Vec<(String, String)>,
    /// The motivations of the kept responses, in the order of motivations.csv.
    pub motivations: Vec<Motivation>,
}

/// One row of participation.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct BuurtParticipation {
    /// The buurt.
    pub buurt: String,
    /// Households invited.
    pub invited: i64,
    /// Households that started.
    pub started: i64,
    /// Households that submitted.
    pub submitted: i64,
    /// Households that started but did not submit, by the furthest step saved.
    pub stopped_at: Vec<(String, i64)>,
}

/// One motivation of a kept response.
#[derive(Debug, Clone, PartialEq)]
pub struct Motivation {
    /// The index of the response in [`Responses`].
    pub response: usize,
    /// The option it is about.
    pub option_idx: usize,
    /// Whether the option was chosen (pro) or not (contra).
    pub pro: bool,
    /// The text, when the export holds free text.
    pub text: Option<String>,
}

/// A CSV file of the export as text columns.
struct Table {
    file: String,
    frame: DataFrame,
}

impl Table {
    fn read(dir: &Path, name: &str) -> Result<Table, LoadError> {
        let path = dir.join(name);
        let file = path.display().to_string();
        if !path.exists() {
            return Err(LoadError::MissingFile { file });
        }
        let unreadable = |e: PolarsError| LoadError::Unreadable {
            file: file.clone(),
            reason: e.to_string(),
        };
        // Every column is read as text (no schema inference), and checked here.
        let frame = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .try_into_reader_with_file_path(Some(path))
            .and_then(|reader| reader.finish())
            .map_err(unreadable)?;
        Ok(Table { file, frame })
    }

    fn column(&self, name: &str) -> Result<Vec<Option<&str>>, LoadError> {
        let missing = || LoadError::MissingColumn {
            file: self.file.clone(),
            column: name.to_string(),
        };
        let column = self.frame.column(name).map_err(|_| missing())?;
        let text = column.str().map_err(|_| missing())?;
        Ok(text.iter().collect())
    }

    /// The index of the response `id` of `row`, which responses.csv must hold.
    fn response(
        &self,
        row: usize,
        id: &str,
        index: &mut ResponseIndex,
    ) -> Result<usize, LoadError> {
        index.find(id).ok_or_else(|| {
            self.bad(
                row,
                "response_id",
                format!("response {id} is not in responses.csv"),
            )
        })
    }

    /// The index of the survey's option `option` of `row`.
    fn option(&self, row: usize, option: &str, survey: &Survey) -> Result<usize, LoadError> {
        survey.option_idx(option).ok_or_else(|| {
            self.bad(
                row,
                "option_id",
                format!("\"{option}\" is not an option of the survey"),
            )
        })
    }

    fn bad(&self, row: usize, column: &str, reason: String) -> LoadError {
        // The file is read again only here, on the way to an error: a quoted
        // cell may hold line breaks, so a row's line is counted, not assumed.
        let line = std::fs::read(&self.file)
            .map(|bytes| record_line(&bytes, row + 1))
            .unwrap_or(row + 2);
        LoadError::BadValue {
            file: self.file.clone(),
            line,
            column: column.to_string(),
            reason,
        }
    }
}

/// The line (from 1) on which record `record` (0 is the header) of a CSV
/// file starts, counting line breaks inside quoted cells as the lines they are.
fn record_line(bytes: &[u8], record: usize) -> usize {
    let (mut line, mut records, mut quoted) = (1, 0, false);
    for &byte in bytes {
        if records == record {
            break;
        }
        match byte {
            b'"' => quoted = !quoted,
            b'\n' => {
                line += 1;
                if !quoted {
                    records += 1;
                }
            }
            _ => {}
        }
    }
    line
}

/// One shared copy of every distinct answer text.
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>>);

impl Interner {
    /// The shared text of a cell (free text as written, see
    /// [`pwe_core::spreadsheet`]); nothing for an empty cell.
    fn get(&mut self, cell: Option<&str>) -> Option<Arc<str>> {
        let text = restore(cell.filter(|t| !t.is_empty())?);
        if let Some(shared) = self.0.get(text) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = text.into();
        self.0.insert(text.to_string(), Arc::clone(&shared));
        Some(shared)
    }
}

/// Finds a response by id. The export lists the rows of every file in the
/// order of the response ids, so the response of a row is nearly always the one
/// of the row before or the next: those are tried before the hash map.
struct ResponseIndex {
    ids: Vec<String>,
    by_id: HashMap<String, usize>,
    last: usize,
}

impl ResponseIndex {
    fn find(&mut self, id: &str) -> Option<usize> {
        let at = [self.last, self.last + 1]
            .into_iter()
            .find(|&at| self.ids.get(at).is_some_and(|known| known == id))
            .or_else(|| self.by_id.get(id).copied())?;
        self.last = at;
        Some(at)
    }
}

/// The file beside a simulated export ([`pwe_core::export::SIMULATED_FILE`]);
/// the analysis then marks every output as simulated.
pub const SIMULATED_MARKER: &str = pwe_core::export::SIMULATED_FILE;

/// Whether the export in `dir` was made by `pwe simulate`.
pub fn is_simulated(dir: &Path) -> bool {
    dir.join(SIMULATED_MARKER).exists()
}

/// Reads and checks the export in `dir` against `survey`. Responses whose
/// portfolio breaks a rule of their version are left out and listed in
/// [`Responses::excluded`], never used silently.
///
/// Each file is read in its own function, so that its table and columns are
/// freed before the next file is read.
///
/// # Errors
/// A missing file or column, an unknown version, option or question, a level
/// that is not a whole number, a choice of a response that does not exist.
pub fn load(dir: &Path, survey: &Survey) -> Result<Responses, LoadError> {
    let mut texts = Interner::default();
    let (mut responses, mut index) = read_responses(dir, survey, &mut texts)?;
    responses.levels = read_choices(dir, survey, &mut index)?;
    responses.evaluation = read_evaluation(dir, survey, &mut index, &mut texts)?;
    responses.motivations = read_motivations(dir, survey, &mut index, &responses.levels)?;
    responses.ids = index.ids;
    Ok(exclude_violations(responses, survey))
}

/// responses.csv: the responses with their background answers, and the index
/// that finds them by id (which holds their ids until every file is read).
fn read_responses(
    dir: &Path,
    survey: &Survey,
    texts: &mut Interner,
) -> Result<(Responses, ResponseIndex), LoadError> {
    let table = Table::read(dir, ExportFile::Responses.name())?;
    let ids = table.column("response_id")?;
    let versions = table.column("version")?;
    let buurten = table.column("buurt")?;
    let mut responses = Responses::default();
    let mut index = ResponseIndex {
        ids: Vec::with_capacity(ids.len()),
        by_id: HashMap::with_capacity(ids.len()),
        last: 0,
    };
    for (row, ((id, version), buurt)) in ids.iter().zip(&versions).zip(&buurten).enumerate() {
        let id = id.ok_or_else(|| table.bad(row, "response_id", "empty".into()))?;
        let version = version.unwrap_or_default();
        let version_idx = survey.versions().iter().position(|v| v.id == version).ok_or_else(|| {
            table.bad(row, "version", format!("\"{version}\" is not a version of survey {}; was the export made for another survey?", survey.meta().id))
        })?;
        if index.by_id.insert(id.to_string(), row).is_some() {
            return Err(table.bad(row, "response_id", format!("{id} appears twice")));
        }
        index.ids.push(id.to_string());
        responses.version_idx.push(version_idx);
        responses.buurt.push(buurt.unwrap_or_default().to_string());
    }
    responses.channel = match table.frame.column("channel") {
        Err(_) => vec![Channel::Online; index.ids.len()],
        Ok(_) => table
            .column("channel")?
            .iter()
            .enumerate()
            .map(|(row, word)| {
                let word = word.unwrap_or_default();
                Channel::parse(word).ok_or_else(|| {
                    table.bad(
                        row,
                        "channel",
                        format!("\"{word}\" is not a channel; expected online, paper or assisted"),
                    )
                })
            })
            .collect::<Result<_, _>>()?,
    };
    for question in survey.background() {
        let column = table.column(&question.id)?;
        responses
            .background
            .push(column.iter().map(|v| texts.get(*v)).collect());
    }
    Ok((responses, index))
}

/// choices.csv: `levels[response][option_idx]`.
fn read_choices(
    dir: &Path,
    survey: &Survey,
    index: &mut ResponseIndex,
) -> Result<Vec<Vec<u8>>, LoadError> {
    let choices = Table::read(dir, ExportFile::Choices.name())?;
    let (ids, options, levels) = (
        choices.column("response_id")?,
        choices.column("option_id")?,
        choices.column("level")?,
    );
    let mut out = vec![vec![0; survey.options().len()]; index.ids.len()];
    for (row, ((id, option), level)) in ids.iter().zip(&options).zip(&levels).enumerate() {
        let id = id.unwrap_or_default();
        let response = choices.response(row, id, index)?;
        let option = option.unwrap_or_default();
        let option_idx = choices.option(row, option, survey)?;
        let level = level.unwrap_or_default();
        out[response][option_idx] = level
            .parse::<u8>()
            .ok()
            .filter(|l| *l <= survey.options()[option_idx].max_level())
            .ok_or_else(|| {
                choices.bad(
                    row,
                    "level",
                    format!("\"{level}\" is not a level of {option}"),
                )
            })?;
    }
    Ok(out)
}

/// evaluation.csv: `evaluation[item_idx][response]`.
fn read_evaluation(
    dir: &Path,
    survey: &Survey,
    index: &mut ResponseIndex,
    texts: &mut Interner,
) -> Result<Vec<Vec<Option<Arc<str>>>>, LoadError> {
    let evaluation = Table::read(dir, ExportFile::Evaluation.name())?;
    let (ids, items, values) = (
        evaluation.column("response_id")?,
        evaluation.column("item_id")?,
        evaluation.column("value")?,
    );
    let mut out = vec![vec![None; index.ids.len()]; survey.evaluation().len()];
    for (row, ((id, item), value)) in ids.iter().zip(&items).zip(&values).enumerate() {
        let id = id.unwrap_or_default();
        let response = evaluation.response(row, id, index)?;
        let item = item.unwrap_or_default();
        let item_idx = survey
            .evaluation()
            .iter()
            .position(|q| q.id == item)
            .ok_or_else(|| {
                evaluation.bad(
                    row,
                    "item_id",
                    format!("\"{item}\" is not an evaluation question of the survey"),
                )
            })?;
        out[item_idx][response] = texts.get(*value);
    }
    Ok(out)
}

/// motivations.csv, each checked against the choice it is about.
fn read_motivations(
    dir: &Path,
    survey: &Survey,
    index: &mut ResponseIndex,
    levels: &[Vec<u8>],
) -> Result<Vec<Motivation>, LoadError> {
    let motivations = Table::read(dir, ExportFile::Motivations.name())?;
    let (ids, options, stances, texts) = (
        motivations.column("response_id")?,
        motivations.column("option_id")?,
        motivations.column("stance")?,
        motivations.column("text")?,
    );
    let mut out = Vec::with_capacity(ids.len());
    for (row, (((id, option), stance), text)) in ids
        .iter()
        .zip(&options)
        .zip(&stances)
        .zip(&texts)
        .enumerate()
    {
        let id = id.unwrap_or_default();
        let response = motivations.response(row, id, index)?;
        let option = option.unwrap_or_default();
        let option_idx = motivations.option(row, option, survey)?;
        let word = stance.unwrap_or_default();
        let pro = match Stance::parse(word) {
            Some(stance) => stance == Stance::Pro,
            None => {
                return Err(motivations.bad(
                    row,
                    "stance",
                    format!("\"{word}\" is neither pro nor contra"),
                ));
            }
        };
        if pro != (levels[response][option_idx] > 0) {
            return Err(motivations.bad(
                row,
                "stance",
                format!(
                    "{} does not match choices.csv, where {option} is {}chosen by {id}",
                    stance.unwrap_or_default(),
                    if pro { "not " } else { "" }
                ),
            ));
        }
        out.push(Motivation {
            response,
            option_idx,
            pro,
            text: text
                .filter(|t| !t.is_empty())
                .map(|t| restore(t).to_string()),
        });
    }
    Ok(out)
}

/// Leaves out the responses whose portfolio breaks a rule of their version,
/// listing them in [`Responses::excluded`].
fn exclude_violations(mut responses: Responses, survey: &Survey) -> Responses {
    // Many households choose the same portfolio: each is checked once.
    let mut excluded = Vec::new();
    let mut keep = vec![true; responses.ids.len()];
    let mut checked: HashMap<(usize, &[u8]), Option<String>> = HashMap::new();
    for (response, kept) in keep.iter_mut().enumerate() {
        let version_idx = responses.version_idx[response];
        let levels = responses.levels[response].as_slice();
        let violation = checked.entry((version_idx, levels)).or_insert_with(|| {
            ChoiceTask::new(survey, &survey.versions()[version_idx])
                .broken_rule(levels.to_vec())
                .map(|broken| broken.message.en)
        });
        if let Some(message) = violation {
            *kept = false;
            excluded.push((responses.ids[response].clone(), message.clone()));
        }
    }
    drop(checked);
    responses.excluded = excluded;
    if keep.iter().any(|k| !k) {
        responses = retain(responses, &keep);
    }
    responses
}

/// The values whose `keep` is true.
fn pick<T>(values: Vec<T>, keep: &[bool]) -> Vec<T> {
    values
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v)
        .collect()
}

fn retain(mut r: Responses, keep: &[bool]) -> Responses {
    // Motivations point at responses by index: renumber them to the kept ones.
    let mut new_index = Vec::with_capacity(keep.len());
    let mut next = 0;
    for kept in keep {
        new_index.push(next);
        next += usize::from(*kept);
    }
    r.motivations = std::mem::take(&mut r.motivations)
        .into_iter()
        .filter(|m| keep[m.response])
        .map(|m| Motivation {
            response: new_index[m.response],
            ..m
        })
        .collect();
    r.ids = pick(r.ids, keep);
    r.buurt = pick(r.buurt, keep);
    r.channel = pick(r.channel, keep);
    r.version_idx = pick(r.version_idx, keep);
    r.levels = pick(r.levels, keep);
    for column in r.background.iter_mut().chain(r.evaluation.iter_mut()) {
        *column = pick(std::mem::take(column), keep);
    }
    r
}

/// Reads participation.csv.
///
/// # Errors
/// A missing file or column, or a count that is not a whole number.
pub fn participation(dir: &Path) -> Result<Vec<BuurtParticipation>, LoadError> {
    let table = Table::read(dir, ExportFile::Participation.name())?;
    let buurten = table.column("buurt")?;
    let number = |column: &str| -> Result<Vec<i64>, LoadError> {
        table
            .column(column)?
            .iter()
            .enumerate()
            .map(|(row, v)| {
                v.unwrap_or_default()
                    .parse::<i64>()
                    .map_err(|_| table.bad(row, column, "not a whole number".into()))
            })
            .collect()
    };
    let (invited, started, submitted) =
        (number("invited")?, number("started")?, number("submitted")?);
    let steps: Vec<String> = table
        .frame
        .get_column_names()
        .iter()
        .filter_map(|name| name.strip_prefix("stopped_at_").map(str::to_string))
        .collect();
    let stopped: Vec<Vec<i64>> = steps
        .iter()
        .map(|step| number(&stopped_column(step)))
        .collect::<Result<_, _>>()?;
    Ok(buurten
        .iter()
        .enumerate()
        .map(|(row, buurt)| BuurtParticipation {
            buurt: buurt.unwrap_or_default().to_string(),
            invited: invited[row],
            started: started[row],
            submitted: submitted[row],
            stopped_at: steps
                .iter()
                .zip(&stopped)
                .map(|(step, counts)| (step.clone(), counts[row]))
                .collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_s_line_counts_the_line_breaks_in_quoted_cells() {
        let csv = b"a,b\nr1,\"one\ntwo \"\"quoted\"\"\nthree\"\nr2,x\nr3,y\n";
        assert_eq!(record_line(csv, 0), 1);
        assert_eq!(record_line(csv, 1), 2);
        assert_eq!(record_line(csv, 2), 5);
        assert_eq!(record_line(csv, 3), 6);
    }
}
