//! The arguments behind the choices: every motivation linked to its option and
//! stance (chosen = pro, not chosen = contra), coded into value themes by the
//! survey's codebook (or by researchers, whose codes take precedence), with
//! distinctive words and redacted quotes per option and stance.

pub mod codebook;
pub mod coding;
pub mod redact;
pub mod words;

use pwe_core::export::Stance;
use std::collections::{BTreeSet, HashMap};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::figures::{MIN_GROUP, round};
use crate::load::Responses;
use crate::summary::{Agreement, ArgumentCell, Arguments, DistinctiveWord, ThemeCount, ThemeName};
use codebook::{Codebook, Stemmers};
use coding::Codes;
use pwe_core::disclosure::publishable;

/// Quotes drawn per option and stance.
pub const QUOTES: usize = 3;
/// Distinctive words listed per option and stance.
pub const WORDS: usize = 5;

/// The id of a motivation in coding sheets: `response_id:option_id`.
pub fn motivation_id(
    responses: &Responses,
    survey: &pwe_core::Survey,
    m: &crate::load::Motivation,
) -> String {
    format!(
        "{}:{}",
        responses.ids[m.response],
        survey.options()[m.option_idx].id
    )
}

/// Every motivation id with its index, to check coded sheets against.
pub fn known_ids(responses: &Responses, survey: &pwe_core::Survey) -> HashMap<String, usize> {
    responses
        .motivations
        .iter()
        .enumerate()
        .map(|(i, m)| (motivation_id(responses, survey, m), i))
        .collect()
}

/// The rows of a coding sheet: every motivation with text, redacted.
pub fn sheet_rows(
    responses: &Responses,
    survey: &pwe_core::Survey,
) -> Vec<(String, String, String, String)> {
    responses
        .motivations
        .iter()
        .filter_map(|m| {
            let text = m.text.as_deref()?;
            Some((
                motivation_id(responses, survey, m),
                survey.options()[m.option_idx].id.clone(),
                if m.pro { Stance::Pro } else { Stance::Contra }
                    .code()
                    .to_string(),
                redact::redact(text),
            ))
        })
        .collect()
}

/// The arguments as a summary part: themes per option and stance (counts and
/// weighted shares), the share no theme matched, distinctive words, quotes,
/// and agreement between coders and with the codebook. Cells of fewer than
/// [`MIN_GROUP`] motivations keep only their count.
pub fn summarise(
    survey: &pwe_core::Survey,
    responses: &Responses,
    weights: &[f64],
    codebook: &Codebook,
    codes: &Codes,
    seed: u64,
) -> Arguments {
    let with_text: Vec<usize> = (0..responses.motivations.len())
        .filter(|&i| responses.motivations[i].text.is_some())
        .collect();
    // Manual codes name motivations by id; without coders no id is looked up.
    let ids = if codes.is_empty() {
        HashMap::new()
    } else {
        known_ids(responses, survey)
    };
    let coded = Coded::of(responses, &with_text, codebook, codes, &ids);
    let weight = |i: usize| {
        weights
            .get(responses.motivations[i].response)
            .copied()
            .unwrap_or(1.0)
    };
    let mut cells = Vec::new();
    let mut all_counts: Vec<words::Counts> = Vec::new();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut unmatched_w, mut total_w) = (0.0, 0.0);
    for (option_idx, option) in survey.options().iter().enumerate() {
        for pro in [true, false] {
            let members: Vec<usize> = with_text
                .iter()
                .copied()
                .filter(|&i| {
                    responses.motivations[i].option_idx == option_idx
                        && responses.motivations[i].pro == pro
                })
                .collect();
            let cell_w: f64 = members.iter().map(|&i| weight(i)).sum();
            let unmatched: f64 = members
                .iter()
                .filter(|&&i| coded.themes[i].is_empty())
                .map(|&i| weight(i))
                .sum();
            unmatched_w += unmatched;
            total_w += cell_w;
            let mut counts = words::Counts::new();
            for &i in &members {
                let text = responses.motivations[i].text.as_deref().unwrap_or_default();
                words::count(&mut counts, &codebook::words(text), weight(i));
            }
            all_counts.push(counts);
            let published = members.len() >= MIN_GROUP;
            let theme_rows = theme_counts(codebook, &coded, &members, &weight, published);
            let quotes = if published {
                quotes(responses, &members, &mut rng)
            } else {
                Vec::new()
            };
            cells.push(ArgumentCell {
                option: option.id.clone(),
                stance: if pro { Stance::Pro } else { Stance::Contra }.code(),
                n: members.len(),
                themes: theme_rows,
                unmatched_share: published.then(|| round(unmatched / cell_w)),
                quotes,
                distinctive_words: Vec::new(),
            });
        }
    }
    add_distinctive_words(&mut cells, &all_counts);
    Arguments {
        n_motivations: responses.motivations.len(),
        n_with_text: with_text.len(),
        n_coded_by_hand: coded.by_hand,
        themes: codebook
            .themes
            .iter()
            .map(|t| ThemeName {
                id: t.id.clone(),
                nl: t.nl.clone(),
                en: t.en.clone(),
            })
            .collect(),
        unmatched_share: (total_w > 0.0).then(|| round(unmatched_w / total_w)),
        cells,
        agreement: agreement(codebook, codes, &ids, &coded.by_codebook),
    }
}

/// How many of a cell's `members` gave each theme, and (when the cell is
/// `published` and the primary rule allows) their weighted share of the cell.
fn theme_counts(
    codebook: &Codebook,
    coded: &Coded,
    members: &[usize],
    weight: &impl Fn(usize) -> f64,
    published: bool,
) -> Vec<ThemeCount> {
    let cell_w: f64 = members.iter().map(|&i| weight(i)).sum();
    codebook
        .themes
        .iter()
        .enumerate()
        .map(|(t, theme)| {
            let hits: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| coded.themes[i].contains(&t))
                .collect();
            let hit_w: f64 = hits.iter().map(|&i| weight(i)).sum();
            let shown = published && publishable(members.len(), hits.len());
            ThemeCount {
                theme: theme.id.clone(),
                households: hits.len(),
                share_of_cell: published.then(|| round(hit_w / cell_w)),
                count: shown.then_some(hits.len()),
                weighted_share: shown.then(|| round(hit_w / cell_w)),
            }
        })
        .collect()
}

/// The themes of every motivation: the codebook's, and those of the first
/// coder (alphabetically) who coded it by hand where one did.
struct Coded {
    /// The codebook's themes of every motivation with text.
    by_codebook: Vec<BTreeSet<usize>>,
    /// The themes used: by hand where coded, else the codebook's.
    themes: Vec<BTreeSet<usize>>,
    /// How many motivations were coded by hand.
    by_hand: usize,
}

impl Coded {
    fn of(
        responses: &Responses,
        with_text: &[usize],
        codebook: &Codebook,
        codes: &Codes,
        ids: &HashMap<String, usize>,
    ) -> Coded {
        let stemmers = Stemmers::default();
        let mut by_codebook = vec![BTreeSet::new(); responses.motivations.len()];
        for &i in with_text {
            let text = responses.motivations[i].text.as_deref().unwrap_or_default();
            by_codebook[i] = codebook.themes_of(&stemmers, text).into_iter().collect();
        }
        let mut themes = by_codebook.clone();
        let mut by_hand = 0;
        let mut coded = vec![false; responses.motivations.len()];
        for coder in codes.values() {
            for (id, set) in coder {
                if let Some(&i) = ids.get(id)
                    && !coded[i]
                {
                    themes[i] = set.clone();
                    coded[i] = true;
                    by_hand += 1;
                }
            }
        }
        Coded {
            by_codebook,
            themes,
            by_hand,
        }
    }
}

/// [`QUOTES`] motivations of a cell drawn with `rng`, redacted, in the order
/// they came in.
fn quotes(responses: &Responses, members: &[usize], rng: &mut ChaCha8Rng) -> Vec<String> {
    let mut picked: Vec<usize> =
        rand::seq::index::sample(rng, members.len(), QUOTES.min(members.len())).into_vec();
    picked.sort_unstable();
    picked
        .iter()
        .map(|&p| {
            let text = responses.motivations[members[p]].text.as_deref();
            redact::redact(text.unwrap_or_default())
        })
        .collect()
}

/// The distinctive words of every published cell against all other motivations.
fn add_distinctive_words(cells: &mut [ArgumentCell], all_counts: &[words::Counts]) {
    for (c, (cell, counts)) in cells.iter_mut().zip(all_counts).enumerate() {
        if cell.n < MIN_GROUP {
            continue;
        }
        let mut rest = words::Counts::new();
        for other in all_counts
            .iter()
            .enumerate()
            .filter(|(o, _)| *o != c)
            .map(|(_, x)| x)
        {
            for (w, c) in other {
                *rest.entry(w.clone()).or_default() += c;
            }
        }
        let prior: f64 = counts.values().sum::<f64>() + rest.values().sum::<f64>();
        cell.distinctive_words = words::distinctive(counts, &rest, prior.max(1.0), WORDS)
            .into_iter()
            .map(|d| DistinctiveWord {
                word: d.word,
                z: round(d.z),
            })
            .collect();
    }
}

/// Agreement (Cohen's kappa per theme and their mean): every pair of
/// coders, and every coder with the codebook.
fn agreement(
    codebook: &Codebook,
    codes: &Codes,
    ids: &HashMap<String, usize>,
    by_codebook: &[BTreeSet<usize>],
) -> Vec<Agreement> {
    let codebook_codes = ids
        .iter()
        .map(|(id, &i)| (id.clone(), by_codebook[i].clone()))
        .collect();
    let coders: Vec<&String> = codes.keys().collect();
    let mut pairs: Vec<(String, String, &_, &_)> = Vec::new();
    for (a, first) in coders.iter().enumerate() {
        for second in &coders[a + 1..] {
            pairs.push((
                (*first).clone(),
                (*second).clone(),
                &codes[*first],
                &codes[*second],
            ));
        }
        pairs.push((
            (*first).clone(),
            "codebook".into(),
            &codes[*first],
            &codebook_codes,
        ));
    }
    pairs
        .into_iter()
        .map(|(a, b, first, second)| {
            let (n, per_theme, mean) = coding::agreement(codebook, first, second);
            Agreement {
                a,
                b,
                n,
                kappa_mean: mean.map(round),
                kappa: codebook
                    .themes
                    .iter()
                    .zip(&per_theme)
                    .map(|(t, k)| (t.id.clone(), k.map(round)))
                    .collect(),
            }
        })
        .collect()
}
