//! The web pages driven in-process: sessions, CSRF, the security headers, the
//! step that refuses a broken portfolio, the limit on wrong codes, results.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pwe_service::{AppState, Clock, app};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    location: Option<String>,
    cookies: Vec<String>,
    csp: Option<String>,
    body: String,
}

async fn send(
    state: &AppState,
    method: &str,
    uri: &str,
    cookies: &str,
    form: Option<&str>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, cookies);
    if form.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let request = request
        .body(form.map_or_else(Body::empty, |f| Body::from(f.to_string())))
        .unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let header_text = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let location = header_text(header::LOCATION);
    let csp = header_text(header::CONTENT_SECURITY_POLICY);
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        location,
        cookies,
        csp,
        body: String::from_utf8_lossy(&bytes).into(),
    }
}

/// The value of `name="csrf" value="..."` in a page.
fn csrf(body: &str) -> String {
    body.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// Logs in through the landing form; returns the session cookie.
async fn login(state: &AppState, code: &str) -> String {
    let landing = send(state, "GET", "/", "", None).await;
    let token = csrf(&landing.body);
    let login_cookie = landing.cookies[0].clone();
    let reply = send(
        state,
        "POST",
        "/login",
        &login_cookie,
        Some(&format!("csrf={token}&code={code}")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location.as_deref(), Some("/start"));
    reply
        .cookies
        .into_iter()
        .find(|c| c.starts_with("pwe_session="))
        .unwrap()
}

#[tokio::test]
async fn every_page_has_a_strict_content_security_policy() {
    let db = sqlite();
    let (state, _) = state(&db, 1).await;
    let landing = send(&state, "GET", "/", "", None).await;
    assert_eq!(landing.status, StatusCode::OK);
    let csp = landing.csp.unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("default-src 'none'")
            && !csp.contains("unsafe")
    );
    assert!(
        landing.body.contains("<html lang=\"nl\">") && landing.body.contains("href=\"/?lang=en\"")
    );
    assert!(
        !landing.body.contains("<script>") && !landing.body.contains("style="),
        "nothing inline"
    );
    let english = send(&state, "GET", "/?lang=en", "", None).await;
    assert!(
        english.body.contains("<html lang=\"en\">")
            && english.body.contains("Your code (in your letter)")
    );
    assert!(english.cookies.iter().any(|c| c == "pwe_lang=en"));
}

#[tokio::test]
async fn a_letter_link_logs_in_and_the_code_leaves_the_address() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let reply = send(
        &state,
        "GET",
        &format!("/s/{}", codes[0].code.grouped()),
        "",
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/start"));
    let session = reply
        .cookies
        .iter()
        .find(|c| c.starts_with("pwe_session="))
        .unwrap();
    let start = send(&state, "GET", "/start", session, None).await;
    assert_eq!(start.location.as_deref(), Some("/info/1"));
}

#[tokio::test]
async fn forms_need_the_csrf_token() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let landing = send(&state, "GET", "/", "", None).await;
    let login_cookie = landing.cookies[0].clone();
    let forged = send(
        &state,
        "POST",
        "/login",
        &login_cookie,
        Some(&format!("csrf=forged&code={}", codes[0].code.as_str())),
    )
    .await;
    assert_eq!(
        forged.location.as_deref(),
        Some("/"),
        "a login without the token goes nowhere"
    );
    let session = login(&state, codes[0].code.as_str()).await;
    let reply = send(
        &state,
        "POST",
        "/choice",
        &session,
        Some("csrf=forged&opt-fiets-ov=1"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_choice_step_refuses_a_broken_portfolio_and_keeps_the_draft() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let session = login(&state, codes[0].code.as_str()).await;
    let page = send(&state, "GET", "/choice", &session, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("aria-live=\"polite\"")
            && page
                .body
                .contains("name=\"grp-parkeerregime\" value=\"blauwe-zone\"")
    );
    let token = csrf(&page.body);
    let broken = format!("csrf={token}&opt-vergunningparkeren=1&opt-blauwe-zone=1");
    let reply = send(&state, "POST", "/choice", &session, Some(&broken)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("role=\"alert\"")
            && reply
                .body
                .contains("U kunt maar één van deze maatregelen kiezen"),
        "{}",
        reply.body
    );
    assert!(
        reply
            .body
            .contains("value=\"blauwe-zone\" data-option=\"blauwe-zone\" checked"),
        "the choice stays ticked"
    );
    // Before the resident asks to go on the meter is neutral; after, it warns.
    let meter = send(&state, "POST", "/check", &session, Some(&broken)).await;
    assert!(meter.body.contains("Nog niet af") && !meter.body.contains("✗"));
    let tried = format!("{broken}&tried=1");
    let meter = send(&state, "POST", "/check", &session, Some(&tried)).await;
    assert!(meter.body.contains("✗ Uw keuze past nog niet"));

    // The group's one radio name cannot hold two, and a forged post that
    // names two is refused like two ticks.
    let forged =
        format!("csrf={token}&grp-parkeerregime=vergunningparkeren&grp-parkeerregime=blauwe-zone");
    let reply = send(&state, "POST", "/choice", &session, Some(&forged)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .body
            .contains("U kunt maar één van deze maatregelen kiezen")
    );

    // The remove button in the meter unticks its option, also without a script.
    let removed = format!("{broken}&remove=blauwe-zone");
    let reply = send(&state, "POST", "/choice", &session, Some(&removed)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        !reply.body.contains("data-option=\"blauwe-zone\" checked")
            && reply
                .body
                .contains("data-option=\"vergunningparkeren\" checked")
            && !reply.body.contains("role=\"alert\"")
    );

    let valid = format!(
        "csrf={token}&opt-betaald-bezoekers=1&opt-handhaving=1&opt-garage-afspraak=1&opt-pendelbus=1&opt-circulatie=1&opt-fiets-ov=1"
    );
    let reply = send(&state, "POST", "/choice", &session, Some(&valid)).await;
    assert_eq!(reply.location.as_deref(), Some("/motivation"));
    let start = send(&state, "GET", "/start", &session, None).await;
    assert_eq!(
        start.location.as_deref(),
        Some("/motivation"),
        "resume where the household left"
    );
}

/// The meter gives one set of figures: beyond what may be spent, the excess
/// it shows is the one the broken rule names; with nothing chosen no charge
/// is shown as if it were a choice.
#[tokio::test]
async fn the_meter_and_the_broken_rule_name_the_same_excess() {
    let db = sqlite();
    let (state, codes) = state(&db, 1).await;
    let session = login(&state, codes[0].code.as_str()).await;
    let page = send(&state, "GET", "/choice", &session, None).await;
    let token = csrf(&page.body);
    let empty = send(
        &state,
        "POST",
        "/check",
        &session,
        Some(&format!("csrf={token}")),
    )
    .await;
    assert!(!empty.body.contains("meter-charge"), "{}", empty.body);
    let everything = format!(
        "csrf={token}&grp-parkeerregime=vergunningparkeren&opt-handhaving=2&opt-garage-afspraak=1&opt-bewegwijzering=1&opt-pendelbus=1&opt-circulatie=1&opt-fiets-ov=1"
    );
    let over = send(&state, "POST", "/check", &session, Some(&everything)).await;
    let left = over
        .body
        .split("id=\"meter-left\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the meter shows where the spend stands");
    assert!(
        over.body.contains("<dt>Te veel</dt>")
            && over.body.contains(&format!("Dat is {left} te veel")),
        "{}",
        over.body
    );
    assert!(!over.body.contains("Boven het budget"));
}

/// Driven without a socket, requests have no client address: they share one
/// budget, so a missing address never lifts the limit. (Per client, on a
/// real socket and behind a proxy: pwe-cli's tests/service/security.rs.)
#[tokio::test]
async fn without_an_address_wrong_codes_share_one_limit() {
    let db = sqlite();
    let (state, _) = state(&db, 1).await;
    let landing = send(&state, "GET", "/", "", None).await;
    let token = csrf(&landing.body);
    let cookie = landing.cookies[0].clone();
    let mut last = StatusCode::OK;
    for _ in 0..=state.config.wrong_codes_pages {
        let wrong = pwe_service::codes::random_code();
        last = send(
            &state,
            "POST",
            "/login",
            &cookie,
            Some(&format!("csrf={token}&code={}", wrong.as_str())),
        )
        .await
        .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn results_appear_once_closed_and_published_with_small_groups_suppressed() {
    let db = sqlite();
    let (mut state, _) = state(&db, 1).await;
    let before = send(&state, "GET", "/results", "", None).await;
    assert!(
        before.body.contains(
            "Na de sluiting op 8 februari 2027, 17.00 uur controleert de gemeente de uitkomsten"
        ),
        "{}",
        before.body
    );
    state.clock = Clock::Fixed("2027-03-01T12:00:00Z".parse().unwrap());
    // Closed, not yet published: every page says so, and none links to the results yet.
    for path in ["/results", "/", "/receipt"] {
        let closed = send(&state, "GET", path, "", None).await;
        assert!(
            closed
                .body
                .contains("De gemeente controleert de uitkomsten"),
            "{path}, closed, not yet published: {}",
            closed.body
        );
        assert!(!closed.body.contains("class=\"go\""), "{}", closed.body);
    }
    state
        .store
        .publish("mall-parkeren", "2027-03-02T09:00:00Z")
        .await
        .unwrap();
    let after = send(&state, "GET", "/results", "", None).await;
    assert!(
        after.body.contains("Te weinig deelnemers om te tonen."),
        "{}",
        after.body
    );
    let home = send(&state, "GET", "/", "", None).await;
    assert!(
        home.body
            .contains("De raadpleging is gesloten sinds 8 februari 2027")
            && home
                .body
                .contains("<a class=\"go\" href=\"/results?lang=nl\">De uitkomsten bekijken</a>"),
        "{}",
        home.body
    );
}
