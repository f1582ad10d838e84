//! Source documents of a run, each read once and shared by every claims
//! file that names it (its text, its numbers and its quote locator are
//! computed on first use), and the index of where the run's quotes stand
//! in them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod index;
mod quotes;

use crate::document::{Document, ReadError, ReadOptions};
use rayon::prelude::*;

use crate::numbers::{Number, read_numbers};
use crate::outcome::{FileId, Files, Span};
pub use index::{NumberIndex, Query};
pub use quotes::QuoteIndex;

/// A source document of the run and what is derived from it.
#[derive(Debug)]
pub struct Source {
    /// The document.
    pub doc: Arc<Document>,
    /// Its id among the run's files.
    pub id: FileId,
    numbers: OnceLock<Vec<Number>>,
    index: OnceLock<NumberIndex>,
}

impl Source {
    /// Wraps a document registered as `id`.
    pub fn new(doc: Arc<Document>, id: FileId) -> Source {
        Source {
            doc,
            id,
            numbers: OnceLock::new(),
            index: OnceLock::new(),
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

    /// Its numbers by kind, currency and value.
    pub fn index(&self) -> &NumberIndex {
        self.index.get_or_init(|| NumberIndex::new(self.numbers()))
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
