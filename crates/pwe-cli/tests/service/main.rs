//! The service's commands as an operator and an attacker use them: the real
//! `pwe` binary on SQLite files in temporary folders, `pwe serve` on loopback.
//! One test binary, a module per concern; the helpers are here.

mod beheer;
mod config;
mod durability;
mod erasure;
mod flow;
mod http;
mod instances;
mod letters;
mod pages;
mod published;
mod security;
mod staff;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The password of the staff accounts the tests make (strong enough).
pub const STAFF_PASSWORD: &str = "kraanvogel-plint-zeppelin-boomgaard";

/// Adds a staff account `name` with `role` and [`STAFF_PASSWORD`] to the
/// database of `dir` (`db`: the server's `--db` arguments, if any).
pub fn add_staff(dir: &Path, db: &[&str], name: &str, role: &str) {
    let mut args = vec!["staff", "add", "--name", name, "--role", role];
    args.extend(db);
    let output = pwe_with_input(dir, &args, STAFF_PASSWORD);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

/// `Authorization: Basic` of the account `name` with [`STAFF_PASSWORD`].
pub fn basic(name: &str) -> String {
    use base64::Engine;
    let credentials = format!("{name}:{STAFF_PASSWORD}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    )
}

/// [`pwe`] with `input` on its standard input.
pub fn pwe_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(args)
        .current_dir(dir)
        .env_remove("PWE_DB")
        .env_remove("PWE_CODE_SECRET")
        .env_remove("PWE_CONFIG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("running pwe");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{input}\n").as_bytes()).unwrap();
    drop(stdin);
    child.wait_with_output().expect("running pwe")
}

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `pwe` in `dir` with none of the service's settings from the environment.
pub fn pwe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pwe"))
        .args(args)
        .current_dir(dir)
        .env_remove("PWE_DB")
        .env_remove("PWE_CODE_SECRET")
        .env_remove("PWE_CONFIG")
        .output()
        .expect("running pwe")
}

/// Writes a secret file readable by its owner only, as docs/deploy.md makes it.
pub fn write_secret(path: &Path, secret: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, secret).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Bytes as text, for messages.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pwe-service-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
