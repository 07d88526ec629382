//! The audit's findings, tried as an attacker would: against the real `pwe
//! serve` on a loopback socket, with nothing inserted that production does not
//! have (no client address, no clock): raw HTTP from distinct source
//! addresses, slow and idle sockets, and the raw bytes of the database files.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use pwe_service::codes::CodeKey;

use crate::{ADMIN_TOKEN, pwe, repo, temp_dir, text};

/// The Mall survey, optionally with its open window moved (`opens`, `closes`).
fn survey_file(dir: &Path, window: Option<(&str, &str)>) -> String {
    let mut survey = std::fs::read_to_string(repo().join("surveys/mall-parkeren.toml")).unwrap();
    if let Some((opens, closes)) = window {
        survey = survey
            .replace("opens = 2027-01-11T09:00:00", &format!("opens = {opens}"))
            .replace(
                "closes = 2027-02-08T17:00:00",
                &format!("closes = {closes}"),
            )
            .replace(
                "retention_until = 2027-12-31",
                "retention_until = 2030-12-31",
            );
    }
    let path = dir.join("survey.toml");
    std::fs::write(&path, survey).unwrap();
    path.display().to_string()
}

/// Makes two codes per buurt into `out` (test codes unless `real`) and
/// returns them with their household refs.
fn codes_in(dir: &Path, survey: &str, real: bool, out: &str) -> Vec<(String, String)> {
    let households = repo().join("fixtures/mall-buurten.csv");
    let mut args = vec![
        "codes",
        "generate",
        "--survey",
        survey,
        "--households",
        households.to_str().unwrap(),
        "--per-buurt",
        "2",
        "--out",
        out,
    ];
    if !real {
        args.push("--test");
    }
    let output = pwe(dir, &args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    std::fs::read_to_string(dir.join(out))
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[0].to_string(), cells[2].to_string())
        })
        .collect()
}

fn codes(dir: &Path, survey: &str, real: bool) -> Vec<(String, String)> {
    codes_in(dir, survey, real, "codes.csv")
}

/// A running `pwe serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(dir: &Path, survey: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pwe"))
            .args(["serve", "--survey", survey, "--addr", "127.0.0.1:0"])
            .args(extra)
            .current_dir(dir)
            .env("PWE_ADMIN_TOKEN", ADMIN_TOKEN)
            .env_remove("PWE_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = Vec::new();
        let mut byte = [0u8; 1];
        while out.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
            first.push(byte[0]);
        }
        let line = text(&first);
        let addr = line
            .rsplit("http://")
            .next()
            .unwrap()
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|_| panic!("no address in {line:?}"));
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer as the socket delivered it.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `name=value` of every Set-Cookie, without attributes.
    fn cookies(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.split(';').next().unwrap().to_string())
            .collect()
    }
}

/// Connects to `addr` from source address `from` (any 127.x address works
/// on loopback), so that each test client is a different socket peer.
fn connect(addr: SocketAddr, from: IpAddr) -> TcpStream {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .unwrap()
    });
    let stream = runtime
        .block_on(async {
            let socket = tokio::net::TcpSocket::new_v4()?;
            socket.bind(SocketAddr::new(from, 0))?;
            socket.connect(addr).await
        })
        .unwrap();
    let stream = stream.into_std().unwrap();
    stream.set_nonblocking(false).unwrap();
    stream
}

fn client(n: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, n])
}

/// One request from `from`; `Connection: close`, so the answer ends with the socket.
fn request(
    server: &Server,
    from: IpAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut stream = connect(server.addr, from);
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr,
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A refused body is not read: the server may close before it is all sent.
    let _ = stream.write_all(body.as_bytes());
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&text(&raw))
}

fn parse(raw: &str) -> Reply {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The landing page's login token and its cookie, for `from`.
fn login_form(server: &Server, from: IpAddr) -> (String, String) {
    let landing = request(server, from, "GET", "/", &[], "");
    let cookie = landing
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("pwe_login="))
        .unwrap();
    let token = cookie.trim_start_matches("pwe_login=").to_string();
    (token, cookie)
}

/// Posts a code on the code form from `from`.
fn login(server: &Server, from: IpAddr, code: &str) -> Reply {
    let (token, cookie) = login_form(server, from);
    request(
        server,
        from,
        "POST",
        "/login",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &format!("csrf={token}&code={code}"),
    )
}

/// The session cookie of a successful login.
fn session(reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{reply:?}");
    reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("pwe_session="))
        .unwrap()
}

fn wrong_code() -> String {
    pwe_service::codes::random_code().grouped()
}

fn api(server: &Server, from: IpAddr, path: &str, code: &str, body: &str) -> Reply {
    let method = if path.ends_with("/draft") {
        "PUT"
    } else {
        "POST"
    };
    request(
        server,
        from,
        method,
        path,
        &[
            ("X-Household-Code", code),
            ("Content-Type", "application/json"),
        ],
        body,
    )
}

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

/// Many clients behind the municipality's proxy, spread over two instances
/// on one database: the budget per minute holds for them all together.
#[test]
fn the_global_budget_holds_across_clients_and_instances() {
    let dir = temp_dir("global");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let flags = [
        "--wrong-codes-per-minute",
        "30",
        "--trusted-proxy",
        "127.0.0.1",
    ];
    let servers = [
        Server::start(&dir, &survey, &flags),
        Server::start(&dir, &survey, &flags),
    ];
    let mut accepted = 0;
    let mut minutes = std::collections::BTreeSet::new();
    for n in 0..70u8 {
        let forwarded = format!("203.0.113.{n}");
        minutes.insert(chrono_minute());
        let reply = request(
            &servers[usize::from(n % 2)],
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
    minutes.insert(chrono_minute());
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

fn chrono_minute() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 60
}

#[test]
fn sessions_end_with_the_code_and_on_logout() {
    let dir = temp_dir("sessions");
    let survey = survey_file(&dir, None);
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &[]);
    let me = client(1);
    let cookie = session(&login(&server, me, &codes[0].1));
    let info = request(&server, me, "GET", "/info/1", &[("Cookie", &cookie)], "");
    assert_eq!(info.status, 200);
    assert_eq!(info.header("cache-control"), Some("no-store"));

    let output = pwe(&dir, &["codes", "void", "--ref", &codes[0].0]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let after = request(&server, me, "GET", "/info/1", &[("Cookie", &cookie)], "");
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
    let after = request(&server, me, "GET", "/choice", &[("Cookie", &cookie)], "");
    assert_eq!(after.status, 303, "nor does a new code revive it");

    // Logging out: the form on every page ends the session.
    let cookie = session(&login(&server, me, &codes[1].1));
    let page = request(&server, me, "GET", "/info/1", &[("Cookie", &cookie)], "");
    assert!(page.body.contains("action=\"/logout\""), "{}", page.body);
    let csrf = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let out = request(
        &server,
        me,
        "POST",
        "/logout",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &format!("csrf={csrf}"),
    );
    assert_eq!(out.status, 200);
    let after = request(&server, me, "GET", "/info/1", &[("Cookie", &cookie)], "");
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
    assert_eq!(
        request(&idle, me, "GET", "/info/1", &[("Cookie", &cookie)], "").status,
        200
    );
    std::thread::sleep(Duration::from_millis(2100));
    let after = request(&idle, me, "GET", "/info/1", &[("Cookie", &cookie)], "");
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
        status = request(&old, me, "GET", "/info/1", &[("Cookie", &cookie)], "").status;
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
    let forged = request(
        &server,
        client(1),
        "POST",
        "/login",
        &[
            ("Cookie", "pwe_login=attacker"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
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

#[test]
fn a_short_researcher_token_is_refused_at_start() {
    let dir = temp_dir("token");
    let survey = survey_file(&dir, None);
    let output = Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(["serve", "--survey", &survey, "--addr", "127.0.0.1:0"])
        .current_dir(&dir)
        .env("PWE_ADMIN_TOKEN", "x")
        .env_remove("PWE_DB")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        text(&output.stderr)
            .contains("the researchers' token has 1 characters; it needs at least 32"),
        "{}",
        text(&output.stderr)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

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
