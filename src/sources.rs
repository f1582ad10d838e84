//! Source documents of a run, each read once and shared by every claims
//! file that names it (its text, its numbers and its quote locator are
//! computed on first use), and the index of where each claims file's quotes
//! stand in them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::document::{Document, ReadError, ReadOptions};
use crate::numbers::{Number, read_numbers};
use crate::outcome::{Closest, FileId, Files, Span};
use crate::quote::{Locator, Match, one_line};

/// A source document of the run and what is derived from it.
#[derive(Debug)]
pub struct Source {
    /// The document.
    pub doc: Arc<Document>,
    /// Its id among the run's files.
    pub id: FileId,
    numbers: OnceLock<Vec<Number>>,
    locator: OnceLock<Locator>,
}

impl Source {
    /// Wraps a document registered as `id`.
    pub fn new(doc: Arc<Document>, id: FileId) -> Source {
        Source {
            doc,
            id,
            numbers: OnceLock::new(),
            locator: OnceLock::new(),
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

    /// The quote locator.
    pub fn locator(&self) -> &Locator {
        self.locator.get_or_init(|| Locator::new(self.doc.text()))
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
}

impl SourceCache {
    /// The source at `path`, read (and registered in `files`) on first request.
    pub fn get(
        &mut self,
        path: &Path,
        files: &mut Files,
        options: &ReadOptions,
    ) -> Result<Arc<Source>, ReadError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(s) = self.by_path.get(&key) {
            return Ok(Arc::clone(s));
        }
        let doc = Arc::new(Document::read_with(path, options)?);
        let id = files.add(Arc::clone(&doc));
        let source = Arc::new(Source::new(doc, id));
        self.by_path.insert(key, Arc::clone(&source));
        Ok(source)
    }
}

/// The sources of one claims file, by the names the file gives them.
pub type NamedSources = HashMap<String, Arc<Source>>;

/// Where every quote of a claims file stands in its source, found in one
/// pass per source.
#[derive(Default)]
pub struct QuoteIndex {
    found: HashMap<(String, String), Option<Match>>,
}

impl QuoteIndex {
    /// Finds `(source name, quote text)` pairs.
    pub fn build(requests: &[(String, String)], sources: &NamedSources) -> QuoteIndex {
        let mut by_source: HashMap<&str, Vec<&str>> = HashMap::new();
        for (source, text) in requests {
            by_source
                .entry(source.as_str())
                .or_default()
                .push(text.as_str());
        }
        let mut found = HashMap::new();
        for (name, mut quotes) in by_source {
            quotes.sort_unstable();
            quotes.dedup();
            let Some(source) = sources.get(name) else {
                continue;
            };
            let matches = source.locator().find_all(source.text(), &quotes);
            for (q, m) in quotes.into_iter().zip(matches) {
                found.insert((name.to_string(), q.to_string()), m);
            }
        }
        QuoteIndex { found }
    }

    /// Where a quote was found; `None` when it is missing.
    pub fn get(&self, source: &str, text: &str) -> Option<&Match> {
        self.found
            .get(&(source.to_string(), text.to_string()))
            .and_then(Option::as_ref)
    }
}

/// The closest passage of `source` to a missing `text`.
pub fn closest_passage(source: &Source, text: &str) -> Option<Closest> {
    let mut range = source.locator().closest(source.text(), text)?;
    // Finish the last word, so the diff does not end on a cut-off word.
    let rest = &source.text()[range.end..];
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
        .min(24);
    range.end += word_end;
    Some(Closest {
        quote: one_line(text),
        passage: source.span(range),
    })
}
