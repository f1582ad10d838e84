//! Exact decimal arithmetic the reader shares: powers of ten, moving the
//! decimal point, and the whole part of a value. One copy for the crate's
//! `numbers` module, so the scanner and the numeral reader agree.

use rust_decimal::Decimal;

/// `10^exp` as a decimal. `exp` is at most 16 wherever the reader calls it.
#[inline]
pub(crate) fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(exp), 0)
}

/// `d × 10^exp`, exactly: the decimal point moves, the digits stay.
/// `None` when the result does not fit a decimal.
#[inline]
pub(crate) fn times_pow10(d: Decimal, exp: i32) -> Option<Decimal> {
    if exp == 0 {
        return Some(d);
    }
    let scale = d.scale() as i32 - exp;
    if scale >= 0 {
        let mut shifted = d;
        return shifted.set_scale(scale as u32).ok().map(|()| shifted);
    }
    let mantissa = d
        .mantissa()
        .checked_mul(10i128.checked_pow(scale.unsigned_abs())?)?;
    Decimal::try_from_i128_with_scale(mantissa, 0).ok()
}

/// The integer value of `d`, or −1 when it has a fraction.
#[inline]
pub(crate) fn whole(d: &Decimal) -> i128 {
    let m = d.mantissa();
    if d.scale() == 0 {
        return m;
    }
    let unit = 10i128.pow(d.scale());
    if m % unit == 0 { m / unit } else { -1 }
}
