//! A `check` run: find the claims files, read each one's sources (once per
//! run), find all quotes of a source in one pass, judge every claim, and
//! collect the results in path order.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::claims::{self, ClaimsFile, LoadError};
use crate::document::display_path;
use crate::facts::{QuoteIndex, Resolver};
use crate::report::{Input, Report, RunError};
use crate::sources::{Source, SourceCache};
use crate::verdict::Judge;

/// Checks the claims files at `paths` (files, or folders searched for `*.json`).
pub fn check(paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    let (files, errors) = claims_files(paths);
    report.errors.extend(errors);
    let mut cache = SourceCache::default();
    let mut drafts = BTreeMap::new();
    for file in files {
        check_file(&file, &mut cache, &mut report, &mut drafts);
    }
    report.unchecked = unchecked(&drafts);
    report
}

/// A draft and the parts of it that claims' `says` cover.
struct Coverage {
    source: Rc<Source>,
    covered: Vec<Range<usize>>,
}

/// The figures of each draft that no claim's `says` covers. Years, dates,
/// ordinals and labels are not figures.
fn unchecked(drafts: &BTreeMap<String, Coverage>) -> Vec<Input> {
    let mut out = Vec::new();
    for cov in drafts.values() {
        for n in cov.source.numbers() {
            let covered = cov
                .covered
                .iter()
                .any(|r| r.start < n.span.end && n.span.start < r.end);
            if n.kind.is_value() && !covered {
                let text = n.text(cov.source.text()).replace('\n', " ");
                out.push(Input {
                    name: text.clone(),
                    value: text,
                    place: Some(cov.source.place(n.span.clone())),
                });
            }
        }
    }
    out
}

/// The claims files under `paths`, sorted by path, and the paths that do not exist.
pub fn claims_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<RunError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files);
            if files.len() == before {
                errors.push(plain_error(
                    path,
                    "this folder has no claims files (*.json)",
                ));
            }
        } else if path.is_file() {
            files.push(claims::normalize(path));
        } else {
            errors.push(plain_error(path, "no such file or folder"));
        }
    }
    files.sort_by_key(|p| display_path(p));
    files.dedup();
    (files, errors)
}

fn plain_error(path: &Path, message: &str) -> RunError {
    RunError {
        file: display_path(path),
        line: None,
        column: None,
        message: message.to_string(),
        line_text: None,
    }
}

/// Collects `*.json` files below `dir`. Linked folders are not followed, so
/// a link cycle cannot make the walk endless; linked files are taken.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if (kind.is_file() || kind.is_symlink() && path.is_file())
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            out.push(claims::normalize(&path));
        }
    }
}

fn load_error(e: LoadError, text: Option<&str>) -> RunError {
    let line_text = e.position.and_then(|p| {
        text.and_then(|t| t.lines().nth(p.line - 1))
            .map(str::to_string)
    });
    RunError {
        file: e.file,
        line: e.position.map(|p| p.line),
        column: e.position.map(|p| p.column),
        message: e.message,
        line_text,
    }
}

fn check_file(
    path: &Path,
    cache: &mut SourceCache,
    report: &mut Report,
    drafts: &mut BTreeMap<String, Coverage>,
) {
    let file = match claims::load(path) {
        Ok(f) => f,
        Err(e) => {
            let text = std::fs::read_to_string(path).ok();
            report.errors.push(load_error(e, text.as_deref()));
            return;
        }
    };
    let Some(sources) = read_sources(&file, cache, report) else {
        return;
    };
    let mut requests = Resolver::quote_requests(&file);
    requests.extend(Judge::says_requests(&file));
    let quotes = QuoteIndex::build(&requests, &sources);
    if let Some(draft) = file.draft.as_ref().and_then(|d| sources.get(d)) {
        let name = file.draft.clone().unwrap_or_default();
        let cov = drafts
            .entry(draft.doc.name.clone())
            .or_insert_with(|| Coverage {
                source: Rc::clone(draft),
                covered: Vec::new(),
            });
        let says = Judge::says_requests(&file);
        cov.covered.extend(
            says.iter()
                .filter_map(|(_, text)| quotes.get(&name, text))
                .map(|m| m.range.clone()),
        );
    }
    let mut judge = Judge::new(&file, &sources, &quotes);
    for claim in &file.claims {
        report.results.push(judge.judge(claim));
    }
}

/// Reads every source of `file`; a missing one stops the file (exit status 2).
fn read_sources(
    file: &ClaimsFile,
    cache: &mut SourceCache,
    report: &mut Report,
) -> Option<HashMap<String, Rc<Source>>> {
    let mut sources = HashMap::new();
    let mut ok = true;
    for s in &file.sources {
        match cache.get(&s.path) {
            Ok(source) => {
                for note in &source.doc.notes {
                    let line = format!("{}: {note}", source.doc.name);
                    if !report.notes.contains(&line) {
                        report.notes.push(line);
                    }
                }
                sources.insert(s.name.clone(), source);
            }
            Err(e) => {
                let at = file.position(s.span.start);
                report.errors.push(RunError {
                    file: file.name.clone(),
                    line: Some(at.line),
                    column: Some(at.column),
                    message: format!("source `{}`: {e}", s.name),
                    line_text: file.text.lines().nth(at.line - 1).map(str::to_string),
                });
                ok = false;
            }
        }
    }
    ok.then_some(sources)
}
