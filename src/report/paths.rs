//! Paths as a stable report writes them: relative to the claims file's
//! folder (for several claims files, their common folder), with `/`
//! separators, whatever the current folder and wherever the checkout is.
//! Reports name files as they were reached from the current folder; a
//! [`Rebase`] turns those names into names relative to the base, lexically
//! (`..` where a source lies beside the claims folder).

use std::path::{Component, Path, PathBuf};

/// Rewrites file names from "relative to the current folder" to "relative
/// to the base folder".
#[derive(Clone, Debug)]
pub struct Rebase {
    cwd: PathBuf,
    base: PathBuf,
}

/// The name standard input has in reports.
pub const STDIN_NAME: &str = "<stdin>";

impl Rebase {
    /// The rebase for a run from `cwd` over `claims_files` (as given, or
    /// `-` for standard input, whose paths are relative to `cwd`).
    pub fn new(cwd: &Path, claims_files: &[PathBuf]) -> Rebase {
        let folders: Vec<PathBuf> = claims_files
            .iter()
            .map(|f| {
                if f.as_os_str() == "-" {
                    normal(cwd)
                } else {
                    let abs = absolute(cwd, f);
                    abs.parent().map_or(abs.clone(), Path::to_path_buf)
                }
            })
            .collect();
        let base = common_folder(&folders).unwrap_or_else(|| normal(cwd));
        Rebase {
            cwd: normal(cwd),
            base,
        }
    }

    /// `name` (a path relative to the current folder, or absolute)
    /// relative to the base, with `/` separators.
    pub fn path(&self, name: &str) -> String {
        if name == STDIN_NAME {
            return name.to_string();
        }
        relative(&self.base, &absolute(&self.cwd, Path::new(name)))
    }

    /// A run error's message with the path of a file it could not read
    /// (`cannot read PATH: why`) rebased too.
    pub fn message(&self, message: &str) -> String {
        const READ: &str = "cannot read ";
        let Some(at) = message.find(READ) else {
            return message.to_string();
        };
        let start = at + READ.len();
        let Some(len) = message[start..].find(": ") else {
            return message.to_string();
        };
        let path = &message[start..start + len];
        format!(
            "{}{}{}",
            &message[..start],
            self.path(path),
            &message[start + len..]
        )
    }
}

impl Rebase {
    /// `text` with every whole-word occurrence of one of `names` (file
    /// names as reports write them) rebased, longest names first.
    pub fn names_in(&self, text: &str, names: &[&str]) -> String {
        let mut names: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        let bounded =
            |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "`'\"()[],:;".contains(c));
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        'scan: while !rest.is_empty() {
            let before = out.chars().next_back();
            for name in &names {
                if let Some(after) = rest.strip_prefix(name)
                    && bounded(before)
                    && bounded(after.chars().next())
                {
                    out.push_str(&self.path(name));
                    rest = after;
                    continue 'scan;
                }
            }
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    normal(&cwd.join(path))
}

fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The deepest folder holding all of `folders`.
fn common_folder(folders: &[PathBuf]) -> Option<PathBuf> {
    let (first, rest) = folders.split_first()?;
    let mut common: Vec<Component<'_>> = first.components().collect();
    for f in rest {
        let same = common
            .iter()
            .zip(f.components())
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(same);
    }
    Some(common.iter().collect())
}

/// `target` relative to the folder `base`, both absolute and normal.
fn relative(base: &Path, target: &Path) -> String {
    let b: Vec<Component<'_>> = base.components().collect();
    let t: Vec<Component<'_>> = target.components().collect();
    let same = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let ups = std::iter::repeat_n("..".to_string(), b.len() - same);
    let downs = t[same..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_relative_to_the_claims_folder() {
        let cwd = Path::new("/work/repo");
        let r = Rebase::new(cwd, &[PathBuf::from("claims/a.json")]);
        assert_eq!(r.path("claims/a.json"), "a.json");
        assert_eq!(r.path("sources/s.md"), "../sources/s.md");
        assert_eq!(r.path("claims/../sources/s.md"), "../sources/s.md");
        assert_eq!(r.path("/work/repo/claims/x/y.md"), "x/y.md");
        let inside = Rebase::new(
            Path::new("/elsewhere/repo/claims"),
            &[PathBuf::from("a.json")],
        );
        assert_eq!(inside.path("../sources/s.md"), "../sources/s.md");
    }

    #[test]
    fn several_claims_files_share_their_common_folder() {
        let cwd = Path::new("/r");
        let files = [PathBuf::from("c/x/a.json"), PathBuf::from("c/y/b.json")];
        let r = Rebase::new(cwd, &files);
        assert_eq!(r.path("c/x/a.json"), "x/a.json");
        assert_eq!(r.path("s.md"), "../s.md");
        assert_eq!(r.path(STDIN_NAME), STDIN_NAME);
    }

    #[test]
    fn read_errors_name_the_rebased_path() {
        let r = Rebase::new(Path::new("/r"), &[PathBuf::from("c/a.json")]);
        assert_eq!(
            r.message("source `s`: cannot read c/missing.md: no such file"),
            "source `s`: cannot read missing.md: no such file"
        );
        assert_eq!(r.message("no path here"), "no path here");
        assert_eq!(
            r.names_in(
                "`says` is not in the draft c/d.md; c/d.mdx stays",
                &["c/d.md"]
            ),
            "`says` is not in the draft d.md; c/d.mdx stays"
        );
    }
}
