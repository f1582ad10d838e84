//! Word lists the number reader consults: scales, currencies, percent and
//! point markers, measure words, and the words that turn a number into a
//! label, a date or an ordinal.
//!
//! Every list is data; the scanner in `scan.rs` holds the grammar. Longer
//! entries come before their prefixes so a first match is the longest one.

use super::Currency;

/// A currency tag and the text that spells it.
pub(crate) struct CurrencyWord {
    pub text: &'static str,
    pub currency: Currency,
    /// ASCII words need a word boundary on their outer side (`RMB5` but not `XRMB5`).
    pub ascii_word: bool,
}

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

/// A scale word with the power of ten it stands for.
pub(crate) struct ScaleWord {
    pub text: &'static str,
    pub exp: u32,
    pub attach: Attach,
}

/// How closely a suffix must follow the digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attach {
    /// Only glued to the digits: `40k`, `5M`.
    Glued,
    /// Glued or after white space (one line break allowed): `1.2 bn`, `3 million`.
    Spaced,
}

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

/// Single-letter scales, case-sensitive and glued: `40k`, `5m`, `US$3B`.
pub(crate) const LETTER_SCALES: &[(char, u32)] =
    &[('k', 3), ('K', 3), ('m', 6), ('M', 6), ('b', 9), ('B', 9)];

/// The power of ten of a Chinese scale character, when it is one.
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

/// After `千` these start an SI unit (千米 km, 千克 kg, 千瓦 kW): `千` is then no scale.
pub(crate) const KILO_UNITS: &[&str] = &[
    "米", "克", "瓦", "焦", "卡", "赫", "位", "比特", "字节", "字節", "伏", "帕",
];

/// After `兆` these start an SI unit (兆瓦 MW, 兆字节 MB): `兆` is then no scale.
pub(crate) const MEGA_UNITS: &[&str] = &[
    "瓦", "位", "赫", "比特", "字节", "字節", "焦", "帕", "欧", "歐", "伏",
];

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

/// A percent or point marker written after the number.
pub(crate) struct PercentWord {
    pub text: &'static str,
    pub sign: PercentSign,
    pub attach: Attach,
    pub ascii_word: bool,
}

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
pub(crate) const LABEL_WORDS: &[&str] = &[
    "gen",
    "gen.",
    "generation",
    "version",
    "ver",
    "ver.",
    "series",
    "phase",
    "type",
    "model",
    "mark",
    "mk",
    "level",
    "tier",
    "stage",
    "class",
    "note",
    "notes",
    "section",
    "sections",
    "item",
    "items",
    "page",
    "pages",
    "chapter",
    "article",
    "rule",
    "part",
    "schedule",
    "appendix",
    "exhibit",
    "figure",
    "fig",
    "fig.",
    "table",
    "step",
    "form",
    "release",
    "pcie",
    "hbm",
    "ddr",
    "lpddr",
    "gddr",
    "windows",
    "iphone",
    "line",
    "paragraph",
    "clause",
    "annex",
];

/// Chinese words before a number that make it a reference, not a quantity (`附注3`).
pub(crate) const CHINESE_LABEL_PREFIXES: &[&str] =
    &["附註", "附注", "註", "注", "編號", "编号", "代碼", "代码"];

/// English month names (lower case) for dates such as `December 31, 2024`.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words right before a four-digit number that make it a year (`in 2024`, `FY 2024`).
pub(crate) const YEAR_PREFIXES: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "fy",
    "fiscal",
    "year",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "as of",
    "end of",
    "calendar",
    "financial year",
    "fiscal year",
    "於",
    "于",
    "自",
    "截至",
];

/// Words joining two numbers into a range whose suffix (scale, unit) they share.
pub(crate) const RANGE_JOINERS: &[&str] = &["-", "–", "—", "~", "～", "〜", "至", "到", "to", "−"];

/// Words joining numbers into a list; a year makes its list neighbours years.
pub(crate) const LIST_JOINERS: &[&str] = &[
    ",", "，", "、", "and", "or", "和", "及", "与", "與", "vs", "vs.", "versus", "/", "&",
];

/// A quick "can any word of a list start (or end) with this character?"
/// test, so the scanner skips whole lists at most positions.
pub(crate) struct Starts {
    ascii: [bool; 128],
    other: Vec<char>,
}

impl Starts {
    /// The first characters of `words` (both cases for ASCII letters).
    pub fn first<'a>(words: impl IntoIterator<Item = &'a str>) -> Starts {
        Starts::from_chars(words.into_iter().filter_map(|w| w.chars().next()))
    }

    /// The last characters of `words`, for looking backwards.
    pub fn last<'a>(words: impl IntoIterator<Item = &'a str>) -> Starts {
        Starts::from_chars(words.into_iter().filter_map(|w| w.chars().next_back()))
    }

    fn from_chars(chars: impl IntoIterator<Item = char>) -> Starts {
        let mut s = Starts {
            ascii: [false; 128],
            other: Vec::new(),
        };
        for c in chars {
            if c.is_ascii() {
                s.ascii[c.to_ascii_lowercase() as usize] = true;
                s.ascii[c.to_ascii_uppercase() as usize] = true;
            } else {
                s.other.push(c);
            }
        }
        s.seal()
    }

    /// Sorts the non-ASCII characters for binary search.
    fn seal(mut self) -> Starts {
        self.other.sort_unstable();
        self.other.dedup();
        self
    }

    /// Whether `c` is one of the characters.
    #[inline]
    pub fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

use std::sync::LazyLock;

/// First characters of currency tags written after a number.
pub(crate) static CURRENCY_SUFFIX_STARTS: LazyLock<Starts> =
    LazyLock::new(|| Starts::first(CURRENCY_SUFFIXES.iter().map(|w| w.text)));
/// Last characters of currency tags written before a number.
pub(crate) static CURRENCY_PREFIX_ENDS: LazyLock<Starts> =
    LazyLock::new(|| Starts::last(CURRENCY_PREFIXES.iter().map(|w| w.text)));
/// First characters of percent and point markers.
pub(crate) static PERCENT_STARTS: LazyLock<Starts> =
    LazyLock::new(|| Starts::first(PERCENT_WORDS.iter().map(|w| w.text)));
/// First characters of English scale words.
pub(crate) static SCALE_STARTS: LazyLock<Starts> =
    LazyLock::new(|| Starts::first(ENGLISH_SCALES.iter().map(|w| w.text)));
/// First characters of measure words.
pub(crate) static MEASURE_STARTS: LazyLock<Starts> =
    LazyLock::new(|| Starts::first(MEASURE_WORDS.iter().copied()));
/// Characters that may start any suffix of a number (scale, percent,
/// currency, multiple, `多`, a closing parenthesis). A number followed by
/// none of them, even after white space, has no suffix to read.
pub(crate) static SUFFIX_STARTS: LazyLock<Starts> = LazyLock::new(|| {
    let lists = ENGLISH_SCALES
        .iter()
        .map(|w| w.text)
        .chain(PERCENT_WORDS.iter().map(|w| w.text))
        .chain(CURRENCY_SUFFIXES.iter().map(|w| w.text));
    let mut s = Starts::first(lists);
    let extra = "十拾百佰千仟万萬亿億兆多余餘xX×倍tfF-)）kKmMbB";
    s.other.extend(extra.chars().filter(|c| !c.is_ascii()));
    for c in extra.chars().filter(char::is_ascii) {
        s.ascii[c as usize] = true;
    }
    s.seal()
});

/// Last characters of whatever may stand right before a number's digits
/// (currency, sign, `(`, `第`, `百分之`, `負`, `#`, `No.`, a reference prefix,
/// glued letters, white space before a spaced currency).
pub(crate) static PREFIX_ENDS: LazyLock<Starts> = LazyLock::new(|| {
    let mut s = Starts::last(
        CURRENCY_PREFIXES
            .iter()
            .map(|w| w.text)
            .chain(CHINESE_LABEL_PREFIXES.iter().copied()),
    );
    for c in "-−－+＋–(（第之負负#. \u{a0}".chars() {
        if c.is_ascii() {
            s.ascii[c as usize] = true;
        } else {
            s.other.push(c);
        }
    }
    for c in 'a'..='z' {
        s.ascii[c as usize] = true;
        s.ascii[c.to_ascii_uppercase() as usize] = true;
    }
    s.seal()
});

/// Last characters of Chinese reference prefixes (附注).
pub(crate) static LABEL_PREFIX_ENDS: LazyLock<Starts> =
    LazyLock::new(|| Starts::last(CHINESE_LABEL_PREFIXES.iter().copied()));
