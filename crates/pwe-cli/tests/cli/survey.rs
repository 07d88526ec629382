//! `pwe survey` and `pwe population`: checking the input files.

use crate::{pwe, repo, stderr, stdout};

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
    // -400,000 + 350,000 + 600,000 + 250,000 + 300,000 + 350,000 in version b,
    // written as English writes amounts (the command line is in English).
    assert!(out.contains("cost:      €1,450,000"), "{out}");
    assert!(out.contains("remaining: −€150,000"), "{out}");
    assert!(
        out.contains("tax change per household per year: €1.04"),
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
        out.contains(
            "breaks budget: Uw keuze kost € 2.100.000. U mag hooguit € 1.750.000 uitgeven"
        ),
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
    assert!(stdout(&output).contains("8 buurten, 5,000 households"));
}

#[test]
fn response_check_accepts_the_fixture_and_names_what_is_wrong_in_a_broken_one() {
    let output = pwe(&[
        "response",
        "check",
        "fixtures/mall-parkeren.response.toml",
        "--survey",
        "surveys/mall-parkeren.toml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("valid response to \"mall-parkeren\", decided 2027-06-24"),
        "{out}"
    );
    assert!(out.contains("garage-afspraak          adopted"), "{out}");
    // The fixture's one Dutch-only reason: the English page would show Dutch.
    let err = stderr(&output);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: fixtures/mall-parkeren.response.toml: options \"garage-afspraak\".reasoning \
          has no English; the English results page shows the Dutch"
        ],
    );

    let dir = std::env::temp_dir().join(format!("pwe-response-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.toml");
    let fixture =
        std::fs::read_to_string(repo().join("fixtures/mall-parkeren.response.toml")).unwrap();
    std::fs::write(
        &broken,
        fixture.replace("id = \"pendelbus\"", "id = \"pendelboot\""),
    )
    .unwrap();
    let output = pwe(&[
        "response",
        "check",
        broken.to_str().unwrap(),
        "--survey",
        "surveys/mall-parkeren.toml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "broken.toml:49: options[7] \"pendelboot\": the survey has no option \"pendelboot\""
        ),
        "{err}"
    );
    assert!(err.contains("option \"pendelbus\" has no answer"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}
