//! `claimcheck extract`: every number the reader finds in a document, as an
//! aligned table or as the JSON array of the contract.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Document, Location, SectionKind};
use crate::numbers::{Number, plain, read_in_tables};
use crate::report::escape::visible;

/// One number as `extract --format json` prints it.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct ExtractedNumber {
    /// The number as written (currency and scale included).
    pub text: String,
    /// Plain decimal with the scale applied; percents and points as fractions.
    pub value: String,
    /// `quantity`, `percent`, `points`, `year`, `date`, `ordinal` or `label`.
    pub kind: &'static str,
    /// ISO currency code, or null.
    pub currency: Option<&'static str>,
    /// The PDF page the number stands on (for PDF sources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The sheet the number stands in (for spreadsheets and CSV files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based line (within its page or sheet, when it has one).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Lower end of the rounding interval the written digits stand for.
    pub low: String,
    /// Upper end of the rounding interval.
    pub high: String,
    /// `times` for multiples, else a measure word or unit written after the number, or null.
    pub unit: Option<&'static str>,
    /// Written with 多/余 (`20多億`): the true value is above `value`.
    pub more: bool,
    /// For a table cell a caption scales (`單位：人民幣千元`, `(in
    /// thousands)`): the caption's line (within its page or sheet); `value`
    /// is then in the caption's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_from: Option<usize>,
}

/// Reads every number of `doc` with its position.
pub fn extract(doc: &Document) -> Vec<ExtractedNumber> {
    numbers(doc).collect()
}

/// Every number of `doc` with its position, one at a time.
pub fn numbers(doc: &Document) -> impl Iterator<Item = ExtractedNumber> + '_ {
    let text = doc.text();
    let mut cursor = doc.cursor();
    read_in_tables(text).map(move |(n, caption)| {
        let offset = doc.original_offset(n.span.start);
        let at = doc.in_section(offset, cursor.position(offset));
        let scale_from = caption.map(|c| doc.location(c.start).position.line);
        describe(text, &n, at, scale_from)
    })
}

fn describe(text: &str, n: &Number, at: Location, scale_from: Option<usize>) -> ExtractedNumber {
    let (page, sheet) = match at.section {
        Some((SectionKind::Page, p)) => (Some(p), None),
        Some((SectionKind::Sheet, s)) => (None, Some(s)),
        None => (None, None),
    };
    ExtractedNumber {
        text: n.text(text).to_string(),
        value: plain(n.value),
        kind: n.kind.as_str(),
        currency: n.currency.map(|c| c.code()),
        page,
        sheet,
        line: at.position.line,
        column: at.position.column,
        low: plain(n.low()),
        high: plain(n.high()),
        unit: n.unit,
        more: n.more,
        scale_from,
    }
}

/// Writes the numbers of `doc` as a pretty JSON array while they are read:
/// a second thread reads and describes them in batches while this one
/// serializes each batch into memory and writes it at once, so memory stays
/// constant whatever the size of the document and the output is the same
/// as serializing the whole array.
pub fn write_document_json(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    const BATCH: usize = 4096;
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<ExtractedNumber>>(4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            for n in numbers(doc) {
                batch.push(n);
                if batch.len() == BATCH && send.send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
            }
            let _ = send.send(batch);
        });
        let (mut array, mut bytes) = (PrettyArray::default(), Vec::new());
        for batch in receive {
            bytes.clear();
            batch.iter().for_each(|n| array.push(&mut bytes, n));
            out.write_all(&bytes)?;
        }
        bytes.clear();
        array.end(&mut bytes);
        out.write_all(&bytes)
    })
}

/// A pretty JSON array written element by element into byte buffers, the
/// same bytes as `serde_json::to_writer_pretty` of the whole array plus a
/// newline.
#[derive(Default)]
struct PrettyArray {
    /// Elements written so far.
    count: usize,
    /// One element, pretty at depth 0.
    scratch: Vec<u8>,
}

impl PrettyArray {
    /// Appends one element to `bytes`.
    fn push(&mut self, bytes: &mut Vec<u8>, n: &ExtractedNumber) {
        self.scratch.clear();
        serde_json::to_writer_pretty(&mut self.scratch, n).expect("serializing to memory");
        bytes.extend_from_slice(if self.count == 0 { b"[\n  " } else { b",\n  " });
        // Strings are escaped, so every newline is the formatter's: indent it one level.
        let mut rest = self.scratch.as_slice();
        while let Some(i) = memchr::memchr(b'\n', rest) {
            bytes.extend_from_slice(&rest[..=i]);
            bytes.extend_from_slice(b"  ");
            rest = &rest[i + 1..];
        }
        bytes.extend_from_slice(rest);
        self.count += 1;
    }

    /// Closes the array.
    fn end(&self, bytes: &mut Vec<u8>) {
        bytes.extend_from_slice(if self.count == 0 { b"[]\n" } else { b"\n]\n" });
    }
}

/// The TEXT column: the number as written, and where a table's caption
/// scaled it.
fn written_with_unit(n: &ExtractedNumber) -> String {
    let written = visible(&n.text.replace('\n', "⏎").replace('\r', "")).into_owned();
    match n.scale_from {
        Some(line) => format!("{written}  (table unit from line {line})"),
        None => written,
    }
}

/// Writes the numbers as an aligned table, the written text last so that
/// wide characters cannot break the alignment.
pub fn write_table(out: &mut dyn Write, numbers: &[ExtractedNumber]) -> io::Result<()> {
    let rows: Vec<[String; 6]> = numbers
        .iter()
        .map(|n| {
            [
                match (&n.page, &n.sheet) {
                    (Some(p), _) => format!("p{p}:{}:{}", n.line, n.column),
                    (_, Some(s)) => format!("{s}:{}:{}", n.line, n.column),
                    _ => format!("{}:{}", n.line, n.column),
                },
                n.kind.to_string(),
                n.value.clone(),
                format!("{} … {}", n.low, n.high),
                n.currency.unwrap_or("-").to_string(),
                written_with_unit(n),
            ]
        })
        .collect();
    let header = ["LINE:COL", "KIND", "VALUE", "INTERVAL", "CUR", "TEXT"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i < 5 {
                let pad = widths[i] - cell.chars().count();
                if i == 0 || i == 2 {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                }
                line.push_str("  ");
            } else {
                line.push_str(cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "{} number{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_follows_the_contract() {
        let doc = Document::from_text("d.md", "標題\n收入為 1.89 億元");
        let found = extract(&doc);
        let json = serde_json::to_value(&found).unwrap();
        assert_eq!(json[0]["text"], "1.89 億元");
        assert_eq!(json[0]["value"], "189000000");
        assert_eq!(json[0]["kind"], "quantity");
        assert_eq!(json[0]["currency"], "CNY");
        assert_eq!(json[0]["line"], 2);
        assert_eq!(json[0]["column"], 5);
        assert_eq!(json[0]["low"], "188500000");
        assert_eq!(json[0]["high"], "189500000");
    }

    #[test]
    fn table_cells_show_their_caption_line() {
        let doc = Document::from_text(
            "d.md",
            "# 損益表\n單位：人民幣千元\n| 收入 | 120,000 |\n收入 120,000 元",
        );
        let json = serde_json::to_value(extract(&doc)).unwrap();
        assert_eq!(json[0]["value"], "120000000");
        assert_eq!(json[0]["currency"], "CNY");
        assert_eq!(json[0]["scale_from"], 2);
        assert_eq!(json[1]["value"], "120000");
        assert!(json[1].get("scale_from").is_none());
    }

    #[test]
    fn streamed_json_is_the_whole_array_serialized() {
        let many: String = (0..9000)
            .map(|i| format!("第{i}行收入 1.{i} 億元，\"增長\" {i}%\n"))
            .collect();
        for text in ["", "no numbers here", "收入為 1.89 億元", many.as_str()] {
            let doc = Document::from_text("d.md", text);
            let mut streamed = Vec::new();
            write_document_json(&mut streamed, &doc).unwrap();
            let whole = serde_json::to_string_pretty(&extract(&doc)).unwrap() + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }
}
