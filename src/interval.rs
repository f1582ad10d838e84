//! Exact interval arithmetic on rationals. Every written number stands for
//! the interval of values that round to it; arithmetic keeps exact bounds,
//! so a check never passes or fails because of binary floating point.
//! Roots, the one operation without exact rational results, are bounded
//! outward ([`Interval::pow`]).
//!
//! Every bound's numerator and denominator stay within [`MAX_BOUND_BITS`]
//! bits ([`Interval::checked`]), so no chain of operations can take
//! unbounded time or memory.

use std::cmp::Ordering;
use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

mod power;

pub use power::{EXACT_EXPONENT_BITS, EXPONENT_FRACTION_BITS, ROOT_PRECISION};

/// The most bits a bound's numerator or denominator may have (about 1,200
/// decimal digits). Written numbers have at most 28 digits, so only runaway
/// computations (`x*x*x*…`, powers of huge numbers) come near it.
pub const MAX_BOUND_BITS: u64 = 4096;

/// An exact rational number.
pub type Rat = BigRational;

/// An interval of rationals whose ends may each be open: `[lo, hi]`,
/// `[lo, hi)`, `(lo, hi]` or `(lo, hi)`. A written number rounds half away
/// from zero, so `5.4` is `[5.35, 5.45)` and `−5.4` is `(−5.45, −5.35]`;
/// the open end is what keeps `1.5%` and `1.6%` from touching. A single
/// value (`lo == hi`) is always closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Rat,
    /// Upper bound.
    pub hi: Rat,
    /// Whether `lo` itself is left out.
    pub lo_open: bool,
    /// Whether `hi` itself is left out.
    pub hi_open: bool,
}

/// Why an interval operation has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArithmeticError {
    /// The divisor's interval contains zero.
    DivisionByZero,
    /// A root or power of a value that may be zero or negative.
    NotPositive,
    /// A bound would need more than [`MAX_BOUND_BITS`] bits.
    TooLarge,
}

impl fmt::Display for ArithmeticError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArithmeticError::DivisionByZero => {
                f.write_str("division by an interval that contains zero")
            }
            ArithmeticError::NotPositive => f.write_str("the base must be positive"),
            ArithmeticError::TooLarge => write!(
                f,
                "the numbers grew too large to compute exactly (limit {MAX_BOUND_BITS} bits)"
            ),
        }
    }
}

/// A truth value that rounding may leave open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    /// Holds for every value in the intervals.
    True,
    /// Holds for no value in the intervals.
    False,
    /// Holds for some values and not for others.
    Undecided,
}

impl std::ops::Not for Truth {
    type Output = Truth;

    /// Negation; undecided stays undecided.
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Undecided => Truth::Undecided,
        }
    }
}

impl Truth {
    /// Kleene conjunction.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Undecided,
        }
    }

    /// Kleene disjunction.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Undecided,
        }
    }

    /// `true`, `false` or `undecided`.
    pub fn as_str(self) -> &'static str {
        match self {
            Truth::True => "true",
            Truth::False => "false",
            Truth::Undecided => "undecided",
        }
    }

    fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

/// Converts a decimal to an exact rational.
pub fn rat(d: Decimal) -> Rat {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

/// An integer as a rational.
pub fn int(n: i64) -> Rat {
    Rat::from_integer(BigInt::from(n))
}

/// `10^exp` as a rational (negative exponents allowed).
pub fn pow10(exp: i32) -> Rat {
    let p = Rat::from_integer(BigInt::from(10).pow(exp.unsigned_abs()));
    if exp < 0 { p.recip() } else { p }
}

impl Interval {
    /// The closed interval between `a` and `b`, in either order.
    pub fn new(a: Rat, b: Rat) -> Interval {
        if a <= b {
            Interval::closed(a, b)
        } else {
            Interval::closed(b, a)
        }
    }

    /// `[lo, hi]`, for bounds already in order.
    fn closed(lo: Rat, hi: Rat) -> Interval {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    /// A single exact value.
    pub fn exact(v: Rat) -> Interval {
        Interval::closed(v.clone(), v)
    }

    /// The values a number written as `value`, with a last digit worth
    /// `2 · half`, stands for: those that round to it half away from zero.
    /// The end toward zero is closed and the far end open (`5.4` is
    /// `[5.35, 5.45)`, `−5.4` is `(−5.45, −5.35]`, `0` is `(−0.5, 0.5)`);
    /// a zero `half` gives the exact value.
    pub fn around(value: Decimal, half: Decimal) -> Interval {
        let (v, h) = (rat(value), rat(half.abs()));
        if h.is_zero() {
            return Interval::exact(v);
        }
        Interval {
            lo: &v - &h,
            hi: &v + &h,
            lo_open: !v.is_positive(),
            hi_open: !v.is_negative(),
        }
    }

    /// The interval itself, or [`ArithmeticError::TooLarge`] when a bound's
    /// numerator or denominator has more than [`MAX_BOUND_BITS`] bits. The
    /// evaluator passes the result of every operation through it.
    pub fn checked(self) -> Result<Interval, ArithmeticError> {
        let fits =
            |x: &Rat| x.numer().bits() <= MAX_BOUND_BITS && x.denom().bits() <= MAX_BOUND_BITS;
        if fits(&self.lo) && fits(&self.hi) {
            Ok(self)
        } else {
            Err(ArithmeticError::TooLarge)
        }
    }

    /// Whether the interval is a single value.
    pub fn is_exact(&self) -> bool {
        self.lo == self.hi
    }

    /// The midpoint.
    pub fn mid(&self) -> Rat {
        (&self.lo + &self.hi) / int(2)
    }

    /// Whether `x` lies in the interval, open ends left out.
    pub fn contains(&self, x: &Rat) -> bool {
        let above = if self.lo_open {
            *x > self.lo
        } else {
            *x >= self.lo
        };
        let below = if self.hi_open {
            *x < self.hi
        } else {
            *x <= self.hi
        };
        above && below
    }

    /// Whether zero lies in the interval or at one of its ends, open or
    /// not: division and powers need a divisor or base bounded away from
    /// zero, since `1 / (0, 1]` has no upper bound.
    pub fn contains_zero(&self) -> bool {
        !self.lo.is_positive() && !self.hi.is_negative()
    }

    /// Whether the two intervals share a value (an open end shares nothing).
    pub fn overlaps(&self, other: &Interval) -> bool {
        // The intersection runs from the larger lower end to the smaller
        // upper one; where the two ends are equal, it is open if either is.
        let (lo, lo_open) = match self.lo.cmp(&other.lo) {
            Ordering::Less => (&other.lo, other.lo_open),
            Ordering::Greater => (&self.lo, self.lo_open),
            Ordering::Equal => (&self.lo, self.lo_open || other.lo_open),
        };
        let (hi, hi_open) = match self.hi.cmp(&other.hi) {
            Ordering::Less => (&self.hi, self.hi_open),
            Ordering::Greater => (&other.hi, other.hi_open),
            Ordering::Equal => (&self.hi, self.hi_open || other.hi_open),
        };
        match lo.cmp(hi) {
            Ordering::Less => true,
            Ordering::Equal => !lo_open && !hi_open,
            Ordering::Greater => false,
        }
    }

    /// The distance between two intervals (zero when they overlap or
    /// only touch at an open end).
    pub fn gap(&self, other: &Interval) -> Rat {
        if self.hi < other.lo {
            &other.lo - &self.hi
        } else if other.hi < self.lo {
            &self.lo - &other.hi
        } else {
            Rat::zero()
        }
    }

    /// Sum: an end is reached when both ends that make it are.
    pub fn add(&self, o: &Interval) -> Interval {
        Interval {
            lo: &self.lo + &o.lo,
            hi: &self.hi + &o.hi,
            lo_open: self.lo_open || o.lo_open,
            hi_open: self.hi_open || o.hi_open,
        }
    }

    /// Difference.
    pub fn sub(&self, o: &Interval) -> Interval {
        self.add(&o.neg())
    }

    /// Negation.
    pub fn neg(&self) -> Interval {
        Interval {
            lo: -&self.hi,
            hi: -&self.lo,
            lo_open: self.hi_open,
            hi_open: self.lo_open,
        }
    }

    /// Product: the smallest and largest of the four corner products.
    pub fn mul(&self, o: &Interval) -> Interval {
        // A zero product is reached whenever either factor can be zero; any
        // other corner only when both of its ends are (a product xy ≠ 0 is
        // strictly monotone along each edge, so no other point reaches it).
        let zero = self.contains(&Rat::zero()) || o.contains(&Rat::zero());
        let corner = |(x, x_open): (&Rat, bool), (y, y_open): (&Rat, bool)| {
            let p = x * y;
            let reached = if p.is_zero() {
                zero
            } else {
                !x_open && !y_open
            };
            (p, reached)
        };
        let (a, b) = (self.ends(), o.ends());
        enclose([
            corner(a[0], b[0]),
            corner(a[0], b[1]),
            corner(a[1], b[0]),
            corner(a[1], b[1]),
        ])
    }

    /// The two ends with whether each is left out.
    fn ends(&self) -> [(&Rat, bool); 2] {
        [(&self.lo, self.lo_open), (&self.hi, self.hi_open)]
    }

    /// `1 / self`, for an interval bounded away from zero.
    fn recip(&self) -> Interval {
        Interval {
            lo: self.hi.recip(),
            hi: self.lo.recip(),
            lo_open: self.hi_open,
            hi_open: self.lo_open,
        }
    }

    /// Quotient; an error when the divisor may be zero.
    pub fn div(&self, o: &Interval) -> Result<Interval, ArithmeticError> {
        if o.contains_zero() {
            return Err(ArithmeticError::DivisionByZero);
        }
        self.mul(&o.recip()).checked()
    }

    /// Absolute value.
    pub fn abs(&self) -> Interval {
        if !self.lo.is_negative() {
            return self.clone();
        }
        if !self.hi.is_positive() {
            return self.neg();
        }
        // Zero is inside; the top is the farther end.
        let (hi, hi_open) = match self.hi.cmp(&-&self.lo) {
            Ordering::Greater => (self.hi.clone(), self.hi_open),
            Ordering::Less => (-&self.lo, self.lo_open),
            Ordering::Equal => (self.hi.clone(), self.hi_open && self.lo_open),
        };
        Interval {
            lo: Rat::zero(),
            hi,
            lo_open: false,
            hi_open,
        }
    }

    /// The interval of `min(x, y)` for x, y in the two intervals.
    pub fn min(&self, o: &Interval) -> Interval {
        let (lo, lo_open) = lower(&self.lo, self.lo_open, &o.lo, o.lo_open, Reach::Either);
        let (hi, hi_open) = lower(&self.hi, self.hi_open, &o.hi, o.hi_open, Reach::Both);
        Interval {
            lo,
            hi,
            lo_open,
            hi_open,
        }
    }

    /// The interval of `max(x, y)`.
    pub fn max(&self, o: &Interval) -> Interval {
        self.neg().min(&o.neg()).neg()
    }

    /// The smallest interval holding both.
    pub fn hull(&self, o: &Interval) -> Interval {
        let (lo, lo_open) = lower(&self.lo, self.lo_open, &o.lo, o.lo_open, Reach::Either);
        let (hi, hi_open) = lower(&-&self.hi, self.hi_open, &-&o.hi, o.hi_open, Reach::Either);
        Interval {
            lo,
            hi: -hi,
            lo_open,
            hi_open,
        }
    }

    /// Widens both ends by `w` (at least zero); each end stays as open as it was.
    pub fn widen(&self, w: &Rat) -> Interval {
        Interval {
            lo: &self.lo - w,
            hi: &self.hi + w,
            ..self.clone()
        }
    }

    /// The results of rounding the values of the interval half away from
    /// zero to `digits` decimals: a closed interval of rounded values.
    pub fn round(&self, digits: i32) -> Interval {
        let step = pow10(-digits);
        let mut lo = round_half_away(&self.lo, digits);
        let mut hi = round_half_away(&self.hi, digits);
        // An open end on a rounding boundary rounds like the values next to
        // it: `(−0.05, …` gives −0.0, not −0.1; `…, 0.05)` gives 0.0.
        if self.lo_open && self.lo.is_negative() && is_half_step(&self.lo, digits) {
            lo += &step;
        }
        if self.hi_open && self.hi.is_positive() && is_half_step(&self.hi, digits) {
            hi -= &step;
        }
        Interval::new(lo, hi)
    }

    /// `self^(1/n)` for a positive interval, bounded outward.
    pub fn root(&self, n: u32) -> Result<Interval, ArithmeticError> {
        let exponent = Rat::new(BigInt::one(), BigInt::from(n.max(1)));
        self.pow(&Interval::exact(exponent))
    }

    /// `self^e` for a positive interval and any exponent interval, bounded
    /// outward (within about 2^-[`ROOT_PRECISION`], relatively) and exact
    /// when the result is rational. Used by `cagr` with `e = 1/years`.
    pub fn pow(&self, e: &Interval) -> Result<Interval, ArithmeticError> {
        if !self.lo.is_positive() {
            return Err(ArithmeticError::NotPositive);
        }
        // x^y is monotone in x and in y: the extremes lie at the corners.
        let lo_e = power::enclose_exponent(&e.lo, power::Dir::Down);
        let hi_e = power::enclose_exponent(&e.hi, power::Dir::Up);
        let exponents = [
            (lo_e.clone(), e.lo_open && lo_e == e.lo),
            (hi_e.clone(), e.hi_open && hi_e == e.hi),
        ];
        // A single value is one end, not two: each corner may cost a root.
        let bases = &self.ends()[..if self.is_exact() { 1 } else { 2 }];
        let exponents = &exponents[..if lo_e == hi_e { 1 } else { 2 }];
        let mut corners = Vec::with_capacity(8);
        for &(x, x_open) in bases {
            for (y, y_open) in exponents {
                let (lo, hi) = power::power(x, y)?;
                // An open corner is only reached when the power is exact;
                // an enclosure lies strictly outside the true value. At
                // x = 1 or y = 0 the power is 1 along the whole edge.
                let reached = lo != hi
                    || (!x_open && !*y_open)
                    || (!x_open && x.is_one())
                    || (!*y_open && y.is_zero());
                corners.push((lo, reached));
                corners.push((hi, reached));
            }
        }
        enclose(corners).checked()
    }

    /// `self < o`, three-valued.
    pub fn lt(&self, o: &Interval) -> Truth {
        // Always when every x is below every y (equal ends need one open);
        // never when no x is below any y.
        let always = match self.hi.cmp(&o.lo) {
            Ordering::Less => true,
            Ordering::Equal => self.hi_open || o.lo_open,
            Ordering::Greater => false,
        };
        decide(always, self.lo >= o.hi)
    }

    /// `self <= o`, three-valued.
    pub fn le(&self, o: &Interval) -> Truth {
        !o.lt(self)
    }

    /// `self = o` in the contract's sense: the intervals are consistent.
    pub fn consistent(&self, o: &Interval) -> Truth {
        Truth::from_bool(self.overlaps(o))
    }
}

/// How an extreme shared by two intervals' ends is reached.
#[derive(Clone, Copy)]
enum Reach {
    /// When either end is closed (the lower end of `min`).
    Either,
    /// Only when both are (the upper end of `min`).
    Both,
}

/// The smaller of two ends with whether it is left out.
fn lower(a: &Rat, a_open: bool, b: &Rat, b_open: bool, tie: Reach) -> (Rat, bool) {
    match a.cmp(b) {
        Ordering::Less => (a.clone(), a_open),
        Ordering::Greater => (b.clone(), b_open),
        Ordering::Equal => match tie {
            Reach::Either => (a.clone(), a_open && b_open),
            Reach::Both => (a.clone(), a_open || b_open),
        },
    }
}

/// Whether `x` lies halfway between two multiples of `10^-digits`.
fn is_half_step(x: &Rat, digits: i32) -> bool {
    let twice = x * pow10(digits) * int(2);
    twice.is_integer() && !(twice / int(2)).is_integer()
}

fn decide(always: bool, never: bool) -> Truth {
    if always {
        Truth::True
    } else if never {
        Truth::False
    } else {
        Truth::Undecided
    }
}

/// The smallest interval holding `points` (values with whether each is
/// reached): an end is closed when some point at it is reached.
fn enclose<I: IntoIterator<Item = (Rat, bool)>>(points: I) -> Interval {
    let mut it = points.into_iter();
    let Some((first, reached)) = it.next() else {
        return Interval::exact(Rat::zero());
    };
    let mut iv = Interval {
        lo: first.clone(),
        hi: first,
        lo_open: !reached,
        hi_open: !reached,
    };
    for (p, reached) in it {
        match p.cmp(&iv.lo) {
            Ordering::Less => (iv.lo, iv.lo_open) = (p.clone(), !reached),
            Ordering::Equal => iv.lo_open &= !reached,
            Ordering::Greater => {}
        }
        match p.cmp(&iv.hi) {
            Ordering::Greater => (iv.hi, iv.hi_open) = (p, !reached),
            Ordering::Equal => iv.hi_open &= !reached,
            Ordering::Less => {}
        }
    }
    iv
}

/// Rounds half away from zero (四舍五入) to `digits` decimals.
pub fn round_half_away(x: &Rat, digits: i32) -> Rat {
    let scale = pow10(digits);
    let scaled = x * &scale;
    let half = Rat::new(BigInt::one(), BigInt::from(2));
    let rounded = if scaled.is_negative() {
        -((-&scaled) + &half).floor()
    } else {
        (&scaled + &half).floor()
    };
    rounded / scale
}

/// How to round a bound when it is shown with fewer digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Toward minus infinity (for lower bounds).
    Down,
    /// Toward plus infinity (for upper bounds).
    Up,
    /// Half away from zero.
    Nearest,
}

/// A rational as a plain decimal string with `decimals` digits after the point.
pub fn to_decimal_string(x: &Rat, decimals: u32, rounding: Rounding) -> String {
    if let Some(n) = scaled_small(x, decimals, rounding) {
        return write_scaled(n < 0, n.unsigned_abs().to_string(), decimals);
    }
    let scale = BigInt::from(10).pow(decimals);
    let scaled = x * Rat::from_integer(scale.clone());
    let n = match rounding {
        Rounding::Down => scaled.floor().to_integer(),
        Rounding::Up => scaled.ceil().to_integer(),
        Rounding::Nearest => round_half_away(&scaled, 0).to_integer(),
    };
    write_scaled(n.is_negative(), n.abs().to_string(), decimals)
}

/// `round(x · 10^decimals)` in machine integers, when everything fits (the
/// common case: written numbers and their sums, ratios of small numbers).
fn scaled_small(x: &Rat, decimals: u32, rounding: Rounding) -> Option<i128> {
    let p = x.numer().to_i128()?;
    let q = x.denom().to_i128()?;
    let n = p.checked_mul(10i128.checked_pow(decimals)?)?;
    let (quot, rem) = (n.div_euclid(q), n.rem_euclid(q));
    Some(match rounding {
        Rounding::Down => quot,
        Rounding::Up => quot + i128::from(rem != 0),
        // Half away from zero: compare twice the remainder with the divisor.
        Rounding::Nearest => {
            let twice = rem.checked_mul(2)?;
            match (n < 0, twice.cmp(&q)) {
                (_, Ordering::Greater) | (false, Ordering::Equal) => quot + 1,
                _ => quot,
            }
        }
    })
}

/// Digits of `|n|` with the decimal point put `decimals` from the right.
fn write_scaled(negative: bool, digits: String, decimals: u32) -> String {
    let digits = format!("{digits:0>width$}", width = decimals as usize + 1);
    let (int_part, frac_part) = digits.split_at(digits.len() - decimals as usize);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac_part}")
    }
}

/// `x` as a plain decimal: exact when it terminates within 20 digits,
/// otherwise 12 decimals rounded as asked.
pub fn to_plain(x: &Rat, rounding: Rounding) -> String {
    match exact_decimals(x, 20) {
        Some(d) => to_decimal_string(x, d, Rounding::Nearest),
        None => to_decimal_string(x, 12, rounding),
    }
}

/// Whether `x` has a finite decimal expansion with at most `max` digits after the point.
pub fn exact_decimals(x: &Rat, max: u32) -> Option<u32> {
    // In lowest terms, x terminates iff its denominator is 2^a·5^b, after max(a, b) digits.
    let mut d = x.denom().magnitude().clone();
    let twos = d.trailing_zeros().unwrap_or(0);
    d >>= twos;
    let mut fives = 0u64;
    while (&d % 5u32).is_zero() {
        d /= 5u32;
        fives += 1;
        if fives > u64::from(max) {
            return None;
        }
    }
    let needed = twos.max(fives);
    (d.is_one() && needed <= u64::from(max)).then_some(needed as u32)
}

/// Compares a rational with zero.
pub fn sign(x: &Rat) -> Ordering {
    x.cmp(&Rat::zero())
}

/// Whether `x` is an integer.
pub fn is_integer(x: &Rat) -> bool {
    x.is_integer()
}

/// The integer value of `x` when it is one and fits an `i64`.
pub fn to_i64(x: &Rat) -> Option<i64> {
    if x.is_integer() {
        x.to_integer().to_i64()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn iv(value: &str, half: &str) -> Interval {
        Interval::around(
            Decimal::from_str(value).unwrap(),
            Decimal::from_str(half).unwrap(),
        )
    }

    fn s(x: &Rat, d: u32) -> String {
        to_decimal_string(x, d, Rounding::Nearest)
    }

    #[test]
    fn growth_of_rounded_values_from_the_research_notes() {
        // 1.89 → 5.4 is 182.32%–189.12%, so a stated 186% is consistent.
        let g = iv("5.4", "0.05")
            .div(&iv("1.89", "0.005"))
            .unwrap()
            .sub(&Interval::exact(int(1)));
        assert_eq!(
            (s(&g.lo, 4), s(&g.hi, 4)),
            ("1.8232".to_string(), "1.8912".to_string())
        );
        assert!(g.overlaps(&iv("1.86", "0.005")));
        assert!(!g.overlaps(&iv("1.96", "0.005")));
    }

    #[test]
    fn sums_of_rounded_values_are_exact() {
        let total = ["-4.44", "-5.42", "-6.28", "-4.62"]
            .iter()
            .map(|v| iv(v, "0.005"))
            .reduce(|a, b| a.add(&b))
            .unwrap();
        assert_eq!(
            (s(&total.lo, 2), s(&total.hi, 2)),
            ("-20.78".to_string(), "-20.74".to_string())
        );
        // 0.1 + 0.2 is exactly 0.3 here.
        let sum = iv("0.1", "0").add(&iv("0.2", "0"));
        assert_eq!(sum, iv("0.3", "0"));
    }

    #[test]
    fn division_by_an_interval_containing_zero_fails() {
        assert_eq!(
            iv("1", "0").div(&iv("0.2", "0.5")),
            Err(ArithmeticError::DivisionByZero)
        );
        assert_eq!(
            iv("1", "0").div(&iv("0", "0")),
            Err(ArithmeticError::DivisionByZero)
        );
    }

    #[test]
    fn roots_are_bounded_outward_and_exact_when_possible() {
        let r = Interval::exact(int(4)).root(2).unwrap();
        assert_eq!(r, Interval::exact(int(2)));
        let r = Interval::exact(int(2)).root(2).unwrap();
        assert!(&r.lo * &r.lo <= int(2) && &r.hi * &r.hi >= int(2));
        assert!(&r.hi - &r.lo <= pow10(-13));
        // CAGR of 189.0 → 540.1 over two years.
        let ratio = iv("540.1", "0.05").div(&iv("189.0", "0.05")).unwrap();
        let e = Interval::exact(Rat::new(BigInt::from(1), BigInt::from(2)));
        let cagr = ratio.pow(&e).unwrap().sub(&Interval::exact(int(1)));
        assert_eq!(
            (s(&cagr.lo, 4), s(&cagr.hi, 4)),
            ("0.6902".to_string(), "0.6908".to_string())
        );
    }

    #[test]
    fn bounds_beyond_the_size_limit_are_errors() {
        let big = Interval::exact(pow10(1000));
        assert_eq!(big.clone().checked(), Ok(big.clone()));
        let huge = big.mul(&big);
        assert_eq!(huge.clone().checked(), Err(ArithmeticError::TooLarge));
        assert_eq!(
            Interval::exact(int(1)).div(&huge),
            Err(ArithmeticError::TooLarge)
        );
        assert_eq!(
            ArithmeticError::TooLarge.to_string(),
            "the numbers grew too large to compute exactly (limit 4096 bits)"
        );
    }

    #[test]
    fn powers_with_finely_divided_exponents_are_quick_and_sound() {
        // cagr(100, 200, 999/1000) took over a minute with exact roots.
        let start = std::time::Instant::now();
        let e = Interval::exact(Rat::new(BigInt::from(1000), BigInt::from(999)));
        let r = Interval::exact(int(2)).pow(&e).unwrap();
        assert!(start.elapsed().as_secs() < 5);
        // r^999 brackets 2^1000.
        let target = Rat::from_integer(BigInt::from(2).pow(1000));
        assert!(r.lo.pow(999) <= target && target <= r.hi.pow(999));
        // An exponent interval: the corners bound it.
        let e = Interval::new(int(1) / int(3), int(1) / int(2));
        let r = iv("2.5", "0.05").pow(&e).unwrap();
        assert!(r.lo.pow(3) <= rat(Decimal::from_str("2.45").unwrap()));
        assert!(r.hi.pow(2) >= rat(Decimal::from_str("2.55").unwrap()));
    }

    #[test]
    fn comparisons_are_three_valued() {
        let top = iv("75.0", "0.05");
        let limit = Interval::exact(int(75));
        assert_eq!(limit.lt(&top), Truth::Undecided);
        assert_eq!(iv("75.2", "0.05").lt(&limit), Truth::False);
        assert_eq!(limit.lt(&iv("75.2", "0.05")), Truth::True);
        assert_eq!(limit.le(&iv("75.05", "0.05")), Truth::True);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_half_away(&iv("2.675", "0").lo, 2), iv("2.68", "0").lo);
        assert_eq!(
            round_half_away(&iv("-0.125", "0").lo, 2),
            iv("-0.13", "0").lo
        );
        assert_eq!(
            to_decimal_string(&iv("1.25", "0").lo, 1, Rounding::Down),
            "1.2"
        );
        assert_eq!(
            to_decimal_string(&iv("1.21", "0").lo, 1, Rounding::Up),
            "1.3"
        );
        assert_eq!(
            to_decimal_string(&iv("-0.05", "0").lo, 1, Rounding::Nearest),
            "-0.1"
        );
        assert_eq!(
            to_decimal_string(&iv("0.004", "0").lo, 2, Rounding::Nearest),
            "0.00"
        );
    }

    fn d(x: &str) -> Rat {
        rat(Decimal::from_str(x).unwrap())
    }

    /// The interval a number written as `text` stands for.
    fn written(text: &str) -> Interval {
        let n = crate::numbers::read_numbers(text).next().unwrap();
        Interval::around(n.value, n.half_unit)
    }

    #[test]
    fn written_numbers_are_half_open_away_from_zero() {
        let v = written("5.4");
        assert_eq!((v.lo.clone(), v.hi.clone()), (d("5.35"), d("5.45")));
        assert!(!v.lo_open && v.hi_open);
        let v = written("-5.4");
        assert_eq!((v.lo.clone(), v.hi.clone()), (d("-5.45"), d("-5.35")));
        assert!(v.lo_open && !v.hi_open);
        let v = written("7700");
        assert_eq!((v.lo.clone(), v.hi.clone()), (d("7699.5"), d("7700.5")));
        assert!(!v.lo_open && v.hi_open);
        let zero = written("0");
        assert!(zero.lo_open && zero.hi_open);
        // An exact value on a boundary belongs where rounding puts it.
        assert!(written("5.4").contains(&d("5.35")) && !written("5.4").contains(&d("5.45")));
        assert!(written("5.5").contains(&d("5.45")));
        assert!(written("-5.5").contains(&d("-5.45")) && !written("-5.4").contains(&d("-5.45")));
        assert!(!zero.contains(&d("0.5")) && !zero.contains(&d("-0.5")));
        assert_eq!(
            Interval::around(Decimal::ONE, Decimal::ZERO),
            Interval::exact(int(1))
        );
    }

    #[test]
    fn a_last_digit_misquote_is_not_consistent() {
        for (a, b) in [
            ("11", "10"),
            ("7,701", "7,700"),
            ("1.6%", "1.5%"),
            ("-11", "-10"),
        ] {
            assert!(!written(a).overlaps(&written(b)), "{a} vs {b}");
            assert!(!written(b).overlaps(&written(a)), "{b} vs {a}");
            assert_eq!(written(a).consistent(&written(b)), Truth::False);
        }
        for (a, b) in [
            ("5.35", "5.4"),
            ("5.4億", "540.1 million"),
            ("5.449", "5.4"),
        ] {
            assert!(written(a).overlaps(&written(b)), "{a} vs {b}");
        }
        assert!(!written("5.46").overlaps(&written("5.4")));
        // A closed end meets an exact value on it; an open one does not.
        assert!(written("10").overlaps(&Interval::exact(d("9.5"))));
        assert!(!written("10").overlaps(&Interval::exact(d("10.5"))));
    }

    #[test]
    fn open_ends_go_through_arithmetic() {
        let (a, b) = (written("1.5"), written("2.5"));
        let sum = a.add(&b);
        assert_eq!((sum.lo.clone(), sum.hi.clone()), (d("3.9"), d("4.1")));
        assert!(!sum.lo_open && sum.hi_open);
        let diff = b.sub(&a);
        assert_eq!((diff.lo.clone(), diff.hi.clone()), (d("0.9"), d("1.1")));
        assert!(diff.lo_open && diff.hi_open);
        let product = a.mul(&b);
        assert_eq!(product.lo, d("1.45") * d("2.45"));
        assert!(!product.lo_open && product.hi_open);
        // A factor that can be zero makes a zero product reachable.
        let p = written("0").mul(&written("3"));
        assert!(p.lo_open && p.hi_open);
        let p = Interval::new(int(0), int(1)).mul(&written("3"));
        assert!(!p.lo_open && p.hi_open && p.lo.is_zero());
        let q = written("1").div(&written("-2")).unwrap();
        // [0.5, 1.5) / (−2.5, −1.5] = (−1, −0.2): −1 and −0.2 need an open end.
        assert_eq!((q.lo.clone(), q.hi.clone()), (int(-1), d("-0.2")));
        assert!(q.lo_open && q.hi_open);
        let n = written("-5.4").neg();
        assert_eq!(n, written("5.4"));
        assert_eq!(written("-5.4").abs(), written("5.4"));
        let m = written("1.5").min(&written("1.6"));
        assert_eq!(m.lo, d("1.45"));
        assert!(!m.lo_open && m.hi_open);
        let m = written("1.5").max(&written("1.6"));
        assert_eq!((m.lo.clone(), m.hi.clone()), (d("1.55"), d("1.65")));
        assert!(!m.lo_open && m.hi_open);
        // |(−0.5, 0.5)| = [0, 0.5): zero is reached, 0.5 from neither side.
        let a = written("0").abs();
        assert_eq!((a.lo.clone(), a.hi.clone()), (int(0), d("0.5")));
        assert!(!a.lo_open && a.hi_open);
        let h = written("5.4").hull(&Interval::new(d("5.3"), d("5.4")));
        assert!(!h.lo_open && h.hi_open && h.lo == d("5.3"));
        let w = written("5.4").widen(&d("0.1"));
        assert!(!w.lo_open && w.hi_open && w.hi == d("5.55"));
        // Exact values stay exact and closed.
        let e = Interval::exact(int(2)).mul(&Interval::exact(int(3)));
        assert_eq!(e, Interval::exact(int(6)));
    }

    #[test]
    fn exact_roots_keep_open_ends_and_inexact_ones_close_them() {
        // √[2.25, 6.25) = [1.5, 2.5): both ends exact, the top still open.
        let r = iv("4.25", "2").root(2).unwrap();
        assert_eq!((r.lo.clone(), r.hi.clone()), (d("1.5"), d("2.5")));
        assert!(!r.lo_open && r.hi_open);
        // √[1.95, 2.05) has irrational ends, enclosed outward and closed.
        let r = written("2.0").root(2).unwrap();
        assert!(!r.lo_open && !r.hi_open);
        // 1^y is 1 whatever y: a closed base of 1 reaches it.
        let e = written("0.5");
        let one = Interval::exact(int(1)).pow(&e).unwrap();
        assert_eq!(one, Interval::exact(int(1)));
    }

    #[test]
    fn open_ends_decide_comparisons_and_rounding() {
        let ten = written("10");
        assert_eq!(ten.lt(&Interval::exact(d("10.5"))), Truth::True);
        assert_eq!(ten.le(&Interval::exact(d("9.5"))), Truth::Undecided);
        assert_eq!(Interval::exact(d("10.5")).le(&ten), Truth::False);
        assert_eq!(written("10").lt(&written("11")), Truth::True);
        // Values in [0.15, 0.25) round to 0.2; 0.25 itself is left out.
        assert_eq!(written("0.2").round(1), Interval::exact(d("0.2")));
        assert_eq!(written("-0.2").round(1), Interval::exact(d("-0.2")));
        assert_eq!(written("0.2").round(0), Interval::exact(int(0)));
    }
}
