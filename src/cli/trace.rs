//! `claimcheck trace`: where can a value come from in some sources?

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::ExitStatus;
use crate::check::CheckOptions;
use crate::document::ReadOptions;
use crate::trace::inputs::{Named, Read, parse_named};
use crate::trace::{Pool, Request, Target, output, trace};

/// Where documents named on the command line may be read from.
#[derive(Args, Debug, Clone)]
pub struct RootArgs {
    /// The folder every document must stay inside [default: the git work
    /// tree holding the current folder, else the current folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Read documents outside the root too.
    #[arg(long)]
    pub allow_outside_root: bool,
}

impl RootArgs {
    /// The options documents are read with.
    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            root: self.root.clone(),
            allow_outside_root: self.allow_outside_root,
            read: ReadOptions::default(),
            ..CheckOptions::default()
        }
    }
}

/// Output formats of `trace`, `audit`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceFormat {
    /// Candidates with their facts as lines to paste into a claims file.
    Human,
    /// One JSON object (the claims-format contract for `trace`).
    Json,
}

/// Arguments of `claimcheck trace`.
#[derive(Args, Debug)]
pub struct TraceArgs {
    /// The value as written: `186%`, `11.2亿元`, `about $1.6 billion`.
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// The sources to search, as NAME=PATH (or PATH, named after the file).
    #[arg(long = "in", value_name = "SOURCE", num_args = 1.., required = true)]
    pub sources: Vec<String>,
    /// A quote of the passage the value should come from: numbers there rank first.
    #[arg(long, value_name = "QUOTE")]
    pub near: Option<String>,
    /// How many candidates to show.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TraceFormat::Human)]
    pub format: TraceFormat,
    /// Where the sources may be read from.
    #[command(flatten)]
    pub roots: RootArgs,
}

/// Reads `specs` as named documents, or says why not on `err`.
pub(super) fn read_named(
    specs: &[String],
    roots: &RootArgs,
    err: &mut dyn Write,
) -> io::Result<Option<Read>> {
    let named: Result<Vec<Named>, String> = specs.iter().map(|s| parse_named(s)).collect();
    match named.and_then(|n| Read::new(&n, &roots.options())) {
        Ok(read) => Ok(Some(read)),
        Err(e) => {
            writeln!(err, "error: {}", crate::report::visible(&e))?;
            Ok(None)
        }
    }
}

/// Runs `trace`: 0 when some derivation is found, 1 when none, 2 when the
/// value or a source cannot be read.
pub(super) fn run(
    args: &TraceArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let target = match Target::parse(&args.value) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "error: cannot trace {}", crate::report::visible(&e))?;
            return Ok(ExitStatus::Error);
        }
    };
    let Some(read) = read_named(&args.sources, &args.roots, err)? else {
        return Ok(ExitStatus::Error);
    };
    let pool = Pool::new(&read.sources);
    let request = Request {
        near: args.near.clone(),
        top: args.top,
        ..Request::default()
    };
    let traced = trace(&pool, &target, &request);
    match args.format {
        TraceFormat::Json => output::write_json(&traced, out)?,
        TraceFormat::Human => output::write_human(&traced, &target, out)?,
    }
    Ok(if traced.candidates.is_empty() {
        ExitStatus::Findings
    } else {
        ExitStatus::Ok
    })
}
