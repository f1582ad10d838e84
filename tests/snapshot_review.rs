//! `check --snapshot FILE`: the review workflow (a missing or different
//! snapshot is a diff and exit 1, `--accept` writes it, an up-to-date one
//! exits as the verdicts say) and the snapshot's stability: byte-identical
//! from another working directory and another checkout path.

mod common;

use std::path::{Path, PathBuf};

use common::{code, run_at, stdout, temp_dir};

/// A checkout with the claims in `claims/` and the sources in `docs/`, made
/// from the `mismatch-value` case, under `parent`.
fn checkout(parent: &Path) -> PathBuf {
    let case = common::root().join("tests/cases/mismatch-value");
    let repo = parent.join("repo");
    std::fs::create_dir_all(repo.join("claims")).unwrap();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    for doc in ["draft.md", "filing.md"] {
        std::fs::copy(case.join(doc), repo.join("docs").join(doc)).unwrap();
    }
    let claims = std::fs::read_to_string(case.join("claims.json"))
        .unwrap()
        .replace("\"filing.md\"", "\"../docs/filing.md\"")
        .replace("\"draft.md\"", "\"../docs/draft.md\"")
        .replace(
            "\"claims\": [",
            "\"claims\": [\n    { \"id\": \"gone\", \"says\": \"not in the draft {5%}\", \"check\": \"rev[0]\" },",
        );
    std::fs::write(repo.join("claims/article.json"), claims).unwrap();
    repo
}

#[test]
fn the_snapshot_is_byte_identical_from_another_folder_and_checkout() {
    let a = checkout(&temp_dir("snap-a"));
    let b = checkout(&temp_dir("snap-b").join("deeper/path"));
    let accept = ["check", "--accept", "--snapshot"];
    // From the checkout's root, and from inside its claims folder.
    let first = run_at(
        &a,
        &[&accept[..], &["claims/article.snap", "claims/article.json"]].concat(),
        &[],
        None,
    );
    assert_eq!(
        code(&first),
        1,
        "the case has a mismatch: {}",
        stdout(&first)
    );
    let second = run_at(
        &b.join("claims"),
        &[&accept[..], &["article.snap", "article.json"]].concat(),
        &[],
        None,
    );
    assert_eq!(code(&second), 1);
    // From above the checkout, naming the folder.
    let parent = b.parent().unwrap();
    let third = run_at(
        parent,
        &[&accept[..], &["third.snap", "repo/claims"]].concat(),
        &[],
        None,
    );
    assert_eq!(code(&third), 1);
    let bytes = |p: PathBuf| std::fs::read(p).unwrap();
    let snap = bytes(a.join("claims/article.snap"));
    assert_eq!(snap, bytes(b.join("claims/article.snap")));
    assert_eq!(snap, bytes(parent.join("third.snap")));
    let text = String::from_utf8(snap).unwrap();
    assert!(!text.contains('\r') && !text.contains('\\') && !text.contains(a.to_str().unwrap()));
    assert!(text.contains("at: ../docs/draft.md:"), "{text}");
    assert!(text.contains("\n== article.json\n"), "{text}");
    assert!(
        text.contains("is not in the draft ../docs/draft.md"),
        "{text}"
    );
}

#[test]
fn a_missing_or_different_snapshot_is_a_diff_and_accept_writes_it() {
    let repo = checkout(&temp_dir("snap-review"));
    let args = |extra: &[&'static str]| -> Vec<&'static str> {
        [
            &["check", "--snapshot", "claims/article.snap"][..],
            extra,
            &["claims/article.json"],
        ]
        .concat()
    };
    let missing = run_at(&repo, &args(&[]), &[], None);
    assert_eq!(code(&missing), 1);
    let text = stdout(&missing);
    assert!(
        text.contains("--- claims/article.snap (missing)") && text.contains("\n+claim "),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    assert!(
        !repo.join("claims/article.snap").exists(),
        "comparing writes nothing"
    );
    let accepted = run_at(&repo, &args(&[]), &[("CLAIMCHECK_ACCEPT", "1")], None);
    assert_eq!(
        code(&accepted),
        1,
        "exit as the verdicts say: {}",
        stdout(&accepted)
    );
    let same = run_at(&repo, &args(&[]), &[], None);
    assert_eq!(code(&same), 1, "up to date: the verdicts decide");
    assert!(stdout(&same).starts_with("the snapshot claims/article.snap is up to date\n"));
    let ok = run_at(&repo, &args(&["--fail-on", "error"]), &[], None);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
    // The draft changes: the diff shows the claim that moved, in colour if asked.
    let draft = repo.join("docs/draft.md");
    let changed = std::fs::read_to_string(&draft)
        .unwrap()
        .replacen("186%", "87%", 1);
    std::fs::write(&draft, changed).unwrap();
    let diff = run_at(
        &repo,
        &args(&["--fail-on", "error", "--color", "always"]),
        &[],
        None,
    );
    assert_eq!(
        code(&diff),
        1,
        "a difference fails even when the verdicts pass"
    );
    let text = stdout(&diff);
    assert!(
        text.contains("\u{1b}[31m-") && text.contains("\u{1b}[32m+"),
        "{text}"
    );
    let written = run_at(&repo, &args(&["--accept", "--fail-on", "error"]), &[], None);
    assert_eq!(code(&written), 0);
}

#[test]
fn snapshot_of_the_bundled_examples() {
    let dir = temp_dir("snap-bundled");
    let file = dir.join("bundled.snap");
    let out = run_at(
        common::root(),
        &["check", "--snapshot", file.to_str().unwrap(), "--accept"],
        &[],
        None,
    );
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!(std::fs::read_to_string(&file).unwrap());
}

#[test]
fn snapshot_of_an_error_run() {
    let dir = temp_dir("snap-errors");
    let file = dir.join("errors.snap");
    let out = run_at(
        common::root(),
        &[
            "check",
            "--snapshot",
            file.to_str().unwrap(),
            "--accept",
            "--require-coverage",
            "90",
            "tests/cases/file-missing-source/claims.json",
            "tests/cases/ignore-waivers/claims.json",
            "tests/fixtures/injection/claims.json",
        ],
        &[],
        None,
    );
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!(std::fs::read_to_string(&file).unwrap());
}
