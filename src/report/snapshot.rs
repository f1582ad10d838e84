//! The snapshot report (`check --snapshot FILE`): a plain text made to be
//! committed beside a draft and reviewed as a diff in a pull request. One
//! block per claim (verdict, message, where, the arithmetic), claims files
//! in path order, claims in file order, then coverage, the figures no claim
//! checks, and the summary.
//!
//! It is stable: no colour, no timings, no version; paths relative to the
//! claims file's folder (see [`Rebase`]) with `/` separators; `\n` line
//! ends; every piece of input text made visible, and every line starts
//! with the report's own words (`claim `, `== `, or indentation), so no
//! input can start a line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::escape::visible;
use super::paths::Rebase;
use super::view::{ClaimView, text_of};
use super::{Policy, Renderer, coverage_text, primary, shortfall_text, summary_line};
use crate::outcome::{Files, Report, RunError, Span, StaleIgnore};
use crate::quote::one_line;

/// The snapshot format.
pub struct Snapshot {
    /// How file names are written.
    pub rebase: Rebase,
    /// What fails the run (for the coverage requirement).
    pub policy: Policy,
}

const HEADER: &str = "# claimcheck snapshot: one block per claim. Review its diff in the pull request;\n# rewrite it with `claimcheck check --snapshot FILE --accept` (or CLAIMCHECK_ACCEPT=1).\n";

impl Renderer for Snapshot {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            notes,
            unchecked,
            coverage,
            stale_ignores,
        } = report;
        out.write_all(HEADER.as_bytes())?;
        let names = file_names(report);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let rebase_text = |t: &str| self.rebase.names_in(&self.rebase.message(t), &names);
        self.errors(out, errors, &rebase_text)?;
        let mut by_file: BTreeMap<String, Vec<ClaimView<'_>>> = BTreeMap::new();
        for c in claims {
            let v = ClaimView::new(files, c);
            let name = self.rebase.path(files.name(c.claims_file));
            by_file.entry(name).or_default().push(v);
        }
        for (file, views) in &by_file {
            writeln!(out, "\n== {}", visible(file))?;
            for v in views {
                self.claim(out, files, v, &rebase_text)?;
            }
        }
        self.stale(out, files, stale_ignores)?;
        self.coverage(out, files, coverage)?;
        self.unchecked(out, files, unchecked)?;
        let mut notes: Vec<String> = notes
            .iter()
            .map(|n| {
                let name = self.rebase.path(files.name(n.file));
                format!("{}: {}", visible(&name), visible(&n.note))
            })
            .collect();
        notes.sort();
        section(out, "notes", notes.into_iter())?;
        writeln!(out, "\n== summary\n  {}", summary_line(report))
    }
}

/// The names of the files a report's messages may mention: claims files,
/// drafts, and the sources claims point into.
fn file_names(report: &Report) -> Vec<String> {
    let files = &report.files;
    let mut ids: Vec<crate::outcome::FileId> = report.coverage.iter().map(|c| c.draft).collect();
    for c in &report.claims {
        ids.push(c.claims_file);
        ids.extend(c.said.as_ref().map(|s| s.file));
    }
    ids.extend(report.notes.iter().map(|n| n.file));
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .map(|id| files.name(id).to_string())
        .collect()
}

/// Writes a titled section of indented lines, unless there are none.
fn section(
    out: &mut dyn Write,
    title: &str,
    lines: impl Iterator<Item = String>,
) -> io::Result<()> {
    let mut lines = lines.peekable();
    if lines.peek().is_none() {
        return Ok(());
    }
    writeln!(out, "\n== {title}")?;
    for l in lines {
        writeln!(out, "  {l}")?;
    }
    Ok(())
}

impl Snapshot {
    /// The files that could not be checked, by rebased name.
    fn errors(
        &self,
        out: &mut dyn Write,
        errors: &[RunError],
        rebase_text: &dyn Fn(&str) -> String,
    ) -> io::Result<()> {
        let mut lines: Vec<(String, String)> = errors
            .iter()
            .map(|e| {
                let at = e
                    .position
                    .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
                let file = self.rebase.path(&e.file);
                let message = visible(&rebase_text(&e.message)).into_owned();
                (file.clone(), format!("{}{at}: {message}", visible(&file)))
            })
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let lines = lines.into_iter().map(|e| e.1);
        section(out, "files that could not be checked", lines)
    }

    /// The `ignore` entries that waive nothing.
    fn stale(&self, out: &mut dyn Write, files: &Files, stale: &[StaleIgnore]) -> io::Result<()> {
        let mut lines: Vec<String> = stale
            .iter()
            .map(|s| {
                let quote = s.closest.as_ref().map_or(String::new(), |c| {
                    let passage = one_line(files.text(&c.passage));
                    format!(": {} (closest: {})", visible(&c.quote), visible(&passage))
                });
                format!("{}{quote}", self.place(files, &s.at))
            })
            .collect();
        lines.sort();
        let title = "`ignore` entries whose quote is not in the draft";
        section(out, title, lines.into_iter())
    }

    /// The rebased name of a span's file.
    fn name(&self, files: &Files, span: &Span) -> String {
        self.rebase.path(files.name(span.file))
    }

    /// `file:line:column` (with the page or sheet), rebased and visible.
    fn place(&self, files: &Files, span: &Span) -> String {
        let loc = files.start(span);
        let section = loc.section.map_or(String::new(), |(_, label)| {
            format!(" ({})", visible(&label))
        });
        format!(
            "{}:{}:{}{section}",
            visible(&self.name(files, span)),
            loc.position.line,
            loc.position.column
        )
    }

    fn claim(
        &self,
        out: &mut dyn Write,
        files: &Files,
        v: &ClaimView<'_>,
        rebase_text: &dyn Fn(&str) -> String,
    ) -> io::Result<()> {
        let code = v.code.map_or(String::new(), |c| format!(" {}", c.id()));
        writeln!(out, "\nclaim {}: {}{code}", visible(v.id), v.verdict)?;
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(said) = v.said {
            fields.push(("says", one_line(&text_of(files, said))));
        }
        fields.push(("at", self.place(files, primary(v))));
        fields.push(("message", rebase_text(&v.message)));
        if let (Some(expr), Some(formula)) = (v.expr, &v.formula) {
            fields.push(("formula", format!("{expr} = {formula}")));
        }
        if let Some(gap) = &v.gap {
            fields.push(("gap", gap.clone()));
        }
        fields.extend(v.notes.iter().map(|n| ("note", n.clone())));
        fields.extend(v.hints.iter().map(|h| ("help", super::view::hint_text(h))));
        if let Some(c) = &v.closest {
            let diff = super::inline_diff(&c.quote, &c.passage);
            fields.push((
                "closest",
                format!("{} at {}", diff, self.place(files, &c.at)),
            ));
        }
        for (label, value) in fields {
            let value = if label == "at" || label == "closest" {
                value
            } else {
                visible(&value).into_owned()
            };
            writeln!(out, "  {label}: {value}")?;
        }
        Ok(())
    }

    fn coverage(
        &self,
        out: &mut dyn Write,
        files: &Files,
        coverage: &[crate::outcome::DraftCoverage],
    ) -> io::Result<()> {
        let mut lines: Vec<String> = coverage
            .iter()
            .map(|c| {
                let name = visible(&self.rebase.path(files.name(c.draft))).into_owned();
                let short = if self.policy.short(c) {
                    format!("; {}", shortfall_text(&name, c, &self.policy))
                } else {
                    String::new()
                };
                format!("{name}: {}{short}", coverage_text(c))
            })
            .collect();
        lines.sort();
        section(out, "coverage", lines.into_iter())
    }

    fn unchecked(&self, out: &mut dyn Write, files: &Files, unchecked: &[Span]) -> io::Result<()> {
        let mut lines: Vec<(String, usize, String)> = unchecked
            .iter()
            .map(|s| {
                let text = format!("{} {}", self.place(files, s), visible(&text_of(files, s)));
                (self.name(files, s), s.range.start, text)
            })
            .collect();
        lines.sort();
        section(
            out,
            "figures no claim checks",
            lines.into_iter().map(|l| l.2),
        )
    }
}
