//! The naming rules of claims files (sources, facts), path normalisation,
//! and the "did you mean" suggestions of their messages. One rule per kind
//! of name, used by the loader, the schema and the suggestions alike.

use std::path::{Path, PathBuf};

use super::SourceRef;

/// The source a quote fact reads when `in` is left out: the only source,
/// or the only one besides the draft.
pub(crate) fn default_source(sources: &[SourceRef], draft: Option<&str>) -> Option<String> {
    let others: Vec<&SourceRef> = sources
        .iter()
        .filter(|s| Some(s.name.as_str()) != draft)
        .collect();
    match (sources, others.as_slice()) {
        ([only], _) => Some(only.name.clone()),
        (_, [only]) => Some(only.name.clone()),
        _ => None,
    }
}

/// "unknown source `x`", with a suggestion or the list of sources.
pub(crate) fn unknown_source_message(name: &str, sources: &[SourceRef]) -> String {
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    let mut message = format!("unknown source `{name}`");
    match closest(name, &names) {
        Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
        None => message.push_str(&format!(
            "; the sources are {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    message
}

/// The candidate most like `word`, when one is close enough.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Removes `.` and resolves `..` lexically, so `claims/../sources/a.md`
/// is shown as `sources/a.md` (symbolic links are not followed).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// Whether `name` can name a source: `[A-Za-z_][A-Za-z0-9_-]*`.
pub(crate) fn valid_source_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether `name` can name a fact (and so be used in an expression):
/// `[A-Za-z_][A-Za-z0-9_]*`.
pub fn valid_fact_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
