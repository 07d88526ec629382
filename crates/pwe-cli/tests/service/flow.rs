//! The service's commands as an operator runs them: codes, serve, export,
//! the follow-up sample and the purge, on a SQLite file in a temporary folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use crate::{ADMIN_TOKEN, pwe, repo, temp_dir, text};

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

/// Sends one HTTP/1.1 request and returns the status line and body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or_default().to_string();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn codes_serve_export_sample_and_purge() {
    let dir = temp_dir("flow");
    let output = pwe(
        &dir,
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
        &dir,
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

    // Serve on a random port, submit through HTTP, stop.
    let mut server = Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(["serve", "--survey", &survey(), "--addr", "127.0.0.1:0"])
        .current_dir(&dir)
        .env("PWE_ADMIN_TOKEN", ADMIN_TOKEN)
        .env_remove("PWE_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first_line = lines.next().unwrap().unwrap();
    let addr = first_line
        .rsplit("http://")
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    assert_eq!(lines.next().unwrap().unwrap(), "data: sqlite://pwe.sqlite");
    assert_eq!(http(&addr, "GET", "/health", &[], "").1, "ok");
    let response = serde_json_free_response();
    let (status, body) = http(
        &addr,
        "POST",
        "/api/household/submit",
        &[
            ("X-Household-Code", &code),
            ("Content-Type", "application/json"),
        ],
        &response,
    );
    assert!(status.contains("201"), "{status} {body}");
    let (status, _) = http(
        &addr,
        "GET",
        "/api/admin/progress",
        &[("Authorization", &format!("Bearer {ADMIN_TOKEN}"))],
        "",
    );
    assert!(status.contains("200"), "{status}");
    server.kill().unwrap();
    server.wait().unwrap();

    let output = pwe(
        &dir,
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
        &dir,
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

    let output = pwe(&dir, &["purge", "--survey", &survey()]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr)
            .contains("the retention date 2027-12-31 has not passed; nothing was removed")
    );
    let output = pwe(&dir, &["purge", "--survey", &survey(), "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("purged: 16 code hashes"),
        "{}",
        text(&output.stdout)
    );
    std::fs::remove_dir_all(dir).unwrap();
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
    let output = pwe(
        &dir,
        &[
            "codes",
            "generate",
            "--survey",
            &survey(),
            "--households",
            &households(),
            "--per-buurt",
            "1",
            "--out",
            "codes.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
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
            .starts_with("b1-00003,BU19160203,"),
        "{new}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
