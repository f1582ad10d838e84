//! How a number is written (its notation), and writing other values the
//! same way: a claim that says `5.4亿元` sees `computed 5.401亿元`, one that says `RMB540 million`
//! sees `RMB540.1 million`, a percent sees percent, points see points.
//! Intervals are rounded outward, so what is shown always contains the
//! exact result.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::ToPrimitive;

use crate::expr::{Dim, Quantity};
use crate::interval::{Interval, Rat, Rounding, exact_decimals, pow10, to_decimal_string};
use crate::numbers::Number;

/// `x / 10^scale`. Written values and their sums fit in 128 bits, and there
/// the division and its reduction are done in machine integers: a report of
/// many claims spends most of its time writing values otherwise.
fn unscale(x: &Rat, scale: i32) -> Rat {
    small_unscale(x, scale).unwrap_or_else(|| x / pow10(scale))
}

fn small_unscale(x: &Rat, scale: i32) -> Option<Rat> {
    let (mut p, mut q) = (x.numer().to_i128()?, x.denom().to_i128()?);
    let f = 10i128.checked_pow(scale.unsigned_abs())?;
    if scale > 0 {
        q = q.checked_mul(f)?;
    } else {
        p = p.checked_mul(f)?;
    }
    // A rational's denominator is positive, so the reduced pair is canonical.
    let g = i128::try_from(p.unsigned_abs().gcd(&q.unsigned_abs())).ok()?;
    Some(Rat::new_raw(BigInt::from(p / g), BigInt::from(q / g)))
}

/// How to write a value: text around the digits, the power of ten the
/// digits are scaled by, and how many decimals the original showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notation {
    prefix: String,
    suffix: String,
    scale: i32,
    decimals: u32,
    grouping: bool,
}

impl Notation {
    /// The style of a number as written in `text`.
    pub fn of(n: &Number, text: &str) -> Notation {
        let digits = &text[n.digits.clone()];
        // Chinese numerals (二十億) have no digits to restyle; they get the plain style.
        let arabic = digits
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let prefix = text[n.span.start..n.digits.start]
            .trim_start_matches(['(', '（', '-', '−', '－', '+', '負', '负']);
        let suffix = text[n.digits.end..n.span.end]
            .trim_start_matches([')', '）'])
            .replace(['多', '余', '餘'], "");
        let suffix = suffix.replace('\n', "");
        let sane = !suffix.chars().any(|c| c.is_ascii_digit()) && n.digits.start >= n.span.start;
        if !sane || !arabic {
            return Notation::plain(&Quantity::from_number(n), decimals_of(digits));
        }
        Notation {
            prefix: prefix.to_string(),
            suffix,
            scale: n.scale,
            decimals: decimals_of(digits),
            grouping: digits.contains(',') || digits.contains('，'),
        }
    }

    /// A neutral style for a quantity: `86.6%`, `7.3pp`, `CNY 1,018,000`.
    pub fn plain(q: &Quantity, decimals: u32) -> Notation {
        let (suffix, scale) = match q.dim {
            Dim::Percent => ("%".to_string(), -2),
            Dim::Points => ("pp".to_string(), -2),
            Dim::Plain => (String::new(), 0),
        };
        let prefix = q
            .currency
            .map(|c| format!("{} ", c.code()))
            .unwrap_or_default();
        Notation {
            prefix,
            suffix,
            scale,
            decimals,
            grouping: true,
        }
    }

    /// Decimals the original number showed.
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// `x` written in this style with `decimals` digits, rounded as asked.
    pub fn value(&self, x: &Rat, decimals: u32, rounding: Rounding) -> String {
        let scaled = unscale(x, self.scale);
        let digits = to_decimal_string(&scaled, decimals, rounding);
        let digits = if self.grouping {
            group(&digits)
        } else {
            digits
        };
        format!("{}{}{}", self.prefix, digits, self.suffix)
    }

    /// `x` with at most `decimals` digits, dropping trailing zeros beyond the style's own.
    /// (Rounding down or up to fewer digits gives the same number exactly
    /// when the digits dropped are zeros, so the full rounding is trimmed.)
    fn trimmed(&self, x: &Rat, decimals: u32, rounding: Rounding) -> String {
        let scaled = unscale(x, self.scale);
        let full = to_decimal_string(&scaled, decimals, rounding);
        let zeros = full.bytes().rev().take_while(|&b| b == b'0').count() as u32;
        let d = decimals - zeros.min(decimals - self.decimals.min(decimals));
        self.value(x, d, rounding)
    }

    /// An exact value with as many decimals as it needs (up to a few more than the style's).
    pub fn exact(&self, x: &Rat) -> String {
        let scaled = unscale(x, self.scale);
        let d = exact_decimals(&scaled, self.decimals + 4)
            .unwrap_or(self.decimals + 3)
            .max(self.decimals);
        self.value(x, d, Rounding::Nearest)
    }

    /// An interval rounded outward, with enough decimals to show its width:
    /// `86.5%–86.7%`; a single value when it is exact.
    pub fn interval(&self, iv: &Interval) -> String {
        if iv.is_exact() {
            return self.exact(&iv.lo);
        }
        // One digit more than the claim wrote, and more while a unit of the
        // last digit is wider than the interval (so outward rounding stays honest).
        let width = unscale(&(&iv.hi - &iv.lo), self.scale);
        let mut d = self.decimals + 1;
        while d < self.decimals + 5 && pow10(-(d as i32)) > width {
            d += 1;
        }
        let lo = self.trimmed(&iv.lo, d, Rounding::Down);
        let hi = self.trimmed(&iv.hi, d, Rounding::Up);
        if lo == hi { lo } else { format!("{lo}–{hi}") }
    }

    /// A gap between two values, in this style's unit (`98.8 pp` for percents).
    pub fn gap(&self, gap: &Rat, dim: Dim) -> String {
        let d = self.decimals + 1;
        if dim == Dim::Percent || dim == Dim::Points {
            let points = gap / pow10(-2);
            return format!("{} pp", to_decimal_string(&points, d, Rounding::Nearest));
        }
        self.value(gap, d, Rounding::Nearest)
    }
}

fn decimals_of(digits: &str) -> u32 {
    digits.split(['.', '．']).nth(1).map_or(0, |f| {
        f.chars()
            .filter(|c| c.is_ascii_digit() || !c.is_ascii())
            .count() as u32
    })
}

/// Inserts thousands separators into a plain decimal string.
fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.len() <= 4 {
        return s.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::int;
    use crate::numbers::read_numbers;

    #[test]
    fn unscaling_in_machine_integers_is_the_exact_division() {
        let big = Rat::new(BigInt::from(10).pow(40) + 7, BigInt::from(3));
        for x in [
            int(189_000_000),
            -int(35_569) / int(7),
            int(0),
            int(1) / int(3),
            big,
        ] {
            for scale in [-9, -2, 0, 2, 6, 8, 40] {
                let got = unscale(&x, scale);
                assert_eq!(got, &x / pow10(scale));
                assert_eq!((got.numer().clone(), got.denom().clone()), {
                    let r = &x / pow10(scale);
                    (r.numer().clone(), r.denom().clone())
                });
            }
        }
    }

    fn notation(text: &str) -> Notation {
        let n = read_numbers(text).next().unwrap();
        Notation::of(&n, text)
    }

    fn r(num: i64, den: i64) -> Rat {
        int(num) / int(den)
    }

    #[test]
    fn values_take_the_claims_own_form() {
        assert_eq!(
            notation("5.4亿元").value(&int(540_100_000), 2, Rounding::Nearest),
            "5.40亿元"
        );
        assert_eq!(
            notation("RMB540 million").value(&int(540_100_000), 1, Rounding::Nearest),
            "RMB540.1 million"
        );
        assert_eq!(
            notation("186%").interval(&Interval::new(r(8658, 10000), r(8668, 10000))),
            "86.5%–86.7%"
        );
        assert_eq!(notation("7.3个百分点").exact(&r(73, 1000)), "7.3个百分点");
        assert_eq!(
            notation("(433.0)").value(&int(-433), 1, Rounding::Nearest),
            "-433.0"
        );
        assert_eq!(
            notation("21,726元").value(&int(21726), 0, Rounding::Nearest),
            "21,726元"
        );
    }

    #[test]
    fn plain_style_for_values_without_a_claim() {
        let q = Quantity {
            iv: Interval::exact(r(1, 3)),
            dim: Dim::Percent,
            currency: None,
        };
        assert_eq!(Notation::plain(&q, 1).interval(&q.iv), "33.3333%");
        assert_eq!(
            Notation::plain(&Quantity::exact(int(1_018_000_000)), 0).exact(&int(1_018_000_000)),
            "1,018,000,000"
        );
    }

    #[test]
    fn gaps_of_percents_are_points() {
        assert_eq!(
            notation("186%").gap(&r(9882, 10000), Dim::Percent),
            "98.8 pp"
        );
    }
}
