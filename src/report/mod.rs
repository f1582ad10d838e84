//! Reports: renderers over the one [`Report`] of a run. Each format is one
//! file implementing [`Renderer`] and one line in [`FORMATS`]; each
//! destructures the whole report, so a field added to the model breaks the
//! build until every format has decided what to do with it.
//!
//! The shared pieces every format uses live beside them: [`view`] (what is
//! shown of a claim, worked out once) and the helpers below (the summary
//! line, the place a result points at, the level of a verdict).

pub mod escape;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod markdown;
pub mod paths;
pub mod policy;
mod sarif;
pub mod snapshot;
pub mod view;

use std::io::{self, Write};

use crate::diagnostic::Verdict;
use crate::outcome::{DraftCoverage, Report, Span};
pub use escape::visible;
pub use human::inline_diff;
pub use policy::{FailOn, Policy, RunResult};
use view::ClaimView;

/// Writes a report in one format.
pub trait Renderer {
    /// Writes `report` to `out`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// How a format renders.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only; machine formats never colour).
    pub color: bool,
    /// Also list the claims that are ok (human format).
    pub verbose: bool,
    /// Only the summary (human and markdown formats).
    pub quiet: bool,
    /// What fails the run, so every format marks the same claims as failing.
    pub policy: Policy,
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
        make: |o| Box::new(json::Json(o.policy)),
    },
    Format {
        name: "sarif",
        help: "SARIF 2.1.0, for code-scanning dashboards",
        make: |o| Box::new(sarif::Sarif(o.policy)),
    },
    Format {
        name: "github",
        help: "GitHub Actions workflow commands (annotations on the draft)",
        make: |o| Box::new(github::Github(o.policy)),
    },
    Format {
        name: "junit",
        help: "JUnit XML: one testcase per claim, one testsuite per claims file",
        make: |o| Box::new(junit::Junit(o.policy)),
    },
    Format {
        name: "html",
        help: "One self-contained HTML page for editors: the draft with every checked figure marked",
        make: |o| Box::new(html::Html(o.policy)),
    },
    Format {
        name: "markdown",
        help: "A Markdown summary table and the claims that are not ok (for $GITHUB_STEP_SUMMARY)",
        make: |o| Box::new(markdown::Markdown(o)),
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
    if let Some(total) = total_coverage(&report.coverage) {
        line.push_str("; ");
        line.push_str(&coverage_counts(&total, "draft figures"));
    }
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

/// The coverage of all drafts together, when there is a draft.
pub fn total_coverage(coverage: &[DraftCoverage]) -> Option<DraftCoverage> {
    let first = coverage.first()?;
    Some(DraftCoverage {
        draft: first.draft,
        figures: coverage.iter().map(|c| c.figures).sum(),
        checked: coverage.iter().map(|c| c.checked).sum(),
        waived: coverage.iter().map(|c| c.waived).sum(),
    })
}

/// `34 of 41 draft figures checked, 3 waived` (`noun` names the figures).
pub fn coverage_counts(c: &DraftCoverage, noun: &str) -> String {
    let mut text = format!("{} of {} {noun} checked", c.checked, c.figures);
    if c.waived > 0 {
        text.push_str(&format!(", {} waived", c.waived));
    }
    text
}

/// `34 of 41 figures checked, 3 waived (89.4%)`.
pub fn coverage_text(c: &DraftCoverage) -> String {
    format!(
        "{} ({})",
        coverage_counts(c, "figures"),
        policy::percent_text(c.percent())
    )
}

/// Why a draft's coverage fails `--require-coverage`.
pub fn shortfall_text(name: &str, c: &DraftCoverage, policy: &Policy) -> String {
    let required = policy.require_coverage.unwrap_or_default();
    format!(
        "claims cover {} of the figures of {name}, less than the required {}: {}",
        policy::percent_text(c.percent()),
        policy::percent_text(required),
        coverage_counts(c, "figures")
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
