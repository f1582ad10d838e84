//! Source documents of a run, each read once and shared by every claims
//! file that names it (its text, its numbers and its quote locator are
//! computed on first use), and the index of where the run's quotes stand
//! in them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::document::{Document, ReadError, ReadOptions};
use rayon::prelude::*;

use crate::numbers::{Number, read_numbers};
use crate::outcome::{Closest, FileId, Files, Span};
use crate::quote::{Match, closest_all, find_all, one_line};

/// A source document of the run and what is derived from it.
#[derive(Debug)]
pub struct Source {
    /// The document.
    pub doc: Arc<Document>,
    /// Its id among the run's files.
    pub id: FileId,
    numbers: OnceLock<Vec<Number>>,
}

impl Source {
    /// Wraps a document registered as `id`.
    pub fn new(doc: Arc<Document>, id: FileId) -> Source {
        Source {
            doc,
            id,
            numbers: OnceLock::new(),
        }
    }

    /// The text quotes and numbers are read from.
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// Every number in the document.
    pub fn numbers(&self) -> &[Number] {
        self.numbers
            .get_or_init(|| read_numbers(self.doc.text()).collect())
    }

    /// A byte range of [`Source::text`] as a span of the run.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.id, range)
    }

    /// The document's name as shown to users.
    pub fn name(&self) -> &str {
        &self.doc.name
    }
}

/// Documents read so far in a run, by canonical path.
#[derive(Default)]
pub struct SourceCache {
    by_path: HashMap<PathBuf, Arc<Source>>,
    /// Documents read ahead (in parallel), not yet registered.
    read_ahead: HashMap<PathBuf, Result<Document, ReadError>>,
}

/// The key a document is cached under: its canonical path.
fn cache_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl SourceCache {
    /// Reads the documents at `paths` in parallel, each once, so that
    /// [`SourceCache::get`] finds them read.
    pub fn prefetch(&mut self, paths: impl Iterator<Item = PathBuf>, options: &ReadOptions) {
        let mut wanted: Vec<(PathBuf, PathBuf)> = paths.map(|p| (cache_key(&p), p)).collect();
        wanted.sort();
        wanted.dedup_by(|a, b| a.0 == b.0);
        wanted.retain(|(key, _)| !self.by_path.contains_key(key));
        let read: Vec<(PathBuf, Result<Document, ReadError>)> = wanted
            .into_par_iter()
            .map(|(key, path)| (key, Document::read_with(&path, options)))
            .collect();
        self.read_ahead.extend(read);
    }

    /// The source at `path`, read (and registered in `files`) on first request.
    pub fn get(
        &mut self,
        path: &Path,
        files: &mut Files,
        options: &ReadOptions,
    ) -> Result<Arc<Source>, ReadError> {
        let key = cache_key(path);
        if let Some(s) = self.by_path.get(&key) {
            return Ok(Arc::clone(s));
        }
        let doc = match self.read_ahead.remove(&key) {
            Some(read) => read,
            None => Document::read_with(path, options),
        };
        let doc = Arc::new(doc?);
        let id = files.add(Arc::clone(&doc));
        let source = Arc::new(Source::new(doc, id));
        self.by_path.insert(key, Arc::clone(&source));
        Ok(source)
    }
}

/// The sources of one claims file, by the names the file gives them.
pub type NamedSources = HashMap<String, Arc<Source>>;

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
