//! Tests of the number reader, item by item, in English, Simplified and
//! Traditional Chinese, including the mistakes real text contains.

use super::*;
use std::str::FromStr;

/// (text, value, kind) of every number in `text`.
fn all(text: &str) -> Vec<(String, String, Kind)> {
    read_numbers(text)
        .map(|n| (n.text(text).to_string(), plain(n.value), n.kind))
        .collect()
}

/// The only number in `text`.
fn one(text: &str) -> Number {
    let found: Vec<Number> = read_numbers(text).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one number in {text:?}, got {:?}",
        all(text)
    );
    found.into_iter().next().unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Asserts value, interval and kind of the only number in `text`.
fn check(text: &str, value: &str, low: &str, high: &str, kind: Kind) {
    let n = one(text);
    assert_eq!(n.value, dec(value), "value of {text:?}");
    assert_eq!(n.low(), dec(low), "low of {text:?}");
    assert_eq!(n.high(), dec(high), "high of {text:?}");
    assert_eq!(n.kind, kind, "kind of {text:?}");
}

fn kinds(text: &str) -> Vec<(String, Kind)> {
    read_numbers(text)
        .map(|n| (n.text(text).to_string(), n.kind))
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

// ----- digits, grouping, signs ------------------------------------------------------------

#[test]
fn grouping_and_decimals() {
    check(
        "revenue of 1,234.5",
        "1234.5",
        "1234.45",
        "1234.55",
        Kind::Quantity,
    );
    check(
        "共 1,234,567 片",
        "1234567",
        "1234566.5",
        "1234567.5",
        Kind::Quantity,
    );
    check("7700 units", "7700", "7699.5", "7700.5", Kind::Quantity);
    check("a ratio of .25", "0.25", "0.245", "0.255", Kind::Quantity);
    check(
        "trailing zero 5.40 matters",
        "5.40",
        "5.395",
        "5.405",
        Kind::Quantity,
    );
    // Thin and no-break spaces group digits too.
    check(
        "1\u{202f}234\u{202f}567 chips",
        "1234567",
        "1234566.5",
        "1234567.5",
        Kind::Quantity,
    );
    check(
        "1 234 567 chips",
        "1234567",
        "1234566.5",
        "1234567.5",
        Kind::Quantity,
    );
}

#[test]
fn lists_are_not_grouped_numbers() {
    assert_eq!(all("22,24,26").len(), 3);
    assert_eq!(all("2013,2014").len(), 2);
    assert_eq!(all("1,2345").len(), 2);
    assert_eq!(all("1、2、3").len(), 3);
}

#[test]
fn full_width_digits_and_signs() {
    check(
        "毛利率為１２．５％",
        "0.125",
        "0.1245",
        "0.1255",
        Kind::Percent,
    );
    check(
        "收入１，２３４萬元",
        "12340000",
        "12335000",
        "12345000",
        Kind::Quantity,
    );
    check(
        "虧損－５億元",
        "-500000000",
        "-550000000",
        "-450000000",
        Kind::Quantity,
    );
}

#[test]
fn signs() {
    check(
        "change of -5.4%",
        "-0.054",
        "-0.0545",
        "-0.0535",
        Kind::Percent,
    );
    check(
        "change of −5.4%",
        "-0.054",
        "-0.0545",
        "-0.0535",
        Kind::Percent,
    );
    check(
        "change of +5.4%",
        "0.054",
        "0.0535",
        "0.0545",
        Kind::Percent,
    );
    check(
        "同比增長-5.4%",
        "-0.054",
        "-0.0545",
        "-0.0535",
        Kind::Percent,
    );
    check(
        "淨利潤負3.9億元",
        "-390000000",
        "-395000000",
        "-385000000",
        Kind::Quantity,
    );
    check(
        "loss of -$12.4 million",
        "-12400000",
        "-12450000",
        "-12350000",
        Kind::Quantity,
    );
}

#[test]
fn accounting_parentheses_are_negative() {
    check(
        "net loss | (1,234) |",
        "-1234",
        "-1234.5",
        "-1233.5",
        Kind::Quantity,
    );
    check("（883.6）", "-883.6", "-883.65", "-883.55", Kind::Quantity);
    check(
        "operating margin (4.5)%",
        "-0.045",
        "-0.0455",
        "-0.0445",
        Kind::Percent,
    );
    check(
        "loss of US$(12.4) million",
        "-12400000",
        "-12450000",
        "-12350000",
        Kind::Quantity,
    );
    let n = one("| loss | (1,234) |");
    assert_eq!(n.text("| loss | (1,234) |"), "(1,234)");
}

#[test]
fn parentheses_that_restate_or_mark_stay_positive() {
    // A restatement in prose and a parenthesis spaced at its start are not
    // accounting negatives; a percent closed right after is (v1.1: `(13%)`).
    let text = "HK$1.0 billion (RMB0.9 billion) and 6.25% ( 6.25 % ) and growth (12%)";
    let values: Vec<String> = all(text).into_iter().map(|(_, v, _)| v).collect();
    assert_eq!(
        values,
        ["1000000000", "900000000", "0.0625", "0.0625", "-0.12"]
    );
    // A small number in parentheses in prose is a list or note marker.
    assert_eq!(kinds("see (2) below"), [(s("(2)"), Kind::Ordinal)]);
}

// ----- scales -----------------------------------------------------------------------------

#[test]
fn english_scales() {
    check(
        "US$1.62 billion",
        "1620000000",
        "1615000000",
        "1625000000",
        Kind::Quantity,
    );
    check(
        "RMB189.0 million",
        "189000000",
        "188950000",
        "189050000",
        Kind::Quantity,
    );
    check("3 thousand", "3000", "2500", "3500", Kind::Quantity);
    check(
        "$2.1 trillion",
        "2100000000000",
        "2050000000000",
        "2150000000000",
        Kind::Quantity,
    );
    check("40k users", "40000", "39500", "40500", Kind::Quantity);
    check("$5m", "5000000", "4500000", "5500000", Kind::Quantity);
    check(
        "$341.9m",
        "341900000",
        "341850000",
        "341950000",
        Kind::Quantity,
    );
    check("€3.2mn", "3200000", "3150000", "3250000", Kind::Quantity);
    check(
        "US$3.2bn",
        "3200000000",
        "3150000000",
        "3250000000",
        Kind::Quantity,
    );
    check(
        "US$3.2 bn",
        "3200000000",
        "3150000000",
        "3250000000",
        Kind::Quantity,
    );
    check(
        "£2.1tn",
        "2100000000000",
        "2050000000000",
        "2150000000000",
        Kind::Quantity,
    );
    check(
        "$3B",
        "3000000000",
        "2500000000",
        "3500000000",
        Kind::Quantity,
    );
    check(
        "12 Million",
        "12000000",
        "11500000",
        "12500000",
        Kind::Quantity,
    );
}

#[test]
fn chinese_scales_and_stacks() {
    check(
        "人民幣1.89億元",
        "189000000",
        "188500000",
        "189500000",
        Kind::Quantity,
    );
    check(
        "人民币1.89亿元",
        "189000000",
        "188500000",
        "189500000",
        Kind::Quantity,
    );
    check(
        "收入為 1.89 億元",
        "189000000",
        "188500000",
        "189500000",
        Kind::Quantity,
    );
    check(
        "收入 5.4 億元",
        "540000000",
        "535000000",
        "545000000",
        Kind::Quantity,
    );
    check(
        "1.2萬億",
        "1200000000000",
        "1150000000000",
        "1250000000000",
        Kind::Quantity,
    );
    check(
        "1.2万亿",
        "1200000000000",
        "1150000000000",
        "1250000000000",
        Kind::Quantity,
    );
    check("3千萬", "30000000", "25000000", "35000000", Kind::Quantity);
    check("3千万", "30000000", "25000000", "35000000", Kind::Quantity);
    check(
        "2,914.7萬元",
        "29147000",
        "29146500",
        "29147500",
        Kind::Quantity,
    );
    check("5百萬", "5000000", "4500000", "5500000", Kind::Quantity);
    check(
        "新臺幣2兆元",
        "2000000000000",
        "1500000000000",
        "2500000000000",
        Kind::Quantity,
    );
    check("3萬4000人", "34000", "33999.5", "34000.5", Kind::Quantity);
    check(
        "1億2000萬",
        "120000000",
        "119995000",
        "120005000",
        Kind::Quantity,
    );
}

#[test]
fn si_prefixes_are_not_scales() {
    // 兆瓦 is a megawatt and 千米 a kilometre: the number keeps its value.
    check("裝機容量5兆瓦", "5", "4.5", "5.5", Kind::Quantity);
    check("全長3千米", "3", "2.5", "3.5", Kind::Quantity);
}

#[test]
fn chinese_numerals_written_as_quantities() {
    check("預計五年內", "5", "4.5", "5.5", Kind::Quantity);
    check(
        "募資二十億元",
        "2000000000",
        "1500000000",
        "2500000000",
        Kind::Quantity,
    );
    check(
        "募资二十亿元",
        "2000000000",
        "1500000000",
        "2500000000",
        Kind::Quantity,
    );
    check("員工兩千三百名", "2300", "2250", "2350", Kind::Quantity);
    check("员工两千三百名", "2300", "2250", "2350", Kind::Quantity);
    check("一百零五家", "105", "104.5", "105.5", Kind::Quantity);
    check(
        "三億五千萬元",
        "350000000",
        "345000000",
        "355000000",
        Kind::Quantity,
    );
    check("兩款產品", "2", "1.5", "2.5", Kind::Quantity);
    check("增長10倍", "10", "9.5", "10.5", Kind::Quantity);
}

#[test]
fn chinese_numerals_inside_words_are_not_numbers() {
    for text in [
        "統一的標準",
        "之一",
        "一些客戶",
        "千萬不要",
        "萬一失敗",
        "十分重要",
        "一直以來",
        "三星電子",
        "十四五規劃",
    ] {
        assert_eq!(all(text), [], "{text}");
    }
}

// ----- percent, per mille, points -----------------------------------------------------------

#[test]
fn percents() {
    check("12.5%", "0.125", "0.1245", "0.1255", Kind::Percent);
    check("12.5 %", "0.125", "0.1245", "0.1255", Kind::Percent);
    check("１２．５％", "0.125", "0.1245", "0.1255", Kind::Percent);
    check("rose 12 percent", "0.12", "0.115", "0.125", Kind::Percent);
    check("rose 12 per cent", "0.12", "0.115", "0.125", Kind::Percent);
    check("佔百分之二十", "0.2", "0.15", "0.25", Kind::Percent);
    check("占百分之20", "0.2", "0.195", "0.205", Kind::Percent);
    check("百分之二十點五", "0.205", "0.2045", "0.2055", Kind::Percent);
    check("不良率5‰", "0.005", "0.0045", "0.0055", Kind::Percent);
    check("不良率千分之五", "0.005", "0.0045", "0.0055", Kind::Percent);
}

#[test]
fn percentage_points_stay_distinct_from_percent() {
    check(
        "up 2.6 percentage points",
        "0.026",
        "0.0255",
        "0.0265",
        Kind::Points,
    );
    check("up 2.6pp", "0.026", "0.0255", "0.0265", Kind::Points);
    check("up 2.6 pp", "0.026", "0.0255", "0.0265", Kind::Points);
    check("上升7.3個百分點", "0.073", "0.0725", "0.0735", Kind::Points);
    check("上升7.3个百分点", "0.073", "0.0725", "0.0735", Kind::Points);
    check("下降三個百分點", "0.03", "0.025", "0.035", Kind::Points);
    check(
        "by 50 basis points",
        "0.005",
        "0.00495",
        "0.00505",
        Kind::Points,
    );
    check("下調25個基點", "0.0025", "0.00245", "0.00255", Kind::Points);
}

// ----- currencies and measure words ------------------------------------------------------

#[test]
fn currency_tags_before_and_after() {
    let cases = [
        ("RMB5.4 billion", Currency::Cny),
        ("RMB 5.4 billion", Currency::Cny),
        ("Rmb5.4bn", Currency::Cny),
        ("US$5.4 billion", Currency::Usd),
        ("HK$5.4 billion", Currency::Hkd),
        ("$5.4 billion", Currency::Usd),
        ("$ 5424", Currency::Usd),
        ("¥5.4億", Currency::Cny),
        ("￥5.4億", Currency::Cny),
        ("€5.4 billion", Currency::Eur),
        ("£5.4 billion", Currency::Gbp),
        ("5.4億元", Currency::Cny),
        ("人民幣5.4億元", Currency::Cny),
        ("5.4億元人民幣", Currency::Cny),
        ("5.4億美元", Currency::Usd),
        ("5.4亿美元", Currency::Usd),
        ("美元5.4億", Currency::Usd),
        ("5.4億港元", Currency::Hkd),
        ("USD 5.4 billion", Currency::Usd),
        ("5.4 billion USD", Currency::Usd),
        ("5.4 million US dollars", Currency::Usd),
        ("新台幣2兆元", Currency::Twd),
    ];
    for (text, currency) in cases {
        assert_eq!(one(text).currency, Some(currency), "{text}");
        assert_eq!(one(text).text(text), text, "{text}");
    }
}

#[test]
fn measure_words_do_not_break_numbers() {
    let n = one("出貨5,000萬片晶圓");
    assert_eq!((n.value, n.unit), (dec("50000000"), Some("片")));
    assert_eq!(one("3顆晶片").unit, Some("顆"));
    assert_eq!(one("3颗芯片").unit, Some("颗"));
    assert_eq!(one("12个客户").unit, Some("个"));
    check(
        "shipped 5,000 units",
        "5000",
        "4999.5",
        "5000.5",
        Kind::Quantity,
    );
    // 個 before 百分點 belongs to the points marker, not a measure word.
    assert_eq!(one("3個百分點").kind, Kind::Points);
}

#[test]
fn multiples() {
    let n = one("增長10倍");
    assert_eq!((n.value, n.unit), (dec("10"), Some("times")));
    let n = one("a 2x increase");
    assert_eq!(
        (n.value, n.unit, n.text("a 2x increase")),
        (dec("2"), Some("times"), "2x")
    );
    assert_eq!(one("up 2.5×").unit, Some("times"));
    assert_eq!(one("a 3-fold rise").unit, Some("times"));
}

#[test]
fn more_marker_is_kept() {
    let n = one("收入20多億元");
    assert!(n.more);
    assert_eq!(n.value, dec("2000000000"));
    assert!(one("500余万").more);
}

// ----- ranges -----------------------------------------------------------------------------

#[test]
fn ranges_are_two_numbers_sharing_their_suffix() {
    assert_eq!(
        all("預計18至24個月內"),
        [
            (s("18"), s("18"), Kind::Quantity),
            (s("24"), s("24"), Kind::Quantity)
        ]
    );
    assert_eq!(
        read_numbers("預計18至24個月內").next().unwrap().unit,
        Some("個月")
    );
    assert_eq!(
        all("3-5 billion"),
        [
            (s("3"), s("3000000000"), Kind::Quantity),
            (s("5 billion"), s("5000000000"), Kind::Quantity)
        ]
    );
    assert_eq!(
        all("3 to 5 billion"),
        [
            (s("3"), s("3000000000"), Kind::Quantity),
            (s("5 billion"), s("5000000000"), Kind::Quantity)
        ]
    );
    assert_eq!(
        all("3-5%"),
        [
            (s("3"), s("0.03"), Kind::Percent),
            (s("5%"), s("0.05"), Kind::Percent)
        ]
    );
    assert_eq!(all("3至5億元")[0], (s("3"), s("300000000"), Kind::Quantity));
    let guidance = all("$1.90 billion to $2.00 billion");
    assert_eq!(guidance[0].1, "1900000000");
    assert_eq!(guidance[1].1, "2000000000");
    assert_eq!(
        read_numbers("$3-5 billion").nth(1).unwrap().currency,
        Some(Currency::Usd)
    );
}

// ----- kinds ------------------------------------------------------------------------------

#[test]
fn years() {
    let y = |t: &str| {
        kinds(t)
            .into_iter()
            .filter(|(_, k)| *k == Kind::Year)
            .map(|(t, _)| t)
            .collect::<Vec<_>>()
    };
    assert_eq!(y("2024年收入"), ["2024年"]);
    assert_eq!(y("2024年度"), ["2024年度"]);
    assert_eq!(y("in 2024 revenue"), ["2024"]);
    assert_eq!(y("FY2024 results"), ["FY2024"]);
    assert_eq!(y("FY24 results"), ["FY24"]);
    assert_eq!(y("fiscal 2025"), ["2025"]);
    assert_eq!(y("December 31, 2013"), ["2013"]);
    assert_eq!(y("december 31 , 2013"), ["2013"]);
    assert_eq!(y("in 2022, 2023 and 2024"), ["2022", "2023", "2024"]);
    assert_eq!(y("2023-2024"), ["2023", "2024"]);
    assert_eq!(y("FY2024/25"), ["FY2024", "25"]);
    assert_eq!(y("Q3 2024"), ["2024"]);
    assert_eq!(y("二〇二四年"), ["二〇二四年"]);
    assert_eq!(y("於2024"), ["2024"]);
    assert_eq!(y("2025E"), ["2025E"]);
    // A four-digit quantity is not a year without context.
    assert_eq!(kinds("shipped 2000 units"), [(s("2000"), Kind::Quantity)]);
    // Nor is a duration.
    assert_eq!(kinds("5年"), [(s("5"), Kind::Quantity)]);
}

#[test]
fn dates() {
    assert_eq!(
        kinds("1-9月"),
        [(s("1"), Kind::Date), (s("9月"), Kind::Date)]
    );
    assert_eq!(
        kinds("12月19日"),
        [(s("12月"), Kind::Date), (s("19日"), Kind::Date)]
    );
    assert_eq!(kinds("Q3 results"), [(s("Q3"), Kind::Date)]);
    assert_eq!(kinds("H1 results"), [(s("H1"), Kind::Date)]);
    assert_eq!(kinds("3Q24"), [(s("3Q24"), Kind::Date)]);
    assert_eq!(kinds("1H24"), [(s("1H24"), Kind::Date)]);
    assert_eq!(kinds("第三季度"), [(s("第三季度"), Kind::Date)]);
    assert_eq!(kinds("一季度"), [(s("一季度"), Kind::Date)]);
    assert_eq!(kinds("June 30"), [(s("30"), Kind::Date)]);
    assert_eq!(kinds("30 June"), [(s("30"), Kind::Date)]);
    assert_eq!(
        kinds("2024-06-30"),
        [
            (s("2024"), Kind::Year),
            (s("06"), Kind::Date),
            (s("30"), Kind::Date)
        ]
    );
    assert_eq!(kinds("at 10:30"), [(s("10:30"), Kind::Date)]);
    // 個月 is a duration, not a month.
    assert_eq!(kinds("12個月"), [(s("12"), Kind::Quantity)]);
}

#[test]
fn ordinals() {
    assert_eq!(kinds("第三"), [(s("第三"), Kind::Ordinal)]);
    assert_eq!(kinds("第3名"), [(s("第3"), Kind::Ordinal)]);
    assert_eq!(kinds("the 3rd year"), [(s("3rd"), Kind::Ordinal)]);
    assert_eq!(kinds("ranked No. 1"), [(s("No. 1"), Kind::Ordinal)]);
    assert_eq!(kinds("ranked #1"), [(s("#1"), Kind::Ordinal)]);
    assert_eq!(kinds("一、業務概覽"), [(s("一"), Kind::Ordinal)]);
    assert_eq!(kinds("1. Revenue"), [(s("1"), Kind::Ordinal)]);
    assert_eq!(kinds("（二）"), [(s("二"), Kind::Ordinal)]);
}

#[test]
fn labels() {
    assert_eq!(kinds("INT8 算力"), [(s("INT8"), Kind::Label)]);
    assert_eq!(kinds("Helios Gen 2"), [(s("2"), Kind::Label)]);
    assert_eq!(kinds("Pulsar2 chips"), [(s("Pulsar2"), Kind::Label)]);
    assert_eq!(
        kinds("the A100 and H20"),
        [(s("A100"), Kind::Label), (s("H20"), Kind::Label)]
    );
    assert_eq!(kinds("MI300X"), [(s("MI300X"), Kind::Label)]);
    assert_eq!(kinds("COVID-19"), [(s("COVID-19"), Kind::Label)]);
    assert_eq!(kinds("see note 12"), [(s("12"), Kind::Label)]);
    assert_eq!(kinds("5G phones"), [(s("5G"), Kind::Label)]);
    assert_eq!(kinds("version 3.2.1"), [(s("3.2.1"), Kind::Label)]);
    assert_eq!(kinds("騰訊 00700.HK"), [(s("00700.HK"), Kind::Label)]);
    assert_eq!(kinds("the 10-K filing"), [(s("10-K"), Kind::Label)]);
    assert_eq!(kinds("Form 10-K"), [(s("10"), Kind::Label)]);
    assert_eq!(kinds("詳見附注3"), [(s("3"), Kind::Label)]);
    // A unit glued to the digits keeps a quantity.
    assert_eq!(one("7nm process").unit, Some("nm"));
}

// ----- the mistakes real text contains -------------------------------------------------------

#[test]
fn scale_word_after_a_line_break() {
    check(
        "淨虧損為人民幣645.1\n百萬元",
        "645100000",
        "645050000",
        "645150000",
        Kind::Quantity,
    );
    check(
        "revenue of $1.2\nbillion",
        "1200000000",
        "1150000000",
        "1250000000",
        Kind::Quantity,
    );
    // A blank line ends the sentence: no scale across paragraphs.
    assert_eq!(one("total 12\n\nmillion reasons").value, dec("12"));
}

#[test]
fn number_at_the_very_end_of_the_file() {
    check("收入增長186%", "1.86", "1.855", "1.865", Kind::Percent);
    check("revenue 42", "42", "41.5", "42.5", Kind::Quantity);
    check("5", "5", "4.5", "5.5", Kind::Quantity);
    check(
        "1.89億",
        "189000000",
        "188500000",
        "189500000",
        Kind::Quantity,
    );
    check("二十", "20", "15", "25", Kind::Quantity);
}

#[test]
fn month_range_next_to_a_quantity() {
    assert_eq!(
        kinds("2025年1-9月收入5.4億元"),
        [
            (s("2025年"), Kind::Year),
            (s("1"), Kind::Date),
            (s("9月"), Kind::Date),
            (s("5.4億元"), Kind::Quantity)
        ]
    );
    assert_eq!(kinds("1-9月5.4億元")[2], (s("5.4億元"), Kind::Quantity));
}

#[test]
fn html_footnote_digits_do_not_glue() {
    // After HTML stripping `<sup>` is gone; in plain text a superscript stays apart.
    assert_eq!(kinds("186%¹")[0], (s("186%"), Kind::Percent));
}

#[test]
fn huge_and_odd_digit_strings_do_not_panic() {
    let long = "9".repeat(100);
    assert_eq!(kinds(&long), [(long.clone(), Kind::Label)]);
    let _ = all("0.0000000000000000000000000000000001%");
    let _ = all("99999999999999999999999999.9萬億億億億");
    let _ = all("..1..2,,3，，４．．５");
}

#[test]
fn literal_reader_for_expressions() {
    let n = read_number_at("x > 75% and y", 4).unwrap();
    assert_eq!(
        (n.value, n.half_unit, n.kind),
        (dec("0.75"), dec("0.005"), Kind::Percent)
    );
    let n = read_number_at("RMB540 million", 0).unwrap();
    assert_eq!(
        (n.value, n.currency),
        (dec("540000000"), Some(Currency::Cny))
    );
    assert_eq!(read_number_at("rev[0]", 0), None);
    assert_eq!(read_number_at("0.02億", 0).unwrap().value, dec("2000000"));
    assert_eq!(read_number_at(".5", 0).unwrap().value, dec("0.5"));
}

#[test]
fn inputs_the_fuzzer_found_do_not_panic() {
    // Digit runs too long for a decimal, glued to 兆/億 (found by cargo fuzz).
    for input in [
        "7兆7777777777777777777770億",
        "7兆7777777777777777777770億7",
        "- 7兆77777777777777777777770億777777\u{fffd}\u{1}",
        "-7兆7777777777777777777770億7",
        "一二三四五六七八九〇一二三四五六七八九〇一二三四五六七八九〇一二三四五六七八九年",
        "79228162514264337593543950335",
        "79228162514264337593543950335.5",
        "9999999999999999999999999999兆",
    ] {
        for n in read_numbers(input) {
            assert!(n.low() <= n.high(), "{input:?}: {n:?}");
        }
    }
}

/// (value, currency) of the only number in `text`.
fn money(text: &str) -> (String, Option<Currency>) {
    let n = one(text);
    (plain(n.value), n.currency)
}

#[test]
fn spaced_and_percent_parentheses_are_negative() {
    assert_eq!(one("Loss was (35,569 ) in total").value, dec("-35569"));
    assert_eq!(one("虧損為(35,569 )元").value, dec("-35569"));
    let pct = one("margin (13%) fell");
    assert_eq!((pct.value, pct.kind), (dec("-0.13"), Kind::Percent));
    assert_eq!(one("margin (2.1% ) fell").value, dec("-0.021"));
    assert_eq!(one("毛利率(13%)").value, dec("-0.13"));
}

#[test]
fn a_sign_inside_parentheses_wins() {
    assert_eq!(one("a change of (−152) units").value, dec("-152"));
    assert_eq!(one("變動(-152)").value, dec("-152"));
}

#[test]
fn currency_before_parentheses_is_kept() {
    use Currency::Usd;
    assert_eq!(money("Cash $(62) at year end"), ("-62".into(), Some(Usd)));
    assert_eq!(money("EPS $ (0.96) basic"), ("-0.96".into(), Some(Usd)));
    assert_eq!(
        money("a loss of $(9.8) million"),
        ("-9800000".into(), Some(Usd))
    );
    assert_eq!(
        money("虧損US$(9.8) million"),
        ("-9800000".into(), Some(Usd))
    );
}

#[test]
fn dollar_prefixes_name_their_currency() {
    use Currency::*;
    for (text, want) in [
        ("S$3.65 billion", Sgd),
        ("A$633 million", Aud),
        ("NZ$6.7 billion", Nzd),
        ("C$5", Cad),
        ("R$7", Brl),
        ("MOP$9", Mop),
        ("US$3", Usd),
        ("HK$2", Hkd),
        ("NT$1", Twd),
        ("收入S$3.65 billion", Sgd),
    ] {
        assert_eq!(one(text).currency, Some(want), "{text}");
    }
    // Letters we do not know before `$` never make it USD.
    assert_eq!(one("costs XY$4 each").currency, None);
}

#[test]
fn hyphenated_scales_apply() {
    assert_eq!(
        money("It cost $11-million."),
        ("11000000".into(), Some(Currency::Usd))
    );
    assert_eq!(one("a 3.5-billion deal").value, dec("3500000000"));
    // A range and a short letter stay as they are.
    assert_eq!(all("3-5 units").len(), 2);
}

#[test]
fn years_in_asides_phrases_and_chinese_spacing() {
    let years = |text: &str| {
        read_numbers(text)
            .filter(|n| n.kind == Kind::Year)
            .map(|n| plain(n.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(years("(2018: £56.5m)"), ["2018"]);
    assert_eq!(years("compared to 2018"), ["2018"]);
    assert_eq!(years("in Q4 2019"), ["2019"]);
    assert_eq!(years("fiscal years 2019 and 2018"), ["2019", "2018"]);
    assert_eq!(years("between 2019 and 2020"), ["2019", "2020"]);
    assert_eq!(years("2023 年收入增長"), ["2023"]);
    assert_eq!(years("2023 年度报告"), ["2023"]);
    // A grouping comma or a value outside 1900–2099 keeps a quantity.
    assert_eq!(one("to 2,018 staff").kind, Kind::Quantity);
    assert_eq!(one("to 2100 staff").kind, Kind::Quantity);
}

#[test]
fn header_row_years_are_years_and_data_rows_are_not() {
    let text = "| Item | 2019 | 2018 |\n| --- | --- | --- |\n| Units | 2019 | 2,018 |\n";
    let got = kinds(text);
    assert_eq!(got[0], ("2019".into(), Kind::Year));
    assert_eq!(got[1], ("2018".into(), Kind::Year));
    assert_eq!(got[2], ("2019".into(), Kind::Quantity));
    let zh = "| 項目 | 2019 | 2018 |\n| 收入 | 100 | 90 |\n";
    assert_eq!(kinds(zh)[0].1, Kind::Year);
}

#[test]
fn standard_names_are_labels() {
    for text in [
        "ASC 606",
        "Topic 606",
        "IFRS 9",
        "IAS 39",
        "SAB 118",
        "Scope 1",
        "香港財務報告準則 HKFRS 16",
    ] {
        assert_eq!(one(text).kind, Kind::Label, "{text}");
    }
}

#[test]
fn footnote_marks_on_row_labels_are_not_amounts() {
    let text = "| Working capital (1) | 1,234 | (5) |\n| 總債務 (2) | 10 | 9 |\n";
    let got = all(text);
    assert_eq!(got[0], ("(1)".into(), "1".into(), Kind::Ordinal));
    assert_eq!(got[2], ("(5)".into(), "-5".into(), Kind::Quantity));
    assert_eq!(got[3].2, Kind::Ordinal);
}

#[test]
fn ansi_escape_parameters_are_not_numbers() {
    assert!(all("x \u{1b}[0m y \u{1b}[1;31m z").is_empty());
    assert_eq!(all("x \u{1b}[0m 5元").len(), 1);
    // A bracket alone is no escape.
    assert_eq!(all("[0m]").len(), 1);
}
