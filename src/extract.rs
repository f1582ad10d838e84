//! `claimcheck extract`: every number the reader finds in a document, as an
//! aligned table or as the JSON array of the contract.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Document, Location, SectionKind};
use crate::numbers::{Number, plain, read_numbers};
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
}

/// Reads every number of `doc` with its position.
pub fn extract(doc: &Document) -> Vec<ExtractedNumber> {
    numbers(doc).collect()
}

/// Every number of `doc` with its position, one at a time.
pub fn numbers(doc: &Document) -> impl Iterator<Item = ExtractedNumber> + '_ {
    let text = doc.text();
    let mut cursor = doc.cursor();
    read_numbers(text).map(move |n| {
        let offset = doc.original_offset(n.span.start);
        let at = doc.in_section(offset, cursor.position(offset));
        describe(text, &n, at)
    })
}

fn describe(text: &str, n: &Number, at: Location) -> ExtractedNumber {
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
    }
}

/// Writes the numbers of `doc` as a pretty JSON array while they are read:
/// a second thread reads and describes them in batches while this one
/// writes, so memory stays constant whatever the size of the document and
/// the output is the same as serializing the whole array.
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
        write_json(out, receive.into_iter().flatten())
    })
}

/// Writes the numbers as a pretty JSON array, as they come: the output is
/// the same as serializing the whole array, but memory stays constant
/// whatever the size of the document.
pub fn write_json(
    out: &mut dyn Write,
    numbers: impl IntoIterator<Item = ExtractedNumber>,
) -> io::Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    let mut seq = ser.serialize_seq(None)?;
    for n in numbers {
        seq.serialize_element(&n)?;
    }
    seq.end()?;
    writeln!(out)
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
                visible(&n.text.replace('\n', "⏎").replace('\r', "")).into_owned(),
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
}
