//! Small text helpers the scanner's steps share: characters at and before a
//! byte offset, skipping runs, matching a word, and the word or line around
//! a position. Offsets are byte offsets on character boundaries.

use super::super::lexicon::is_month;

/// The character starting at `p`.
#[inline]
pub(super) fn char_at(text: &str, p: usize) -> Option<char> {
    text.get(p..)?.chars().next()
}

/// The character ending at `p`.
#[inline]
pub(super) fn char_before(text: &str, p: usize) -> Option<char> {
    text.get(..p)?.chars().next_back()
}

/// The end of the run of characters from `p` on that satisfy `pred`.
#[inline]
pub(super) fn skip_while(text: &str, mut p: usize, pred: impl Fn(char) -> bool) -> usize {
    for c in text[p..].chars() {
        if !pred(c) {
            break;
        }
        p += c.len_utf8();
    }
    p
}

/// The start of the run of characters ending at `p` that satisfy `pred`,
/// never going back past `floor`.
#[inline]
pub(super) fn skip_back_while(
    text: &str,
    mut p: usize,
    floor: usize,
    pred: impl Fn(char) -> bool,
) -> usize {
    while p > floor
        && let Some(c) = char_before(text, p)
        && pred(c)
    {
        p -= c.len_utf8();
    }
    p
}

/// White space between a number and its suffix: spaces and at most one line break.
pub(super) fn skip_gap(text: &str, p: usize) -> usize {
    // Only these bytes can start white space: a quick exit for the usual case.
    if !matches!(
        text.as_bytes().get(p),
        Some(b' ' | b'\t' | b'\r' | b'\n' | 0xC2 | 0xE2 | 0xE3)
    ) {
        return p;
    }
    let mut q = p;
    let mut newline = false;
    for c in text[p..].chars() {
        match c {
            ' ' | '\t' | '\u{a0}' | '\u{3000}' | '\u{202f}' | '\u{2009}' | '\r' => {}
            '\n' if !newline => newline = true,
            _ => break,
        }
        q += c.len_utf8();
    }
    q
}

/// Whether `word` stands at `p` (ASCII case-insensitively when `exact` is false)
/// and is not followed by a letter or digit.
pub(super) fn starts_with_word(text: &str, p: usize, word: &str, exact: bool) -> bool {
    let Some(rest) = text.get(p..) else {
        return false;
    };
    if rest.len() < word.len() || !rest.is_char_boundary(word.len()) {
        return false;
    }
    let head = &rest[..word.len()];
    let same = if exact {
        head == word
    } else {
        head.eq_ignore_ascii_case(word)
    };
    same && !rest[word.len()..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Where `suffix` starts when it ends at `p`, not reaching back past `floor`.
#[inline]
pub(super) fn strip_suffix(text: &str, floor: usize, p: usize, suffix: &str) -> Option<usize> {
    (p >= floor + suffix.len() && text[..p].ends_with(suffix)).then(|| p - suffix.len())
}

/// The end of the first of `words` written at `p`.
#[inline]
pub(super) fn after_any(text: &str, p: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .find(|w| text[p..].starts_with(**w))
        .map(|w| p + w.len())
}

/// Whether `word` starts with `c` (ASCII letters in either case).
#[inline]
pub(super) fn same_first(word: &str, c: char) -> bool {
    word.chars()
        .next()
        .is_some_and(|w| w == c || w.eq_ignore_ascii_case(&c))
}

/// ASCII letters glued right before `p` (no space), e.g. `INT` in `INT8`:
/// where they start, and the letters.
pub(super) fn glued_word_before(text: &str, p: usize, floor: usize) -> Option<(usize, &str)> {
    let q = skip_back_while(text, p, floor, |c| c.is_ascii_alphabetic());
    (q < p).then(|| (q, &text[q..p]))
}

/// The word (ASCII letters and dots) before `p`, separated from it by
/// spaces or hyphens, as written, and where it starts.
pub(super) fn word_before(text: &str, p: usize, floor: usize) -> Option<(usize, &str)> {
    let end = skip_back_while(text, p, floor, |c| matches!(c, ' ' | '\u{a0}' | '-'));
    let q = skip_back_while(text, end, floor, |c| c.is_ascii_alphabetic() || c == '.');
    (q < end).then(|| (q, &text[q..end]))
}

/// Whether only blanks, list bullets or heading marks stand between the line start and `p`.
pub(super) fn line_prefix_is_blank(text: &str, p: usize, floor: usize) -> bool {
    let mut q = p;
    while let Some(c) = char_before(text, q) {
        if c == '\n' {
            return q > floor || floor == 0;
        }
        if !matches!(c, ' ' | '\t' | '#' | '*' | '>' | '(' | '（' | '\u{3000}')
            || q <= floor && floor > 0
        {
            return false;
        }
        q -= c.len_utf8();
    }
    true
}

/// Whether the line around `p` is a table row (cells split by `|` or tabs):
/// there, `(5)` is a negative amount rather than a list marker.
pub(super) fn line_has_cells(text: &str, p: usize) -> bool {
    let window_start = text.floor_char_boundary(p.saturating_sub(200));
    let window_end = text.ceil_char_boundary((p + 200).min(text.len()));
    let before = &text[window_start..p];
    let after = &text[p..window_end];
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    [line_before, line_after]
        .iter()
        .any(|part| part.contains('|') || part.contains('\t'))
}

/// Whether the line around `p` is a table's header row of years: it has
/// cells, and every cell that holds a digit is a year alone (`| | 2019 | 2018 |`)
/// or a date heading (`| Year Ended June 30, | 2019 |`).
/// A data row always has some amount, so its year-like cells stay quantities.
pub(super) fn year_header_row(text: &str, p: usize) -> bool {
    // A bounded window keeps a long line without breaks from costing its length per year.
    let window_start = text.floor_char_boundary(p.saturating_sub(400));
    let window_end = text.ceil_char_boundary((p + 400).min(text.len()));
    let start = text[window_start..p]
        .rfind('\n')
        .map_or(window_start, |i| window_start + i + 1);
    let end = text[p..window_end].find('\n').map_or(window_end, |i| p + i);
    let line = &text[start..end];
    if !line.contains('|') {
        return false;
    }
    line.split('|')
        .map(str::trim)
        .filter(|cell| cell.bytes().any(|b| b.is_ascii_digit()))
        .all(|cell| is_year_cell(cell) || names_a_date(cell))
}

/// A header cell such as `Year Ended June 30,`: digits next to a month name.
fn names_a_date(cell: &str) -> bool {
    cell.split(|c: char| !c.is_ascii_alphabetic()).any(is_month)
}

/// A cell that is one year and nothing else: four digits, 1900–2099.
fn is_year_cell(cell: &str) -> bool {
    cell.len() == 4 && cell.bytes().all(|b| b.is_ascii_digit()) && matches!(&cell[..2], "19" | "20")
}
