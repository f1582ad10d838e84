//! Speed of `trace` and `audit` on generated mixed English/Chinese filings
//! (prose with lists of figures, and tables with period headers), the
//! targets of issue 11: a trace on a 1 MB source well under a second, an
//! audit of a 5,000-word draft against a 5 MB source in a few seconds.
//! Prints the figures; it asserts nothing.
//!
//! Run with `cargo bench --bench trace` (`TRACE_BENCH_SOURCE_MB` and
//! `TRACE_BENCH_AUDIT_MB` change the sizes).

use std::sync::Arc;
use std::time::Instant;

use claimcheck::document::Document;
use claimcheck::outcome::Files;
use claimcheck::sources::Source;
use claimcheck::trace::draft::{budget, init};
use claimcheck::trace::inputs::Read;
use claimcheck::trace::{Pool, Request, Target, trace};

#[path = "support/lcg.rs"]
mod lcg;

use lcg::Lcg;

/// An amount with one decimal, 100.0 to 999.9.
fn amount(rng: &mut Lcg) -> String {
    format!("{}.{}", 100 + rng.below(900), rng.below(10))
}

/// One section of a filing: a prose paragraph with a list of three yearly
/// figures, and a table of four rows over three years.
fn section(rng: &mut Lcg, k: usize) -> String {
    let (a, b, c) = (amount(rng), amount(rng), amount(rng));
    let mut s = if k.is_multiple_of(2) {
        format!(
            "Segment {k} revenue was ${a} million, ${b} million and ${c} million in 2022, 2023 and 2024, while its margin moved {}.{}%.\n\n",
            rng.below(40),
            rng.below(10)
        )
    } else {
        format!(
            "2022年、2023年及2024年，第{k}分部收入分別為人民幣{a}百萬元、人民幣{b}百萬元及人民幣{c}百萬元，毛利率為{}.{}%。\n\n",
            rng.below(60),
            rng.below(10)
        )
    };
    s.push_str("| Item | 2022 | 2023 | 2024 |\n|---|---|---|---|\n");
    for row in ["Revenue", "Cost", "Opex", "Net income"] {
        s.push_str(&format!(
            "| {row} {k} | {} | {} | {} |\n",
            amount(rng),
            amount(rng),
            amount(rng)
        ));
    }
    s.push('\n');
    s
}

fn filing(bytes: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 1024);
    let mut k = 0;
    while out.len() < bytes {
        out.push_str(&section(&mut rng, k));
        k += 1;
    }
    out
}

/// A draft of about `words` words whose figures restate figures of the
/// filing: some as written, some as growth rates, some made up.
fn draft_text(filing: &str, words: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let numbers: Vec<&str> = filing
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| s.contains('.') && s.len() >= 4)
        .collect();
    let mut out = String::new();
    let mut count = 0;
    while count < words {
        let n = numbers[rng.below(numbers.len() as u64) as usize];
        let sentence = match rng.below(3) {
            0 => format!(
                "The company said revenue reached ${n} million in the latest year, according to the filing and to analysts. "
            ),
            1 => format!(
                "Growth in the segment was {}.{}% from a year earlier as costs rose and margins held up well. ",
                rng.below(90),
                rng.below(10)
            ),
            _ => format!(
                "Management expects about {} new stores and a margin of {}% next year, it told reporters on Monday. ",
                rng.below(500),
                rng.below(60)
            ),
        };
        count += sentence.split_whitespace().count();
        out.push_str(&sentence);
        if rng.below(5) == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

fn source(name: &str, text: String, files: &mut Files) -> Arc<Source> {
    let doc = Arc::new(Document::from_text(name, &text));
    let id = files.add(Arc::clone(&doc));
    Arc::new(Source::new(doc, id))
}

fn mb(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let mut files = Files::default();
    let one = source(
        "one.md",
        filing(mb("TRACE_BENCH_SOURCE_MB", 1) << 20, 7),
        &mut files,
    );
    let start = Instant::now();
    let pool = Pool::new(&[("filing".to_string(), Arc::clone(&one))]);
    let read = start.elapsed();
    let target = Target::parse("12.5%").unwrap();
    let start = Instant::now();
    let traced = trace(&pool, &target, &Request::default());
    println!(
        "trace 12.5% on {:.1} MB ({} numbers): {:.2?} (+ {read:.2?} to read and lay out); {} of {} derivations consistent{}",
        one.text().len() as f64 / (1 << 20) as f64,
        pool.len(),
        start.elapsed(),
        traced.consistent,
        traced.considered,
        if traced.exhausted {
            ", budget ran out"
        } else {
            ""
        }
    );

    let big = filing(mb("TRACE_BENCH_AUDIT_MB", 5) << 20, 11);
    let text = draft_text(&big, 5000, 3);
    let five = source("five.md", big, &mut files);
    let words = text.split_whitespace().count();
    let article = source("draft.md", text, &mut files);
    let numbers = five.numbers().len();
    let read = Read {
        files,
        sources: vec![
            ("filing".to_string(), Arc::clone(&five)),
            ("draft".to_string(), article),
        ],
    };
    let paths = [
        ("filing".to_string(), "five.md".to_string()),
        ("draft".to_string(), "draft.md".to_string()),
    ];
    let start = Instant::now();
    let made = init(&read, "draft", &paths, &budget()).expect("the file loads");
    let d = &made.drafted;
    let supported = d
        .supports
        .iter()
        .filter(|s| s.check.is_some() || s.appears.is_some())
        .count();
    println!(
        "audit of a {words}-word draft ({} figures) against {:.1} MB ({numbers} numbers): {:.2?} (trace, write, check); {supported} figures supported, {} derivations considered{}",
        d.figures.len(),
        five.text().len() as f64 / (1 << 20) as f64,
        start.elapsed(),
        d.considered,
        if d.exhausted { ", budget ran out" } else { "" }
    );
}
