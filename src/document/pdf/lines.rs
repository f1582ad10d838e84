//! Text runs placed on a page become lines in reading order: runs whose
//! baselines are close make one line (so a table row drawn cell by cell, or
//! column by column, is one line), lines go top to bottom, runs left to
//! right. A gap of about a word space becomes a space; a gap wider than
//! [`CELL_GAP`] ems (a table column) becomes a tab, which quotes read as
//! white space and the number reader as a cell boundary.

use unicode_normalization::UnicodeNormalization;

/// A gap wider than this many ems separates table cells.
const CELL_GAP: f32 = 1.2;
/// A gap wider than this many ems separates words.
const WORD_GAP: f32 = 0.15;

/// A piece of text shown at one place of a page, in device space.
#[derive(Clone, Debug)]
pub(crate) struct Run {
    /// Where it starts and ends horizontally.
    pub x0: f32,
    /// Where it ends.
    pub x1: f32,
    /// Its baseline.
    pub y: f32,
    /// Its font size.
    pub size: f32,
    /// What it says.
    pub text: String,
}

/// The lines of a page, top to bottom, made of its runs.
pub(crate) fn lines(mut runs: Vec<Run>) -> Vec<String> {
    runs.retain(|r| r.x0.is_finite() && r.x1.is_finite() && r.y.is_finite());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out = Vec::new();
    let mut start = 0;
    while start < runs.len() {
        // The line's baseline is that of its largest text, so a raised
        // footnote mark that sorts first does not set it.
        let (mut base, mut size) = (runs[start].y, runs[start].size);
        let mut end = start + 1;
        while end < runs.len() && base - runs[end].y <= 0.5 * size.max(runs[end].size) {
            if runs[end].size > size {
                (base, size) = (runs[end].y, runs[end].size);
            }
            end += 1;
        }
        let line = join(&mut runs[start..end]);
        if !line.trim().is_empty() {
            out.push(line);
        }
        start = end;
    }
    out
}

/// The runs of one line joined left to right, footnote marks left out.
fn join(runs: &mut [Run]) -> String {
    runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let body = runs
        .iter()
        .max_by(|a, b| a.size.total_cmp(&b.size))
        .cloned();
    let mut line = String::new();
    let mut last: Option<&Run> = None;
    for run in runs.iter() {
        if body.as_ref().is_some_and(|b| is_footnote_mark(run, b)) {
            continue;
        }
        if let Some(prev) = last {
            if prev.text == run.text && (run.x0 - prev.x0).abs() < 0.2 * run.size {
                continue; // drawn twice for a bold effect
            }
            line.push_str(separator(prev, run));
        }
        push_clean(&mut line, &run.text);
        last = Some(run);
    }
    line.trim_end().to_string()
}

/// A footnote mark: a short run of digits, letters or `*†‡` set smaller
/// than the line's text and raised above its baseline (`186%¹` must not
/// read as `186%1`, as HTML's `<sup>` is dropped for the same reason).
fn is_footnote_mark(run: &Run, body: &Run) -> bool {
    let short = run.text.trim().chars().count() <= 3
        && run
            .text
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '†' | '‡'));
    short && run.size <= 0.8 * body.size && run.y - body.y > 0.25 * body.size
}

/// What stands between two neighbouring runs: nothing, a space or a tab.
fn separator(prev: &Run, next: &Run) -> &'static str {
    let em = prev.size.max(next.size);
    let gap = next.x0 - prev.x1;
    let spaced =
        prev.text.ends_with(char::is_whitespace) || next.text.starts_with(char::is_whitespace);
    if gap > CELL_GAP * em {
        "\t"
    } else if gap > WORD_GAP * em
        && !spaced
        && !(cjk_end(&prev.text) && cjk_start(&next.text) && gap < 0.5 * em)
    {
        " "
    } else {
        ""
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFD)
}

fn cjk_end(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_cjk)
}

fn cjk_start(s: &str) -> bool {
    s.chars().next().is_some_and(is_cjk)
}

/// Appends `text` with control characters turned into spaces (a CMap may map
/// a code to a line break) and Kangxi radicals and CJK compatibility
/// ideographs folded to the ideographs they stand for (NFKC), as badly made
/// PDFs use them: `⾦額` becomes `金額`.
pub(crate) fn push_clean(line: &mut String, text: &str) {
    for c in text.chars() {
        match c as u32 {
            0x2F00..=0x2FDF | 0x2E80..=0x2EFF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => {
                line.extend(std::iter::once(c).nfkc());
            }
            _ if c == '\t' => line.push('\t'),
            _ if c.is_control() => line.push(' '),
            0xFFFD | 0xFEFF => {}
            _ => line.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x0: f32, x1: f32, y: f32, text: &str) -> Run {
        Run {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_table_drawn_column_by_column_reads_row_by_row() {
        let runs = vec![
            run(72.0, 92.0, 700.0, "收入"),
            run(72.0, 92.0, 682.0, "毛利"),
            run(250.0, 290.0, 700.0, "1,120.4"),
            run(250.0, 290.0, 682.0, "(35.2)"),
            run(350.0, 390.0, 701.0, "1,234.5"),
        ];
        assert_eq!(lines(runs), vec!["收入\t1,120.4\t1,234.5", "毛利\t(35.2)"]);
    }

    #[test]
    fn word_gaps_become_spaces_but_not_between_ideographs() {
        let runs = vec![
            run(10.0, 50.0, 500.0, "Revenue"),
            run(53.0, 70.0, 500.0, "was"),
            run(70.0, 90.0, 480.0, "收入"),
            run(92.0, 112.0, 480.0, "增長"),
        ];
        assert_eq!(lines(runs), vec!["Revenue was", "收入增長"]);
    }

    #[test]
    fn raised_small_footnote_marks_are_dropped() {
        let mut mark = run(61.0, 64.0, 704.0, "1");
        mark.size = 6.0;
        let mut low = run(90.0, 93.0, 698.0, "2");
        low.size = 6.0;
        let runs = vec![
            run(10.0, 60.0, 700.0, "grew 186%"),
            mark,
            run(66.0, 88.0, 700.0, "in"),
            low,
        ];
        assert_eq!(lines(runs), vec!["grew 186% in 2"]);
    }

    #[test]
    fn kangxi_radicals_and_compatibility_ideographs_are_folded() {
        let mut s = String::new();
        push_clean(&mut s, "\u{2FA6}\u{F9B4}\n額");
        assert_eq!(s, "金領 額");
    }
}
