//! What can be wrong with a survey file, said with its place.

use std::fmt;

/// One problem in a survey file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line in the file (1-based) of the table the problem is in, when known.
    pub line: Option<usize>,
    /// The field, written as a path such as `options[3] "handhaving".cost`.
    pub field: String,
    /// What is wrong, in words a survey author understands.
    pub reason: String,
}

/// A survey file that cannot be used, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SurveyError {
    /// The file name given to the parser, used in every message.
    pub file: String,
    /// Every problem found; never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for SurveyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} has {n} problem{}",
            self.file,
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n  {}", self.locate(problem))?;
        }
        Ok(())
    }
}

impl SurveyError {
    /// One problem written as `file:line: field: reason`.
    pub fn locate(&self, problem: &Problem) -> String {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        };
        if problem.field.is_empty() {
            format!("{place}: {}", problem.reason)
        } else {
            format!("{place}: {}: {}", problem.field, problem.reason)
        }
    }
}
