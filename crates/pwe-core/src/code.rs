//! Household codes: what residents type from their letter.
//!
//! A code is ten characters from an alphabet without look-alikes (no 0/O, 1/I/L)
//! plus a check character (a weighted sum modulo 31), written in groups:
//! `K7QM-3XRT-9HC`. Ten characters of 31 give 49 bits of entropy; the check
//! character catches every single mistyped character and every swap of two
//! neighbours, so a typo gets "check your code" instead of "unknown code".

use std::fmt;

/// The characters a code is made of.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// The number of random characters in a code (before the check character).
pub const RANDOM_CHARS: usize = 10;

/// The number of distinct codes: 31^10, about 8.2·10^14 (49.5 bits).
pub const N_CODES: u64 = 31u64.pow(RANDOM_CHARS as u32);

/// A well-formed household code, stored without separators.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HouseholdCode(String);

/// Why typed text is not a household code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// Wrong length or characters that codes never contain.
    #[error("a code has {expected} letters and digits; this has {found}", expected = RANDOM_CHARS + 1)]
    WrongLength {
        /// How many code characters were typed.
        found: usize,
    },
    /// A character codes never contain.
    #[error("a code never contains \"{0}\"")]
    BadCharacter(char),
    /// Well-formed, but the check character does not match: most likely a typo.
    #[error("the code does not add up; check it for a typo")]
    CheckFailed,
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|idx| idx as u32)
}

/// The check character of `payload`: with weights 1, 2, ..., 11 by position, the
/// weighted sum of all eleven values is a multiple of 31. Because 31 is prime,
/// changing one character, or swapping two different neighbours, always changes
/// that sum by a non-multiple of 31.
fn check_char(payload: &[u8]) -> u8 {
    let n = ALPHABET.len() as u32;
    let sum: u32 = payload
        .iter()
        .enumerate()
        .map(|(idx, &c)| (idx as u32 + 1) * value_of(c).unwrap_or(0))
        .sum();
    // The check character has weight 11; 17 is the inverse of 11 modulo 31.
    let value = (n - sum % n) % n * 17 % n;
    ALPHABET[value as usize]
}

impl HouseholdCode {
    /// The code for a random number (taken modulo [`N_CODES`]); the caller
    /// supplies randomness from a cryptographic generator.
    pub fn from_random(random: u64) -> HouseholdCode {
        let mut value = random % N_CODES;
        let mut chars = [0u8; RANDOM_CHARS + 1];
        for slot in chars[..RANDOM_CHARS].iter_mut().rev() {
            *slot = ALPHABET[(value % 31) as usize];
            value /= 31;
        }
        chars[RANDOM_CHARS] = check_char(&chars[..RANDOM_CHARS]);
        HouseholdCode(chars.iter().map(|&b| b as char).collect())
    }

    /// Reads a typed code: case, spaces and dashes do not matter.
    ///
    /// # Errors
    /// [`CodeError`]: wrong length, a character codes never contain, or a check
    /// character that does not match.
    pub fn parse(typed: &str) -> Result<HouseholdCode, CodeError> {
        let cleaned: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if let Some(bad) = cleaned
            .chars()
            .find(|c| !c.is_ascii() || value_of(*c as u8).is_none())
        {
            return Err(CodeError::BadCharacter(bad));
        }
        if cleaned.len() != RANDOM_CHARS + 1 {
            return Err(CodeError::WrongLength {
                found: cleaned.len(),
            });
        }
        let bytes = cleaned.as_bytes();
        if check_char(&bytes[..RANDOM_CHARS]) != bytes[RANDOM_CHARS] {
            return Err(CodeError::CheckFailed);
        }
        Ok(HouseholdCode(cleaned))
    }

    /// The code without separators, as hashed and stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code in groups of four, as printed on the letter: `K7QM-3XRT-9HC`.
    pub fn grouped(&self) -> String {
        format!("{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }
}

/// Codes are secrets: debugging output never shows one.
impl fmt::Debug for HouseholdCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HouseholdCode(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back_in_any_typing() {
        for random in [0, 1, 42, u64::MAX, 8_200_000_000_000_000] {
            let code = HouseholdCode::from_random(random);
            assert_eq!(HouseholdCode::parse(&code.grouped()), Ok(code.clone()));
            let sloppy = format!(" {} ", code.grouped().to_lowercase().replace('-', " "));
            assert_eq!(HouseholdCode::parse(&sloppy), Ok(code));
        }
    }

    #[test]
    fn every_single_typo_is_caught() {
        let code = HouseholdCode::from_random(123_456_789_012_345);
        for position in 0..=RANDOM_CHARS {
            for &replacement in ALPHABET {
                let mut typed = code.as_str().as_bytes().to_vec();
                if typed[position] == replacement {
                    continue;
                }
                typed[position] = replacement;
                let typed = String::from_utf8(typed).unwrap();
                assert_eq!(
                    HouseholdCode::parse(&typed),
                    Err(CodeError::CheckFailed),
                    "{typed}"
                );
            }
        }
    }

    #[test]
    fn every_swap_of_neighbours_is_caught() {
        let code = HouseholdCode::from_random(987_654_321_098_765);
        for position in 0..RANDOM_CHARS {
            let mut typed = code.as_str().as_bytes().to_vec();
            if typed[position] == typed[position + 1] {
                continue;
            }
            typed.swap(position, position + 1);
            let typed = String::from_utf8(typed).unwrap();
            assert_eq!(
                HouseholdCode::parse(&typed),
                Err(CodeError::CheckFailed),
                "{typed}"
            );
        }
    }

    #[test]
    fn look_alikes_and_lengths_are_explained() {
        assert_eq!(
            HouseholdCode::parse("O234-5678-9AB"),
            Err(CodeError::BadCharacter('O'))
        );
        assert_eq!(
            HouseholdCode::parse("2345"),
            Err(CodeError::WrongLength { found: 4 })
        );
        assert_eq!(
            format!("{:?}", HouseholdCode::from_random(7)),
            "HouseholdCode(…)"
        );
    }

    #[test]
    fn codes_carry_enough_entropy() {
        assert!((N_CODES as f64).log2() >= 40.0);
    }
}
