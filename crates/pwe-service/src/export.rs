//! The export: the input of the analysis, and a contract (docs/export-format.md).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use pwe_core::Survey;
use pwe_core::export::{ExportFile, SIMULATED_FILE, SIMULATED_NOTE};
use pwe_core::spreadsheet::neutralise;

use crate::store::{BuurtProgress, ExportRows, STEPS, Store, StoreError};

/// The names of an export's files, in the order they are written
/// (`pwe_core::export::ExportFile`).
pub const FILES: [&str; 6] = [
    ExportFile::Responses.name(),
    ExportFile::Choices.name(),
    ExportFile::Motivations.name(),
    ExportFile::Evaluation.name(),
    ExportFile::Followup.name(),
    ExportFile::Participation.name(),
];

/// What an export includes beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Motivations' text and free-text answers (left out by default).
    pub include_free_text: bool,
    /// Responses of test households (left out by default).
    pub include_test: bool,
}

/// Every export file with its content, from the database.
///
/// # Errors
/// A database error.
pub async fn export(
    store: &Store,
    survey: &Survey,
    options: ExportOptions,
) -> Result<Vec<(&'static str, String)>, StoreError> {
    let rows = store.export_rows(options.include_test).await?;
    let progress = store.progress().await?;
    let mut files = files(survey, &rows, &progress, options);
    if store.is_simulated().await? {
        files.push((SIMULATED_FILE, SIMULATED_NOTE.to_string()));
    }
    Ok(files)
}

/// Writes the export files row by row, so that an export of any size never
/// sits in memory as text; [`files`] (the database) and `pwe simulate` both
/// write through it, so both give exactly the same format.
///
/// The free-text rules live here: motivations' text and free-text answers are
/// left empty (or out) unless [`ExportOptions::include_free_text`]. Rows must
/// come in the contract's order: by response id, then by the second column.
pub struct ExportWriter<W: Write> {
    options: ExportOptions,
    responses: csv::Writer<W>,
    choices: csv::Writer<W>,
    motivations: csv::Writer<W>,
    evaluation: csv::Writer<W>,
    followup: csv::Writer<W>,
    participation: csv::Writer<W>,
}

impl<W: Write> ExportWriter<W> {
    /// Opens every file of [`FILES`] with `open` and writes its header.
    ///
    /// # Errors
    /// A file that cannot be opened or written.
    pub fn new(
        survey: &Survey,
        options: ExportOptions,
        mut open: impl FnMut(&'static str) -> io::Result<W>,
    ) -> io::Result<Self> {
        let mut file = |file: ExportFile| -> io::Result<csv::Writer<W>> {
            let mut writer = csv::Writer::from_writer(open(file.name())?);
            let mut header = file.columns();
            if file == ExportFile::Responses {
                header.extend(survey.background().iter().map(|q| q.id.clone()));
            }
            writer.write_record(&header)?;
            Ok(writer)
        };
        Ok(ExportWriter {
            options,
            responses: file(ExportFile::Responses)?,
            choices: file(ExportFile::Choices)?,
            motivations: file(ExportFile::Motivations)?,
            evaluation: file(ExportFile::Evaluation)?,
            followup: file(ExportFile::Followup)?,
            participation: file(ExportFile::Participation)?,
        })
    }

    /// The value as exported: free text only when asked for, and then safe to
    /// open in a spreadsheet (see [`pwe_core::spreadsheet`]); nothing for none.
    fn keep<'a>(&self, value: Option<&'a str>, is_text: bool) -> Cow<'a, str> {
        match value {
            Some(value) if !is_text => Cow::Borrowed(value),
            Some(value) if self.options.include_free_text => neutralise(value),
            _ => Cow::Borrowed(""),
        }
    }

    /// A row of responses.csv: id, version, buurt, started, submitted and channel, then
    /// the answer (and whether it is free text) to every background question in
    /// the survey's order.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn response<'a>(
        &mut self,
        fields: [&str; 6],
        background: impl IntoIterator<Item = (Option<&'a str>, bool)>,
    ) -> io::Result<()> {
        let mut row: Vec<Cow<str>> = fields.into_iter().map(Cow::Borrowed).collect();
        row.extend(
            background
                .into_iter()
                .map(|(value, is_text)| self.keep(value, is_text)),
        );
        Ok(self
            .responses
            .write_record(row.iter().map(|cell| cell.as_bytes()))?)
    }

    /// Every row of one response as the store keeps it (see
    /// [`crate::submission::rows`]), in the order the database export writes
    /// them: motivations by option, answers by question.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn submission(
        &mut self,
        survey: &Survey,
        response: &crate::store::NewResponse,
    ) -> io::Result<()> {
        let id = response.response_id.as_str();
        let answer = |section: &str, question: &str| {
            response
                .answers
                .iter()
                .find(|(s, q, _, _)| s == section && q == question)
                .map_or((None, false), |(_, _, value, is_text)| {
                    (Some(value.as_str()), *is_text)
                })
        };
        self.response(
            [
                id,
                &response.version,
                &response.buurt,
                &response.started_at,
                &response.submitted_at,
                response.channel.code(),
            ],
            survey
                .background()
                .iter()
                .map(|q| answer("background", &q.id)),
        )?;
        let mut choices: Vec<&(String, i64, i64)> = response.choices.iter().collect();
        choices.sort_by_key(|(_, _, position)| *position);
        for (option, level, position) in choices {
            self.choice(id, option, *level, *position)?;
        }
        let mut motivations: Vec<&(String, String, String)> = response.motivations.iter().collect();
        motivations.sort();
        for (option, stance, text) in motivations {
            self.motivation(id, option, stance, Some(text))?;
        }
        let mut answers: Vec<&(String, String, String, bool)> = response.answers.iter().collect();
        answers.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        for (section, question, value, is_text) in answers {
            self.answer(id, section, question, Some(value), *is_text)?;
        }
        Ok(())
    }

    /// A row of choices.csv.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn choice(
        &mut self,
        response_id: &str,
        option_id: &str,
        level: i64,
        position: i64,
    ) -> io::Result<()> {
        let (level, position) = (level.to_string(), position.to_string());
        Ok(self
            .choices
            .write_record([response_id, option_id, &level, &position])?)
    }

    /// A row of motivations.csv; the text only with free text.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn motivation(
        &mut self,
        response_id: &str,
        option_id: &str,
        stance: &str,
        text: Option<&str>,
    ) -> io::Result<()> {
        let text = self.keep(text, true);
        Ok(self
            .motivations
            .write_record([response_id, option_id, stance, &text])?)
    }

    /// An answer of the `evaluation` or `followup` section (background answers
    /// belong in [`Self::response`] and are skipped here); free-text answers
    /// only with free text.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn answer(
        &mut self,
        response_id: &str,
        section: &str,
        item_id: &str,
        value: Option<&str>,
        is_text: bool,
    ) -> io::Result<()> {
        if is_text && !self.options.include_free_text {
            return Ok(());
        }
        let value = self.keep(value, is_text);
        let writer = match section {
            "evaluation" => &mut self.evaluation,
            "followup" => &mut self.followup,
            _ => return Ok(()),
        };
        Ok(writer.write_record([response_id, item_id, &value])?)
    }

    /// The rows of participation.csv.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn participation(&mut self, progress: &[BuurtProgress]) -> io::Result<()> {
        for p in progress {
            let mut row = vec![
                p.buurt.clone(),
                p.invited.to_string(),
                p.started.to_string(),
                p.submitted.to_string(),
            ];
            row.extend(STEPS.iter().map(|step| {
                p.stopped_at
                    .iter()
                    .find(|(s, _)| s == step)
                    .map_or(0, |(_, n)| *n)
                    .to_string()
            }));
            self.participation.write_record(&row)?;
        }
        Ok(())
    }

    /// Flushes every file and gives them back, in the order of [`FILES`].
    ///
    /// # Errors
    /// A file that cannot be written.
    pub fn finish(self) -> io::Result<[W; 6]> {
        let inner = |writer: csv::Writer<W>| writer.into_inner().map_err(|e| e.into_error());
        Ok([
            inner(self.responses)?,
            inner(self.choices)?,
            inner(self.motivations)?,
            inner(self.evaluation)?,
            inner(self.followup)?,
            inner(self.participation)?,
        ])
    }
}

/// Every export file with its content, from the rows of the database.
pub fn files(
    survey: &Survey,
    rows: &ExportRows,
    progress: &[BuurtProgress],
    options: ExportOptions,
) -> Vec<(&'static str, String)> {
    let mut background: HashMap<(&str, &str), (Option<&str>, bool)> = HashMap::new();
    for (response_id, section, question_id, value, is_text) in &rows.answers {
        if section == "background" {
            background.insert((response_id, question_id), (value.as_deref(), *is_text));
        }
    }
    let written = (|| -> io::Result<[Vec<u8>; 6]> {
        let mut writer = ExportWriter::new(survey, options, |_| Ok(Vec::new()))?;
        for [id, version, buurt, started, submitted, channel] in &rows.responses {
            writer.response(
                [id, version, buurt, started, submitted, channel],
                survey.background().iter().map(|q| {
                    background
                        .get(&(id.as_str(), q.id.as_str()))
                        .copied()
                        .unwrap_or((None, false))
                }),
            )?;
        }
        for (id, option, level, position) in &rows.choices {
            writer.choice(id, option, *level, *position)?;
        }
        for (id, option, stance, text) in &rows.motivations {
            writer.motivation(id, option, stance, text.as_deref())?;
        }
        for (id, section, question, value, is_text) in &rows.answers {
            writer.answer(id, section, question, value.as_deref(), *is_text)?;
        }
        writer.participation(progress)?;
        writer.finish()
    })()
    .expect("writing to memory cannot fail");
    FILES
        .into_iter()
        .zip(written)
        .map(|(name, body)| (name, String::from_utf8(body).expect("CSV of UTF-8 strings")))
        .collect()
}

/// Writes every export file into `dir`, creating it when needed.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn write_dir(files: &[(&str, String)], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, body) in files {
        crate::files::write_private(&dir.join(name), body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> Survey {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../surveys/mall-parkeren.toml"
        );
        Survey::parse(
            &std::fs::read_to_string(path).unwrap(),
            "mall-parkeren.toml",
        )
        .unwrap()
    }

    /// Writes one response with a motivation, a statement, a remark and a
    /// follow-up answer; returns the files as text.
    fn one_response(include_free_text: bool) -> Vec<String> {
        let survey = survey();
        let options = ExportOptions {
            include_free_text,
            include_test: false,
        };
        let mut writer = ExportWriter::new(&survey, options, |_| Ok(Vec::new())).unwrap();
        let background = [
            (Some("25-44"), false),
            (None, false),
            (Some("1"), false),
            (Some("mijn straat"), true),
        ];
        writer
            .response(["r1", "a", "b1", "t0", "t1", "paper"], background)
            .unwrap();
        writer.choice("r1", "pendelbus", 1, 7).unwrap();
        writer
            .motivation("r1", "pendelbus", "pro", Some("minder auto's"))
            .unwrap();
        writer
            .answer("r1", "evaluation", "gelegenheid", Some("4"), false)
            .unwrap();
        writer
            .answer("r1", "evaluation", "opmerkingen", Some("prima"), true)
            .unwrap();
        writer
            .answer("r1", "followup", "contact", Some("ja"), false)
            .unwrap();
        writer
            .answer("r1", "background", "leeftijd", Some("25-44"), false)
            .unwrap();
        writer.participation(&[]).unwrap();
        writer
            .finish()
            .unwrap()
            .into_iter()
            .map(|bytes| String::from_utf8(bytes).unwrap())
            .collect()
    }

    #[test]
    fn free_text_is_left_out_unless_asked_for() {
        let files = one_response(false);
        assert_eq!(
            files[0],
            "response_id,version,buurt,started_at,submitted_at,channel,leeftijd,huishouden,autos,overlast\n\
             r1,a,b1,t0,t1,paper,25-44,,1,\n"
        );
        assert_eq!(
            files[1],
            "response_id,option_id,level,position\nr1,pendelbus,1,7\n"
        );
        assert_eq!(
            files[2],
            "response_id,option_id,stance,text\nr1,pendelbus,pro,\n"
        );
        assert_eq!(files[3], "response_id,item_id,value\nr1,gelegenheid,4\n");
        assert_eq!(files[4], "response_id,item_id,value\nr1,contact,ja\n");
        assert!(files[5].starts_with("buurt,invited,started,submitted,stopped_at_"));

        let files = one_response(true);
        assert!(files[0].ends_with("r1,a,b1,t0,t1,paper,25-44,,1,mijn straat\n"));
        assert!(files[2].ends_with("r1,pendelbus,pro,minder auto's\n"));
        assert_eq!(
            files[3],
            "response_id,item_id,value\nr1,gelegenheid,4\nr1,opmerkingen,prima\n"
        );
    }
}
