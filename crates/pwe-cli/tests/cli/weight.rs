//! `pwe weight`: raking respondents to the population.

use std::path::Path;

use crate::{pwe, stderr, stdout, temp_dir};

/// The weights a `pwe weight` run wrote, by respondent.
fn read_weights(path: &Path) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("respondent_id,weight"));
    lines
        .map(|line| {
            let (id, weight) = line.split_once(',').unwrap();
            (id.to_string(), weight.parse().unwrap())
        })
        .collect()
}

#[test]
fn weight_rakes_the_fixture_respondents_to_the_cbs_population() {
    let dir = temp_dir("weight");
    let out = dir.join("weights.csv");
    let output = pwe(&[
        "weight",
        "--respondents",
        "fixtures/weighting/respondents.csv",
        "--population",
        "fixtures/mall-buurten.csv",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--by",
        "buurt,leeftijd,huishouden",
        "--cap",
        "5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    for expected in [
        "design effect",
        "effective sample size",
        "ASMD before",
        "census test",
        "response rate:",
        "R-indicator",
        "adjusted for estimation",
        "verdict: respondents differ; the weighting corrects it",
        "verdict: strongly selective response",
        "the population of leeftijd is given as shares",
    ] {
        assert!(
            printed.contains(expected),
            "'{expected}' missing from\n{printed}"
        );
    }
    let weights = read_weights(&out);
    assert_eq!(weights.len(), 600);
    assert_eq!(weights[0].0, "r0001");
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    assert!((total - 5000.0).abs() < 1e-6, "{total}");
    let cap = 5.0 * 5000.0 / 600.0;
    assert!(weights.iter().all(|(_, w)| *w <= cap * (1.0 + 1e-9)));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn weight_accepts_margins_given_directly_and_is_reproducible() {
    let dir = temp_dir("weight-margins");
    let run = |name: &str| {
        let out = dir.join(name);
        let output = pwe(&[
            "weight",
            "--respondents",
            "fixtures/weighting/respondents.csv",
            "--margins",
            "fixtures/weighting/margins.csv",
            "--by",
            "buurt,leeftijd,huishouden",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        std::fs::read(out).unwrap()
    };
    assert_eq!(
        run("a.csv"),
        run("b.csv"),
        "same input, byte-identical output"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn weight_names_a_category_the_population_lacks() {
    let dir = temp_dir("weight-bad");
    let respondents = dir.join("respondents.csv");
    std::fs::write(&respondents, "respondent_id,leeftijd\nr1,25-44\nr2,100+\n").unwrap();
    let output = pwe(&[
        "weight",
        "--respondents",
        respondents.to_str().unwrap(),
        "--margins",
        "fixtures/weighting/margins.csv",
        "--by",
        "leeftijd",
        "--out",
        dir.join("w.csv").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("margin leeftijd: 1 respondent(s) are in category 100+, which the population margin does not have"),
        "{}",
        stderr(&output)
    );
    let missing_column = pwe(&[
        "weight",
        "--respondents",
        respondents.to_str().unwrap(),
        "--margins",
        "fixtures/weighting/margins.csv",
        "--by",
        "buurt",
        "--out",
        dir.join("w.csv").to_str().unwrap(),
    ]);
    assert!(
        stderr(&missing_column).contains("respondents.csv:1: the column buurt is missing"),
        "{}",
        stderr(&missing_column)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn weight_flags_a_respondent_who_stands_for_many_households() {
    // 99 respondents in buurt A and one in B, where half the households live:
    // the one in B gets a weight of 50 times the mean.
    let dir = temp_dir("weight-large");
    let mut respondents = String::from("respondent_id,buurt\n");
    for i in 0..100 {
        let buurt = if i == 0 { "B" } else { "A" };
        respondents.push_str(&format!("r{i:03},{buurt}\n"));
    }
    std::fs::write(dir.join("respondents.csv"), respondents).unwrap();
    std::fs::write(
        dir.join("margins.csv"),
        "variable,category,target\nbuurt,A,500\nbuurt,B,500\n",
    )
    .unwrap();
    let run = |cap: &[&str]| {
        let mut args = vec![
            "weight",
            "--respondents",
            dir.join("respondents.csv").to_str().unwrap(),
            "--margins",
            dir.join("margins.csv").to_str().unwrap(),
            "--by",
            "buurt",
            "--out",
            dir.join("w.csv").to_str().unwrap(),
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        args.extend(cap.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        stdout(&pwe(&args))
    };
    let printed = run(&[]);
    assert!(
        printed.contains(
            "warning: 1 weight(s) above 5 times the mean (the largest is 50.0 times): a few respondents carry the figures; consider --cap 5"
        ),
        "{printed}"
    );
    assert!(!run(&["--cap", "5"]).contains("warning: 1 weight(s) above"));
    std::fs::remove_dir_all(dir).unwrap();
}
