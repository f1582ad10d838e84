//! Reading documents: bytes from disk become text the number reader and the
//! quote finder work on, with a way back from any offset in that text to a
//! line and column of the file as the user sees it.
//!
//! The format is chosen by extension, then by content ([`sniff`]). Plain
//! text and Markdown are read as they are. HTML is reduced to its visible
//! text (block tags become line breaks, table cells tabs, entities are
//! decoded, scripts, styles, ruby annotations and footnote superscripts
//! dropped) while positions still point into the HTML file. PDF, Word and
//! spreadsheet files become text made by their readers, one line per text
//! line, paragraph or row, with [`Section`]s for pages and sheets. A file that
//! cannot be read as its format is an error, never decoded as text; a panic
//! in a reader's dependency becomes that error too.

mod archive;
mod csv;
mod decode;
mod docx;
mod html;
mod numfmt;
mod pdf;
mod position;
mod read;
mod sheet;
pub mod sniff;

use std::fmt;
use std::path::{Path, PathBuf};

pub use read::{ReadFailure, check_regular, human_bytes, read_capped};

pub use position::{LineCursor, LineIndex, Position};
pub use sniff::Format;

/// A part of a document that locations are counted in: a page of a PDF, a
/// sheet of a workbook. Lines are counted from the start of their section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// What the part is.
    pub kind: SectionKind,
    /// Its name as users see it: the page number, the sheet's name.
    pub label: String,
    /// Byte offset in the file text where it starts.
    pub start: usize,
}

/// The kinds of [`Section`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// A page of a PDF.
    Page,
    /// A sheet of a workbook.
    Sheet,
}

/// Where an offset stands, as users see it: the section (if the document
/// has sections), and the line and column within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The page or sheet, for documents that have them.
    pub section: Option<(SectionKind, String)>,
    /// 1-based line (within the section) and character column.
    pub position: Position,
}

/// A source document: its decoded file text and the text numbers are read from.
#[derive(Debug)]
pub struct Document {
    /// Path shown in reports (as given, with `/` separators).
    pub name: String,
    /// The decoded file contents.
    pub original: String,
    /// For HTML, the visible text; `None` when it equals `original`.
    stripped: Option<html::Stripped>,
    lines: LineIndex,
    /// Pages or sheets, in file order; empty for plain documents.
    sections: Vec<Section>,
    /// Things worth telling the user about how the file was read.
    pub notes: Vec<String>,
}

/// Why a document could not be read.
#[derive(Debug)]
pub struct ReadError {
    /// The path that was asked for.
    pub path: PathBuf,
    /// The reason.
    pub failure: ReadFailure,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read {}: {}",
            display_path(&self.path),
            self.failure
        )
    }
}

impl std::error::Error for ReadError {}

/// The default cap on the size of a source (`--max-source-size`).
pub const DEFAULT_MAX_SOURCE_BYTES: u64 = 2 << 30;

/// How documents are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest file read, in bytes.
    pub max_bytes: u64,
    /// A text encoding to use instead of guessing (`--encoding`), by its
    /// WHATWG label (`gbk`, `big5`, `utf-16le`…).
    pub encoding: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_SOURCE_BYTES,
            encoding: None,
        }
    }
}

impl Document {
    /// Reads and decodes the file at `path` with the default options.
    pub fn read(path: &Path) -> Result<Document, ReadError> {
        Document::read_with(path, &ReadOptions::default())
    }

    /// Reads and decodes the regular file at `path` as `options` say.
    pub fn read_with(path: &Path, options: &ReadOptions) -> Result<Document, ReadError> {
        let failed = |failure| ReadError {
            path: path.to_path_buf(),
            failure,
        };
        let bytes = read_capped(path, options.max_bytes).map_err(failed)?;
        let format = sniff::sniff(path, &bytes);
        let name = display_path(path);
        // Plain UTF-8 text becomes the document's text without a copy, so a
        // 1 GB source is held once, not twice.
        if matches!(format, Format::Text | Format::Html)
            && options.encoding.is_none()
            && decode::plain_utf8(&bytes)
        {
            let text = String::from_utf8(bytes).expect("checked as UTF-8");
            let is_html = format == Format::Html || html::looks_like_html(&text);
            return Ok(Document::build(name, text, is_html));
        }
        Document::from_bytes(&name, &bytes, format, options).map_err(failed)
    }

    /// Reads `bytes` as a document of `format` (`name` is shown in reports).
    pub fn from_bytes(
        name: &str,
        bytes: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<Document, ReadFailure> {
        let forced = match &options.encoding {
            Some(label) => Some(
                decode::encoding_for(label)
                    .ok_or_else(|| ReadFailure::UnknownEncoding(label.clone()))?,
            ),
            None => None,
        };
        let limits = Limits::new(bytes.len(), options.max_bytes);
        let built = match format {
            Format::Text | Format::Html => {
                return Ok(Document::decoded(name, bytes, format, forced));
            }
            Format::Pdf => guarded(format, || pdf::read(bytes, &limits)),
            Format::Docx => guarded(format, || docx::read(bytes, &limits)),
            Format::Xlsx => guarded(format, || sheet::read(bytes, &limits)),
            Format::Csv => guarded(format, || csv::read(name, bytes, forced, &limits)),
        }?;
        let mut doc = Document::build(name.to_string(), built.text, false);
        doc.sections = built.sections;
        doc.notes = built.notes;
        Ok(doc)
    }

    /// A text or HTML document decoded from `bytes`.
    fn decoded(
        name: &str,
        bytes: &[u8],
        format: Format,
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Document {
        let decoded = decode::decode(bytes, forced);
        let is_html = format == Format::Html || html::looks_like_html(&decoded.text);
        let mut doc = Document::build(name.to_string(), decoded.text, is_html);
        doc.notes = decoded.notes;
        doc
    }

    /// A document made from text in memory (`name` is shown in reports).
    pub fn from_text(name: &str, text: &str) -> Document {
        Document::build(name.to_string(), text.to_string(), false)
    }

    /// A document made from HTML in memory.
    pub fn from_html(name: &str, text: &str) -> Document {
        Document::build(name.to_string(), text.to_string(), true)
    }

    fn build(name: String, original: String, is_html: bool) -> Document {
        let stripped = is_html.then(|| html::strip(&original));
        let lines = LineIndex::new(&original);
        Document {
            name,
            original,
            stripped,
            lines,
            sections: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The same document with `sections` (pages, sheets) in file order.
    pub fn with_sections(mut self, sections: Vec<Section>) -> Document {
        self.sections = sections;
        self
    }

    /// The text numbers and quotes are read from.
    pub fn text(&self) -> &str {
        match &self.stripped {
            Some(s) => &s.text,
            None => &self.original,
        }
    }

    /// The byte offset in the file of a byte offset in [`Document::text`].
    pub fn original_offset(&self, offset: usize) -> usize {
        match &self.stripped {
            Some(s) => s.original_offset(offset),
            None => offset,
        }
    }

    /// Line and column (1-based, column in characters) of an offset in [`Document::text`].
    pub fn position(&self, offset: usize) -> Position {
        self.lines
            .position(&self.original, self.original_offset(offset))
    }

    /// Where an offset in [`Document::text`] stands: section, line and column.
    pub fn location(&self, offset: usize) -> Location {
        self.file_location(self.original_offset(offset))
    }

    /// Where a byte offset of the file text stands.
    pub fn file_location(&self, offset: usize) -> Location {
        let position = self.lines.position(&self.original, offset);
        self.in_section(offset, position)
    }

    /// The location of file offset `offset`, whose line and column in the
    /// whole file are `position` (from a [`LineCursor`]): the same position
    /// counted within its page or sheet.
    pub fn in_section(&self, offset: usize, position: Position) -> Location {
        let Some(section) = self.section_at(offset) else {
            return Location {
                section: None,
                position,
            };
        };
        let first = self.lines.line_of(section.start);
        Location {
            section: Some((section.kind, section.label.clone())),
            position: Position {
                line: position.line - first,
                column: position.column,
            },
        }
    }

    /// Whether the document has pages or sheets.
    pub fn has_sections(&self) -> bool {
        !self.sections.is_empty()
    }

    fn section_at(&self, offset: usize) -> Option<&Section> {
        let i = self.sections.partition_point(|s| s.start <= offset);
        i.checked_sub(1).map(|i| &self.sections[i])
    }

    /// The file text of the line holding file offset `offset`, without its
    /// line break, and the offset where that line starts.
    pub fn line_around(&self, offset: usize) -> (usize, &str) {
        let line = self.lines.line_of(offset.min(self.original.len()));
        let range = self.lines.line_range(&self.original, line);
        (range.start, &self.original[range])
    }

    /// A cursor for many positions requested in increasing order.
    pub fn cursor(&self) -> LineCursor<'_> {
        LineCursor::new(&self.original, &self.lines)
    }

    /// The lines index of the file.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

/// What a reader of a binary format made: the text, its sections, notes.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// The text, one line per text line, paragraph or row.
    pub text: String,
    /// Pages or sheets, in order.
    pub sections: Vec<Section>,
    /// Things worth telling the user.
    pub notes: Vec<String>,
}

/// Bounds on the work a reader does for one file, so that no hostile file
/// (a zip bomb, a PDF of a million empty objects) makes a run hold more
/// memory or time than a text file of the size cap would.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The most bytes an archive may unpack to, all entries together.
    pub unpacked: u64,
    /// The most bytes of text a reader may produce.
    pub text: usize,
    /// The most content-stream operations a PDF may make the reader run.
    pub operations: usize,
}

impl Limits {
    /// Limits for a file of `len` bytes read under a size cap of `max_bytes`:
    /// unpacked data at most 200 times the file (and at least 64 MiB), never
    /// more than the cap; text no more than the cap; PDF work (operations,
    /// and unpacked content bytes by sixteens) 64 per byte of the file
    /// plus four million.
    pub fn new(len: usize, max_bytes: u64) -> Limits {
        let unpacked = (len as u64)
            .saturating_mul(200)
            .max(64 << 20)
            .min(max_bytes);
        let text = usize::try_from(max_bytes).unwrap_or(usize::MAX);
        let operations = len.saturating_mul(64).saturating_add(4 << 20);
        Limits {
            unpacked,
            text,
            operations,
        }
    }
}

thread_local! {
    /// Set while a reader runs: its panics are reported as run errors, so
    /// the panic hook stays silent for them.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the panic hook (once) so that panics caught by [`guarded`] print
/// nothing; others print as before. Fuzzing builds keep the fuzzer's hook
/// as it is, so that a panic in a reader is still found there.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if cfg!(fuzzing) {
        return;
    }
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs a reader, turning a panic inside it (or a dependency) into a
/// [`ReadFailure::Format`] instead of letting it end the run.
fn guarded(
    format: Format,
    read: impl FnOnce() -> Result<Built, String>,
) -> Result<Built, ReadFailure> {
    quiet_reader_panics();
    let was = IN_READER.with(|f| f.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    IN_READER.with(|f| f.set(was));
    let reason = match outcome {
        Ok(Ok(built)) => return Ok(built),
        Ok(Err(reason)) => reason,
        Err(panic) => format!("the reader failed on it ({})", panic_message(&panic)),
    };
    Err(ReadFailure::Format {
        format: format.name(),
        reason,
    })
}

/// The message a panic carried.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}

/// A path as shown to users: as given, with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let doc = Document::from_text("t.md", "標題\n收入為1.89億元");
        let at = doc.text().find("1.89").unwrap();
        assert_eq!(doc.position(at), Position { line: 2, column: 4 });
    }

    #[test]
    fn html_positions_point_into_the_file() {
        let html = "<html><body>\n<p>Revenue was <b>US$1.2&nbsp;billion</b></p>\n</body></html>";
        let doc = Document::from_html("r.html", html);
        let at = doc.text().find("US$").unwrap();
        assert_eq!(
            doc.position(at),
            Position {
                line: 2,
                column: 19
            }
        );
        assert!(doc.text().contains("US$1.2\u{a0}billion"));
    }

    #[test]
    fn a_panicking_reader_is_a_run_error() {
        let e = guarded(Format::Pdf, || panic!("unsupported encoding X")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it cannot be read as a PDF file: the reader failed on it (unsupported encoding X)"
        );
    }

    #[test]
    fn binary_formats_never_fall_back_to_text() {
        let options = ReadOptions::default();
        for format in [Format::Pdf, Format::Docx, Format::Xlsx] {
            let e = Document::from_bytes("x", "收入5.40億元".as_bytes(), format, &options);
            assert!(matches!(e, Err(ReadFailure::Format { .. })), "{format:?}");
        }
        let bad = ReadOptions {
            encoding: Some("klingon".into()),
            ..ReadOptions::default()
        };
        let e = Document::from_bytes("x.txt", b"1", Format::Text, &bad).unwrap_err();
        assert!(e.to_string().contains("not an encoding label"));
    }

    #[test]
    fn missing_files_are_read_errors() {
        let err = Document::read(Path::new("no/such/file.md")).unwrap_err();
        assert_eq!(err.to_string(), "cannot read no/such/file.md: no such file");
    }
}
