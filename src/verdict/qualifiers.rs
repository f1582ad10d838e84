//! Qualifiers in `says` that change what a stated value means: `about`,
//! `nearly`, `over`, `at least`, `under`, `up to` and their Chinese
//! equivalents, written right before the number (or right after it, for
//! `左右`, `以上`, `以下`, `多`). The word lists are data; [`qualifier`] is the
//! rule. A word counts only when it ends right where the number starts
//! (after white space), so bare `超` is "over" in `暴跌超33个百分点` and
//! nothing in `超市33家`.

use std::ops::Range;

/// A qualifier in `says` that changes what the stated value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// `about`, `約`, `左右`: within ±5% (or the tolerance).
    About,
    /// `nearly`, `接近`: at most the value and at least 90% of it.
    Nearly,
    /// `over`, `逾`, `多`: above the value.
    Over,
    /// `at least`, `以上`: at or above.
    AtLeast,
    /// `under`, `不足`: below.
    Under,
    /// `up to`, `以下`: at or below.
    AtMost,
}

/// Qualifiers written right before the number, longest first so that
/// `不超過` (at most) wins over `超過` (over) and `no more than` over `more than`.
const BEFORE: &[(&str, Qualifier)] = &[
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("approximately", Qualifier::About),
    ("more than", Qualifier::Over),
    ("less than", Qualifier::Under),
    ("at least", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("roughly", Qualifier::About),
    ("exceeds", Qualifier::Over),
    ("exceeding", Qualifier::Over),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("around", Qualifier::About),
    ("approx.", Qualifier::About),
    ("about", Qualifier::About),
    ("below", Qualifier::Under),
    ("under", Qualifier::Under),
    ("up to", Qualifier::AtMost),
    ("over", Qualifier::Over),
    ("不超過", Qualifier::AtMost),
    ("不超过", Qualifier::AtMost),
    ("不低於", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不少於", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("大約", Qualifier::About),
    ("大约", Qualifier::About),
    ("接近", Qualifier::Nearly),
    ("將近", Qualifier::Nearly),
    ("将近", Qualifier::Nearly),
    ("超過", Qualifier::Over),
    ("超过", Qualifier::Over),
    ("不足", Qualifier::Under),
    ("不到", Qualifier::Under),
    ("低於", Qualifier::Under),
    ("低于", Qualifier::Under),
    ("少於", Qualifier::Under),
    ("少于", Qualifier::Under),
    ("不超", Qualifier::AtMost),
    ("至少", Qualifier::AtLeast),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("約", Qualifier::About),
    ("约", Qualifier::About),
    ("近", Qualifier::Nearly),
    ("逾", Qualifier::Over),
    // Bare 超 right before the number (`暴跌超33个百分点`): a word that only
    // contains it (`超市`, `超级`) ends in another character, so never matches.
    ("超", Qualifier::Over),
    ("~", Qualifier::About),
];

/// Qualifiers written right after the number.
const AFTER: &[(&str, Qualifier)] = &[
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("多", Qualifier::Over),
    ("余", Qualifier::Over),
    ("餘", Qualifier::Over),
];

/// The qualifier around the number at `span` of `text`, and the range the
/// number and its qualifier cover.
pub fn qualifier(text: &str, span: &Range<usize>) -> Option<(Qualifier, Range<usize>)> {
    let before = text[..span.start].trim_end();
    for (word, q) in BEFORE {
        if before.len() >= word.len() && before.is_char_boundary(before.len() - word.len()) {
            let start = before.len() - word.len();
            let tail = &before[start..];
            let ascii =
                word.is_ascii() && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let same = if ascii {
                tail.eq_ignore_ascii_case(word)
            } else {
                tail == *word
            };
            let bounded = !ascii
                || !before[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphabetic());
            if same && bounded {
                return Some((*q, start..span.end));
            }
        }
    }
    let after_start = span.end + (text[span.end..].len() - text[span.end..].trim_start().len());
    let after = &text[after_start..];
    AFTER
        .iter()
        .find(|(word, _)| after.starts_with(word))
        .map(|(word, q)| (*q, span.start..after_start + word.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<(Qualifier, String)> {
        let n = crate::numbers::read_numbers(text).next().unwrap();
        qualifier(text, &n.span).map(|(q, r)| (q, text[r].to_string()))
    }

    #[test]
    fn qualifiers_before_and_after() {
        assert_eq!(
            q("revenue of about RMB5.4 billion"),
            Some((Qualifier::About, "about RMB5.4 billion".into()))
        );
        assert_eq!(
            q("年复合增长率在69%左右"),
            Some((Qualifier::About, "69%左右".into()))
        );
        assert_eq!(
            q("收入逾3.2亿元"),
            Some((Qualifier::Over, "逾3.2亿元".into()))
        );
        assert_eq!(
            q("不超過5億元"),
            Some((Qualifier::AtMost, "不超過5億元".into()))
        );
        assert_eq!(q("超過5億元"), Some((Qualifier::Over, "超過5億元".into())));
        assert_eq!(
            q("no more than 5%"),
            Some((Qualifier::AtMost, "no more than 5%".into()))
        );
        assert_eq!(
            q("More than 5%"),
            Some((Qualifier::Over, "More than 5%".into()))
        );
        assert_eq!(
            q("占比在65%以上"),
            Some((Qualifier::AtLeast, "65%以上".into()))
        );
        assert_eq!(q("a rover 5%"), None);
        assert_eq!(
            q("暴跌超33个百分点"),
            Some((Qualifier::Over, "超33个百分点".into()))
        );
        assert_eq!(q("超 5億元"), Some((Qualifier::Over, "超 5億元".into())));
        assert_eq!(q("不超5%"), Some((Qualifier::AtMost, "不超5%".into())));
        assert_eq!(q("不超过5%"), Some((Qualifier::AtMost, "不超过5%".into())));
        // 超 inside another word is not a qualifier.
        assert_eq!(q("超市12家"), None);
        assert_eq!(q("超级计算机3台"), None);
        assert_eq!(q("超额完成5%"), None);
        assert_eq!(q("revenue 5%"), None);
    }
}
