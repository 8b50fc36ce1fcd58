//! Exit codes and the one-line errors every command prints.
//!
//! 0: success (warnings allowed). 1: the input has error-level findings, or an output could not
//! be produced. 2: usage, configuration or I/O error.

use std::process::ExitCode;

/// The outcome of a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Success.
    Ok = 0,
    /// Error-level findings, or an output that could not be produced.
    Findings = 1,
    /// Usage, configuration or I/O error.
    Error = 2,
}

impl Status {
    pub(crate) fn code(self) -> ExitCode {
        ExitCode::from(self as u8)
    }
}

/// A failure that stops one input (or the command), with its message.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub(crate) status: Status,
    pub(crate) message: String,
}

impl Failure {
    /// An I/O error (exit 2).
    pub(crate) fn io(message: String) -> Failure {
        Failure {
            status: Status::Error,
            message,
        }
    }

    /// A configuration error (exit 2).
    pub(crate) fn config(message: String) -> Failure {
        Failure {
            status: Status::Error,
            message,
        }
    }

    /// A usage error (exit 2).
    pub(crate) fn usage(message: String) -> Failure {
        Failure {
            status: Status::Error,
            message,
        }
    }

    /// An output that could not be produced (exit 1).
    pub(crate) fn output(message: String) -> Failure {
        Failure {
            status: Status::Findings,
            message,
        }
    }

    /// Prints the failure as `error: message`.
    pub(crate) fn print(&self) {
        eprintln!("error: {}", self.message);
    }
}
