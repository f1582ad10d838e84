//! The command line: argument definitions and dispatch to the commands.
//! Exit statuses mean one thing each: 0 all claims ok, 1 some claim is not
//! ok, 2 the run itself could not be done.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::document::Document;
use crate::extract;

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
    /// Print every number the reader finds in a document.
    Extract(ExtractArgs),
}

/// Arguments of `claimcheck extract`.
#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// The document to read (text, Markdown or HTML; any common encoding).
    pub document: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
    pub format: ExtractFormat,
}

/// Output formats of `extract`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    /// An aligned table.
    Human,
    /// The JSON array of the claims-format contract.
    Json,
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
        Command::Extract(args) => run_extract(&args, out, err),
    }
}

fn run_extract(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let doc = match Document::read(&args.document) {
        Ok(doc) => doc,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    for note in &doc.notes {
        writeln!(err, "note: {}: {note}", doc.name)?;
    }
    let numbers = extract::extract(&doc);
    match args.format {
        ExtractFormat::Json => extract::write_json(out, &numbers)?,
        ExtractFormat::Human => extract::write_table(out, &numbers)?,
    }
    Ok(ExitStatus::Ok)
}
