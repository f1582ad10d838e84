//! Element-wise application. Arithmetic, comparisons and the two-argument
//! functions work element by element on lists of equal length; a single
//! number pairs with every element. Failures carry no place: the caller
//! gives them the span of the operation.

use super::value::{Quantity, Value};
use super::{ErrorKind, Failure};
use crate::interval::Truth;

fn type_error<T>(message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::new(ErrorKind::Type, message))
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
    f: impl Fn(&Quantity, &Quantity) -> Result<T, Failure>,
    (one, many): Wrap<T>,
    not_numbers: impl Fn(&Value, &Value) -> String,
) -> Result<Value, Failure> {
    let (Some((xs, x_list)), Some((ys, y_list))) = (numbers_of(&a), numbers_of(&b)) else {
        return type_error(not_numbers(&a, &b));
    };
    if xs.is_empty() || ys.is_empty() {
        return type_error("a list with no values");
    }
    if x_list && y_list && xs.len() != ys.len() {
        return type_error(format!(
            "lists of different lengths ({} and {})",
            xs.len(),
            ys.len()
        ));
    }
    let pick =
        |items: &[Quantity], list: bool, i: usize| if list { i } else { 0 }.min(items.len() - 1);
    let results = (0..xs.len().max(ys.len()))
        .map(|i| f(&xs[pick(xs, x_list, i)], &ys[pick(ys, y_list, i)]))
        .collect::<Result<Vec<T>, _>>()?;
    Ok(if x_list || y_list {
        many(results)
    } else {
        one(results.into_iter().next().expect("one pair"))
    })
}

/// Applies `f` element by element to two numbers or lists.
pub(crate) fn zip(
    a: Value,
    b: Value,
    f: impl Fn(&Quantity, &Quantity) -> Result<Quantity, Failure>,
) -> Result<Value, Failure> {
    elementwise(a, b, f, (Value::Num, Value::List), |a, b| {
        format!(
            "expected numbers, found {} and {}",
            a.describe(),
            b.describe()
        )
    })
}

/// Like [`zip`], for comparisons that give truths.
pub(crate) fn zip_truth(
    a: Value,
    b: Value,
    f: impl Fn(&Quantity, &Quantity) -> Result<Truth, Failure>,
) -> Result<Value, Failure> {
    elementwise(a, b, f, (Value::Truth, Value::Truths), |a, b| {
        format!("cannot compare {} with {}", a.describe(), b.describe())
    })
}

/// Applies `f` to a number or to each number of a list.
pub(crate) fn map_numbers(
    v: Value,
    f: impl Fn(&Quantity) -> Result<Quantity, Failure>,
) -> Result<Value, Failure> {
    match v {
        Value::Num(q) => f(&q).map(Value::Num),
        Value::List(xs) => xs.iter().map(&f).collect::<Result<_, _>>().map(Value::List),
        other => type_error(format!("expected a number, found {}", other.describe())),
    }
}

/// Applies `f` to a truth or to each truth of a list.
pub(crate) fn map_truths(v: Value, f: fn(Truth) -> Truth) -> Result<Value, Failure> {
    match v {
        Value::Truth(t) => Ok(Value::Truth(f(t))),
        Value::Truths(ts) => Ok(Value::Truths(ts.into_iter().map(f).collect())),
        other => type_error(format!(
            "`not` takes a true/false test, found {}",
            other.describe()
        )),
    }
}

/// Joins two truths or lists of truths of equal length with `f`.
pub(crate) fn join_truths(
    a: Value,
    b: Value,
    f: fn(Truth, Truth) -> Truth,
) -> Result<Value, Failure> {
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
        (a, b) => type_error(format!(
            "`and`/`or` join true/false tests, found {} and {}",
            a.describe(),
            b.describe()
        )),
    }
}

/// All numbers of the arguments, lists spread out.
pub(crate) fn flatten(values: Vec<Value>) -> Result<Vec<Quantity>, Failure> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Num(q) => out.push(q),
            Value::List(xs) => out.extend(xs),
            other => {
                return type_error(format!(
                    "expected numbers or lists, found {}",
                    other.describe()
                ));
            }
        }
    }
    if out.is_empty() {
        return type_error("there are no values to work on (the lists are empty)");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::int;

    fn q(n: i64) -> Quantity {
        Quantity::exact(int(n))
    }

    fn add(a: &Quantity, b: &Quantity) -> Result<Quantity, Failure> {
        Ok(a.with(a.iv.add(&b.iv)))
    }

    #[test]
    fn a_number_pairs_with_every_element() {
        let list = Value::List(vec![q(1), q(2)]);
        let sum = zip(list, Value::Num(q(10)), add).unwrap();
        assert_eq!(sum, Value::List(vec![q(11), q(12)]));
        assert_eq!(
            zip(Value::Num(q(1)), Value::Num(q(2)), add).unwrap(),
            Value::Num(q(3))
        );
    }

    #[test]
    fn failures_have_no_place_for_the_caller_to_fill() {
        let f = zip(Value::List(vec![q(1)]), Value::List(vec![q(1), q(2)]), add).unwrap_err();
        assert_eq!(f.message, "lists of different lengths (1 and 2)");
        assert_eq!(f.argument, None);
        let inner = Failure::new(ErrorKind::Arithmetic, "inner");
        let f = map_numbers(Value::List(vec![q(1)]), |_| Err(inner.clone())).unwrap_err();
        assert_eq!(f, inner);
        assert_eq!(
            flatten(vec![Value::List(vec![])]).unwrap_err().kind,
            ErrorKind::Type
        );
    }
}
