//! Classification: settles what a number is once its value is read. A
//! quantity unless what stands around it says it is a name (`A100`,
//! `Note 12`), a rank (`第3`, `1.` at a line start), a date (`9月`,
//! `June 30`) or a year (`2024年`, `in 2024`, `FY2024`).

use super::super::Kind;
use super::super::decimal::whole;
use super::super::lexicon::{MULTIPLE_UNIT, YEARS, is_glued_year_word, is_label_word, is_period};
use super::Scanner;
use super::before::{Before, MonthBefore, Words};
use super::calendar::{month_after, quarter_suffix, time_after, year_mark_after};
use super::digits::Core;
use super::raw::Raw;
use super::text::{char_at, line_prefix_is_blank, skip_while, year_header_row};

/// Facts about a number that classification asks again and again.
pub(super) struct Traits {
    /// A whole number without grouping.
    pub(super) int: bool,
    /// A whole number with nothing around it: no currency, scale, percent or sign.
    pub(super) plain: bool,
    /// Its integer value (−1 when it has a fraction).
    pub(super) value: i128,
    /// Written in Arabic digits.
    pub(super) arabic: bool,
    /// Right after an unclosed `(`: an aside such as `(2018: £56.5m)`.
    pub(super) aside: bool,
}

impl Traits {
    /// The traits of `raw` as read so far.
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
            aside: before.open_paren.is_some() && !raw.written.is_sign_negative(),
        }
    }
}

impl<'a> Scanner<'a> {
    /// Settles the kind of a number: a name, rank, date or year instead of a
    /// quantity when what stands around it says so. Each step that decides
    /// returns; a number nothing marks stays a quantity.
    pub(super) fn classify(&self, raw: &mut Raw, core: &Core, before: &Before) {
        let t = Traits::of(raw, core, before);
        raw.year_like =
            t.plain && core.int_digits == 4 && YEARS.contains(&t.value) && raw.unit.is_none();
        if raw.kind == Kind::Ordinal {
            return;
        }
        // Glued letters before the digits decide first: FY2024, Q3, H1, A100.
        if let Some(word) = before.glued_word {
            let end = self.glued_tail_end(raw.end);
            raw.settle(glued_kind(word, &t, core), end);
            return;
        }
        let words = self.words_for(raw, core, before);
        if let Some((kind, end)) = self.name_or_rank(raw, &t, before, &words) {
            raw.settle(kind, end);
            return;
        }
        if raw.percent.is_some() || raw.unit == Some(MULTIPLE_UNIT) {
            return;
        }
        self.classify_by_marks(raw, core, &t, &words);
    }

    /// The words before a plain Arabic number; money, percents and scaled
    /// numbers never need them, so they are not read.
    fn words_for(&self, raw: &Raw, core: &Core, before: &Before) -> Words<'a> {
        let wordy =
            raw.currency.is_none() && raw.percent.is_none() && raw.scale_exp == 0 && core.is_arabic;
        if wordy {
            self.words(before.context_at)
        } else {
            Words::default()
        }
    }

    /// The marks after the number (calendar, units) and then the words
    /// before it (days, years) decide.
    fn classify_by_marks(&self, raw: &mut Raw, core: &Core, t: &Traits, words: &Words) {
        if let Some((end, kind)) = self.calendar_suffix(raw, core, t) {
            raw.settle(kind, end);
            raw.suffixless = false;
            return;
        }
        if (raw.suffixless || raw.currency.is_none())
            && let Some((end, kind, unit)) = self.unit_suffix(raw.end, core)
        {
            raw.settle(kind, end);
            if unit.is_some() {
                raw.unit = unit;
                raw.suffixless = false;
            }
            if kind != Kind::Quantity {
                return;
            }
        }
        if let Some((kind, end)) = self.day_or_year(raw, core, t, words) {
            raw.settle(kind, end);
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
        let day_like = t.plain && t.int && (1..=31).contains(&t.value) && core.int_digits <= 2;
        if day_like && let Some(end) = self.day_end(raw.end, words) {
            return Some((Kind::Date, end));
        }
        if !raw.year_like {
            return None;
        }
        // `2023 年`: scraped Chinese text often has a space before the mark.
        let spaced = skip_while(self.text, raw.end, |c| matches!(c, ' ' | '\u{a0}'));
        let year_mark = year_mark_after(self.text, spaced);
        let marked = words.month_before != MonthBefore::None
            || words.period_before
            || words.year_prefix
            || t.aside
            || year_mark.is_some()
            || year_header_row(self.text, raw.end);
        marked.then(|| (Kind::Year, year_mark.unwrap_or(raw.end)))
    }

    /// Where a day number ending at `end` ends when a month stands before or
    /// after it (`June 30`, `30 June`) or it starts a time (`10:30`).
    fn day_end(&self, end: usize, words: &Words) -> Option<usize> {
        if words.month_before == MonthBefore::Month || month_after(self.text, end) {
            return Some(end);
        }
        time_after(self.text, end)
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

/// `1.` or `1、` or `1)` followed by a space or text: a list item number.
fn list_marker_after(text: &str, p: usize) -> bool {
    match char_at(text, p) {
        Some('、' | ')' | '）') => true,
        Some('.') => char_at(text, p + 1).is_none_or(|c| c == ' ' || c == '\t'),
        _ => false,
    }
}
