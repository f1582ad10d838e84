//! A number as the scanner reads it ([`Raw`]): the written value and what
//! the steps found around it, before scale and percent are applied. The
//! last step, [`Raw::finish`], turns it into a [`Number`].

use rust_decimal::Decimal;

use super::super::chinese::ChineseNumeral;
use super::super::decimal::times_pow10;
use super::super::lexicon::PercentSign;
use super::super::{Currency, Kind, Number};
use super::digits::Core;

/// A number as read, before its scale and percent are applied.
#[derive(Clone, Debug)]
pub(super) struct Raw {
    /// Where the written number starts (sign, currency, `第` included).
    pub(super) start: usize,
    /// Where the written number ends (scale, percent, unit included).
    pub(super) end: usize,
    /// The byte range of the digits alone.
    pub(super) digits: (usize, usize),
    /// Signed value as written, without scale or percent.
    pub(super) written: Decimal,
    /// Half a unit of the last written digit, without scale or percent.
    pub(super) half: Decimal,
    /// The power of ten of a scale word after the digits (8 for `億`).
    pub(super) scale_exp: u32,
    /// A percent or point sign before or after the digits.
    pub(super) percent: Option<PercentSign>,
    /// A currency written before or after the digits.
    pub(super) currency: Option<Currency>,
    /// What the number is, as far as the steps so far could tell.
    pub(super) kind: Kind,
    /// A measure word, unit or `times` after the number.
    pub(super) unit: Option<&'static str>,
    /// Written with `多`/`余`: the true value is above it.
    pub(super) more: bool,
    /// A bare four-digit integer between 1900 and 2100 that context may make a year.
    pub(super) year_like: bool,
    /// Nothing is written after the digits, so a range partner's suffix applies.
    pub(super) suffixless: bool,
    /// The kind was settled by a pattern (an ISO date) and pairing must not change it.
    pub(super) fixed: bool,
    /// Digits written as a plain integer of at most two digits (`24` in `2023-24`).
    pub(super) short_int: bool,
}

impl Raw {
    /// A bare quantity whose digits span `start..end`, nothing found around it yet.
    pub(super) fn new(start: usize, end: usize, written: Decimal, half: Decimal) -> Raw {
        Raw {
            start,
            end,
            digits: (start, end),
            written,
            half,
            scale_exp: 0,
            percent: None,
            currency: None,
            kind: Kind::Quantity,
            unit: None,
            more: false,
            year_like: false,
            suffixless: true,
            fixed: false,
            short_int: false,
        }
    }

    /// The number Arabic digits spell, before anything around them is read.
    pub(super) fn from_core(core: &Core) -> Raw {
        let mut raw = Raw::new(core.start, core.end, core.value, core.half);
        raw.short_int = core.frac_digits == 0 && !core.grouped && core.int_digits <= 2;
        raw
    }

    /// The number a Chinese numeral read at `at` spells.
    pub(super) fn from_chinese(at: usize, n: &ChineseNumeral) -> Raw {
        Raw::new(at, n.end, n.value, n.place * Decimal::new(5, 1))
    }

    /// Settles the kind and where the number ends.
    pub(super) fn settle(&mut self, kind: Kind, end: usize) {
        self.kind = kind;
        self.end = end;
    }

    /// The finished number: scale and percent applied to value and interval.
    pub(super) fn finish(self) -> Number {
        let exp = self.scale_exp as i32 - self.percent.map_or(0, PercentSign::places);
        let (value, half_unit, kind) = self.scaled(exp);
        Number {
            span: self.start..self.end,
            digits: self.digits.0..self.digits.1,
            value,
            half_unit,
            kind,
            currency: self.currency,
            unit: self.unit,
            more: self.more,
            scale: exp,
        }
    }

    /// Value, half unit and kind with the decimal point moved by `exp`. A
    /// number whose interval does not fit a decimal is a label, not a value.
    fn scaled(&self, exp: i32) -> (Decimal, Decimal, Kind) {
        match (times_pow10(self.written, exp), times_pow10(self.half, exp)) {
            (Some(v), Some(h)) if fits(v, h) => (v, h, self.final_kind()),
            _ if fits(self.written, self.half) => (self.written, self.half, Kind::Label),
            _ => (self.written, Decimal::ZERO, Kind::Label),
        }
    }

    /// The kind once a percent sign is counted; a label stays a label.
    fn final_kind(&self) -> Kind {
        match self.percent {
            _ if self.kind == Kind::Label => Kind::Label,
            Some(sign) => sign.kind(),
            None => self.kind,
        }
    }
}

/// Whether both ends of the interval `v ± h` fit a decimal.
#[inline]
fn fits(v: Decimal, h: Decimal) -> bool {
    v.checked_add(h).is_some() && v.checked_sub(h).is_some()
}
