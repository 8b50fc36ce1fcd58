//! `brief completions SHELL` and the hidden `brief man --out-dir DIR` (used by `cargo xtask man`):
//! both generated from the one clap definition of the command line.

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::args::Cli;
use crate::exit::{Failure, Status};

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Where to write `brief.1` and one page per subcommand.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: PathBuf,
}

pub(crate) fn completions(args: &CompletionsArgs) -> Result<Status, Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "brief", &mut out);
    crate::output::write_atomic(std::path::Path::new("-"), &out)?;
    Ok(Status::Ok)
}

pub(crate) fn man(args: &ManArgs) -> Result<Status, Failure> {
    let command = Cli::command();
    let render = |cmd: &clap::Command| -> Result<Vec<u8>, Failure> {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd.clone())
            .render(&mut out)
            .map_err(|err| Failure::output(format!("cannot render the man page: {err}")))?;
        Ok(out)
    };
    crate::output::write_atomic(&args.out_dir.join("brief.1"), &render(&command)?)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("brief-{}", sub.get_name());
        let page = sub.clone().name(name.clone());
        crate::output::write_atomic(&args.out_dir.join(format!("{name}.1")), &render(&page)?)?;
    }
    Ok(Status::Ok)
}
