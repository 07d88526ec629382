//! Small HTML building blocks of the report: escaping, two-language text and
//! figures that carry the summary value they show.

use std::borrow::Cow;

use pwe_core::Lang;
use pwe_core::disclosure::MIN_GROUP;
use pwe_core::words::{Arg, words};
use serde_json::Value;

/// `text` with control and bidi characters shown as `\u{…}`
/// ([`pwe_core::escape`], the rule of every output): for the charts, whose
/// SVG writer escapes markup itself.
pub fn shown(text: &str) -> Cow<'_, str> {
    pwe_core::escape::visible(text)
}

/// Escapes text for HTML content and attribute values
/// ([`pwe_core::escape::html`]).
pub fn esc(text: &str) -> String {
    pwe_core::escape::html(text).into_owned()
}

/// The catalog's message `id` (without arguments) in Dutch and English; the
/// page shows one of the two.
pub fn both(id: &str) -> String {
    bi(words(Lang::Nl).text(id), words(Lang::En).text(id))
}

/// The catalog's message `id` in Dutch and English, with the arguments
/// `args` gives per language (figures are written per language).
pub fn both_fill<'a>(id: &str, args: impl Fn(Lang) -> Vec<(&'a str, Arg<'a>)>) -> String {
    bi(
        &words(Lang::Nl).fill(id, &args(Lang::Nl)),
        &words(Lang::En).fill(id, &args(Lang::En)),
    )
}

/// The catalog's message `id`, markup, in Dutch and English as blocks.
pub fn both_block(id: &str) -> String {
    bi_block(words(Lang::Nl).text(id), words(Lang::En).text(id))
}

/// A text in Dutch and English; the page shows one of the two.
pub fn bi(nl: &str, en: &str) -> String {
    format!(
        "<span lang=\"nl\">{}</span><span lang=\"en\">{}</span>",
        esc(nl),
        esc(en)
    )
}

/// Markup in Dutch and English (each already HTML), as blocks.
pub fn bi_block(nl: &str, en: &str) -> String {
    format!("<div lang=\"nl\">{nl}</div><div lang=\"en\">{en}</div>")
}

/// How a figure is written.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// A share in [0, 1] as a percentage with one decimal.
    Percent,
    /// A number with this many decimals.
    Decimals(usize),
    /// A count, with the language's thousands separator.
    Count,
    /// An amount in euros, whole.
    Euros,
}

/// `value` written in `format` for `lang` ([`pwe_core::format`]).
pub(super) fn written(value: f64, format: Format, lang: Lang) -> String {
    match format {
        Format::Percent => pwe_core::format::percent(value, 1, lang),
        Format::Decimals(d) => pwe_core::format::decimal(value, d, lang),
        Format::Count => pwe_core::format::count(value.round() as i64, lang),
        Format::Euros => pwe_core::format::euros(value.round() as i64, lang),
    }
}

/// A figure of the summary at the JSON `pointer`, written in both languages.
///
/// The element carries the pointer and the summary's own value, so that the
/// report can be checked against the summary figure by figure. A `null`
/// (suppressed) figure is shown as a dash.
pub fn figure(summary: &Value, pointer: &str, format: Format) -> String {
    match summary.pointer(pointer).and_then(Value::as_f64) {
        Some(value) => format!(
            "<data value=\"{}\" data-key=\"{}\">{}</data>",
            esc(&summary
                .pointer(pointer)
                .map(Value::to_string)
                .unwrap_or_default()),
            esc(pointer),
            bi(
                &written(value, format, Lang::Nl),
                &written(value, format, Lang::En)
            )
        ),
        None => format!(
            "<data value=\"\" data-key=\"{}\" title=\"{}\">–</data>",
            esc(pointer),
            esc(&format!(
                "{} / {}",
                hidden_title(Lang::En),
                hidden_title(Lang::Nl)
            ))
        ),
    }
}

/// A figure of the published shares ([`figure`]) whose suppression is
/// written as a word, "afgeschermd" / "suppressed", never as a number or a
/// sign a reader could take for zero: a share that could reveal fewer than
/// 10 households, or one withheld so that it cannot be worked out from the
/// others (docs/report.md, "Disclosure control").
pub fn protected(summary: &Value, pointer: &str, format: Format) -> String {
    match summary.pointer(pointer).and_then(Value::as_f64) {
        Some(_) => figure(summary, pointer, format),
        None => format!(
            "<data value=\"\" data-key=\"{}\" class=\"suppressed\" title=\"{}\">{}</data>",
            esc(pointer),
            esc(&format!(
                "{} / {}",
                words(Lang::Nl).text("report_suppressed_title"),
                words(Lang::En).text("report_suppressed_title")
            )),
            both("report_suppressed")
        ),
    }
}

/// The tooltip of a figure of fewer than [`MIN_GROUP`] households.
fn hidden_title(lang: Lang) -> String {
    words(lang).fill("report_fewer_than", &[("min", MIN_GROUP.into())])
}

/// The two radio buttons that choose the language, each labelled in its own
/// language.
pub fn language_switch() -> String {
    let name = |lang| words(lang).text("report_language");
    format!(
        "<input type=\"radio\" name=\"lang\" id=\"show-nl\" checked><label for=\"show-nl\">{}</label>\n\
         <input type=\"radio\" name=\"lang\" id=\"show-en\"><label for=\"show-en\">{}</label>\n",
        esc(name(Lang::Nl)),
        esc(name(Lang::En))
    )
}

/// A table: header cells (already HTML) and rows of cells (already HTML;
/// cells that start with a figure align right),
/// in a region that scrolls sideways on its own (and takes keyboard focus to
/// do so) when the table is wider than a phone.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} / {}\"><table><thead><tr>",
        esc(words(Lang::Nl).text("report_table")),
        esc(words(Lang::En).text("report_table"))
    );
    for cell in header {
        out.push_str(&format!("<th>{cell}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            // A figure (or a figure with its interval) aligns right, text left.
            let class = if i > 0 && cell.starts_with("<data") {
                " class=\"num\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn figures_carry_the_summary_value_and_read_in_both_languages() {
        let summary = json!({ "a": { "share": 0.4237, "cost": 1234567.0, "gone": null } });
        let share = figure(&summary, "/a/share", Format::Percent);
        assert!(share.contains("value=\"0.4237\" data-key=\"/a/share\""));
        assert!(share.contains(">42,4%<") && share.contains(">42.4%<"));
        let cost = figure(&summary, "/a/cost", Format::Euros);
        assert!(cost.contains("€ 1.234.567") && cost.contains("€1,234,567"));
        assert!(figure(&summary, "/a/gone", Format::Percent).contains(">–<"));
        let gone = protected(&summary, "/a/gone", Format::Percent);
        assert!(gone.contains(">afgeschermd<") && gone.contains(">suppressed<"));
        assert!(gone.contains("data-key=\"/a/gone\""));
        assert!(protected(&summary, "/a/share", Format::Percent).contains(">42.4%<"));
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_shown_not_sent() {
        assert!(matches!(shown("Mall-Oost"), Cow::Borrowed("Mall-Oost")));
        assert_eq!(
            esc("\x1b[31m<b>\0\u{7f}\u{9b}\u{202e}x\u{2066}"),
            "\\u{1b}[31m&lt;b&gt;\\u{0}\\u{7f}\\u{9b}\\u{202e}x\\u{2066}"
        );
        assert_eq!(shown("a\tb\nc\r\n"), "a\tb\nc\r\n");
    }

    #[test]
    fn the_report_catalog_has_the_same_messages_in_both_languages() {
        let report = |lang| {
            pwe_core::words::ids(lang)
                .into_iter()
                .find(|(area, _)| *area == "report")
                .map(|(_, ids)| ids)
                .unwrap()
        };
        assert_eq!(report(Lang::Nl), report(Lang::En));
        // Plurals and thresholds are filled, never restated.
        let weights = |n: usize, lang| {
            words(lang).fill(
                "report_large_weights",
                &[("n", n.into()), ("times", "5".into())],
            )
        };
        assert_eq!(
            weights(1, Lang::Nl),
            " 1 deelnemer telt voor meer dan 5 keer het gemiddelde gewicht: de cijfers leunen op zijn of haar antwoord."
        );
        assert!(
            weights(1200, Lang::En).starts_with(" 1,200 respondents count for more than 5 times")
        );
        assert_eq!(
            both_fill("report_groups_differ_little", |lang| vec![(
                "points",
                pwe_core::format::decimal(15.0, 0, lang).into()
            )]),
            "<span lang=\"nl\">Groepen verschillen weinig: geen optie verschilt 15 procentpunt of meer tussen groepen.</span><span lang=\"en\">Groups differ little: no option differs by 15 percentage points or more between groups.</span>"
        );
        assert!(figure(&json!({ "n": 5000 }), "/n", Format::Count).contains(">5.000<"));
    }
}
