//! What every reader target asserts: a document read from any bytes (or a
//! run error, never a panic or a hang), whose locations all compute.

use claimcheck::document::{Document, Format, ReadOptions};

/// Reads `data` as `format` with a 1 MiB size cap and checks the result.
pub fn read(data: &[u8], format: Format, name: &str) {
    let options = ReadOptions {
        max_bytes: 1 << 20,
        encoding: None,
    };
    let Ok(doc) = Document::from_bytes(name, data, format, &options) else {
        return;
    };
    let text = doc.text();
    assert!(text.len() <= 1 << 20, "text over the cap: {}", text.len());
    let mut last_line = 0;
    for (i, (offset, _)) in text.char_indices().enumerate() {
        if i % 7 != 0 {
            continue;
        }
        let at = doc.location(offset);
        assert!(at.position.line >= 1 && at.position.column >= 1, "{at:?} at {offset}");
        if at.section.is_none() {
            assert!(at.position.line >= last_line, "lines go back at {offset}");
            last_line = at.position.line;
        }
    }
    let _ = doc.location(text.len());
}
