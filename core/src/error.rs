//! The one error type of the core: invalid options and inputs that cannot be analysed.
//!
//! Analysing text never fails (SPEC §7: any text gives a report); what fails is an option that
//! makes no sense, or an input whose format the core cannot read.

use std::fmt;

/// What kind of error happened. More kinds may come; match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An option has a value the core does not accept (`--top x`, an unknown format id).
    InvalidOption,
    /// The input is in a format this build cannot read yet.
    UnsupportedFormat,
}

/// An error with a message meant for the user, as the CLI prints it and the npm package throws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
