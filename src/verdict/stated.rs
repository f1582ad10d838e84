//! Stated values: the numbers `says` marks, what each allows once its
//! qualifier and the claim's `tolerance` are applied, and the tolerance
//! itself.

use std::ops::Range;

use num_traits::{Signed, Zero};

use super::qualifiers::{Qualifier, qualifier};
use crate::expr::{Quantity, Tolerance};
use crate::facts::marked_numbers;
use crate::interval::{Interval, Rat, int, rat};
use crate::notation::Notation;
use crate::numbers::{Currency, Kind, Number, read_number_at};
use crate::outcome::Span;
use crate::quote::Marked;

/// One end of a stated range; `None` is infinite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bound {
    value: Option<Rat>,
    closed: bool,
}

/// The values a stated number (with its qualifier and tolerance) allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StatedRange {
    lo: Bound,
    hi: Bound,
}

impl StatedRange {
    /// Every value of `iv`, its ends open or closed as they are.
    pub(crate) fn of(iv: Interval) -> StatedRange {
        StatedRange {
            lo: Bound {
                value: Some(iv.lo),
                closed: !iv.lo_open,
            },
            hi: Bound {
                value: Some(iv.hi),
                closed: !iv.hi_open,
            },
        }
    }

    /// Whether some value of `iv` is allowed. Ends that only touch share
    /// their value when both are closed; with both ranges non-empty, the
    /// two end tests are the whole test.
    pub(crate) fn overlaps(&self, iv: &Interval) -> bool {
        let above_lo = match &self.lo.value {
            None => true,
            Some(lo) => iv.hi > *lo || self.lo.closed && !iv.hi_open && iv.hi == *lo,
        };
        let below_hi = match &self.hi.value {
            None => true,
            Some(hi) => iv.lo < *hi || self.hi.closed && !iv.lo_open && iv.lo == *hi,
        };
        above_lo && below_hi
    }

    /// The lower and upper ends (`None` when unbounded), for callers that
    /// search for values inside the range.
    pub(crate) fn bounds(&self) -> (Option<&Rat>, Option<&Rat>) {
        (self.lo.value.as_ref(), self.hi.value.as_ref())
    }

    /// How far `iv` is from the allowed values (zero when they overlap).
    pub(crate) fn gap(&self, iv: &Interval) -> Rat {
        if let Some(lo) = self.lo.value.as_ref().filter(|lo| iv.hi < **lo) {
            return lo - &iv.hi;
        }
        if let Some(hi) = self.hi.value.as_ref().filter(|hi| iv.lo > **hi) {
            return &iv.lo - hi;
        }
        Rat::zero()
    }
}

/// A value stated in `says`.
#[derive(Clone)]
pub(crate) struct Stated {
    /// The number as the reader took it.
    pub number: Number,
    /// The values it stands for, with its unit and currency.
    pub quantity: Quantity,
    /// The number with its qualifier, as written.
    pub written: String,
    /// Byte range in the marked text of number and qualifier.
    pub span: Range<usize>,
    qualifier: Option<Qualifier>,
    /// How it is written.
    pub notation: Notation,
}

impl Stated {
    /// The stated value for a report, standing at `at`.
    pub(crate) fn outcome(&self, at: Option<Span>) -> crate::outcome::Stated {
        crate::outcome::Stated {
            written: self.written.clone(),
            at,
            quantity: self.quantity.clone(),
            kind: self.number.kind,
            notation: self.notation.clone(),
        }
    }

    /// The values `marked` states, with their qualifiers.
    pub(crate) fn read(marked: &Marked) -> Result<Vec<Stated>, String> {
        let numbers = marked_numbers(marked)?;
        Ok(numbers
            .into_iter()
            .map(|n| {
                let found = qualifier(&marked.text, &n.span);
                let mut qualifier = found.as_ref().map(|(q, _)| *q);
                if qualifier.is_none() && n.more {
                    qualifier = Some(Qualifier::Over);
                }
                let span = found.map_or(n.span.clone(), |(_, r)| r);
                Stated {
                    quantity: Quantity::from_number(&n),
                    written: marked.text[span.clone()].replace('\n', " "),
                    span,
                    qualifier,
                    notation: Notation::of(&n, &marked.text),
                    number: n,
                }
            })
            .collect())
    }

    /// What the stated value allows, given its qualifier and the tolerance.
    pub(crate) fn range(&self, tolerance: Option<&Tolerance>) -> StatedRange {
        let rounded = &self.quantity.iv;
        let v = rat(self.number.value);
        let magnitude = v.abs();
        let given = |default_percent: i64| match tolerance {
            Some(t) => t.width(rounded),
            None => &magnitude * int(default_percent) / int(100),
        };
        let extra = tolerance.map_or_else(Rat::zero, |t| t.width(rounded));
        let open = |value: Option<Rat>, closed: bool| Bound { value, closed };
        match self.qualifier {
            None => StatedRange::of(rounded.widen(&extra)),
            Some(Qualifier::About) => {
                let w = given(5);
                StatedRange::of(rounded.hull(&Interval::new(&v - &w, &v + &w)))
            }
            Some(Qualifier::Nearly) => {
                let w = given(10);
                if v.is_negative() {
                    StatedRange::of(Interval::new(v.clone(), &v + &w))
                } else {
                    StatedRange::of(Interval::new(&v - &w, v))
                }
            }
            Some(Qualifier::Over) => StatedRange {
                lo: open(Some(&v - &extra), extra.is_positive()),
                hi: open(None, false),
            },
            Some(Qualifier::AtLeast) => StatedRange {
                lo: open(Some(&v - &extra), true),
                hi: open(None, false),
            },
            Some(Qualifier::Under) => StatedRange {
                lo: open(None, false),
                hi: open(Some(&v + &extra), extra.is_positive()),
            },
            Some(Qualifier::AtMost) => StatedRange {
                lo: open(None, false),
                hi: open(Some(&v + &extra), true),
            },
        }
    }
}

/// What a tolerance or a stated value is measured in, as far as a tolerance
/// must fit it: percentage points, an amount (with a currency, or written
/// with a scale word), or a bare number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Percent,
    Points,
    Amount(Option<Currency>),
    Bare,
}

impl Unit {
    /// The unit of a number as written.
    fn of(n: &Number) -> Unit {
        match (n.kind, n.currency) {
            (Kind::Percent, _) => Unit::Percent,
            (Kind::Points, _) => Unit::Points,
            (_, Some(c)) => Unit::Amount(Some(c)),
            (_, None) if n.scale > 0 => Unit::Amount(None),
            _ => Unit::Bare,
        }
    }

    /// A name for messages.
    fn describe(self) -> String {
        match self {
            Unit::Percent => "a percent".to_string(),
            Unit::Points => "percentage points".to_string(),
            Unit::Amount(Some(c)) => format!("an amount in {}", c.code()),
            Unit::Amount(None) => "an amount with no currency".to_string(),
            Unit::Bare => "a bare number".to_string(),
        }
    }

    /// Whether an absolute tolerance in this unit may widen a value in
    /// `stated`. Points widen percents and points; a currency widens only
    /// that currency; a scale word with no currency (`0.02億`) widens any
    /// amount; a bare number (`5`) only a value with no currency, since it
    /// says nothing about money.
    fn widens(self, stated: Unit) -> bool {
        match (self, stated) {
            (Unit::Percent, _) => true,
            (Unit::Points, s) => matches!(s, Unit::Percent | Unit::Points),
            (Unit::Amount(Some(c)), s) => s == Unit::Amount(Some(c)),
            (Unit::Amount(None), s) => matches!(s, Unit::Amount(_) | Unit::Bare),
            (Unit::Bare, s) => matches!(s, Unit::Amount(None) | Unit::Bare),
        }
    }

    /// How a tolerance for a value in this unit may be written.
    fn advice(self) -> &'static str {
        match self {
            Unit::Percent | Unit::Points => "in percentage points (`0.1pp`)",
            Unit::Amount(Some(_)) => {
                "as an amount in its currency (`RMB1 million`) or with a scale word (`0.02億`)"
            }
            Unit::Amount(None) | Unit::Bare => "as a number (`5`, `0.02億`)",
        }
    }
}

/// Whether a `tolerance`, as written, fits stated value `s` (contract
/// v1.1): a relative one fits anything, an absolute one must have the
/// stated value's unit. The error names both units; it is the claim's
/// `error` (CC011), since widening a percent by an amount means nothing.
pub(crate) fn tolerance_fits(tolerance: &str, s: &Stated) -> Result<(), String> {
    let t = tolerance.trim();
    let Some(n) = read_number_at(t, 0) else {
        return Ok(());
    };
    let (unit, stated) = (Unit::of(&n), Unit::of(&s.number));
    if unit.widens(stated) {
        return Ok(());
    }
    Err(format!(
        "tolerance `{t}` is {}, but the stated value {} is {}; write it {} or as a relative width (`2%`)",
        unit.describe(),
        s.written,
        stated.describe(),
        stated.advice()
    ))
}

/// Reads a `tolerance`: `"2%"` is relative, `"0.1pp"` or `"0.02億"` absolute.
pub(crate) fn parse_tolerance(s: &str) -> Result<Tolerance, String> {
    let t = s.trim();
    let n = read_number_at(t, 0)
        .filter(|n| n.span.end == t.len())
        .ok_or_else(|| format!("cannot read tolerance `{s}`; write `2%` (relative) or an amount such as `0.1pp` or `0.02億`"))?;
    if n.value.is_sign_negative() {
        return Err(format!("tolerance `{s}` is negative"));
    }
    match n.kind {
        Kind::Percent => Ok(Tolerance::Relative(rat(n.value))),
        Kind::Points | Kind::Quantity => Ok(Tolerance::Absolute(Quantity::literal(&n))),
        other => Err(format!("tolerance `{s}` reads as a {other}, not a width")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::Dim;
    use crate::quote::parse_marked;

    #[test]
    fn tolerances() {
        assert_eq!(
            parse_tolerance("2%"),
            Ok(Tolerance::Relative(int(2) / int(100)))
        );
        assert!(
            matches!(parse_tolerance("0.1pp"), Ok(Tolerance::Absolute(t)) if t.dim == Dim::Points && t.iv.lo == int(1) / int(1000))
        );
        assert!(
            matches!(parse_tolerance(" 0.02億 "), Ok(Tolerance::Absolute(t)) if t.iv.lo == int(2_000_000))
        );
        assert!(parse_tolerance("two percent").is_err());
        assert!(parse_tolerance("-2%").is_err());
    }

    fn range(says: &str, tolerance: Option<&str>) -> StatedRange {
        let marked = parse_marked(says).unwrap();
        let stated = Stated::read(&marked).unwrap();
        let t = tolerance.map(|t| parse_tolerance(t).unwrap());
        stated[0].range(t.as_ref())
    }

    fn exact(lo: i64, hi: i64, den: i64) -> Interval {
        Interval::new(int(lo) / int(den), int(hi) / int(den))
    }

    #[test]
    fn qualifiers_widen_the_stated_value() {
        // over 75%: 75.01% is in, 75% is not.
        let over = range("over {75%}", None);
        assert!(over.overlaps(&exact(7501, 7600, 10000)));
        assert!(!over.overlaps(&exact(7000, 7500, 10000)));
        // at least 75% takes 75% itself.
        assert!(range("at least {75%}", None).overlaps(&exact(7000, 7500, 10000)));
        // about 100 allows 95 to 105.
        let about = range("about {100}", None);
        assert!(about.overlaps(&exact(105, 110, 1)) && !about.overlaps(&exact(1051, 1100, 10)));
        // nearly 50%: at most 50% and at least 45%.
        let nearly = range("nearly {50%}", None);
        assert!(
            nearly.overlaps(&exact(440, 451, 1000)) && !nearly.overlaps(&exact(5001, 5100, 10000))
        );
        // A tolerance replaces the default width.
        let wide = range("about {100}", Some("10%"));
        assert!(wide.overlaps(&exact(109, 120, 1)));
        // 多 after the number means more than.
        assert!(!range("{1300}多名", None).overlaps(&exact(1200, 1300, 1)));
    }

    fn fits(tolerance: &str, says: &str) -> Result<(), String> {
        let stated = Stated::read(&parse_marked(says).unwrap()).unwrap();
        tolerance_fits(tolerance, &stated[0])
    }

    #[test]
    fn a_tolerance_must_have_the_stated_values_unit() {
        for (t, says) in [
            ("2%", "share of {16.8%}"),
            ("2%", "revenue of {RMB540 million}"),
            ("0.1pp", "share of {16.8%}"),
            ("0.1pp", "up {2.5 percentage points}"),
            ("0.02億", "收入{5.4億元}"),
            ("RMB1 million", "revenue of {RMB540 million}"),
            ("0.02億", "{1,300} employees"),
            ("5", "{1,300} employees"),
            ("5", "收入{5.4億}"),
        ] {
            assert_eq!(fits(t, says), Ok(()), "{t} on {says}");
        }
        for (t, says) in [
            ("0.1億", "share of {16.8%}"),
            ("RMB1", "share of {16.8%}"),
            ("5", "share of {16.8%}"),
            ("0.1pp", "revenue of {RMB540 million}"),
            ("US$1 million", "revenue of {RMB540 million}"),
            ("5", "revenue of {RMB540 million}"),
            ("RMB1 million", "{1,300} employees"),
        ] {
            assert!(fits(t, says).is_err(), "{t} on {says}");
        }
        assert_eq!(
            fits("0.1億", "share of {16.8%}"),
            Err("tolerance `0.1億` is an amount with no currency, but the stated value 16.8% is a percent; write it in percentage points (`0.1pp`) or as a relative width (`2%`)".to_string())
        );
    }
}
