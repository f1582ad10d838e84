//! `claimcheck extract`: every number the reader finds in a document.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::ExitStatus;
use crate::document::{Document, ReadOptions};
use crate::extract;
use crate::report::escape::visible;

/// Arguments of `claimcheck extract`.
#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// The document to read (text, Markdown, HTML, PDF, Word, Excel or CSV).
    pub document: PathBuf,
    /// Read a text, HTML or CSV document in this encoding instead of guessing.
    #[arg(long, value_name = "LABEL", value_parser = super::check::parse_encoding)]
    pub encoding: Option<String>,
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

/// Runs `extract`.
pub(super) fn run(
    args: &ExtractArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let options = ReadOptions {
        encoding: args.encoding.clone(),
        ..ReadOptions::default()
    };
    let doc = match Document::read_with(&args.document, &options) {
        Ok(doc) => doc,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    for note in &doc.notes {
        writeln!(err, "note: {}: {}", visible(&doc.name), visible(note))?;
    }
    match args.format {
        ExtractFormat::Json => extract::write_document_json(out, &doc)?,
        ExtractFormat::Human => extract::write_table(out, &extract::extract(&doc))?,
    }
    Ok(ExitStatus::Ok)
}
