//! Reader speed and memory on 100 MB of mixed English/Chinese financial
//! text, reported as MB/s and as a ratio against a plain pass of the
//! `regex` crate's `\d+` over the same bytes in the same process.
//! Target: at most 3× that pass, and no memory that grows with the input.
//!
//! Run with `cargo bench --bench reader` (set `READER_BENCH_MB` to change the size).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use claimcheck::numbers::read_numbers;
use regex::Regex;

/// Counts live heap bytes and their peak, to measure the reader's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[path = "support/lcg.rs"]
mod lcg;

use lcg::Lcg;

const ENGLISH: &[&str] = &[
    "Revenue for the quarter was US${a}.{b} million, up {p}.{q}% from a year earlier, while gross margin rose {q}.{b} percentage points. ",
    "Operating expenses were ${a},{c} million in Q{d} FY20{y}, compared with ${a}.{b} billion in the prior year. ",
    "The company shipped {a},{c} units of its Gen {d} accelerator and guided to $1.{b} billion to $2.{p} billion. ",
    "| Data Center | {a}.{b} | {a}.{q} | ({b}.{p}) | {p}.{q}% |\n",
    "Net loss narrowed to $({a}.{b}) million as of December {d}, 20{y}; see note {d} for details. ",
];

const CHINESE: &[&str] = &[
    "截至20{y}年12月31日止年度，本集團收入為人民幣{a}.{b}百萬元，較上年增長{p}.{q}%。",
    "公司2025年1-9月營業收入約{a}.{b}億元，毛利率上升{q}.{b}個百分點，研發人員{a}多名。",
    "前五大客户收入占比为{p}.{q}%，单一最大客户占比{q}%，出货量达{a},{c}片，同比增长{d}倍。",
    "天垓100与智铠{d}0推理卡的平均售价为{a}.{b}万元，较第{d}季度下降百分之{d}十。",
    "募集資金淨額約為{a}.{b}億港元，其中{p}%用於研發，預計於二十四個月內動用。",
];

fn fill(template: &str, rng: &mut Lcg) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let key = &rest[i + 1..i + 2];
        let value = match key {
            "a" => (1 + rng.below(999)).to_string(),
            "b" => rng.below(10).to_string(),
            "c" => format!("{:03}", rng.below(1000)),
            "p" => (1 + rng.below(99)).to_string(),
            "q" => rng.below(10).to_string(),
            "d" => (1 + rng.below(4)).to_string(),
            _ => format!("{:02}", 10 + rng.below(16)),
        };
        out.push_str(&value);
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Sentences without figures, as filings and news mostly are; the Chinese
/// ones hold numerals inside words (統一, 之一, 一直, 十分) that the reader
/// must reject.
const PROSE: &[&str] = &[
    "Management believes the company is well positioned to benefit from continued investment in data-center infrastructure. ",
    "The board continues to review capital allocation with a focus on long-term shareholder value and disciplined execution. ",
    "Demand from cloud customers remained healthy, while the consumer business faced softer conditions in several regions. ",
    "These forward-looking statements involve risks and uncertainties that could cause actual results to differ materially. ",
    "本集團一直致力於自主研發，並以統一的架構支持訓練與推理，客戶涵蓋互聯網、金融及醫療等行業。",
    "公司是國內領先的通用圖形處理器設計企業之一，十分重視供應鏈安全，並與多家晶圓代工廠保持長期合作。",
    "管理层认为，行业需求依然强劲，但市场竞争加剧，产品价格承压，公司将继续加大研发投入以保持技术领先。",
    "董事会将持续审视资本配置，一些非核心业务可能择机出售，以集中资源发展核心产品线。",
];

/// About `bytes` of mixed text in paragraphs: English and Chinese
/// (Traditional and Simplified) sentences with figures, sentences without,
/// and table rows — about one number per 40 bytes, denser than FinQA's
/// 10-K pages (about 60) and close to our prospectus summary (about 30).
fn corpus(bytes: usize, dense: bool) -> String {
    let mut rng = Lcg(2026);
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        let chinese = rng.below(2) == 0;
        for _ in 0..1 + rng.below(4) {
            let numeric = dense || rng.below(3) != 0;
            let sentence = if numeric {
                let pool = if chinese { CHINESE } else { ENGLISH };
                fill(pool[rng.below(pool.len() as u64) as usize], &mut rng)
            } else {
                let offset = if chinese { 4 } else { 0 };
                PROSE[offset + rng.below(4) as usize].to_string()
            };
            text.push_str(&sentence);
        }
        text.push_str("\n\n");
    }
    text
}

/// Fastest of `runs` timings of `f`, and its result.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let r = black_box(f());
        best = best.min(start.elapsed());
        result = Some(r);
    }
    (best, result.expect("at least one run"))
}

/// One measurement: the regex pass and the reader over `text`, interleaved,
/// each keeping its fastest of five runs.
struct Measured {
    base: Duration,
    reader: Duration,
    digit_runs: usize,
    numbers: usize,
    extra_peak: usize,
}

fn measure(text: &str) -> Measured {
    let digits = Regex::new(r"\d+").expect("valid regex");
    let mut m = Measured {
        base: Duration::MAX,
        reader: Duration::MAX,
        digit_runs: 0,
        numbers: 0,
        extra_peak: 0,
    };
    for _ in 0..5 {
        let (t, n) = best(1, || digits.find_iter(text).count());
        m.base = m.base.min(t);
        m.digit_runs = n;
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let (t, n) = best(1, || read_numbers(text).count());
        m.extra_peak = m
            .extra_peak
            .max(PEAK.load(Ordering::Relaxed).saturating_sub(before));
        m.reader = m.reader.min(t);
        m.numbers = n;
    }
    m
}

fn report(name: &str, text: &str, m: &Measured) -> f64 {
    let size_mb = text.len() as f64 / (1 << 20) as f64;
    let mbps = |d: Duration| size_mb / d.as_secs_f64();
    let ratio = m.reader.as_secs_f64() / m.base.as_secs_f64();
    println!(
        "{name}: {size_mb:.1} MB, one number per {:.0} bytes",
        text.len() as f64 / m.numbers as f64
    );
    println!(
        "  regex \\d+ pass: {:>8.1} ms  {:>7.1} MB/s  ({} digit runs)",
        m.base.as_secs_f64() * 1e3,
        mbps(m.base),
        m.digit_runs
    );
    println!(
        "  number reader:  {:>8.1} ms  {:>7.1} MB/s  ({} numbers)",
        m.reader.as_secs_f64() * 1e3,
        mbps(m.reader),
        m.numbers
    );
    println!("  ratio: {ratio:.2}× the regex pass");
    println!(
        "  reader's peak extra heap: {:.1} KB ({:.4}% of the input)",
        m.extra_peak as f64 / 1024.0,
        m.extra_peak as f64 * 100.0 / text.len() as f64
    );
    ratio
}

fn main() {
    let mb: usize = std::env::var("READER_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let text = corpus(mb << 20, false);
    let ratio = report("mixed English/Chinese text", &text, &measure(&text));
    drop(text);
    // Every sentence with figures: a stress test, reported without a target.
    let dense = corpus(mb << 20, true);
    report(
        "stress: figures in every sentence",
        &dense,
        &measure(&dense),
    );
    println!("target: the reader at most 3× the regex pass on the mixed text");
    if ratio > 3.0 {
        eprintln!("FAIL: the reader is {ratio:.2}× slower than the regex pass");
        std::process::exit(1);
    }
    println!("PASS");
}
