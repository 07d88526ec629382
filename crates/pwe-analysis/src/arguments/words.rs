//! Distinctive words of a group of motivations against all others: the
//! weighted log-odds ratio with an informative Dirichlet prior (Monroe,
//! Colaresi and Quinn 2008, "Fightin' words", eq. 16–22), with the whole
//! corpus's word frequencies as the prior.

use std::collections::BTreeMap;

/// Common Dutch and English words that say nothing about a value.
const STOPWORDS: &[&str] = &[
    "de", "het", "een", "en", "van", "in", "is", "dat", "op", "te", "voor", "met", "niet", "die",
    "er", "zijn", "aan", "om", "ook", "als", "dan", "maar", "bij", "of", "nu", "dit", "door",
    "naar", "wat", "wel", "ik", "je", "we", "wij", "mijn", "ons", "onze", "zo", "al", "nog", "kan",
    "moet", "wordt", "worden", "gaat", "gaan", "hier", "daar", "deze", "meer", "minder", "veel",
    "hoe", "waar", "omdat", "want", "u", "hun", "zij", "ze", "the", "a", "an", "and", "of", "to",
    "is", "it", "for", "this", "that", "on", "with", "not", "be", "are", "i", "we", "in",
];

/// A word that sets a group apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Distinctive {
    /// The word.
    pub word: String,
    /// The z-score of its log-odds ratio (positive: more used in the group).
    pub z: f64,
}

/// Weighted word counts of a group.
pub type Counts = BTreeMap<String, f64>;

/// Adds the words of `text` with weight `w` to `counts`, without stopwords.
pub fn count(counts: &mut Counts, words: &[String], w: f64) {
    for word in words {
        if word.chars().count() > 2
            && !STOPWORDS.contains(&word.as_str())
            && !word.chars().all(|c| c.is_ascii_digit())
        {
            *counts.entry(word.clone()).or_default() += w;
        }
    }
}

/// The `top` most distinctive words of `group` against `rest`, with the
/// corpus (`group` + `rest`) scaled to `prior_size` as the Dirichlet prior.
pub fn distinctive(group: &Counts, rest: &Counts, prior_size: f64, top: usize) -> Vec<Distinctive> {
    let mut corpus = rest.clone();
    for (w, c) in group {
        *corpus.entry(w.clone()).or_default() += c;
    }
    let corpus_total: f64 = corpus.values().sum();
    if corpus_total == 0.0 {
        return Vec::new();
    }
    let n_group: f64 = group.values().sum();
    let n_rest: f64 = rest.values().sum();
    let mut scores: Vec<Distinctive> = corpus
        .iter()
        .map(|(word, total)| {
            let alpha = prior_size * total / corpus_total;
            let yi = group.get(word).copied().unwrap_or(0.0);
            let yj = rest.get(word).copied().unwrap_or(0.0);
            let delta = ((yi + alpha) / (n_group + prior_size - yi - alpha)).ln()
                - ((yj + alpha) / (n_rest + prior_size - yj - alpha)).ln();
            let variance = 1.0 / (yi + alpha) + 1.0 / (yj + alpha);
            Distinctive {
                word: word.clone(),
                z: delta / variance.sqrt(),
            }
        })
        .collect();
    scores.sort_by(|a, b| b.z.total_cmp(&a.z).then(a.word.cmp(&b.word)));
    scores.truncate(top);
    scores.retain(|d| d.z > 0.0);
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_odds_follow_the_formula() {
        let group: Counts = [("duur".to_string(), 8.0), ("fiets".to_string(), 2.0)].into();
        let rest: Counts = [("duur".to_string(), 2.0), ("fiets".to_string(), 8.0)].into();
        let top = distinctive(&group, &rest, 10.0, 5);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].word, "duur");
        // α = 10 · 10/20 = 5; δ = ln(13/7) − ln(7/13); var = 1/13 + 1/7.
        let expected =
            ((13.0f64 / 7.0).ln() - (7.0f64 / 13.0).ln()) / (1.0f64 / 13.0 + 1.0 / 7.0).sqrt();
        assert!((top[0].z - expected).abs() < 1e-12);
    }
}
