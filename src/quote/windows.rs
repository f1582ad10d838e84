//! A document folded piece by piece. Each [`Window`] holds the folded text
//! of the next chunk of the document, preceded by the folded tail of the
//! previous window (long enough that nothing searched for is cut in two),
//! with the document offset of every folded byte. Memory stays at a few
//! chunks whatever the document's size.

use std::ops::ControlFlow;

use super::fold::fold;

/// Bytes of the document folded at a time.
const CHUNK: usize = 1 << 20;

/// A folded piece of a document.
pub(crate) struct Window {
    /// Folded text: the carried tail, then the new chunk.
    pub text: String,
    /// Document byte offset of each folded byte, plus one past the end.
    origin: Vec<usize>,
    /// Folded bytes at the start that were carried from the previous window.
    pub carried: usize,
    /// Folded characters of the document before `text` starts.
    pub chars_before: usize,
}

impl Window {
    /// The document offset of folded byte `i` of [`Window::text`].
    pub fn original(&self, i: usize) -> usize {
        self.origin[i.min(self.origin.len() - 1)]
    }

    /// The document byte range of folded range `r`, ending after the last
    /// character that produced it.
    pub fn original_range(&self, doc: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.original(r.start);
        let last = self.original(r.end.saturating_sub(1).max(r.start));
        let end = last + doc[last..].chars().next().map_or(0, char::len_utf8);
        start..end.max(start)
    }
}

/// Calls `visit` with each window of `doc`, carrying at least `carry` folded
/// bytes from one window to the next; stops early when `visit` breaks.
pub(crate) fn for_each_window(
    doc: &str,
    carry: usize,
    mut visit: impl FnMut(&Window) -> ControlFlow<()>,
) {
    let mut start = 0;
    let mut window = Window {
        text: String::new(),
        origin: vec![0],
        carried: 0,
        chars_before: 0,
    };
    while start < doc.len() {
        let end = chunk_end(doc, start);
        let folded = fold(&doc[start..end]);
        window.origin.pop();
        window.text.push_str(&folded.text);
        window
            .origin
            .extend(folded.origin.iter().map(|&o| start + o as usize));
        if visit(&window).is_break() {
            return;
        }
        keep_tail(&mut window, carry);
        start = end;
    }
}

/// Where the chunk starting at `start` ends: on a character boundary.
fn chunk_end(doc: &str, start: usize) -> usize {
    let end = doc.floor_char_boundary((start + CHUNK).min(doc.len()));
    if end > start {
        end
    } else {
        doc.ceil_char_boundary(start + 1)
    }
}

/// Drops all but the last `carry` folded bytes (on a character boundary).
fn keep_tail(window: &mut Window, carry: usize) {
    let len = window.text.len();
    let cut = window.text.ceil_char_boundary(len.saturating_sub(carry));
    window.chars_before += window.text[..cut].chars().count();
    window.text.drain(..cut);
    window.origin.drain(..cut);
    window.carried = window.text.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_document_once_with_a_carried_tail() {
        let doc = "收入 12.5%\n".repeat(200_000);
        let mut fresh = String::new();
        let mut windows = 0;
        for_each_window(&doc, 16, |w| {
            fresh.push_str(&w.text[w.carried..]);
            assert_eq!(
                &doc[w.original(w.carried)..][..3],
                &w.text[w.carried..][..3]
            );
            windows += 1;
            ControlFlow::Continue(())
        });
        assert!(windows > 1);
        assert_eq!(fresh, fold(&doc).text);
    }
}
