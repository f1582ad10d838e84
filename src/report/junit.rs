//! `--format junit`: JUnit XML for test tabs (GitLab, Jenkins, Azure). One
//! testsuite per claims file, one testcase per claim: a claim whose verdict
//! fails the run (`--fail-on`, by default every verdict but `ok`) is a
//! `<failure>`, any other passes (a verdict that is not ok but does not
//! fail says so in `<system-out>`); nothing is ever `skipped`. A file that
//! could not be checked is a testcase with an `<error>`; an `ignore` entry
//! that waives nothing is a testcase of its file; each draft's coverage is
//! a testcase of a last suite, `coverage`. The output validates against the
//! Jenkins/Surefire `junit-10.xsd`. All input text is XML-escaped, with the
//! characters XML 1.0 cannot hold made visible.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::escape::xml;
use super::view::ClaimView;
use super::{Policy, Renderer, coverage_text, primary, shortfall_text};
use crate::diagnostic::{Code, Verdict};
use crate::outcome::{Files, Report, RunError, Span, StaleIgnore};

/// The JUnit format.
pub struct Junit(pub Policy);

/// How a testcase ended.
enum Outcome {
    Passed(Option<String>),
    Failure {
        kind: String,
        message: String,
        body: Vec<(&'static str, String)>,
    },
    Error {
        message: String,
        body: Vec<(&'static str, String)>,
    },
}

struct Case {
    name: String,
    outcome: Outcome,
}

#[derive(Default)]
struct Suite {
    cases: Vec<Case>,
}

impl Suite {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.cases.iter().filter(|c| f(&c.outcome)).count()
    }

    fn failures(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failure { .. }))
    }

    fn errors(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Error { .. }))
    }
}

fn place(files: &Files, span: &Span) -> String {
    let p = files.start(span).position;
    format!("{}:{}:{}", files.name(span.file), p.line, p.column)
}

fn claim_case(files: &Files, v: &ClaimView<'_>, policy: &Policy) -> Case {
    let name = v.id.to_string();
    if v.verdict == Verdict::Ok {
        return Case {
            name,
            outcome: Outcome::Passed(None),
        };
    }
    let code = v.code.map_or(String::new(), |c| format!(" ({})", c.id()));
    if !policy.fails(v.verdict) {
        let note = format!(
            "{}{code}, which does not fail the run: {}",
            v.verdict, v.message
        );
        return Case {
            name,
            outcome: Outcome::Passed(Some(note)),
        };
    }
    let mut body = vec![
        ("verdict", format!("{}{code}", v.verdict)),
        ("message", v.message.clone()),
        ("at", place(files, primary(v))),
        ("claim", place(files, v.at)),
    ];
    if let Some(expr) = v.expr {
        body.push(("check", expr.to_string()));
    }
    if let Some(f) = &v.formula {
        body.push(("formula", f.clone()));
    }
    if let Some(c) = &v.computed {
        body.push(("computed", c.clone()));
    }
    if let Some(g) = &v.gap {
        body.push(("gap", g.clone()));
    }
    body.extend(v.notes.iter().map(|n| ("note", n.clone())));
    body.extend(v.hints.iter().map(|h| ("help", super::view::hint_text(h))));
    if let Some(c) = &v.closest {
        body.push((
            "closest",
            format!(
                "{} at {}",
                super::inline_diff(&c.quote, &c.passage),
                place(files, &c.at)
            ),
        ));
    }
    let outcome = Outcome::Failure {
        kind: v.verdict.to_string(),
        message: v.message.clone(),
        body,
    };
    Case { name, outcome }
}

fn stale_case(files: &Files, s: &StaleIgnore, policy: &Policy) -> Case {
    let message = "an `ignore` entry's quote is not in the draft".to_string();
    let name = format!("ignore {}", files.text(&s.at));
    let outcome = if policy.stale_fails() {
        let body = vec![
            (
                "verdict",
                format!("not-found ({})", Code::SaysNotFound.id()),
            ),
            ("at", place(files, &s.at)),
        ];
        Outcome::Failure {
            kind: "not-found".into(),
            message,
            body,
        }
    } else {
        Outcome::Passed(Some(format!(
            "not-found, which does not fail the run: {message}"
        )))
    };
    Case { name, outcome }
}

fn error_case(e: &RunError) -> Case {
    let at = e
        .position
        .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
    let body = vec![
        ("at", format!("{}{at}", e.file)),
        ("message", e.message.clone()),
    ];
    Case {
        name: "the claims file could be checked".to_string(),
        outcome: Outcome::Error {
            message: e.message.clone(),
            body,
        },
    }
}

impl Renderer for Junit {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            // Reading notes are not test results.
            notes: _,
            // The unchecked figures are summed up in the coverage suite.
            unchecked: _,
            coverage,
            stale_ignores,
        } = report;
        let policy = &self.0;
        let mut suites: BTreeMap<String, Suite> = BTreeMap::new();
        for e in errors {
            suites
                .entry(e.file.clone())
                .or_default()
                .cases
                .push(error_case(e));
        }
        for c in claims {
            let v = ClaimView::new(files, c);
            let suite = suites
                .entry(files.name(c.claims_file).to_string())
                .or_default();
            suite.cases.push(claim_case(files, &v, policy));
        }
        for s in stale_ignores {
            let suite = suites
                .entry(files.name(s.claims_file).to_string())
                .or_default();
            suite.cases.push(stale_case(files, s, policy));
        }
        let mut list: Vec<(String, Suite)> = suites.into_iter().collect();
        if !coverage.is_empty() {
            let cases = coverage
                .iter()
                .map(|c| {
                    let name = files.name(c.draft).to_string();
                    let outcome = if policy.short(c) {
                        let message = shortfall_text(&name, c, policy);
                        Outcome::Failure {
                            kind: "coverage".into(),
                            message: message.clone(),
                            body: vec![("message", message)],
                        }
                    } else {
                        Outcome::Passed(Some(coverage_text(c)))
                    };
                    Case { name, outcome }
                })
                .collect();
            list.push(("coverage".to_string(), Suite { cases }));
        }
        write_xml(out, &list)
    }
}

fn write_xml(out: &mut dyn Write, suites: &[(String, Suite)]) -> io::Result<()> {
    let tests: usize = suites.iter().map(|s| s.1.cases.len()).sum();
    let failures: usize = suites.iter().map(|s| s.1.failures()).sum();
    let errors: usize = suites.iter().map(|s| s.1.errors()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="claimcheck" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    for (name, suite) in suites {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="0">"#,
            xml(name),
            suite.cases.len(),
            suite.failures(),
            suite.errors()
        )?;
        let classname = xml(name.strip_suffix(".json").unwrap_or(name));
        for case in &suite.cases {
            write_case(out, &classname, case)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn write_case(out: &mut dyn Write, classname: &str, case: &Case) -> io::Result<()> {
    let open = format!(
        r#"    <testcase name="{}" classname="{classname}""#,
        xml(&case.name)
    );
    match &case.outcome {
        Outcome::Passed(None) => writeln!(out, "{open}/>"),
        Outcome::Passed(Some(note)) => {
            writeln!(
                out,
                "{open}>\n      <system-out>note: {}</system-out>\n    </testcase>",
                xml(note)
            )
        }
        Outcome::Failure {
            kind,
            message,
            body,
        } => {
            writeln!(out, "{open}>")?;
            let attrs = format!(r#"type="{}" message="{}""#, xml(kind), xml(message));
            writeln!(
                out,
                "      <failure {attrs}>{}</failure>\n    </testcase>",
                body_text(body)
            )
        }
        Outcome::Error { message, body } => {
            writeln!(out, "{open}>")?;
            let attrs = format!(r#"type="run-error" message="{}""#, xml(message));
            writeln!(
                out,
                "      <error {attrs}>{}</error>\n    </testcase>",
                body_text(body)
            )
        }
    }
}

/// The lines of a failure: each starts with its label, never with input.
fn body_text(body: &[(&'static str, String)]) -> String {
    let lines: Vec<String> = body
        .iter()
        .map(|(label, value)| format!("{label}: {}", xml(value)))
        .collect();
    lines.join("\n")
}
