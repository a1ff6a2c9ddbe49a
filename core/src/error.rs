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
    /// The input is not what its format requires: invalid UTF-8, a malformed or truncated export.
    MalformedInput,
}

/// An error with a message meant for the user, as the CLI prints it and the npm package throws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    /// Where in the input (in bytes) the problem is, when it is about a place in the input.
    offset: Option<u64>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            offset: None,
        }
    }

    /// An error at a byte offset of the input, which the message then names.
    pub(crate) fn with_offset(kind: ErrorKind, message: impl Into<String>, offset: u64) -> Self {
        Error {
            kind,
            message: message.into(),
            offset: Some(offset),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The same error with its offset moved on by `by` bytes.
    pub(crate) fn shifted(mut self, by: u64) -> Self {
        self.offset = self.offset.map(|offset| offset + by);
        self
    }

    /// The byte offset in the input where the problem is, when the error is about one place.
    pub fn offset(&self) -> Option<u64> {
        self.offset
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        match self.offset {
            Some(offset) => write!(f, " at byte offset {offset}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Error {}
