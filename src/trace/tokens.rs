//! Words of a passage, to tell how alike the context of a draft's figure
//! and the context of a source's numbers are: ASCII words (lower case, three
//! letters or more, common function words left out) and pairs of adjacent
//! CJK characters, with common Traditional characters folded to Simplified
//! (a Simplified draft quotes a Traditional prospectus).

/// Traditional characters and their Simplified forms, pairwise.
const TRADITIONAL: &str = "億萬團積與為營業額長開發費損虧淨總計較內單價貨產際報務資動現金權應業銷購據擬議會東經財匯幣數風險億證券場實幾標準項評場";
const SIMPLIFIED: &str = "亿万团积与为营业额长开发费损亏净总计较内单价货产际报务资动现金权应业销购据拟议会东经财汇币数风险亿证券场实几标准项评场";

const STOP: &[&str] = &[
    "the", "and", "for", "from", "with", "was", "were", "that", "this", "than", "its", "per",
    "are", "has", "had", "have", "into", "over", "compared", "which", "million", "billion",
    "thousand", "percent",
];

/// What a draft's words say a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wording {
    /// Compound annual growth (`复合增长率`, `CAGR`).
    Cagr,
    /// A change (`增长`, `rose`, `fell`): growth for a percent, a difference for an amount.
    Change,
    /// A share (`占`, `share of`, `accounted for`).
    Share,
    /// A total (`合计`, `累计`, `total`, `combined`).
    Total,
    /// An average (`平均`, `average`, `midpoint`).
    Average,
    /// Percentage points (`个百分点`, `pp`, `percentage points`).
    Points,
}

const WORDINGS: &[(Wording, &[&str])] = &[
    (
        Wording::Cagr,
        &[
            "复合",
            "複合",
            "年均增",
            "cagr",
            "compound",
            "annualized",
            "annualised",
        ],
    ),
    (
        Wording::Change,
        &[
            "增长", "增長", "增加", "上涨", "上漲", "下降", "减少", "減少", "下滑", "同比", "环比",
            "較", "较", "growth", "grew", "rose", "rise", "increase", "higher", "climbed", "jump",
            "fell", "decline", "drop", "lower", "up ", "down ",
        ],
    ),
    (
        Wording::Share,
        &[
            "占",
            "佔",
            "比重",
            "相当于",
            "相當於",
            "share",
            "accounted",
            "portion",
            "of revenue",
            "of sales",
            "of total",
        ],
    ),
    (
        Wording::Total,
        &[
            "合计",
            "合計",
            "累计",
            "累計",
            "总额",
            "總額",
            "共",
            "total",
            "combined",
            "altogether",
            "in all",
        ],
    ),
    (
        Wording::Average,
        &["平均", "均价", "均價", "average", "mean", "midpoint"],
    ),
    (
        Wording::Points,
        &[
            "百分点",
            "百分點",
            "percentage point",
            " pp",
            "basis point",
            "基点",
            "基點",
        ],
    ),
];

/// What the words of `text` say a figure is, in the order of [`WORDINGS`];
/// compound growth leaves plain change out.
pub(crate) fn wordings(text: &str) -> Vec<Wording> {
    let lower = text.to_lowercase();
    let mut out: Vec<Wording> = WORDINGS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map(|(w, _)| *w)
        .collect();
    if out.contains(&Wording::Cagr) {
        out.retain(|w| *w != Wording::Change);
    }
    out
}

/// The distinct words of a passage, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tokens(Vec<String>);

fn simplified(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    TRADITIONAL
        .chars()
        .zip(SIMPLIFIED.chars())
        .find_map(|(t, s)| (t == c).then_some(s))
        .unwrap_or(c)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

impl Tokens {
    /// The words of `text`.
    pub(crate) fn of(text: &str) -> Tokens {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut prev: Option<char> = None;
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphabetic() {
                word.push(c.to_ascii_lowercase());
            } else {
                if word.len() >= 3 && !STOP.contains(&word.as_str()) {
                    out.push(std::mem::take(&mut word));
                }
                word.clear();
            }
            let c = simplified(c);
            if is_cjk(c) {
                if let Some(p) = prev.filter(|p| is_cjk(*p)) {
                    out.push(format!("{p}{c}"));
                }
                prev = Some(c);
            } else {
                prev = None;
            }
        }
        out.sort();
        out.dedup();
        Tokens(out)
    }

    /// The share of these words one of the other passages has too (0 to 1).
    pub(crate) fn similarity_any(&self, others: &[&Tokens]) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        let shared = self
            .0
            .iter()
            .filter(|w| others.iter().any(|o| o.0.binary_search(w).is_ok()))
            .count();
        shared as f64 / self.0.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_character_pairs_with_traditional_folded() {
        let draft = Tokens::of("2024年研发开支首次突破7亿元");
        let source = Tokens::of("研發開支分別為人民幣5.12億元");
        assert!(draft.similarity_any(&[&source]) > 0.3);
        let english = Tokens::of("Data Center revenue climbed from the prior quarter");
        assert!(english.0.contains(&"revenue".to_string()));
        assert!(!english.0.contains(&"the".to_string()));
        assert_eq!(english.similarity_any(&[&Tokens::default()]), 0.0);
        assert_eq!(TRADITIONAL.chars().count(), SIMPLIFIED.chars().count());
        assert_eq!(wordings("年复合增长率在69%左右"), [Wording::Cagr]);
        assert_eq!(wordings("revenue rose 14%"), [Wording::Change]);
    }
}
