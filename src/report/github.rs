//! `--format github`: GitHub Actions workflow commands, one annotation per
//! claim that is not ok, placed on the draft's sentence when there is one.
//! Messages are escaped as `@actions/core` does, and input text is made
//! visible first, so no input can end a command or start another.

use std::io::{self, Write};

use super::escape::visible;
use super::view::ClaimView;
use super::{Level, Policy, Renderer, primary, shortfall_text, summary_line};
use crate::diagnostic::Verdict;
use crate::outcome::{Files, Report, RunError, SourceNote};

/// The GitHub format.
pub struct Github(pub Policy);

/// Escapes a message (`%`, CR and LF), as `@actions/core` does.
fn escape_data(s: &str) -> String {
    visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn annotation(out: &mut dyn Write, files: &Files, v: &ClaimView<'_>) -> io::Result<()> {
    let span = primary(v);
    let (start, end) = (files.start(span).position, files.end(span).position);
    let code = v.code.map_or(String::new(), |c| format!(" {c}"));
    let mut props = format!(
        "file={},line={},col={}",
        escape_property(files.name(span.file)),
        start.line,
        start.column
    );
    if end.line == start.line {
        props.push_str(&format!(",endLine={},endColumn={}", end.line, end.column));
    }
    let title = format!("claimcheck{code}: {} ({})", v.id, v.verdict);
    // Hints go on lines of their own: `%0A` is the annotation's newline
    // (a newline in the input itself is shown escaped).
    let mut message = escape_data(&v.message);
    for h in v.hints {
        message.push_str("%0Ahelp: ");
        message.push_str(&escape_data(&super::view::hint_text(h)));
    }
    writeln!(
        out,
        "::{} {props},title={}::{}",
        Level::of(v.verdict).as_str(),
        escape_property(&title),
        message
    )
}

fn run_error(out: &mut dyn Write, e: &RunError) -> io::Result<()> {
    let mut props = format!("file={}", escape_property(&e.file));
    if let Some(p) = e.position {
        props.push_str(&format!(",line={},col={}", p.line, p.column));
    }
    writeln!(
        out,
        "::error {props},title=claimcheck::{}",
        escape_data(&e.message)
    )
}

fn note(out: &mut dyn Write, files: &Files, n: &SourceNote) -> io::Result<()> {
    writeln!(
        out,
        "::notice file={},title=claimcheck::{}",
        escape_property(files.name(n.file)),
        escape_data(&n.note)
    )
}

impl Renderer for Github {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            notes,
            // Counted in the summary.
            unchecked: _,
            coverage,
            stale_ignores,
        } = report;
        for e in errors {
            run_error(out, e)?;
        }
        for n in notes {
            note(out, files, n)?;
        }
        for s in stale_ignores {
            let p = files.start(&s.at).position;
            writeln!(
                out,
                "::error file={},line={},col={},title=claimcheck CC007::{}",
                escape_property(files.name(s.at.file)),
                p.line,
                p.column,
                escape_data("an `ignore` entry's quote is not in the draft")
            )?;
        }
        for c in claims {
            let v = ClaimView::new(files, c);
            if v.verdict != Verdict::Ok {
                annotation(out, files, &v)?;
            }
        }
        for c in coverage.iter().filter(|c| self.0.short(c)) {
            let name = files.name(c.draft);
            writeln!(
                out,
                "::error file={},title=claimcheck coverage::{}",
                escape_property(name),
                escape_data(&shortfall_text(name, c, &self.0))
            )?;
        }
        writeln!(
            out,
            "::notice title=claimcheck::{}",
            escape_data(&summary_line(report))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_percent_signs_and_separators() {
        assert_eq!(escape_data("grew 15.3%\nnext"), "grew 15.3%25\\u{a}next");
        assert_eq!(escape_property("a: b, c"), "a%3A b%2C c");
    }
}
