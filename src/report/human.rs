//! The human report, in the style of rustc and ruff diagnostics: for each
//! claim that is not ok, the draft's sentence with the stated value marked,
//! the numbers that went into the computation where they stand in their
//! sources, the computed value, the gap; then a one-line summary.
//! annotate-snippets draws the snippets, so CJK text lines up.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use colored::Colorize;

use super::{ClaimResult, Input, Place, Report, RunError};
use crate::diagnostic::Verdict;

/// How to render.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Also list the claims that are ok.
    pub verbose: bool,
}

/// Writes the human report.
pub fn write_human(out: &mut dyn Write, report: &Report, opts: HumanOptions) -> io::Result<()> {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for note in &report.notes {
        writeln!(out, "{}: {note}", paint("note", "cyan", opts.color))?;
    }
    for e in &report.errors {
        writeln!(out, "{}\n", renderer.render(&[run_error(e)]))?;
    }
    for r in &report.results {
        if r.verdict == Verdict::Ok {
            if opts.verbose {
                writeln!(
                    out,
                    "{} {}: {}",
                    paint("ok", "green", opts.color),
                    r.id,
                    r.message
                )?;
            }
            continue;
        }
        writeln!(out, "{}\n", renderer.render(&[claim_group(r)]))?;
    }
    write_unchecked(out, report, opts)?;
    let color = if !report.errors.is_empty()
        || report.count(Verdict::Error)
            + report.count(Verdict::NotFound)
            + report.count(Verdict::Mismatch)
            > 0
    {
        "red"
    } else if report.count(Verdict::Undecided) > 0 {
        "yellow"
    } else {
        "green"
    };
    writeln!(out, "{}", paint(&report.summary_line(), color, opts.color))
}

/// Lists, per draft, the figures no claim covers (at most twelve shown).
fn write_unchecked(out: &mut dyn Write, report: &Report, opts: HumanOptions) -> io::Result<()> {
    let mut by_draft: BTreeMap<&str, Vec<&Input>> = BTreeMap::new();
    for i in &report.unchecked {
        if let Some(p) = &i.place {
            by_draft.entry(p.file.as_str()).or_default().push(i);
        }
    }
    for (draft, figures) in by_draft {
        let n = figures.len();
        let noun = if n == 1 { "figure is" } else { "figures are" };
        writeln!(
            out,
            "{}: {n} {noun} in {draft} but in no claim's `says`:",
            paint("note", "cyan", opts.color)
        )?;
        let shown: Vec<String> = figures
            .iter()
            .take(12)
            .map(|i| {
                i.place.as_ref().map_or(i.value.clone(), |p| {
                    format!("{} ({}:{})", i.value, p.line, p.column)
                })
            })
            .collect();
        let more = if n > 12 {
            format!(", and {} more", n - 12)
        } else {
            String::new()
        };
        writeln!(out, "  {}{more}\n", shown.join(", "))?;
    }
    Ok(())
}

fn paint(text: &str, color: &str, enabled: bool) -> String {
    if !enabled {
        return text.to_string();
    }
    text.color(color).bold().to_string()
}

/// The byte range on `place.line_text` that the place covers (at least one character).
fn span_on_line(place: &Place) -> std::ops::Range<usize> {
    let text = &place.line_text;
    let byte_at = |col: usize| {
        text.char_indices()
            .nth(col.saturating_sub(1))
            .map_or(text.len(), |(b, _)| b)
    };
    let start = byte_at(place.column);
    let end = if place.end_line == place.line {
        byte_at(place.end_column)
    } else {
        text.len()
    };
    if end > start {
        start..end
    } else {
        let next = text[start..].chars().next().map_or(0, char::len_utf8);
        start..start + next
    }
}

fn snippet<'a>(
    place: &'a Place,
    annotations: Vec<(AnnotationKind, &'a Place, String)>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let mut s = Snippet::source(place.line_text.as_str())
        .line_start(place.line)
        .path(place.file.as_str());
    for (kind, p, label) in annotations {
        s = s.annotation(kind.span(span_on_line(p)).label(label));
    }
    s
}

fn claim_group(r: &ClaimResult) -> Group<'_> {
    let level = if r.verdict == Verdict::Undecided {
        Level::WARNING
    } else {
        Level::ERROR
    };
    let mut title = level.primary_title(format!("{}: {}", r.id, r.message));
    if let Some(code) = r.code {
        title = title.id(code.id());
    }
    let mut group = Group::with_title(title).element(primary_snippet(r));
    for (place, inputs) in by_line(r.inputs.iter().chain(&r.nearest)) {
        let labels = inputs
            .iter()
            .filter_map(|i| Some((AnnotationKind::Context, i.place.as_ref()?, label(i))))
            .collect();
        group = group.element(snippet(place, labels));
    }
    for (place, text) in &r.related {
        group = group.element(snippet(
            place,
            vec![(AnnotationKind::Context, place, text.clone())],
        ));
    }
    if let Some(c) = &r.closest {
        group = group.element(snippet(
            &c.place,
            vec![(
                AnnotationKind::Context,
                &c.place,
                "closest passage".to_string(),
            )],
        ));
    }
    notes(r)
        .into_iter()
        .fold(group, |g, n| g.element(Level::NOTE.message(n)))
}

/// The snippet a result is about: the stated value in the draft, else the
/// whole `says` in the draft, else the claim in the claims file.
fn primary_snippet(r: &ClaimResult) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
    let (place, label) = match (&r.stated_at, &r.said_at) {
        (Some(p), _) => (
            p,
            r.stated
                .as_ref()
                .map_or("stated".to_string(), |s| format!("stated {s}")),
        ),
        (None, Some(p)) => (p, "claim".to_string()),
        (None, None) => (
            &r.claim,
            if r.verdict == Verdict::Error {
                "here"
            } else {
                "claim"
            }
            .to_string(),
        ),
    };
    snippet(place, vec![(AnnotationKind::Primary, place, label)])
}

/// The notes under a result: the diff of a missing quote, the computation
/// with the values that went in, the gap, and where the claim is.
fn notes(r: &ClaimResult) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(c) = &r.closest {
        notes.push(format!(
            "quote → closest passage: {}",
            inline_diff(&c.quote, &c.passage)
        ));
    }
    let formula = r
        .formula
        .as_deref()
        .map_or(String::new(), |f| format!(" = {f}"));
    if let Some(computed) = &r.computed {
        let expr = r
            .expr
            .as_deref()
            .map_or(String::new(), |e| format!(" = {e}"));
        notes.push(format!("computed {computed}{expr}{formula}"));
    } else if let (Some(expr), false) = (&r.expr, formula.is_empty()) {
        notes.push(format!("{expr}{formula}"));
    }
    if let Some(gap) = &r.gap {
        notes.push(format!("gap: {gap}"));
    }
    notes.extend(r.notes.iter().cloned());
    if r.stated_at.is_some() || r.said_at.is_some() {
        notes.push(format!("claim `{}` at {}", r.id, r.claim.short()));
    }
    notes
}

fn label(i: &Input) -> String {
    if i.name == i.value {
        i.name.clone()
    } else {
        format!("{} = {}", i.name, i.value)
    }
}

/// Inputs grouped by the line they stand on, in file and line order.
fn by_line<'a>(inputs: impl Iterator<Item = &'a Input>) -> Vec<(&'a Place, Vec<&'a Input>)> {
    let mut groups: BTreeMap<(String, usize), (&'a Place, Vec<&'a Input>)> = BTreeMap::new();
    for i in inputs {
        if let Some(p) = &i.place {
            groups
                .entry((p.file.clone(), p.line))
                .or_insert((p, Vec::new()))
                .1
                .push(i);
        }
    }
    groups.into_values().collect()
}

/// A character diff written inline: `RMB2[-98-]{+89+}.4`.
pub fn inline_diff(from: &str, to: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    // Words for text with spaces (English), characters otherwise (Chinese).
    let diff = if from.contains(' ') && to.contains(' ') {
        TextDiff::from_words(from, to)
    } else {
        TextDiff::from_chars(from, to)
    };
    let mut out = String::new();
    let mut current: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if current != Some(tag) {
            close(&mut out, current);
            match tag {
                ChangeTag::Delete => out.push_str("[-"),
                ChangeTag::Insert => out.push_str("{+"),
                ChangeTag::Equal => {}
            }
            current = Some(tag);
        }
        out.push_str(change.value());
    }
    close(&mut out, current);
    out
}

fn close(out: &mut String, tag: Option<similar::ChangeTag>) {
    match tag {
        Some(similar::ChangeTag::Delete) => out.push_str("-]"),
        Some(similar::ChangeTag::Insert) => out.push_str("+}"),
        _ => {}
    }
}

fn run_error(e: &RunError) -> Group<'_> {
    let mut group = Group::with_title(Level::ERROR.primary_title(e.message.clone()));
    match (e.line, e.column, &e.line_text) {
        (Some(line), Some(column), Some(text)) => {
            let place = Place {
                file: e.file.clone(),
                line,
                column,
                end_line: line,
                end_column: column + 1,
                line_text: text.clone(),
            };
            let span = span_on_line(&place);
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(line)
                    .path(e.file.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        _ => group = group.element(annotate_snippets::Origin::path(e.file.as_str())),
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_diffs_mark_deletions_and_insertions() {
        assert_eq!(
            inline_diff("收入298.4百萬元", "收入289.4百萬元"),
            "收入2{+8+}9[-8-].4百萬元"
        );
        assert_eq!(
            inline_diff(
                "Northwind repurchased $150.0 million",
                "Northwind returned $150.0 million"
            ),
            "Northwind [-repurchased-]{+returned+} $150.0 million"
        );
        assert_eq!(inline_diff("same", "same"), "same");
    }
}
