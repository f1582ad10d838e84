//! Fonts of a PDF as far as text extraction needs them: how a shown string's
//! bytes split into character codes, what text each code stands for, and
//! how far each code advances (to rebuild words, lines and table cells).
//!
//! Text comes from, in order: the font's `ToUnicode` CMap; the predefined
//! Unicode CMaps of CJK fonts (`UniGB-UCS2-H`, `UniCNS-UCS2-H`, `UniJIS-UTF16-H`…,
//! whose codes are UTF-16); the legacy predefined CMaps (`GBK-EUC-H`,
//! `ETen-B5-H`…, decoded with encoding_rs); a simple font's encoding and
//! `Differences` (lopdf). A font none of these decode gives no text.

use lopdf::{Dictionary, Document, Object};

/// Widths are in thousandths of the font size.
type Width = f32;

/// How a font's codes become text.
enum Decoder {
    /// A `ToUnicode` CMap, decoded by lopdf.
    Lopdf(lopdf::Encoding<'static>),
    /// A simple font's encoding (standard or with `Differences`, decoded by
    /// lopdf once per code): the text of each byte.
    Table(Vec<String>),
    /// Codes are UTF-16BE code units (the predefined `Uni…-UCS2`/`-UTF16` CMaps).
    Utf16,
    /// Codes are bytes of a legacy multi-byte encoding (`GBK-EUC-H`, `B5pc-H`…).
    Legacy(&'static encoding_rs::Encoding),
    /// Nothing known: the font's text cannot be recovered.
    Unknown,
}

/// How a font's codes advance.
enum Widths {
    /// A simple font: `Widths` from `FirstChar`, and the width of the others.
    Simple {
        first: u32,
        widths: Vec<Width>,
        missing: Width,
    },
    /// A CID font addressed by CID (`Identity-H`): `W` entries and `DW`.
    Cid {
        ranges: Vec<(u32, u32, Width)>,
        default: Width,
    },
    /// Unknown: estimated from the characters (full width for CJK).
    Estimate,
}

/// A font, ready to decode shown strings.
pub(super) struct Font {
    decoder: Decoder,
    /// Bytes per code: 1 for simple fonts, 2 for composite ones; 0 when a
    /// legacy encoding decides (whole strings are decoded at once).
    code_len: usize,
    widths: Widths,
}

/// One shown string, decoded.
pub(super) struct Shown {
    /// The text, one entry per code: (text, advance in thousandths, is a space).
    pub glyphs: Vec<(String, Width, bool)>,
}

impl Font {
    /// The font of dictionary `dict` (a `/Font` resource).
    pub fn new(doc: &Document, dict: &Dictionary, limit: usize) -> Font {
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let composite = subtype == b"Type0";
        let decoder = to_unicode(doc, dict, limit)
            .or_else(|| composite.then(|| predefined(doc, dict)).flatten())
            .unwrap_or_else(|| simple(doc, dict, composite, limit));
        let code_len = match (&decoder, composite) {
            (Decoder::Legacy(_), _) => 0,
            (_, true) => 2,
            (_, false) => 1,
        };
        let widths = if composite {
            cid_widths(doc, dict, &decoder)
        } else {
            simple_widths(doc, dict)
        };
        Font {
            decoder,
            code_len,
            widths,
        }
    }

    /// A stand-in for a font that is missing from the resources: bytes as Latin-1.
    pub fn fallback(doc: &Document) -> Font {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        Font {
            decoder: simple(doc, &dict, false, 1 << 20),
            code_len: 1,
            widths: Widths::Estimate,
        }
    }

    /// Whether the font's text can be recovered at all.
    pub fn decodes(&self) -> bool {
        !matches!(self.decoder, Decoder::Unknown)
    }

    /// Decodes the bytes of a shown string.
    pub fn show(&self, bytes: &[u8]) -> Shown {
        let mut glyphs = Vec::with_capacity(bytes.len());
        if let Decoder::Legacy(encoding) = self.decoder {
            let (text, _, _) = encoding.decode(bytes);
            for c in text.chars() {
                glyphs.push((c.to_string(), estimate(c), c == ' '));
            }
            return Shown { glyphs };
        }
        for code in bytes.chunks(self.code_len.max(1)) {
            let text = self.text_of(code);
            let value = code.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b));
            let width = self.width_of(value, &text);
            let space = code == [b' '];
            glyphs.push((text, width, space));
        }
        Shown { glyphs }
    }

    fn text_of(&self, code: &[u8]) -> String {
        match &self.decoder {
            Decoder::Lopdf(encoding) => encoding.bytes_to_string(code).unwrap_or_default(),
            Decoder::Table(table) => table[usize::from(code[0])].clone(),
            Decoder::Utf16 => encoding_rs::UTF_16BE
                .decode_without_bom_handling(code)
                .0
                .into_owned(),
            Decoder::Legacy(_) | Decoder::Unknown => String::new(),
        }
    }

    fn width_of(&self, code: u32, text: &str) -> Width {
        let guess = || text.chars().next().map_or(500.0, estimate);
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize).copied())
                .filter(|w| *w > 0.0)
                .unwrap_or(if *missing > 0.0 { *missing } else { guess() }),
            Widths::Cid { ranges, default } => {
                let i = ranges.partition_point(|&(lo, _, _)| lo <= code);
                match i.checked_sub(1).map(|i| ranges[i]) {
                    Some((_, hi, w)) if code <= hi => w,
                    _ => *default,
                }
            }
            Widths::Estimate => guess(),
        }
    }
}

/// The width of a character when the font does not say: CJK and other
/// wide characters one em, the rest half.
fn estimate(c: char) -> Width {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 1000.0 } else { 500.0 }
}

/// A name-valued entry, references followed.
fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    dict.get_deref(key, doc)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

/// The font's `ToUnicode` CMap, parsed by lopdf (asked through a dictionary
/// that holds only that entry, so that lopdf does not prefer `Encoding`).
fn to_unicode(doc: &Document, dict: &Dictionary, limit: usize) -> Option<Decoder> {
    let stream = dict.get(b"ToUnicode").ok()?;
    let mut only = Dictionary::new();
    only.set("Type", Object::Name(b"Font".to_vec()));
    only.set("ToUnicode", stream.clone());
    match only.get_font_encoding_with_limit(doc, limit).ok()? {
        lopdf::Encoding::UnicodeMapEncoding(cmap) => {
            Some(Decoder::Lopdf(lopdf::Encoding::UnicodeMapEncoding(cmap)))
        }
        _ => None,
    }
}

/// The decoder of a composite font's predefined CMap, by its name.
fn predefined(doc: &Document, dict: &Dictionary) -> Option<Decoder> {
    let name = name_of(doc, dict, b"Encoding")?;
    let name = String::from_utf8_lossy(&name);
    if name.starts_with("Uni") && (name.contains("UCS2") || name.contains("UTF16")) {
        return Some(Decoder::Utf16);
    }
    let legacy = match name.as_ref() {
        n if n.starts_with("GBK2K") => encoding_rs::GB18030,
        n if n.starts_with("GBK") || n.starts_with("GBpc") || n.starts_with("GB-EUC") => {
            encoding_rs::GBK
        }
        n if n.starts_with("B5") || n.starts_with("ETen") || n.starts_with("HKscs") => {
            encoding_rs::BIG5
        }
        n if n.starts_with("90ms") || n.starts_with("90pv") => encoding_rs::SHIFT_JIS,
        n if n.starts_with("KSC") => encoding_rs::EUC_KR,
        _ => return Some(Decoder::Unknown),
    };
    Some(Decoder::Legacy(legacy))
}

/// A simple font's encoding (lopdf: standard encodings and `Differences`),
/// as a table of the text of each byte; a composite font reaching here
/// cannot be decoded.
fn simple(doc: &Document, dict: &Dictionary, composite: bool, limit: usize) -> Decoder {
    if composite {
        return Decoder::Unknown;
    }
    let Ok(encoding) = dict.get_font_encoding_with_limit(doc, limit) else {
        return Decoder::Unknown;
    };
    let table = (0..=255u8)
        .map(|code| encoding.bytes_to_string(&[code]).unwrap_or_default())
        .collect();
    Decoder::Table(table)
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// `FirstChar`, `Widths` and the descriptor's `MissingWidth`.
fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let Some(widths) = dict
        .get_deref(b"Widths", doc)
        .ok()
        .and_then(|o| o.as_array().ok())
    else {
        return Widths::Estimate;
    };
    let first = dict
        .get_deref(b"FirstChar", doc)
        .ok()
        .and_then(number)
        .unwrap_or(0.0)
        .max(0.0) as u32;
    let missing = dict
        .get_deref(b"FontDescriptor", doc)
        .ok()
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get_deref(b"MissingWidth", doc).ok().and_then(number))
        .unwrap_or(0.0);
    let widths = widths
        .iter()
        .map(|w| {
            doc.dereference(w)
                .ok()
                .and_then(|(_, o)| number(o))
                .unwrap_or(0.0)
        })
        .collect();
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// A CID font's `W` and `DW`, usable when codes are CIDs (`Identity-H`).
fn cid_widths(doc: &Document, dict: &Dictionary, decoder: &Decoder) -> Widths {
    let identity = name_of(doc, dict, b"Encoding").is_some_and(|n| n.starts_with(b"Identity"));
    let descendant = dict
        .get_deref(b"DescendantFonts", doc)
        .ok()
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let (Some(cid), true) = (descendant, identity || matches!(decoder, Decoder::Unknown)) else {
        return Widths::Estimate;
    };
    let default = cid
        .get_deref(b"DW", doc)
        .ok()
        .and_then(number)
        .unwrap_or(1000.0);
    let w = cid
        .get_deref(b"W", doc)
        .ok()
        .and_then(|o| o.as_array().ok());
    let mut ranges = w.map(|w| w_ranges(doc, w)).unwrap_or_default();
    ranges.sort_by_key(|r| r.0);
    Widths::Cid { ranges, default }
}

/// The `W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn w_ranges(doc: &Document, w: &[Object]) -> Vec<(u32, u32, Width)> {
    let resolve = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
    let items: Vec<Object> = w.iter().filter_map(resolve).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = number(&items[i]).map(|f| f.max(0.0) as u32) else {
            i += 1;
            continue;
        };
        match (items.get(i + 1), items.get(i + 2)) {
            (Some(Object::Array(ws)), _) => {
                for (k, w) in ws.iter().enumerate() {
                    let c = first.saturating_add(k as u32);
                    out.push((c, c, number(w).unwrap_or(0.0)));
                }
                i += 2;
            }
            (Some(last), Some(width)) => {
                let last = number(last).map_or(first, |l| l.max(0.0) as u32);
                out.push((first, last.max(first), number(width).unwrap_or(0.0)));
                i += 3;
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn text(font: &Font, bytes: &[u8]) -> String {
        font.show(bytes).glyphs.into_iter().map(|g| g.0).collect()
    }

    fn type0(encoding: &str) -> Dictionary {
        dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => encoding }
    }

    #[test]
    fn predefined_cjk_cmaps_decode() {
        let doc = Document::new();
        let (gbk, _, _) = encoding_rs::GBK.encode("收入5.4亿元");
        assert_eq!(
            text(&Font::new(&doc, &type0("GBK-EUC-H"), 1 << 20), &gbk),
            "收入5.4亿元"
        );
        let (big5, _, _) = encoding_rs::BIG5.encode("營業收入");
        assert_eq!(
            text(&Font::new(&doc, &type0("ETen-B5-H"), 1 << 20), &big5),
            "營業收入"
        );
        let (gb18030, _, _) = encoding_rs::GB18030.encode("㐀收入");
        assert_eq!(
            text(&Font::new(&doc, &type0("GBK2K-H"), 1 << 20), &gb18030),
            "㐀收入"
        );
        let utf16: Vec<u8> = "毛利率".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            text(&Font::new(&doc, &type0("UniCNS-UCS2-H"), 1 << 20), &utf16),
            "毛利率"
        );
        let unknown = Font::new(&doc, &type0("Identity-H"), 1 << 20);
        assert!(!unknown.decodes());
    }

    #[test]
    fn simple_fonts_use_their_encoding_and_widths() {
        let doc = Document::new();
        let dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32,
            "Widths" => vec![Object::Integer(278), Object::Integer(278)],
        };
        let font = Font::new(&doc, &dict, 1 << 20);
        let shown = font.show(b" !\x80");
        assert_eq!(text(&font, b" !\x80"), " !€");
        assert_eq!(shown.glyphs[0].1, 278.0);
        assert!(shown.glyphs[0].2, "a space takes word spacing");
        assert_eq!(shown.glyphs[2].1, 500.0, "no width given: estimated");
    }
}
