//! A resident's whole page flow over HTTP, as a browser without JavaScript
//! does it: every GET and POST, the login token and the session's CSRF token
//! taken from the pages, cookies kept, redirects followed. Used by the page
//! load generator (`cargo bench --bench pages`) and by the two-instance test,
//! which sends each request to the next instance in turn.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The pages a resident passes, in order, as timed.
pub const PAGES: [&str; 18] = [
    "GET /",
    "POST /login",
    "GET /start",
    "GET /info",
    "POST /info",
    "GET /choice",
    "POST /choice",
    "GET /motivation",
    "POST /motivation",
    "GET /background",
    "POST /background",
    "GET /evaluation",
    "POST /evaluation",
    "GET /confirm",
    "POST /confirm",
    "GET /thanks",
    "GET /results",
    "GET /static/style.css",
];

/// One resident's browser: its cookies, the instances it talks to, and how
/// long each page took.
pub struct Resident {
    client: reqwest::Client,
    bases: Vec<String>,
    turn: usize,
    cookies: BTreeMap<String, String>,
    /// Reading time before each request: a seeded generator and its range.
    think: Option<(ChaCha8Rng, Duration, Duration)>,
    /// (page, how long the answer took), in the order of the flow.
    pub timings: Vec<(&'static str, Duration)>,
}

/// What went wrong, with the page and what the service answered.
#[derive(Debug)]
pub struct FlowError(pub String);

impl std::fmt::Display for FlowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A client that leaves redirects and cookies to [`Resident`].
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1024)
        .build()
        .expect("a plain HTTP client")
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Resident {
    /// A resident who sends request n to `bases[n % bases.len()]`.
    pub fn new(client: reqwest::Client, bases: Vec<String>) -> Resident {
        Resident {
            client,
            bases,
            turn: 0,
            cookies: BTreeMap::new(),
            think: None,
            timings: Vec::with_capacity(PAGES.len()),
        }
    }

    /// The same resident, reading for a time drawn uniformly from
    /// `min..max` (with `seed`) before every request, as people do; the
    /// reading is not part of a page's time.
    pub fn thinking(mut self, seed: u64, min: Duration, max: Duration) -> Resident {
        self.think = Some((ChaCha8Rng::seed_from_u64(seed), min, max));
        self
    }

    async fn send(
        &mut self,
        page: &'static str,
        path: &str,
        form: Option<&[(&str, &str)]>,
    ) -> Result<Page, FlowError> {
        if let Some((rng, min, max)) = &mut self.think {
            let pause = rng.random_range(min.as_secs_f64()..max.as_secs_f64());
            tokio::time::sleep(Duration::from_secs_f64(pause)).await;
        }
        let base = &self.bases[self.turn % self.bases.len()];
        self.turn += 1;
        let url = format!("{base}{path}");
        let mut request = match form {
            Some(fields) => self.client.post(&url).form(fields),
            None => self.client.get(&url),
        };
        if !self.cookies.is_empty() {
            let cookie: Vec<String> = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            request = request.header("Cookie", cookie.join("; "));
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| FlowError(format!("{page}: {e}")))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let location = header("location").into_iter().next();
        let set_cookies = header("set-cookie");
        let body = response
            .text()
            .await
            .map_err(|e| FlowError(format!("{page}: {e}")))?;
        self.timings.push((page, started.elapsed()));
        for set in set_cookies {
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
        if status >= 400 {
            return Err(FlowError(format!(
                "{page} answered {status}: {}",
                body.chars().take(400).collect::<String>()
            )));
        }
        Ok(Page {
            status,
            location,
            body,
        })
    }

    /// A form post that must redirect; returns where to.
    async fn post(
        &mut self,
        page: &'static str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Result<String, FlowError> {
        let answer = self.send(page, path, Some(fields)).await?;
        match (answer.status, answer.location) {
            (303, Some(to)) => Ok(to),
            (status, _) => Err(FlowError(format!(
                "{page} answered {status} instead of going on: {}",
                answer.body.chars().take(400).collect::<String>()
            ))),
        }
    }

    async fn get(&mut self, page: &'static str, path: &str) -> Result<Page, FlowError> {
        self.send(page, path, None).await
    }

    /// Takes the household of `code` from the landing page to the thank-you
    /// page and back to the public results, answering as in
    /// [`answers`], with `motivation` as the reason for one option.
    ///
    /// # Errors
    /// A page that answered with an error, or a step that did not go on.
    pub async fn respond(&mut self, code: &str, motivation: &str) -> Result<(), FlowError> {
        let landing = self.get("GET /", "/").await?;
        let token = csrf(&landing.body)?;
        let mut next = self
            .post("POST /login", "/login", &[("csrf", &token), ("code", code)])
            .await?;
        // /start sends a household to its first page (or where it stopped).
        if next == "/start" {
            next = self
                .get("GET /start", "/start")
                .await?
                .location
                .ok_or_else(|| FlowError("GET /start did not redirect".into()))?;
        }
        while next.starts_with("/info/") {
            let page = self.get("GET /info", &next).await?;
            let token = csrf(&page.body)?;
            next = self
                .post("POST /info", &next, &[("csrf", &token), ("go", "next")])
                .await?;
        }
        for (get, post, path) in [
            ("GET /choice", "POST /choice", "/choice"),
            ("GET /motivation", "POST /motivation", "/motivation"),
            ("GET /background", "POST /background", "/background"),
            ("GET /evaluation", "POST /evaluation", "/evaluation"),
            ("GET /confirm", "POST /confirm", "/confirm"),
        ] {
            if next != path {
                return Err(FlowError(format!("expected {path}, was sent to {next}")));
            }
            let page = self.get(get, path).await?;
            let token = csrf(&page.body)?;
            let mut fields = vec![("csrf", token.as_str()), ("go", "next")];
            fields.extend(answers(path, motivation));
            next = self.post(post, path, &fields).await?;
        }
        if next != "/thanks" {
            return Err(FlowError(format!("submitting led to {next}")));
        }
        let thanks = self.get("GET /thanks", "/thanks").await?;
        if !thanks.body.contains("class=\"receipt\"") {
            return Err(FlowError("the thank-you page shows no receipt".into()));
        }
        self.get("GET /results", "/results").await?;
        self.get("GET /static/style.css", "/static/style.css")
            .await?;
        Ok(())
    }
}

/// The form fields of a step: a portfolio that keeps every rule in every
/// version of the Mall survey, background and evaluation answers.
pub fn answers<'a>(path: &str, motivation: &'a str) -> Vec<(&'static str, &'a str)> {
    match path {
        "/choice" => vec![
            ("opt-betaald-bezoekers", "1"),
            ("opt-handhaving", "1"),
            ("opt-garage-afspraak", "1"),
            ("opt-pendelbus", "1"),
            ("opt-circulatie", "1"),
            ("opt-fiets-ov", "1"),
        ],
        "/motivation" => vec![
            ("mot-circulatie", motivation),
            ("mot-bewegwijzering", "Borden helpen niet tegen drukte."),
        ],
        "/background" => vec![
            ("bg-leeftijd", "45-64"),
            ("bg-huishouden", "alleen"),
            ("bg-autos", "1"),
            ("bg-overlast", "vaak"),
        ],
        "/evaluation" => vec![
            ("ev-gelegenheid", "4"),
            ("ev-begrijpelijk", "5"),
            ("ev-zinvol", "4"),
            ("ev-serieus", "3"),
            ("ev-cijfer", "8"),
        ],
        _ => Vec::new(),
    }
}

/// The CSRF token of a page's form.
fn csrf(body: &str) -> Result<String, FlowError> {
    let marker = "name=\"csrf\" value=\"";
    let at = body
        .find(marker)
        .ok_or_else(|| FlowError("a page without a CSRF token".into()))?;
    let rest = &body[at + marker.len()..];
    Ok(rest[..rest.find('"').unwrap_or(0)].to_string())
}
