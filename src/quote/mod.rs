//! Locating quotes in documents. A quote matches a document passage when
//! both are equal after folding ([`fold`]: white space removed, NFKC,
//! dash and curly-quote variants unified). A match may not start or end in
//! the middle of a number of the document (`{58}` does not match in `1,580`).
//!
//! All quotes of one document are searched in a single pass with
//! Aho-Corasick ([`find_all`]), and all quotes that are missing share one
//! more pass that finds the closest passage of each ([`closest_all`]). Both
//! fold the document window by window, never whole.

mod closest;
mod fold;
mod search;
mod windows;

use std::ops::Range;

pub use closest::closest_all;

/// The automaton to search a document of `len` bytes with: building a DFA
/// pays off only over a large document; a small one is searched as quickly
/// by the contiguous NFA, which builds much faster.
fn automaton_kind(len: usize) -> Option<aho_corasick::AhoCorasickKind> {
    (len < 4 << 20).then_some(aho_corasick::AhoCorasickKind::ContiguousNFA)
}
pub use fold::fold;
pub use search::{Match, find, find_all, map_range};

/// Text with `{…}` markers removed, and where the markers were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The text without markers (`{{` and `}}` become `{` and `}`).
    pub text: String,
    /// Byte ranges in `text` of the marked parts.
    pub marks: Vec<Range<usize>>,
    /// Offsets in `text` where a brace of the original was dropped.
    dropped: Vec<usize>,
}

impl Marked {
    /// The byte range in the original string of a range of `text`.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let start = r.start + self.dropped.iter().filter(|&&d| d <= r.start).count();
        let end = r.end + self.dropped.iter().filter(|&&d| d < r.end).count();
        start..end.max(start)
    }
}

/// A malformed `{…}` marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the original string.
    pub at: usize,
}

/// Splits `{…}` markers out of a quote or a `says`.
pub fn parse_marked(s: &str) -> Result<Marked, MarkError> {
    let mut text = String::with_capacity(s.len());
    let mut marks = Vec::new();
    let mut dropped = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let doubled = chars.peek().is_some_and(|&(_, n)| n == c);
        match c {
            '{' | '}' if doubled => {
                chars.next();
                dropped.push(text.len());
                text.push(c);
            }
            '{' if open.is_some() => {
                return Err(MarkError {
                    message: "`{` inside a `{…}` marker (write `{{` for a literal brace)".into(),
                    at: i,
                });
            }
            '{' => {
                dropped.push(text.len());
                open = Some((i, text.len()));
            }
            '}' => {
                dropped.push(text.len());
                let Some((_, start)) = open.take() else {
                    return Err(MarkError {
                        message: "`}` without a matching `{` (write `}}` for a literal brace)"
                            .into(),
                        at: i,
                    });
                };
                if text[start..].trim().is_empty() {
                    return Err(MarkError {
                        message: "empty `{}` marker".into(),
                        at: i,
                    });
                }
                marks.push(start..text.len());
            }
            _ => text.push(c),
        }
    }
    if let Some((at, _)) = open {
        return Err(MarkError {
            message: "`{` is never closed".into(),
            at,
        });
    }
    Ok(Marked {
        text,
        marks,
        dropped,
    })
}

/// A whitespace-collapsed version of `s` for showing in reports.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_escapes() {
        let m = parse_marked("revenue was {RMB189.0 million} and {{braces}}").unwrap();
        assert_eq!(m.text, "revenue was RMB189.0 million and {braces}");
        assert_eq!(&m.text[m.marks[0].clone()], "RMB189.0 million");
        assert_eq!(
            parse_marked("a {b").unwrap_err().message,
            "`{` is never closed"
        );
        assert_eq!(parse_marked("a }b").unwrap_err().at, 2);
        assert_eq!(
            parse_marked("a {} b").unwrap_err().message,
            "empty `{}` marker"
        );
        assert!(parse_marked("{a {b}}").is_err());
        let says = "grew {186%} in {{two}} years";
        let m = parse_marked(says).unwrap();
        let r = m.original_range(m.marks[0].clone());
        assert_eq!(&says[r], "186%");
        let at = m.text.find("years").unwrap();
        assert_eq!(&says[m.original_range(at..at + 5)], "years");
    }
}
