//! The report's charts, drawn by plotters as SVG text to inline in the page.
//!
//! Every chart is laid out in pixels on a plotters drawing area (labels on the
//! left, bars on the right), which keeps long Dutch option titles readable.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A bar's colour per series, chosen to stay apart for colour-blind readers.
pub const SERIES: [RGBColor; 4] = [
    RGBColor(0, 90, 156),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
];

const LABEL_WIDTH: i32 = 300;
const ROW: i32 = 26;
const TOP: i32 = 30;
const WIDTH: i32 = 760;
const BAR_WIDTH: i32 = WIDTH - LABEL_WIDTH - 70;

/// A chart that could not be drawn (the SVG backend writes to memory, so this
/// does not happen in practice, but it is reported rather than hidden).
pub type ChartResult = Result<String, String>;

fn text(size: u32, anchor: (HPos, VPos)) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(anchor.0, anchor.1))
}

/// A label shortened to fit the label column.
fn fit(label: &str) -> String {
    let mut chars = label.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

fn problem(error: impl std::fmt::Display) -> String {
    format!("drawing a chart: {error}")
}

/// Draws into an SVG of `height` pixels and returns its markup.
fn svg(
    height: i32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
) -> ChartResult {
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (WIDTH as u32, height as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(problem)?;
        draw(&root)?;
        root.present().map_err(problem)?;
    }
    Ok(out)
}

/// The x pixel of a share in [0, 1] on the bar scale.
fn x_of(share: f64) -> i32 {
    LABEL_WIDTH + (share.clamp(0.0, 1.0) * f64::from(BAR_WIDTH)).round() as i32
}

/// Gridlines at 0, 25, 50, 75 and 100% with their labels, over `rows` rows.
fn scale(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    rows: i32,
) -> Result<(), String> {
    let bottom = TOP + rows * ROW;
    for tick in 0..=4 {
        let x = x_of(f64::from(tick) / 4.0);
        root.draw(&PathElement::new(
            vec![(x, TOP - 4), (x, bottom)],
            RGBColor(210, 210, 210),
        ))
        .map_err(problem)?;
        root.draw_text(
            &format!("{}%", tick * 25),
            &text(13, (HPos::Center, VPos::Bottom)),
            (x, TOP - 6),
        )
        .map_err(problem)?;
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
pub fn bars(rows: &[Bar], suppressed_label: &str) -> ChartResult {
    let height = TOP + rows.len() as i32 * ROW + 10;
    svg(height, |root| {
        scale(root, rows.len() as i32)?;
        for (i, row) in rows.iter().enumerate() {
            let y = TOP + i as i32 * ROW;
            root.draw_text(
                &fit(&row.label),
                &text(15, (HPos::Right, VPos::Center)),
                (LABEL_WIDTH - 8, y + ROW / 2),
            )
            .map_err(problem)?;
            let Some(value) = row.value else {
                root.draw_text(
                    suppressed_label,
                    &text(14, (HPos::Left, VPos::Center)),
                    (LABEL_WIDTH + 4, y + ROW / 2),
                )
                .map_err(problem)?;
                continue;
            };
            root.draw(&Rectangle::new(
                [(LABEL_WIDTH, y + 5), (x_of(value), y + ROW - 5)],
                SERIES[0].filled(),
            ))
            .map_err(problem)?;
            if let Some((lo, hi)) = row.interval {
                let mid = y + ROW / 2;
                let style = ShapeStyle::from(&BLACK).stroke_width(1);
                for path in [
                    vec![(x_of(lo), mid), (x_of(hi), mid)],
                    vec![(x_of(lo), mid - 5), (x_of(lo), mid + 5)],
                    vec![(x_of(hi), mid - 5), (x_of(hi), mid + 5)],
                ] {
                    root.draw(&PathElement::new(path, style)).map_err(problem)?;
                }
            }
            root.draw_text(
                &format!("{:.0}%", value * 100.0),
                &text(13, (HPos::Left, VPos::Center)),
                (x_of(row.interval.map_or(value, |i| i.1)) + 6, y + ROW / 2),
            )
            .map_err(problem)?;
        }
        Ok(())
    })
}

/// Groups of bars, one bar per series, with a legend above.
pub fn grouped_bars(labels: &[String], series: &[(String, Vec<f64>)]) -> ChartResult {
    let group = ROW * series.len() as i32 / 2 + 10;
    let legend = 22;
    let height = TOP + legend + labels.len() as i32 * group + 10;
    svg(height, |root| {
        for (s, (name, _)) in series.iter().enumerate() {
            let x = LABEL_WIDTH + s as i32 * 150;
            root.draw(&Rectangle::new(
                [(x, 4), (x + 12, 16)],
                SERIES[s % SERIES.len()].filled(),
            ))
            .map_err(problem)?;
            root.draw_text(name, &text(14, (HPos::Left, VPos::Center)), (x + 16, 10))
                .map_err(problem)?;
        }
        let top = TOP + legend;
        for tick in 0..=4 {
            let x = x_of(f64::from(tick) / 4.0);
            root.draw(&PathElement::new(
                vec![(x, top - 4), (x, height - 10)],
                RGBColor(210, 210, 210),
            ))
            .map_err(problem)?;
            root.draw_text(
                &format!("{}%", tick * 25),
                &text(13, (HPos::Center, VPos::Bottom)),
                (x, top - 6),
            )
            .map_err(problem)?;
        }
        let bar = ROW / 2;
        for (i, label) in labels.iter().enumerate() {
            let y = top + i as i32 * group;
            root.draw_text(
                &fit(label),
                &text(15, (HPos::Right, VPos::Center)),
                (LABEL_WIDTH - 8, y + group / 2),
            )
            .map_err(problem)?;
            for (s, (_, values)) in series.iter().enumerate() {
                let y0 = y + 5 + s as i32 * bar;
                root.draw(&Rectangle::new(
                    [(LABEL_WIDTH, y0), (x_of(values[i]), y0 + bar - 2)],
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
    labels: &[String],
    legend: &[String],
    rows: &[Vec<f64>],
    colours: &[RGBColor],
) -> ChartResult {
    let height = TOP + 24 + labels.len() as i32 * ROW + 10;
    svg(height, |root| {
        for (s, name) in legend.iter().enumerate() {
            let x = LABEL_WIDTH + s as i32 * (BAR_WIDTH / legend.len().max(1) as i32);
            root.draw(&Rectangle::new(
                [(x, 4), (x + 12, 16)],
                colours[s % colours.len()].filled(),
            ))
            .map_err(problem)?;
            root.draw_text(name, &text(13, (HPos::Left, VPos::Center)), (x + 16, 10))
                .map_err(problem)?;
        }
        let top = TOP + 24;
        for (i, (label, shares)) in labels.iter().zip(rows).enumerate() {
            let y = top + i as i32 * ROW;
            root.draw_text(
                &fit(label),
                &text(14, (HPos::Right, VPos::Center)),
                (LABEL_WIDTH - 8, y + ROW / 2),
            )
            .map_err(problem)?;
            let mut start = 0.0;
            for (s, share) in shares.iter().enumerate() {
                let end = start + share;
                root.draw(&Rectangle::new(
                    [(x_of(start), y + 4), (x_of(end), y + ROW - 4)],
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
pub fn heat_map(rows: &[String], columns: &[String], values: &[Vec<Option<f64>>]) -> ChartResult {
    let cell_w = (BAR_WIDTH + 60) / columns.len().max(1) as i32;
    let header = 110;
    let height = header + rows.len() as i32 * ROW + 10;
    svg(height, |root| {
        for (c, column) in columns.iter().enumerate() {
            let x = LABEL_WIDTH + c as i32 * cell_w + cell_w / 2;
            let style = ("sans-serif", 13)
                .into_font()
                .transform(FontTransform::Rotate270)
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            root.draw_text(column, &style, (x, header - 6))
                .map_err(problem)?;
        }
        for (r, (label, row)) in rows.iter().zip(values).enumerate() {
            let y = header + r as i32 * ROW;
            root.draw_text(
                &fit(label),
                &text(14, (HPos::Right, VPos::Center)),
                (LABEL_WIDTH - 8, y + ROW / 2),
            )
            .map_err(problem)?;
            for (c, value) in row.iter().enumerate() {
                let x = LABEL_WIDTH + c as i32 * cell_w;
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
                    None => (RGBColor(225, 225, 225), "–".to_string()),
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
                root.draw_text(&label, &style, (x + cell_w / 2, y + ROW / 2))
                    .map_err(problem)?;
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
pub fn money_bars(rows: &[MoneyBar], euros: impl Fn(f64) -> String) -> ChartResult {
    let low = rows.iter().map(|r| r.interval.0).fold(0.0f64, f64::min);
    let high = rows.iter().map(|r| r.interval.1).fold(0.0f64, f64::max);
    let span = (high - low).max(1.0);
    let x = |value: f64| x_of((value - low) / span);
    let height = TOP + rows.len() as i32 * ROW + 10;
    svg(height, |root| {
        let bottom = TOP + rows.len() as i32 * ROW;
        for (value, anchor) in [(low, HPos::Left), (0.0, HPos::Center), (high, HPos::Right)] {
            root.draw(&PathElement::new(
                vec![(x(value), TOP - 4), (x(value), bottom)],
                RGBColor(150, 150, 150),
            ))
            .map_err(problem)?;
            root.draw_text(
                &euros(value),
                &text(13, (anchor, VPos::Bottom)),
                (x(value), TOP - 6),
            )
            .map_err(problem)?;
        }
        for (i, row) in rows.iter().enumerate() {
            let y = TOP + i as i32 * ROW;
            root.draw_text(
                &fit(&row.label),
                &text(15, (HPos::Right, VPos::Center)),
                (LABEL_WIDTH - 8, y + ROW / 2),
            )
            .map_err(problem)?;
            let colour = if row.unstable { SERIES[2] } else { SERIES[0] };
            let (from, to) = (x(0.0).min(x(row.value)), x(0.0).max(x(row.value)));
            root.draw(&Rectangle::new(
                [(from, y + 5), (to.max(from + 1), y + ROW - 5)],
                colour.filled(),
            ))
            .map_err(problem)?;
            let mid = y + ROW / 2;
            let (lo, hi) = (x(row.interval.0), x(row.interval.1));
            let style = ShapeStyle::from(&BLACK).stroke_width(1);
            for path in [
                vec![(lo, mid), (hi, mid)],
                vec![(lo, mid - 5), (lo, mid + 5)],
                vec![(hi, mid - 5), (hi, mid + 5)],
            ] {
                root.draw(&PathElement::new(path, style)).map_err(problem)?;
            }
        }
        Ok(())
    })
}
