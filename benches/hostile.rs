//! Hostile input at scale (`cargo bench --bench hostile`): every probe of
//! issue 6 that once went quadratic in time or memory, at 1, 10 and 100 MB
//! (or 10× steps of its own count), with the time ratio for each 10× step
//! (target ≤ 12) and peak RSS where memory was the problem. Inputs are
//! generated deterministically under `target/bench-data/hostile/`.
//! `HOSTILE_BENCH_BIG_MB` sets the large-source probe (default 1024).

#[path = "support/run.rs"]
#[allow(dead_code)]
mod run;

use std::path::{Path, PathBuf};

use run::{Cost, best_of, mb, measure, scratch};

/// A probe at one size: writes its inputs into `dir`, returns the
/// arguments to run and the input's size in bytes.
type Probe = fn(dir: &Path, scale: usize) -> (Vec<String>, usize);

fn claims_over(dir: &Path, source: &str, claims: &[serde_json::Value], facts: serde_json::Value) {
    let file = serde_json::json!({
        "sources": { "s": source },
        "facts": facts,
        "claims": claims,
    });
    std::fs::write(dir.join("claims.json"), file.to_string()).unwrap();
}

fn simple_claims(n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| match i % 3 {
            0 => serde_json::json!({ "id": format!("a{i}"), "says": "{RMB189.0 million}", "appears_in": "s" }),
            1 => serde_json::json!({ "id": format!("q{i}"), "says": "{RMB189.0 million}", "check": "rev" }),
            _ => serde_json::json!({ "id": format!("m{i}"), "says": "{RMB999.9 million}", "check": "gone" }),
        })
        .collect()
}

fn facts() -> serde_json::Value {
    serde_json::json!({
        "rev": { "quote": "Revenue was {RMB189.0 million}" },
        "gone": { "quote": "Revenue was never {RMB999.9 million} at all" },
    })
}

/// HTML whose every sentence holds a `<sup>` footnote and a `<script>`.
fn html_tags(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    let unit = "<p>Segment revenue rose 12.5%<sup>1</sup> to $4.2 million.<script>var x = 1;</script></p>\n";
    let mut text = String::from("<html><body>\n<p>Revenue was RMB189.0 million.</p>\n");
    while text.len() < scale {
        text.push_str(unit);
    }
    text.push_str("</body></html>\n");
    std::fs::write(dir.join("page.html"), &text).unwrap();
    claims_over(dir, "page.html", &simple_claims(30), facts());
    (vec!["check".into(), "claims.json".into()], text.len())
}

/// HTML with a lone `<` and no `>` anywhere after it.
fn lone_angle(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    let mut text = String::from("<html><p>Revenue was RMB189.0 million. x < 5 and ");
    while text.len() < scale {
        text.push_str("a < b still open 7 ");
    }
    std::fs::write(dir.join("page.html"), &text).unwrap();
    claims_over(dir, "page.html", &simple_claims(30), facts());
    (vec!["check".into(), "claims.json".into()], text.len())
}

/// A 5 KB repetitive quote, not found, against a repetitive document.
fn repetitive_quote(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    let text = "ab ".repeat(scale / 3);
    std::fs::write(dir.join("doc.md"), &text).unwrap();
    let quote = format!("{} {{7}}", "ab ".repeat(1700));
    let facts = serde_json::json!({ "rev": { "quote": quote } });
    let claims = vec![serde_json::json!({ "id": "q", "says": "{7}", "check": "rev" })];
    claims_over(dir, "doc.md", &claims, facts);
    (vec!["check".into(), "claims.json".into()], text.len())
}

/// Many facts, each used by a claim (scale is the number of facts).
fn many_facts(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    std::fs::write(dir.join("doc.md"), "Revenue was RMB189.0 million.\n").unwrap();
    let mut facts = serde_json::Map::new();
    facts.insert(
        "f0".into(),
        serde_json::json!({ "quote": "Revenue was {RMB189.0 million}" }),
    );
    let claims: Vec<serde_json::Value> = (1..scale)
        .map(|i| {
            facts.insert(format!("f{i}"), serde_json::json!({ "expr": "f0" }));
            serde_json::json!({ "id": format!("c{i}"), "says": "{RMB189.0 million}", "check": format!("f{i}") })
        })
        .collect();
    claims_over(dir, "doc.md", &claims, serde_json::Value::Object(facts));
    let size = std::fs::metadata(dir.join("claims.json")).unwrap().len() as usize;
    (
        vec![
            "check".into(),
            "--format".into(),
            "json".into(),
            "claims.json".into(),
        ],
        size,
    )
}

/// A one-line claims file (scale is the number of claims).
fn one_line_claims(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    std::fs::write(dir.join("doc.md"), "Revenue was RMB189.0 million.\n").unwrap();
    claims_over(dir, "doc.md", &simple_claims(scale), facts());
    let size = std::fs::metadata(dir.join("claims.json")).unwrap().len() as usize;
    (
        vec![
            "check".into(),
            "--format".into(),
            "json".into(),
            "claims.json".into(),
        ],
        size,
    )
}

/// A one-line (minified) source with 1,000 claims.
fn one_line_source(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    let mut text = String::from("Revenue was RMB189.0 million. ");
    while text.len() < scale {
        text.push_str("Costs were RMB5.0 million and margins 12.5%. ");
    }
    std::fs::write(dir.join("doc.md"), &text).unwrap();
    claims_over(dir, "doc.md", &simple_claims(1000), facts());
    (vec!["check".into(), "claims.json".into()], text.len())
}

fn run_probe(name: &str, probe: Probe, scales: &[usize]) -> Vec<Cost> {
    println!("{name}:");
    let mut costs = Vec::new();
    for &scale in scales {
        let dir: PathBuf = scratch(&format!("hostile/{name}-{scale}"));
        let (args, size) = probe(&dir, scale);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cost = best_of(2, || measure(&dir, &args));
        println!(
            "  {scale:>11}: {:>8.3} s  peak RSS {:>7.1} MiB  input {:>7.1} MB  (exit {})",
            cost.wall.as_secs_f64(),
            mb(cost.peak),
            mb(size as u64),
            cost.exit
        );
        costs.push(cost);
    }
    costs
}

fn ratios(costs: &[Cost]) -> bool {
    let mut ok = true;
    for w in costs.windows(2) {
        let r = w[1].wall.as_secs_f64() / w[0].wall.as_secs_f64().max(0.001);
        let pass = r <= 12.0;
        ok &= pass;
        println!(
            "  10× input → {r:.1}× time (target ≤ 12) {}",
            if pass { "PASS" } else { "FAIL" }
        );
    }
    ok
}

fn memory(label: &str, cost: &Cost, limit: f64) -> bool {
    let pass = mb(cost.peak) <= limit;
    println!(
        "  {label}: peak RSS {:.0} MiB (target ≤ {limit:.0} MiB) {}",
        mb(cost.peak),
        if pass { "PASS" } else { "FAIL" }
    );
    pass
}

fn main() {
    run::runner();
    const MB: usize = 1 << 20;
    let sizes = [MB, 10 * MB, 100 * MB];
    let mut ok = true;
    ok &= ratios(&run_probe("html-sup-script", html_tags, &sizes));
    ok &= ratios(&run_probe("lone-angle", lone_angle, &sizes));
    ok &= ratios(&run_probe("repetitive-quote", repetitive_quote, &sizes));
    ok &= ratios(&run_probe(
        "many-facts",
        many_facts,
        &[4_000, 40_000, 400_000],
    ));
    let claims = run_probe(
        "one-line-claims",
        one_line_claims,
        &[2_000, 20_000, 200_000],
    );
    ok &= ratios(&claims);
    ok &= memory("200,000 claims on one line", &claims[2], 1024.0);
    let line = run_probe("one-line-source", one_line_source, &sizes);
    ok &= ratios(&line);
    ok &= memory("10 MB one-line source", &line[1], 1.5 * 10.0 + 100.0);
    let big_mb: usize = std::env::var("HOSTILE_BENCH_BIG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let big = run_probe("large-source", one_line_source_lines, &[big_mb * MB]);
    ok &= memory("large source", &big[0], 1.5 * big_mb as f64 + 100.0);
    println!("{}", if ok { "PASS" } else { "FAIL" });
}

/// A large source in ordinary lines, with quotes found and not found (no
/// `appears_in`).
fn one_line_source_lines(dir: &Path, scale: usize) -> (Vec<String>, usize) {
    use std::io::Write;
    let path = dir.join("doc.md");
    let mut size = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
    if size < scale {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"Revenue was RMB189.0 million.\n").unwrap();
        size = 30;
        let line =
            "收入為人民幣1.89億元，較去年增長186%。Costs were RMB5.0 million and margins 12.5%.\n";
        while size < scale {
            f.write_all(line.as_bytes()).unwrap();
            size += line.len();
        }
    }
    // The target is for quotes found and not found; `appears_in` over the
    // whole source needs its number index, measured apart (README).
    let quotes: Vec<serde_json::Value> = simple_claims(30)
        .into_iter()
        .filter(|c| c.get("appears_in").is_none())
        .collect();
    claims_over(dir, "doc.md", &quotes, facts());
    (
        vec![
            "check".into(),
            "--max-source-size".into(),
            "4G".into(),
            "claims.json".into(),
        ],
        size,
    )
}
