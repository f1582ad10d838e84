//! One folder per case under `tests/cases/` (claims, draft, sources); each
//! is checked with the built binary and its human and JSON reports and
//! exit status are pinned by an insta snapshot. Together the cases cover
//! every verdict and every kind of error.

mod common;

use common::{run, transcript};

#[test]
fn cases() {
    insta::glob!("cases/**/claims.json", |path| {
        let rel = path
            .strip_prefix(common::root())
            .expect("fixture under the crate root");
        let rel = rel.to_str().expect("UTF-8 path").replace('\\', "/");
        let human = run(&["check", "--color", "never", &rel]);
        let json = run(&["check", "--format", "json", &rel]);
        assert_eq!(
            human.status.code(),
            json.status.code(),
            "both formats exit alike"
        );
        let text = format!(
            "{}\n========== json ==========\n{}",
            transcript(&human),
            transcript(&json)
        );
        insta::assert_snapshot!(text);
    });
}
