//! Sessions in cookies (bound to a valid code, with idle and absolute
//! limits), CSRF tokens, and the language choice.

use std::time::Duration;

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

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax, for the whole site, and
/// `Secure` when the site is served over HTTPS.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Duration) -> String {
    let secure = if state.config.https() { "; Secure" } else { "" };
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
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

/// The household and session of the request's session cookie, while the
/// household's code is valid and the session within its idle and absolute
/// limits; an expired session is ended.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Option<(Household, Session)> {
    let hash = token_hash(cookie(headers, SESSION_COOKIE)?);
    let (session, household) = state.store.session(&hash).await.ok()??;
    match freshness(state, &session.created_at, &session.last_seen_at) {
        Freshness::Expired => {
            state.store.end_session(&hash).await.ok()?;
            return None;
        }
        Freshness::Touch => {
            let now = crate::timestamp(state.clock.now());
            state.store.touch_session(&hash, &now).await.ok()?;
        }
        Freshness::Fresh => {}
    }
    Some((household, session))
}

/// What a session's times say now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// Used within the last minute.
    Fresh,
    /// Still valid; record that it was used (a write per minute at most, not per page).
    Touch,
    /// Idle for too long, or too old: end it.
    Expired,
}

/// A session created and last used at these times (RFC 3339), by the
/// service's idle and absolute limits; residents' and staff sessions alike.
pub(crate) fn freshness(state: &AppState, created_at: &str, last_seen_at: &str) -> Freshness {
    freshness_at(
        state.clock.now(),
        created_at,
        last_seen_at,
        state.config.session_idle,
        state.config.session_max,
    )
}

/// How far a stored time may lie ahead of this instance's clock (another
/// instance's clock may run a little ahead) and still count as now.
const CLOCK_SKEW: Duration = Duration::from_secs(5);

/// [`freshness`] at `now` with the limits `idle` and `max`. Fails closed: a
/// time that cannot be read, or lies in the future beyond [`CLOCK_SKEW`],
/// ends the session (counted as age zero it would never expire).
fn freshness_at(
    now: chrono::DateTime<chrono::Utc>,
    created_at: &str,
    last_seen_at: &str,
    idle: Duration,
    max: Duration,
) -> Freshness {
    let age = |at: &str| -> Option<Duration> {
        let at = chrono::DateTime::parse_from_rfc3339(at).ok()?.to_utc();
        match (now - at).to_std() {
            Ok(age) => Some(age),
            Err(_) => ((at - now).to_std().ok()? <= CLOCK_SKEW).then_some(Duration::ZERO),
        }
    };
    let (Some(idle_for), Some(old)) = (age(last_seen_at), age(created_at)) else {
        return Freshness::Expired;
    };
    if idle_for >= idle || old >= max {
        Freshness::Expired
    } else if idle_for >= Duration::from_secs(60) {
        Freshness::Touch
    } else {
        Freshness::Fresh
    }
}

/// Starts a session for `household_ref` whose answers come in by `channel`:
/// stores it (ending expired sessions of anyone on the way) and returns the
/// cookie's token.
///
/// # Errors
/// A database error.
pub async fn begin(
    state: &AppState,
    household_ref: &str,
    channel: pwe_core::channel::Channel,
) -> Result<String, crate::store::StoreError> {
    let now = state.clock.now();
    let before = |limit: Duration| {
        crate::timestamp(now - chrono::Duration::from_std(limit).unwrap_or_default())
    };
    let token = random_token();
    let session = Session {
        household_ref: household_ref.to_string(),
        csrf: random_token(),
        created_at: crate::timestamp(now),
        last_seen_at: crate::timestamp(now),
        channel,
    };
    state
        .store
        .create_session(
            &token_hash(&token),
            &session,
            &before(state.config.session_idle),
            &before(state.config.session_max),
        )
        .await?;
    Ok(token)
}

/// Ends the session of the request's cookie, if any.
///
/// # Errors
/// A database error.
pub async fn end(state: &AppState, headers: &HeaderMap) -> Result<(), crate::store::StoreError> {
    match cookie(headers, SESSION_COOKIE) {
        Some(token) => state.store.end_session(&token_hash(token)).await,
        None => Ok(()),
    }
}

/// How long a login form's CSRF token stays good.
pub const LOGIN_TOKEN_AGE: Duration = Duration::from_secs(2 * 3600);

/// A CSRF token for the code form, issued by this server: a random nonce, its
/// time of issue and a MAC over both with the code secret. A pair that an
/// attacker sets as cookie and field is refused, because only the server can
/// make the MAC.
pub fn login_token(state: &AppState) -> String {
    let message = format!("{}.{}", random_token(), state.clock.now().timestamp());
    let mac = state.code_key.sign("login-csrf", &message);
    format!("{message}.{mac}")
}

/// Whether `token` is a login token this server issued within its age.
pub fn login_token_valid(state: &AppState, token: &str) -> bool {
    let Some((message, mac)) = token.rsplit_once('.') else {
        return false;
    };
    let Some(issued) = message
        .split_once('.')
        .and_then(|(_, time)| time.parse::<i64>().ok())
    else {
        return false;
    };
    let age = state.clock.now().timestamp() - issued;
    same_token(mac, &state.code_key.sign("login-csrf", message))
        && (0..LOGIN_TOKEN_AGE.as_secs() as i64).contains(&age)
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

    /// What a session created and last seen at these times is at 12:00,
    /// with 2 hours idle and 24 hours in all.
    fn check(created_at: &str, last_seen_at: &str, expected: Freshness) {
        let now = "2027-01-20T12:00:00Z".parse().unwrap();
        let hours = |h: u64| Duration::from_secs(h * 3600);
        assert_eq!(
            freshness_at(now, created_at, last_seen_at, hours(2), hours(24)),
            expected,
            "{created_at} {last_seen_at}"
        );
    }

    #[test]
    fn readable_times_in_the_past_keep_a_session() {
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T11:59:30Z",
            Freshness::Fresh,
        );
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T11:00:00Z",
            Freshness::Touch,
        );
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T12:00:03Z",
            Freshness::Fresh,
        );
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T09:30:00Z",
            Freshness::Expired,
        );
        check(
            "2027-01-19T11:00:00Z",
            "2027-01-20T11:59:00Z",
            Freshness::Expired,
        );
    }

    #[test]
    fn unreadable_or_future_times_end_a_session() {
        check("garbage", "2027-01-20T11:59:30Z", Freshness::Expired);
        check("2027-01-20T09:00:00Z", "", Freshness::Expired);
        check("2027-01-20T09:00:00Z", "purged", Freshness::Expired);
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T13:00:00Z",
            Freshness::Expired,
        );
        check(
            "2099-01-01T00:00:00Z",
            "2027-01-20T11:59:30Z",
            Freshness::Expired,
        );
        check(
            "2027-01-20T09:00:00Z",
            "2027-01-20T12:00:06Z",
            Freshness::Expired,
        );
    }
}
