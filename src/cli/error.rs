//! The command line's one error type: why a command failed and the exit code
//! that gives. Commands return it; `run` in `mod.rs` prints it, once, as
//! `error: ...`.

use std::fmt;
use std::io;
use std::path::Path;

use bedside_records::store::{AccessError, StoreError};

use super::USAGE;

/// What a command returns: `Ok` exits 0.
pub type CliResult<T = ()> = Result<T, CliError>;

/// Why a command failed. The messages never hold a secret (a passphrase, the
/// LRS password): they are printed as they are.
#[derive(Debug)]
pub enum CliError {
    /// The command was given wrongly (a missing file, a bad option): exit 2, as
    /// for clap's own usage errors.
    Usage(String),
    /// The command could not do its work: exit 1.
    Failed(String),
    /// Exit 1 with nothing more to print: the command's own output has said
    /// why (validate's diagnostics, simulate's skipped files, a play stopped
    /// before its end, a push the LRS did not take).
    Reported,
}

impl CliError {
    /// Bad usage: exit 2.
    pub fn usage(message: impl fmt::Display) -> Self {
        Self::Usage(message.to_string())
    }

    /// A failure: exit 1.
    pub fn failed(message: impl fmt::Display) -> Self {
        Self::Failed(message.to_string())
    }

    /// A file or folder that could not be read, written or made, named:
    /// `.map_err(CliError::file("cannot write", &path))` gives
    /// `cannot write out.csv: Permission denied (os error 13)`.
    pub fn file<'a>(doing: &'a str, path: &'a Path) -> impl FnOnce(io::Error) -> Self + 'a {
        move |e| Self::failed(format!("{doing} {}: {e}", path.display()))
    }

    /// The process's exit code.
    pub fn code(&self) -> u8 {
        match self {
            Self::Usage(_) => USAGE,
            Self::Failed(_) | Self::Reported => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(message) | Self::Failed(message) => f.write_str(message),
            Self::Reported => f.write_str("the command failed; see the messages above"),
        }
    }
}

impl std::error::Error for CliError {}

/// The records could not be opened, read or written. The message names the file.
impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        Self::failed(e)
    }
}

/// The educator passphrase was refused (the message never quotes it).
impl From<AccessError> for CliError {
    fn from(e: AccessError) -> Self {
        Self::failed(e)
    }
}
