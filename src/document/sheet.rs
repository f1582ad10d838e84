//! Excel workbooks (`.xlsx`, read with calamine): every visible sheet is a
//! [`Section`] named after it, one line per row (line `n` is row `n` as Excel
//! numbers it), cells joined by ` | `, and numbers shown as the sheet
//! displays them through each cell's number format (`1,234.5`, `12.5%`,
//! `(1,234)`, `¥1,234.00`), since that is what an editor quotes.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Built, Limits, Section, SectionKind, archive, numfmt};

/// The most cells read from one workbook (more is not a segment table).
const MAX_CELLS: u64 = 20_000_000;

/// Reads the sheets of a workbook.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Built, String> {
    archive::open(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| format!("it is not a readable workbook ({e})"))?;
    let date1904 = book.has_1904_epoch();
    let sheets = book.sheets_metadata().to_vec();
    let mut built = Built::default();
    let mut cells = 0u64;
    for sheet in sheets {
        if sheet.visible != calamine::SheetVisible::Visible {
            built
                .notes
                .push(format!("sheet `{}` is hidden; it was not read", sheet.name));
            continue;
        }
        let Ok(range) = book.worksheet_range(&sheet.name) else {
            continue; // a chart sheet or a dialog sheet holds no cells
        };
        let (rows, cols) = range.get_size();
        cells = cells.saturating_add(rows as u64 * cols as u64);
        if cells > MAX_CELLS {
            return Err(format!("it has more than {MAX_CELLS} cells"));
        }
        let styles = book.worksheet_style(&sheet.name).ok();
        built.sections.push(Section {
            kind: SectionKind::Sheet,
            label: sheet.name.clone(),
            start: built.text.len(),
        });
        write_sheet(&mut built.text, &range, styles.as_ref(), date1904);
        if built.text.len() > limits.text {
            return Err("its text is larger than the size limit".to_string());
        }
    }
    if built.sections.is_empty() {
        return Err("it has no sheet with cells".to_string());
    }
    Ok(built)
}

/// The rows of a sheet from row 1, so that line numbers are row numbers.
fn write_sheet(
    out: &mut String,
    range: &calamine::Range<Data>,
    styles: Option<&calamine::StyleRange>,
    date1904: bool,
) {
    let Some((first_row, first_col)) = range.start() else {
        out.push('\n');
        return;
    };
    let (last_row, last_col) = range.end().unwrap_or((first_row, first_col));
    for row in 0..=last_row {
        if row >= first_row {
            let cells: Vec<String> = (0..=last_col)
                .map(|col| {
                    let value = range.get_value((row, col)).unwrap_or(&Data::Empty);
                    let code = styles
                        .and_then(|s| s.get((row, col)))
                        .and_then(|s| s.number_format.as_ref())
                        .map_or("General", |f| f.format_code.as_str());
                    cell_text(value, code, date1904)
                })
                .collect();
            let used = cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |k| k + 1);
            out.push_str(&cells[..used].join(" | "));
        }
        out.push('\n');
    }
}

/// A cell's text as displayed.
fn cell_text(value: &Data, code: &str, date1904: bool) -> String {
    let text = match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => numfmt::display(*f, code, date1904),
        Data::Int(i) => numfmt::display(*i as f64, code, date1904),
        Data::DateTime(d) => numfmt::display(d.as_f64(), code, date1904),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => e.to_string(),
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
        assert_eq!(cell_text(&Data::Float(0.125), "0.0%", false), "12.5%");
        assert_eq!(
            cell_text(&Data::Float(-1234.0), "#,##0_);(#,##0)", false),
            "(1,234)"
        );
        assert_eq!(
            cell_text(&Data::String("a\nb".into()), "General", false),
            "a b"
        );
        assert_eq!(cell_text(&Data::Int(7), "General", false), "7");
    }

    #[test]
    fn broken_workbooks_are_errors() {
        let zip = archive::tests::zip_of(&[("xl/workbook.xml", b"<not-a-workbook")]);
        let limits = Limits::new(zip.len(), 1 << 30);
        assert!(read(&zip, &limits).is_err());
    }
}
