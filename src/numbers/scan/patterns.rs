//! Patterns of several numbers: ISO-like dates read as three numbers at
//! once (`2024-06-30`), and the pairing of neighbours, where a range shares
//! its suffix (`3-5 billion`) and a list shares being years (`2023 and 2024`).

use rust_decimal::Decimal;

use super::super::Kind;
use super::super::lexicon::{
    LIST_JOINERS, RANGE_JOINERS, SHORT_YEAR_DASHES, SHORT_YEAR_JOINERS, YEARS,
};
use super::Scanner;
use super::raw::Raw;
use super::text::{char_at, char_before, skip_while};

/// The byte ranges of a date's three parts.
type DateParts = [(usize, usize); 3];

impl Scanner<'_> {
    /// `2024-06-30`, `2024/6/30`, `30/6/2024`: a year and two date parts.
    pub(super) fn date_pattern(&self, at: usize) -> Option<Vec<Raw>> {
        if !may_start_date(self.text, at) {
            return None;
        }
        let parts = date_parts(self.text, at)?;
        let year = year_part(self.text, &parts)?;
        let part = |(i, &(start, end)): (usize, _)| date_part(self.text, start, end, i == year);
        Some(parts.iter().enumerate().map(part).collect())
    }
}

/// A quick test: a date's first part is 1–4 ASCII digits and a separator,
/// and no letter, digit, dot or comma stands before it.
fn may_start_date(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let run = bytes[at..]
        .iter()
        .take(5)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if run == 0 || run > 4 || !matches!(bytes.get(at + run), Some(b'-' | b'/' | b'.')) {
        return false;
    }
    !char_before(text, at).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',')
}

/// Three runs of 1–4 ASCII digits joined by one separator (`-`, `/` or
/// `.`), with no letter or digit after the last.
fn date_parts(text: &str, at: usize) -> Option<DateParts> {
    let mut parts = [(0usize, 0usize); 3];
    let mut p = at;
    let mut sep = None;
    for (i, part) in parts.iter_mut().enumerate() {
        let end = skip_while(text, p, |c| c.is_ascii_digit());
        if end == p || end - p > 4 {
            return None;
        }
        *part = (p, end);
        if i < 2 {
            let s = char_at(text, end)
                .filter(|&s| matches!(s, '-' | '/' | '.') && sep.is_none_or(|x| x == s))?;
            sep = Some(s);
            p = end + 1;
        }
    }
    let last_end = parts[2].1;
    (!char_at(text, last_end).is_some_and(|c| c.is_ascii_alphanumeric())).then_some(parts)
}

/// Which part is the year: four digits first (`2024-6-30`) or last
/// (`30/6/2024`), the others one or two, and the year within 1900–2100.
fn year_part(text: &str, parts: &DateParts) -> Option<usize> {
    let len = |i: usize| parts[i].1 - parts[i].0;
    let index = match (len(0), len(1), len(2)) {
        (4, 1..=2, 1..=2) => 0,
        (1..=2, 1..=2, 4) => 2,
        _ => return None,
    };
    let (start, end) = parts[index];
    let year: i128 = text[start..end].parse().ok()?;
    YEARS.contains(&year).then_some(index)
}

/// One part of a date: the year, or a month or day.
fn date_part(text: &str, start: usize, end: usize, is_year: bool) -> Raw {
    let value = Decimal::from_str_exact(&text[start..end]).unwrap_or_default();
    let mut raw = Raw::new(start, end, value, Decimal::new(5, 1));
    raw.kind = if is_year { Kind::Year } else { Kind::Date };
    raw.year_like = is_year;
    raw.fixed = true;
    raw.short_int = end - start <= 2;
    raw
}

/// Pairs neighbouring numbers: ranges share their suffix, lists share being years.
pub(super) fn pair(text: &str, a: &mut Raw, b: &mut Raw) {
    if a.end > b.start || a.fixed || b.fixed || b.start - a.end > 12 {
        return;
    }
    let gap = &text[a.end..b.start];
    let between = gap.trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}');
    // A joining word (`to`) needs a space before it: `5to7` is no range.
    let is_word = between.bytes().all(|b| b.is_ascii_alphabetic());
    let is_range = RANGE_JOINERS.contains(&between) && (!is_word || gap.starts_with(' '));
    let is_list = LIST_JOINERS.iter().any(|j| between.eq_ignore_ascii_case(j));
    if (is_range || is_list) && list_of_years(a, b, between) {
        return;
    }
    if is_range {
        pair_range(a, b, between);
    }
}

/// `2023 and 2024`, `2023/24`: a year makes its list neighbours years.
/// Returns whether it decided.
fn list_of_years(a: &mut Raw, b: &mut Raw, between: &str) -> bool {
    if a.kind == Kind::Year && b.year_like || b.kind == Kind::Year && a.year_like {
        a.kind = Kind::Year;
        b.kind = Kind::Year;
        return true;
    }
    let short_year = a.kind == Kind::Year
        && b.short_int
        && b.kind == Kind::Quantity
        && b.suffixless
        && SHORT_YEAR_JOINERS.contains(&between);
    if short_year {
        b.kind = Kind::Year;
    }
    short_year
}

/// A range: a span of years (`2023-24`), a span of names (`A100-200`), or
/// two values sharing one suffix and currency (`3-5 billion`, `$3-5`).
fn pair_range(a: &mut Raw, b: &mut Raw, between: &str) {
    let yearish = |r: &Raw| r.year_like || r.kind == Kind::Year;
    if yearish(a)
        && (yearish(b) || b.short_int && b.suffixless && SHORT_YEAR_DASHES.contains(&between))
    {
        a.kind = Kind::Year;
        b.kind = Kind::Year;
        return;
    }
    if a.kind == Kind::Label && b.kind == Kind::Quantity && b.suffixless {
        b.kind = Kind::Label;
        return;
    }
    share_suffix(a, b);
}

/// `3-5 billion`: a suffixless first number takes the second's scale,
/// percent and unit; `$3-5`: the second takes the first's currency.
fn share_suffix(a: &mut Raw, b: &mut Raw) {
    if a.suffixless
        && !b.suffixless
        && a.kind == Kind::Quantity
        && a.percent.is_none()
        && matches!(b.kind, Kind::Quantity | Kind::Date)
    {
        a.scale_exp = b.scale_exp;
        a.percent = b.percent;
        a.unit = b.unit;
        a.kind = b.kind;
        if a.currency.is_none() {
            a.currency = b.currency;
        }
        a.year_like = false;
    }
    if b.currency.is_none() && a.currency.is_some() && b.kind == Kind::Quantity {
        b.currency = a.currency;
    }
}
