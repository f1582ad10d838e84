//! One claim in the HTML report: what it says, the verdict and message,
//! the arithmetic with the values that went in, and the source passages
//! with the numbers it used (or the nearest ones, or the closest passage to
//! a missing quote) marked.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use super::{class, lang_of};
use crate::diagnostic::Verdict;
use crate::outcome::{FileId, Files, Span};
use crate::report::escape::xml;
use crate::report::view::{ClaimView, ValueView, text_of};
use crate::report::{Policy, primary};

/// How much of a long line is shown on each side of the marked numbers.
const CONTEXT_BYTES: usize = 240;

fn place(files: &Files, span: &Span) -> String {
    let p = files.start(span).position;
    format!("{}:{}:{}", files.name(span.file), p.line, p.column)
}

/// Writes the article of claim `i`.
pub fn write(
    out: &mut dyn Write,
    files: &Files,
    i: usize,
    v: &ClaimView<'_>,
    policy: &Policy,
) -> io::Result<()> {
    let code = v.code.map_or(String::new(), |c| {
        format!(" <span class=\"code\">{}</span>", c.id())
    });
    let soft = if v.verdict != Verdict::Ok && !policy.fails(v.verdict) {
        " <span class=\"soft\">does not fail the run</span>"
    } else {
        ""
    };
    writeln!(
        out,
        "<article class=\"claim {}\" id=\"c{i}\" data-id=\"{}\" data-verdict=\"{}\">",
        class(v.verdict),
        xml(v.id),
        v.verdict
    )?;
    writeln!(
        out,
        "<h3><span class=\"badge {}\">{}</span> <span class=\"id\">{}</span>{code}{soft}</h3>",
        class(v.verdict),
        v.verdict,
        xml(v.id)
    )?;
    writeln!(out, "<p class=\"message\">{}</p>\n<dl>", xml(&v.message))?;
    for (term, value, lang) in fields(files, v) {
        let lang = lang.map_or(String::new(), |l| format!(" lang=\"{l}\""));
        writeln!(out, "<dt>{term}</dt><dd{lang}>{value}</dd>")?;
    }
    writeln!(out, "</dl>")?;
    passages(out, files, v)?;
    writeln!(out, "</article>")
}

/// The terms of the claim's list: name, escaped value, language.
fn fields(files: &Files, v: &ClaimView<'_>) -> Vec<(&'static str, String, Option<&'static str>)> {
    let mut f = Vec::new();
    let says = v
        .said
        .map_or_else(|| files.text(v.at).to_string(), |s| text_of(files, s));
    f.push(("Says", xml(&says), Some(lang_of(&says))));
    let mut at = format!(
        "{} · claim at {}",
        xml(&place(files, primary(v))),
        xml(&place(files, v.at))
    );
    if v.said.is_none() {
        at = format!("claim at {}", xml(&place(files, v.at)));
    }
    f.push(("Where", at, None));
    let code = |s: &str| format!("<code>{}</code>", xml(s));
    if let Some(s) = &v.stated {
        f.push(("Stated", xml(s), Some(lang_of(s))));
    }
    if let Some(e) = v.expr {
        f.push(("Check", code(e), None));
    }
    if let Some(formula) = &v.formula {
        f.push(("With the values", code(formula), Some(lang_of(formula))));
    }
    if let Some(c) = &v.computed {
        let bounds = v.bounds.as_ref().map_or(String::new(), |(lo, hi)| {
            format!(
                " <span class=\"bounds\">exactly {} to {}</span>",
                xml(lo),
                xml(hi)
            )
        });
        f.push(("Computed", format!("{}{bounds}", xml(c)), Some(lang_of(c))));
    }
    if let Some(g) = &v.gap {
        f.push(("Gap", xml(g), None));
    }
    for n in v.notes {
        f.push(("Note", xml(n), None));
    }
    for h in v.hints {
        let text = super::super::view::hint_text(h);
        f.push(("Hint", xml(&text), Some(lang_of(&text))));
    }
    for r in v.related {
        f.push((
            "See",
            format!("{} ({})", xml(&r.label), xml(&place(files, &r.at))),
            None,
        ));
    }
    f
}

/// The source passages: inputs, the number found, the nearest numbers, and
/// the closest passage to a missing quote.
fn passages(out: &mut dyn Write, files: &Files, v: &ClaimView<'_>) -> io::Result<()> {
    let mut groups: BTreeMap<(FileId, usize), Vec<(&ValueView, &'static str)>> = BTreeMap::new();
    let tagged = v
        .inputs
        .iter()
        .map(|i| (i, "input"))
        .chain(v.found.iter().map(|f| (f, "found")))
        .chain(v.nearest.iter().map(|n| (n, "nearest")));
    for (value, kind) in tagged {
        if let Some(at) = &value.at {
            let line = line_range(files.get(at.file).text(), at.range.start).start;
            groups
                .entry((at.file, line))
                .or_default()
                .push((value, kind));
        }
    }
    if groups.is_empty() && v.closest.is_none() {
        return Ok(());
    }
    writeln!(out, "<h4>In the sources</h4>")?;
    for ((file, _), values) in &groups {
        let marks: Vec<(Range<usize>, String, &str)> = values
            .iter()
            .filter_map(|(val, kind)| {
                let title = if val.name == val.value {
                    val.name.clone()
                } else {
                    format!("{} = {}", val.name, val.value)
                };
                Some((val.at.as_ref()?.range.clone(), title, *kind))
            })
            .collect();
        let first = Span::new(*file, marks[0].0.clone());
        write_passage(out, files, &first, &marks)?;
    }
    if let Some(c) = &v.closest {
        writeln!(
            out,
            "<figure class=\"passage\"><figcaption>The quote is not in the document; the closest passage, {}:</figcaption><blockquote lang=\"{}\">{}</blockquote></figure>",
            xml(&place(files, &c.at)),
            lang_of(&c.passage),
            diff_html(&c.quote, &c.passage)
        )?;
    }
    Ok(())
}

/// The byte range of the line holding `offset`.
fn line_range(text: &str, offset: usize) -> Range<usize> {
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// One line of a source (cut around the marks when long), marks in it.
fn write_passage(
    out: &mut dyn Write,
    files: &Files,
    first: &Span,
    marks: &[(Range<usize>, String, &str)],
) -> io::Result<()> {
    let text = files.get(first.file).text();
    let line = line_range(text, first.range.start);
    let lo = marks.iter().map(|m| m.0.start).min().unwrap_or(line.start);
    let hi = marks.iter().map(|m| m.0.end).max().unwrap_or(line.end);
    let start = text.floor_char_boundary(lo.saturating_sub(CONTEXT_BYTES).max(line.start));
    let end = text.ceil_char_boundary((hi + CONTEXT_BYTES).min(line.end));
    let mut sorted: Vec<&(Range<usize>, String, &str)> = marks.iter().collect();
    sorted.sort_by_key(|m| m.0.start);
    let mut html = String::new();
    if start > line.start {
        html.push('…');
    }
    let mut at = start;
    for (range, title, kind) in sorted {
        let s = text.floor_char_boundary(range.start.clamp(at, end));
        let e = text.floor_char_boundary(range.end.clamp(s, end));
        html.push_str(&xml(&text[at..s]));
        html.push_str(&format!(
            "<mark class=\"{kind}\" title=\"{}\">{}</mark>",
            xml(title),
            xml(&text[s..e])
        ));
        at = e;
    }
    html.push_str(&xml(&text[at..end]));
    if end < line.end {
        html.push('…');
    }
    writeln!(
        out,
        "<figure class=\"passage\"><figcaption>{}</figcaption><blockquote lang=\"{}\">{html}</blockquote></figure>",
        xml(&place(files, first)),
        lang_of(&text[start..end])
    )
}

/// A character diff from the quote to the passage, as `<del>`/`<ins>`.
fn diff_html(quote: &str, passage: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = if quote.contains(' ') && passage.contains(' ') {
        TextDiff::from_words(quote, passage)
    } else {
        TextDiff::from_chars(quote, passage)
    };
    let mut html = String::new();
    for change in diff.iter_all_changes() {
        let text = xml(change.value());
        match change.tag() {
            ChangeTag::Delete => {
                html.push_str(&format!("<del title=\"in the quote\">{text}</del>"))
            }
            ChangeTag::Insert => {
                html.push_str(&format!("<ins title=\"in the document\">{text}</ins>"))
            }
            ChangeTag::Equal => html.push_str(&text),
        }
    }
    html
}
