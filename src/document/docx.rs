//! Word documents (`.docx`): the main story (`word/document.xml`) as lines,
//! one per paragraph and one per table row (cells joined by ` | `), so a
//! location is the paragraph's line and the column in it. Tracked
//! insertions (`w:ins`) are read and tracked deletions (`w:del`,
//! `w:moveFrom`) are not, as the document reads with changes accepted;
//! hidden text (`w:vanish`), field codes, footnotes, comments, headers,
//! footers and text boxes are not part of the story and are left out.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Built, Limits, archive};

/// Elements whose content is skipped whole.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "Fallback",
    "drawing",
    "pict",
    "object",
];

/// Reads the text of a Word document.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Built, String> {
    let mut zip = archive::open(bytes, limits)?;
    let xml = archive::entry(&mut zip, "word/document.xml")?
        .ok_or("it has no `word/document.xml`: not a Word document")?;
    let xml = String::from_utf8_lossy(&xml);
    let text = story(&xml)?;
    if text.len() > limits.text {
        return Err("its text is larger than the size limit".to_string());
    }
    Ok(Built {
        text,
        ..Built::default()
    })
}

/// Where the walk through the XML stands.
#[derive(Default)]
struct Walk {
    out: String,
    /// The paragraph (or, in a table, the cell) being read.
    buf: String,
    /// The cells of the row being read.
    cells: Vec<String>,
    /// How deep in tables.
    tables: usize,
    /// How deep in a skipped element (0: not skipping).
    skip: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// The current run is hidden (`w:vanish`).
    hidden: bool,
}

/// The story of `document.xml` as lines.
fn story(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut walk = Walk::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("its XML is broken ({e})"))?;
        match event {
            Event::Start(e) => walk.start(&e),
            Event::Empty(e) => walk.empty(&e),
            Event::End(e) => walk.end(e.local_name().as_ref()),
            Event::Text(t) => walk.text(&t.xml10_content()),
            Event::CData(t) => walk.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().ok().flatten();
                let name = r.xml10_content();
                walk.text(&c.map_or_else(|| entity(&name).to_string(), String::from));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !walk.buf.is_empty() {
        walk.finish_paragraph();
    }
    Ok(walk.out)
}

/// The five entities XML predefines.
fn entity(name: &str) -> &str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// Whether an on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`) is on.
fn is_on(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().all(|a| {
        a.key.local_name().as_ref() != "val" || !matches!(a.value.as_ref(), "0" | "false" | "off")
    })
}

impl Walk {
    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 || SKIPPED.contains(&name) {
            self.skip += 1;
            return;
        }
        match name {
            "t" => self.in_text = true,
            "r" => self.hidden = false,
            "tbl" => {
                if !self.buf.is_empty() {
                    self.finish_paragraph();
                }
                self.tables += 1;
            }
            "vanish" => self.hidden = is_on(e),
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.skip > 0 {
            return;
        }
        match e.local_name().as_ref() {
            "tab" | "ptab" => self.buf.push('\t'),
            "br" | "cr" if self.tables > 0 => self.buf.push(' '),
            "br" | "cr" => self.buf.push('\n'),
            "noBreakHyphen" => self.buf.push('-'),
            "vanish" => self.hidden = is_on(e),
            "p" => self.end("p"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "r" => self.hidden = false,
            "p" if self.tables > 0 => self.buf.push(' '),
            "p" => self.finish_paragraph(),
            "tc" if self.tables == 1 => {
                let cell = std::mem::take(&mut self.buf);
                self.cells
                    .push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            "tc" | "tr" if self.tables > 1 => self.buf.push(' '),
            "tr" => {
                let row = std::mem::take(&mut self.cells).join(" | ");
                self.out.push_str(row.trim_end());
                self.out.push('\n');
            }
            "tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.skip == 0 && self.in_text && !self.hidden {
            self.buf.extend(
                t.chars()
                    .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
            );
        }
    }

    /// Ends a paragraph outside tables: its text becomes a line.
    fn finish_paragraph(&mut self) {
        if self.tables > 0 {
            return;
        }
        let para = std::mem::take(&mut self.buf);
        self.out.push_str(para.trim_end());
        self.out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_and_table_rows_are_lines() {
        let xml = body(
            "<w:p><w:r><w:t>收入為</w:t></w:r><w:r><w:t xml:space=\"preserve\">5.40億元 &amp; more</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>項目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>540.1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:p/><w:p><w:r><w:t>end</w:t></w:r></w:p>",
        );
        assert_eq!(
            story(&xml).unwrap(),
            "收入為5.40億元 & more\n項目 | 2024\n收入 | 540.1\n\nend\n"
        );
    }

    #[test]
    fn tracked_changes_read_as_accepted_and_hidden_text_is_dropped() {
        let xml = body(
            "<w:p><w:r><w:t>growth of </w:t></w:r>\
             <w:del w:id=\"1\"><w:r><w:delText>12%</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t>15%</w:t></w:r></w:ins>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>secret 99%</w:t></w:r>\
             <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t> shown</w:t></w:r>\
             <w:r><w:fldChar/><w:instrText>PAGE 7</w:instrText></w:r></w:p>",
        );
        assert_eq!(story(&xml).unwrap(), "growth of 15% shown\n");
    }

    #[test]
    fn archives_without_a_story_are_errors() {
        let zip = archive::tests::zip_of(&[("word/other.xml", b"<a/>")]);
        let limits = Limits::new(zip.len(), 1 << 30);
        let e = read(&zip, &limits).unwrap_err();
        assert!(e.contains("word/document.xml"), "{e}");
        assert!(read(b"PK\x03\x04junk", &limits).is_err());
    }
}
