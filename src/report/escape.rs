//! Neutralising input text for text formats. Claims files come from anyone's
//! pull request and sources are scraped pages: a newline in a claim id could
//! forge a GitHub annotation, an ESC sequence could drive the terminal, a
//! bidi override could make a report read differently from what it says.
//! Every string that comes from input goes through [`visible`] before a text
//! renderer writes it: control characters (C0 except tab, DEL, C1), line and
//! paragraph separators and bidi controls become visible escapes such as
//! `\u{1b}`, never raw bytes.
//!
//! The markup formats add their own escaping on top: [`xml`] for JUnit and
//! HTML (markup characters as entities, and characters XML 1.0 cannot hold
//! made visible), [`markdown`] for Markdown (punctuation that could start
//! markup, a table cell or raw HTML is backslash-escaped).

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

/// `s` for XML or HTML text and attribute values: `& < > " '` as
/// entities, unsafe characters (and the noncharacters XML 1.0 forbids) as
/// visible escapes, so no input can close an element or start one.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_xml(&mut out, c);
    }
    out
}

/// Like [`xml`], but line breaks stay line breaks, written as `&#10;` so
/// that no input text starts a line of the output file.
pub fn xml_multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            c => push_xml(&mut out, c),
        }
    }
    out
}

fn push_xml(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => push_visible(out, c),
    }
}

/// `s` for Markdown text (also inside a table cell): unsafe characters made
/// visible, then every ASCII punctuation character that Markdown or HTML
/// could read as markup backslash-escaped.
pub fn markdown(s: &str) -> String {
    let shown = visible(s);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        let harmless = matches!(
            c,
            ',' | '.'
                | '%'
                | ':'
                | ';'
                | '/'
                | '='
                | '\''
                | '"'
                | '?'
                | '@'
                | '$'
                | '-'
                | '+'
                | '('
                | ')'
                | '{'
                | '}'
                | '!'
                | '#'
        );
        if c.is_ascii_punctuation() && !harmless {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_controls() {
        assert_eq!(
            xml("a<b>&\"c'\u{1b}\n"),
            "a&lt;b&gt;&amp;&quot;c&#39;\\u{1b}\\u{a}"
        );
        assert_eq!(xml("\u{ffff}"), "\\u{ffff}");
        assert_eq!(xml_multiline("a\r\n<b"), "a&#10;&lt;b");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(
            markdown("a|b `c` <d> *e* [f](g)"),
            "a\\|b \\`c\\` \\<d\\> \\*e\\* \\[f\\](g)"
        );
        assert_eq!(markdown("12.5%, x: y"), "12.5%, x: y");
        assert_eq!(markdown("a\nb"), "a\\\\u{a}b");
    }

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
