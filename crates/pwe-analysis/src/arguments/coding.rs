//! Manual coding: a coding sheet for researchers, coded sheets read back, and
//! agreement as Cohen's kappa per theme.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use pwe_core::spreadsheet::neutralise;

use super::codebook::Codebook;

/// A coded sheet that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {column}: {reason}")]
pub struct SheetError {
    /// The file.
    pub file: String,
    /// The line (the header is line 1).
    pub line: usize,
    /// The column.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

/// The header of a coding sheet.
pub const HEADER: [&str; 6] = [
    "motivation_id",
    "option_id",
    "stance",
    "text",
    "coder",
    "themes",
];

/// A coding sheet: one row per motivation (`response_id:option_id`) with its
/// redacted text and empty `coder` and `themes` columns to fill in (theme ids
/// separated by `;`). Codebook results are left out so coders code blind.
pub fn sheet(rows: &[(String, String, String, String)]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |record: &[&str]| writer.write_record(record).map_err(|e| e.to_string());
    let _ = write(&HEADER);
    for (id, option, stance, text) in rows {
        // Coders open the sheet in a spreadsheet: no motivation may run there.
        let _ = write(&[id, option, stance, &neutralise(text), "", ""]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Manual codes: coder → motivation id → themes (indices into the codebook).
pub type Codes = BTreeMap<String, BTreeMap<String, BTreeSet<usize>>>;

/// Reads a coded sheet into `codes`.
///
/// # Errors
/// A missing column, an unknown motivation id or theme, an empty coder.
pub fn read(
    text: &str,
    file: &str,
    codebook: &Codebook,
    known: &HashMap<String, usize>,
    codes: &mut Codes,
) -> Result<(), SheetError> {
    let error = |line: usize, column: &str, reason: String| SheetError {
        file: file.to_string(),
        line,
        column: column.to_string(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| error(1, "(header)", e.to_string()))?
        .clone();
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            error(
                1,
                name,
                "missing; a coded sheet needs motivation_id, coder and themes".into(),
            )
        })
    };
    let (id_col, coder_col, themes_col) = (
        column("motivation_id")?,
        column("coder")?,
        column("themes")?,
    );
    for (row, record) in reader.records().enumerate() {
        let line = row + 2;
        let record = record.map_err(|e| error(line, "(row)", e.to_string()))?;
        let id = record.get(id_col).unwrap_or_default();
        if !known.contains_key(id) {
            return Err(error(
                line,
                "motivation_id",
                format!("\"{id}\" is not a motivation of these responses"),
            ));
        }
        let coder = record.get(coder_col).unwrap_or_default().trim();
        let themes = record.get(themes_col).unwrap_or_default().trim();
        if coder.is_empty() {
            if themes.is_empty() {
                continue; // Not coded yet.
            }
            return Err(error(
                line,
                "coder",
                "who coded this row? fill in the coder".into(),
            ));
        }
        let mut set = BTreeSet::new();
        for theme in themes.split(';').map(str::trim).filter(|t| !t.is_empty()) {
            let idx = codebook.index(theme).ok_or_else(|| {
                error(
                    line,
                    "themes",
                    format!(
                        "\"{theme}\" is not a theme of the codebook ({})",
                        codebook
                            .themes
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
            set.insert(idx);
        }
        codes
            .entry(coder.to_string())
            .or_default()
            .insert(id.to_string(), set);
    }
    Ok(())
}

/// Cohen's kappa of two binary codings of the same items:
/// κ = (p_o − p_e) / (1 − p_e); `None` when there are no items or p_e = 1.
pub fn kappa(a: &[bool], b: &[bool]) -> Option<f64> {
    let n = a.len() as f64;
    if a.is_empty() || a.len() != b.len() {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n;
    let pa = a.iter().filter(|x| **x).count() as f64 / n;
    let pb = b.iter().filter(|x| **x).count() as f64 / n;
    let expected = pa * pb + (1.0 - pa) * (1.0 - pb);
    (expected < 1.0).then(|| (agree - expected) / (1.0 - expected))
}

/// Agreement between two sets of codes over the motivations both coded: the
/// kappa of every theme and their mean over themes where it is defined.
pub fn agreement(
    codebook: &Codebook,
    first: &BTreeMap<String, BTreeSet<usize>>,
    second: &BTreeMap<String, BTreeSet<usize>>,
) -> (usize, Vec<Option<f64>>, Option<f64>) {
    let common: Vec<&String> = first.keys().filter(|id| second.contains_key(*id)).collect();
    let per_theme: Vec<Option<f64>> = (0..codebook.themes.len())
        .map(|t| {
            let a: Vec<bool> = common.iter().map(|id| first[*id].contains(&t)).collect();
            let b: Vec<bool> = common.iter().map(|id| second[*id].contains(&t)).collect();
            kappa(&a, &b)
        })
        .collect();
    let defined: Vec<f64> = per_theme.iter().flatten().copied().collect();
    let mean = (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64);
    (common.len(), per_theme, mean)
}

#[cfg(test)]
mod tests {
    use super::kappa;

    #[test]
    fn kappa_follows_cohen() {
        // 10 items: both yes 4, both no 3, a only 2, b only 1.
        // p_o = 0.7; p_a = 0.6, p_b = 0.5; p_e = 0.3 + 0.2 = 0.5; κ = 0.4.
        let a = [
            true, true, true, true, false, false, false, true, true, false,
        ];
        let b = [
            true, true, true, true, false, false, false, false, false, true,
        ];
        assert!((kappa(&a, &b).unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(kappa(&a, &a), Some(1.0));
        assert_eq!(kappa(&[true, true], &[true, true]), None);
    }
}
