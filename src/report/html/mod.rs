//! `--format html`: one self-contained page for editors. The draft is shown
//! with every checked figure marked in its verdict's colour (and the
//! figures no claim checks underlined); hovering or clicking a mark opens
//! the claim beside it: what it says, the verdict and message, the source
//! passages with the quoted numbers marked, the arithmetic with the values
//! that went in, the gap. A filter hides verdicts; `#claim=ID` in the
//! address opens a claim. No network: the styles and the script are inline,
//! fonts are the system's (with CJK fallbacks), and every piece of input
//! text is HTML-escaped. Printing shows every claim in full.

mod claim;
mod draft;

use std::io::{self, Write};

use super::escape::xml;
use super::view::ClaimView;
use super::{Policy, Renderer, coverage_text, shortfall_text, summary_line};
use crate::diagnostic::Verdict;
use crate::outcome::{Files, Report, RunError, SourceNote, StaleIgnore};

/// The HTML format.
pub struct Html(pub Policy);

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The CSS class of a verdict.
fn class(v: Verdict) -> String {
    format!("v-{v}")
}

/// The `lang` of a text: Chinese (Traditional or Simplified, by the
/// characters it uses) when it has Han characters, else English.
fn lang_of(text: &str) -> &'static str {
    const TRADITIONAL: &str = "們國這萬億與為來個點於實營總額產業經際從內淨項數據";
    const SIMPLIFIED: &str = "们国这万亿与为来个点于实营总额产业经际从内净项数据";
    let (mut han, mut trad, mut simp) = (0, 0, 0);
    for c in text.chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            han += 1;
            trad += usize::from(TRADITIONAL.contains(c) && !SIMPLIFIED.contains(c));
            simp += usize::from(SIMPLIFIED.contains(c) && !TRADITIONAL.contains(c));
        }
    }
    match (han, trad > simp) {
        (0, _) => "en",
        (_, true) => "zh-Hant",
        (_, false) => "zh-Hans",
    }
}

impl Renderer for Html {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Report {
            files,
            claims,
            errors,
            notes,
            unchecked,
            coverage,
            stale_ignores,
        } = report;
        let views: Vec<ClaimView<'_>> = claims.iter().map(|c| ClaimView::new(files, c)).collect();
        head(out)?;
        header(out, report, &self.0)?;
        writeln!(out, "<div class=\"layout\">\n<main>")?;
        problems(out, files, errors, stale_ignores, notes)?;
        for c in coverage.iter().filter(|c| self.0.short(c)) {
            let text = shortfall_text(files.name(c.draft), c, &self.0);
            writeln!(out, "<p class=\"banner\">{}</p>", xml(&text))?;
        }
        let drafts = draft::drafts(files, &views, unchecked, coverage);
        for d in &drafts {
            let cov = coverage
                .iter()
                .find(|c| c.draft == d.file)
                .map(coverage_text);
            draft::write(out, files, d, &views, cov.as_deref())?;
        }
        unplaced(out, &views, &drafts)?;
        writeln!(out, "</main>\n<aside id=\"panel\" aria-live=\"polite\">")?;
        writeln!(
            out,
            "<p class=\"hint\">Point at or click a marked figure to see its claim. Press Esc to close.</p>"
        )?;
        for (i, v) in views.iter().enumerate() {
            claim::write(out, files, i, v, &self.0)?;
        }
        writeln!(
            out,
            "</aside>\n</div>\n<script>\n{SCRIPT}</script>\n</body>\n</html>"
        )
    }
}

fn head(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>claimcheck report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>"
    )
}

/// The title, the summary, the verdict filter and the list of claims.
fn header(out: &mut dyn Write, report: &Report, policy: &Policy) -> io::Result<()> {
    writeln!(out, "<header>\n<h1>claimcheck report</h1>")?;
    writeln!(
        out,
        "<p class=\"summary\">{}</p>",
        xml(&summary_line(report))
    )?;
    writeln!(out, "<fieldset class=\"filter\"><legend>Show</legend>")?;
    for v in Verdict::ALL {
        let n = report.count(v);
        let fails = if v != Verdict::Ok && !policy.fails(v) {
            " (does not fail)"
        } else {
            ""
        };
        writeln!(
            out,
            "<label class=\"{}\"><input type=\"checkbox\" checked data-verdict=\"{v}\"> {v} <b>{n}</b>{fails}</label>",
            class(v)
        )?;
    }
    writeln!(
        out,
        "<label class=\"unchecked\"><input type=\"checkbox\" checked data-verdict=\"unchecked\"> not checked <b>{}</b></label>",
        report.unchecked.len()
    )?;
    writeln!(out, "</fieldset>\n</header>")
}

/// Files that could not be checked, `ignore` entries that waive nothing,
/// and reading notes.
fn problems(
    out: &mut dyn Write,
    files: &Files,
    errors: &[RunError],
    stale: &[StaleIgnore],
    notes: &[SourceNote],
) -> io::Result<()> {
    let mut items: Vec<String> = errors
        .iter()
        .map(|e| {
            let at = e
                .position
                .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
            format!(
                "<li class=\"v-error\"><b>{}{at}</b> could not be checked: {}</li>",
                xml(&e.file),
                xml(&e.message)
            )
        })
        .collect();
    items.extend(stale.iter().map(|s| {
        let p = files.start(&s.at).position;
        format!(
            "<li class=\"v-not-found\"><b>{}:{}:{}</b>: an <code>ignore</code> entry's quote is not in the draft: <q>{}</q></li>",
            xml(files.name(s.at.file)),
            p.line,
            p.column,
            xml(files.text(&s.at))
        )
    }));
    items.extend(notes.iter().map(|n| {
        format!(
            "<li class=\"note\"><b>{}</b>: {}</li>",
            xml(files.name(n.file)),
            xml(&n.note)
        )
    }));
    if items.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"problems\"><h2>Problems</h2><ul>\n{}\n</ul></section>",
        items.join("\n")
    )
}

/// Claims that stand in no draft (no `draft` key, or `says` not found).
fn unplaced(
    out: &mut dyn Write,
    views: &[ClaimView<'_>],
    drafts: &[draft::Draft],
) -> io::Result<()> {
    let placed = |i: usize| drafts.iter().any(|d| d.claims.contains(&i));
    let items: Vec<String> = views
        .iter()
        .enumerate()
        .filter(|(i, _)| !placed(*i))
        .map(|(i, v)| {
            format!(
                "<li class=\"{}\"><button type=\"button\" class=\"open {}\" data-c=\"{i}\">{}</button> {}</li>",
                class(v.verdict),
                class(v.verdict),
                xml(v.id),
                xml(&v.message)
            )
        })
        .collect();
    if items.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"unplaced\"><h2>Claims not marked in a draft</h2><ul class=\"claim-list\">\n{}\n</ul></section>",
        items.join("\n")
    )
}
