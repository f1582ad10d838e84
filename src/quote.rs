//! Locating quotes in documents. A quote matches a document passage when
//! both are equal after folding: white space removed (so line breaks, and
//! their absence between CJK characters and digits, do not matter) and
//! Unicode compatibility forms unified by NFKC (`１２．５％` = `12.5%`), plus
//! minus/dash and curly-quote variants. A match may not start or end in the
//! middle of a number of the document (`{58}` does not match in `1,580`).
//!
//! All quotes of one document are searched in a single pass with
//! Aho-Corasick. When a quote is missing, [`Locator::closest`] finds the
//! most similar passage for the report.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;
use unicode_normalization::UnicodeNormalization;

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

/// Text folded for matching, with the original offset of every folded byte.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the original byte offset of the character that produced
    /// folded byte `i`; one extra entry holds the original length.
    pub origin: Vec<u32>,
}

/// Folds `s`: white space dropped, NFKC applied, dashes and quotes unified.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let at = i as u32;
        if c.is_ascii() {
            if !c.is_ascii_whitespace() {
                text.push(c);
                origin.push(at);
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        for f in std::iter::once(c).nfkc() {
            let f = unify(f);
            if f.is_whitespace() {
                continue;
            }
            text.push(f);
            origin.extend(std::iter::repeat_n(at, f.len_utf8()));
        }
    }
    origin.push(s.len() as u32);
    Folded { text, origin }
}

/// Characters that differ only typographically.
fn unify(c: char) -> char {
    match c {
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{2033}' => '"',
        _ => c,
    }
}

/// Where a quote was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// Where the match starts in the folded document.
    folded_start: usize,
}

/// Searches one document for quotes. It keeps the folded text; the
/// document's own text is passed to each call.
#[derive(Debug, Clone)]
pub struct Locator {
    folded: Folded,
}

impl Locator {
    /// Prepares `text` for searching.
    pub fn new(text: &str) -> Self {
        Locator { folded: fold(text) }
    }

    /// The original byte range of folded range `r`.
    fn original_range(&self, original: &str, r: Range<usize>) -> Range<usize> {
        let start = self.folded.origin[r.start] as usize;
        let last = self.folded.origin[r.end - 1] as usize;
        let end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        start..end
    }

    /// The first place of every quote (in one pass).
    pub fn find_all(&self, original: &str, quotes: &[&str]) -> Vec<Option<Match>> {
        let folded: Vec<String> = quotes.iter().map(|q| fold(q).text).collect();
        let mut found: Vec<Option<Match>> = vec![None; quotes.len()];
        let patterns: Vec<(usize, &String)> = folded
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
            .collect();
        if patterns.is_empty() {
            return found;
        }
        let Ok(ac) = AhoCorasick::new(patterns.iter().map(|(_, p)| p.as_str())) else {
            return found;
        };
        let mut open = patterns.len();
        for m in ac.find_overlapping_iter(&self.folded.text) {
            let index = patterns[m.pattern().as_usize()].0;
            if found[index].is_some() {
                continue;
            }
            let range = self.original_range(original, m.start()..m.end());
            if !cuts_a_number(original, &range) {
                found[index] = Some(Match {
                    range,
                    folded_start: m.start(),
                });
                open -= 1;
                if open == 0 {
                    break;
                }
            }
        }
        found
    }

    /// The first place of one quote.
    pub fn find(&self, original: &str, quote: &str) -> Option<Match> {
        self.find_all(original, &[quote]).pop().flatten()
    }

    /// The document range that a byte range of a found quote corresponds to.
    pub fn map_range(
        &self,
        original: &str,
        quote: &str,
        found: &Match,
        range: Range<usize>,
    ) -> Range<usize> {
        let q = fold(quote);
        // Folded quote bytes produced by the characters in `range`.
        let first = q.origin.partition_point(|&o| (o as usize) < range.start);
        let last = q.origin.partition_point(|&o| (o as usize) < range.end);
        if first >= last {
            let at = self.folded.origin[(found.folded_start + first).min(self.folded.text.len())]
                as usize;
            return at..at;
        }
        self.original_range(
            original,
            found.folded_start + first..found.folded_start + last,
        )
    }

    /// The passage most similar to a quote that was not found.
    pub fn closest(&self, original: &str, quote: &str) -> Option<Range<usize>> {
        let q: Vec<char> = fold(quote).text.chars().collect();
        if q.is_empty() || self.folded.text.is_empty() {
            return None;
        }
        let doc: Vec<(usize, char)> = self.folded.text.char_indices().collect();
        let best = best_window(&q, &doc)?;
        let start = doc[best.start].0;
        let end = doc
            .get(best.end)
            .map_or(self.folded.text.len(), |&(b, _)| b);
        Some(self.original_range(original, start..end))
    }
}

/// Finds the window of `doc` most similar to `q`: candidate starts are voted
/// for by shared character trigrams, then the best few are compared exactly.
fn best_window(q: &[char], doc: &[(usize, char)]) -> Option<Range<usize>> {
    let k = q.len().min(3);
    let mut grams: HashMap<&[char], Vec<usize>> = HashMap::new();
    for (i, g) in q.windows(k).enumerate() {
        grams.entry(g).or_default().push(i);
    }
    let doc_chars: Vec<char> = doc.iter().map(|&(_, c)| c).collect();
    let mut votes: HashMap<i64, u32> = HashMap::new();
    for (i, g) in doc_chars.windows(k).enumerate() {
        if let Some(positions) = grams.get(g) {
            for &p in positions {
                *votes.entry(i as i64 - p as i64).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(i64, u32)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let quote: String = q.iter().collect();
    let mut best: Option<(f32, Range<usize>)> = None;
    for &(start, _) in ranked.iter().take(8) {
        let start = start.clamp(0, doc_chars.len() as i64) as usize;
        let end = (start + q.len()).min(doc_chars.len());
        if start >= end {
            continue;
        }
        let window: String = doc_chars[start..end].iter().collect();
        let ratio = similar::TextDiff::from_chars(quote.as_str(), window.as_str()).ratio();
        if best.as_ref().is_none_or(|(r, _)| ratio > *r) {
            best = Some((ratio, start..end));
        }
    }
    best.map(|(_, r)| r)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether a match at `range` would start or end inside a number's digits.
fn cuts_a_number(doc: &str, range: &Range<usize>) -> bool {
    let first = doc[range.start..].chars().next();
    let last = doc[..range.end].chars().next_back();
    let before = doc[..range.start].chars().rev().take(2).collect::<Vec<_>>();
    let after = doc[range.end..].chars().take(2).collect::<Vec<_>>();
    let joins = |c: char| matches!(c, ',' | '.' | '，' | '．');
    let starts_inside = first.is_some_and(is_digit)
        && match before.as_slice() {
            [b, ..] if is_digit(*b) => true,
            [b, bb, ..] => joins(*b) && is_digit(*bb),
            _ => false,
        };
    let ends_inside = last.is_some_and(is_digit)
        && match after.as_slice() {
            [a, ..] if is_digit(*a) => true,
            [a, aa, ..] => joins(*a) && is_digit(*aa),
            _ => false,
        };
    starts_inside || ends_inside
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

    #[test]
    fn matching_ignores_white_space_and_compatibility_forms() {
        let doc = "毛利率為\n１２．５％，而收入為人民幣 1.89\n億元。";
        let loc = Locator::new(doc);
        let r = loc.find(doc, "毛利率為12.5%").unwrap().range;
        assert_eq!(&doc[r], "毛利率為\n１２．５％");
        let r = loc.find(doc, "收入為人民幣1.89億元").unwrap().range;
        assert_eq!(&doc[r], "收入為人民幣 1.89\n億元");
        assert_eq!(loc.find(doc, "收入為人民幣1.90億元"), None);
    }

    #[test]
    fn matches_never_cut_a_number() {
        let doc = "shipped 1,580 units, then 58 more; margin 2.5%";
        let loc = Locator::new(doc);
        let r = loc.find(doc, "58").unwrap().range;
        assert_eq!(r, 26..28);
        assert_eq!(loc.find(doc, "1,58"), None);
        assert_eq!(loc.find(doc, "5%"), None);
        assert!(loc.find(doc, "2.5%").is_some());
    }

    #[test]
    fn finds_many_quotes_in_one_pass() {
        let doc = "alpha 1 beta 2 gamma 3";
        let loc = Locator::new(doc);
        let found: Vec<_> = loc
            .find_all(doc, &["beta 2", "gamma 3", "delta 4", "alpha1"])
            .into_iter()
            .map(|m| m.map(|m| m.range))
            .collect();
        assert_eq!(found, [Some(8..14), Some(15..22), None, Some(0..7)]);
    }

    #[test]
    fn maps_offsets_inside_a_found_quote() {
        let doc = "Revenue was\n RMB189.0  million in 2022";
        let loc = Locator::new(doc);
        let quote = "Revenue was RMB189.0 million";
        let m = loc.find(doc, quote).unwrap();
        let at = quote.find("RMB189.0 million").unwrap();
        let r = loc.map_range(doc, quote, &m, at..at + "RMB189.0 million".len());
        assert_eq!(&doc[r], "RMB189.0  million");
    }

    #[test]
    fn closest_passage_of_a_missing_quote() {
        let doc =
            "Intro text.\nRevenue was RMB289.4 million in 2023, up from RMB189.0 million.\nOther.";
        let loc = Locator::new(doc);
        let r = loc
            .closest(doc, "Revenue was RMB298.4 million in 2023")
            .unwrap();
        assert!(
            doc[r.clone()].starts_with("Revenue was RMB289.4"),
            "{}",
            &doc[r]
        );
    }
}
