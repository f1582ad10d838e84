//! Reading documents: bytes from disk become text the number reader and the
//! quote finder work on, with a way back from any offset in that text to a
//! line and column of the file as the user sees it.
//!
//! Plain text and Markdown are read as they are. HTML is reduced to its
//! visible text (block tags become line breaks, table cells tabs, entities
//! are decoded, scripts, styles and footnote superscripts dropped) while
//! positions still point into the HTML file.

mod decode;
mod html;
mod position;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use position::{LineCursor, LineIndex, Position};

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
    /// Things worth telling the user about how the file was read.
    pub notes: Vec<String>,
}

/// Why a document could not be read.
#[derive(Debug)]
pub struct ReadError {
    /// The path that was asked for.
    pub path: PathBuf,
    /// The operating system's reason.
    pub source: io::Error,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.source.kind() {
            io::ErrorKind::NotFound => "no such file".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::IsADirectory => "it is a directory".to_string(),
            _ => self.source.to_string(),
        };
        write!(f, "cannot read {}: {reason}", display_path(&self.path))
    }
}

impl std::error::Error for ReadError {}

impl Document {
    /// Reads and decodes the file at `path`.
    pub fn read(path: &Path) -> Result<Document, ReadError> {
        let fail = |source| ReadError {
            path: path.to_path_buf(),
            source,
        };
        if path.is_dir() {
            return Err(fail(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            )));
        }
        let bytes = std::fs::read(path).map_err(fail)?;
        let decoded = decode::decode(&bytes);
        let is_html = html::looks_like_html(path, &decoded.text);
        let mut doc = Document::build(display_path(path), decoded.text, is_html);
        doc.notes.extend(decoded.notes);
        Ok(doc)
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
            notes: Vec::new(),
        }
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

    /// A cursor for many positions requested in increasing order.
    pub fn cursor(&self) -> LineCursor<'_> {
        LineCursor::new(&self.original, &self.lines)
    }

    /// The lines index of the file.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
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
    fn missing_files_are_read_errors() {
        let err = Document::read(Path::new("no/such/file.md")).unwrap_err();
        assert_eq!(err.to_string(), "cannot read no/such/file.md: no such file");
    }
}
