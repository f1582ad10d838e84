//! `--format json`: the contract's object (`summary` and `results` with
//! `file`, `id`, `verdict`, `message`), plus fields of our own that explain
//! each verdict. Same inputs, byte-identical output.

use std::io::{self, Write};

use serde::Serialize;

use super::view::{ClaimView, PassageView, ValueView, text_of};
use super::{Policy, Renderer};
use crate::diagnostic::Verdict;
use crate::document::SectionKind;
use crate::outcome::{Files, Report, RunError, SourceNote, Span};

/// The JSON format.
pub struct Json(pub Policy);

#[derive(Serialize)]
struct Output<'a> {
    summary: Summary,
    results: Results<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<RunErrorJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unchecked: Vec<Figure<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stale_ignores: Vec<Stale<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coverage: Vec<Coverage<'a>>,
}

/// The results, serialized one claim at a time as they are viewed, so a run
/// of 200,000 claims never holds 200,000 rendered results at once.
struct Results<'a> {
    files: &'a Files,
    claims: &'a [crate::outcome::ClaimOutcome],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let files = self.files;
        s.collect_seq(
            self.claims
                .iter()
                .map(|c| result(files, ClaimView::new(files, c))),
        )
    }
}

/// How much of a draft the claims cover.
#[derive(Serialize)]
struct Coverage<'a> {
    draft: &'a str,
    figures: usize,
    checked: usize,
    waived: usize,
    /// Checked figures among those not waived, in percent, rounded down to 0.1.
    percent: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    met: Option<bool>,
}

fn coverage<'a>(
    files: &'a Files,
    c: &crate::outcome::DraftCoverage,
    policy: &Policy,
) -> Coverage<'a> {
    Coverage {
        draft: files.name(c.draft),
        figures: c.figures,
        checked: c.checked,
        waived: c.waived,
        percent: (c.percent() * 10.0 + 1e-9).floor() / 10.0,
        required: policy.require_coverage,
        met: policy.require_coverage.map(|_| !policy.short(c)),
    }
}

/// An `ignore` entry whose quote is not in the draft.
#[derive(Serialize)]
struct Stale<'a> {
    code: &'static str,
    message: &'static str,
    at: Where<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closest: Option<Passage<'a>>,
}

const STALE_MESSAGE: &str = "an `ignore` entry's quote is not in the draft";

fn stale<'a>(files: &'a Files, s: &crate::outcome::StaleIgnore) -> Stale<'a> {
    Stale {
        code: crate::diagnostic::Code::SaysNotFound.id(),
        message: STALE_MESSAGE,
        at: place(files, &s.at),
        closest: s.closest.as_ref().map(|c| {
            passage(
                files,
                PassageView {
                    quote: c.quote.clone(),
                    passage: crate::quote::one_line(files.text(&c.passage)),
                    at: c.passage.clone(),
                },
            )
        }),
    }
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
struct RunErrorJson<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct Note<'a> {
    file: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct Figure<'a> {
    text: String,
    #[serde(flatten)]
    at: Where<'a>,
}

#[derive(Serialize)]
struct ClaimResult<'a> {
    file: &'a str,
    id: &'a str,
    verdict: Verdict,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    claim: Where<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stated_at: Option<Where<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draft_at: Option<Where<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expr: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    inputs: Vec<NumberAt<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<NumberAt<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    nearest: Vec<NumberAt<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closest: Option<Passage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hints: Vec<JsonHint<'a>>,
}

/// A hint: `expr` and `note`, with `facts` it needs beyond the claim's own.
#[derive(Serialize)]
struct JsonHint<'a> {
    expr: &'a str,
    note: &'a str,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    facts: std::collections::BTreeMap<&'a str, HintFact<'a>>,
}

#[derive(Serialize)]
struct HintFact<'a> {
    #[serde(rename = "in")]
    source: &'a str,
    quote: &'a str,
}

fn hint(h: &crate::outcome::Hint) -> JsonHint<'_> {
    JsonHint {
        expr: &h.expr,
        note: &h.note,
        facts: h
            .facts
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    HintFact {
                        source: &f.source,
                        quote: &f.quote,
                    },
                )
            })
            .collect(),
    }
}

/// A place: file, line, column, and the page or sheet when the file has them.
#[derive(Serialize)]
struct Where<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    line: usize,
    column: usize,
}

fn place<'a>(files: &'a Files, span: &Span) -> Where<'a> {
    let loc = files.start(span);
    let (page, sheet) = match loc.section {
        Some((SectionKind::Page, p)) => (Some(p), None),
        Some((SectionKind::Sheet, s)) => (None, Some(s)),
        None => (None, None),
    };
    Where {
        file: files.name(span.file),
        page,
        sheet,
        line: loc.position.line,
        column: loc.position.column,
    }
}

#[derive(Serialize)]
struct NumberAt<'a> {
    name: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<Where<'a>>,
}

fn value<'a>(files: &'a Files, v: ValueView) -> NumberAt<'a> {
    NumberAt {
        at: v.at.as_ref().map(|s| place(files, s)),
        name: v.name,
        value: v.value,
    }
}

#[derive(Serialize)]
struct Passage<'a> {
    quote: String,
    passage: String,
    at: Where<'a>,
}

fn passage<'a>(files: &'a Files, p: PassageView) -> Passage<'a> {
    Passage {
        at: place(files, &p.at),
        quote: p.quote,
        passage: p.passage,
    }
}

fn result<'a>(files: &'a Files, v: ClaimView<'a>) -> ClaimResult<'a> {
    let (low, high) = v.bounds.map_or((None, None), |(l, h)| (Some(l), Some(h)));
    ClaimResult {
        file: files.name(v.claims_file),
        id: v.id,
        verdict: v.verdict,
        message: v.message,
        code: v.code.map(|c| c.id()),
        claim: place(files, v.at),
        stated: v.stated,
        stated_at: v.stated_at.map(|s| place(files, s)),
        draft_at: v.said.map(|s| place(files, s)),
        computed: v.computed,
        low,
        high,
        expr: v.expr,
        formula: v.formula,
        inputs: v.inputs.into_iter().map(|i| value(files, i)).collect(),
        found: v.found.map(|f| value(files, f)),
        nearest: v.nearest.into_iter().map(|n| value(files, n)).collect(),
        closest: v.closest.map(|c| passage(files, c)),
        gap: v.gap,
        notes: v.notes,
        hints: v.hints.iter().map(hint).collect(),
    }
}

fn error(e: &RunError) -> RunErrorJson<'_> {
    RunErrorJson {
        file: &e.file,
        line: e.position.map(|p| p.line),
        column: e.position.map(|p| p.column),
        message: &e.message,
    }
}

fn note<'a>(files: &'a Files, n: &'a SourceNote) -> Note<'a> {
    Note {
        file: files.name(n.file),
        note: &n.note,
    }
}

impl Renderer for Json {
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
        let output = Output {
            summary: Summary {
                ok: report.count(Verdict::Ok),
                mismatch: report.count(Verdict::Mismatch),
                undecided: report.count(Verdict::Undecided),
                not_found: report.count(Verdict::NotFound),
                error: report.count(Verdict::Error),
            },
            results: Results { files, claims },
            errors: errors.iter().map(error).collect(),
            notes: notes.iter().map(|n| note(files, n)).collect(),
            unchecked: unchecked
                .iter()
                .map(|s| Figure {
                    text: text_of(files, s),
                    at: place(files, s),
                })
                .collect(),
            stale_ignores: stale_ignores.iter().map(|s| stale(files, s)).collect(),
            coverage: coverage
                .iter()
                .map(|c| self::coverage(files, c, &self.0))
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &output)?;
        writeln!(out)
    }
}
