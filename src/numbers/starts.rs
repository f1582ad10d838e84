//! Quick character tests built from the lexicon's lists: can any word of
//! a list start (or end) with this character? The scanner asks them first,
//! so at most positions it skips whole lists without comparing a word.

use std::sync::LazyLock;

use super::lexicon::{
    Attach, CHINESE_LABEL_PREFIXES, CHINESE_YEAR_PREFIXES, CURRENCY_PREFIXES, CURRENCY_SUFFIXES,
    DAY_MARKS, ENGLISH_SCALES, ESTIMATE_MARKS, FRACTION_PREFIXES, LETTER_SCALES, MEASURE_WORDS,
    MINUS_SIGNS, MONTH_MARKS, MORE_MARKS, MULTIPLE_WORDS, NEGATIVE_WORDS, NUMBER_SIGN,
    NUMBER_WORDS, ORDINAL_PREFIX, ORDINAL_SUFFIXES, PERCENT_WORDS, PERIOD_LETTERS, PLUS_SIGNS,
    QUARTER_MARKS, YEAR_MARKS, chinese_scale,
};

/// A set of characters: the first (or last) characters of some lists.
pub(crate) struct Starts {
    /// Membership of each ASCII character.
    ascii: [bool; 128],
    /// A quick filter on the other characters: bit `c % 64` is set for
    /// each, so most characters outside the set need no search.
    filter: u64,
    /// The other characters, sorted.
    other: Vec<char>,
}

impl Starts {
    /// The first characters of `words` (both cases for ASCII letters).
    pub fn first<'a>(words: impl IntoIterator<Item = &'a str>) -> Starts {
        Starts::of(words.into_iter().filter_map(|w| w.chars().next()))
    }

    /// The last characters of `words`, for looking backwards.
    pub fn last<'a>(words: impl IntoIterator<Item = &'a str>) -> Starts {
        Starts::of(words.into_iter().filter_map(|w| w.chars().next_back()))
    }

    /// The characters `chars` (both cases for ASCII letters).
    pub fn of(chars: impl IntoIterator<Item = char>) -> Starts {
        let mut s = Starts {
            ascii: [false; 128],
            filter: 0,
            other: Vec::new(),
        };
        s.add(chars);
        s
    }

    /// Adds `chars` (both cases for ASCII letters).
    pub fn with(mut self, chars: impl IntoIterator<Item = char>) -> Starts {
        self.add(chars);
        self
    }

    /// Adds `chars` in place (both cases for ASCII letters).
    fn add(&mut self, chars: impl IntoIterator<Item = char>) {
        for c in chars {
            if c.is_ascii() {
                self.ascii[c.to_ascii_lowercase() as usize] = true;
                self.ascii[c.to_ascii_uppercase() as usize] = true;
            } else {
                self.filter |= 1 << (c as u32 % 64);
                self.other.push(c);
            }
        }
        // Sorted for binary search.
        self.other.sort_unstable();
        self.other.dedup();
    }

    /// Whether `c` is one of the characters.
    #[inline]
    pub fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.filter & (1 << (c as u32 % 64)) != 0 && self.other.binary_search(&c).is_ok()
        }
    }
}

/// The Chinese scale characters (all in the CJK Unified Ideographs block);
/// [`chinese_scale`] is the one list.
fn chinese_scale_chars() -> impl Iterator<Item = char> {
    ('\u{4e00}'..='\u{9fff}').filter(|&c| chinese_scale(c).is_some())
}

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
/// First characters of the multiple markers that may be glued to the digits.
pub(crate) static MULTIPLE_STARTS: LazyLock<Starts> = LazyLock::new(|| {
    let glued = MULTIPLE_WORDS.iter().filter(|w| w.attach != Attach::Apart);
    Starts::first(glued.map(|w| w.text))
});
/// First characters of the marks that make a number a year, date or ordinal
/// (`年`, `月`, `日`, `季`, `Q`, `E`, `st`…).
pub(crate) static CALENDAR_STARTS: LazyLock<Starts> = LazyLock::new(|| {
    let words = YEAR_MARKS
        .iter()
        .chain(MONTH_MARKS)
        .chain(DAY_MARKS)
        .chain(QUARTER_MARKS)
        .chain(ORDINAL_SUFFIXES)
        .copied();
    let letters = PERIOD_LETTERS.iter().map(|&(l, _)| l);
    Starts::first(words).with(letters.chain(ESTIMATE_MARKS.iter().copied()))
});
/// Last characters of the Chinese year prefixes (`於`, `截至`).
pub(crate) static CHINESE_YEAR_PREFIX_ENDS: LazyLock<Starts> =
    LazyLock::new(|| Starts::last(CHINESE_YEAR_PREFIXES.iter().copied()));
/// Characters that may start any suffix of a number (scale, percent,
/// currency, multiple, `多`, a closing parenthesis). A number followed by
/// none of them, even after white space, has no suffix to read.
pub(crate) static SUFFIX_STARTS: LazyLock<Starts> = LazyLock::new(|| {
    let words = ENGLISH_SCALES
        .iter()
        .map(|w| w.text)
        .chain(PERCENT_WORDS.iter().map(|w| w.text))
        .chain(CURRENCY_SUFFIXES.iter().map(|w| w.text))
        .chain(MULTIPLE_WORDS.iter().map(|w| w.text));
    let chars = chinese_scale_chars()
        .chain(MORE_MARKS.iter().copied())
        .chain(LETTER_SCALES.iter().map(|l| l.letter))
        // The `)` of a negative amount, `(1,234)`.
        .chain([')', '）']);
    Starts::first(words).with(chars)
});

/// Last characters of whatever may stand right before a number's digits
/// (currency, sign, `(`, `第`, `百分之`, `負`, `#`, `No.`, a reference prefix,
/// glued letters, white space before a spaced currency).
pub(crate) static PREFIX_ENDS: LazyLock<Starts> = LazyLock::new(|| {
    let words = CURRENCY_PREFIXES
        .iter()
        .map(|w| w.text)
        .chain(CHINESE_LABEL_PREFIXES.iter().copied())
        .chain(FRACTION_PREFIXES.iter().map(|&(w, _)| w))
        .chain(NEGATIVE_WORDS.iter().copied())
        .chain(NUMBER_WORDS.iter().copied())
        .chain([ORDINAL_PREFIX, NUMBER_SIGN]);
    let chars = MINUS_SIGNS
        .iter()
        .chain(PLUS_SIGNS)
        .copied()
        // The `(` of `(1,234)`, the space of `RMB 5`, and glued letters (`A100`).
        .chain(['(', '（', ' ', '\u{a0}'])
        .chain('a'..='z');
    Starts::last(words).with(chars)
});

/// Last characters of Chinese reference prefixes (附注).
pub(crate) static LABEL_PREFIX_ENDS: LazyLock<Starts> =
    LazyLock::new(|| Starts::last(CHINESE_LABEL_PREFIXES.iter().copied()));
