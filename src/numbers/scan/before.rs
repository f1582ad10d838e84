//! Look-behind: what stands right before a number's digits. Signs,
//! currencies, `(`, `第`, `百分之`, `負`, `No.`, glued letters (`FY`, `A100`)
//! and reference prefixes (`附注`) become part of the number or say what it
//! is; the words further back (`in`, `Note`, `December`) are read only when
//! a plain number needs them.

use super::super::Currency;
use super::super::chinese;
use super::super::lexicon::{
    CHINESE_LABEL_PREFIXES, CHINESE_YEAR_PREFIXES, CURRENCY_PREFIXES, CurrencyWord,
    FRACTION_PREFIXES_BEHIND, NEGATIVE_WORDS, NUMBER_SIGN, NUMBER_WORDS, ORDINAL_PREFIX,
    PercentSign, YEAR_PHRASES, is_month, is_period, is_year_prefix, sign_negates,
};
use super::super::starts::{
    CHINESE_YEAR_PREFIX_ENDS, CURRENCY_PREFIX_ENDS, LABEL_PREFIX_ENDS, PREFIX_ENDS,
};
use super::Scanner;
use super::digits::is_digit_char;
use super::text::{
    char_before, glued_word_before, skip_back_while, skip_while, strip_suffix, word_before,
};

/// What the look-behind found.
#[derive(Default, Debug)]
pub(super) struct Before<'a> {
    /// Where the number starts once what stands before it is included.
    pub(super) start: usize,
    /// A currency written before the digits.
    pub(super) currency: Option<Currency>,
    /// A minus sign or `負` before the digits.
    pub(super) negative: bool,
    /// A sign (`-`, `−`, `+`) written before the digits: inside parentheses it wins (`(−152)`).
    pub(super) signed: bool,
    /// Where a `(` stands right before the number.
    pub(super) open_paren: Option<usize>,
    /// A currency before that `(` (`$(62)`, `$ (0.96)`): where it starts, and which.
    /// It applies only once the `)` is found.
    pub(super) paren_currency: Option<(usize, Currency)>,
    /// `第`, `#` or `No.` before the digits: a rank.
    pub(super) ordinal: bool,
    /// `百分之` or `千分之` before the digits.
    pub(super) percent: Option<PercentSign>,
    /// Letters glued to the digits (`A100`), or `-` for a hyphened name (`COVID-19`).
    pub(super) glued_word: Option<&'a str>,
    /// A Chinese reference prefix before the digits (`附注3`).
    pub(super) label_prefix: bool,
    /// Where the words before the number end (for [`Words`], read only when needed).
    pub(super) context_at: usize,
}

impl Before<'_> {
    /// Nothing before the digits at `start`.
    pub(super) fn at(start: usize) -> Self {
        Before {
            start,
            context_at: start,
            ..Before::default()
        }
    }
}

/// The words before a number, read only for plain numbers that may be
/// labels (`Note 12`), dates (`June 30`) or years (`in 2024`).
#[derive(Default, Debug)]
pub(super) struct Words<'t> {
    /// The word right before the number (`Note`, `in`, `December`).
    pub(super) word: Option<&'t str>,
    /// A month name, or a month and a day, before the number.
    pub(super) month_before: MonthBefore,
    /// A quarter or half right before the number (`Q3 2024`).
    pub(super) period_before: bool,
    /// A word that makes a four-digit number after it a year (`in`, `as of`, `截至`).
    pub(super) year_prefix: bool,
}

/// Whether a month name stands before a number.
#[derive(Default, Debug, PartialEq, Eq, Clone, Copy)]
pub(super) enum MonthBefore {
    /// No month.
    #[default]
    None,
    /// A month right before the number: `June 30`, `Dec 2024`.
    Month,
    /// A month and a day before the number: `December 31, 2024`.
    MonthDay,
}

impl<'a> Scanner<'a> {
    /// Reads what stands before the digits starting at `digits_start`.
    pub(super) fn look_behind(&self, digits_start: usize) -> Before<'a> {
        let mut b = Before::at(digits_start);
        // Most numbers follow a character no prefix can end with.
        if !self
            .char_before(digits_start)
            .is_some_and(|c| PREFIX_ENDS.has(c))
        {
            return b;
        }
        let p = self.glued_letters(&mut b, digits_start);
        if b.glued_word.is_some() {
            return b;
        }
        let p = self.sign_and_currency(&mut b, p);
        let p = self.marks_before(&mut b, p);
        b.label_prefix = self.label_prefix_before(p);
        b.context_at = p;
        b
    }

    /// The character before `p`, when it is after the floor.
    fn char_before(&self, p: usize) -> Option<char> {
        char_before(self.text, p).filter(|_| p > self.floor)
    }

    /// Letters glued to the digits: a currency code (`RMB5`) is taken and
    /// passed; a name (`A100`, `INT8`, `FY2024`, `COVID-19`) is noted in
    /// `glued_word` and ends the look. Returns where the look goes on.
    fn glued_letters(&self, b: &mut Before<'a>, mut p: usize) -> usize {
        let (text, floor) = (self.text, self.floor);
        if let Some((word_start, word)) = glued_word_before(text, p, floor) {
            b.start = word_start;
            let Some(currency) = currency_code(word) else {
                b.glued_word = Some(word);
                return p;
            };
            b.currency = Some(currency);
            p = word_start;
        }
        // A hyphen glued between letters and digits: COVID-19, Pulsar-2.
        if char_before(text, p) == Some('-')
            && p > floor + 1
            && let Some((word_start, _)) = glued_word_before(text, p - 1, floor)
        {
            b.start = word_start;
            b.glued_word = Some("-");
        }
        p
    }

    /// A sign and a currency in either order: `-$5`, `$-5`, `US$ (1,234)`, `RMB 1.2`.
    fn sign_and_currency(&self, b: &mut Before, mut p: usize) -> usize {
        let (text, floor) = (self.text, self.floor);
        for _ in 0..2 {
            let q = if let Some((q, negates)) = sign_before(text, p, floor) {
                b.negative ^= negates;
                b.signed = true;
                q
            } else if b.currency.is_none()
                && let Some((q, currency)) = currency_before(text, p, floor)
            {
                b.currency = Some(currency);
                q
            } else {
                break;
            };
            p = q;
            b.start = q;
        }
        p
    }

    /// `(`, `第`, `百分之`, `負` and `No.` before the digits (and any sign or
    /// currency already read). Returns where the look goes on.
    fn marks_before(&self, b: &mut Before, mut p: usize) -> usize {
        let (text, floor) = (self.text, self.floor);
        if let Some(c @ ('(' | '（')) = self.char_before(p) {
            let open = p - c.len_utf8();
            b.open_paren = Some(open);
            if b.currency.is_none() {
                b.paren_currency = currency_before(text, open, floor);
            }
        }
        if let Some(q) = strip_suffix(text, floor, p, ORDINAL_PREFIX) {
            b.ordinal = true;
            (b.start, p) = (q, q);
        }
        for &(prefix, sign) in FRACTION_PREFIXES_BEHIND {
            if let Some(q) = strip_suffix(text, floor, p, prefix) {
                b.percent = Some(sign);
                (b.start, p) = (q, q);
            }
        }
        if let Some(q) = negative_before(text, p, floor) {
            b.negative = !b.negative;
            (b.start, p) = (q, q);
        }
        if let Some(q) = number_sign_before(text, p, floor) {
            b.ordinal = true;
            (b.start, p) = (q, q);
        }
        p
    }

    /// Whether a Chinese reference prefix (`附注`) ends at `p`.
    fn label_prefix_before(&self, p: usize) -> bool {
        char_before(self.text, p).is_some_and(|c| LABEL_PREFIX_ENDS.has(c))
            && CHINESE_LABEL_PREFIXES
                .iter()
                .any(|w| self.text[self.floor..p].ends_with(w))
    }

    /// The words before position `p`.
    pub(super) fn words(&self, p: usize) -> Words<'a> {
        let (text, floor) = (self.text, self.floor);
        if p < floor {
            return Words::default();
        }
        let found = word_before(text, p, floor);
        let word = found.map(|(_, w)| w);
        let year_prefix = self.chinese_year_prefix_before(p)
            || found.is_some_and(|(start, w)| {
                is_year_prefix(w) || year_phrase_before(text, start, floor, w)
            });
        Words {
            month_before: self.month_before(p, word),
            period_before: period_before(text, p, floor),
            year_prefix,
            word,
        }
    }

    /// Whether a Chinese year prefix (`於`, `截至`) ends at `p`.
    fn chinese_year_prefix_before(&self, p: usize) -> bool {
        char_before(self.text, p).is_some_and(|c| CHINESE_YEAR_PREFIX_ENDS.has(c))
            && CHINESE_YEAR_PREFIXES
                .iter()
                .any(|w| self.text[self.floor..p].ends_with(w))
    }

    /// `December 31, 2024` or `Dec 2024`: is there a month name (and maybe a
    /// day) before `p`? `word` is the word right before `p`.
    fn month_before(&self, p: usize, word: Option<&str>) -> MonthBefore {
        if word.is_some_and(is_month) {
            return MonthBefore::Month;
        }
        let q = skip_back_while(self.text, p, self.floor, |c| {
            matches!(c, ' ' | ',' | '\u{a0}')
        });
        if month_day_before(self.text, q) {
            MonthBefore::MonthDay
        } else {
            MonthBefore::None
        }
    }
}

/// `December 31`: one or two digits ending at `end` with a month name
/// before them. The day was the previous number, so this look crosses the floor.
fn month_day_before(text: &str, end: usize) -> bool {
    let start = skip_back_while(text, end, end.saturating_sub(3), |c| c.is_ascii_digit());
    (1..=2).contains(&(end - start))
        && word_before(text, start, 0).is_some_and(|(_, word)| is_month(word))
}

/// `as of 2024`, `fiscal year 2024`: whether `second`, the word starting at
/// `q`, ends a two-word year prefix.
fn year_phrase_before(text: &str, q: usize, floor: usize, second: &str) -> bool {
    let ends_phrase = |(_, b): &(&str, &str)| b.eq_ignore_ascii_case(second);
    if !YEAR_PHRASES.iter().any(ends_phrase) {
        return false;
    }
    let end = skip_back_while(text, q, floor, |c| c == ' ');
    let first = &text[skip_back_while(text, end, floor, |c| c.is_ascii_alphabetic())..end];
    YEAR_PHRASES
        .iter()
        .any(|(a, b)| a.eq_ignore_ascii_case(first) && b.eq_ignore_ascii_case(second))
}

/// `Q3 2024`, `H1 2025`, `3Q 2024`: a period right before a year.
fn period_before(text: &str, p: usize, floor: usize) -> bool {
    let q = skip_back_while(text, p, floor, |c| c == ' ');
    if q == p || q < 2 {
        return false;
    }
    // The period is the previous number, so this look may cross the floor.
    let Some(two) = text.get(q - 2..q) else {
        return false;
    };
    let b = two.as_bytes();
    let period =
        |l: u8, d: u8| d.is_ascii_digit() && is_period(char::from(l), i128::from(d - b'0'));
    period(b[0], b[1]) || period(b[1], b[0])
}

/// The currency an ASCII code glued to the digits names (`RMB5`, `USD5`).
#[inline]
fn currency_code(word: &str) -> Option<Currency> {
    CURRENCY_PREFIXES
        .iter()
        .find(|w| w.ascii_word && w.text == word)
        .map(|w| w.currency)
}

/// A sign glued before the digits (`-5`, `−5`, `+5`): where it starts and
/// whether it negates. A hyphen after a digit or a Latin letter is a range
/// or a name (`3-5`, `COVID-19`), not a sign; after a Chinese word it is a
/// sign (`同比增長-5.4%`).
fn sign_before(text: &str, p: usize, floor: usize) -> Option<(usize, bool)> {
    let c = char_before(text, p)?;
    let negates = sign_negates(c)?;
    if p < floor + c.len_utf8() {
        return None;
    }
    let q = p - c.len_utf8();
    let joins = char_before(text, q).is_some_and(|prev| {
        prev.is_ascii_alphanumeric()
            || is_digit_char(prev)
            || chinese::is_numeral_char(prev)
            || matches!(prev, '%' | '％' | ')' | '）' | '.' | '_' | '-')
    });
    (!joins).then_some((q, negates))
}

/// A Chinese word for "negative" (`負`) right before `p`: where it starts.
#[inline]
pub(super) fn negative_before(text: &str, p: usize, floor: usize) -> Option<usize> {
    NEGATIVE_WORDS
        .iter()
        .find_map(|w| strip_suffix(text, floor, p, w))
}

/// `No. 1`, `No.1`, `#1`: where the mark starts.
fn number_sign_before(text: &str, p: usize, floor: usize) -> Option<usize> {
    if let Some(q) = strip_suffix(text, floor, p, NUMBER_SIGN) {
        return Some(q);
    }
    // One space may stand between `No.` and the digits.
    let q = p - usize::from(char_before(text, p) == Some(' '));
    NUMBER_WORDS.iter().find_map(|w| {
        strip_suffix(text, floor, q, w)
            .filter(|&r| !char_before(text, r).is_some_and(|c| c.is_ascii_alphabetic()))
    })
}

/// A currency tag before `p`, with optional spaces between it and the digits.
fn currency_before(text: &str, p: usize, floor: usize) -> Option<(usize, Currency)> {
    let q = skip_back_while(text, p, floor, |c| matches!(c, ' ' | '\u{a0}'));
    if !char_before(text, q).is_some_and(|c| CURRENCY_PREFIX_ENDS.has(c)) {
        return None;
    }
    let found = CURRENCY_PREFIXES.iter().find(|w: &&CurrencyWord| {
        q >= floor + w.text.len()
            && text[..q].ends_with(w.text)
            && (!w.ascii_word
                || !char_before(text, q - w.text.len()).is_some_and(|c| c.is_ascii_alphanumeric()))
    })?;
    let start = q - found.text.len();
    // `S$`, `US$`, `HK$` name their dollar; other letters glued before a `$`
    // name one we do not know, so the amount stays untagged rather than USD.
    let unknown_dollar = found.text.ends_with('$')
        && char_before(text, start).is_some_and(|c| c.is_ascii_alphabetic());
    (!unknown_dollar).then_some((start, found.currency))
}

/// Whether the digits at `p` are parameters of an ANSI escape sequence
/// (`ESC[0m`, `ESC[1;31m`): control codes, not numbers.
pub(super) fn in_escape_sequence(text: &str, p: usize) -> bool {
    let q = skip_back_while(text, p, p.saturating_sub(32), |c| {
        c.is_ascii_digit() || c == ';' || c == '?'
    });
    text[..q].ends_with("\u{1b}[")
}

/// Skips a currency tag (and spaces) written at `pos`, returning where the digits start.
pub(super) fn skip_prefix_currency(text: &str, pos: usize) -> Option<usize> {
    let word = CURRENCY_PREFIXES
        .iter()
        .find(|w| text[pos..].starts_with(w.text))?;
    Some(skip_while(text, pos + word.text.len(), |c| c == ' '))
}
