//! `claimcheck init`: write a claims file for a draft, one claim per figure.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::ExitStatus;
use super::trace::{RootArgs, read_named};
use crate::root::Roots;
use crate::trace::draft::{Init, budget, init, relative};
use crate::trace::inputs::{absolute, parse_named};

/// Arguments of `claimcheck init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The article draft.
    pub draft: PathBuf,
    /// A source document, as NAME=PATH (or PATH, named after the file).
    #[arg(long = "source", value_name = "NAME=PATH", required = true)]
    pub sources: Vec<String>,
    /// Write the claims file here (paths in it relative to its folder)
    /// [default: print it, paths relative to the current folder].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE when it exists.
    #[arg(long)]
    pub force: bool,
    /// Where the documents may be read from.
    #[command(flatten)]
    pub roots: RootArgs,
}

/// The name the draft gets: `draft`, unless a source is called that.
pub(super) fn draft_name(sources: &[String]) -> String {
    let taken: Vec<String> = sources
        .iter()
        .filter_map(|s| parse_named(s).ok())
        .map(|n| n.name)
        .collect();
    ["draft", "draft_text", "article"]
        .into_iter()
        .find(|n| !taken.iter().any(|t| t == n))
        .unwrap_or("the_draft")
        .to_string()
}

/// Reads the draft and sources and makes the claims file, paths relative to `base`.
pub(super) fn make(
    draft: &Path,
    sources: &[String],
    roots: &RootArgs,
    base: &Path,
    err: &mut dyn Write,
) -> io::Result<Option<(Init, String)>> {
    let name = draft_name(sources);
    let mut specs = sources.to_vec();
    specs.push(format!("{name}={}", draft.display()));
    let Some(read) = read_named(&specs, roots, err)? else {
        return Ok(None);
    };
    let paths: Vec<(String, String)> = specs
        .iter()
        .filter_map(|s| parse_named(s).ok())
        .map(|n| {
            let rel = relative(base, &absolute(&n.path));
            (n.name, rel.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    match init(&read, &name, &paths, &budget()) {
        Some(made) => Ok(Some((made, name))),
        None => {
            writeln!(
                err,
                "error: the claims file made for {} does not load",
                draft.display()
            )?;
            Ok(None)
        }
    }
}

/// Runs `init`: writes the file (or prints it) and a summary on `err`.
pub(super) fn run(
    args: &InitArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let base = args
        .out
        .as_ref()
        .and_then(|o| absolute(o).parent().map(Path::to_path_buf))
        .unwrap_or(cwd);
    if let Some(path) = &args.out {
        if let Err(e) = Roots::new(&args.roots.options()).admit_input(path) {
            writeln!(err, "error: --out {e}")?;
            return Ok(ExitStatus::Error);
        }
        if path.exists() && !args.force {
            writeln!(
                err,
                "error: {} exists; pass --force to replace it",
                path.display()
            )?;
            return Ok(ExitStatus::Error);
        }
    }
    let Some((made, _)) = make(&args.draft, &args.sources, &args.roots, &base, err)? else {
        return Ok(ExitStatus::Error);
    };
    let w = &made.written;
    match &args.out {
        Some(path) => std::fs::write(path, &w.text)?,
        None => out.write_all(w.text.as_bytes())?,
    }
    let total = made.drafted.figures.len();
    writeln!(
        err,
        "{total} claims: {} with a traced check, {} with appears_in, {} left \"TODO\"",
        w.checks, w.appears, w.todo
    )?;
    Ok(ExitStatus::Ok)
}
