//! `pwe letters`: the PDF a print shop gets, read back as a reader and a
//! phone camera would (pdftotext, and zbarimg on the rendered page).

use std::path::Path;
use std::process::Command;

use super::*;

const URL: &str = "https://raadpleging.example.nl";

/// A program the test needs; scripts/test.sh installs poppler-utils and zbar-tools.
fn tool(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (scripts/test.sh installs it)"));
    assert!(
        output.status.success(),
        "{program}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn letters(dir: &Path, extra: &[&str]) -> std::process::Output {
    let survey = repo().join("surveys/mall-parkeren.toml");
    let mut args = vec![
        "letters",
        "--survey",
        survey.to_str().unwrap(),
        "--codes",
        "codes.csv",
        "--public-url",
        URL,
    ];
    args.extend_from_slice(extra);
    pwe(dir, &args)
}

/// The text of each page of a PDF.
fn page_texts(dir: &Path, pdf: &str) -> Vec<String> {
    let all = tool(dir, "pdftotext", &[pdf, "-"]);
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    pages.pop(); // after the last form feed
    pages
}

#[test]
fn every_code_gets_a_page_with_its_code_link_and_a_qr_code_that_scans() {
    let dir = temp_dir("letters");
    let survey = repo().join("surveys/mall-parkeren.toml");
    let codes = crate::http::codes_in(&dir, survey.to_str().unwrap(), true, "codes.csv");
    assert_eq!(codes.len(), 16);

    let output = letters(&dir, &["--out", "letters.pdf", "--merge", "merge.csv"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let pages = page_texts(&dir, "letters.pdf");
    assert_eq!(pages.len(), codes.len(), "one page per code");
    for ((household_ref, code), page) in codes.iter().zip(&pages) {
        assert!(page.contains(code), "{code} on its page:\n{page}");
        assert!(page.contains(&format!("{URL}/s/{code}")), "link of {code}");
        assert!(page.contains(household_ref), "reference for the print shop");
        assert!(page.contains("Meedoen kan van 11 januari 2027, 9.00 uur tot 8 februari 2027"));
        assert!(page.contains("14 070"), "the help desk");
        assert!(page.contains("English:"));
    }
    for (page, (_, code)) in [1, 16].into_iter().zip([&codes[0], &codes[15]]) {
        let prefix = format!("page{page}");
        tool(
            &dir,
            "pdftoppm",
            &[
                "-r",
                "150",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                "-png",
                "-singlefile",
                "letters.pdf",
                &prefix,
            ],
        );
        let scanned = tool(&dir, "zbarimg", &["-q", "--raw", &format!("{prefix}.png")]);
        assert_eq!(
            scanned.trim(),
            format!("{URL}/s/{code}"),
            "the QR code of page {page}"
        );
    }
    let merge = std::fs::read_to_string(dir.join("merge.csv")).unwrap();
    assert_eq!(merge.lines().next(), Some("household_ref,buurt,code,link"));
    assert_eq!(merge.lines().count(), 17);
    assert!(merge.contains(&format!("{},{URL}/s/{}", codes[3].1, codes[3].1)));

    // Reminders: only the households of the pending list, with the reminder text.
    let pending: String = std::iter::once("household_ref,buurt\n".to_string())
        .chain([&codes[2], &codes[9], &codes[11]].map(|(r, _)| format!("{r},x\n")))
        .collect();
    std::fs::write(dir.join("pending.csv"), &pending).unwrap();
    let output = letters(
        &dir,
        &["--reminder", "pending.csv", "--out", "reminders.pdf"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let reminders = page_texts(&dir, "reminders.pdf");
    assert_eq!(reminders.len(), 3);
    for (page, (_, code)) in reminders.iter().zip([&codes[2], &codes[9], &codes[11]]) {
        assert!(page.contains("Herinnering"));
        assert!(page.contains(code.as_str()));
    }

    // Nobody pending: said so, and no empty PDF.
    std::fs::write(dir.join("none.csv"), "household_ref,buurt\n").unwrap();
    let output = letters(&dir, &["--reminder", "none.csv", "--out", "none.pdf"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("no household needs a letter"));
    assert!(!dir.join("none.pdf").exists());

    // A pending household from another codes file is named, nothing is written.
    std::fs::write(dir.join("other.csv"), "household_ref,buurt\nb7-00001,x\n").unwrap();
    let output = letters(&dir, &["--reminder", "other.csv", "--out", "wrong.pdf"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("b7-00001"),
        "{}",
        text(&output.stderr)
    );
    assert!(!dir.join("wrong.pdf").exists());

    // A public address that is not one is refused before anything is written,
    // with what is wrong with it, and never with a panic.
    let survey_arg = survey.to_str().unwrap();
    let long = format!("https://raadpleging.example.nl/{}", "a".repeat(3000));
    for (url, reason) in [
        ("raadpleging.example.nl", "does not start with https://"),
        ("http://raadpleging.example.nl", "plain http"),
        ("https://x@evil.example", "user name"),
        ("https://raadpleging.example.nl/phish?x=", "query"),
        (long.as_str(), "longer than 200 characters"),
    ] {
        let output = pwe(
            &dir,
            &[
                "letters",
                "--survey",
                survey_arg,
                "--codes",
                "codes.csv",
                "--public-url",
                url,
                "--out",
                "x.pdf",
            ],
        );
        assert_eq!(output.status.code(), Some(1), "{url}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("the public URL") && stderr.contains(reason),
            "{url}: {stderr}"
        );
        assert!(!dir.join("x.pdf").exists());
    }
}

#[test]
fn a_paper_form_carries_its_households_version_and_its_entry_is_stored_with_it() {
    let dir = temp_dir("paper");
    let survey =
        crate::http::survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let households = repo().join("fixtures/mall-buurten.csv");
    let output = pwe(
        &dir,
        &[
            "codes",
            "generate",
            "--survey",
            &survey,
            "--households",
            households.to_str().unwrap(),
            "--per-buurt",
            "5",
            "--out",
            "codes.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Each code's version was drawn with it, as the codes file says.
    let codes = std::fs::read_to_string(dir.join("codes.csv")).unwrap();
    assert!(codes.starts_with("household_ref,buurt,code,batch,test,version\n"));
    let rows: Vec<Vec<&str>> = codes
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let b = rows
        .iter()
        .find(|r| r[5] == "b")
        .expect("one of 40 households has version b");
    let (household_ref, code) = (b[0], b[2]);

    let output = pwe(
        &dir,
        &[
            "paper",
            "--survey",
            &survey,
            "--codes",
            "codes.csv",
            "--public-url",
            URL,
            "--out",
            "forms.pdf",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let pages = page_texts(&dir, "forms.pdf");
    assert_eq!(pages.len() % 2, 0, "each form has an even number of pages");
    let own: String = pages
        .iter()
        .filter(|p| p.contains(&format!("Huishouden {household_ref} · versie b")))
        .cloned()
        .collect();
    assert!(own.contains(code), "{own}");
    // Every cost of version b is on the household's form, and its budget.
    let parsed =
        pwe_core::Survey::parse(&std::fs::read_to_string(&survey).unwrap(), &survey).unwrap();
    let version = parsed.version("b").unwrap();
    let flat = own.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&version.budget.display(pwe_core::Lang::Nl)),
        "{flat}"
    );
    for (idx, option) in parsed.options().iter().enumerate() {
        for level in 1..=option.max_level() {
            let cost = version.cost(idx, level);
            let shown = if cost.get() < 0 { -cost } else { cost };
            let shown = shown.display(pwe_core::Lang::Nl);
            assert!(
                flat.contains(&shown),
                "{} at {level}: {shown} in {flat}",
                option.id
            );
        }
    }

    // The official's entry: on every page whose form it is, and version b.
    add_staff(&dir, &[], "balie", "desk");
    let server = crate::http::Server::start(&dir, &survey, &[]);
    let client = crate::http::client(1);
    let page = crate::http::get(&server, client, "/beheer", "");
    let csrf = crate::http::hidden(&page.body, "csrf");
    let signed = crate::http::form(
        &server,
        client,
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name=balie&password={STAFF_PASSWORD}"),
    );
    let cookie = signed.cookies().remove(0);
    let page = crate::http::get(&server, client, "/beheer", &cookie);
    let csrf = crate::http::hidden(&page.body, "csrf");
    let entry = crate::http::form(
        &server,
        client,
        "/beheer/invoer",
        &cookie,
        &format!("csrf={csrf}&code={code}&channel=paper"),
    );
    assert_eq!(entry.status, 303, "{}", entry.body);
    let session = crate::http::session(&entry);
    let info = crate::http::get(&server, client, "/info/1", &session);
    assert!(
        info.body.contains(&format!(
            "Papieren formulier van huishouden {household_ref}"
        )),
        "{}",
        info.body
    );
    let opened = crate::http::api(&server, client, "/api/household/open", code, "{}");
    assert!(opened.body.contains("\"version\":\"b\""), "{}", opened.body);

    // The form breaks rules (every option ticked, questions left open): it
    // is entered as written, and the check page says what that means.
    let page = crate::http::get(&server, client, "/choice", &session);
    let csrf = crate::http::hidden(&page.body, "csrf");
    let ticks: String = parsed
        .options()
        .iter()
        .map(|o| format!("&opt-{}=1", o.id))
        .collect();
    for (step, fields) in [
        ("/choice", ticks.as_str()),
        ("/motivation", ""),
        ("/background", ""),
        ("/evaluation", ""),
    ] {
        let next = crate::http::form(
            &server,
            client,
            step,
            &session,
            &format!("csrf={csrf}&go=next{fields}"),
        );
        assert_eq!(next.status, 303, "{step}: {}", next.body);
    }
    let confirm = crate::http::get(&server, client, "/confirm", &session);
    assert!(
        confirm
            .body
            .contains("Dit papieren formulier breekt een regel"),
        "{}",
        confirm.body
    );
    let sent = crate::http::form(
        &server,
        client,
        "/confirm",
        &session,
        &format!("csrf={csrf}"),
    );
    assert_eq!(sent.header("location"), Some("/thanks"), "{}", sent.body);
    drop(server);

    // Stored as written with its channel; the analysis leaves it out and counts it.
    let output = pwe(&dir, &["export", "--survey", &survey, "--out", "export"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let responses = pwe_analysis::load::load(&dir.join("export"), &parsed).unwrap();
    assert_eq!(responses.excluded.len(), 1, "{:?}", responses.excluded);
    let exported = std::fs::read_to_string(dir.join("export/responses.csv")).unwrap();
    assert!(exported.contains(",paper"), "{exported}");
}
