//! `claimcheck completions SHELL`: a completion script for a shell,
//! generated from the command-line definitions.

use std::io::{self, Write};

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, ExitStatus};

/// Arguments of `claimcheck completions`.
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script.
pub(super) fn run(args: &CompletionsArgs, out: &mut dyn Write) -> io::Result<ExitStatus> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "claimcheck", out);
    Ok(ExitStatus::Ok)
}
