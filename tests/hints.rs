//! Hints on mismatches: the bundled examples' deliberate mistakes whose
//! stated value has a true derivation get it; values with no derivation, or
//! with rival derivations, get none; `ok` results never carry hints.

mod common;

use common::{run, stdout, transcript};
use serde_json::Value;

fn results(path: &str) -> Vec<Value> {
    let out = run(&["check", "--format", "json", path]);
    let report: Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|_| panic!("{}", transcript(&out)));
    report["results"].as_array().unwrap().clone()
}

fn hints<'a>(results: &'a [Value], id: &str) -> &'a Value {
    &results
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))["hints"]
}

#[test]
fn deliberate_mistakes_with_a_true_derivation_get_it() {
    let tianshu = results("claims/tianshu.json");
    let h = hints(&tianshu, "rev-growth-2023");
    assert_eq!(h[0]["expr"], "growth(rev[1], rev[2])", "{h}");
    assert_eq!(
        h[0]["note"],
        "86.6% matches growth(rev[1], rev[2]) (2023→2024), not growth(rev[0], rev[1]) (2022→2023)"
    );
    let northwind = results("claims/northwind.json");
    let h = hints(&northwind, "gm-percent-not-pp");
    assert_eq!(h[0]["expr"], "diff(gm[0], gm[4])", "{h}");
    // No true derivation: the wrong total, the share one rounding step off,
    // the made-up licensing figure (appears_in), the broken trend (a test).
    for id in ["rev-total", "foundry-share", "net-loss-widening"] {
        assert!(
            hints(&tianshu, id).is_null(),
            "{id}: {}",
            hints(&tianshu, id)
        );
    }
    assert!(hints(&northwind, "licensing").is_null());
    for r in tianshu
        .iter()
        .chain(&northwind)
        .filter(|r| r["verdict"] == "ok")
    {
        assert!(r["hints"].is_null(), "{r}");
    }
}

#[test]
fn a_hint_only_when_one_derivation_clearly_wins() {
    let r = results("tests/fixtures/hints/claims.json");
    assert_eq!(
        hints(&r, "wrong-years")[0]["expr"],
        "growth(sales[0], sales[1])"
    );
    let share = &hints(&r, "share-of-2023")[0];
    assert_eq!(share["expr"], "share(north[0], total[0])");
    assert_eq!(
        share["note"],
        "40% matches share(north[0], total[0]) (2022), not share(north[1], total[1]) (2023)"
    );
    // 10% is growth 2021→2022, growth 2022→2023 and the CAGR: no clear winner.
    assert!(
        hints(&r, "ambiguous").is_null(),
        "{}",
        hints(&r, "ambiguous")
    );
    assert!(hints(&r, "no-derivation").is_null());
    assert!(hints(&r, "right").is_null());
}

#[test]
fn the_human_report_has_a_help_line() {
    let out = run(&[
        "check",
        "--color",
        "never",
        "tests/fixtures/hints/claims.json",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("= help: 50% matches growth(sales[0], sales[1]) (2021→2022), not growth(sales[1], sales[2]) (2022→2023)"),
        "{text}"
    );
}
