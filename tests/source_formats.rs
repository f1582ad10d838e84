//! Sources in other formats end to end: `extract` on the bundled PDF, XLSX
//! and DOCX (pinned as snapshots, with `page` and `sheet`), page and sheet
//! in the SARIF and JSON reports, and `--encoding`.

mod common;

use common::{code, run, stdout};
use serde_json::Value;

#[test]
fn extract_each_bundled_binary_source() {
    for rel in [
        "sources/xihe-prospectus-summary.pdf",
        "sources/xihe-segments.xlsx",
        "sources/drafts/xihe-draft.docx",
    ] {
        let json = run(&["extract", "--format", "json", rel]);
        assert_eq!(code(&json), 0, "{rel}");
        let table = run(&["extract", rel]);
        let name = rel.rsplit('/').next().unwrap();
        insta::assert_snapshot!(name, format!("{}\n{}", stdout(&table), stdout(&json)));
    }
}

#[test]
fn extract_gives_the_page_and_the_line_within_it() {
    let out = run(&[
        "extract",
        "--format",
        "json",
        "tests/cases/format-pdf-page-3/report.pdf",
    ]);
    let numbers: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let staff = numbers.iter().find(|n| n["text"] == "1,912").unwrap();
    assert_eq!(
        (staff["page"].as_str(), staff["line"].as_u64()),
        (Some("2"), Some(3))
    );
    assert!(numbers.iter().all(|n| n.get("sheet").is_none()));
    let out = run(&[
        "extract",
        "--format",
        "json",
        "tests/cases/format-xlsx-formats/segments.xlsx",
    ]);
    let numbers: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let pct = numbers.iter().find(|n| n["text"] == "82.01%").unwrap();
    assert_eq!(
        (pct["sheet"].as_str(), pct["line"].as_u64()),
        (Some("分部"), Some(2))
    );
}

#[test]
fn sarif_and_json_reports_carry_the_page() {
    let claims = "tests/cases/format-pdf-page-3/claims.json";
    let sarif: Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "sarif", claims]))).unwrap();
    let text = sarif.to_string();
    assert!(text.contains(r#""properties":{"page":"3"}"#), "{text}");
    let json: Value =
        serde_json::from_str(&stdout(&run(&["check", "--format", "json", claims]))).unwrap();
    let wrong = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "rev-2024-wrong")
        .unwrap();
    assert_eq!(wrong["inputs"][0]["at"]["page"], "3");
}

#[test]
fn a_forced_encoding_is_used_and_a_bad_label_is_refused() {
    let gbk = "tests/cases/html-and-gbk-sources/gbk.txt";
    let guessed = stdout(&run(&["extract", gbk]));
    let forced = stdout(&run(&["extract", "--encoding", "gbk", gbk]));
    assert_eq!(guessed, forced);
    let wrong = run(&["extract", "--encoding", "big5", gbk]);
    assert_ne!(stdout(&wrong), guessed, "Big5 reads GBK bytes differently");
    let bad = run(&["check", "--encoding", "klingon", "claims"]);
    assert_eq!(code(&bad), 2);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an encoding label"));
}
