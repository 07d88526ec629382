//! The codebook of a survey (`surveys/<id>.codebook.toml`): value themes with
//! Dutch and English keywords, matched after Snowball stemming, and patterns.

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use toml::Spanned;

/// A codebook that cannot be used, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {reason}")]
pub struct CodebookError {
    /// The file name given to the parser.
    pub file: String,
    /// The line (1-based).
    pub line: usize,
    /// The key at fault.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

/// A value theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Its identifier, such as `bereikbaarheid`.
    pub id: String,
    /// Its Dutch name.
    pub nl: String,
    /// Its English name.
    pub en: String,
    /// Dutch keywords and phrases, as sequences of Dutch stems.
    dutch: Vec<Vec<String>>,
    /// English keywords and phrases, as sequences of English stems.
    english: Vec<Vec<String>>,
    /// Patterns on the lowercased text.
    patterns: Vec<Regex>,
}

/// A checked codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    /// The themes, in the file's order.
    pub themes: Vec<Theme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodebook {
    themes: Vec<RawTheme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    label: RawLabel,
    #[serde(default)]
    nl: Vec<Spanned<String>>,
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    nl: String,
    en: String,
}

/// Lowercased words of a text (letters and digits).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The stems of a text's words in one language.
pub fn stems(stemmer: &Stemmer, text: &str) -> Vec<String> {
    words(text)
        .iter()
        .map(|w| stemmer.stem(w).into_owned())
        .collect()
}

/// The Dutch and English Snowball stemmers.
pub struct Stemmers {
    /// Dutch.
    pub dutch: Stemmer,
    /// English.
    pub english: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Stemmers {
        Stemmers {
            dutch: Stemmer::create(Algorithm::Dutch),
            english: Stemmer::create(Algorithm::English),
        }
    }
}

fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl Codebook {
    /// Reads a codebook.
    ///
    /// # Errors
    /// TOML problems, a theme id used twice, an empty keyword, a bad pattern.
    pub fn parse(text: &str, file: &str) -> Result<Codebook, CodebookError> {
        let line_of = |start: usize| text[..start.min(text.len())].matches('\n').count() + 1;
        let error = |start: usize, field: String, reason: String| CodebookError {
            file: file.to_string(),
            line: line_of(start),
            field,
            reason,
        };
        let raw: RawCodebook = toml::from_str(text).map_err(|e| {
            error(
                e.span().map_or(0, |s| s.start),
                "(file)".into(),
                e.message().trim().to_string(),
            )
        })?;
        let stemmers = Stemmers::default();
        let mut themes: Vec<Theme> = Vec::new();
        for (t, raw) in raw.themes.iter().enumerate() {
            let field = |name: &str| format!("themes[{t}].{name}");
            if themes.iter().any(|other| other.id == *raw.id.get_ref()) {
                return Err(error(
                    raw.id.span().start,
                    field("id"),
                    format!("\"{}\" is used by an earlier theme", raw.id.get_ref()),
                ));
            }
            let phrases = |list: &[Spanned<String>],
                           stemmer: &Stemmer,
                           name: &str|
             -> Result<Vec<Vec<String>>, CodebookError> {
                list.iter()
                    .map(|k| {
                        let s = stems(stemmer, k.get_ref());
                        if s.is_empty() {
                            Err(error(
                                k.span().start,
                                field(name),
                                "a keyword needs at least one letter".into(),
                            ))
                        } else {
                            Ok(s)
                        }
                    })
                    .collect()
            };
            let patterns = raw
                .patterns
                .iter()
                .map(|p| {
                    Regex::new(p.get_ref()).map_err(|e| {
                        error(
                            p.span().start,
                            field("patterns"),
                            format!("not a valid pattern: {e}"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            themes.push(Theme {
                id: raw.id.get_ref().clone(),
                nl: raw.label.nl.clone(),
                en: raw.label.en.clone(),
                dutch: phrases(&raw.nl, &stemmers.dutch, "nl")?,
                english: phrases(&raw.en, &stemmers.english, "en")?,
                patterns,
            });
        }
        Ok(Codebook { themes })
    }

    /// The themes (by index) a text touches.
    pub fn themes_of(&self, stemmers: &Stemmers, text: &str) -> Vec<usize> {
        let lower = text.to_lowercase();
        let dutch = stems(&stemmers.dutch, text);
        let english = stems(&stemmers.english, text);
        self.themes
            .iter()
            .enumerate()
            .filter(|(_, theme)| {
                theme.dutch.iter().any(|k| contains(&dutch, k))
                    || theme.english.iter().any(|k| contains(&english, k))
                    || theme.patterns.iter().any(|p| p.is_match(&lower))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The index of the theme with `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"
[[themes]]
id = "bereikbaarheid"
label = { nl = "Bereikbaarheid", en = "Accessibility" }
nl = ["bereikbaarheid", "winkels"]
en = ["accessible"]

[[themes]]
id = "kosten"
label = { nl = "Kosten", en = "Costs" }
nl = ["te duur"]
patterns = ['€\s*\d+']
"#;

    #[test]
    fn keywords_match_after_stemming_and_phrases_in_order() {
        let book = Codebook::parse(BOOK, "book.toml").unwrap();
        let stemmers = Stemmers::default();
        // "bereikbaar" and "winkel" share their stems with the keywords.
        assert_eq!(
            book.themes_of(&stemmers, "De winkel moet bereikbaar blijven"),
            vec![0]
        );
        assert_eq!(book.themes_of(&stemmers, "Veel te dure maatregel"), vec![1]);
        assert_eq!(
            book.themes_of(&stemmers, "duur, te veel"),
            Vec::<usize>::new()
        );
        assert_eq!(
            book.themes_of(&stemmers, "It keeps the mall accessible"),
            vec![0]
        );
        assert_eq!(book.themes_of(&stemmers, "Kost € 60 per jaar"), vec![1]);
    }

    #[test]
    fn problems_name_their_line() {
        let twice =
            format!("{BOOK}\n[[themes]]\nid = \"kosten\"\nlabel = {{ nl = \"K\", en = \"C\" }}\n");
        let error = Codebook::parse(&twice, "book.toml").unwrap_err();
        assert_eq!(
            (error.line, error.field.as_str()),
            (15, "themes[2].id"),
            "{error}"
        );
        let bad = BOOK.replace(r"€\s*\d+", "(unclosed");
        let error = Codebook::parse(&bad, "book.toml").unwrap_err();
        assert_eq!(error.line, 12, "{error}");
        assert!(error.to_string().contains("not a valid pattern"));
    }
}
