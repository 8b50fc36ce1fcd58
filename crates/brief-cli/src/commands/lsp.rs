//! `brief lsp`: the language server for editors, over standard input and output.
//!
//! Everything about the protocol lives in `brief-lsp`; this command passes it `--config` and the
//! version, and maps how the session ended to an exit code.

use clap::Args;

use crate::args::GlobalArgs;
use crate::exit::{Failure, Status};

/// Run the language server for editors (LSP over standard input and output).
#[derive(Debug, Args)]
pub(crate) struct LspArgs {
    /// Accepted for editors that pass it; the server always uses standard input and output.
    #[arg(long)]
    pub(crate) stdio: bool,
}

pub(crate) fn run(args: &LspArgs, global: &GlobalArgs) -> Result<Status, Failure> {
    let _ = args.stdio;
    let options = brief_lsp::Options::new()
        .with_config(global.config.clone())
        .with_version(env!("CARGO_PKG_VERSION"));
    match brief_lsp::run_stdio(&options) {
        Ok(()) => Ok(Status::Ok),
        // The protocol asks for exit code 1 when `exit` comes without `shutdown`.
        Err(err @ brief_lsp::Error::NoShutdown) => Err(Failure {
            status: Status::Findings,
            message: err.to_string(),
        }),
        Err(err) => Err(Failure::io(err.to_string())),
    }
}
