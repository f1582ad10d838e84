//! PDF reading speed and memory: a generated 300-page prospectus-like PDF
//! (compressed content streams; English lines in a simple font, Chinese
//! lines in a composite Identity-H font with a ToUnicode CMap, and a
//! table on every page) is read as a source, and the time per 100 pages
//! and the peak resident memory are printed.
//!
//! Targets: well under a second per 100 pages on one core; peak RSS at most
//! 1.5 × (extracted text + file size) + 100 MB.
//!
//! Run with `cargo bench --bench pdf` (`PDF_BENCH_PAGES` changes the size).
//! The reading runs in a child process, so its peak RSS is the reader's own.
//!
//! Last run on the 2-core development machine (a fuzzer busy on the other core):
//! 300 pages (0.35 MB file, 0.73 MB text): 0.177 s, 0.059 s per 100 pages,
//! peak RSS 7.6 MB (budget 101.6 MB); 3,000 pages (3.5 MB, 7.4 MB text):
//! 1.52 s, 0.051 s per 100 pages, peak RSS 28.1 MB (budget 116.3 MB).

use std::io::Write;
use std::time::Instant;

use claimcheck::document::{Document, Format, ReadOptions};
use lopdf::{Dictionary, Object, Stream, dictionary};

/// A CMap mapping codes 0x0001–0x0FFF to U+4E00 onwards.
const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CMapName /Bench def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
1 beginbfrange <0001> <0FFF> <4E00> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n";

/// The content of page `n`: 24 lines of prose and a 12-row table.
fn page_content(n: usize) -> Vec<u8> {
    let mut c = String::from("BT /F1 10 Tf 12 TL 60 800 Td\n");
    for line in 0..12 {
        let v = (n * 31 + line * 7) % 1000;
        c.push_str(&format!(
            "(Revenue of segment {line} was RMB{v},{:03}.5 million in 2024, up {}.{}% from 2023.) Tj T*\n",
            (v * 13) % 1000,
            v % 90,
            v % 10
        ));
        c.push_str("/F2 10 Tf <");
        for k in 0..28 {
            c.push_str(&format!("{:04X}", 1 + (n * 7 + line * 5 + k * 3) % 4000));
        }
        c.push_str("> Tj T* /F1 10 Tf\n");
    }
    c.push_str("ET\n");
    for row in 0..12 {
        let y = 480 - row * 16;
        c.push_str(&format!("BT /F1 9 Tf 60 {y} Td (Item {row}) Tj ET\n"));
        for col in 0..4 {
            let x = 220 + col * 90;
            let v = (n * 97 + row * 41 + col * 13) % 100_000;
            c.push_str(&format!(
                "BT /F1 9 Tf {x} {y} Td (({v},{:03})) Tj ET\n",
                v % 1000
            ));
        }
    }
    c.into_bytes()
}

/// A PDF of `pages` pages.
fn generate(pages: usize) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let cmap = doc.add_object(Stream::new(
        Dictionary::new(),
        TO_UNICODE.as_bytes().to_vec(),
    ));
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "BenchSong",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
    });
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "BenchSong", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()], "ToUnicode" => cmap,
    });
    let resources =
        doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } });
    let mut kids = Vec::with_capacity(pages);
    for n in 0..pages {
        let mut stream = Stream::new(Dictionary::new(), page_content(n));
        stream.compress().expect("deflate");
        let content = doc.add_object(stream);
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write the PDF");
    out
}

/// Peak resident memory of this process, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// In the child process: reads the PDF at `path` three times and prints
/// `seconds text_bytes peak_rss` (the peak of a process that did nothing else).
fn read_child(path: &str) {
    let pdf = std::fs::read(path).expect("the generated PDF");
    let options = ReadOptions::default();
    let mut best = f64::INFINITY;
    let mut text_len = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let doc = Document::from_bytes("bench.pdf", &pdf, Format::Pdf, &options).expect("readable");
        best = best.min(start.elapsed().as_secs_f64());
        text_len = doc.text().len();
        assert!(doc.has_sections());
    }
    println!("{best} {text_len} {}", peak_rss().unwrap_or(0));
}

fn main() {
    if let Ok(path) = std::env::var("PDF_BENCH_READ") {
        return read_child(&path);
    }
    let pages: usize = std::env::var("PDF_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let pdf = generate(pages);
    let path = std::env::temp_dir().join(format!("claimcheck-bench-{}.pdf", std::process::id()));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(&pdf))
        .expect("write the PDF");
    // A fresh process reads it, so the peak is the reader's, not the generator's.
    let out = std::process::Command::new(std::env::current_exe().expect("this bench"))
        .env("PDF_BENCH_READ", &path)
        .output()
        .expect("the reading process runs");
    let _ = std::fs::remove_file(&path);
    let line = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<f64> = line
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [best, text_len, peak] = fields[..] else {
        panic!(
            "the reading process failed: {line} {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let per_100 = best / pages as f64 * 100.0;
    let budget = 1.5 * (text_len + pdf.len() as f64) + (100u64 << 20) as f64;
    println!(
        "pages: {pages}; file {:.2} MB; extracted text {:.2} MB",
        mb(pdf.len() as u64),
        text_len / (1 << 20) as f64
    );
    println!("read: {best:.3} s ({per_100:.3} s per 100 pages, best of 3, one core)");
    println!(
        "peak RSS of the reading process: {:.1} MB; budget 1.5 × (text + file) + 100 MB = {:.1} MB",
        peak / (1 << 20) as f64,
        budget / (1 << 20) as f64
    );
    let fast = per_100 < 1.0;
    let lean = peak <= budget;
    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    println!(
        "targets: under 1 s per 100 pages {}; peak RSS within budget {}",
        verdict(fast),
        verdict(lean)
    );
    if !(fast && lean) {
        std::process::exit(1);
    }
}
