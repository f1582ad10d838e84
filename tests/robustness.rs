//! Bad claims never panic and never lose anything: for random claims files
//! (broken markers, random expressions, odd tolerances), every claim in
//! gets exactly one verdict out.

use claimcheck::check::{CheckOptions, check_with};
use proptest::prelude::*;

const SOURCE: &str = "Revenue was RMB189.0 million, RMB289.4 million and RMB540.1 million. Margin 48.9%, 51.6%.\n收入為人民幣1.89億元，毛利率上升3個百分點。";

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("rev".to_string()),
        Just("rev[0]".to_string()),
        Just("rev[-1]".to_string()),
        Just("gm".to_string()),
        Just("growth(".to_string()),
        Just("sum(".to_string()),
        Just("cagr(".to_string()),
        Just(")".to_string()),
        Just(", ".to_string()),
        Just(" / ".to_string()),
        Just(" > ".to_string()),
        Just(" and ".to_string()),
        Just("75%".to_string()),
        Just("0".to_string()),
        Just("1.2億".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        "[a-z0-9%.(), ]{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("revenue of {RMB540.1 million}".to_string()),
        Just("grew {186%}".to_string()),
        Just("{".to_string()),
        Just("}}{{".to_string()),
        Just("".to_string()),
        "[a-z {}0-9%億]{0,20}",
    ]
}

fn claim() -> impl Strategy<Value = serde_json::Value> {
    (
        proptest::collection::vec(fragment(), 0..6),
        text(),
        proptest::option::of(prop_oneof![
            Just("2%"),
            Just("0.1pp"),
            Just("x"),
            Just("-1%")
        ]),
        proptest::option::of(prop_oneof![Just("s"), Just("nope")]),
        any::<bool>(),
    )
        .prop_map(|(parts, says, tolerance, appears, with_id)| {
            let mut c = serde_json::json!({ "says": says, "check": parts.concat() });
            if with_id {
                c["id"] = serde_json::json!("c");
            }
            if let Some(t) = tolerance {
                c["tolerance"] = serde_json::json!(t);
            }
            if let Some(a) = appears {
                c["appears_in"] = serde_json::json!(a);
            }
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_claim_gets_one_verdict(claims in proptest::collection::vec(claim(), 0..8), fact in "[a-z {}0-9.]{0,12}") {
        let dir = std::env::temp_dir().join(format!("claimcheck-robust-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.md"), SOURCE).unwrap();
        let file = serde_json::json!({
            "sources": { "s": "s.md" },
            "facts": {
                "rev": { "quote": "Revenue was {RMB189.0 million}, {RMB289.4 million} and {RMB540.1 million}" },
                "gm": { "quote": "Margin {48.9%}, {51.6%}" },
                "odd": { "quote": fact }
            },
            "claims": claims,
        });
        let path = dir.join("claims.json");
        std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
        let options = CheckOptions { root: Some(dir.clone()), ..CheckOptions::default() };
        let report = check_with(std::slice::from_ref(&path), &options);
        prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
        prop_assert_eq!(report.claims.len(), claims.len());
    }
}
