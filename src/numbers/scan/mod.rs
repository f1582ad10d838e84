//! The scanner: finds where numbers start, reads their digits, then looks
//! back for what stands before them and forward for what follows, settles
//! what kind of number it is, and pairs it with its neighbour. One job per
//! file:
//!
//! - `mod.rs`: the [`NumberReader`] iterator, the search for candidate
//!   positions, and the [`Scanner`] that runs the steps below on one;
//! - `digits.rs`: reading Arabic digits, thousands groups and a decimal point;
//! - `numerals.rs`: Chinese numerals in context, and `百分之` fractions;
//! - `before.rs`: look-behind (signs, currencies, `第`, glued letters, the
//!   words before);
//! - `after.rs`: look-ahead (`)`, `多`, scales, percents, currencies,
//!   multiples, units);
//! - `calendar.rs`: the marks that make a number a year, date or ordinal;
//! - `kind.rs`: classification, from what the look-behind and look-ahead found;
//! - `patterns.rs`: ISO dates, and pairing ranges and lists;
//! - `raw.rs`: the number as read, and how it becomes a [`Number`];
//! - `text.rs`: small text helpers.
//!
//! The word lists all steps consult live in `lexicon.rs`.

mod after;
mod before;
mod calendar;
mod digits;
mod kind;
mod numerals;
mod patterns;
mod raw;
mod text;

use std::collections::VecDeque;

use super::chinese;
use super::lexicon::starts_fraction_prefix;
use super::{Kind, Number};
use before::{Before, in_escape_sequence, skip_prefix_currency};
use digits::{Core, ascii_or_wide_digit, is_digit_char};
use numerals::fraction_prefix;
use patterns::pair;
use raw::Raw;
use text::char_at;

/// Iterator over the numbers of a text, in document order.
pub struct NumberReader<'a> {
    /// The text being read.
    text: &'a str,
    /// Where the search for the next number goes on.
    pos: usize,
    /// Where the previous number ended: no look-behind goes before it.
    prev_end: usize,
    /// The last number read, held back until its right neighbour is known.
    pending: Option<Raw>,
    /// Numbers a pattern read at once (the rest of an ISO date).
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

    /// Finds and reads the next number after `self.pos`.
    fn scan(&mut self) -> Option<Raw> {
        if let Some(raw) = self.ready.pop_front() {
            return Some(raw);
        }
        while let Some(at) = next_candidate(self.text, self.pos) {
            let scanner = Scanner {
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

impl Iterator for NumberReader<'_> {
    type Item = Number;

    /// Each number is finished once the next is read, since pairing with
    /// it may still give it a suffix or a kind (`3-5 billion`, `2023-24`).
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
    let scanner = Scanner { text, floor: pos };
    let mut digits_at = skip_prefix_currency(text, pos).unwrap_or(pos);
    if char_at(text, digits_at) == Some('.') {
        digits_at += 1;
    }
    ascii_or_wide_digit(char_at(text, digits_at)?)?;
    let raw = scanner.arabic(digits_at, false)?;
    (raw.start == pos).then(|| raw.finish())
}

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

/// Reads the number(s) starting at one candidate position. Its steps live
/// in the files of this module, each in its own `impl Scanner` block.
struct Scanner<'a> {
    /// The text being read.
    text: &'a str,
    /// Look-behind never goes before this offset (the end of the previous number).
    floor: usize,
}

impl Scanner<'_> {
    /// The number starting at `at`; a pattern of several (an ISO date) puts the rest in `more`.
    fn at(&self, at: usize, more: &mut VecDeque<Raw>) -> Option<Raw> {
        let c = char_at(self.text, at)?;
        if ascii_or_wide_digit(c).is_some() {
            // `ESC[0m`: the parameters of a terminal escape, not a number.
            let after_bracket = matches!(
                at.checked_sub(1).map(|i| self.text.as_bytes()[i]),
                Some(b'[' | b';' | b'?')
            );
            if after_bracket && in_escape_sequence(self.text, at) {
                return None;
            }
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

    /// Reads an Arabic number whose digits start at `at`: digits, what
    /// stands before (unless `standalone`), what follows, and its kind.
    fn arabic(&self, at: usize, standalone: bool) -> Option<Raw> {
        // A `.` before the digits is a decimal point only after the floor.
        let no_leading_dot = standalone || self.floor > at.saturating_sub(1);
        let core = Core::read(self.text, at, no_leading_dot);
        let mut raw = Raw::from_core(&core);
        if core.overflow || core.version_like {
            raw.kind = Kind::Label;
            return Some(raw);
        }
        let before = if standalone {
            Before::at(core.start)
        } else {
            self.look_behind(core.start)
        };
        raw.start = before.start;
        raw.currency = before.currency;
        if before.negative {
            raw.written = -raw.written;
        }
        raw.end = self.look_ahead(&mut raw, &core, &before);
        self.classify(&mut raw, &core, &before);
        Some(raw)
    }
}
