//! Helpers shared by the integration tests: run the built binary from the
//! crate root with a clean environment, and format what it printed.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The crate root, where relative fixture paths start.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The benchmark `name` of `../shared/benchmarks` (canonical path), or
/// `None` after saying it is skipped when that folder is not here.
pub fn benchmark(name: &str) -> Option<std::path::PathBuf> {
    let dir = root().join("../shared/benchmarks").join(name);
    if dir.join("expected.json").is_file() {
        Some(std::fs::canonicalize(dir).expect("an existing folder"))
    } else {
        eprintln!("skipped: {} is not here", dir.display());
        None
    }
}

/// Runs `claimcheck` with `args` from the crate root, with no inherited
/// environment (so a developer's NO_COLOR or CI settings cannot leak in).
pub fn run(args: &[&str]) -> Output {
    run_with_env(args, &[])
}

/// Like [`run`], with some environment variables set.
pub fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.args(args).current_dir(root()).env_clear();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the claimcheck binary runs")
}

/// Exit status, stdout and stderr as one text for snapshots.
pub fn transcript(out: &Output) -> String {
    format!(
        "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The exit code.
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `claimcheck` with `args` from `cwd`, with only `env` set and
/// `stdin` (if any) on standard input.
pub fn run_at(cwd: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.args(args).current_dir(cwd).env_clear();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the claimcheck binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// A fresh empty folder under the system's temporary folder.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
