//! The letters households receive: one A4 page per code with the code, the
//! personal link and its QR code, and a mail-merge file for a print shop.
//!
//! The municipality's words come from the survey's `[survey.letter]`; the
//! rest (window, how-to, privacy, help) is written here from the survey's
//! facts, so a letter never promises what the service does not do. Codes
//! come from the `codes.csv` that `pwe codes generate` wrote (the only copy of
//! the plain codes); a reminder goes only to the households of a pending list
//! (`pwe codes pending`), which names households, never codes.

mod paper;
mod pdf;

use std::collections::BTreeSet;

use pwe_core::code::HouseholdCode;
use pwe_core::spreadsheet::neutralise;
use pwe_core::survey::{Contact, Letter};
use pwe_core::words::words;
use pwe_core::{Lang, Survey, format};

use pdf::{Font, HEIGHT, Page, WIDTH, wrap};

/// Why no letters could be written.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// The survey file has no `[survey.letter]`.
    #[error(
        "the survey file has no [survey.letter] with intro and signature; add it (docs/survey-format.md)"
    )]
    NoLetterText,
    /// A reminder was asked for but the survey has no reminder paragraph.
    #[error("the survey file's [survey.letter] has no reminder paragraph; add `reminder`")]
    NoReminderText,
    /// The survey names no help desk, which every letter must.
    #[error("the survey file has no [survey.contact]; a letter must say where residents get help")]
    NoContact,
    /// The public address cannot be used.
    #[error(transparent)]
    PublicUrl(#[from] crate::public_url::PublicUrlError),
    /// A line of a CSV file is wrong.
    #[error("{file}, line {line}: {message}")]
    Csv {
        /// The file as given.
        file: String,
        /// The line in the file (1 is the header).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The pending list names a household the codes file does not have.
    #[error(
        "{0} household(s) of the pending list are not in the codes file, such as {1}; was it made from another batch?"
    )]
    NotInCodes(usize, String),
}

/// Which letter to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// The first letter, to every household of the codes file.
    Invitation,
    /// The reminder, to the households of a pending list.
    Reminder,
}

/// A household to write to, with its plain code.
#[derive(Debug, Clone)]
pub struct Addressee {
    /// The household's reference (the print shop matches it to an address).
    pub household_ref: String,
    /// Its buurt.
    pub buurt: String,
    /// The plain code.
    pub code: HouseholdCode,
}

pub use crate::public_url::PublicUrl;
pub use paper::{PaperHousehold, paper_pdf, read_paper_codes};

fn csv_error(file: &str, line: u64, message: impl Into<String>) -> LetterError {
    LetterError::Csv {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// The rows of a CSV file with the columns it must have, each with its line.
fn rows<const N: usize>(
    text: &str,
    file: &str,
    columns: [&str; N],
) -> Result<Vec<(u64, [String; N])>, LetterError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(file, 1, e.to_string()))?
        .clone();
    let mut index = [0; N];
    for (slot, column) in index.iter_mut().zip(columns) {
        *slot = headers
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| csv_error(file, 1, format!("there is no column \"{column}\"")))?;
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            csv_error(file, line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        out.push((line, index.map(|i| record.get(i).unwrap_or("").to_string())));
    }
    Ok(out)
}

/// The households and codes of a codes file (`household_ref`, `buurt`, `code`).
///
/// # Errors
/// A missing column or a code that is not one; the error names the line.
pub fn read_codes(text: &str, file: &str) -> Result<Vec<Addressee>, LetterError> {
    rows(text, file, ["household_ref", "buurt", "code"])?
        .into_iter()
        .map(|(line, [household_ref, buurt, code])| {
            let code = HouseholdCode::parse(&code)
                .map_err(|e| csv_error(file, line, format!("the code of {household_ref}: {e}")))?;
            Ok(Addressee {
                household_ref,
                buurt,
                code,
            })
        })
        .collect()
}

/// The households of a pending list (`household_ref`).
///
/// # Errors
/// A missing column.
pub fn read_pending(text: &str, file: &str) -> Result<BTreeSet<String>, LetterError> {
    Ok(rows(text, file, ["household_ref"])?
        .into_iter()
        .map(|(_, [household_ref])| household_ref)
        .collect())
}

/// The addressees of the pending list, in the codes file's order.
///
/// # Errors
/// A pending household the codes file does not have (another batch, or a
/// reissued code whose new codes file was not given).
pub fn pending_only(
    addressees: Vec<Addressee>,
    pending: &BTreeSet<String>,
) -> Result<Vec<Addressee>, LetterError> {
    let known: BTreeSet<&str> = addressees
        .iter()
        .map(|a| a.household_ref.as_str())
        .collect();
    let missing: Vec<&String> = pending
        .iter()
        .filter(|r| !known.contains(r.as_str()))
        .collect();
    if let Some(first) = missing.first() {
        return Err(LetterError::NotInCodes(missing.len(), (*first).clone()));
    }
    Ok(addressees
        .into_iter()
        .filter(|a| pending.contains(&a.household_ref))
        .collect())
}

/// The mail-merge file for a print shop: `household_ref,buurt,code,link`.
pub fn merge_csv(addressees: &[Addressee], url: &PublicUrl) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["household_ref", "buurt", "code", "link"]);
    for a in addressees {
        // The references and buurten come from a file: a cell that a
        // spreadsheet would run as a formula is written as text.
        let _ = writer.write_record([
            &*neutralise(&a.household_ref),
            &*neutralise(&a.buurt),
            &a.code.grouped(),
            &url.link(&a.code),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The letters as one PDF, a page per addressee.
///
/// # Errors
/// The survey lacks the letter's words or a help desk.
pub fn letters_pdf(
    survey: &Survey,
    addressees: &[Addressee],
    url: &PublicUrl,
    kind: LetterKind,
) -> Result<Vec<u8>, LetterError> {
    let meta = survey.meta();
    let letter = meta.letter.as_ref().ok_or(LetterError::NoLetterText)?;
    let contact = meta.contact.as_ref().ok_or(LetterError::NoContact)?;
    let paragraph = match kind {
        LetterKind::Invitation => letter.intro.nl(),
        LetterKind::Reminder => letter
            .reminder
            .as_ref()
            .ok_or(LetterError::NoReminderText)?
            .nl(),
    };
    let words = Words::new(survey, letter, contact, url, paragraph, kind);
    let pages = addressees.iter().map(|a| words.page(a, url)).collect();
    Ok(pdf::document(meta.title.nl(), pages))
}

/// Everything on a letter that is the same for every household.
struct Words {
    organiser: String,
    heading: String,
    title: String,
    paragraph: String,
    window: String,
    how: [String; 3],
    privacy: String,
    help: String,
    signature: String,
    /// The letter in a few lines in English.
    other_language: String,
    /// "Uw persoonlijke code / Your personal code".
    code_label: String,
    /// "Uw persoonlijke link / Your personal link".
    link_label: String,
}

const MARGIN: f32 = 62.0;
const TEXT_WIDTH: f32 = WIDTH - 2.0 * MARGIN;

impl Words {
    fn new(
        survey: &Survey,
        letter: &Letter,
        contact: &Contact,
        url: &PublicUrl,
        paragraph: &str,
        kind: LetterKind,
    ) -> Words {
        let meta = survey.meta();
        let (nl, en) = (words(Lang::Nl), words(Lang::En));
        let local = |at: chrono::DateTime<chrono::Utc>, lang: Lang| {
            format::moment(at.with_timezone(&meta.timezone).naive_local(), lang)
        };
        let reach = |lang: Lang| {
            let t = words(lang);
            let mut ways = Vec::new();
            if let Some(phone) = &contact.phone {
                ways.push(t.fill("letter_reach_phone", &[("phone", phone.into())]));
            }
            if let Some(email) = &contact.email {
                ways.push(t.fill("letter_reach_email", &[("email", email.into())]));
            }
            if let Some(address) = &contact.address {
                ways.push(t.fill(
                    "letter_reach_visit",
                    &[("address", address.get(lang).into())],
                ));
            }
            ways.into_iter()
                .reduce(|first, second| {
                    t.fill(
                        "letter_reach_or",
                        &[("first", first.into()), ("second", second.into())],
                    )
                })
                .unwrap_or_default()
        };
        let hours = contact
            .hours
            .as_ref()
            .map_or(String::new(), |h| format!(" {}", h.nl()));
        let address = || url.bare().to_string().into();
        Words {
            organiser: meta.organiser.nl().to_string(),
            heading: match kind {
                LetterKind::Invitation => nl.text("letter_heading_invitation").into(),
                LetterKind::Reminder => nl.text("letter_heading_reminder").into(),
            },
            title: meta.title.nl().to_string(),
            paragraph: paragraph.to_string(),
            window: nl.fill(
                "letter_window",
                &[
                    ("opens", local(meta.opens, Lang::Nl).into()),
                    ("closes", local(meta.closes, Lang::Nl).into()),
                ],
            ),
            how: [
                nl.fill("letter_how_1", &[("address", address())]),
                nl.text("letter_how_2").into(),
                nl.text("letter_how_3").into(),
            ],
            privacy: nl.fill(
                "letter_privacy",
                &[("date", format::date(meta.retention_until, Lang::Nl).into())],
            ),
            help: format!(
                "{}{hours}",
                nl.fill(
                    "letter_help",
                    &[("ways", capitalise(&reach(Lang::Nl)).into())]
                )
            ),
            signature: letter.signature.nl().to_string(),
            // The letter in a few lines in English.
            other_language: en.fill(
                "letter_summary",
                &[
                    ("organiser", meta.organiser.get(Lang::En).into()),
                    ("title", meta.title.get(Lang::En).into()),
                    ("address", address()),
                    ("opens", local(meta.opens, Lang::En).into()),
                    ("closes", local(meta.closes, Lang::En).into()),
                    ("ways", reach(Lang::En).into()),
                ],
            ),
            code_label: format!(
                "{} / {}",
                nl.text("letter_your_code"),
                en.text("letter_your_code")
            ),
            link_label: format!(
                "{} / {}",
                nl.text("letter_your_link"),
                en.text("letter_your_link")
            ),
        }
    }

    /// One household's page, written from the top down.
    fn page(&self, to: &Addressee, url: &PublicUrl) -> Page {
        let nl = words(Lang::Nl);
        let mut page = Page::new();
        let mut y = HEIGHT - 70.0;
        let lines = |page: &mut Page, y: &mut f32, text: &str, font: Font, size: f32| {
            for line in wrap(text, font, size, TEXT_WIDTH) {
                page.text(MARGIN, *y, font, size, 0.0, &line);
                *y -= size * 1.35;
            }
        };
        page.text(MARGIN, y, Font::Bold, 11.0, 0.3, &self.organiser);
        y -= 34.0;
        lines(&mut page, &mut y, &self.heading, Font::Bold, 17.0);
        lines(&mut page, &mut y, &self.title, Font::Regular, 12.0);
        y -= 10.0;
        lines(
            &mut page,
            &mut y,
            nl.text("letter_greeting"),
            Font::Regular,
            11.0,
        );
        y -= 4.0;
        lines(&mut page, &mut y, &self.paragraph, Font::Regular, 11.0);
        y -= 12.0;

        // The code box: what the household needs, large, with the QR code.
        let (box_height, qr_size) = (128.0, 112.0);
        let bottom = y - box_height;
        page.frame(MARGIN, bottom, TEXT_WIDTH, box_height);
        let inner = MARGIN + 14.0;
        page.text(inner, y - 24.0, Font::Regular, 10.0, 0.3, &self.code_label);
        page.text(inner, y - 58.0, Font::Code, 26.0, 0.0, &to.code.grouped());
        page.text(inner, y - 84.0, Font::Regular, 10.0, 0.3, &self.link_label);
        page.text(
            inner,
            y - 100.0,
            Font::Regular,
            10.0,
            0.0,
            &url.link(&to.code),
        );
        page.qr(
            MARGIN + TEXT_WIDTH - qr_size - 8.0,
            bottom + (box_height - qr_size) / 2.0,
            qr_size,
            &url.link(&to.code),
        );
        y = bottom - 24.0;

        lines(&mut page, &mut y, &self.window, Font::Bold, 11.0);
        y -= 6.0;
        lines(
            &mut page,
            &mut y,
            nl.text("letter_how_heading"),
            Font::Bold,
            11.0,
        );
        for step in &self.how {
            lines(&mut page, &mut y, step, Font::Regular, 11.0);
        }
        y -= 6.0;
        lines(&mut page, &mut y, &self.help, Font::Regular, 11.0);
        y -= 6.0;
        lines(&mut page, &mut y, &self.privacy, Font::Regular, 9.5);
        y -= 10.0;
        lines(
            &mut page,
            &mut y,
            nl.text("letter_closing"),
            Font::Regular,
            11.0,
        );
        lines(&mut page, &mut y, &self.signature, Font::Regular, 11.0);
        y -= 10.0;
        lines(&mut page, &mut y, &self.other_language, Font::Regular, 9.5);

        page.text(
            MARGIN,
            36.0,
            Font::Regular,
            8.0,
            0.45,
            &nl.fill(
                "letter_reference",
                &[
                    ("reference", (&to.household_ref).into()),
                    ("buurt", (&to.buurt).into()),
                ],
            ),
        );
        page
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_code_grouped() {
        let url = PublicUrl::parse("https://raadpleging.example.nl/").unwrap();
        let code = HouseholdCode::from_random(99);
        assert_eq!(
            url.link(&code),
            format!("https://raadpleging.example.nl/s/{}", code.grouped())
        );
        assert_eq!(url.bare(), "raadpleging.example.nl");
    }

    #[test]
    fn a_wrong_code_names_its_line_after_a_quoted_newline() {
        let good = HouseholdCode::from_random(7).grouped();
        let text =
            format!("household_ref,buurt,code\nh1,\"BU1\n(oost)\",{good}\nh2,BU2,nonsense\n");
        match read_codes(&text, "codes.csv") {
            Err(LetterError::Csv { line, message, .. }) => {
                assert_eq!(line, 4);
                assert!(message.contains("h2"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        match read_pending("buurt\nBU1\n", "pending.csv") {
            Err(e) => assert_eq!(
                e.to_string(),
                "pending.csv, line 1: there is no column \"household_ref\""
            ),
            Ok(_) => panic!("read without household_ref"),
        }
    }

    #[test]
    fn hostile_references_and_buurten_are_text_in_the_merge_file() {
        let url = PublicUrl::parse("https://raadpleging.example.nl/").unwrap();
        let addressees = [Addressee {
            household_ref: "=HYPERLINK(\"https://x.invalid\")".into(),
            buurt: "@SUM(1)</title><script>".into(),
            code: HouseholdCode::from_random(5),
        }];
        let merge = merge_csv(&addressees, &url);
        let row = merge.lines().nth(1).unwrap();
        assert!(row.starts_with("\"'=HYPERLINK("), "{row}");
        assert!(row.contains(",'@SUM(1)</title><script>,"), "{row}");
    }

    #[test]
    fn control_characters_never_reach_a_letter() {
        assert_eq!(pdf::win_ansi_for_tests("a\x1b[31mb\u{9b}c"), b"a?[31mb?c");
    }
}
