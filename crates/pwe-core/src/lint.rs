//! Advice about a survey that is valid but may not serve its purpose well.

use chrono::Duration;

use crate::survey::Survey;

/// The shortest open window the municipality accepts for online participation.
pub const MIN_OPEN_DAYS: i64 = 21;

/// Every piece of advice about `survey`, as sentences for the survey's author.
pub fn lint(survey: &Survey) -> Vec<String> {
    let mut advice = Vec::new();
    let meta = survey.meta();
    let open = meta.closes - meta.opens;
    if open < Duration::days(MIN_OPEN_DAYS) {
        advice.push(format!(
            "the survey is open for {}; online participation should be open for at least three weeks ({MIN_OPEN_DAYS} days)",
            crate::format::duration(open, crate::text::Lang::En)
        ));
    }
    for question in &meta.research_questions {
        if !survey
            .evaluation()
            .iter()
            .any(|q| q.research_question.as_ref() == Some(question))
        {
            advice.push(format!(
                "no evaluation question is linked to research question {question}"
            ));
        }
    }
    for &theme in &meta.evaluation_themes {
        if !survey.evaluation().iter().any(|q| q.theme == Some(theme)) {
            advice.push(format!(
                "no evaluation question touches the ACTIE theme {}",
                theme.name()
            ));
        }
    }
    let versions = survey.versions();
    let varies = versions
        .iter()
        .any(|v| v.budget != versions[0].budget || v.costs != versions[0].costs);
    if !varies {
        advice.push(
            "no version varies the budget or the costs, so the analysis cannot put a money value on options"
                .to_string(),
        );
    }
    advice
}
