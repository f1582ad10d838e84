//! Soundness of the interval arithmetic, as a property: for random exact
//! values inside the intervals of written numbers, the exactly computed
//! result lies inside the interval the checker computes from the written
//! numbers; and for exact inputs the interval collapses to the exact value.

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

/// A value inside `iv`: `lo + (hi − lo)·t` for a rational `t` in [0, 1].
fn pick(iv: &Interval, t: (u32, u32)) -> Rat {
    let t = int(t.0 as i64) / int(t.1 as i64);
    &iv.lo + (&iv.hi - &iv.lo) * t
}

fn contains(outer: &Interval, inner: &Interval) -> bool {
    outer.lo <= inner.lo && inner.hi <= outer.hi
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
        picks in proptest::collection::vec((0u32..=1000, 1000u32..=1000), 3),
        which in 0..EXPRESSIONS.len(),
    ) {
        let expr = EXPRESSIONS[which];
        let rounded: Vec<Quantity> = texts.iter().map(|t| read(t)).collect();
        let exact: Vec<Quantity> = rounded.iter().zip(&picks).map(|(q, &t)| Quantity::exact(pick(&q.iv, t))).collect();
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
        picks in proptest::collection::vec((0u32..=1000, 1000u32..=1000), 3),
        which in 0..TESTS.len(),
    ) {
        let expr = TESTS[which];
        let rounded: Vec<Quantity> = texts.iter().map(|t| read(t)).collect();
        let exact: Vec<Quantity> = rounded.iter().zip(&picks).map(|(q, &t)| Quantity::exact(pick(&q.iv, t))).collect();
        let tolerance = Tolerance::default();
        let (Value::Truth(wide), _) = evaluate(expr, &mut facts(&rounded), &tolerance).unwrap() else { panic!() };
        let (Value::Truth(point), _) = evaluate(expr, &mut facts(&exact), &tolerance).unwrap() else { panic!() };
        prop_assert!(point != Truth::Undecided, "exact values decide {expr}");
        if wide != Truth::Undecided {
            prop_assert_eq!(wide, point, "{} on {:?}", expr, texts);
        }
    }
}
