//! `claimcheck explain`: what a diagnostic code means.

use std::io::{self, Write};

use clap::Args;

use super::ExitStatus;
use crate::diagnostic::Code;

/// Arguments of `claimcheck explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A code such as `CC001` or its name such as `value-mismatch`.
    pub code: Option<String>,
}

/// Runs `explain`.
pub(super) fn run(
    args: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(wanted) = &args.code else {
        for c in Code::ALL {
            writeln!(out, "{}  {:<18} {}", c.id(), c.name(), c.summary())?;
        }
        return Ok(ExitStatus::Ok);
    };
    let Some(code) = Code::parse(wanted) else {
        writeln!(
            err,
            "error: unknown code `{wanted}`; `claimcheck explain` lists them"
        )?;
        return Ok(ExitStatus::Error);
    };
    writeln!(
        out,
        "{} ({}) — verdict `{}`\n\n{}\n\n{}",
        code.id(),
        code.name(),
        code.verdict(),
        code.summary(),
        code.explanation()
    )?;
    Ok(ExitStatus::Ok)
}
