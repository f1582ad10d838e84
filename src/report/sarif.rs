//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. Each claim
//! that is not ok is a result located on the draft's sentence (or the
//! claims file), with the numbers that went in as related locations.
//! Columns are Unicode code points, and say so; a location in a PDF page or
//! a sheet carries it as a region property.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::view::ClaimView;
use super::{Level, Policy, Renderer, primary, shortfall_text};
use crate::diagnostic::{Code, Verdict};
use crate::document::SectionKind;
use crate::outcome::{DraftCoverage, Files, Report, RunError, SourceNote, Span};

/// The SARIF format.
pub struct Sarif(pub Policy);

fn location(files: &Files, span: &Span, message: Option<&str>) -> Value {
    let (start, end) = (files.start(span), files.end(span));
    let mut region = json!({
        "startLine": start.position.line,
        "startColumn": start.position.column,
        "endLine": end.position.line,
        "endColumn": end.position.column,
    });
    if let Some((kind, label)) = &start.section {
        let key = match kind {
            SectionKind::Page => "page",
            SectionKind::Sheet => "sheet",
        };
        region["properties"] = json!({ key: label });
    }
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": files.name(span.file) },
            "region": region,
        }
    });
    if let Some(m) = message {
        loc["message"] = json!({ "text": m });
    }
    loc
}

fn rules() -> Value {
    Value::Array(
        Code::ALL
            .iter()
            .map(|c| {
                let level = Level::of(c.verdict()).as_str();
                json!({
                    "id": c.id(),
                    "name": c.name(),
                    "shortDescription": { "text": c.summary() },
                    "fullDescription": { "text": c.explanation() },
                    "help": { "text": format!("{} Run `claimcheck explain {}` for more.", c.summary(), c.id()) },
                    "defaultConfiguration": { "level": level },
                })
            })
            .collect(),
    )
}

fn related(files: &Files, v: &ClaimView<'_>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let extra = v.inputs.iter().chain(&v.nearest).chain(v.found.iter());
    for input in extra {
        if let Some(at) = &input.at {
            let text = format!("{} = {}", input.name, input.value);
            let mut loc = location(files, at, Some(&text));
            loc["id"] = json!(out.len() + 1);
            out.push(loc);
        }
    }
    if let Some(c) = &v.closest {
        let mut loc = location(files, &c.at, Some("closest passage"));
        loc["id"] = json!(out.len() + 1);
        out.push(loc);
    }
    out
}

fn result(files: &Files, v: &ClaimView<'_>) -> Value {
    let code = v.code.unwrap_or(Code::InvalidClaim);
    let claims_file = files.name(v.claims_file);
    let mut result = json!({
        "ruleId": code.id(),
        "ruleIndex": code.index(),
        "level": Level::of(v.verdict).as_str(),
        "message": { "text": format!("{}: {}", v.id, v.message) },
        "locations": [location(files, primary(v), None)],
        "partialFingerprints": { "claimId/v1": format!("{claims_file}#{}", v.id) },
        "properties": { "verdict": v.verdict.as_str(), "claimsFile": claims_file, "claimId": v.id },
    });
    if !v.hints.is_empty() {
        let hints: Vec<String> = v.hints.iter().map(super::view::hint_text).collect();
        result["properties"]["hints"] = json!(hints);
    }
    let related = related(files, v);
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

fn stale_result(files: &Files, s: &crate::outcome::StaleIgnore) -> Value {
    let code = Code::SaysNotFound;
    json!({
        "ruleId": code.id(),
        "ruleIndex": code.index(),
        "level": "error",
        "message": { "text": "an `ignore` entry's quote is not in the draft" },
        "locations": [location(files, &s.at, None)],
    })
}

fn notification(e: &RunError) -> Value {
    let mut n = json!({ "level": "error", "message": { "text": e.message } });
    let mut physical = json!({ "artifactLocation": { "uri": e.file } });
    if let Some(p) = e.position {
        physical["region"] = json!({ "startLine": p.line, "startColumn": p.column });
    }
    n["locations"] = json!([{ "physicalLocation": physical }]);
    n
}

fn note(files: &Files, n: &SourceNote) -> Value {
    json!({
        "level": "note",
        "message": { "text": n.note },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": files.name(n.file) } } }],
    })
}

/// A draft below `--require-coverage`, as a notification.
fn shortfall(files: &Files, c: &DraftCoverage, policy: &Policy) -> Value {
    let name = files.name(c.draft);
    json!({
        "level": "error",
        "message": { "text": shortfall_text(name, c, policy) },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": name } } }],
    })
}

/// A draft's coverage, for the run's properties.
fn coverage_value(files: &Files, c: &DraftCoverage) -> Value {
    json!({
        "draft": files.name(c.draft),
        "figures": c.figures,
        "checked": c.checked,
        "waived": c.waived,
    })
}

impl Renderer for Sarif {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            notes,
            // Counted in the coverage.
            unchecked: _,
            coverage,
            stale_ignores,
        } = report;
        let stale = stale_ignores.iter().map(|s| stale_result(files, s));
        let results: Vec<Value> = claims
            .iter()
            .map(|c| ClaimView::new(files, c))
            .filter(|v| v.verdict != Verdict::Ok)
            .map(|v| result(files, &v))
            .chain(stale)
            .collect();
        let shortfalls = self
            .0
            .shortfalls(report)
            .into_iter()
            .map(|c| shortfall(files, c, &self.0));
        let notifications: Vec<Value> = errors
            .iter()
            .map(notification)
            .chain(notes.iter().map(|n| note(files, n)))
            .chain(shortfalls)
            .collect();
        let coverage: Vec<Value> = coverage.iter().map(|c| coverage_value(files, c)).collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "claimcheck",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules(),
                } },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": { "coverage": coverage },
                "invocations": [{
                    "executionSuccessful": errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
