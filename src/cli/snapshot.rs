//! `claimcheck check --snapshot FILE`: compare the stable plain report
//! ([`crate::report::snapshot`]) with a committed file. On any difference
//! (a missing file is one) print a unified diff, coloured on a terminal,
//! and exit 1; with `--accept` (or `CLAIMCHECK_ACCEPT=1`) write the file
//! instead. Otherwise the exit status is what the verdicts give.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use colored::Colorize;

use super::ExitStatus;
use super::check::status;
use crate::outcome::Report;
use crate::report::paths::Rebase;
use crate::report::snapshot::Snapshot;
use crate::report::{Policy, Renderer, summary_line};

/// What `--snapshot` was asked to do.
pub(super) struct Snap<'a> {
    /// The snapshot file.
    pub file: &'a Path,
    /// Write it instead of comparing.
    pub accept: bool,
    /// Colour the diff.
    pub color: bool,
    /// What fails the run.
    pub policy: Policy,
}

/// Renders the snapshot of `report` (checked from `paths`) and compares it
/// with, or writes it to, the snapshot file.
pub(super) fn run(
    snap: &Snap<'_>,
    paths: &[PathBuf],
    report: &Report,
    out: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let cwd = std::env::current_dir()?;
    let (claims_files, _) = crate::check::claims_files(paths);
    let renderer = Snapshot {
        rebase: Rebase::new(&cwd, &claims_files),
        policy: snap.policy,
    };
    let mut bytes = Vec::new();
    renderer.render(report, &mut bytes)?;
    let new = String::from_utf8(bytes).map_err(io::Error::other)?;
    let verdicts = status(report, &snap.policy);
    let name = crate::document::display_path(snap.file);
    if snap.accept {
        if let Some(dir) = snap.file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(snap.file, &new)?;
        writeln!(out, "wrote the snapshot {name}\n{}", summary_line(report))?;
        return Ok(verdicts);
    }
    let old = read_snapshot(snap.file, &name)?;
    if old.as_deref() == Some(new.as_str()) {
        writeln!(
            out,
            "the snapshot {name} is up to date\n{}",
            summary_line(report)
        )?;
        return Ok(verdicts);
    }
    write_diff(out, &name, old.as_deref(), &new, snap.color)?;
    writeln!(
        out,
        "\nthe report differs from the snapshot {name}; review the diff, then accept it with --accept (or CLAIMCHECK_ACCEPT=1)"
    )?;
    Ok(match verdicts {
        ExitStatus::Error => ExitStatus::Error,
        _ => ExitStatus::Findings,
    })
}

/// The committed snapshot (CRLF line ends read as LF), or `None` when
/// there is none.
fn read_snapshot(file: &Path, name: &str) -> io::Result<Option<String>> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(Some(text.replace("\r\n", "\n"))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io::Error::new(
            e.kind(),
            format!("cannot read the snapshot {name}: {e}"),
        )),
    }
}

/// Writes the unified diff from the committed snapshot to this run's.
fn write_diff(
    out: &mut dyn Write,
    name: &str,
    old: Option<&str>,
    new: &str,
    color: bool,
) -> io::Result<()> {
    let before = match old {
        Some(_) => format!("{name} (committed)"),
        None => format!("{name} (missing)"),
    };
    let diff = similar::TextDiff::from_lines(old.unwrap_or(""), new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&before, &format!("{name} (this run)"))
        .to_string();
    for line in text.lines() {
        writeln!(out, "{}", paint(line, color))?;
    }
    Ok(())
}

/// A diff line in its colour: removals red, additions green, hunks cyan.
fn paint(line: &str, color: bool) -> String {
    if !color {
        return line.to_string();
    }
    colored::control::set_override(true);
    if line.starts_with("---") || line.starts_with("+++") {
        line.bold().to_string()
    } else if line.starts_with('-') {
        line.red().to_string()
    } else if line.starts_with('+') {
        line.green().to_string()
    } else if line.starts_with("@@") {
        line.cyan().to_string()
    } else {
        line.to_string()
    }
}
