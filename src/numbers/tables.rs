//! Table units: a caption or header such as `單位：人民幣千元`,
//! `(in thousands)`, `(in millions, except per share data)`, `US$ million`,
//! `HK$'000` or `RMB'000` gives the plain cells of its table a scale and a
//! currency (v1.1). A [`TableScaler`] walks a text's lines once, in order,
//! alongside the number reader, and says which unit, if any, a number
//! stands in.
//!
//! What counts as the caption's table: the caption's own line when it is a
//! table row, then the rows that follow; or, for a caption on a short line of
//! its own, the table that starts within [`LEAD`] lines of prose after it.
//! The table ends at the first line of prose. Rows are lines that start with
//! `|`, hold ` | ` between cells, or hold a tab (spreadsheets and scraped
//! tables). A caption inside a long line of prose is not a caption.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::{Currency, Kind, Number};

/// Lines of prose (a title, a note) allowed between a caption and its table.
const LEAD: usize = 3;

/// The longest line, in bytes, that is a caption when it is not a table row.
const CAPTION_LINE: usize = 160;

/// The largest power of ten a caption gives (billions).
const MAX_POWER: i32 = 9;

/// The unit a caption gives its table's plain cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableUnit {
    /// The power of ten the written cells are multiplied by (3 for thousands).
    pub power: i32,
    /// The currency of cells that name none.
    pub currency: Option<Currency>,
    /// Byte range of the caption in the text.
    pub caption: Range<usize>,
}

impl TableUnit {
    /// `n` read in this unit: its value and rounding scaled, its currency
    /// given when it has none.
    pub fn apply(&self, n: &Number) -> Number {
        let factor = Decimal::from(10i64.pow(self.power.clamp(0, MAX_POWER) as u32));
        let mut scaled = n.clone();
        // A cell large enough to overflow when scaled keeps its written value.
        if let (Some(v), Some(h)) = (n.value.checked_mul(factor), n.half_unit.checked_mul(factor)) {
            scaled.value = v;
            scaled.half_unit = h;
            scaled.scale = n.scale + self.power;
        }
        scaled.currency = n.currency.or(self.currency);
        scaled
    }

    /// Whether this unit changes `n`: a plain quantity (no scale word, no
    /// unit, not a percent) of a row that is not per-share data.
    pub fn applies_to(&self, n: &Number) -> bool {
        n.kind == Kind::Quantity
            && n.scale == 0
            && n.unit.is_none()
            && (self.power != 0 || (n.currency.is_none() && self.currency.is_some()))
    }
}

/// The captions, one alternative per way of writing them. Named groups:
/// `cur*` a currency, `zh` a Chinese unit, `en` an English scale word, `q`
/// a `'000` marker, `w` a short scale word after a currency.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    let zh_cur = r"人民幣|人民币|港幣|港币|港元|美元|新台幣|新台币|歐元|欧元|RMB|HK\$|US\$";
    let zh_unit = r"百萬元|百万元|千元|萬元|万元|億元|亿元|百萬|百万|千|萬|万|億|亿|元";
    let en_cur = r"US\$|U\.S\.\s?\$|HK\$|NT\$|S\$|A\$|C\$|RMB|\$|€|£|¥";
    // ASCII word boundaries (`(?-u:\b)`) keep the fast automata on CJK text.
    let pattern = format!(
        r"(?xm)
        (?:單位|单位)\s*[：:]\s*(?P<cur1>{zh_cur})?\s*(?P<zh1>{zh_unit})
      | [（(]\s*(?:以)?(?P<cur2>{zh_cur})\s*(?P<zh2>{zh_unit})
      | [(（]?\s*(?i:(?P<cur3>{en_cur}|dollars|euros)\s*)?(?-u:\b)(?i:in)\s+(?:(?P<cur4>{en_cur})\s*)?
        (?P<en>(?i:thousands|millions|billions))(?-u:\b)
        (?:\s+(?i:of)\s+(?P<cur5>(?i:U\.S\.\s+dollars|US\s+dollars|dollars|euros|renminbi|RMB)))?
        (?:[^()（）|\t\n]{{0,80}}[)）])?
      | (?P<cur6>{en_cur})\s*(?P<q>'000|’000|000s)
      | (?:^|[|\t(]|\s\s)\s*(?P<cur7>{en_cur})\s*(?P<w>(?i:thousands?|millions?|billions?|mn|bn|m|k))\s*\)?\s*(?:$|[|\t])
    "
    );
    Regex::new(&pattern).expect("the caption pattern compiles")
});

/// The captions of a line, in order.
fn captions_in(line: &str, line_start: usize) -> Vec<TableUnit> {
    CAPTION
        .captures_iter(line)
        .map(|m| unit_of(&m, line_start))
        .collect()
}

/// The unit one caption match gives.
fn unit_of(m: &regex::Captures<'_>, line_start: usize) -> TableUnit {
    let whole = m.get(0).expect("a match has a whole");
    let group = |names: &[&str]| names.iter().find_map(|n| m.name(n)).map(|g| g.as_str());
    let power = if let Some(zh) = group(&["zh1", "zh2"]) {
        chinese_power(zh)
    } else if let Some(en) = group(&["en", "w"]) {
        english_power(en)
    } else {
        3
    };
    let written = group(&["cur1", "cur2", "cur3", "cur4", "cur5", "cur6", "cur7"]);
    let currency = written.and_then(currency_of).or_else(|| {
        group(&["zh1", "zh2"])
            .filter(|u| u.ends_with('元'))
            .map(|_| Currency::Cny)
    });
    TableUnit {
        power,
        currency,
        caption: line_start + whole.start()..line_start + whole.end(),
    }
}

fn chinese_power(unit: &str) -> i32 {
    let unit = unit.trim_end_matches('元');
    match unit {
        "千" => 3,
        "萬" | "万" => 4,
        "百萬" | "百万" => 6,
        "億" | "亿" => 8,
        _ => 0,
    }
}

fn english_power(word: &str) -> i32 {
    match word.to_ascii_lowercase().trim_end_matches('s') {
        "thousand" | "k" => 3,
        "million" | "mn" | "m" => 6,
        "billion" | "bn" => 9,
        _ => 0,
    }
}

fn currency_of(written: &str) -> Option<Currency> {
    let w = written.to_ascii_lowercase();
    let w = w.split_whitespace().collect::<String>();
    Some(match w.as_str() {
        "us$" | "u.s.$" | "$" | "dollars" | "u.s.dollars" | "usdollars" | "美元" => Currency::Usd,
        "hk$" | "港幣" | "港币" | "港元" => Currency::Hkd,
        "nt$" | "新台幣" | "新台币" => Currency::Twd,
        "s$" => Currency::Sgd,
        "a$" => Currency::Aud,
        "c$" => Currency::Cad,
        "rmb" | "renminbi" | "人民幣" | "人民币" | "¥" => Currency::Cny,
        "€" | "euros" | "歐元" | "欧元" => Currency::Eur,
        "£" => Currency::Gbp,
        _ => return None,
    })
}

/// Whether a line is a table row (cells split by `|` or by tabs, as the
/// scanner's `line_has_cells` reads them).
fn is_row(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('|') || line.contains(" | ") || line.contains('\t')
}

/// Whether a caption in a row is part of a row label (`Shares (in
/// thousands)`) rather than a header cell of its own (`(in millions)`,
/// `HK$'000`): its cell holds other words.
fn labels_one_row(line: &str, line_start: usize, unit: &TableUnit) -> bool {
    let (from, to) = (
        unit.caption.start - line_start,
        unit.caption.end - line_start,
    );
    let is_edge = |c: char| c == '|' || c == '\t';
    let cell_start = line[..from].rfind(is_edge).map_or(0, |i| i + 1);
    let cell_end = line[to..].find(is_edge).map_or(line.len(), |i| to + i);
    let rest = format!("{}{}", &line[cell_start..from], &line[to..cell_end]);
    rest.chars().any(char::is_alphabetic)
}

/// Per-share rows keep their written value whatever the caption says.
fn is_per_share(line: &str) -> bool {
    const WORDS: [&str; 3] = ["per share", "每股", "per unit"];
    let lower = line.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Where a caption stands in the walk.
#[derive(Clone, Debug)]
enum Scope {
    /// No caption applies.
    None,
    /// A caption was seen; its table has not started after `left` more lines of prose.
    Pending { unit: TableUnit, left: usize },
    /// Inside the caption's table.
    Table(TableUnit),
}

/// The current line and what it says.
#[derive(Debug)]
struct Line {
    /// The unit its plain cells stand in.
    unit: Option<TableUnit>,
    /// The captions found on it, whatever their scope.
    captions: Vec<Range<usize>>,
}

/// What a number is to its table.
pub enum Cell<'u> {
    /// Digits of a caption (`'000` in `HK$'000`): a label.
    Caption,
    /// A cell its table's caption scales.
    Scaled(&'u TableUnit),
    /// Anything else.
    Plain,
}

/// Walks a text's lines once, in order, and gives the table unit of each
/// number asked about (numbers must be asked about in document order).
pub struct TableScaler<'a> {
    text: &'a str,
    /// Start of the next line to read.
    next: usize,
    /// Where the caption pattern next matches in the whole text, at or
    /// after the line being read (`usize::MAX`: nowhere); a line is
    /// searched for captions only when it holds such a match.
    hit: usize,
    scope: Scope,
    line: Line,
}

impl<'a> TableScaler<'a> {
    /// A walk from the start of `text`.
    pub fn new(text: &'a str) -> TableScaler<'a> {
        TableScaler {
            text,
            next: 0,
            hit: 0,
            scope: Scope::None,
            line: Line {
                unit: None,
                captions: Vec::new(),
            },
        }
    }

    /// What `n` is to its table: part of a caption, a cell a caption
    /// scales, or neither.
    pub fn cell(&mut self, n: &Number) -> Cell<'_> {
        self.advance_to(n.span.start);
        // Captions are in line order and do not overlap: one binary search.
        let captions = &self.line.captions;
        let k = captions.partition_point(|c| c.start <= n.digits.start);
        if k.checked_sub(1)
            .is_some_and(|k| n.digits.end <= captions[k].end)
        {
            return Cell::Caption;
        }
        match &self.line.unit {
            Some(unit) if unit.applies_to(n) => Cell::Scaled(unit),
            _ => Cell::Plain,
        }
    }

    /// `n` as the table gives it: scaled (with its caption's range) when a
    /// caption applies, a label when it is part of the caption itself, else
    /// unchanged.
    pub fn read(&mut self, n: Number) -> (Number, Option<Range<usize>>) {
        match self.cell(&n) {
            Cell::Caption => (
                Number {
                    kind: Kind::Label,
                    ..n
                },
                None,
            ),
            Cell::Scaled(unit) => (unit.apply(&n), Some(unit.caption.clone())),
            Cell::Plain => (n, None),
        }
    }

    /// Reads lines until the one holding byte `offset`.
    fn advance_to(&mut self, offset: usize) {
        while self.next <= offset && self.next <= self.text.len() {
            let start = self.next;
            let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
                .map_or(self.text.len(), |i| start + i);
            self.next = end + 1;
            self.read_line(start..end);
        }
    }

    /// Moves the scope over one line and settles the unit of its cells.
    fn read_line(&mut self, range: Range<usize>) {
        let line = &self.text[range.clone()];
        let row = is_row(line);
        let captions = self.captions(line, range.start, row);
        let caption = captions.first().cloned();
        let ranges = captions.into_iter().map(|u| u.caption).collect();
        if let Some(unit) = caption
            .as_ref()
            .filter(|u| row && labels_one_row(line, range.start, u))
        {
            // `| Shares (in thousands) | 1,234 |`: that row alone.
            self.line = Line {
                unit: Some(unit.clone()),
                captions: ranges,
            };
            return;
        }
        let scope = std::mem::replace(&mut self.scope, Scope::None);
        self.scope = match (caption.clone(), scope) {
            (Some(unit), _) if row => Scope::Table(unit),
            (Some(unit), _) => Scope::Pending { unit, left: LEAD },
            (None, s) if line.trim().is_empty() => s,
            (None, Scope::Pending { unit, .. }) if row => Scope::Table(unit),
            (None, Scope::Table(unit)) if row => Scope::Table(unit),
            (None, Scope::Pending { unit, left }) if left > 1 => Scope::Pending {
                unit,
                left: left - 1,
            },
            (None, _) => Scope::None,
        };
        let unit = match &self.scope {
            Scope::Table(unit) if row && !is_per_share(line) => Some(unit.clone()),
            _ => None,
        };
        self.line = Line {
            unit,
            captions: ranges,
        };
    }

    /// The captions on a line (the first gives the unit), when they count.
    fn captions(&mut self, line: &str, start: usize, row: bool) -> Vec<TableUnit> {
        if !row && line.trim().len() > CAPTION_LINE {
            return Vec::new();
        }
        if self.hit < start {
            // One search over the text from here finds the next line worth a look.
            self.hit = CAPTION
                .find_at(self.text, start)
                .map_or(usize::MAX, |m| m.start());
        }
        if self.hit > start + line.len() {
            return Vec::new();
        }
        captions_in(line, start)
    }
}

/// Reads every number of `text` in its table's unit: the numbers as
/// [`read_numbers`](super::read_numbers) gives them, with each scaled cell's
/// caption.
pub fn read_in_tables(text: &str) -> impl Iterator<Item = (Number, Option<Range<usize>>)> + '_ {
    let mut scaler = TableScaler::new(text);
    super::read_numbers(text).map(move |n| scaler.read(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::plain;

    fn read(text: &str) -> Vec<(String, String, Option<&'static str>, bool)> {
        read_in_tables(text)
            .filter(|(n, _)| n.kind.is_value())
            .map(|(n, from)| {
                (
                    n.text(text).to_string(),
                    plain(n.value),
                    n.currency.map(|c| c.code()),
                    from.is_some(),
                )
            })
            .collect()
    }

    fn values(text: &str) -> Vec<String> {
        read(text).into_iter().map(|r| r.1).collect()
    }

    #[test]
    fn chinese_caption_scales_the_table_below_and_names_the_currency() {
        let text = "單位：人民幣千元\n| 項目 | 2023年 |\n| 收入 | 120,000 |\n| 毛利率 | 25.1% |\n";
        let got = read(text);
        assert_eq!(
            got,
            [
                ("120,000".into(), "120000000".into(), Some("CNY"), true),
                ("25.1%".into(), "0.251".into(), None, false),
            ]
        );
        assert_eq!(values("单位：万元\n| 营收 | 3,500 |"), ["35000000"]);
        assert_eq!(values("（人民幣千元，百分比除外）\n| 收入 | 8 |"), ["8000"]);
    }

    #[test]
    fn english_captions_in_a_header_row_or_above_the_table() {
        let text = "| (in thousands, except per share data) | 2019 | 2018 |\n\
                    | Revenue | $ 1,234 | (56) |\n\
                    | Earnings per share | 1.25 | 0.98 |\n";
        assert_eq!(values(text), ["1234000", "-56000", "1.25", "0.98"]);
        let above = "Table 3: Segment results (in millions)\n\n| Cloud | 4.5 |\n| Devices | 12 |";
        assert_eq!(values(above), ["4500000", "12000000"]);
        let dollars = "(Dollars in millions)\n| Sales | 10 |";
        assert_eq!(read(dollars)[0].2, Some("USD"));
        let of = "(in thousands of U.S. dollars)\n| Sales | 10 |";
        assert_eq!(
            read(of)[0],
            ("10".into(), "10000".into(), Some("USD"), true)
        );
    }

    #[test]
    fn unit_cells_scale_and_their_digits_are_not_numbers() {
        let text = "| | 2019 | 2018 |\n| | HK$'000 | HK$'000 |\n| Revenue | 1,234 | 1,000 |";
        let got = read(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0],
            ("1,234".into(), "1234000".into(), Some("HKD"), true)
        );
        let million = "| | US$ million |\n| Revenue | 2.5 |";
        assert_eq!(
            read(million)[0],
            ("2.5".into(), "2500000".into(), Some("USD"), true)
        );
        assert_eq!(values("| | RMB'000 |\n| 收入 | 7 |"), ["7000"]);
    }

    #[test]
    fn cells_with_their_own_scale_or_currency_keep_them() {
        let text = "| (in millions) | 2019 |\n| Revenue | $1.2 billion |\n| Sales | €5 |";
        let got = read(text);
        assert_eq!(got[0].1, "1200000000");
        assert!(!got[0].3);
        assert_eq!(got[1], ("€5".into(), "5000000".into(), Some("EUR"), true));
    }

    #[test]
    fn the_table_ends_at_prose_and_prose_is_never_scaled() {
        let text =
            "(in thousands)\n| Revenue | 10 |\nRevenue rose by 10 in the year.\n| Other | 4 |";
        assert_eq!(values(text), ["10000", "10", "4"]);
        let far = "(in thousands)\none\ntwo\nthree\nfour\n| Revenue | 10 |";
        assert_eq!(values(far), ["10"]);
        let prose = format!(
            "{} (amounts in millions except per share amounts) and so on.\n| Revenue | 10 |",
            "Notes to the consolidated financial statements for the years ended".repeat(3)
        );
        assert_eq!(values(&prose), ["10"]);
    }

    #[test]
    fn a_caption_in_a_row_label_scales_that_row_alone() {
        let text = "| (in millions) | 2019 |\n| Revenue | 5 |\n| Shares (in thousands) | 7 |\n| Cost | 2 |";
        assert_eq!(values(text), ["5000000", "7000", "2000000"]);
    }

    #[test]
    fn a_new_caption_replaces_the_last() {
        let text = "(in thousands)\n| A | 1 |\n\n(in millions)\n| B | 1 |";
        assert_eq!(values(text), ["1000", "1000000"]);
    }

    #[test]
    fn huge_cells_keep_their_written_value() {
        let text = "(in billions)\n| A | 12345678901234567890123456 |";
        assert_eq!(values(text), ["12345678901234567890123456"]);
    }
}
