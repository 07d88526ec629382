//! Amounts of money in whole euros, and how they are written for residents.

use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub};

use crate::format;
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

    /// Writes the amount the way residents read it ([`format::euros`]):
    /// `€ 1.500.000` in Dutch, `€1,500,000` in English, `−` for income.
    pub fn display(self, lang: Lang) -> String {
        format::euros(self.0, lang)
    }
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
        check(-250_000, "−€ 250.000", "−€250,000");
    }

    #[test]
    fn writes_cents() {
        assert_eq!(format::cents(12.5, Lang::Nl), "€ 12,50");
        assert_eq!(format::cents(12.5, Lang::En), "€12.50");
        assert_eq!(format::cents(-1234.567, Lang::Nl), "−€ 1.234,57");
    }
}
