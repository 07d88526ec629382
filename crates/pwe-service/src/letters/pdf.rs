//! A4 pages with the 14 standard PDF fonts (nothing embedded, so 5,000
//! letters stay a file a print shop accepts) and a QR code as a 1-bit image.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use qrcode::{Color, EcLevel, QrCode};

/// A4 in points.
pub const WIDTH: f32 = 595.0;
pub const HEIGHT: f32 = 842.0;

/// The standard fonts a letter uses.
#[derive(Clone, Copy)]
pub enum Font {
    Regular,
    Bold,
    /// Monospaced, so that every character of a code has its own room.
    Code,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Code => Name(b"F3"),
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let units: f32 = match self {
            Font::Code => 600.0 * text.chars().count() as f32,
            // Helvetica-Bold is about 6% wider than Helvetica.
            Font::Bold => text.chars().map(helvetica_width).sum::<f32>() * 1.06,
            Font::Regular => text.chars().map(helvetica_width).sum(),
        };
        units * size / 1000.0
    }
}

/// Helvetica's advance widths (from its AFM) for printable ASCII; other
/// characters are measured as a wide letter, so lines never run over.
fn helvetica_width(c: char) -> f32 {
    const ASCII: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    match u32::from(c) {
        code @ 32..=126 => f32::from(ASCII[(code - 32) as usize]),
        _ => 667.0,
    }
}

/// `text` in the fonts' WinAnsiEncoding; a character it lacks becomes `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// [`win_ansi`], for the letters' tests.
#[cfg(test)]
pub(super) fn win_ansi_for_tests(text: &str) -> Vec<u8> {
    win_ansi(text)
}

/// Splits `text` into lines no wider than `width` at `size` points.
pub fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate, size) > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One page's drawing: text lines, boxes and at most one QR code.
pub struct Page {
    content: Content,
    qr: Option<Qr>,
}

struct Qr {
    /// One bit per module, rows padded to whole bytes, 0 = dark.
    bits: Vec<u8>,
    modules: i32,
}

impl Page {
    pub fn new() -> Page {
        Page {
            content: Content::new(),
            qr: None,
        }
    }

    /// A line of text with its baseline at (`x`, `y`), in a grey from 0 (black) to 1.
    pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, gray: f32, text: &str) {
        self.content
            .set_fill_gray(gray)
            .begin_text()
            .set_font(font.name(), size)
            .next_line(x, y)
            .show(Str(&win_ansi(text)))
            .end_text();
    }

    /// A rectangle's outline.
    pub fn frame(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.content
            .set_stroke_gray(0.4)
            .set_line_width(1.0)
            .rect(x, y, width, height)
            .stroke();
    }

    /// The QR code of `data` as a square of `size` points with its lower
    /// left corner at (`x`, `y`), quiet zone included.
    ///
    /// # Panics
    /// Never for a link of a few hundred characters (a QR code holds 2,331
    /// bytes at level M).
    pub fn qr(&mut self, x: f32, y: f32, size: f32, data: &str) {
        let code = QrCode::with_error_correction_level(data, EcLevel::M)
            .expect("a link fits in a QR code");
        const QUIET: usize = 4;
        let inner = code.width();
        let modules = inner + 2 * QUIET;
        let row_bytes = modules.div_ceil(8);
        let mut bits = vec![0xff_u8; row_bytes * modules];
        for (i, color) in code.to_colors().into_iter().enumerate() {
            if color == Color::Dark {
                let (row, col) = (i / inner + QUIET, i % inner + QUIET);
                bits[row * row_bytes + col / 8] &= !(0x80 >> (col % 8));
            }
        }
        self.content
            .save_state()
            .transform([size, 0.0, 0.0, size, x, y])
            .x_object(Name(b"Q"))
            .restore_state();
        self.qr = Some(Qr {
            bits,
            modules: modules as i32,
        });
    }
}

/// The document: `pages` in order, with `title` in its properties.
pub fn document(title: &str, pages: Vec<Page>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let fonts = [Ref::new(3), Ref::new(4), Ref::new(5)];
    let info = Ref::new(6);
    let first = 7;
    let page_ref = |i: usize| Ref::new(first + 3 * i as i32);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..pages.len()).map(page_ref))
        .count(pages.len() as i32);
    pdf.document_info(info)
        .title(pdf_writer::TextStr(title))
        .producer(pdf_writer::TextStr("pwe letters"));
    for (font, base) in fonts
        .iter()
        .zip([&b"Helvetica"[..], b"Helvetica-Bold", b"Courier-Bold"])
    {
        pdf.type1_font(*font)
            .base_font(Name(base))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (i, page) in pages.into_iter().enumerate() {
        let id = page_ref(i);
        let (content_id, image_id) = (Ref::new(id.get() + 1), Ref::new(id.get() + 2));
        let mut writer = pdf.page(id);
        writer
            .parent(tree)
            .media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
            .contents(content_id);
        let mut resources = writer.resources();
        let mut font_dict = resources.fonts();
        for (font, id) in [Font::Regular, Font::Bold, Font::Code].iter().zip(fonts) {
            font_dict.pair(font.name(), id);
        }
        font_dict.finish();
        if page.qr.is_some() {
            resources.x_objects().pair(Name(b"Q"), image_id);
        }
        resources.finish();
        writer.finish();
        pdf.stream(content_id, &page.content.finish());
        if let Some(qr) = page.qr {
            let mut image = pdf.image_xobject(image_id, &qr.bits);
            image.width(qr.modules).height(qr.modules);
            image.color_space().device_gray();
            image.bits_per_component(1);
            image.finish();
        }
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_and_keeps_every_word() {
        let text = "Een zin met woorden die samen breder zijn dan de regel";
        let lines = wrap(text, Font::Regular, 11.0, 120.0);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| Font::Regular.width(l, 11.0) <= 120.0 || !l.contains(' '))
        );
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn dutch_letters_are_in_win_ansi() {
        assert_eq!(win_ansi("één €"), vec![0xe9, 0xe9, b'n', b' ', 0x80]);
        assert_eq!(win_ansi("→"), b"?");
    }
}
