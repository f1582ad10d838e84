//! Calendar marks after a number, which make it a year, a date or an
//! ordinal rather than a quantity: `2024年`, `2024E`, `9月`, `19日`,
//! `三季度`, `3Q24`, `1H`, `2nd`, `31 December`, `10:30`.

use super::super::Kind;
use super::super::lexicon::{
    DAY_MARKS, ESTIMATE_MARKS, MONTH_MARKS, ORDINAL_SUFFIXES, QUARTER_MARKS, SHORT_YEAR_MARKS,
    YEAR_MARKS, YEARS, is_month, is_period,
};
use super::super::starts::CALENDAR_STARTS;
use super::Scanner;
use super::digits::Core;
use super::kind::Traits;
use super::raw::Raw;
use super::text::{after_any, char_at, same_first, skip_while, starts_with_word};

impl Scanner<'_> {
    /// A calendar mark right after a whole number: its end and the kind it gives.
    pub(super) fn calendar_suffix(
        &self,
        raw: &Raw,
        core: &Core,
        t: &Traits,
    ) -> Option<(usize, Kind)> {
        let (text, p) = (self.text, raw.end);
        if !t.int || raw.currency.is_some() || raw.scale_exp > 0 || raw.more {
            return None;
        }
        // Every calendar mark starts with one of these.
        if !char_at(text, p).is_some_and(|c| CALENDAR_STARTS.has(c)) {
            return None;
        }
        if may_be_year(raw, core, t.value)
            && let Some(end) = year_mark(text, p, core.is_arabic)
        {
            return Some((end, Kind::Year));
        }
        if let Some(end) = date_mark(text, p, t.value) {
            return Some((end, Kind::Date));
        }
        if !core.is_arabic {
            return None;
        }
        if let Some(end) = period_mark(text, p, t.value, core.int_digits) {
            return Some((end, Kind::Date));
        }
        ordinal_suffix(text, p).map(|end| (end, Kind::Ordinal))
    }
}

/// Whether a year mark after the number would make it a year: a bare
/// year-like Arabic number, or four Chinese digits (`二〇二四年`).
#[inline]
fn may_be_year(raw: &Raw, core: &Core, value: i128) -> bool {
    raw.year_like
        || !core.is_arabic && core.positional && core.int_digits == 4 && YEARS.contains(&value)
}

/// `年`, `財年`, `財政年度` or, after Arabic digits, an estimate mark: where it ends.
fn year_mark(text: &str, p: usize, arabic: bool) -> Option<usize> {
    after_any(text, p, YEAR_MARKS).or_else(|| estimate_mark(text, p).filter(|_| arabic))
}

/// `9月`, `9月份`, `19日`, `三季度`: a month, day or quarter mark for `value`; where it ends.
fn date_mark(text: &str, p: usize, value: i128) -> Option<usize> {
    let within = |max: i128| (1..=max).contains(&value);
    if within(12)
        && let Some(end) = after_any(text, p, MONTH_MARKS)
    {
        return Some(end);
    }
    if within(31)
        && let Some(end) = after_any(text, p, DAY_MARKS)
    {
        return Some(end);
    }
    if within(4) {
        return quarter_suffix(text, p);
    }
    None
}

/// `3Q`, `1H`, `3Q24`, `3Q'24`: a quarter or half letter after a one-digit
/// number, with an optional two-digit year glued on; where it ends.
fn period_mark(text: &str, p: usize, value: i128, int_digits: usize) -> Option<usize> {
    let c = char_at(text, p)?;
    if !is_period(c, value) || int_digits != 1 {
        return None;
    }
    let year_at = skip_while(text, p + 1, |c| c == '\'' || c == '’');
    let end = skip_while(text, year_at, |c| c.is_ascii_digit());
    (!char_at(text, end).is_some_and(|c| c.is_ascii_alphabetic())).then_some(end)
}

/// `季度` or `季` after a quarter number.
#[inline]
pub(super) fn quarter_suffix(text: &str, p: usize) -> Option<usize> {
    after_any(text, p, QUARTER_MARKS)
}

/// `st`, `nd`, `rd`, `th` after a number: an English ordinal.
fn ordinal_suffix(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p)?;
    ORDINAL_SUFFIXES
        .iter()
        .filter(|s| same_first(s, c))
        .find(|s| starts_with_word(text, p, s, false))
        .map(|s| p + s.len())
}

/// `31 December`: a month name after a day number.
pub(super) fn month_after(text: &str, p: usize) -> bool {
    let q = skip_while(text, p, |c| c == ' ');
    let end = skip_while(text, q, |c| c.is_ascii_alphabetic());
    q > p && is_month(&text[q..end])
}

/// `10:30`: the end of a time of day.
pub(super) fn time_after(text: &str, p: usize) -> Option<usize> {
    if char_at(text, p) != Some(':') {
        return None;
    }
    let end = skip_while(text, p + 1, |c| c.is_ascii_digit());
    (end - p - 1 == 2 && !char_at(text, end).is_some_and(|c| c.is_ascii_alphanumeric()))
        .then_some(end)
}

/// `年` (and friends) or an estimate mark `2024E` after a year-like number.
#[inline]
pub(super) fn year_mark_after(text: &str, p: usize) -> Option<usize> {
    after_any(text, p, SHORT_YEAR_MARKS).or_else(|| estimate_mark(text, p))
}

/// `2024E`, `2025F`: an estimate mark glued after a year.
#[inline]
fn estimate_mark(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p)?;
    let alone = !char_at(text, p + 1).is_some_and(|n| n.is_ascii_alphanumeric());
    (ESTIMATE_MARKS.contains(&c) && alone).then_some(p + 1)
}
