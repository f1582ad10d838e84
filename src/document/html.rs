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
/// that would otherwise glue onto numbers: `186%<sup>1</sup>`).
const HIDDEN_TAGS: &[&str] = &["script", "style", "sup", "noscript", "template"];

/// Extracts the visible text of `html`.
pub(crate) fn strip(html: &str) -> Stripped {
    let mut out = Stripped {
        text: String::with_capacity(html.len()),
        anchors: vec![(0, 0)],
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
            tag(html, i, &mut out)
        } else {
            entity(html, i, &mut out)
        };
        out.anchors.push((out.text.len(), resume));
        i = resume;
    }
    out
}

/// Handles the markup at `at` (a tag or comment); returns where text resumes.
fn tag(html: &str, at: usize, out: &mut Stripped) -> usize {
    let rest = &html[at..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |k| at + k + 3);
    }
    let Some(close) = rest.find('>') else {
        out.text.push('<');
        return at + 1;
    };
    let inner = &rest[1..close];
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() && !inner.starts_with('!') && !inner.starts_with('/') {
        // A lone `<` in text, as in `x < 5`.
        out.text.push('<');
        return at + 1;
    }
    let end = at + close + 1;
    let closing = inner.starts_with('/');
    if !closing && HIDDEN_TAGS.contains(&name.as_str()) {
        let needle = format!("</{name}");
        let lower = html[end..].to_ascii_lowercase();
        return lower.find(&needle).map_or(html.len(), |k| {
            let close_at = end + k;
            html[close_at..]
                .find('>')
                .map_or(html.len(), |g| close_at + g + 1)
        });
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
    fn survives_broken_markup() {
        let s = strip("x < 5 and <b unclosed 7 &bogus; &#x31;");
        assert!(s.text.starts_with("x < 5 and "));
        assert!(s.text.ends_with("&bogus; 1") || s.text.contains('7'));
    }
}
