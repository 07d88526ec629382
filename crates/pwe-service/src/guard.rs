//! Guessing codes is hopeless: who the client is, and the limits on wrong codes.
//!
//! Two limits guard every way in with a code (the code form, the `/s/{code}`
//! link and the JSON API), both checked *before* a code is looked up, so a
//! refused guess is never tried:
//! - per client, in memory: `wrong_codes_pages` or `wrong_codes_api` wrong
//!   codes within `wrong_code_window`. Kept in memory so that no client
//!   address is ever stored; with several instances a client gets this many
//!   per instance, which the global budget bounds anyway.
//! - for the whole service, in the database (shared by every instance):
//!   `wrong_codes_per_minute` wrong well-formed codes per minute from all
//!   clients together, the bound on a guesser spread over many addresses.
//!
//! A hand-written window rather than `governor`: the limit must count only
//! wrong codes yet refuse before the lookup, and a GCRA limiter can only
//! count every attempt (which would lock out residents who share a mobile
//! carrier's address after a few correct logins).

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Timelike, Utc};
use pwe_core::code::HouseholdCode;
use tokio::sync::Notify;

use crate::AppState;
use crate::error::ApiError;
use crate::store::{CodeLookupResult, Household};

/// The client of a request: the socket's peer, or the address a trusted
/// proxy forwarded; an IPv6 address by its /64 (one subscriber's network,
/// whose addresses it can pick at will). `None` when the router runs
/// without a socket (in-process tests): all such requests share one
/// budget, so a missing address never means "no limit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client(pub Option<IpAddr>);

/// The address a client is counted by: IPv4 as it is (also when mapped
/// into IPv6), IPv6 cut to its /64 network.
pub fn counted(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        v4 => v4,
    }
}

impl Client {
    /// The client of a request from `peer` with `headers`: `X-Forwarded-For`
    /// counts only when `peer` is a trusted proxy, and then its right-most
    /// address that is not itself a trusted proxy (the left part is whatever
    /// the client chose to send).
    pub fn of(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Client {
        let Some(peer) = peer else {
            return Client(None);
        };
        if !trusted.contains(&peer) {
            return Client(Some(counted(peer)));
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|part| part.trim().parse().ok())
            .collect();
        let client = forwarded
            .into_iter()
            .rev()
            .find(|address| !trusted.contains(address))
            .unwrap_or(peer);
        Client(Some(counted(client)))
    }
}

/// Middleware: finds the request's [`Client`] and puts it in its extensions.
pub async fn client_address(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let client = Client::of(peer, request.headers(), &state.config.trusted_proxies);
    request.extensions_mut().insert(client);
    next.run(request).await
}

/// Where a code was entered; each has its own per-client limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Surface {
    /// The code form and the letter's link.
    Pages,
    /// The JSON API's `X-Household-Code`.
    Api,
    /// The public receipt check, `/receipt`: as many as on the pages.
    Receipts,
}

/// Wrong codes per client and surface, in memory only and only for the window.
#[derive(Debug, Default)]
pub struct AttemptLimiter {
    attempts: Mutex<HashMap<(Client, Surface), (u32, Instant)>>,
    /// Attempts of this instance holding a reservation, not yet resolved.
    in_flight: AtomicUsize,
    /// Told whenever one of them resolves.
    resolved: Notify,
}

/// How long an attempt the service's budget refused while others are still
/// in flight waits for their outcomes: a reservation is taken before every
/// lookup, so in a burst of residents with the right code (500 at one
/// moment) those in flight could use up the budget that their outcomes give
/// back a moment later.
const WAIT_FOR_OUTCOMES: Duration = Duration::from_secs(3);

/// An attempt holding a reservation; dropping it resolves it.
struct InFlight<'a>(&'a AttemptLimiter);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.resolved.notify_waiters();
    }
}

impl AttemptLimiter {
    /// `Ok` when `client` may try another code, else how long until it may.
    pub fn allowed(
        &self,
        client: Client,
        surface: Surface,
        max: u32,
        window: Duration,
    ) -> Result<(), Duration> {
        let attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        match attempts.get(&(client, surface)) {
            Some((count, since)) if *count >= max && since.elapsed() < window => {
                Err(window.saturating_sub(since.elapsed()))
            }
            _ => Ok(()),
        }
    }

    /// Counts a wrong code of `client`.
    pub fn wrong(&self, client: Client, surface: Surface, window: Duration) {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        // Forget clients whose window has passed, so the map stays small.
        attempts.retain(|_, (_, since)| since.elapsed() < window);
        let entry = attempts
            .entry((client, surface))
            .or_insert((0, Instant::now()));
        entry.0 += 1;
    }

    /// Checks and counts in one step (under one lock): `Ok` reserves a wrong
    /// code of `client`, so that a burst of concurrent guesses cannot all
    /// pass before any is counted; a guess that was not wrong gives it back
    /// with [`AttemptLimiter::refund`].
    pub fn reserve(
        &self,
        client: Client,
        surface: Surface,
        max: u32,
        window: Duration,
    ) -> Result<(), Duration> {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        attempts.retain(|_, (_, since)| since.elapsed() < window);
        let entry = attempts
            .entry((client, surface))
            .or_insert((0, Instant::now()));
        if entry.0 >= max {
            return Err(window.saturating_sub(entry.1.elapsed()));
        }
        entry.0 += 1;
        Ok(())
    }

    /// Marks an attempt as holding a reservation until the guard is dropped.
    fn in_flight(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        InFlight(self)
    }

    /// Waits until an attempt in flight resolves (`true`), or returns
    /// `false` at once when none is in flight or at `deadline`.
    async fn outcome_of_others(&self, deadline: tokio::time::Instant) -> bool {
        let resolved = self.resolved.notified();
        tokio::pin!(resolved);
        // Registered before the count is read, so no outcome is missed.
        resolved.as_mut().enable();
        if self.in_flight.load(Ordering::SeqCst) == 0 {
            return false;
        }
        tokio::time::timeout_at(deadline, resolved).await.is_ok()
    }

    /// Gives back a reservation of [`AttemptLimiter::reserve`].
    pub fn refund(&self, client: Client, surface: Surface) {
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = attempts.get_mut(&(client, surface)) {
            entry.0 = entry.0.saturating_sub(1);
            if entry.0 == 0 {
                // Its window starts again at its next wrong code.
                attempts.remove(&(client, surface));
            }
        }
    }
}

/// The minute of `at` as the global budget counts it (`YYYY-MM-DDTHH:MM`).
fn minute(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// Whole seconds until the next minute starts, at least one.
fn until_next_minute(at: DateTime<Utc>) -> u64 {
    60 - u64::from(at.second()).min(59)
}

/// How a limited attempt went, for the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// Found, or failed for a reason that is not a guess (a database error).
    No,
    /// Not even well-formed: counts against the client only.
    Malformed,
    /// Well-formed and wrong: counts against the client and the service.
    WellFormed,
}

/// Runs `attempt` (a lookup by something a client typed) within both limits
/// of `surface`: refused with [`ApiError::TooManyAttempts`] before the
/// attempt when `client` or the whole service has used up its wrong
/// guesses; `miss` says how a result counts.
async fn within_limits<T>(
    state: &AppState,
    client: Client,
    surface: Surface,
    attempt: impl Future<Output = Result<T, ApiError>>,
    miss: impl Fn(&Result<T, ApiError>) -> Miss,
) -> Result<T, ApiError> {
    let config = &state.config;
    let max = match surface {
        Surface::Pages | Surface::Receipts => config.wrong_codes_pages,
        Surface::Api => config.wrong_codes_api,
    };
    let window = config.wrong_code_window;
    let deadline = tokio::time::Instant::now() + WAIT_FOR_OUTCOMES;
    // Both limits are reserved before the attempt, each in one atomic step,
    // and given back when the attempt was not a wrong guess: a burst of
    // guesses arriving together is held to the limits. A refusal by the
    // service's budget while others are in flight waits for their outcomes
    // first, since right codes give their reservations back; a client over
    // its own limit is refused at once.
    let this_minute = loop {
        match reserve_both(state, client, surface, max, window).await? {
            Ok(this_minute) => break this_minute,
            Err(Refusal::Client(refused)) => return Err(refused),
            Err(Refusal::Service(refused)) => {
                if !state.attempts.outcome_of_others(deadline).await {
                    return Err(refused);
                }
            }
        }
    };
    let _in_flight = state.attempts.in_flight();
    let result = attempt.await;
    match miss(&result) {
        Miss::No => {
            state.attempts.refund(client, surface);
            state.store.refund_wrong_code(&this_minute).await?;
        }
        // Only well-formed guesses use up the budget that every resident
        // shares: a malformed one cannot be anyone's.
        Miss::Malformed => state.store.refund_wrong_code(&this_minute).await?,
        Miss::WellFormed => {}
    }
    result
}

/// Which limit refused an attempt, and the refusal.
enum Refusal {
    /// The client's own.
    Client(ApiError),
    /// The service's budget.
    Service(ApiError),
}

/// Reserves a wrong guess of `client` and of the whole service: the minute
/// of the service's reservation, or the refusal.
async fn reserve_both(
    state: &AppState,
    client: Client,
    surface: Surface,
    max: u32,
    window: Duration,
) -> Result<Result<String, Refusal>, ApiError> {
    if let Err(wait) = state.attempts.reserve(client, surface, max, window) {
        return Ok(Err(Refusal::Client(ApiError::TooManyAttempts {
            retry_after: wait.as_secs().max(1),
        })));
    }
    let now = state.clock.now();
    let this_minute = minute(now);
    let budget = i64::from(state.config.wrong_codes_per_minute);
    match state.store.reserve_wrong_code(&this_minute, budget).await {
        Ok(true) => Ok(Ok(this_minute)),
        Ok(false) => {
            state.attempts.refund(client, surface);
            Ok(Err(Refusal::Service(ApiError::TooManyAttempts {
                retry_after: until_next_minute(now),
            })))
        }
        Err(error) => {
            state.attempts.refund(client, surface);
            Err(error.into())
        }
    }
}

/// The household a typed code belongs to, within both limits: refused with
/// [`ApiError::TooManyAttempts`] before the lookup when `client` or the whole
/// service has used up its wrong codes; a wrong code is counted.
///
/// # Errors
/// Too many attempts (429), a malformed (400), unknown (404) or voided (403) code.
pub async fn household_for_code(
    state: &AppState,
    client: Client,
    surface: Surface,
    typed: &str,
) -> Result<Household, ApiError> {
    within_limits(
        state,
        client,
        surface,
        lookup(state, typed),
        |result| match result {
            Err(ApiError::CodeMalformed(_)) => Miss::Malformed,
            Err(ApiError::UnknownCode | ApiError::VoidedCode) => Miss::WellFormed,
            _ => Miss::No,
        },
    )
    .await
}

/// When the advice with a typed receipt was submitted, within the same
/// limits as a code (a receipt is a secret of the household too): `None`
/// when no response has it, which counts as a wrong guess.
///
/// # Errors
/// Too many attempts (429), or a database error.
pub async fn receipt_received(
    state: &AppState,
    client: Client,
    receipt: &str,
) -> Result<Option<String>, ApiError> {
    let attempt = async { Ok::<_, ApiError>(state.store.receipt_received(receipt).await?) };
    within_limits(
        state,
        client,
        Surface::Receipts,
        attempt,
        |result| match result {
            Ok(None) => Miss::WellFormed,
            _ => Miss::No,
        },
    )
    .await
}

/// The household of a typed code, without any limit: only through
/// [`household_for_code`].
async fn lookup(state: &AppState, typed: &str) -> Result<Household, ApiError> {
    let code = HouseholdCode::parse(typed).map_err(ApiError::CodeMalformed)?;
    match state.store.lookup_code(&state.code_key.hash(&code)).await? {
        CodeLookupResult::Household(household) => Ok(*household),
        CodeLookupResult::Voided => Err(ApiError::VoidedCode),
        CodeLookupResult::Unknown => Err(ApiError::UnknownCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let resident: IpAddr = "203.0.113.5".parse().unwrap();
        let spoofed = headers("198.51.100.1, 203.0.113.5");
        // From the proxy: the right-most address the proxy appended.
        assert_eq!(
            Client::of(Some(proxy), &spoofed, &[proxy]),
            Client(Some(resident))
        );
        // From anyone else the header is the client's own words: ignored.
        assert_eq!(
            Client::of(Some(resident), &headers("198.51.100.1"), &[proxy]),
            Client(Some(resident))
        );
        // A proxy that forwards nothing usable is the client itself.
        assert_eq!(
            Client::of(Some(proxy), &headers("garbage"), &[proxy]),
            Client(Some(proxy))
        );
        assert_eq!(Client::of(None, &spoofed, &[proxy]), Client(None));
    }

    #[test]
    fn an_ipv6_client_is_its_64_and_a_mapped_ipv4_its_address() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let of = |forwarded: &str| Client::of(Some(proxy), &headers(forwarded), &[proxy]);
        let network = Client(Some("2001:db8:1:2::".parse().unwrap()));
        assert_eq!(of("2001:db8:1:2::1"), network);
        assert_eq!(of("2001:db8:1:2:ffff:ffff:ffff:ffff"), network);
        assert_ne!(of("2001:db8:1:3::1"), network);
        assert_eq!(
            of("::ffff:203.0.113.5"),
            Client(Some("203.0.113.5".parse().unwrap()))
        );
    }

    #[test]
    fn a_reservation_counts_at_once_and_can_be_given_back() {
        let limiter = AttemptLimiter::default();
        let window = Duration::from_secs(60);
        let client = Client(Some("127.0.0.9".parse().unwrap()));
        for _ in 0..3 {
            assert!(limiter.reserve(client, Surface::Pages, 3, window).is_ok());
        }
        assert!(limiter.reserve(client, Surface::Pages, 3, window).is_err());
        limiter.refund(client, Surface::Pages);
        assert!(limiter.reserve(client, Surface::Pages, 3, window).is_ok());
        assert!(limiter.allowed(client, Surface::Pages, 3, window).is_err());
    }

    #[test]
    fn limits_wrong_codes_per_client_and_surface() {
        let limiter = AttemptLimiter::default();
        let window = Duration::from_secs(60);
        let client = Client(Some("127.0.0.7".parse().unwrap()));
        for _ in 0..3 {
            assert!(limiter.allowed(client, Surface::Pages, 3, window).is_ok());
            limiter.wrong(client, Surface::Pages, window);
        }
        let wait = limiter
            .allowed(client, Surface::Pages, 3, window)
            .unwrap_err();
        assert!(wait <= window && wait > Duration::from_secs(50));
        assert!(limiter.allowed(client, Surface::Api, 3, window).is_ok());
        let other = Client(Some("127.0.0.8".parse().unwrap()));
        assert!(limiter.allowed(other, Surface::Pages, 3, window).is_ok());
    }

    #[test]
    fn minutes_and_waits() {
        let at: DateTime<Utc> = "2027-01-20T12:34:56Z".parse().unwrap();
        assert_eq!(minute(at), "2027-01-20T12:34");
        assert_eq!(until_next_minute(at), 4);
    }
}
