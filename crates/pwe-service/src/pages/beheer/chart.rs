//! The turnout chart of `/beheer`: per buurt, the share of invited
//! households that has submitted, day by day; all buurten together in black.
//! Server-rendered SVG (no script); the same figures are in the tables below it.

use std::fmt::Write as _;

use pwe_core::format;
use pwe_core::words::words;

use super::{LANG, day_words};
use crate::escape::html;
use crate::status::{Status, percent};

/// Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito).
const COLOURS: [&str; 8] = [
    "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#8C6D1F", "#999999",
];

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// The chart, or a sentence when no household has started yet.
pub fn cumulative(status: &Status) -> String {
    let per_day = status.days();
    let days: Vec<&str> = per_day.iter().map(|(d, _, _)| *d).collect();
    let t = words(LANG);
    if days.is_empty() {
        return format!("<p>{}</p>", html(t.text("beheer_chart_none")));
    }
    let cumulative = status.cumulative_by_buurt();
    let buurten = &status.buurten;
    let mut lines: Vec<(String, &str, Vec<f64>)> = buurten
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let values = cumulative
                .iter()
                .filter(|(_, buurt, _)| *buurt == b.buurt)
                .map(|(_, _, n)| percent(*n, b.invited))
                .collect();
            let name = status.buurt_name(&b.buurt).to_string();
            (name, COLOURS[i % COLOURS.len()], values)
        })
        .collect();
    let mut total = 0;
    let totals = per_day
        .iter()
        .map(|(_, _, submitted)| {
            total += submitted;
            percent(total, status.total.invited)
        })
        .collect();
    lines.push((t.text("beheer_chart_total").into(), "#000000", totals));
    let top = lines
        .iter()
        .flat_map(|(_, _, v)| v.iter().copied())
        .fold(4.0_f64, f64::max);
    // Four steps of whole percents.
    let top = (top / 4.0).ceil() * 4.0;
    let x = |i: usize| {
        let span = (days.len().max(2) - 1) as f64;
        LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / span
    };
    let y = |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / top);

    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"chart-title\">\
         <title id=\"chart-title\">{}</title>",
        html(t.text("beheer_chart_title"))
    );
    for step in 0..=4 {
        let v = top * f64::from(step) / 4.0;
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"13\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            format::percent(v / 100.0, 0, LANG),
            y = y(v)
        );
    }
    let label_every = days.len().div_ceil(6).max(1);
    for (i, day) in days.iter().enumerate() {
        // The last day is labelled, and the regular label before it is left
        // out when it would stand in the last one's way.
        let last = i + 1 == days.len();
        let regular = i % label_every == 0 && (days.len() - 1 - i) * 2 >= label_every;
        if regular || last {
            // The first and last labels stay inside the drawing.
            let anchor = match i {
                0 => "start",
                _ if last => "end",
                _ => "middle",
            };
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"13\">{}</text>",
                x(i),
                HEIGHT - 8.0,
                html(&day_words(day, format::day))
            );
        }
    }
    // Names come from the population file: text, never markup.
    let lines: Vec<(String, &str, Vec<f64>)> = lines
        .into_iter()
        .map(|(name, colour, values)| (html(&name).into_owned(), colour, values))
        .collect();
    for (i, (name, colour, values)) in lines.iter().enumerate() {
        let width = if i + 1 == lines.len() { 3 } else { 2 };
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = write!(
            svg,
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" points=\"{}\"><title>{name}</title></polyline>",
            points.join(" ")
        );
    }
    svg.push_str("</svg><ul class=\"legend\">");
    for (name, colour, values) in &lines {
        let _ = write!(
            svg,
            "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" fill=\"{colour}\"/></svg> {}</li>",
            t.fill(
                "beheer_chart_legend",
                &[
                    ("name", name.as_str().into()),
                    (
                        "share",
                        format::percent(values.last().copied().unwrap_or(0.0) / 100.0, 1, LANG)
                            .into()
                    ),
                ],
            )
        );
    }
    svg.push_str("</ul>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::tests::hostile_status;

    #[test]
    fn hostile_buurt_names_are_text_in_the_chart() {
        let svg = cumulative(&hostile_status());
        for markup in ["</title><script>", "<script", "<svg/onload", "\x1b"] {
            assert!(!svg.contains(markup), "{markup} in {svg}");
        }
        assert!(svg.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("&lt;svg/onload=alert(2)&gt;"));
        // The whole chart still balances: one title for the chart, one per line.
        assert_eq!(
            svg.matches("<title").count(),
            svg.matches("</title>").count()
        );
    }
}
