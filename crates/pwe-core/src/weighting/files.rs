//! The weighting input files, parsed from text: respondents (`respondent_id`
//! plus one column per margin variable), margins given directly
//! (`variable,category,target`), and the mapping from CBS columns to margin
//! categories (`surveys/<id>.population.toml`).

use std::collections::HashMap;

use serde::Deserialize;

use super::design::{Margin, Sample, TargetKind};
use crate::population::Population;

/// A weighting input file that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", line.map_or(String::new(), |line| format!(":{line}")))]
pub struct FileError {
    /// The file name given to the parser.
    pub file: String,
    /// The line, when the problem is on one.
    pub line: Option<u64>,
    /// What is wrong.
    pub reason: String,
}

fn file_error(file: &str, line: Option<u64>, reason: impl Into<String>) -> FileError {
    FileError {
        file: file.to_string(),
        line,
        reason: reason.into(),
    }
}

/// A CSV file's records (cells trimmed) and the position of each of `names`
/// in its header; the first missing column or unreadable line as an error.
fn read_csv(
    text: &str,
    file: &str,
    names: &[&str],
) -> Result<(Vec<usize>, Vec<csv::StringRecord>), FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_error =
        |error: csv::Error| file_error(file, error.position().map(|p| p.line()), error.to_string());
    let header = reader.headers().map_err(csv_error)?.clone();
    let columns = names
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|column| column == *name)
                .ok_or_else(|| file_error(file, Some(1), format!("the column {name} is missing")))
        })
        .collect::<Result<_, _>>()?;
    let records = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(csv_error)?;
    Ok((columns, records))
}

/// Respondents read from a CSV file: their ids and their sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Respondents {
    /// The `respondent_id` of every respondent, in the file's order.
    pub ids: Vec<String>,
    /// Their categories on the requested variables (an empty cell: no value).
    pub sample: Sample,
}

/// Reads a respondents file with a `respondent_id` column and a column for each
/// of `variables`; other columns are ignored.
///
/// # Errors
/// Unreadable CSV, a missing column, an empty or repeated respondent id, or no rows.
pub fn parse_respondents(
    text: &str,
    file: &str,
    variables: &[String],
) -> Result<Respondents, FileError> {
    let names: Vec<&str> = std::iter::once("respondent_id")
        .chain(variables.iter().map(String::as_str))
        .collect();
    let (columns_at, records) = read_csv(text, file, &names)?;
    let (id_idx, indices) = (columns_at[0], &columns_at[1..]);
    let mut ids = Vec::new();
    let mut seen = HashMap::new();
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); variables.len()];
    for record in &records {
        let line = record.position().map_or(0, |p| p.line());
        let id = record.get(id_idx).unwrap_or("").to_string();
        if id.is_empty() {
            return Err(file_error(file, Some(line), "the respondent_id is empty"));
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(file_error(
                file,
                Some(line),
                format!("respondent {id} appears again (first on line {first})"),
            ));
        }
        ids.push(id);
        for (column, &idx) in columns.iter_mut().zip(indices) {
            let value = record.get(idx).unwrap_or("");
            column.push((!value.is_empty()).then(|| value.to_string()));
        }
    }
    if ids.is_empty() {
        return Err(file_error(
            file,
            None,
            "there are no respondents in the file",
        ));
    }
    let sample = Sample::new(variables.iter().cloned().zip(columns).collect(), None)
        .map_err(|error| file_error(file, None, error.to_string()))?;
    Ok(Respondents { ids, sample })
}

/// Reads margins given directly as `variable,category,target`. A variable whose
/// targets sum to 1 (within 1e-6) is read as proportions, any other as counts.
///
/// # Errors
/// Unreadable CSV, a missing column, or a target that is not a number.
pub fn parse_margins(text: &str, file: &str) -> Result<Vec<Margin>, FileError> {
    let (columns_at, records) = read_csv(text, file, &["variable", "category", "target"])?;
    let [variable_idx, category_idx, target_idx] = columns_at[..] else {
        unreachable!("three names give three columns")
    };
    let mut margins: Vec<Margin> = Vec::new();
    for record in &records {
        let line = record.position().map(|p| p.line());
        let variable = record.get(variable_idx).unwrap_or("");
        let category = record.get(category_idx).unwrap_or("");
        let raw = record.get(target_idx).unwrap_or("");
        let target = raw.parse::<f64>().map_err(|_| {
            file_error(
                file,
                line,
                format!("column target: \"{raw}\" is not a number"),
            )
        })?;
        if variable.is_empty() || category.is_empty() {
            return Err(file_error(
                file,
                line,
                "the variable and the category must not be empty",
            ));
        }
        match margins.iter_mut().find(|m| m.variable == variable) {
            Some(margin) => margin.targets.push((category.to_string(), target)),
            None => margins.push(Margin {
                variable: variable.to_string(),
                targets: vec![(category.to_string(), target)],
                kind: TargetKind::Counts,
            }),
        }
    }
    for margin in &mut margins {
        let sum: f64 = margin.targets.iter().map(|(_, t)| t).sum();
        if (sum - 1.0).abs() < 1e-6 {
            margin.kind = TargetKind::Proportions;
        }
    }
    Ok(margins)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    margins: Vec<RawMarginMapping>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarginMapping {
    variable: String,
    by_buurt: Option<String>,
    #[serde(default)]
    proportions: bool,
    #[serde(default)]
    categories: Vec<RawCategoryMapping>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategoryMapping {
    category: String,
    columns: Vec<String>,
}

/// How the columns of a population file make up the categories of the margin
/// variables: the data file next to a survey, so that no mapping lives in code.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationMapping {
    margins: Vec<MarginMapping>,
}

#[derive(Debug, Clone, PartialEq)]
enum MarginMapping {
    /// One category per buurt (its code), the target taken from a column.
    ByBuurt { variable: String, column: String },
    /// Categories summed from columns over all buurten.
    Columns {
        variable: String,
        proportions: bool,
        categories: Vec<(String, Vec<String>)>,
    },
}

impl PopulationMapping {
    /// Reads a mapping file (TOML).
    ///
    /// ```toml
    /// [[margins]]
    /// variable = "buurt"
    /// by_buurt = "HuishoudensTotaal"      # one category per buurt code
    ///
    /// [[margins]]
    /// variable = "leeftijd"
    /// proportions = true                   # persons, not households: use the shares
    /// categories = [{ category = "65+", columns = ["k_65JaarOfOuder"] }]
    /// ```
    ///
    /// # Errors
    /// TOML problems with their line, a margin with both or neither of
    /// `by_buurt` and `categories`, or a variable given twice.
    pub fn parse(text: &str, file: &str) -> Result<PopulationMapping, FileError> {
        let raw: RawMapping = toml::from_str(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() as u64 + 1);
            file_error(file, line, error.message().trim())
        })?;
        let mut margins = Vec::new();
        for (idx, margin) in raw.margins.into_iter().enumerate() {
            let place = format!("margins[{idx}] ({})", margin.variable);
            if margins
                .iter()
                .any(|m: &MarginMapping| m.variable() == margin.variable)
            {
                return Err(file_error(
                    file,
                    None,
                    format!("{place}: the variable is mapped twice"),
                ));
            }
            margins.push(match (margin.by_buurt, margin.categories.is_empty()) {
                (Some(column), true) => MarginMapping::ByBuurt {
                    variable: margin.variable,
                    column,
                },
                (None, false) => MarginMapping::Columns {
                    variable: margin.variable,
                    proportions: margin.proportions,
                    categories: margin.categories.into_iter().map(|c| (c.category, c.columns)).collect(),
                },
                _ => {
                    return Err(file_error(
                        file,
                        None,
                        format!("{place}: give either by_buurt (a column) or categories, not both or neither"),
                    ));
                }
            });
        }
        Ok(PopulationMapping { margins })
    }

    /// The variables the mapping defines, in its order.
    pub fn variables(&self) -> Vec<&str> {
        self.margins.iter().map(MarginMapping::variable).collect()
    }

    /// The margins of `population` for the mapped `variables`.
    ///
    /// # Errors
    /// A variable the mapping does not define, or a column that the population
    /// file lacks or leaves unknown (`.`) for a buurt.
    pub fn margins(
        &self,
        population: &Population,
        variables: &[String],
        file: &str,
    ) -> Result<Vec<Margin>, FileError> {
        variables
            .iter()
            .map(|variable| {
                let mapping = self
                    .margins
                    .iter()
                    .find(|m| m.variable() == variable)
                    .ok_or_else(|| {
                        file_error(
                            file,
                            None,
                            format!(
                                "no margin {variable} is mapped; the mapping has {}",
                                self.variables().join(", ")
                            ),
                        )
                    })?;
                mapping.margin(population, file)
            })
            .collect()
    }
}

impl MarginMapping {
    fn variable(&self) -> &str {
        match self {
            MarginMapping::ByBuurt { variable, .. } | MarginMapping::Columns { variable, .. } => {
                variable
            }
        }
    }

    fn margin(&self, population: &Population, file: &str) -> Result<Margin, FileError> {
        let value = |buurt: &crate::population::Buurt, column: &str| {
            if !population.columns().iter().any(|c| c == column) {
                return Err(file_error(
                    file,
                    None,
                    format!("the population file has no column {column}"),
                ));
            }
            buurt.value(column).ok_or_else(|| {
                file_error(
                    file,
                    None,
                    format!("buurt {}: the value of {column} is unknown", buurt.code),
                )
            })
        };
        match self {
            MarginMapping::ByBuurt { variable, column } => Ok(Margin {
                variable: variable.clone(),
                targets: population
                    .buurten()
                    .iter()
                    .map(|buurt| Ok((buurt.code.clone(), value(buurt, column)?)))
                    .collect::<Result<_, FileError>>()?,
                kind: TargetKind::Counts,
            }),
            MarginMapping::Columns {
                variable,
                proportions,
                categories,
            } => {
                let mut targets = Vec::new();
                for (category, columns) in categories {
                    let mut total = 0.0;
                    for buurt in population.buurten() {
                        for column in columns {
                            total += value(buurt, column)?;
                        }
                    }
                    targets.push((category.clone(), total));
                }
                if *proportions {
                    let sum: f64 = targets.iter().map(|(_, t)| t).sum();
                    for (_, target) in &mut targets {
                        *target /= sum;
                    }
                }
                Ok(Margin {
                    variable: variable.clone(),
                    targets,
                    kind: if *proportions {
                        TargetKind::Proportions
                    } else {
                        TargetKind::Counts
                    },
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::parse_cbs;

    const POPULATION: &str = "WijkenEnBuurten,SoortRegio_2,HuishoudensTotaal_28,k_15Tot25Jaar_9,k_65JaarOfOuder_12\n\
                              BU1,Buurt,100,30,10\nBU2,Buurt,300,50,.\n";

    #[test]
    fn a_mapping_makes_margins_from_cbs_columns() {
        let mapping = PopulationMapping::parse(
            "[[margins]]\nvariable = \"buurt\"\nby_buurt = \"HuishoudensTotaal\"\n\
             [[margins]]\nvariable = \"jong\"\nproportions = true\ncategories = [{ category = \"ja\", columns = [\"k_15Tot25Jaar\"] }]\n",
            "map.toml",
        )
        .unwrap();
        let population = parse_cbs(POPULATION, "p.csv").unwrap();
        let margins = mapping
            .margins(&population, &["buurt".into(), "jong".into()], "p.csv")
            .unwrap();
        assert_eq!(
            margins[0].targets,
            vec![("BU1".into(), 100.0), ("BU2".into(), 300.0)]
        );
        assert_eq!(margins[1].targets, vec![("ja".into(), 1.0)]);
        assert_eq!(margins[1].kind, TargetKind::Proportions);
        let error = mapping
            .margins(&population, &["leeftijd".into()], "p.csv")
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "p.csv: no margin leeftijd is mapped; the mapping has buurt, jong"
        );
    }

    #[test]
    fn unknown_values_and_columns_are_named() {
        let population = parse_cbs(POPULATION, "p.csv").unwrap();
        let old = PopulationMapping::parse(
            "[[margins]]\nvariable = \"oud\"\ncategories = [{ category = \"ja\", columns = [\"k_65JaarOfOuder\"] }]\n",
            "map.toml",
        )
        .unwrap();
        assert_eq!(
            old.margins(&population, &["oud".into()], "p.csv")
                .unwrap_err()
                .to_string(),
            "p.csv: buurt BU2: the value of k_65JaarOfOuder is unknown"
        );
        let missing = PopulationMapping::parse(
            "[[margins]]\nvariable = \"b\"\nby_buurt = \"Inwoners\"\n",
            "map.toml",
        )
        .unwrap();
        assert_eq!(
            missing
                .margins(&population, &["b".into()], "p.csv")
                .unwrap_err()
                .to_string(),
            "p.csv: the population file has no column Inwoners"
        );
        let both =
            PopulationMapping::parse("[[margins]]\nvariable = \"b\"\n", "map.toml").unwrap_err();
        assert_eq!(
            both.to_string(),
            "map.toml: margins[0] (b): give either by_buurt (a column) or categories, not both or neither"
        );
        let typo =
            PopulationMapping::parse("[[margins]]\nvariable = \"b\"\nby_buurt = 3\n", "map.toml")
                .unwrap_err();
        assert!(
            typo.to_string().starts_with("map.toml:3: invalid type"),
            "{typo}"
        );
    }

    #[test]
    fn margins_files_tell_counts_from_proportions() {
        let margins = parse_margins(
            "variable,category,target\nsex,m,0.49\nsex,f,0.51\nage,young,200\nage,old,300\n",
            "m.csv",
        )
        .unwrap();
        assert_eq!(margins[0].kind, TargetKind::Proportions);
        assert_eq!(margins[1].kind, TargetKind::Counts);
        let error = parse_margins("variable,category,target\nsex,m,veel\n", "m.csv").unwrap_err();
        assert_eq!(
            error.to_string(),
            "m.csv:2: column target: \"veel\" is not a number"
        );
    }

    #[test]
    fn respondents_files_name_the_line_of_a_repeated_id() {
        let error = parse_respondents(
            "respondent_id,age\nr1,old\nr1,young\n",
            "r.csv",
            &["age".into()],
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "r.csv:3: respondent r1 appears again (first on line 2)"
        );
        let parsed =
            parse_respondents("respondent_id,age\nr1,old\nr2,\n", "r.csv", &["age".into()])
                .unwrap();
        assert_eq!(
            parsed.sample.column("age").unwrap(),
            &[Some("old".to_string()), None]
        );
    }
}
