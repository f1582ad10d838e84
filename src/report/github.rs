//! `--format github`: GitHub Actions workflow commands, one annotation per
//! claim that is not ok, placed on the draft's sentence when there is one.

use std::io::{self, Write};

use super::{Report, RunError};
use crate::diagnostic::Verdict;

/// Escapes a message (`%`, CR and LF), as `@actions/core` does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per finding, then a summary notice.
pub fn write_github(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for e in &report.errors {
        write_run_error(out, e)?;
    }
    for r in &report.results {
        if r.verdict == Verdict::Ok {
            continue;
        }
        let level = if r.verdict == Verdict::Undecided {
            "warning"
        } else {
            "error"
        };
        let place = r
            .stated_at
            .as_ref()
            .or(r.said_at.as_ref())
            .unwrap_or(&r.claim);
        let code = r.code.map_or(String::new(), |c| format!(" {c}"));
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&place.file),
            place.line,
            place.column
        );
        if place.end_line == place.line {
            props.push_str(&format!(
                ",endLine={},endColumn={}",
                place.end_line, place.end_column
            ));
        }
        let title = format!("claimcheck{code}: {} ({})", r.id, r.verdict);
        writeln!(
            out,
            "::{level} {props},title={}::{}",
            escape_property(&title),
            escape_data(&r.message)
        )?;
    }
    writeln!(
        out,
        "::notice title=claimcheck::{}",
        escape_data(&report.summary_line())
    )
}

fn write_run_error(out: &mut dyn Write, e: &RunError) -> io::Result<()> {
    let mut props = format!("file={}", escape_property(&e.file));
    if let (Some(l), Some(c)) = (e.line, e.column) {
        props.push_str(&format!(",line={l},col={c}"));
    }
    writeln!(
        out,
        "::error {props},title=claimcheck::{}",
        escape_data(&e.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_percent_signs_and_separators() {
        assert_eq!(escape_data("grew 15.3%\nnext"), "grew 15.3%25%0Anext");
        assert_eq!(escape_property("a: b, c"), "a%3A b%2C c");
    }
}
