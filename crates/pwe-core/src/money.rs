//! Amounts of money in whole euros, and how they are written for residents.

use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

use crate::text::Lang;

/// An amount in whole euros; negative amounts are income (a measure that raises money).
///
/// Whole euros keep sums exact, so "exactly on budget" never fails on rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Euros(pub i64);

impl Euros {
    /// Zero euros.
    pub const ZERO: Euros = Euros(0);

    /// The amount as a number of euros.
    pub fn get(self) -> i64 {
        self.0
    }

    /// Writes the amount the way residents read it: `€ 1.500.000` in Dutch,
    /// `€1,500,000` in English, with a minus sign for income.
    pub fn display(self, lang: Lang) -> String {
        let (separator, prefix) = match lang {
            Lang::Nl => ('.', "€ "),
            Lang::En => (',', "€"),
        };
        let sign = if self.0 < 0 { "-" } else { "" };
        format!(
            "{sign}{prefix}{}",
            group_thousands(self.0.unsigned_abs(), separator)
        )
    }
}

/// Writes a non-negative whole number with a separator every three digits.
pub(crate) fn group_thousands(value: u64, separator: char) -> String {
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

/// Writes a euro amount with cents, such as a tax change per household:
/// `€ 12,50` in Dutch, `€12.50` in English.
pub fn display_cents(amount: f64, lang: Lang) -> String {
    let cents = (amount * 100.0).round();
    let sign = if cents < 0.0 { "-" } else { "" };
    let cents = cents.abs() as u64;
    let (thousands, decimal, prefix) = match lang {
        Lang::Nl => ('.', ',', "€ "),
        Lang::En => (',', '.', "€"),
    };
    format!(
        "{sign}{prefix}{}{decimal}{:02}",
        group_thousands(cents / 100, thousands),
        cents % 100
    )
}

impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::En))
    }
}

impl Add for Euros {
    type Output = Euros;
    fn add(self, other: Euros) -> Euros {
        Euros(self.0 + other.0)
    }
}

impl AddAssign for Euros {
    fn add_assign(&mut self, other: Euros) {
        self.0 += other.0;
    }
}

impl Sub for Euros {
    type Output = Euros;
    fn sub(self, other: Euros) -> Euros {
        Euros(self.0 - other.0)
    }
}

impl Neg for Euros {
    type Output = Euros;
    fn neg(self) -> Euros {
        Euros(-self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(amount: i64, nl: &str, en: &str) {
        assert_eq!(Euros(amount).display(Lang::Nl), nl);
        assert_eq!(Euros(amount).display(Lang::En), en);
    }

    #[test]
    fn writes_whole_euros() {
        check(0, "€ 0", "€0");
        check(999, "€ 999", "€999");
        check(1_000, "€ 1.000", "€1,000");
        check(1_720_000, "€ 1.720.000", "€1,720,000");
        check(-250_000, "-€ 250.000", "-€250,000");
    }

    #[test]
    fn writes_cents() {
        assert_eq!(display_cents(12.5, Lang::Nl), "€ 12,50");
        assert_eq!(display_cents(12.5, Lang::En), "€12.50");
        assert_eq!(display_cents(-1234.567, Lang::Nl), "-€ 1.234,57");
    }
}
