//! Chinese numerals in running text, and the fractions `百分之`, `千分之`,
//! `萬分之`. The numeral reader says what `二十億` is worth; this step says
//! whether a run of numeral characters is a number at all (`二十億元`) or
//! part of a word (`統一`, `之一`), and what kind (`第三`, `（一）`, `三月`).

use rust_decimal::Decimal;

use super::super::Kind;
use super::super::chinese::{self, ChineseNumeral};
use super::super::decimal::whole;
use super::super::lexicon::{FRACTION_PREFIXES, MULTIPLE_UNIT, ORDINAL_PREFIX, PercentSign};
use super::Scanner;
use super::after::reserved_scale;
use super::before::{Before, negative_before};
use super::calendar::quarter_suffix;
use super::digits::{Core, is_digit_char};
use super::raw::Raw;
use super::text::{char_at, char_before, line_prefix_is_blank};

impl Scanner<'_> {
    /// Reads a number introduced by `百分之`, `千分之` or `萬分之` at `at`,
    /// whose digits start at `digits_at`.
    pub(super) fn fraction_of(
        &self,
        at: usize,
        sign: PercentSign,
        digits_at: usize,
    ) -> Option<Raw> {
        let mut raw = self.fraction_digits(digits_at)?;
        // A percent or a year after the prefix (`百分之5%`) makes no fraction.
        if raw.percent.is_some() || raw.kind != Kind::Quantity {
            return None;
        }
        raw.start = at;
        raw.percent = Some(sign);
        raw.suffixless = false;
        self.negative_word(&mut raw);
        Some(raw)
    }

    /// The Arabic or Chinese digits after a fraction prefix.
    fn fraction_digits(&self, digits_at: usize) -> Option<Raw> {
        let c = char_at(self.text, digits_at)?;
        if is_digit_char(c) {
            // Nothing before the digits belongs to them: the prefix is the floor.
            let inner = Scanner {
                text: self.text,
                floor: digits_at,
            };
            return inner.arabic(digits_at, true);
        }
        if !chinese::starts_numeral(c) {
            return None;
        }
        let n = chinese::read(self.text, digits_at, |_| false)?;
        Some(Raw::from_chinese(digits_at, &n))
    }

    /// A `負` before the number makes it negative and part of it.
    fn negative_word(&self, raw: &mut Raw) {
        if let Some(q) = negative_before(self.text, raw.start, self.floor) {
            raw.start = q;
            raw.written = -raw.written;
        }
    }

    /// Reads a Chinese numeral at `at` when it is written as a quantity,
    /// date, year or ordinal; `None` when it is part of a word.
    pub(super) fn chinese(&self, at: usize) -> Option<Raw> {
        let text = self.text;
        let n = chinese::read(text, at, |p| reserved_scale(text, p))?;
        // The run goes on with characters the reader would not take: a word.
        if char_at(text, n.end).is_some_and(chinese::is_numeral_char) {
            return None;
        }
        let mut raw = Raw::from_chinese(at, &n);
        let ordinal = text[self.floor..at].ends_with(ORDINAL_PREFIX);
        if ordinal {
            raw.start = at - ORDINAL_PREFIX.len();
            raw.kind = Kind::Ordinal;
        }
        self.negative_word(&mut raw);
        let context = Before::at(raw.start);
        let core = Core::from_chinese(at, &n);
        raw.end = self.look_ahead(&mut raw, &core, &context);
        if ordinal {
            return Some(self.ordinal_or_quarter(raw, &n));
        }
        if self.chinese_list_item(&raw, n.end) {
            raw.kind = Kind::Ordinal;
            return Some(raw);
        }
        self.classify_chinese(&mut raw, &n, &core, &context)
            .then_some(raw)
    }

    /// `第三` is a rank; `第三季度` is a quarter.
    fn ordinal_or_quarter(&self, mut raw: Raw, n: &ChineseNumeral) -> Raw {
        if let Some(end) =
            quarter_suffix(self.text, n.end).filter(|_| (1..=4).contains(&whole(&n.value)))
        {
            raw.settle(Kind::Date, end);
        }
        raw
    }

    /// `一、` at a line start, or `（一）`: a list item number ending at `end`.
    fn chinese_list_item(&self, raw: &Raw, end: usize) -> bool {
        let text = self.text;
        let numbered = line_prefix_is_blank(text, raw.start, self.floor)
            && matches!(char_at(text, end), Some('、' | '．'));
        let bracketed = matches!(char_before(text, raw.start), Some('(' | '（'))
            && matches!(char_at(text, end), Some(')' | '）'));
        numbered || bracketed
    }

    /// Classifies a Chinese numeral; returns whether it reads as a number
    /// here (else it is part of a word).
    fn classify_chinese(
        &self,
        raw: &mut Raw,
        n: &ChineseNumeral,
        core: &Core,
        context: &Before,
    ) -> bool {
        self.classify(raw, core, context);
        if raw.kind == Kind::Year || raw.kind == Kind::Date {
            return true;
        }
        // Digit by digit (`三五`) without a year or date mark: no number.
        if n.positional && n.digit_count > 1 {
            return false;
        }
        reads_as_number(raw, n)
    }
}

/// Whether a Chinese numeral's suffixes or units make it a number: money,
/// percents, scales, multiples and big units do; a measure word does unless
/// the numeral is a lone `一` (`一家` is "a", not "one"); else it needs a
/// unit character, a digit and a value of ten or more (`十五`, `二十`, not
/// `十` or `三`).
fn reads_as_number(raw: &Raw, n: &ChineseNumeral) -> bool {
    let strong_suffix =
        raw.percent.is_some() || raw.currency.is_some() || raw.scale_exp > 0 || raw.more;
    if strong_suffix || raw.unit == Some(MULTIPLE_UNIT) || n.has_big_unit {
        return true;
    }
    if raw.unit.is_some() {
        let lone_one = n.digit_count == 1 && !n.has_unit && whole(&n.value) == 1;
        return !lone_one;
    }
    n.has_unit && n.digit_count >= 1 && raw.written.abs() >= Decimal::TEN
}

/// `百分之`, `千分之`, `萬分之` starting at `at`: the percent kind and where the digits start.
pub(super) fn fraction_prefix(text: &str, at: usize) -> Option<(PercentSign, usize)> {
    let rest = &text[at..];
    FRACTION_PREFIXES
        .iter()
        .find(|(prefix, _)| rest.starts_with(prefix))
        .map(|&(prefix, sign)| (sign, at + prefix.len()))
}
