//! Tests that keep the lexicon's lists, their sub-slices and the quick
//! tests built from them in step.

use super::*;

/// Every character of the Basic Multilingual Plane.
fn bmp() -> impl Iterator<Item = char> {
    (0..=0xFFFF).filter_map(char::from_u32)
}

#[test]
fn fraction_prefix_starts_match_the_list() {
    for c in bmp() {
        let listed = FRACTION_PREFIXES.iter().any(|(w, _)| w.starts_with(c));
        assert_eq!(starts_fraction_prefix(c), listed, "{c}");
    }
}

#[test]
fn chinese_scales_are_the_cjk_ones() {
    let scales: String = bmp().filter(|&c| chinese_scale(c).is_some()).collect();
    assert_eq!(scales, "万亿仟佰億兆十千拾百萬");
}

/// The sub-slices name parts of their lists; reordering a list must not
/// silently change what they hold.
#[test]
fn sub_slices_hold_what_their_names_say() {
    let behind: Vec<&str> = FRACTION_PREFIXES_BEHIND.iter().map(|(w, _)| *w).collect();
    assert_eq!(behind, ["百分之", "千分之"]);
    assert_eq!(SHORT_YEAR_MARKS, ["年度", "財年", "财年", "年"]);
    assert_eq!(SHORT_YEAR_DASHES, ["-", "–"]);
}

/// Lists searched for a first match put longer entries before their
/// prefixes. An ASCII word needs a word boundary after it, so `EUR` may come
/// before `euros`: it never matches inside it.
#[test]
fn longer_entries_come_first() {
    let lists: [(&str, Vec<&str>); 10] = [
        (
            "CURRENCY_PREFIXES",
            CURRENCY_PREFIXES.iter().map(|w| w.text).collect(),
        ),
        (
            "CURRENCY_SUFFIXES",
            CURRENCY_SUFFIXES.iter().map(|w| w.text).collect(),
        ),
        (
            "ENGLISH_SCALES",
            ENGLISH_SCALES.iter().map(|w| w.text).collect(),
        ),
        (
            "PERCENT_WORDS",
            PERCENT_WORDS.iter().map(|w| w.text).collect(),
        ),
        (
            "MULTIPLE_WORDS",
            MULTIPLE_WORDS.iter().map(|w| w.text).collect(),
        ),
        ("MEASURE_WORDS", MEASURE_WORDS.to_vec()),
        ("YEAR_MARKS", YEAR_MARKS.to_vec()),
        ("MONTH_MARKS", MONTH_MARKS.to_vec()),
        ("QUARTER_MARKS", QUARTER_MARKS.to_vec()),
        ("NUMBER_WORDS", NUMBER_WORDS.to_vec()),
    ];
    for (name, words) in lists {
        for (i, short) in words.iter().enumerate() {
            for long in &words[i + 1..] {
                let (head, rest) = long.as_bytes().split_at(short.len().min(long.len()));
                let shadowed = long.len() > short.len()
                    && head.eq_ignore_ascii_case(short.as_bytes())
                    && !rest[0].is_ascii_alphanumeric();
                assert!(
                    !shadowed,
                    "{name}: {long:?} comes after its prefix {short:?}"
                );
            }
        }
    }
}

#[test]
fn periods_and_signs() {
    assert!(is_period('Q', 4) && is_period('h', 2));
    assert!(!is_period('Q', 5) && !is_period('H', 3) && !is_period('x', 1));
    assert_eq!(sign_negates('−'), Some(true));
    assert_eq!(sign_negates('＋'), Some(false));
    assert_eq!(sign_negates('x'), None);
}
