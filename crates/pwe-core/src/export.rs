//! The export format's contract (docs/export-format.md), defined once: the
//! files, their fixed columns and the words in them. pwe-service writes it,
//! `pwe simulate` writes it through the same writer, pwe-analysis reads it.

use crate::flow::STEPS;

/// A file of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFile {
    /// One row per response, with the background answers.
    Responses,
    /// One row per response and option.
    Choices,
    /// One row per motivation.
    Motivations,
    /// One row per evaluation answer.
    Evaluation,
    /// One row per follow-up answer.
    Followup,
    /// One row per buurt: invited, started, submitted, where households stopped.
    Participation,
}

impl ExportFile {
    /// Every file, in the order they are written.
    pub const ALL: [ExportFile; 6] = [
        ExportFile::Responses,
        ExportFile::Choices,
        ExportFile::Motivations,
        ExportFile::Evaluation,
        ExportFile::Followup,
        ExportFile::Participation,
    ];

    /// The file's name in the export folder.
    pub const fn name(self) -> &'static str {
        match self {
            ExportFile::Responses => "responses.csv",
            ExportFile::Choices => "choices.csv",
            ExportFile::Motivations => "motivations.csv",
            ExportFile::Evaluation => "evaluation.csv",
            ExportFile::Followup => "followup.csv",
            ExportFile::Participation => "participation.csv",
        }
    }

    /// The file of a name, if it is one.
    pub fn named(name: &str) -> Option<ExportFile> {
        ExportFile::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The columns every export of the file starts with; responses.csv adds
    /// one column per background question, participation.csv one per step.
    pub fn columns(self) -> Vec<String> {
        let fixed: &[&str] = match self {
            ExportFile::Responses => &RESPONSE_COLUMNS,
            ExportFile::Choices => &["response_id", "option_id", "level", "position"],
            ExportFile::Motivations => &["response_id", "option_id", "stance", "text"],
            ExportFile::Evaluation | ExportFile::Followup => &["response_id", "item_id", "value"],
            ExportFile::Participation => &["buurt", "invited", "started", "submitted"],
        };
        let mut columns: Vec<String> = fixed.iter().map(|c| c.to_string()).collect();
        if self == ExportFile::Participation {
            columns.extend(STEPS.iter().map(|step| stopped_column(step)));
        }
        columns
    }
}

/// The fixed columns of responses.csv, before the background answers.
/// The file beside a simulated export (`pwe simulate --out`, or the export
/// of a database `pwe simulate --db` filled), saying so: whatever is made
/// from such an export is marked as simulated.
pub const SIMULATED_FILE: &str = "SIMULATED.txt";

/// What [`SIMULATED_FILE`] says.
pub const SIMULATED_NOTE: &str =
    "These responses were made by pwe simulate: they are not residents' answers.\n";

pub const RESPONSE_COLUMNS: [&str; 6] = [
    "response_id",
    "version",
    "buurt",
    "started_at",
    "submitted_at",
    "channel",
];

/// participation.csv's column of the households that stopped at `step`.
pub fn stopped_column(step: &str) -> String {
    format!("stopped_at_{step}")
}

/// Whether a motivation argues for an option the household chose, or
/// against one it left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    /// For a chosen option.
    Pro,
    /// Against an option not chosen.
    Contra,
}

impl Stance {
    /// The stance of a motivation of an option chosen at `level` (0: not chosen).
    pub fn of_level(level: u8) -> Stance {
        if level > 0 {
            Stance::Pro
        } else {
            Stance::Contra
        }
    }

    /// The word in the export.
    pub fn code(self) -> &'static str {
        match self {
            Stance::Pro => "pro",
            Stance::Contra => "contra",
        }
    }

    /// The stance a word names.
    pub fn parse(word: &str) -> Option<Stance> {
        match word {
            "pro" => Some(Stance::Pro),
            "contra" => Some(Stance::Contra),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_words_round_trip() {
        for file in ExportFile::ALL {
            assert_eq!(ExportFile::named(file.name()), Some(file));
        }
        for stance in [Stance::Pro, Stance::Contra] {
            assert_eq!(Stance::parse(stance.code()), Some(stance));
        }
        assert_eq!(
            ExportFile::Participation.columns().last().unwrap(),
            "stopped_at_confirm"
        );
    }
}
