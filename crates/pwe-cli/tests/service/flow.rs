//! The service's commands as an operator runs them: codes, serve, export,
//! the follow-up sample and the purge, on a SQLite file in a temporary folder.

use std::path::Path;

use crate::http::{Server, api, client, codes, request};
use crate::{add_staff, basic, pwe, repo, temp_dir, text};

fn survey() -> String {
    repo()
        .join("surveys/mall-parkeren.toml")
        .display()
        .to_string()
}

fn households() -> String {
    repo()
        .join("fixtures/mall-buurten.csv")
        .display()
        .to_string()
}

#[test]
fn codes_serve_export_sample_and_purge() {
    let dir = temp_dir("flow");
    let code = generate_codes(&dir);
    serve_and_submit(&dir, &code);
    export_and_sample(&dir);
    purge(&dir);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Test codes for 8 buurten, never stored plain nor written over; one of them.
fn generate_codes(dir: &Path) -> String {
    let output = pwe(
        dir,
        &[
            "codes",
            "generate",
            "--survey",
            &survey(),
            "--households",
            &households(),
            "--per-buurt",
            "2",
            "--test",
            "--out",
            "codes.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("16 test codes in batch b1 for 8 buurten"));
    assert!(text(&output.stderr).contains("created the code secret pwe.sqlite.secret"));
    let codes = std::fs::read_to_string(dir.join("codes.csv")).unwrap();
    let first = codes.lines().nth(1).unwrap();
    let code = first.split(',').nth(2).unwrap().to_string();
    assert_eq!(code.len(), 13, "grouped code: {code}");
    for file in ["pwe.sqlite", "pwe.sqlite-wal"] {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_default();
        assert!(
            !text(&bytes).contains(&code.replace('-', "")),
            "{file} holds a plain code"
        );
    }

    let again = pwe(
        dir,
        &[
            "codes",
            "generate",
            "--survey",
            &survey(),
            "--households",
            &households(),
            "--out",
            "codes.csv",
        ],
    );
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("codes.csv exists; codes files are never overwritten"));
    code
}

/// Serves on a random port, submits through HTTP, stops.
fn serve_and_submit(dir: &Path, code: &str) {
    add_staff(dir, &[], "onderzoeker", "researcher");
    let server = Server::start(dir, &survey(), &[]);
    assert_eq!(
        request(&server, client(1), "GET", "/health", &[], "").body,
        "ok"
    );
    let submitted = api(
        &server,
        client(1),
        "/api/household/submit",
        code,
        &serde_json_free_response(),
    );
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    let progress = request(
        &server,
        client(1),
        "GET",
        "/api/admin/progress",
        &[("Authorization", &basic("onderzoeker"))],
        "",
    );
    assert_eq!(progress.status, 200);
}

/// The export holds every file; test households are never sampled.
fn export_and_sample(dir: &Path) {
    let output = pwe(
        dir,
        &["export", "--survey", &survey(), "--out", "export", "--test"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("1 responses exported to export"));
    for file in [
        "responses.csv",
        "choices.csv",
        "motivations.csv",
        "evaluation.csv",
        "followup.csv",
        "participation.csv",
    ] {
        assert!(dir.join("export").join(file).exists(), "{file} missing");
    }

    let output = pwe(
        dir,
        &[
            "evaluation",
            "sample",
            "--n",
            "5",
            "--by",
            "buurt",
            "--seed",
            "7",
            "--out",
            "sample.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("drew 0 of 0 participating households"),
        "test households are not sampled: {}",
        text(&output.stdout)
    );
}

/// The purge waits for the retention date unless forced.
fn purge(dir: &Path) {
    let output = pwe(dir, &["purge", "--survey", &survey()]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr)
            .contains("the retention date 2027-12-31 has not passed; nothing was removed")
    );
    let output = pwe(dir, &["purge", "--survey", &survey(), "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("purged: 16 code hashes"),
        "{}",
        text(&output.stdout)
    );
}

/// A complete response valid in every version, as JSON text.
fn serde_json_free_response() -> String {
    r#"{"portfolio":{"betaald-bezoekers":1,"handhaving":1,"garage-afspraak":1,"pendelbus":1,"circulatie":1,"fiets-ov":1},
        "background":{"leeftijd":"45-64","huishouden":"alleen","autos":"1"},
        "evaluation":{"gelegenheid":4,"begrijpelijk":5,"zinvol":4,"serieus":3,"cijfer":8}}"#
        .to_string()
}

#[test]
fn a_voided_code_can_be_reissued() {
    let dir = temp_dir("reissue");
    // Two real codes per buurt: b1-00003 is the first of the second buurt.
    codes(&dir, &survey(), true);
    let output = pwe(&dir, &["codes", "void", "--ref", "b1-00003"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = pwe(&dir, &["codes", "void", "--ref", "b1-00003"]);
    assert!(text(&output.stderr).contains("household b1-00003 has no valid code to void"));
    let output = pwe(
        &dir,
        &["codes", "reissue", "--ref", "b1-00003", "--out", "new.csv"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let new = std::fs::read_to_string(dir.join("new.csv")).unwrap();
    assert!(
        new.lines()
            .nth(1)
            .unwrap()
            .starts_with("b1-00003,BU19160202,"),
        "{new}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Reminders go to non-responders only: `pwe codes pending` lists exactly the
/// households that did not start, or did not submit, by reference; `pwe
/// status` shows the same turnout per buurt and per day.
#[test]
fn pending_and_status_list_exactly_the_households_to_remind() {
    // Over 100 lines on purpose: one simulated consultation read by both commands and checked against each other.
    let dir = temp_dir("pending");
    let output = pwe(
        &dir,
        &[
            "simulate",
            "--survey",
            &survey(),
            "--population",
            &households(),
            "--n",
            "200",
            "--seed",
            "3",
            "--db",
            "sqlite://pwe.sqlite",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = pwe(&dir, &["export", "--survey", &survey(), "--out", "export"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // participation.csv: buurt, invited, started, submitted, ...
    let (mut invited, mut started, mut submitted) = (0, 0, 0);
    for line in std::fs::read_to_string(dir.join("export/participation.csv"))
        .unwrap()
        .lines()
        .skip(1)
    {
        let cells: Vec<u32> = line
            .split(',')
            .skip(1)
            .take(3)
            .map(|c| c.parse().unwrap())
            .collect();
        invited += cells[0];
        started += cells[1];
        submitted += cells[2];
    }
    // About 200 respond (each household by chance); the export lists them all.
    let responses = std::fs::read_to_string(dir.join("export/responses.csv")).unwrap();
    assert_eq!(submitted as usize, responses.lines().count() - 1);
    assert!((150..250).contains(&submitted), "{submitted}");
    for (stage, expected) in [
        ("not-started", invited - started),
        ("not-submitted", invited - submitted),
    ] {
        let out = format!("{stage}.csv");
        let output = pwe(&dir, &["codes", "pending", "--stage", stage, "--out", &out]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let listed = std::fs::read_to_string(dir.join(&out)).unwrap();
        let mut lines = listed.lines();
        assert_eq!(
            lines.next(),
            Some("household_ref,buurt"),
            "references, never codes"
        );
        assert_eq!(lines.count() as u32, expected, "{stage}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(&out))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o777,
                0o600,
                "a list of households is the owner's only"
            );
        }
    }
    // `pwe status` tells the same turnout, in total and summed over the days.
    let output = pwe(&dir, &["status", "--survey", &survey()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let status = text(&output.stdout);
    assert!(
        !status.contains("Leidsenhage"),
        "no names without a population file"
    );
    // Counts as English writes them: 5,000.
    let count = |n: u32| pwe_core::format::count(n.into(), pwe_core::Lang::En);
    let total = format!(
        "{:<14} {:>8} {:>8} {:>10}",
        "total",
        count(invited),
        count(started),
        count(submitted)
    );
    assert!(status.contains(&total), "{total}\n{status}");
    let (mut started_days, mut submitted_days) = (0, 0);
    // The day table, before the table of response so far per buurt.
    let days = status.split("response so far per buurt").next().unwrap();
    for line in days.lines().filter(|l| l.starts_with("20")) {
        let cells: Vec<u32> = line
            .split_whitespace()
            .skip(1)
            .take(2)
            .map(|c| c.parse().unwrap())
            .collect();
        started_days += cells[0];
        submitted_days += cells[1];
    }
    assert_eq!(
        (started_days, submitted_days),
        (started, submitted),
        "{status}"
    );
    assert!(status.contains("started but not submitted, by the furthest step saved: start"));
    // With the population: how representative the responses are so far.
    let output = pwe(
        &dir,
        &[
            "status",
            "--survey",
            &survey(),
            "--population",
            &households(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let status = text(&output.stdout);
    assert!(
        status.contains("representativeness so far: R-indicator"),
        "{status}"
    );
    for margin in ["buurt", "leeftijd", "huishouden"] {
        assert!(status.contains(&format!("\n  {margin:<14} ")), "{status}");
    }
    // ... and each buurt's name beside its code.
    let row = status
        .lines()
        .find(|line| line.starts_with("BU19160201 "))
        .unwrap_or_else(|| panic!("no row for BU19160201 in {status}"));
    assert!(row.ends_with("%  Leidsenhage"), "{row}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Results are published after the close only: before it the operator is told when.
#[test]
fn results_cannot_be_published_while_the_consultation_is_open() {
    let dir = temp_dir("publish-open");
    let output = pwe(&dir, &["results", "publish", "--survey", &survey()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("the consultation is open until 8 February 2027, 17:00"),
        "{}",
        text(&output.stderr)
    );
    std::fs::remove_dir_all(dir).unwrap();
}
