//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. Each claim
//! that is not ok is a result located on the draft's sentence (or the
//! claims file), with the numbers that went in as related locations.
//! Columns are Unicode code points, and say so.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Place, Report};
use crate::diagnostic::{Code, Verdict};

fn location(place: &Place, message: Option<&str>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": place.file },
            "region": {
                "startLine": place.line,
                "startColumn": place.column,
                "endLine": place.end_line,
                "endColumn": place.end_column,
            }
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
                let level = if c.verdict() == Verdict::Undecided { "warning" } else { "error" };
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

/// Writes the report as a SARIF log.
pub fn write_sarif(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut results = Vec::new();
    for r in report.results.iter().filter(|r| r.verdict != Verdict::Ok) {
        let code = r.code.unwrap_or(Code::InvalidClaim);
        let place = r
            .stated_at
            .as_ref()
            .or(r.said_at.as_ref())
            .unwrap_or(&r.claim);
        let mut related: Vec<Value> = Vec::new();
        let extra = r.inputs.iter().chain(&r.nearest).chain(r.found.iter());
        for (i, input) in extra.enumerate() {
            if let Some(p) = &input.place {
                let mut loc = location(p, Some(&format!("{} = {}", input.name, input.value)));
                loc["id"] = json!(i + 1);
                related.push(loc);
            }
        }
        if let Some(c) = &r.closest {
            let mut loc = location(&c.place, Some("closest passage"));
            loc["id"] = json!(related.len() + 1);
            related.push(loc);
        }
        let level = if r.verdict == Verdict::Undecided {
            "warning"
        } else {
            "error"
        };
        let mut result = json!({
            "ruleId": code.id(),
            "ruleIndex": Code::ALL.iter().position(|c| *c == code).unwrap_or(0),
            "level": level,
            "message": { "text": format!("{}: {}", r.id, r.message) },
            "locations": [location(place, None)],
            "partialFingerprints": { "claimId/v1": format!("{}#{}", r.file, r.id) },
            "properties": { "verdict": r.verdict.as_str(), "claimsFile": r.file, "claimId": r.id },
        });
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
        results.push(result);
    }
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            let mut n = json!({ "level": "error", "message": { "text": e.message } });
            if let (Some(line), Some(column)) = (e.line, e.column) {
                n["locations"] = json!([{ "physicalLocation": {
                    "artifactLocation": { "uri": e.file },
                    "region": { "startLine": line, "startColumn": column }
                } }]);
            } else {
                n["locations"] =
                    json!([{ "physicalLocation": { "artifactLocation": { "uri": e.file } } }]);
            }
            n
        })
        .collect();
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
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
