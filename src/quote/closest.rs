//! The passage of a document most similar to each quote that was not found,
//! for all such quotes of a document in one pass: character trigrams of the
//! quotes vote for where a quote would start (the diagonal: document position
//! minus position in the quote); the best-voted starts are then compared
//! exactly. The cost is bounded: a quote votes with a limited number of its
//! trigrams and of their positions, trigrams too frequent to say anything are
//! dropped after the first window, and each quote keeps a fixed number of
//! vote counters (the heavy-hitters scheme of Misra and Gries), so a missing
//! quote costs a small constant times one pass over its document.

use std::collections::HashMap;
use std::ops::{ControlFlow, Range};

use aho_corasick::{AhoCorasick, MatchKind};

use super::fold::fold;
use super::windows::{Window, for_each_window};

/// Characters per gram.
const GRAM: usize = 3;
/// Positions in its quote a gram votes for.
const OFFSETS_PER_GRAM: usize = 4;
/// Grams a quote votes with (its rarest).
const GRAMS_PER_QUOTE: usize = 24;
/// Grams a quote votes with however common they are among the quotes.
const MIN_GRAMS: usize = 6;
/// Beyond those, a gram votes only if at most this many times as many
/// quotes share it as share the quote's rarest gram.
const RARITY_SPREAD: usize = 4;
/// Grams of a long quote looked at (spread over the quote).
const SAMPLED_GRAMS: usize = 512;
/// Vote counters a quote keeps.
const COUNTERS: usize = 64;
/// Best-voted starts compared exactly.
const CANDIDATES: usize = 8;
/// A gram hit more often than once per this many folded bytes in the first
/// window says nothing about where a quote stands, and stops voting.
const STOP_GRAM_SPACING: usize = 512;

/// One quote's search.
struct Seeker {
    chars: Vec<char>,
    counters: HashMap<i64, Counter>,
}

/// Votes for one start, and where that start is in the document.
#[derive(Clone, Copy)]
struct Counter {
    votes: u32,
    /// Document byte offset of the start, when it fell inside a window.
    origin: Option<usize>,
}

/// A gram and the (quote, character offset) pairs it votes for.
struct Posting {
    quote: usize,
    offset: usize,
}

/// The closest passage of `doc` to each quote (document byte ranges).
pub fn closest_all(doc: &str, quotes: &[&str]) -> Vec<Option<Range<usize>>> {
    let mut seekers: Vec<Seeker> = quotes
        .iter()
        .map(|q| Seeker {
            chars: fold(q).text.chars().collect(),
            counters: HashMap::new(),
        })
        .collect();
    let (grams, postings) = grams(&seekers);
    if !grams.is_empty() && !doc.is_empty() {
        vote(doc, &grams, &postings, &mut seekers);
    }
    seekers.iter().map(|s| s.best(doc)).collect()
}

/// The grams of every quote, and for each gram the places it votes for.
/// A quote votes with its rarest grams among all the quotes (a gram that
/// every quote has, such as the words of a template, cannot tell them
/// apart), up to [`GRAMS_PER_QUOTE`].
fn grams(seekers: &[Seeker]) -> (Vec<String>, Vec<Vec<Posting>>) {
    let per_quote: Vec<Vec<(String, Vec<usize>)>> = seekers.iter().map(quote_grams).collect();
    let mut quotes_with: HashMap<&str, usize> = HashMap::new();
    for grams in &per_quote {
        for (g, _) in grams {
            *quotes_with.entry(g.as_str()).or_default() += 1;
        }
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut postings: Vec<Vec<Posting>> = Vec::new();
    for (quote, grams) in per_quote.iter().enumerate() {
        let mut ranked: Vec<&(String, Vec<usize>)> = grams.iter().collect();
        ranked.sort_by_key(|(g, offsets)| (quotes_with[g.as_str()], offsets[0]));
        let rarest = ranked.first().map_or(1, |(g, _)| quotes_with[g.as_str()]);
        let telling = |i: usize, g: &str| i < MIN_GRAMS || quotes_with[g] <= rarest * RARITY_SPREAD;
        let kept = ranked
            .into_iter()
            .enumerate()
            .take_while(|(i, (g, _))| telling(*i, g))
            .take(GRAMS_PER_QUOTE);
        for (_, (gram, offsets)) in kept {
            let next = postings.len();
            let g = *index.entry(gram.clone()).or_insert(next);
            if g == next {
                postings.push(Vec::new());
            }
            postings[g].extend(offsets.iter().map(|&offset| Posting { quote, offset }));
        }
    }
    let mut grams = vec![String::new(); index.len()];
    for (gram, g) in index {
        grams[g] = gram;
    }
    (grams, postings)
}

/// A quote's distinct grams (sampled evenly when the quote is long) and up
/// to [`OFFSETS_PER_GRAM`] of their positions.
fn quote_grams(s: &Seeker) -> Vec<(String, Vec<usize>)> {
    let k = s.chars.len().min(GRAM);
    if k == 0 {
        return Vec::new();
    }
    let count = s.chars.len() + 1 - k;
    let step = count.div_ceil(SAMPLED_GRAMS).max(1);
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for offset in (0..count).step_by(step) {
        let gram: String = s.chars[offset..offset + k].iter().collect();
        let i = *at.entry(gram.clone()).or_insert_with(|| {
            out.push((gram, Vec::new()));
            out.len() - 1
        });
        if out[i].1.len() < OFFSETS_PER_GRAM {
            out[i].1.push(offset);
        }
    }
    out
}

/// Runs the voting pass over `doc`.
fn vote(doc: &str, grams: &[String], postings: &[Vec<Posting>], seekers: &mut [Seeker]) {
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(super::automaton_kind(doc.len()))
        .build(grams)
    else {
        return;
    };
    let carry = seekers.iter().map(|s| s.chars.len() * 4).max().unwrap_or(0) + 16;
    let mut stopped = vec![false; grams.len()];
    let mut first = true;
    for_each_window(doc, carry, |w| {
        let mut hits = vec![0usize; grams.len()];
        let counted = CharCounter::new(w);
        for m in ac.find_overlapping_iter(&w.text) {
            let g = m.pattern().as_usize();
            hits[g] += 1;
            if m.end() <= w.carried || stopped[g] {
                continue;
            }
            let start_char = counted.chars_at(m.start());
            for p in &postings[g] {
                let diagonal = start_char as i64 - p.offset as i64;
                let origin = counted.origin_of_char(diagonal);
                seekers[p.quote].count(diagonal, origin);
            }
        }
        if first {
            stop_frequent(w.text.len(), &hits, &mut stopped);
            first = false;
        }
        ControlFlow::Continue(())
    });
}

/// Marks grams hit so often in the first window that they cannot locate anything.
fn stop_frequent(window_len: usize, hits: &[usize], stopped: &mut [bool]) {
    let limit = (window_len / STOP_GRAM_SPACING).max(64);
    for (g, &h) in hits.iter().enumerate() {
        stopped[g] = h > limit;
    }
}

/// Character positions in a window, for byte offsets asked in any order.
struct CharCounter<'w> {
    window: &'w Window,
    /// Folded byte offset of every character of the window.
    starts: Vec<usize>,
}

impl<'w> CharCounter<'w> {
    fn new(window: &'w Window) -> CharCounter<'w> {
        let starts = window.text.char_indices().map(|(i, _)| i).collect();
        CharCounter { window, starts }
    }

    /// The document-wide folded character index of window byte `at`.
    fn chars_at(&self, at: usize) -> usize {
        self.window.chars_before + self.starts.partition_point(|&s| s < at)
    }

    /// The document offset of document-wide folded character `c`, when it is in this window.
    fn origin_of_char(&self, c: i64) -> Option<usize> {
        let local = usize::try_from(c - self.window.chars_before as i64).ok()?;
        self.starts.get(local).map(|&b| self.window.original(b))
    }
}

impl Seeker {
    /// Counts a vote for `diagonal` (Misra–Gries: when every counter is
    /// taken, all counters lose a vote and the empty ones are freed).
    fn count(&mut self, diagonal: i64, origin: Option<usize>) {
        if let Some(c) = self.counters.get_mut(&diagonal) {
            c.votes += 1;
            if c.origin.is_none() {
                c.origin = origin;
            }
            return;
        }
        if self.counters.len() < COUNTERS {
            self.counters.insert(diagonal, Counter { votes: 1, origin });
            return;
        }
        self.counters.retain(|_, c| {
            c.votes -= 1;
            c.votes > 0
        });
    }

    /// The best of the best-voted starts, compared exactly with the quote.
    fn best(&self, doc: &str) -> Option<Range<usize>> {
        if self.chars.is_empty() {
            return None;
        }
        let mut ranked: Vec<(i64, Counter)> = self.counters.iter().map(|(&d, &c)| (d, c)).collect();
        ranked.sort_by(|a, b| b.1.votes.cmp(&a.1.votes).then(a.0.cmp(&b.0)));
        let quote: String = self.chars.iter().collect();
        let mut best: Option<(f32, Range<usize>)> = None;
        // Starts with far fewer votes than the best are not worth a diff.
        let floor = ranked.first().map_or(0, |(_, c)| c.votes.div_ceil(2));
        let worth = ranked.into_iter().take_while(|(_, c)| c.votes >= floor);
        for (diagonal, counter) in worth.take(CANDIDATES) {
            let start = if diagonal <= 0 {
                Some(0)
            } else {
                counter.origin
            };
            let Some((window, range)) = start.and_then(|s| passage(doc, s, self.chars.len()))
            else {
                continue;
            };
            let ratio = similar::TextDiff::from_chars(quote.as_str(), window.as_str()).ratio();
            if best.as_ref().is_none_or(|(r, _)| ratio > *r) {
                best = Some((ratio, range));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// The folded text of `chars` characters of `doc` from byte `start`, and
/// the document range they come from.
fn passage(doc: &str, start: usize, chars: usize) -> Option<(String, Range<usize>)> {
    let mut folded = String::new();
    let mut end = start;
    let mut taken = 0;
    for (i, c) in doc[start..].char_indices() {
        if taken >= chars {
            break;
        }
        let f = fold(c.encode_utf8(&mut [0u8; 4]));
        taken += f.text.chars().count();
        folded.push_str(&f.text);
        end = start + i + c.len_utf8();
    }
    (end > start).then(|| (folded.chars().take(chars).collect(), start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closest(doc: &str, quote: &str) -> String {
        let r = closest_all(doc, &[quote]).pop().flatten().unwrap();
        doc[r].to_string()
    }

    #[test]
    fn finds_the_passage_with_a_typo() {
        let doc =
            "Intro text.\nRevenue was RMB289.4 million in 2023, up from RMB189.0 million.\nOther.";
        let found = closest(doc, "Revenue was RMB298.4 million in 2023");
        assert!(found.starts_with("Revenue was RMB289.4"), "{found}");
    }

    #[test]
    fn finds_chinese_passages() {
        let doc = "前言。\n本集團收入分別為人民幣189.0百萬元、人民幣289.4百萬元。\n其他。";
        let found = closest(doc, "本集團收入分別為人民幣198.0百萬元");
        assert!(found.starts_with("本集團收入分別為"), "{found}");
    }

    #[test]
    fn a_repetitive_quote_in_a_repetitive_document_stays_cheap() {
        let doc = "a".repeat(2_000_000);
        let quote = format!("{}b", "a".repeat(5000));
        // Bounded work: this would take minutes if every position voted.
        assert!(closest_all(&doc, &[quote.as_str()])[0].is_some());
    }

    #[test]
    fn quotes_with_nothing_in_common_get_no_passage_or_some_passage() {
        let out = closest_all("abc def", &["", "xyz"]);
        assert_eq!(out[0], None);
    }
}
