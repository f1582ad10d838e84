//! `--format json`: the contract's object (`summary` and `results` with
//! `file`, `id`, `verdict`, `message`), plus fields of our own that explain
//! each verdict. Same inputs, byte-identical output.

use std::io::{self, Write};

use serde::Serialize;

use super::{ClaimResult, Closest, Input, Place, Report, RunError};
use crate::diagnostic::Verdict;

#[derive(Serialize)]
struct Output<'a> {
    summary: Summary,
    results: Vec<Result<'a>>,
    #[serde(skip_serializing_if = "<[RunError]>::is_empty")]
    errors: &'a [RunError],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unchecked: Vec<Figure<'a>>,
}

#[derive(Serialize)]
struct Figure<'a> {
    text: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Summary {
    ok: usize,
    mismatch: usize,
    undecided: usize,
    #[serde(rename = "not-found")]
    not_found: usize,
    error: usize,
}

#[derive(Serialize)]
struct Result<'a> {
    file: &'a str,
    id: &'a str,
    verdict: Verdict,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    claim: Where<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stated_at: Option<Where<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draft_at: Option<Where<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expr: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    inputs: Vec<Value<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<Value<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    nearest: Vec<Value<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closest: Option<Passage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

#[derive(Serialize)]
struct Where<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

impl<'a> From<&'a Place> for Where<'a> {
    fn from(p: &'a Place) -> Self {
        Where {
            file: &p.file,
            line: p.line,
            column: p.column,
        }
    }
}

#[derive(Serialize)]
struct Value<'a> {
    name: &'a str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<Where<'a>>,
}

impl<'a> From<&'a Input> for Value<'a> {
    fn from(i: &'a Input) -> Self {
        Value {
            name: &i.name,
            value: &i.value,
            at: i.place.as_ref().map(Where::from),
        }
    }
}

#[derive(Serialize)]
struct Passage<'a> {
    quote: &'a str,
    passage: &'a str,
    at: Where<'a>,
}

impl<'a> From<&'a Closest> for Passage<'a> {
    fn from(c: &'a Closest) -> Self {
        Passage {
            quote: &c.quote,
            passage: &c.passage,
            at: Where::from(&c.place),
        }
    }
}

fn result(r: &ClaimResult) -> Result<'_> {
    Result {
        file: &r.file,
        id: &r.id,
        verdict: r.verdict,
        message: &r.message,
        code: r.code.map(|c| c.id()),
        claim: Where::from(&r.claim),
        stated: r.stated.as_deref(),
        stated_at: r.stated_at.as_ref().map(Where::from),
        draft_at: r.said_at.as_ref().map(Where::from),
        computed: r.computed.as_deref(),
        low: r.bounds.as_ref().map(|b| b.0.as_str()),
        high: r.bounds.as_ref().map(|b| b.1.as_str()),
        expr: r.expr.as_deref(),
        formula: r.formula.as_deref(),
        inputs: r.inputs.iter().map(Value::from).collect(),
        found: r.found.as_ref().map(Value::from),
        nearest: r.nearest.iter().map(Value::from).collect(),
        closest: r.closest.as_ref().map(Passage::from),
        gap: r.gap.as_deref(),
        notes: &r.notes,
    }
}

/// Writes the report as one JSON object.
pub fn write_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let output = Output {
        summary: Summary {
            ok: report.count(Verdict::Ok),
            mismatch: report.count(Verdict::Mismatch),
            undecided: report.count(Verdict::Undecided),
            not_found: report.count(Verdict::NotFound),
            error: report.count(Verdict::Error),
        },
        results: report.results.iter().map(result).collect(),
        errors: &report.errors,
        unchecked: report
            .unchecked
            .iter()
            .filter_map(|i| {
                i.place.as_ref().map(|p| Figure {
                    text: &i.value,
                    file: &p.file,
                    line: p.line,
                    column: p.column,
                })
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
