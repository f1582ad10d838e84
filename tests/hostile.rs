//! Hostile input, tried the way an attacker would: claims files from a
//! stranger's pull request and scraped sources. Nothing outside the root is
//! read or printed; devices and FIFOs are refused without being opened for
//! reading; absurd nesting, chains and sizes give errors, never a crash, a
//! hang or a memory blow-up; and every claim still gets exactly one verdict
//! unless the run is refused (exit 2).
//!
//! Fixture folders under `tests/hostile/` are pinned by snapshots; probes
//! that need symbolic links, FIFOs or very large inputs are built at run
//! time in a temporary project (a folder with `.git`, so it is a root).

mod common;

use std::path::{Path, PathBuf};

use common::{code, run, run_at, stdout, transcript};

/// A secret that must never appear in any output.
const SECRET: &str = "SECRET-TOKEN-7f3a9c";

/// A temporary project: `root/project` (with `.git`) and, outside it,
/// `root/secret.txt` and `root/secret.json` holding [`SECRET`].
fn project(name: &str) -> PathBuf {
    let root = common::temp_dir(&format!("hostile-{name}"));
    let project = root.join("project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    std::fs::create_dir_all(project.join("claims")).unwrap();
    std::fs::write(root.join("secret.txt"), format!("token {SECRET} 42\n")).unwrap();
    std::fs::write(
        root.join("secret.json"),
        format!("{{\"sources\": \"{SECRET}\"}}\n"),
    )
    .unwrap();
    std::fs::write(
        project.join("source.md"),
        "Revenue was RMB189.0 million in 2022 and RMB289.4 million in 2023.\n",
    )
    .unwrap();
    project
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    let out = run_at(dir, &all, &[], None);
    let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains(SECRET), "the secret leaked:\n{text}");
    (code(&out), text)
}

fn write_claims(dir: &Path, name: &str, json: &serde_json::Value) {
    std::fs::write(dir.join("claims").join(name), json.to_string()).unwrap();
}

#[test]
fn fixtures() {
    insta::glob!("hostile/*/claims.json", |path| {
        let rel = path.strip_prefix(common::root()).unwrap();
        let rel = rel.to_str().unwrap().replace('\\', "/");
        let human = run(&["check", "--color", "never", &rel]);
        let json = run(&["check", "--format", "json", &rel]);
        assert_eq!(code(&human), 2, "every fixture is refused");
        for out in [&human, &json] {
            let text = stdout(out);
            assert!(!text.contains("root:x:0"), "/etc/passwd leaked");
        }
        insta::assert_snapshot!(format!(
            "{}\n===== json =====\n{}",
            transcript(&human),
            transcript(&json)
        ));
    });
}

#[cfg(unix)]
#[test]
fn a_symlinked_source_that_leads_outside_is_refused() {
    let p = project("symlink-source");
    std::os::unix::fs::symlink("../secret.txt", p.join("innocent.md")).unwrap();
    let claims = serde_json::json!({
        "sources": { "s": "../innocent.md" },
        "claims": [ { "id": "a", "says": "{42}", "appears_in": "s" } ]
    });
    write_claims(&p, "c.json", &claims);
    let (status, text) = check(&p, &[]);
    assert_eq!(status, 2, "{text}");
    assert!(
        text.contains("`../innocent.md` leads outside the root folder through a symbolic link"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_claims_file_that_leads_outside_is_refused() {
    let p = project("symlink-claims");
    std::os::unix::fs::symlink("../../secret.json", p.join("claims").join("evil.json")).unwrap();
    let (status, text) = check(&p, &[]);
    assert_eq!(status, 2, "{text}");
    assert!(
        text.contains("the claims file `claims/evil.json` leads outside the root folder"),
        "{text}"
    );
    let (status, text) = check(&p, &["claims/evil.json"]);
    assert_eq!(status, 2, "{text}");
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_blocking() {
    let p = project("devices");
    let fifo = p.join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let claims = |path: &str| {
        serde_json::json!({
            "sources": { "s": path },
            "claims": [ { "id": "a", "says": "{1}", "appears_in": "s" } ]
        })
    };
    if made.is_ok_and(|s| s.success()) {
        write_claims(&p, "fifo.json", &claims("../pipe.md"));
        let (status, text) = check(&p, &["claims/fifo.json"]);
        assert_eq!(status, 2, "{text}");
        assert!(
            text.contains("it is a FIFO (named pipe), not a regular file"),
            "{text}"
        );
    } else {
        eprintln!("skipped the FIFO probe: mkfifo is not available");
    }
    write_claims(&p, "zero.json", &claims("/dev/zero"));
    let (status, text) = check(&p, &["--allow-outside-root", "claims/zero.json"]);
    assert_eq!(status, 2, "{text}");
    assert!(
        text.contains("it is a device, not a regular file"),
        "{text}"
    );
}

#[test]
fn a_source_over_the_size_cap_is_refused() {
    let p = project("size-cap");
    std::fs::write(p.join("big.md"), "7 ".repeat(600_000)).unwrap();
    let claims = serde_json::json!({
        "sources": { "s": "../big.md" },
        "claims": [ { "id": "a", "says": "{7}", "appears_in": "s" } ]
    });
    write_claims(&p, "c.json", &claims);
    let (status, text) = check(&p, &["--max-source-size", "1M"]);
    assert_eq!(status, 2, "{text}");
    assert!(
        text.contains("it is larger than the limit of 1 MiB"),
        "{text}"
    );
    let (status, _) = check(&p, &["--max-source-size", "2M"]);
    assert_eq!(status, 0);
}

#[test]
fn a_root_key_cannot_widen_the_root() {
    let p = project("root-key");
    let claims = serde_json::json!({
        "root": "../..",
        "sources": { "s": "../../secret.txt" },
        "claims": [ { "id": "a", "says": "{42}", "appears_in": "s" } ]
    });
    write_claims(&p, "c.json", &claims);
    let (status, text) = check(&p, &[]);
    assert_eq!(status, 2, "{text}");
    assert!(
        text.contains("`root` must stay inside the project folder"),
        "{text}"
    );
}

/// Verdicts by claim id from a JSON report.
fn verdicts(text: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(text).expect("a JSON report");
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn absurd_expressions_are_claim_errors_and_the_others_are_checked() {
    let p = project("deep");
    let deep = format!("{}rev{}", "(".repeat(100_000), ")".repeat(100_000));
    let chain = vec!["rev"; 100_000].join(" + ");
    let claims = serde_json::json!({
        "sources": { "s": "../source.md" },
        "facts": { "rev": { "quote": "Revenue was {RMB189.0 million}" } },
        "claims": [
            { "id": "parens", "says": "{RMB189 million}", "check": deep },
            { "id": "chain", "says": "{RMB189 million}", "check": chain },
            { "id": "cagr", "says": "{41.4%}", "check": "cagr(100, 200, 999/1000)" },
            { "id": "fine", "says": "{RMB189.0 million}", "check": "rev" }
        ]
    });
    write_claims(&p, "c.json", &claims);
    let (status, text) = check(&p, &["--format", "json"]);
    assert_eq!(status, 1, "{text}");
    let v = verdicts(&text);
    assert_eq!(v.len(), 4);
    assert_eq!(v[0], ("parens".into(), "error".into()));
    assert_eq!(v[1], ("chain".into(), "error".into()));
    assert_eq!(v[2].0, "cagr");
    assert_ne!(v[2].1, "error");
    assert_eq!(v[3], ("fine".into(), "ok".into()));
}

#[test]
fn ten_thousand_chained_facts_resolve() {
    let p = project("chain");
    let mut facts = serde_json::Map::new();
    facts.insert(
        "f0".into(),
        serde_json::json!({ "quote": "Revenue was {RMB189.0 million}" }),
    );
    for i in 1..10_000 {
        facts.insert(
            format!("f{i}"),
            serde_json::json!({ "expr": format!("f{} + 0", i - 1) }),
        );
    }
    let claims = serde_json::json!({
        "sources": { "s": "../source.md" },
        "facts": facts,
        "claims": [
            { "id": "end", "says": "{RMB189.0 million}", "check": "f9999" },
            { "id": "wrong", "says": "{RMB200.0 million}", "check": "f5000" }
        ]
    });
    write_claims(&p, "c.json", &claims);
    let (status, text) = check(&p, &["--format", "json"]);
    assert_eq!(status, 1, "{text}");
    assert_eq!(
        verdicts(&text),
        [
            ("end".into(), "ok".into()),
            ("wrong".into(), "mismatch".into())
        ]
    );
}

#[test]
fn json_nested_too_deep_is_refused_with_its_place() {
    let p = project("deep-json");
    let text = format!(
        "{{\"sources\": {{\"s\": \"../source.md\"}}, \"claims\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(p.join("claims").join("c.json"), text).unwrap();
    let (status, text) = check(&p, &[]);
    assert_eq!(status, 2, "{text}");
    assert!(text.contains("claims/c.json:1:"), "{text}");
    assert!(text.contains("nested more than 64 levels deep"), "{text}");
}

#[test]
fn a_one_line_claims_file_of_ten_thousand_claims_gets_ten_thousand_verdicts() {
    let p = project("one-line");
    let claims: Vec<serde_json::Value> = (0..10_000)
        .map(|i| serde_json::json!({ "id": format!("c{i}"), "says": "{RMB189.0 million}", "appears_in": "s" }))
        .collect();
    let file = serde_json::json!({ "sources": { "s": "../source.md" }, "claims": claims });
    write_claims(&p, "c.json", &file);
    let (status, text) = check(&p, &["--format", "json"]);
    assert_eq!(status, 0);
    let v = verdicts(&text);
    assert_eq!(v.len(), 10_000);
    assert!(v.iter().all(|(_, verdict)| verdict == "ok"));
}

#[test]
fn the_same_folder_named_twice_is_checked_once() {
    let p = project("twice");
    let claims = serde_json::json!({
        "sources": { "s": "../source.md" },
        "claims": [ { "id": "a", "says": "{RMB189.0 million}", "appears_in": "s" } ]
    });
    write_claims(&p, "c.json", &claims);
    let absolute = p.join("claims");
    let (_, text) = check(
        &p,
        &[
            "--format",
            "json",
            "claims",
            absolute.to_str().unwrap(),
            "./claims/",
        ],
    );
    assert_eq!(verdicts(&text).len(), 1, "{text}");
}

/// `labels` come from the claims file: a pattern that matches everything,
/// one that would compile to a huge automaton, and one carrying control
/// bytes. The first costs one linear pass (every claim still judged); the
/// others are the file's run error with its place, printed escaped.
#[test]
fn hostile_label_patterns_are_bounded_and_escaped() {
    let dir = project("labels");
    let mut source = String::new();
    for i in 0..20_000 {
        source.push_str(&format!("| 項目{i} | {i}.5 | 天垓{i} |\n"));
    }
    std::fs::write(dir.join("big.md"), &source).unwrap();
    let claims = |labels: serde_json::Value| {
        serde_json::json!({
            "sources": { "s": "../big.md" },
            "labels": labels,
            "claims": [
                { "id": "a", "says": "{19,999.5}", "appears_in": "s" },
                { "id": "b", "says": "{5.5}", "appears_in": "s" },
            ]
        })
    };
    write_claims(
        &dir,
        "all.json",
        &claims(serde_json::json!(["(?s).*", "\\d", "天垓\\d+"])),
    );
    let started = std::time::Instant::now();
    let (status, text) = check(&dir, &["--format", "json", "claims/all.json"]);
    assert!(
        started.elapsed().as_secs() < 60,
        "labels took {:?}",
        started.elapsed()
    );
    assert_eq!(status, 1, "{text}");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let verdicts: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    // Every digit is inside a label, so nothing supports the stated values.
    assert_eq!(verdicts, ["mismatch", "mismatch"], "{text}");

    write_claims(
        &dir,
        "all.json",
        &claims(serde_json::json!(["\\w{1000}{1000}"])),
    );
    let (status, text) = check(&dir, &["claims/all.json"]);
    assert_eq!(status, 2, "{text}");
    assert!(text.contains("claims/all.json:1:"), "{text}");

    write_claims(
        &dir,
        "all.json",
        &claims(serde_json::json!(["(\u{1b}[31m"])),
    );
    let (status, text) = check(&dir, &["claims/all.json"]);
    assert_eq!(status, 2, "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "a raw ESC reached the output:\n{text}"
    );
}

/// A mismatch over a long Chinese source: hints widen a region by bytes
/// around the claim's facts, which must land on character edges (the
/// scale benchmark once found a panic here).
#[test]
fn hints_over_long_chinese_sources_do_not_panic() {
    let dir = project("cjk-hints");
    let pad = "醫療器械業務穩步發展，".repeat(400);
    // Three byte shifts: one of them puts the region's edge inside a character.
    for shift in 0..3 {
        let quote = "收入分別為{人民幣189.0百萬元}、{人民幣289.4百萬元}及{人民幣538.0百萬元}";
        let file = serde_json::json!({
            "sources": { "s": "../cjk.md" },
            "facts": { "rev": { "quote": quote } },
            "claims": [{ "id": "g", "says": format!("{}{{86.6%}}", " ".repeat(shift)), "check": "growth(rev[0], rev[1])" }]
        });
        write_claims(&dir, "cjk.json", &file);
        std::fs::write(
            dir.join("cjk.md"),
            format!("{}{pad}\n收入分別為人民幣189.0百萬元、人民幣289.4百萬元及人民幣538.0百萬元。\n{pad}\n", "x".repeat(shift)),
        )
        .unwrap();
        let (status, text) = check(&dir, &["claims/cjk.json"]);
        assert_eq!(status, 1, "{text}");
        assert!(text.contains("error[CC001]: g"), "{text}");
    }
}

#[test]
fn hostile_table_captions_scale_only_their_cells_and_every_claim_gets_a_verdict() {
    let dir = project("captions");
    // Thousands of captions, a caption in every cell of a very long row, a
    // caption whose digits overflow when scaled, and an ESC in a caption line.
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!("(in thousands)\n| Item {i} | {i} |\n"));
    }
    text.push_str(&"| (in millions) | 7 ".repeat(20_000));
    text.push_str("|\n(in billions)\n| Huge | 12345678901234567890123456 |\n");
    text.push_str("\u{1b}[31m單位：人民幣千元\u{1b}[0m\n| 收入 | 120,000 |\n");
    // A caption that carries control bytes inside its parentheses.
    text.push_str("(in thousands\u{1b}]0;owned\u{7}\u{1b}[2J)\n| Cost | 55 |\n");
    std::fs::write(dir.join("t.md"), &text).unwrap();
    let file = serde_json::json!({
        "sources": { "t": "../t.md" },
        "table_units": true,
        "facts": {
            "item": { "quote": "| Item 4999 | {4999} |" },
            "huge": { "quote": "| Huge | {12345678901234567890123456} |" },
            "rev": { "quote": "| 收入 | {120,000} |" },
            "cost": { "quote": "| Cost | {55} |" }
        },
        "claims": [
            { "id": "item", "says": "{4.998 million}", "check": "item" },
            { "id": "item-in-thousands", "says": "{4.999 million}", "check": "item" },
            { "id": "huge", "says": "{12345678901234567890123456}", "check": "huge" },
            { "id": "rev", "says": "{1.2億元}", "check": "rev" },
            { "id": "seven", "says": "{7 million}", "appears_in": "t" },
            { "id": "cost", "says": "{56 thousand}", "check": "cost" }
        ]
    });
    write_claims(&dir, "c.json", &file);
    let (status, text) = check(&dir, &["--format", "json", "claims/c.json"]);
    assert_eq!(status, 1, "{text}");
    let got = verdicts(&text);
    let want = [
        ("item", "mismatch"),
        ("item-in-thousands", "ok"),
        ("huge", "ok"),
        ("rev", "ok"),
        ("seven", "ok"),
        ("cost", "mismatch"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    assert!(!text.contains('\u{1b}'), "no raw ESC in the report");
    // The human report shows the caption beside the cost; its control bytes
    // must come out escaped.
    let (status, human) = check(&dir, &["claims/c.json"]);
    assert_eq!(status, 1, "{human}");
    assert!(human.contains("error[CC001]: cost"), "{human}");
    assert!(human.contains("(in thousands"), "{human}");
    for raw in ['\u{1b}', '\u{7}'] {
        assert!(!human.contains(raw), "a raw control byte in:\n{human}");
    }
}
