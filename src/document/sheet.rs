//! Excel workbooks (`.xlsx`, read with calamine): every visible sheet is a
//! [`Section`] named after it, one line per row (line `n` is row `n` as Excel
//! numbers it), cells joined by ` | `, and numbers shown as the sheet
//! displays them through each cell's number format (`1,234.5`, `12.5%`,
//! `(1,234)`, `¥1,234.00`), since that is what an editor quotes.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::{Built, Limits, Section, SectionKind, archive, numfmt};

/// The most cells read from one workbook (more is not a segment table).
const MAX_CELLS: usize = 5_000_000;

/// Reads the sheets of a workbook. Cells are read sparsely (calamine's
/// dense `Range` would allocate every cell of a sheet whose two cells stand
/// at A1 and XFD1048576), and the text is capped at [`Limits::unpacked`].
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Built, String> {
    archive::open(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("it is not a readable workbook ({e})"))?;
    let date1904 = book.has_1904_epoch();
    let sheets = book.sheets_metadata().to_vec();
    let cap = usize::try_from(limits.unpacked)
        .unwrap_or(usize::MAX)
        .min(limits.text);
    let mut built = Built::default();
    let mut cells_left = MAX_CELLS;
    for sheet in sheets {
        if sheet.visible != calamine::SheetVisible::Visible {
            built
                .notes
                .push(format!("sheet `{}` is hidden; it was not read", sheet.name));
            continue;
        }
        let Some(cells) = sheet_cells(&mut book, &sheet.name, date1904, &mut cells_left)? else {
            continue; // a chart sheet or a dialog sheet holds no cells
        };
        built.sections.push(Section {
            kind: SectionKind::Sheet,
            label: sheet.name.clone(),
            start: built.text.len(),
        });
        write_rows(&mut built.text, cells, cap)?;
    }
    if built.sections.is_empty() {
        return Err("it has no sheet with cells".to_string());
    }
    Ok(built)
}

/// A cell's row, column and text as displayed.
type CellText = (u32, u32, String);

/// The non-empty cells of a sheet, or `None` when it is not a worksheet.
fn sheet_cells<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
    date1904: bool,
    left: &mut usize,
) -> Result<Option<Vec<CellText>>, String> {
    let styles = book.worksheet_style(name).ok();
    let Ok(mut reader) = book.worksheet_cells_reader(name) else {
        return Ok(None);
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| format!("sheet `{name}` cannot be read ({e})"))?
    {
        *left = left
            .checked_sub(1)
            .ok_or_else(|| format!("it has more than {MAX_CELLS} cells"))?;
        let (row, col) = cell.get_position();
        let code = styles
            .as_ref()
            .and_then(|s| s.get((row, col)))
            .and_then(|s| s.number_format.as_ref())
            .map_or("General", |f| f.format_code.as_str());
        let text = cell_text(cell.get_value(), code, date1904);
        if !text.is_empty() {
            cells.push((row, col, text));
        }
    }
    cells.sort_by_key(|c| (c.0, c.1));
    Ok(Some(cells))
}

/// One line per row from row 1 (so line numbers are row numbers), cells
/// joined by ` | ` with empty ones where a row skips columns.
fn write_rows(out: &mut String, cells: Vec<CellText>, cap: usize) -> Result<(), String> {
    let (mut row, mut next_col) = (0u32, 0u32);
    for (r, c, text) in cells {
        while row < r {
            out.push('\n');
            (row, next_col) = (row + 1, 0);
        }
        if c < next_col {
            continue; // a second cell at the same place
        }
        let separators = (c - next_col + u32::from(next_col > 0)) as usize;
        if out.len() + 3 * separators + text.len() > cap {
            return Err("its text is larger than the size limit".to_string());
        }
        out.push_str(&" | ".repeat(separators));
        out.push_str(&text);
        next_col = c + 1;
    }
    out.push('\n');
    Ok(())
}

/// A cell's text as displayed.
fn cell_text(value: &DataRef<'_>, code: &str, date1904: bool) -> String {
    let text = match value {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Float(f) => numfmt::display(*f, code, date1904),
        DataRef::Int(i) => numfmt::display(*i as f64, code, date1904),
        DataRef::DateTime(d) => numfmt::display(d.as_f64(), code, date1904),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::Error(e) => e.to_string(),
    };
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_show_as_displayed() {
        assert_eq!(cell_text(&DataRef::Float(0.125), "0.0%", false), "12.5%");
        let negative = cell_text(&DataRef::Float(-1234.0), "#,##0_);(#,##0)", false);
        assert_eq!(negative, "(1,234)");
        let lines = cell_text(&DataRef::SharedString("a\nb"), "General", false);
        assert_eq!(lines, "a b");
        assert_eq!(cell_text(&DataRef::Int(7), "General", false), "7");
    }

    #[test]
    fn rows_are_lines_numbered_as_excel_numbers_them() {
        let cells = vec![(1, 0, "a".into()), (1, 2, "c".into()), (3, 1, "x".into())];
        let mut out = String::new();
        write_rows(&mut out, cells, 1 << 20).unwrap();
        assert_eq!(out, "\na |  | c\n\n | x\n");
        let far = vec![(0, 16_383, "far".into())];
        assert!(write_rows(&mut String::new(), far, 1000).is_err());
    }

    /// A workbook of one sheet whose `<sheetData>` is `data`.
    fn workbook(data: &str) -> Vec<u8> {
        let sheet = format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
        );
        archive::tests::zip_of(&[
            ("[Content_Types].xml", br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ])
    }

    #[test]
    fn far_apart_cells_cost_no_dense_grid() {
        // A1 and XFD1048576: a dense grid would be 17 billion cells.
        let bytes = workbook(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        );
        let built = read(&bytes, &Limits::new(bytes.len(), 1 << 30)).unwrap();
        assert_eq!(built.sections[0].label, "S");
        assert!(built.text.starts_with("1\n\n"));
        assert!(built.text.ends_with(" | 2\n"));
        assert_eq!(built.text.lines().count(), 1_048_576);
    }

    #[test]
    fn broken_workbooks_are_errors() {
        let zip = archive::tests::zip_of(&[("xl/workbook.xml", b"<not-a-workbook")]);
        let limits = Limits::new(zip.len(), 1 << 30);
        assert!(read(&zip, &limits).is_err());
    }
}
