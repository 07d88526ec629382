//! The analysis on a small hand-made export whose figures are computed by hand
//! (fixtures/exports/small), and its errors.

use crate::{mall_survey as survey, repo};
use std::path::PathBuf;

use polars_core::prelude::{BooleanChunked, ChunkCompareEq, DataFrame, DataType};
use pwe_analysis::figures::analyze;
use pwe_analysis::load::{LoadError, load, participation};
use pwe_core::weighting::{Margin, TargetKind};

fn small() -> PathBuf {
    repo().join("fixtures/exports/small")
}

/// Households per buurt: B1 60, B2 40; r1-r3 in B1 weigh 20 each, r4 in B2 weighs 40.
fn margins() -> Vec<Margin> {
    vec![Margin {
        variable: "buurt".into(),
        targets: vec![("B1".into(), 60.0), ("B2".into(), 40.0)],
        kind: TargetKind::Counts,
    }]
}

#[test]
fn figures_match_a_hand_computation() {
    // Over 100 lines on purpose: one small data set and every figure of it computed by hand beside the code's.
    let survey = survey();
    let responses = load(&small(), &survey).unwrap();
    assert_eq!(responses.ids, ["r1", "r2", "r3", "r4"]);
    assert_eq!(responses.excluded.len(), 1, "r5 is over budget");
    assert_eq!(responses.excluded[0].0, "r5");
    let analysis = analyze(
        &survey,
        &responses,
        &participation(&small()).unwrap(),
        &margins(),
        7,
    )
    .unwrap();
    let summary = &analysis.summary.to_json();
    assert_eq!(summary["n_responses"], 4);
    assert_eq!(summary["n_excluded"], 1);
    assert_eq!(summary["seed"], 7);
    let signs = row(&analysis, "shares", "option_id", "bewegwijzering");
    assert_eq!(signs["chosen"], 2.0);
    assert_eq!(signs["share"], 0.5);
    // Weighted: (20 + 40) / 100.
    assert!((signs["weighted_share"] - 0.6).abs() < 1e-6);
    // Two of four chose it: far under ten, so the published summary hides it,
    // its count too.
    assert!(summary["option_shares"]["bewegwijzering"]["chosen"].is_null());
    assert!(summary["option_shares"]["bewegwijzering"]["weighted_share"].is_null());
    // Costs in version a: 1.500.000 twice and 1.750.000 twice (r4, weight 40,
    // among them): weighted (20·1.5 + 20·1.5 + 20·1.75 + 40·1.75) / 100 million.
    assert_eq!(summary["spend"]["weighted"], true);
    assert_eq!(summary["spend"]["mean_cost"], 1_650_000.0);
    // Grades 6, 8, 7, 9: mean 7.5; weighted (20·6 + 20·8 + 20·7 + 40·9) / 100 = 7.8.
    let grade = row(&analysis, "evaluation", "item_id", "cijfer");
    assert_eq!(grade["mean"], 7.5);
    assert!((grade["weighted_mean"] - 7.8).abs() < 1e-6);
    assert!(summary["evaluation"]["cijfer"]["weighted_mean"].is_null());
    // The grade 9 of r4 (weight 40 of 100) is 40% of the weighted distribution.
    let distribution = select(
        &table(&analysis, "evaluation_distribution"),
        &[("item_id", "cijfer"), ("value", "9")],
    );
    assert_eq!(
        distribution.column("n").unwrap().u32().unwrap().get(0),
        Some(1)
    );
    assert_eq!(
        distribution
            .column("weighted_share")
            .unwrap()
            .f64()
            .unwrap()
            .get(0),
        Some(0.4)
    );
    assert_eq!(summary["participation"]["invited"], 100);
    assert_eq!(summary["participation"]["started"], 6);
    // One of six that started stopped at the choice.
    assert_eq!(summary["participation"]["dropoff"][2]["step"], "choice");
    assert_eq!(summary["participation"]["dropoff"][2]["stopped"], 1);
    assert_eq!(
        summary["participation"]["dropoff"][2]["share_of_started"],
        0.166667
    );
    // Buurt B1: 3 of 4 kept responses, rate 3/60 over all invited of B1;
    // the partial R-indicator of B1 is √(60/100)·(3/60 − 4/100).
    let b1 = &summary["representativeness"]["margins"]["buurt"]["categories"][0];
    assert_eq!(b1["category"], "B1");
    let expected = (0.6f64).sqrt() * (3.0 / 60.0 - 4.0 / 100.0);
    assert!(
        (b1["partial_r"].as_f64().unwrap() - expected).abs() < 1e-6,
        "{b1}"
    );
    let coselection = analysis
        .tables
        .iter()
        .find(|t| t.name == "coselection")
        .unwrap();
    let pair = select(
        &coselection.frame,
        &[("option_a", "bewegwijzering"), ("option_b", "pendelbus")],
    );
    // Both in 2 of 4; P(bewegwijzering) = 0.5, P(pendelbus) = 1: lift 1.
    assert_eq!(
        pair.column("lift").unwrap().f64().unwrap().get(0),
        Some(1.0)
    );
    let by_buurt = analysis
        .tables
        .iter()
        .find(|t| t.name == "shares_by_buurt")
        .unwrap();
    let published = by_buurt.published.as_ref().unwrap();
    assert_eq!(
        published.column("share").unwrap().null_count(),
        published.height(),
        "groups under ten are suppressed"
    );
    assert_eq!(
        by_buurt.frame.column("share").unwrap().null_count(),
        0,
        "the researcher's table keeps them"
    );
}

/// The frame of the researcher's table `name`.
fn table(analysis: &pwe_analysis::figures::Analysis, name: &str) -> DataFrame {
    analysis
        .tables
        .iter()
        .find(|t| t.name == name)
        .unwrap()
        .frame
        .clone()
}

/// The rows of `frame` whose cells, read as text, equal the given values.
fn select(frame: &DataFrame, cells: &[(&str, &str)]) -> DataFrame {
    let mut mask: BooleanChunked = std::iter::repeat_n(true, frame.height()).collect();
    for (name, value) in cells {
        let column = frame.column(name).unwrap().cast(&DataType::String).unwrap();
        mask = &mask & &column.str().unwrap().equal(*value);
    }
    frame.filter(&mask).unwrap()
}

/// The numeric cells of the row of table `name` where `key` is `value`.
fn row(
    analysis: &pwe_analysis::figures::Analysis,
    name: &str,
    key: &str,
    value: &str,
) -> std::collections::HashMap<String, f64> {
    let frame = select(&table(analysis, name), &[(key, value)]);
    assert_eq!(frame.height(), 1, "{name} has one row for {value}");
    frame
        .columns()
        .iter()
        .filter_map(|c| {
            let c = c.cast(&DataType::Float64).ok()?;
            Some((c.name().to_string(), c.f64().ok()?.get(0)?))
        })
        .collect()
}

fn copy_small(edit: impl Fn(&str, String) -> String) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pwe-analysis-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(small()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(
            dir.join(&name),
            edit(&name, std::fs::read_to_string(&path).unwrap()),
        )
        .unwrap();
    }
    dir
}

#[test]
fn bad_exports_name_file_line_and_column() {
    let survey = survey();
    let dir = copy_small(|name, text| {
        if name == "choices.csv" {
            text.replacen("r2,pendelbus", "r2,tram", 1)
        } else {
            text
        }
    });
    let error = load(&dir, &survey).unwrap_err();
    assert!(
        matches!(&error, LoadError::BadValue { column, line: 17, .. } if column == "option_id"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .ends_with("choices.csv:17: column option_id: \"tram\" is not an option of the survey"),
        "{error}"
    );

    let dir = copy_small(|name, text| {
        if name == "responses.csv" {
            text.replacen("r3,a,", "r3,z,", 1)
        } else {
            text
        }
    });
    let error = load(&dir, &survey).unwrap_err().to_string();
    assert!(
        error.contains(
            "responses.csv:4: column version: \"z\" is not a version of survey mall-parkeren"
        ),
        "{error}"
    );

    let dir = copy_small(|name, text| {
        if name == "responses.csv" {
            text.replacen(",overlast", ",hinder", 1)
        } else {
            text
        }
    });
    assert!(
        load(&dir, &survey)
            .unwrap_err()
            .to_string()
            .ends_with("responses.csv: the column overlast is missing")
    );

    // A motivation over three lines: the next row's line is counted, not assumed.
    let dir = copy_small(|name, text| {
        if name == "motivations.csv" {
            text + "r1,betaald-bezoekers,pro,\"Eerste regel.\nTweede regel.\nDerde.\"\nr1,blauwe-zone,tegen,\n"
        } else {
            text
        }
    });
    let error = load(&dir, &survey).unwrap_err().to_string();
    assert!(
        error.contains("motivations.csv:5: column stance: \"tegen\" is neither pro nor contra"),
        "{error}"
    );

    let dir = copy_small(|_, text| text);
    std::fs::remove_file(dir.join("evaluation.csv")).unwrap();
    assert!(
        load(&dir, &survey)
            .unwrap_err()
            .to_string()
            .ends_with("evaluation.csv: missing from the export folder")
    );
}

#[test]
fn neutralised_free_text_is_read_back_as_written() {
    let dir = copy_small(|name, text| {
        if name == "motivations.csv" {
            "response_id,option_id,stance,text\n\
             r1,betaald-bezoekers,pro,\"'=HYPERLINK(\"\"https://x.invalid\"\")\"\n\
             r1,handhaving,pro,'citaat'\n"
                .to_string()
        } else {
            text
        }
    });
    let responses = load(&dir, &survey()).unwrap();
    let texts: Vec<&str> = responses
        .motivations
        .iter()
        .filter_map(|m| m.text.as_deref())
        .collect();
    assert_eq!(
        texts,
        ["=HYPERLINK(\"https://x.invalid\")", "'citaat'"],
        "the export's apostrophe is taken off a formula, and only there"
    );
}
