//! Reading digits: a run of ASCII or full-width digits with thousands
//! separators and a decimal point, turned into the value and the rounding
//! interval it stands for ([`Core`]). A Chinese numeral gets the same
//! description, so the later steps treat both scripts alike.

use rust_decimal::Decimal;

use super::super::chinese::ChineseNumeral;
use super::text::{char_at, char_before, skip_while};

/// The longest digit string the reader turns into a value (rust_decimal holds 28 digits).
const MAX_DIGITS: usize = 28;

/// The digits of a number and the interval they stand for.
#[derive(Debug)]
pub(super) struct Core {
    /// Where the digits start (a leading `.` of `.5` included).
    pub(super) start: usize,
    /// Where the digits end.
    pub(super) end: usize,
    /// The value the digits spell, without sign, scale or percent.
    pub(super) value: Decimal,
    /// Half a unit of the last written digit.
    pub(super) half: Decimal,
    /// Digits before the decimal point (for a Chinese numeral, positional digits only).
    pub(super) int_digits: usize,
    /// Digits after the decimal point (for a Chinese numeral, 1 when it has a fraction).
    pub(super) frac_digits: usize,
    /// Written with thousands separators.
    pub(super) grouped: bool,
    /// Too many digits for a decimal: the number is no value.
    pub(super) overflow: bool,
    /// A version number such as `1.2.3`: the number is a name.
    pub(super) version_like: bool,
    /// Written in Arabic digits.
    pub(super) is_arabic: bool,
    /// A Chinese numeral written digit by digit (`二〇二四`).
    pub(super) positional: bool,
}

impl Core {
    /// Reads Arabic digits with grouping and a decimal point, starting at `at`.
    /// `no_leading_dot` keeps a `.` right before `at` from being a decimal point.
    pub(super) fn read(text: &str, at: usize, no_leading_dot: bool) -> Core {
        let start = if no_leading_dot {
            at
        } else {
            leading_dot(text, at)
        };
        let mut digits = Digits::default();
        let p = if start < at {
            // ".5": the dot came first, all digits are fraction digits.
            digits.fraction(text, at)
        } else {
            digits.number(text, at)
        };
        let version_end = version_end(text, p, digits.frac_digits);
        let overflow = digits.overflows();
        let (value, half) = digits.value_and_half(overflow);
        Core {
            start,
            end: version_end.unwrap_or(p),
            value,
            half,
            int_digits: digits.int_digits,
            frac_digits: digits.frac_digits,
            grouped: digits.grouped,
            overflow,
            version_like: version_end.is_some(),
            is_arabic: true,
            positional: false,
        }
    }

    /// The digits of a Chinese numeral read at `at`.
    pub(super) fn from_chinese(at: usize, n: &ChineseNumeral) -> Core {
        Core {
            start: at,
            end: n.end,
            value: n.value,
            half: n.place * Decimal::new(5, 1),
            int_digits: if n.positional { n.digit_count } else { 0 },
            frac_digits: usize::from(n.value.fract() != Decimal::ZERO),
            grouped: false,
            overflow: false,
            version_like: false,
            is_arabic: false,
            positional: n.positional,
        }
    }
}

/// Where a number starts that may have a bare leading dot (`.5`): at the
/// dot, unless a letter or digit stands before the dot (`No.5`, `v.5`).
fn leading_dot(text: &str, at: usize) -> usize {
    let Some(dot @ ('.' | '．')) = char_before(text, at) else {
        return at;
    };
    let dot_at = at - dot.len_utf8();
    let joined = char_before(text, dot_at).is_some_and(|c| c.is_alphanumeric() || is_digit_char(c));
    if joined { at } else { dot_at }
}

/// `1.2.3`: a second dot and digit after a fraction make a version number.
/// Where the version ends, when it is one.
fn version_end(text: &str, p: usize, frac_digits: usize) -> Option<usize> {
    let again = frac_digits > 0
        && char_at(text, p) == Some('.')
        && char_at(text, p + 1).is_some_and(|c| c.is_ascii_digit());
    again.then(|| {
        let end = skip_while(text, p, |c| c.is_ascii_digit() || c == '.');
        if text[..end].ends_with('.') {
            end - 1
        } else {
            end
        }
    })
}

/// Digits read so far: their value (while it fits), how many are
/// significant, and how they were written.
#[derive(Default)]
struct Digits {
    /// The digits as an integer, up to [`MAX_DIGITS`] significant ones.
    mantissa: u128,
    /// Digits from the first non-zero one on.
    significant: usize,
    /// Digits before the decimal point.
    int_digits: usize,
    /// Digits after the decimal point.
    frac_digits: usize,
    /// Whether thousands separators were read.
    grouped: bool,
}

impl Digits {
    /// Reads an integer part with its thousands groups, then a fraction part; returns the end.
    fn number(&mut self, text: &str, p: usize) -> usize {
        let mut p = self.integer(text, p);
        // Only a first group of one to three digits may be followed by thousands.
        if self.int_digits <= 3 {
            p = self.groups(text, p);
        }
        match decimal_point(text, p) {
            Some(q) => self.fraction(text, q),
            None => p,
        }
    }

    /// Reads integer digits at `p`; returns where they end.
    fn integer(&mut self, text: &str, p: usize) -> usize {
        let (end, count) = self.take(text, p);
        self.int_digits += count;
        end
    }

    /// Reads fraction digits at `p`; returns where they end.
    fn fraction(&mut self, text: &str, p: usize) -> usize {
        let (end, count) = self.take(text, p);
        self.frac_digits += count;
        end
    }

    /// Reads `,234,567` after the first group; returns where the last group ends.
    fn groups(&mut self, text: &str, mut p: usize) -> usize {
        let mut sep = None;
        while let Some((s, next)) = group_separator(text, p, sep) {
            sep = Some(s);
            self.grouped = true;
            p = self.integer(text, next);
        }
        p
    }

    /// Reads ASCII or full-width digits at `p`: where they end and how many there were.
    fn take(&mut self, text: &str, mut p: usize) -> (usize, usize) {
        let mut count = 0;
        while let Some((d, len)) = digit_at(text, p) {
            p += len;
            count += 1;
            self.push(d);
        }
        (p, count)
    }

    /// Adds one digit: it counts once a non-zero digit was seen, and joins
    /// the value while the value fits.
    #[inline]
    fn push(&mut self, d: u32) {
        if self.significant > 0 || d != 0 {
            self.significant += 1;
        }
        if self.significant <= MAX_DIGITS {
            self.mantissa = self.mantissa * 10 + u128::from(d);
        }
    }

    /// Whether the digits are too many for a decimal.
    fn overflows(&self) -> bool {
        self.significant > MAX_DIGITS || self.frac_digits > MAX_DIGITS - 1
    }

    /// The value and half a unit of the last digit (both zero on overflow).
    fn value_and_half(&self, overflow: bool) -> (Decimal, Decimal) {
        if overflow {
            return (Decimal::ZERO, Decimal::ZERO);
        }
        let places = self.frac_digits as u32;
        (
            Decimal::from_i128_with_scale(self.mantissa as i128, places),
            Decimal::new(5, places + 1),
        )
    }
}

/// The digit at `p` and its length in bytes: ASCII, or full-width (three bytes).
#[inline]
fn digit_at(text: &str, p: usize) -> Option<(u32, usize)> {
    match text.as_bytes().get(p) {
        Some(b @ b'0'..=b'9') => Some((u32::from(b - b'0'), 1)),
        Some(0xEF) => char_at(text, p)
            .and_then(ascii_or_wide_digit)
            .map(|d| (d, 3)),
        _ => None,
    }
}

/// A decimal point at `p` followed by a digit: where the fraction digits start.
#[inline]
fn decimal_point(text: &str, p: usize) -> Option<usize> {
    let c = char_at(text, p).filter(|&c| c == '.' || c == '．')?;
    let q = p + c.len_utf8();
    char_at(text, q).is_some_and(is_digit_char).then_some(q)
}

/// A thousands separator at `p` followed by exactly three digits: the
/// separator and where the digits start. `previous` is the separator of the
/// groups before; a number keeps to one.
fn group_separator(text: &str, p: usize, previous: Option<char>) -> Option<(char, usize)> {
    let sep = char_at(text, p).filter(|&c| is_group_separator(c))?;
    if previous.is_some_and(|prev| prev != sep) {
        return None;
    }
    let next = p + sep.len_utf8();
    let q = three_digits(text, next)?;
    if char_at(text, q).is_some_and(is_digit_char) {
        return None;
    }
    // With plain spaces, `, ` after the group ends a list of numbers, not a group.
    if sep == ' ' && char_at(text, q) == Some(',') && char_at(text, q + 1) == Some(' ') {
        return None;
    }
    Some((sep, next))
}

/// Characters written between groups of thousands: `1,234`, `1 234`, `1'234`.
#[inline]
fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | ' ' | '\''
    )
}

/// Three digits at `p`: where they end.
fn three_digits(text: &str, p: usize) -> Option<usize> {
    let mut q = p;
    for _ in 0..3 {
        let c = char_at(text, q)?;
        ascii_or_wide_digit(c)?;
        q += c.len_utf8();
    }
    Some(q)
}

/// The value of an ASCII or full-width digit.
#[inline]
pub(super) fn ascii_or_wide_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `c` is an ASCII or full-width digit.
#[inline]
pub(super) fn is_digit_char(c: char) -> bool {
    ascii_or_wide_digit(c).is_some()
}
