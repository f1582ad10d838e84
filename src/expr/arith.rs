//! Operations on single quantities: arithmetic with its currency and
//! dimension rules, ratios, point differences, compound growth and
//! comparisons. Failures carry no place; the caller adds the span of the
//! operation.

use num_traits::{One, Signed};

use super::lexer::CmpOp;
use super::parser::ArithOp;
use super::value::{Dim, Quantity};
use super::{ErrorKind, Failure, Tolerance};
use crate::interval::{ArithmeticError, Interval, Rat, Truth};
use crate::numbers::Currency;

/// The interval itself when its bounds fit the size limit.
fn sized(iv: Interval) -> Result<Interval, Failure> {
    iv.checked().map_err(Failure::from)
}

fn one() -> Interval {
    Interval::exact(Rat::one())
}

/// A percent with interval `iv`.
pub(crate) fn percent(iv: Interval) -> Quantity {
    Quantity {
        iv,
        dim: Dim::Percent,
        currency: None,
    }
}

/// The currency of a result of `op`, or why there is none.
fn combine_currency(
    op: ArithOp,
    a: Option<Currency>,
    b: Option<Currency>,
) -> Result<Option<Currency>, Failure> {
    match (op, a, b) {
        (ArithOp::Add | ArithOp::Sub, Some(x), Some(y)) if x != y => {
            let verb = if op == ArithOp::Add {
                "add"
            } else {
                "subtract"
            };
            Err(Failure::new(
                ErrorKind::Currency,
                format!("cannot {verb} amounts in different currencies ({x} and {y})"),
            ))
        }
        // A product or ratio of two amounts (an extrapolation, an exchange
        // rate) has no single currency; untagged is compatible with any.
        (ArithOp::Mul | ArithOp::Div, Some(_), Some(_)) => Ok(None),
        (ArithOp::Div, None, Some(_)) => Ok(None),
        (_, x, y) => Ok(x.or(y)),
    }
}

/// The dimension of a result of `op`.
fn combine_dim(op: ArithOp, a: Dim, b: Dim) -> Dim {
    use Dim::{Percent, Plain, Points};
    match (op, a, b) {
        // A difference of two percents may be written in percent or in points:
        // plain is compatible with both. `pp()` says points explicitly.
        (ArithOp::Sub, Percent, Percent) => Plain,
        (ArithOp::Add | ArithOp::Sub, Percent, Points)
        | (ArithOp::Add | ArithOp::Sub, Points, Percent) => Percent,
        (ArithOp::Add | ArithOp::Sub | ArithOp::Mul, x, Plain)
        | (ArithOp::Add | ArithOp::Sub | ArithOp::Mul, Plain, x) => x,
        (ArithOp::Add | ArithOp::Sub | ArithOp::Mul, x, y) if x == y => x,
        (ArithOp::Div, x, Plain) => x,
        _ => Plain,
    }
}

/// `a op b`, with the currency and dimension of the result.
pub(crate) fn arith(op: ArithOp, a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
    let currency = combine_currency(op, a.currency, b.currency)?;
    let dim = if currency.is_some() && op != ArithOp::Add && op != ArithOp::Sub {
        Dim::Plain
    } else {
        combine_dim(op, a.dim, b.dim)
    };
    let iv = match op {
        ArithOp::Add => a.iv.add(&b.iv),
        ArithOp::Sub => a.iv.sub(&b.iv),
        ArithOp::Mul => a.iv.mul(&b.iv),
        ArithOp::Div => a.iv.div(&b.iv)?,
    };
    Ok(Quantity {
        iv: sized(iv)?,
        dim,
        currency,
    })
}

/// `a / b` for growth and share: amounts must be in the same currency.
pub(crate) fn ratio(a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
    same_currency(a, b, "relate")?;
    Ok(Quantity {
        iv: a.iv.div(&b.iv)?,
        dim: Dim::Plain,
        currency: None,
    })
}

/// `b / a − 1`, a percent.
pub(crate) fn growth(a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
    let r = ratio(b, a)?;
    Ok(percent(sized(r.iv.sub(&one()))?))
}

/// `part / whole`, a percent.
pub(crate) fn share(part: &Quantity, whole: &Quantity) -> Result<Quantity, Failure> {
    ratio(part, whole).map(|r| percent(r.iv))
}

/// `b − a`.
pub(crate) fn diff(a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
    arith(ArithOp::Sub, b, a)
}

/// `b − a` in percentage points, for two percentages.
pub(crate) fn points_difference(a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
    for q in [a, b] {
        if q.currency.is_some() || q.dim == Dim::Points {
            let what = if q.currency.is_some() {
                "an amount of money"
            } else {
                "percentage points"
            };
            return Err(Failure::new(
                ErrorKind::Type,
                format!("pp() takes two percentages, found {what}"),
            ));
        }
    }
    Ok(Quantity {
        iv: sized(b.iv.sub(&a.iv))?,
        dim: Dim::Points,
        currency: None,
    })
}

/// `ratio^(1/years) − 1`, a percent: `cagr(a, b, years)` on one element,
/// so a failure about `years` is blamed on its third argument.
pub(crate) fn compound(ratio: &Quantity, years: &Quantity) -> Result<Quantity, Failure> {
    if !years.iv.lo.is_positive() {
        let message = "cagr() needs a positive number of years";
        return Err(Failure::new(ErrorKind::Arithmetic, message).in_argument(2));
    }
    let exponent = Interval::new(years.iv.hi.recip(), years.iv.lo.recip());
    let grown = ratio.iv.pow(&exponent).map_err(|e| {
        let message = match e {
            ArithmeticError::NotPositive => {
                "cagr() needs the start and end values to have the same sign".to_string()
            }
            other => format!("cagr(): {other}"),
        };
        Failure::new(ErrorKind::Arithmetic, message)
    })?;
    Ok(percent(sized(grown.sub(&one()))?))
}

/// An error when both quantities carry currency tags and the tags differ.
fn same_currency(a: &Quantity, b: &Quantity, verb: &str) -> Result<(), Failure> {
    match (a.currency, b.currency) {
        (Some(x), Some(y)) if x != y => Err(Failure::new(
            ErrorKind::Currency,
            format!("cannot {verb} amounts in {x} and {y}"),
        )),
        _ => Ok(()),
    }
}

/// Checks that two quantities may be compared.
pub(crate) fn comparable(a: &Quantity, b: &Quantity) -> Result<(), Failure> {
    same_currency(a, b, "compare")?;
    let dims = (a.dim, b.dim);
    if dims == (Dim::Percent, Dim::Points) || dims == (Dim::Points, Dim::Percent) {
        return Err(Failure::new(
            ErrorKind::Type,
            "cannot compare a percent with percentage points",
        ));
    }
    Ok(())
}

/// `x op y`, three-valued; `≈` allows `tolerance` around `y`.
pub(crate) fn compare(
    op: CmpOp,
    tolerance: &Tolerance,
    x: &Quantity,
    y: &Quantity,
) -> Result<Truth, Failure> {
    comparable(x, y)?;
    Ok(match op {
        CmpOp::Eq => x.iv.consistent(&y.iv),
        CmpOp::Ne => !x.iv.consistent(&y.iv),
        CmpOp::Lt => x.iv.lt(&y.iv),
        CmpOp::Le => x.iv.le(&y.iv),
        CmpOp::Gt => y.iv.lt(&x.iv),
        CmpOp::Ge => y.iv.le(&x.iv),
        CmpOp::Approx => {
            tolerance
                .fits(y)
                .map_err(|m| Failure::new(ErrorKind::Tolerance, m))?;
            let width = tolerance.width(&y.iv);
            x.iv.consistent(&y.iv.widen(&width))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::int;

    fn q(n: i64) -> Quantity {
        Quantity::exact(int(n))
    }

    #[test]
    fn failures_carry_a_kind_and_a_message_but_no_place() {
        let mut rmb = q(1);
        rmb.currency = Some(Currency::Cny);
        let mut hkd = q(1);
        hkd.currency = Some(Currency::Hkd);
        let f = arith(ArithOp::Add, &rmb, &hkd).unwrap_err();
        assert_eq!(f.kind, ErrorKind::Currency);
        assert_eq!(f.argument, None);
        let f = arith(ArithOp::Div, &q(1), &q(0)).unwrap_err();
        assert_eq!(f.kind, ErrorKind::Arithmetic);
        assert_eq!(f.message, "division by an interval that contains zero");
    }

    #[test]
    fn results_too_large_for_a_bound_fail() {
        let mut x = q(10).with(Interval::exact(crate::interval::pow10(27)));
        for _ in 0..200 {
            match arith(ArithOp::Mul, &x, &x) {
                Ok(next) => x = next,
                Err(f) => {
                    assert_eq!(f.kind, ErrorKind::Arithmetic);
                    assert!(f.message.starts_with("the numbers grew too large"));
                    return;
                }
            }
        }
        panic!("the product never became too large");
    }

    #[test]
    fn compound_growth_over_fractional_years() {
        let g = compound(&q(2), &q(1).with(Interval::exact(int(499) / int(500)))).unwrap();
        assert_eq!(g.dim, Dim::Percent);
        assert!(g.iv.lo > Rat::new(1002780075.into(), 1000000000.into()));
        assert!(g.iv.hi < Rat::new(1002780076.into(), 1000000000.into()));
        let f = compound(&q(2), &q(0)).unwrap_err();
        assert_eq!(f.argument, Some(2));
    }

    #[test]
    fn approx_needs_a_tolerance_in_the_references_unit() {
        use crate::expr::Dim;
        use crate::numbers::read_numbers;
        let lit = |t: &str| Quantity::literal(&read_numbers(t).next().unwrap());
        let pct = lit("50%");
        let abs = |t: &str| Tolerance::Absolute(lit(t));
        assert_eq!(
            compare(CmpOp::Approx, &abs("0.1pp"), &lit("50.05%"), &pct),
            Ok(Truth::True)
        );
        let f = compare(CmpOp::Approx, &abs("0.1億"), &lit("16.8%"), &pct).unwrap_err();
        assert_eq!(f.kind, ErrorKind::Tolerance);
        let money = lit("RMB5億");
        assert!(compare(CmpOp::Approx, &abs("RMB1 million"), &money, &money).is_ok());
        assert!(compare(CmpOp::Approx, &abs("US$1 million"), &lit("5億"), &money).is_err());
        assert!(compare(CmpOp::Approx, &abs("0.1pp"), &money, &money).is_err());
        let diff = Quantity {
            dim: Dim::Plain,
            ..lit("0.02")
        };
        assert!(compare(CmpOp::Approx, &abs("0.1pp"), &diff, &diff).is_ok());
    }
}
