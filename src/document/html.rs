//! HTML to visible text, keeping a map from text offsets back to the file.

/// The visible text of an HTML file and where each piece came from.
#[derive(Debug)]
pub(crate) struct Stripped {
    pub text: String,
    /// `(text offset, file offset)` at the start of every copied run.
    anchors: Vec<(usize, usize)>,
}

impl Stripped {
    /// The file offset of a text offset.
    pub fn original_offset(&self, offset: usize) -> usize {
        let i = self
            .anchors
            .partition_point(|&(t, _)| t <= offset)
            .saturating_sub(1);
        match self.anchors.get(i) {
            Some(&(t, o)) => o + (offset - t),
            None => offset,
        }
    }
}

/// Whether a text (not named `.html`) is HTML, by how it starts.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect();
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "caption",
    "title",
    "thead",
    "tbody",
    "tfoot",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "body",
    "head",
    "html",
];

/// Elements whose content is not visible text (`sup` holds footnote marks
/// that would otherwise glue onto numbers: `186%<sup>1</sup>`; `rt` and `rp`
/// hold ruby annotations: `二十<rt>èr shí</rt>億元` reads `二十億元`).
const HIDDEN_TAGS: &[&str] = &["script", "style", "sup", "noscript", "template", "rt", "rp"];

/// Extracts the visible text of `html` in one pass: every byte is looked at
/// a bounded number of times, whatever the tags (a search that finds no `>`
/// is remembered, so a thousand lone `<` do not each scan to the end).
pub(crate) fn strip(html: &str) -> Stripped {
    let mut out = Stripped {
        text: String::with_capacity(html.len()),
        anchors: vec![(0, 0)],
    };
    let mut scan = Scanner {
        html,
        next_gt: None,
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < html.len() {
        let next = memchr::memchr2(b'<', b'&', &bytes[i..]).map_or(html.len(), |k| i + k);
        if next > i {
            out.text.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let resume = if bytes[i] == b'<' {
            scan.tag(i, &mut out)
        } else {
            entity(html, i, &mut out)
        };
        out.anchors.push((out.text.len(), resume));
        i = resume;
    }
    out
}

/// The HTML being stripped and what earlier searches found.
struct Scanner<'h> {
    html: &'h str,
    /// The last search for `>`: from where, and where it found one (`None`:
    /// there is none after that point).
    next_gt: Option<(usize, Option<usize>)>,
}

impl Scanner<'_> {
    /// The first `>` at or after `from`, reusing the last search when it
    /// started earlier and found one at or after `from` (or found none).
    fn gt(&mut self, from: usize) -> Option<usize> {
        if let Some((start, found)) = self.next_gt
            && start <= from
            && found.is_none_or(|g| g >= from)
        {
            return found;
        }
        let found = memchr::memchr(b'>', &self.html.as_bytes()[from..]).map(|k| from + k);
        self.next_gt = Some((from, found));
        found
    }

    /// Handles the markup at `at` (a tag or comment); returns where text resumes.
    fn tag(&mut self, at: usize, out: &mut Stripped) -> usize {
        let html = self.html;
        let rest = &html.as_bytes()[at..];
        if rest.starts_with(b"<!--") {
            return memchr::memmem::find(&rest[4..], b"-->").map_or(html.len(), |k| at + 4 + k + 3);
        }
        let closing = rest.get(1) == Some(&b'/');
        let name = tag_name(&rest[1 + usize::from(closing)..]);
        let markup = closing || matches!(rest.get(1), Some(b'!' | b'?'));
        if name.is_empty() && !markup {
            // A lone `<` in text, as in `x < 5`.
            out.text.push('<');
            return at + 1;
        }
        let Some(close) = self.gt(at) else {
            out.text.push('<');
            return at + 1;
        };
        let end = close + 1;
        if !closing && HIDDEN_TAGS.contains(&name.as_str()) {
            return hidden_end(html, end, &name);
        }
        if name == "td" || name == "th" {
            if !closing {
                out.text.push('\t');
            }
        } else if BLOCK_TAGS.contains(&name.as_str())
            && !out.text.ends_with('\n')
            && !out.text.is_empty()
        {
            out.text.push('\n');
        }
        end
    }
}

/// A tag's name, lower case (at most 16 letters: no known tag is longer).
fn tag_name(after: &[u8]) -> String {
    let n = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    String::from_utf8_lossy(&after[..n.min(16)]).to_ascii_lowercase()
}

/// Where text resumes after the content of a hidden element `name` that
/// starts at `from`: after its end tag; for ruby annotations also at the
/// next `<rt>`, `<rp>` or `</ruby>` (their end tags are optional). With no
/// end, the rest of the file is hidden. One forward pass over the content.
fn hidden_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let ruby = matches!(name, "rt" | "rp");
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + k;
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let found = tag_name(&bytes[lt + 1 + usize::from(closing)..]);
        if closing && found == name {
            return memchr::memchr(b'>', &bytes[lt..]).map_or(html.len(), |g| lt + g + 1);
        }
        if ruby && (matches!(found.as_str(), "rt" | "rp") || (closing && found == "ruby")) {
            return lt;
        }
        i = lt + 1;
    }
    html.len()
}

/// Decodes the character reference at `at`; returns where text resumes.
fn entity(html: &str, at: usize, out: &mut Stripped) -> usize {
    let rest = &html[at..];
    let candidate = rest
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ';' || c.is_whitespace() || c == '<');
    if let Some((k, ';')) = candidate {
        let raw = &rest[..=k];
        let decoded = html_escape::decode_html_entities(raw);
        if decoded != raw {
            out.text.push_str(&decoded);
            return at + k + 1;
        }
    }
    out.text.push('&');
    at + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_visible_text_and_drops_the_rest() {
        let s = strip(
            "<p>Growth 186%<sup>1</sup></p><script>var x = 5;</script><table><tr><td>Rev</td><td>1,234</td></tr></table>",
        );
        assert_eq!(s.text, "Growth 186%\n\tRev\t1,234\n");
    }

    #[test]
    fn maps_offsets_back_through_entities() {
        let html = "<b>A &amp; B</b> 12";
        let s = strip(html);
        assert_eq!(s.text, "A & B 12");
        let twelve = s.text.find("12").unwrap();
        assert_eq!(&html[s.original_offset(twelve)..], "12");
    }

    #[test]
    fn ruby_annotations_are_dropped() {
        let s = strip("<p>收入<ruby>二十<rp>(</rp><rt>èr shí</rt><rp>)</rp></ruby>億元</p>");
        assert_eq!(s.text, "收入二十億元\n");
        let open = strip("<ruby>二十<rt>èr shí<rt>x</ruby>億元");
        assert_eq!(open.text, "二十億元");
        let upper = strip("a<SUP>1</Sup>b<Script>x</SCRIPT>c");
        assert_eq!(upper.text, "abc");
    }

    #[test]
    fn stripping_is_linear_whatever_the_tags() {
        // 5 MB of footnote marks, and of lone `<` with no `>` anywhere:
        // quadratic scans take minutes on these; a linear pass, milliseconds.
        let n = (5 << 20) / "收入12%<sup>1</sup> ".len();
        let s = strip(&"收入12%<sup>1</sup> ".repeat(n));
        assert_eq!(s.text, "收入12% ".repeat(n));
        let lone = "x < 5 and <b ".repeat((5 << 20) / 13);
        assert_eq!(strip(&lone).text, lone);
        let unclosed = format!("a<sup>{}", "<i>1</i>".repeat(1 << 18));
        assert_eq!(strip(&unclosed).text, "a");
    }

    #[test]
    fn the_cached_search_for_gt_finds_what_a_fresh_one_would() {
        let html = "<b>1</b> < 2 <i>3</i> <u";
        let mut scan = Scanner {
            html,
            next_gt: None,
        };
        for from in 0..html.len() {
            let fresh = html[from..].find('>').map(|k| from + k);
            assert_eq!(scan.gt(from), fresh, "from {from}");
        }
    }

    #[test]
    fn survives_broken_markup() {
        let s = strip("x < 5 and <b unclosed 7 &bogus; &#x31;");
        assert!(s.text.starts_with("x < 5 and "));
        assert!(s.text.ends_with("&bogus; 1") || s.text.contains('7'));
    }
}
