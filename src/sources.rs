//! Source documents of a run, each read once and shared by every claims
//! file that names it: the text, its numbers, and its quote locator are
//! computed on first use.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::document::{Document, ReadError};
use crate::numbers::{Number, read_numbers};
use crate::quote::Locator;
use crate::report::Place;

/// A source document and what is derived from it.
#[derive(Debug)]
pub struct Source {
    /// The document.
    pub doc: Document,
    numbers: OnceCell<Vec<Number>>,
    locator: OnceCell<Locator>,
}

impl Source {
    /// Wraps a document.
    pub fn new(doc: Document) -> Source {
        Source {
            doc,
            numbers: OnceCell::new(),
            locator: OnceCell::new(),
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

    /// The place in the file of a byte range of [`Source::text`].
    pub fn place(&self, range: Range<usize>) -> Place {
        let start = self.doc.original_offset(range.start);
        let end = self.doc.original_offset(range.end.max(range.start));
        Place::new(
            &self.doc.name,
            &self.doc.original,
            self.doc.lines(),
            start..end,
        )
    }
}

/// Documents read so far in a run, by canonical path.
#[derive(Default)]
pub struct SourceCache {
    by_path: HashMap<PathBuf, Rc<Source>>,
}

impl SourceCache {
    /// The source at `path`, read on first request.
    pub fn get(&mut self, path: &Path) -> Result<Rc<Source>, ReadError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(s) = self.by_path.get(&key) {
            return Ok(Rc::clone(s));
        }
        let source = Rc::new(Source::new(Document::read(path)?));
        self.by_path.insert(key, Rc::clone(&source));
        Ok(source)
    }
}
