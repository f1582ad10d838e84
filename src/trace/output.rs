//! The `trace` reports. JSON is the contract's object (`value`,
//! `considered`, `consistent`, `candidates` with `expr`, `facts`, `low`,
//! `high`, `score`), best first. The human report shows each candidate's
//! `check` and facts as JSON lines to paste into a claims file, and says how
//! many derivations were consistent, so a coincidence shows as one of many.
//! Every piece of input text in it goes through [`visible`].

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeMap;

use super::hint::MARGIN;
use super::{Candidate, Target, Traced, TracedFact};
use crate::report::visible;

#[derive(Serialize)]
struct Json<'a> {
    value: &'a str,
    considered: u64,
    consistent: usize,
    candidates: Vec<JsonCandidate<'a>>,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    expr: &'a str,
    facts: Facts<'a>,
    low: &'a str,
    high: &'a str,
    score: f64,
}

/// Facts as a JSON object, in the order the expression names them.
pub(crate) struct Facts<'a>(pub &'a [TracedFact]);

#[derive(Serialize)]
struct JsonFact<'a> {
    #[serde(rename = "in")]
    source: &'a str,
    quote: &'a str,
    line: usize,
    column: usize,
}

impl Serialize for Facts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for f in self.0 {
            let fact = JsonFact {
                source: &f.source,
                quote: &f.quote.text,
                line: f.quote.line,
                column: f.quote.column,
            };
            map.serialize_entry(&f.name, &fact)?;
        }
        map.end()
    }
}

/// Writes `traced` as the contract's JSON object.
pub fn write_json(traced: &Traced, out: &mut dyn Write) -> io::Result<()> {
    let json = Json {
        value: &traced.value,
        considered: traced.considered,
        consistent: traced.consistent,
        candidates: traced
            .candidates
            .iter()
            .map(|c| JsonCandidate {
                expr: &c.expr,
                facts: Facts(&c.facts),
                low: &c.low,
                high: &c.high,
                score: c.score,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// `1,234,567`.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The one-line summary: how many derivations were consistent, of how many.
pub(crate) fn summary(traced: &Traced) -> String {
    let (m, n) = (traced.consistent, grouped(traced.considered));
    let verb = if m == 1 { "is" } else { "are" };
    let distinct = if traced.distinct != m {
        format!(" ({} distinct)", traced.distinct)
    } else {
        String::new()
    };
    format!("{m} of {n} derivations considered {verb} consistent{distinct}")
}

/// Writes `traced` for people: candidates with their facts as JSON lines.
pub fn write_human(traced: &Traced, target: &Target, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}: {}", visible(&traced.value), summary(traced))?;
    if traced.exhausted {
        writeln!(
            out,
            "note: the search budget ran out; farther and deeper derivations were not tried"
        )?;
    }
    match traced.lead {
        Some(lead) if lead < MARGIN => writeln!(
            out,
            "note: ambiguous: another derivation scores within {lead} points of the best; either may be a coincidence"
        )?,
        Some(lead) => writeln!(
            out,
            "note: the best scores {lead} points above the next different derivation"
        )?,
        None => {}
    }
    if traced.candidates.is_empty() {
        writeln!(out, "no derivation found")?;
    }
    for (k, c) in traced.candidates.iter().enumerate() {
        writeln!(out)?;
        write_candidate(out, k + 1, c, target)?;
    }
    Ok(())
}

fn write_candidate(
    out: &mut dyn Write,
    k: usize,
    c: &Candidate,
    target: &Target,
) -> io::Result<()> {
    let shown = target.stated.notation.interval(&c.computed.iv);
    writeln!(
        out,
        "{k}. {} = {}  (score {}; {})",
        visible(&c.expr),
        visible(&shown),
        c.score,
        visible(&c.note)
    )?;
    let places: Vec<String> = c
        .facts
        .iter()
        .map(|f| {
            format!(
                "{} at {} line {}, column {}",
                f.name, f.source, f.quote.line, f.quote.column
            )
        })
        .collect();
    writeln!(out, "   {}", visible(&places.join("; ")))?;
    writeln!(out, "   \"check\": {}", visible(&json_string(&c.expr)))?;
    for f in &c.facts {
        writeln!(out, "   {},", visible(&fact_line(f)))?;
    }
    Ok(())
}

/// A fact as one JSON member line: `"a": { "in": "…", "quote": "…" }`.
pub(crate) fn fact_line(f: &TracedFact) -> String {
    format!(
        "{}: {{ \"in\": {}, \"quote\": {} }}",
        json_string(&f.name),
        json_string(&f.source),
        json_string(&f.quote.text)
    )
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
