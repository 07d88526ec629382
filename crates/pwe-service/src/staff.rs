//! Personal staff accounts: who may do what on `/beheer` and the researchers'
//! API, their passwords (argon2id hashes, weak ones refused), and the limit
//! on wrong passwords per account and per client.
//!
//! Roles: `desk` enters paper and assisted forms; `researcher` exports and
//! reads the status; `admin` may do both and reads the audit log. Codes,
//! publication and the purge are operator's commands on the server, recorded
//! in the same audit log under the shell's user.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::{Rng, RngCore};

/// What a member of staff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Enters paper forms and helps residents answer.
    Desk,
    /// Exports the answers and reads the status.
    Researcher,
    /// Everything staff can do on the service, and the audit log.
    Admin,
}

impl Role {
    /// Every role, in the order the help lists them.
    pub const ALL: [Role; 3] = [Role::Desk, Role::Researcher, Role::Admin];

    /// The role of its code, as stored and typed (`desk`, `researcher`, `admin`).
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// Its code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Desk => "desk",
            Role::Researcher => "researcher",
            Role::Admin => "admin",
        }
    }

    /// The role in the staff page's words.
    pub fn words(self, lang: pwe_core::Lang) -> String {
        pwe_core::words::words(lang).fill("beheer_role", &[("role", self.code().into())])
    }

    /// Enters paper and assisted forms.
    pub fn may_enter(self) -> bool {
        matches!(self, Role::Desk | Role::Admin)
    }

    /// Exports answers and reads the researchers' API.
    pub fn may_export(self) -> bool {
        matches!(self, Role::Researcher | Role::Admin)
    }

    /// Reads the audit log.
    pub fn may_audit(self) -> bool {
        self == Role::Admin
    }
}

/// An account's name: 2 to 40 lower-case letters, digits, `.`, `-` or `_`,
/// so that it is safe in a log line, a cookie-less header and a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountName(String);

/// Why an account could not be made or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StaffError {
    /// The name has other characters or another length.
    #[error(
        "the account name \"{0}\" must be 2 to 40 characters: lower-case letters, digits, '.', '-' or '_' (for example: anna.de-vries)"
    )]
    Name(String),
    /// The role is not one of the three.
    #[error("there is no role \"{0}\"; the roles are desk, researcher and admin")]
    Role(String),
    /// The password is guessable.
    #[error("this password is too weak: {0}")]
    Weak(String),
    /// Hashing failed (not expected with the default parameters).
    #[error("hashing the password: {0}")]
    Hash(String),
}

impl AccountName {
    /// Parses a typed name.
    ///
    /// # Errors
    /// [`StaffError::Name`] naming what was typed.
    pub fn parse(name: &str) -> Result<AccountName, StaffError> {
        let fine = (2..=40).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if fine {
            Ok(AccountName(name.to_string()))
        } else {
            Err(StaffError::Name(name.chars().take(60).collect()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for AccountName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shortest password accepted, whatever its estimated strength.
pub const MIN_PASSWORD: usize = 12;

/// The strength estimate a password needs (zxcvbn's 0–4): 4, at least 10^10
/// guesses. A staff password guards every answer of the consultation, and 3
/// (10^8) let a Dutch greeting with a year through ("Welkom2026!!").
pub const MIN_SCORE: u8 = 4;

/// Refuses a password shorter than [`MIN_PASSWORD`] or scored under
/// [`MIN_SCORE`]; `known` are words an attacker would try first (the account
/// name, the municipality, a word list of the language).
///
/// # Errors
/// [`StaffError::Weak`] with the estimator's reason.
pub fn check_strength(password: &str, known: &[&str]) -> Result<(), StaffError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(StaffError::Weak(format!(
            "it has {} characters; use at least {MIN_PASSWORD}, for example four or more unrelated words",
            password.chars().count()
        )));
    }
    let estimate = zxcvbn::zxcvbn(password, known);
    let score = u8::from(estimate.score());
    if score >= MIN_SCORE {
        return Ok(());
    }
    let mut reason = format!(
        "its estimated strength is {score} of 4 (at least {MIN_SCORE} is needed; about 10^{:.0} guesses).",
        estimate.guesses_log10()
    );
    if let Some(feedback) = estimate.feedback() {
        if let Some(warning) = feedback.warning() {
            reason.push_str(&format!(" {warning}"));
        }
        for suggestion in feedback.suggestions() {
            reason.push_str(&format!(" {suggestion}"));
        }
    }
    Err(StaffError::Weak(reason))
}

/// The words of a consultation an attacker tries first: its organiser's and
/// title's words (the municipality's name, the place), for [`check_strength`].
pub fn known_words(survey: &pwe_core::Survey) -> Vec<String> {
    let meta = survey.meta();
    [meta.organiser.nl(), meta.title.nl(), meta.id.as_str()]
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Debian's Dutch word list (package wdutch), used when installed.
pub const DUTCH_WORDS: &str = "/usr/share/dict/nederlands";

/// The words (of 3 letters or more, lower case) of a word list, one word per
/// line: `file`, else [`DUTCH_WORDS`] when installed, else none.
///
/// # Errors
/// The file cannot be read.
pub fn word_list(file: Option<&std::path::Path>) -> Result<Vec<String>, WordListError> {
    let path = match file {
        Some(file) => file,
        None if std::path::Path::new(DUTCH_WORDS).exists() => std::path::Path::new(DUTCH_WORDS),
        None => return Ok(Vec::new()),
    };
    let text = std::fs::read_to_string(path).map_err(|source| WordListError {
        path: path.display().to_string(),
        source,
    })?;
    Ok(text
        .lines()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| w.chars().count() >= 3)
        .collect())
}

/// A word list that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("reading the word list {path}: {source}")]
pub struct WordListError {
    /// The file.
    pub path: String,
    /// Why.
    pub source: std::io::Error,
}

/// A password for `pwe staff add --generate`: 20 characters from 31 that
/// cannot be confused on paper (about 99 bits), in groups of four.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..5)
        .map(|_| {
            (0..4)
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The argon2id hash of a password, as a PHC string with its own salt.
///
/// # Errors
/// [`StaffError::Hash`]; not expected with the default parameters.
pub fn hash_password(password: &str) -> Result<String, StaffError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| StaffError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StaffError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash. An unreadable hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of a password nobody has, to verify against when the account does
/// not exist: a sign-in then takes as long as with a real account, so the
/// time does not tell which names exist.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// Wrong passwords allowed per account in [`WINDOW`].
pub const PER_ACCOUNT: usize = 10;
/// Wrong passwords allowed per client in [`WINDOW`] (an office behind one
/// address may have several people signing in).
pub const PER_CLIENT: usize = 20;
/// The window of the limits on wrong passwords.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// The wrong passwords of the last [`WINDOW`] per account and per client, in
/// memory only (an address is never stored). Each instance counts its own.
#[derive(Debug, Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Client(Option<IpAddr>),
}

impl SignInLimiter {
    /// `Err(seconds)` to wait when the account or the client used up its wrong passwords.
    pub fn check(&self, account: &str, client: Option<IpAddr>) -> Result<(), u64> {
        let now = Instant::now();
        let mut failures = self.lock();
        let wait = |key: Key, limit: usize, failures: &mut HashMap<Key, VecDeque<Instant>>| {
            let times = failures.get_mut(&key)?;
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) >= WINDOW)
            {
                times.pop_front();
            }
            (times.len() >= limit).then(|| {
                let oldest = *times.front()?;
                Some((WINDOW - now.duration_since(oldest)).as_secs().max(1))
            })?
        };
        let account_wait = wait(
            Key::Account(account.to_string()),
            PER_ACCOUNT,
            &mut failures,
        );
        let client_wait = wait(Key::Client(client), PER_CLIENT, &mut failures);
        match account_wait.max(client_wait) {
            Some(seconds) => Err(seconds),
            None => Ok(()),
        }
    }

    /// Counts a wrong password for the account (when it exists) and the client.
    pub fn failed(&self, account: Option<&str>, client: Option<IpAddr>) {
        let now = Instant::now();
        let mut failures = self.lock();
        // Old entries go first, so that names an attacker makes up cannot
        // grow the map without bound.
        if failures.len() > 10_000 {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        if let Some(account) = account {
            failures
                .entry(Key::Account(account.to_string()))
                .or_default()
                .push_back(now);
        }
        failures
            .entry(Key::Client(client))
            .or_default()
            .push_back(now);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        // A panic elsewhere while holding the lock leaves counts, not a broken state.
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Why a sign-in was refused.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The account or the client used up its wrong passwords.
    #[error("too many wrong passwords; wait {retry_after} seconds")]
    TooMany {
        /// Seconds until the next try may succeed.
        retry_after: u64,
    },
    /// No such account, or another password (never said which).
    #[error("this name and password do not belong to an account of this service")]
    Wrong,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Signs `name` in with `password` from `client`: the limits first, then the
/// hash (a decoy one for a name without an account). A wrong password is
/// counted and logged with the account's name, never with an address.
///
/// # Errors
/// [`SignInError`]: too many tries, a wrong name or password, the database.
pub async fn sign_in(
    state: &crate::AppState,
    name: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<(AccountName, Role), SignInError> {
    let name = name.trim();
    state
        .sign_ins
        .check(name, client)
        .map_err(|retry_after| SignInError::TooMany { retry_after })?;
    let account = AccountName::parse(name).ok();
    let found = match &account {
        Some(account) => state.store.staff_credentials(account).await?,
        None => None,
    };
    let hash = found
        .as_ref()
        .map_or(decoy_hash(), |(_, hash)| hash.as_str());
    let matches = verify_password(hash, password);
    match (account, found) {
        (Some(account), Some((role, _))) if matches => Ok((account, role)),
        (account, found) => {
            let known = found
                .is_some()
                .then(|| account.as_ref().map(AccountName::as_str));
            state.sign_ins.failed(known.flatten(), client);
            match known.flatten() {
                Some(name) => tracing::warn!(account = name, "a wrong password"),
                None => tracing::warn!("a sign-in with a name that has no account"),
            }
            Err(SignInError::Wrong)
        }
    }
}

/// Records in the audit log that `account` did `action` (with `detail`) now.
///
/// # Errors
/// The database failed: the caller refuses what it was about to do, so that
/// nothing happens unrecorded.
pub async fn record(
    state: &crate::AppState,
    account: &str,
    action: &str,
    detail: &str,
) -> Result<(), crate::store::StoreError> {
    let entry = crate::store::AuditEntry::new(state.clock.now(), account, action, detail);
    state.store.audit(&entry).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain() {
        assert!(AccountName::parse("anna.de-vries").is_ok());
        for bad in ["a", "Anna", "anna de vries", "<b>", &"a".repeat(41)] {
            assert!(AccountName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        // Dutch words count only when a word list names them (the CLI reads
        // Debian's wdutch): these stand for it.
        let dutch = ["anna", "welkom", "wachtwoord"];
        for weak in [
            "a".repeat(32).as_str(),
            "wachtwoord123",
            "Welkom2026!!",
            "short",
        ] {
            let Err(error) = check_strength(weak, &dutch) else {
                panic!("{weak} was accepted");
            };
            let error = error.to_string();
            assert!(
                error.starts_with("this password is too weak: "),
                "{weak}: {error}"
            );
        }
        // Words the caller knows count as guessable: the account's own name.
        assert!(check_strength("anna.de-vries-anna.de-vries", &["anna.de-vries"]).is_err());
        assert!(check_strength("kraanvogel plint zeppelin boomgaard", &[]).is_ok());
    }

    #[test]
    fn generated_passwords_are_strong() {
        let password = generate_password();
        assert_eq!(password.len(), 24);
        assert!(check_strength(&password, &[]).is_ok(), "{password}");
    }

    #[test]
    fn a_hash_verifies_only_its_password() {
        let hash = hash_password("kraanvogel plint zeppelin").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "kraanvogel plint zeppelin"));
        assert!(!verify_password(&hash, "kraanvogel plint zeppeli"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn the_limiter_holds_per_account_and_per_client() {
        let limiter = SignInLimiter::default();
        let one: Option<IpAddr> = Some([10, 0, 0, 1].into());
        for _ in 0..PER_ACCOUNT {
            assert!(limiter.check("anna", one).is_ok());
            limiter.failed(Some("anna"), one);
        }
        assert!(limiter.check("anna", one).unwrap_err() > 0);
        // Another account from the same client is still allowed ...
        assert!(limiter.check("piet", one).is_ok());
        // ... until the client used up its own share.
        for _ in PER_ACCOUNT..PER_CLIENT {
            limiter.failed(None, one);
        }
        assert!(limiter.check("piet", one).is_err());
        assert!(limiter.check("piet", Some([10, 0, 0, 2].into())).is_ok());
    }
}
