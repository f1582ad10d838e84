//! Every report format over the one report: snapshots on the bundled
//! examples and on an error run, the same exit status whatever the format,
//! SARIF and JUnit validated against their schemas, and the HTML page well
//! formed and self-contained.

mod common;

use std::collections::BTreeSet;

use common::{code, run, stdout, transcript};

/// Every `--format`.
const FORMATS: [&str; 7] = [
    "human", "json", "sarif", "github", "junit", "markdown", "html",
];

/// A transcript with the version and the HTML page's fixed style and
/// script left out, for snapshots.
fn shown(out: &std::process::Output) -> String {
    let text = transcript(out).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    let cut = |text: String, open: &str, close: &str| match (text.find(open), text.find(close)) {
        (Some(a), Some(b)) if a < b => format!("{}{open}[…]{}", &text[..a], &text[b..]),
        _ => text,
    };
    let text = cut(text, "<style>", "</style>");
    cut(text, "<script>", "</script>")
}

#[test]
fn every_format_on_the_bundled_examples() {
    for format in FORMATS.iter().filter(|f| **f != "human") {
        let out = run(&["check", "--format", format]);
        assert_eq!(code(&out), 1, "{format}");
        insta::assert_snapshot!(format!("bundled_{format}"), shown(&out));
    }
}

#[test]
fn every_format_on_an_error_run() {
    let paths = [
        "tests/cases/file-missing-source/claims.json",
        "tests/cases/ignore-waivers/claims.json",
    ];
    for format in FORMATS {
        let mut args = vec!["check", "--color", "never", "--format", format];
        args.extend(paths);
        let out = run(&args);
        assert_eq!(code(&out), 2, "{format}");
        insta::assert_snapshot!(format!("error_run_{format}"), shown(&out));
    }
}

/// A claim id as the text formats show it (control characters visible).
fn shown_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The claim ids a JUnit report marks as failures (not `ignore` entries
/// or coverage), entities decoded.
fn junit_failures(xml: &str) -> BTreeSet<String> {
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let mut failing = BTreeSet::new();
    let mut current = None;
    for line in xml.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("<testcase name=\"") {
            let classname = rest.split("classname=\"").nth(1).unwrap_or("");
            current = rest
                .split('"')
                .next()
                .filter(|_| !classname.starts_with("coverage"))
                .map(unescape);
            current = current.filter(|n| !n.starts_with("ignore "));
        } else if line.trim_start().starts_with("<failure") {
            failing.extend(current.take());
        }
    }
    failing
}

/// The claim ids whose verdict is in `fail_on`, from the JSON report.
fn json_failures(json: &str, fail_on: &[&str]) -> BTreeSet<String> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| fail_on.contains(&r["verdict"].as_str().unwrap()))
        .map(|r| shown_id(r["id"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_format_never_changes_the_exit_status_or_the_failing_claims() {
    let all = ["mismatch", "not-found", "error", "undecided"];
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("claims", &[], &all),
        (
            "claims",
            &["--fail-on", "mismatch,error"],
            &["mismatch", "error"],
        ),
        (
            "tests/cases/ok-all/claims.json",
            &["--require-coverage", "100"],
            &all,
        ),
        (
            "tests/cases/undecided/claims.json",
            &["--fail-on", "mismatch"],
            &["mismatch"],
        ),
        ("tests/cases/undecided/claims.json", &[], &all),
        (
            "tests/cases/ignore-waivers/claims.json",
            &["--fail-on", "error"],
            &["error"],
        ),
        (
            "tests/cases/claim-errors/claims.json",
            &["--fail-on", "error"],
            &["error"],
        ),
        ("tests/cases/file-missing-source/claims.json", &[], &all),
        (
            "tests/fixtures/injection/claims.json",
            &["--require-coverage", "50"],
            &all,
        ),
    ];
    for (path, flags, fail_on) in cases {
        let codes: BTreeSet<i32> = FORMATS
            .iter()
            .map(|format| {
                let mut args = vec!["check", "--format", format, path];
                args.extend(*flags);
                code(&run(&args))
            })
            .collect();
        assert_eq!(codes.len(), 1, "{path} {flags:?}: exit statuses {codes:?}");
        let with = |format: &str| {
            let mut args = vec!["check", "--format", format, path];
            args.extend(*flags);
            stdout(&run(&args))
        };
        let expected = json_failures(&with("json"), fail_on);
        assert_eq!(junit_failures(&with("junit")), expected, "{path} {flags:?}");
    }
}

#[test]
fn sarif_validates_against_the_sarif_schema() {
    let text = std::fs::read_to_string(
        common::root().join("tests/fixtures/schemas/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // The published schema's `language` pattern has a stray `]`, not a valid
    // ECMA-262 regex, so the validator refuses the schema; use its evident intent.
    let text = text.replace(
        r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#,
        r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    for path in [
        "claims",
        "tests/cases/file-missing-source/claims.json",
        "tests/fixtures/injection/claims.json",
    ] {
        let out = run(&[
            "check",
            "--format",
            "sarif",
            "--require-coverage",
            "99",
            path,
        ]);
        let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {}", errors.join("\n"));
    }
}

/// Validates `xml` against the bundled JUnit XSD with xmllint. Without
/// xmllint the check is skipped, except in CI, where it fails.
#[test]
fn junit_validates_against_the_junit_xsd() {
    let found = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "xmllint (Debian libxml2-utils) is needed to validate JUnit in CI"
        );
        println!("skipped: xmllint not installed");
        return;
    }
    let dir = common::temp_dir("junit");
    let xsd = common::root().join("tests/fixtures/schemas/junit-10.xsd");
    let runs: [&[&str]; 4] = [
        &["claims"],
        &[
            "tests/cases/file-missing-source/claims.json",
            "tests/cases/ignore-waivers/claims.json",
        ],
        &[
            "--require-coverage",
            "99",
            "tests/fixtures/injection/claims.json",
        ],
        &["--fail-on", "mismatch", "tests/cases/undecided/claims.json"],
    ];
    for (i, paths) in runs.iter().enumerate() {
        let mut args = vec!["check", "--format", "junit"];
        args.extend(*paths);
        let file = dir.join(format!("report-{i}.xml"));
        std::fs::write(&file, run(&args).stdout).unwrap();
        let check = std::process::Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{paths:?}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// Elements that have no end tag.
const VOID: [&str; 6] = ["meta", "input", "br", "hr", "img", "link"];

/// Tokenizes an HTML page; fails on any tokenizer error, any end tag that
/// does not close the open element, and any element left open. Gives the
/// attributes of every start tag.
fn html_attributes(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut open: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    for token in Tokenizer::new_with_emitter(page, emitter).flatten() {
        match token {
            Token::Error(e) => panic!("HTML tokenizer error: {e:?}"),
            Token::StartTag(tag) => {
                let name = text(&tag.name);
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (text(k), text(&v.value)))
                    .collect();
                if !VOID.contains(&name.as_str()) && !tag.self_closing {
                    open.push(name.clone());
                }
                tags.push((name, attrs));
            }
            Token::EndTag(tag) => {
                let name = text(&tag.name);
                assert_eq!(
                    open.pop().as_deref(),
                    Some(name.as_str()),
                    "</{name}> closes another element"
                );
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "elements left open: {open:?}");
    tags
}

#[test]
fn html_is_well_formed_self_contained_and_has_every_claim() {
    for path in [
        "claims",
        "tests/fixtures/injection/claims.json",
        "tests/cases/file-missing-source/claims.json",
    ] {
        let page = stdout(&run(&["check", "--format", "html", path]));
        let tags = html_attributes(&page);
        for scheme in ["http://", "https://", "@import", "url("] {
            assert!(!page.contains(scheme), "{path}: {scheme} in the page");
        }
        for (name, attrs) in &tags {
            assert!(
                !["link", "img", "iframe", "object", "embed"].contains(&name.as_str()),
                "{path}: <{name}>"
            );
            for (key, value) in attrs {
                assert!(
                    !["src", "href", "action", "srcset"].contains(&key.as_str()),
                    "{path}: {key}={value}"
                );
                assert!(!key.starts_with("on"), "{path}: inline handler {key}");
            }
        }
        let scripts = tags.iter().filter(|(n, _)| n == "script").count();
        assert!(scripts <= 1, "one inline script at most");
        let ids: BTreeSet<&str> = tags
            .iter()
            .flat_map(|(_, a)| {
                a.iter()
                    .filter(|(k, _)| k == "data-id")
                    .map(|(_, v)| v.as_str())
            })
            .collect();
        let json = stdout(&run(&["check", "--format", "json", path]));
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        for r in report["results"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            assert!(
                ids.contains(shown_id(id).as_str()),
                "{path}: claim {id:?} is not in the page"
            );
        }
    }
}
