//! The scanner: finds where numbers start, reads their digits, then looks
//! back for what stands before them (currency, sign, `第`, a label word) and
//! forward for what follows (scale, percent, currency, unit, date marks).
//! A last step pairs neighbours: `3-5 billion` shares its scale, `2023 and
//! 2024` share being years.

mod after;
mod before;
mod digits;
mod raw;
mod text;

use std::collections::VecDeque;

use rust_decimal::Decimal;

use super::chinese;
use super::decimal::whole;
use super::lexicon::{
    DAY_MARKS, ESTIMATE_MARKS, FRACTION_PREFIXES, LIST_JOINERS, MONTH_MARKS, MULTIPLE_UNIT,
    ORDINAL_PREFIX, ORDINAL_SUFFIXES, PercentSign, QUARTER_MARKS, RANGE_JOINERS, SHORT_YEAR_DASHES,
    SHORT_YEAR_JOINERS, SHORT_YEAR_MARKS, YEAR_MARKS, YEARS, is_glued_year_word, is_label_word,
    is_month, is_period, starts_fraction_prefix,
};
use super::starts::CALENDAR_STARTS;
use super::{Kind, Number};
use after::reserved_scale;
use before::{Before, MonthBefore, Words, negative_before, skip_prefix_currency};
use digits::{Core, ascii_or_wide_digit, is_digit_char};
use raw::Raw;
use text::{
    after_any, char_at, char_before, line_prefix_is_blank, same_first, skip_while, starts_with_word,
};

/// Whether a character can start a number: a digit, a Chinese numeral, or
/// the 百/千/萬 of 百分之, 千分之, 萬分之.
fn starts_number(c: char) -> bool {
    matches!(c, '０'..='９') || starts_fraction_prefix(c) || chinese::starts_numeral(c)
}

/// The next position at or after `from` where a number may start. One
/// byte-level pass: ASCII bytes are tested directly, and only three-byte
/// characters (where CJK numerals and full-width digits live) are decoded.
fn next_candidate(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => return Some(i),
            0x00..=0x7F => i += 1,
            0xE0..=0xEF if i + 2 < bytes.len() => {
                let code = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                if char::from_u32(code).is_some_and(starts_number) {
                    return Some(i);
                }
                i += 3;
            }
            0xC0..=0xDF => i += 2,
            0xF0..=0xF7 => i += 4,
            _ => i += 1,
        }
    }
    None
}

/// Iterator over the numbers of a text, in document order.
pub struct NumberReader<'a> {
    text: &'a str,
    pos: usize,
    prev_end: usize,
    pending: Option<Raw>,
    ready: VecDeque<Raw>,
}

impl<'a> NumberReader<'a> {
    /// A reader positioned at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        NumberReader {
            text,
            pos: 0,
            prev_end: 0,
            pending: None,
            ready: VecDeque::new(),
        }
    }
}

impl Iterator for NumberReader<'_> {
    type Item = Number;

    fn next(&mut self) -> Option<Number> {
        loop {
            let next = self.scan();
            match (self.pending.take(), next) {
                (None, None) => return None,
                (Some(a), None) => return Some(a.finish()),
                (None, Some(b)) => self.pending = Some(b),
                (Some(mut a), Some(mut b)) => {
                    pair(self.text, &mut a, &mut b);
                    self.pending = Some(b);
                    return Some(a.finish());
                }
            }
        }
    }
}

/// Reads the single number that starts exactly at `pos` (digits or a
/// currency sign), without looking at what stands before it. Expressions use
/// this for literals.
pub fn read_number_at(text: &str, pos: usize) -> Option<Number> {
    let mut scanner = Scanner { text, floor: pos };
    let mut digits_at = skip_prefix_currency(text, pos).unwrap_or(pos);
    if char_at(text, digits_at) == Some('.') {
        digits_at += 1;
    }
    ascii_or_wide_digit(char_at(text, digits_at)?)?;
    let raw = scanner.arabic(digits_at, false)?;
    (raw.start == pos).then(|| raw.finish())
}

impl NumberReader<'_> {
    /// Finds and reads the next number after `self.pos`.
    fn scan(&mut self) -> Option<Raw> {
        if let Some(raw) = self.ready.pop_front() {
            return Some(raw);
        }
        while let Some(at) = next_candidate(self.text, self.pos) {
            let mut scanner = Scanner {
                text: self.text,
                floor: self.prev_end,
            };
            if let Some(first) = scanner.at(at, &mut self.ready) {
                let end = self.ready.back().map_or(first.end, |r| r.end);
                self.pos = end;
                self.prev_end = end;
                return Some(first);
            }
            // Not a number (a numeral inside a word such as 統一): skip the whole run.
            self.pos = skip_numeral_run(self.text, at);
        }
        self.pos = self.text.len();
        None
    }
}

/// Reads the number(s) starting at one candidate position.
struct Scanner<'a> {
    text: &'a str,
    /// Look-behind never goes before this offset (the end of the previous number).
    floor: usize,
}

impl<'a> Scanner<'a> {
    /// The number starting at `at`; a pattern of several (an ISO date) puts the rest in `more`.
    fn at(&mut self, at: usize, more: &mut VecDeque<Raw>) -> Option<Raw> {
        let c = char_at(self.text, at)?;
        if ascii_or_wide_digit(c).is_some() {
            if let Some(mut parts) = self.date_pattern(at) {
                let first = parts.remove(0);
                more.extend(parts);
                return Some(first);
            }
            return self.arabic(at, false);
        }
        if let Some((sign, after)) = fraction_prefix(self.text, at) {
            return self.fraction_of(at, sign, after);
        }
        if chinese::starts_numeral(c) {
            return self.chinese(at);
        }
        None
    }

    // ----- Arabic numbers -----------------------------------------------------------------

    /// Reads an Arabic number whose digits start at `at`. `standalone` skips look-behind.
    fn arabic(&mut self, at: usize, standalone: bool) -> Option<Raw> {
        let core = Core::read(
            self.text,
            at,
            standalone || self.floor > at.saturating_sub(1),
        );
        let mut raw = Raw::from_core(&core);
        if core.overflow || core.version_like {
            raw.kind = Kind::Label;
            raw.end = core.end;
            return Some(raw);
        }
        let context = if standalone {
            Before::at(core.start)
        } else {
            self.look_behind(core.start)
        };
        if let Some(c) = context.currency {
            raw.currency = Some(c);
        }
        raw.start = context.start;
        if context.negative {
            raw.written = -raw.written;
        }
        let after = self.look_ahead(&mut raw, &core, &context);
        raw.end = after;
        self.classify(&mut raw, &core, &context);
        Some(raw)
    }

    /// Reads a number introduced by `百分之`, `千分之` or `萬分之`.
    fn fraction_of(&mut self, at: usize, sign: PercentSign, digits_at: usize) -> Option<Raw> {
        let c = char_at(self.text, digits_at)?;
        let mut raw = if ascii_or_wide_digit(c).is_some() {
            let mut inner = Scanner {
                text: self.text,
                floor: digits_at,
            };
            inner.arabic(digits_at, true)?
        } else if chinese::starts_numeral(c) {
            let n = chinese::read(self.text, digits_at, |_| false)?;
            Raw::from_chinese(digits_at, &n)
        } else {
            return None;
        };
        if raw.percent.is_some() || raw.kind != Kind::Quantity {
            return None;
        }
        raw.start = at;
        raw.percent = Some(sign);
        raw.suffixless = false;
        if let Some(q) = negative_before(self.text, at, self.floor) {
            raw.start = q;
            raw.written = -raw.written;
        }
        Some(raw)
    }

    /// Reads a Chinese numeral when it is written as a quantity, date, year or ordinal.
    fn chinese(&mut self, at: usize) -> Option<Raw> {
        let text = self.text;
        let reserved = |p: usize| reserved_scale(text, p);
        let n = chinese::read(text, at, reserved)?;
        if char_at(text, n.end).is_some_and(chinese::is_numeral_char) {
            return None;
        }
        let mut raw = Raw::from_chinese(at, &n);
        let ordinal = self.text[self.floor..at].ends_with(ORDINAL_PREFIX);
        if ordinal {
            raw.start = at - ORDINAL_PREFIX.len();
            raw.kind = Kind::Ordinal;
        }
        if let Some(q) = negative_before(text, raw.start, self.floor) {
            raw.start = q;
            raw.written = -raw.written;
        }
        let context = Before {
            start: raw.start,
            ..Before::default()
        };
        let core = Core::from_chinese(at, &n);
        raw.end = self.look_ahead(&mut raw, &core, &context);
        if ordinal {
            if let Some(end) =
                quarter_suffix(text, n.end).filter(|_| (1..=4).contains(&whole(&n.value)))
            {
                raw.kind = Kind::Date;
                raw.end = end;
            }
            return Some(raw);
        }
        if line_prefix_is_blank(text, raw.start, self.floor)
            && matches!(char_at(text, n.end), Some('、' | '．'))
        {
            raw.kind = Kind::Ordinal;
            return Some(raw);
        }
        if self.chinese_list_marker(raw.start, n.end) {
            raw.kind = Kind::Ordinal;
            return Some(raw);
        }
        self.classify_chinese(&mut raw, &n, &core, &context)
            .then_some(raw)
    }

    /// Whether a Chinese numeral run reads as a number here (else it is part of a word).
    fn classify_chinese(
        &self,
        raw: &mut Raw,
        n: &chinese::ChineseNumeral,
        core: &Core,
        context: &Before,
    ) -> bool {
        self.classify(raw, core, context);
        if raw.kind == Kind::Year || raw.kind == Kind::Date {
            return true;
        }
        if n.positional && n.digit_count > 1 {
            return false;
        }
        let lone_one = n.digit_count == 1 && !n.has_unit && whole(&n.value) == 1;
        let strong_suffix =
            raw.percent.is_some() || raw.currency.is_some() || raw.scale_exp > 0 || raw.more;
        let multiple = raw.unit == Some(MULTIPLE_UNIT);
        if strong_suffix || multiple || n.has_big_unit {
            return true;
        }
        if raw.unit.is_some() {
            return !lone_one;
        }
        n.has_unit && n.digit_count >= 1 && raw.written.abs() >= Decimal::TEN
    }

    /// `（一）` or `(三)`: a list marker.
    fn chinese_list_marker(&self, start: usize, end: usize) -> bool {
        let before = char_before(self.text, start);
        let after = char_at(self.text, end);
        matches!(before, Some('(' | '（')) && matches!(after, Some(')' | '）'))
    }

    // ----- Kind --------------------------------------------------------------------------

    /// Settles the kind of a number: a name, rank, date or year instead of a
    /// quantity when what stands around it says so. Each step that decides
    /// returns; a number nothing marks stays a quantity.
    fn classify(&self, raw: &mut Raw, core: &Core, before: &Before) {
        let t = Traits::of(raw, core, before);
        raw.year_like =
            t.plain && core.int_digits == 4 && YEARS.contains(&t.value) && raw.unit.is_none();
        if raw.kind == Kind::Ordinal {
            return;
        }
        // Glued letters before the digits decide first: FY2024, Q3, H1, A100.
        if let Some(word) = before.glued_word {
            raw.kind = glued_kind(word, &t, core);
            raw.end = self.glued_tail_end(raw.end);
            return;
        }
        let wordy =
            raw.currency.is_none() && raw.percent.is_none() && raw.scale_exp == 0 && core.is_arabic;
        let words = if wordy {
            self.words(before.context_at)
        } else {
            Words::default()
        };
        if let Some((kind, end)) = self.name_or_rank(raw, &t, before, &words) {
            raw.kind = kind;
            raw.end = end;
            return;
        }
        if raw.percent.is_some() || raw.unit == Some(MULTIPLE_UNIT) {
            return;
        }
        if let Some((end, kind)) = self.calendar_suffix(raw, core, t.int, t.value) {
            raw.kind = kind;
            raw.end = end;
            raw.suffixless = false;
            return;
        }
        if (raw.suffixless || raw.currency.is_none())
            && let Some((end, kind, unit)) = self.unit_suffix(raw.end, core)
        {
            raw.kind = kind;
            raw.end = end;
            if unit.is_some() {
                raw.unit = unit;
                raw.suffixless = false;
            }
            if kind != Kind::Quantity {
                return;
            }
        }
        if let Some((kind, end)) = self.day_or_year(raw, core, &t, &words) {
            raw.kind = kind;
            raw.end = end;
        }
    }

    /// A reference (`Note 12`, `附注3`), a rank (`第3`, `No. 1`) or a list item (`1.` at a line start).
    fn name_or_rank(
        &self,
        raw: &Raw,
        t: &Traits,
        before: &Before,
        words: &Words,
    ) -> Option<(Kind, usize)> {
        if before.label_prefix || words.word.is_some_and(is_label_word) {
            return Some((Kind::Label, raw.end));
        }
        if before.ordinal {
            let quarter =
                quarter_suffix(self.text, raw.end).filter(|_| t.int && (1..=4).contains(&t.value));
            return Some(quarter.map_or((Kind::Ordinal, raw.end), |end| (Kind::Date, end)));
        }
        let list_item = t.plain
            && t.arabic
            && raw.percent.is_none()
            && list_marker_after(self.text, raw.end)
            && line_prefix_is_blank(self.text, before.context_at, self.floor);
        list_item.then_some((Kind::Ordinal, raw.end))
    }

    /// A day (`June 30`, `30 June`, `10:30`) or a year (`in 2024`, `FY 2024`, `December 31, 2013`).
    fn day_or_year(
        &self,
        raw: &Raw,
        core: &Core,
        t: &Traits,
        words: &Words,
    ) -> Option<(Kind, usize)> {
        let text = self.text;
        if t.plain && t.int && (1..=31).contains(&t.value) && core.int_digits <= 2 {
            if words.month_before == MonthBefore::Month || month_after(text, raw.end) {
                return Some((Kind::Date, raw.end));
            }
            if let Some(end) = time_after(text, raw.end) {
                return Some((Kind::Date, end));
            }
        }
        let marked = words.month_before != MonthBefore::None
            || words.period_before
            || words.year_prefix
            || year_mark_after(text, raw.end).is_some();
        (raw.year_like && marked).then(|| {
            (
                Kind::Year,
                year_mark_after(text, raw.end).unwrap_or(raw.end),
            )
        })
    }

    /// `2024年`, `9月`, `19日`, `三季度`, `3Q24`, `1H`, `2nd`.
    fn calendar_suffix(
        &self,
        raw: &Raw,
        core: &Core,
        int: bool,
        value: i128,
    ) -> Option<(usize, Kind)> {
        let text = self.text;
        let p = raw.end;
        if !int || raw.currency.is_some() || raw.scale_exp > 0 || raw.more {
            return None;
        }
        // Every calendar mark starts with one of these.
        if !char_at(text, p).is_some_and(|c| CALENDAR_STARTS.has(c)) {
            return None;
        }
        if raw.year_like
            || (!core.is_arabic
                && core.positional
                && core.int_digits == 4
                && YEARS.contains(&value))
        {
            if let Some(end) = after_any(text, p, YEAR_MARKS) {
                return Some((end, Kind::Year));
            }
            if let Some(end) = estimate_mark(text, p).filter(|_| core.is_arabic) {
                return Some((end, Kind::Year));
            }
        }
        if (1..=12).contains(&value)
            && let Some(end) = after_any(text, p, MONTH_MARKS)
        {
            return Some((end, Kind::Date));
        }
        if (1..=31).contains(&value)
            && let Some(end) = after_any(text, p, DAY_MARKS)
        {
            return Some((end, Kind::Date));
        }
        if (1..=4).contains(&value)
            && let Some(end) = quarter_suffix(text, p)
        {
            return Some((end, Kind::Date));
        }
        if core.is_arabic {
            let c = char_at(text, p)?;
            if is_period(c, value) && core.int_digits == 1 {
                let mut end = p + 1;
                end = skip_while(text, end, |c| c == '\'' || c == '’');
                let digits_end = skip_while(text, end, |c| c.is_ascii_digit());
                if !char_at(text, digits_end).is_some_and(|c| c.is_ascii_alphabetic()) {
                    end = digits_end;
                    return Some((end, Kind::Date));
                }
            }
            if let Some(end) = ordinal_suffix(text, p) {
                return Some((end, Kind::Ordinal));
            }
        }
        None
    }

    // ----- Patterns ----------------------------------------------------------------------

    /// `2024-06-30`, `2024/6/30`, `30/6/2024`: a year and two date parts.
    fn date_pattern(&self, at: usize) -> Option<Vec<Raw>> {
        let text = self.text;
        // Quick exit: a date's first part is 1–4 ASCII digits and a separator.
        let bytes = text.as_bytes();
        let run = bytes[at..]
            .iter()
            .take(5)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run == 0 || run > 4 || !matches!(bytes.get(at + run), Some(b'-' | b'/' | b'.')) {
            return None;
        }
        if char_before(text, at).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',')
        {
            return None;
        }
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
                let s = char_at(text, end)?;
                if !matches!(s, '-' | '/' | '.') || sep.is_some_and(|x| x != s) {
                    return None;
                }
                sep = Some(s);
                p = end + 1;
            }
        }
        let (last_start, last_end) = parts[2];
        if char_at(text, last_end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let lens: Vec<usize> = parts.iter().map(|(s, e)| e - s).collect();
        let year_index = match lens.as_slice() {
            [4, 1..=2, 1..=2] => 0,
            [1..=2, 1..=2, 4] => 2,
            _ => return None,
        };
        let year: i128 = text[parts[year_index].0..parts[year_index].1]
            .parse()
            .ok()?;
        if !YEARS.contains(&year)
            || sep == Some('.') && year_index == 0 && last_end - last_start > 2
        {
            return None;
        }
        let raws = parts
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| {
                let value = Decimal::from_str_exact(&text[s..e]).unwrap_or_default();
                let mut raw = Raw::new(s, e, value, Decimal::new(5, 1));
                raw.kind = if i == year_index {
                    Kind::Year
                } else {
                    Kind::Date
                };
                raw.year_like = i == year_index;
                raw.fixed = true;
                raw.short_int = e - s <= 2;
                raw
            })
            .collect();
        Some(raws)
    }
}

/// Facts about a number that classification asks again and again.
struct Traits {
    /// A whole number without grouping.
    int: bool,
    /// A whole number with nothing around it: no currency, scale, percent or sign.
    plain: bool,
    /// Its integer value (−1 when it has a fraction).
    value: i128,
    /// Written in Arabic digits.
    arabic: bool,
}

impl Traits {
    fn of(raw: &Raw, core: &Core, before: &Before) -> Traits {
        let int = core.frac_digits == 0 && !core.grouped;
        let plain = int
            && raw.currency.is_none()
            && raw.scale_exp == 0
            && raw.percent.is_none()
            && !before.negative;
        Traits {
            int,
            plain,
            value: whole(&core.value),
            arabic: core.is_arabic,
        }
    }
}

/// The kind a glued letter prefix gives: `FY2024` a year, `Q3`/`H1` a date, `A100` a name.
fn glued_kind(word: &str, t: &Traits, core: &Core) -> Kind {
    let single = t.int && core.int_digits == 1;
    let mut letters = word.chars();
    let letter = letters.next().filter(|_| letters.next().is_none());
    if is_glued_year_word(word) && t.int && matches!(core.int_digits, 2 | 4) {
        Kind::Year
    } else if single && letter.is_some_and(|l| is_period(l, t.value)) {
        Kind::Date
    } else {
        Kind::Label
    }
}

/// Pairs neighbouring numbers: ranges share their suffix, lists share being years.
fn pair(text: &str, a: &mut Raw, b: &mut Raw) {
    if a.end > b.start || a.fixed || b.fixed || b.start - a.end > 12 {
        return;
    }
    let between =
        text[a.end..b.start].trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}');
    // A joining word (`to`) needs a space before it: `5to7` is no range.
    let is_word = between.bytes().all(|b| b.is_ascii_alphabetic());
    let is_range =
        RANGE_JOINERS.contains(&between) && (!is_word || text[a.end..b.start].starts_with(' '));
    let is_list = LIST_JOINERS.iter().any(|j| between.eq_ignore_ascii_case(j));
    let yearish = |r: &Raw| r.year_like || r.kind == Kind::Year;
    if is_range || is_list {
        if a.kind == Kind::Year && b.year_like || b.kind == Kind::Year && a.year_like {
            a.kind = Kind::Year;
            b.kind = Kind::Year;
            return;
        }
        if a.kind == Kind::Year
            && b.short_int
            && b.kind == Kind::Quantity
            && b.suffixless
            && SHORT_YEAR_JOINERS.contains(&between)
        {
            b.kind = Kind::Year;
            return;
        }
    }
    if !is_range {
        return;
    }
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

/// The end of the run of numeral characters starting at `at` (at least one character).
fn skip_numeral_run(text: &str, at: usize) -> usize {
    let mut p = at;
    for c in text[at..].chars() {
        if p > at && !(chinese::is_numeral_char(c) || is_digit_char(c)) {
            break;
        }
        p += c.len_utf8();
    }
    p
}

/// `1.` or `1、` or `1)` followed by a space or text: a list item number.
fn list_marker_after(text: &str, p: usize) -> bool {
    match char_at(text, p) {
        Some('、' | ')' | '）') => true,
        Some('.') => char_at(text, p + 1).is_none_or(|c| c == ' ' || c == '\t'),
        _ => false,
    }
}

/// `百分之`, `千分之`, `萬分之` starting at `at`: the percent kind and where the digits start.
fn fraction_prefix(text: &str, at: usize) -> Option<(PercentSign, usize)> {
    let rest = &text[at..];
    for &(prefix, sign) in FRACTION_PREFIXES {
        if rest.starts_with(prefix) {
            return Some((sign, at + prefix.len()));
        }
    }
    None
}

/// `季度` or `季` after a quarter number.
fn quarter_suffix(text: &str, p: usize) -> Option<usize> {
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
fn month_after(text: &str, p: usize) -> bool {
    let q = skip_while(text, p, |c| c == ' ');
    if q == p {
        return false;
    }
    let end = skip_while(text, q, |c| c.is_ascii_alphabetic());
    is_month(&text[q..end].to_ascii_lowercase())
}

/// `10:30`: the end of a time of day.
fn time_after(text: &str, p: usize) -> Option<usize> {
    if char_at(text, p) != Some(':') {
        return None;
    }
    let end = skip_while(text, p + 1, |c| c.is_ascii_digit());
    (end - p - 1 == 2 && !char_at(text, end).is_some_and(|c| c.is_ascii_alphanumeric()))
        .then_some(end)
}

/// `年` (and friends) or an estimate mark `2024E` after a year-like number.
fn year_mark_after(text: &str, p: usize) -> Option<usize> {
    after_any(text, p, SHORT_YEAR_MARKS).or_else(|| estimate_mark(text, p))
}

/// `2024E`, `2025F`: an estimate mark glued after a year.
fn estimate_mark(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p)?;
    (ESTIMATE_MARKS.contains(&c)
        && !char_at(text, p + 1).is_some_and(|n| n.is_ascii_alphanumeric()))
    .then_some(p + 1)
}
