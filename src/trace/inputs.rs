//! Documents named on the command line of `trace`, `init` and `audit`:
//! `NAME=PATH` (or a bare `PATH`, named after its file), each admitted by the
//! same root confinement as `check` ([`crate::root::Roots`]) before it is read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::CheckOptions;
use crate::claims::valid_fact_name;
use crate::document::Document;
use crate::outcome::Files;
use crate::root::Roots;
use crate::sources::Source;

/// A document to read, by the name the claims file will give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// Its name (`in` of the facts).
    pub name: String,
    /// Its path, as given.
    pub path: PathBuf,
}

/// `NAME=PATH`, or a bare `PATH` named after its file's stem.
pub fn parse_named(spec: &str) -> Result<Named, String> {
    if let Some((name, path)) = spec.split_once('=')
        && valid_source_name(name)
    {
        return Ok(Named {
            name: name.to_string(),
            path: PathBuf::from(path),
        });
    }
    let path = PathBuf::from(spec);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name
    } else {
        format!("s_{name}")
    };
    Ok(Named { name, path })
}

/// Whether `name` is a source name the claims file accepts: `[A-Za-z_][A-Za-z0-9_-]*`.
pub fn valid_source_name(name: &str) -> bool {
    valid_fact_name(&name.replace('-', "_"))
}

/// Documents read for a command, registered in one [`Files`].
#[derive(Default)]
pub struct Read {
    /// The files read, for positions.
    pub files: Files,
    /// The sources by name, in the order given.
    pub sources: Vec<(String, Arc<Source>)>,
}

impl Read {
    /// Reads `named` (after checking each stays inside the root), giving
    /// the first failure as a message.
    pub fn new(named: &[Named], options: &CheckOptions) -> Result<Read, String> {
        let roots = Roots::new(options);
        let mut read = Read::default();
        for n in named {
            if read.sources.iter().any(|(name, _)| *name == n.name) {
                return Err(format!("the name `{}` is given twice", n.name));
            }
            read.add(&roots, n, options)?;
        }
        Ok(read)
    }

    fn add(&mut self, roots: &Roots, n: &Named, options: &CheckOptions) -> Result<(), String> {
        roots.admit_input(&n.path)?;
        let doc = Document::read_with(&n.path, &options.read).map_err(|e| e.to_string())?;
        let doc = Arc::new(doc);
        let id = self.files.add(Arc::clone(&doc));
        self.sources
            .push((n.name.clone(), Arc::new(Source::new(doc, id))));
        Ok(())
    }

    /// The source called `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<Source>> {
        self.sources.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

/// `path` made absolute against the current folder, `.` and `..` resolved.
pub fn absolute(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::claims::normalize(&cwd.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_flag_or_the_file() {
        let n = parse_named("prospectus=sources/a.md").unwrap();
        assert_eq!(
            (n.name.as_str(), n.path.as_path()),
            ("prospectus", Path::new("sources/a.md"))
        );
        assert_eq!(
            parse_named("sources/tianshu-news.md").unwrap().name,
            "tianshu-news"
        );
        assert_eq!(
            parse_named("x/2024 report.txt").unwrap().name,
            "s_2024_report"
        );
        assert_eq!(parse_named("C:=x").unwrap().name, "C__x");
    }
}
