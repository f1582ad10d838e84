//! Snippets for the human report, cut from the documents as they are drawn.
//! A line is shown whole when it is short; a long one (a minified page, a
//! one-line claims file) is cut to a bounded window around its annotations,
//! so a report never copies or draws a whole megabyte line. The text is made
//! visible (control characters escaped) and the annotations moved with it.

use std::ops::Range;

use std::sync::atomic::{AtomicUsize, Ordering};

use annotate_snippets::{AnnotationKind, Group, Origin, Snippet};

use super::super::escape::visible_with_ranges;
use crate::document::SectionKind;
use crate::outcome::{Files, RunError, Span};

/// Lines up to this many bytes are shown whole.
const WHOLE_LINE: usize = 4096;
/// Bytes of context kept on each side of the annotations of a cut line.
const CONTEXT: usize = 240;
/// Annotations further apart than this on one line get windows of their own.
const CLUSTER: usize = 2048;

/// Numbers the markers of cut lines, so each is unique in a report.
static CUT_MARKS: AtomicUsize = AtomicUsize::new(0);

/// A snippet ready to draw: a window of one line and its annotations.
pub(super) struct Annotated {
    /// The file's name, with its page or sheet when it has them.
    path: String,
    /// The path given to the drawer: the file's, or for a cut line a marker
    /// that [`Annotated::fix_header`] replaces, because the drawer counts
    /// columns from the window's start rather than the line's.
    path_shown: String,
    line: usize,
    /// The column of the first annotation, when the window does not start
    /// at the line's start.
    cut_at: Option<usize>,
    text: String,
    annotations: Vec<Annotation>,
}

impl Annotated {
    /// Puts the true column into the header the drawer wrote for a cut line.
    pub(super) fn fix_header(&self, rendered: String) -> String {
        let Some(column) = self.cut_at else {
            return rendered;
        };
        let Some(at) = rendered.find(&self.path_shown) else {
            return rendered;
        };
        let rest = &rendered[at + self.path_shown.len()..];
        // The drawer wrote `:line:column` after the path.
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let after_line = rest.strip_prefix(':').map_or(0, |r| 1 + digits(r));
        let after_col = rest[after_line..]
            .strip_prefix(':')
            .map_or(after_line, |r| after_line + 1 + digits(r));
        format!(
            "{}{}:{}:{column}{}",
            &rendered[..at],
            self.path,
            self.line,
            &rest[after_col..]
        )
    }

    /// Adds the snippet (and, for a cut line, its own header) to `group`.
    pub(super) fn add_to<'a>(&'a self, group: Group<'a>) -> Group<'a> {
        let mut snippet = Snippet::source(self.text.as_str()).line_start(self.line);
        for (kind, range, label) in &self.annotations {
            let annotation = (*kind).span(range.clone());
            snippet = snippet.annotation(match label {
                Some(l) => annotation.label(l.as_str()),
                None => annotation,
            });
        }
        group.element(snippet.path(self.path_shown.as_str()))
    }
}

/// The snippets showing `annotations`, which all start on one line of one file.
pub(super) fn snippets(
    files: &Files,
    annotations: Vec<(AnnotationKind, Span, String)>,
) -> Vec<Annotated> {
    let Some((_, first, _)) = annotations.first() else {
        return Vec::new();
    };
    let doc = files.get(first.file);
    let start = files.start(first);
    let path = match &start.section {
        Some((SectionKind::Page, p)) => format!("{} (page {p})", doc.name),
        Some((SectionKind::Sheet, s)) => format!("{} (sheet {s})", doc.name),
        None => doc.name.clone(),
    };
    let line = start.position.line;
    let (line_start, text) = doc.line_around(files.file_range(first).start);
    let on_line: Vec<Annotation> = annotations
        .into_iter()
        .map(|(kind, span, label)| {
            let r = files.file_range(&span);
            let range = on_the_line(text, r.start - line_start..r.end.saturating_sub(line_start));
            (kind, range, Some(label))
        })
        .collect();
    clusters(text, on_line)
        .into_iter()
        .map(|(window, annotations)| cut(path.clone(), line, text, window, annotations))
        .collect()
}

/// A range clipped to the line and at least one character wide.
fn on_the_line(text: &str, r: Range<usize>) -> Range<usize> {
    let start = text.floor_char_boundary(r.start.min(text.len()));
    let end = text.floor_char_boundary(r.end.min(text.len())).max(start);
    if end > start {
        return start..end;
    }
    let next = text[start..].chars().next().map_or(0, char::len_utf8);
    start..start + next
}

type Annotation = (AnnotationKind, Range<usize>, Option<String>);

/// Groups annotations into windows of the line: the whole line when it is
/// short, else one window per cluster of nearby annotations.
fn clusters(text: &str, mut annotations: Vec<Annotation>) -> Vec<(Range<usize>, Vec<Annotation>)> {
    if text.len() <= WHOLE_LINE {
        return vec![(0..text.len(), annotations)];
    }
    annotations.sort_by_key(|a| a.1.start);
    let mut out: Vec<(Range<usize>, Vec<Annotation>)> = Vec::new();
    for a in annotations {
        match out.last_mut() {
            Some((w, group)) if a.1.end.saturating_sub(w.start) <= CLUSTER => {
                w.end = w.end.max(a.1.end);
                group.push(a);
            }
            _ => out.push((a.1.clone(), vec![a])),
        }
    }
    for (w, _) in &mut out {
        let start = text.floor_char_boundary(w.start.saturating_sub(CONTEXT));
        let end = text.ceil_char_boundary((w.end + CONTEXT).min(text.len()));
        *w = start..end;
    }
    out
}

/// The snippet of one window, with `…` where the line was cut.
fn cut(
    path: String,
    line: usize,
    text: &str,
    window: Range<usize>,
    annotations: Vec<Annotation>,
) -> Annotated {
    let left = if window.start > 0 { "…" } else { "" };
    let right = if window.end < text.len() { "…" } else { "" };
    let shift =
        |r: &Range<usize>| r.start - window.start + left.len()..r.end - window.start + left.len();
    let ranges: Vec<Range<usize>> = annotations.iter().map(|a| shift(&a.1)).collect();
    let raw = format!("{left}{}{right}", &text[window.clone()]);
    let (text_shown, ranges) = visible_with_ranges(&raw, &ranges);
    let cut_at = (window.start > 0).then(|| {
        let first = annotations.first().map_or(window.start, |a| a.1.start);
        text[..first].chars().count() + 1
    });
    let path_shown = match cut_at {
        Some(_) => format!(
            "\u{0}cut:{}\u{0}",
            CUT_MARKS.fetch_add(1, Ordering::Relaxed)
        ),
        None => path.clone(),
    };
    Annotated {
        path,
        path_shown,
        line,
        cut_at,
        text: text_shown,
        annotations: annotations
            .into_iter()
            .zip(ranges)
            .map(|((kind, _, label), r)| (kind, r, label))
            .collect(),
    }
}

/// A run error's snippet: the line of the claims file, cut around the column.
pub(super) fn run_error_snippet(e: &RunError) -> Option<Annotated> {
    let p = e.position?;
    let text = e.line_text.as_ref()?;
    let start = text
        .char_indices()
        .nth(p.column.saturating_sub(1))
        .map_or(text.len(), |(b, _)| b);
    let annotation = (
        AnnotationKind::Primary,
        on_the_line(text, start..start),
        None,
    );
    let (window, annotations) = clusters(text, vec![annotation]).remove(0);
    Some(cut(e.file.clone(), p.line, text, window, annotations))
}

/// The header of a run error that has no line to show.
pub(super) fn run_error_origin(e: &RunError) -> Origin<'_> {
    match e.position {
        Some(p) => Origin::path(e.file.as_str())
            .line(p.line)
            .char_column(p.column),
        None => Origin::path(e.file.as_str()),
    }
}
