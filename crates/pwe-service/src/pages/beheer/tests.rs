use super::*;
use crate::status::tests::hostile_status;
use crate::status::{MarginSoFar, NotYet};
use pwe_core::weighting::WeightingError;
use pwe_core::weighting::representativeness::ResponseVerdict;

#[test]
fn representativeness_is_told_in_dutch_with_dutch_figures() {
    let mut status = hostile_status();
    status.representativeness = Some(SoFar::Assessed {
        r_indicator: 0.8712,
        interval: (0.8, 0.93),
        max_bias: 0.1,
        selective: ResponseVerdict::Moderate,
        margins: vec![
            MarginSoFar {
                variable: "buurt".into(),
                verdict: "uncorrected",
                p_value: Some(0.00004),
                max_asmd: 0.25,
            },
            MarginSoFar {
                variable: "leeftijd".into(),
                verdict: "alike",
                p_value: Some(0.2351),
                max_asmd: 0.05,
            },
        ],
    });
    let lines = representativeness_lines(&status);
    assert!(
        lines[0].contains("0,87") && lines[0].contains("matig"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("Buurt: "), "{lines:?}");
    assert!(lines[1].contains("p < 0,001"), "{lines:?}");
    assert!(lines[2].contains("p = 0,235"), "{lines:?}");
    for line in &lines {
        assert!(
            !line.contains("0.") && !line.contains("p = 0,000"),
            "{line}"
        );
    }
}

#[test]
fn a_reason_not_to_weigh_yet_is_dutch_on_the_page() {
    let mut status = hostile_status();
    status.representativeness = Some(SoFar::NotYet {
        reason: NotYet::Weighting(WeightingError::EmptyCategory {
            variable: "buurt".into(),
            category: "BU19160302".into(),
        }),
    });
    let lines = representativeness_lines(&status);
    assert_eq!(
        lines,
        [
            "Nog niet te berekenen: bij buurt heeft in categorie BU19160302 nog niemand advies gegeven, dus kan die groep nog niet worden gewogen."
        ]
    );
}

#[test]
fn days_and_shares_are_written_as_dutch_writes_them() {
    assert_eq!(day_words("2026-11-09", format::date), "9 november 2026");
    assert_eq!(day_words("2026-11-09", format::day), "9 nov.");
    assert_eq!(share(18, 100), "18,0%");
    let svg = chart::cumulative(&hostile_status());
    assert!(
        svg.contains(">12 jan.<") && svg.contains(">13 jan.<"),
        "{svg}"
    );
    assert!(svg.contains("totaal: 20,0%"), "{svg}");
}
