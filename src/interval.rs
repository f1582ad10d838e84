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

/// A closed interval `[lo, hi]` of rationals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Rat,
    /// Upper bound.
    pub hi: Rat,
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
    /// The interval between `a` and `b`, in either order.
    pub fn new(a: Rat, b: Rat) -> Interval {
        if a <= b {
            Interval { lo: a, hi: b }
        } else {
            Interval { lo: b, hi: a }
        }
    }

    /// A single exact value.
    pub fn exact(v: Rat) -> Interval {
        Interval {
            lo: v.clone(),
            hi: v,
        }
    }

    /// `value ± half`.
    pub fn around(value: Decimal, half: Decimal) -> Interval {
        let (v, h) = (rat(value), rat(half.abs()));
        Interval {
            lo: &v - &h,
            hi: v + h,
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

    /// Whether zero lies in the interval.
    pub fn contains_zero(&self) -> bool {
        !self.lo.is_positive() && !self.hi.is_negative()
    }

    /// Whether the two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// The distance between two intervals (zero when they overlap).
    pub fn gap(&self, other: &Interval) -> Rat {
        if self.hi < other.lo {
            &other.lo - &self.hi
        } else if other.hi < self.lo {
            &self.lo - &other.hi
        } else {
            Rat::zero()
        }
    }

    /// Sum.
    pub fn add(&self, o: &Interval) -> Interval {
        Interval {
            lo: &self.lo + &o.lo,
            hi: &self.hi + &o.hi,
        }
    }

    /// Difference.
    pub fn sub(&self, o: &Interval) -> Interval {
        Interval {
            lo: &self.lo - &o.hi,
            hi: &self.hi - &o.lo,
        }
    }

    /// Negation.
    pub fn neg(&self) -> Interval {
        Interval {
            lo: -&self.hi,
            hi: -&self.lo,
        }
    }

    /// Product: the smallest and largest of the four corner products.
    pub fn mul(&self, o: &Interval) -> Interval {
        let corners = [
            &self.lo * &o.lo,
            &self.lo * &o.hi,
            &self.hi * &o.lo,
            &self.hi * &o.hi,
        ];
        hull(corners)
    }

    /// Quotient; an error when the divisor may be zero.
    pub fn div(&self, o: &Interval) -> Result<Interval, ArithmeticError> {
        if o.contains_zero() {
            return Err(ArithmeticError::DivisionByZero);
        }
        let recip = Interval::new(o.hi.recip(), o.lo.recip());
        self.mul(&recip).checked()
    }

    /// Absolute value.
    pub fn abs(&self) -> Interval {
        if self.lo.is_negative() && self.hi.is_positive() {
            Interval {
                lo: Rat::zero(),
                hi: self.hi.clone().max(-&self.lo),
            }
        } else {
            Interval::new(self.lo.abs(), self.hi.abs())
        }
    }

    /// The interval of `min(x, y)` for x, y in the two intervals.
    pub fn min(&self, o: &Interval) -> Interval {
        Interval {
            lo: self.lo.clone().min(o.lo.clone()),
            hi: self.hi.clone().min(o.hi.clone()),
        }
    }

    /// The interval of `max(x, y)`.
    pub fn max(&self, o: &Interval) -> Interval {
        Interval {
            lo: self.lo.clone().max(o.lo.clone()),
            hi: self.hi.clone().max(o.hi.clone()),
        }
    }

    /// Widens both ends by `w`.
    pub fn widen(&self, w: &Rat) -> Interval {
        Interval {
            lo: &self.lo - w,
            hi: &self.hi + w,
        }
    }

    /// Each bound rounded half away from zero to `digits` decimals; this is
    /// exactly the set of results of rounding values in the interval.
    pub fn round(&self, digits: i32) -> Interval {
        Interval {
            lo: round_half_away(&self.lo, digits),
            hi: round_half_away(&self.hi, digits),
        }
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
        let bases = distinct(&self.lo, &self.hi);
        let lo_e = power::enclose_exponent(&e.lo, power::Dir::Down);
        let hi_e = power::enclose_exponent(&e.hi, power::Dir::Up);
        let exponents = distinct(&lo_e, &hi_e);
        let mut bounds: Option<Interval> = None;
        for x in &bases {
            for y in &exponents {
                let (lo, hi) = power::power(x, y)?;
                bounds = Some(match bounds {
                    None => Interval { lo, hi },
                    Some(b) => Interval {
                        lo: b.lo.min(lo),
                        hi: b.hi.max(hi),
                    },
                });
            }
        }
        bounds.expect("at least one corner").checked()
    }

    /// `self < o`, three-valued.
    pub fn lt(&self, o: &Interval) -> Truth {
        decide(self.hi < o.lo, self.lo >= o.hi)
    }

    /// `self <= o`, three-valued.
    pub fn le(&self, o: &Interval) -> Truth {
        decide(self.hi <= o.lo, self.lo > o.hi)
    }

    /// `self = o` in the contract's sense: the intervals are consistent.
    pub fn consistent(&self, o: &Interval) -> Truth {
        Truth::from_bool(self.overlaps(o))
    }
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

fn hull<const N: usize>(values: [Rat; N]) -> Interval {
    let lo = values.iter().min().cloned().unwrap_or_default();
    let hi = values.iter().max().cloned().unwrap_or_default();
    Interval { lo, hi }
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

/// One value, or two when they differ.
fn distinct<'a>(a: &'a Rat, b: &'a Rat) -> Vec<&'a Rat> {
    if a == b { vec![a] } else { vec![a, b] }
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
}
