//! Tests of the claims-file loader.

use super::*;

fn parse(text: &str) -> Result<ClaimsFile, LoadError> {
    parse_claims("c.json", text.to_string(), Path::new("claims"))
}

fn err(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

const OK: &str = r#"{
  "sources": { "filing": "../sources/f.md", "draft": "../sources/d.md" },
  "draft": "draft",
  "facts": { "rev": { "quote": "revenue was {RMB5 million}" }, "g": { "expr": "rev * 2" } },
  "claims": [ { "id": "a", "says": "{5 million}", "check": "rev" } ]
}"#;

#[test]
fn loads_a_valid_file() {
    let f = parse(OK).unwrap();
    assert_eq!(f.sources.len(), 2);
    assert_eq!(f.sources[0].path, Path::new("sources/f.md"));
    assert_eq!(
        normalize(Path::new("../a/./b/../c.md")),
        Path::new("../a/c.md")
    );
    assert_eq!(f.draft.as_deref(), Some("draft"));
    let Ok(FactBody::Quote { source, quote, .. }) = &f.facts[0].body else {
        panic!("{:?}", f.facts[0].body)
    };
    assert_eq!(
        (source.as_str(), quote.value.as_str()),
        ("filing", "revenue was {RMB5 million}")
    );
    assert_eq!(&OK[quote.span.clone()], "\"revenue was {RMB5 million}\"");
    assert_eq!(f.claims[0].id, "a");
}

#[test]
fn file_errors_name_line_and_column() {
    assert_eq!(
        err("{ \"sources\": {\"a\": \"x\"}, \"claims\": [], }"),
        "c.json:1:38: invalid JSON: Trailing commas are not allowed"
    );
    assert_eq!(
        err("{\n  \"sources\": {\"a\": \"x\"},\n  \"claim\": []\n}"),
        "c.json:3:3: unknown key `claim` in the claims file; did you mean `claims`?"
    );
    assert_eq!(
        err("{\"sources\": {\"a\": 5}, \"claims\": []}"),
        "c.json:1:19: the path of source `a` must be a string, found a number"
    );
    assert_eq!(
        err("{\"sources\": {\"a\": \"x\"}, \"draft\": \"b\", \"claims\": []}"),
        "c.json:1:34: unknown source `b`; the sources are `a`"
    );
    assert_eq!(
        err("[]"),
        "c.json:1:1: a claims file must be a JSON object with `sources` and `claims`"
    );
    assert_eq!(
        err("{\"sources\": {\"a\": \"x\"}}"),
        "c.json:1:1: the claims file has no `claims`"
    );
}

#[test]
fn columns_count_characters() {
    let text = "{\"sources\": {\"a\": \"收入\"}, \"claims\": [], \"x\": 1}";
    assert_eq!(
        err(text),
        "c.json:1:40: unknown key `x` in the claims file; expected `$schema`, `sources`, `draft`, `facts`, `claims`, `labels`, `ignore`, `root`, `table_units`"
    );
}

#[test]
fn bad_claims_are_kept_with_their_problem() {
    let text = r#"{"sources": {"a": "x"}, "claims": [
            {"id": "one", "says": "x", "chek": "1"},
            {"id": "two", "says": "y", "check": 5},
            {"id": "one", "says": "z", "check": "1"},
            {"says": "w", "check": "1"},
            {"id": "ok", "says": "{5}", "appears_in": "b"},
            {"id": "fine", "says": "{5}", "appears_in": "a"}
        ]}"#;
    let f = parse(text).unwrap();
    let problems: Vec<String> = f
        .claims
        .iter()
        .map(|c| c.problem.as_ref().map_or("-".into(), |p| p.message.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            "unknown key `chek` in a claim; did you mean `check`?",
            "`check` must be a string, found a number",
            "duplicate id `one`: claim #1 has it too",
            "this claim has no `id`",
            "unknown source `b`; the sources are `a`",
            "-",
        ]
    );
    assert_eq!(f.claims[3].id, "#4");
    let p = f.claims[1].problem.as_ref().unwrap();
    assert_eq!(
        f.position(p.span.start),
        Position {
            line: 3,
            column: 49
        }
    );
}

#[test]
fn facts_need_a_source_when_it_is_ambiguous() {
    let text = r#"{"sources": {"a": "x", "b": "y"}, "facts": {"f": {"quote": "{1}"}, "2x": {"expr": "1"}}, "claims": []}"#;
    let f = parse(text).unwrap();
    assert!(
        f.facts[0]
            .body
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("this fact needs `in`")
    );
    assert!(
        f.facts[1]
            .body
            .as_ref()
            .unwrap_err()
            .message
            .contains("not a valid fact name")
    );
}

#[test]
fn v1_1_keys_are_read_and_checked() {
    let ok = r#"{"sources": {"d": "d.md"}, "draft": "d",
        "labels": ["天垓\\d+", "Pulsar\\d"],
        "ignore": [{"quote": "founded in {1998}", "why": "a year written as a number"}],
        "root": "..",
        "claims": []}"#;
    let f = parse(ok).unwrap();
    assert_eq!(f.labels.len(), 2);
    assert!(f.labels[0].is_match("天垓100"));
    assert_eq!(f.ignore[0].why.value, "a year written as a number");
    assert_eq!(f.root.as_ref().unwrap().value, Path::new("."));
    assert_eq!(
        err(r#"{"sources": {"d": "d.md"}, "labels": ["(unclosed"], "claims": []}"#),
        "c.json:1:39: this `labels` pattern is not a valid regular expression: error: unclosed group"
    );
    assert_eq!(
        err(
            r#"{"sources": {"d": "d.md"}, "draft": "d", "ignore": [{"quote": "x 1", "why": " "}], "claims": []}"#
        ),
        "c.json:1:77: `why` is empty: say why this number needs no check"
    );
    assert_eq!(
        err(r#"{"sources": {"d": "d.md"}, "ignore": [], "claims": []}"#),
        "c.json:1:28: `ignore` waives numbers of the draft, but this file names no `draft`"
    );
    assert_eq!(
        err(
            r#"{"sources": {"d": "d.md"}, "facts": {"a": {"expr": "1"}, "a": {"expr": "2"}}, "claims": []}"#
        ),
        "c.json:1:58: fact `a` is defined twice"
    );
    let deep = format!("{{\"sources\": {}}}", "[".repeat(100));
    assert!(err(&deep).contains("nested more than 64 levels"));
}

#[test]
fn table_units_is_a_boolean_at_the_top_and_on_quote_facts() {
    let text = r#"{"sources": {"a": "x"}, "table_units": true,
      "facts": {"f": {"quote": "{1}", "table_units": false}, "g": {"quote": "{2}"}}, "claims": []}"#;
    let file = parse(text).unwrap();
    assert!(file.table_units);
    let units: Vec<Option<bool>> = file
        .facts
        .iter()
        .map(|f| match &f.body {
            Ok(FactBody::Quote { table_units, .. }) => *table_units,
            _ => panic!("quote facts"),
        })
        .collect();
    assert_eq!(units, [Some(false), None]);
    assert_eq!(
        err(r#"{"sources": {"a": "x"}, "table_units": "yes", "claims": []}"#),
        "c.json:1:40: `table_units` must be true or false, found a string"
    );
    let on_expr = r#"{"sources": {"a": "x"}, "facts": {"f": {"expr": "1", "table_units": true}}, "claims": []}"#;
    let file = parse(on_expr).unwrap();
    assert!(
        file.facts[0].body.is_err(),
        "an expr fact has no table cells"
    );
}
