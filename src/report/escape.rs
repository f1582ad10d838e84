//! Neutralising input text for text formats. Claims files come from anyone's
//! pull request and sources are scraped pages: a newline in a claim id could
//! forge a GitHub annotation, an ESC sequence could drive the terminal, a
//! bidi override could make a report read differently from what it says.
//! Every string that comes from input goes through [`visible`] before a text
//! renderer writes it: control characters (C0 except tab, DEL, C1), line and
//! paragraph separators and bidi controls become visible escapes such as
//! `\u{1b}`, never raw bytes.

use std::borrow::Cow;
use std::ops::Range;

/// Whether `c` must not reach a terminal or a log raw.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{2028}' | '\u{2029}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{061c}' | '\u{feff}')
}

/// `s` with every unsafe character written as a visible escape.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// Like [`visible`], also moving byte ranges of `s` to where they fall in the
/// escaped text (for snippets whose annotations point into a line).
pub fn visible_with_ranges(s: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    if !s.chars().any(is_unsafe) {
        return (s.to_string(), ranges.to_vec());
    }
    let mut out = String::with_capacity(s.len() + 8);
    // new_offset[i] for every char boundary i of s, built as we go.
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(s.len() / 4 + 2);
    for (i, c) in s.char_indices() {
        map.push((i, out.len()));
        push_visible(&mut out, c);
    }
    map.push((s.len(), out.len()));
    let moved = |offset: usize| {
        let k = map.partition_point(|&(i, _)| i < offset);
        map.get(k).map_or(out.len(), |&(_, o)| o)
    };
    let ranges = ranges
        .iter()
        .map(|r| moved(r.start)..moved(r.end))
        .collect();
    (out, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(visible("a\nb"), "a\\u{a}b");
        assert_eq!(visible("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(visible("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(visible("tab\tstays 收入"), "tab\tstays 收入");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn ranges_follow_the_escapes() {
        let (text, ranges) = visible_with_ranges("\u{1b}ab\ncd", &[1..3, 4..6]);
        assert_eq!(text, "\\u{1b}ab\\u{a}cd");
        assert_eq!(&text[ranges[0].clone()], "ab");
        assert_eq!(&text[ranges[1].clone()], "cd");
    }
}
