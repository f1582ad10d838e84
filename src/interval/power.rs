//! Powers with rational exponents, bounded outward. `x^(a/b)` for `x > 0`
//! is exact when the result is rational; otherwise its bounds are found by
//! bisection on positive dyadic numbers (`m · 2^e`) of a fixed number of
//! bits, every product rounded away from the truth, and every candidate
//! bound certified before it is kept. The cost grows with the number of
//! bits of `a` and `b`, never with `a` and `b` themselves, so
//! `cagr(100, 200, 999/1000)` is as quick as `cagr(100, 200, 2)`.

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{ArithmeticError, MAX_BOUND_BITS, Rat};

/// Bits of precision of an inexact power: its bounds are within about
/// 2^-ROOT_PRECISION of the truth, relatively (about 48 decimal digits).
pub const ROOT_PRECISION: u64 = 160;

/// An exponent whose numerator and denominator both fit in this many bits
/// is used as it is; a finer one (years written with many digits) is first
/// enclosed between multiples of 2^-[`EXPONENT_FRACTION_BITS`].
pub const EXACT_EXPONENT_BITS: u64 = 32;

/// The grid on which too finely divided exponents are enclosed: the
/// exponent moves by less than 2^-64, the result by a relative 10^-15 at most.
pub const EXPONENT_FRACTION_BITS: u64 = 64;

/// Intermediate values whose binary exponent leaves ±2^RANGE are not
/// computed: they are far beyond anything a bound may hold.
const RANGE: i64 = 1 << 32;

/// Which way a computed value may differ from the truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    /// Never above the truth.
    Down,
    /// Never below the truth.
    Up,
}

/// A positive dyadic number `m · 2^e`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dyadic {
    m: BigUint,
    e: i64,
}

impl Dyadic {
    fn pow2(e: i64) -> Dyadic {
        Dyadic {
            m: BigUint::one(),
            e,
        }
    }

    /// The position of the top bit: `2^(top-1) <= self < 2^top`.
    fn top(&self) -> i64 {
        self.m.bits() as i64 + self.e
    }

    /// Keeps at most `bits` bits of the mantissa, rounding in `dir`.
    fn trim(self, bits: u64, dir: Dir) -> Dyadic {
        let len = self.m.bits();
        if len <= bits {
            return self;
        }
        let shift = len - bits;
        let mut m = &self.m >> shift;
        if dir == Dir::Up && &m << shift != self.m {
            m += 1u32;
        }
        Dyadic {
            m,
            e: self.e + shift as i64,
        }
    }

    fn mul(&self, o: &Dyadic, bits: u64, dir: Dir) -> Dyadic {
        let product = Dyadic {
            m: &self.m * &o.m,
            e: self.e + o.e,
        };
        product.trim(bits, dir)
    }

    /// `self^n` rounded in `dir`; `None` when an intermediate value leaves
    /// the range (then the power is huge when `self > 1`, tiny when `self < 1`).
    fn pow(&self, n: &BigUint, bits: u64, dir: Dir) -> Option<Dyadic> {
        let mut result = Dyadic::pow2(0);
        let mut base = self.clone();
        let len = n.bits();
        for i in 0..len {
            if n.bit(i) {
                result = result.mul(&base, bits, dir);
            }
            if i + 1 < len {
                base = base.mul(&base, bits, dir);
            }
            if result.top().abs() > RANGE || base.top().abs() > RANGE {
                return None;
            }
        }
        Some(result)
    }

    /// A positive rational with `bits` bits, rounded in `dir`.
    fn from_rat(x: &Rat, bits: u64, dir: Dir) -> Dyadic {
        let (p, q) = (x.numer().magnitude(), x.denom().magnitude());
        let shift = bits as i64 + q.bits() as i64 - p.bits() as i64;
        let (num, den) = if shift >= 0 {
            (p << shift as u64, q.clone())
        } else {
            (p.clone(), q << shift.unsigned_abs())
        };
        let mut m = &num / &den;
        if dir == Dir::Up && !(&num % &den).is_zero() {
            m += 1u32;
        }
        Dyadic { m, e: -shift }
    }

    /// The exact rational; too large when it could not be a bound.
    fn to_rat(&self) -> Result<Rat, ArithmeticError> {
        if self.m.bits() + self.e.unsigned_abs() > 2 * MAX_BOUND_BITS {
            return Err(ArithmeticError::TooLarge);
        }
        let m = Rat::from_integer(self.m.clone().into());
        let scale = Rat::from_integer(num_bigint::BigInt::one() << self.e.unsigned_abs());
        Ok(if self.e >= 0 { m * scale } else { m / scale })
    }

    fn cmp(&self, o: &Dyadic) -> Ordering {
        self.top().cmp(&o.top()).then_with(|| {
            // Same top bit: the exponents differ by less than the mantissas' bits.
            let d = self.e - o.e;
            if d >= 0 {
                (&self.m << d as u64).cmp(&o.m)
            } else {
                self.m.cmp(&(&o.m << d.unsigned_abs()))
            }
        })
    }
}

/// Whether `candidate^n` is surely at most `x` (for `Dir::Down`: a lower
/// bound of the root) or surely at least `x` (for `Dir::Up`).
fn certified(candidate: &Dyadic, n: &BigUint, x: &Dyadic, bits: u64, dir: Dir) -> bool {
    let above_one = candidate.top() > 0;
    match (dir, candidate.pow(n, bits, opposite(dir))) {
        (Dir::Down, Some(p)) => p.cmp(x) != Ordering::Greater,
        (Dir::Up, Some(p)) => p.cmp(x) != Ordering::Less,
        // Out of range: a power below one is tiny, one above one is huge.
        (Dir::Down, None) => !above_one,
        (Dir::Up, None) => above_one,
    }
}

fn opposite(dir: Dir) -> Dir {
    match dir {
        Dir::Down => Dir::Up,
        Dir::Up => Dir::Down,
    }
}

/// `g` and `h` with `2^g <= x^(1/n) <= 2^h`, for `2^(t-1) <= x < 2^t`.
fn root_exponents(t: i64, n: &BigUint) -> (i64, i64) {
    match n.to_i64() {
        Some(n) => ((t - 1).div_euclid(n), -(-t).div_euclid(n)),
        // |t| is far below n.
        None => (if t >= 1 { 0 } else { -1 }, if t > 0 { 1 } else { 0 }),
    }
}

/// A bound of `x^(1/n)` on a grid of `bits` bits: the largest grid value
/// certified not above the root (`Down`), or the smallest certified not below it (`Up`).
fn root(x: &Dyadic, n: &BigUint, bits: u64, dir: Dir) -> Dyadic {
    if n.is_one() {
        return x.clone();
    }
    let (g, h) = root_exponents(x.top(), n);
    let unit = g - bits as i64;
    // 2^g and 2^h are bounds exactly: (2^g)^n <= 2^(t-1) <= x < 2^t <= (2^h)^n.
    let mut below = BigUint::one() << bits;
    let mut above = BigUint::one() << (h - unit) as u64;
    let work = bits + n.bits() + 8;
    while &above - &below > BigUint::one() {
        let mid: BigUint = (&below + &above) >> 1u32;
        let candidate = Dyadic {
            m: mid.clone(),
            e: unit,
        };
        let keep = certified(&candidate, n, x, work, dir);
        match (dir, keep) {
            (Dir::Down, true) | (Dir::Up, false) => below = mid,
            (Dir::Down, false) | (Dir::Up, true) => above = mid,
        }
    }
    let m = if dir == Dir::Down { below } else { above };
    Dyadic { m, e: unit }
}

/// The exponent itself when it is simple enough, otherwise the nearest
/// multiple of 2^-EXPONENT_FRACTION_BITS on the side of `dir`. Powers are
/// monotone in the exponent, so a widened exponent interval stays sound.
pub(super) fn enclose_exponent(y: &Rat, dir: Dir) -> Rat {
    if y.numer().bits() <= EXACT_EXPONENT_BITS && y.denom().bits() <= EXACT_EXPONENT_BITS {
        return y.clone();
    }
    let grid = Rat::from_integer(num_bigint::BigInt::one() << EXPONENT_FRACTION_BITS);
    let scaled = y * &grid;
    let rounded = match dir {
        Dir::Down => scaled.floor(),
        Dir::Up => scaled.ceil(),
    };
    rounded / grid
}

/// About `log2 n`, for `n > 0`.
fn log2_of(n: &BigUint) -> f64 {
    let shift = n.bits().saturating_sub(60);
    let top = (n >> shift).to_f64().unwrap_or(1.0);
    top.log2() + shift as f64
}

/// About `log2 |x|`, for `x != 0`.
fn log2_abs(x: &Rat) -> f64 {
    log2_of(x.numer().magnitude()) - log2_of(x.denom().magnitude())
}

/// About `log2 |log2 x|` (within two), for `x > 0`, `x != 1`.
fn log2_log2(x: &Rat) -> f64 {
    let d = x - Rat::one();
    if d.abs() < Rat::new(1.into(), 2.into()) {
        // |log2(1 + d)| lies between |d| and 3|d| here.
        log2_abs(&d) + 1.6
    } else {
        log2_abs(x).abs().log2()
    }
}

/// Whether `x^y` may fit a bound; an error when it surely cannot.
fn check_magnitude(x: &Rat, y: &Rat) -> Result<(), ArithmeticError> {
    // log2 |log2 x^y| = log2 |y| + log2 |log2 x|; a bound holds at most
    // 2·MAX_BOUND_BITS bits, so 4·MAX_BOUND_BITS is far out of reach.
    let limit = ((4 * MAX_BOUND_BITS) as f64).log2();
    if log2_abs(y) + log2_log2(x) > limit {
        return Err(ArithmeticError::TooLarge);
    }
    Ok(())
}

/// `n^(1/b)` when it is a whole number.
fn exact_root(n: &BigUint, b: u32) -> Option<BigUint> {
    if n.is_one() {
        return Some(n.clone());
    }
    if u64::from(b) >= n.bits() {
        return None;
    }
    let r = n.nth_root(b);
    (r.pow(b) == *n).then_some(r)
}

/// `x^(a/b)` for `x > 0` when it is rational (`x = p/q` with `p` and `q`
/// perfect `b`-th powers) and small enough to be a bound.
fn exact_power(x: &Rat, a: &BigUint, b: &BigUint) -> Option<Rat> {
    let (a, b) = (a.to_u32()?, b.to_u32()?);
    let (p, q) = (x.numer().magnitude(), x.denom().magnitude());
    let (rp, rq) = (exact_root(p, b)?, exact_root(q, b)?);
    if rp.bits().max(rq.bits()) * u64::from(a) > MAX_BOUND_BITS {
        return None;
    }
    let power = |r: BigUint| num_bigint::BigInt::from(r.pow(a));
    Some(Rat::new(power(rp), power(rq)))
}

/// The largest exponent parts the quick path takes (`x^(a/b)`, `a, b` up to this).
const QUICK_EXPONENT: u32 = 64;
/// Relative width the quick path gives its bounds around the float estimate.
const QUICK_SLACK: f64 = 1.0 / (1u64 << 48) as f64;

/// Bounds of `x^(a/b)` from a float estimate widened by a relative 2^-48,
/// each certified exactly (`lo^b <= x^a <= hi^b`); `None` when the exponent
/// is not small, the float is out of range, or a bound fails to certify —
/// then the bisection decides. Claims state four or five digits, so bounds
/// fourteen digits apart cost nothing in verdicts and save the bisection for
/// the common `cagr` over whole years.
fn float_power(x: &Rat, a: &BigUint, b: &BigUint) -> Option<(Rat, Rat)> {
    let (a, b) = (a.to_u32()?, b.to_u32()?);
    if a > QUICK_EXPONENT || b > QUICK_EXPONENT {
        return None;
    }
    let estimate = x.to_f64()?.powf(f64::from(a) / f64::from(b));
    if !estimate.is_normal() {
        return None;
    }
    let lo = Rat::from_float(estimate * (1.0 - QUICK_SLACK))?;
    let hi = Rat::from_float(estimate * (1.0 + QUICK_SLACK))?;
    let xa = x.pow(a as i32);
    (lo.pow(b as i32) <= xa && xa <= hi.pow(b as i32)).then_some((lo, hi))
}

/// Lower and upper bounds of `x^y` for rationals `x > 0` and `y`.
pub(super) fn power(x: &Rat, y: &Rat) -> Result<(Rat, Rat), ArithmeticError> {
    if y.is_zero() || x.is_one() {
        return Ok((Rat::one(), Rat::one()));
    }
    let base = if y.is_negative() {
        x.recip()
    } else {
        x.clone()
    };
    let y = y.abs();
    check_magnitude(&base, &y)?;
    let (a, b) = (y.numer().magnitude(), y.denom().magnitude());
    if let Some(exact) = exact_power(&base, a, b) {
        return Ok((exact.clone(), exact));
    }
    if let Some(bounds) = float_power(&base, a, b) {
        return Ok(bounds);
    }
    // Raising the root to the a-th power multiplies its relative error by a.
    let bits = ROOT_PRECISION + a.bits().min(128) + 16;
    let bound = |dir: Dir| {
        let x = Dyadic::from_rat(&base, bits, dir);
        let r = root(&x, b, bits, dir);
        r.pow(a, bits, dir)
            .ok_or(ArithmeticError::TooLarge)?
            .to_rat()
    };
    Ok((bound(Dir::Down)?, bound(Dir::Up)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::int;
    use num_bigint::BigInt;

    fn r(n: i64, d: i64) -> Rat {
        Rat::new(BigInt::from(n), BigInt::from(d))
    }

    /// `lo^b <= x^a <= hi^b`, exactly (for `b > 0`).
    fn encloses(x: &Rat, y: &Rat, (lo, hi): &(Rat, Rat)) -> bool {
        let (a, b) = (y.numer().to_i32().unwrap(), y.denom().to_i32().unwrap());
        let xa = x.pow(a);
        lo.pow(b) <= xa && xa <= hi.pow(b)
    }

    #[test]
    fn powers_enclose_the_truth_tightly() {
        for (x, y) in [
            (r(2, 1), r(1, 2)),
            (r(540, 189), r(1, 2)),
            (r(189, 540), r(2, 5)),
            (r(2, 1), r(500, 499)),
            (r(3, 7), r(-1, 3)),
            (r(10_001, 10_000), r(1, 999)),
        ] {
            let bounds = power(&x, &y).unwrap();
            assert!(encloses(&x, &y, &bounds), "{x}^{y}: {bounds:?}");
            // Small exponents take the certified float path (2^-48 relative);
            // the others the bisection (2^-160).
            let quick = y.numer().magnitude().bits() <= 7 && y.denom().magnitude().bits() <= 7;
            let digits = if quick { 14 } else { 45 };
            let width = (&bounds.1 - &bounds.0) / &bounds.0;
            assert!(
                width < Rat::new(1.into(), BigInt::from(10).pow(digits)),
                "{x}^{y}"
            );
        }
    }

    #[test]
    fn random_powers_enclose_the_exact_value() {
        let mut seed: u64 = 987_654_321;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as i64
        };
        for _ in 0..300 {
            let x = r(next(1_000_000) + 1, next(1_000_000) + 1);
            let y = r(next(11) - 5, next(40) + 1);
            let bounds = power(&x, &y).unwrap();
            assert!(encloses(&x, &y, &bounds), "{x}^{y}: {bounds:?}");
        }
    }

    #[test]
    fn rational_powers_are_exact() {
        assert_eq!(power(&r(4, 9), &r(3, 2)).unwrap(), (r(8, 27), r(8, 27)));
        assert_eq!(power(&r(2, 1), &r(-2, 1)).unwrap(), (r(1, 4), r(1, 4)));
        assert_eq!(power(&r(7, 3), &r(0, 1)).unwrap(), (int(1), int(1)));
    }

    #[test]
    fn huge_exponent_terms_are_cheap() {
        let x = r(200, 100);
        let start = std::time::Instant::now();
        for y in [r(1000, 999), r(4_000_000_001, 4_000_000_000)] {
            let bounds = power(&x, &y).unwrap();
            assert!(bounds.0 < bounds.1 && bounds.0 > int(2));
        }
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn fine_exponents_are_enclosed_on_a_grid() {
        let y = Rat::new(BigInt::from(10).pow(20) + 1, BigInt::from(10).pow(20) * 3);
        let (lo, hi) = (
            enclose_exponent(&y, Dir::Down),
            enclose_exponent(&y, Dir::Up),
        );
        assert!(lo <= y && y <= hi && lo < hi);
        assert!(hi.denom().bits() <= EXPONENT_FRACTION_BITS + 1);
        assert_eq!(enclose_exponent(&r(1, 3), Dir::Up), r(1, 3));
    }

    #[test]
    fn results_too_large_for_a_bound_are_errors() {
        let big = Rat::from_integer(BigInt::from(10).pow(28));
        assert_eq!(power(&big, &int(1000)), Err(ArithmeticError::TooLarge));
        assert_eq!(power(&big, &int(-1000)), Err(ArithmeticError::TooLarge));
        assert_eq!(
            power(&r(3, 2), &r(100_000, 1)),
            Err(ArithmeticError::TooLarge)
        );
        // Close to one, a large exponent is fine.
        assert!(power(&r(1_000_001, 1_000_000), &int(100_000)).is_ok());
    }
}
