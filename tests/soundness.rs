//! Soundness of the interval arithmetic, as a property: for random exact
//! values inside the intervals of written numbers, the exactly computed
//! result lies inside the interval the checker computes from the written
//! numbers; and for exact inputs the interval collapses to the exact value.
//! Written numbers stand for what rounds to them half away from zero
//! (contract v1.1), so two different numbers written to the same precision
//! are never consistent, and a number agrees with every rounding of it.

use std::collections::HashMap;

use claimcheck::expr::{Dim, Env, Quantity, Tolerance, Value, evaluate};
use claimcheck::interval::{Interval, Rat, Truth, int};
use claimcheck::numbers::read_numbers;
use proptest::prelude::*;

/// Every function and operator with numeric results (roots included).
const EXPRESSIONS: &[&str] = &[
    "x0 + x1",
    "x0 - x1",
    "x0 * x1",
    "x0 / x1",
    "-x0 + x2 * 2",
    "growth(x0, x1)",
    "share(x0, x1)",
    "cagr(x0, x1, 3)",
    "cagr(x0, x2, 2.5)",
    "cagr(x0, x1, 1.5)",
    "cagr(x1, x0, 499/500)",
    "cagr(x0, x1, 999/1000)",
    "cagr(x0, x1, x2)",
    "diff(x0, x1)",
    "pp(x0, x1)",
    "sum(xs)",
    "mean(xs)",
    "min(xs)",
    "max(xs)",
    "count(xs)",
    "abs(x0 - x1)",
    "round(x0 / x1, 2)",
    "xs / x0",
    "sum(xs) - xs[-1] * 2",
];

/// Comparisons, whose three-valued result must agree with the exact one.
const TESTS: &[&str] = &[
    "x0 < x1",
    "x0 >= x1",
    "increasing(xs)",
    "nonincreasing(xs)",
    "all(xs > x0)",
    "any(xs <= x1)",
];

struct Facts(HashMap<String, Value>);

impl Env for Facts {
    type Error = ();

    fn fact(&mut self, name: &str) -> Option<Result<Value, ()>> {
        self.0.get(name).cloned().map(Ok)
    }
    fn names(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
}

fn facts(values: &[Quantity]) -> Facts {
    let mut map = HashMap::new();
    for (i, q) in values.iter().enumerate() {
        map.insert(format!("x{i}"), Value::Num(q.clone()));
    }
    map.insert("xs".to_string(), Value::List(values.to_vec()));
    Facts(map)
}

/// A positive number as a writer would round it: 1–6 significant digits, a scale word.
fn written() -> impl Strategy<Value = String> {
    (
        1u32..999_999,
        0u32..4,
        prop_oneof![Just(""), Just(" million"), Just("億"), Just("%")],
    )
        .prop_map(|(digits, decimals, suffix)| {
            let s = digits.to_string();
            let d = (decimals as usize).min(s.len().saturating_sub(1));
            let (int_part, frac) = s.split_at(s.len() - d);
            let number = if d == 0 {
                int_part.to_string()
            } else {
                format!("{int_part}.{frac}")
            };
            format!("{number}{suffix}")
        })
}

fn read(text: &str) -> Quantity {
    let n = read_numbers(text).next().expect("a number");
    // Treat every number as plain so that any mix of them may be combined.
    Quantity {
        dim: Dim::Plain,
        ..Quantity::from_number(&n)
    }
}

/// A value inside `iv`: `lo + (hi − lo)·t` for a rational `t` in [0, 1];
/// `None` when it falls on an open end.
fn pick(iv: &Interval, t: (u32, u32)) -> Option<Rat> {
    let t = int(t.0 as i64) / int(t.1 as i64);
    let x = &iv.lo + (&iv.hi - &iv.lo) * t;
    iv.contains(&x).then_some(x)
}

/// A fraction of an interval's width, its ends (closed ones are reachable
/// values) picked often.
fn fraction() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![
        1 => Just((0, 1000)),
        1 => Just((1000, 1000)),
        4 => (0u32..=1000, 1000u32..=1000),
    ]
}

/// Whether every value of `inner` lies in `outer`, open ends respected.
fn contains(outer: &Interval, inner: &Interval) -> bool {
    let lo = outer.lo < inner.lo || outer.lo == inner.lo && (!outer.lo_open || inner.lo_open);
    let hi = inner.hi < outer.hi || outer.hi == inner.hi && (!outer.hi_open || inner.hi_open);
    lo && hi
}

/// `digits / 10^decimals` as written, with a sign.
fn decimal_text(negative: bool, digits: u64, decimals: u32) -> String {
    let s = format!("{digits:0>width$}", width = decimals as usize + 1);
    let (int_part, frac) = s.split_at(s.len() - decimals as usize);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac}")
    }
}

/// The interval a written number stands for, as the checker reads it.
fn written_iv(text: &str) -> Interval {
    read(text).iv
}

fn interval_of(v: &Value) -> Vec<Interval> {
    match v {
        Value::Num(q) => vec![q.iv.clone()],
        Value::List(qs) => qs.iter().map(|q| q.iv.clone()).collect(),
        other => panic!("expected numbers, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn computed_intervals_contain_every_exact_result(
        texts in proptest::collection::vec(written(), 3),
        picks in proptest::collection::vec(fraction(), 3),
        which in 0..EXPRESSIONS.len(),
    ) {
        let expr = EXPRESSIONS[which];
        let rounded: Vec<Quantity> = texts.iter().map(|t| read(t)).collect();
        let exact: Option<Vec<Quantity>> = rounded.iter().zip(&picks).map(|(q, &t)| pick(&q.iv, t).map(Quantity::exact)).collect();
        prop_assume!(exact.is_some());
        let exact = exact.unwrap();
        let tolerance = Tolerance::default();
        let Ok((wide, _)) = evaluate(expr, &mut facts(&rounded), &tolerance) else {
            // Only division by an interval containing zero may fail here.
            prop_assume!(false);
            unreachable!()
        };
        let (narrow, _) = evaluate(expr, &mut facts(&exact), &tolerance).expect("exact inputs evaluate");
        for (w, n) in interval_of(&wide).iter().zip(interval_of(&narrow)) {
            prop_assert!(contains(w, &n), "{expr} on {texts:?}: {w:?} does not contain {n:?}");
        }
    }

    #[test]
    fn exact_inputs_give_exact_results(
        texts in proptest::collection::vec(written(), 3),
        which in 0..EXPRESSIONS.len(),
    ) {
        let expr = EXPRESSIONS[which];
        prop_assume!(!expr.contains("cagr"));
        let exact: Vec<Quantity> = texts.iter().map(|t| Quantity::exact(read(t).iv.mid())).collect();
        let (value, _) = evaluate(expr, &mut facts(&exact), &Tolerance::default()).expect("evaluates");
        for iv in interval_of(&value) {
            prop_assert!(iv.is_exact(), "{expr}: {iv:?} is not a single value");
        }
    }

    #[test]
    fn three_valued_tests_agree_with_exact_values(
        texts in proptest::collection::vec(written(), 3),
        picks in proptest::collection::vec(fraction(), 3),
        which in 0..TESTS.len(),
    ) {
        let expr = TESTS[which];
        let rounded: Vec<Quantity> = texts.iter().map(|t| read(t)).collect();
        let exact: Option<Vec<Quantity>> = rounded.iter().zip(&picks).map(|(q, &t)| pick(&q.iv, t).map(Quantity::exact)).collect();
        prop_assume!(exact.is_some());
        let exact = exact.unwrap();
        let tolerance = Tolerance::default();
        let (Value::Truth(wide), _) = evaluate(expr, &mut facts(&rounded), &tolerance).unwrap() else { panic!() };
        let (Value::Truth(point), _) = evaluate(expr, &mut facts(&exact), &tolerance).unwrap() else { panic!() };
        prop_assert!(point != Truth::Undecided, "exact values decide {expr}");
        if wide != Truth::Undecided {
            prop_assert_eq!(wide, point, "{} on {:?}", expr, texts);
        }
    }

    #[test]
    fn different_numbers_written_alike_are_never_consistent(
        a in 0u64..2_000_000,
        b in 0u64..2_000_000,
        decimals in 0u32..4,
        negative in any::<bool>(),
        suffix in prop_oneof![Just(""), Just("%"), Just(" million"), Just("億元")],
    ) {
        prop_assume!(a != b);
        let x = format!("{}{suffix}", decimal_text(negative, a, decimals));
        let y = format!("{}{suffix}", decimal_text(negative, b, decimals));
        let (p, q) = (written_iv(&x), written_iv(&y));
        prop_assert!(!p.overlaps(&q), "{x} and {y} are consistent: {p:?} {q:?}");
        let mut env = facts(&[read(&x), read(&y)]);
        let (v, _) = evaluate("x0 = x1", &mut env, &Tolerance::default()).expect("evaluates");
        prop_assert_eq!(v, Value::Truth(Truth::False));
    }

    #[test]
    fn a_number_agrees_with_every_rounding_of_it(
        digits in 0u64..20_000_000,
        decimals in 1u32..5,
        fewer in 0u32..5,
        negative in any::<bool>(),
        suffix in prop_oneof![Just(""), Just("%"), Just(" million")],
    ) {
        let fewer = fewer.min(decimals - 1);
        // Half away from zero on the magnitude: 5.35 → 5.4, −5.35 → −5.4.
        let step = 10u64.pow(decimals - fewer);
        let rounded = (digits + step / 2) / step;
        let x = format!("{}{suffix}", decimal_text(negative, digits, decimals));
        let y = format!("{}{suffix}", decimal_text(negative, rounded, fewer));
        let (p, q) = (written_iv(&x), written_iv(&y));
        prop_assert!(p.overlaps(&q), "{x} does not agree with {y}: {p:?} {q:?}");
        prop_assert!(q.overlaps(&p));
    }
}
