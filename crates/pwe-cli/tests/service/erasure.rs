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
