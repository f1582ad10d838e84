//! What CI systems and editors' tools run: the GitHub Action and the
//! pre-commit hook (their commands run as written), the step summary,
//! `--quiet`, `--fail-on`, `--require-coverage`, a claims file on standard
//! input, shell completions and the man page.

mod common;

use std::path::Path;

use common::{code, run, run_at, run_with_env, stdout, temp_dir, transcript};
use yaml_rust2::{Yaml, YamlLoader};

fn yaml(file: &str) -> Yaml {
    let text = std::fs::read_to_string(common::root().join(file)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// `${{ inputs.NAME }}` replaced by the input's value (given, or its default).
fn expand(text: &str, action: &Yaml, given: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, input) in action["inputs"].as_hash().unwrap() {
        let name = name.as_str().unwrap();
        let default = input["default"].as_str().unwrap_or("");
        let value = given
            .iter()
            .find(|(k, _)| *k == name)
            .map_or(default, |(_, v)| v);
        out = out.replace(&format!("${{{{ inputs.{name} }}}}"), value);
    }
    out
}

/// Runs one step's script with bash as the runner would, with the built
/// binary on PATH; gives the exit code and stdout.
fn run_step(step: &Yaml, action: &Yaml, given: &[(&str, &str)], summary: &Path) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_claimcheck"))
        .parent()
        .unwrap();
    let mut cmd = std::process::Command::new("bash");
    cmd.args([
        "-e",
        "-c",
        &expand(step["run"].as_str().unwrap(), action, given),
    ])
    .current_dir(common::root())
    .env_clear()
    .env(
        "PATH",
        format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
    )
    .env("GITHUB_ACTION_PATH", common::root())
    .env("GITHUB_STEP_SUMMARY", summary);
    if let Some(env) = step["env"].as_hash() {
        for (k, v) in env {
            cmd.env(
                k.as_str().unwrap(),
                expand(v.as_str().unwrap(), action, given),
            );
        }
    }
    let out = cmd.output().unwrap();
    (code(&out), stdout(&out))
}

#[test]
fn the_github_action_runs_valid_claimcheck_commands() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let named = |n: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str() == Some(n))
            .unwrap()
    };
    assert!(
        named("Install claimcheck")["run"]
            .as_str()
            .unwrap()
            .contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\"")
    );
    let upload = named("Upload the SARIF report");
    assert!(
        upload["uses"]
            .as_str()
            .unwrap()
            .starts_with("github/codeql-action/upload-sarif@")
    );
    let dir = temp_dir("action");
    let summary = dir.join("summary.md");
    let (status, out) = run_step(named("Install claimcheck"), &action, &[], &summary);
    assert_eq!(status, 0, "{out}");
    let sarif = dir.join("claims.sarif");
    let given = [("sarif", "true"), ("sarif-file", sarif.to_str().unwrap())];
    let (status, out) = run_step(named("Write the SARIF report"), &action, &given, &summary);
    assert_eq!(status, 0, "findings do not stop the SARIF step: {out}");
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        expand(
            upload["with"]["sarif_file"].as_str().unwrap(),
            &action,
            &given
        ),
        sarif.to_str().unwrap()
    );
    let (status, out) = run_step(named("Check the claims"), &action, &[], &summary);
    assert_eq!(status, 1, "the bundled drafts have mistakes: {out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=sources/drafts/")),
        "{out}"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("## claimcheck\n") && written.contains("| draft | figures |"),
        "{written}"
    );
    let relaxed = [
        ("args", "--fail-on error"),
        ("paths", "claims/northwind.json claims/tianshu.json"),
    ];
    let (status, _) = run_step(named("Check the claims"), &action, &relaxed, &summary);
    assert_eq!(status, 0, "--fail-on error: no claim is an error");
}

#[test]
fn the_pre_commit_hook_runs_claimcheck_check() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("claimcheck"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "claimcheck");
    let out = run(&entry[1..]);
    assert_eq!(
        code(&out),
        1,
        "checks claims/ and finds the deliberate mistakes: {}",
        transcript(&out)
    );
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(
        files.is_match("claims/tianshu.json") && files.is_match("sources/drafts/tianshu-draft.md")
    );
}

#[test]
fn the_github_format_appends_the_summary_when_asked() {
    let dir = temp_dir("step-summary");
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let env = [("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())];
    let out = run_with_env(
        &[
            "check",
            "--format",
            "github",
            "tests/cases/undecided/claims.json",
        ],
        &env,
    );
    assert_eq!(code(&out), 1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## claimcheck\n"), "{text}");
    assert!(text.contains("⚠️ **"), "{text}");
    let json = run_with_env(
        &[
            "check",
            "--format",
            "json",
            "tests/cases/undecided/claims.json",
        ],
        &env,
    );
    assert_eq!(code(&json), 1);
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        text,
        "only --format github writes it"
    );
}

#[test]
fn quiet_prints_the_summary_only() {
    let out = run(&["check", "--quiet"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("103 claims: ") && text.contains("draft figures checked"),
        "{text}"
    );
}

#[test]
fn fail_on_chooses_the_verdicts_that_fail() {
    let undecided = "tests/cases/undecided/claims.json";
    assert_eq!(code(&run(&["check", undecided])), 1);
    assert_eq!(
        code(&run(&["check", "--fail-on", "mismatch,error", undecided])),
        0
    );
    assert_eq!(
        code(&run(&["check", "--fail-on", "undecided", undecided])),
        1
    );
    let stale = "tests/cases/ignore-waivers/claims.json";
    assert_eq!(
        code(&run(&["check", "--fail-on", "mismatch", stale])),
        0,
        "stale waivers are not-found"
    );
    assert_eq!(code(&run(&["check", "--fail-on", "not-found", stale])), 1);
    let broken = run(&[
        "check",
        "--fail-on",
        "mismatch",
        "tests/cases/file-missing-source/claims.json",
    ]);
    assert_eq!(code(&broken), 2, "a run error stays exit 2");
    let bad = run(&["check", "--fail-on", "ok"]);
    assert_eq!(code(&bad), 2);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a verdict"));
}

#[test]
fn require_coverage_fails_a_draft_with_too_few_checked_figures() {
    // 3 of the 5 figures not waived are checked: 60%.
    let path = "tests/cases/ignore-waivers/claims.json";
    let with = |pct: &str| {
        run(&[
            "check",
            "--fail-on",
            "mismatch",
            "--require-coverage",
            pct,
            path,
        ])
    };
    assert_eq!(code(&with("60")), 0, "{}", transcript(&with("60")));
    let short = with("60.5");
    assert_eq!(code(&short), 1);
    let text = stdout(&short);
    assert!(text.contains("error: claims cover 60% of the figures of tests/cases/ignore-waivers/draft.md, less than the required 60.5%"), "{text}");
    assert!(
        text.contains("; 3 of 7 draft figures checked, 2 waived;"),
        "{text}"
    );
    assert_eq!(code(&run(&["check", "--require-coverage", "101", path])), 2);
}

#[test]
fn a_claims_file_on_standard_input() {
    let case = common::root().join("tests/cases/ok-all");
    let claims = std::fs::read(case.join("claims.json")).unwrap();
    let out = run_at(
        &case,
        &["check", "--format", "json", "-"],
        &[],
        Some(&claims),
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["results"][0]["file"], "<stdin>");
    assert_eq!(report["results"][0]["stated_at"]["file"], "draft.md");
    // Paths are relative to the current folder, not to any claims file.
    let elsewhere = run_at(common::root(), &["check", "-"], &[], Some(&claims));
    assert_eq!(code(&elsewhere), 2, "{}", transcript(&elsewhere));
    assert!(stdout(&elsewhere).contains("<stdin>"));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        let text = stdout(&out);
        assert!(
            text.contains("claimcheck") && text.contains("require-coverage"),
            "{shell}"
        );
    }
    assert_eq!(code(&run(&["completions", "tcsh"])), 2);
    let man = stdout(&run(&["man"]));
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq") || man.contains(".TH claimcheck 1"),
        "{man}"
    );
    assert!(man.contains("completions"));
    let check = run(&["man", "check"]);
    assert_eq!(code(&check), 0);
    assert!(
        stdout(&check).contains(".TH claimcheck-check 1") && stdout(&check).contains("snapshot")
    );
    assert_eq!(code(&run(&["man", "frobnicate"])), 2);
}
