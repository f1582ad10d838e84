//! Speed at scale (`cargo bench --bench scale`): `check` over a generated
//! corpus of mixed English/Chinese filing text, measured against a `regex`
//! `\d+` count over the same bytes in this process, and `extract` on one
//! large document. The corpus is deterministic and kept under
//! `target/bench-data/` between runs.
//!
//! Printed, in one run: wall time, MB/s and peak RSS of each case; check ÷
//! baseline at 100 MB with 10,000 claims (target ≤ 2.0); the 100 MB ÷ 10 MB
//! time ratio (target 8–12); 10,000 ÷ 10 claims on one 5 MB document
//! (target ≤ 1.2); peak RSS against 1.5 × corpus + 100 MB; extract MB/s
//! (target ≥ 100). `SCALE_BENCH_MB` changes the large corpus (default 100).

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/lcg.rs"]
mod lcg;
#[path = "support/run.rs"]
mod run;

use std::path::Path;

use run::{Cost, baseline, best_of, mb, measure, scratch};

const RUNS: usize = 3;

/// One line of results; returns whether the target was met.
fn verdict(name: &str, value: f64, ok: bool, target: &str) -> bool {
    println!(
        "  {name}: {value:.2} (target {target}) {}",
        if ok { "PASS" } else { "FAIL" }
    );
    ok
}

fn show(case: &str, bytes: usize, c: &Cost) {
    println!(
        "{case}: {:.2} s, {:.0} MB/s, peak RSS {:.0} MiB (exit {})",
        c.wall.as_secs_f64(),
        mb(bytes as u64) / c.wall.as_secs_f64(),
        mb(c.peak),
        c.exit
    );
}

fn corpus_case(dir: &Path, files: usize, bytes: usize, claims: usize) -> (usize, Cost) {
    let written = corpus::write_corpus(dir, files, bytes, claims);
    let cost = best_of(RUNS, || {
        measure(dir, &["check", "--format", "json", "claims"])
    });
    (written, cost)
}

/// One 5 MB document with several claims files over it.
fn one_document(dir: &Path, counts: &[usize]) -> Vec<Cost> {
    let source = dir.join("doc.md");
    if !dir.join("done").is_file() {
        let mut rng = corpus::Lcg(7);
        let groups = counts
            .iter()
            .max()
            .unwrap()
            .div_ceil(corpus::CLAIMS_PER_GROUP);
        let (text, planted) = corpus::source(&mut rng, "doc", 5 << 20, groups);
        std::fs::write(&source, &text).unwrap();
        for &n in counts {
            let claims = corpus::claims_file("doc.md", &planted, n);
            std::fs::write(dir.join(format!("claims-{n}.json")), claims).unwrap();
        }
        std::fs::write(dir.join("done"), "").unwrap();
    }
    counts
        .iter()
        .map(|n| {
            let file = format!("claims-{n}.json");
            best_of(RUNS, || measure(dir, &["check", "--format", "json", &file]))
        })
        .collect()
}

/// One large document made of the corpus's sources.
fn extract_case(corpus_dir: &Path, dir: &Path) -> (usize, Cost) {
    let big = dir.join("big.md");
    if !big.is_file() {
        let mut text = String::new();
        for f in run::files(&corpus_dir.join("sources"), "md") {
            text.push_str(&std::fs::read_to_string(f).unwrap());
        }
        std::fs::write(&big, text).unwrap();
    }
    let bytes = std::fs::metadata(&big).unwrap().len() as usize;
    let cost = best_of(RUNS, || {
        measure(dir, &["extract", "--format", "json", "big.md"])
    });
    (bytes, cost)
}

fn main() {
    run::runner();
    let big_mb: usize = std::env::var("SCALE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let mut ok = true;
    let large = scratch(&format!("scale-{big_mb}mb"));
    let small = scratch(&format!("scale-{}mb", big_mb / 10));
    let (large_bytes, large_cost) = corpus_case(&large, 200, big_mb << 20, 10_000);
    show(
        &format!("{big_mb} MB in 200 files, 10,000 claims"),
        large_bytes,
        &large_cost,
    );
    let base = baseline(&large.join("sources"), "md", RUNS);
    println!(
        "baseline (regex \\d+ over the same files): {:.3} s, {:.0} MB/s",
        base.as_secs_f64(),
        mb(large_bytes as u64) / base.as_secs_f64()
    );
    let (small_bytes, small_cost) = corpus_case(&small, 200, (big_mb / 10) << 20, 10_000);
    show(
        &format!("{} MB in 200 files, 10,000 claims", big_mb / 10),
        small_bytes,
        &small_cost,
    );
    let counts = [10, 100, 1000, 10_000];
    let doc = one_document(&scratch("scale-one-5mb"), &counts);
    for (n, c) in counts.iter().zip(&doc) {
        show(&format!("one 5 MB document, {n} claims"), 5 << 20, c);
    }
    let (extract_bytes, extract_cost) = extract_case(&large, &scratch("scale-extract"));
    show(
        "extract --format json, one document",
        extract_bytes,
        &extract_cost,
    );

    println!("targets:");
    let ratio = large_cost.wall.as_secs_f64() / base.as_secs_f64();
    ok &= verdict(
        "check ÷ baseline at the large corpus",
        ratio,
        ratio <= 2.0,
        "≤ 2.0",
    );
    let growth = large_cost.wall.as_secs_f64() / small_cost.wall.as_secs_f64();
    ok &= verdict(
        "large ÷ small corpus time",
        growth,
        (8.0..=12.0).contains(&growth),
        "8–12",
    );
    let claims = doc[3].wall.as_secs_f64() / doc[0].wall.as_secs_f64();
    ok &= verdict(
        "10,000 ÷ 10 claims on one 5 MB document",
        claims,
        claims <= 1.2,
        "≤ 1.2",
    );
    let allowed = 1.5 * large_bytes as f64 + 100.0 * (1 << 20) as f64;
    let rss = large_cost.peak as f64 / allowed;
    ok &= verdict(
        "peak RSS ÷ (1.5 × corpus + 100 MB)",
        rss,
        rss <= 1.0,
        "≤ 1.0",
    );
    let mbps = mb(extract_bytes as u64) / extract_cost.wall.as_secs_f64();
    ok &= verdict("extract MB/s", mbps, mbps >= 100.0, "≥ 100");
    let extract_rss = mb(extract_cost.peak);
    ok &= verdict(
        "extract peak RSS ÷ (document + 100 MB)",
        extract_rss / (mb(extract_bytes as u64) + 100.0),
        extract_rss <= mb(extract_bytes as u64) + 100.0,
        "≤ 1.0",
    );
    println!("{}", if ok { "PASS" } else { "FAIL" });
}
