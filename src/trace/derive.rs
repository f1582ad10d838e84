//! Derivations: how a value is made from numbers of the sources, written as
//! the expression a claims file would use, and computed exactly by the
//! project's own evaluator (so what trace offers is what `check` computes).

use std::fmt::Write as _;

use super::pool::{GroupKind, Pool};
use crate::expr::{Env, Function, Quantity, Tolerance, Value, evaluate};

/// An operand of a derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Term {
    /// One number.
    Leaf(u32),
    /// One number with its written scale taken off (`$250 million` as 250),
    /// to add it to bare table cells: `a + b / 1000000`.
    Written(u32),
    /// The sum of `len` consecutive members of a group, from `start`.
    Sum {
        /// The group.
        group: u32,
        /// First member.
        start: u16,
        /// How many members.
        len: u16,
    },
    /// The mean of consecutive members of a group.
    Mean {
        /// The group.
        group: u32,
        /// First member.
        start: u16,
        /// How many members.
        len: u16,
    },
}

/// A two-operand operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Op {
    /// `diff(a, b)` = b − a.
    Diff,
    /// `a / b`, written `share(a, b)` when the value is a percent.
    Ratio,
    /// `growth(a, b)`.
    Growth,
    /// `pp(a, b)`, for two percents.
    Pp,
    /// `cagr(a, b, years)`.
    Cagr(u16),
    /// `a + b`.
    Add,
    /// `mean(a, b)`, for two members of a group that do not follow each other.
    Mean,
    /// `a * b`.
    Product,
}

/// The shape of a derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Shape {
    /// One operand as it is.
    One(Term),
    /// Growth from an index base of 100 (`growth(100, a)`: performance graphs).
    Index(Term),
    /// An operation on two operands.
    Two(Op, Term, Term),
}

/// A derivation: a shape, a power of ten it is scaled by (a table in
/// millions), and whether its absolute value is taken (a loss stated as a
/// positive figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Derivation {
    /// What is computed.
    pub shape: Shape,
    /// The result is multiplied by 10^factor.
    pub factor: i8,
    /// The absolute value is taken.
    pub abs: bool,
}

impl Term {
    /// The leaves it uses, in order.
    pub(crate) fn leaves(self, pool: &Pool) -> Vec<u32> {
        match self {
            Term::Leaf(i) | Term::Written(i) => vec![i],
            Term::Sum { group, start, len } | Term::Mean { group, start, len } => {
                let members = &pool.groups[group as usize].members;
                members[start as usize..(start + len) as usize].to_vec()
            }
        }
    }

    /// The group kind of a run, when it is one.
    pub(crate) fn run_kind(self, pool: &Pool) -> Option<GroupKind> {
        match self {
            Term::Sum { group, .. } | Term::Mean { group, .. } => {
                Some(pool.groups[group as usize].kind)
            }
            _ => None,
        }
    }

    /// The term written with `name` for each leaf; `inner` when it stands
    /// inside `+ - * /` (where a scaled reading needs parentheses).
    fn text(self, pool: &Pool, name: &dyn Fn(u32) -> String, inner: bool) -> String {
        let list = |f: Function| {
            let names: Vec<String> = self.leaves(pool).into_iter().map(name).collect();
            format!("{}({})", f.name(), names.join(", "))
        };
        match self {
            Term::Leaf(i) => name(i),
            Term::Written(i) => {
                let scale = pool.leaves[i as usize].number.scale;
                let text = format!("{} / {}", name(i), power_of_ten(scale));
                if inner { format!("({text})") } else { text }
            }
            Term::Sum { .. } => list(Function::Sum),
            Term::Mean { .. } => list(Function::Mean),
        }
    }
}

/// `1000`, `1000000`… as an exact literal.
fn power_of_ten(exp: i32) -> String {
    format!("1{}", "0".repeat(exp.unsigned_abs() as usize))
}

impl Derivation {
    /// Its operands.
    pub(crate) fn terms(&self) -> Vec<Term> {
        match self.shape {
            Shape::One(t) | Shape::Index(t) => vec![t],
            Shape::Two(_, a, b) => vec![a, b],
        }
    }

    /// The leaves it uses, in the order the expression names them, once each.
    pub(crate) fn inputs(&self, pool: &Pool) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for t in self.terms() {
            for i in t.leaves(pool) {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out
    }

    /// The expression, each leaf written as `name(leaf)`; a ratio is written
    /// `share(a, b)` when the stated value is a percent.
    pub(crate) fn expr(&self, pool: &Pool, name: &dyn Fn(u32) -> String, percent: bool) -> String {
        let (mut body, binary) = self.body(pool, name, percent);
        if self.factor != 0 {
            if binary {
                body = format!("({body})");
            }
            let op = if self.factor > 0 { '*' } else { '/' };
            let _ = write!(body, " {op} {}", power_of_ten(i32::from(self.factor)));
        }
        if self.abs {
            body = format!("{}({body})", Function::Abs.name());
        }
        body
    }

    /// The unscaled expression, and whether it is a bare `+ - * /` (so it
    /// needs parentheses before a factor).
    fn body(&self, pool: &Pool, name: &dyn Fn(u32) -> String, percent: bool) -> (String, bool) {
        let call = |f: Function, a: &str, b: &str| format!("{}({a}, {b})", f.name());
        match self.shape {
            Shape::One(t) => (t.text(pool, name, false), matches!(t, Term::Written(_))),
            Shape::Index(t) => (
                call(Function::Growth, "100", &t.text(pool, name, false)),
                false,
            ),
            Shape::Two(op, a, b) => {
                let inner = matches!(op, Op::Add | Op::Product) || (op == Op::Ratio && !percent);
                let (a, b) = (a.text(pool, name, inner), b.text(pool, name, inner));
                match op {
                    Op::Diff => (call(Function::Diff, &a, &b), false),
                    Op::Ratio if percent => (call(Function::Share, &a, &b), false),
                    Op::Ratio => (format!("{a} / {b}"), true),
                    Op::Growth => (call(Function::Growth, &a, &b), false),
                    Op::Mean => (call(Function::Mean, &a, &b), false),
                    Op::Pp => (call(Function::Pp, &a, &b), false),
                    Op::Cagr(y) => (format!("{}({a}, {b}, {y})", Function::Cagr.name()), false),
                    Op::Add => (format!("{a} + {b}"), true),
                    Op::Product => (format!("{a} * {b}"), true),
                }
            }
        }
    }

    /// The exact value, computed by the expression evaluator from the
    /// leaves' rounding intervals; `None` when it fails (division by an
    /// interval containing zero, different currencies) or is not a number.
    pub(crate) fn exact(&self, pool: &Pool, percent: bool) -> Option<Quantity> {
        let inputs = self.inputs(pool);
        let name = |i: u32| format!("x{}", inputs.iter().position(|&j| j == i).unwrap_or(0));
        let text = self.expr(pool, &name, percent);
        let values = inputs
            .iter()
            .map(|&i| pool.leaves[i as usize].quantity.clone())
            .collect();
        evaluate_on(&text, values)
    }
}

/// Evaluates `text`, whose names are `x0`, `x1`… for `values`.
pub(crate) fn evaluate_on(text: &str, values: Vec<Quantity>) -> Option<Quantity> {
    let mut env = Named(values);
    match evaluate(text, &mut env, &Tolerance::default()) {
        Ok((Value::Num(q), _)) => Some(q),
        _ => None,
    }
}

/// Values named `x0`, `x1`…
struct Named(Vec<Quantity>);

impl Env for Named {
    type Error = ();

    fn fact(&mut self, name: &str) -> Option<Result<Value, ()>> {
        let i: usize = name.strip_prefix('x')?.parse().ok()?;
        Some(Ok(Value::Num(self.0.get(i)?.clone())))
    }

    fn names(&self) -> Vec<String> {
        (0..self.0.len()).map(|i| format!("x{i}")).collect()
    }
}
