//! The command line: argument definitions and dispatch to the commands,
//! one file per subcommand. Exit statuses mean one thing each: 0 all claims
//! ok, 1 some claim is not ok, 2 the run itself could not be done.

mod audit;
mod check;
mod completions;
mod explain;
mod extract;
mod init;
mod man;
mod snapshot;
mod trace;

use std::io::{self, Write};

use clap::{Parser, Subcommand, ValueEnum};

pub use audit::AuditArgs;
pub use check::CheckArgs;
pub use completions::CompletionsArgs;
pub use explain::ExplainArgs;
pub use extract::ExtractArgs;
pub use init::InitArgs;
pub use man::ManArgs;
pub use trace::{RootArgs, TraceArgs, TraceFormat};

/// Verify the numbers in an article draft against its source documents.
#[derive(Parser, Debug)]
#[command(name = "claimcheck", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check claims files against their sources.
    Check(CheckArgs),
    /// Print every number the reader finds in a document.
    Extract(ExtractArgs),
    /// Print the JSON Schema of the claims file.
    Schema,
    /// Explain a diagnostic code (CC001…), or list them all.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff), of claimcheck or of one command.
    Man(ManArgs),
    /// Find where a value can come from in some sources.
    Trace(TraceArgs),
    /// Write a claims file for a draft: one claim per figure, traced.
    Init(InitArgs),
    /// Show every figure of a draft with its best support (init and check, no file).
    Audit(AuditArgs),
}

/// When to colour output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything checked is ok.
    Ok = 0,
    /// Some claim is not ok.
    Findings = 1,
    /// The run could not be done (bad arguments, unreadable or invalid input).
    Error = 2,
}

/// Runs a parsed command line, writing results to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(&args, out),
        Command::Extract(args) => extract::run(&args, out, err),
        Command::Schema => {
            out.write_all(crate::schema::SCHEMA.as_bytes())?;
            Ok(ExitStatus::Ok)
        }
        Command::Explain(args) => explain::run(&args, out, err),
        Command::Completions(args) => completions::run(&args, out),
        Command::Man(args) => man::run(&args, out, err),
        Command::Trace(args) => trace::run(&args, out, err),
        Command::Init(args) => init::run(&args, out, err),
        Command::Audit(args) => audit::run(&args, out, err),
    }
}

/// Whether to colour: the flag, then NO_COLOR, CLICOLOR_FORCE, TERM and whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some() {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
                false
            } else {
                io::stdout().is_terminal()
            }
        }
    }
}
