//! How figures are written for people, one way per language: counts, decimals,
//! percentages, euros, dates, moments and durations (nl: 5.000 · 30,0% ·
//! € 1.000; dates and durations in the catalog's words). Every page, letter, report and the
//! command line write figures through these functions; files for machines
//! (CSV, JSON) keep plain numbers.

use chrono::{Datelike, NaiveDate};

use crate::text::Lang;
use crate::words::{Arg, words};

fn separators(lang: Lang) -> (char, char) {
    let w = words(lang);
    let first = |id| w.text(id).chars().next().unwrap_or('.');
    (first("decimal_separator"), first("thousands_separator"))
}

/// Writes a non-negative whole number with a separator every three digits.
fn grouped(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (idx, digit) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// The minus sign of every figure a person reads.
const MINUS: char = '−';

fn signed(negative: bool, text: String) -> String {
    if negative {
        format!("{MINUS}{text}")
    } else {
        text
    }
}

/// A whole number: `5.000` in Dutch, `5,000` in English.
pub fn count(n: i64, lang: Lang) -> String {
    signed(n < 0, grouped(n.unsigned_abs(), separators(lang).1))
}

/// A number with `decimals` decimals, the language's decimal and thousands
/// separators and a minus sign: `0,87` / `0.87`, `12.864,6`, `−0,34`.
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.decimals$}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (point, thousands) = separators(lang);
    let whole = whole
        .parse()
        .map_or_else(|_| whole.to_string(), |w| grouped(w, thousands));
    let written = if fraction.is_empty() {
        whole
    } else {
        format!("{whole}{point}{fraction}")
    };
    // −0,0 is written 0,0: the sign of a figure that rounds to zero says nothing.
    let zero = written.chars().all(|c| !c.is_ascii_digit() || c == '0');
    signed(value < 0.0 && !zero, written)
}

/// A share in [0, 1] as a percentage: `30,0%` / `30.0%`.
pub fn percent(share: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", decimal(share * 100.0, decimals, lang))
}

/// An amount in whole euros: `€ 1.500` / `€1,500`, `−€ 250` for income.
pub fn euros(amount: i64, lang: Lang) -> String {
    let (_, thousands) = separators(lang);
    signed(
        amount < 0,
        format!(
            "{}{}",
            euro_sign(lang),
            grouped(amount.unsigned_abs(), thousands)
        ),
    )
}

/// An amount with cents, such as a tax change per household: `€ 12,50` / `€12.50`.
pub fn cents(amount: f64, lang: Lang) -> String {
    let cents = (amount * 100.0).round();
    let whole = (cents.abs() as u64) / 100;
    let (point, thousands) = separators(lang);
    signed(
        cents < 0.0,
        format!(
            "{}{}{point}{:02}",
            euro_sign(lang),
            grouped(whole, thousands),
            (cents.abs() as u64) % 100
        ),
    )
}

fn euro_sign(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "€ ",
        Lang::En => "€",
    }
}

fn date_args(date: NaiveDate) -> [(&'static str, Arg<'static>); 3] {
    [
        ("day", Arg::Count(date.day().into())),
        // A number, so that the catalog selects the month's name by it.
        ("month", Arg::Count(date.month().into())),
        // Text: a year is written without a thousands separator.
        ("year", Arg::Text(date.year().to_string().into())),
    ]
}

/// A date as people write it, in the catalog's words (`date_long`): `9 November 2026`.
pub fn date(date: NaiveDate, lang: Lang) -> String {
    words(lang).fill("date_long", &date_args(date))
}

/// A number near zero in powers of ten, with the language's decimal
/// separator: `3,1e-13` / `3.1e-13`.
pub fn scientific(value: f64, lang: Lang) -> String {
    let text = format!("{:.1e}", value.abs());
    let (point, _) = separators(lang);
    signed(value < 0.0, text.replace('.', &point.to_string()))
}

/// A p-value as people can read it: `p < 0,001` rather than `p = 0,000`,
/// else with three decimals.
pub fn p_value(p: f64, lang: Lang) -> String {
    const LIMIT: f64 = 0.001;
    if p < LIMIT {
        words(lang).fill("p_below", &[("limit", decimal(LIMIT, 3, lang).into())])
    } else {
        words(lang).fill("p_is", &[("p", decimal(p, 3, lang).into())])
    }
}

/// A time of day: `9.00` / `9:00`.
pub fn time(at: chrono::NaiveTime, lang: Lang) -> String {
    use chrono::Timelike;
    let separator = words(lang).text("time_separator");
    format!("{}{separator}{:02}", at.hour(), at.minute())
}

/// A moment (the catalog's `moment`): `11 January 2027, 9:00`.
pub fn moment(at: chrono::NaiveDateTime, lang: Lang) -> String {
    words(lang).fill(
        "moment",
        &[
            ("date", date(at.date(), lang).into()),
            ("time", time(at.time(), lang).into()),
        ],
    )
}

/// A day of the year without the year, for a chart's axis: `9 nov.` / `9 Nov`.
pub fn day(date: NaiveDate, lang: Lang) -> String {
    words(lang).fill("date_short", &date_args(date))
}

/// A length of time in its two largest units, rounded down: `4 dagen en
/// 8 uur`, `3 uur`, `12 minuten`.
pub fn duration(span: chrono::TimeDelta, lang: Lang) -> String {
    let w = words(lang);
    let minutes = span.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let unit = |id: &str, n: i64| w.fill(id, &[("n", Arg::Count(n))]);
    let parts: Vec<String> = [("days", days), ("hours", hours), ("minutes", mins)]
        .into_iter()
        .skip_while(|(_, n)| *n == 0)
        .take(2)
        .filter(|(_, n)| *n > 0)
        .map(|(id, n)| unit(id, n))
        .collect();
    match parts.as_slice() {
        [] => unit("minutes", 0),
        [one] => one.clone(),
        [first, second, ..] => w.fill(
            "duration_and",
            &[("first", first.into()), ("second", second.into())],
        ),
    }
}
