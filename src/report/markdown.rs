//! `--format markdown`: a summary fit for `$GITHUB_STEP_SUMMARY` or a pull
//! request comment: a table of verdicts, a table of draft coverage, then one
//! line per claim that is not ok (and per file that could not be checked,
//! `ignore` entry that waives nothing, draft below the required coverage).
//! Input text is Markdown-escaped, so no claim can inject a table cell, a
//! link, raw HTML or a line of its own.

use std::io::{self, Write};

use super::escape::markdown as md;
use super::policy::percent_text;
use super::view::ClaimView;
use super::{Policy, RenderOptions, Renderer, primary, shortfall_text, summary_line};
use crate::diagnostic::Verdict;
use crate::outcome::{Files, Report, RunError, Span};

/// The Markdown format.
pub struct Markdown(pub RenderOptions);

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "✅",
        Verdict::Mismatch => "❌",
        Verdict::Undecided => "⚠️",
        Verdict::NotFound => "🔍",
        Verdict::Error => "⛔",
    }
}

fn place(files: &Files, span: &Span) -> String {
    let p = files.start(span).position;
    format!("{}:{}:{}", md(files.name(span.file)), p.line, p.column)
}

impl Renderer for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            // Reading notes belong in the full reports.
            notes: _,
            // Counted in the coverage table.
            unchecked: _,
            coverage,
            stale_ignores,
        } = report;
        let policy = &self.0.policy;
        writeln!(out, "## claimcheck\n\n{}\n", md(&summary_line(report)))?;
        writeln!(out, "| verdict | claims |\n|---|---:|")?;
        for v in Verdict::ALL {
            writeln!(out, "| {} {v} | {} |", mark(v), report.count(v))?;
        }
        if !coverage.is_empty() {
            writeln!(
                out,
                "\n| draft | figures | checked | waived | coverage |\n|---|---:|---:|---:|---:|"
            )?;
            for c in coverage {
                let pct = percent_text(c.percent());
                let flag = if policy.short(c) { " ❌" } else { "" };
                let name = md(files.name(c.draft));
                writeln!(
                    out,
                    "| {name} | {} | {} | {} | {pct}{flag} |",
                    c.figures, c.checked, c.waived
                )?;
            }
        }
        if self.0.quiet {
            return Ok(());
        }
        let mut lines: Vec<String> = errors.iter().map(error_line).collect();
        lines.extend(
            claims
                .iter()
                .filter_map(|c| claim_line(files, &ClaimView::new(files, c), policy)),
        );
        for s in stale_ignores {
            lines.push(format!(
                "- 🔍 an `ignore` entry's quote is not in the draft ({})",
                place(files, &s.at)
            ));
        }
        for c in policy.shortfalls(report) {
            lines.push(format!(
                "- ❌ {}",
                shortfall_text(&md(files.name(c.draft)), c, policy)
            ));
        }
        if !lines.is_empty() {
            writeln!(out, "\n### Not ok\n\n{}", lines.join("\n"))?;
        }
        Ok(())
    }
}

fn error_line(e: &RunError) -> String {
    let at = e
        .position
        .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
    format!(
        "- ⛔ **{}{at}** could not be checked: {}",
        md(&e.file),
        md(&e.message)
    )
}

/// The line of a claim that is not ok.
fn claim_line(files: &Files, v: &ClaimView<'_>, policy: &Policy) -> Option<String> {
    if v.verdict == Verdict::Ok {
        return None;
    }
    let code = v.code.map_or(String::new(), |c| format!(" {}", c.id()));
    let soft = if policy.fails(v.verdict) {
        ""
    } else {
        " (does not fail the run)"
    };
    let hints: String = v
        .hints
        .iter()
        .map(|h| format!("; help: {}", md(&super::view::hint_text(h))))
        .collect();
    Some(format!(
        "- {} **{}** {}{code}{soft}: {} ({}){hints}",
        mark(v.verdict),
        md(v.id),
        v.verdict,
        md(&v.message),
        place(files, primary(v))
    ))
}
