//! `claimcheck audit`: `init` and `check` in one step, without a file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::ExitStatus;
use super::init::make;
use super::trace::{RootArgs, TraceFormat};
use crate::diagnostic::Verdict;
use crate::trace::draft::{write_audit_human, write_audit_json};

/// Arguments of `claimcheck audit`.
#[derive(Args, Debug)]
pub struct AuditArgs {
    /// The article draft.
    pub draft: PathBuf,
    /// A source document, as NAME=PATH (or PATH, named after the file).
    #[arg(long = "source", value_name = "NAME=PATH", required = true)]
    pub sources: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TraceFormat::Human)]
    pub format: TraceFormat,
    /// Where the documents may be read from.
    #[command(flatten)]
    pub roots: RootArgs,
}

/// Runs `audit`: 0 when every figure has support, 1 when some has none.
pub(super) fn run(
    args: &AuditArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let base = std::env::current_dir().unwrap_or_default();
    let Some((made, _)) = make(&args.draft, &args.sources, &args.roots, &base, err)? else {
        return Ok(ExitStatus::Error);
    };
    let draft = args.draft.to_string_lossy().replace('\\', "/");
    match args.format {
        TraceFormat::Json => write_audit_json(&made.drafted, &draft, &made.verdicts, out)?,
        TraceFormat::Human => write_audit_human(&made.drafted, &draft, &made.verdicts, out)?,
    }
    Ok(if made.verdicts.iter().all(|v| *v == Verdict::Ok) {
        ExitStatus::Ok
    } else {
        ExitStatus::Findings
    })
}
