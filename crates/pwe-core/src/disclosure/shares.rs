//! The counts behind the published option shares, built one way for every
//! output that publishes them: the analysis's tables, summary and report, and
//! the service's public results page. Both build the same [`Release`] from the
//! same responses, so complementary suppression hides the same totals in
//! both, and no output gives back what another suppressed.
//!
//! The counts: per option the households that chose it (at any level); per
//! exclusive group those that chose any of its options (the sum of its
//! options'); per option and buurt; per option and answer of every
//! single-choice background question, with the households that did not
//! answer it as an unpublished part, so that every group's parts add up to
//! the option's total.

use std::collections::BTreeMap;

use super::protect::{ProtectError, protect};
use super::{CountId, Release};
use crate::Survey;
use crate::survey::{Choice, PREFER_NOT_TO_SAY, QuestionKind};

/// The responses the shares are counted over (those whose portfolio keeps
/// the rules of their version; test households left out).
#[derive(Debug, Clone, Copy)]
pub struct Respondents<'a, T> {
    /// `levels[response][option_idx]`: the level chosen, 0 for none.
    pub levels: &'a [Vec<u8>],
    /// Each response's buurt.
    pub buurt: &'a [String],
    /// `background[question_idx][response]`: the answer, if any, in the
    /// survey's order of background questions.
    pub background: &'a [Vec<Option<T>>],
}

impl<T: AsRef<str>> Respondents<'_, T> {
    /// How many responses there are.
    pub fn n(&self) -> usize {
        self.levels.len()
    }

    /// Whether `response` chose `option_idx` at any level.
    pub fn chose(&self, response: usize, option_idx: usize) -> bool {
        self.levels[response][option_idx] > 0
    }
}

/// One published cell of a table of shares per group: an option among the
/// members of a group.
#[derive(Debug, Clone)]
pub struct Cell {
    /// `buurt`, or the background question's id.
    pub variable: String,
    /// The buurt's code, or the answer's id.
    pub group: String,
    /// The option.
    pub option: usize,
    /// The responses in the group.
    pub members: Vec<usize>,
    /// Its count in the release.
    pub count: CountId,
}

/// The protected counts of the option shares.
#[derive(Debug, Clone)]
pub struct SharesRelease {
    /// Every count, after complementary suppression.
    pub release: Release,
    /// Per option, the households that chose it.
    pub totals: Vec<CountId>,
    /// Per exclusive group of the survey, the households that chose any of it.
    pub exclusive: Vec<CountId>,
    /// Per buurt (in code order), every option.
    pub by_buurt: Vec<Cell>,
    /// Per single-choice background question and answer, every option.
    pub by_group: Vec<Cell>,
}

impl SharesRelease {
    /// Whether the option's total may be published.
    pub fn total_shown(&self, option_idx: usize) -> bool {
        self.release.is_shown(self.totals[option_idx])
    }
}

/// Counts the shares of `respondents` and protects them.
///
/// # Errors
/// A count that cannot be protected, or a failed audit.
pub fn shares_release<T: AsRef<str>>(
    survey: &Survey,
    respondents: &Respondents<'_, T>,
) -> Result<SharesRelease, ProtectError> {
    let mut release = Release::default();
    let n = respondents.n();
    let totals: Vec<CountId> = survey
        .options()
        .iter()
        .enumerate()
        .map(|(option_idx, option)| {
            let chosen = (0..n).filter(|&r| respondents.chose(r, option_idx)).count();
            release.count(format!("shares.csv {}", option.id), n, chosen)
        })
        .collect();
    let exclusive = exclusive_counts(survey, respondents, &mut release, &totals);
    let mut by_buurt = Groups::default();
    let mut buurten: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (r, buurt) in respondents.buurt.iter().enumerate() {
        buurten.entry(buurt).or_default().push(r);
    }
    for (buurt, members) in buurten {
        by_buurt.add(
            survey,
            respondents,
            &mut release,
            ("shares_by_buurt", "buurt"),
            buurt,
            members,
        );
    }
    by_buurt.close(survey, respondents, &mut release, "buurt", &[], &totals);
    let by_group = background_groups(survey, respondents, &mut release, &totals);
    by_buurt.bound_exclusive(survey, &mut release);
    by_group.bound_exclusive(survey, &mut release);
    protect(&mut release)?;
    Ok(SharesRelease {
        release,
        totals,
        exclusive,
        by_buurt: by_buurt.cells,
        by_group: by_group.cells,
    })
}

/// Per exclusive group, the count that chose any of its options, which is the
/// sum of its options' counts (a household chooses at most one).
fn exclusive_counts<T: AsRef<str>>(
    survey: &Survey,
    respondents: &Respondents<'_, T>,
    release: &mut Release,
    totals: &[CountId],
) -> Vec<CountId> {
    let n = respondents.n();
    survey
        .rules()
        .exclusive
        .iter()
        .map(|group| {
            let chosen = (0..n)
                .filter(|&r| group.options.iter().any(|&o| respondents.chose(r, o)))
                .count();
            let id = release.count(format!("summary.json group_shares {}", group.id), n, chosen);
            let parts: Vec<CountId> = group.options.iter().map(|&o| totals[o]).collect();
            // A response that breaks the rule would break the sum; such
            // responses are not counted, but the sum is only recorded if true.
            if parts.iter().map(|&p| release.get(p).value).sum::<usize>() == chosen {
                release.line(id, parts);
            }
            id
        })
        .collect()
}

/// Per answer of every single-choice background question, every option.
/// Those who answered "zeg ik liever niet" count with those who did not
/// answer, never as a group of their own: they chose not to be described,
/// and a small such group beside the unanswered could not be protected.
fn background_groups<T: AsRef<str>>(
    survey: &Survey,
    respondents: &Respondents<'_, T>,
    release: &mut Release,
    totals: &[CountId],
) -> Groups {
    let mut groups = Groups::default();
    for (question_idx, question) in survey.background().iter().enumerate() {
        let QuestionKind::Single(choices) = &question.kind else {
            continue;
        };
        let answers = &respondents.background[question_idx];
        let answer = |r: usize| answers[r].as_ref().map(AsRef::as_ref);
        let choices: Vec<&Choice> = choices
            .iter()
            .filter(|c| c.id != PREFER_NOT_TO_SAY)
            .collect();
        for choice in &choices {
            let members: Vec<usize> = (0..respondents.n())
                .filter(|&r| answer(r) == Some(choice.id.as_str()))
                .collect();
            groups.add(
                survey,
                respondents,
                release,
                ("shares_by_group", &question.id),
                &choice.id,
                members,
            );
        }
        let unanswered: Vec<usize> = (0..respondents.n())
            .filter(|&r| !choices.iter().any(|c| answer(r) == Some(c.id.as_str())))
            .collect();
        groups.close(
            survey,
            respondents,
            release,
            &question.id,
            &unanswered,
            totals,
        );
    }
    groups
}

/// The cells of one table of shares per group, and per variable the
/// unpublished counts of those who did not answer it.
#[derive(Default)]
struct Groups {
    cells: Vec<Cell>,
    /// Per variable: the households that did not answer it, and per option
    /// how many of them chose it.
    unanswered: Vec<(usize, Vec<CountId>)>,
}

impl Groups {
    /// Adds every option's count among `members`.
    fn add<T: AsRef<str>>(
        &mut self,
        survey: &Survey,
        respondents: &Respondents<'_, T>,
        release: &mut Release,
        (table, variable): (&str, &str),
        group: &str,
        members: Vec<usize>,
    ) {
        for (option_idx, option) in survey.options().iter().enumerate() {
            let chosen = members
                .iter()
                .filter(|&&r| respondents.chose(r, option_idx))
                .count();
            let count = release.count(
                format!("{table} {variable}={group} {}", option.id),
                members.len(),
                chosen,
            );
            self.cells.push(Cell {
                variable: variable.to_string(),
                group: group.to_string(),
                option: option_idx,
                members: members.clone(),
                count,
            });
        }
    }

    /// Records, per option, that the groups of `variable` (and those who did
    /// not answer it, `unanswered`, never published) add up to the total.
    fn close<T: AsRef<str>>(
        &mut self,
        survey: &Survey,
        respondents: &Respondents<'_, T>,
        release: &mut Release,
        variable: &str,
        unanswered: &[usize],
        totals: &[CountId],
    ) {
        let mut missing = Vec::new();
        for (option_idx, option) in survey.options().iter().enumerate() {
            let mut parts: Vec<CountId> = self
                .cells
                .iter()
                .filter(|c| c.variable == variable && c.option == option_idx)
                .map(|c| c.count)
                .collect();
            if !unanswered.is_empty() {
                let chosen = unanswered
                    .iter()
                    .filter(|&&r| respondents.chose(r, option_idx))
                    .count();
                let id = release.unpublished(
                    format!("{variable}=(no answer) {}", option.id),
                    unanswered.len(),
                    chosen,
                );
                parts.push(id);
                missing.push(id);
            }
            release.line(totals[option_idx], parts);
        }
        if !missing.is_empty() {
            self.unanswered.push((unanswered.len(), missing));
        }
    }

    /// Within every group, the options of an exclusive group were chosen by
    /// at most the group's size together.
    fn bound_exclusive(&self, survey: &Survey, release: &mut Release) {
        for exclusive in &survey.rules().exclusive {
            let mut per_group: BTreeMap<(&str, &str), (usize, Vec<CountId>)> = BTreeMap::new();
            for cell in &self.cells {
                if exclusive.options.contains(&cell.option) {
                    per_group
                        .entry((&cell.variable, &cell.group))
                        .or_insert((cell.members.len(), vec![]))
                        .1
                        .push(cell.count);
                }
            }
            for (size, parts) in per_group.into_values() {
                release.at_most(parts, size);
            }
            for (size, missing) in &self.unanswered {
                let parts = missing
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| exclusive.options.contains(o))
                    .map(|(_, &id)| id)
                    .collect();
                release.at_most(parts, *size);
            }
        }
    }
}
