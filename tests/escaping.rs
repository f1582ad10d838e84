//! Hostile input in every text format: a claim id, `says`, quotes and
//! source text carrying newlines, CR, ESC, bidi overrides, `%`, `:`, `,`,
//! Markdown and HTML markup, and forged `::error` / `##[error]` commands
//! (tests/fixtures/injection). No format may let any of it start a line,
//! forge a workflow command, or reach the output raw.

mod common;

use common::{run, stdout};

const FIXTURE: &str = "tests/fixtures/injection/claims.json";

/// The text formats, each with the flags that make it.
const TEXT_FORMATS: [&str; 6] = ["human", "github", "junit", "markdown", "html", "snapshot"];

fn output(format: &str) -> String {
    if format == "snapshot" {
        let dir = common::temp_dir("escaping");
        let file = dir.join("injection.snap");
        run(&[
            "check",
            "--snapshot",
            file.to_str().unwrap(),
            "--accept",
            FIXTURE,
        ]);
        return std::fs::read_to_string(file).unwrap();
    }
    stdout(&run(&[
        "check", "--color", "never", "--format", format, FIXTURE,
    ]))
}

/// Whether `line` is a workflow command claimcheck writes: a known
/// command, known properties whose values hold no raw `:` or `,`, then `::`.
fn own_command(line: &str) -> bool {
    let re = regex::Regex::new(
        r"^::(error|warning|notice) (file|line|col|endLine|endColumn|title)=[^,:]*(,(file|line|col|endLine|endColumn|title)=[^,:]*)*::",
    )
    .unwrap();
    re.is_match(line)
}

#[test]
fn no_input_starts_a_line_or_forges_a_command() {
    for format in TEXT_FORMATS {
        let text = output(format);
        assert!(text.len() > 200, "{format}: {text}");
        for line in text.lines() {
            if format == "github" {
                assert!(own_command(line), "{format}: not a command of ours: {line}");
                assert!(
                    !line.contains("file=a%3A%3Aforged") || line.contains("title="),
                    "{line}"
                );
            } else {
                assert!(
                    !line.starts_with("::") && !line.starts_with("##["),
                    "{format}: {line}"
                );
            }
        }
        for c in text.chars() {
            let raw = c == '\r'
                || c == '\u{1b}'
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c);
            assert!(!raw, "{format}: raw {c:?}");
        }
    }
}

#[test]
fn markup_formats_escape_markup() {
    let html = output("html");
    assert!(
        !html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(!html.contains("<b>bold"));
    let junit = output("junit");
    assert!(
        junit.contains("name=\"|pipe|`tick`&lt;b&gt;%0A\\u{1b}[31m\\u{202e},:\""),
        "{junit}"
    );
    let markdown = output("markdown");
    assert!(
        markdown.contains("\\|pipe\\|\\`tick\\`\\<b\\>%0A\\\\u{1b}\\[31m\\\\u{202e},:"),
        "{markdown}"
    );
    let github = output("github");
    assert!(
        github.contains("title=claimcheck CC006%3A %3A%3Awarning quote (not-found)::"),
        "{github}"
    );
}
