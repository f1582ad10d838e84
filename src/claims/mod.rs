//! Claims files. A file that cannot be used (invalid JSON, unknown or
//! mistyped top-level keys, bad sources, a label pattern that does not
//! compile, a fact defined twice) is a [`LoadError`] naming the file, line
//! and column. A bad fact or claim inside a usable file is kept with its
//! [`Problem`], so that claim gets an `error` verdict and every other claim
//! is still checked.

mod json;
mod loader;
mod names;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::{Document, Position, display_path};
pub use crate::problem::Problem;
pub use loader::parse_claims;
pub(crate) use names::closest;
pub use names::{normalize, valid_fact_name};

/// A string value and where it stands in the claims file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Byte range of the JSON value in the claims file.
    pub span: Range<usize>,
}

/// A claims file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The claims file.
    pub file: String,
    /// Where, when a place in the file is to blame.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// The text of the line the position is on, when the file could be read.
    pub line_text: Option<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A source document named in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// Its name in the file.
    pub name: String,
    /// The path as written.
    pub written: String,
    /// The path resolved against the claims file's folder.
    pub path: PathBuf,
    /// Where the path stands in the claims file.
    pub span: Range<usize>,
}

/// How a fact gets its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactBody {
    /// Numbers quoted from a source.
    Quote {
        /// The source's name.
        source: String,
        /// The quote.
        quote: Spanned<String>,
        /// Whether its table cells are read in their caption's unit (the
        /// fact's `table_units`; `None` follows the file's).
        table_units: Option<bool>,
    },
    /// Computed from other facts.
    Expr(Spanned<String>),
}

/// A named fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactDef {
    /// Its name.
    pub name: String,
    /// Where its key stands.
    pub span: Range<usize>,
    /// Its definition, or why it is unusable.
    pub body: Result<FactBody, Problem>,
}

/// One claim, as written.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ClaimDef {
    /// Position in the file's list, from 1.
    pub number: usize,
    /// Its id (or `#N` when it has none).
    pub id: String,
    /// Where the claim's object stands.
    pub span: Range<usize>,
    /// The claim as the draft words it.
    pub says: Option<Spanned<String>>,
    /// The expression to check.
    pub check: Option<Spanned<String>>,
    /// The source that must contain the stated value.
    pub appears_in: Option<Spanned<String>>,
    /// Optional widening.
    pub tolerance: Option<Spanned<String>>,
    /// Why the claim is invalid, if it is.
    pub problem: Option<Problem>,
}

/// A number of the draft that no claim needs to check, on purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    /// A quote of the draft; its numbers (those in `{…}`, or all) are waived.
    pub quote: Spanned<String>,
    /// Why it needs no check.
    pub why: Spanned<String>,
}

/// A loaded claims file.
#[derive(Debug)]
pub struct ClaimsFile {
    /// The file's text, as a document (for positions and snippets).
    pub doc: Arc<Document>,
    /// Sources in file order.
    pub sources: Vec<SourceRef>,
    /// The source holding the draft.
    pub draft: Option<String>,
    /// Facts in file order.
    pub facts: Vec<FactDef>,
    /// Where each usable fact name is defined, for lookups by name.
    fact_index: HashMap<String, usize>,
    /// Claims in file order.
    pub claims: Vec<ClaimDef>,
    /// Patterns of names whose digits are not quantities (`天垓\d+`).
    pub labels: Vec<regex::Regex>,
    /// Draft numbers waived on purpose.
    pub ignore: Vec<Ignore>,
    /// The folder every source must stay inside, when the file names one.
    pub root: Option<Spanned<PathBuf>>,
    /// Whether quoted table cells are read in their caption's unit
    /// (`table_units`, an extension; default false: a quote yields the
    /// number as written).
    pub table_units: bool,
}

impl ClaimsFile {
    /// Path shown in reports.
    pub fn name(&self) -> &str {
        &self.doc.name
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// Line and column of a byte offset in the file.
    pub fn position(&self, offset: usize) -> Position {
        self.doc.location(offset).position
    }

    /// The text of the line holding byte `offset`.
    pub fn line_text(&self, offset: usize) -> &str {
        self.doc.line_around(offset).1
    }

    /// The fact with this name (the one definition a valid file has).
    pub fn fact(&self, name: &str) -> Option<&FactDef> {
        self.fact_index.get(name).map(|&i| &self.facts[i])
    }

    /// Names of the facts an expression can use, for "did you mean".
    pub fn fact_names(&self) -> impl Iterator<Item = &str> {
        self.fact_index.keys().map(String::as_str)
    }
}

pub(crate) const TOP_KEYS: &[&str] = &[
    "$schema",
    "sources",
    "draft",
    "facts",
    "claims",
    "labels",
    "ignore",
    "root",
    "table_units",
];
pub(crate) const CLAIM_KEYS: &[&str] = &["id", "says", "check", "appears_in", "tolerance"];
/// `line` and `column` are informational: `trace` writes where the quote
/// stands, and its facts paste into a claims file as they are.
pub(crate) const QUOTE_FACT_KEYS: &[&str] = &["in", "quote", "line", "column", "table_units"];
pub(crate) const EXPR_FACT_KEYS: &[&str] = &["expr"];
pub(crate) const IGNORE_KEYS: &[&str] = &["quote", "why"];

/// The largest claims file read (a claims file is typed by people; this
/// bounds what a hostile one can make a run hold).
pub const MAX_CLAIMS_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads and validates a claims file.
pub fn load(path: &Path) -> Result<ClaimsFile, LoadError> {
    let name = display_path(path);
    let fail = |message: String, position: Option<Position>, line_text: Option<String>| LoadError {
        file: name.clone(),
        position,
        message,
        line_text,
    };
    let bytes = crate::document::read_capped(path, MAX_CLAIMS_FILE_BYTES)
        .map_err(|e| fail(format!("cannot read the claims file: {e}"), None, None))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let lossy = String::from_utf8_lossy(valid).into_owned();
            let doc = Document::from_text(&name, &lossy);
            let at = doc.location(lossy.len()).position;
            let line = doc.line_around(lossy.len()).1.to_string();
            return Err(fail(
                "the claims file is not valid UTF-8".into(),
                Some(at),
                Some(line),
            ));
        }
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse_claims(&name, text, &base)
}
