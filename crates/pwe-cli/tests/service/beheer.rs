//! `/beheer` and `GET /api/admin/status` on a real socket: the staff login,
//! its cookie and CSRF, and the JSON behind the page.

use crate::http::*;
use crate::{STAFF_PASSWORD, add_staff, basic, temp_dir};

#[test]
fn the_staff_login_guards_the_page_and_every_form() {
    // Over 100 lines on purpose: one staff session from login to logout, each step on the state the last one left.
    let dir = temp_dir("beheer");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let codes = codes(&dir, &survey, true);
    add_staff(&dir, &[], "balie", "desk");
    let server = Server::start(&dir, &survey, &[]);

    // Without a session: the login form, as HTML.
    let page = request(&server, client(1), "GET", "/beheer", &[], "");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.body.contains("Naam van uw account"));
    let csrf = hidden(&page.body, "csrf");

    // A login token the server did not issue, and a wrong password.
    let forged = form(
        &server,
        client(1),
        "/beheer/login",
        "",
        &format!("csrf=x.1.y&name=balie&password={STAFF_PASSWORD}"),
    );
    assert_eq!(forged.status, 400, "{}", forged.body);
    assert!(forged.cookies().is_empty());
    let wrong = form(
        &server,
        client(1),
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name=balie&password=not-the-password"),
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("horen niet bij een account"));
    assert!(wrong.cookies().is_empty());

    // The right password: a session cookie only /beheer gets, HttpOnly, Strict.
    let ok = form(
        &server,
        client(1),
        "/beheer/login",
        "",
        &format!("csrf={csrf}&name=balie&password={STAFF_PASSWORD}"),
    );
    assert_eq!(ok.status, 303);
    let set = ok.header("set-cookie").unwrap();
    for attribute in ["pwe_beheer=", "Path=/beheer", "HttpOnly", "SameSite=Strict"] {
        assert!(set.contains(attribute), "{set}");
    }
    let cookie = ok.cookies().remove(0);
    let page = get(&server, client(1), "/beheer", &cookie);
    assert!(
        page.body.contains("Stand van de raadpleging"),
        "{}",
        page.body
    );
    let session_csrf = hidden(&page.body, "csrf");

    // A form without the session's CSRF token changes nothing.
    let code = &codes[0].1;
    let forged = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf=wrong&code={code}&channel=paper"),
    );
    assert_eq!(forged.status, 403);
    assert!(
        forged
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(forged.cookies().is_empty());
    // A channel that is not paper or assisted is refused with the reason.
    let online = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf={session_csrf}&code={code}&channel=online"),
    );
    assert_eq!(online.status, 400);
    assert!(online.body.contains("Kies hoe het antwoord binnenkomt"));
    // A wrong code says so, on the page.
    let typed = wrong_code();
    let wrong = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf={session_csrf}&code={typed}&channel=paper"),
    );
    assert_eq!(wrong.status, 404, "{}", wrong.body);
    assert!(wrong.body.contains(&typed), "{}", wrong.body);
    // The right one: a residents' session, on to the residents' pages.
    let entry = form(
        &server,
        client(1),
        "/beheer/invoer",
        &cookie,
        &format!("csrf={session_csrf}&code={code}&channel=assisted"),
    );
    assert_eq!(entry.status, 303);
    assert_eq!(entry.header("location"), Some("/start"));
    assert!(
        entry
            .cookies()
            .iter()
            .any(|c| c.starts_with("pwe_session="))
    );

    // Logging out ends the session on the server, not only in the browser.
    let out = form(
        &server,
        client(1),
        "/beheer/logout",
        &cookie,
        &format!("csrf={session_csrf}"),
    );
    assert_eq!(out.status, 303);
    let page = get(&server, client(1), "/beheer", &cookie);
    assert!(page.body.contains("Naam van uw account"));
}

#[test]
fn the_status_json_has_the_daily_series_per_buurt() {
    let dir = temp_dir("status-json");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let codes = codes(&dir, &survey, true);
    add_staff(&dir, &[], "onderzoeker", "researcher");
    let server = Server::start(&dir, &survey, &[]);
    let refused = request(&server, client(2), "GET", "/api/admin/status", &[], "");
    assert_eq!(refused.status, 401);
    // Two households open the survey.
    for (_, code) in &codes[..2] {
        let cookie = session(&login(&server, client(2), code));
        let start = get(&server, client(2), "/start", &cookie);
        assert_eq!(start.status, 303, "{start:?}");
    }
    let bearer = basic("onderzoeker");
    let reply = request(
        &server,
        client(2),
        "GET",
        "/api/admin/status",
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let status: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(status["open"], true);
    assert_eq!(status["total"]["started"], 2);
    assert_eq!(status["total"]["invited"], 16);
    let daily = status["daily"].as_array().unwrap();
    let started: i64 = daily.iter().map(|d| d["started"].as_i64().unwrap()).sum();
    assert_eq!(started, 2);
    assert!(
        daily
            .iter()
            .all(|d| d["buurt"].as_str().unwrap().starts_with("BU"))
    );
    assert_eq!(status["representativeness"], serde_json::Value::Null);
    assert_eq!(status["stopped_at"][0]["step"], "start");
}
