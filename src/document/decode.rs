//! Bytes to text: UTF-8 and UTF-16 (with or without a byte-order mark), and
//! legacy Chinese encodings (GBK/GB18030, Big5) guessed by `chardetng`.
//! Decoding never fails: undecodable bytes become U+FFFD and a note says so.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Decoded text and notes on how it was decoded.
pub(crate) struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// The encoding a WHATWG label (`gbk`, `big5`, `utf-16le`…) names.
pub(crate) fn encoding_for(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes file contents, with `forced` when `--encoding` names one
/// (a byte-order mark is still honoured and dropped, as browsers do).
pub(crate) fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let mut notes = Vec::new();
    let text = if let Some(encoding) = forced {
        let (text, used, had_errors) = encoding.decode(bytes);
        if had_errors {
            notes.push(format!(
                "some bytes are not valid {}; they were replaced with U+FFFD",
                used.name()
            ));
        }
        text.into_owned()
    } else {
        guess_and_decode(bytes, &mut notes)
    };
    if looks_binary(bytes) {
        notes
            .push("looks like a binary file; numbers were read from its bytes as text".to_string());
    }
    Decoded { text, notes }
}

/// Whether `bytes` would be decoded as they are: valid UTF-8, no byte-order
/// mark, not the shape of UTF-16, not binary (so no note is due).
pub(crate) fn plain_utf8(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_none()
        && utf16_without_bom(bytes).is_none()
        && !looks_binary(bytes)
        && std::str::from_utf8(bytes).is_ok()
}

/// Decodes bytes whose encoding is not given: BOM, UTF-16 shape, UTF-8, then a guess.
fn guess_and_decode(bytes: &[u8], notes: &mut Vec<String>) -> String {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        decode_with(encoding, bytes, notes)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        notes.push(format!(
            "no byte-order mark; decoded as {}",
            encoding.name()
        ));
        decode_with(encoding, bytes, notes)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else if mostly_utf8(bytes) {
        notes.push("some bytes are not valid UTF-8; they were replaced with U+FFFD".to_string());
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
        notes.push(format!(
            "not UTF-8; decoded as {} (guessed)",
            encoding.name()
        ));
        decode_with(encoding, bytes, notes)
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], notes: &mut Vec<String>) -> String {
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        notes.push(format!(
            "some bytes are not valid {}; they were replaced with U+FFFD",
            used.name()
        ));
    }
    text.into_owned()
}

/// UTF-16 text without a byte-order mark shows a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_zero = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 > pairs * 3 && even_zero * 10 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 > pairs * 3 && odd_zero * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Valid UTF-8 with a few broken sequences (a truncated download, a stray
/// byte): the valid multi-byte sequences outnumber the invalid ones at least
/// two to one, however short the file. Text in a legacy encoding (GBK, Big5,
/// windows-1252) forms valid UTF-8 sequences only by chance, about one
/// non-ASCII sequence in ten.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut errors = 0usize;
    let mut valid = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += non_ascii(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, non_ascii);
                errors += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid > 0 && valid >= errors * 2
}

/// How many characters of `s` are multi-byte sequences.
fn non_ascii(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii()).count()
}

/// Many control bytes: a binary file rather than text.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    !sample.is_empty() && control * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        // encoding_rs only decodes UTF-16, so the bytes are built by hand.
        let units: Vec<u8> = "收入12%"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&units);
        assert_eq!(decode(&with_bom, None).text, "收入12%");
        let ascii: Vec<u8> = "revenue 12%"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&ascii, None).text, "revenue 12%");
    }

    #[test]
    fn unpaired_surrogates_become_replacement_characters() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend([0x31, 0x00, 0x00, 0xD8, 0x32, 0x00]); // "1", lone high surrogate, "2"
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, "1\u{FFFD}2");
        assert!(decoded.notes[0].contains("U+FFFD"));
    }

    #[test]
    fn guesses_gbk_and_big5() {
        let (gbk, _, _) = encoding_rs::GBK.encode("营业收入为人民币1.89亿元，同比增长186%。");
        assert!(decode(&gbk, None).text.contains("1.89亿元"));
        let (big5, _, _) = encoding_rs::BIG5.encode("營業收入為人民幣1.89億元，較去年增長186%。");
        assert!(decode(&big5, None).text.contains("1.89億元"));
    }

    #[test]
    fn short_utf8_with_a_few_bad_bytes_stays_utf8() {
        let mut bytes = "營業收入為人民幣5.40億元".as_bytes().to_vec();
        bytes.extend([0xFF, b' ', 0xFE, b' ', 0xC3]);
        let decoded = decode(&bytes, None);
        assert!(
            decoded.text.starts_with("營業收入為人民幣5.40億元"),
            "{}",
            decoded.text
        );
        assert!(decoded.notes[0].contains("not valid UTF-8"));
    }

    #[test]
    fn gbk_is_not_mistaken_for_broken_utf8() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("营业收入为人民币5.40亿元，同比增长86.6%，毛利率为44.3%。");
        assert!(!mostly_utf8(&gbk));
        assert!(decode(&gbk, None).text.contains("5.40亿元"));
    }

    #[test]
    fn a_forced_encoding_is_used_as_given() {
        let (big5, _, _) = encoding_rs::BIG5.encode("收入5.40億元");
        let forced = decode(&big5, encoding_for("big5"));
        assert_eq!(forced.text, "收入5.40億元");
        assert!(forced.notes.is_empty());
        assert!(encoding_for("no-such-encoding").is_none());
    }

    #[test]
    fn binary_garbage_decodes_with_a_note() {
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let decoded = decode(&bytes, None);
        assert!(decoded.notes.iter().any(|n| n.contains("binary")));
    }
}
