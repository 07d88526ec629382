//! The deployment's configuration: one file that `pwe serve` and every
//! operator's command read (`pwe --config /etc/pwe/<instance>.toml …`), so
//! that an operator's shell uses the database and code key the service
//! uses. It holds where things are, never a secret itself: secrets are
//! named by their files. The consultation's own files (the survey and what
//! it declares) are named here only by the survey's path.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings of one deployment, as written in its file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// The database (`sqlite://FILE` or `postgres://…`).
    db: Option<String>,
    /// A file holding the code secret.
    code_secret_file: Option<PathBuf>,
    /// The address residents type (https).
    public_url: Option<String>,
    /// The survey file served.
    survey: Option<PathBuf>,
    /// The population file (CBS layout).
    population: Option<PathBuf>,
    /// The address `pwe serve` listens on.
    addr: Option<String>,
    /// The reverse proxies whose X-Forwarded-For counts.
    trusted_proxies: Option<Vec<String>>,
    /// Refused with a reason: a secret is never written in the file.
    code_secret: Option<toml::Value>,
}

/// Why a configuration file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeploymentError {
    /// The file cannot be read.
    #[error("reading the configuration {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file is not valid TOML, or has a key pwe does not know.
    #[error("the configuration {path}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The TOML parser's words, with the line.
        message: String,
    },
    /// A secret written in the file itself.
    #[error(
        "the configuration {path}: {key}: a secret is not written in the configuration (anyone who may read it would have it); put it in a file readable by the pwe user only and name that file with {key}_file"
    )]
    SecretInFile {
        /// The file.
        path: String,
        /// `code_secret`.
        key: &'static str,
    },
    /// The public URL is not an address letters may carry.
    #[error("the configuration {path}: public_url: {source}")]
    PublicUrl {
        /// The file.
        path: String,
        /// What is wrong with it.
        source: crate::public_url::PublicUrlError,
    },
}

impl Deployment {
    /// Reads the configuration at `path`. Relative paths in it are taken
    /// from the file's folder, so the file means the same from every shell.
    ///
    /// # Errors
    /// [`DeploymentError`], naming the file and the line.
    pub fn read(path: &Path) -> Result<Deployment, DeploymentError> {
        let text = std::fs::read_to_string(path).map_err(|source| DeploymentError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Deployment::parse(&text, path)
    }

    /// Parses the text of the configuration at `path`.
    ///
    /// # Errors
    /// [`DeploymentError`].
    pub fn parse(text: &str, path: &Path) -> Result<Deployment, DeploymentError> {
        let shown = path.display().to_string();
        let mut deployment: Deployment =
            toml::from_str(text).map_err(|error| DeploymentError::Syntax {
                path: shown.clone(),
                message: error.to_string().trim().to_string(),
            })?;
        if deployment.code_secret.is_some() {
            return Err(DeploymentError::SecretInFile {
                path: shown,
                key: "code_secret",
            });
        }
        // Refused when the file is read, by every command, not only by the
        // ones that print a link.
        if let Some(url) = &deployment.public_url {
            crate::public_url::PublicUrl::parse(url).map_err(|source| {
                DeploymentError::PublicUrl {
                    path: shown.clone(),
                    source,
                }
            })?;
        }
        // The file's own folder, whole, so that the paths it names (and the
        // messages that show them) mean the same from every shell.
        let folder = std::fs::canonicalize(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).to_path_buf());
        for file in [
            &mut deployment.code_secret_file,
            &mut deployment.survey,
            &mut deployment.population,
        ]
        .into_iter()
        .flatten()
        {
            if file.is_relative() {
                *file = folder.join(&*file);
            }
        }
        Ok(deployment)
    }

    /// The settings as the environment variables the commands read, so
    /// that a flag or a variable set in the shell still wins over the file.
    pub fn environment(&self) -> Vec<(&'static str, String)> {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        [
            ("PWE_DB", self.db.clone()),
            ("PWE_CODE_SECRET_FILE", path(&self.code_secret_file)),
            ("PWE_PUBLIC_URL", self.public_url.clone()),
            ("PWE_SURVEY", path(&self.survey)),
            ("PWE_POPULATION", path(&self.population)),
            ("PWE_ADDR", self.addr.clone()),
            (
                "PWE_TRUSTED_PROXIES",
                self.trusted_proxies.as_ref().map(|p| p.join(",")),
            ),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name, value)))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_taken_from_the_files_folder() {
        let text = "db = \"sqlite:///var/lib/pwe/pwe.sqlite\"\ncode_secret_file = \"mall.secret\"\nsurvey = \"/etc/pwe/mall.toml\"\ntrusted_proxies = [\"127.0.0.1\", \"::1\"]\n";
        let deployment = Deployment::parse(text, Path::new("/etc/pwe/mall.toml")).unwrap();
        let env = deployment.environment();
        assert!(env.contains(&("PWE_CODE_SECRET_FILE", "/etc/pwe/mall.secret".into())));
        assert!(env.contains(&("PWE_SURVEY", "/etc/pwe/mall.toml".into())));
        assert!(env.contains(&("PWE_TRUSTED_PROXIES", "127.0.0.1,::1".into())));
        assert!(!env.iter().any(|(name, _)| *name == "PWE_PUBLIC_URL"));
    }

    #[test]
    fn a_secret_in_the_file_is_refused_by_name() {
        let error = Deployment::parse("code_secret = \"abc\"\n", Path::new("pwe.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("code_secret: a secret is not written"),
            "{error}"
        );
        assert!(error.contains("code_secret_file"), "{error}");
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let error = Deployment::parse(
            "db = \"sqlite://x\"\npublic_ulr = \"https://x\"\n",
            Path::new("pwe.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("public_ulr"), "{error}");
        assert!(error.contains("line 2"), "{error}");
    }
}
