//! `--config FILE`: the deployment's settings, applied as the environment
//! variables the commands' arguments read, before the arguments are parsed.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::Result;
use pwe_service::deployment::Deployment;

/// Reads the configuration named by `--config` (or `PWE_CONFIG`) and sets
/// each of its settings as its `PWE_*` variable unless the shell set it.
pub fn apply() -> Result<()> {
    let Some(path) = config_path(std::env::args_os()) else {
        return Ok(());
    };
    for (name, value) in Deployment::read(&path)?.environment() {
        if std::env::var_os(name).is_none() {
            // SAFETY: called first thing in `main`, before any thread (the
            // async runtime included) exists that could read the environment.
            unsafe { std::env::set_var(name, value) };
        }
    }
    Ok(())
}

/// The value of `--config FILE` or `--config=FILE`, else `PWE_CONFIG`. clap
/// parses the flag too (for the help and its errors), but only after the
/// variables it sets are needed.
fn config_path(args: impl Iterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--config=")) {
            return Some(PathBuf::from(value));
        }
    }
    std::env::var_os("PWE_CONFIG").map(PathBuf::from)
}
