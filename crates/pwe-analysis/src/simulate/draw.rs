//! The answers of one simulated household to every question, as a resident
//! would give them: "zeg ik liever niet" and skipped optional questions at
//! the params' rates, every question kind, texts only from the params file.

use pwe_core::survey::{
    BackgroundQuestion, Choice, EvaluationKind, EvaluationQuestion, PREFER_NOT_TO_SAY, QuestionKind,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::params::{Params, Texts};

/// Draws an index with probability proportional to `weights`.
pub fn index(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut u = rng.random::<f64>() * total;
    for (idx, w) in weights.iter().enumerate() {
        if u < *w {
            return idx;
        }
        u -= w;
    }
    weights.len() - 1
}

/// A standard normal draw (Box–Muller).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// One of `texts`, when there is any.
pub fn pick(rng: &mut ChaCha8Rng, texts: &[String]) -> Option<String> {
    (!texts.is_empty()).then(|| texts[rng.random_range(0..texts.len())].clone())
}

fn offers_prefer_not(choices: &[Choice]) -> bool {
    choices.iter().any(|c| c.id == PREFER_NOT_TO_SAY)
}

/// The answer to a background question. `census` is the household's answer
/// from the census, for a question with a margin.
pub fn background(
    rng: &mut ChaCha8Rng,
    question: &BackgroundQuestion,
    census: Option<&str>,
    params: &Params,
) -> Option<String> {
    let answer = match &question.kind {
        QuestionKind::Single(choices) => {
            let answer =
                census.map_or_else(|| single(rng, question, choices, params), str::to_string);
            if offers_prefer_not(choices) && rng.random::<f64>() < params.prefer_not_rate {
                PREFER_NOT_TO_SAY.to_string()
            } else {
                answer
            }
        }
        QuestionKind::Multiple(choices) => {
            if offers_prefer_not(choices) && rng.random::<f64>() < params.prefer_not_rate {
                PREFER_NOT_TO_SAY.to_string()
            } else {
                multiple(rng, question, choices, params)?
            }
        }
        QuestionKind::Number { min, max } => number(rng, question, *min, *max, params).to_string(),
        QuestionKind::Text { .. } => {
            let texts = params
                .texts
                .as_ref()
                .and_then(|t| t.answers.get(&question.id))?;
            pick(rng, texts)?
        }
    };
    let skipped = !question.required && rng.random::<f64>() < params.skip_rate;
    (!skipped).then_some(answer)
}

fn single(
    rng: &mut ChaCha8Rng,
    question: &BackgroundQuestion,
    choices: &[Choice],
    params: &Params,
) -> String {
    match params.background.get(&question.id) {
        Some(shares) => {
            let weights: Vec<f64> = shares.iter().map(|(_, w)| *w).collect();
            shares[index(rng, &weights)].0.clone()
        }
        None => {
            let real: Vec<&Choice> = choices
                .iter()
                .filter(|c| c.id != PREFER_NOT_TO_SAY)
                .collect();
            real[rng.random_range(0..real.len())].id.clone()
        }
    }
}

/// Each choice ticked with its chance (the params' share, else 0.3); a
/// required question gets at least one.
fn multiple(
    rng: &mut ChaCha8Rng,
    question: &BackgroundQuestion,
    choices: &[Choice],
    params: &Params,
) -> Option<String> {
    let chance = |id: &str| {
        params.background.get(&question.id).map_or(0.3, |shares| {
            shares
                .iter()
                .find(|(c, _)| c == id)
                .map_or(0.0, |(_, s)| s.min(1.0))
        })
    };
    let real: Vec<&Choice> = choices
        .iter()
        .filter(|c| c.id != PREFER_NOT_TO_SAY)
        .collect();
    let mut ticked: Vec<&str> = real
        .iter()
        .filter(|c| rng.random::<f64>() < chance(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    if ticked.is_empty() {
        if !question.required {
            return None;
        }
        ticked.push(&real[rng.random_range(0..real.len())].id);
    }
    Some(ticked.join(";"))
}

fn number(
    rng: &mut ChaCha8Rng,
    question: &BackgroundQuestion,
    min: i64,
    max: i64,
    params: &Params,
) -> i64 {
    match params.numbers.get(&question.id) {
        Some(draw) => ((draw.mean + draw.sd * normal(rng)).round() as i64).clamp(min, max),
        None => rng.random_range(min..=max),
    }
}

/// The answer to an evaluation question: statements and grades from fixed
/// spreads (numbers, no words), open remarks from the params' texts.
pub fn evaluation(
    rng: &mut ChaCha8Rng,
    question: &EvaluationQuestion,
    params: &Params,
) -> Option<String> {
    if !question.required && rng.random::<f64>() < params.skip_rate {
        return None;
    }
    match question.kind {
        EvaluationKind::Likert5 => {
            Some((index(rng, &[0.06, 0.12, 0.27, 0.38, 0.17]) + 1).to_string())
        }
        EvaluationKind::Grade => Some(
            index(
                rng,
                &[
                    0.0, 0.0, 0.01, 0.02, 0.04, 0.08, 0.17, 0.28, 0.25, 0.1, 0.05,
                ],
            )
            .to_string(),
        ),
        EvaluationKind::Text { .. } => {
            let remarks = params
                .texts
                .as_ref()
                .map_or(&[][..], |t: &Texts| &t.remarks);
            (rng.random::<f64>() < 0.2)
                .then(|| pick(rng, remarks))
                .flatten()
        }
    }
}

/// A motivation for the option titled `title`, for it (`pro`) or against it.
pub fn motivation(rng: &mut ChaCha8Rng, texts: &Texts, title: &str, pro: bool) -> Option<String> {
    pick(rng, if pro { &texts.pro } else { &texts.contra }).map(|t| t.replace("{option}", title))
}
