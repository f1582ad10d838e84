//! PDFs made in memory with lopdf, one page per content stream given.

use lopdf::{Dictionary, Object, Stream, dictionary};

use super::read;
use crate::document::{Limits, SectionKind};

/// A PDF whose pages have `contents`, fonts F1 (Helvetica) and F2 (a CID
/// font with a UniCNS-UCS2-H CMap), and a form XObject X1 that says
/// `form 7.5%` and then draws itself again.
fn pdf(contents: &[&str]) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "MSung-Light", "Encoding" => "UniCNS-UCS2-H",
    });
    let x1 = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => x1 } },
        },
        b"BT /F1 10 Tf 0 0 Td (form 7.5%) Tj ET /X1 Do".to_vec(),
    );
    doc.objects.insert(x1, Object::Stream(form));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2 },
        "XObject" => dictionary! { "X1" => x1 },
    });
    let kids: Vec<Object> = contents
        .iter()
        .map(|c| {
            let content = doc.add_object(Stream::new(Dictionary::new(), c.as_bytes().to_vec()));
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            })
            .into()
        })
        .collect();
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn limits(bytes: &[u8]) -> Limits {
    Limits::new(bytes.len(), 1 << 30)
}

#[test]
fn pages_are_sections_and_empty_pages_get_a_note() {
    let bytes = pdf(&[
        "BT /F1 12 Tf 72 700 Td (Revenue 1,234.5) Tj ET",
        "0 0 1 rg 10 10 100 100 re f",
        "BT /F2 12 Tf 72 700 Td <6536516500350025> Tj ET /X1 Do",
    ]);
    let built = read(&bytes, &limits(&bytes)).unwrap();
    assert_eq!(built.text, "Revenue 1,234.5\n\n收入5%\nform 7.5%\n");
    let labels: Vec<(SectionKind, &str)> = built
        .sections
        .iter()
        .map(|s| (s.kind, s.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (SectionKind::Page, "1"),
            (SectionKind::Page, "2"),
            (SectionKind::Page, "3")
        ]
    );
    assert_eq!(built.notes, ["page 2 has no text (an image?)"]);
}

#[test]
fn a_pdf_without_text_is_an_error() {
    let bytes = pdf(&["0 0 1 rg 10 10 100 100 re f", ""]);
    let e = read(&bytes, &limits(&bytes)).unwrap_err();
    assert!(e.contains("no page has text"), "{e}");
}

#[test]
fn what_is_not_a_pdf_says_so() {
    let l = Limits::new(10, 1 << 30);
    assert!(read(b"", &l).unwrap_err().contains("empty"));
    assert!(read(b"plain text", &l).unwrap_err().contains("text file"));
    assert!(
        read(b"%PDF-1.4\ngarbage", &l)
            .unwrap_err()
            .contains("damaged")
    );
}

#[test]
fn work_beyond_the_budget_is_refused() {
    let bytes = pdf(&[&"q Q ".repeat(1000)]);
    let mut small = limits(&bytes);
    small.operations = 500;
    let e = read(&bytes, &small).unwrap_err();
    assert!(e.contains("drawing work"), "{e}");
}

#[test]
fn a_form_drawing_itself_stops_at_the_depth_cap() {
    // X1 draws X1 draws X1…: eight levels, the same text at the same place,
    // read once (a run drawn twice on itself is one run).
    let bytes = pdf(&["BT /F1 10 Tf 200 10 Td (page 1) Tj ET /X1 Do"]);
    let built = read(&bytes, &limits(&bytes)).unwrap();
    assert_eq!(built.text, "page 1\nform 7.5%\n");
}
