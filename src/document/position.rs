//! Line and column positions. Columns count characters (Unicode scalar
//! values), as editors and SARIF's `unicodeCodePoints` do.

/// A 1-based line and character column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Lines longer than this get column checkpoints.
const LONG_LINE: usize = 1 << 16;
/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 1 << 12;

/// Start offsets of every line of a text, and for long lines (a minified
/// page, a one-line claims file) the column at every few kilobytes, so that
/// a column costs a bounded count of characters however long its line is.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters since its line's start)`, in offset order.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |&n| n - 1);
            if end - start > LONG_LINE {
                checkpoints.extend(line_checkpoints(text, start, end));
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters from the start of `line` (0-based, starting at byte
    /// `start`) to byte `offset`, from the nearest checkpoint before it.
    fn chars_to(&self, text: &str, start: usize, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((b, chars)) if b >= start => chars + text[b..offset].chars().count(),
            _ => text[start..offset].chars().count(),
        }
    }

    /// 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// Byte range of 0-based `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line).min(text.len());
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text has no lines (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Position of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: line + 1,
            column: self.chars_to(text, start, offset) + 1,
        }
    }
}

/// Checkpoints every [`CHECKPOINT`] bytes of the line `start..end`.
fn line_checkpoints(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    let mut chars = 0;
    loop {
        let next = text.floor_char_boundary((at + CHECKPOINT).min(end));
        if next <= at {
            break;
        }
        chars += text[at..next].chars().count();
        at = next;
        if at >= end {
            break;
        }
        out.push((at, chars));
    }
    out
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    text.floor_char_boundary(offset.min(text.len()))
}

/// Computes positions for offsets asked in increasing order in time linear in
/// the text, even on a 100 MB single line.
pub struct LineCursor<'a> {
    text: &'a str,
    index: &'a LineIndex,
    line: usize,
    offset: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        LineCursor {
            text,
            index,
            line: 0,
            offset: 0,
            column: 1,
        }
    }

    /// Position of `offset`; falls back to a fresh count when asked to go back.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset);
        if offset < self.offset {
            return self.index.position(self.text, offset);
        }
        let line = self.index.line_of(offset);
        if line != self.line {
            self.line = line;
            self.offset = self.index.line_start(line);
            self.column = 1;
        }
        self.column += self.text[self.offset..offset].chars().count();
        self.offset = offset;
        Position {
            line: line + 1,
            column: self.column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_agrees_with_direct_lookup() {
        let text = "ab\n收入 12\r\n\nlast 7";
        let index = LineIndex::new(text);
        let mut cursor = LineCursor::new(text, &index);
        for (offset, _) in text.char_indices() {
            assert_eq!(
                cursor.position(offset),
                index.position(text, offset),
                "offset {offset}"
            );
        }
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 4, column: 7 }
        );
    }

    #[test]
    fn columns_on_long_lines_use_checkpoints_and_agree() {
        let text = format!("x\n{}", "收入12%, ".repeat(40_000));
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for offset in [2, 5_000, 100_001, text.len() - 3] {
            let offset = text.floor_char_boundary(offset);
            let slow = text[2..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset).column, slow);
        }
    }

    #[test]
    fn line_ranges_drop_carriage_returns() {
        let text = "one\r\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "one");
        assert_eq!(&text[index.line_range(text, 1)], "two");
    }
}
