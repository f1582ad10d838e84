//! The bundled examples (`claims/` against `sources/`): every claim gets the
//! verdict worked out by hand in `tests/expected/bundled.json`, the human
//! report is pinned as a snapshot, and `extract` is pinned on each source.

mod common;

use std::collections::BTreeMap;

use common::{code, run, stdout, transcript};
use serde_json::Value;

#[test]
fn every_bundled_claim_gets_its_expected_verdict() {
    let out = run(&["check", "--format", "json"]);
    assert_eq!(
        code(&out),
        1,
        "the bundled drafts contain deliberate mistakes"
    );
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let expected: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/expected/bundled.json")).unwrap(),
    )
    .unwrap();
    let results = report["results"].as_array().unwrap();
    let expected_count: usize = expected.values().map(BTreeMap::len).sum();
    assert_eq!(results.len(), expected_count, "one result per claim");
    assert!(results.len() >= 30);
    let mut wrong = Vec::new();
    for r in results {
        let file = r["file"].as_str().unwrap().rsplit('/').next().unwrap();
        let id = r["id"].as_str().unwrap();
        let want = &expected[file][id];
        if r["verdict"] != want.as_str() {
            wrong.push(format!(
                "{file} {id}: expected {want}, got {} ({})",
                r["verdict"], r["message"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let not_ok = results.iter().filter(|r| r["verdict"] != "ok").count();
    assert!(not_ok >= 6, "at least six deliberately wrong claims");
}

#[test]
fn bundled_human_report() {
    let out = run(&["check", "--color", "never"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn extract_each_bundled_source() {
    insta::glob!(common::root(), "sources/**/*.md", |path| {
        let rel = path
            .strip_prefix(common::root())
            .unwrap()
            .to_str()
            .unwrap()
            .replace('\\', "/");
        let json = run(&["extract", "--format", "json", &rel]);
        assert_eq!(code(&json), 0);
        let table = run(&["extract", &rel]);
        insta::assert_snapshot!(format!("{}\n{}", stdout(&table), stdout(&json)));
    });
}
