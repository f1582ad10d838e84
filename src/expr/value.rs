//! Values of expressions: quantities (intervals with a dimension and a
//! currency), lists of them, and three-valued truths.

use crate::interval::{Interval, Rat, Truth, rat};
use crate::numbers::{Currency, Kind, Number};

/// What a number measures, as far as checking is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dim {
    /// An amount, count or plain ratio.
    Plain,
    /// A percentage (stored as a fraction).
    Percent,
    /// Percentage points (stored as a fraction).
    Points,
}

impl Dim {
    /// The dimension of a number the reader found.
    pub fn of(kind: Kind) -> Dim {
        match kind {
            Kind::Percent => Dim::Percent,
            Kind::Points => Dim::Points,
            _ => Dim::Plain,
        }
    }

    /// A name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Dim::Plain => "a plain number",
            Dim::Percent => "a percent",
            Dim::Points => "percentage points",
        }
    }
}

/// A number as an exact interval, with what it measures and its currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The values it may stand for.
    pub iv: Interval,
    /// Percent, points or plain.
    pub dim: Dim,
    /// Currency tag, if any.
    pub currency: Option<Currency>,
}

impl Quantity {
    /// A plain exact number.
    pub fn exact(v: Rat) -> Quantity {
        Quantity {
            iv: Interval::exact(v),
            dim: Dim::Plain,
            currency: None,
        }
    }

    /// The interval a number read from text stands for.
    pub fn from_number(n: &Number) -> Quantity {
        Quantity {
            iv: Interval::around(n.value, n.half_unit),
            dim: Dim::of(n.kind),
            currency: n.currency,
        }
    }

    /// A literal in an expression: exact, as the contract says.
    pub fn literal(n: &Number) -> Quantity {
        Quantity {
            iv: Interval::exact(rat(n.value)),
            dim: Dim::of(n.kind),
            currency: n.currency,
        }
    }

    /// Same quantity with another interval.
    pub fn with(&self, iv: Interval) -> Quantity {
        Quantity {
            iv,
            dim: self.dim,
            currency: self.currency,
        }
    }
}

/// The value of an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// One number.
    Num(Quantity),
    /// Several numbers.
    List(Vec<Quantity>),
    /// A true/false test.
    Truth(Truth),
    /// Element-wise tests (`rev > 0` on a list), for `all` and `any`.
    Truths(Vec<Truth>),
}

impl Value {
    /// A word for messages: "a number", "a list of 3 numbers", ...
    pub fn describe(&self) -> String {
        match self {
            Value::Num(_) => "a number".to_string(),
            Value::List(xs) => format!("a list of {} numbers", xs.len()),
            Value::Truth(_) => "true/false".to_string(),
            Value::Truths(ts) => format!("a list of {} true/false values", ts.len()),
        }
    }
}
