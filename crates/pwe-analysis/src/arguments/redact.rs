//! Redaction of personal data in quotes: e-mail addresses, phone numbers,
//! postcodes with a house number, and names after "ik ben" or "mijn naam is".

use std::sync::LazyLock;

use regex::Regex;

struct Rule {
    pattern: Regex,
    replacement: &'static str,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |pattern: &str, replacement| Rule {
        pattern: Regex::new(pattern).expect("a valid built-in pattern"),
        replacement,
    };
    vec![
        rule(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", "[e-mail]"),
        // Dutch numbers: +31 or 0 followed by nine digits, with spaces or dashes between.
        rule(r"(\+31|0031|\b0)[\s-]?(\d[\s-]?){8}\d\b", "[telefoon]"),
        // A postcode (1234 AB) followed by a house number, or a street name's number before it.
        rule(
            r"\b\d{4}\s?[A-Za-z]{2}\b(\s*,?\s*\d+(\s?[a-zA-Z]\b)?)?",
            "[postcode]",
        ),
        rule(
            r"\b[A-Z][a-z]+(straat|weg|laan|plein|kade|singel|dreef|hof)\s+\d+(\s?[a-z]\b)?",
            "[adres]",
        ),
        // A name after "ik ben" / "mijn naam is" / "groeten,": one or two capitalised words.
        rule(
            r"(?i:\b(ik ben|mijn naam is|groeten,?|groet,?))\s+[A-Z][\p{L}'-]+(\s+(van|de|der|den)?\s*[A-Z][\p{L}'-]+)?",
            "$1 [naam]",
        ),
    ]
});

/// The text with personal data replaced by a marker such as `[e-mail]`.
pub fn redact(text: &str) -> String {
    let mut out = text.to_string();
    for rule in RULES.iter() {
        out = rule
            .pattern
            .replace_all(&out, rule.replacement)
            .into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn personal_data_is_replaced() {
        assert_eq!(
            redact("Mail me op jan.jansen@example.nl graag"),
            "Mail me op [e-mail] graag"
        );
        assert_eq!(
            redact("Bel 06-12345678 of +31 70 123 4567."),
            "Bel [telefoon] of [telefoon]."
        );
        assert_eq!(
            redact("Ik woon op 2262 AB 14 sinds jaren"),
            "Ik woon op [postcode] sinds jaren"
        );
        assert_eq!(
            redact("Ik ben Piet de Vries en woon hier"),
            "Ik ben [naam] en woon hier"
        );
        assert_eq!(
            redact("mijn naam is Anna, bewoner"),
            "mijn naam is [naam], bewoner"
        );
        assert_eq!(redact("Voorburgstraat 12 is druk"), "[adres] is druk");
        // Ordinary amounts and years stay.
        assert_eq!(
            redact("Het kost € 400.000 in 2027"),
            "Het kost € 400.000 in 2027"
        );
        assert_eq!(
            redact("ik ben het er niet mee eens"),
            "ik ben het er niet mee eens"
        );
    }
}
