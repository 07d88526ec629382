//! The households a simulation invites: every household of the population
//! file, with answers to the margin questions that add up exactly to the
//! population's figures. Response is then a chance event of each household,
//! as in a real census invitation, so the census test and the R-indicator
//! meet on simulated data the design they assume.
//!
//! Per buurt the answers follow the buurt's own figures where the file has
//! them; the buurten's tables are fitted (iterative proportional fitting) to
//! the whole population's margin and rounded so that every row and column
//! adds up to whole households.

use pwe_core::Survey;
use pwe_core::population::Population;
use pwe_core::survey::QuestionKind;
use pwe_core::weighting::Margin;
use pwe_core::weighting::files::PopulationMapping;

/// Why the population cannot be simulated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CensusError {
    /// The population has no households.
    #[error("the population file has no households")]
    Empty,
    /// The mapping cannot make a margin of the population.
    #[error("{0}")]
    Mapping(String),
}

/// One buurt of the census.
#[derive(Debug, Clone, PartialEq)]
pub struct CensusBuurt {
    /// Its code.
    pub code: String,
    /// Its households, each invited.
    pub households: usize,
    /// Per background question with a margin: how many of the households
    /// give each choice (by the choice's index in the question).
    pub counts: Vec<Option<Vec<usize>>>,
}

/// Every household of the population, by buurt.
#[derive(Debug, Clone, PartialEq)]
pub struct Census {
    /// The buurten, in the population file's order.
    pub buurten: Vec<CensusBuurt>,
}

impl Census {
    /// The census of `population`, with the answers of each background
    /// question whose margin `mapping` defines.
    ///
    /// # Errors
    /// No households, or a margin the mapping cannot make of the population.
    pub fn new(
        survey: &Survey,
        population: &Population,
        mapping: &PopulationMapping,
        file: &str,
    ) -> Result<Census, CensusError> {
        let sizes: Vec<usize> = population
            .buurten()
            .iter()
            .map(|b| b.households as usize)
            .collect();
        if sizes.iter().sum::<usize>() == 0 {
            return Err(CensusError::Empty);
        }
        let per_question: Vec<Option<Vec<Vec<usize>>>> = survey
            .background()
            .iter()
            .map(|question| {
                let QuestionKind::Single(choices) = &question.kind else {
                    return Ok(None);
                };
                let Some(variable) = question
                    .margin
                    .as_ref()
                    .filter(|m| mapping.variables().contains(&m.as_str()))
                else {
                    return Ok(None);
                };
                let margin = |population: &Population| {
                    mapping
                        .margins(population, std::slice::from_ref(variable), file)
                        .map(|mut m| m.remove(0))
                        .map_err(|e| CensusError::Mapping(e.to_string()))
                };
                let whole = margin(population)?;
                let local: Vec<Option<Margin>> = population
                    .buurten()
                    .iter()
                    .map(|b| population.only(&b.code).and_then(|one| margin(&one).ok()))
                    .collect();
                let categories: Vec<Option<String>> =
                    choices.iter().map(|c| c.margin_category()).collect();
                Ok(Some(table(&whole, &local, &sizes, &categories)))
            })
            .collect::<Result<_, CensusError>>()?;
        let buurten = population
            .buurten()
            .iter()
            .enumerate()
            .map(|(k, buurt)| CensusBuurt {
                code: buurt.code.clone(),
                households: sizes[k],
                counts: per_question
                    .iter()
                    .map(|t| t.as_ref().map(|t| t[k].clone()))
                    .collect(),
            })
            .collect();
        Ok(Census { buurten })
    }

    /// All households.
    pub fn households(&self) -> usize {
        self.buurten.iter().map(|b| b.households).sum()
    }
}

/// Per buurt, how many households give each choice: the buurt's own shares
/// (or the whole margin's where the buurt's are unknown) fitted to the whole
/// margin, in whole households.
fn table(
    whole: &Margin,
    local: &[Option<Margin>],
    sizes: &[usize],
    choices: &[Option<String>],
) -> Vec<Vec<usize>> {
    let total: usize = sizes.iter().sum();
    let shares = |m: &Margin| -> Vec<f64> {
        let sum: f64 = m.targets.iter().map(|(_, t)| t).sum();
        whole
            .targets
            .iter()
            .map(|(c, _)| {
                let t = m
                    .targets
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or(0.0, |(_, t)| *t);
                if sum > 0.0 { t / sum } else { 0.0 }
            })
            .collect()
    };
    // Only categories some choice answers can hold households.
    let answerable: Vec<bool> = whole
        .targets
        .iter()
        .map(|(c, _)| choices.iter().any(|k| k.as_ref() == Some(c)))
        .collect();
    let keep = |mut s: Vec<f64>| {
        for (v, ok) in s.iter_mut().zip(&answerable) {
            if !ok {
                *v = 0.0;
            }
        }
        let sum: f64 = s.iter().sum();
        s.iter()
            .map(|v| if sum > 0.0 { v / sum } else { 0.0 })
            .collect::<Vec<f64>>()
    };
    let column_shares = keep(shares(whole));
    let columns = largest_remainder(
        &column_shares
            .iter()
            .map(|s| s * total as f64)
            .collect::<Vec<_>>(),
        total,
    );
    let mut cells: Vec<Vec<f64>> = local
        .iter()
        .zip(sizes)
        .map(|(m, &n)| {
            let s = m
                .as_ref()
                .map_or_else(|| column_shares.clone(), |m| keep(shares(m)));
            let s = if s.iter().sum::<f64>() > 0.0 {
                s
            } else {
                column_shares.clone()
            };
            s.iter().map(|v| v * n as f64).collect()
        })
        .collect();
    fit(&mut cells, sizes, &columns);
    let categories = round(&cells, sizes, &columns);
    categories
        .iter()
        .map(|row| spread(row, &whole.targets, choices))
        .collect()
}

/// Iterative proportional fitting of `cells` to the row and column sums.
fn fit(cells: &mut [Vec<f64>], rows: &[usize], columns: &[usize]) {
    for _ in 0..200 {
        for (row, &target) in cells.iter_mut().zip(rows) {
            let sum: f64 = row.iter().sum();
            if sum > 0.0 {
                row.iter_mut().for_each(|v| *v *= target as f64 / sum);
            }
        }
        for (c, &target) in columns.iter().enumerate() {
            let sum: f64 = cells.iter().map(|r| r[c]).sum();
            if sum > 0.0 {
                cells.iter_mut().for_each(|r| r[c] *= target as f64 / sum);
            }
        }
    }
}

/// Whole numbers with these row and column sums, close to `cells`: the
/// floors, then one more where the fraction is largest and both the row and
/// the column still lack households.
fn round(cells: &[Vec<f64>], rows: &[usize], columns: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = cells
        .iter()
        .map(|r| r.iter().map(|v| v.floor() as usize).collect())
        .collect();
    let mut row_left: Vec<isize> = out
        .iter()
        .zip(rows)
        .map(|(r, &n)| n as isize - r.iter().sum::<usize>() as isize)
        .collect();
    let mut column_left: Vec<isize> = columns
        .iter()
        .enumerate()
        .map(|(c, &n)| n as isize - out.iter().map(|r| r[c]).sum::<usize>() as isize)
        .collect();
    let mut fractions: Vec<(f64, usize, usize)> = cells
        .iter()
        .enumerate()
        .flat_map(|(k, r)| {
            r.iter()
                .enumerate()
                .map(move |(c, v)| (v - v.floor(), k, c))
        })
        .collect();
    fractions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, k, c) in fractions {
        if row_left[k] > 0 && column_left[c] > 0 {
            out[k][c] += 1;
            row_left[k] -= 1;
            column_left[c] -= 1;
        }
    }
    // A row still short (rare): its households go where its column lacks most.
    for (k, left) in row_left.iter().enumerate() {
        for _ in 0..*left {
            let c = (0..columns.len())
                .max_by_key(|&c| (column_left[c], cells[k][c] > 0.0))
                .unwrap_or(0);
            out[k][c] += 1;
            column_left[c] -= 1;
        }
    }
    out
}

/// Whole numbers proportional to `values` that add up to `total`.
fn largest_remainder(values: &[f64], total: usize) -> Vec<usize> {
    let mut out: Vec<usize> = values.iter().map(|v| v.floor() as usize).collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        (values[b] - values[b].floor())
            .total_cmp(&(values[a] - values[a].floor()))
            .then(a.cmp(&b))
    });
    let mut left = total.saturating_sub(out.iter().sum());
    for idx in order
        .into_iter()
        .cycle()
        .take(left.max(1) * values.len().max(1))
    {
        if left == 0 {
            break;
        }
        if values[idx] > 0.0 {
            out[idx] += 1;
            left -= 1;
        }
    }
    out
}

/// A buurt's households per category, shared among the choices that answer
/// that category.
fn spread(
    per_category: &[usize],
    categories: &[(String, f64)],
    choices: &[Option<String>],
) -> Vec<usize> {
    let mut out = vec![0; choices.len()];
    for ((category, _), &n) in categories.iter().zip(per_category) {
        let holders: Vec<usize> = (0..choices.len())
            .filter(|&i| choices[i].as_ref() == Some(category))
            .collect();
        let even = vec![n as f64 / holders.len() as f64; holders.len()];
        for (i, share) in holders.iter().zip(largest_remainder(&even, n)) {
            out[*i] += share;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_every_row_and_column_sum() {
        let mut cells = vec![
            vec![3.3, 3.3, 3.4],
            vec![1.5, 6.2, 2.3],
            vec![0.0, 4.0, 1.0],
        ];
        let (rows, columns) = ([10, 10, 5], [6, 12, 7]);
        fit(&mut cells, &rows, &columns);
        let out = round(&cells, &rows, &columns);
        for (row, n) in out.iter().zip(rows) {
            assert_eq!(row.iter().sum::<usize>(), n);
        }
        for (c, n) in columns.iter().enumerate() {
            assert_eq!(out.iter().map(|r| r[c]).sum::<usize>(), *n);
        }
        assert_eq!(largest_remainder(&[1.5, 1.5, 0.0], 3), vec![2, 1, 0]);
    }
}
