//! Reports: one list of results, rendered by interchangeable renderers —
//! human (rustc/ruff-style diagnostics), JSON (the contract), SARIF and
//! GitHub workflow commands.

mod github;
mod human;
mod json;
mod sarif;

use std::ops::Range;

use serde::Serialize;

pub use github::write_github;
pub use human::{HumanOptions, write_human};
pub use json::write_json;
pub use sarif::write_sarif;

use crate::diagnostic::{Code, Verdict};
use crate::document::{LineIndex, Position};

/// A place in a file, with the text of its first line for snippets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file, as shown to users.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just past the end, in characters.
    pub end_column: usize,
    /// The text of `line`.
    #[serde(skip)]
    pub line_text: String,
}

impl Place {
    /// The place of byte range `range` of `text`.
    pub fn new(file: &str, text: &str, lines: &LineIndex, range: Range<usize>) -> Place {
        let start: Position = lines.position(text, range.start);
        let end: Position = lines.position(text, range.end.max(range.start));
        let line_range = lines.line_range(text, start.line - 1);
        Place {
            file: file.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            line_text: text[line_range].to_string(),
        }
    }

    /// `file:line:column`.
    pub fn short(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A number that went into a computation, or a candidate shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Input {
    /// How the check refers to it (`rev[1]`), or the number's text for candidates.
    pub name: String,
    /// Its value as written (`RMB289.4 million`) or computed.
    pub value: String,
    /// Where it stands in its source, when it comes from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// The passage of a document closest to a quote that was not found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Closest {
    /// The quote (markers removed).
    pub quote: String,
    /// The closest passage, white space collapsed.
    pub passage: String,
    /// Where the passage starts.
    pub place: Place,
}

/// The result of one claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimResult {
    /// The claims file.
    pub file: String,
    /// The claim's id.
    pub id: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why it is not ok.
    pub code: Option<Code>,
    /// One line saying what was found.
    pub message: String,
    /// The claim in the claims file.
    pub claim: Place,
    /// The stated value(s) in the draft (or in the claims file when there is no draft).
    pub stated_at: Option<Place>,
    /// The whole `says` in the draft.
    pub said_at: Option<Place>,
    /// The stated value as written.
    pub stated: Option<String>,
    /// The computed value or interval, in the stated value's style.
    pub computed: Option<String>,
    /// Exact bounds of the computed value (plain decimals, fractions for percents).
    pub bounds: Option<(String, String)>,
    /// The expression checked.
    pub expr: Option<String>,
    /// The expression with the values that went in.
    pub formula: Option<String>,
    /// The facts the expression used.
    pub inputs: Vec<Input>,
    /// For `appears_in`: where a supporting number stands.
    pub found: Option<Input>,
    /// For `appears_in` mismatches: the nearest numbers of the source.
    pub nearest: Vec<Input>,
    /// For `not-found`: the closest passage.
    pub closest: Option<Closest>,
    /// The distance between stated and computed values.
    pub gap: Option<String>,
    /// Other places worth showing, with a label (a failing fact's quote).
    pub related: Vec<(Place, String)>,
    /// Further notes.
    pub notes: Vec<String>,
}

impl ClaimResult {
    /// A result with only the essentials filled in.
    pub fn new(file: &str, id: &str, claim: Place) -> ClaimResult {
        ClaimResult {
            file: file.to_string(),
            id: id.to_string(),
            verdict: Verdict::Ok,
            code: None,
            message: String::new(),
            claim,
            stated_at: None,
            said_at: None,
            stated: None,
            computed: None,
            bounds: None,
            expr: None,
            formula: None,
            inputs: Vec::new(),
            found: None,
            nearest: Vec::new(),
            closest: None,
            gap: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// A problem that stopped part of the run (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunError {
    /// The file to blame.
    pub file: String,
    /// Where in it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column in characters, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What went wrong.
    pub message: String,
    /// The line of the file, for a snippet.
    #[serde(skip)]
    pub line_text: Option<String>,
}

impl RunError {
    /// `file:line:column: message`.
    pub fn headline(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: {}", self.file, self.message),
            _ => format!("{}: {}", self.file, self.message),
        }
    }
}

/// Everything a `check` run found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Results of every claim, files in path order, claims in file order.
    pub results: Vec<ClaimResult>,
    /// Problems that stopped files from being checked.
    pub errors: Vec<RunError>,
    /// Notes on how sources were read.
    pub notes: Vec<String>,
    /// Figures in drafts that no claim's `says` covers.
    pub unchecked: Vec<Input>,
}

impl Report {
    /// How many claims got each verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.results.iter().filter(|r| r.verdict == verdict).count()
    }

    /// Whether every claim is ok and nothing failed.
    pub fn all_ok(&self) -> bool {
        self.errors.is_empty() && self.results.iter().all(|r| r.verdict == Verdict::Ok)
    }

    /// `7 claims: 4 ok, 1 mismatch, 1 undecided, 1 not-found, 0 error`.
    pub fn summary_line(&self) -> String {
        let counts: Vec<String> = Verdict::ALL
            .iter()
            .map(|v| format!("{} {}", self.count(*v), v))
            .collect();
        let n = self.results.len();
        let mut line = format!(
            "{n} claim{}: {}",
            if n == 1 { "" } else { "s" },
            counts.join(", ")
        );
        if !self.errors.is_empty() {
            let e = self.errors.len();
            line.push_str(&format!(
                "; {e} file{} could not be checked",
                if e == 1 { "" } else { "s" }
            ));
        }
        line
    }
}
