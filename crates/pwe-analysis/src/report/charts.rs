//! The report's charts, drawn by plotters as SVG text to inline in the page.
//!
//! Every chart is laid out in pixels on a plotters drawing area (labels on the
//! left, bars on the right), which keeps long Dutch option titles readable.

use plotters::prelude::*;
pub use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::html::shown;

/// A bar's colour per series, chosen to stay apart for colour-blind readers.
pub const SERIES: [RGBColor; 4] = [
    RGBColor(0, 90, 156),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
];

const ROW: i32 = 26;
const TOP: i32 = 30;

/// The geometry of a chart: wide (labels left of the bars, for a desktop) or
/// narrow (labels on a line of their own above each bar, for a phone), so that
/// text stays at its size on both instead of shrinking with the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    width: i32,
    label_width: i32,
    labels_above: bool,
    label_chars: usize,
}

/// A desktop's chart: 760 px, labels in a 300 px column on the left.
pub const WIDE: Frame = Frame {
    width: 760,
    label_width: 300,
    labels_above: false,
    label_chars: 40,
};

/// A phone's chart: 340 px (a 390 px screen less the page's margins), each
/// label above its bar.
pub const NARROW: Frame = Frame {
    width: 340,
    label_width: 8,
    labels_above: true,
    label_chars: 46,
};

impl Frame {
    /// Where bars start.
    fn left(self) -> i32 {
        self.label_width
    }

    fn bar_width(self) -> i32 {
        self.width - self.label_width - 70
    }

    /// The x pixel of a share in [0, 1] on the bar scale.
    fn x(self, share: f64) -> i32 {
        self.left() + (share.clamp(0.0, 1.0) * f64::from(self.bar_width())).round() as i32
    }

    /// The most lines any of `labels` wraps to (1 or 2).
    fn lines<'a>(self, labels: impl IntoIterator<Item = &'a str>) -> i32 {
        labels
            .into_iter()
            .map(|label| wrap(label, self.label_chars).len() as i32)
            .max()
            .unwrap_or(1)
    }

    /// The height of one labelled row whose labels take `lines` lines.
    fn row(self, lines: i32) -> i32 {
        if self.labels_above {
            lines * LINE + ROW - 2
        } else {
            ROW.max(lines * LINE + 6)
        }
    }

    /// Writes a row's label, wrapped; returns the y where its bar starts.
    fn label(
        self,
        root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        label: &str,
        y: i32,
        lines: i32,
    ) -> Result<i32, String> {
        self.label_in(root, label, (y, self.row(lines)), lines, ROW)
    }

    /// Writes the label of a row that starts at `y` and is `height` high,
    /// for bars that take `block` pixels; returns the y where they start
    /// (below the label on a phone, centred beside it on a desktop).
    fn label_in(
        self,
        root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        label: &str,
        (y, height): (i32, i32),
        lines: i32,
        block: i32,
    ) -> Result<i32, String> {
        let wrapped = wrap(label, self.label_chars);
        let n = wrapped.len() as i32;
        for (i, line) in wrapped.iter().enumerate() {
            let i = i as i32;
            if self.labels_above {
                draw_words(
                    root,
                    line,
                    &text(14, (HPos::Left, VPos::Center)),
                    (self.left(), y + i * LINE + LINE / 2),
                )?;
            } else {
                // Centred on the bar, whatever the number of lines.
                let middle = y + height / 2;
                let line_y = middle - (n * LINE) / 2 + i * LINE + LINE / 2;
                draw_words(
                    root,
                    line,
                    &text(14, (HPos::Right, VPos::Center)),
                    (self.left() - 8, line_y),
                )?;
            }
        }
        Ok(if self.labels_above {
            y + lines * LINE - 2
        } else {
            y + (height - block) / 2
        })
    }
}

/// The height of one line of a label.
const LINE: i32 = 17;

/// A label in at most two lines of `chars` characters, broken at spaces; the
/// second shortened with "…" when even two do not hold it.
fn wrap(label: &str, chars: usize) -> Vec<String> {
    if label.chars().count() <= chars {
        return vec![label.to_string()];
    }
    let head: String = label.chars().take(chars + 1).collect();
    let split = head
        .rfind(' ')
        .filter(|&at| at > 0)
        .unwrap_or(head.len().min(label.len()));
    let (first, rest) = label.split_at(split);
    vec![first.trim_end().to_string(), fit(rest.trim_start(), chars)]
}

/// A chart that could not be drawn (the SVG backend writes to memory, so this
/// does not happen in practice, but it is reported rather than hidden).
pub type ChartResult = Result<String, String>;

fn text(size: u32, anchor: (HPos, VPos)) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(anchor.0, anchor.1))
}

/// A label shortened to `chars` characters.
fn fit(label: &str, chars: usize) -> String {
    let mut all = label.chars();
    let head: String = all.by_ref().take(chars).collect();
    if all.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

fn problem(error: impl std::fmt::Display) -> String {
    format!("drawing a chart: {error}")
}

/// Draws `words` at `at`, as every text of a chart is drawn. plotters escapes
/// `<`, `>`, `&` and quotes in the SVG it writes, but sends control and bidi
/// characters as they are; they are [`shown`] here, the reports' one rule.
fn draw_words(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    words: &str,
    style: &TextStyle<'_>,
    at: (i32, i32),
) -> Result<(), String> {
    root.draw_text(&shown(words), style, at).map_err(problem)
}

/// Draws into an SVG of `height` pixels and returns its markup.
fn svg(
    frame: Frame,
    height: i32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
) -> ChartResult {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (frame.width as u32, height as u32))
            .into_drawing_area();
        root.fill(&WHITE).map_err(problem)?;
        draw(&root)?;
        root.present().map_err(problem)?;
    }
    Ok(out)
}

/// Gridlines at 0, 25, 50, 75 and 100% with their labels, from `top` to `bottom`.
fn scale(
    frame: Frame,
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    top: i32,
    bottom: i32,
) -> Result<(), String> {
    for tick in 0..=4 {
        let x = frame.x(f64::from(tick) / 4.0);
        root.draw(&PathElement::new(
            vec![(x, top - 4), (x, bottom)],
            RGBColor(210, 210, 210),
        ))
        .map_err(problem)?;
        let anchor = match tick {
            0 => HPos::Left,
            4 => HPos::Right,
            _ => HPos::Center,
        };
        draw_words(
            root,
            &format!("{}%", tick * 25),
            &text(13, (anchor, VPos::Bottom)),
            (x, top - 6),
        )?;
    }
    Ok(())
}

/// A legend, one entry per line (long names never overlap); returns its height.
fn legend(
    frame: Frame,
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    names: &[String],
    colours: &[RGBColor],
) -> Result<i32, String> {
    for (s, name) in names.iter().enumerate() {
        let y = 4 + s as i32 * 20;
        let x = frame.left();
        root.draw(&Rectangle::new(
            [(x, y), (x + 12, y + 12)],
            colours[s % colours.len()].filled(),
        ))
        .map_err(problem)?;
        draw_words(
            root,
            name,
            &text(14, (HPos::Left, VPos::Center)),
            (x + 18, y + 6),
        )?;
    }
    Ok(names.len() as i32 * 20 + 6)
}

fn whisker(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    (lo, hi): (i32, i32),
    mid: i32,
) -> Result<(), String> {
    let style = ShapeStyle::from(&BLACK).stroke_width(1);
    for path in [
        vec![(lo, mid), (hi, mid)],
        vec![(lo, mid - 5), (lo, mid + 5)],
        vec![(hi, mid - 5), (hi, mid + 5)],
    ] {
        root.draw(&PathElement::new(path, style)).map_err(problem)?;
    }
    Ok(())
}

/// One bar row of a horizontal bar chart.
pub struct Bar {
    /// The label on the left.
    pub label: String,
    /// The share in [0, 1], or nothing when suppressed.
    pub value: Option<f64>,
    /// A 95% interval, drawn as a whisker.
    pub interval: Option<(f64, f64)>,
}

/// Horizontal bars of shares with optional interval whiskers.
pub fn bars(frame: Frame, rows: &[Bar], suppressed_label: &str) -> ChartResult {
    let lines = frame.lines(rows.iter().map(|r| r.label.as_str()));
    let height = TOP + rows.len() as i32 * frame.row(lines) + 10;
    svg(frame, height, |root| {
        scale(frame, root, TOP, height - 10)?;
        for (i, row) in rows.iter().enumerate() {
            let y = frame.label(root, &row.label, TOP + i as i32 * frame.row(lines), lines)?;
            let Some(value) = row.value else {
                draw_words(
                    root,
                    suppressed_label,
                    &text(14, (HPos::Left, VPos::Center)),
                    (frame.left() + 4, y + ROW / 2),
                )?;
                continue;
            };
            root.draw(&Rectangle::new(
                [(frame.left(), y + 5), (frame.x(value), y + ROW - 5)],
                SERIES[0].filled(),
            ))
            .map_err(problem)?;
            if let Some((lo, hi)) = row.interval {
                whisker(root, (frame.x(lo), frame.x(hi)), y + ROW / 2)?;
            }
            draw_words(
                root,
                &format!("{:.0}%", value * 100.0),
                &text(13, (HPos::Left, VPos::Center)),
                (
                    frame.x(row.interval.map_or(value, |i| i.1)) + 6,
                    y + ROW / 2,
                ),
            )?;
        }
        Ok(())
    })
}

/// Groups of bars, one bar per series, with a legend above.
pub fn grouped_bars(frame: Frame, labels: &[String], series: &[(String, Vec<f64>)]) -> ChartResult {
    let bar = ROW / 2;
    let lines = frame.lines(labels.iter().map(String::as_str));
    let bars = bar * series.len() as i32 + 10;
    let group = if frame.labels_above {
        bars + lines * LINE
    } else {
        bars.max(lines * LINE + 6)
    };
    let names: Vec<String> = series.iter().map(|(name, _)| name.clone()).collect();
    let legend_height = 20 * names.len() as i32 + 6;
    let top = legend_height + TOP;
    let height = top + labels.len() as i32 * group + 10;
    svg(frame, height, |root| {
        legend(frame, root, &names, &SERIES)?;
        scale(frame, root, top, height - 10)?;
        for (i, label) in labels.iter().enumerate() {
            let y = frame.label_in(root, label, (top + i as i32 * group, group), lines, bars)?;
            for (s, (_, values)) in series.iter().enumerate() {
                let y0 = y + 5 + s as i32 * bar;
                root.draw(&Rectangle::new(
                    [(frame.left(), y0), (frame.x(values[i]), y0 + bar - 2)],
                    SERIES[s % SERIES.len()].filled(),
                ))
                .map_err(problem)?;
            }
        }
        Ok(())
    })
}

/// Bars that stack to 100%, one segment per answer, with a legend above.
pub fn stacked(
    frame: Frame,
    labels: &[String],
    names: &[String],
    rows: &[Vec<f64>],
    colours: &[RGBColor],
) -> ChartResult {
    let legend_height = 20 * names.len() as i32 + 6;
    let top = legend_height + TOP;
    let lines = frame.lines(labels.iter().map(String::as_str));
    let height = top + labels.len() as i32 * frame.row(lines) + 10;
    svg(frame, height, |root| {
        legend(frame, root, names, colours)?;
        scale(frame, root, top, height - 10)?;
        for (i, (label, shares)) in labels.iter().zip(rows).enumerate() {
            let y = frame.label(root, label, top + i as i32 * frame.row(lines), lines)?;
            let mut start = 0.0;
            for (s, share) in shares.iter().enumerate() {
                let end = start + share;
                root.draw(&Rectangle::new(
                    [(frame.x(start), y + 4), (frame.x(end), y + ROW - 4)],
                    colours[s % colours.len()].filled(),
                ))
                .map_err(problem)?;
                start = end;
            }
        }
        Ok(())
    })
}

/// A heat map of shares: rows × columns, darker for higher, empty cells marked.
///
/// On a phone the row labels get a narrower column; the columns' labels stand
/// upright above them in both.
pub fn heat_map(
    frame: Frame,
    rows: &[String],
    columns: &[String],
    values: &[Vec<Option<f64>>],
) -> ChartResult {
    let (label_width, label_chars, header, column_chars) = if frame.labels_above {
        (110, 14, 150, 22)
    } else {
        (300, 40, 210, 30)
    };
    let cell_w = (frame.width - label_width - 10) / columns.len().max(1) as i32;
    let height = header + rows.len() as i32 * ROW + 10;
    svg(frame, height, |root| {
        for (c, column) in columns.iter().enumerate() {
            let x = label_width + c as i32 * cell_w + cell_w / 2;
            let style = ("sans-serif", 13)
                .into_font()
                .transform(FontTransform::Rotate270)
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            draw_words(root, &fit(column, column_chars), &style, (x, header - 6))?;
        }
        for (r, (label, row)) in rows.iter().zip(values).enumerate() {
            let y = header + r as i32 * ROW;
            draw_words(
                root,
                &fit(label, label_chars),
                &text(14, (HPos::Right, VPos::Center)),
                (label_width - 8, y + ROW / 2),
            )?;
            for (c, value) in row.iter().enumerate() {
                let x = label_width + c as i32 * cell_w;
                let (fill, label) = match value {
                    Some(v) => {
                        let t = v.clamp(0.0, 1.0);
                        let shade = |light: u8, dark: u8| {
                            (f64::from(light) + (f64::from(dark) - f64::from(light)) * t).round()
                                as u8
                        };
                        (
                            RGBColor(shade(240, 0), shade(246, 70), shade(252, 140)),
                            format!("{:.0}", v * 100.0),
                        )
                    }
                    // Suppressed: a grey cell without a figure; the chart's
                    // explanation says what grey means.
                    None => (RGBColor(225, 225, 225), String::new()),
                };
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + cell_w - 1, y + ROW - 1)],
                    fill.filled(),
                ))
                .map_err(problem)?;
                let ink = if value.is_some_and(|v| v > 0.5) {
                    WHITE
                } else {
                    BLACK
                };
                let style = ("sans-serif", 13)
                    .into_font()
                    .color(&ink)
                    .pos(Pos::new(HPos::Center, VPos::Center));
                draw_words(root, &label, &style, (x + cell_w / 2, y + ROW / 2))?;
            }
        }
        Ok(())
    })
}

/// One row of [`money_bars`]: a value in euros with its 95% interval.
pub struct MoneyBar {
    /// What the value is of (an option's title).
    pub label: String,
    /// The value.
    pub value: f64,
    /// Its 95% interval.
    pub interval: (f64, f64),
    /// Drawn pale, with its interval: too uncertain to read as a number.
    pub unstable: bool,
}

/// Values in euros around a zero line, negatives to the left, each with its
/// interval; the axis spans every interval.
pub fn money_bars(frame: Frame, rows: &[MoneyBar], euros: impl Fn(f64) -> String) -> ChartResult {
    let low = rows.iter().map(|r| r.interval.0).fold(0.0f64, f64::min);
    let high = rows.iter().map(|r| r.interval.1).fold(0.0f64, f64::max);
    let span = (high - low).max(1.0);
    let x = |value: f64| frame.x((value - low) / span);
    let lines = frame.lines(rows.iter().map(|r| r.label.as_str()));
    let height = TOP + rows.len() as i32 * frame.row(lines) + 10;
    svg(frame, height, |root| {
        for (value, anchor) in [(low, HPos::Left), (0.0, HPos::Center), (high, HPos::Right)] {
            root.draw(&PathElement::new(
                vec![(x(value), TOP - 4), (x(value), height - 10)],
                RGBColor(150, 150, 150),
            ))
            .map_err(problem)?;
            draw_words(
                root,
                &euros(value),
                &text(13, (anchor, VPos::Bottom)),
                (x(value), TOP - 6),
            )?;
        }
        for (i, row) in rows.iter().enumerate() {
            let y = frame.label(root, &row.label, TOP + i as i32 * frame.row(lines), lines)?;
            let colour = if row.unstable { SERIES[2] } else { SERIES[0] };
            let (from, to) = (x(0.0).min(x(row.value)), x(0.0).max(x(row.value)));
            root.draw(&Rectangle::new(
                [(from, y + 5), (to.max(from + 1), y + ROW - 5)],
                colour.filled(),
            ))
            .map_err(problem)?;
            whisker(root, (x(row.interval.0), x(row.interval.1)), y + ROW / 2)?;
        }
        Ok(())
    })
}
