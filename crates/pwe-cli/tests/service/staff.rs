//! Personal staff accounts through the real binary and socket: roles, the
//! limit on wrong passwords, weak passwords refused, and the audit log
//! through the purge.

use crate::http::*;
use crate::{STAFF_PASSWORD, add_staff, basic, pwe, pwe_with_input, temp_dir, text};

/// Signs `name` in on `/beheer` from `from`; the session's cookie and CSRF token.
fn sign_in(server: &Server, from: std::net::IpAddr, name: &str) -> (String, String) {
    let page = get(server, from, "/beheer", "");
    let csrf = hidden(&page.body, "csrf");
    let reply = form(
        server,
        from,
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name={name}&password={STAFF_PASSWORD}"),
    );
    assert_eq!(reply.status, 303, "{name}: {}", reply.body);
    let cookie = reply.cookies().remove(0);
    let page = get(server, from, "/beheer", &cookie);
    (cookie, hidden(&page.body, "csrf"))
}

#[test]
fn each_role_does_its_own_part_and_everything_is_in_the_audit_log() {
    // Over 100 lines on purpose: one consultation's staff from the first account to the purge.
    let dir = temp_dir("staff");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let codes = codes(&dir, &survey, true);

    // Weak passwords are refused with the reason; nothing is stored.
    for weak in [
        "a".repeat(32).as_str(),
        "wachtwoord2026",
        "balie-balie-balie",
    ] {
        let output = pwe_with_input(
            &dir,
            &["staff", "add", "--name", "balie", "--role", "desk"],
            weak,
        );
        assert_eq!(output.status.code(), Some(1), "{weak}");
        assert!(
            text(&output.stderr).contains("this password is too weak"),
            "{weak}: {}",
            text(&output.stderr)
        );
    }
    // The municipality's name and a year: guessable, given the survey.
    let output = pwe_with_input(
        &dir,
        &[
            "staff", "add", "--name", "balie", "--role", "desk", "--survey", &survey,
        ],
        "Leidschendam2026!",
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let listed = pwe(&dir, &["staff", "list"]);
    assert!(text(&listed.stdout).contains("no accounts"));

    add_staff(&dir, &[], "balie", "desk");
    add_staff(&dir, &[], "onderzoeker", "researcher");
    add_staff(&dir, &[], "beheerder", "admin");
    let server = Server::start(&dir, &survey, &[]);

    // The desk role cannot export; the researcher can.
    let export = "/api/admin/export/responses.csv";
    let refused = request(
        &server,
        client(1),
        "GET",
        export,
        &[("Authorization", &basic("balie"))],
        "",
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains("researchers' and administrators'"),
        "{}",
        refused.body
    );
    let exported = request(
        &server,
        client(1),
        "GET",
        export,
        &[("Authorization", &basic("onderzoeker"))],
        "",
    );
    assert_eq!(exported.status, 200, "{}", exported.body);

    // The researcher cannot enter a form; the desk can.
    let (code_ref, code) = &codes[0];
    let (cookie, csrf) = sign_in(&server, client(1), "onderzoeker");
    let page = get(&server, client(1), "/beheer", &cookie);
    assert!(!page.body.contains("Invoeren voor dit huishouden"));
    let refused = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf={csrf}&code={code}&channel=paper"),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    let (cookie, csrf) = sign_in(&server, client(1), "balie");
    let entered = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf={csrf}&code={code}&channel=paper"),
    );
    assert_eq!(entered.status, 303, "{}", entered.body);

    // Only the administrator sees the audit log, with every account's part.
    let page = get(&server, client(1), "/beheer", &cookie);
    assert!(!page.body.contains("Wie deed wat"));
    let (cookie, _) = sign_in(&server, client(2), "beheerder");
    let page = get(&server, client(2), "/beheer", &cookie);
    assert!(page.body.contains("Wie deed wat"), "{}", page.body);
    // Each cell carries its column's name for the phone's cards.
    let cells = |values: &[&str]| -> String {
        ["Account", "Handeling", "Waarover"]
            .iter()
            .zip(values)
            .map(|(label, value)| {
                format!("<td role=\"cell\"><span class=\"cell-label\" aria-hidden=\"true\">{label}</span>{value}</td>")
            })
            .collect()
    };
    for line in [
        cells(&["onderzoeker", "export gemaakt", "responses.csv"]),
        cells(&[
            "balie",
            "formulier ingevoerd",
            &format!("paper, {code_ref}"),
        ]),
        cells(&["balie", "aangemeld"]),
    ] {
        assert!(page.body.contains(&line), "{line} in {}", page.body);
    }

    // 20 wrong passwords for one account: refused with 429 and Retry-After
    // from the 11th, and then the right password waits too.
    let csrf = hidden(&get(&server, client(3), "/beheer", "").body, "csrf");
    let statuses: Vec<u16> = (0..20)
        .map(|i| {
            let reply = form(
                &server,
                client(3),
                "/beheer/login",
                "",
                &format!("csrf={csrf}&name=beheerder&password=guess-{i}"),
            );
            if reply.status == 429 {
                assert!(reply.header("retry-after").is_some());
            }
            reply.status
        })
        .collect();
    assert_eq!(&statuses[..10], &[401; 10]);
    assert_eq!(&statuses[10..], &[429; 10]);
    let locked = form(
        &server,
        client(4),
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name=beheerder&password={STAFF_PASSWORD}"),
    );
    assert_eq!(locked.status, 429);
    drop(server);

    // The operator's commands are in the log under the shell's user.
    let output = pwe(&dir, &["export", "--survey", &survey, "--out", "export"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let log = text(&pwe(&dir, &["staff", "log"]).stdout);
    assert!(log.contains("\tshell:"), "{log}");
    assert!(log.contains("\texport\tto export"), "{log}");

    // After the purge: counts per account and action, no household.
    let closed = survey_file(&dir, Some(("2026-01-05T09:00:00", "2026-02-02T17:00:00")));
    let output = pwe(&dir, &["purge", "--survey", &closed, "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let log = text(&pwe(&dir, &["staff", "log"]).stdout);
    assert!(!log.contains(code_ref.as_str()), "{log}");
    assert!(log.contains("\tbalie\tentry\t1×"), "{log}");
    assert!(log.contains("\tpurge\t"), "{log}");
}
