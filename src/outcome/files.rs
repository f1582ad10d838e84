//! The files of a run and positions in them. A [`Span`] names a file by its
//! [`FileId`] and a byte range of the file's visible text (for HTML, the
//! text without markup); [`Files`] turns spans into lines, columns and the
//! text they cover when a report is written.

use std::ops::Range;
use std::sync::Arc;

use crate::document::{Document, Location};

/// One file of a run (a claims file or a source), by registration order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(u32);

/// A byte range of a file's visible text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// Byte range in [`Document::text`].
    pub range: Range<usize>,
}

impl Span {
    /// A span of `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, range }
    }
}

/// The files of a run, shared with the stages that read them.
#[derive(Debug, Default, Clone)]
pub struct Files {
    docs: Vec<Arc<Document>>,
}

impl Files {
    /// Registers a document and gives its id.
    pub fn add(&mut self, doc: Arc<Document>) -> FileId {
        let id = FileId(u32::try_from(self.docs.len()).expect("fewer than 2^32 files"));
        self.docs.push(doc);
        id
    }

    /// The document of `id`.
    pub fn get(&self, id: FileId) -> &Document {
        &self.docs[id.0 as usize]
    }

    /// The file's name as shown to users.
    pub fn name(&self, id: FileId) -> &str {
        &self.get(id).name
    }

    /// The visible text a span covers.
    pub fn text(&self, span: &Span) -> &str {
        let text = self.get(span.file).text();
        let start = text.floor_char_boundary(span.range.start.min(text.len()));
        let end = text.floor_char_boundary(span.range.end.min(text.len()));
        &text[start..end.max(start)]
    }

    /// Where a span starts.
    pub fn start(&self, span: &Span) -> Location {
        self.get(span.file).location(span.range.start)
    }

    /// Where a span ends (just past its last character).
    pub fn end(&self, span: &Span) -> Location {
        self.get(span.file)
            .location(span.range.end.max(span.range.start))
    }

    /// The span's range in the file text (for HTML: in the markup).
    pub fn file_range(&self, span: &Span) -> Range<usize> {
        let doc = self.get(span.file);
        let start = doc.original_offset(span.range.start);
        let end = doc.original_offset(span.range.end.max(span.range.start));
        start..end.max(start)
    }
}
