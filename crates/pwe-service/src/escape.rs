//! Text from a file or a person, made safe where it is shown: one place for
//! every output that does not escape by itself.
//!
//! - [`html`]: HTML and SVG built by hand (the `/beheer` chart), for text
//!   and attribute values alike. askama escapes its templates the same way;
//!   only what a template takes `|safe` must come through here.
//! - [`terminal`]: what `pwe` prints. Control characters (an escape sequence
//!   can recolour, retitle or clear a terminal) and the invisible bidi
//!   controls (which reorder what is shown) are shown as `\u{…}`, not sent.
//! - Files for spreadsheets (the letters' mail-merge file) go through
//!   [`pwe_core::spreadsheet::neutralise`]; JSON is escaped by serde.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with `&`, `<`, `>`, `"` and `'` as entities: safe between tags and
/// inside a quoted attribute. A control character other than a tab or a
/// line break, which XML (so SVG) forbids, becomes U+FFFD.
pub fn html(text: &str) -> Cow<'_, str> {
    let odd = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    if !text.chars().any(odd) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

/// Whether a terminal would act on `c` rather than show it.
fn acts(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character (C0, DEL, C1, newlines and tabs
/// included) and bidi control shown as `\u{…}`, so that printing it cannot
/// steer the terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_leaves_plain_text_alone() {
        assert_eq!(html("Mall-Oost"), "Mall-Oost");
        assert!(matches!(html("Mall-Oost"), Cow::Borrowed(_)));
        assert_eq!(
            html("</title><script>alert(1)</script>"),
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("<svg/onload=alert(1)> \"a\" & 'b'"),
            "&lt;svg/onload=alert(1)&gt; &quot;a&quot; &amp; &#39;b&#39;"
        );
        assert_eq!(html("\x1b[31mrood\tx"), "\u{fffd}[31mrood\tx");
    }

    #[test]
    fn terminal_shows_control_characters_instead_of_sending_them() {
        assert_eq!(terminal("Mall-Oost"), "Mall-Oost");
        assert_eq!(terminal("\x1b[31mrood\x1b[0m"), "\\u{1b}[31mrood\\u{1b}[0m");
        assert_eq!(
            terminal("a\rb\nc\u{7f}\u{9b}"),
            "a\\u{d}b\\u{a}c\\u{7f}\\u{9b}"
        );
        assert_eq!(terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal("Ã©éń"), "Ã©éń");
    }
}
