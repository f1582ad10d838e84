//! Look-ahead: what follows a number's digits and changes its value or
//! unit. The `)` of a negative amount, `多`, scale words (`億`, `million`,
//! `k`), percent and point signs, currencies, multiples (`倍`, `x`), and the
//! measure words and units that classification asks about.

use rust_decimal::Decimal;

use super::super::decimal::{pow10, whole};
use super::super::lexicon::{
    Attach, CURRENCY_SUFFIXES, ENGLISH_SCALES, GENERIC_CURRENCY, GLUED_UNITS, LETTER_SCALES,
    MEASURE_WORDS, MORE_MARKS, MULTIPLE_UNIT, MULTIPLE_WORDS, PERCENT_WORDS, PercentSign,
    YEAR_MARKS, chinese_scale, units_after_scale,
};
use super::super::starts::{
    CURRENCY_SUFFIX_STARTS, MEASURE_STARTS, MULTIPLE_STARTS, PERCENT_STARTS, SCALE_STARTS,
    SUFFIX_STARTS,
};
use super::super::{Currency, Kind};
use super::Scanner;
use super::before::Before;
use super::digits::Core;
use super::raw::Raw;
use super::text::{
    char_at, char_before, line_has_cells, same_first, skip_gap, skip_while, starts_with_word,
};

/// What a `)` after the digits closes.
enum Paren {
    /// `(2)` in prose: a list or note marker, ending here.
    Marker(usize),
    /// `(1,234)`: a negative amount, whose suffixes may follow.
    Negative(usize),
    /// `(13%)`: a negative amount whose percent sign was inside; nothing follows.
    Closed(usize),
}

impl Scanner<'_> {
    /// Reads the `)`, scale, percent, currency and multiple after the digits;
    /// returns where the number now ends.
    pub(super) fn look_ahead(&self, raw: &mut Raw, core: &Core, before: &Before) -> usize {
        let p = match before
            .open_paren
            .and_then(|at| self.close_paren(raw, core, before, at))
        {
            Some(Paren::Marker(end) | Paren::Closed(end)) => return end,
            Some(Paren::Negative(end)) => end,
            None => core.end,
        };
        if let Some(sign) = before.percent {
            raw.percent = Some(sign);
            raw.suffixless = false;
            return p;
        }
        // Most numbers are followed by something no suffix starts with.
        let could = |at: usize| char_at(self.text, at).is_some_and(|c| SUFFIX_STARTS.has(c));
        if !could(p) && !could(skip_gap(self.text, p)) && !self.hyphen_scale_at(p) {
            return p;
        }
        self.suffixes(raw, core, p)
    }

    /// A `)` after the digits that closes the `(` at `open`. Spaces and a
    /// percent sign may stand inside (`(35,569 )`, `(13%)`, `(2.1% )`).
    fn close_paren(
        &self,
        raw: &mut Raw,
        core: &Core,
        before: &Before,
        open: usize,
    ) -> Option<Paren> {
        if !core.is_arabic {
            return None;
        }
        let percent = percent_after(self.text, core.end);
        let inner_end = percent.map_or(core.end, |(q, _)| q);
        let p = skip_while(self.text, inner_end, |c| c == ' ');
        let close = char_at(self.text, p).filter(|c| matches!(c, ')' | '）'))?;
        let end = p + close.len_utf8();
        raw.start = raw.start.min(open);
        if self.is_paren_marker(raw, core, open) && percent.is_none() {
            raw.kind = Kind::Ordinal;
            return Some(Paren::Marker(end));
        }
        if let Some((start, currency)) = before.paren_currency {
            raw.currency = Some(currency);
            raw.start = start;
        }
        // A sign written inside the parentheses wins: `(−152)` is −152.
        if !before.signed {
            raw.written = -raw.written;
        }
        let Some((_, sign)) = percent else {
            return Some(Paren::Negative(end));
        };
        raw.percent = Some(sign);
        raw.suffixless = false;
        Some(Paren::Closed(end))
    }

    /// `(2)` in prose, or after a row label in a table (`Working capital (1)`):
    /// a list or footnote marker rather than a negative amount.
    fn is_paren_marker(&self, raw: &Raw, core: &Core, open: usize) -> bool {
        let small = raw.currency.is_none()
            && core.frac_digits == 0
            && !core.grouped
            && whole(&core.value) <= 30;
        // Glued to a word or a figure (`Kapuria(1)`, `390,000(1)`), it is a footnote mark.
        let glued = char_before(self.text, open).is_some_and(char::is_alphanumeric);
        small
            && (glued || !line_has_cells(self.text, open) || label_before_in_cell(self.text, open))
    }

    /// `多`, scale, percent, currency and multiple from `p` on, in that order.
    fn suffixes(&self, raw: &mut Raw, core: &Core, p: usize) -> usize {
        let p = self.more_and_scale(raw, core, p);
        if let Some((q, sign)) = percent_after(self.text, p) {
            raw.percent = Some(sign);
            raw.suffixless = false;
            return q;
        }
        let p = self.currency_suffix(raw, p);
        if let Some(q) = multiple_after(self.text, p) {
            raw.unit = Some(MULTIPLE_UNIT);
            raw.suffixless = false;
            return q;
        }
        p
    }

    /// `多` and a scale after the digits (`20多億`, `3 million`), with the
    /// digits a big scale may carry (`3萬4000`).
    fn more_and_scale(&self, raw: &mut Raw, core: &Core, mut p: usize) -> usize {
        if let Some(q) = more_marker(self.text, p) {
            raw.more = true;
            raw.suffixless = false;
            p = q;
        }
        let Some((q, exp)) = self.scale_after(p, core, raw.currency.is_some()) else {
            return p;
        };
        raw.scale_exp = exp;
        raw.suffixless = false;
        self.add_mixed_tail(raw, q, exp)
    }

    /// `3萬4000`: adds the digits glued after a scale of `10^exp` to the
    /// written value; returns where they end.
    fn add_mixed_tail(&self, raw: &mut Raw, p: usize, exp: u32) -> usize {
        let Some((end, add, half)) = mixed_tail(self.text, p, exp) else {
            return p;
        };
        let add = add / pow10(exp);
        let signed = if raw.written.is_sign_negative() {
            -add
        } else {
            add
        };
        let Some(total) = raw.written.checked_add(signed) else {
            return p;
        };
        raw.written = total;
        raw.half = half / pow10(exp);
        end
    }

    /// A currency after the number, when it agrees with one written before.
    /// Returns where the number now ends.
    fn currency_suffix(&self, raw: &mut Raw, p: usize) -> usize {
        let Some((q, currency, generic)) = currency_after(self.text, p) else {
            return p;
        };
        // A bare 元 is the unit of any currency named before it (新台幣2兆元, 港幣5元).
        if generic && raw.currency.is_some() {
            raw.suffixless = false;
            return q;
        }
        if raw.currency.is_some_and(|c| c != currency) {
            return p;
        }
        raw.currency = Some(currency);
        raw.suffixless = false;
        // The same currency twice (`美元 USD`) is one tag.
        currency_after(self.text, q)
            .filter(|&(_, c, _)| c == currency)
            .map_or(q, |(end, _, _)| end)
    }

    /// A scale word after the digits: `億`, `萬億`, ` million`, `bn`, `k`.
    /// Its end and power of ten.
    fn scale_after(&self, p: usize, core: &Core, has_currency: bool) -> Option<(usize, u32)> {
        let spaced = skip_gap(self.text, p);
        if let Some(run) = chinese_scale_run(self.text, spaced) {
            return Some(run);
        }
        if !core.is_arabic {
            return None;
        }
        english_scale(self.text, p, spaced)
            .or_else(|| letter_scale(self.text, p, has_currency))
            .or_else(|| hyphen_scale(self.text, p))
    }

    /// Whether a hyphenated scale word starts at `p` (`$11-million`).
    fn hyphen_scale_at(&self, p: usize) -> bool {
        self.text.as_bytes().get(p) == Some(&b'-') && hyphen_scale(self.text, p).is_some()
    }

    /// Units and measure words after a number: its end, kind and unit.
    /// Glued letters that are no unit, stock codes and filing forms make it a label.
    pub(super) fn unit_suffix(
        &self,
        p: usize,
        core: &Core,
    ) -> Option<(usize, Kind, Option<&'static str>)> {
        // `2024年` is a year, not 2024 years: a measure word that is also a
        // year mark does not count after four Arabic digits.
        let year = core.int_digits == 4 && core.is_arabic;
        if let Some(w) = measure_word(self.text, p).filter(|w| !(year && YEAR_MARKS.contains(w))) {
            return Some((p, Kind::Quantity, Some(w)));
        }
        if !core.is_arabic {
            return None;
        }
        let c = char_at(self.text, p)?;
        if c.is_ascii_alphabetic() {
            return Some(self.glued_unit(p));
        }
        let end = stock_code(self.text, p, c).or_else(|| filing_form(self.text, p, c))?;
        Some((end, Kind::Label, None))
    }

    /// Letters glued after the digits: a unit (`7nm`), or else part of a name (`3D`).
    fn glued_unit(&self, p: usize) -> (usize, Kind, Option<&'static str>) {
        match GLUED_UNITS
            .iter()
            .find(|u| starts_with_word(self.text, p, u, true))
        {
            Some(u) => (p + u.len(), Kind::Quantity, Some(u)),
            None => (self.glued_tail_end(p), Kind::Label, None),
        }
    }

    /// The end of letters and digits glued after a label's digits (A100X, INT8).
    pub(super) fn glued_tail_end(&self, p: usize) -> usize {
        skip_while(self.text, p, |c| c.is_ascii_alphanumeric())
    }
}

/// `$11-million`, `3.5-billion`: a scale word spelled out after a hyphen.
/// Only whole words count (`thousand`, `million`…), never `k` or `m`, so
/// `5-m` and ranges stay as they are.
fn hyphen_scale(text: &str, p: usize) -> Option<(usize, u32)> {
    if text.as_bytes().get(p) != Some(&b'-') {
        return None;
    }
    let (end, exp) = english_scale(text, p + 1, p + 1)?;
    (end - (p + 1) >= 4).then_some((end, exp))
}

/// Whether the table cell holding `open` has letters before it: a row label
/// with a footnote mark (`| Working capital (1) |`), not a cell `(1)` alone.
fn label_before_in_cell(text: &str, open: usize) -> bool {
    let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    let cell = &text[line_start..open];
    let cell = cell.rsplit(['|', '\t']).next().unwrap_or(cell);
    cell.chars().any(char::is_alphabetic)
}

/// An English scale word at `p` or, spaced, at `spaced`: its end and power of ten.
fn english_scale(text: &str, p: usize, spaced: usize) -> Option<(usize, u32)> {
    let first = |at: usize| char_at(text, at).filter(|&c| SCALE_STARTS.has(c));
    let (glued, spaced_first) = (first(p), first(spaced));
    ENGLISH_SCALES.iter().find_map(|w| {
        let at = w.attach.position(p, spaced)?;
        let c = if w.attach == Attach::Glued {
            glued
        } else {
            spaced_first
        };
        let hit = c.is_some_and(|c| same_first(w.text, c))
            && starts_with_word(text, at, w.text, w.attach == Attach::Glued);
        hit.then_some((at + w.text.len(), w.exp))
    })
}

/// A single-letter scale glued at `p` (`40k`, `US$3b`): its end and power of ten.
fn letter_scale(text: &str, p: usize, has_currency: bool) -> Option<(usize, u32)> {
    let c = char_at(text, p)?;
    let scale = LETTER_SCALES.iter().find(|l| l.letter == c)?;
    if char_at(text, p + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
        return None;
    }
    // `b` is a billion only on money (US$3b); a bare `3b` is more likely a name.
    if scale.money_only && !has_currency {
        return None;
    }
    Some((p + 1, scale.exp))
}

/// Whether the character at `p` must not be read as a scale (千米, 兆瓦).
#[inline]
pub(super) fn reserved_scale(text: &str, p: usize) -> bool {
    let Some(c) = char_at(text, p) else {
        return false;
    };
    let rest = &text[p + c.len_utf8()..];
    units_after_scale(c).iter().any(|u| rest.starts_with(u))
}

/// A run of Chinese scale characters at `p` (`億`, `萬億`, `千萬`): end and power of ten.
fn chinese_scale_run(text: &str, p: usize) -> Option<(usize, u32)> {
    let mut q = p;
    let mut exp = 0;
    for c in text[p..].chars() {
        let Some(e) = chinese_scale(c) else { break };
        if reserved_scale(text, q) {
            break;
        }
        exp += e;
        q += c.len_utf8();
    }
    (q > p && exp <= 16).then_some((q, exp))
}

/// `3萬4000` or `1億2000萬`: digits glued after a scale of `10^exp` that add to it.
/// Returns the end, the amount to add (in units of 1) and the new half unit.
fn mixed_tail(text: &str, p: usize, exp: u32) -> Option<(usize, Decimal, Decimal)> {
    if exp < 4 || !char_at(text, p).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let core = Core::read(text, p, true);
    if core.grouped || core.overflow || core.frac_digits > 0 {
        return None;
    }
    match chinese_scale_run(text, core.end) {
        // `1億2000萬`: the tail has a smaller scale of its own.
        Some((end, tail_exp)) if tail_exp < exp => Some((
            end,
            core.value.checked_mul(pow10(tail_exp))?,
            core.half.checked_mul(pow10(tail_exp))?,
        )),
        Some(_) => None,
        None => (core.value < pow10(exp)
            && !char_at(text, core.end).is_some_and(|c| c.is_ascii_alphanumeric()))
        .then_some((core.end, core.value, core.half)),
    }
}

/// `多`, `余`, `餘` glued after the digits, before a scale or measure word (20多億, 500余万, 20多家).
fn more_marker(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p).filter(|c| MORE_MARKS.contains(c))?;
    let q = p + c.len_utf8();
    let rest = &text[q..];
    let next = rest.chars().next()?;
    let follows = chinese_scale(next).is_some()
        || MEASURE_WORDS.iter().any(|w| rest.starts_with(w))
        || CURRENCY_SUFFIXES
            .iter()
            .any(|w| !w.ascii_word && rest.starts_with(w.text));
    follows.then_some(q)
}

/// A percent or point marker after `p` (spaces and one line break allowed).
fn percent_after(text: &str, p: usize) -> Option<(usize, PercentSign)> {
    let q = skip_gap(text, p);
    let first = char_at(text, q).filter(|&c| PERCENT_STARTS.has(c))?;
    PERCENT_WORDS
        .iter()
        .filter(|w| same_first(w.text, first))
        .find_map(|w| {
            let at = w.attach.position(p, q)?;
            let hit = if w.ascii_word {
                starts_with_word(text, at, w.text, false)
            } else {
                text[at..].starts_with(w.text)
            };
            hit.then_some((at + w.text.len(), w.sign))
        })
}

/// A currency tag after `p` (`元`, `美元`, ` US dollars`): its end, its
/// currency, and whether it is the bare `元` that any currency may use.
fn currency_after(text: &str, p: usize) -> Option<(usize, Currency, bool)> {
    let q = skip_gap(text, p);
    let first = char_at(text, q).filter(|&c| CURRENCY_SUFFIX_STARTS.has(c))?;
    CURRENCY_SUFFIXES
        .iter()
        .filter(|w| same_first(w.text, first))
        .find_map(|w| {
            let hit = if w.ascii_word {
                starts_with_word(text, q, w.text, false)
            } else {
                text[q..].starts_with(w.text)
            };
            hit.then_some((q + w.text.len(), w.currency, w.text == GENERIC_CURRENCY))
        })
}

/// `10倍`, `2x`, `2×`, `3 times`, `5-fold`: where the multiple marker ends.
fn multiple_after(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p)?;
    // A multiple is glued to the digits or follows white space.
    let blank = matches!(c, ' ' | '\u{a0}' | '\t' | '\n' | '\r' | '\u{3000}');
    if !blank && !MULTIPLE_STARTS.has(c) {
        return None;
    }
    let q = skip_gap(text, p);
    let spaced = char_at(text, q);
    MULTIPLE_WORDS.iter().find_map(|w| {
        let at = w.attach.position(p, q)?;
        let first = if at == p { Some(c) } else { spaced };
        let hit = first.is_some_and(|f| same_first(w.text, f))
            && if w.bounded {
                starts_with_word(text, at, w.text, false)
            } else {
                text[at..].starts_with(w.text)
            };
        hit.then_some(at + w.text.len())
    })
}

/// A Chinese measure word at `p` (`家`, `片`, `個月`).
fn measure_word(text: &str, p: usize) -> Option<&'static str> {
    let c = char_at(text, p).filter(|&c| MEASURE_STARTS.has(c))?;
    MEASURE_WORDS
        .iter()
        .copied()
        .filter(|w| same_first(w, c))
        .find(|w| text[p..].starts_with(w))
}

/// 00700.HK, 688981.SH: a stock code's market suffix at `p`; where it ends.
fn stock_code(text: &str, p: usize, c: char) -> Option<usize> {
    if c != '.' {
        return None;
    }
    let end = skip_while(text, p + 1, |c| c.is_ascii_uppercase());
    ((2..=3).contains(&(end - p - 1)) && !char_at(text, end).is_some_and(|c| c.is_alphanumeric()))
        .then_some(end)
}

/// 10-K, 20-F: a filing form's letters at `p`; where they end.
fn filing_form(text: &str, p: usize, c: char) -> Option<usize> {
    if c != '-' || !char_at(text, p + 1).is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let end = skip_while(text, p + 1, |c| c.is_ascii_alphanumeric());
    (end - p - 1 <= 2).then_some(end)
}
