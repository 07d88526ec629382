//! Two `pwe serve` instances on one PostgreSQL database, as docs/deploy.md
//! runs them behind a proxy: every request of a household goes to the other
//! instance than the one before, so its session, CSRF tokens, drafts and
//! submission must live in the database, and the wrong-code budget is shared.

use pwe_benches::pageflow::{Resident, client as http_client};

use crate::http::*;
use crate::{add_staff, basic, pwe, temp_dir, text};

const SECRET: &str = "a-code-secret-for-two-instances-0123456789";

/// A fresh database on the test server, or None outside CI without one.
fn postgres_database() -> Option<String> {
    postgres_database_named("pair")
}

/// [`postgres_database`] with `tag` in its name, so that tests running at
/// once have a database each.
fn postgres_database_named(tag: &str) -> Option<String> {
    let Ok(admin_url) = std::env::var("PWE_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").is_err(),
            "PWE_TEST_POSTGRES_URL must be set in CI (scripts/test.sh starts PostgreSQL and sets it)"
        );
        eprintln!(
            "two instances skipped: PWE_TEST_POSTGRES_URL is not set (scripts/test.sh sets it)"
        );
        return None;
    };
    let name = format!("pwe_instances_{tag}_{}", std::process::id());
    runtime().block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
        sqlx::Executor::execute(
            &mut conn,
            format!("DROP DATABASE IF EXISTS {name}").as_str(),
        )
        .await
        .unwrap();
        sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
    });
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_household_that_starts_on_one_instance_finishes_on_the_other() {
    // Over 100 lines on purpose: one pair of running instances and the households that alternate between them.
    let Some(db) = postgres_database() else {
        return;
    };
    let dir = temp_dir("instances");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    // Both instances and every command read the one secret file, as a
    // deployment's configuration names it.
    let secret = dir.join("code.secret");
    crate::write_secret(&secret, SECRET);
    let secret = secret.to_str().unwrap();
    let codes: Vec<String> = codes_with(
        &dir,
        &survey,
        true,
        "codes.csv",
        &["--db", &db, "--code-secret-file", secret],
    )
    .into_iter()
    .map(|(_, code)| code)
    .collect();
    let flags = [
        "--db",
        &db,
        "--code-secret-file",
        secret,
        "--wrong-codes-per-minute",
        "6",
    ];
    add_staff(&dir, &["--db", &db], "onderzoeker", "researcher");
    let servers = [
        Server::start(&dir, &survey, &flags),
        Server::start(&dir, &survey, &flags),
    ];
    let bases: Vec<String> = servers
        .iter()
        .map(|s| format!("http://{}", s.addr))
        .collect();

    // Six households, three starting on each instance, every request on the
    // other instance than the one before.
    runtime().block_on(async {
        let client = http_client();
        for (i, code) in codes[..6].iter().enumerate() {
            let mut order = bases.clone();
            order.rotate_left(i % 2);
            let mut resident = Resident::new(client.clone(), order);
            resident
                .respond(code, &format!("Minder verkeer ({i})."))
                .await
                .unwrap_or_else(|e| panic!("household {i}: {e}"));
        }
    });

    // Both instances see the six submissions; the export holds them once.
    let bearer = basic("onderzoeker");
    for server in &servers {
        let reply = request(
            server,
            client(3),
            "GET",
            "/api/admin/status",
            &[("Authorization", &bearer)],
            "",
        );
        let status: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(status["total"]["submitted"], 6, "{}", reply.body);
    }
    let output = pwe(
        &dir,
        &[
            "export",
            "--survey",
            &survey,
            "--out",
            "export",
            "--free-text",
            "--db",
            &db,
            "--code-secret-file",
            secret,
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let motivations = std::fs::read_to_string(dir.join("export/motivations.csv")).unwrap();
    for i in 0..6 {
        assert!(
            motivations.contains(&format!("Minder verkeer ({i}).")),
            "{motivations}"
        );
    }

    // No purge while the instances hold the database.
    let output = pwe(
        &dir,
        &["purge", "--survey", &survey, "--force", "--db", &db],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("a service (pwe serve) is using this database"),
        "{}",
        text(&output.stderr)
    );

    // A second submission of a household, on the other instance, is refused.
    runtime().block_on(async {
        let mut again = Resident::new(http_client(), bases.iter().rev().cloned().collect());
        let refused = again.respond(&codes[0], "Nog een keer.").await;
        assert!(refused.is_err(), "a second response was taken");
    });

    // The wrong-code budget is the instances' together.
    let mut accepted = 0;
    for n in 0..16u8 {
        let reply = request(
            &servers[usize::from(n % 2)],
            client(10 + n),
            "POST",
            "/api/household/open",
            &[("X-Household-Code", &wrong_code())],
            "",
        );
        match reply.status {
            404 => accepted += 1,
            429 => {}
            other => panic!("status {other}: {}", reply.body),
        }
    }
    assert!(
        accepted <= 12,
        "{accepted} wrong codes taken; the budget is 6 a minute for both"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A burst of 600 wrong codes from 60 forwarded addresses, spread over two
/// instances on one PostgreSQL database at once: the shared budget is
/// reserved before each lookup, so no more than it are tried.
#[test]
fn a_burst_over_two_instances_is_held_to_the_shared_budget() {
    let Some(db) = postgres_database_named("burst") else {
        return;
    };
    let dir = temp_dir("instances-burst");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let secret = dir.join("code.secret");
    crate::write_secret(&secret, SECRET);
    let secret = secret.to_str().unwrap();
    codes_with(
        &dir,
        &survey,
        true,
        "codes.csv",
        &["--db", &db, "--code-secret-file", secret],
    );
    let flags = [
        "--db",
        &db,
        "--code-secret-file",
        secret,
        "--wrong-codes-per-minute",
        "100",
        "--wrong-codes-api",
        "1000",
        "--trusted-proxy",
        "127.0.0.1",
    ];
    let servers = [
        Server::start(&dir, &survey, &flags),
        Server::start(&dir, &survey, &flags),
    ];
    assert_held(&wrong_code_burst(&[servers[0].addr, servers[1].addr]), 100);
    drop(servers);
    std::fs::remove_dir_all(dir).unwrap();
}
