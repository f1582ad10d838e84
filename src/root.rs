//! Path confinement. Claims files in CI come from anyone's pull request, so
//! nothing outside the project's root folder is read: every claims file and
//! every source must resolve (symbolic links followed) to a path inside it.
//!
//! The root is `--root` when given; for sources, otherwise the claims file's
//! own `root` key (which may only narrow the default); otherwise the nearest
//! folder at or above the claims file that holds `.git`, or, outside a git
//! work tree, the current folder. `--allow-outside-root` lifts the rule.

use std::path::{Path, PathBuf};

use crate::check::CheckOptions;
use crate::claims::{ClaimsFile, normalize};

/// What to tell the user when a path leaves the root.
const HOW_TO_ALLOW: &str =
    "files must stay inside the root folder; see `root`, `--root` and `--allow-outside-root`";

/// The roots of a run.
pub struct Roots {
    given: Option<PathBuf>,
    allow_outside: bool,
    cwd: PathBuf,
}

impl Roots {
    /// The roots `options` ask for.
    pub fn new(options: &CheckOptions) -> Roots {
        let cwd = std::env::current_dir().unwrap_or_default();
        Roots {
            given: options.root.as_ref().map(|r| absolute(&cwd, r)),
            allow_outside: options.allow_outside_root,
            cwd,
        }
    }

    /// The root of a claims file at `path` when no `--root` is given.
    fn default_root(&self, path: &Path) -> PathBuf {
        let abs = absolute(&self.cwd, path);
        abs.parent()
            .into_iter()
            .flat_map(Path::ancestors)
            .find(|dir| dir.join(".git").exists())
            .map_or_else(|| self.cwd.clone(), Path::to_path_buf)
    }

    fn confinement(&self, root: PathBuf) -> Confinement {
        Confinement {
            root: (!self.allow_outside).then_some(root),
            cwd: self.cwd.clone(),
        }
    }

    /// Whether a file named on the command line (a source of `trace`, the
    /// draft and sources of `init` and `audit`) may be read: inside `--root`,
    /// or by default the git work tree holding the current folder (else the
    /// current folder), unless `--allow-outside-root`.
    pub fn admit_input(&self, path: &Path) -> Result<(), String> {
        let root = self.given.clone().unwrap_or_else(|| {
            self.cwd
                .ancestors()
                .find(|dir| dir.join(".git").exists())
                .map_or_else(|| self.cwd.clone(), Path::to_path_buf)
        });
        let written = crate::document::display_path(path);
        self.confinement(root).admit(path, &written)
    }

    /// Whether the claims file at `path` may be read.
    pub fn admit_claims_file(&self, path: &Path) -> Result<(), String> {
        let root = self
            .given
            .clone()
            .unwrap_or_else(|| self.default_root(path));
        let written = crate::document::display_path(path);
        self.confinement(root)
            .admit(path, &written)
            .map_err(|m| format!("the claims file {m}"))
    }

    /// The confinement of `file`'s sources, or why its `root` key is refused
    /// (with the key's byte range in the file).
    pub fn for_file(
        &self,
        file: &ClaimsFile,
        path: &Path,
    ) -> Result<Confinement, (String, std::ops::Range<usize>)> {
        if let Some(given) = &self.given {
            return Ok(self.confinement(given.clone()));
        }
        let default = self.default_root(path);
        let Some(root) = &file.root else {
            return Ok(self.confinement(default));
        };
        let wanted = absolute(&self.cwd, &root.value);
        if !wanted.is_dir() {
            return Err(("`root` is not a folder".to_string(), root.span.clone()));
        }
        if self.confinement(default).admit(&wanted, "").is_err() {
            let message = "`root` must stay inside the project folder (the git work tree, or the current folder); `--root` overrides it";
            return Err((message.to_string(), root.span.clone()));
        }
        Ok(self.confinement(wanted))
    }
}

/// The folder one claims file's sources must stay inside.
pub struct Confinement {
    /// `None` when `--allow-outside-root` lifts the rule.
    root: Option<PathBuf>,
    cwd: PathBuf,
}

impl Confinement {
    /// Whether `path` (written as `written`) stays inside the root: first as
    /// written (`..`, absolute paths), then resolved (symbolic links). A path
    /// that leaves it as written is refused without looking at it.
    pub fn admit(&self, path: &Path, written: &str) -> Result<(), String> {
        let Some(root) = &self.root else {
            return Ok(());
        };
        let abs = absolute(&self.cwd, path);
        if !abs.starts_with(root) {
            let how = if Path::new(written).is_absolute() {
                "is an absolute path outside the root folder"
            } else {
                "leaves the root folder"
            };
            return Err(format!("`{written}` {how}; {HOW_TO_ALLOW}"));
        }
        let (Ok(real), Ok(real_root)) = (std::fs::canonicalize(&abs), std::fs::canonicalize(root))
        else {
            // A missing file is reported when it is read.
            return Ok(());
        };
        if real.starts_with(&real_root) {
            Ok(())
        } else {
            Err(format!(
                "`{written}` leads outside the root folder through a symbolic link; {HOW_TO_ALLOW}"
            ))
        }
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    normalize(&cwd.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confined(root: &str) -> Confinement {
        Confinement {
            root: Some(PathBuf::from(root)),
            cwd: PathBuf::from("/project"),
        }
    }

    #[test]
    fn paths_that_leave_the_root_as_written_are_refused() {
        let c = confined("/project");
        let e = c
            .admit(Path::new("claims/../../etc/passwd"), "../../etc/passwd")
            .unwrap_err();
        assert!(
            e.starts_with("`../../etc/passwd` leaves the root folder"),
            "{e}"
        );
        let e = c
            .admit(Path::new("/proc/self/environ"), "/proc/self/environ")
            .unwrap_err();
        assert!(
            e.contains("is an absolute path outside the root folder"),
            "{e}"
        );
        assert!(
            c.admit(Path::new("sources/a.md"), "../sources/a.md")
                .is_ok()
        );
    }

    #[test]
    fn allow_outside_root_lifts_the_rule() {
        let c = Confinement {
            root: None,
            cwd: PathBuf::from("/project"),
        };
        assert!(c.admit(Path::new("/etc/passwd"), "/etc/passwd").is_ok());
    }
}
