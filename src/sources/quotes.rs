//! Where the quotes of a run stand in their sources: for each source, all
//! its quotes are found in one pass, and the closest passages of those that
//! are missing in one more.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::Source;
use crate::outcome::{Closest, FileId};
use crate::quote::{Match, closest_all, find_all, one_line};

/// Longest stretch a closest passage is widened by to start and end on
/// whole words.
const WORD_EDGE: usize = 24;

/// Where every quote of a run stands in its source: for each source, all
/// its quotes are found in one pass, and the closest passages of those that
/// are missing in one more.
#[derive(Default)]
pub struct QuoteIndex {
    found: HashMap<(FileId, String), Option<Match>>,
    closest: HashMap<(FileId, String), Range<usize>>,
}

impl QuoteIndex {
    /// Finds every `(source, quote text)` pair, source by source in parallel.
    pub fn build(requests: Vec<(Arc<Source>, String)>) -> QuoteIndex {
        let mut by_source: HashMap<FileId, (Arc<Source>, Vec<String>)> = HashMap::new();
        for (source, text) in requests {
            by_source
                .entry(source.id)
                .or_insert_with(|| (Arc::clone(&source), Vec::new()))
                .1
                .push(text);
        }
        let mut groups: Vec<(Arc<Source>, Vec<String>)> = by_source.into_values().collect();
        groups.sort_by_key(|(s, _)| s.id);
        let parts: Vec<QuoteIndex> = groups
            .into_par_iter()
            .map(|(source, quotes)| QuoteIndex::of_source(&source, quotes))
            .collect();
        let mut index = QuoteIndex::default();
        for p in parts {
            index.found.extend(p.found);
            index.closest.extend(p.closest);
        }
        index
    }

    fn of_source(source: &Source, mut quotes: Vec<String>) -> QuoteIndex {
        quotes.sort_unstable();
        quotes.dedup();
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let found = find_all(source.text(), &refs);
        let missing: Vec<&str> = refs
            .iter()
            .zip(&found)
            .filter(|(_, m)| m.is_none())
            .map(|(q, _)| *q)
            .collect();
        let closest = closest_all(source.text(), &missing);
        QuoteIndex {
            closest: missing
                .iter()
                .zip(closest)
                .filter_map(|(q, r)| Some(((source.id, q.to_string()), r?)))
                .collect(),
            found: quotes
                .into_iter()
                .zip(found)
                .map(|(q, m)| ((source.id, q), m))
                .collect(),
        }
    }

    /// Where a quote was found; `None` when it is missing.
    pub fn get(&self, source: &Source, text: &str) -> Option<&Match> {
        self.found
            .get(&(source.id, text.to_string()))
            .and_then(Option::as_ref)
    }

    /// The closest passage of `source` to a missing quote `text`, on whole words.
    pub fn closest(&self, source: &Source, text: &str) -> Option<Closest> {
        let range = self.closest.get(&(source.id, text.to_string()))?;
        Some(Closest {
            quote: one_line(text),
            passage: source.span(whole_words(source.text(), range.clone())),
        })
    }
}

/// `range` widened to start and end on word boundaries (a few bytes at
/// most), so a diff never shows a cut-off word.
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    let word = |c: char| c.is_ascii_alphanumeric();
    let before = &text[..range.start];
    let back = before
        .char_indices()
        .rev()
        .take_while(|&(i, c)| word(c) && range.start - i <= WORD_EDGE)
        .last()
        .map_or(range.start, |(i, _)| i);
    let rest = &text[range.end..];
    let ahead = rest
        .find(|c: char| !word(c))
        .unwrap_or(rest.len())
        .min(WORD_EDGE);
    let end = text.floor_char_boundary(range.end + ahead);
    back..end
}
