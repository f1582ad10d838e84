#![no_main]

//! The HTML stripper on any text: no panic, linear time (libFuzzer's
//! timeout catches a quadratic case), visible text no longer than the
//! markup, and every offset of the visible text maps into the file.

use claimcheck::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let doc = Document::from_html("f.html", &html);
    let text = doc.text();
    assert!(text.len() <= html.len() + html.len() / 2 + 16, "visible text grew");
    for (i, _) in text.char_indices().step_by(7) {
        let offset = doc.original_offset(i);
        assert!(offset <= html.len(), "offset {i} maps outside the file");
        let _ = doc.location(i);
    }
    let _ = claimcheck::numbers::read_numbers(text).count();
});
