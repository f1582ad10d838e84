//! A `check` run: find the claims files, read each one's sources (once per
//! run, and only inside the root), find all quotes of a source in one pass,
//! judge every claim, and collect the outcomes in path order.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::claims::{self, ClaimsFile, LoadError};
use crate::coverage::{self, Drafts};
use crate::document::{ReadOptions, display_path};
use crate::facts::Resolver;
use rayon::prelude::*;

use crate::outcome::{ClaimOutcome, FileId, Report, RunError, SourceNote};
use crate::report::paths::STDIN_NAME;
use crate::root::Roots;
use crate::sources::{Labels, NamedSources, QuoteIndex, Source, SourceCache};
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
    /// The text of the claims file given as `-` (standard input), whose
    /// paths are relative to the current folder.
    pub stdin: Option<String>,
}

/// Checks the claims files at `paths` (files, or folders searched for `*.json`).
pub fn check(paths: &[PathBuf]) -> Report {
    check_with(paths, &CheckOptions::default())
}

/// Like [`check`], with options. The run goes in phases: load every claims
/// file, read every source once (in parallel), find every quote of the run
/// (one pass per source, in parallel), judge every claims file (in
/// parallel), and put the outcomes in path order, so the output is the same
/// whatever the number of threads.
pub fn check_with(paths: &[PathBuf], options: &CheckOptions) -> Report {
    let mut run = Run {
        report: Report::default(),
        errors: Vec::new(),
        cache: SourceCache::default(),
        drafts: Drafts::default(),
        roots: Roots::new(options),
        options,
    };
    let (files, errors) = claims_files(paths);
    run.errors.extend(errors.into_iter().map(|e| (0, e)));
    let loaded: Vec<Loaded> = files
        .iter()
        .enumerate()
        .filter_map(|(i, p)| run.load(i + 1, p))
        .collect();
    run.cache.prefetch(
        loaded.iter().flat_map(|l| l.admitted.iter().cloned()),
        &options.read,
    );
    let ready: Vec<Ready> = loaded.into_iter().filter_map(|l| run.ready(l)).collect();
    let requests = ready.iter().flat_map(Ready::quote_requests).collect();
    let quotes = QuoteIndex::build(requests);
    let outcomes: Vec<Vec<ClaimOutcome>> = ready.par_iter().map(|r| r.judge(&quotes)).collect();
    for (r, claims) in ready.iter().zip(outcomes) {
        let stale = run.drafts.record(&r.file, r.id, &r.sources, &quotes);
        run.report.stale_ignores.extend(stale);
        run.report.claims.extend(claims);
    }
    run.finish()
}

/// A run in progress.
struct Run<'o> {
    report: Report,
    /// Run errors with the position of their claims file in the run, so
    /// they are reported in path order whatever phase found them.
    errors: Vec<(usize, RunError)>,
    cache: SourceCache,
    drafts: Drafts,
    roots: Roots,
    options: &'o CheckOptions,
}

/// A claims file loaded, with its sources admitted to be read.
struct Loaded {
    order: usize,
    file: ClaimsFile,
    /// The paths of its sources, when every one stays inside the root.
    admitted: Vec<PathBuf>,
}

/// A claims file whose sources are read.
struct Ready {
    file: ClaimsFile,
    id: FileId,
    sources: NamedSources,
}

impl Ready {
    /// Every quote and `says` the file needs found, with its source.
    fn quote_requests(&self) -> Vec<(Arc<Source>, String)> {
        let mut requests = Resolver::quote_requests(&self.file);
        requests.extend(Judge::says_requests(&self.file));
        requests.extend(coverage::ignore_requests(&self.file));
        requests
            .into_iter()
            .filter_map(|(name, text)| Some((Arc::clone(self.sources.get(&name)?), text)))
            .collect()
    }

    /// The outcome of every claim of the file.
    fn judge(&self, quotes: &QuoteIndex) -> Vec<ClaimOutcome> {
        let mut judge = Judge::new(&self.file, self.id, &self.sources, quotes);
        self.file.claims.iter().map(|c| judge.judge(c)).collect()
    }
}

/// The claims files under `paths`, sorted by path, each once (by its
/// canonical path), and the paths that do not exist.
pub fn claims_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<RunError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
        } else if path.is_dir() {
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
    /// Loads the claims file at `path` (`-`: the text read from standard
    /// input, whose paths are relative to the current folder) and checks
    /// where its sources lead.
    fn load(&mut self, order: usize, path: &Path) -> Option<Loaded> {
        let stdin = path.as_os_str() == "-";
        if !stdin && let Err(message) = self.roots.admit_claims_file(path) {
            self.errors.push((order, plain_error(path, &message)));
            return None;
        }
        let loaded = if stdin {
            let text = self.options.stdin.clone().unwrap_or_default();
            claims::parse_claims(STDIN_NAME, text, Path::new(""))
        } else {
            claims::load(path)
        };
        let file = match loaded {
            Ok(f) => f,
            Err(e) => {
                self.errors.push((order, load_error(e)));
                return None;
            }
        };
        let admitted = self.admit_sources(order, &file, path)?;
        Some(Loaded {
            order,
            file,
            admitted,
        })
    }

    /// The paths of `file`'s sources, when every one stays inside the root.
    fn admit_sources(
        &mut self,
        order: usize,
        file: &ClaimsFile,
        path: &Path,
    ) -> Option<Vec<PathBuf>> {
        let confinement = match self.roots.for_file(file, path) {
            Ok(c) => c,
            Err((message, span)) => {
                self.file_error(order, file, span.start, message);
                return None;
            }
        };
        let mut admitted = Vec::new();
        for s in &file.sources {
            match confinement.admit(&s.path, &s.written) {
                Ok(()) => admitted.push(s.path.clone()),
                Err(message) => {
                    let message = format!("source `{}`: {message}", s.name);
                    self.file_error(order, file, s.span.start, message);
                }
            }
        }
        (admitted.len() == file.sources.len()).then_some(admitted)
    }

    /// Registers a loaded file and its (already read) sources; a source that
    /// cannot be read stops the file (exit status 2).
    fn ready(&mut self, loaded: Loaded) -> Option<Ready> {
        let Loaded { order, file, .. } = loaded;
        let id = self.report.files.add(Arc::clone(&file.doc));
        let mut sources = HashMap::new();
        let mut ok = true;
        let labels = Labels::new(&file.labels);
        for s in &file.sources {
            match self
                .cache
                .get(&s.path, &labels, &mut self.report.files, &self.options.read)
            {
                Ok(source) => {
                    self.note(&source);
                    sources.insert(s.name.clone(), source);
                }
                Err(e) => {
                    let message = format!("source `{}`: {e}", s.name);
                    self.file_error(order, &file, s.span.start, message);
                    ok = false;
                }
            }
        }
        ok.then_some(Ready { file, id, sources })
    }

    /// A run error at byte `at` of a claims file.
    fn file_error(&mut self, order: usize, file: &ClaimsFile, at: usize, message: String) {
        let error = RunError {
            file: file.name().to_string(),
            position: Some(file.position(at)),
            message,
            line_text: Some(file.line_text(at).to_string()),
        };
        self.errors.push((order, error));
    }

    /// Keeps a source's reading notes, once per source.
    fn note(&mut self, source: &Source) {
        for note in &source.doc.notes {
            let n = SourceNote {
                file: source.id,
                note: note.clone(),
            };
            if !self.report.notes.contains(&n) {
                self.report.notes.push(n);
            }
        }
    }

    /// The report, with run errors in path order and drafts' coverage.
    fn finish(mut self) -> Report {
        self.errors.sort_by_key(|(order, _)| *order);
        self.report.errors = self.errors.into_iter().map(|(_, e)| e).collect();
        let (unchecked, coverage) = self.drafts.finish();
        self.report.unchecked = unchecked;
        self.report.coverage = coverage;
        self.report
    }
}
