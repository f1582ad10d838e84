//! Which reader a file gets: by its extension, then by its first bytes
//! (`%PDF-`, a zip archive holding `word/document.xml` or `xl/workbook.xml`).

use std::io::Cursor;
use std::path::Path;

/// The formats sources can be read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown (HTML is recognised from the text itself).
    Text,
    /// HTML.
    Html,
    /// PDF.
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
    /// An Excel workbook (Office Open XML).
    Xlsx,
    /// Comma- (or semicolon-, tab-, bar-) separated values.
    Csv,
}

impl Format {
    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Docx => "Word (.docx)",
            Format::Xlsx => "Excel (.xlsx)",
            Format::Csv => "CSV",
        }
    }
}

/// The format named by a path's extension, if it names one.
pub fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        "xlsx" | "xlsm" => Format::Xlsx,
        "csv" | "tsv" => Format::Csv,
        _ => return None,
    })
}

/// The format of `bytes` judged by their content: PDF and the Office zip
/// formats by their signatures, anything else as text.
pub fn by_content(bytes: &[u8]) -> Format {
    if is_pdf(bytes) {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        && let Some(format) = office_kind(bytes)
    {
        return format;
    }
    Format::Text
}

/// The format of the file at `path` holding `bytes`.
pub fn sniff(path: &Path, bytes: &[u8]) -> Format {
    by_extension(path).unwrap_or_else(|| by_content(bytes))
}

/// Whether `%PDF-` stands in the first KiB (readers accept junk before it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// A zip archive's Office kind, from the names of its entries.
fn office_kind(bytes: &[u8]) -> Option<Format> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("word/document.xml") {
        Some(Format::Docx)
    } else if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_win_then_content_decides() {
        assert_eq!(sniff(Path::new("a.PDF"), b"hello"), Format::Pdf);
        assert_eq!(sniff(Path::new("a.md"), b"%PDF-1.4"), Format::Text);
        assert_eq!(sniff(Path::new("a"), b"junk\n%PDF-1.7\n"), Format::Pdf);
        assert_eq!(sniff(Path::new("a.dat"), b"1,2,3"), Format::Text);
        assert_eq!(sniff(Path::new("a.CSV"), b"1,2,3"), Format::Csv);
    }

    #[test]
    fn zips_are_told_apart_by_their_entries() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file("word/document.xml", opts).unwrap();
            w.finish().unwrap();
        }
        assert_eq!(by_content(buf.get_ref()), Format::Docx);
        assert_eq!(by_content(b"PK\x03\x04broken"), Format::Text);
    }
}
