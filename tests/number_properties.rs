//! Property tests of the number reader: any decimal written with random
//! grouping, scale, full-width forms and spacing reads back to the same
//! value and rounding interval; and no input makes the reader panic.

use std::str::FromStr;

use claimcheck::numbers::{Kind, read_numbers};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Scale words with their power of ten and whether a space may precede them.
const SCALES: &[(&str, u32, bool)] = &[
    ("", 0, false),
    ("thousand", 3, true),
    ("million", 6, true),
    ("billion", 9, true),
    ("trillion", 12, true),
    ("bn", 9, true),
    ("mn", 6, true),
    ("k", 3, false),
    ("萬", 4, true),
    ("万", 4, true),
    ("億", 8, true),
    ("亿", 8, true),
    ("萬億", 12, true),
    ("千萬", 7, true),
];

const SEPARATORS: &[&str] = &[",", "\u{202f}", "\u{a0}", "，"];

fn wide(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
        '.' => '．',
        _ => c,
    }
}

/// Writes `int` with an optional thousands separator.
fn group(int: u64, sep: Option<&str>) -> String {
    let digits = int.to_string();
    let Some(sep) = sep else { return digits };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone)]
struct Written {
    text: String,
    value: Decimal,
    half: Decimal,
    kind: Kind,
}

fn written() -> impl Strategy<Value = Written> {
    (
        0u64..5_000_000_000,
        proptest::option::of("[0-9]{1,4}"),
        proptest::option::of(0..SEPARATORS.len()),
        0..SCALES.len(),
        any::<bool>(),
        proptest::collection::vec(any::<bool>(), 32),
        prop_oneof![
            Just(""),
            Just("%"),
            Just("％"),
            Just(" percent"),
            Just("pp"),
            Just("個百分點")
        ],
        prop_oneof![Just(""), Just("RMB"), Just("US$"), Just("人民幣")],
    )
        .prop_map(
            |(int, frac, sep, scale, spaced, wides, percent, currency)| {
                let (word, exp, may_space) = SCALES[scale];
                let (word, exp) = if percent.is_empty() {
                    (word, exp)
                } else {
                    ("", 0)
                };
                let mut number = group(int, sep.map(|i| SEPARATORS[i]));
                if let Some(f) = &frac {
                    number.push('.');
                    number.push_str(f);
                }
                let number: String = number
                    .chars()
                    .zip(wides.iter().cycle())
                    .map(|(c, &w)| if w { wide(c) } else { c })
                    .collect();
                let gap = if spaced && may_space && !word.is_empty() {
                    " "
                } else {
                    ""
                };
                let text = format!("收入為{currency}{number}{gap}{word}{percent}，同比");
                let frac_digits = frac.as_ref().map_or(0, |f| f.len() as u32);
                let digits = format!("{int}{}", frac.as_deref().unwrap_or(""));
                let base =
                    Decimal::from_i128_with_scale(i128::from_str(&digits).unwrap(), frac_digits);
                let scale = Decimal::from_i128_with_scale(10i128.pow(exp), 0);
                let percent_factor = if percent.is_empty() {
                    Decimal::ONE
                } else {
                    Decimal::ONE_HUNDRED
                };
                let kind = match percent {
                    "" => Kind::Quantity,
                    "pp" | "個百分點" => Kind::Points,
                    _ => Kind::Percent,
                };
                let half = Decimal::new(5, frac_digits + 1);
                Written {
                    text,
                    value: base * scale / percent_factor,
                    half: half * scale / percent_factor,
                    kind,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_decimals_read_back(w in written()) {
        let found: Vec<_> = read_numbers(&w.text).collect();
        prop_assert_eq!(found.len(), 1, "{:?} read as {:?}", w.text, found);
        let n = &found[0];
        prop_assert_eq!(n.value, w.value, "value of {:?}", w.text);
        prop_assert_eq!(n.half_unit, w.half, "interval of {:?}", w.text);
        prop_assert_eq!(n.kind, w.kind, "kind of {:?}", w.text);
    }

    #[test]
    fn any_text_reads_without_panicking(text in "\\PC{0,200}") {
        for n in read_numbers(&text) {
            prop_assert!(n.span.start < n.span.end && n.span.end <= text.len());
            prop_assert!(text.is_char_boundary(n.span.start) && text.is_char_boundary(n.span.end));
            prop_assert!(n.low() <= n.high());
        }
    }

    #[test]
    fn numbers_come_in_document_order(text in "[0-9０-９一二三十百千萬億.,%() 年月元$-]{0,80}") {
        let mut last_end = 0;
        for n in read_numbers(&text) {
            prop_assert!(n.span.start >= last_end, "{:?} overlaps in {:?}", n, text);
            last_end = n.span.end;
        }
    }
}
