//! Quotes that are unique in their source. A fact's quote is found by its
//! first match, so a quote offered for a number must match once only:
//! starting from the number (with its row label in a table, a few words
//! before it in prose), the quote grows a word or a CJK character at a time,
//! left and right in turn, until its folded text occurs once in the folded
//! source and the number it marks reads back exactly as the number found.
//!
//! Occurrences are counted only where the number's own folded text occurs
//! (found once per distinct number text), so a check costs a few string
//! comparisons, not a pass over the source. Every quote is finally
//! confirmed with the project's quote finder ([`crate::quote::find_all`]):
//! its first match must put the mark on the number.

use std::collections::HashMap;
use std::ops::Range;

use super::pool::{GroupKind, Leaf, Pool};
use crate::expr::Quantity;
use crate::facts::marked_numbers;
use crate::quote::{find_all, fold, map_range, parse_marked};

/// The longest quote offered, in bytes.
pub const MAX_QUOTE: usize = 400;

/// A quote of one number, ready for a claims file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quote, the number marked with `{…}`.
    pub text: String,
    /// 1-based line of the number in its source.
    pub line: usize,
    /// 1-based column (in characters) of the number.
    pub column: usize,
}

/// Makes unique quotes for the numbers of a pool.
pub(crate) struct Quoter<'p> {
    pool: &'p Pool,
    folded: HashMap<usize, String>,
    occurrences: HashMap<(usize, String), Vec<usize>>,
    made: HashMap<u32, Option<Quote>>,
}

/// Punctuation a quote's start does not grow past.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '（'
            | '）'
            | '「'
            | '」'
            | '('
            | ')'
            | '|'
            | ':'
            | ';'
            | ','
            | '.'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

impl<'p> Quoter<'p> {
    pub(crate) fn new(pool: &'p Pool) -> Quoter<'p> {
        Quoter {
            pool,
            folded: HashMap::new(),
            occurrences: HashMap::new(),
            made: HashMap::new(),
        }
    }

    /// A unique quote of leaf `i`, made once; `None` when no quote up to
    /// [`MAX_QUOTE`] bytes is unique and reads back right.
    pub(crate) fn quote(&mut self, i: u32) -> Option<Quote> {
        if let Some(q) = self.made.get(&i) {
            return q.clone();
        }
        let q = self.make(i);
        self.made.insert(i, q.clone());
        q
    }

    fn make(&mut self, i: u32) -> Option<Quote> {
        let leaf = &self.pool.leaves[i as usize];
        let src = &self.pool.sources[leaf.source];
        let text = src.source.text();
        let span = leaf.number.span.clone();
        let mut r = self.start(leaf, text);
        for step in 0..64 {
            if r.len() > MAX_QUOTE {
                return None;
            }
            if self.unique(leaf.source, text, &r, &span)
                && reads_back(text, &r, &span, &leaf.quantity)
            {
                let p = src.source.doc.location(span.start).position;
                return Some(Quote {
                    text: marked(text, &r, &span),
                    line: p.line,
                    column: p.column,
                });
            }
            let grown = if step % 2 == 0 {
                left(text, r.start).map(|s| s..r.end)
            } else {
                None
            };
            r = grown
                .or_else(|| right(text, r.end).map(|e| r.start..e))
                .or_else(|| left(text, r.start).map(|s| s..r.end))?;
        }
        None
    }

    /// Where a quote of `leaf` starts growing: a table cell from its row's
    /// start, a member of a list from the words before the list, another
    /// number with the words before it (three words, or CJK characters back
    /// to a punctuation mark).
    fn start(&self, leaf: &Leaf, text: &str) -> Range<usize> {
        let span = leaf.number.span.clone();
        let layout = &self.pool.sources[leaf.source].layout;
        if let Some((_, row)) = layout.row_at(span.start) {
            return row.line.start..span.end;
        }
        let first = leaf.group(GroupKind::List).map_or(span.start, |(g, _)| {
            self.pool.leaves[self.pool.groups[g as usize].members[0] as usize]
                .number
                .span
                .start
        });
        let mut start = first;
        let mut words = 0;
        while let Some(s) = left(text, start) {
            let piece = text[s..start].trim();
            let stop = piece.is_empty() || piece.chars().any(|c| is_digit(c) || is_break(c));
            if stop || first - s > 48 {
                break;
            }
            start = s;
            words += usize::from(piece.is_ascii());
            if words >= 3 {
                break;
            }
        }
        start..span.end
    }

    /// Whether `text[r]` occurs once in its source, folded.
    fn unique(&mut self, source: usize, text: &str, r: &Range<usize>, span: &Range<usize>) -> bool {
        let quote = fold(&text[r.clone()]).text;
        let number = fold(&text[span.clone()]).text;
        let offset = fold(&text[r.start..span.start]).text.len();
        if number.is_empty() {
            return false;
        }
        let pool = self.pool;
        let folded = self
            .folded
            .entry(source)
            .or_insert_with(|| fold_whole(pool.sources[source].source.text()));
        let positions = self
            .occurrences
            .entry((source, number.clone()))
            .or_insert_with(|| occurrences(folded, &number));
        let hay = folded.as_bytes();
        positions
            .iter()
            .filter(|&&p| p >= offset && hay[p - offset..].starts_with(quote.as_bytes()))
            .take(2)
            .count()
            == 1
    }

    /// Confirms each `(leaf, quote)` with the quote finder: the quote's first
    /// match in its source must mark that leaf's number.
    pub(crate) fn confirm(&self, quotes: &[(u32, &Quote)]) -> Vec<bool> {
        let mut ok = vec![false; quotes.len()];
        let mut by_source: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, (i, _)) in quotes.iter().enumerate() {
            by_source
                .entry(self.pool.leaves[*i as usize].source)
                .or_default()
                .push(k);
        }
        for (s, ks) in by_source {
            let text = self.pool.sources[s].source.text();
            let marked: Vec<_> = ks
                .iter()
                .map(|&k| parse_marked(&quotes[k].1.text).ok())
                .collect();
            let texts: Vec<&str> = marked
                .iter()
                .map(|m| m.as_ref().map_or("", |m| m.text.as_str()))
                .collect();
            for ((&k, m), found) in ks.iter().zip(&marked).zip(find_all(text, &texts)) {
                let (Some(m), Some(found)) = (m, found) else {
                    continue;
                };
                let span = &self.pool.leaves[quotes[k].0 as usize].number.span;
                let at = m
                    .marks
                    .first()
                    .map(|r| map_range(text, &m.text, &found, r.clone()));
                ok[k] = at.as_ref() == Some(span);
            }
        }
        ok
    }
}

/// The source folded whole, line by line (folding works character by
/// character, so the pieces join into the fold of the whole).
pub(crate) fn fold_whole(text: &str) -> String {
    text.split_inclusive('\n').map(|l| fold(l).text).collect()
}

/// Every place `needle` occurs in `hay`, overlapping ones included.
pub(crate) fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = finder.find(&hay.as_bytes()[at..]) {
        out.push(at + p);
        at += p + 1;
    }
    out
}

/// The quote of `text[r]` with the number at `span` marked, braces of the
/// text doubled and white space collapsed to single spaces.
pub(crate) fn marked(text: &str, r: &Range<usize>, span: &Range<usize>) -> String {
    let piece = |s: &str| {
        let escaped = s.replace('{', "{{").replace('}', "}}");
        escaped.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let before = &text[r.start..span.start];
    let after = &text[span.end..r.end];
    let space = |s: &str, at_end: bool| {
        let edge = if at_end {
            s.chars().next_back()
        } else {
            s.chars().next()
        };
        if edge.is_some_and(char::is_whitespace) && !s.trim().is_empty() {
            " "
        } else {
            ""
        }
    };
    format!(
        "{}{}{{{}}}{}{}",
        piece(before),
        space(before, true),
        piece(&text[span.clone()]),
        space(after, false),
        piece(after)
    )
}

/// Whether the quote marks one number that reads exactly as `quantity`.
fn reads_back(text: &str, r: &Range<usize>, span: &Range<usize>, quantity: &Quantity) -> bool {
    let Ok(m) = parse_marked(&marked(text, r, span)) else {
        return false;
    };
    match marked_numbers(&m).as_deref() {
        Ok([n]) => Quantity::from_number(n) == *quantity,
        _ => false,
    }
}

/// Where a quote starting at `at` starts when it grows by one word or
/// character to the left, never inside a number.
fn left(text: &str, at: usize) -> Option<usize> {
    let before = &text[..at];
    let mut chars = before.char_indices().rev().peekable();
    while chars.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
        chars.next();
    }
    let (mut start, first) = chars.next()?;
    if first.is_ascii_alphanumeric() || is_digit(first) {
        while let Some(&(i, c)) = chars.peek() {
            let joins = matches!(c, ',' | '.' | '，' | '．') && start > 0 && is_digit(first);
            if c.is_ascii_alphanumeric() || is_digit(c) || joins {
                start = i;
                chars.next();
            } else {
                break;
            }
        }
    }
    let s = &text[start..at];
    Some(if s.starts_with([',', '.']) {
        start + 1
    } else {
        start
    })
}

/// Where a quote ending at `at` ends when it grows by one word or character
/// to the right, never inside a number.
fn right(text: &str, at: usize) -> Option<usize> {
    let after = &text[at..];
    let skipped = after.len() - after.trim_start().len();
    let rest = &after[skipped..];
    let first = rest.chars().next()?;
    let mut end = at + skipped + first.len_utf8();
    if first.is_ascii_alphanumeric() || is_digit(first) {
        let mut prev = first;
        for c in rest[first.len_utf8()..].chars() {
            let joins = matches!(c, ',' | '.' | '，' | '．') && is_digit(prev);
            if c.is_ascii_alphanumeric() || is_digit(c) || joins {
                end += c.len_utf8();
                prev = c;
            } else {
                break;
            }
        }
        if text[..end].ends_with([',', '.']) {
            end -= 1;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growing_never_cuts_a_number() {
        let t = "sales of 1,234.5 and 6 units";
        let at = t.find("and").unwrap();
        assert_eq!(&t[left(t, at).unwrap()..at], "1,234.5 ");
        assert_eq!(&t[at..right(t, at + 3).unwrap()], "and 6");
        let cjk = "收入為人民幣189.0百萬元";
        let at = cjk.find("人民幣").unwrap();
        assert_eq!(&cjk[left(cjk, at).unwrap()..at], "為");
        assert_eq!(marked("a {b} 1 c", &(0..9), &(6..7)), "a {{b}} {1} c");
    }
}
