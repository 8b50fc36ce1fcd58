//! The language server for briefs: `brief lsp`.
//!
//! Editors start `brief lsp` and talk to it over standard input and output with the Language
//! Server Protocol. For every open brief the server runs the same pipeline as `brief check`
//! (`brief_model::parse`, `brief_model::resolve` with a [`brief_model::ProjectFs`] loader, then
//! `brief_lint::check` with the settings of the nearest `brief.toml`) and publishes the
//! diagnostics. From the same analysis it answers hovers, completion, go to definition, find
//! references, code actions and the document outline.
//!
//! Architecture invariants:
//! - Only this crate knows about LSP and JSON-RPC. The model and the linter know nothing of it;
//!   everything here is an adapter over `Document`, `Diagnostic` and the schema.
//! - Positions cross the boundary in one place, `position.rs`: the model counts bytes, the client
//!   counts UTF-8 or UTF-16 code units, as negotiated in `initialize`.
//! - Nothing the client sends can make the server panic: unknown documents, positions past the
//!   end and malformed messages get an empty answer or an error response.
//! - The server never writes to standard output except through the transport.
//!
//! The requests are answered one at a time on one thread. Consecutive `didChange` notifications
//! are coalesced: a document is linted again only when no message is waiting, or when a request
//! needs its current state.

#![warn(missing_docs)]
#![deny(clippy::print_stdout)]

mod actions;
mod analysis;
mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod position;
mod server;
mod symbols;
mod transport;
mod uri;
mod yaml_path;

use std::fmt;
use std::path::PathBuf;

/// How the server is configured from the command line.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Options {
    /// A `brief.toml` to use for every brief, instead of the one found by walking up from each.
    pub config: Option<PathBuf>,
    /// The version reported to the client in `serverInfo`.
    pub version: Option<String>,
}

impl Options {
    /// Options with every field at its default.
    pub fn new() -> Options {
        Options::default()
    }

    /// Uses this `brief.toml` for every brief.
    #[must_use]
    pub fn with_config(mut self, config: Option<PathBuf>) -> Options {
        self.config = config;
        self
    }

    /// Reports this version in `serverInfo`.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> Options {
        self.version = Some(version.into());
        self
    }
}

/// Why the server stopped abnormally.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client sent `exit` without a `shutdown` request first, or closed the connection
    /// without `exit`.
    NoShutdown,
    /// Reading from standard input or writing to standard output failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoShutdown => {
                f.write_str("the client ended the session without a `shutdown` request")
            }
            Error::Io(err) => write!(f, "language server I/O failed: {err}"),
        }
    }
}

impl std::error::Error for Error {}

/// Runs the language server over standard input and output until the client sends `exit`.
///
/// Returns `Ok` after `shutdown` and `exit`; an `exit` without `shutdown`, or a closed input,
/// is [`Error::NoShutdown`] (the protocol asks for exit code 1 then).
pub fn run_stdio(options: &Options) -> Result<(), Error> {
    let (connection, io) = transport::stdio();
    let result = server::run(&connection, options);
    // Dropping the connection closes the writer's channel, so the writer thread flushes what is
    // left (the `shutdown` response) and ends.
    drop(connection);
    let io_result = io.join();
    result?;
    io_result.map_err(Error::Io)
}
