//! Running the built `claimcheck` as a child process and measuring it: wall
//! time and the child's own peak resident memory (from `wait4`'s rusage),
//! and the baseline every ratio is taken against: a `regex` `\d+` count over
//! the same bytes, read from the same files, in this process.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of the binary cost.
#[derive(Clone, Copy, Debug)]
pub struct Cost {
    pub wall: Duration,
    /// Peak resident set size, in bytes.
    pub peak: u64,
    pub exit: i32,
}

/// The built binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimcheck"))
}

/// The argument that makes a bench binary a measuring runner.
const RUNNER: &str = "__measure-child";

/// Runs `claimcheck args…` in `dir`, output discarded, and measures it.
///
/// The measuring is done by a fresh copy of this bench binary: a child's
/// peak memory (`ru_maxrss`) starts from the memory of whoever spawned it,
/// and the bench itself holds the generated inputs. The runner is small.
pub fn measure(dir: &Path, args: &[&str]) -> Cost {
    let out = Command::new(std::env::current_exe().expect("the bench binary"))
        .arg(RUNNER)
        .arg(binary())
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::inherit())
        .output()
        .expect("the runner starts");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text
        .split_whitespace()
        .map(|f| f.parse::<u64>().expect("a number"));
    let mut next = || fields.next().expect("wall, peak and exit");
    let cost = Cost {
        wall: Duration::from_nanos(next()),
        peak: next(),
        exit: next() as i32 - 1,
    };
    // 0, 1 and 2 are verdicts; anything else (101 is a panic) is a bug the
    // figures must not hide.
    assert!(
        (0..=2).contains(&cost.exit),
        "claimcheck {args:?} in {} exited {}",
        dir.display(),
        cost.exit
    );
    cost
}

/// When this binary was started as a runner: runs the command it was
/// given, prints its wall time (ns), peak RSS (bytes) and exit code + 1,
/// and exits. Call first thing in `main`.
pub fn runner() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) != Some(RUNNER) {
        return;
    }
    let start = Instant::now();
    // Reaped by wait4 below, which also gives the child's own peak memory.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(&args[2])
        .args(&args[3..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("claimcheck starts");
    let (status, peak) = wait_with_rusage(child.id());
    println!("{} {peak} {}", start.elapsed().as_nanos(), status + 1);
    std::process::exit(0);
}

/// Waits for process `pid`; its exit code and peak RSS in bytes.
fn wait_with_rusage(pid: u32) -> (i32, u64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 fills `status` and `usage` for our own child.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4 waited for the child");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as u64 * 1024)
}

/// The baseline: read every file under `dir` with extension `ext` and count
/// `\d+` matches; best of `runs`.
pub fn baseline(dir: &Path, ext: &str, runs: usize) -> Duration {
    let digits = regex::Regex::new(r"\d+").expect("valid regex");
    let files = files(dir, ext);
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let mut n = 0;
            for f in &files {
                let text = std::fs::read_to_string(f).expect("readable");
                n += digits.find_iter(&text).count();
            }
            std::hint::black_box(n);
            start.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// Files under `dir` with extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The best of `runs` measurements (least wall time), with the highest peak.
pub fn best_of(runs: usize, mut f: impl FnMut() -> Cost) -> Cost {
    let costs: Vec<Cost> = (0..runs).map(|_| f()).collect();
    let mut best = *costs.iter().min_by_key(|c| c.wall).expect("a run");
    best.peak = costs.iter().map(|c| c.peak).max().unwrap_or(0);
    best
}

/// Megabytes.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// A scratch folder for generated inputs, kept between runs.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
