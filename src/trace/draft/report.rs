//! The `audit` reports: every figure of the draft with its best support,
//! or "no support found", and the verdict `check` gives the claim `init`
//! would write for it. Input text in the human report goes through
//! [`visible`].

use std::io::{self, Write};

use serde::Serialize;

use super::{Drafted, Figure, Support};
use crate::diagnostic::Verdict;
use crate::report::visible;
use crate::trace::output::{Facts, grouped};

/// How many figures have which support.
#[derive(Serialize)]
struct Summary {
    figures: usize,
    supported: usize,
    derived: usize,
    appears: usize,
    unsupported: usize,
}

fn summary(d: &Drafted) -> Summary {
    let supported = d
        .supports
        .iter()
        .filter(|s| s.check.is_some() || s.appears.is_some())
        .count();
    Summary {
        figures: d.figures.len(),
        supported,
        derived: d.supports.iter().filter(|s| s.check.is_some()).count(),
        appears: d.supports.iter().filter(|s| s.appears.is_some()).count(),
        unsupported: d.figures.len() - supported,
    }
}

#[derive(Serialize)]
struct Json<'a> {
    draft: &'a str,
    considered: u64,
    summary: Summary,
    figures: Vec<JsonFigure<'a>>,
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    id: &'a str,
    text: &'a str,
    line: usize,
    column: usize,
    says: &'a str,
    verdict: Verdict,
    consistent: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    appears_in: Option<JsonAppears<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<JsonCheck<'a>>,
}

#[derive(Serialize)]
struct JsonAppears<'a> {
    #[serde(rename = "in")]
    source: &'a str,
    text: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    expr: &'a str,
    facts: Facts<'a>,
    score: f64,
    note: &'a str,
}

fn figure<'a>(f: &'a Figure, s: &'a Support, verdict: Verdict) -> JsonFigure<'a> {
    JsonFigure {
        id: &f.id,
        text: &f.text,
        line: f.line,
        column: f.column,
        says: &f.says,
        verdict,
        consistent: s.consistent,
        appears_in: s.appears.as_ref().map(|a| JsonAppears {
            source: &a.source,
            text: &a.text,
            line: a.line,
            column: a.column,
        }),
        check: s.check.as_ref().map(|d| JsonCheck {
            expr: &d.expr,
            facts: Facts(&d.facts),
            score: d.score,
            note: &d.note,
        }),
    }
}

/// Writes the audit of `drafted` as one JSON object; `verdicts` are the
/// claims' verdicts, in figure order.
pub fn write_audit_json(
    d: &Drafted,
    draft: &str,
    verdicts: &[Verdict],
    out: &mut dyn Write,
) -> io::Result<()> {
    let json = Json {
        draft,
        considered: d.considered,
        summary: summary(d),
        figures: d
            .figures
            .iter()
            .zip(&d.supports)
            .zip(verdicts)
            .map(|((f, s), v)| figure(f, s, *v))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// Writes the audit of `drafted` for people: one line per figure.
pub fn write_audit_human(
    d: &Drafted,
    draft: &str,
    verdicts: &[Verdict],
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = summary(d);
    writeln!(
        out,
        "{}: {} figures, {} supported ({} by a derivation, {} found as written), {} with no support found ({} derivations considered)",
        visible(draft),
        s.figures,
        s.supported,
        s.derived,
        s.appears,
        s.unsupported,
        grouped(d.considered)
    )?;
    if d.exhausted {
        writeln!(
            out,
            "note: the search budget ran out; farther and deeper derivations were not tried"
        )?;
    }
    for ((f, s), v) in d.figures.iter().zip(&d.supports).zip(verdicts) {
        let place = format!("{}:{}", f.line, f.column);
        writeln!(
            out,
            "{place:>8}  {}  {v}  {}",
            visible(&f.text),
            visible(&support(s))
        )?;
    }
    Ok(())
}

/// One line on what supports a figure.
fn support(s: &Support) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &s.check {
        let facts: Vec<String> = d
            .facts
            .iter()
            .map(|f| {
                format!(
                    "{} = {} ({} {}:{})",
                    f.name,
                    number_of(&f.quote.text),
                    f.source,
                    f.quote.line,
                    f.quote.column
                )
            })
            .collect();
        parts.push(format!(
            "= {} ({}; score {}; {} consistent) with {}",
            d.expr,
            d.note,
            d.score,
            s.consistent,
            facts.join(", ")
        ));
    }
    if let Some(a) = &s.appears {
        parts.push(format!(
            "appears in {} as {} (line {}, column {})",
            a.source, a.text, a.line, a.column
        ));
    }
    if parts.is_empty() {
        return "no support found".to_string();
    }
    parts.join("; ")
}

/// The marked number of a quote.
fn number_of(quote: &str) -> &str {
    let start = quote.find('{').map_or(0, |i| i + 1);
    let end = quote[start..].find('}').map_or(quote.len(), |i| start + i);
    &quote[start..end]
}
