//! The human report, in the style of rustc and ruff diagnostics: for each
//! claim that is not ok, the draft's sentence with the stated value marked,
//! the numbers that went into the computation where they stand in their
//! sources, the computed value, the gap; then a one-line summary.
//! annotate-snippets draws the snippets, so CJK text lines up. Snippets are
//! cut from the documents here, as a bounded window around the spans, and
//! every piece of input text is made visible before it is written.

mod snippet;

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer as Drawer};
use colored::Colorize;

use super::escape::visible;
use super::view::{ClaimView, ValueView, hint_text};
use super::{Level, RenderOptions, Renderer, primary, summary_line};
use crate::diagnostic::{Code, Verdict};
use crate::document::SectionKind;
use crate::outcome::{Files, Report, RunError, SourceNote, Span, StaleIgnore};
use snippet::{Annotated, run_error_origin, run_error_snippet, snippets};

/// The human format.
pub struct Human(pub RenderOptions);

impl Renderer for Human {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            notes,
            unchecked,
            // Summed up in the summary line; a shortfall is an error below.
            coverage: _,
            stale_ignores,
        } = report;
        let opts = self.0;
        if opts.quiet {
            let color = summary_color(report, &opts.policy);
            return writeln!(out, "{}", paint(&summary_line(report), color, opts.color));
        }
        let drawer = if opts.color {
            Drawer::styled()
        } else {
            Drawer::plain()
        };
        write_notes(out, files, notes, opts)?;
        for e in errors {
            write_run_error(out, &drawer, e)?;
        }
        for c in claims {
            let view = ClaimView::new(files, c);
            if view.verdict == Verdict::Ok {
                if opts.verbose {
                    let ok = paint("ok", "green", opts.color);
                    writeln!(out, "{ok} {}: {}", visible(view.id), visible(&view.message))?;
                }
                continue;
            }
            let diagnostic = claim_group(files, &view);
            let rendered = diagnostic.draw(&drawer);
            writeln!(out, "{rendered}\n")?;
        }
        for stale in stale_ignores {
            let rendered = stale_group(files, stale).draw(&drawer);
            writeln!(out, "{rendered}\n")?;
        }
        write_unchecked(out, files, unchecked, opts)?;
        for c in opts.policy.shortfalls(report) {
            let label = paint("error", "red", opts.color);
            let text = super::shortfall_text(&visible(files.name(c.draft)), c, &opts.policy);
            writeln!(out, "{label}: {text}\n")?;
        }
        let color = summary_color(report, &opts.policy);
        writeln!(out, "{}", paint(&summary_line(report), color, opts.color))
    }
}

fn write_notes(
    out: &mut dyn Write,
    files: &Files,
    notes: &[SourceNote],
    opts: RenderOptions,
) -> io::Result<()> {
    for n in notes {
        let name = visible(files.name(n.file));
        let label = paint("note", "cyan", opts.color);
        writeln!(out, "{label}: {name}: {}", visible(&n.note))?;
    }
    Ok(())
}

fn summary_color(report: &Report, policy: &super::Policy) -> &'static str {
    let failed = report.count(Verdict::Error)
        + report.count(Verdict::NotFound)
        + report.count(Verdict::Mismatch);
    if !report.errors.is_empty() || failed > 0 || !policy.shortfalls(report).is_empty() {
        "red"
    } else if report.count(Verdict::Undecided) > 0 {
        "yellow"
    } else {
        "green"
    }
}

/// How many unchecked figures of a draft are listed.
const UNCHECKED_SHOWN: usize = 12;

/// Lists, per draft, the figures no claim covers.
fn write_unchecked(
    out: &mut dyn Write,
    files: &Files,
    unchecked: &[Span],
    opts: RenderOptions,
) -> io::Result<()> {
    let mut by_draft: BTreeMap<&str, Vec<&Span>> = BTreeMap::new();
    for s in unchecked {
        by_draft.entry(files.name(s.file)).or_default().push(s);
    }
    for (draft, figures) in by_draft {
        let n = figures.len();
        let noun = if n == 1 { "figure is" } else { "figures are" };
        let label = paint("note", "cyan", opts.color);
        writeln!(
            out,
            "{label}: {n} {noun} in {} but in no claim's `says`:",
            visible(draft)
        )?;
        let shown: Vec<String> = figures
            .iter()
            .take(UNCHECKED_SHOWN)
            .map(|s| {
                let at = files.start(s);
                let p = at.position;
                let text = super::view::text_of(files, s);
                let section = match &at.section {
                    Some((SectionKind::Page, page)) => format!("page {}, ", visible(page)),
                    Some((SectionKind::Sheet, sheet)) => format!("sheet {}, ", visible(sheet)),
                    None => String::new(),
                };
                format!("{} ({section}{}:{})", visible(&text), p.line, p.column)
            })
            .collect();
        let more = if n > UNCHECKED_SHOWN {
            format!(", and {} more", n - UNCHECKED_SHOWN)
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

/// A diagnostic being put together: its title, snippets and notes, owned
/// until it is drawn.
struct Diagnostic {
    level: Level,
    code: Option<&'static str>,
    title: String,
    snippets: Vec<Annotated>,
    notes: Vec<String>,
    /// `help:` lines (hints on a mismatch).
    helps: Vec<String>,
}

impl Diagnostic {
    /// Draws the diagnostic, with the true columns of cut lines.
    fn draw(&self, drawer: &Drawer) -> String {
        let rendered = drawer.render(&[self.build()]);
        self.snippets
            .iter()
            .fold(rendered, |text, s| s.fix_header(text))
    }

    fn build(&self) -> Group<'_> {
        let level = match self.level {
            Level::Error => SnippetLevel::ERROR,
            Level::Warning => SnippetLevel::WARNING,
        };
        let mut title = level.primary_title(self.title.as_str());
        if let Some(code) = self.code {
            title = title.id(code);
        }
        let mut group = Group::with_title(title);
        for s in &self.snippets {
            group = s.add_to(group);
        }
        let group = self.notes.iter().fold(group, |g, n| {
            g.element(SnippetLevel::NOTE.message(n.as_str()))
        });
        self.helps.iter().fold(group, |g, h| {
            g.element(SnippetLevel::HELP.message(h.as_str()))
        })
    }
}

fn claim_group(files: &Files, v: &ClaimView<'_>) -> Diagnostic {
    let mut snips = Vec::new();
    let (place, label) = primary_label(v);
    snips.extend(snippets(
        files,
        vec![(AnnotationKind::Primary, place.clone(), label)],
    ));
    let inputs = v.inputs.iter().chain(&v.nearest);
    for group in by_line(files, inputs) {
        let labels = group
            .into_iter()
            .filter_map(|i| Some((AnnotationKind::Context, i.at.clone()?, input_label(i))))
            .collect();
        snips.extend(snippets(files, labels));
    }
    for r in v.related {
        let label = visible(&r.label).into_owned();
        snips.extend(snippets(
            files,
            vec![(AnnotationKind::Context, r.at.clone(), label)],
        ));
    }
    if let Some(c) = &v.closest {
        let label = "closest passage".to_string();
        snips.extend(snippets(
            files,
            vec![(AnnotationKind::Context, c.at.clone(), label)],
        ));
    }
    Diagnostic {
        level: Level::of(v.verdict),
        code: v.code.map(|c| c.id()),
        title: format!("{}: {}", visible(v.id), visible(&v.message)),
        snippets: snips,
        notes: notes(files, v),
        helps: v
            .hints
            .iter()
            .map(|h| visible(&hint_text(h)).into_owned())
            .collect(),
    }
}

/// An `ignore` entry whose quote is not in the draft.
fn stale_group(files: &Files, stale: &StaleIgnore) -> Diagnostic {
    let mut snips = snippets(
        files,
        vec![(
            AnnotationKind::Primary,
            stale.at.clone(),
            "ignore entry".to_string(),
        )],
    );
    let mut notes = Vec::new();
    if let Some(c) = &stale.closest {
        let label = "closest passage".to_string();
        snips.extend(snippets(
            files,
            vec![(AnnotationKind::Context, c.passage.clone(), label)],
        ));
        let passage = crate::quote::one_line(files.text(&c.passage));
        let diff = inline_diff(&c.quote, &passage);
        notes.push(format!("quote → closest passage: {}", visible(&diff)));
    }
    Diagnostic {
        level: Level::Error,
        code: Some(Code::SaysNotFound.id()),
        title: "an `ignore` entry's quote is not in the draft; remove it or quote the draft as it is now".to_string(),
        snippets: snips,
        notes,
        helps: Vec::new(),
    }
}

/// The primary annotation and its label.
fn primary_label(v: &ClaimView<'_>) -> (Span, String) {
    let place = primary(v).clone();
    let label = match (v.stated_at, v.said) {
        (Some(_), _) => v
            .stated
            .as_ref()
            .map_or("stated".to_string(), |s| format!("stated {}", visible(s))),
        (None, Some(_)) => "claim".to_string(),
        (None, None) if v.verdict == Verdict::Error => "here".to_string(),
        (None, None) => "claim".to_string(),
    };
    (place, label)
}

/// The notes under a result: the diff of a missing quote, the computation
/// with the values that went in, the gap, and where the claim is.
fn notes(files: &Files, v: &ClaimView<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(c) = &v.closest {
        let diff = inline_diff(&c.quote, &c.passage);
        notes.push(format!("quote → closest passage: {}", visible(&diff)));
    }
    let formula = v
        .formula
        .as_deref()
        .map_or(String::new(), |f| format!(" = {}", visible(f)));
    let expr = v.expr.map(visible);
    if let Some(computed) = &v.computed {
        let expr = expr.map_or(String::new(), |e| format!(" = {e}"));
        notes.push(format!("computed {}{expr}{formula}", visible(computed)));
    } else if let (Some(expr), false) = (expr, formula.is_empty()) {
        notes.push(format!("{expr}{formula}"));
    }
    if let Some(gap) = &v.gap {
        notes.push(format!("gap: {}", visible(gap)));
    }
    notes.extend(v.notes.iter().map(|n| visible(n).into_owned()));
    if v.stated_at.is_some() || v.said.is_some() {
        let p = files.start(v.at).position;
        let file = visible(files.name(v.claims_file));
        notes.push(format!(
            "claim `{}` at {file}:{}:{}",
            visible(v.id),
            p.line,
            p.column
        ));
    }
    notes
}

fn input_label(i: &ValueView) -> String {
    if i.name == i.value {
        visible(&i.name).into_owned()
    } else {
        format!("{} = {}", visible(&i.name), visible(&i.value))
    }
}

/// Inputs grouped by the line they stand on, in file and line order.
fn by_line<'v>(
    files: &Files,
    inputs: impl Iterator<Item = &'v ValueView>,
) -> Vec<Vec<&'v ValueView>> {
    let mut groups: BTreeMap<(String, usize), Vec<&'v ValueView>> = BTreeMap::new();
    for i in inputs {
        if let Some(at) = &i.at {
            // The line of the whole file: lines within pages repeat.
            let doc = files.get(at.file);
            let line = doc.lines().line_of(files.file_range(at).start);
            let key = (files.name(at.file).to_string(), line);
            groups.entry(key).or_default().push(i);
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

fn write_run_error(out: &mut dyn Write, drawer: &Drawer, e: &RunError) -> io::Result<()> {
    let message = visible(&e.message);
    let group = Group::with_title(SnippetLevel::ERROR.primary_title(message.as_ref()));
    let snippet = run_error_snippet(e);
    let rendered = match &snippet {
        Some(s) => s.fix_header(drawer.render(&[s.add_to(group)])),
        None => drawer.render(&[group.element(run_error_origin(e))]),
    };
    writeln!(out, "{rendered}\n")
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
