//! Evaluation on exact intervals. Arithmetic, comparisons and the
//! two-argument functions work element by element on lists of equal length;
//! a single number pairs with every element.

use std::ops::Range;

use num_traits::{One, Signed};

use super::lexer::CmpOp;
use super::parser::{ArithOp, Expr, Node};
use super::value::{Dim, Quantity, Value};
use super::{Env, ErrorKind, EvalError, ExprError, Tolerance};
use crate::interval::{Interval, Rat, Truth, int, to_i64};
use crate::numbers::Currency;

/// Every function the language knows, with its argument list for messages.
pub const FUNCTIONS: &[(&str, &str)] = &[
    ("sum", "xs…"),
    ("mean", "xs…"),
    ("min", "xs…"),
    ("max", "xs…"),
    ("count", "xs…"),
    ("growth", "a, b"),
    ("cagr", "a, b, years"),
    ("share", "part, whole"),
    ("diff", "a, b"),
    ("pp", "a, b"),
    ("abs", "x"),
    ("round", "x, digits"),
    ("increasing", "xs…"),
    ("decreasing", "xs…"),
    ("nondecreasing", "xs…"),
    ("nonincreasing", "xs…"),
    ("all", "xs OP y"),
    ("any", "xs OP y"),
];

/// A fact an expression used: the whole fact, or one element of it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    /// The fact's name.
    pub name: String,
    /// The element used (already resolved from a negative index).
    pub index: Option<usize>,
}

/// Evaluates a parsed expression.
pub fn evaluate_parsed(
    expr: &Expr,
    env: &mut dyn Env,
    tolerance: &Tolerance,
) -> Result<(Value, Vec<Use>), EvalError> {
    evaluate_explained(expr, env, tolerance).map(|(value, uses, _)| (value, uses))
}

/// Like [`evaluate_parsed`], also saying where a trend or an `all`/`any`
/// test breaks (`the step from value 2 to value 3 is not an increase`).
pub fn evaluate_explained(
    expr: &Expr,
    env: &mut dyn Env,
    tolerance: &Tolerance,
) -> Result<(Value, Vec<Use>, Vec<String>), EvalError> {
    let mut ev = Evaluator {
        env,
        tolerance,
        uses: Vec::new(),
        notes: Vec::new(),
    };
    let value = ev.eval(expr)?;
    Ok((value, ev.uses, ev.notes))
}

struct Evaluator<'a> {
    env: &'a mut dyn Env,
    tolerance: &'a Tolerance,
    uses: Vec<Use>,
    /// Where tests broke, for the report.
    notes: Vec<String>,
}

type Res<T> = Result<T, EvalError>;

fn err<T>(kind: ErrorKind, span: &Range<usize>, message: impl Into<String>) -> Res<T> {
    Err(EvalError::Expr(ExprError::of(kind, span.clone(), message)))
}

impl Evaluator<'_> {
    fn eval(&mut self, e: &Expr) -> Res<Value> {
        match &e.node {
            Node::Num(n) => {
                if !n.kind.is_value() {
                    return err(
                        ErrorKind::Type,
                        &e.span,
                        format!("this reads as a {}, not a value", n.kind),
                    );
                }
                Ok(Value::Num(Quantity::literal(n)))
            }
            Node::Name(name) => {
                let v = self.fact(name, &e.span)?;
                self.note_use(name, None);
                Ok(v)
            }
            Node::Index(base, index) => self.index(base, index, &e.span),
            Node::Neg(x) => {
                let v = self.eval(x)?;
                map_numbers(v, &x.span, |q| Ok(q.with(q.iv.neg())))
            }
            Node::Arith(op, l, r) => {
                let (a, b) = (self.eval(l)?, self.eval(r)?);
                zip(a, b, &e.span, |x, y| arith(*op, x, y))
            }
            Node::Compare(op, l, r) => {
                let (a, b) = (self.eval(l)?, self.eval(r)?);
                self.compare(*op, a, b, &e.span)
            }
            Node::And(l, r) => self.logic(l, r, Truth::and),
            Node::Or(l, r) => self.logic(l, r, Truth::or),
            Node::Not(x) => {
                let v = self.eval(x)?;
                map_truths(v, &x.span, |t| !t)
            }
            Node::Call(name, name_span, args) => self.call(name, name_span, args, &e.span),
        }
    }

    fn fact(&mut self, name: &str, span: &Range<usize>) -> Res<Value> {
        match self.env.fact(name) {
            Some(Ok(v)) => Ok(v),
            Some(Err(())) => Err(EvalError::Fact {
                name: name.to_string(),
                span: span.clone(),
            }),
            None => {
                let mut e = ExprError::of(
                    ErrorKind::UnknownName,
                    span.clone(),
                    format!("unknown name `{name}`"),
                );
                let mut candidates = self.env.names();
                candidates.extend(FUNCTIONS.iter().map(|(f, _)| f.to_string()));
                e.note = suggest(name, &candidates).map(|s| format!("did you mean `{s}`?"));
                Err(EvalError::Expr(e))
            }
        }
    }

    fn note_use(&mut self, name: &str, index: Option<usize>) {
        let u = Use {
            name: name.to_string(),
            index,
        };
        if !self.uses.contains(&u) {
            self.uses.push(u);
        }
    }

    fn index(&mut self, base: &Expr, index: &Expr, span: &Range<usize>) -> Res<Value> {
        let list = match &base.node {
            Node::Name(name) => self.fact(name, &base.span)?,
            _ => self.eval(base)?,
        };
        let i = self.eval(index)?;
        let Value::Num(q) = &i else {
            return err(
                ErrorKind::Type,
                &index.span,
                format!("an index must be a number, found {}", i.describe()),
            );
        };
        let Some(i) = to_i64(&q.iv.lo).filter(|_| q.iv.is_exact()) else {
            return err(
                ErrorKind::Type,
                &index.span,
                "an index must be a whole number",
            );
        };
        let items = match list {
            Value::List(items) => items,
            Value::Num(q) => vec![q],
            other => {
                return err(
                    ErrorKind::Type,
                    &base.span,
                    format!("cannot index {}", other.describe()),
                );
            }
        };
        let len = items.len() as i64;
        let at = if i < 0 { len + i } else { i };
        if at < 0 || at >= len {
            let what = match &base.node {
                Node::Name(n) => format!("`{n}`"),
                _ => "the list".to_string(),
            };
            return err(
                ErrorKind::Type,
                span,
                format!("index {i} is out of range: {what} has {len} value(s)"),
            );
        }
        if let Node::Name(name) = &base.node {
            self.note_use(name, Some(at as usize));
        }
        Ok(Value::Num(items[at as usize].clone()))
    }

    fn compare(&self, op: CmpOp, a: Value, b: Value, span: &Range<usize>) -> Res<Value> {
        let tolerance = self.tolerance;
        zip_truth(a, b, span, |x, y| {
            comparable(x, y)?;
            Ok(match op {
                CmpOp::Eq => x.iv.consistent(&y.iv),
                CmpOp::Ne => !x.iv.consistent(&y.iv),
                CmpOp::Lt => x.iv.lt(&y.iv),
                CmpOp::Le => x.iv.le(&y.iv),
                CmpOp::Gt => y.iv.lt(&x.iv),
                CmpOp::Ge => y.iv.le(&x.iv),
                CmpOp::Approx => {
                    let width = tolerance.width(&y.iv);
                    x.iv.consistent(&y.iv.widen(&width))
                }
            })
        })
    }

    fn logic(&mut self, l: &Expr, r: &Expr, f: fn(Truth, Truth) -> Truth) -> Res<Value> {
        let (a, b) = (self.eval(l)?, self.eval(r)?);
        let span = l.span.start..r.span.end;
        match (a, b) {
            (Value::Truth(x), Value::Truth(y)) => Ok(Value::Truth(f(x, y))),
            (Value::Truths(xs), Value::Truth(y)) => {
                Ok(Value::Truths(xs.into_iter().map(|x| f(x, y)).collect()))
            }
            (Value::Truth(x), Value::Truths(ys)) => {
                Ok(Value::Truths(ys.into_iter().map(|y| f(x, y)).collect()))
            }
            (Value::Truths(xs), Value::Truths(ys)) if xs.len() == ys.len() => Ok(Value::Truths(
                xs.into_iter().zip(ys).map(|(x, y)| f(x, y)).collect(),
            )),
            (a, b) => err(
                ErrorKind::Type,
                &span,
                format!(
                    "`and`/`or` join true/false tests, found {} and {}",
                    a.describe(),
                    b.describe()
                ),
            ),
        }
    }

    fn call(
        &mut self,
        name: &str,
        name_span: &Range<usize>,
        args: &[Expr],
        span: &Range<usize>,
    ) -> Res<Value> {
        check_arity(name, name_span, args.len(), span)?;
        let values = args
            .iter()
            .map(|a| self.eval(a))
            .collect::<Res<Vec<Value>>>()?;
        let spans: Vec<Range<usize>> = args.iter().map(|a| a.span.clone()).collect();
        let explained = matches!(
            name,
            "all" | "any" | "increasing" | "decreasing" | "nondecreasing" | "nonincreasing"
        );
        let kept = explained.then(|| values.clone());
        let result = apply(name, values, &spans, span)?;
        if let (Some(values), Value::Truth(t)) = (kept, &result)
            && *t != Truth::True
            && let Some(note) = breaking_point(name, &values)
        {
            self.notes.push(note);
        }
        Ok(result)
    }
}

/// Checks that `name` is a function and gets the right number of arguments.
fn check_arity(name: &str, name_span: &Range<usize>, found: usize, span: &Range<usize>) -> Res<()> {
    let Some(&(_, params)) = FUNCTIONS.iter().find(|(f, _)| *f == name) else {
        let message = format!("unknown function `{name}`");
        let mut e = ExprError::of(ErrorKind::UnknownName, name_span.clone(), message);
        let names: Vec<String> = FUNCTIONS.iter().map(|(f, _)| f.to_string()).collect();
        e.note = suggest(name, &names).map(|s| format!("did you mean `{s}`?"));
        return Err(EvalError::Expr(e));
    };
    let variadic = params.ends_with('…');
    let wanted = params.split(',').count();
    if variadic && found > 0 || !variadic && found == wanted {
        return Ok(());
    }
    let count = if variadic {
        "at least 1 argument".to_string()
    } else {
        plural(wanted, "argument")
    };
    err(
        ErrorKind::Arity,
        span,
        format!("{name}({params}) takes {count}, found {found}"),
    )
}

/// Applies function `name` to its evaluated arguments (arity already checked).
fn apply(
    name: &str,
    values: Vec<Value>,
    spans: &[Range<usize>],
    span: &Range<usize>,
) -> Res<Value> {
    match name {
        "sum" => sum(flatten(values, span)?, span).map(Value::Num),
        "mean" => mean(flatten(values, span)?, span).map(Value::Num),
        "min" | "max" => extreme(flatten(values, span)?, name == "max", span).map(Value::Num),
        "count" => Ok(Value::Num(Quantity::exact(int(
            flatten(values, span)?.len() as i64,
        )))),
        "growth" => two(values, span, |a, b| {
            ratio(b, a).map(|r| percent(r.iv.sub(&one())))
        }),
        "share" => two(values, span, |part, whole| {
            ratio(part, whole).map(|r| percent(r.iv))
        }),
        "diff" => two(values, span, |a, b| arith(ArithOp::Sub, b, a)),
        "pp" => two(values, span, points_difference),
        "cagr" => cagr(values, &spans[2], span),
        "abs" => map_numbers(first(values), span, |q| Ok(q.with(q.iv.abs()))),
        "round" => round(values, &spans[1], span),
        "increasing" | "decreasing" | "nondecreasing" | "nonincreasing" => {
            trend(name, flatten(values, span)?, span)
        }
        "all" | "any" => quantifier(name, first(values), &spans[0]),
        _ => unreachable!("every function in FUNCTIONS is handled"),
    }
}

fn first(values: Vec<Value>) -> Value {
    values.into_iter().next().expect("arity checked")
}

fn mean(xs: Vec<Quantity>, span: &Range<usize>) -> Res<Quantity> {
    let n = Interval::exact(int(xs.len() as i64));
    let total = sum(xs, span)?;
    Ok(total.with(total.iv.div(&n).expect("a count is positive")))
}

/// `cagr(a, b, years)`: `(b / a)^(1/years) − 1`, element by element.
fn cagr(values: Vec<Value>, years_span: &Range<usize>, span: &Range<usize>) -> Res<Value> {
    let [a, b, years] = <[Value; 3]>::try_from(values).expect("arity checked");
    let ratios = zip(b, a, span, ratio)?;
    zip(ratios, years, span, |r, y| compound(r, y, years_span))
}

/// `round(x, digits)`; percents and points round in percent units: round(45.28%, 1) = 45.3%.
fn round(values: Vec<Value>, digits_span: &Range<usize>, span: &Range<usize>) -> Res<Value> {
    let [x, digits] = <[Value; 2]>::try_from(values).expect("arity checked");
    let digits = whole_number(&digits, digits_span)?;
    map_numbers(x, span, |q| {
        let shift = if q.dim == Dim::Plain { 0 } else { 2 };
        Ok(q.with(q.iv.round(digits as i32 + shift)))
    })
}

/// `all(xs OP y)` and `any(xs OP y)`: Kleene conjunction or disjunction.
fn quantifier(name: &str, v: Value, arg_span: &Range<usize>) -> Res<Value> {
    let truths = match v {
        Value::Truths(ts) => ts,
        Value::Truth(t) => vec![t],
        other => {
            let message = format!(
                "{name}() takes a comparison such as {name}(xs > 0), found {}",
                other.describe()
            );
            return err(ErrorKind::Type, arg_span, message);
        }
    };
    let (start, join): (Truth, fn(Truth, Truth) -> Truth) = if name == "all" {
        (Truth::True, Truth::and)
    } else {
        (Truth::False, Truth::or)
    };
    Ok(Value::Truth(truths.into_iter().fold(start, join)))
}

/// Where a trend or an `all`/`any` test that did not hold breaks.
fn breaking_point(name: &str, values: &[Value]) -> Option<String> {
    let ordinal = |i: usize| i + 1;
    match name {
        "all" | "any" => {
            let truths = match values.first()? {
                Value::Truths(ts) => ts.clone(),
                Value::Truth(t) => vec![*t],
                _ => return None,
            };
            if name == "any" {
                return Some("no value surely passes the test".to_string());
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
            Some(format!("value {} {how}", ordinal(i)))
        }
        _ => {
            let xs: Vec<Quantity> = values
                .iter()
                .flat_map(|v| match v {
                    Value::Num(q) => vec![q.clone()],
                    Value::List(qs) => qs.clone(),
                    _ => Vec::new(),
                })
                .collect();
            let wanted = match name {
                "increasing" => "an increase",
                "decreasing" => "a decrease",
                "nondecreasing" => "a rise or no change",
                _ => "a fall or no change",
            };
            (0..xs.len().saturating_sub(1)).find_map(|i| {
                let (a, b) = (&xs[i].iv, &xs[i + 1].iv);
                let step = match name {
                    "increasing" => a.lt(b),
                    "decreasing" => b.lt(a),
                    "nondecreasing" => a.le(b),
                    _ => b.le(a),
                };
                let (verb, why) = match step {
                    Truth::True => return None,
                    Truth::False => ("is not", ""),
                    Truth::Undecided => ("may not be", ": rounding leaves it open"),
                };
                Some(format!(
                    "the step from value {} to value {} {verb} {wanted}{why}",
                    ordinal(i),
                    ordinal(i + 1)
                ))
            })
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn one() -> Interval {
    Interval::exact(Rat::one())
}

fn percent(iv: Interval) -> Quantity {
    Quantity {
        iv,
        dim: Dim::Percent,
        currency: None,
    }
}

/// The closest known name, for "did you mean".
fn suggest(name: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// The currency of a result of `op`, or why there is none.
fn combine_currency(
    op: ArithOp,
    a: Option<Currency>,
    b: Option<Currency>,
) -> Result<Option<Currency>, ExprError> {
    let fail = |message: String| Err(ExprError::of(ErrorKind::Currency, 0..0, message));
    match (op, a, b) {
        (ArithOp::Add | ArithOp::Sub, Some(x), Some(y)) if x != y => {
            let verb = if op == ArithOp::Add {
                "add"
            } else {
                "subtract"
            };
            fail(format!(
                "cannot {verb} amounts in different currencies ({x} and {y})"
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

fn arith(op: ArithOp, a: &Quantity, b: &Quantity) -> Result<Quantity, ExprError> {
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
        ArithOp::Div => {
            a.iv.div(&b.iv)
                .map_err(|e| ExprError::of(ErrorKind::Arithmetic, 0..0, e.to_string()))?
        }
    };
    Ok(Quantity { iv, dim, currency })
}

/// `a / b` for growth and share: amounts must be in the same currency.
fn ratio(a: &Quantity, b: &Quantity) -> Result<Quantity, ExprError> {
    same_currency(a, b, "relate")?;
    let iv =
        a.iv.div(&b.iv)
            .map_err(|e| ExprError::of(ErrorKind::Arithmetic, 0..0, e.to_string()))?;
    Ok(Quantity {
        iv,
        dim: Dim::Plain,
        currency: None,
    })
}

fn points_difference(a: &Quantity, b: &Quantity) -> Result<Quantity, ExprError> {
    for q in [a, b] {
        if q.currency.is_some() || q.dim == Dim::Points {
            let what = if q.currency.is_some() {
                "an amount of money"
            } else {
                "percentage points"
            };
            return Err(ExprError::of(
                ErrorKind::Type,
                0..0,
                format!("pp() takes two percentages, found {what}"),
            ));
        }
    }
    Ok(Quantity {
        iv: b.iv.sub(&a.iv),
        dim: Dim::Points,
        currency: None,
    })
}

/// `ratio^(1/years) − 1`.
fn compound(
    ratio: &Quantity,
    years: &Quantity,
    years_span: &Range<usize>,
) -> Result<Quantity, ExprError> {
    if !years.iv.lo.is_positive() {
        return Err(ExprError::of(
            ErrorKind::Arithmetic,
            years_span.clone(),
            "cagr() needs a positive number of years",
        ));
    }
    let exponent = Interval::new(years.iv.hi.recip(), years.iv.lo.recip());
    let grown = ratio.iv.pow(&exponent).map_err(|e| {
        let message = match e {
            crate::interval::ArithmeticError::NotPositive => {
                "cagr() needs the start and end values to have the same sign".to_string()
            }
            other => format!("cagr(): {other}"),
        };
        ExprError::of(ErrorKind::Arithmetic, 0..0, message)
    })?;
    Ok(percent(grown.sub(&one())))
}

/// An error when both quantities carry currency tags and the tags differ.
fn same_currency(a: &Quantity, b: &Quantity, verb: &str) -> Result<(), ExprError> {
    match (a.currency, b.currency) {
        (Some(x), Some(y)) if x != y => Err(ExprError::of(
            ErrorKind::Currency,
            0..0,
            format!("cannot {verb} amounts in {x} and {y}"),
        )),
        _ => Ok(()),
    }
}

/// Checks that two quantities may be compared.
fn comparable(a: &Quantity, b: &Quantity) -> Result<(), ExprError> {
    same_currency(a, b, "compare")?;
    let dims = (a.dim, b.dim);
    if dims == (Dim::Percent, Dim::Points) || dims == (Dim::Points, Dim::Percent) {
        return Err(ExprError::of(
            ErrorKind::Type,
            0..0,
            "cannot compare a percent with percentage points",
        ));
    }
    Ok(())
}

/// Gives errors raised inside an element-wise operation the operation's span.
fn at(span: &Range<usize>) -> impl Fn(ExprError) -> EvalError + '_ {
    move |mut e: ExprError| {
        if e.span == (0..0) {
            e.span = span.clone();
        }
        EvalError::Expr(e)
    }
}

/// How element-wise results become a value: one result, or a list of them.
type Wrap<T> = (fn(T) -> Value, fn(Vec<T>) -> Value);

/// The numbers of a value and whether it is a list; `None` for truths.
fn numbers_of(v: &Value) -> Option<(&[Quantity], bool)> {
    match v {
        Value::Num(q) => Some((std::slice::from_ref(q), false)),
        Value::List(xs) => Some((xs, true)),
        _ => None,
    }
}

/// Applies `f` element by element to two numbers or lists of equal length
/// (a single number pairs with every element), wrapping the results as one
/// value (`one`) or a list (`many`).
fn elementwise<T>(
    a: Value,
    b: Value,
    span: &Range<usize>,
    f: impl Fn(&Quantity, &Quantity) -> Result<T, ExprError>,
    (one, many): Wrap<T>,
    not_numbers: impl Fn(&Value, &Value) -> String,
) -> Res<Value> {
    let (Some((xs, x_list)), Some((ys, y_list))) = (numbers_of(&a), numbers_of(&b)) else {
        return err(ErrorKind::Type, span, not_numbers(&a, &b));
    };
    if xs.is_empty() || ys.is_empty() {
        return err(ErrorKind::Type, span, "a list with no values");
    }
    if x_list && y_list && xs.len() != ys.len() {
        let message = format!("lists of different lengths ({} and {})", xs.len(), ys.len());
        return err(ErrorKind::Type, span, message);
    }
    let pick =
        |items: &[Quantity], list: bool, i: usize| if list { i } else { 0 }.min(items.len() - 1);
    let results = (0..xs.len().max(ys.len()))
        .map(|i| f(&xs[pick(xs, x_list, i)], &ys[pick(ys, y_list, i)]))
        .collect::<Result<Vec<T>, _>>()
        .map_err(at(span))?;
    Ok(if x_list || y_list {
        many(results)
    } else {
        one(results.into_iter().next().expect("one pair"))
    })
}

/// Applies `f` element by element to two numbers or lists.
fn zip(
    a: Value,
    b: Value,
    span: &Range<usize>,
    f: impl Fn(&Quantity, &Quantity) -> Result<Quantity, ExprError>,
) -> Res<Value> {
    elementwise(a, b, span, f, (Value::Num, Value::List), |a, b| {
        format!(
            "expected numbers, found {} and {}",
            a.describe(),
            b.describe()
        )
    })
}

/// Like [`zip`], for comparisons that give truths.
fn zip_truth(
    a: Value,
    b: Value,
    span: &Range<usize>,
    f: impl Fn(&Quantity, &Quantity) -> Result<Truth, ExprError>,
) -> Res<Value> {
    elementwise(a, b, span, f, (Value::Truth, Value::Truths), |a, b| {
        format!("cannot compare {} with {}", a.describe(), b.describe())
    })
}

fn two(
    values: Vec<Value>,
    span: &Range<usize>,
    f: impl Fn(&Quantity, &Quantity) -> Result<Quantity, ExprError>,
) -> Res<Value> {
    let [a, b] = <[Value; 2]>::try_from(values).expect("arity checked");
    zip(a, b, span, f)
}

fn map_numbers(
    v: Value,
    span: &Range<usize>,
    f: impl Fn(&Quantity) -> Result<Quantity, ExprError>,
) -> Res<Value> {
    let wrap = at(span);
    match v {
        Value::Num(q) => f(&q).map(Value::Num).map_err(wrap),
        Value::List(xs) => xs
            .iter()
            .map(&f)
            .collect::<Result<_, _>>()
            .map(Value::List)
            .map_err(wrap),
        other => err(
            ErrorKind::Type,
            span,
            format!("expected a number, found {}", other.describe()),
        ),
    }
}

fn map_truths(v: Value, span: &Range<usize>, f: fn(Truth) -> Truth) -> Res<Value> {
    match v {
        Value::Truth(t) => Ok(Value::Truth(f(t))),
        Value::Truths(ts) => Ok(Value::Truths(ts.into_iter().map(f).collect())),
        other => err(
            ErrorKind::Type,
            span,
            format!("`not` takes a true/false test, found {}", other.describe()),
        ),
    }
}

/// All numbers of the arguments, lists spread out.
fn flatten(values: Vec<Value>, span: &Range<usize>) -> Res<Vec<Quantity>> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Num(q) => out.push(q),
            Value::List(xs) => out.extend(xs),
            other => {
                return err(
                    ErrorKind::Type,
                    span,
                    format!("expected numbers or lists, found {}", other.describe()),
                );
            }
        }
    }
    if out.is_empty() {
        return err(
            ErrorKind::Type,
            span,
            "there are no values to work on (the lists are empty)",
        );
    }
    Ok(out)
}

fn sum(xs: Vec<Quantity>, span: &Range<usize>) -> Res<Quantity> {
    let mut iter = xs.into_iter();
    let first = iter.next().expect("at least one value");
    iter.try_fold(first, |acc, x| arith(ArithOp::Add, &acc, &x))
        .map_err(at(span))
}

fn extreme(xs: Vec<Quantity>, max: bool, span: &Range<usize>) -> Res<Quantity> {
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
    .map_err(at(span))
}

fn trend(name: &str, xs: Vec<Quantity>, span: &Range<usize>) -> Res<Value> {
    if xs.len() < 2 {
        return err(
            ErrorKind::Type,
            span,
            format!("{name}() needs at least two values, found {}", xs.len()),
        );
    }
    let mut truth = Truth::True;
    for pair in xs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        comparable(a, b).map_err(at(span))?;
        let step = match name {
            "increasing" => a.iv.lt(&b.iv),
            "decreasing" => b.iv.lt(&a.iv),
            "nondecreasing" => a.iv.le(&b.iv),
            _ => b.iv.le(&a.iv),
        };
        truth = truth.and(step);
    }
    Ok(Value::Truth(truth))
}

fn whole_number(v: &Value, span: &Range<usize>) -> Res<i64> {
    match v {
        Value::Num(q) if q.iv.is_exact() && q.dim == Dim::Plain => to_i64(&q.iv.lo)
            .filter(|d| (-30..=30).contains(d))
            .map_or_else(
                || {
                    err(
                        ErrorKind::Type,
                        span,
                        "the number of digits must be a whole number between -30 and 30",
                    )
                },
                Ok,
            ),
        other => err(
            ErrorKind::Type,
            span,
            format!(
                "the number of digits must be a whole number, found {}",
                other.describe()
            ),
        ),
    }
}
