//! Files that hold codes, secrets or answers: readable by their owner only.

use std::fs::File;
use std::path::Path;

/// Creates `path`, which must not exist yet, with mode 0600 (on Unix).
///
/// # Errors
/// The file exists or cannot be created.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes `contents` to `path`, replacing what was there, readable by its owner only.
///
/// # Errors
/// The file cannot be written.
pub fn write_private(path: &Path, contents: impl AsRef<[u8]>) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    create_private(path)?.write_all(contents.as_ref())
}
