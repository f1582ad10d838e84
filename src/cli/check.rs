//! `claimcheck check`: check claims files and render the report, or
//! compare the stable report with a committed snapshot (`--snapshot`).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::{ColorChoice, ExitStatus, use_color};
use crate::check::{CheckOptions, check_with};
use crate::document::ReadOptions;
use crate::outcome::Report;
use crate::report::{self, FailOn, Policy, RenderOptions, RunResult};

/// Arguments of `claimcheck check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Claims files, or folders searched recursively for `*.json`; `-` reads
    /// a claims file from standard input (its paths relative to the current
    /// folder) [default: claims/].
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_names())]
    pub format: String,
    /// Print only the summary (human and markdown formats).
    #[arg(long, short)]
    pub quiet: bool,
    /// The verdicts that fail the run (exit status 1), comma-separated
    /// [default: mismatch,not-found,error,undecided].
    #[arg(long, value_name = "VERDICTS", value_parser = FailOn::parse)]
    pub fail_on: Option<FailOn>,
    /// Fail (exit status 1) when claims cover less than PCT percent of a
    /// draft's figures (quantities, percents, points; minus `ignore`).
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub require_coverage: Option<f64>,
    /// Compare the stable plain report with FILE: print a diff and fail on
    /// any difference (a missing FILE is one).
    #[arg(long, value_name = "FILE", conflicts_with = "format")]
    pub snapshot: Option<PathBuf>,
    /// With --snapshot: write FILE instead of comparing (also CLAIMCHECK_ACCEPT=1).
    #[arg(long, requires = "snapshot")]
    pub accept: bool,
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

/// A percentage from 0 to 100 (`90`, `87.5`, `90%`).
fn parse_percent(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches('%');
    match t.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
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
    let stdin = if paths.iter().any(|p| p.as_os_str() == "-") {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text)?;
        Some(text)
    } else {
        None
    };
    let options = CheckOptions {
        root: args.root.clone(),
        allow_outside_root: args.allow_outside_root,
        read: ReadOptions {
            max_bytes: args.max_source_size,
            encoding: args.encoding.clone(),
        },
        stdin,
    };
    let report = check_with(&paths, &options);
    let policy = Policy {
        fail_on: args.fail_on.unwrap_or_default(),
        require_coverage: args.require_coverage,
    };
    if let Some(file) = &args.snapshot {
        let accept = args.accept || std::env::var_os("CLAIMCHECK_ACCEPT").is_some_and(|v| v == "1");
        let color = use_color(args.color);
        let snap = super::snapshot::Snap {
            file,
            accept,
            color,
            policy,
        };
        return super::snapshot::run(&snap, &paths, &report, out);
    }
    let color = args.format == "human" && use_color(args.color);
    colored::control::set_override(color);
    let opts = RenderOptions {
        color,
        verbose: args.verbose,
        quiet: args.quiet,
        policy,
    };
    let format = report::format(&args.format).expect("clap checked the format");
    (format.make)(opts).render(&report, out)?;
    if args.format == "github" {
        step_summary(&report, opts)?;
    }
    Ok(status(&report, &policy))
}

/// The exit status the report and the policy give.
pub(super) fn status(report: &Report, policy: &Policy) -> ExitStatus {
    match policy.result(report) {
        RunResult::Passed => ExitStatus::Ok,
        RunResult::Failed => ExitStatus::Findings,
        RunResult::Broken => ExitStatus::Error,
    }
}

/// With `--format github`, appends the Markdown summary to the file that
/// `$GITHUB_STEP_SUMMARY` names, when it names one.
fn step_summary(report: &Report, opts: RenderOptions) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let markdown = report::format("markdown").expect("markdown is a format");
    let opts = RenderOptions {
        quiet: false,
        ..opts
    };
    (markdown.make)(opts).render(report, &mut file)
}
