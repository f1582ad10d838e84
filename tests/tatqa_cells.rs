//! The TAT-QA cells benchmark in `../shared/benchmarks/tatqa-cells-test`:
//! how numbers are read in real annual-report tables and text (signs in
//! parentheses, currencies, years, standard names, footnote marks). Every
//! claim id is `<pattern>:<where>`; the score is split by pattern, and a floor
//! per whole run catches regressions. Skips cleanly when the folder is absent.

mod common;

use std::collections::BTreeMap;

use common::{run, stdout};
use serde_json::Value;

/// Agreement below this share of all claims fails the test. Set a little
/// under the measured score (98.3% with half-open intervals and the v1.1
/// number forms) so a regression fails but a noisy claim does not.
const FLOOR_PER_MILLE: usize = 980;

#[test]
fn tatqa_cells_score() {
    let Some(bench) = common::benchmark("tatqa-cells-test") else {
        return;
    };
    let claims = bench.join("claims");
    // The benchmark lives outside this project: its folder is the root.
    let out = run(&[
        "check",
        "--format",
        "json",
        "--root",
        bench.to_str().unwrap(),
        claims.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let expected: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_str(&std::fs::read_to_string(bench.join("expected.json")).unwrap())
            .unwrap();
    let mut per_pattern: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for r in report["results"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap().rsplit('/').next().unwrap();
        let id = r["id"].as_str().unwrap();
        let want = expected[file][id].as_str();
        let pattern = id.split(':').next().unwrap_or(id).to_string();
        let entry = per_pattern.entry(pattern).or_default();
        entry.1 += 1;
        if r["verdict"] == want {
            entry.0 += 1;
        } else {
            wrong.push(format!(
                "{file} {id}: expected {want}, got {} — {}",
                r["verdict"], r["message"]
            ));
        }
    }
    let right: usize = per_pattern.values().map(|e| e.0).sum();
    let total: usize = per_pattern.values().map(|e| e.1).sum();
    let expected_total: usize = expected.values().map(BTreeMap::len).sum();
    assert_eq!(total, expected_total, "one result per claim");
    eprintln!("{}", table(&per_pattern, right, total));
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(
        right * 1000 >= total * FLOOR_PER_MILLE,
        "agreement {right}/{total} fell below {FLOOR_PER_MILLE}‰"
    );
}

/// The per-pattern score as a Markdown table, with the whole run last.
fn table(per_pattern: &BTreeMap<String, (usize, usize)>, right: usize, total: usize) -> String {
    let mut out = String::from("| pattern | claims | agree | % |\n|---|---:|---:|---:|\n");
    let rows = per_pattern
        .iter()
        .map(|(p, &(ok, n))| (p.as_str(), ok, n))
        .chain(std::iter::once(("all", right, total)));
    for (pattern, ok, n) in rows {
        let pct = ok as f64 * 100.0 / n.max(1) as f64;
        out.push_str(&format!("| {pattern} | {n} | {ok} | {pct:.1} |\n"));
    }
    out
}
