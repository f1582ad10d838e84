//! Chinese numerals written as quantities: `二十億`, `兩千三百`, `三億五千萬`,
//! `二〇二四`, `三點五`, colloquial `三萬五` (= 35,000) and the financial
//! capitals `壹貳參`.

use rust_decimal::Decimal;

use super::decimal::pow10;
use super::lexicon::{chinese_digit, chinese_scale, chinese_tens};

/// A run of Chinese numeral characters read as one number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChineseNumeral {
    /// Byte offset just past the run.
    pub end: usize,
    /// The value of the run.
    pub value: Decimal,
    /// Place value of the last written digit: `兩千三百` → 100, `二十億` → 10⁹.
    pub place: Decimal,
    /// Digits written one after another with no unit character (`二〇二四`).
    pub positional: bool,
    /// Number of digit characters in the run.
    pub digit_count: usize,
    /// The run contains 萬/億/兆.
    pub has_big_unit: bool,
    /// The run contains 十/百/千 or a big unit.
    pub has_unit: bool,
}

/// The place value of a unit character inside a section (十 百 千).
fn small_unit(c: char) -> Option<u32> {
    match chinese_scale(c) {
        Some(exp @ 1..=3) => Some(10u32.pow(exp)),
        _ => None,
    }
}

/// The power of ten of a big unit character (萬 億 兆).
fn big_unit(c: char) -> Option<u32> {
    chinese_scale(c).filter(|&exp| exp >= 4)
}

/// Whether a character can start a Chinese numeral (a digit, 十, 廿 or 卅).
#[inline]
pub(crate) fn starts_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_scale(c) == Some(1) || chinese_tens(c).is_some()
}

/// Whether a character is part of a Chinese numeral run.
pub(crate) fn is_numeral_char(c: char) -> bool {
    starts_numeral(c) || small_unit(c).is_some() || big_unit(c).is_some()
}

/// The sum of `parts`, or `None` when it outgrows a decimal.
fn add_all(parts: &[Decimal]) -> Option<Decimal> {
    parts
        .iter()
        .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(*p))
}

/// Reads the Chinese numeral starting at `start`, stopping before `stop_at`
/// characters the caller reserves (e.g. `兆` before `瓦`). Returns `None` when
/// the characters there do not form a well-written number.
pub(crate) fn read(
    text: &str,
    start: usize,
    is_reserved: impl Fn(usize) -> bool,
) -> Option<ChineseNumeral> {
    let mut reader = Reader::default();
    let mut pos = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        let at = start + offset;
        if is_reserved(at) {
            break;
        }
        if matches!(c, '點' | '点') && reader.can_take_point() {
            let Some(frac_end) = reader.take_fraction(text, at + c.len_utf8()) else {
                break;
            };
            pos = frac_end;
            // Skip what the fraction consumed, then allow a following big unit (三點五億).
            while chars.peek().is_some_and(|&(o, _)| start + o < frac_end) {
                chars.next();
            }
            continue;
        }
        if !reader.take(c)? {
            break;
        }
        pos = at + c.len_utf8();
        chars.next();
    }
    reader.finish(pos)
}

/// State of the left-to-right numeral reader.
#[derive(Default)]
struct Reader {
    /// What the sections closed by 億 or 兆 add up to.
    total: Decimal,
    /// The section closed by 萬, not yet closed by 億 or 兆.
    section: Decimal,
    /// Digits times 十/百/千 read since the last big unit.
    small: Decimal,
    /// A digit read but not yet multiplied by a unit.
    pending: Option<u32>,
    /// The last of 十/百/千 read in this section (units must fall).
    last_small_unit: Option<u32>,
    /// A 零 was read since the last unit (一百零五).
    zero_since_unit: bool,
    /// Place value of the last written digit.
    place: Decimal,
    /// How many digit characters were read.
    digit_count: usize,
    /// The digits read one after another as a positional number (二〇二四).
    positional_value: Decimal,
    /// An intermediate value outgrew a decimal: the run is no number.
    overflow: bool,
    /// Two digits came in a row: a positional number.
    positional: bool,
    /// A unit character was read.
    has_unit: bool,
    /// 萬, 億 or 兆 was read.
    has_big_unit: bool,
    /// How many characters were taken.
    chars: usize,
    /// The digit before 點 plus the digits after it, and the place of the last.
    fraction: Option<(Decimal, Decimal)>,
}

impl Reader {
    /// Takes one character; `Ok(false)` ends the run, `None` rejects it.
    fn take(&mut self, c: char) -> Option<bool> {
        if self.fraction.is_some() {
            // After a fractional part only a big unit may follow.
            return match big_unit(c) {
                Some(exp) => self.take_big(exp),
                None => Some(false),
            };
        }
        if let Some(d) = chinese_digit(c) {
            return self.take_digit(d);
        }
        if let Some(tens) = chinese_tens(c) {
            if self.pending.is_some() {
                return Some(false);
            }
            self.small += Decimal::from(tens);
            self.note_unit(10);
            return Some(true);
        }
        if let Some(unit) = small_unit(c) {
            return self.take_small(unit);
        }
        if let Some(exp) = big_unit(c) {
            return self.take_big(exp);
        }
        Some(false)
    }

    /// Takes the digit `d`.
    fn take_digit(&mut self, d: u32) -> Option<bool> {
        match self.pending {
            // 一百零五: the 零 only holds a place; the next digit replaces it.
            Some(0) if self.zero_since_unit => {}
            // Two digits in a row: only a pure digit string (二〇二四) may do that.
            Some(_) if self.has_unit => return Some(false),
            Some(_) => self.positional = true,
            None => {}
        }
        self.chars += 1;
        if d == 0 && !self.positional && self.has_unit {
            self.zero_since_unit = true;
        }
        self.digit_count += 1;
        match self
            .positional_value
            .checked_mul(Decimal::TEN)
            .and_then(|v| v.checked_add(Decimal::from(d)))
        {
            Some(v) => self.positional_value = v,
            None => self.overflow = true,
        }
        self.pending = Some(d);
        Some(true)
    }

    /// Takes 十, 百 or 千 (`unit` is 10, 100 or 1000).
    fn take_small(&mut self, unit: u32) -> Option<bool> {
        if self.positional {
            return Some(false);
        }
        let d = match self.pending.take() {
            Some(0) | None if unit == 10 => 1,
            Some(0) | None => return if self.chars == 0 { None } else { Some(false) },
            Some(d) => d,
        };
        if self.last_small_unit.is_some_and(|last| last <= unit) {
            return Some(false);
        }
        self.chars += 1;
        self.small += Decimal::from(d * unit);
        self.note_unit(unit);
        Some(true)
    }

    /// Records that a small unit (or 廿/卅) was read.
    fn note_unit(&mut self, unit: u32) {
        self.last_small_unit = Some(unit);
        self.zero_since_unit = false;
        self.place = Decimal::from(unit);
        self.has_unit = true;
    }

    /// Takes 萬, 億 or 兆 (`10^exp`), closing a section.
    fn take_big(&mut self, exp: u32) -> Option<bool> {
        if self.chars == 0 || self.positional && self.digit_count > 1 && self.fraction.is_none() {
            return if self.chars == 0 { None } else { Some(false) };
        }
        self.chars += 1;
        let scale = pow10(exp);
        let trailing = self.trailing()?;
        let group = add_all(&[self.section, self.small, trailing, self.fraction_value()])?;
        if exp >= 8 {
            self.total = self.total.checked_add(group)?.checked_mul(scale)?;
            self.section = Decimal::ZERO;
        } else {
            self.section = group.checked_mul(scale)?;
        }
        self.place = self.place.checked_mul(scale)?;
        self.small = Decimal::ZERO;
        self.pending = None;
        self.fraction = None;
        self.last_small_unit = None;
        self.has_unit = true;
        self.has_big_unit = true;
        Some(true)
    }

    /// The value of a digit written after the last unit: `三萬五` means 5,000, `一百零五` means 5.
    /// `None` when a value outgrew a decimal.
    fn trailing(&mut self) -> Option<Decimal> {
        let Some(d) = self.pending.take() else {
            return Some(Decimal::ZERO);
        };
        if self.positional {
            self.place = Decimal::ONE;
            return (!self.overflow).then_some(self.positional_value);
        }
        if d == 0 {
            return Some(Decimal::ZERO);
        }
        let place = match self.last_small_unit {
            Some(unit) if !self.zero_since_unit && unit > 10 => Decimal::from(unit / 10),
            _ if !self.zero_since_unit && self.has_big_unit && self.last_small_unit.is_none() => {
                // 三萬五: the digit counts in the next place down from the big unit.
                self.place / Decimal::TEN
            }
            _ => Decimal::ONE,
        };
        self.place = place;
        Decimal::from(d).checked_mul(place)
    }

    /// Whether a 點 may follow what was read.
    fn can_take_point(&self) -> bool {
        self.fraction.is_none() && !self.has_big_unit && (self.pending.is_some() || self.has_unit)
    }

    /// Reads the digits after 點 and records them; returns where they end.
    fn take_fraction(&mut self, text: &str, from: usize) -> Option<usize> {
        let mut value = Decimal::ZERO;
        let mut place = Decimal::ONE;
        let mut end = from;
        for (offset, c) in text[from..].char_indices() {
            let Some(d) = chinese_digit(c) else { break };
            place = place.checked_div(Decimal::TEN)?;
            value += Decimal::from(d) * place;
            end = from + offset + c.len_utf8();
        }
        if end == from {
            return None;
        }
        let whole = self.trailing()?;
        self.fraction = Some((whole.checked_add(value)?, place));
        self.place = place;
        Some(end)
    }

    /// The value read up to the fraction's last digit, or zero.
    fn fraction_value(&mut self) -> Decimal {
        self.fraction.map(|(v, _)| v).unwrap_or_default()
    }

    /// The numeral read, ending at `end`; `None` when nothing was read.
    fn finish(mut self, end: usize) -> Option<ChineseNumeral> {
        if self.chars == 0 && self.fraction.is_none() {
            return None;
        }
        let tail = self.trailing()?;
        let value = add_all(&[
            self.total,
            self.section,
            self.small,
            tail,
            self.fraction_value(),
        ])?;
        Some(ChineseNumeral {
            end,
            value,
            place: if self.place.is_zero() {
                Decimal::ONE
            } else {
                self.place
            },
            positional: self.positional,
            digit_count: self.digit_count,
            has_big_unit: self.has_big_unit,
            has_unit: self.has_unit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn value(s: &str) -> Option<(String, String)> {
        let n = read(s, 0, |_| false)?;
        Some((
            n.value.normalize().to_string(),
            n.place.normalize().to_string(),
        ))
    }

    fn d(s: &str) -> String {
        Decimal::from_str(s).unwrap().normalize().to_string()
    }

    #[test]
    fn reads_structured_numerals_in_both_scripts() {
        assert_eq!(value("二十"), Some((d("20"), d("10"))));
        assert_eq!(value("兩千三百"), Some((d("2300"), d("100"))));
        assert_eq!(value("两千三百"), Some((d("2300"), d("100"))));
        assert_eq!(value("一百零五"), Some((d("105"), d("1"))));
        assert_eq!(value("十五"), Some((d("15"), d("1"))));
        assert_eq!(value("二十億"), Some((d("2000000000"), d("1000000000"))));
        assert_eq!(value("二十亿"), Some((d("2000000000"), d("1000000000"))));
        assert_eq!(value("三億五千萬"), Some((d("350000000"), d("10000000"))));
        assert_eq!(
            value("一萬億"),
            Some((d("1000000000000"), d("1000000000000")))
        );
        assert_eq!(value("壹佰貳拾參"), Some((d("123"), d("1"))));
        assert_eq!(value("廿二"), Some((d("22"), d("1"))));
    }

    #[test]
    fn reads_colloquial_trailing_digits() {
        assert_eq!(value("三萬五"), Some((d("35000"), d("1000"))));
        assert_eq!(value("兩千五"), Some((d("2500"), d("100"))));
        assert_eq!(value("一百五"), Some((d("150"), d("10"))));
    }

    #[test]
    fn reads_positional_digits_and_decimals() {
        assert_eq!(value("二〇二四"), Some((d("2024"), d("1"))));
        assert_eq!(value("二零二四"), Some((d("2024"), d("1"))));
        assert_eq!(value("三點五"), Some((d("3.5"), d("0.1"))));
        assert_eq!(value("三点五亿"), Some((d("350000000"), d("10000000"))));
        assert_eq!(value("五"), Some((d("5"), d("1"))));
    }

    #[test]
    fn stops_or_rejects_what_is_not_a_number() {
        // 千萬 on its own is the adverb "by all means", not 10⁷.
        assert_eq!(read("千萬", 0, |_| false), None);
        // 十四五 (the 14th five-year plan) stops after 十四.
        assert_eq!(
            read("十四五", 0, |_| false).map(|n| n.end),
            Some("十四".len())
        );
        assert_eq!(value("二十三"), Some((d("23"), d("1"))));
    }

    #[test]
    fn honours_reserved_positions() {
        let text = "五兆瓦";
        let n = read(text, 0, |at| at == "五".len()).unwrap();
        assert_eq!(n.end, "五".len());
    }
}
