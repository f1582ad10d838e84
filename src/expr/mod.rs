//! The expression language of `check` and `expr`: numbers (with scale,
//! percent and currency), fact names, indexing, arithmetic, comparisons,
//! `and`/`or`/`not` and the contract's functions, evaluated on exact
//! intervals.
//!
//! ```
//! use claimcheck::expr::{evaluate, Env, Tolerance, Value};
//! use claimcheck::interval::Truth;
//! struct NoFacts;
//! impl Env for NoFacts {
//!     type Error = ();
//!     fn fact(&mut self, _: &str) -> Option<Result<Value, ()>> { None }
//!     fn names(&self) -> Vec<String> { Vec::new() }
//! }
//! let (value, _) = evaluate("growth(189, 540.1) > 185%", &mut NoFacts, &Tolerance::default()).unwrap();
//! assert_eq!(value, Value::Truth(Truth::True));
//! ```

mod arith;
mod elementwise;
mod eval;
mod functions;
mod lexer;
mod parser;
mod references;
mod substitute;
mod value;

use std::fmt;
use std::ops::Range;

pub(crate) use eval::suggestion;
pub use eval::{Explained, Use, evaluate_explained, evaluate_parsed};
pub use functions::{Arity, Function};
pub use lexer::CmpOp;
pub use parser::{ArithOp, Expr, MAX_DEPTH, MAX_LENGTH, Node, parse};
pub use references::{Reference, references};
pub use substitute::substitute;
pub use value::{Dim, Quantity, Value};

use crate::interval::{ArithmeticError, Interval, Rat, int};

/// What went wrong in an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The text is not a well-formed expression.
    Syntax,
    /// A name that is neither a fact nor a function.
    UnknownName,
    /// A function called with the wrong number of arguments.
    Arity,
    /// A value of the wrong shape or unit (a list where a number is needed,
    /// lists of different lengths, percent compared with points…).
    Type,
    /// Division by an interval containing zero, a root of a negative value.
    Arithmetic,
    /// Amounts in different currencies added or compared.
    Currency,
    /// `≈` with an absolute tolerance in another unit than the value it
    /// widens (`0.1億` around a percent): the claim's error, not the expression's.
    Tolerance,
}

/// An error located in the expression text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Byte range in the expression.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// More help (a "did you mean", or where a bracket was opened).
    pub note: Option<String>,
    /// The class of error.
    pub kind: ErrorKind,
}

impl ExprError {
    /// A syntax error at `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> ExprError {
        ExprError {
            span,
            message: message.into(),
            note: None,
            kind: ErrorKind::Syntax,
        }
    }

    /// An error of another kind.
    pub fn of(kind: ErrorKind, span: Range<usize>, message: impl Into<String>) -> ExprError {
        ExprError {
            span,
            message: message.into(),
            note: None,
            kind,
        }
    }

    /// The 1-based character column where the error starts in `src`.
    pub fn column(&self, src: &str) -> usize {
        src.get(..self.span.start.min(src.len()))
            .map_or(1, |s| s.chars().count() + 1)
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(note) = &self.note {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

/// What went wrong applying an operator or a function to values, before it
/// is placed in the expression: the evaluator gives it the operation's span
/// (or the span of the argument it names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The class of error.
    pub kind: ErrorKind,
    /// What is wrong.
    pub message: String,
    /// The argument at fault (0-based), when one argument of a function is
    /// to blame rather than the whole call.
    pub argument: Option<usize>,
}

impl Failure {
    /// A failure of the whole operation.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            argument: None,
        }
    }

    /// The same failure, blamed on argument `i`.
    pub(crate) fn in_argument(self, i: usize) -> Failure {
        Failure {
            argument: Some(i),
            ..self
        }
    }

    /// The failure as an error at `span` of the expression.
    pub(crate) fn at(self, span: Range<usize>) -> ExprError {
        ExprError::of(self.kind, span, self.message)
    }
}

impl From<ArithmeticError> for Failure {
    fn from(e: ArithmeticError) -> Self {
        Failure::new(ErrorKind::Arithmetic, e.to_string())
    }
}

/// Why evaluating failed; `E` is the error of an [`Env`]'s facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError<E> {
    /// An error in this expression.
    Expr(ExprError),
    /// A fact the expression uses could not be resolved.
    Fact {
        /// The fact's name.
        name: String,
        /// Where the expression names it.
        span: Range<usize>,
        /// Why the fact could not be resolved, as the [`Env`] said.
        error: E,
    },
}

impl<E> From<ExprError> for EvalError<E> {
    fn from(e: ExprError) -> Self {
        EvalError::Expr(e)
    }
}

/// Where expressions get fact values from.
pub trait Env {
    /// Why a fact could not be resolved; handed back in [`EvalError::Fact`].
    type Error;
    /// The value of fact `name`: `None` when there is no such fact,
    /// `Some(Err(_))` when it exists but could not be resolved.
    fn fact(&mut self, name: &str) -> Option<Result<Value, Self::Error>>;
    /// All fact names, for "did you mean" suggestions.
    fn names(&self) -> Vec<String>;
    /// "did you mean `x`?" for an unknown name: the closest fact or function
    /// name, if one is close. An environment asked about many unknown names
    /// may remember its answers.
    fn suggest(&mut self, name: &str) -> Option<String> {
        eval::suggestion(name, self.names())
    }
}

/// How far `≈` (and a claim's stated value) may be from the computed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tolerance {
    /// A fraction of the reference value (`"2%"` is 0.02).
    Relative(Rat),
    /// An absolute width in the value's unit (`"0.1pp"`, `"0.02億"`).
    Absolute(Quantity),
}

impl Default for Tolerance {
    /// `≈` means within 5% of the reference value.
    fn default() -> Self {
        Tolerance::Relative(Rat::new(int(5).to_integer(), int(100).to_integer()))
    }
}

impl Tolerance {
    /// Whether this tolerance may widen `reference` (for `≈`): a relative
    /// one always; points widen percents, points and untagged plain numbers;
    /// an amount widens plain numbers, in its currency when they have one.
    /// `Err` names both units.
    pub fn fits(&self, reference: &Quantity) -> Result<(), String> {
        let Tolerance::Absolute(t) = self else {
            return Ok(());
        };
        // A plain untagged value may be a difference of percents, which
        // points widen well; money and percents never widen each other.
        let dims_fit = match t.dim {
            Dim::Percent | Dim::Points => {
                reference.dim != Dim::Plain || reference.currency.is_none()
            }
            Dim::Plain => reference.dim == Dim::Plain,
        };
        let currencies_fit = match (t.currency, reference.currency) {
            (Some(a), Some(b)) => a == b,
            (Some(_), None) => true,
            (None, _) => true,
        };
        if dims_fit && currencies_fit {
            return Ok(());
        }
        let unit = |q: &Quantity| match (q.dim, q.currency) {
            (Dim::Plain, Some(c)) => format!("an amount in {}", c.code()),
            (Dim::Plain, None) => "a plain number".to_string(),
            (d, _) => d.describe().to_string(),
        };
        Err(format!(
            "the tolerance is {}, but `≈` widens {}; write it relative (`2%`) or in that unit",
            unit(t),
            unit(reference)
        ))
    }

    /// The absolute width this tolerance allows around `reference`.
    pub fn width(&self, reference: &Interval) -> Rat {
        match self {
            Tolerance::Relative(r) => {
                let magnitude = reference.lo.abs().max(reference.hi.abs());
                r * magnitude
            }
            Tolerance::Absolute(q) => q.iv.hi.abs(),
        }
    }
}

use num_traits::Signed;

/// Parses and evaluates `src`, returning the value and the facts it used.
pub fn evaluate<E: Env + ?Sized>(
    src: &str,
    env: &mut E,
    tolerance: &Tolerance,
) -> Result<(Value, Vec<Use>), EvalError<E::Error>> {
    let expr = parse(src)?;
    evaluate_parsed(&expr, env, tolerance)
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;
    use crate::interval::int;

    /// The environment of the `expr` fuzz target, with an empty list `e`.
    struct Facts;

    impl Env for Facts {
        type Error = ();
        fn fact(&mut self, name: &str) -> Option<Result<Value, ()>> {
            let q = |n: i64| Quantity::exact(int(n));
            match name {
                "rev" => Some(Ok(Value::List(vec![q(5), q(7), q(-3)]))),
                "x" => Some(Ok(Value::Num(q(5)))),
                "e" => Some(Ok(Value::List(vec![]))),
                _ => None,
            }
        }
        fn names(&self) -> Vec<String> {
            ["rev", "x", "e"].iter().map(|s| s.to_string()).collect()
        }
    }

    #[test]
    fn empty_lists_are_errors_not_panics() {
        for src in [
            "3*e",
            "0!=e",
            "e!=58",
            "RMB1/e",
            "sum(e)",
            "mean(e)",
            "min(e)",
            "increasing(e)",
            "e[0]",
            "e≈99",
            "-e-−0",
            "all(e > 1)",
        ] {
            let _ = evaluate(src, &mut Facts, &Tolerance::default());
        }
    }
}

#[cfg(test)]
mod fact_errors {
    use super::*;

    /// Facts whose error is a message.
    struct Facts;

    impl Env for Facts {
        type Error = String;
        fn fact(&mut self, name: &str) -> Option<Result<Value, String>> {
            (name == "bad").then(|| Err("the quote is not in the source".to_string()))
        }
        fn names(&self) -> Vec<String> {
            vec!["bad".to_string()]
        }
    }

    #[test]
    fn the_fact_error_comes_back_with_the_name_and_place() {
        let err = evaluate("growth(1, bad)", &mut Facts, &Tolerance::default()).unwrap_err();
        assert_eq!(
            err,
            EvalError::Fact {
                name: "bad".to_string(),
                span: 10..13,
                error: "the quote is not in the source".to_string(),
            }
        );
    }
}

#[cfg(test)]
mod explanations {
    use super::*;
    use crate::interval::int;

    struct Facts;

    impl Env for Facts {
        type Error = ();
        fn fact(&mut self, name: &str) -> Option<Result<Value, ()>> {
            let q = |n: i64| Quantity::exact(int(n));
            (name == "loss").then(|| Ok(Value::List(vec![q(883), q(1012), q(953)])))
        }
        fn names(&self) -> Vec<String> {
            vec!["loss".to_string()]
        }
    }

    fn notes(src: &str) -> Vec<String> {
        let tree = parse(src).unwrap();
        evaluate_explained(&tree, &mut Facts, &Tolerance::default())
            .unwrap()
            .2
    }

    #[test]
    fn broken_trends_and_tests_say_where() {
        assert_eq!(
            notes("increasing(loss)"),
            ["the step from value 2 to value 3 is not an increase"]
        );
        assert_eq!(notes("all(loss > 900)"), ["value 1 fails the test"]);
        assert_eq!(
            notes("any(loss > 2000)"),
            ["no value surely passes the test"]
        );
        assert!(notes("decreasing(loss[1], loss[2])").is_empty());
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    struct NoFacts;

    impl Env for NoFacts {
        type Error = ();
        fn fact(&mut self, _: &str) -> Option<Result<Value, ()>> {
            None
        }
        fn names(&self) -> Vec<String> {
            Vec::new()
        }
    }

    /// Runs `f` on a thread with the 2 MiB stack test threads have by default.
    fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .expect("no stack overflow")
    }

    #[test]
    fn the_deepest_accepted_expressions_evaluate_on_a_small_stack() {
        let n = MAX_DEPTH - 2;
        let nest = |open: &str, leaf: &str, close: &str| {
            format!("{}{leaf}{}", open.repeat(n), close.repeat(n))
        };
        for src in [
            nest("(", "1", ")"),
            format!("1{}", "+1".repeat(n)),
            nest("abs(", "1", ")"),
            nest("sum(1, ", "1", ")"),
            nest("0[", "0", "]"),
            nest("-", "1", ""),
            nest("not ", "1 > 0", ""),
        ] {
            let shown = src.chars().take(12).collect::<String>();
            let ok = on_small_stack(move || {
                let tree = parse(&src).unwrap();
                let value = evaluate_parsed(&tree, &mut NoFacts, &Tolerance::default());
                substitute(&tree, &src, &mut |_, _| Some("x".to_string()));
                value.is_ok()
            });
            assert!(ok, "{shown}…");
        }
    }

    #[test]
    fn hostile_depths_and_sizes_are_errors_not_crashes() {
        let start = std::time::Instant::now();
        for src in [
            format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)),
            format!("1{}", "+1".repeat(100_000)),
            format!("{}1", "abs(".repeat(100_000)),
        ] {
            let message =
                on_small_stack(
                    move || match evaluate(&src, &mut NoFacts, &Tolerance::default()) {
                        Err(EvalError::Expr(e)) => e.message,
                        other => format!("{other:?}"),
                    },
                );
            assert!(
                message == "the expression is nested too deeply (limit 256)"
                    || message == "the expression is too long (limit 10000 characters)",
                "{message}"
            );
        }
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn runaway_products_are_errors() {
        let src = format!("1{}", " * 1234567890123456789012345678".repeat(200));
        let Err(EvalError::Expr(e)) = evaluate(&src, &mut NoFacts, &Tolerance::default()) else {
            panic!("a product of 200 28-digit numbers exceeds the size limit");
        };
        assert_eq!(
            e.message,
            "the numbers grew too large to compute exactly (limit 4096 bits)"
        );
        assert_eq!(e.kind, ErrorKind::Arithmetic);
    }

    #[test]
    fn powers_too_large_for_a_bound_are_errors_and_fine_years_are_quick() {
        let src = "cagr(1, 1234567890123456789012345678, 0.001)";
        let Err(EvalError::Expr(e)) = evaluate(src, &mut NoFacts, &Tolerance::default()) else {
            panic!("(1.2e27)^1000 exceeds the size limit");
        };
        assert_eq!(
            e.message,
            "cagr(): the numbers grew too large to compute exactly (limit 4096 bits)"
        );
        assert_eq!(e.span, 0..src.len());
        let start = std::time::Instant::now();
        for src in ["cagr(100, 200, 499/500)", "cagr(100, 200, 999/1000)"] {
            assert!(evaluate(src, &mut NoFacts, &Tolerance::default()).is_ok());
        }
        assert!(start.elapsed().as_secs() < 5);
    }
}
