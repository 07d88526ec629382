//! Issue 23's rule, checked on the sources: every word a person reads comes
//! from the one catalog (pwe-core `i18n/<lang>/*.ftl`). Each id the code asks
//! for exists, each message of the catalog is used, and no Dutch sentence is
//! written in the code or the templates.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pwe_core::Lang;
use pwe_core::words::ids;

use super::repo;

/// The sources a person's words could be written in: every crate's `src/`
/// and the service's templates, without the tests.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n == "tests.rs") {
                // A module's unit tests in a file of their own.
            } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests sit at the end of a file, after `#[cfg(test)]`.
                let code = text.split("\n#[cfg(test)]").next().unwrap().to_string();
                out.push((path, code));
            }
        }
    }
    let mut out = Vec::new();
    for krate in std::fs::read_dir(repo().join("crates")).unwrap() {
        let krate = krate.unwrap().path();
        for dir in ["src", "templates"] {
            if krate.join(dir).is_dir() {
                walk(&krate.join(dir), &mut out);
            }
        }
    }
    out
}

/// The string literals of a line of code (not of its comment).
fn literals(line: &str) -> Vec<&str> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

/// The calls that look a message up by its id.
const LOOKUPS: [&str; 5] = [
    ".text(\"",
    ".fill(\"",
    "both(\"",
    "both_fill(\"",
    "Message::of(\"",
];

#[test]
fn every_id_the_code_asks_for_exists_and_every_message_is_used() {
    let catalog: BTreeSet<&str> = ids(Lang::Nl).into_iter().flat_map(|(_, ids)| ids).collect();
    let sources = sources();
    let mut missing = Vec::new();
    for (path, code) in &sources {
        for (i, line) in code.lines().enumerate() {
            for lookup in LOOKUPS {
                for piece in line.split(lookup).skip(1) {
                    let id = piece.split('"').next().unwrap();
                    if !catalog.contains(id) {
                        missing.push(format!("{}:{}: {id}", path.display(), i + 1));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ids the catalog lacks:\n{}",
        missing.join("\n")
    );
    let unused: Vec<&&str> = catalog
        .iter()
        .filter(|id| {
            !sources
                .iter()
                .any(|(_, code)| code.contains(&format!("\"{id}\"")))
        })
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

/// Words that mark a Dutch sentence (none of them is an English word).
const DUTCH: [&str; 36] = [
    "de",
    "het",
    "een",
    "van",
    "niet",
    "uw",
    "wij",
    "zijn",
    "deze",
    "dit",
    "naar",
    "ook",
    "kunt",
    "mag",
    "geen",
    "nog",
    "wordt",
    "worden",
    "bij",
    "maar",
    "dan",
    "tot",
    "wat",
    "hoe",
    "welke",
    "huishoudens",
    "huishouden",
    "maatregelen",
    "maatregel",
    "gemeente",
    "bewoners",
    "keuze",
    "advies",
    "meer",
    "minder",
    "voor",
];

/// Files whose Dutch is data, not the interface's words, with the reason.
const DATA: [(&str, &str); 1] = [(
    "pwe-analysis/src/arguments/redact.rs",
    "the Dutch phrases before a name that redaction recognises in residents' text: a pattern, never shown",
)];

fn dutch_words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| DUTCH.contains(&w.to_lowercase().as_str()))
        .collect::<BTreeSet<_>>()
        .len()
}

#[test]
fn no_dutch_sentence_is_written_outside_the_catalog() {
    let mut found = Vec::new();
    for (path, code) in sources() {
        let shown = path.display().to_string();
        if DATA.iter().any(|(file, _)| shown.ends_with(file)) {
            continue;
        }
        let html = path.extension().is_some_and(|e| e == "html");
        for (i, line) in code.lines().enumerate() {
            let texts: Vec<String> = if html {
                vec![template_text(line)]
            } else {
                literals(line).into_iter().map(str::to_string).collect()
            };
            for text in texts {
                if dutch_words(&text) >= 2 {
                    found.push(format!("{shown}:{}: {text}", i + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} Dutch texts outside the catalog (put them in crates/pwe-core/i18n):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The text of a template line that a reader sees: without tags and without
/// the template's expressions.
fn template_text(line: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        match (two.as_str(), chars[i]) {
            ("{{" | "{%" | "{#", _) => {
                depth += 1;
                i += 2;
                continue;
            }
            ("}}" | "%}" | "#}", _) if depth > 0 => {
                depth -= 1;
                i += 2;
                continue;
            }
            (_, '<') => depth += 1,
            (_, '>') if depth > 0 => depth -= 1,
            (_, c) if depth == 0 => out.push(c),
            _ => {}
        }
        i += 1;
    }
    out
}
