//! The `claimcheck` binary: parses arguments and hands over to the library.

use std::io::{self, Write};
use std::process::ExitCode;

use claimcheck::cli::{Cli, ExitStatus, run};
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                ExitStatus::Error as u8
            } else {
                0
            });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let status = run(cli, &mut out, &mut err).and_then(|status| out.flush().map(|()| status));
    match status {
        Ok(status) => ExitCode::from(status as u8),
        // A reader that went away (`claimcheck extract big.md | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(ExitStatus::Error as u8)
        }
    }
}
