//! `claimcheck man [COMMAND]`: a man page (roff) generated from the
//! command-line definitions: `claimcheck(1)`, or `claimcheck-COMMAND(1)`
//! for one subcommand.

use std::io::{self, Write};

use clap::{Args, CommandFactory};

use super::{Cli, ExitStatus};

/// Arguments of `claimcheck man`.
#[derive(Args, Debug)]
pub struct ManArgs {
    /// The subcommand whose page to print (`check`, `extract`…); none for the main page.
    pub command: Option<String>,
}

/// Prints the page.
pub(super) fn run(
    args: &ManArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let main = Cli::command();
    let page = match &args.command {
        None => main,
        Some(name) => {
            let Some(sub) = main.find_subcommand(name) else {
                let names: Vec<&str> = main.get_subcommands().map(|s| s.get_name()).collect();
                writeln!(
                    err,
                    "error: no command `{name}`; the commands are {}",
                    names.join(", ")
                )?;
                return Ok(ExitStatus::Error);
            };
            // clap names are `&'static str`; one page is printed per run.
            let full: &'static str = format!("claimcheck-{}", sub.get_name()).leak();
            sub.clone().name(full).version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(ExitStatus::Ok)
}
