//! A `check` run: find the claims files, read each one's sources (once per
//! run, and only inside the root), find all quotes of a source in one pass,
//! judge every claim, and collect the outcomes in path order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::claims::{self, ClaimsFile, LoadError};
use crate::document::{ReadOptions, display_path};
use crate::facts::Resolver;
use crate::outcome::{FileId, Report, RunError, SourceNote, Span};
use crate::root::{Confinement, Roots};
use crate::sources::{NamedSources, QuoteIndex, Source, SourceCache};
use crate::verdict::Judge;

/// How a run reads its inputs.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The folder every file must stay inside (`--root`); `None` for each
    /// claims file's default (its `root`, its git work tree, the current folder).
    pub root: Option<PathBuf>,
    /// Read sources outside the root too (`--allow-outside-root`).
    pub allow_outside_root: bool,
    /// How sources are read (`--max-source-size`, `--encoding`).
    pub read: ReadOptions,
}


/// Checks the claims files at `paths` (files, or folders searched for `*.json`).
pub fn check(paths: &[PathBuf]) -> Report {
    check_with(paths, &CheckOptions::default())
}

/// Like [`check`], with options.
pub fn check_with(paths: &[PathBuf], options: &CheckOptions) -> Report {
    let mut run = Run {
        report: Report::default(),
        cache: SourceCache::default(),
        drafts: BTreeMap::new(),
        roots: Roots::new(options),
        options,
    };
    let (files, errors) = claims_files(paths);
    run.report.errors.extend(errors);
    for file in files {
        run.check_file(&file);
    }
    run.report.unchecked = unchecked(&run.drafts);
    run.report
}

/// A run in progress.
struct Run<'o> {
    report: Report,
    cache: SourceCache,
    drafts: BTreeMap<String, Coverage>,
    roots: Roots,
    options: &'o CheckOptions,
}

/// A draft and the parts of it that claims' `says` cover.
struct Coverage {
    source: Arc<Source>,
    covered: Vec<Range<usize>>,
}

/// The figures of each draft that no claim's `says` covers. Years, dates,
/// ordinals and labels are not figures.
fn unchecked(drafts: &BTreeMap<String, Coverage>) -> Vec<Span> {
    let mut out = Vec::new();
    for cov in drafts.values() {
        let covered = Covered::new(cov.covered.clone());
        for n in cov.source.numbers() {
            if n.kind.is_value() && !covered.overlaps(&n.span) {
                out.push(cov.source.span(n.span.clone()));
            }
        }
    }
    out
}

/// Ranges sorted by start, with the furthest end reached so far, so that
/// "does a range overlap any of them" is a binary search.
struct Covered {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Covered {
    fn new(mut ranges: Vec<Range<usize>>) -> Covered {
        ranges.sort_by_key(|r| r.start);
        let mut furthest = 0;
        let reach = ranges
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        Covered {
            starts: ranges.iter().map(|r| r.start).collect(),
            reach,
        }
    }

    fn overlaps(&self, r: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&s| s < r.end);
        before_end > 0 && self.reach[before_end - 1] > r.start
    }
}

/// The claims files under `paths`, sorted by path, each once (by its
/// canonical path), and the paths that do not exist.
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
    let mut seen = HashSet::new();
    files.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (files, errors)
}

fn plain_error(path: &Path, message: &str) -> RunError {
    RunError {
        file: display_path(path),
        position: None,
        message: message.to_string(),
        line_text: None,
    }
}

/// Collects `*.json` files below `dir`. Linked folders are not followed, so
/// a link cycle cannot make the walk endless; linked files are taken (and
/// must lead inside the root).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if kind.is_dir() {
            walk(&path, out);
        } else if json && (kind.is_file() || kind.is_symlink()) {
            out.push(claims::normalize(&path));
        }
    }
}

fn load_error(e: LoadError) -> RunError {
    RunError {
        file: e.file,
        position: e.position,
        message: e.message,
        line_text: e.line_text,
    }
}

impl Run<'_> {
    fn check_file(&mut self, path: &Path) {
        if let Err(message) = self.roots.admit_claims_file(path) {
            self.report.errors.push(plain_error(path, &message));
            return;
        }
        let file = match claims::load(path) {
            Ok(f) => f,
            Err(e) => return self.report.errors.push(load_error(e)),
        };
        let file_id = self.report.files.add(Arc::clone(&file.doc));
        let Some(sources) = self.read_sources(&file, path) else {
            return;
        };
        let mut requests = Resolver::quote_requests(&file);
        requests.extend(Judge::says_requests(&file));
        let quotes = QuoteIndex::build(&requests, &sources);
        self.cover_draft(&file, &sources, &quotes);
        let mut judge = Judge::new(&file, file_id, &sources, &quotes);
        for claim in &file.claims {
            self.report.claims.push(judge.judge(claim));
        }
    }

    /// Records which parts of the draft the file's `says` cover.
    fn cover_draft(&mut self, file: &ClaimsFile, sources: &NamedSources, quotes: &QuoteIndex) {
        let Some((name, draft)) = file
            .draft
            .as_ref()
            .and_then(|d| sources.get(d).map(|s| (d, s)))
        else {
            return;
        };
        let cov = self
            .drafts
            .entry(draft.name().to_string())
            .or_insert_with(|| Coverage {
                source: Arc::clone(draft),
                covered: Vec::new(),
            });
        let says = Judge::says_requests(file);
        cov.covered.extend(
            says.iter()
                .filter_map(|(_, text)| quotes.get(name, text))
                .map(|m| m.range.clone()),
        );
    }

    /// Reads every source of `file`; one that cannot be read (or leaves the
    /// root) stops the file (exit status 2).
    fn read_sources(&mut self, file: &ClaimsFile, path: &Path) -> Option<NamedSources> {
        let confinement = match self.roots.for_file(file, path) {
            Ok(c) => c,
            Err((message, span)) => {
                self.file_error(file, span.start, message);
                return None;
            }
        };
        let mut sources = HashMap::new();
        let mut ok = true;
        for s in &file.sources {
            match self.read_source(&confinement, s) {
                Ok(source) => {
                    self.note(&source);
                    sources.insert(s.name.clone(), source);
                }
                Err(message) => {
                    self.file_error(
                        file,
                        s.span.start,
                        format!("source `{}`: {message}", s.name),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(sources)
    }

    /// A run error at byte `at` of a claims file.
    fn file_error(&mut self, file: &ClaimsFile, at: usize, message: String) {
        self.report.errors.push(RunError {
            file: file.name().to_string(),
            position: Some(file.position(at)),
            message,
            line_text: Some(file.line_text(at).to_string()),
        });
    }

    fn read_source(
        &mut self,
        confinement: &Confinement,
        s: &claims::SourceRef,
    ) -> Result<Arc<Source>, String> {
        confinement.admit(&s.path, &s.written)?;
        self.cache
            .get(&s.path, &mut self.report.files, &self.options.read)
            .map_err(|e| e.to_string())
    }

    /// Keeps a source's reading notes, once per source.
    fn note(&mut self, source: &Source) {
        let id: FileId = source.id;
        for note in &source.doc.notes {
            let n = SourceNote {
                file: id,
                note: note.clone(),
            };
            if !self.report.notes.contains(&n) {
                self.report.notes.push(n);
            }
        }
    }
}
