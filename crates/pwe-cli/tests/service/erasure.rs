//! Erasure and files: after `pwe purge` nothing personal is in any byte of
//! the database's files; exports and coding sheets are safe to open and
//! readable by their owner only.

use std::path::Path;

use pwe_service::codes::CodeKey;

use crate::http::*;
use crate::{pwe, temp_dir, text};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The texts a marker household leaves, and every code's hash: after the
/// purge none of them is in any byte of the database's files.
#[test]
fn the_purge_erases_from_the_files_and_exports_are_safe_to_open() {
    let dir = temp_dir("purge");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, true);
    let test_codes = codes_in(&dir, &survey, false, "test-codes.csv");
    let server = Server::start(&dir, &survey, &[]);
    let response = r#"{"portfolio":{"betaald-bezoekers":1,"handhaving":1,"garage-afspraak":1,"pendelbus":1,"circulatie":1,"fiets-ov":1},
        "motivations":{"circulatie":"=HYPERLINK(\"https://x.invalid\",\"MARKER-MOTIVATIE-7731\")"},
        "background":{"leeftijd":"45-64","huishouden":"alleen","autos":"1"},
        "evaluation":{"gelegenheid":4,"begrijpelijk":5,"zinvol":4,"serieus":3,"cijfer":8,"opmerkingen":"MARKER-OPMERKING-7731"}}"#;
    let submitted = api(
        &server,
        client(1),
        "/api/household/submit",
        &test_codes[0].1,
        response,
    );
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    let drafted = api(
        &server,
        client(1),
        "/api/household/draft",
        &test_codes[1].1,
        r#"{"step":"motivation","answers":{"motivations":{"handhaving":"MARKER-CONCEPT-7731"}}}"#,
    );
    assert_eq!(drafted.status, 200, "{}", drafted.body);
    session(&login(&server, client(1), &test_codes[2].1));
    // Not while a service holds the database: it would go on answering.
    let output = pwe(&dir, &["purge", "--survey", &survey, "--force"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("a service (pwe serve) is using this database"),
        "{}",
        text(&output.stderr)
    );
    // Nor a second service on the same SQLite file.
    let output = pwe(
        &dir,
        &["serve", "--survey", &survey, "--addr", "127.0.0.1:0"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("a pwe serve already runs on it (SQLite takes one instance"),
        "{}",
        text(&output.stderr)
    );
    drop(server);

    // Exports and coding sheets neutralise formulas; files with codes,
    // secrets or answers are the owner's only.
    let output = pwe(
        &dir,
        &[
            "export",
            "--survey",
            &survey,
            "--out",
            "export",
            "--free-text",
            "--test",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let motivations = std::fs::read_to_string(dir.join("export/motivations.csv")).unwrap();
    assert!(
        motivations.contains(",\"'=HYPERLINK("),
        "neutralised: {motivations}"
    );
    let output = pwe(
        &dir,
        &[
            "arguments",
            "sheet",
            "--survey",
            &survey,
            "--responses",
            "export",
            "--out",
            "sheet.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let sheet = std::fs::read_to_string(dir.join("sheet.csv")).unwrap();
    assert!(
        !sheet
            .lines()
            .any(|l| l.contains(",=") || l.contains(",\"=")),
        "{sheet}"
    );
    #[cfg(unix)]
    for file in [
        "codes.csv",
        "pwe.sqlite",
        "pwe.sqlite.secret",
        "export/motivations.csv",
        "sheet.csv",
    ] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file}");
    }

    let output = pwe(&dir, &["purge", "--survey", &survey, "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    assert!(
        printed.contains("1 responses no longer linked to a household"),
        "{printed}"
    );
    assert!(printed.contains("verified:"), "{printed}");

    let key = CodeKey::load_or_create(&dir.join("pwe.sqlite.secret"))
        .unwrap()
        .0;
    let mut needles: Vec<String> = [
        "MARKER-MOTIVATIE-7731",
        "MARKER-OPMERKING-7731",
        "MARKER-CONCEPT-7731",
    ]
    .map(String::from)
    .to_vec();
    for (_, code) in codes.iter().chain(&test_codes) {
        let code = pwe_core::code::HouseholdCode::parse(code).unwrap();
        needles.push(key.hash(&code));
    }
    let mut scanned = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("pwe.sqlite") || name.ends_with(".secret") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        scanned += bytes.len();
        for needle in &needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{name} still holds {needle}"
            );
        }
    }
    assert!(scanned > 0);
    std::fs::remove_dir_all(dir).unwrap();
}

/// After the purge no household is left to find: no reference in any byte
/// of the database's files, no time finer than a day, the participation
/// figures unchanged from counts per buurt; and the service's log, at every
/// level, never named a household.
#[test]
fn the_purge_unlinks_households_and_no_log_line_names_one() {
    let dir = temp_dir("unlink");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let codes = codes(&dir, &survey, true);
    let log = dir.join("serve.log");
    crate::add_staff(&dir, &[], "balie", "desk");
    let server = Server::start_logging(&dir, &survey, &[], Some(&log));
    // Online through the API, on the pages, and a paper form entered by an official.
    let submitted = api(
        &server,
        client(1),
        "/api/household/submit",
        &codes[0].1,
        crate::security::SAME_ANSWERS,
    );
    let receipt = crate::security::receipt_of(&submitted);
    let resident = session(&login(&server, client(2), &codes[1].1));
    assert_eq!(get(&server, client(2), "/info/1", &resident).status, 200);
    let page = request(&server, client(3), "GET", "/beheer", &[], "");
    let csrf = hidden(&page.body, "csrf");
    let staff = form(
        &server,
        client(3),
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name=balie&password={}", crate::STAFF_PASSWORD),
    )
    .cookies()
    .remove(0);
    let csrf = hidden(&get(&server, client(3), "/beheer", &staff).body, "csrf");
    let entry = form(
        &server,
        client(3),
        "/beheer/invoer",
        &staff,
        &format!("csrf={csrf}&code={}&channel=paper", codes[2].1),
    );
    assert_eq!(entry.status, 303, "{}", entry.body);
    let paper = entry
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("pwe_session="))
        .unwrap();
    assert_eq!(get(&server, client(3), "/info/1", &paper).status, 200);
    let paper_submit = request(
        &server,
        client(3),
        "POST",
        "/api/household/submit",
        &[
            ("X-Household-Code", &codes[2].1),
            ("Content-Type", "application/json"),
        ],
        crate::security::SAME_ANSWERS,
    );
    assert_eq!(paper_submit.status, 201, "{}", paper_submit.body);
    drop(server);
    let status = |dir: &Path| {
        let output = pwe(dir, &["status", "--survey", &survey, "--json"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (value["buurten"].clone(), value["daily"].clone())
    };
    let before = status(&dir);

    // Closed, then purged.
    let closed = survey_file(&dir, Some(("2026-01-05T09:00:00", "2026-02-02T17:00:00")));
    let output = pwe(&dir, &["purge", "--survey", &closed, "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(status(&dir), before, "the participation figures survive");

    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("entry by an official"), "traced: {logged}");
    let refs: Vec<&str> = codes.iter().map(|(r, _)| r.as_str()).collect();
    for household_ref in &refs {
        assert!(
            !logged.contains(household_ref),
            "the log names {household_ref}"
        );
    }
    let time = finer_than_a_day();
    let mut scanned = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("pwe.sqlite") || name.ends_with(".secret") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        scanned += bytes.len();
        for needle in refs.iter().copied().chain([receipt.as_str()]) {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{name} still holds {needle}"
            );
        }
        if let Some(at) = time(&bytes) {
            panic!("{name} still holds the time {at}");
        }
    }
    assert!(scanned > 0);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A finder of the first time finer than a day in raw bytes: an RFC 3339
/// `YYYY-MM-DDTHH:MM` whose time is not midnight.
fn finer_than_a_day() -> impl Fn(&[u8]) -> Option<String> {
    |bytes: &[u8]| {
        let digit = |b: u8| b.is_ascii_digit();
        bytes.windows(19).find_map(|w| {
            let shape = w.iter().enumerate().all(|(i, &b)| match i {
                4 | 7 => b == b'-',
                10 => b == b'T',
                13 | 16 => b == b':',
                _ => digit(b),
            });
            (shape && &w[11..19] != b"00:00:00").then(|| String::from_utf8_lossy(w).into_owned())
        })
    }
}
