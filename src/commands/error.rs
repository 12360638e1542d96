//! The binary's errors: the library's, and the few only the command line
//! has (a demonstration's own failures, a `FONDO_NOW` that is not a moment).
//! `main` prints one once, as `fondo: <message>`, followed by the hint the
//! command line adds to it (see [`crate::commands::hints`]).

use std::io;

/// An error of one run of the binary.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] fondo::error::Error),

    #[error(transparent)]
    Demo(#[from] crate::commands::demo::DemoError),

    /// What the command line itself refuses: its own flags, prompts and
    /// output paths, worded with the flags they concern. The library's
    /// refusals are typed and name no flag; only this layer may.
    #[error("{0}")]
    Refused(String),

    #[error("FONDO_NOW={value:?} is not a moment: {reason}")]
    Clock { value: String, reason: String },
}

/// A grant label given on the command line that is not one.
impl From<fondo::domain::ids::NotAGrant> for CommandError {
    fn from(label: fondo::domain::ids::NotAGrant) -> CommandError {
        CommandError::Core(label.into())
    }
}

impl From<io::Error> for CommandError {
    fn from(e: io::Error) -> CommandError {
        CommandError::Core(fondo::error::Error::Output(e))
    }
}

impl CommandError {
    /// Exit code for this error: always 2 (bad input, usage, I/O).
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// True when the error is only that the reader of our output went away.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Core(e) if e.is_broken_pipe())
    }
}
