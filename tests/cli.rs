//! The command line as other tools see it: exit statuses 0/1/2, output
//! formats, colour rules, determinism, and bad input that must never panic.

mod common;

use std::io::Write;

use common::{code, run, run_with_env, stdout, transcript};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimcheck-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn exit_zero_when_every_claim_is_ok() {
    let out = run(&["check", "tests/cases/ok-all/claims.json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).ends_with(
            "7 claims: 7 ok, 0 mismatch, 0 undecided, 0 not-found, 0 error; 5 of 5 draft figures checked\n"
        )
    );
}

#[test]
fn exit_one_when_a_claim_is_not_ok() {
    for case in [
        "mismatch-value",
        "undecided",
        "quote-not-found",
        "claim-errors",
    ] {
        let out = run(&["check", &format!("tests/cases/{case}/claims.json")]);
        assert_eq!(code(&out), 1, "{case}: {}", transcript(&out));
    }
}

#[test]
fn exit_two_when_the_run_cannot_be_done() {
    for args in [
        vec!["check", "tests/cases/file-invalid-json/claims.json"],
        vec!["check", "tests/cases/file-unknown-key/claims.json"],
        vec!["check", "tests/cases/file-missing-source/claims.json"],
        vec!["check", "no/such/claims.json"],
        vec!["check", "--format", "yaml"],
        vec!["check", "--bogus"],
        vec!["extract", "no/such/document.md"],
        vec!["extract"],
        vec!["explain", "CC999"],
        vec!["frobnicate"],
    ] {
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", transcript(&out));
    }
}

#[test]
fn a_broken_file_does_not_hide_the_others() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/cases/file-invalid-json",
        "tests/cases/ok-all",
    ]);
    assert_eq!(code(&out), 2);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["summary"]["ok"], 7);
    assert_eq!(report["errors"][0]["line"], 4);
    assert_eq!(report["errors"][0]["column"], 47);
}

#[test]
fn file_errors_name_file_line_and_column() {
    let out = run(&[
        "check",
        "--color",
        "never",
        "tests/cases/file-missing-source/claims.json",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("--> tests/cases/file-missing-source/claims.json:2:21"),
        "{text}"
    );
    assert!(
        text.contains(
            "cannot read tests/cases/file-missing-source/no-such-source.md: no such file"
        ),
        "{text}"
    );
}

#[test]
fn no_path_means_the_claims_folder() {
    let with = run(&["check", "--format", "json", "claims"]);
    let without = run(&["check", "--format", "json"]);
    assert_eq!(stdout(&with), stdout(&without));
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let a = run(&["check", "--format", "json"]);
    let b = run(&["check", "--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), b.status.code());
}

#[test]
fn json_follows_the_contract() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/cases/mismatch-value/claims.json",
    ]);
    let text = stdout(&out);
    let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
    assert!(
        at("summary") < at("ok") && at("ok") < at("mismatch") && at("mismatch") < at("undecided")
    );
    assert!(
        at("undecided") < at("not-found")
            && at("not-found") < at("error")
            && at("error") < at("results")
    );
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &report["results"][0];
    assert_eq!(first["file"], "tests/cases/mismatch-value/claims.json");
    assert_eq!(first["id"], "growth-wrong-years");
    assert_eq!(first["verdict"], "mismatch");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("stated 186%, computed 86.5")
    );
}

#[test]
fn other_formats() {
    for format in ["sarif", "github"] {
        let out = run(&[
            "check",
            "--format",
            format,
            "tests/cases/mismatch-value/claims.json",
        ]);
        let text = transcript(&out).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(format!("format_{format}"), text);
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let path = "tests/cases/mismatch-value/claims.json";
    let has_ansi =
        |args: &[&str], env: &[(&str, &str)]| stdout(&run_with_env(args, env)).contains('\u{1b}');
    assert!(has_ansi(&["check", "--color", "always", path], &[]));
    assert!(!has_ansi(
        &["check", "--color", "never", path],
        &[("CLICOLOR_FORCE", "1")]
    ));
    // Not a terminal: auto means no colour, unless forced.
    assert!(!has_ansi(&["check", path], &[]));
    assert!(has_ansi(&["check", path], &[("CLICOLOR_FORCE", "1")]));
    assert!(!has_ansi(
        &["check", path],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    // Machine formats are never coloured.
    assert!(!has_ansi(
        &["check", "--format", "json", "--color", "always", path],
        &[]
    ));
}

#[test]
fn schema_is_the_committed_file_and_valid_json() {
    let out = run(&["schema"]);
    assert_eq!(code(&out), 0);
    let committed = std::fs::read_to_string(common::root().join("claims.schema.json")).unwrap();
    assert_eq!(stdout(&out), committed);
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["sources", "claims"]));
}

#[test]
fn explain_lists_and_explains_codes() {
    let list = stdout(&run(&["explain"]));
    assert_eq!(list.lines().count(), 12);
    let one = run(&["explain", "value-mismatch"]);
    assert_eq!(code(&one), 0);
    assert!(stdout(&one).starts_with("CC001 (value-mismatch) — verdict `mismatch`"));
}

#[test]
fn extract_json_follows_the_contract() {
    let dir = temp_dir("extract");
    let path = dir.join("doc.md");
    std::fs::write(
        &path,
        "標題\n收入為 1.89 億元，增長186%，毛利率上升3個百分點，2024年1-9月，INT8",
    )
    .unwrap();
    let out = run(&["extract", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let numbers: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let brief: Vec<String> = numbers
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}|{}|{}|{}|{}:{}",
                n["text"].as_str().unwrap(),
                n["value"].as_str().unwrap(),
                n["kind"].as_str().unwrap(),
                n["currency"],
                n["line"],
                n["column"]
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "1.89 億元|189000000|quantity|\"CNY\"|2:5",
            "186%|1.86|percent|null|2:15",
            "3個百分點|0.03|points|null|2:25",
            "2024年|2024|year|null|2:31",
            "1|1|date|null|2:36",
            "9月|9|date|null|2:38",
            "INT8|8|label|null|2:41",
        ]
    );
}

#[test]
fn extract_survives_bad_input() {
    let dir = temp_dir("bad");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        (
            "garbage.bin",
            (0..65_536u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect(),
        ),
        ("lone-surrogate.txt", {
            let mut b = vec![0xFF, 0xFE];
            for u in "收入12.5%".encode_utf16() {
                b.extend(u.to_le_bytes());
            }
            b.extend([0x00, 0xD8, 0x35, 0x00]);
            b
        }),
        (
            "invalid-utf8.txt",
            b"revenue \xff\xfe 5.4\xc3 million".to_vec(),
        ),
        ("crlf.txt", b"line one 5%\r\nline two 6%\r\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = run(&["extract", "--format", "json", path.to_str().unwrap()]);
        assert_eq!(code(&out), 0, "{name}: {}", transcript(&out));
        assert!(
            serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok(),
            "{name}"
        );
    }
    let garbage = run(&["extract", dir.join("garbage.bin").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&garbage.stderr).contains("binary"));
}

#[test]
fn extract_reads_a_100_mb_single_line() {
    let dir = temp_dir("huge");
    let path = dir.join("huge.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        // Mostly prose with a few numbers, so the test is about the line, not the output size.
        let prose =
            "營業收入持續增長而毛利率承壓 the quarter was shaped by demand and supply ".repeat(100);
        let chunk = format!(
            "{prose}收入為人民幣1.89億元，同比增長186%；revenue of US$1,234.5 million rose 12.5% in Q3 FY2024 "
        );
        let mut written = 0;
        while written < 100 * 1024 * 1024 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
        f.write_all("9".repeat(1000).as_bytes()).unwrap();
    }
    let out = run(&["extract", "--format", "json", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.ends_with(b"]\n"));
}

#[test]
fn broken_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["extract", "sources/tianshu-prospectus-summary.md"])
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert!(
        status.code() == Some(0) || status.code().is_none(),
        "{status:?}"
    );
}

#[test]
fn the_contract_example_gets_the_contract_verdicts() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/cases/contract-example/claims/claims.json",
    ]);
    assert_eq!(code(&out), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let verdicts: Vec<(String, String)> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("growth-2y", "ok"),
        ("growth-2024", "mismatch"),
        ("rev-2024", "ok"),
        ("losses-up", "ok"),
        ("top5", "undecided"),
        ("foundry", "ok"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(verdicts, expected);
    let message = report["results"][1]["message"].as_str().unwrap();
    assert!(
        message.starts_with("stated 186%, computed 86.")
            && message.ends_with("= growth(rev[1], rev[2])"),
        "{message}"
    );
}
