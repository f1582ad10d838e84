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
use crate::outcome::{FileId, Report, RunError, SourceNote};
use crate::report::paths::STDIN_NAME;
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
    /// The text of the claims file given as `-` (standard input), whose
    /// paths are relative to the current folder.
    pub stdin: Option<String>,
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
        drafts: Drafts::default(),
        roots: Roots::new(options),
        options,
    };
    let (files, errors) = claims_files(paths);
    run.report.errors.extend(errors);
    for file in files {
        run.check_file(&file);
    }
    let (unchecked, coverage) = run.drafts.finish();
    run.report.unchecked = unchecked;
    run.report.coverage = coverage;
    run.report
}

/// A run in progress.
struct Run<'o> {
    report: Report,
    cache: SourceCache,
    drafts: Drafts,
    roots: Roots,
    options: &'o CheckOptions,
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
    fn check_file(&mut self, path: &Path) {
        // Standard input is read by the caller; its paths are relative to the current folder.
        let stdin = path.as_os_str() == "-";
        if !stdin && let Err(message) = self.roots.admit_claims_file(path) {
            self.report.errors.push(plain_error(path, &message));
            return;
        }
        let loaded = if stdin {
            let text = self.options.stdin.clone().unwrap_or_default();
            claims::parse_claims(STDIN_NAME, text, Path::new(""))
        } else {
            claims::load(path)
        };
        let file = match loaded {
            Ok(f) => f,
            Err(e) => return self.report.errors.push(load_error(e)),
        };
        let file_id = self.report.files.add(Arc::clone(&file.doc));
        let Some(sources) = self.read_sources(&file, path) else {
            return;
        };
        let mut requests = Resolver::quote_requests(&file);
        requests.extend(Judge::says_requests(&file));
        requests.extend(coverage::ignore_requests(&file));
        let quotes = QuoteIndex::build(&requests, &sources);
        let stale = self.drafts.record(&file, file_id, &sources, &quotes);
        self.report.stale_ignores.extend(stale);
        let mut judge = Judge::new(&file, file_id, &sources, &quotes);
        for claim in &file.claims {
            self.report.claims.push(judge.judge(claim));
        }
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
