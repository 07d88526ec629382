//! Text from a file or a person, made safe where it is shown: the one rule
//! for every output that does not escape by itself (the service's hand-built
//! HTML and SVG and its terminal lines, and the analysis's reports).
//!
//! A control character (C0, DEL, C1) or an invisible bidi control is shown
//! as `\u{…}`: not sent, since XML (so SVG) forbids most control characters,
//! an escape sequence can recolour or clear a terminal, and a bidi override
//! reorders what the reader sees (a name can read as something else); and
//! not dropped or replaced by U+FFFD, which would hide which character the
//! file held. A name therefore reads the same in a report, on `/beheer` and
//! in the terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` would act on the reader's screen rather than show: a control
/// character, or a bidi control that reorders the text around it.
fn acts(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is whitespace that HTML shows as a space (tab, line break).
fn html_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// `text` with every character that `acts` (but those `keep` keeps) as `\u{…}`.
fn shown_but(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let written = |c: char| acts(c) && !keep(c);
    if !text.chars().any(written) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if written(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with control and bidi characters shown as `\u{…}`; tabs and line
/// breaks stay (they are whitespace in HTML). For text handed to something
/// that escapes markup itself, like the charts' SVG writer.
pub fn visible(text: &str) -> Cow<'_, str> {
    shown_but(text, html_space)
}

/// `text` for HTML or SVG, between tags or inside a quoted attribute:
/// [`visible`], and `&`, `<`, `>`, `"` and `'` as entities.
pub fn html(text: &str) -> Cow<'_, str> {
    let markup = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'');
    let text = visible(text);
    if !text.chars().any(markup) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

/// `text` for one terminal line: every control character (tabs and line
/// breaks included) and bidi control shown as `\u{…}`, so that printing it
/// cannot steer the terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    shown_but(text, |_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_shows_control_characters() {
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
        assert_eq!(
            html("\x1b[31mrood\tx\u{202e}"),
            "\\u{1b}[31mrood\tx\\u{202e}"
        );
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

    #[test]
    fn visible_keeps_whitespace_and_markup() {
        assert_eq!(visible("a\tb\n<c>\0"), "a\tb\n<c>\\u{0}");
    }
}
