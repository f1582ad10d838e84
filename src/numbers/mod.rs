//! The number reader: finds every number in English or Chinese running text
//! and says exactly what it means — its value with the scale applied, the
//! rounding interval its written digits stand for, its kind, its currency.
//!
//! Documents, quotes, claims and check expressions all go through this one
//! reader, so `5.4億元`, `540,000,000元` and `RMB540 million` mean the same
//! thing everywhere.
//!
//! ```
//! use claimcheck::numbers::{read_numbers, Kind};
//! let found: Vec<_> = read_numbers("收入為人民幣1.89 億元，增長186%").collect();
//! assert_eq!(found[0].value.to_string(), "189000000");
//! assert_eq!(found[1].kind, Kind::Percent);
//! ```

mod chinese;
mod decimal;
mod lexicon;
mod scan;
mod starts;
mod tables;

use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::Serialize;

pub use scan::{NumberReader, read_number_at};
pub use tables::read_in_tables;
pub(crate) use tables::{Cell, TableScaler};

/// What a number is: a value that can be checked, or part of a name or date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An amount, count or multiple (`1.89億元`, `5,000片`, `10倍`).
    Quantity,
    /// A percentage or per-mille value, stored as a fraction (`24.1%` → 0.241).
    Percent,
    /// A difference of percentages (`3pp`, `3個百分點`), stored as a fraction.
    Points,
    /// A calendar or fiscal year (`2024年`, `in 2024`, `FY2024`).
    Year,
    /// A month, day, quarter or half (`1-9月`, `12月19日`, `Q3`, `H1`).
    Date,
    /// A rank or list position (`第三`, `3rd`, `No. 1`).
    Ordinal,
    /// Digits that belong to a name (`INT8`, `Gen 2`, `A100`, `00700.HK`).
    Label,
}

impl Kind {
    /// Whether numbers of this kind are values a claim can be checked against.
    pub fn is_value(self) -> bool {
        matches!(self, Kind::Quantity | Kind::Percent | Kind::Points)
    }

    /// The name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Percent => "percent",
            Kind::Points => "points",
            Kind::Year => "year",
            Kind::Date => "date",
            Kind::Ordinal => "ordinal",
            Kind::Label => "label",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A currency tag. Amounts with different tags never compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Currency {
    /// Renminbi: `元`, `人民幣`, `RMB`, `CNY`, `¥`.
    #[serde(rename = "CNY")]
    Cny,
    /// US dollar: `美元`, `US$`, `USD`, `$`.
    #[serde(rename = "USD")]
    Usd,
    /// Hong Kong dollar: `港元`, `HK$`, `HKD`.
    #[serde(rename = "HKD")]
    Hkd,
    /// Euro: `€`, `EUR`, `歐元`.
    #[serde(rename = "EUR")]
    Eur,
    /// Pound sterling: `£`, `GBP`, `英鎊`.
    #[serde(rename = "GBP")]
    Gbp,
    /// Japanese yen: `JPY`, `日元`.
    #[serde(rename = "JPY")]
    Jpy,
    /// New Taiwan dollar: `NT$`, `TWD`, `新台幣`.
    #[serde(rename = "TWD")]
    Twd,
    /// Singapore dollar: `S$`, `SGD`.
    #[serde(rename = "SGD")]
    Sgd,
    /// Australian dollar: `A$`, `AUD`.
    #[serde(rename = "AUD")]
    Aud,
    /// New Zealand dollar: `NZ$`, `NZD`.
    #[serde(rename = "NZD")]
    Nzd,
    /// Canadian dollar: `C$`, `CAD`.
    #[serde(rename = "CAD")]
    Cad,
    /// Brazilian real: `R$`, `BRL`.
    #[serde(rename = "BRL")]
    Brl,
    /// Macanese pataca: `MOP$`, `MOP`.
    #[serde(rename = "MOP")]
    Mop,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Hkd => "HKD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
            Currency::Twd => "TWD",
            Currency::Sgd => "SGD",
            Currency::Aud => "AUD",
            Currency::Nzd => "NZD",
            Currency::Cad => "CAD",
            Currency::Brl => "BRL",
            Currency::Mop => "MOP",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One number found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// Byte range of the whole written number, currency and scale included.
    pub span: Range<usize>,
    /// Byte range of its digits alone (Arabic or Chinese).
    pub digits: Range<usize>,
    /// The value with scale applied; percents and points as fractions.
    pub value: Decimal,
    /// Half of one unit in the last written digit: the value stands for
    /// `[value - half_unit, value + half_unit]`. Zero for exact literals.
    pub half_unit: Decimal,
    /// What the number is.
    pub kind: Kind,
    /// The currency tag, when one is written next to it.
    pub currency: Option<Currency>,
    /// A unit written after it: `times` for multiples (`10倍`, `2x`), else the
    /// measure word or unit (`片`, `nm`).
    pub unit: Option<&'static str>,
    /// Written with `多`/`余` (`20多億`): the true value is above `value`.
    pub more: bool,
    /// The power of ten the written digits were multiplied by: 8 for `億`,
    /// 6 for `million`, −2 for `%` and `pp`, 0 for a bare number.
    pub scale: i32,
}

impl Number {
    /// Lower end of the rounding interval.
    pub fn low(&self) -> Decimal {
        self.value - self.half_unit
    }

    /// Upper end of the rounding interval.
    pub fn high(&self) -> Decimal {
        self.value + self.half_unit
    }

    /// The written text of the number within `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.clone()]
    }
}

/// Reads every number in `text`, in document order.
pub fn read_numbers(text: &str) -> NumberReader<'_> {
    NumberReader::new(text)
}

/// Formats a decimal as a plain string without exponent or trailing zeros.
pub fn plain(value: Decimal) -> String {
    let v = value.normalize();
    if v.is_zero() {
        "0".to_string()
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests;
