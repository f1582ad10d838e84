//! Word lists the number reader consults: scales, currencies, percent and
//! point markers, measure words, and the words that turn a number into a
//! label, a date or an ordinal.
//!
//! Every list is data; the scanner in `scan/` holds the grammar (where a
//! word may stand and what it does), and keeps only punctuation and white
//! space inline. Longer entries come before their prefixes so a first match
//! is the longest one.

use std::ops::RangeInclusive;

use super::{Currency, Kind};

/// A currency tag and the text that spells it.
pub(crate) struct CurrencyWord {
    /// The tag as written.
    pub text: &'static str,
    /// The currency it names.
    pub currency: Currency,
    /// ASCII words need a word boundary on their outer side (`RMB5` but not `XRMB5`).
    pub ascii_word: bool,
}

/// A [`CurrencyWord`], briefly.
const fn cur(text: &'static str, currency: Currency, ascii_word: bool) -> CurrencyWord {
    CurrencyWord {
        text,
        currency,
        ascii_word,
    }
}

/// Tags written before the amount: `US$5`, `RMB 1.2 billion`, `人民幣1.65億元`.
pub(crate) const CURRENCY_PREFIXES: &[CurrencyWord] = &[
    cur("US$", Currency::Usd, false),
    cur("U.S.$", Currency::Usd, false),
    cur("HK$", Currency::Hkd, false),
    cur("NT$", Currency::Twd, false),
    cur("MOP$", Currency::Mop, false),
    cur("NZ$", Currency::Nzd, false),
    cur("S$", Currency::Sgd, false),
    cur("A$", Currency::Aud, false),
    cur("C$", Currency::Cad, false),
    cur("R$", Currency::Brl, false),
    cur("RMB", Currency::Cny, true),
    cur("Rmb", Currency::Cny, true),
    cur("CNY", Currency::Cny, true),
    cur("CNH", Currency::Cny, true),
    cur("USD", Currency::Usd, true),
    cur("HKD", Currency::Hkd, true),
    cur("EUR", Currency::Eur, true),
    cur("GBP", Currency::Gbp, true),
    cur("JPY", Currency::Jpy, true),
    cur("TWD", Currency::Twd, true),
    cur("SGD", Currency::Sgd, true),
    cur("AUD", Currency::Aud, true),
    cur("NZD", Currency::Nzd, true),
    cur("CAD", Currency::Cad, true),
    cur("BRL", Currency::Brl, true),
    cur("$", Currency::Usd, false),
    cur("＄", Currency::Usd, false),
    cur("¥", Currency::Cny, false),
    cur("￥", Currency::Cny, false),
    cur("€", Currency::Eur, false),
    cur("£", Currency::Gbp, false),
    cur("￡", Currency::Gbp, false),
    cur("人民幣", Currency::Cny, false),
    cur("人民币", Currency::Cny, false),
    cur("美元", Currency::Usd, false),
    cur("港元", Currency::Hkd, false),
    cur("港幣", Currency::Hkd, false),
    cur("港币", Currency::Hkd, false),
    cur("歐元", Currency::Eur, false),
    cur("欧元", Currency::Eur, false),
    cur("日元", Currency::Jpy, false),
    cur("英鎊", Currency::Gbp, false),
    cur("英镑", Currency::Gbp, false),
    cur("新台幣", Currency::Twd, false),
    cur("新臺幣", Currency::Twd, false),
];

/// Tags written after the amount: `1.65億元`, `5 million US dollars`.
pub(crate) const CURRENCY_SUFFIXES: &[CurrencyWord] = &[
    cur("美元", Currency::Usd, false),
    cur("港元", Currency::Hkd, false),
    cur("港幣", Currency::Hkd, false),
    cur("港币", Currency::Hkd, false),
    cur("日元", Currency::Jpy, false),
    cur("日圓", Currency::Jpy, false),
    cur("歐元", Currency::Eur, false),
    cur("欧元", Currency::Eur, false),
    cur("英鎊", Currency::Gbp, false),
    cur("英镑", Currency::Gbp, false),
    cur("新台幣", Currency::Twd, false),
    cur("新臺幣", Currency::Twd, false),
    cur("台幣", Currency::Twd, false),
    cur("臺幣", Currency::Twd, false),
    cur("人民幣", Currency::Cny, false),
    cur("人民币", Currency::Cny, false),
    cur("元", Currency::Cny, false),
    cur("US dollars", Currency::Usd, true),
    cur("U.S. dollars", Currency::Usd, true),
    cur("Hong Kong dollars", Currency::Hkd, true),
    cur("dollars", Currency::Usd, true),
    cur("yuan", Currency::Cny, true),
    cur("renminbi", Currency::Cny, true),
    cur("RMB", Currency::Cny, true),
    cur("CNY", Currency::Cny, true),
    cur("USD", Currency::Usd, true),
    cur("HKD", Currency::Hkd, true),
    cur("EUR", Currency::Eur, true),
    cur("euros", Currency::Eur, true),
    cur("GBP", Currency::Gbp, true),
    cur("JPY", Currency::Jpy, true),
    cur("yen", Currency::Jpy, true),
    cur("TWD", Currency::Twd, true),
];

/// The bare `元`: the unit of any currency named before it (`新台幣2兆元`, `港幣5元`).
pub(crate) const GENERIC_CURRENCY: &str = "元";

/// A scale word with the power of ten it stands for.
pub(crate) struct ScaleWord {
    /// The word as written.
    pub text: &'static str,
    /// The power of ten it stands for.
    pub exp: u32,
    /// How closely it follows the digits.
    pub attach: Attach,
}

/// How closely a suffix must follow the digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attach {
    /// Only glued to the digits: `40k`, `5M`.
    Glued,
    /// Glued or after white space (one line break allowed): `1.2 bn`, `3 million`.
    Spaced,
    /// Only after white space: `3 times` (a glued `3times` is no multiple).
    Apart,
}

impl Attach {
    /// Where a suffix with this attachment would start: `glued` is right after
    /// the digits, `spaced` after the white space that follows them.
    #[inline]
    pub fn position(self, glued: usize, spaced: usize) -> Option<usize> {
        match self {
            Attach::Glued => Some(glued),
            Attach::Spaced => Some(spaced),
            Attach::Apart => (spaced > glued).then_some(spaced),
        }
    }
}

/// A [`ScaleWord`], briefly.
const fn scale(text: &'static str, exp: u32, attach: Attach) -> ScaleWord {
    ScaleWord { text, exp, attach }
}

/// English scale words, matched case-insensitively except the single letters.
pub(crate) const ENGLISH_SCALES: &[ScaleWord] = &[
    scale("trillions", 12, Attach::Spaced),
    scale("trillion", 12, Attach::Spaced),
    scale("billions", 9, Attach::Spaced),
    scale("billion", 9, Attach::Spaced),
    scale("millions", 6, Attach::Spaced),
    scale("million", 6, Attach::Spaced),
    scale("thousands", 3, Attach::Spaced),
    scale("thousand", 3, Attach::Spaced),
    scale("trn", 12, Attach::Spaced),
    scale("tn", 12, Attach::Spaced),
    scale("bln", 9, Attach::Spaced),
    scale("bn", 9, Attach::Spaced),
    scale("mln", 6, Attach::Spaced),
    scale("mn", 6, Attach::Spaced),
    scale("MM", 6, Attach::Glued),
];

/// A single-letter scale glued to the digits (`40k`), case-sensitive.
pub(crate) struct LetterScale {
    /// The letter.
    pub letter: char,
    /// The power of ten it stands for.
    pub exp: u32,
    /// Read only on money: `US$3b` is three billion, a bare `3b` more likely a name.
    pub money_only: bool,
}

/// A [`LetterScale`], briefly.
const fn letter(letter: char, exp: u32, money_only: bool) -> LetterScale {
    LetterScale {
        letter,
        exp,
        money_only,
    }
}

/// Single-letter scales: `40k`, `5m`, `US$3B`.
pub(crate) const LETTER_SCALES: &[LetterScale] = &[
    letter('k', 3, false),
    letter('K', 3, false),
    letter('m', 6, false),
    letter('M', 6, false),
    letter('b', 9, true),
    letter('B', 9, true),
];

/// The power of ten of a Chinese scale character, when it is one.
#[inline]
pub(crate) fn chinese_scale(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        '兆' => 12,
        _ => return None,
    })
}

/// The value of a Chinese digit character, when it is one (`〇`…`九`,
/// the financial capitals `壹貳參`, and `兩`).
#[inline]
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '貳' | '贰' | '两' | '兩' => 2,
        '三' | '參' | '叁' | '叄' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陸' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a character that stands for a whole number of tens (`廿` 20, `卅` 30).
#[inline]
pub(crate) fn chinese_tens(c: char) -> Option<u32> {
    match c {
        '廿' => Some(20),
        '卅' => Some(30),
        _ => None,
    }
}

/// After `千` these start an SI unit (千米 km, 千克 kg, 千瓦 kW): `千` is then no scale.
pub(crate) const KILO_UNITS: &[&str] = &[
    "米", "克", "瓦", "焦", "卡", "赫", "位", "比特", "字节", "字節", "伏", "帕",
];

/// After `兆` these start an SI unit (兆瓦 MW, 兆字节 MB): `兆` is then no scale.
pub(crate) const MEGA_UNITS: &[&str] = &[
    "瓦", "位", "赫", "比特", "字节", "字節", "焦", "帕", "欧", "歐", "伏",
];

/// The SI units that keep a scale character from being a scale when they follow it.
#[inline]
pub(crate) fn units_after_scale(c: char) -> &'static [&'static str] {
    match c {
        '千' => KILO_UNITS,
        '兆' => MEGA_UNITS,
        _ => &[],
    }
}

/// What a percent-like suffix does to the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PercentSign {
    /// `%`, `percent`: hundredths, kind `percent`.
    Percent,
    /// `‰`: thousandths, kind `percent`.
    PerMille,
    /// `pp`, `個百分點`: hundredths, kind `points`.
    Points,
    /// `bp`, `基點`, `‱`: ten-thousandths, kind `points`.
    BasisPoints,
}

impl PercentSign {
    /// How many places the decimal point moves left: 2 for hundredths.
    #[inline]
    pub fn places(self) -> i32 {
        match self {
            PercentSign::Percent | PercentSign::Points => 2,
            PercentSign::PerMille => 3,
            PercentSign::BasisPoints => 4,
        }
    }

    /// The kind of a number carrying this sign.
    #[inline]
    pub fn kind(self) -> Kind {
        match self {
            PercentSign::Percent | PercentSign::PerMille => Kind::Percent,
            PercentSign::Points | PercentSign::BasisPoints => Kind::Points,
        }
    }
}

/// A percent or point marker written after the number.
pub(crate) struct PercentWord {
    /// The marker as written.
    pub text: &'static str,
    /// What it does to the value.
    pub sign: PercentSign,
    /// How closely it follows the digits.
    pub attach: Attach,
    /// An ASCII word, which needs a word boundary after it.
    pub ascii_word: bool,
}

/// A spaced [`PercentWord`], briefly.
const fn pct(text: &'static str, sign: PercentSign, ascii_word: bool) -> PercentWord {
    PercentWord {
        text,
        sign,
        attach: Attach::Spaced,
        ascii_word,
    }
}

/// Percent and point markers, longest first (`percentage points` before `percent`).
pub(crate) const PERCENT_WORDS: &[PercentWord] = &[
    pct("%", PercentSign::Percent, false),
    pct("％", PercentSign::Percent, false),
    pct("‰", PercentSign::PerMille, false),
    pct("‱", PercentSign::BasisPoints, false),
    pct("個百分點", PercentSign::Points, false),
    pct("个百分点", PercentSign::Points, false),
    pct("百分點", PercentSign::Points, false),
    pct("百分点", PercentSign::Points, false),
    pct("個基點", PercentSign::BasisPoints, false),
    pct("个基点", PercentSign::BasisPoints, false),
    pct("基點", PercentSign::BasisPoints, false),
    pct("基点", PercentSign::BasisPoints, false),
    pct("percentage points", PercentSign::Points, true),
    pct("percentage point", PercentSign::Points, true),
    pct("percent", PercentSign::Percent, true),
    pct("per cent", PercentSign::Percent, true),
    pct("pct", PercentSign::Percent, true),
    pct("per mille", PercentSign::PerMille, true),
    pct("basis points", PercentSign::BasisPoints, true),
    pct("basis point", PercentSign::BasisPoints, true),
    pct("ppts", PercentSign::Points, true),
    pct("ppt", PercentSign::Points, true),
    pct("pp", PercentSign::Points, true),
    pct("bps", PercentSign::BasisPoints, true),
    pct("bp", PercentSign::BasisPoints, true),
];

/// Words written before the digits that make a fraction: `百分之五`, `千分之3`.
pub(crate) const FRACTION_PREFIXES: &[(&str, PercentSign)] = &[
    ("百分之", PercentSign::Percent),
    ("千分之", PercentSign::PerMille),
    ("萬分之", PercentSign::BasisPoints),
    ("万分之", PercentSign::BasisPoints),
];

/// The fraction prefixes the look-behind also takes before Arabic digits
/// (it runs when reading from the prefix failed): only `百分之` and `千分之`.
pub(crate) const FRACTION_PREFIXES_BEHIND: &[(&str, PercentSign)] = FRACTION_PREFIXES.split_at(2).0;

/// Whether `c` starts a fraction prefix. The candidate search asks this of
/// every Chinese character, so it is a `match`; a test keeps it in step with
/// [`FRACTION_PREFIXES`].
#[inline]
pub(crate) fn starts_fraction_prefix(c: char) -> bool {
    matches!(c, '百' | '千' | '万' | '萬')
}

/// Minus signs written before the digits: `-5`, `−5`, `－5`, `–5`.
pub(crate) const MINUS_SIGNS: &[char] = &['-', '−', '－', '–'];

/// Plus signs written before the digits: `+5`, `＋5`.
pub(crate) const PLUS_SIGNS: &[char] = &['+', '＋'];

/// Whether `c` is a sign, and whether it negates.
#[inline]
pub(crate) fn sign_negates(c: char) -> Option<bool> {
    if MINUS_SIGNS.contains(&c) {
        Some(true)
    } else if PLUS_SIGNS.contains(&c) {
        Some(false)
    } else {
        None
    }
}

/// Chinese words for "negative" written before a number: `負5`, `负三`.
pub(crate) const NEGATIVE_WORDS: &[&str] = &["負", "负"];

/// The Chinese ordinal prefix: `第3`, `第三`.
pub(crate) const ORDINAL_PREFIX: &str = "第";

/// A sign glued before a rank: `#1`.
pub(crate) const NUMBER_SIGN: &str = "#";

/// Abbreviations of "number" before a rank, with or without a space: `No. 1`, `No.1`.
pub(crate) const NUMBER_WORDS: &[&str] = &["No.", "no.", "NO."];

/// `多`, `余`, `餘` after the digits: the true value is above the written one (`20多億`).
pub(crate) const MORE_MARKS: &[char] = &['多', '余', '餘'];

/// A marker that makes a number a multiple: `10倍`, `2x`, `3 times`.
pub(crate) struct MultipleWord {
    /// The marker as written.
    pub text: &'static str,
    /// How closely it follows the digits.
    pub attach: Attach,
    /// No ASCII letter or digit may follow (`2x` but not `2xl`).
    pub bounded: bool,
}

/// A [`MultipleWord`], briefly.
const fn times(text: &'static str, attach: Attach, bounded: bool) -> MultipleWord {
    MultipleWord {
        text,
        attach,
        bounded,
    }
}

/// Multiple markers, matched case-insensitively.
pub(crate) const MULTIPLE_WORDS: &[MultipleWord] = &[
    times("x", Attach::Glued, true),
    times("×", Attach::Glued, true),
    times("倍", Attach::Spaced, false),
    times("times", Attach::Apart, true),
    times("fold", Attach::Glued, true),
    times("-fold", Attach::Glued, true),
];

/// The unit a multiple carries in [`Number::unit`](super::Number::unit).
pub(crate) const MULTIPLE_UNIT: &str = "times";

/// Chinese measure words that may follow a number without changing its value.
pub(crate) const MEASURE_WORDS: &[&str] = &[
    "個月", "个月", "個", "个", "家", "名", "位", "款", "項", "项", "次", "片", "顆", "颗", "台",
    "臺", "套", "枚", "張", "张", "條", "条", "種", "种", "批", "份", "天", "週", "周", "層", "层",
    "輪", "轮", "筆", "笔", "宗", "間", "间", "座", "部", "輛", "辆", "架", "艘", "件", "塊", "块",
    "股", "人", "倍", "年", "季", "小時", "小时", "分鐘", "分钟", "秒", "歲", "岁",
];

/// English units glued to a number that keep it a quantity (`7nm`, `256GB`, `64TOPS`).
pub(crate) const GLUED_UNITS: &[&str] = &[
    "TFLOPS", "PFLOPS", "TOPS", "GHz", "MHz", "kWh", "GWh", "MWh", "nm", "mm", "cm", "km", "kg",
    "mg", "GB", "TB", "MB", "KB", "PB", "Gb", "Tb", "kW", "MW", "GW", "W",
];

/// Words before a number that make it part of a name (`Gen 2`, `Note 12`, `level 3`).
#[rustfmt::skip]
pub(crate) const LABEL_WORDS: &[&str] = &[
    "gen", "gen.", "generation", "version", "ver", "ver.", "series", "phase", "type", "model",
    "mark", "mk", "level", "tier", "stage", "class", "note", "notes", "section", "sections",
    "item", "items", "page", "pages", "chapter", "article", "rule", "part", "schedule",
    "appendix", "exhibit", "figure", "fig", "fig.", "table", "step", "form", "release", "pcie",
    "hbm", "ddr", "lpddr", "gddr", "windows", "iphone", "line", "paragraph", "clause", "annex",
];

/// Chinese words before a number that make it a reference, not a quantity (`附注3`).
pub(crate) const CHINESE_LABEL_PREFIXES: &[&str] =
    &["附註", "附注", "註", "注", "編號", "编号", "代碼", "代码"];

/// Whether `word` (any ASCII case) makes the number after it part of a name.
#[inline]
pub(crate) fn is_label_word(word: &str) -> bool {
    in_list(LABEL_WORDS, word) || in_list(STANDARD_NAMES, word)
}

/// Names of accounting, reporting and emission standards: the number after
/// them names a standard or section (`ASC 606`, `IFRS 9`, `Scope 1`).
pub(crate) const STANDARD_NAMES: &[&str] = &[
    "asc", "asu", "topic", "subtopic", "ifrs", "ias", "ifric", "sic", "sab", "sfas", "fas", "fin",
    "apb", "eitf", "hkfrs", "hkas", "aasb", "frs", "sfrs", "cas", "ssap", "scope",
];

/// Four-digit numbers in this range may be years.
pub(crate) const YEARS: RangeInclusive<i128> = 1900..=2099;

/// English month names (lower case) for dates such as `December 31, 2024`.
#[rustfmt::skip]
pub(crate) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether `word` (any ASCII case, a trailing dot allowed) names a month.
#[inline]
pub(crate) fn is_month(word: &str) -> bool {
    in_list(MONTHS, word.trim_end_matches('.'))
}

/// Words right before a four-digit number that make it a year (`in 2024`, `FY 2024`).
#[rustfmt::skip]
pub(crate) const YEAR_PREFIXES: &[&str] = &[
    "in", "since", "during", "until", "till", "through", "throughout", "fy", "fiscal", "year",
    "early", "late", "mid", "before", "after", "calendar", "of", "to", "and", "between", "years",
    "for", "ended",
];

/// Two words right before a number that make it a year (`as of 2024`).
pub(crate) const YEAR_PHRASES: &[(&str, &str)] = &[
    ("as", "of"),
    ("end", "of"),
    ("financial", "year"),
    ("fiscal", "year"),
];

/// Whether `word` (any ASCII case) makes a four-digit number after it a year.
#[inline]
pub(crate) fn is_year_prefix(word: &str) -> bool {
    in_list(YEAR_PREFIXES, word)
}

/// Chinese words right before a number that make it a year or date (`於2024年`, `截至6月`).
pub(crate) const CHINESE_YEAR_PREFIXES: &[&str] = &["於", "于", "自", "截至", "截止"];

/// Letters glued before two or four digits that make them a year: `FY2024`, `FY24`.
pub(crate) const GLUED_YEAR_WORDS: &[&str] = &["fy"];

/// Whether `word` (any ASCII case) is a glued year prefix.
#[inline]
pub(crate) fn is_glued_year_word(word: &str) -> bool {
    in_list(GLUED_YEAR_WORDS, word)
}

/// Letters naming a part of a year, with the highest number each takes:
/// quarters `Q1`–`Q4`, halves `H1`–`H2` (also written `3Q`, `1H`).
pub(crate) const PERIOD_LETTERS: &[(char, i128)] = &[('q', 4), ('h', 2)];

/// Whether `letter` (either case) and `n` name a part of a year.
#[inline]
pub(crate) fn is_period(letter: char, n: i128) -> bool {
    let letter = letter.to_ascii_lowercase();
    PERIOD_LETTERS
        .iter()
        .any(|&(l, max)| l == letter && (1..=max).contains(&n))
}

/// Marks after a year: `2024年`, `2024財年`, `2024財政年度`.
pub(crate) const YEAR_MARKS: &[&str] = &["財政年度", "财政年度", "年度", "財年", "财年", "年"];

/// The year marks read after a unit or when other words already hint at a
/// year; `財政年度` is read only right after the digits.
pub(crate) const SHORT_YEAR_MARKS: &[&str] = YEAR_MARKS.split_at(2).1;

/// Letters glued after a year in forecasts: `2024E` (estimate), `2025F`, `2023A` (actual).
pub(crate) const ESTIMATE_MARKS: &[char] = &['E', 'F', 'A'];

/// Marks after a month number: `9月`, `9月份`.
pub(crate) const MONTH_MARKS: &[&str] = &["月份", "月"];

/// Marks after a day number: `19日`, `19號`.
pub(crate) const DAY_MARKS: &[&str] = &["日", "號", "号"];

/// Marks after a quarter number: `三季度`, `第3季`.
pub(crate) const QUARTER_MARKS: &[&str] = &["季度", "季"];

/// English ordinal suffixes: `1st`, `2nd`, `3rd`, `4th`.
pub(crate) const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Words joining two numbers into a range whose suffix (scale, unit) they share.
pub(crate) const RANGE_JOINERS: &[&str] = &["-", "–", "—", "~", "～", "〜", "至", "到", "to", "−"];

/// Words joining numbers into a list; a year makes its list neighbours years.
pub(crate) const LIST_JOINERS: &[&str] = &[
    ",", "，", "、", "and", "or", "和", "及", "与", "與", "vs", "vs.", "versus", "/", "&",
];

/// Joiners after which a year makes a two-digit number a year (`2023-24`, `2023/24`).
pub(crate) const SHORT_YEAR_JOINERS: &[&str] = &["-", "–", "/"];

/// The dashes among them: after a dash a year-like number and a two-digit
/// one make a year span even when neither is marked as a year.
pub(crate) const SHORT_YEAR_DASHES: &[&str] = SHORT_YEAR_JOINERS.split_at(2).0;

/// Whether `word` is in `list`, ASCII case-insensitively.
#[inline]
fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
