//! The interface's own words, from one translation file (i18n/ui.toml).

use std::collections::HashMap;
use std::sync::OnceLock;

use pwe_core::Lang;

/// The words of one language.
#[derive(Debug)]
pub struct Texts {
    lang: Lang,
    words: HashMap<String, String>,
}

impl Texts {
    /// The word for `key`; the key itself when it is missing (a test checks
    /// that every key the templates use exists in both languages).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the file defines `key`.
    pub fn has(&self, key: &str) -> bool {
        self.words.contains_key(key)
    }
}

/// The translation file, compiled into the binary.
pub const UI_FILE: &str = include_str!("../../i18n/ui.toml");

/// The words of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    static ALL: OnceLock<(Texts, Texts)> = OnceLock::new();
    let (nl, en) = ALL.get_or_init(|| {
        let table: HashMap<String, HashMap<String, String>> =
            toml::from_str(UI_FILE).expect("i18n/ui.toml is checked by a test");
        let take = |lang: Lang| Texts {
            lang,
            words: table.get(lang.code()).cloned().unwrap_or_default(),
        };
        (take(Lang::Nl), take(Lang::En))
    });
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_used_in_templates_exists_in_both_languages() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut used = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for piece in text.split("t.get(\"").skip(1) {
                used.push(piece.split('"').next().unwrap().to_string());
            }
        }
        assert!(used.len() > 30, "only {} keys found", used.len());
        for key in used {
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    texts(lang).has(&key),
                    "i18n/ui.toml lacks {key} in {}",
                    lang.code()
                );
            }
        }
    }
}
