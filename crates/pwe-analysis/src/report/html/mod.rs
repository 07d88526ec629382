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
    /// A p-value with its "p =" or "p <" ([`pwe_core::format::p_value`]).
    PValue,
    /// A whole number that names rather than counts (a seed): as it is.
    Name,
    /// A number near zero in powers of ten (a convergence check): `3,1e-13`.
    Tiny,
}

/// `value` written in `format` for `lang` ([`pwe_core::format`]).
pub(super) fn written(value: f64, format: Format, lang: Lang) -> String {
    match format {
        Format::Percent => pwe_core::format::percent(value, 1, lang),
        Format::Decimals(d) => pwe_core::format::decimal(value, d, lang),
        Format::Count => pwe_core::format::count(value.round() as i64, lang),
        Format::Euros => pwe_core::format::euros(value.round() as i64, lang),
        Format::PValue => pwe_core::format::p_value(value, lang),
        Format::Name => format!("{value:.0}"),
        Format::Tiny => pwe_core::format::scientific(value, lang),
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
/// do so) when the table is wider than the screen.
///
/// Below 600 px each row becomes a card (report.css, `.cards`), each cell
/// led by its column's header; that label is hidden from screen readers,
/// which read the table's own headers, and the explicit roles keep it a
/// table for them whatever its CSS display.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} / {}\">\
         <table class=\"cards\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">",
        esc(words(Lang::Nl).text("report_table")),
        esc(words(Lang::En).text("report_table"))
    );
    for cell in header {
        out.push_str(&format!("<th role=\"columnheader\">{cell}</th>"));
    }
    out.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for row in rows {
        out.push_str("<tr role=\"row\">");
        for (i, cell) in row.iter().enumerate() {
            // A figure (or a figure with its interval) aligns right, text left.
            let class = if i > 0 && cell.starts_with("<data") {
                " class=\"num\""
            } else {
                ""
            };
            // The value in one element, so that on a card it stands beside its label.
            let content = match header.get(i) {
                Some(name) if i > 0 && !name.is_empty() => format!(
                    "<span class=\"cell-label\" aria-hidden=\"true\">{name}</span>\
                     <span class=\"cell-value\">{cell}</span>"
                ),
                _ => cell.clone(),
            };
            out.push_str(&format!("<td role=\"cell\"{class}>{content}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests;
