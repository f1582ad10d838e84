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

use crate::numbers::{Cell, Kind, Number, TableScaler, read_numbers};
use crate::outcome::{FileId, Files, Span};
pub use index::{NumberIndex, Query, Reading};
pub use quotes::QuoteIndex;

/// A claims file's `labels`: names whose digits are not quantities
/// (`天垓\d+`), applied to every source and the draft of that file.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    patterns: Arc<[regex::Regex]>,
    /// The patterns as written, joined: sources read with the same labels share one reading.
    key: String,
}

impl Labels {
    /// The labels of these compiled patterns.
    pub fn new(patterns: &[regex::Regex]) -> Labels {
        let key = patterns
            .iter()
            .map(regex::Regex::as_str)
            .collect::<Vec<_>>()
            .join("\u{0}");
        Labels {
            patterns: patterns.into(),
            key,
        }
    }

    /// Numbers of `text` inside a label's match become labels.
    fn apply(&self, text: &str, numbers: &mut [Number]) {
        if self.patterns.is_empty() {
            return;
        }
        let mut spans: Vec<Range<usize>> = self
            .patterns
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| m.range()))
            .filter(|r| !r.is_empty())
            .collect();
        spans.sort_by_key(|r| r.start);
        // Overlapping matches (of different patterns) merge, so one pass in
        // text order over numbers and spans decides each number.
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let mut next = 0;
        for n in numbers.iter_mut() {
            while merged.get(next).is_some_and(|s| s.end <= n.digits.start) {
                next += 1;
            }
            let inside = merged
                .get(next)
                .is_some_and(|s| s.start <= n.digits.start && s.end >= n.digits.end);
            if inside {
                n.kind = Kind::Label;
            }
        }
    }
}

/// A source document of the run and what is derived from it.
#[derive(Debug)]
pub struct Source {
    /// The document.
    pub doc: Arc<Document>,
    /// Its id among the run's files.
    pub id: FileId,
    labels: Labels,
    readings: OnceLock<Readings>,
    index: OnceLock<NumberIndex>,
}

/// A document's numbers: every one as written, then the table cells a
/// caption scales, read in their table's unit.
#[derive(Debug, Default)]
pub struct Readings {
    /// The written numbers, then the scaled cells.
    all: Vec<Number>,
    /// How many are written numbers.
    written: usize,
    /// For each scaled cell (in document order): the index of its written
    /// number and the caption's byte range.
    from: Vec<(usize, Range<usize>)>,
}

impl Readings {
    /// Reads `text`'s numbers with `labels`, then in their tables' units.
    fn read(text: &str, labels: &Labels) -> Readings {
        let mut all: Vec<Number> = read_numbers(text).collect();
        labels.apply(text, &mut all);
        let written = all.len();
        let mut scaler = TableScaler::new(text);
        let mut from = Vec::new();
        let mut scaled = Vec::new();
        for (i, n) in all.iter_mut().enumerate() {
            match scaler.cell(n) {
                Cell::Caption => n.kind = Kind::Label,
                Cell::Scaled(unit) => {
                    scaled.push(unit.apply(n));
                    from.push((i, unit.caption.clone()));
                }
                Cell::Plain => {}
            }
        }
        all.extend(scaled);
        Readings { all, written, from }
    }

    /// Every number as written, in document order.
    pub fn written(&self) -> &[Number] {
        &self.all[..self.written]
    }

    /// The written numbers and then the scaled cells: what the number
    /// index refers to.
    pub fn all(&self) -> &[Number] {
        &self.all
    }

    /// How the index reads number `i` of [`Readings::all`], and the
    /// currency it files it under: a cell as written takes its caption's
    /// currency too (only the scale differs between its two readings).
    fn reading(&self, i: usize) -> (Reading, Option<crate::numbers::Currency>) {
        if i >= self.written {
            return (Reading::InTableUnit, self.all[i].currency);
        }
        match self.from.binary_search_by_key(&i, |(w, _)| *w) {
            Ok(k) => (Reading::Written, self.all[self.written + k].currency),
            Err(_) => (Reading::Only, self.all[i].currency),
        }
    }

    /// The cell whose digits start at byte `digits`, read in its table's
    /// unit, with the caption's byte range.
    pub fn in_table_unit(&self, digits: usize) -> Option<(&Number, Range<usize>)> {
        let k = self
            .from
            .partition_point(|(i, _)| self.all[*i].digits.start < digits);
        let (i, caption) = self.from.get(k)?;
        (self.all[*i].digits.start == digits)
            .then(|| (&self.all[self.written + k], caption.clone()))
    }
}

impl Source {
    /// Wraps a document registered as `id`.
    pub fn new(doc: Arc<Document>, id: FileId) -> Source {
        Source::with_labels(doc, id, Labels::default())
    }

    /// Wraps a document registered as `id`, read with a claims file's labels.
    pub fn with_labels(doc: Arc<Document>, id: FileId, labels: Labels) -> Source {
        Source {
            doc,
            id,
            labels,
            readings: OnceLock::new(),
            index: OnceLock::new(),
        }
    }

    /// The text quotes and numbers are read from.
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// Every number in the document, as written.
    pub fn numbers(&self) -> &[Number] {
        self.readings().written()
    }

    /// Its numbers as written and its table cells in their tables' units.
    pub fn readings(&self) -> &Readings {
        self.readings
            .get_or_init(|| Readings::read(self.doc.text(), &self.labels))
    }

    /// Its numbers, written and scaled, by kind, currency and value (the
    /// index's positions refer to [`Readings::all`]).
    pub fn index(&self) -> &NumberIndex {
        self.index.get_or_init(|| {
            let readings = self.readings();
            NumberIndex::new(readings.all(), |i| readings.reading(i))
        })
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

/// Documents read so far in a run, by canonical path, and their readings
/// by label set (files with the same, usually empty, labels share one).
#[derive(Default)]
pub struct SourceCache {
    docs: HashMap<PathBuf, (Arc<Document>, FileId)>,
    by_path: HashMap<(PathBuf, String), Arc<Source>>,
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
        wanted.retain(|(key, _)| !self.docs.contains_key(key));
        let read: Vec<(PathBuf, Result<Document, ReadError>)> = wanted
            .into_par_iter()
            .map(|(key, path)| (key, Document::read_with(&path, options)))
            .collect();
        self.read_ahead.extend(read);
    }

    /// The source at `path` read with `labels`; the document is read (and
    /// registered in `files`) on first request.
    pub fn get(
        &mut self,
        path: &Path,
        labels: &Labels,
        files: &mut Files,
        options: &ReadOptions,
    ) -> Result<Arc<Source>, ReadError> {
        let key = (cache_key(path), labels.key.clone());
        if let Some(s) = self.by_path.get(&key) {
            return Ok(Arc::clone(s));
        }
        let (doc, id) = match self.docs.get(&key.0) {
            Some((doc, id)) => (Arc::clone(doc), *id),
            None => {
                let doc = match self.read_ahead.remove(&key.0) {
                    Some(read) => read,
                    None => Document::read_with(path, options),
                };
                let doc = Arc::new(doc?);
                let id = files.add(Arc::clone(&doc));
                self.docs.insert(key.0.clone(), (Arc::clone(&doc), id));
                (doc, id)
            }
        };
        let source = Arc::new(Source::with_labels(doc, id, labels.clone()));
        self.by_path.insert(key, Arc::clone(&source));
        Ok(source)
    }
}

/// The sources of one claims file, by the names the file gives them.
pub type NamedSources = HashMap<String, Arc<Source>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(patterns: &[&str], text: &str) -> Vec<(String, Kind)> {
        let compiled: Vec<regex::Regex> = patterns
            .iter()
            .map(|p| regex::Regex::new(p).unwrap())
            .collect();
        let doc = Arc::new(Document::from_text("t.md", text));
        let id = Files::default().add(Arc::clone(&doc));
        let source = Source::with_labels(doc, id, Labels::new(&compiled));
        source
            .numbers()
            .iter()
            .map(|n| (n.text(text).to_string(), n.kind))
            .collect()
    }

    /// Whether some number of `text` supports stated value `stated`.
    fn supports(text: &str, stated: &str) -> bool {
        let doc = Arc::new(Document::from_text("t.md", text));
        let id = Files::default().add(Arc::clone(&doc));
        let source = Source::new(doc, id);
        let s = read_numbers(stated).next().expect("a stated number");
        let wanted = crate::interval::Interval::around(s.value, s.half_unit);
        let q = Query {
            kind: s.kind,
            currency: s.currency,
            wanted: &wanted,
            value: s.value,
            bare: s.scale == 0,
        };
        source
            .index()
            .supporting(source.readings().all(), &q)
            .is_some()
    }

    #[test]
    fn a_table_cell_supports_its_written_value_and_its_value_in_the_tables_unit() {
        let text = "單位：人民幣千元\n| 收入 | 120,000 |\n| 其他 | 0 |";
        for stated in [
            "1.2億元",
            "120,000",
            "RMB120,000",
            "120,000元",
            "RMB120 million",
        ] {
            assert!(supports(text, stated), "{stated}");
        }
        // The zero of a thousands table is not evidence for any small figure,
        // and the caption's currency holds for the written cell too.
        for stated in ["-6,348", "€120,000", "120,000 thousand yen", "1.3億元"] {
            assert!(!supports(text, stated), "{stated}");
        }
    }

    #[test]
    fn digits_inside_a_label_are_labels_and_the_rest_are_not() {
        let text = "天垓100、天垓150出貨增長，收入100億元，Pulsar2 sold 2,000 units.";
        let found = kinds(&["天垓\\d+", "Pulsar\\d", "垓1\\d\\d、天"], text);
        let labels: Vec<&str> = found
            .iter()
            .filter(|(_, k)| *k == Kind::Label)
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(
            labels.iter().any(|t| t.contains("100")) && labels.len() >= 3,
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, k)| t.contains("100億元") && *k == Kind::Quantity)
        );
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "2,000" && *k == Kind::Quantity)
        );
        assert_eq!(kinds(&[], text), kinds(&["no match here"], text));
    }
}
