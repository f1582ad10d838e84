//! Evaluation of a parsed expression on exact intervals. Operations on
//! values (in [`super::arith`], [`super::elementwise`] and the function
//! table) fail without a place; the evaluator gives each failure the span
//! of the operation, or of the argument the failure names.

use std::ops::Range;

use super::arith;
use super::elementwise::{join_truths, map_numbers, map_truths, zip, zip_truth};
use super::functions::Function;
use super::lexer::CmpOp;
use super::parser::{ArithOp, Expr, Node};
use super::value::{Quantity, Value};
use super::{Env, ErrorKind, EvalError, ExprError, Failure, Tolerance};
use crate::interval::{Truth, to_i64};
use crate::numbers::Number;

/// A fact an expression used: the whole fact, or one element of it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    /// The fact's name.
    pub name: String,
    /// The element used (already resolved from a negative index).
    pub index: Option<usize>,
}

/// A value, the facts it used, and notes on where tests broke.
pub type Explained = (Value, Vec<Use>, Vec<String>);

/// Evaluates a parsed expression.
pub fn evaluate_parsed<E: Env + ?Sized>(
    expr: &Expr,
    env: &mut E,
    tolerance: &Tolerance,
) -> Result<(Value, Vec<Use>), EvalError<E::Error>> {
    evaluate_explained(expr, env, tolerance).map(|(value, uses, _)| (value, uses))
}

/// Like [`evaluate_parsed`], also saying where a trend or an `all`/`any`
/// test breaks (`the step from value 2 to value 3 is not an increase`).
pub fn evaluate_explained<E: Env + ?Sized>(
    expr: &Expr,
    env: &mut E,
    tolerance: &Tolerance,
) -> Result<Explained, EvalError<E::Error>> {
    let mut ev = Evaluator {
        env,
        tolerance,
        uses: Vec::new(),
        notes: Vec::new(),
    };
    let value = ev.eval(expr)?;
    Ok((value, ev.uses, ev.notes))
}

struct Evaluator<'a, E: Env + ?Sized> {
    env: &'a mut E,
    tolerance: &'a Tolerance,
    uses: Vec<Use>,
    /// Where tests broke, for the report.
    notes: Vec<String>,
}

type Res<T, E> = Result<T, EvalError<E>>;

/// Places a failure of the operation at `span`.
fn at<E>(span: &Range<usize>) -> impl Fn(Failure) -> EvalError<E> + '_ {
    |f| EvalError::Expr(f.at(span.clone()))
}

/// A literal number; only values (not years or labels) may be computed with.
fn literal<E>(n: &Number, span: &Range<usize>) -> Res<Value, E> {
    if !n.kind.is_value() {
        let message = format!("this reads as a {}, not a value", n.kind);
        return err(ErrorKind::Type, span, message);
    }
    Ok(Value::Num(Quantity::literal(n)))
}

fn err<T, E>(kind: ErrorKind, span: &Range<usize>, message: impl Into<String>) -> Res<T, E> {
    Err(EvalError::Expr(ExprError::of(kind, span.clone(), message)))
}

impl<E: Env + ?Sized> Evaluator<'_, E> {
    /// Evaluates a node. Every arm is its own method, so that the frame of
    /// this recursion stays small (the parser bounds its depth).
    fn eval(&mut self, e: &Expr) -> Res<Value, E::Error> {
        match &e.node {
            Node::Num(n) => literal(n, &e.span),
            Node::Name(name) => self.name(name, &e.span),
            Node::Index(base, index) => self.index(base, index, &e.span),
            Node::Neg(x) => self.negate(x),
            Node::Arith(op, l, r) => self.arith(*op, l, r, &e.span),
            Node::Compare(op, l, r) => self.compare(*op, l, r, &e.span),
            Node::And(l, r) => self.logic(l, r, Truth::and),
            Node::Or(l, r) => self.logic(l, r, Truth::or),
            Node::Not(x) => self.not(x),
            Node::Call(name, name_span, args) => self.call(name, name_span, args, &e.span),
        }
    }

    fn name(&mut self, name: &str, span: &Range<usize>) -> Res<Value, E::Error> {
        let v = self.fact(name, span)?;
        self.note_use(name, None);
        Ok(v)
    }

    fn negate(&mut self, x: &Expr) -> Res<Value, E::Error> {
        let v = self.eval(x)?;
        map_numbers(v, |q| Ok(q.with(q.iv.neg()))).map_err(at(&x.span))
    }

    fn arith(
        &mut self,
        op: ArithOp,
        l: &Expr,
        r: &Expr,
        span: &Range<usize>,
    ) -> Res<Value, E::Error> {
        let a = self.eval(l)?;
        let b = self.eval(r)?;
        zip(a, b, |x, y| arith::arith(op, x, y)).map_err(at(span))
    }

    fn compare(
        &mut self,
        op: CmpOp,
        l: &Expr,
        r: &Expr,
        span: &Range<usize>,
    ) -> Res<Value, E::Error> {
        let a = self.eval(l)?;
        let b = self.eval(r)?;
        let tolerance = self.tolerance;
        zip_truth(a, b, |x, y| arith::compare(op, tolerance, x, y)).map_err(at(span))
    }

    fn not(&mut self, x: &Expr) -> Res<Value, E::Error> {
        let v = self.eval(x)?;
        map_truths(v, |t| !t).map_err(at(&x.span))
    }

    fn fact(&mut self, name: &str, span: &Range<usize>) -> Res<Value, E::Error> {
        match self.env.fact(name) {
            Some(Ok(v)) => Ok(v),
            Some(Err(error)) => Err(EvalError::Fact {
                name: name.to_string(),
                span: span.clone(),
                error,
            }),
            None => {
                let mut e = ExprError::of(
                    ErrorKind::UnknownName,
                    span.clone(),
                    format!("unknown name `{name}`"),
                );
                e.note = self.env.suggest(name);
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

    fn index(&mut self, base: &Expr, index: &Expr, span: &Range<usize>) -> Res<Value, E::Error> {
        let list = match &base.node {
            Node::Name(name) => self.fact(name, &base.span)?,
            _ => self.eval(base)?,
        };
        let i = self.eval(index)?;
        let (item, at) = element(list, &i, base, index, span)?;
        if let Node::Name(name) = &base.node {
            self.note_use(name, Some(at));
        }
        Ok(Value::Num(item))
    }

    fn logic(&mut self, l: &Expr, r: &Expr, f: fn(Truth, Truth) -> Truth) -> Res<Value, E::Error> {
        let a = self.eval(l)?;
        let b = self.eval(r)?;
        join_truths(a, b, f).map_err(at(&(l.span.start..r.span.end)))
    }

    /// A call: its arguments are evaluated here, the rest is done by
    /// functions whose frames are not part of the recursion.
    fn call(
        &mut self,
        name: &str,
        name_span: &Range<usize>,
        args: &[Expr],
        span: &Range<usize>,
    ) -> Res<Value, E::Error> {
        let function = function_named(name, name_span)?;
        function.check_arity(args.len()).map_err(at(span))?;
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        self.apply(function, values, args, span)
    }

    /// Applies `function`, placing its failure at the call or at the
    /// argument it blames, and keeps the note of a test that did not hold.
    fn apply(
        &mut self,
        function: Function,
        values: Vec<Value>,
        args: &[Expr],
        span: &Range<usize>,
    ) -> Res<Value, E::Error> {
        let note = function.explain(&values);
        let result = function.apply(values).map_err(|f| {
            let blamed = f.argument.and_then(|i| args.get(i));
            EvalError::Expr(f.at(blamed.map_or(span, |a| &a.span).clone()))
        })?;
        if let (Value::Truth(t), Some(note)) = (&result, note)
            && *t != Truth::True
        {
            self.notes.push(note);
        }
        Ok(result)
    }
}

/// The function called `name`, or an error with a suggestion.
fn function_named<E>(name: &str, name_span: &Range<usize>) -> Res<Function, E> {
    Function::from_name(name).ok_or_else(|| {
        let message = format!("unknown function `{name}`");
        let mut e = ExprError::of(ErrorKind::UnknownName, name_span.clone(), message);
        let names: Vec<String> = Function::ALL.iter().map(|f| f.name().to_string()).collect();
        e.note = did_you_mean(name, &names);
        EvalError::Expr(e)
    })
}

/// Element `i` of `list` (`base[index]` at `span`) and where it stands.
fn element<E>(
    list: Value,
    i: &Value,
    base: &Expr,
    index: &Expr,
    span: &Range<usize>,
) -> Res<(Quantity, usize), E> {
    let Value::Num(q) = i else {
        let message = format!("an index must be a number, found {}", i.describe());
        return err(ErrorKind::Type, &index.span, message);
    };
    let Some(i) = to_i64(&q.iv.lo).filter(|_| q.iv.is_exact()) else {
        return err(
            ErrorKind::Type,
            &index.span,
            "an index must be a whole number",
        );
    };
    let mut items = match list {
        Value::List(items) => items,
        Value::Num(q) => vec![q],
        other => {
            let message = format!("cannot index {}", other.describe());
            return err(ErrorKind::Type, &base.span, message);
        }
    };
    let len = items.len() as i64;
    let at = if i < 0 { len + i } else { i };
    if at < 0 || at >= len {
        let what = match &base.node {
            Node::Name(n) => format!("`{n}`"),
            _ => "the list".to_string(),
        };
        let message = format!("index {i} is out of range: {what} has {len} value(s)");
        return err(ErrorKind::Type, span, message);
    }
    Ok((items.swap_remove(at as usize), at as usize))
}

/// "did you mean `x`?" for the fact or function name closest to `name`
/// among `facts` and the functions, if one is close.
pub(crate) fn suggestion(name: &str, mut facts: Vec<String>) -> Option<String> {
    facts.extend(Function::ALL.iter().map(|f| f.name().to_string()));
    did_you_mean(name, &facts)
}

/// "did you mean `x`?" for the closest known name, if one is close.
fn did_you_mean(name: &str, candidates: &[String]) -> Option<String> {
    let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
    crate::claims::closest(name, &names).map(|c| format!("did you mean `{c}`?"))
}
