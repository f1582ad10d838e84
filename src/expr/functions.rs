//! The function library as data: one table says, for each function, its
//! name, its parameters (for messages and arity), how it applies to
//! evaluated values and how it explains a test that did not hold. The
//! evaluator, its "did you mean" suggestions and any caller that works on
//! values directly use this one table.
//!
//! ```
//! use claimcheck::expr::{Function, Quantity, Value};
//! use claimcheck::interval::int;
//! let growth = Function::from_name("growth").unwrap();
//! let v = |n| Value::Num(Quantity::exact(int(n)));
//! let Value::Num(g) = growth.apply(vec![v(200), v(300)]).unwrap() else { panic!() };
//! assert_eq!(g.iv.lo, int(1) / int(2));
//! ```

use std::fmt;

use super::arith::{self, comparable, compound, ratio};
use super::elementwise::{flatten, map_numbers, zip};
use super::parser::ArithOp;
use super::value::{Dim, Quantity, Value};
use super::{ErrorKind, Failure};
use crate::interval::{Interval, Truth, int, to_i64};

/// A function of the expression language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    /// `sum(xs…)`
    Sum,
    /// `mean(xs…)`
    Mean,
    /// `min(xs…)`
    Min,
    /// `max(xs…)`
    Max,
    /// `count(xs…)`
    Count,
    /// `growth(a, b)`: b / a − 1.
    Growth,
    /// `cagr(a, b, years)`: (b / a)^(1/years) − 1.
    Cagr,
    /// `share(part, whole)`: part / whole.
    Share,
    /// `diff(a, b)`: b − a.
    Diff,
    /// `pp(a, b)`: b − a in percentage points.
    Pp,
    /// `abs(x)`
    Abs,
    /// `round(x, digits)`
    Round,
    /// `increasing(xs…)`: each step strictly up.
    Increasing,
    /// `decreasing(xs…)`: each step strictly down.
    Decreasing,
    /// `nondecreasing(xs…)`: each step up or level.
    Nondecreasing,
    /// `nonincreasing(xs…)`: each step down or level.
    Nonincreasing,
    /// `all(xs OP y)`
    All,
    /// `any(xs OP y)`
    Any,
}

/// How many arguments a function takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// Exactly this many.
    Exactly(usize),
    /// Any number of numbers and lists, at least one.
    AtLeastOne,
}

/// The order a trend asks of each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trend {
    Increasing,
    Decreasing,
    Nondecreasing,
    Nonincreasing,
}

/// How `all` and `any` join the truths of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quantifier {
    All,
    Any,
}

/// How a function applies to its arguments.
#[derive(Clone, Copy)]
enum How {
    /// Over all numbers of the arguments, lists spread out.
    Aggregate(fn(Vec<Quantity>) -> Result<Quantity, Failure>),
    /// On two arguments, element by element.
    Pairwise(fn(&Quantity, &Quantity) -> Result<Quantity, Failure>),
    /// Each step of all numbers of the arguments goes one way.
    Trend(Trend),
    /// `all`/`any` of the truths of a comparison.
    Quantifier(Quantifier),
    /// On the argument values as they are.
    Values(fn(Vec<Value>) -> Result<Value, Failure>),
}

/// One entry of the table.
struct Spec {
    name: &'static str,
    params: &'static str,
    arity: Arity,
    how: How,
}

const fn spec(name: &'static str, params: &'static str, arity: Arity, how: How) -> Spec {
    Spec {
        name,
        params,
        arity,
        how,
    }
}

use Arity::{AtLeastOne, Exactly};

/// The table, in the order of [`Function::ALL`].
static TABLE: [Spec; 18] = [
    spec("sum", "xs…", AtLeastOne, How::Aggregate(sum)),
    spec("mean", "xs…", AtLeastOne, How::Aggregate(mean)),
    spec(
        "min",
        "xs…",
        AtLeastOne,
        How::Aggregate(|xs| extreme(xs, false)),
    ),
    spec(
        "max",
        "xs…",
        AtLeastOne,
        How::Aggregate(|xs| extreme(xs, true)),
    ),
    spec("count", "xs…", AtLeastOne, How::Aggregate(count)),
    spec("growth", "a, b", Exactly(2), How::Pairwise(arith::growth)),
    spec("cagr", "a, b, years", Exactly(3), How::Values(cagr)),
    spec(
        "share",
        "part, whole",
        Exactly(2),
        How::Pairwise(arith::share),
    ),
    spec("diff", "a, b", Exactly(2), How::Pairwise(arith::diff)),
    spec(
        "pp",
        "a, b",
        Exactly(2),
        How::Pairwise(arith::points_difference),
    ),
    spec("abs", "x", Exactly(1), How::Values(abs)),
    spec("round", "x, digits", Exactly(2), How::Values(round)),
    spec(
        "increasing",
        "xs…",
        AtLeastOne,
        How::Trend(Trend::Increasing),
    ),
    spec(
        "decreasing",
        "xs…",
        AtLeastOne,
        How::Trend(Trend::Decreasing),
    ),
    spec(
        "nondecreasing",
        "xs…",
        AtLeastOne,
        How::Trend(Trend::Nondecreasing),
    ),
    spec(
        "nonincreasing",
        "xs…",
        AtLeastOne,
        How::Trend(Trend::Nonincreasing),
    ),
    spec(
        "all",
        "xs OP y",
        Exactly(1),
        How::Quantifier(Quantifier::All),
    ),
    spec(
        "any",
        "xs OP y",
        Exactly(1),
        How::Quantifier(Quantifier::Any),
    ),
];

impl Function {
    /// Every function, in the order the contract lists them.
    pub const ALL: [Function; 18] = [
        Function::Sum,
        Function::Mean,
        Function::Min,
        Function::Max,
        Function::Count,
        Function::Growth,
        Function::Cagr,
        Function::Share,
        Function::Diff,
        Function::Pp,
        Function::Abs,
        Function::Round,
        Function::Increasing,
        Function::Decreasing,
        Function::Nondecreasing,
        Function::Nonincreasing,
        Function::All,
        Function::Any,
    ];

    fn spec(self) -> &'static Spec {
        &TABLE[self as usize]
    }

    /// The function called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Its name, as written in expressions.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Its parameters, for messages: `a, b, years`.
    pub fn params(self) -> &'static str {
        self.spec().params
    }

    /// How many arguments it takes.
    pub fn arity(self) -> Arity {
        self.spec().arity
    }

    /// Checks that `found` arguments suit the function.
    pub fn check_arity(self, found: usize) -> Result<(), Failure> {
        let count = match self.arity() {
            Arity::AtLeastOne if found > 0 => return Ok(()),
            Arity::Exactly(n) if n == found => return Ok(()),
            Arity::AtLeastOne => "at least 1 argument".to_string(),
            Arity::Exactly(1) => "1 argument".to_string(),
            Arity::Exactly(n) => format!("{n} arguments"),
        };
        Err(Failure::new(
            ErrorKind::Arity,
            format!("{self} takes {count}, found {found}"),
        ))
    }

    /// Applies the function to evaluated arguments. A failure that one
    /// argument causes names it in [`Failure::argument`].
    pub fn apply(self, args: Vec<Value>) -> Result<Value, Failure> {
        self.check_arity(args.len())?;
        match self.spec().how {
            How::Aggregate(f) => f(flatten(args)?).map(Value::Num),
            How::Pairwise(f) => {
                let [a, b] = <[Value; 2]>::try_from(args).expect("arity checked");
                zip(a, b, f)
            }
            How::Trend(trend) => trend.apply(self.name(), &flatten(args)?),
            How::Quantifier(q) => q.apply(self.name(), &first(args)),
            How::Values(f) => f(args),
        }
    }

    /// Where a test that did not hold breaks, for the report: `the step
    /// from value 2 to value 3 is not an increase`, `value 1 fails the
    /// test`, `no value surely passes the test`. `None` when the function
    /// is not a test, or the test holds.
    pub fn explain(self, args: &[Value]) -> Option<String> {
        match self.spec().how {
            How::Trend(trend) => trend.explain(&flatten(args.to_vec()).ok()?),
            How::Quantifier(q) => q.explain(args.first()?),
            _ => None,
        }
    }
}

impl fmt::Display for Function {
    /// The function with its parameters: `growth(a, b)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.params())
    }
}

fn first(values: Vec<Value>) -> Value {
    values.into_iter().next().expect("arity checked")
}

fn sum(xs: Vec<Quantity>) -> Result<Quantity, Failure> {
    let mut iter = xs.into_iter();
    let first = iter.next().expect("at least one value");
    iter.try_fold(first, |acc, x| arith::arith(ArithOp::Add, &acc, &x))
}

fn mean(xs: Vec<Quantity>) -> Result<Quantity, Failure> {
    let n = Interval::exact(int(xs.len() as i64));
    let total = sum(xs)?;
    let iv = total.iv.div(&n)?;
    Ok(total.with(iv))
}

fn count(xs: Vec<Quantity>) -> Result<Quantity, Failure> {
    Ok(Quantity::exact(int(xs.len() as i64)))
}

fn extreme(xs: Vec<Quantity>, max: bool) -> Result<Quantity, Failure> {
    let mut iter = xs.into_iter();
    let first = iter.next().expect("at least one value");
    iter.try_fold(first, |acc, x| {
        comparable(&acc, &x)?;
        let iv = if max {
            acc.iv.max(&x.iv)
        } else {
            acc.iv.min(&x.iv)
        };
        Ok(Quantity {
            iv,
            dim: acc.dim,
            currency: acc.currency.or(x.currency),
        })
    })
}

/// `cagr(a, b, years)`: `(b / a)^(1/years) − 1`, element by element.
fn cagr(values: Vec<Value>) -> Result<Value, Failure> {
    let [a, b, years] = <[Value; 3]>::try_from(values).expect("arity checked");
    let ratios = zip(b, a, ratio)?;
    zip(ratios, years, compound)
}

fn abs(values: Vec<Value>) -> Result<Value, Failure> {
    map_numbers(first(values), |q| Ok(q.with(q.iv.abs())))
}

/// `round(x, digits)`; percents and points round in percent units: round(45.28%, 1) = 45.3%.
fn round(values: Vec<Value>) -> Result<Value, Failure> {
    let [x, digits] = <[Value; 2]>::try_from(values).expect("arity checked");
    let digits = whole_number(&digits).map_err(|f| f.in_argument(1))?;
    map_numbers(x, |q| {
        let shift = if q.dim == Dim::Plain { 0 } else { 2 };
        Ok(q.with(q.iv.round(digits as i32 + shift)))
    })
}

fn whole_number(v: &Value) -> Result<i64, Failure> {
    let message = match v {
        Value::Num(q) if q.iv.is_exact() && q.dim == Dim::Plain => {
            if let Some(d) = to_i64(&q.iv.lo).filter(|d| (-30..=30).contains(d)) {
                return Ok(d);
            }
            "the number of digits must be a whole number between -30 and 30".to_string()
        }
        other => format!(
            "the number of digits must be a whole number, found {}",
            other.describe()
        ),
    };
    Err(Failure::new(ErrorKind::Type, message))
}

impl Trend {
    /// Whether the step from `a` to `b` goes the trend's way. Evaluation
    /// and explanation both use it.
    fn step(self, a: &Interval, b: &Interval) -> Truth {
        match self {
            Trend::Increasing => a.lt(b),
            Trend::Decreasing => b.lt(a),
            Trend::Nondecreasing => a.le(b),
            Trend::Nonincreasing => b.le(a),
        }
    }

    /// What each step should be, for explanations.
    fn wanted(self) -> &'static str {
        match self {
            Trend::Increasing => "an increase",
            Trend::Decreasing => "a decrease",
            Trend::Nondecreasing => "a rise or no change",
            Trend::Nonincreasing => "a fall or no change",
        }
    }

    /// Whether every step goes the trend's way; `name` is the function's.
    fn apply(self, name: &str, xs: &[Quantity]) -> Result<Value, Failure> {
        if xs.len() < 2 {
            let message = format!("{name}() needs at least two values, found {}", xs.len());
            return Err(Failure::new(ErrorKind::Type, message));
        }
        let mut truth = Truth::True;
        for pair in xs.windows(2) {
            comparable(&pair[0], &pair[1])?;
            truth = truth.and(self.step(&pair[0].iv, &pair[1].iv));
        }
        Ok(Value::Truth(truth))
    }

    /// The first step that does not surely go the trend's way.
    fn explain(self, xs: &[Quantity]) -> Option<String> {
        xs.windows(2).enumerate().find_map(|(i, pair)| {
            let (verb, why) = match self.step(&pair[0].iv, &pair[1].iv) {
                Truth::True => return None,
                Truth::False => ("is not", ""),
                Truth::Undecided => ("may not be", ": rounding leaves it open"),
            };
            Some(format!(
                "the step from value {} to value {} {verb} {}{why}",
                i + 1,
                i + 2,
                self.wanted()
            ))
        })
    }
}

/// The truths of a comparison.
fn truths(v: &Value) -> Option<&[Truth]> {
    match v {
        Value::Truths(ts) => Some(ts),
        Value::Truth(t) => Some(std::slice::from_ref(t)),
        _ => None,
    }
}

impl Quantifier {
    /// Kleene conjunction (`all`) or disjunction (`any`) of the truths;
    /// `name` is the function's.
    fn apply(self, name: &str, v: &Value) -> Result<Value, Failure> {
        let Some(truths) = truths(v) else {
            let message = format!(
                "{name}() takes a comparison such as {name}(xs > 0), found {}",
                v.describe()
            );
            return Err(Failure::new(ErrorKind::Type, message).in_argument(0));
        };
        let (start, join): (Truth, fn(Truth, Truth) -> Truth) = match self {
            Quantifier::All => (Truth::True, Truth::and),
            Quantifier::Any => (Truth::False, Truth::or),
        };
        Ok(Value::Truth(truths.iter().copied().fold(start, join)))
    }

    /// The first value that does not surely pass (`all`), or that none does (`any`).
    fn explain(self, v: &Value) -> Option<String> {
        let truths = truths(v)?;
        if self == Quantifier::Any {
            let holds = truths.contains(&Truth::True);
            return (!holds).then(|| "no value surely passes the test".to_string());
        }
        let (i, t) = truths
            .iter()
            .enumerate()
            .find(|(_, t)| **t != Truth::True)?;
        let how = if *t == Truth::False {
            "fails the test"
        } else {
            "may fail the test: rounding leaves it open"
        };
        Some(format!("value {} {how}", i + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Rat;

    fn num(n: i64) -> Value {
        Value::Num(Quantity::exact(int(n)))
    }

    fn list(ns: &[i64]) -> Value {
        Value::List(ns.iter().map(|&n| Quantity::exact(int(n))).collect())
    }

    #[test]
    fn the_table_follows_the_enum() {
        for (i, f) in Function::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
            assert_eq!(Function::from_name(f.name()), Some(f));
        }
        assert_eq!(Function::from_name("grwth"), None);
        assert_eq!(Function::Cagr.to_string(), "cagr(a, b, years)");
    }

    #[test]
    fn arity_is_checked_with_the_parameters_in_the_message() {
        let f = Function::Growth.apply(vec![num(1)]).unwrap_err();
        assert_eq!(f.kind, ErrorKind::Arity);
        assert_eq!(f.message, "growth(a, b) takes 2 arguments, found 1");
        let f = Function::Sum.apply(vec![]).unwrap_err();
        assert_eq!(f.message, "sum(xs…) takes at least 1 argument, found 0");
        assert_eq!(
            Function::Abs.check_arity(2).unwrap_err().message,
            "abs(x) takes 1 argument, found 2"
        );
    }

    #[test]
    fn functions_apply_to_values_without_text() {
        assert_eq!(
            Function::Sum.apply(vec![list(&[1, 2]), num(3)]).unwrap(),
            num(6)
        );
        let Value::Num(m) = Function::Mean.apply(vec![list(&[1, 2])]).unwrap() else {
            panic!()
        };
        assert_eq!(m.iv.lo, Rat::new(3.into(), 2.into()));
        let Value::Num(g) = Function::Growth.apply(vec![num(100), num(150)]).unwrap() else {
            panic!()
        };
        assert_eq!(
            (g.dim, g.iv.lo),
            (Dim::Percent, Rat::new(1.into(), 2.into()))
        );
        let Value::Num(c) = Function::Cagr
            .apply(vec![num(100), num(400), num(2)])
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(c.iv, Interval::exact(int(1)));
        assert_eq!(
            Function::Increasing.apply(vec![list(&[1, 2, 3])]).unwrap(),
            Value::Truth(Truth::True)
        );
    }

    #[test]
    fn failures_name_the_argument_at_fault() {
        let f = Function::Round.apply(vec![num(1), list(&[1])]).unwrap_err();
        assert_eq!(f.argument, Some(1));
        let f = Function::Cagr
            .apply(vec![num(1), num(2), num(-1)])
            .unwrap_err();
        assert_eq!(f.argument, Some(2));
        let f = Function::All.apply(vec![num(1)]).unwrap_err();
        assert_eq!(f.argument, Some(0));
        let f = Function::Growth.apply(vec![num(0), num(2)]).unwrap_err();
        assert_eq!((f.kind, f.argument), (ErrorKind::Arithmetic, None));
    }

    #[test]
    fn explanations_use_the_same_step_test() {
        let falling = [list(&[3, 2, 2])];
        assert_eq!(
            Function::Decreasing.explain(&falling).as_deref(),
            Some("the step from value 2 to value 3 is not a decrease")
        );
        assert_eq!(Function::Nonincreasing.explain(&falling), None);
        assert_eq!(Function::Sum.explain(&falling), None);
        let truths = [Value::Truths(vec![Truth::True, Truth::Undecided])];
        assert_eq!(
            Function::All.explain(&truths).as_deref(),
            Some("value 2 may fail the test: rounding leaves it open")
        );
        assert_eq!(Function::Any.explain(&truths), None);
    }
}
