//! The `pwe` command as a user runs it: exit codes and what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pwe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("running pwe")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn survey_check_summarises_the_mall_survey() {
    let output = pwe(&["survey", "check", "surveys/mall-parkeren.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("valid survey \"Parkeren en verkeer rond The Mall of the Netherlands\""));
    assert!(out.contains("options:       9 (8 binary, 1 with levels)"));
    assert!(out.contains("betaald-bezoekers"));
    assert_eq!(
        out.matches("feasible portfolios costing").count(),
        3,
        "{out}"
    );
    assert!(
        stderr(&output).is_empty(),
        "no warnings expected: {}",
        stderr(&output)
    );
}

#[test]
fn survey_check_names_file_line_field_and_reason_for_every_invalid_fixture() {
    let dir = repo().join("fixtures/surveys/invalid");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let relative = format!(
            "fixtures/surveys/invalid/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let expected = std::fs::read_to_string(&path).unwrap();
        let expected = expected
            .lines()
            .next()
            .unwrap()
            .trim_start_matches("# expect: ");
        let output = pwe(&["survey", "check", &relative]);
        assert_eq!(output.status.code(), Some(1), "{relative} should fail");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("{relative}:{expected}")),
            "{relative}: expected '{expected}' in\n{err}"
        );
    }
}

#[test]
fn survey_check_warns_about_a_short_window() {
    let text = std::fs::read_to_string(repo().join("fixtures/surveys/minimal.toml")).unwrap();
    let short = text.replace(
        "closes = 2027-03-29T17:00:00",
        "closes = 2027-03-08T09:00:00",
    );
    let dir = std::env::temp_dir().join(format!("pwe-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("short.toml");
    std::fs::write(&path, short).unwrap();
    let output = pwe(&["survey", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains(
            "warning: the survey is open for 7 days; online participation should be open for at least three weeks"
        ),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn survey_check_explains_a_missing_file() {
    let output = pwe(&["survey", "check", "surveys/nope.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("reading the survey file surveys/nope.toml"));
}

#[test]
fn survey_show_prints_totals_of_a_valid_portfolio() {
    let output = pwe(&[
        "survey",
        "show",
        "surveys/mall-parkeren.toml",
        "--portfolio",
        "betaald-bezoekers,handhaving:2,garage-afspraak,bewegwijzering,circulatie,fiets-ov",
        "--version",
        "b",
    ]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{out}{}", stderr(&output));
    // -400.000 + 350.000 + 600.000 + 250.000 + 300.000 + 350.000 in version b.
    assert!(out.contains("cost:      € 1.450.000"), "{out}");
    assert!(out.contains("remaining: -€ 150.000"), "{out}");
    assert!(
        out.contains("tax change per household per year: € 1,04"),
        "{out}"
    );
    assert!(out.contains("meets every rule"));
}

#[test]
fn survey_show_lists_broken_rules_and_exits_3() {
    let output = pwe(&[
        "survey",
        "show",
        "surveys/mall-parkeren.toml",
        "--portfolio",
        "vergunningparkeren,blauwe-zone,pendelbus,garage-afspraak,fiets-ov",
    ]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(3), "{out}");
    assert!(
        out.contains("breaks budget: Uw keuze kost € 2.100.000; het budget is € 1.500.000"),
        "{out}"
    );
    assert!(out.contains("breaks exclusive:parkeerregime"), "{out}");
}

#[test]
fn survey_show_refuses_an_unknown_option() {
    let output = pwe(&[
        "survey",
        "show",
        "surveys/mall-parkeren.toml",
        "--portfolio",
        "tram",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("reading --portfolio: unknown option \"tram\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn population_check_reads_the_fixture() {
    let output = pwe(&["population", "check", "fixtures/mall-buurten.csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("8 buurten, 5000 households"));
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pwe-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

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
        "chi-square",
        "response rate:",
        "R-indicator",
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
fn simulate_writes_the_export_format_reproducibly() {
    let dir = temp_dir("simulate");
    let run = |name: &str, seed: &str| {
        let out = dir.join(name);
        let output = pwe(&[
            "simulate",
            "--survey",
            "surveys/mall-parkeren.toml",
            "--population",
            "fixtures/mall-buurten.csv",
            "--n",
            "300",
            "--seed",
            seed,
            "--bias",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        out
    };
    let first = run("a", "1");
    let again = run("b", "1");
    let other = run("c", "2");
    for file in [
        "responses.csv",
        "choices.csv",
        "motivations.csv",
        "evaluation.csv",
        "followup.csv",
        "participation.csv",
    ] {
        let a = std::fs::read(first.join(file)).unwrap();
        assert_eq!(
            a,
            std::fs::read(again.join(file)).unwrap(),
            "{file} differs for the same seed"
        );
    }
    assert_ne!(
        std::fs::read(first.join("choices.csv")).unwrap(),
        std::fs::read(other.join("choices.csv")).unwrap()
    );
    let responses = std::fs::read_to_string(first.join("responses.csv")).unwrap();
    assert_eq!(responses.lines().count(), 301);
    assert!(responses.starts_with(
        "response_id,version,buurt,started_at,submitted_at,leeftijd,huishouden,autos,overlast\n"
    ));
    let choices = std::fs::read_to_string(first.join("choices.csv")).unwrap();
    assert_eq!(choices.lines().count(), 1 + 300 * 9);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Runs `pwe simulate` with `extra` arguments, asserting success.
fn simulate(n: &str, seed: &str, extra: &[&str]) {
    let mut args = vec![
        "simulate",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--population",
        "fixtures/mall-buurten.csv",
        "--n",
        n,
        "--seed",
        seed,
        "--bias",
    ];
    args.extend(extra);
    let output = pwe(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Runs `pwe analyze --quiet` reading from `source` (`--responses DIR` or
/// `--db URL`) into `out`, with `extra` arguments.
fn run_analyze(source: [&str; 2], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "analyze",
        "--survey",
        "surveys/mall-parkeren.toml",
        source[0],
        source[1],
        "--population",
        "fixtures/mall-buurten.csv",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend(extra);
    pwe(&args)
}

/// [`run_analyze`] without extra arguments, asserting success and silence.
fn analyze(source: [&str; 2], out: &Path) {
    let output = run_analyze(source, out, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "--quiet prints nothing");
}

/// Every `<data value=".." data-key="/json/pointer">` element of a report.
fn report_figures(html: &str) -> Vec<(String, String)> {
    html.split("<data value=\"")
        .skip(1)
        .map(|rest| {
            let (value, rest) = rest.split_once('"').unwrap();
            let key = rest
                .strip_prefix(" data-key=\"")
                .and_then(|r| r.split_once('"'))
                .unwrap()
                .0;
            (value.to_string(), key.to_string())
        })
        .collect()
}

#[test]
fn analyze_writes_a_report_whose_figures_are_the_summary_and_reproducible() {
    let dir = temp_dir("analyze");
    let export = dir.join("export");
    simulate("400", "3", &["--out", export.to_str().unwrap()]);
    let (first, again) = (dir.join("a"), dir.join("b"));
    analyze(["--responses", export.to_str().unwrap()], &first);
    analyze(["--responses", export.to_str().unwrap()], &again);

    let mut files: Vec<PathBuf> = Vec::new();
    for folder in [first.clone(), first.join("published")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for path in &files {
        let twin = again.join(path.strip_prefix(&first).unwrap());
        assert_eq!(
            std::fs::read(path).unwrap(),
            std::fs::read(&twin).unwrap(),
            "{} differs between two runs",
            path.display()
        );
    }

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(first.join("summary.json")).unwrap())
            .unwrap();
    let html = std::fs::read_to_string(first.join("report.html")).unwrap();
    let figures = report_figures(&html);
    assert!(figures.len() > 200, "only {} figures", figures.len());
    for (value, key) in &figures {
        let in_summary = summary
            .pointer(key)
            .unwrap_or_else(|| panic!("{key} is not in the summary"));
        if value.is_empty() {
            assert!(
                in_summary.is_null(),
                "{key} is suppressed in the report but not in the summary"
            );
        } else {
            assert_eq!(&in_summary.to_string(), value, "{key}");
        }
    }
    // Every option's weighted share is shown, and nothing is fetched from elsewhere.
    for option in ["vergunningparkeren", "garage-afspraak", "fiets-ov"] {
        let key = format!("/option_shares/{option}/weighted_share");
        assert!(figures.iter().any(|(_, k)| *k == key), "{key} missing");
    }
    // The choice model and its segments are in the summary and the report.
    assert_eq!(summary["model"]["identified"], true);
    assert!(summary["model"]["max_abs_gradient"].as_f64().unwrap() < 1e-6);
    assert!(
        figures
            .iter()
            .any(|(_, k)| k == "/model/money_values/0/value")
    );
    assert!(
        figures
            .iter()
            .any(|(_, k)| k.starts_with("/model/segments/fits/"))
    );
    assert!(first.join("model.json").exists());
    assert_eq!(
        html.matches("<svg").count() % 2,
        0,
        "charts come in nl/en pairs"
    );
    assert!(html.matches("<svg").count() >= 10);
    for external in [
        "src=\"http",
        "href=\"http",
        "<script",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "the report refers to {external}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn simulate_fills_a_service_database_that_analyze_reads() {
    let dir = temp_dir("simulate-db");
    let db = format!("sqlite://{}", dir.join("pwe.sqlite").display());
    simulate("200", "5", &["--db", &db]);
    let out = dir.join("report");
    analyze(["--db", &db], &out);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["n_responses"], 200);
    assert_eq!(summary["participation"]["submitted"], 200);
    let started = summary["participation"]["started"].as_i64().unwrap();
    let stopped: i64 = summary["participation"]["dropoff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["stopped"].as_i64().unwrap())
        .sum();
    assert!(stopped > 0, "some households stopped");
    assert_eq!(started, 200 + stopped);
    assert!(
        !out.join(".export").exists(),
        "the intermediate export is removed"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn arguments_are_coded_by_the_codebook_and_by_hand_with_kappa() {
    let dir = temp_dir("arguments");
    let export = dir.join("export");
    simulate(
        "300",
        "4",
        &["--free-text", "--out", export.to_str().unwrap()],
    );
    let sheet = dir.join("sheet.csv");
    let output = pwe(&[
        "arguments",
        "sheet",
        "--survey",
        "surveys/mall-parkeren.toml",
        "--responses",
        export.to_str().unwrap(),
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.starts_with("motivation_id,option_id,stance,text,coder,themes\n"));
    // Two coders code the first 40 motivations: one says "kosten" for every
    // text with "duur", the other also for "geld"; rows after 40 stay empty.
    let coded = |coder: &str, words: &[&str]| -> String {
        let mut out = String::from("motivation_id,option_id,stance,text,coder,themes\n");
        for line in text.lines().skip(1).take(40) {
            let id = line.split(',').next().unwrap();
            let themes = if words.iter().any(|w| line.contains(w)) {
                "kosten"
            } else {
                ""
            };
            out.push_str(&format!("{id},,,,{coder},{themes}\n"));
        }
        out
    };
    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    std::fs::write(&a, coded("anna", &["duur"])).unwrap();
    std::fs::write(&b, coded("bram", &["duur", "geld"])).unwrap();
    let out = dir.join("report");
    let responses = ["--responses", export.to_str().unwrap()];
    let output = run_analyze(
        responses,
        &out,
        &[
            "--no-model",
            "--coding",
            a.to_str().unwrap(),
            "--coding",
            b.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let arguments = &summary["arguments"];
    assert!(arguments["n_with_text"].as_u64().unwrap() > 100);
    assert_eq!(arguments["n_coded_by_hand"], 40);
    // The simulated texts come from templates the codebook covers.
    assert!(
        arguments["unmatched_share"].as_f64().unwrap() < 0.2,
        "{}",
        arguments["unmatched_share"]
    );
    let pairs: Vec<String> = arguments["agreement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{}-{}:{}",
                a["a"].as_str().unwrap(),
                a["b"].as_str().unwrap(),
                a["n"]
            )
        })
        .collect();
    assert_eq!(
        pairs,
        ["anna-bram:40", "anna-codebook:40", "bram-codebook:40"]
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Waarom? De argumenten"));
    assert!(!html.contains('@'), "no e-mail addresses in the report");

    // A theme the codebook does not know is named with file, line and column.
    std::fs::write(
        &a,
        format!(
            "motivation_id,coder,themes\n{},anna,geluk\n",
            text.lines().nth(1).unwrap().split(',').next().unwrap()
        ),
    )
    .unwrap();
    let output = run_analyze(
        responses,
        &out,
        &["--no-model", "--coding", a.to_str().unwrap()],
    );
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains(&format!(
            "{}:2: themes: \"geluk\" is not a theme",
            a.display()
        )),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(dir).unwrap();
}
