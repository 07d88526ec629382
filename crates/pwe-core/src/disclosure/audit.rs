//! The audit of a [`Release`], as τ-ARGUS audits a table: for every suppressed
//! count, the smallest and largest value it can take given everything
//! published (each published count, exactly or within its rounding, every
//! sum that ties counts, every group's size), by linear programming.
//!
//! A sensitive count is protected when that interval, narrowed to whole
//! households, spans at least [`required_range`] households: half its
//! group's size (rounded up), at most half of [`MIN_GROUP`]. So no count is
//! ever recovered, the choice of a group of one or two is unknown, and a
//! reader is left with at least half a small group of doubt. (Asking for a
//! small group's whole range made every total that shares a sum with two
//! small groups suppressed as well: safe, but nothing left to publish.)
//!
//! The linear program is a relaxation: a reader who also uses that counts are
//! whole numbers can do no better than its interval narrowed to whole numbers,
//! which is what the audit reports. A reader who knows the suppression rules
//! themselves (that a suppressed overall count is under 10 or within 10 of
//! the total) is not modelled, as in τ-ARGUS.

use std::collections::{BTreeSet, VecDeque};

use microlp::{ComparisonOp, OptimizationDirection, Problem};

use super::{CountId, MIN_GROUP, Release, Shown};

/// Whole households a sensitive count's feasible interval must span (upper
/// minus lower bound): half its group's size, rounded up, and at most half
/// of [`MIN_GROUP`].
pub fn required_range(group_size: usize) -> usize {
    group_size.min(MIN_GROUP).div_ceil(2)
}

/// The values a count can take given everything published, in households.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// The smallest.
    pub lower: usize,
    /// The largest.
    pub upper: usize,
}

impl Interval {
    /// How many households apart the bounds are.
    pub fn width(&self) -> usize {
        self.upper.saturating_sub(self.lower)
    }
}

/// A sensitive count that the published figures pin down too closely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// The count.
    pub count: CountId,
    /// Where it is published.
    pub label: String,
    /// What a reader can work out.
    pub interval: Interval,
    /// The width it needed.
    pub required: usize,
}

impl std::fmt::Display for Exposure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: the published figures place it between {} and {} households, fewer than the {} apart required",
            self.label, self.interval.lower, self.interval.upper, self.required
        )
    }
}

/// Why the audit could not judge a release.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// No counts fit the published figures: they contradict each other.
    #[error("the published figures around {label} contradict each other")]
    Inconsistent {
        /// The count whose interval was sought.
        label: String,
    },
    /// The solver failed.
    #[error("the linear program for {label} failed: {reason}")]
    Solver {
        /// The count whose interval was sought.
        label: String,
        /// The solver's message.
        reason: String,
    },
}

/// Every sensitive suppressed count whose feasible interval is narrower than
/// [`required_range`]; empty when the release is safe.
///
/// # Errors
/// Published figures that contradict each other, or a solver failure.
pub fn audit(release: &Release) -> Result<Vec<Exposure>, AuditError> {
    let relations = Relations::new(release);
    let mut exposed = Vec::new();
    for (id, count) in release.counts() {
        if !count.sensitive || count.shown != Shown::Suppressed {
            continue;
        }
        let interval = relations.interval(release, id)?;
        let required = required_range(count.group_size);
        if interval.width() < required {
            exposed.push(Exposure {
                count: id,
                label: count.label.clone(),
                interval,
                required,
            });
        }
    }
    Ok(exposed)
}

/// The values `id` can take given everything published.
///
/// # Errors
/// Published figures that contradict each other, or a solver failure.
pub fn interval(release: &Release, id: CountId) -> Result<Interval, AuditError> {
    Relations::new(release).interval(release, id)
}

/// A sum or bound of the release, by index.
#[derive(Debug, Clone, Copy)]
enum Relation {
    Line(usize),
    AtMost(usize),
}

/// For every count, the relations it appears in.
struct Relations(Vec<Vec<Relation>>);

impl Relations {
    fn new(release: &Release) -> Self {
        let mut of = vec![Vec::new(); release.counts.len()];
        for (i, line) in release.lines.iter().enumerate() {
            for id in std::iter::once(&line.total).chain(&line.parts) {
                of[id.0].push(Relation::Line(i));
            }
        }
        for (i, bound) in release.at_most.iter().enumerate() {
            for id in &bound.parts {
                of[id.0].push(Relation::AtMost(i));
            }
        }
        Relations(of)
    }

    /// The counts of a relation with their coefficients (the total +1, the
    /// parts minus their weight, so that a line sums to 0), and the right-hand side.
    fn terms(release: &Release, relation: Relation) -> (Vec<(CountId, f64)>, ComparisonOp, f64) {
        match relation {
            Relation::Line(i) => {
                let line = &release.lines[i];
                let mut terms = vec![(line.total, 1.0)];
                terms.extend(
                    line.parts
                        .iter()
                        .zip(&line.weights)
                        .map(|(&p, &w)| (p, -f64::from(w))),
                );
                (terms, ComparisonOp::Eq, 0.0)
            }
            Relation::AtMost(i) => {
                let bound = &release.at_most[i];
                let terms = bound.parts.iter().map(|&p| (p, 1.0)).collect();
                (terms, ComparisonOp::Le, bound.bound as f64)
            }
        }
    }

    fn interval(&self, release: &Release, target: CountId) -> Result<Interval, AuditError> {
        let bounds = |id: CountId| -> (usize, usize) {
            let count = release.get(id);
            match count.shown {
                Shown::Suppressed => (0, count.group_size),
                Shown::Within(lower, upper) => (lower, upper),
            }
        };
        let free = |id: CountId| {
            let (lower, upper) = bounds(id);
            lower < upper
        };
        // The counts a reader does not know exactly that are tied to the
        // target through relations; known counts are constants.
        let mut component = BTreeSet::from([target]);
        let mut relations = BTreeSet::new();
        let mut queue = VecDeque::from([target]);
        while let Some(id) = queue.pop_front() {
            for &relation in &self.0[id.0] {
                let key = match relation {
                    Relation::Line(i) => (0, i),
                    Relation::AtMost(i) => (1, i),
                };
                if !relations.insert(key) {
                    continue;
                }
                let (terms, _, _) = Self::terms(release, relation);
                for (other, _) in terms {
                    if free(other) && component.insert(other) {
                        queue.push_back(other);
                    }
                }
            }
        }
        let label = &release.get(target).label;
        let solve =
            |direction: OptimizationDirection| -> Result<f64, AuditError> {
                let mut problem = Problem::new(direction);
                let variables: std::collections::BTreeMap<CountId, microlp::Variable> = component
                    .iter()
                    .map(|&id| {
                        let (lower, upper) = bounds(id);
                        let objective = if id == target { 1.0 } else { 0.0 };
                        (id, problem.add_var(objective, (lower as f64, upper as f64)))
                    })
                    .collect();
                for &(kind, i) in &relations {
                    let relation = if kind == 0 {
                        Relation::Line(i)
                    } else {
                        Relation::AtMost(i)
                    };
                    let (terms, op, mut rhs) = Self::terms(release, relation);
                    let mut expression = Vec::new();
                    for (id, coefficient) in terms {
                        match variables.get(&id) {
                            Some(&variable) => expression.push((variable, coefficient)),
                            None => rhs -= coefficient * bounds(id).0 as f64,
                        }
                    }
                    if !expression.is_empty() {
                        problem.add_constraint(expression.as_slice(), op, rhs);
                    }
                }
                match problem.solve() {
                    Ok(outcome) => outcome.solution().map(|s| s.objective()).ok_or_else(|| {
                        AuditError::Solver {
                            label: label.clone(),
                            reason: "no solution within the solver's limits".into(),
                        }
                    }),
                    Err(microlp::Error::Infeasible) => Err(AuditError::Inconsistent {
                        label: label.clone(),
                    }),
                    Err(e) => Err(AuditError::Solver {
                        label: label.clone(),
                        reason: e.to_string(),
                    }),
                }
            };
        let lower = solve(OptimizationDirection::Minimize)?;
        let upper = solve(OptimizationDirection::Maximize)?;
        // Counts are whole households: the bounds narrow to whole numbers.
        let lower = (lower - 1e-6).ceil().max(0.0) as usize;
        let upper = (upper + 1e-6).floor().max(0.0) as usize;
        Ok(Interval { lower, upper })
    }
}

#[cfg(test)]
mod tests {
    use super::{Interval, audit, interval};
    use crate::disclosure::Release;

    /// A table of one option by one background question: groups of `sizes`
    /// of which `chosen` chose it, and the total that chose it overall.
    fn table(sizes: &[usize], chosen: &[usize]) -> (Release, Vec<super::CountId>) {
        let mut release = Release::default();
        let n: usize = sizes.iter().sum();
        let total_value: usize = chosen.iter().sum();
        let total = release.count("total", n, total_value);
        let parts: Vec<_> = sizes
            .iter()
            .zip(chosen)
            .enumerate()
            .map(|(i, (&size, &value))| release.count(format!("group {i}"), size, value))
            .collect();
        release.line(total, parts.clone());
        (release, parts)
    }

    #[test]
    fn a_mean_beside_the_counts_gives_two_hidden_values_away() {
        // An item answered by 40 households: values 1 and 2 hidden (3 and 4
        // households), the other counts and the sum of answers (the mean
        // times 40) published. The counts alone leave 7 households to share;
        // the sum says how.
        let mut release = Release::default();
        let answered = release.known("answered", 40);
        let counts: Vec<_> = [3, 4, 23, 10]
            .iter()
            .enumerate()
            .map(|(i, &n)| release.count(format!("value {}", i + 1), 40, n))
            .collect();
        release.line(answered, counts.clone());
        assert_eq!(
            interval(&release, counts[0]).unwrap(),
            Interval { lower: 0, upper: 7 }
        );
        let sum = release.known("sum", 3 + 2 * 4 + 3 * 23 + 4 * 10);
        release.weighted_line(sum, counts.iter().copied().zip([1, 2, 3, 4]).collect());
        assert_eq!(
            interval(&release, counts[0]).unwrap(),
            Interval { lower: 3, upper: 3 }
        );
    }

    #[test]
    fn differencing_recovers_a_lone_suppressed_cell() {
        // The researcher's finding: one household in its own group, every
        // other group and the total published.
        let (release, parts) = table(&[1, 40, 60], &[1, 20, 30]);
        assert_eq!(
            interval(&release, parts[0]).unwrap(),
            Interval { lower: 1, upper: 1 }
        );
        let exposed = audit(&release).unwrap();
        assert_eq!(exposed.len(), 1);
        assert_eq!(exposed[0].label, "group 0");
        assert_eq!(exposed[0].required, 1);
    }

    #[test]
    fn a_second_cell_hides_the_first() {
        let (mut release, parts) = table(&[1, 40, 60], &[1, 20, 30]);
        release.suppress(parts[1]);
        assert_eq!(
            interval(&release, parts[0]).unwrap(),
            Interval { lower: 0, upper: 1 }
        );
        assert!(audit(&release).unwrap().is_empty());
    }

    #[test]
    fn two_empty_cells_give_each_other_away() {
        // Both small groups chose nothing: their sum, 0, tells both.
        let (mut release, parts) = table(&[2, 3, 40, 60], &[0, 0, 20, 30]);
        assert_eq!(audit(&release).unwrap().len(), 2);
        release.suppress(parts[2]);
        assert!(audit(&release).unwrap().is_empty());
    }

    #[test]
    fn rounding_counts_as_an_interval() {
        // The total published only as 50 to 54: the lone cell lies in 1 to 5,
        // capped by its group of 3.
        let (mut release, parts) = table(&[3, 40, 60], &[1, 20, 31]);
        let total = super::CountId(0);
        release.show_within(total, 50, 54);
        assert_eq!(
            interval(&release, parts[0]).unwrap(),
            Interval { lower: 0, upper: 3 }
        );
        assert!(audit(&release).unwrap().is_empty());
    }

    #[test]
    fn a_large_group_needs_five_households_of_doubt() {
        // 3 of 200 chose it; the complement of 25 leaves 0 to 15, enough.
        let (mut release, parts) = table(&[200, 25, 300], &[3, 12, 150]);
        assert_eq!(audit(&release).unwrap()[0].required, 5);
        release.suppress(parts[1]);
        assert_eq!(
            interval(&release, parts[0]).unwrap(),
            Interval {
                lower: 0,
                upper: 15
            }
        );
        assert!(audit(&release).unwrap().is_empty());
    }

    #[test]
    fn contradicting_figures_are_an_error() {
        let (mut release, parts) = table(&[5, 40], &[1, 20]);
        release.show_within(parts[1], 30, 30);
        assert!(audit(&release).is_err());
    }
}
