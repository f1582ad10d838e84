//! `claimcheck check`: check claims files and render the report.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::{ColorChoice, ExitStatus, use_color};
use crate::check::{CheckOptions, check_with};
use crate::document::ReadOptions;
use crate::report::{self, RenderOptions};

/// Arguments of `claimcheck check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Claims files, or folders searched recursively for `*.json` [default: claims/].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_names())]
    pub format: String,
    /// When to use colour in the human format (`auto` honours NO_COLOR and CLICOLOR_FORCE).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also list the claims that are ok (human format).
    #[arg(long, short)]
    pub verbose: bool,
    /// The folder every claims file and source must stay inside [default:
    /// the claims file's `root`, else its git work tree, else the current folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Read sources and claims files outside the root too.
    #[arg(long)]
    pub allow_outside_root: bool,
    /// The largest source read, in bytes (suffixes K, M, G: `512M`).
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_source_size: u64,
    /// Read text, HTML and CSV sources in this encoding instead of guessing
    /// (a WHATWG label: utf-8, gbk, gb18030, big5, utf-16le, windows-1252…).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<String>,
}

/// An encoding label that encoding_rs knows, as given.
pub(super) fn parse_encoding(s: &str) -> Result<String, String> {
    match encoding_rs::Encoding::for_label(s.trim().as_bytes()) {
        Some(_) => Ok(s.trim().to_string()),
        None => Err(format!(
            "`{s}` is not an encoding label (try utf-8, gbk, gb18030, big5, utf-16le)"
        )),
    }
}

/// The names `--format` accepts, from the one list of formats.
fn format_names() -> clap::builder::PossibleValuesParser {
    let values = report::FORMATS
        .iter()
        .map(|f| clap::builder::PossibleValue::new(f.name).help(f.help));
    clap::builder::PossibleValuesParser::new(values)
}

/// `2G`, `512M`, `64K` or a plain number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, factor) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&t[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("`{s}` is not a size; write bytes or a number with K, M or G"))
}

/// Runs `check`.
pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<ExitStatus> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("claims")]
    } else {
        args.paths.clone()
    };
    let options = CheckOptions {
        root: args.root.clone(),
        allow_outside_root: args.allow_outside_root,
        read: ReadOptions {
            max_bytes: args.max_source_size,
            encoding: args.encoding.clone(),
        },
    };
    let report = check_with(&paths, &options);
    let color = args.format == "human" && use_color(args.color);
    colored::control::set_override(color);
    let format = report::format(&args.format).expect("clap checked the format");
    let renderer = (format.make)(RenderOptions {
        color,
        verbose: args.verbose,
    });
    renderer.render(&report, out)?;
    Ok(if !report.errors.is_empty() {
        ExitStatus::Error
    } else if report.all_ok() {
        ExitStatus::Ok
    } else {
        ExitStatus::Findings
    })
}
