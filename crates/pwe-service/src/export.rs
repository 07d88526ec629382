//! The export: the input of the analysis, and a contract (docs/export-format.md).

use std::collections::HashMap;
use std::path::Path;

use pwe_core::Survey;

use crate::store::{BuurtProgress, ExportRows, STEPS, Store, StoreError};

/// The files of an export, in the order they are written.
pub const FILES: [&str; 6] = [
    "responses.csv",
    "choices.csv",
    "motivations.csv",
    "evaluation.csv",
    "followup.csv",
    "participation.csv",
];

/// What an export includes beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Motivations' text and free-text answers (left out by default).
    pub include_free_text: bool,
    /// Responses of test households (left out by default).
    pub include_test: bool,
}

fn csv_text(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).expect("writing to memory");
    for row in rows {
        writer.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("writing to memory"))
        .expect("CSV of UTF-8 strings")
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
    Ok(files(survey, &rows, &progress, options))
}

/// Every export file with its content, from rows however they were made (the
/// database, or the simulator), so that both write exactly the same format.
pub fn files(
    survey: &Survey,
    rows: &ExportRows,
    progress: &[BuurtProgress],
    options: ExportOptions,
) -> Vec<(&'static str, String)> {
    let keep = |value: &Option<String>, is_text: bool| match (
        value,
        is_text && !options.include_free_text,
    ) {
        (Some(value), false) => value.clone(),
        _ => String::new(),
    };

    let mut background: HashMap<(&str, &str), String> = HashMap::new();
    for (response_id, section, question_id, value, is_text) in &rows.answers {
        if section == "background" {
            background.insert((response_id, question_id), keep(value, *is_text));
        }
    }
    let questions: Vec<&str> = survey.background().iter().map(|q| q.id.as_str()).collect();
    let mut header = vec![
        "response_id",
        "version",
        "buurt",
        "started_at",
        "submitted_at",
    ];
    header.extend(&questions);
    let responses = csv_text(
        &header,
        rows.responses
            .iter()
            .map(|[id, version, buurt, started, submitted]| {
                let mut row = vec![
                    id.clone(),
                    version.clone(),
                    buurt.clone(),
                    started.clone(),
                    submitted.clone(),
                ];
                row.extend(questions.iter().map(|q| {
                    background
                        .get(&(id.as_str(), *q))
                        .cloned()
                        .unwrap_or_default()
                }));
                row
            }),
    );
    let choices = csv_text(
        &["response_id", "option_id", "level", "position"],
        rows.choices.iter().map(|(id, option, level, position)| {
            vec![
                id.clone(),
                option.clone(),
                level.to_string(),
                position.to_string(),
            ]
        }),
    );
    let motivations = csv_text(
        &["response_id", "option_id", "stance", "text"],
        rows.motivations.iter().map(|(id, option, stance, text)| {
            vec![id.clone(), option.clone(), stance.clone(), keep(text, true)]
        }),
    );
    let section = |name: &str| {
        csv_text(
            &["response_id", "item_id", "value"],
            rows.answers
                .iter()
                .filter(|(_, section, ..)| section == name)
                .filter(|(.., is_text)| !*is_text || options.include_free_text)
                .map(|(id, _, question, value, is_text)| {
                    vec![id.clone(), question.clone(), keep(value, *is_text)]
                }),
        )
    };
    let mut header = vec![
        "buurt".to_string(),
        "invited".into(),
        "started".into(),
        "submitted".into(),
    ];
    header.extend(STEPS.iter().map(|step| format!("stopped_at_{step}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let participation = csv_text(
        &header,
        progress.iter().map(|p| {
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
            row
        }),
    );
    vec![
        ("responses.csv", responses),
        ("choices.csv", choices),
        ("motivations.csv", motivations),
        ("evaluation.csv", section("evaluation")),
        ("followup.csv", section("followup")),
        ("participation.csv", participation),
    ]
}

/// Writes every export file into `dir`, creating it when needed.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn write_dir(files: &[(&str, String)], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, body) in files {
        std::fs::write(dir.join(name), body)?;
    }
    Ok(())
}
