//! Folding text for matching: white space dropped (so line breaks, and their
//! absence between CJK characters and digits, do not matter), Unicode
//! compatibility forms unified by NFKC (`１２．５％` = `12.5%`), dashes and
//! curly quotes unified. Folding works character by character, so a piece
//! of a text folds to the same bytes alone as inside the whole text: the
//! searches fold a document in chunks and never keep it folded whole.

use unicode_normalization::UnicodeNormalization;

/// Text folded for matching, with the original offset of every folded byte.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the original byte offset of the character that produced
    /// folded byte `i`; one extra entry holds the original length.
    pub origin: Vec<u32>,
}

/// Folds `s`: white space dropped, NFKC applied, dashes and quotes unified.
pub fn fold(s: &str) -> Folded {
    debug_assert!(
        u32::try_from(s.len()).is_ok(),
        "folded pieces are chunks, not whole documents"
    );
    let mut text = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len() + 1);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of plain ASCII is copied whole (most of an English text).
        let run = bytes[i..]
            .iter()
            .position(|&b| b >= 0x80 || b.is_ascii_whitespace())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            text.push_str(&s[i..i + run]);
            origin.extend(i as u32..(i + run) as u32);
            i += run;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a character boundary");
        fold_char(c, i as u32, &mut text, &mut origin);
        i += c.len_utf8();
    }
    origin.push(s.len() as u32);
    Folded { text, origin }
}

/// Folds one character that is not plain ASCII (or is white space).
fn fold_char(c: char, at: u32, text: &mut String, origin: &mut Vec<u32>) {
    if c.is_whitespace() {
        return;
    }
    if nfkc_stable(c) {
        text.push(c);
        origin.extend(std::iter::repeat_n(at, c.len_utf8()));
        return;
    }
    for f in std::iter::once(c).nfkc() {
        let f = unify(f);
        if !f.is_whitespace() {
            text.push(f);
            origin.extend(std::iter::repeat_n(at, f.len_utf8()));
        }
    }
}

/// Characters NFKC leaves as they are and [`unify`] does not touch, taken
/// without running the normalizer: CJK unified ideographs (extension A
/// and the main block) and Hangul syllables, the bulk of Chinese text.
/// (Compatibility ideographs, U+F900–FAFF, are not here: they do change.)
fn nfkc_stable(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Characters that differ only typographically.
fn unify(c: char) -> char {
    match c {
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{2033}' => '"',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_path_agrees_with_the_normalizer() {
        for range in [
            '\u{3400}'..='\u{4DBF}',
            '\u{4E00}'..='\u{9FFF}',
            '\u{AC00}'..='\u{D7A3}',
        ] {
            for c in range {
                let normal: String = std::iter::once(c).nfkc().collect();
                assert_eq!(normal, c.to_string(), "{c:?}");
            }
        }
        assert_eq!(fold("收入 １２．５％ 卄").text, "收入12.5%卄");
        assert_eq!(fold("\u{F900}").text, "豈");
    }
}
