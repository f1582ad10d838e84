//! PDF sources: the text of every page in reading order, one [`Section`] per
//! page, so that every location carries its page and the line within it.
//!
//! lopdf parses the file and its content streams; the text is rebuilt here
//! (fonts in [`font`], the content-stream state in [`interp`], lines in
//! [`lines`]), because lopdf's own `extract_text` puts every text object on
//! a line of its own (a table row becomes one line per cell) and decodes
//! only some CJK CMaps. An encrypted file, one with no text at all (scanned
//! pages) or one lopdf cannot parse is an error; a page without text gets
//! a note.

mod font;
mod interp;
mod lines;

use lopdf::{Dictionary, Document as Pdf, LoadOptions};

use super::{Built, Limits, Section, SectionKind};
use interp::{FontCache, Interpreter};

/// The most pages read (more is a hostile file, not a prospectus).
const MAX_PAGES: usize = 100_000;

/// Reads the text of a PDF.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Built, String> {
    if !super::sniff::is_pdf(bytes) {
        return Err(not_pdf(bytes));
    }
    let stream_limit = usize::try_from(limits.unpacked).unwrap_or(usize::MAX);
    let pdf = load(bytes, stream_limit)?;
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err("it has no pages".to_string());
    }
    if pages.len() > MAX_PAGES {
        return Err(format!(
            "it has {} pages, more than {MAX_PAGES}",
            pages.len()
        ));
    }
    let mut built = Built::default();
    let mut fonts = FontCache::new();
    let mut budget = limits.operations;
    let mut undecodable = false;
    for (number, id) in pages {
        let mut run = Interpreter::new(&pdf, &mut fonts, budget, stream_limit);
        page_text(&pdf, id, &mut run)?;
        budget = run.budget;
        undecodable |= run.undecodable;
        add_page(&mut built, number, lines::lines(run.runs));
        if built.text.len() > limits.text {
            return Err("its text is larger than the size limit".to_string());
        }
    }
    finish(built, undecodable)
}

/// Why a file named `.pdf` is not one.
fn not_pdf(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "the file is empty".to_string()
    } else if super::decode::looks_binary(bytes) {
        "it does not start with `%PDF-`; it is some other binary file".to_string()
    } else {
        "it does not start with `%PDF-`; it is a text file named .pdf".to_string()
    }
}

/// Parses the file; encrypted files are refused.
fn load(bytes: &[u8], stream_limit: usize) -> Result<Pdf, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(stream_limit),
        ..LoadOptions::default()
    };
    let encrypted = "it is encrypted (password-protected); save an unprotected copy";
    let pdf = Pdf::load_mem_with_options(bytes, options).map_err(|e| {
        let text = e.to_string();
        if text.to_ascii_lowercase().contains("decrypt") || text.contains("password") {
            encrypted.to_string()
        } else {
            format!("it is damaged or not a PDF ({text})")
        }
    })?;
    if pdf.is_encrypted() {
        return Err(encrypted.to_string());
    }
    Ok(pdf)
}

/// Runs the content of page `id`.
fn page_text(pdf: &Pdf, id: lopdf::ObjectId, run: &mut Interpreter<'_>) -> Result<(), String> {
    let content = pdf
        .get_page_content_with_limit(id, run.limit)
        .map_err(|e| format!("a page cannot be read ({e})"))?;
    let (own, inherited) = pdf.get_page_resources(id).unwrap_or((None, Vec::new()));
    let mut resources: Vec<&Dictionary> = own.into_iter().collect();
    resources.extend(
        inherited
            .into_iter()
            .filter_map(|rid| pdf.get_dictionary(rid).ok()),
    );
    run.run(&content, &resources, 0)
}

/// Appends a page's lines as a section, or a note when it has none.
fn add_page(built: &mut Built, number: u32, lines: Vec<String>) {
    built.sections.push(Section {
        kind: SectionKind::Page,
        label: number.to_string(),
        start: built.text.len(),
    });
    if lines.is_empty() {
        built
            .notes
            .push(format!("page {number} has no text (an image?)"));
        built.text.push('\n');
        return;
    }
    for line in lines {
        built.text.push_str(&line);
        built.text.push('\n');
    }
}

/// The whole document, unless no page has text.
fn finish(mut built: Built, undecodable: bool) -> Result<Built, String> {
    if built.text.trim().is_empty() {
        let why = if undecodable {
            "its fonts do not say which characters they draw (no ToUnicode map)"
        } else {
            "no page has text (scanned pages are images; run OCR first)"
        };
        return Err(why.to_string());
    }
    let empty = built.notes.len();
    if empty > 12 {
        let pages = empty;
        built.notes.truncate(10);
        built
            .notes
            .push(format!("…and {} more pages have no text", pages - 10));
    }
    if undecodable {
        built.notes.push(
            "some text is in fonts that do not say which characters they draw; it was left out"
                .to_string(),
        );
    }
    Ok(built)
}

#[cfg(test)]
mod tests;
