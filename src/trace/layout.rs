//! The layout of a source's text as tracing sees it: lines, sentences,
//! table rows with their cells, and tables with the header row whose cells
//! label the periods of the columns (`2022年`, `2019`, `Q3 FY2024`).
//!
//! A table row is a line that starts with `|` (Markdown, TAT-QA) or has
//! cells joined by ` | ` (FinQA, spreadsheets read as text); consecutive
//! rows form a table. A sentence ends at `。！？；!?;`, at a `.` before white
//! space, and at a line break before a blank line, a table row, a heading
//! or a list item; other line breaks (`645.1\n百萬元`) stay inside it.

use std::ops::Range;

/// A column of a table: its header text and the year it names, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Column {
    /// The header cell's text, white space collapsed (`2022年`, `Q3 FY2024`).
    pub label: String,
    /// The year, when the header names a whole year (`2022年`, `FY2019`).
    pub year: Option<i32>,
}

/// A table row.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Byte range of the line.
    pub line: Range<usize>,
    /// The table it belongs to.
    pub table: usize,
    /// Offsets of the `|` separators in the line.
    pipes: Vec<usize>,
    /// Whether the line starts with `|` (so the text before it is no cell).
    leading: bool,
}

impl Row {
    /// The index of the cell holding byte `at` (0 is the row's label).
    pub(crate) fn cell(&self, at: usize) -> usize {
        let before = self.pipes.partition_point(|&p| p < at);
        before.saturating_sub(usize::from(self.leading))
    }

    /// The text of the first cell (the row's label).
    pub(crate) fn label<'t>(&self, text: &'t str) -> &'t str {
        let start = if self.leading {
            self.pipes[0] + 1
        } else {
            self.line.start
        };
        let end = self
            .pipes
            .iter()
            .copied()
            .find(|&p| p >= start)
            .unwrap_or(self.line.end);
        text[start..end.max(start)].trim()
    }
}

/// Consecutive table rows.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Indexes of its rows in [`Layout::rows`].
    pub rows: Range<usize>,
    /// Its first data row: the rows before it are headers (their numbers
    /// are labels, not values); the last of them labels the columns.
    pub data: usize,
    /// The columns' labels, by cell index.
    pub columns: Vec<Column>,
    /// Columns whose cells are percentages written without `%` (a `%` unit
    /// cell above them, or `%` in their header), by cell index.
    pub percent: Vec<bool>,
    /// The power of ten its caption or header declares for plain cells
    /// (`in millions`, `$'000`, `單位：人民幣百萬元`), if any.
    pub scale: Option<i32>,
}

/// Lines, sentences and tables of one text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    line_starts: Vec<usize>,
    sentence_starts: Vec<usize>,
    /// Table rows in text order.
    pub rows: Vec<Row>,
    /// Tables in text order.
    pub tables: Vec<Table>,
}

impl Layout {
    /// The layout of `text[region]` (the region is widened to whole lines,
    /// and upwards to the start of a table it begins inside).
    pub(crate) fn new(text: &str, region: Range<usize>) -> Layout {
        let lines = lines_of(text, region);
        let mut layout = Layout {
            line_starts: lines.iter().map(|l| l.start).collect(),
            ..Layout::default()
        };
        layout.find_rows(text, &lines);
        layout.find_sentences(text, &lines);
        layout
    }

    /// The index of the line holding byte `at`.
    pub(crate) fn line(&self, at: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// The index of the sentence holding byte `at`.
    pub(crate) fn sentence(&self, at: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
    }

    /// The byte range of sentence `i` (up to the next sentence).
    pub(crate) fn sentence_range(&self, i: usize, text_len: usize) -> Range<usize> {
        let start = self.sentence_starts.get(i).copied().unwrap_or(0);
        let end = self.sentence_starts.get(i + 1).copied().unwrap_or(text_len);
        start..end
    }

    /// The table row holding byte `at`, with its index.
    pub(crate) fn row_at(&self, at: usize) -> Option<(usize, &Row)> {
        let i = self.rows.partition_point(|r| r.line.start <= at);
        let row = self.rows.get(i.checked_sub(1)?)?;
        (at < row.line.end).then_some((i - 1, row))
    }

    fn find_rows(&mut self, text: &str, lines: &[Range<usize>]) {
        let mut open: Option<usize> = None;
        for line in lines {
            let s = &text[line.clone()];
            let trimmed = s.trim();
            let is_rule = trimmed.starts_with('|')
                && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
            let is_row = trimmed.starts_with('|') || s.contains(" | ");
            if !is_row {
                open = None;
                continue;
            }
            if is_rule {
                continue;
            }
            let table = *open.get_or_insert_with(|| {
                self.tables.push(Table {
                    rows: self.rows.len()..self.rows.len(),
                    data: self.rows.len(),
                    columns: Vec::new(),
                    percent: Vec::new(),
                    scale: None,
                });
                self.tables.len() - 1
            });
            let pipes = s.match_indices('|').map(|(i, _)| line.start + i).collect();
            self.rows.push(Row {
                line: line.clone(),
                table,
                pipes,
                leading: trimmed.starts_with('|') && trimmed.ends_with('|'),
            });
            self.tables[table].rows.end = self.rows.len();
        }
        for t in 0..self.tables.len() {
            self.label_columns(text, t);
        }
    }

    /// Finds the header of table `t` (the first of its first three rows
    /// with two cells that are years; else its first row when that row has
    /// no label), labels the columns and finds the percent columns.
    fn label_columns(&mut self, text: &str, t: usize) {
        let rows = self.tables[t].rows.clone();
        let cells_of =
            |r: &Row| -> Vec<Column> { cells(text, r).into_iter().map(column).collect() };
        let years = rows.clone().take(3).find(|&r| {
            let cols = cells_of(&self.rows[r]);
            cols.iter().filter(|c| is_year_cell(&c.label)).count() >= 2
        });
        let unlabelled = cells_of(&self.rows[rows.start])
            .first()
            .is_none_or(|c| c.label.is_empty());
        let header = years.or(unlabelled.then_some(rows.start));
        let columns = header.map_or_else(Vec::new, |h| cells_of(&self.rows[h]));
        let data = header.map_or(rows.start, |h| h + 1);
        let caption = self.caption(text, t, data);
        let mut percent = Vec::new();
        for r in rows {
            for (i, cell) in cells(text, &self.rows[r]).into_iter().enumerate() {
                let unit = cell.contains('%') && !cell.chars().any(|c| c.is_ascii_digit());
                if unit {
                    percent.resize(percent.len().max(i + 1), false);
                    percent[i] = true;
                }
            }
        }
        let table = &mut self.tables[t];
        table.data = data;
        table.columns = columns;
        table.percent = percent;
        table.scale = declared_scale(&caption);
    }

    /// The text that may declare table `t`'s unit: the two lines above it
    /// and its header rows.
    fn caption(&self, text: &str, t: usize, data: usize) -> String {
        let first = &self.rows[self.tables[t].rows.start];
        let above = &text[..first.line.start];
        let from = above.trim_end().rfind('\n').map_or(0, |i| i + 1);
        let from = above[..from].trim_end().rfind('\n').map_or(0, |i| i + 1);
        let mut out = text[from..first.line.start].to_string();
        for r in self.tables[t].rows.start..data.max(self.tables[t].rows.start + 1) {
            out.push_str(&text[self.rows[r].line.clone()]);
        }
        out
    }

    fn find_sentences(&mut self, text: &str, lines: &[Range<usize>]) {
        let Some(first) = lines.first() else {
            return;
        };
        self.sentence_starts.push(first.start);
        for (k, line) in lines.iter().enumerate() {
            let s = text[line.clone()].trim_end();
            let mut chars = s.char_indices().peekable();
            let mut ended = false;
            while let Some((i, c)) = chars.next() {
                let next = chars.peek().map(|&(_, n)| n);
                ended = matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
                    || (c == '.' && next.is_none_or(char::is_whitespace));
                if ended && next.is_some() {
                    self.sentence_starts.push(line.start + i + c.len_utf8());
                }
            }
            if let Some(next) = lines.get(k + 1)
                && (ended || breaks_between(&text[line.clone()], &text[next.clone()]))
            {
                self.sentence_starts.push(next.start);
            }
        }
        self.sentence_starts.dedup();
    }
}

/// The lines (without their line break) covering `region`, widened to
/// whole lines and upwards over the table rows it starts among.
fn lines_of(text: &str, region: Range<usize>) -> Vec<Range<usize>> {
    let end = text.ceil_char_boundary(region.end.min(text.len()));
    let mut start = text[..text.floor_char_boundary(region.start.min(end))]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    // Take in a table the region starts inside of, up to a bounded height.
    for _ in 0..200 {
        let Some(prev_end) = start.checked_sub(1) else {
            break;
        };
        let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        let prev = &text[prev_start..prev_end];
        if !(prev.trim().starts_with('|') || prev.contains(" | ")) {
            break;
        }
        start = prev_start;
    }
    let mut lines = Vec::new();
    let mut at = start;
    loop {
        let stop = text[at..].find('\n').map_or(text.len(), |i| at + i);
        lines.push(at..stop);
        at = stop + 1;
        if stop >= text.len() || at >= end {
            break;
        }
    }
    lines
}

/// Whether a line break between two lines ends a sentence.
fn breaks_between(line: &str, next: &str) -> bool {
    let a = line.trim();
    let b = next.trim_start();
    let block = |s: &str| {
        s.starts_with(['#', '-', '*', '>', '|', '+'])
            || s.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    a.is_empty()
        || b.trim().is_empty()
        || block(b)
        || block(a)
        || a.contains(" | ")
        || b.contains(" | ")
}

/// The cells of a row, by index.
fn cells<'t>(text: &'t str, row: &Row) -> Vec<&'t str> {
    let mut bounds = vec![row.line.start];
    bounds.extend(row.pipes.iter().map(|p| p + 1));
    let mut ends: Vec<usize> = row.pipes.clone();
    ends.push(row.line.end);
    let mut out: Vec<&str> = bounds
        .iter()
        .zip(&ends)
        .map(|(&s, &e)| &text[s..e.max(s)])
        .collect();
    if row.leading {
        out.remove(0);
    }
    if out.len() > 1
        && out.last().is_some_and(|c| c.trim().is_empty())
        && text[row.line.clone()].trim_end().ends_with('|')
    {
        out.pop();
    }
    out
}

/// A header cell as a column label.
fn column(cell: &str) -> Column {
    let label = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    let year = annual_year(&label);
    Column { label, year }
}

/// The years (1900–2099) written in `s` as four digits standing alone.
fn years(s: &str) -> Vec<i32> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let window = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if alone && window.iter().all(u8::is_ascii_digit) {
            let y: i32 = s[i..i + 4].parse().unwrap_or(0);
            if (1900..=2099).contains(&y) {
                out.push(y);
                i += 4;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The scale a caption declares for a table's plain cells: thousands,
/// millions or billions, in English or Chinese.
fn declared_scale(caption: &str) -> Option<i32> {
    let lower = caption.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["in billions", "billion", "$bn", "十億"]) {
        Some(9)
    } else if has(&[
        "in millions",
        "million",
        "$m ",
        "百萬",
        "百万",
        "(mn)",
        "us$m",
        "rmb m",
    ]) {
        Some(6)
    } else if has(&["in thousands", "thousand", "'000", "’000", "(000", "千元"]) {
        Some(3)
    } else {
        None
    }
}

/// Where a period label falls in time, in quarters: `2022年` and `FY2019`
/// at the end of their year, `Q3 FY2024` and `H1 2025` at their quarter.
pub(crate) fn order(label: &str) -> Option<i32> {
    let [y] = years(label)[..] else {
        return None;
    };
    let lower = label.to_lowercase();
    let quarter = ["q1", "q2", "q3", "q4"]
        .iter()
        .position(|q| lower.contains(q));
    let half = ["h1", "h2"].iter().position(|h| lower.contains(h));
    let within = match (quarter, half) {
        (Some(q), _) => q as i32 + 1,
        (None, Some(h)) => 2 * h as i32 + 2,
        _ if annual_year(label).is_some() => 4,
        _ => return None,
    };
    Some(y * 4 + within)
}

/// Whether a header cell names a period: one year, no other digits, no currency.
fn is_year_cell(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    years(s).len() == 1 && digits == 4 && !s.contains(['$', '€', '£', '¥'])
}

/// The year a header names when it stands for a whole year: one year and
/// no other digits, months, quarters or halves (`2025年1-6月` is not one).
fn annual_year(label: &str) -> Option<i32> {
    let ys = years(label);
    let [y] = ys[..] else {
        return None;
    };
    let digits = label.chars().filter(char::is_ascii_digit).count();
    let lower = label.to_lowercase();
    let partial = [
        "月", "季", "半", "quarter", "month", "half", "q1", "q2", "q3", "q4", "h1", "h2",
    ]
    .iter()
    .any(|w| lower.contains(w));
    (digits == 4 && !partial).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_rows_cells_and_period_labels() {
        let text = "Intro. Next one.\n\n| 項目 | 2022年 | 2023年 | 2025年1-6月 |\n|---|---|---|---|\n| 收入 | 189.0 | 289.4 | 332.6 |\n\nafter | 5 | 6\n";
        let layout = Layout::new(text, 0..text.len());
        assert_eq!(layout.tables.len(), 2);
        let t = &layout.tables[0];
        let labels: Vec<_> = t
            .columns
            .iter()
            .map(|c| (c.label.as_str(), c.year))
            .collect();
        assert_eq!(
            labels,
            [
                ("項目", None),
                ("2022年", Some(2022)),
                ("2023年", Some(2023)),
                ("2025年1-6月", None)
            ]
        );
        let at = text.find("289.4").unwrap();
        let (_, row) = layout.row_at(at).unwrap();
        assert_eq!(row.cell(at), 2);
        assert_eq!(row.label(text), "收入");
        let at = text.find('6').map(|_| text.rfind('6').unwrap()).unwrap();
        assert_eq!(layout.row_at(at).unwrap().1.cell(at), 2);
        assert_ne!(
            layout.sentence(0),
            layout.sentence(text.find("Next").unwrap())
        );
    }

    #[test]
    fn sentences_keep_soft_line_breaks() {
        let text = "分別為人民幣645.1\n百萬元，其後。下一句\n- item\n";
        let layout = Layout::new(text, 0..text.len());
        let a = layout.sentence(text.find("645").unwrap());
        assert_eq!(a, layout.sentence(text.find("百萬元").unwrap()));
        assert_ne!(a, layout.sentence(text.find("下一句").unwrap()));
        assert_ne!(
            layout.sentence(text.find("下一句").unwrap()),
            layout.sentence(text.find("item").unwrap())
        );
        assert_eq!(years("FY2019 and 12019 2020"), [2019, 2020]);
    }
}
