#![no_main]

use claimcheck::numbers::{read_number_at, read_numbers};
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
});

fn check(text: &str, n: &claimcheck::numbers::Number) {
    assert!(n.span.start < n.span.end, "empty span: {n:?}");
    assert!(n.span.end <= text.len(), "span past end: {n:?}");
    assert!(text.is_char_boundary(n.span.start), "span start not a char boundary: {n:?}");
    assert!(text.is_char_boundary(n.span.end), "span end not a char boundary: {n:?}");
    assert!(n.low() <= n.high(), "low > high: {n:?}");
    let _ = n.text(text);
}
