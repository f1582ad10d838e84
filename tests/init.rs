//! `claimcheck init` and `audit`: what init writes checks without run errors
//! (on the bundled drafts and on tricky inputs), its paths are relative to
//! the file, and its verdicts agree with the hand-written claims for the
//! figures both cover.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimcheck::check::{CheckOptions, check_with};
use claimcheck::diagnostic::Verdict;
use claimcheck::outcome::{Judgement, Part, Report};
use common::{code, run, stdout, transcript};
use serde_json::Value;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-init-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The bundled drafts, each with the sources of its hand-written claims file.
fn bundled() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "claims/tianshu.json",
            "sources/drafts/tianshu-draft.md",
            vec![
                "prospectus=sources/tianshu-prospectus-summary.md",
                "news=sources/tianshu-listing-news.md",
            ],
        ),
        (
            "claims/northwind.json",
            "sources/drafts/northwind-draft.md",
            vec!["release=sources/northwind-q3-release.md"],
        ),
    ]
}

/// Runs `init` into `out`, outside the project (so it reads with `--allow-outside-root`).
fn init(draft: &str, sources: &[&str], out: &Path) -> std::process::Output {
    let mut args = vec![
        "init",
        draft,
        "--out",
        out.to_str().unwrap(),
        "--force",
        "--allow-outside-root",
    ];
    for s in sources {
        args.extend(["--source", s]);
    }
    run(&args)
}

fn check_report(path: &Path) -> Report {
    let options = CheckOptions {
        allow_outside_root: true,
        ..CheckOptions::default()
    };
    check_with(&[path.to_path_buf()], &options)
}

/// Each stated value's place in the draft (line, column), with its claim's
/// id, verdict and whether it carries a hint.
fn stated(report: &Report) -> BTreeMap<(usize, usize), (String, Verdict, bool)> {
    let mut out = BTreeMap::new();
    for c in &report.claims {
        let Judgement::Checked(parts) = &c.judgement else {
            continue;
        };
        let hinted = parts
            .iter()
            .any(|p| matches!(p, Part::Compared(x) if !x.hints.is_empty()));
        for p in parts {
            let values = match p {
                Part::Compared(x) => &x.stated,
                Part::Appears(a) => &a.stated,
                Part::Tested(_) => continue,
            };
            for s in values.iter().filter_map(|s| s.at.as_ref()) {
                let at = report.files.start(s).position;
                out.insert((at.line, at.column), (c.id.clone(), c.verdict(), hinted));
            }
        }
    }
    out
}

#[test]
fn init_on_the_bundled_drafts_checks_without_run_errors() {
    let dir = temp_dir("bundled");
    for (_, draft, sources) in bundled() {
        let path = dir.join("claims.json");
        let out = init(draft, &sources, &path);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let checked = run(&["check", "--allow-outside-root", path.to_str().unwrap()]);
        assert!(code(&checked) < 2, "{}", transcript(&checked));
        let text = std::fs::read_to_string(&path).unwrap();
        let file: Value = serde_json::from_str(&text).unwrap();
        let report = check_report(&path);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        for (claim, outcome) in file["claims"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&report.claims)
        {
            let todo = claim["check"] == "TODO";
            let want = if todo { Verdict::Error } else { Verdict::Ok };
            assert_eq!(outcome.verdict(), want, "{claim}");
        }
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn init_agrees_with_the_hand_written_claims_where_both_cover_a_figure() {
    let dir = temp_dir("agree");
    for (claims, draft, sources) in bundled() {
        let path = dir.join("claims.json");
        let out = init(draft, &sources, &path);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let hand = stated(&check_with(
            &[PathBuf::from(claims)],
            &CheckOptions::default(),
        ));
        let made = stated(&check_report(&path));
        let (mut both, mut explained) = (0, Vec::new());
        for (at, (id, verdict, hinted)) in &hand {
            let Some((init_id, init_verdict, _)) = made.get(at) else {
                continue;
            };
            if *init_verdict == Verdict::Error {
                continue; // init left it "TODO"
            }
            both += 1;
            if verdict == init_verdict {
                continue;
            }
            // A deliberate mistake whose stated value has a true derivation:
            // init found that derivation, and the hand-written claim's hint names it.
            assert!(
                *verdict == Verdict::Mismatch && *hinted,
                "{claims} `{id}` is {verdict} but init's `{init_id}` is {init_verdict}"
            );
            explained.push(id.clone());
        }
        eprintln!(
            "{claims}: {} stated figures, {both} also covered by init, {} explained differences {explained:?}",
            hand.len(),
            explained.len()
        );
        assert!(
            both * 10 >= hand.len() * 7,
            "init covers too few: {both} of {}",
            hand.len()
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn paths_in_the_written_file_are_relative_to_it() {
    let dir = common::root().join("target-init-fixture");
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let path = dir.join("out/claims.json");
    let rel = path
        .strip_prefix(common::root())
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let out = run(&[
        "init",
        "sources/drafts/northwind-draft.md",
        "--source",
        "release=sources/northwind-q3-release.md",
        "--out",
        &rel,
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        file["sources"]["release"],
        "../../sources/northwind-q3-release.md"
    );
    assert_eq!(
        file["sources"]["draft"],
        "../../sources/drafts/northwind-draft.md"
    );
    let again = run(&[
        "init",
        "sources/drafts/northwind-draft.md",
        "--source",
        "release=sources/northwind-q3-release.md",
        "--out",
        &rel,
    ]);
    assert_eq!(
        code(&again),
        2,
        "an existing file is not replaced without --force"
    );
    let checked = run(&["check", &rel]);
    assert_eq!(code(&checked), 1, "{}", transcript(&checked));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn tricky_drafts_give_files_that_check_without_run_errors() {
    let dir = temp_dir("tricky");
    let source = dir.join("source.md");
    std::fs::write(
        &source,
        "Revenue was $120.0 million in 2023 and $150.0 million in 2024.\n\n| Item | 2023 | 2024 |\n|---|---|---|\n| Revenue | 120.0 | 150.0 |\n| Margin | 40.0% | 42.5% |\n\n收入分別為人民幣12.0億元及人民幣15.0億元。\n",
    )
    .unwrap();
    let drafts = [
        "Revenue rose {25%} to $150 million.\n",
        "Revenue rose 25%. Revenue rose 25%.\n\nMargin improved 2.5 points, about 25% more revenue.\n",
        "No figures here at all.\n",
        "收入增长25%收入增长25%毛利率提高2.5个百分点\n",
        &format!(
            "{}Revenue grew 25% in the end.\n",
            "A very long sentence with many words, ".repeat(20)
        ),
        "A figure in braces {{25%}} and } stray } braces { and 12345678901234567890123456789 too.\n",
        "",
    ];
    for (k, text) in drafts.iter().enumerate() {
        let draft = dir.join(format!("draft{k}.md"));
        std::fs::write(&draft, text).unwrap();
        let path = dir.join(format!("claims{k}.json"));
        let spec = format!("src={}", source.display());
        let out = init(draft.to_str().unwrap(), &[&spec], &path);
        assert_eq!(code(&out), 0, "draft {k}: {}", transcript(&out));
        let checked = run(&["check", "--allow-outside-root", path.to_str().unwrap()]);
        assert!(code(&checked) < 2, "draft {k}: {}", transcript(&checked));
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn audit_lists_every_figure_with_its_support() {
    let args = [
        "audit",
        "sources/drafts/tianshu-draft.md",
        "--source",
        "prospectus=sources/tianshu-prospectus-summary.md",
        "--source",
        "news=sources/tianshu-listing-news.md",
    ];
    let out = run(&args);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let text = stdout(&out);
    assert!(text.contains("no support found"), "{text}");
    assert!(text.contains("86.6%  ok  = growth("), "{text}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&run(&json_args))).unwrap();
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(
        figures.len(),
        json["summary"]["figures"].as_u64().unwrap() as usize
    );
    let total = figures.iter().find(|f| f["text"] == "11.2亿元").unwrap();
    assert_eq!(total["verdict"], "error", "{total}");
    assert!(total.get("check").is_none() && total.get("appears_in").is_none());
    let growth = figures.iter().find(|f| f["text"] == "86.6%").unwrap();
    assert_eq!(
        growth["check"]["expr"], "growth(v289_4, v540_1)",
        "{growth}"
    );
}
