//! The audit's findings, tried as an attacker would: against the real `pwe
//! serve` on a loopback socket, with nothing inserted that production does not
//! have (no client address, no clock): wrong codes from distinct source
//! addresses and behind a proxy, sessions, the code form's CSRF token, slow and
//! idle sockets, headers, drafts.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::http::*;
use crate::{pwe, temp_dir, text};

#[test]
fn wrong_codes_are_limited_per_client_on_the_pages_and_the_api() {
    let dir = temp_dir("limit");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &["--wrong-codes-per-minute", "1000"]);
    let attacker = client(1);

    for n in 1..=20 {
        let reply = login(&server, attacker, &wrong_code());
        assert_eq!(reply.status, 404, "wrong code {n} is simply wrong");
    }
    let refused = login(&server, attacker, &wrong_code());
    assert_eq!(refused.status, 429, "the 21st wrong code on the page");
    let wait: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "Retry-After {wait}");
    assert!(refused.body.contains("te veel verkeerde codes"));
    assert!(refused.body.contains("<html"), "a page, not JSON");
    // A right code is refused too: the guess is stopped before the lookup.
    assert_eq!(login(&server, attacker, &codes[0].1).status, 429);
    let link = request(
        &server,
        attacker,
        "GET",
        &format!("/s/{}", codes[0].1),
        &[],
        "",
    );
    assert_eq!(link.status, 429, "the letter's link shares the limit");
    // Saying another address does not help when no proxy is trusted.
    let spoofed = request(
        &server,
        attacker,
        "GET",
        &format!("/s/{}", codes[0].1),
        &[("X-Forwarded-For", "198.51.100.7")],
        "",
    );
    assert_eq!(spoofed.status, 429);
    // Another resident is not locked out.
    session(&login(&server, client(2), &codes[0].1));

    let api_client = client(3);
    for n in 1..=100 {
        let reply = api(
            &server,
            api_client,
            "/api/household/open",
            &wrong_code(),
            "",
        );
        assert_eq!(reply.status, 404, "wrong code {n} on the API");
    }
    let refused = api(&server, api_client, "/api/household/open", &codes[1].1, "");
    assert_eq!(refused.status, 429, "the 101st code on the API");
    assert!(refused.header("retry-after").is_some());
    assert!(
        refused.body.contains("\"too_many_attempts\""),
        "{}",
        refused.body
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Many clients behind the municipality's proxy: the budget per minute holds
/// for them all together. (SQLite serves one instance; two instances on one
/// PostgreSQL database share the budget in `instances.rs`.)
#[test]
fn the_global_budget_holds_across_clients() {
    let dir = temp_dir("global");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let flags = [
        "--wrong-codes-per-minute",
        "30",
        "--trusted-proxy",
        "127.0.0.1",
    ];
    let servers = [Server::start(&dir, &survey, &flags)];
    let mut accepted = 0;
    let mut minutes = std::collections::BTreeSet::new();
    for n in 0..70u8 {
        let forwarded = format!("203.0.113.{n}");
        minutes.insert(minute_now());
        let reply = request(
            &servers[0],
            client(1),
            "POST",
            "/api/household/open",
            &[
                ("X-Household-Code", &wrong_code()),
                ("X-Forwarded-For", &forwarded),
            ],
            "",
        );
        match reply.status {
            404 => accepted += 1,
            429 => assert!(reply.header("retry-after").is_some()),
            other => panic!("status {other}: {}", reply.body),
        }
    }
    minutes.insert(minute_now());
    assert!(
        accepted <= 30 * minutes.len(),
        "{accepted} wrong codes accepted in {} minute(s)",
        minutes.len()
    );
    assert!(accepted >= 30, "the budget is used, not refused early");
    // Each forwarded address made one attempt: the per-client limit is not
    // what stopped them; and a proxied resident with the right code is
    // refused only for the rest of this minute.
    let reply = request(
        &servers[0],
        client(1),
        "POST",
        "/api/household/open",
        &[
            ("X-Household-Code", &codes[0].1),
            ("X-Forwarded-For", "203.0.113.200"),
        ],
        "",
    );
    assert!(matches!(reply.status, 200 | 429), "{reply:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A burst of 600 wrong codes from 60 addresses at once, through the
/// trusted proxy: the budget is reserved before each lookup, so no more than
/// it are tried, however many arrive together; the per-client limit is set
/// high so that the budget is what holds.
#[test]
fn a_burst_of_wrong_codes_is_held_to_the_budget() {
    let dir = temp_dir("burst");
    let survey = survey_file(&dir, None);
    codes(&dir, &survey, false);
    let flags = [
        "--wrong-codes-per-minute",
        "100",
        "--wrong-codes-api",
        "1000",
        "--trusted-proxy",
        "127.0.0.1",
    ];
    let server = Server::start(&dir, &survey, &flags);
    assert_held(&wrong_code_burst(&[server.addr]), 100);
    std::fs::remove_dir_all(dir).unwrap();
}

/// IPv6 addresses of one /64 are one client: 24 of them share its 20 wrong
/// codes on the pages, and another /64 is not held up.
#[test]
fn ipv6_addresses_of_one_64_share_a_limit() {
    let dir = temp_dir("ipv6");
    let survey = survey_file(&dir, None);
    codes(&dir, &survey, false);
    let flags = [
        "--wrong-codes-per-minute",
        "1000",
        "--trusted-proxy",
        "127.0.0.1",
    ];
    let server = Server::start(&dir, &survey, &flags);
    let link = |forwarded: &str| {
        request(
            &server,
            client(1),
            "GET",
            &format!("/s/{}", wrong_code()),
            &[("X-Forwarded-For", forwarded)],
            "",
        )
        .status
    };
    let statuses: Vec<u16> = (1..=24)
        .map(|n| link(&format!("2001:db8:1:2::{n:x}")))
        .collect();
    assert!(statuses[..20].iter().all(|s| *s != 429), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
    assert_ne!(link("2001:db8:1:3::1"), 429, "another network");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A complete response, the same for every household of a test.
pub const SAME_ANSWERS: &str = r#"{"portfolio":{"betaald-bezoekers":1,"handhaving":1,"garage-afspraak":1,"pendelbus":1,"circulatie":1,"fiets-ov":1},
    "background":{"leeftijd":"45-64","huishouden":"alleen","autos":"1"},
    "evaluation":{"gelegenheid":4,"begrijpelijk":5,"zinvol":4,"serieus":3,"cijfer":8}}"#;

/// The receipt in a submission's JSON answer.
pub fn receipt_of(reply: &Reply) -> String {
    assert_eq!(reply.status, 201, "{}", reply.body);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    body["receipt"].as_str().unwrap().to_string()
}

/// Receipts are random, limited like codes, and gone after the purge.
#[test]
fn receipts_reveal_nothing_are_limited_and_end_with_the_purge() {
    let dir = temp_dir("receipts");
    let survey = survey_file(&dir, None);
    let test_codes = codes_in(&dir, &survey, false, "test-codes.csv");
    let server = Server::start(&dir, &survey, &[]);
    let receipts: Vec<String> = test_codes[..2]
        .iter()
        .map(|(_, code)| {
            let submitted = api(
                &server,
                client(1),
                "/api/household/submit",
                code,
                SAME_ANSWERS,
            );
            receipt_of(&submitted)
        })
        .collect();
    assert_ne!(receipts[0], receipts[1], "the same answers, other receipts");
    let check = |from, receipt: &str| {
        request(
            &server,
            from,
            "GET",
            &format!("/receipt?receipt={receipt}"),
            &[],
            "",
        )
    };
    for receipt in &receipts {
        let found = check(client(2), receipt);
        assert_eq!(found.status, 200);
        assert!(found.body.contains("is ontvangen op"), "{}", found.body);
    }

    // A wrong receipt counts like a wrong code: 20 per client on the pages.
    let guesser = client(3);
    for n in 1..=20 {
        let reply = check(guesser, "0000-0000-0000");
        assert_eq!(reply.status, 200, "wrong receipt {n}");
        assert!(
            reply.body.contains("Wij vinden geen advies"),
            "{}",
            reply.body
        );
    }
    let refused = check(guesser, "0000-0000-0000");
    assert_eq!(refused.status, 429, "the 21st wrong receipt");
    assert!(refused.header("retry-after").is_some());
    assert!(refused.body.contains("<html"), "a page, not JSON");
    assert!(
        refused.body.contains("te veel ontvangstbewijzen"),
        "{}",
        refused.body
    );
    let right = check(guesser, &receipts[0]);
    assert_eq!(right.status, 429, "refused before the lookup");
    assert!(!right.body.contains("is ontvangen op"));
    assert_eq!(
        check(client(2), &receipts[0]).status,
        200,
        "others still check"
    );
    drop(server);

    let output = pwe(&dir, &["purge", "--survey", &survey, "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let server = Server::start(&dir, &survey, &[]);
    for receipt in &receipts {
        let after = request(
            &server,
            client(4),
            "GET",
            &format!("/receipt?receipt={receipt}"),
            &[],
            "",
        );
        assert_eq!(after.status, 200);
        assert!(!after.body.contains("is ontvangen op"), "{}", after.body);
        assert!(
            after.body.contains("De raadpleging is afgelopen"),
            "{}",
            after.body
        );
        // Where the outcome stands; its link only once the results are public.
        assert!(
            after.body.contains("<div class=\"outcome\">"),
            "{}",
            after.body
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn sessions_end_with_the_code_and_on_logout() {
    let dir = temp_dir("sessions");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &[]);
    let me = client(1);
    let cookie = session(&login(&server, me, &codes[0].1));
    let info = get(&server, me, "/info/1", &cookie);
    assert_eq!(info.status, 200);
    assert_eq!(info.header("cache-control"), Some("no-store"));

    let output = pwe(&dir, &["codes", "void", "--ref", &codes[0].0]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let after = get(&server, me, "/info/1", &cookie);
    assert_eq!(
        (after.status, after.header("location")),
        (303, Some("/")),
        "a voided code's session is over"
    );
    let output = pwe(
        &dir,
        &["codes", "reissue", "--ref", &codes[0].0, "--out", "new.csv"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let after = get(&server, me, "/choice", &cookie);
    assert_eq!(after.status, 303, "nor does a new code revive it");

    // Logging out: the form on every page ends the session.
    let cookie = session(&login(&server, me, &codes[1].1));
    let page = get(&server, me, "/info/1", &cookie);
    assert!(page.body.contains("action=\"/logout\""), "{}", page.body);
    let csrf = hidden(&page.body, "csrf");
    let out = form(&server, me, "/logout", &cookie, &format!("csrf={csrf}"));
    assert_eq!(out.status, 200);
    let after = get(&server, me, "/info/1", &cookie);
    assert_eq!(after.status, 303, "logged out");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn sessions_expire_when_idle_and_when_old() {
    let dir = temp_dir("expiry");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let me = client(1);
    let idle = Server::start(&dir, &survey, &["--session-idle", "1s"]);
    let cookie = session(&login(&idle, me, &codes[0].1));
    assert_eq!(get(&idle, me, "/info/1", &cookie).status, 200);
    std::thread::sleep(Duration::from_millis(2100));
    let after = get(&idle, me, "/info/1", &cookie);
    assert_eq!(
        (after.status, after.header("location")),
        (303, Some("/")),
        "idle too long"
    );
    drop(idle);

    let old = Server::start(&dir, &survey, &["--session-max", "2s"]);
    let cookie = session(&login(&old, me, &codes[1].1));
    let start = Instant::now();
    let mut status = 200;
    while status == 200 && start.elapsed() < Duration::from_secs(6) {
        std::thread::sleep(Duration::from_millis(400));
        status = get(&old, me, "/info/1", &cookie).status;
    }
    assert_eq!(
        status, 303,
        "however active, a session ends at its maximum age"
    );
    assert!(start.elapsed() >= Duration::from_millis(900), "not before");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_login_form_takes_only_tokens_the_server_issued() {
    let dir = temp_dir("csrf");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &[]);
    let forged = form(
        &server,
        client(1),
        "/login",
        "pwe_login=attacker",
        &format!("csrf=attacker&code={}", codes[0].1),
    );
    assert_eq!((forged.status, forged.header("location")), (303, Some("/")));
    assert!(
        forged
            .cookies()
            .iter()
            .all(|c| !c.starts_with("pwe_session"))
    );
    session(&login(&server, client(1), &codes[0].1));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Reads until the server closes the socket; how long that took.
fn closed_within(mut stream: TcpStream, limit: Duration) -> Duration {
    stream.set_read_timeout(Some(limit)).unwrap();
    let start = Instant::now();
    let mut sink = Vec::new();
    match stream.read_to_end(&mut sink) {
        Ok(_) => start.elapsed(),
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => start.elapsed(),
        Err(error) => panic!("still open after {limit:?}: {error}"),
    }
}

#[test]
fn slow_and_idle_clients_are_cut_off() {
    let dir = temp_dir("slow");
    let survey = survey_file(&dir, None);
    let server = Server::start(
        &dir,
        &survey,
        &["--header-timeout", "1s", "--request-timeout", "2s"],
    );
    let limit = Duration::from_secs(5);

    // An idle connection that never sends anything.
    let idle = connect(server.addr, client(1));
    assert!(closed_within(idle, limit) < Duration::from_secs(3));

    // Headers one byte at a time.
    let mut slow = connect(server.addr, client(2));
    let start = Instant::now();
    for byte in b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: "
        .iter()
        .cycle()
    {
        if slow.write_all(&[*byte]).is_err() || start.elapsed() > limit {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "slow headers cut off"
    );

    // A body one byte at a time: 408 within the request timeout.
    let mut trickle = connect(server.addr, client(3));
    trickle
        .write_all(b"PUT /api/household/draft HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        .unwrap();
    let start = Instant::now();
    trickle
        .set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let mut answer = Vec::new();
    while start.elapsed() < limit {
        let _ = trickle.write_all(b" ");
        let mut buffer = [0u8; 1024];
        match trickle.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(_) => {}
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    assert!(start.elapsed() < Duration::from_secs(4));
    assert_eq!(parse(&text(&answer)).status, 408, "{}", text(&answer));

    // A huge announced body is refused before it is sent.
    let mut huge = connect(server.addr, client(4));
    huge.write_all(
        b"PUT /api/household/draft HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n",
    )
    .unwrap();
    huge.set_read_timeout(Some(limit)).unwrap();
    let mut raw = Vec::new();
    let _ = huge.read_to_end(&mut raw);
    assert_eq!(parse(&text(&raw)).status, 413);

    // A kept-alive connection that falls idle after an answer is closed too,
    // and hundreds of idle sockets do not stop the service answering.
    let mut kept = connect(server.addr, client(5));
    kept.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 256];
    assert!(kept.read(&mut first).unwrap() > 0);
    assert!(closed_within(kept, limit) < Duration::from_secs(3));
    let crowd: Vec<TcpStream> = (0..300).map(|_| connect(server.addr, client(6))).collect();
    let start = Instant::now();
    let health = request(&server, client(7), "GET", "/health", &[], "");
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));
    assert!(start.elapsed() < Duration::from_secs(2));
    drop(crowd);
    std::fs::remove_dir_all(dir).unwrap();
}

/// One client cannot take every connection: over its share they are
/// closed at once, and another client is served without waiting.
#[test]
fn one_client_cannot_hold_every_connection() {
    let dir = temp_dir("per-client");
    let survey = survey_file(&dir, None);
    let server = Server::start(
        &dir,
        &survey,
        &[
            "--max-connections",
            "10",
            "--max-connections-per-client",
            "4",
            "--header-timeout",
            "30s",
        ],
    );
    let mut hog: Vec<TcpStream> = (0..20).map(|_| connect(server.addr, client(8))).collect();
    std::thread::sleep(Duration::from_millis(500));
    let start = Instant::now();
    let health = request(&server, client(9), "GET", "/health", &[], "");
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let mut closed = 0;
    for stream in &mut hog {
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        // A held connection times out; a closed one ends or is reset.
        let ended = match stream.read(&mut [0u8; 1]) {
            Ok(n) => n == 0,
            Err(error) => !matches!(
                error.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        closed += usize::from(ended);
    }
    assert_eq!(closed, 16, "all but the client's 4 are closed");
    drop(hog);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_answer_carries_the_security_headers_and_https_adds_secure_and_hsts() {
    let dir = temp_dir("headers");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let plain = Server::start(&dir, &survey, &[]);
    let landing = request(&plain, client(1), "GET", "/", &[], "");
    assert!(
        !landing
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.contains("Secure"))
    );
    assert!(landing.header("strict-transport-security").is_none());
    let opened = api(&plain, client(1), "/api/household/open", &codes[0].1, "");
    assert_eq!(opened.status, 200, "{}", opened.body);
    for reply in [&landing, &opened] {
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert!(reply.header("content-security-policy").is_some());
        assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
    }
    drop(plain);

    let https = Server::start(&dir, &survey, &["--public-url", "https://pwe.example.nl"]);
    let landing = request(&https, client(1), "GET", "/", &[], "");
    let login_cookie = landing
        .headers
        .iter()
        .find(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.starts_with("pwe_login="))
        .unwrap();
    assert!(login_cookie.1.contains("; Secure"), "{login_cookie:?}");
    assert!(
        landing
            .header("strict-transport-security")
            .is_some_and(|v| v.contains("max-age=31536000"))
    );
    let logged_in = login(&https, client(1), &codes[0].1);
    assert!(
        logged_in
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("set-cookie")
                && v.starts_with("pwe_session=")
                && v.contains("; Secure"))
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn drafts_and_checks_are_bounded() {
    let dir = temp_dir("drafts");
    let open = survey_file(&dir, Some(("2026-01-01T09:00:00", "2030-01-01T17:00:00")));
    let codes = codes(&dir, &open, true);
    let server = Server::start(&dir, &open, &[]);
    let code = &codes[0].1;
    let draft = |answers: &str| {
        api(
            &server,
            client(1),
            "/api/household/draft",
            code,
            &format!(r#"{{"step":"motivation","answers":{answers}}}"#),
        )
    };
    assert_eq!(draft(r#"{"portfolio":{"handhaving":1}}"#).status, 200);
    let cases = [
        (
            r#"{"motivations":{"handhaving":"REPLACEME"}}"#.replace("REPLACEME", &"x".repeat(601)),
            422,
            "a motivation over 600 characters",
        ),
        (
            r#"{"portfolio":{"bestaat-niet":1}}"#.to_string(),
            422,
            "an unknown option",
        ),
        (
            r#"{"portfolio":{"handhaving":999}}"#.to_string(),
            422,
            "level 999",
        ),
        (
            r#"{"evaluation":{"cijfer":11}}"#.to_string(),
            422,
            "a grade of 11",
        ),
        (
            r#"{"motivations":{"handhaving":"REPLACEME"}}"#
                .replace("REPLACEME", &"x".repeat(1_900_000)),
            413,
            "a 1.9 MB motivation",
        ),
    ];
    for (answers, status, what) in cases {
        let reply = draft(&answers);
        assert_eq!(
            reply.status,
            status,
            "{what}: {}",
            &reply.body[..reply.body.len().min(300)]
        );
    }
    let opened = api(&server, client(1), "/api/household/open", code, "");
    assert!(
        opened.body.contains(r#""draft":{"background":{},"evaluation":{},"motivations":{},"portfolio":{"handhaving":1}}"#),
        "only the valid draft was saved: {}",
        opened.body
    );
    drop(server);

    // After the close, checking a portfolio is refused like everything else.
    let closed = survey_file(&dir, Some(("2026-01-01T09:00:00", "2026-02-01T17:00:00")));
    let server = Server::start(&dir, &closed, &[]);
    let check = api(
        &server,
        client(1),
        "/api/household/check",
        &codes[1].1,
        r#"{"portfolio":{"handhaving":1}}"#,
    );
    assert_eq!(check.status, 403, "{}", check.body);
    assert!(check.body.contains("survey_closed"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// A survey's rules cannot change under residents' feet: `pwe serve` records
/// them at the first start and refuses a start with other costs, naming the
/// change, while a new closing date or title is served.
#[test]
fn a_changed_rule_is_refused_at_start_and_a_new_closing_date_is_not() {
    let dir = temp_dir("rules");
    let survey = survey_file(&dir, None);
    drop(Server::start(&dir, &survey, &[]));
    let text_of = |path: &str| std::fs::read_to_string(path).unwrap();
    let original = text_of(&survey);
    std::fs::write(
        &survey,
        original
            .replace(
                "closes = 2027-02-08T17:00:00",
                "closes = 2027-02-22T17:00:00",
            )
            .replace("nl = \"Blauwe zone\"", "nl = \"Blauwe zone (met schijf)\""),
    )
    .unwrap();
    drop(Server::start(&dir, &survey, &[]));
    std::fs::write(
        &survey,
        original.replacen("cost = 250_000", "cost = 260_000", 1),
    )
    .unwrap();
    let output = pwe(
        &dir,
        &["serve", "--survey", &survey, "--addr", "127.0.0.1:0"],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(
        message.contains("the rules of survey \"mall-parkeren\" differ from those served since")
            && message.contains("- option bewegwijzering level 1 cost 250000")
            && message.contains("+ option bewegwijzering level 1 cost 260000")
            && message.contains("the closing date may change"),
        "{message}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
