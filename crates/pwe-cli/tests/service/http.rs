//! A client that attacks as a stranger would: raw HTTP/1.1 from any
//! 127.0.0.x source address to a real `pwe serve`, and the few steps every
//! test needs (codes, a survey file with its window moved, logging in).

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::{pwe, repo, text};

/// The Mall survey, optionally with its open window moved (`opens`, `closes`).
pub fn survey_file(dir: &Path, window: Option<(&str, &str)>) -> String {
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
pub fn codes_in(dir: &Path, survey: &str, real: bool, out: &str) -> Vec<(String, String)> {
    codes_with(dir, survey, real, out, &[])
}

/// [`codes_in`] with more arguments of `pwe codes generate` (a database, a secret).
pub fn codes_with(
    dir: &Path,
    survey: &str,
    real: bool,
    out: &str,
    extra: &[&str],
) -> Vec<(String, String)> {
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
    args.extend_from_slice(extra);
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

pub fn codes(dir: &Path, survey: &str, real: bool) -> Vec<(String, String)> {
    codes_in(dir, survey, real, "codes.csv")
}

/// A running `pwe serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    pub fn start(dir: &Path, survey: &str, extra: &[&str]) -> Server {
        Server::start_logging(dir, survey, extra, None)
    }

    /// [`Server::start`], logging at every level (`RUST_LOG=trace`) to `log`
    /// when given.
    pub fn start_logging(dir: &Path, survey: &str, extra: &[&str], log: Option<&Path>) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pwe"));
        command
            .args(["serve", "--survey", survey, "--addr", "127.0.0.1:0"])
            .args(extra)
            .current_dir(dir)
            .env_remove("PWE_DB")
            .stdout(Stdio::piped());
        match log {
            Some(path) => {
                command
                    .env("RUST_LOG", "trace")
                    .stderr(std::fs::File::create(path).unwrap());
            }
            None => {
                command.stderr(Stdio::null());
            }
        }
        let mut child = command.spawn().unwrap();
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

impl Server {
    /// Kills the server with SIGKILL, as a power cut or the OOM killer would.
    pub fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `name=value` of every Set-Cookie, without attributes.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.split(';').next().unwrap().to_string())
            .collect()
    }
}

/// Connects to `addr` from source address `from` (any 127.x address works
/// on loopback), so that each test client is a different socket peer.
pub fn connect(addr: SocketAddr, from: IpAddr) -> TcpStream {
    try_connect(addr, from).unwrap()
}

fn try_connect(addr: SocketAddr, from: IpAddr) -> std::io::Result<TcpStream> {
    // One worker thread drives every test's connects, from any thread.
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_io()
            .build()
            .unwrap()
    });
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(from, 0))?;
        socket.connect(addr).await
    })?;
    let stream = stream.into_std()?;
    stream.set_nonblocking(false)?;
    Ok(stream)
}

pub fn client(n: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, n])
}

/// One request from `from`; `Connection: close`, so the answer ends with the socket.
pub fn request(
    server: &Server,
    from: IpAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    request_at(server.addr, from, method, path, headers, body)
}

/// [`request`] to an address; status 0 when nothing answers there.
pub fn request_at(
    addr: SocketAddr,
    from: IpAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let Ok(mut stream) = try_connect(addr, from) else {
        return parse("");
    };
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // A refused body is not read: the server may close before it is all sent.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&text(&raw))
}

pub fn parse(raw: &str) -> Reply {
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

/// A GET of `path` from `from` with the session `cookie`.
pub fn get(server: &Server, from: IpAddr, path: &str, cookie: &str) -> Reply {
    request(server, from, "GET", path, &[("Cookie", cookie)], "")
}

/// A form posted to `path` from `from`, with `cookie` unless it is empty.
pub fn form(server: &Server, from: IpAddr, path: &str, cookie: &str, body: &str) -> Reply {
    let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
    if !cookie.is_empty() {
        headers.push(("Cookie", cookie));
    }
    request(server, from, "POST", path, &headers, body)
}

/// The value of the form field `name="..." value="..."` in a page.
pub fn hidden(body: &str, name: &str) -> String {
    let at = body
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} in {body}"));
    let rest = &body[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The landing page's login token and its cookie, for `from`.
pub fn login_form(server: &Server, from: IpAddr) -> (String, String) {
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
pub fn login(server: &Server, from: IpAddr, code: &str) -> Reply {
    let (token, cookie) = login_form(server, from);
    form(
        server,
        from,
        "/login",
        &cookie,
        &format!("csrf={token}&code={code}"),
    )
}

/// The session cookie of a successful login.
pub fn session(reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{reply:?}");
    reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("pwe_session="))
        .unwrap()
}

pub fn wrong_code() -> String {
    pwe_service::codes::random_code().grouped()
}

pub fn api(server: &Server, from: IpAddr, path: &str, code: &str, body: &str) -> Reply {
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

/// The minute since the epoch: the wrong-code budget is per minute.
pub fn minute_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 60
}

/// What a burst of wrong codes got.
#[derive(Debug)]
pub struct Burst {
    /// Wrong codes looked up (404); the rest were refused (429).
    pub tried: usize,
    /// Every status, for the failure message.
    pub statuses: Vec<u16>,
    /// The minutes the burst touched: the budget is per minute.
    pub minutes: usize,
    /// How long the burst took.
    pub elapsed: std::time::Duration,
}

/// 600 wrong codes at once from 60 addresses (10 each, one thread per
/// address), through the trusted proxy's `X-Forwarded-For` as production
/// sees them, spread over `addrs` in turn.
pub fn wrong_code_burst(addrs: &[SocketAddr]) -> Burst {
    let first = minute_now();
    let started = std::time::Instant::now();
    let threads: Vec<_> = (0..60u8)
        .map(|address| {
            let addrs = addrs.to_vec();
            std::thread::spawn(move || {
                (0..10usize)
                    .map(|n| {
                        request_at(
                            addrs[n % addrs.len()],
                            client(1),
                            "POST",
                            "/api/household/open",
                            &[
                                ("X-Household-Code", &wrong_code()),
                                ("X-Forwarded-For", &format!("203.0.113.{address}")),
                            ],
                            "",
                        )
                        .status
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    Burst {
        tried: statuses.iter().filter(|s| **s == 404).count(),
        minutes: (minute_now() - first + 1) as usize,
        statuses,
        elapsed,
    }
}

/// Asserts that a burst was held to `budget` wrong codes a minute: every
/// answer a lookup or a refusal, the budget used but not exceeded.
pub fn assert_held(burst: &Burst, budget: usize) {
    eprintln!(
        "burst: {} of {} wrong codes tried in {:.2} s ({} minute(s))",
        burst.tried,
        burst.statuses.len(),
        burst.elapsed.as_secs_f64(),
        burst.minutes
    );
    assert!(
        burst.statuses.iter().all(|s| matches!(s, 404 | 429)),
        "{:?}",
        burst.statuses
    );
    assert!(
        (1..=budget * burst.minutes).contains(&burst.tried),
        "{} of {} tried in {} minute(s); the budget is {budget} a minute",
        burst.tried,
        burst.statuses.len(),
        burst.minutes
    );
}
