//! CSV files: decoded like text (UTF-8 with or without BOM, UTF-16, GBK,
//! Big5…, or `--encoding`), the delimiter found from the first lines (`,` `;`
//! tab `|`), then one line per record with cells joined by ` | `. The file is
//! one sheet, named after the file as a spreadsheet program names it, so a
//! location carries `sheet` and the row.

use super::{Built, Limits, Section, SectionKind, decode};

/// Reads a CSV file named `name`.
pub(crate) fn read(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    limits: &Limits,
) -> Result<Built, String> {
    let decoded = decode::decode(bytes, forced);
    let text = decoded.text.trim_start_matches('\u{feff}');
    let delimiter = delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for record in reader.records() {
        let record = record.map_err(|e| format!("it is not valid CSV ({e})"))?;
        let cells: Vec<String> = record.iter().map(clean).collect();
        out.push_str(cells.join(" | ").trim_end());
        out.push('\n');
        if out.len() > limits.text {
            return Err("its text is larger than the size limit".to_string());
        }
    }
    let mut notes = decoded.notes;
    if delimiter != b',' {
        notes.push(format!(
            "cells are separated by {}",
            delimiter_name(delimiter)
        ));
    }
    Ok(Built {
        text: out,
        sections: vec![Section {
            kind: SectionKind::Sheet,
            label: sheet_name(name),
            start: 0,
        }],
        notes,
    })
}

/// A cell on one line, trimmed.
fn clean(cell: &str) -> String {
    let one_line: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().to_string()
}

/// The file's name without folder and extension.
fn sheet_name(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => file.to_string(),
    }
}

/// The delimiter that splits the first lines most consistently: the same
/// number of times on each line (outside quotes), most often.
fn delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        let consistent = counts.iter().filter(|&&c| c == first && c > 0).count();
        let score = consistent * 100 + first.min(99);
        if first > 0 && score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == d && !quoted
        })
        .count()
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolons",
        b'\t' => "tabs",
        b'|' => "bars",
        _ => "commas",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::new(1 << 10, 1 << 30)
    }

    #[test]
    fn rows_are_lines_and_the_delimiter_is_found() {
        let built = read(
            "data/seg.csv",
            "分部;收入\n\"A; B\";\"1.234,5\"\n".as_bytes(),
            None,
            &limits(),
        )
        .unwrap();
        assert_eq!(built.text, "分部 | 收入\nA; B | 1.234,5\n");
        assert_eq!(built.sections[0].label, "seg");
        let tabs = read("t.tsv", b"a\tb\n1\t2\n", None, &limits()).unwrap();
        assert_eq!(tabs.text, "a | b\n1 | 2\n");
        let commas = read("c.csv", b"x,\"1,234\"\ny,5\n", None, &limits()).unwrap();
        assert_eq!(commas.text, "x | 1,234\ny | 5\n");
    }

    #[test]
    fn gbk_and_bom_are_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("分部,收入（万元）,占比\n储能,1234.5,12.5%\n");
        let built = read("g.csv", &gbk, None, &limits()).unwrap();
        assert!(
            built.text.contains("储能 | 1234.5 | 12.5%"),
            "{}",
            built.text
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("a,b\n".as_bytes());
        assert_eq!(
            read("b.csv", &bom, None, &limits()).unwrap().text,
            "a | b\n"
        );
    }
}
