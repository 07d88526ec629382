//! Sessions in cookies, CSRF tokens, the language choice, and the limit on
//! wrong codes per client.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};
use pwe_core::Lang;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::store::{Household, Session};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "pwe_session";
/// The cookie that remembers the language.
pub const LANG_COOKIE: &str = "pwe_lang";
/// The cookie that carries the landing form's CSRF token before there is a session.
pub const LOGIN_CSRF_COOKIE: &str = "pwe_login";

/// The value of a cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax, for the whole site.
pub fn set_cookie(name: &str, value: &str, max_age: Duration) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        max_age.as_secs()
    )
}

/// A random token of 32 hexadecimal characters.
pub fn random_token() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}

/// The stored form of a session token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares without revealing where two tokens differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The language: `?lang=` when given, else the cookie, else Dutch.
pub fn language(headers: &HeaderMap, query: Option<&str>) -> Lang {
    query
        .and_then(Lang::from_code)
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::from_code))
        .unwrap_or_default()
}

/// The household and session of the request's session cookie.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Option<(Household, Session)> {
    let token = cookie(headers, SESSION_COOKIE)?;
    let session = state.store.session(&token_hash(token)).await.ok()??;
    let household = state.store.household(&session.household_ref).await.ok()??;
    Some((household, session))
}

/// How many wrong codes a client may type within [`ATTEMPT_WINDOW`].
pub const MAX_WRONG_CODES: u32 = 10;
/// The window of the attempt limit.
pub const ATTEMPT_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Wrong code attempts per client address, kept in memory only for the
/// window (never stored), so that codes cannot be guessed by trying.
#[derive(Debug, Default)]
pub struct AttemptLimiter {
    attempts: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl AttemptLimiter {
    /// Whether `client` may try another code now.
    pub fn allowed(&self, client: Option<IpAddr>) -> bool {
        let Some(client) = client else { return true };
        let attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        attempts.get(&client).is_none_or(|(count, since)| {
            *count < MAX_WRONG_CODES || since.elapsed() > ATTEMPT_WINDOW
        })
    }

    /// Counts a wrong code of `client`.
    pub fn wrong(&self, client: Option<IpAddr>) {
        let Some(client) = client else { return };
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        // Forget clients whose window has passed, so the map stays small.
        attempts.retain(|_, (_, since)| since.elapsed() <= ATTEMPT_WINDOW);
        let entry = attempts.entry(client).or_insert((0, Instant::now()));
        entry.0 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; pwe_session=abc; pwe_lang=en".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(language(&headers, None), Lang::En);
        assert_eq!(language(&headers, Some("nl")), Lang::Nl);
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn limits_wrong_codes_per_client() {
        let limiter = AttemptLimiter::default();
        let client: Option<IpAddr> = Some("127.0.0.7".parse().unwrap());
        for _ in 0..MAX_WRONG_CODES {
            assert!(limiter.allowed(client));
            limiter.wrong(client);
        }
        assert!(!limiter.allowed(client));
        assert!(
            limiter.allowed(Some("127.0.0.8".parse().unwrap())),
            "other clients are not affected"
        );
    }
}
