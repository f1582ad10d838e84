//! How well `trace` finds the derivation an annotator wrote, on the FinQA
//! and TAT-QA benchmarks in `../shared/benchmarks` (skipped cleanly when the
//! folder is absent). For each `answer` claim, trace sees the whole page and
//! the stated answer; a candidate is right when it uses the same source
//! numbers as the claim's own check (by position) — its value is consistent
//! by construction. The shares in the top 1, 3 and 10 are printed per kind
//! of operation, and floors a little under the reached scores are asserted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimcheck::check::{CheckOptions, check_with};
use claimcheck::trace::inputs::{Named, Read};
use claimcheck::trace::{Pool, Request, Target, trace};

use rayon::prelude::*;
use serde_json::Value;

mod common;

/// Where the right candidate ranked, per claim: its kind and rank (from 1).
type Ranks = Vec<(&'static str, Option<usize>)>;

/// The kind of operation of a benchmark check, once powers of ten are taken off.
fn kind(check: &str) -> &'static str {
    let mut s = check.replace(' ', "");
    for f in [
        "*100/10000",
        "*100/100000000",
        "*1000000000",
        "*1000000",
        "*10000",
        "*1000",
        "*100",
    ] {
        s = s.replace(f, "");
    }
    for f in ["/1000000000", "/1000000", "/1000"] {
        s = s.replace(f, "");
    }
    let names = s.chars().filter(|c| *c == 'v').count();
    let plus = s.matches('+').count();
    if s.starts_with("pp(") {
        "pp"
    } else if s.contains("cagr(") {
        "cagr"
    } else if is_growth(&s, names) {
        "growth"
    } else if names == 2
        && s.contains('/')
        && !s.contains('-')
        && !s.contains('+')
        && !s.contains('*')
    {
        "ratio/share"
    } else if names == 2
        && !s.contains('/')
        && !s.contains('*')
        && (s.contains('-') || s.contains('+'))
        && plus == 0
    {
        "difference"
    } else if !s.contains('/') && !s.contains('-') && !s.contains('*') && plus >= 1 {
        "sum"
    } else if plus >= 1 && s.contains(&format!("/{}", plus + 1)) && !s.contains('-') {
        "mean"
    } else if names == 2 && s.contains("-(v") && s.contains('/') && !s.contains('+') {
        "ratio/share"
    } else {
        "other"
    }
}

/// `b / a - 1` or `(b - a) / a`.
fn is_growth(s: &str, names: usize) -> bool {
    let no_sum = !s.contains('+');
    let ratio_less_one = s.contains('/') && s.contains("-1") && names == 2;
    let change_over =
        names == 3 && s.starts_with("(v") && s.contains('-') && s.matches('/').count() == 1;
    no_sum && (ratio_less_one || change_over)
}

/// The stated text of a `says` (`the answer is {23.0%}` → `23.0%`).
fn stated(says: &str) -> Option<&str> {
    let start = says.find('{')? + 1;
    let end = says[start..].find('}')? + start;
    Some(&says[start..end])
}

/// Line and column of the numbers the `answer` claim's check uses.
fn expected_inputs(file: &Path, root: &Path) -> Option<Vec<(usize, usize)>> {
    let options = CheckOptions {
        root: Some(root.to_path_buf()),
        ..CheckOptions::default()
    };
    let report = check_with(&[file.to_path_buf()], &options);
    let claim = report.claims.iter().find(|c| c.id == "answer")?;
    let mut at: Vec<(usize, usize)> = claim
        .check
        .as_ref()?
        .inputs
        .iter()
        .filter_map(|i| i.at.as_ref())
        .map(|s| {
            let p = report.files.start(s).position;
            (p.line, p.column)
        })
        .collect();
    at.sort();
    at.dedup();
    Some(at)
}

/// The rank of the first candidate whose facts are the expected numbers.
fn rank_of(file: &Path, root: &Path) -> Option<(&'static str, Option<usize>)> {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    let claim = json["claims"]
        .as_array()?
        .iter()
        .find(|c| c["id"] == "answer")?;
    let value = stated(claim["says"].as_str()?)?;
    let kind = kind(claim["check"].as_str()?);
    let expected = expected_inputs(file, root)?;
    let (name, path) = json["sources"].as_object()?.iter().next()?;
    let named = Named {
        name: name.clone(),
        path: file.parent()?.join(path.as_str()?),
    };
    let options = CheckOptions {
        root: Some(root.to_path_buf()),
        ..CheckOptions::default()
    };
    let read = Read::new(&[named], &options).ok()?;
    let pool = Pool::new(&read.sources);
    let target = Target::parse(value).ok()?;
    // At most 300 consistent derivations per answer computed exactly (as
    // init does) keeps the debug run in seconds.
    let request = Request {
        top: 10,
        budget: claimcheck::trace::draft::budget(),
        ..Request::default()
    };
    let traced = trace(&pool, &target, &request);
    let rank = traced.candidates.iter().position(|c| {
        let mut at: Vec<(usize, usize)> = c
            .facts
            .iter()
            .map(|f| (f.quote.line, f.quote.column))
            .collect();
        at.sort();
        at.dedup();
        at == expected
    });
    if std::env::var_os("TRACE_BENCH_VERBOSE").is_some() && rank.is_none_or(|r| r > 2) {
        let shown: Vec<String> = traced
            .candidates
            .iter()
            .take(3)
            .map(|c| {
                let at: Vec<String> = c
                    .facts
                    .iter()
                    .map(|f| format!("{}:{}", f.quote.line, f.quote.column))
                    .collect();
                format!("{} [{}] {}", c.expr, at.join(" "), c.score)
            })
            .collect();
        eprintln!(
            "MISS {} {kind} `{}` {value} want {expected:?} consistent {} rank {rank:?}\n    {}",
            file.file_name()?.to_string_lossy(),
            claim["check"].as_str()?,
            traced.consistent,
            shown.join("\n    ")
        );
    }
    Some((kind, rank.map(|r| r + 1)))
}

/// Every file in release builds; every tenth in debug builds, so `cargo
/// test` stays within seconds (`cargo test --release --test
/// trace_benchmarks` scores them all).
const SAMPLE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

fn score(bench: &Path) -> Ranks {
    let claims = bench.join("claims");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&claims)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .par_iter()
        .step_by(SAMPLE)
        .filter_map(|f| rank_of(f, bench))
        .collect()
}

/// Prints the shares per kind; gives the overall top-1, top-3 and top-10 shares.
fn report(name: &str, ranks: &Ranks) -> [f64; 3] {
    let mut by_kind: BTreeMap<&str, Vec<Option<usize>>> = BTreeMap::new();
    for (k, r) in ranks {
        by_kind.entry(k).or_default().push(*r);
        by_kind.entry("all").or_default().push(*r);
    }
    let share = |rs: &[Option<usize>], n: usize| {
        100.0 * rs.iter().filter(|r| r.is_some_and(|r| r <= n)).count() as f64
            / rs.len().max(1) as f64
    };
    eprintln!("{name}: kind, claims, top-1 %, top-3 %, top-10 %");
    for (k, rs) in &by_kind {
        eprintln!(
            "  {k:<12} {:>4} {:>6.1} {:>6.1} {:>6.1}",
            rs.len(),
            share(rs, 1),
            share(rs, 3),
            share(rs, 10)
        );
    }
    let all = &by_kind["all"];
    [share(all, 1), share(all, 3), share(all, 10)]
}

/// Floors for the top-1, top-3 and top-10 shares, a little under the scores
/// reached (release: all pages; debug: the sample).
fn floors(name: &str) -> [f64; 3] {
    match (name, SAMPLE == 1) {
        ("finqa-test", true) => [50.0, 70.0, 78.0],
        ("finqa-test", false) => [50.0, 68.0, 68.0],
        ("tatqa-test", true) => [78.0, 89.0, 90.0],
        (_, _) => [80.0, 90.0, 92.0],
    }
}

#[test]
fn trace_finds_the_annotated_derivations() {
    for name in ["finqa-test", "tatqa-test"] {
        let Some(dir) = common::benchmark(name) else {
            continue;
        };
        let start = std::time::Instant::now();
        let ranks = score(&dir);
        let shares = report(name, &ranks);
        eprintln!("  ({} claims in {:.1?})", ranks.len(), start.elapsed());
        for (k, (got, floor)) in shares.iter().zip(floors(name)).enumerate() {
            assert!(
                *got >= floor,
                "{name}: top-{} share {got:.1}% fell below {floor}%",
                [1, 3, 10][k]
            );
        }
    }
}
