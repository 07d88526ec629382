//! Every word a person reads, from one catalog per language.
//!
//! The catalog is Fluent (`i18n/<lang>/*.ftl`): one file per area (pages,
//! `/beheer`, letters, reports, errors, the command line, the words of core
//! types, formats), each message defined once per language, and both languages
//! with the same messages (a test checks it). Plurals and variants are written in
//! the catalog; figures and thresholds are passed in as arguments, so a sentence
//! never restates a number the code decides.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::text::Lang;

/// The catalog's areas: one file of each per language.
const AREAS: [&str; 8] = [
    "formats", "core", "pages", "beheer", "letters", "errors", "report", "cli",
];

/// The catalog's files of `lang`, in the order of [`AREAS`].
fn sources(lang: Lang) -> [&'static str; 8] {
    macro_rules! files {
        ($lang:literal) => {
            [
                include_str!(concat!("../i18n/", $lang, "/formats.ftl")),
                include_str!(concat!("../i18n/", $lang, "/core.ftl")),
                include_str!(concat!("../i18n/", $lang, "/pages.ftl")),
                include_str!(concat!("../i18n/", $lang, "/beheer.ftl")),
                include_str!(concat!("../i18n/", $lang, "/letters.ftl")),
                include_str!(concat!("../i18n/", $lang, "/errors.ftl")),
                include_str!(concat!("../i18n/", $lang, "/report.ftl")),
                include_str!(concat!("../i18n/", $lang, "/cli.ftl")),
            ]
        };
    }
    match lang {
        Lang::Nl => files!("nl"),
        Lang::En => files!("en"),
    }
}

/// A value passed into a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Text, shown as given (already formatted where it is a figure).
    Text(Cow<'a, str>),
    /// A count: chooses the plural and is written with the language's
    /// thousands separator.
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(text.as_str()))
    }
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(usize, u64, u32, i64, i32);

/// The words of one language.
pub struct Words {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, written once, so a template can borrow them.
    plain: HashMap<String, String>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.lang.code())
    }
}

impl Words {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`, which takes no arguments.
    ///
    /// A missing id is a bug that the catalog's tests find: in a debug build it
    /// panics, in a release build the id itself is shown.
    pub fn text<'a>(&'a self, id: &'a str) -> &'a str {
        match self.plain.get(id) {
            Some(text) => text,
            None => {
                debug_assert!(false, "the catalog ({}) lacks {id}", self.lang.code());
                id
            }
        }
    }

    /// The message `id` with its arguments.
    pub fn fill(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            debug_assert!(false, "the catalog ({}) lacks {id}", self.lang.code());
            return id.to_string();
        };
        let mut fluent = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Text(text) => fluent.set(*name, FluentValue::from(text.clone())),
                Arg::Count(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent), &mut errors);
        debug_assert!(
            errors.is_empty(),
            "message {id} ({}): {errors:?}",
            self.lang.code()
        );
        text.into_owned()
    }

    /// Whether the catalog defines `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// The words of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    static NL: LazyLock<Words> = LazyLock::new(|| load(Lang::Nl));
    static EN: LazyLock<Words> = LazyLock::new(|| load(Lang::En));
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The ids each file of `lang` defines, by area (for the catalog's tests).
pub fn ids(lang: Lang) -> Vec<(&'static str, BTreeSet<&'static str>)> {
    AREAS
        .iter()
        .zip(sources(lang))
        .map(|(area, source)| (*area, message_ids(source)))
        .collect()
}

fn message_ids(source: &str) -> BTreeSet<&str> {
    source
        .lines()
        .filter_map(|line| line.split_once(" ="))
        .map(|(id, _)| id)
        .filter(|id| {
            id.starts_with(|c: char| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect()
}

fn load(lang: Lang) -> Words {
    let locale = lang
        .code()
        .parse()
        .expect("nl and en are language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Isolation marks around arguments would end up in HTML and CSV.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Nl => count_nl,
        Lang::En => count_en,
    }));
    for (area, source) in AREAS.iter().zip(sources(lang)) {
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
            panic!("i18n/{}/{area}.ftl does not parse: {errors:?}", lang.code())
        });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!(
                "i18n/{}/{area}.ftl repeats a message: {errors:?}",
                lang.code()
            )
        });
    }
    let mut plain = HashMap::new();
    for source in sources(lang) {
        for id in message_ids(source) {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            if errors.is_empty() {
                plain.insert(id.to_string(), text.into_owned());
            }
        }
    }
    Words {
        lang,
        bundle,
        plain,
    }
}

fn count_nl<M>(value: &FluentValue, _: &M) -> Option<String> {
    counted(value, Lang::Nl)
}

fn count_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    counted(value, Lang::En)
}

/// A count inside a message, with the language's thousands separator.
fn counted(value: &FluentValue, lang: Lang) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 => {
            Some(crate::format::count(n.value as i64, lang))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_the_same_messages_in_the_same_file() {
        for ((area, nl), (_, en)) in ids(Lang::Nl).into_iter().zip(ids(Lang::En)) {
            let only_nl: Vec<_> = nl.difference(&en).collect();
            let only_en: Vec<_> = en.difference(&nl).collect();
            assert!(
                only_nl.is_empty() && only_en.is_empty(),
                "{area}.ftl: only in nl {only_nl:?}, only in en {only_en:?}"
            );
        }
    }

    /// Every message renders without a Fluent error with sample arguments:
    /// a number for each variable (the first variant of a selector is then
    /// its default) and, once more, a word.
    #[test]
    fn every_message_renders_with_sample_arguments() {
        for lang in [Lang::Nl, Lang::En] {
            let w = words(lang);
            for (area, ids) in ids(lang) {
                let source = sources(lang)[AREAS.iter().position(|a| *a == area).unwrap()];
                let names: BTreeSet<&str> = source
                    .split('$')
                    .skip(1)
                    .map(|rest| {
                        let end = rest
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .unwrap_or(rest.len());
                        &rest[..end]
                    })
                    .collect();
                for id in ids {
                    assert!(w.has(id), "{area}.ftl {id}");
                    for sample in [Arg::Count(3), Arg::Text("x".into())] {
                        let args: Vec<(&str, Arg)> =
                            names.iter().map(|n| (*n, sample.clone())).collect();
                        let text = w.fill(id, &args);
                        assert!(
                            !text.is_empty() && !text.contains('{'),
                            "{area}.ftl {id}: {text}"
                        );
                    }
                }
            }
        }
    }
}
