//! The drafts of the HTML report: the text as it is, with a mark on every
//! figure a claim checks (the stated value, or the whole `says` when it
//! states none) and on every figure no claim checks.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use super::{class, lang_of};
use crate::diagnostic::Verdict;
use crate::outcome::{DraftCoverage, FileId, Files, Span};
use crate::report::escape::{xml, xml_multiline};
use crate::report::view::ClaimView;

/// A marked piece of a draft: the claims about it (none for a figure no
/// claim checks).
#[derive(Debug)]
pub struct Mark {
    range: Range<usize>,
    claims: Vec<usize>,
}

/// A draft and its marks, in text order, never overlapping.
#[derive(Debug)]
pub struct Draft {
    /// The draft.
    pub file: FileId,
    /// The marks.
    pub marks: Vec<Mark>,
    /// The claims marked in it, by index.
    pub claims: Vec<usize>,
}

/// Where a claim is marked: its stated value in the draft, else its `says`.
fn claim_span<'a>(v: &'a ClaimView<'_>) -> Option<&'a Span> {
    v.stated_at.filter(|s| s.file != v.claims_file).or(v.said)
}

/// The drafts of a run (those with coverage and those claims point into),
/// by name, with their marks.
pub fn drafts(
    files: &Files,
    views: &[ClaimView<'_>],
    unchecked: &[Span],
    coverage: &[DraftCoverage],
) -> Vec<Draft> {
    let mut raw: BTreeMap<FileId, Vec<Mark>> =
        coverage.iter().map(|c| (c.draft, Vec::new())).collect();
    for (i, v) in views.iter().enumerate() {
        if let Some(span) = claim_span(v) {
            let mark = Mark {
                range: span.range.clone(),
                claims: vec![i],
            };
            raw.entry(span.file).or_default().push(mark);
        }
    }
    for s in unchecked {
        let mark = Mark {
            range: s.range.clone(),
            claims: Vec::new(),
        };
        raw.entry(s.file).or_default().push(mark);
    }
    let mut drafts: Vec<Draft> = raw
        .into_iter()
        .map(|(file, marks)| {
            let marks = merge(marks);
            let claims = marks
                .iter()
                .flat_map(|m| m.claims.iter().copied())
                .collect();
            Draft {
                file,
                marks,
                claims,
            }
        })
        .collect();
    drafts.sort_by(|a, b| files.name(a.file).cmp(files.name(b.file)));
    drafts
}

/// Sorts marks and folds overlapping ones into the first: a claim joins
/// the mark it overlaps; a figure no claim checks is dropped there.
fn merge(mut marks: Vec<Mark>) -> Vec<Mark> {
    marks.sort_by_key(|m| (m.range.start, usize::MAX - m.range.end));
    let mut out: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        match out.last_mut() {
            Some(last) if m.range.start < last.range.end => {
                last.claims.extend(m.claims);
            }
            _ => out.push(m),
        }
    }
    out
}

/// Writes one draft with its marks.
pub fn write(
    out: &mut dyn Write,
    files: &Files,
    d: &Draft,
    views: &[ClaimView<'_>],
    coverage: Option<&str>,
) -> io::Result<()> {
    let text = files.get(d.file).text();
    writeln!(
        out,
        "<section class=\"draft\">\n<h2>{}</h2>",
        xml(files.name(d.file))
    )?;
    if let Some(c) = coverage {
        writeln!(out, "<p class=\"coverage\">{}</p>", xml(c))?;
    }
    write!(out, "<div class=\"text\" lang=\"{}\">", lang_of(text))?;
    let mut at = 0;
    for m in &d.marks {
        let start = text
            .floor_char_boundary(m.range.start.min(text.len()))
            .max(at);
        let end = text
            .floor_char_boundary(m.range.end.min(text.len()))
            .max(start);
        write!(out, "{}", xml_multiline(&text[at..start]))?;
        write_mark(out, &text[start..end], m, views)?;
        at = end;
    }
    writeln!(out, "{}</div>\n</section>", xml_multiline(&text[at..]))
}

fn write_mark(
    out: &mut dyn Write,
    text: &str,
    m: &Mark,
    views: &[ClaimView<'_>],
) -> io::Result<()> {
    let shown = xml_multiline(text);
    if m.claims.is_empty() {
        return write!(
            out,
            "<span class=\"unchecked\" title=\"no claim checks this figure\">{shown}</span>"
        );
    }
    let worst = m
        .claims
        .iter()
        .map(|&i| views[i].verdict)
        .max()
        .unwrap_or(Verdict::Ok);
    let ids: Vec<String> = m.claims.iter().map(usize::to_string).collect();
    let title: Vec<String> = m
        .claims
        .iter()
        .map(|&i| format!("{}: {}", views[i].id, views[i].verdict))
        .collect();
    write!(
        out,
        "<mark class=\"m {}\" data-c=\"{}\" tabindex=\"0\" title=\"{}\">{shown}</mark>",
        class(worst),
        ids.join(" "),
        xml(&title.join("; "))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_marks_fold_into_the_first() {
        let m = |r: Range<usize>, c: Vec<usize>| Mark {
            range: r,
            claims: c,
        };
        let merged = merge(vec![
            m(5..9, vec![]),
            m(0..20, vec![1]),
            m(3..4, vec![2]),
            m(30..32, vec![3]),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].claims, vec![1, 2]);
        assert_eq!(merged[1].range, 30..32);
    }
}
