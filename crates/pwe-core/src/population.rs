//! Neighbourhood demographics in the layout of the CBS table "Kerncijfers wijken
//! en buurten", the population respondents are compared with and weighted to.
//!
//! CBS numbers its columns and renumbers them from year to year
//! (`AantalInwoners_5` one year, `AantalInwoners_6` the next), so columns are
//! found by name with the numeric suffix stripped, and a real CBS export drops in.
//! Only rows whose `SoortRegio` is `Buurt` are kept: an export usually also holds
//! the municipality and its wijken.

use std::collections::BTreeMap;

/// The columns every population file must have (names without suffix).
pub const REQUIRED_COLUMNS: [&str; 3] = ["WijkenEnBuurten", "SoortRegio", "HuishoudensTotaal"];

/// The demographics of the buurten of one consultation.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    columns: Vec<String>,
    buurten: Vec<Buurt>,
}

/// One buurt (neighbourhood) and its figures.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Buurt {
    /// The CBS code, such as `BU19160101`.
    pub code: String,
    /// The buurt's name, when the file has a `Buurtnaam` column (the name CBS
    /// publishes beside the code); reports show it instead of the code.
    pub name: Option<String>,
    /// The municipality's name, when the file has the column.
    pub municipality: Option<String>,
    /// The number of households, which is how many invitations the buurt gets.
    pub households: u32,
    /// Every numeric column by name without suffix; `None` where CBS left it
    /// out (written `.`) to protect privacy.
    pub values: BTreeMap<String, Option<f64>>,
}

impl Buurt {
    /// The value of a numeric column (name without suffix), when present and known.
    pub fn value(&self, column: &str) -> Option<f64> {
        self.values.get(column).copied().flatten()
    }
}

impl Population {
    /// The buurten, in the order of the file.
    pub fn buurten(&self) -> &[Buurt] {
        &self.buurten
    }

    /// Each buurt's name by its code: the file's name, or the code where the
    /// file has none, so that pages and reports can show names.
    pub fn names(&self) -> BTreeMap<String, String> {
        self.buurten
            .iter()
            .map(|b| {
                let name = b.name.clone().unwrap_or_else(|| b.code.clone());
                (b.code.clone(), name)
            })
            .collect()
    }

    /// The buurt with this code.
    pub fn buurt(&self, code: &str) -> Option<&Buurt> {
        self.buurten.iter().find(|buurt| buurt.code == code)
    }

    /// The population of one buurt alone, to read its own figures.
    pub fn only(&self, code: &str) -> Option<Population> {
        let buurt = self.buurt(code)?.clone();
        Some(Population {
            columns: self.columns.clone(),
            buurten: vec![buurt],
        })
    }

    /// The names (without suffix) of the numeric columns the file has.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The households of all buurten together.
    pub fn total_households(&self) -> u64 {
        self.buurten
            .iter()
            .map(|buurt| u64::from(buurt.households))
            .sum()
    }
}

/// What is wrong with a population file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PopulationError {
    /// The file is not readable CSV.
    #[error("{file}: line {line}: not readable as CSV: {reason}")]
    Csv {
        /// The file name given to the parser.
        file: String,
        /// The line of the file.
        line: u64,
        /// What the CSV reader said.
        reason: String,
    },
    /// A required column is missing.
    #[error(
        "{file}: the column {column} is missing (columns are matched without their numeric suffix, such as _28)"
    )]
    MissingColumn {
        /// The file name given to the parser.
        file: String,
        /// The column's name without suffix.
        column: String,
    },
    /// A value cannot be used.
    #[error("{file}: line {line}, column {column}: {reason}")]
    BadValue {
        /// The file name given to the parser.
        file: String,
        /// The line of the file.
        line: u64,
        /// The column as written in the header.
        column: String,
        /// What is wrong with the value.
        reason: String,
    },
    /// The file has no rows of kind Buurt.
    #[error("{file}: no rows with SoortRegio \"Buurt\"")]
    NoBuurten {
        /// The file name given to the parser.
        file: String,
    },
}

/// The column's name without CBS's numeric suffix: `HuishoudensTotaal_28` → `HuishoudensTotaal`.
pub fn strip_suffix(column: &str) -> &str {
    let column = column.trim();
    match column.rsplit_once('_') {
        Some((name, number))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            name
        }
        _ => column,
    }
}

/// The columns of a CBS file that hold text, not figures.
const TEXT_COLUMNS: [&str; 6] = [
    "WijkenEnBuurten",
    "Buurtnaam",
    "SoortRegio",
    "Gemeentenaam",
    "Codering",
    "IndelingswijzigingWijkenEnBuurten",
];

/// A figure of a CBS cell: empty or `.` (CBS's "secret or unknown") is none.
fn number_cell(raw: &str, decimal_comma: bool) -> Result<Option<f64>, String> {
    if raw.is_empty() || raw == "." {
        return Ok(None);
    }
    let normalised = if decimal_comma {
        raw.replace(',', ".")
    } else {
        raw.to_string()
    };
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(format!("\"{raw}\" is not a number")),
    }
}

/// A buurt's number of households: a whole number, and present.
fn households(value: Option<f64>) -> Result<u32, String> {
    match value {
        Some(value) if value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) => {
            Ok(value as u32)
        }
        Some(value) => Err(format!("{value} is not a number of households")),
        None => Err("the number of households is missing".into()),
    }
}

/// Reads a population file in the CBS layout from its text.
///
/// Both CBS's comma-separated layout and the semicolon-separated layout of a
/// Dutch spreadsheet export (with decimal commas) are read. `file` names the
/// file in every message; nothing is read from disk.
///
/// # Errors
/// [`PopulationError`] naming the line and column: unreadable CSV, a missing
/// required column, a value that is not a number, a missing household count,
/// a buurt code given twice, or no buurten at all.
pub fn parse_cbs(text: &str, file: &str) -> Result<Population, PopulationError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.contains(';') {
        b';'
    } else {
        b','
    };
    let decimal_comma = delimiter == b';';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_error = |error: csv::Error| PopulationError::Csv {
        file: file.to_string(),
        line: error.position().map_or(1, |p| p.line()),
        reason: error.to_string(),
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    let names: Vec<&str> = header.iter().map(strip_suffix).collect();
    let find = |column: &str| names.iter().position(|name| *name == column);
    for column in REQUIRED_COLUMNS {
        if find(column).is_none() {
            return Err(PopulationError::MissingColumn {
                file: file.to_string(),
                column: column.to_string(),
            });
        }
    }
    let code_idx = find("WijkenEnBuurten").unwrap_or_default();
    let kind_idx = find("SoortRegio").unwrap_or_default();
    let municipality_idx = find("Gemeentenaam");
    let name_idx = find("Buurtnaam");
    let numeric: Vec<usize> = (0..names.len())
        .filter(|&idx| !TEXT_COLUMNS.contains(&names[idx]))
        .collect();

    let mut buurten: Vec<Buurt> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        let bad = |column_idx: usize, reason: String| PopulationError::BadValue {
            file: file.to_string(),
            line,
            column: header[column_idx].trim().to_string(),
            reason,
        };
        if !record
            .get(kind_idx)
            .unwrap_or("")
            .eq_ignore_ascii_case("buurt")
        {
            continue;
        }
        let code = record.get(code_idx).unwrap_or("").to_string();
        if code.is_empty() {
            return Err(bad(code_idx, "the buurt code is empty".into()));
        }
        if buurten.iter().any(|buurt| buurt.code == code) {
            return Err(bad(code_idx, format!("buurt {code} appears twice")));
        }
        let mut values = BTreeMap::new();
        for &column_idx in &numeric {
            let raw = record.get(column_idx).unwrap_or("");
            let value = number_cell(raw, decimal_comma).map_err(|r| bad(column_idx, r))?;
            values.insert(names[column_idx].to_string(), value);
        }
        let households_idx = find("HuishoudensTotaal").unwrap_or_default();
        let households = households(values.get("HuishoudensTotaal").copied().flatten())
            .map_err(|reason| bad(households_idx, reason))?;
        buurten.push(Buurt {
            code,
            name: name_idx
                .and_then(|idx| record.get(idx))
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_string),
            municipality: municipality_idx
                .and_then(|idx| record.get(idx))
                .map(str::to_string),
            households,
            values,
        });
    }
    if buurten.is_empty() {
        return Err(PopulationError::NoBuurten {
            file: file.to_string(),
        });
    }
    Ok(Population {
        columns: numeric.iter().map(|&idx| names[idx].to_string()).collect(),
        buurten,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "WijkenEnBuurten,Gemeentenaam_1,SoortRegio_2,AantalInwoners_5,HuishoudensTotaal_28,GemiddeldeHuishoudensgrootte_32";

    fn parse(rows: &str) -> Result<Population, PopulationError> {
        parse_cbs(&format!("{HEADER}\n{rows}"), "buurten.csv")
    }

    #[test]
    fn strips_numeric_suffixes_only() {
        assert_eq!(strip_suffix("HuishoudensTotaal_28"), "HuishoudensTotaal");
        assert_eq!(strip_suffix("k_65JaarOfOuder_12"), "k_65JaarOfOuder");
        assert_eq!(strip_suffix("k_0Tot15Jaar"), "k_0Tot15Jaar");
        assert_eq!(strip_suffix("WijkenEnBuurten"), "WijkenEnBuurten");
    }

    #[test]
    fn a_buurtnaam_column_names_the_buurten() {
        let population = parse_cbs(
            "WijkenEnBuurten,Buurtnaam,SoortRegio_2,HuishoudensTotaal_28\n\
             BU19160201,Leidsenhage,Buurt,780\n\
             BU19160202, ,Buurt,640\n",
            "buurten.csv",
        )
        .unwrap();
        assert_eq!(population.buurten()[0].name.as_deref(), Some("Leidsenhage"));
        assert_eq!(population.buurten()[1].name, None);
        assert!(!population.columns().contains(&"Buurtnaam".to_string()));
        assert_eq!(
            parse("BU19160101,Leidschendam-Voorburg,Buurt,1200,600,2.0\n")
                .unwrap()
                .buurten()[0]
                .name,
            None
        );
    }

    #[test]
    fn keeps_buurten_and_skips_other_regions() {
        let population = parse(
            "GM1916    ,Leidschendam-Voorburg,Gemeente,75000,35000,2.1\n\
             BU19160101,Leidschendam-Voorburg,Buurt   ,1200,600,2.0\n\
             BU19160102,Leidschendam-Voorburg,Buurt,.,400,.\n",
        )
        .unwrap();
        assert_eq!(population.buurten().len(), 2);
        assert_eq!(population.total_households(), 1000);
        let second = population.buurt("BU19160102").unwrap();
        assert_eq!(second.value("AantalInwoners"), None);
        assert_eq!(
            population
                .buurt("BU19160101")
                .unwrap()
                .value("GemiddeldeHuishoudensgrootte"),
            Some(2.0)
        );
    }

    #[test]
    fn reads_semicolons_with_decimal_commas() {
        let text = "WijkenEnBuurten;SoortRegio_2;HuishoudensTotaal_29;GemiddeldeHuishoudensgrootte_33\nBU1;Buurt;10;2,5\n";
        let population = parse_cbs(text, "x.csv").unwrap();
        assert_eq!(
            population.buurten()[0].value("GemiddeldeHuishoudensgrootte"),
            Some(2.5)
        );
    }

    #[test]
    fn names_the_line_and_column_of_a_bad_value() {
        let error = parse("BU1,L,Buurt,12x,10,2\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "buurten.csv: line 2, column AantalInwoners_5: \"12x\" is not a number"
        );
    }

    #[test]
    fn refuses_missing_households_and_duplicates() {
        let error = parse("BU1,L,Buurt,12,.,2\n").unwrap_err();
        assert!(
            error.to_string().contains(
                "line 2, column HuishoudensTotaal_28: the number of households is missing"
            )
        );
        let error = parse("BU1,L,Buurt,12,5,2\nBU1,L,Buurt,12,5,2\n").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("line 3, column WijkenEnBuurten: buurt BU1 appears twice")
        );
    }

    #[test]
    fn names_a_missing_column() {
        let error = parse_cbs("WijkenEnBuurten,SoortRegio_2\nBU1,Buurt\n", "p.csv").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("the column HuishoudensTotaal is missing")
        );
    }
}
