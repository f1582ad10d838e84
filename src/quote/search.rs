//! Finding quotes: every quote of a document in one Aho-Corasick pass over
//! the document folded window by window. A match may not start or end in the
//! middle of a number of the document (`{58}` does not match in `1,580`);
//! each quote's first acceptable place is kept.

use std::ops::{ControlFlow, Range};

use aho_corasick::{AhoCorasick, MatchKind};

use super::fold::fold;
use super::windows::for_each_window;

/// Where a quote was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the document.
    pub range: Range<usize>,
}

/// The first place of every quote in `doc` (in one pass).
pub fn find_all(doc: &str, quotes: &[&str]) -> Vec<Option<Match>> {
    let folded: Vec<String> = quotes.iter().map(|q| fold(q).text).collect();
    let mut found: Vec<Option<Match>> = vec![None; quotes.len()];
    let patterns: Vec<(usize, &str)> = folded
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .map(|(i, f)| (i, f.as_str()))
        .collect();
    let Some(longest) = patterns.iter().map(|(_, p)| p.len()).max() else {
        return found;
    };
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(super::automaton_kind(doc.len()))
        .build(patterns.iter().map(|(_, p)| p))
    else {
        return found;
    };
    let mut open = patterns.len();
    for_each_window(doc, longest, |w| {
        for m in ac.find_overlapping_iter(&w.text) {
            // A match that ends in the carried tail was seen in the previous window.
            if m.end() <= w.carried {
                continue;
            }
            let index = patterns[m.pattern().as_usize()].0;
            if found[index].is_some() {
                continue;
            }
            let range = w.original_range(doc, m.start()..m.end());
            if !cuts_a_number(doc, &range) {
                found[index] = Some(Match { range });
                open -= 1;
                if open == 0 {
                    return ControlFlow::Break(());
                }
            }
        }
        ControlFlow::Continue(())
    });
    found
}

/// The first place of one quote.
pub fn find(doc: &str, quote: &str) -> Option<Match> {
    find_all(doc, &[quote]).pop().flatten()
}

/// The document range that a byte range of a found quote corresponds to:
/// the quote and the passage are folded again (both are short) and matched
/// up byte for byte.
pub fn map_range(doc: &str, quote: &str, found: &Match, range: Range<usize>) -> Range<usize> {
    let q = fold(quote);
    let passage = &doc[found.range.clone()];
    let p = fold(passage);
    let offset = p.text.find(&q.text).unwrap_or(0);
    let first = q.origin.partition_point(|&o| (o as usize) < range.start);
    let last = q.origin.partition_point(|&o| (o as usize) < range.end);
    let at = |i: usize| found.range.start + p.origin[(offset + i).min(p.origin.len() - 1)] as usize;
    if first >= last {
        let a = at(first);
        return a..a;
    }
    let start = at(first);
    let last_char = at(last - 1);
    let end = last_char + doc[last_char..].chars().next().map_or(0, char::len_utf8);
    start..end
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether a match at `range` would start or end inside a number's digits.
fn cuts_a_number(doc: &str, range: &Range<usize>) -> bool {
    let first = doc[range.start..].chars().next();
    let last = doc[..range.end].chars().next_back();
    let mut before = doc[..range.start].chars().rev();
    let mut after = doc[range.end..].chars();
    let joins = |c: char| matches!(c, ',' | '.' | '，' | '．');
    let inside = |next: Option<char>, then: Option<char>| match next {
        Some(b) if is_digit(b) => true,
        Some(b) => joins(b) && then.is_some_and(is_digit),
        None => false,
    };
    let starts_inside = first.is_some_and(is_digit) && inside(before.next(), before.next());
    let ends_inside = last.is_some_and(is_digit) && inside(after.next(), after.next());
    starts_inside || ends_inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_white_space_and_compatibility_forms() {
        let doc = "毛利率為\n１２．５％，而收入為人民幣 1.89\n億元。";
        let r = find(doc, "毛利率為12.5%").unwrap().range;
        assert_eq!(&doc[r], "毛利率為\n１２．５％");
        let r = find(doc, "收入為人民幣1.89億元").unwrap().range;
        assert_eq!(&doc[r], "收入為人民幣 1.89\n億元");
        assert_eq!(find(doc, "收入為人民幣1.90億元"), None);
    }

    #[test]
    fn matches_never_cut_a_number() {
        let doc = "shipped 1,580 units, then 58 more; margin 2.5%";
        assert_eq!(find(doc, "58").unwrap().range, 26..28);
        assert_eq!(find(doc, "1,58"), None);
        assert_eq!(find(doc, "5%"), None);
        assert!(find(doc, "2.5%").is_some());
    }

    #[test]
    fn finds_many_quotes_in_one_pass() {
        let doc = "alpha 1 beta 2 gamma 3";
        let found: Vec<_> = find_all(doc, &["beta 2", "gamma 3", "delta 4", "alpha1"])
            .into_iter()
            .map(|m| m.map(|m| m.range))
            .collect();
        assert_eq!(found, [Some(8..14), Some(15..22), None, Some(0..7)]);
    }

    #[test]
    fn finds_quotes_across_window_boundaries() {
        let filler = "x".repeat((1 << 20) - 5);
        let doc = format!("{filler} revenue was RMB 5.4 billion in 2024");
        let m = find(&doc, "revenue was RMB5.4 billion").unwrap();
        assert_eq!(&doc[m.range], "revenue was RMB 5.4 billion");
    }

    #[test]
    fn maps_offsets_inside_a_found_quote() {
        let doc = "Revenue was\n RMB189.0  million in 2022";
        let quote = "Revenue was RMB189.0 million";
        let m = find(doc, quote).unwrap();
        let at = quote.find("RMB189.0 million").unwrap();
        let r = map_range(doc, quote, &m, at..at + "RMB189.0 million".len());
        assert_eq!(&doc[r], "RMB189.0  million");
    }
}
