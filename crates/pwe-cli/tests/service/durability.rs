//! Nothing acknowledged is lost: `pwe serve` killed with SIGKILL in the middle
//! of a stream of submissions keeps every response it answered 201 to, and
//! holds each household's response whole or not at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::http::*;
use crate::{pwe, repo, temp_dir, text};

/// A complete response valid in every version of the Mall survey.
const RESPONSE: &str = r#"{"portfolio":{"betaald-bezoekers":1,"handhaving":1,"garage-afspraak":1,"pendelbus":1,"circulatie":1,"fiets-ov":1},
    "motivations":{"circulatie":"Minder zoekverkeer."},
    "background":{"leeftijd":"45-64","huishouden":"alleen","autos":"1"},
    "evaluation":{"gelegenheid":4,"begrijpelijk":5,"zinvol":4,"serieus":3,"cijfer":8}}"#;

#[test]
fn a_killed_server_keeps_every_acknowledged_response() {
    // Over 100 lines on purpose: one server killed mid-load and the same database read back after.
    let dir = temp_dir("kill");
    let survey = survey_file(&dir, None);
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
            "60",
            "--test",
            "--out",
            "codes.csv",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let codes: Arc<Vec<String>> = Arc::new(
        std::fs::read_to_string(dir.join("codes.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|line| line.split(',').nth(2).unwrap().to_string())
            .collect(),
    );

    let mut server = Server::start(&dir, &survey, &[]);
    let addr = server.addr;
    let next = Arc::new(AtomicUsize::new(0));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..8u8)
        .map(|worker| {
            let (codes, next, acknowledged) = (
                Arc::clone(&codes),
                Arc::clone(&next),
                Arc::clone(&acknowledged),
            );
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(code) = codes.get(i) else { break };
                    let reply = submit(addr, client(10 + worker), code);
                    if reply.status == 201 {
                        acked.push(code.clone());
                        acknowledged.fetch_add(1, Ordering::Relaxed);
                    } else if reply.status == 0 {
                        break; // the server is gone
                    }
                }
                acked
            })
        })
        .collect();
    let start = Instant::now();
    while acknowledged.load(Ordering::Relaxed) < 50 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill_9();
    let acked: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        acked.len() >= 50,
        "only {} acknowledged before the kill",
        acked.len()
    );
    assert!(
        acked.len() < codes.len(),
        "the kill came after the last submission"
    );

    let server = Server::start(&dir, &survey, &[]);
    for code in codes.iter() {
        let opened = api(&server, client(2), "/api/household/open", code, "");
        assert_eq!(opened.status, 200, "{}", opened.body);
        let submitted = opened.body.contains("\"submitted\":true");
        if acked.contains(code) {
            assert!(submitted, "an acknowledged response was lost");
        }
        if submitted {
            // Whole: the stored response has its receipt and its answers.
            assert!(opened.body.contains("\"receipt\":\""), "{}", opened.body);
        }
    }
    drop(server);
    let output = pwe(
        &dir,
        &["export", "--survey", &survey, "--out", "export", "--test"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let responses = std::fs::read_to_string(dir.join("export/responses.csv")).unwrap();
    let choices = std::fs::read_to_string(dir.join("export/choices.csv")).unwrap();
    let n = responses.lines().count() - 1;
    assert!(n >= acked.len());
    assert_eq!(
        choices.lines().count() - 1,
        n * 9,
        "every stored response has all its choice rows"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// One submission to `addr`; status 0 when the server is gone.
fn submit(addr: std::net::SocketAddr, from: std::net::IpAddr, code: &str) -> Reply {
    request_at(
        addr,
        from,
        "POST",
        "/api/household/submit",
        &[
            ("X-Household-Code", code),
            ("Content-Type", "application/json"),
        ],
        RESPONSE,
    )
}
