//! Bilingual text: every text a resident reads exists in Dutch, and may exist in English.

use std::fmt;

use crate::words::{Arg, words};

/// A language the interface and the survey texts can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Dutch, the language every text must have.
    #[default]
    Nl,
    /// English, shown where the survey file provides it.
    En,
}

impl Lang {
    /// The two-letter code used in files and URLs (`nl`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Reads a two-letter language code; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Dutch, with an optional English translation.
///
/// It can only be made with a Dutch text, so code that shows a text never has to
/// handle a missing one: English falls back to Dutch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    nl: String,
    en: Option<String>,
}

impl Text {
    /// A text from its Dutch original and an optional English translation.
    pub fn new(nl: impl Into<String>, en: Option<String>) -> Text {
        Text { nl: nl.into(), en }
    }

    /// The Dutch text.
    pub fn nl(&self) -> &str {
        &self.nl
    }

    /// The English text, if the survey provides one.
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The text in `lang`, falling back to Dutch when there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => self.en.as_deref().unwrap_or(&self.nl),
        }
    }
}

/// A message that is always available in both interface languages, such as a
/// rule violation; unlike [`Text`] both translations are written by us, not by
/// the survey's author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The Dutch wording.
    pub nl: String,
    /// The English wording.
    pub en: String,
}

impl Message {
    /// The catalog's message `id` in both languages, with the arguments
    /// `args` writes for each language (figures are written per language).
    pub fn of<'a>(id: &str, args: impl Fn(Lang) -> Vec<(&'a str, Arg<'a>)>) -> Message {
        let fill = |lang| words(lang).fill(id, &args(lang));
        Message {
            nl: fill(Lang::Nl),
            en: fill(Lang::En),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.nl, self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_dutch() {
        let text = Text::new("Parkeren", None);
        assert_eq!(text.get(Lang::En), "Parkeren");
        let text = Text::new("Parkeren", Some("Parking".into()));
        assert_eq!(text.get(Lang::En), "Parking");
        assert_eq!(text.get(Lang::Nl), "Parkeren");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
