//! The service's limits, each with a safe default: how long a session lasts,
//! how many wrong codes a client and the whole service may try, and how the
//! server treats slow clients. docs/security.md explains the figures.

use std::net::IpAddr;
use std::time::Duration;

use crate::public_url::PublicUrl;

/// Everything an operator may tune; `ServiceConfig::default()` is what `pwe
/// serve` runs with unless told otherwise.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// The address residents use (`--public-url`). When it starts with
    /// `https://`, cookies are `Secure` and every answer carries HSTS.
    pub public_url: Option<PublicUrl>,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// (`--trusted-proxy`); from any other peer the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after the code was entered, however active.
    pub session_max: Duration,
    /// Wrong codes one client may type on the pages within `wrong_code_window`.
    pub wrong_codes_pages: u32,
    /// Wrong codes one client may send to the JSON API within `wrong_code_window`.
    pub wrong_codes_api: u32,
    /// The window of the per-client limits.
    pub wrong_code_window: Duration,
    /// Wrong (well-formed) codes the whole service accepts per minute, from
    /// all clients and instances together: the bound on a distributed guesser.
    pub wrong_codes_per_minute: u32,
    /// A client must send a request's headers within this time, and an idle
    /// kept-alive connection is closed after it.
    pub header_timeout: Duration,
    /// A request, its body included, must be answered within this time (408).
    pub request_timeout: Duration,
    /// The largest request body; larger ones are refused (413) before reading.
    pub body_limit: usize,
    /// Open connections at most; further clients wait to be accepted.
    pub max_connections: usize,
    /// Open connections at most from one client (an IPv4 address or an
    /// IPv6 /64; trusted proxies are not limited), so that one client
    /// cannot take every connection; further ones are closed at once.
    pub max_connections_per_client: usize,
}

impl Default for ServiceConfig {
    fn default() -> ServiceConfig {
        ServiceConfig {
            public_url: None,
            trusted_proxies: Vec::new(),
            session_idle: Duration::from_secs(2 * 3600),
            session_max: Duration::from_secs(24 * 3600),
            wrong_codes_pages: 20,
            wrong_codes_api: 100,
            wrong_code_window: Duration::from_secs(15 * 60),
            wrong_codes_per_minute: 120,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            body_limit: 256 * 1024,
            max_connections: 1024,
            max_connections_per_client: 64,
        }
    }
}

impl ServiceConfig {
    /// Whether residents reach the service over HTTPS.
    pub fn https(&self) -> bool {
        self.public_url.as_ref().is_some_and(PublicUrl::https)
    }
}
