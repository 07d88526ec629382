//! Invitation codes: generation, keyed hashing, and the secret behind it.
//!
//! Plain codes exist only in the codes file written for printing the letters;
//! the database keeps HMAC-SHA256(secret, code). Without the secret a stolen
//! database does not let anyone test codes.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use hmac::{Hmac, Mac};
use pwe_core::code::HouseholdCode;
use rand::Rng;
use sha2::Sha256;

use crate::store::{NewHousehold, Store, StoreError};

/// The secret key of the code hashes. It never prints.
#[derive(Clone)]
pub struct CodeKey(Vec<u8>);

impl fmt::Debug for CodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CodeKey(***)")
    }
}

/// The shortest secret accepted.
pub const MIN_SECRET_LENGTH: usize = 32;

/// Why a code secret cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// The secret is too short to resist guessing.
    #[error("the code secret must be at least {MIN_SECRET_LENGTH} characters")]
    TooShort,
    /// Every user of the machine may read the secret file.
    #[error(
        "the code secret file {path} is readable by every user of the machine (mode {mode:o}); make it readable by the service only: chmod o-rwx {path}"
    )]
    Readable {
        /// The file.
        path: String,
        /// Its permission bits.
        mode: u32,
    },
    /// The secret file could not be read or written.
    #[error("the code secret file {path}: {source}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl CodeKey {
    /// A key from a secret of at least [`MIN_SECRET_LENGTH`] characters.
    ///
    /// # Errors
    /// [`SecretError::TooShort`].
    pub fn new(secret: &str) -> Result<CodeKey, SecretError> {
        if secret.trim().len() < MIN_SECRET_LENGTH {
            return Err(SecretError::TooShort);
        }
        Ok(CodeKey(secret.trim().as_bytes().to_vec()))
    }

    /// Reads the secret from `path`, or creates the file with a new random
    /// secret (readable by its owner only) when it does not exist.
    ///
    /// # Errors
    /// The file cannot be read or written, or holds too short a secret.
    pub fn load_or_create(path: &Path) -> Result<(CodeKey, bool), SecretError> {
        let file_error = |source| SecretError::File {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read_to_string(path) {
            Ok(secret) => Ok((CodeKey::new(&secret)?, false)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let secret: String = (0..48)
                    .map(|_| char::from(b'a' + rand::rng().random_range(0..26u8)))
                    .collect();
                write_private(path, &secret).map_err(file_error)?;
                Ok((CodeKey::new(&secret)?, true))
            }
            Err(error) => Err(file_error(error)),
        }
    }

    /// The keyed hash of a code, as stored.
    pub fn hash(&self, code: &HouseholdCode) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(code.as_str().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A MAC of `message` for `purpose` (such as the login form's CSRF
    /// token), so that the server recognises what it issued itself, and every
    /// instance sharing the secret does too. The NUL keeps it apart from
    /// code hashes: a code never contains one.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(message.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Tells keys apart without revealing them: a MAC of a fixed text,
    /// shortened (two keys share one by chance once in 2^64).
    pub fn fingerprint(&self) -> String {
        self.sign("code-key-fingerprint", "pwe")[..16].to_string()
    }

    /// Reads the secret from `path`.
    ///
    /// # Errors
    /// The file cannot be read, or holds too short a secret.
    pub fn load(path: &Path) -> Result<CodeKey, SecretError> {
        let file_error = |source| SecretError::File {
            path: path.display().to_string(),
            source,
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(file_error)?
                .permissions()
                .mode()
                & 0o777;
            if mode & 0o007 != 0 {
                return Err(SecretError::Readable {
                    path: path.display().to_string(),
                    mode,
                });
            }
        }
        let secret = std::fs::read_to_string(path).map_err(file_error)?;
        CodeKey::new(&secret)
    }
}

fn write_private(path: &Path, secret: &str) -> std::io::Result<()> {
    use std::io::Write;
    crate::files::create_private(path)?.write_all(secret.as_bytes())
}

/// A code made for one household, for the letters.
#[derive(Debug, Clone)]
pub struct GeneratedCode {
    /// The household's reference, printed beside the code.
    pub household_ref: String,
    /// Its buurt.
    pub buurt: String,
    /// The code.
    pub code: HouseholdCode,
    /// The version drawn for it, if any (see [`generate`]).
    pub version: Option<String>,
}

/// A fresh random code (from the operating system's generator, not a seed:
/// codes must not be predictable).
pub fn random_code() -> HouseholdCode {
    HouseholdCode::from_random(rand::rng().random::<u64>())
}

/// Makes codes for `households` (buurt, number of households), stores their
/// hashes as batch `batch_id`, and returns them for the letters. With
/// `design`, each household's version is drawn now, by the design's shares,
/// so that its letter and paper form carry its prices; without, at first use
/// (a simulation brings its own).
///
/// # Errors
/// A batch id that exists already, or a database error.
pub async fn generate(
    store: &Store,
    key: &CodeKey,
    batch_id: &str,
    is_test: bool,
    households: &[(String, u32)],
    design: Option<&pwe_core::Survey>,
    now: &str,
) -> Result<Vec<GeneratedCode>, StoreError> {
    let mut seen = HashSet::new();
    let mut generated = Vec::new();
    let mut rng = rand::rng();
    for (buurt, count) in households {
        for _ in 0..*count {
            let code = loop {
                let code = random_code();
                if seen.insert(code.as_str().to_string()) {
                    break code;
                }
            };
            generated.push(GeneratedCode {
                household_ref: format!("{batch_id}-{:05}", generated.len() + 1),
                buurt: buurt.clone(),
                code,
                version: design.map(|s| s.version_for_draw(rng.random()).id.clone()),
            });
        }
    }
    let rows: Vec<NewHousehold> = generated
        .iter()
        .map(|g| NewHousehold {
            household_ref: g.household_ref.clone(),
            code_hash: key.hash(&g.code),
            buurt: g.buurt.clone(),
            version: g.version.clone(),
        })
        .collect();
    store.insert_batch(batch_id, is_test, now, &rows).await?;
    Ok(generated)
}

/// The codes file: `household_ref,buurt,code,batch,test,version` — the only
/// place plain codes exist (the version is empty when it is drawn at first use).
pub fn codes_csv(batch_id: &str, is_test: bool, codes: &[GeneratedCode]) -> String {
    let mut out = String::from("household_ref,buurt,code,batch,test,version\n");
    for code in codes {
        out.push_str(&format!(
            "{},{},{},{batch_id},{is_test},{}\n",
            code.household_ref,
            code.buurt,
            code.code.grouped(),
            code.version.as_deref().unwrap_or_default()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_keyed_and_stable() {
        let code = HouseholdCode::from_random(99);
        let a = CodeKey::new(&"a".repeat(32)).unwrap();
        let b = CodeKey::new(&"b".repeat(32)).unwrap();
        assert_eq!(a.hash(&code), a.hash(&code));
        assert_ne!(a.hash(&code), b.hash(&code));
        assert_eq!(a.hash(&code).len(), 64);
        assert_eq!(format!("{a:?}"), "CodeKey(***)");
        assert!(matches!(CodeKey::new("short"), Err(SecretError::TooShort)));
    }
}
