//! A checked response as the rows the store keeps: one mapping, used by the
//! service's submissions (pages and API) and by `pwe simulate --db`.

use pwe_core::Survey;
use pwe_core::answers::{Answer, Response};
use pwe_core::channel::Channel;
use pwe_core::export::Stance;
use rand::Rng;

use crate::store::NewResponse;

/// Who submits a response, how and when.
pub struct Submitter<'a> {
    /// The response's identifier (random in the service).
    pub response_id: String,
    /// The household.
    pub household_ref: &'a str,
    /// The id of its version.
    pub version: &'a str,
    /// Its buurt.
    pub buurt: &'a str,
    /// Whether it is a test household.
    pub is_test: bool,
    /// The option ids in the order the household saw them; an option not in
    /// it gets position 0 (not shown in a known order).
    pub order: &'a [String],
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When it submitted (RFC 3339).
    pub submitted_at: String,
    /// How the response came in.
    pub channel: Channel,
}

/// The rows of `response`: every option with its level and position, each
/// motivation with its stance (`pro` for a chosen option, `contra` for one
/// not chosen), every answer given; and a fresh random receipt.
pub fn rows(survey: &Survey, who: Submitter<'_>, response: &Response) -> NewResponse {
    let position = |id: &str| {
        who.order
            .iter()
            .position(|o| o == id)
            .map_or(0, |p| p as i64 + 1)
    };
    let options = survey.options().iter().enumerate();
    let choices = options
        .clone()
        .map(|(idx, option)| {
            let level = i64::from(response.portfolio.level(idx));
            (option.id.clone(), level, position(&option.id))
        })
        .collect();
    let motivations = options
        .zip(&response.motivations)
        .filter_map(|((idx, option), text)| {
            let stance = Stance::of_level(response.portfolio.level(idx));
            Some((option.id.clone(), stance.code().to_string(), text.clone()?))
        })
        .collect();
    // Background answers first, then evaluation, each in the survey's order.
    let answered = |section: &'static str, ids: Vec<&String>, answers: &[Option<Answer>]| {
        ids.into_iter()
            .zip(answers)
            .filter_map(|(id, answer)| {
                let answer = answer.as_ref()?;
                Some((
                    section.to_string(),
                    id.clone(),
                    answer.to_cell(),
                    answer.is_free_text(),
                ))
            })
            .collect::<Vec<_>>()
    };
    let mut answers = answered(
        "background",
        survey.background().iter().map(|q| &q.id).collect(),
        &response.background,
    );
    answers.extend(answered(
        "evaluation",
        survey.evaluation().iter().map(|q| &q.id).collect(),
        &response.evaluation,
    ));
    NewResponse {
        response_id: who.response_id,
        household_ref: who.household_ref.to_string(),
        version: who.version.to_string(),
        buurt: who.buurt.to_string(),
        is_test: who.is_test,
        started_at: who.started_at,
        submitted_at: who.submitted_at,
        receipt: receipt(),
        channel: who.channel,
        choices,
        motivations,
        answers,
    }
}

/// The receipt shown to the resident: 48 random bits from the thread's
/// cryptographic generator (seeded by the operating system), as
/// `XXXX-XXXX-XXXX`. Random rather than derived from
/// the answers, so that it says nothing of them: two households with the
/// same answers get different receipts, and nobody who dictated the answers
/// can check them against it. It is stored with the response and erased by
/// the purge.
fn receipt() -> String {
    let bytes: [u8; 6] = rand::rng().random();
    let digits = hex::encode_upper(bytes);
    format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..12])
}

#[cfg(test)]
mod tests {
    use super::*;
    use pwe_core::Portfolio;
    use sha2::{Digest, Sha256};

    fn survey() -> Survey {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../surveys/mall-parkeren.toml"
        );
        Survey::parse(
            &std::fs::read_to_string(path).unwrap(),
            "mall-parkeren.toml",
        )
        .unwrap()
    }

    /// The receipt as it was before issue 25: an unkeyed hash of the
    /// answers, which a guesser could recompute.
    fn old_receipt(response: &NewResponse) -> String {
        let mut hasher = Sha256::new();
        for (option, level, _) in &response.choices {
            hasher.update(format!("c:{option}={level};"));
        }
        for (option, stance, text) in &response.motivations {
            hasher.update(format!("m:{option}:{stance}={text};"));
        }
        for (section, question, value, _) in &response.answers {
            hasher.update(format!("a:{section}.{question}={value};"));
        }
        let digest = hex::encode(hasher.finalize());
        format!("{}-{}-{}", &digest[..4], &digest[4..8], &digest[8..12]).to_uppercase()
    }

    fn rows_of(survey: &Survey, household_ref: &str) -> NewResponse {
        let n_options = survey.options().len();
        let response = Response {
            portfolio: Portfolio::from_levels(survey, vec![0; n_options]).unwrap(),
            motivations: vec![None; n_options],
            background: vec![None; survey.background().len()],
            evaluation: vec![None; survey.evaluation().len()],
        };
        let who = Submitter {
            response_id: format!("r-{household_ref}"),
            household_ref,
            version: "a",
            buurt: "BU1",
            is_test: false,
            order: &[],
            started_at: "2027-01-12T10:00:00Z".into(),
            submitted_at: "2027-01-12T10:20:00Z".into(),
            channel: Channel::Online,
        };
        rows(survey, who, &response)
    }

    #[test]
    fn identical_answers_get_different_random_receipts() {
        let survey = survey();
        let first = rows_of(&survey, "h1");
        let second = rows_of(&survey, "h2");
        assert_eq!(first.choices, second.choices, "the same answers");
        assert_ne!(first.receipt, second.receipt);
        for new in [&first, &second] {
            assert_ne!(new.receipt, old_receipt(new), "not the answers' hash");
            let groups: Vec<&str> = new.receipt.split('-').collect();
            assert_eq!(groups.len(), 3, "{}", new.receipt);
            assert!(groups.iter().all(|g| {
                g.len() == 4
                    && g.chars()
                        .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
            }));
        }
    }
}
