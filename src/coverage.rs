//! Coverage of drafts: which figures of a draft (quantities, percents,
//! points) some claim's `says` covers, which an `ignore` entry waives on
//! purpose, and which are left unchecked. Several claims files may share a
//! draft; their `says` and waivers add up.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::claims::ClaimsFile;
use crate::outcome::{DraftCoverage, FileId, Span, StaleIgnore};
use crate::quote::{map_range, parse_marked};
use crate::sources::{NamedSources, QuoteIndex, Source};
use crate::verdict::Judge;

/// The drafts of a run and what covers them, by draft name.
#[derive(Default)]
pub struct Drafts {
    by_name: BTreeMap<String, Draft>,
}

/// A draft and the parts of it that claims cover or waivers waive.
struct Draft {
    source: Arc<Source>,
    covered: Vec<Range<usize>>,
    waived: Vec<Range<usize>>,
}

/// The `ignore` quotes of `file` to find in its draft, as `(draft, text)` pairs.
pub fn ignore_requests(file: &ClaimsFile) -> Vec<(String, String)> {
    let Some(draft) = &file.draft else {
        return Vec::new();
    };
    file.ignore
        .iter()
        .filter_map(|i| parse_marked(&i.quote.value).ok())
        .map(|m| (draft.clone(), m.text))
        .collect()
}

impl Drafts {
    /// Records what `file`'s `says` cover and its `ignore` entries waive;
    /// returns the entries whose quote is not in the draft.
    pub fn record(
        &mut self,
        file: &ClaimsFile,
        file_id: FileId,
        sources: &NamedSources,
        quotes: &QuoteIndex,
    ) -> Vec<StaleIgnore> {
        let Some(source) = file.draft.as_ref().and_then(|d| sources.get(d)) else {
            return Vec::new();
        };
        let draft = self
            .by_name
            .entry(source.name().to_string())
            .or_insert_with(|| Draft {
                source: Arc::clone(source),
                covered: Vec::new(),
                waived: Vec::new(),
            });
        let says = Judge::says_requests(file);
        let found = says.iter().filter_map(|(_, text)| quotes.get(source, text));
        draft.covered.extend(found.map(|m| m.range.clone()));
        draft.waive(file, file_id, quotes)
    }

    /// The unchecked figures of every draft, and each draft's coverage.
    pub fn finish(self) -> (Vec<Span>, Vec<DraftCoverage>) {
        let mut unchecked = Vec::new();
        let mut coverage = Vec::new();
        for draft in self.by_name.into_values() {
            coverage.push(draft.count(&mut unchecked));
        }
        (unchecked, coverage)
    }
}

impl Draft {
    /// Adds the ranges `file`'s `ignore` entries waive; gives the stale ones.
    fn waive(
        &mut self,
        file: &ClaimsFile,
        file_id: FileId,
        quotes: &QuoteIndex,
    ) -> Vec<StaleIgnore> {
        let mut stale = Vec::new();
        for entry in &file.ignore {
            let Ok(marked) = parse_marked(&entry.quote.value) else {
                continue;
            };
            let Some(m) = quotes.get(&self.source, &marked.text) else {
                stale.push(StaleIgnore {
                    claims_file: file_id,
                    at: Span::new(file_id, entry.quote.span.clone()),
                    closest: quotes.closest(&self.source, &marked.text),
                });
                continue;
            };
            if marked.marks.is_empty() {
                self.waived.push(m.range.clone());
            }
            for mark in &marked.marks {
                let r = map_range(self.source.text(), &marked.text, m, mark.clone());
                self.waived.push(r);
            }
        }
        stale
    }

    /// Counts the draft's figures; pushes the unchecked ones.
    fn count(&self, unchecked: &mut Vec<Span>) -> DraftCoverage {
        let covered = Ranges::new(self.covered.clone());
        let waived = Ranges::new(self.waived.clone());
        let mut c = DraftCoverage {
            draft: self.source.id,
            figures: 0,
            checked: 0,
            waived: 0,
        };
        for n in self.source.numbers().iter().filter(|n| n.kind.is_value()) {
            c.figures += 1;
            if covered.overlaps(&n.span) {
                c.checked += 1;
            } else if waived.overlaps(&n.span) {
                c.waived += 1;
            } else {
                unchecked.push(self.source.span(n.span.clone()));
            }
        }
        c
    }
}

/// Ranges sorted by start, with the furthest end reached so far, so that
/// "does a range overlap any of them" is a binary search.
struct Ranges {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Ranges {
    fn new(mut ranges: Vec<Range<usize>>) -> Ranges {
        ranges.sort_by_key(|r| r.start);
        let mut furthest = 0;
        let reach = ranges
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        Ranges {
            starts: ranges.iter().map(|r| r.start).collect(),
            reach,
        }
    }

    fn overlaps(&self, r: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&s| s < r.end);
        before_end > 0 && self.reach[before_end - 1] > r.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_found_among_many_ranges() {
        let r = Ranges::new(vec![10..20, 0..5, 30..100, 40..45]);
        assert!(r.overlaps(&(3..4)));
        assert!(r.overlaps(&(19..25)));
        assert!(!r.overlaps(&(20..30)));
        assert!(r.overlaps(&(50..51)));
        assert!(!r.overlaps(&(100..120)));
    }
}
