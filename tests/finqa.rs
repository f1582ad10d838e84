//! The FinQA benchmark in `../shared/benchmarks/finqa-test` (real 10-K text
//! none of us wrote): 400 claims, half of them correct answers and half
//! perturbed. Skips cleanly when the folder is absent.

mod common;

use std::collections::BTreeMap;

use common::{run, stdout};
use serde_json::Value;

#[test]
fn finqa_score() {
    let Some(bench) = common::benchmark("finqa-test") else {
        return;
    };
    let claims = bench.join("claims");
    // The benchmark lives outside this project: its folder is the root.
    let root = bench.to_str().unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--root",
        root,
        claims.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let expected: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_str(&std::fs::read_to_string(bench.join("expected.json")).unwrap())
            .unwrap();
    let (mut right, mut total) = (0, 0);
    let mut per_id: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for r in report["results"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap().rsplit('/').next().unwrap();
        let id = r["id"].as_str().unwrap();
        let want = expected[file][id].as_str();
        let entry = per_id
            .entry(if id == "answer" {
                "ok-recall"
            } else {
                "mismatch-detection"
            })
            .or_default();
        total += 1;
        entry.1 += 1;
        if r["verdict"] == want {
            right += 1;
            entry.0 += 1;
        } else {
            wrong.push(format!(
                "{file} {id}: expected {want}, got {} — {}",
                r["verdict"], r["message"]
            ));
        }
    }
    let expected_total: usize = expected.values().map(BTreeMap::len).sum();
    assert_eq!(total, expected_total, "one result per claim");
    eprintln!("FinQA accuracy {right}/{total}; {per_id:?}");
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(
        right * 100 >= total * 99,
        "accuracy {right}/{total} fell below 99%:\n{}",
        wrong.join("\n")
    );
}
