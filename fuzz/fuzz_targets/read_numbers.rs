#![no_main]

use claimcheck::numbers::{read_in_tables, read_number_at, read_numbers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    for n in read_numbers(text) {
        check(text, &n);
    }
    // read_number_at on the first few char boundaries.
    for (i, _) in text.char_indices().take(16) {
        if let Some(n) = read_number_at(text, i) {
            check(text, &n);
        }
    }
    let _ = read_number_at(text, text.len());
    // The same numbers in their tables' units: one per number read.
    let written = read_numbers(text).count();
    let mut scaled = 0;
    for (n, caption) in read_in_tables(text) {
        check(text, &n);
        if let Some(c) = caption {
            assert!(c.start < c.end && c.end <= text.len(), "caption out of the text: {c:?}");
        }
        scaled += 1;
    }
    assert_eq!(scaled, written, "the table reader keeps every number");
});

fn check(text: &str, n: &claimcheck::numbers::Number) {
    assert!(n.span.start < n.span.end, "empty span: {n:?}");
    assert!(n.span.end <= text.len(), "span past end: {n:?}");
    assert!(text.is_char_boundary(n.span.start), "span start not a char boundary: {n:?}");
    assert!(text.is_char_boundary(n.span.end), "span end not a char boundary: {n:?}");
    assert!(n.low() <= n.high(), "low > high: {n:?}");
    let _ = n.text(text);
}
