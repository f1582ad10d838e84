//! Float intervals for the prefilter of the search. They only decide which
//! derivations are worth computing exactly: every bound is padded outward
//! far beyond the rounding error of `f64`, so a derivation the exact
//! arithmetic would accept is never filtered out. No verdict rests on them.

use num_traits::ToPrimitive;

use crate::interval::{Interval, Rat};

/// Relative padding added to every bound (float rounding is about 1e-16).
const PAD: f64 = 1e-9;

/// A closed interval of floats that contains an exact interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Approx {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
}

/// A rational as a float (±∞ when it does not fit).
pub(crate) fn to_f64(x: &Rat) -> f64 {
    x.to_f64().unwrap_or(f64::NAN)
}

impl Approx {
    /// The float interval around an exact one.
    pub(crate) fn of(iv: &Interval) -> Approx {
        Approx::padded(to_f64(&iv.lo), to_f64(&iv.hi), 0.0)
    }

    /// `[lo, hi]` padded by [`PAD`] of the magnitudes involved.
    fn padded(lo: f64, hi: f64, inputs: f64) -> Approx {
        let pad = PAD * (inputs + lo.abs().max(hi.abs())) + f64::MIN_POSITIVE;
        Approx {
            lo: lo - pad,
            hi: hi + pad,
        }
    }

    pub(crate) fn magnitude(&self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }

    /// Whether both bounds are finite numbers.
    pub(crate) fn is_finite(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// Sum.
    pub(crate) fn add(self, o: Approx) -> Approx {
        let m = self.magnitude() + o.magnitude();
        Approx::padded(self.lo + o.lo, self.hi + o.hi, m)
    }

    /// Difference `self − o`.
    pub(crate) fn sub(self, o: Approx) -> Approx {
        let m = self.magnitude() + o.magnitude();
        Approx::padded(self.lo - o.hi, self.hi - o.lo, m)
    }

    /// Product.
    pub(crate) fn mul(self, o: Approx) -> Approx {
        let c = [
            self.lo * o.lo,
            self.lo * o.hi,
            self.hi * o.lo,
            self.hi * o.hi,
        ];
        let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Approx::padded(lo, hi, 0.0)
    }

    /// Quotient; `None` when the divisor may be zero.
    pub(crate) fn div(self, o: Approx) -> Option<Approx> {
        if o.lo <= 0.0 && o.hi >= 0.0 {
            return None;
        }
        let recip = Approx {
            lo: 1.0 / o.hi,
            hi: 1.0 / o.lo,
        };
        Some(self.mul(recip))
    }

    /// Multiplied by an exact power of ten.
    pub(crate) fn scaled(self, exp: i32) -> Approx {
        let f = 10f64.powi(exp);
        Approx::padded(self.lo * f, self.hi * f, 0.0)
    }

    /// `b / a − 1`.
    pub(crate) fn growth(a: Approx, b: Approx) -> Option<Approx> {
        Some(b.div(a)?.sub(ONE))
    }

    /// `(b / a)^(1/years) − 1`; `None` unless the ratio is surely positive.
    pub(crate) fn cagr(a: Approx, b: Approx, years: u32) -> Option<Approx> {
        let r = b.div(a)?;
        if r.lo <= 0.0 {
            return None;
        }
        let e = 1.0 / f64::from(years.max(1));
        Some(Approx::padded(r.lo.powf(e) - 1.0, r.hi.powf(e) - 1.0, 1.0))
    }

    /// The mean of values whose sum is `self`.
    pub(crate) fn mean_of(self, n: usize) -> Approx {
        let n = n as f64;
        Approx::padded(self.lo / n, self.hi / n, 0.0)
    }

    /// The values with the sign flipped.
    pub(crate) fn neg(self) -> Approx {
        Approx {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    /// Whether the interval is narrower than `fraction` of its magnitude,
    /// and so precise enough to be told from other values.
    pub(crate) fn is_precise(&self, fraction: f64) -> bool {
        self.is_finite() && self.hi - self.lo <= fraction * self.magnitude()
    }

    /// Whether the two intervals share a value.
    pub(crate) fn overlaps(&self, o: &Approx) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
}

const ONE: Approx = Approx { lo: 1.0, hi: 1.0 };

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::int;

    #[test]
    fn float_bounds_contain_the_exact_ones() {
        let a = Approx::of(&Interval::new(int(18905) / int(100), int(18915) / int(100)));
        let b = Approx::of(&Interval::new(int(54005) / int(100), int(54015) / int(100)));
        let g = Approx::growth(a, b).unwrap();
        // The exact growth is [540.05/189.15 − 1, 540.15/189.05 − 1].
        assert!(g.lo <= 540.05 / 189.15 - 1.0 && g.hi >= 540.15 / 189.05 - 1.0);
        assert!(g.is_precise(0.01));
        assert!(
            Approx::cagr(a, b, 2)
                .unwrap()
                .overlaps(&Approx { lo: 0.69, hi: 0.69 })
        );
        let zero = Approx { lo: -1.0, hi: 1.0 };
        assert_eq!(a.div(zero), None);
        assert!(a.sub(a).lo < 0.0 && a.sub(a).hi > 0.0);
    }
}
