//! The service's public address: where every link, QR code and redirect
//! points. A letter printed with a wrong one sends thousands of residents
//! elsewhere, so only a plain https address is accepted.

use std::fmt;

/// The longest address accepted: a QR code and a typed link stay short.
pub const MAX_LENGTH: usize = 200;

/// A checked public address: `https://host[:port][/path]`, or `http://` on
/// a loopback address for trying pwe out; no user, query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

/// Why an address cannot be the public address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the public URL {url:?} {reason}; give the https address residents type, such as https://raadpleging.example.nl (it goes into every link and QR code)"
)]
pub struct PublicUrlError {
    /// The address as given (cut at [`MAX_LENGTH`] characters).
    pub url: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl PublicUrl {
    /// Parses an address; a trailing `/` is dropped.
    ///
    /// # Errors
    /// [`PublicUrlError`], saying what is wrong.
    pub fn parse(url: &str) -> Result<PublicUrl, PublicUrlError> {
        let refuse = |reason| PublicUrlError {
            url: url.chars().take(MAX_LENGTH).collect(),
            reason,
        };
        let typed = url.trim();
        if typed.len() > MAX_LENGTH {
            return Err(refuse("is longer than 200 characters"));
        }
        let (https, rest) = if let Some(rest) = typed.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = typed.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(refuse("does not start with https://"));
        };
        let rest = rest.trim_end_matches('/');
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(refuse(
                "has a user name before its host (an old trick to hide where a link leads)",
            ));
        }
        if path.contains(['?', '#']) || authority.contains(['?', '#']) {
            return Err(refuse("has a query (?) or fragment (#)"));
        }
        let host = host_of(authority).ok_or_else(|| refuse("has no valid host name"))?;
        if !path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c))
        {
            return Err(refuse(
                "has characters in its path that a link cannot carry as typed",
            ));
        }
        if !https && !is_loopback(host) {
            return Err(refuse(
                "is plain http: residents' codes would cross the network unencrypted (http is accepted only for 127.0.0.1, ::1 or localhost, to try pwe out)",
            ));
        }
        let scheme = if https { "https://" } else { "http://" };
        Ok(PublicUrl(format!("{scheme}{rest}")))
    }

    /// Whether residents reach the service over HTTPS.
    pub fn https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The address as text, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The personal link of a code, as letters print it.
    pub fn link(&self, code: &pwe_core::code::HouseholdCode) -> String {
        format!("{}/s/{}", self.0, code.grouped())
    }

    /// The address without its scheme, for typing in.
    pub fn bare(&self) -> &str {
        self.0.split_once("://").map_or(&self.0, |(_, rest)| rest)
    }
}

impl fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host of `host[:port]` (an IPv6 address in brackets), if it is a
/// plausible one.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (host, after) = rest.split_once(']')?;
            host.parse::<std::net::Ipv6Addr>().ok()?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if let Some(port) = port {
        port.parse::<u16>().ok().filter(|p| *p > 0)?;
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    (authority.starts_with('[') || host.split('.').all(label_ok)).then_some(host)
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_https_addresses_are_accepted() {
        for url in [
            "https://raadpleging.leidschendam-voorburg.nl/",
            "https://pwe.example.nl:8443/mall",
            "http://127.0.0.1:8080",
            "http://localhost:8080",
            "http://[::1]:8080",
        ] {
            assert!(PublicUrl::parse(url).is_ok(), "{url}");
        }
        assert_eq!(
            PublicUrl::parse("https://pwe.example.nl/")
                .unwrap()
                .as_str(),
            "https://pwe.example.nl"
        );
    }

    #[test]
    fn each_wrong_address_is_refused_with_its_reason() {
        for (url, reason) in [
            ("http://pwe.example.nl", "plain http"),
            ("https://x@evil.example", "user name"),
            ("https://pwe.example.nl/phish?x=", "query"),
            ("https://pwe.example.nl/#a", "query (?) or fragment"),
            ("ftp://pwe.example.nl", "does not start with https://"),
            ("https://", "no valid host"),
            ("https://pwe example.nl", "no valid host"),
            ("https://pwe.example.nl:99999", "no valid host"),
            ("https://pwe.example.nl/a b", "path"),
        ] {
            let error = PublicUrl::parse(url).unwrap_err().to_string();
            assert!(error.contains(reason), "{url}: {error}");
        }
        let long = format!("https://pwe.example.nl/{}", "a".repeat(3000));
        let error = PublicUrl::parse(&long).unwrap_err();
        assert!(error.to_string().contains("longer than 200"));
        assert!(error.url.len() <= MAX_LENGTH);
    }
}
