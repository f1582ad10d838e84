//! `claimcheck trace` on the bundled sources: the contract's JSON, candidates
//! that paste into a claims file and come out `ok`, `--near`, exit statuses,
//! root confinement and neutralised input text.

mod common;

use std::path::{Path, PathBuf};

use common::{code, run, stdout, transcript};
use serde_json::{Value, json};

const PROSPECTUS: &str = "prospectus=sources/tianshu-prospectus-summary.md";
const RELEASE: &str = "release=sources/northwind-q3-release.md";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-trace-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn trace_json(args: &[&str]) -> Value {
    let mut all = vec!["trace", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(code(&out) < 2, "{}", transcript(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON object")
}

#[test]
fn json_is_the_contract_object_best_first() {
    let v = trace_json(&["86.6%", "--in", PROSPECTUS]);
    assert_eq!(v["value"], "86.6%");
    assert!(v["considered"].as_u64().unwrap() > 1000);
    assert!(v["consistent"].as_u64().unwrap() >= 2);
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["candidates", "considered", "consistent", "value"]);
    let best = &v["candidates"][0];
    assert_eq!(best["expr"], "growth(a, b)");
    let a = &best["facts"]["a"];
    assert_eq!(a["in"], "prospectus");
    assert!(
        a["quote"].as_str().unwrap().contains("{人民幣289.4百萬元}"),
        "{a}"
    );
    assert_eq!(
        (a["line"].as_u64(), a["column"].as_u64()),
        (Some(13), Some(59))
    );
    let (low, high) = (
        best["low"].as_str().unwrap(),
        best["high"].as_str().unwrap(),
    );
    assert!(low.starts_with("0.86") && low.parse::<f64>().unwrap() <= high.parse::<f64>().unwrap());
    let scores: Vec<f64> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

/// Writes a claims file from candidates (their facts as they are, `line` and
/// `column` included) and checks it.
fn check_pasted(dir: &Path, source: (&str, &str), values: &[&str], top: usize) -> Value {
    let root = common::root();
    let mut facts = serde_json::Map::new();
    let mut claims = Vec::new();
    for (k, value) in values.iter().enumerate() {
        let v = trace_json(&[
            value,
            "--in",
            &format!("{}={}", source.0, source.1),
            "--top",
            &top.to_string(),
        ]);
        for (c, cand) in v["candidates"].as_array().unwrap().iter().enumerate() {
            let mut expr = cand["expr"].as_str().unwrap().to_string();
            let mut names: Vec<(String, String)> = Vec::new();
            for (name, fact) in cand["facts"].as_object().unwrap() {
                let fresh = format!("f{k}_{c}_{name}");
                names.push((name.clone(), fresh.clone()));
                facts.insert(fresh, fact.clone());
            }
            // Longest names first, so `a` does not rename inside `a1`.
            names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
            for (name, fresh) in names {
                expr = rename(&expr, &name, &fresh);
            }
            claims.push(json!({ "id": format!("v{k}-c{c}"), "says": format!("{{{value}}}"), "check": expr }));
        }
    }
    let file = json!({
        "sources": { source.0: root.join(source.1).to_str().unwrap() },
        "facts": facts,
        "claims": claims,
    });
    let path = dir.join(format!("{}.json", source.0));
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--allow-outside-root",
        path.to_str().unwrap(),
    ]);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|_| panic!("{}", transcript(&out)))
}

/// `expr` with the whole name `from` replaced by `to`.
fn rename(expr: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in expr.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        out.push_str(if word == from { to } else { &word });
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

#[test]
fn every_candidate_pastes_into_a_claims_file_and_comes_out_ok() {
    let dir = temp_dir("paste");
    let tianshu = [
        "186%",
        "86.6%",
        "57.4%",
        "48.3%",
        "7.3个百分点",
        "11.2亿元",
        "69%左右",
    ];
    let northwind = ["14.0%", "$1.95 billion", "2.6 pp", "10.1%", "$90.6 million"];
    for (source, values) in [
        (
            ("prospectus", "sources/tianshu-prospectus-summary.md"),
            &tianshu[..],
        ),
        (
            ("release", "sources/northwind-q3-release.md"),
            &northwind[..],
        ),
    ] {
        let report = check_pasted(&dir, source, values, 5);
        let results = report["results"].as_array().unwrap();
        assert!(results.len() >= values.len() * 2, "{report}");
        for r in results {
            assert_eq!(r["verdict"], "ok", "{r}");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn near_puts_the_passage_first() {
    let plain = trace_json(&["86.6%", "--in", PROSPECTUS]);
    assert!(
        plain["candidates"][0]["facts"]["a"]["quote"]
            .as_str()
            .unwrap()
            .contains("分別為")
    );
    let near = trace_json(&[
        "86.6%",
        "--in",
        PROSPECTUS,
        "--near",
        "| 收入 | 189.0 | 289.4 | 540.1 |",
    ]);
    let quote = near["candidates"][0]["facts"]["a"]["quote"]
        .as_str()
        .unwrap();
    assert!(quote.starts_with("| 收入 |"), "{quote}");
}

#[test]
fn human_output_says_how_many_fit_and_shows_facts_to_paste() {
    let out = run(&["trace", "186%", "--in", PROSPECTUS, "--top", "2"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    assert!(text.starts_with("186%: "), "{text}");
    assert!(
        text.contains("derivations considered are consistent"),
        "{text}"
    );
    assert!(text.contains("1. growth(a, b) = "), "{text}");
    assert!(text.contains("\"check\": \"growth(a, b)\""), "{text}");
    assert!(
        text.contains("\"a\": { \"in\": \"prospectus\", \"quote\": "),
        "{text}"
    );
}

#[test]
fn values_nothing_explains_exit_one_and_bad_input_two() {
    let dir = common::root().join("target-trace-fixture-none");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one.md"), "Revenue was 100 in the year.\n").unwrap();
    let out = run(&["trace", "37%", "--in", "s=target-trace-fixture-none/one.md"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    assert!(stdout(&out).contains("no derivation found"));
    for args in [
        vec!["trace", "in 2024", "--in", RELEASE],
        vec!["trace", "5%", "--in", "release=no/such/file.md"],
        vec!["trace", "5%"],
    ] {
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", transcript(&out));
    }
    let out = run(&["trace", "-20.5%", "--in", RELEASE, "--format", "json"]);
    assert!(code(&out) < 2, "{}", transcript(&out));
}

#[test]
fn sources_stay_inside_the_root() {
    let out = run(&["trace", "5", "--in", "/etc/hostname"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("root"),
        "{}",
        transcript(&out)
    );
    let out = run(&["trace", "5", "--in", "../../etc/hostname"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
}

#[test]
fn input_text_is_made_visible_in_the_human_report() {
    let dir = common::root().join("target-trace-fixture");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("escape.md");
    std::fs::write(
        &path,
        "Revenue was 100 and\u{1b}[31m then 150\u{202e} units.\n",
    )
    .unwrap();
    let spec = format!("s={}", path.strip_prefix(common::root()).unwrap().display());
    let out = run(&["trace", "50%", "--in", &spec]);
    std::fs::remove_dir_all(&dir).ok();
    let text = stdout(&out);
    assert!(text.contains("growth(a, b)"), "{}", transcript(&out));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("\\u001b"), "{text}");
}
