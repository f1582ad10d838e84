#![no_main]

use claimcheck::expr::{Dim, Env, Quantity, Tolerance, Value, evaluate};
use claimcheck::interval::int;
use libfuzzer_sys::fuzz_target;

struct Facts;

impl Env for Facts {
    type Error = ();

    fn fact(&mut self, name: &str) -> Option<Result<Value, ()>> {
        let q = |n: i64| Quantity::exact(int(n));
        match name {
            "rev" => Some(Ok(Value::List(vec![q(5), q(7), q(-3)]))),
            "x" => Some(Ok(Value::Num(q(5)))),
            "z" => Some(Ok(Value::Num(q(0)))),
            "e" => Some(Ok(Value::List(vec![]))),
            "gm" => Some(Ok(Value::List(vec![pct(489), pct(516), pct(443)]))),
            "bad" => Some(Err(())),
            _ => None,
        }
    }

    fn names(&self) -> Vec<String> {
        ["rev", "x", "z", "e", "gm", "bad"].iter().map(|s| s.to_string()).collect()
    }
}

/// A percent written with one decimal: `pct(489)` is 48.9%.
fn pct(tenths: i64) -> Quantity {
    let mut q = Quantity::exact(int(tenths) / int(1000));
    q.dim = Dim::Percent;
    q
}

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let _ = evaluate(&src, &mut Facts, &Tolerance::default());
});
