//! The resident's pages on the real `pwe serve`, as a browser without
//! JavaScript uses them: every button of a step saves what is on the page
//! first, "Bereken opnieuw" recalculates on the server, and a wrong address
//! or a failure gets an HTML page (JSON only under /api/).

use crate::http::*;
use crate::temp_dir;

/// A logged-in browser: its session cookie and the pages' CSRF token.
struct Browser<'a> {
    server: &'a Server,
    cookie: String,
    csrf: String,
}

impl Browser<'_> {
    fn get(&self, path: &str) -> Reply {
        get(self.server, client(9), path, &self.cookie)
    }

    fn post(&self, path: &str, body: &str) -> Reply {
        form(
            self.server,
            client(9),
            path,
            &self.cookie,
            &format!("csrf={}&{body}", self.csrf),
        )
    }
}

fn open<'a>(server: &'a Server, code: &str) -> Browser<'a> {
    let cookie = session(&login(server, client(9), code));
    let mut browser = Browser {
        server,
        cookie,
        csrf: String::new(),
    };
    let page = browser.get("/choice");
    browser.csrf = page
        .body
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    browser
}

#[test]
fn every_button_of_a_step_keeps_what_was_typed() {
    let dir = temp_dir("pages-keep");
    let survey = survey_file(&dir, Some(("2020-01-01T09:00:00", "2030-01-01T17:00:00")));
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &[]);
    let browser = open(&server, &codes[0].1);

    // The language switch posts the ticks with it and shows the same step in English.
    let switched = browser.post("/choice", "opt-pendelbus=1&go=lang-en");
    assert_eq!(switched.status, 303, "{switched:?}");
    assert_eq!(switched.header("location"), Some("/choice?lang=en"));
    let english = browser.get("/choice?lang=en");
    assert!(english.body.contains("How it works"), "{}", english.body);
    assert!(
        english
            .body
            .contains("name=\"opt-pendelbus\" value=\"1\" data-option=\"pendelbus\" checked"),
        "the tick survives the switch"
    );

    // Without JavaScript, "Bereken opnieuw" shows the meter of what is ticked now.
    let recalculated = browser.post(
        "/choice",
        "opt-pendelbus=1&opt-blauwe-zone=1&go=recalculate",
    );
    assert_eq!(recalculated.status, 200);
    assert!(
        recalculated.body.contains("€ 800.000") || recalculated.body.contains("€ 700.000"),
        "the meter adds up the ticks: {}",
        recalculated.body
    );
    assert!(
        !recalculated.body.contains("role=\"alert\""),
        "recalculating is no error"
    );

    // "Vorige" keeps a motivation typed on the page.
    let back = browser.post("/motivation", "mot-pendelbus=Te+duur&go=back");
    assert_eq!(back.header("location"), Some("/choice"));
    assert!(
        browser
            .get("/motivation")
            .body
            .contains(">Te duur</textarea>")
    );

    // A text over its limit cannot be saved: the language switch then keeps
    // the page, with both texts as typed and the reason, instead of going on
    // and losing them.
    let long = "x".repeat(700);
    let refused = browser.post(
        "/motivation",
        &format!("mot-pendelbus=Te+duur&mot-blauwe-zone={long}&go=lang-en"),
    );
    assert_eq!(refused.status, 422, "{refused:?}");
    assert!(
        refused.body.contains(">Te duur</textarea>"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(&format!(">{long}</textarea>")));
    assert!(refused.body.contains("het maximum is"), "{}", refused.body);

    // "Stoppen en later verder" saves, then ends the session.
    let later = browser.post("/background", "bg-leeftijd=25-44&go=later");
    assert_eq!(later.status, 200);
    assert!(later.body.contains("U kunt later verder"), "{}", later.body);
    assert_eq!(
        browser.get("/background").status,
        303,
        "the session has ended"
    );
    let again = open(&server, &codes[0].1);
    assert!(
        again
            .get("/background")
            .body
            .contains("value=\"25-44\" checked"),
        "the answer given before stopping is kept"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn wrong_addresses_and_receipts_get_pages_not_json() {
    let dir = temp_dir("pages-404");
    let survey = survey_file(&dir, None);
    let server = Server::start(&dir, &survey, &[]);
    let missing = request(&server, client(8), "GET", "/keuze", &[], "");
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        missing.body.contains("Deze pagina bestaat niet"),
        "{}",
        missing.body
    );
    assert!(missing.body.contains("href=\"/\""), "a way onward");

    let api = request(&server, client(8), "GET", "/api/nothing", &[], "");
    assert_eq!(api.status, 404);
    assert!(api.body.contains("\"error\""), "{}", api.body);

    let info = request(&server, client(8), "GET", "/info/99", &[], "");
    assert_eq!(
        info.status, 303,
        "without a session a page leads to the start"
    );

    let receipt = request(
        &server,
        client(8),
        "GET",
        "/receipt?receipt=0000-0000-0000",
        &[],
        "",
    );
    assert_eq!(receipt.status, 200);
    assert!(
        receipt
            .body
            .contains("Wij vinden geen advies met dit ontvangstbewijs")
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The letter's link (and its QR code) skips the landing page, which shows
/// the privacy statement: the first page after it shows the statement.
#[test]
fn the_letters_link_shows_the_privacy_statement_before_the_first_question() {
    let dir = temp_dir("privacy-link");
    let survey = survey_file(&dir, Some(("2026-01-05T09:00:00", "2030-02-02T17:00:00")));
    let codes = codes(&dir, &survey, true);
    let server = Server::start(&dir, &survey, &[]);
    let linked = get(&server, client(1), &format!("/s/{}", codes[0].1), "");
    let cookie = session(&linked);
    let start = get(&server, client(1), "/start", &cookie);
    assert_eq!(start.header("location"), Some("/info/1"));
    let first = get(&server, client(1), "/info/1", &cookie);
    assert!(first.body.contains("<h2>Privacy</h2>"), "{}", first.body);
    assert!(
        first.body.contains("Wij bewaren geen naam, adres"),
        "{}",
        first.body
    );
    // Only the first page: the others are the survey's own.
    let second = get(&server, client(1), "/info/2", &cookie);
    assert!(!second.body.contains("<h2>Privacy</h2>"));
}

#[test]
fn a_change_from_the_check_page_returns_there_and_nowhere_else() {
    let dir = temp_dir("pages-return");
    let survey = survey_file(&dir, Some(("2020-01-01T09:00:00", "2030-01-01T17:00:00")));
    let codes = codes(&dir, &survey, false);
    let server = Server::start(&dir, &survey, &[]);
    let browser = open(&server, &codes[0].1);
    let chosen = "opt-pendelbus=1&opt-garage-afspraak=1&opt-vergunningparkeren=1";
    let saved = browser.post("/choice", &format!("{chosen}&go=next"));
    assert_eq!(saved.header("location"), Some("/motivation"));

    // "Wijzigen" opens the step with the return, which its form posts back.
    let check = browser.get("/confirm").body;
    for step in ["choice", "motivation", "background", "evaluation"] {
        assert!(
            check.contains(&format!("href=\"/{step}?from=confirm\"")),
            "{check}"
        );
    }
    let hidden = "name=\"from\" value=\"confirm\"";
    assert!(
        browser
            .get("/motivation?from=confirm")
            .body
            .contains(hidden)
    );
    // Only the check page is a return: anything else is no return at all.
    for stranger in ["https://evil.example", "%2F%2Fevil.example", "thanks"] {
        let page = browser.get(&format!("/motivation?from={stranger}"));
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("name=\"from\""), "{stranger}");
        let posted = browser.post("/motivation", &format!("go=next&from={stranger}"));
        assert_eq!(posted.header("location"), Some("/background"), "{stranger}");
    }

    // Saving returns to the check page, unless a later step is still
    // incomplete: that comes first, still returning.
    let on = browser.post("/motivation", "mot-pendelbus=Te+duur&go=next&from=confirm");
    assert_eq!(on.header("location"), Some("/background?from=confirm"));
    let background = "bg-leeftijd=25-44&bg-huishouden=alleen&bg-autos=1";
    let on = browser.post("/background", &format!("{background}&go=next&from=confirm"));
    assert_eq!(on.header("location"), Some("/evaluation?from=confirm"));
    let evaluation = "ev-gelegenheid=4&ev-begrijpelijk=4&ev-zinvol=4&ev-serieus=4&ev-cijfer=8";
    let on = browser.post("/evaluation", &format!("{evaluation}&go=next&from=confirm"));
    assert_eq!(on.header("location"), Some("/confirm"));
    let on = browser.post("/choice", &format!("{chosen}&go=next&from=confirm"));
    assert_eq!(
        on.header("location"),
        Some("/confirm"),
        "nothing later to visit"
    );

    // "Vorige" returns too, and the language switch keeps the return.
    let back = browser.post("/background", &format!("{background}&go=back&from=confirm"));
    assert_eq!(back.header("location"), Some("/confirm"));
    let switched = browser.post(
        "/background",
        &format!("{background}&go=lang-en&from=confirm"),
    );
    assert_eq!(
        switched.header("location"),
        Some("/background?from=confirm&lang=en")
    );
    std::fs::remove_dir_all(dir).unwrap();
}
