//! The command line: argument definitions and dispatch to the commands.
//! Exit statuses mean one thing each: 0 all claims ok, 1 some claim is not
//! ok, 2 the run itself could not be done.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::CheckOptions;
use crate::diagnostic::Code;
use crate::document::Document;
use crate::report::{self, RenderOptions};
use crate::{check, extract};

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
}

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

/// Arguments of `claimcheck explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A code such as `CC001` or its name such as `value-mismatch`.
    pub code: Option<String>,
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
        Command::Check(args) => run_check(&args, out),
        Command::Extract(args) => run_extract(&args, out, err),
        Command::Schema => {
            out.write_all(crate::schema::SCHEMA.as_bytes())?;
            Ok(ExitStatus::Ok)
        }
        Command::Explain(args) => run_explain(&args, out, err),
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

fn run_check(args: &CheckArgs, out: &mut dyn Write) -> io::Result<ExitStatus> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("claims")]
    } else {
        args.paths.clone()
    };
    let options = CheckOptions {
        root: args.root.clone(),
        allow_outside_root: args.allow_outside_root,
        max_source_size: args.max_source_size,
    };
    let report = check::check_with(&paths, &options);
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

fn run_explain(
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

fn run_extract(
    args: &ExtractArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
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
