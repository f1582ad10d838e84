//! Reports: renderers over the one [`Report`] of a run. Each format is one
//! file implementing [`Renderer`] and one line in [`FORMATS`]; each
//! destructures the whole report, so a field added to the model breaks the
//! build until every format has decided what to do with it.
//!
//! The shared pieces every format uses live beside them: [`view`] (what is
//! shown of a claim, worked out once) and the helpers below (the summary
//! line, the place a result points at, the level of a verdict).

mod escape;
mod github;
mod human;
mod json;
mod sarif;
pub mod view;

use std::io::{self, Write};

use crate::diagnostic::Verdict;
use crate::outcome::{Report, Span};
pub use human::inline_diff;
use view::ClaimView;

/// Writes a report in one format.
pub trait Renderer {
    /// Writes `report` to `out`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// How the human format renders.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only; machine formats never colour).
    pub color: bool,
    /// Also list the claims that are ok.
    pub verbose: bool,
}

/// A report format: its name on the command line, a line of help, and how
/// to make its renderer.
pub struct Format {
    /// The value of `--format`.
    pub name: &'static str,
    /// One line for `--help`.
    pub help: &'static str,
    /// Makes the renderer.
    pub make: fn(RenderOptions) -> Box<dyn Renderer>,
}

/// Every format, in `--help` order.
pub const FORMATS: &[Format] = &[
    Format {
        name: "human",
        help: "Diagnostics for people, with source snippets",
        make: |o| Box::new(human::Human(o)),
    },
    Format {
        name: "json",
        help: "One JSON object: `summary` and `results` (the claims-format contract)",
        make: |_| Box::new(json::Json),
    },
    Format {
        name: "sarif",
        help: "SARIF 2.1.0, for code-scanning dashboards",
        make: |_| Box::new(sarif::Sarif),
    },
    Format {
        name: "github",
        help: "GitHub Actions workflow commands (annotations on the draft)",
        make: |_| Box::new(github::Github),
    },
];

/// The format called `name`.
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

/// How serious a result is for a CI system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The claim is wrong, missing or invalid.
    Error,
    /// Rounding leaves the claim open.
    Warning,
}

impl Level {
    /// The level of a verdict that is not ok.
    pub fn of(verdict: Verdict) -> Level {
        if verdict == Verdict::Undecided {
            Level::Warning
        } else {
            Level::Error
        }
    }

    /// `error` or `warning`, as SARIF and GitHub write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// The place a result is about: the stated value in the draft, else the
/// whole `says` in the draft, else the claim in the claims file.
pub fn primary<'a>(view: &'a ClaimView<'_>) -> &'a Span {
    view.stated_at.or(view.said).unwrap_or(view.at)
}

/// `7 claims: 4 ok, 1 mismatch, 1 undecided, 1 not-found, 0 error`.
pub fn summary_line(report: &Report) -> String {
    let counts: Vec<String> = Verdict::ALL
        .iter()
        .map(|v| format!("{} {}", report.count(*v), v))
        .collect();
    let n = report.claims.len();
    let mut line = format!("{n} claim{}: {}", plural(n), counts.join(", "));
    let stale = report.stale_ignores.len();
    if stale > 0 {
        let verb = if stale == 1 { "waives" } else { "waive" };
        line.push_str(&format!(
            "; {stale} `ignore` entr{} {verb} nothing",
            if stale == 1 { "y" } else { "ies" }
        ));
    }
    let e = report.errors.len();
    if e > 0 {
        line.push_str(&format!("; {e} file{} could not be checked", plural(e)));
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
