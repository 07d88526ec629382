//! Free text in CSV files that people open in a spreadsheet.
//!
//! A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run
//! as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"): a
//! motivation `=HYPERLINK("https://…","klik")` would become a live link on
//! a coder's screen. Such a cell is written with a leading apostrophe, which
//! spreadsheets show as text and do not display; [`restore`] takes it off
//! again when pwe reads its own files, so the round trip is exact.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, after any apostrophes, starts a formula. Counting the
/// apostrophes makes a text that itself starts with `'=` round-trip too.
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The cell to write for free text `text`: unchanged, or with one apostrophe
/// in front when a spreadsheet would run it.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The free text of a cell written by [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_restored() {
        let cases = [
            ("=HYPERLINK(\"https://x.invalid\",\"klik\")", true),
            ("+31 70 123", true),
            ("-1 voor dit plan", true),
            ("@SUM(A1)", true),
            ("\tingesprongen", true),
            ("\rterug", true),
            ("'=al gequote", true),
            ("''+twee", true),
            ("gewone tekst", false),
            ("'citaat'", false),
            ("", false),
            ("1 + 1 = 2", false),
        ];
        for (text, quoted) in cases {
            let cell = neutralise(text);
            assert_eq!(cell.starts_with('\'') && cell != text, quoted, "{text:?}");
            assert!(!cell.starts_with(TRIGGERS), "{text:?} stays a formula");
            assert_eq!(restore(&cell), text, "{text:?} does not round-trip");
        }
    }
}
