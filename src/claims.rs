//! Loading claims files. A file that cannot be used (invalid JSON, unknown
//! or mistyped top-level keys, bad sources) is a [`LoadError`] naming the
//! file, line and column. A bad fact or claim inside a usable file is kept
//! with its [`Problem`], so that claim gets an `error` verdict and every
//! other claim is still checked.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::{Object, ObjectProp, Value as Json};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use crate::document::{LineIndex, Position, display_path};

/// A string value and where it stands in the claims file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Byte range of the JSON value in the claims file.
    pub span: Range<usize>,
}

/// A problem with one fact or claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// Byte range in the claims file it points at.
    pub span: Range<usize>,
}

/// A claims file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The claims file.
    pub file: String,
    /// Where, when a place in the file is to blame.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A source document named in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// Its name in the file.
    pub name: String,
    /// The path as written.
    pub written: String,
    /// The path resolved against the claims file's folder.
    pub path: PathBuf,
    /// Where the path stands in the claims file.
    pub span: Range<usize>,
}

/// How a fact gets its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactBody {
    /// Numbers quoted from a source.
    Quote {
        /// The source's name.
        source: String,
        /// The quote.
        quote: Spanned<String>,
    },
    /// Computed from other facts.
    Expr(Spanned<String>),
}

/// A named fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactDef {
    /// Its name.
    pub name: String,
    /// Where its key stands.
    pub span: Range<usize>,
    /// Its definition, or why it is unusable.
    pub body: Result<FactBody, Problem>,
}

/// One claim, as written.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ClaimDef {
    /// Position in the file's list, from 1.
    pub number: usize,
    /// Its id (or `#N` when it has none).
    pub id: String,
    /// Where the claim's object stands.
    pub span: Range<usize>,
    /// The claim as the draft words it.
    pub says: Option<Spanned<String>>,
    /// The expression to check.
    pub check: Option<Spanned<String>>,
    /// The source that must contain the stated value.
    pub appears_in: Option<Spanned<String>>,
    /// Optional widening.
    pub tolerance: Option<Spanned<String>>,
    /// Why the claim is invalid, if it is.
    pub problem: Option<Problem>,
}

/// A loaded claims file.
#[derive(Debug)]
pub struct ClaimsFile {
    /// Path shown in reports.
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Its lines.
    pub lines: LineIndex,
    /// Sources in file order.
    pub sources: Vec<SourceRef>,
    /// The source holding the draft.
    pub draft: Option<String>,
    /// Facts in file order.
    pub facts: Vec<FactDef>,
    /// Claims in file order.
    pub claims: Vec<ClaimDef>,
}

impl ClaimsFile {
    /// Line and column of a byte offset in the file.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The source with this name.
    pub fn source(&self, name: &str) -> Option<&SourceRef> {
        self.sources.iter().find(|s| s.name == name)
    }
}

pub(crate) const TOP_KEYS: &[&str] = &["$schema", "sources", "draft", "facts", "claims"];
pub(crate) const CLAIM_KEYS: &[&str] = &["id", "says", "check", "appears_in", "tolerance"];
pub(crate) const QUOTE_FACT_KEYS: &[&str] = &["in", "quote"];
pub(crate) const EXPR_FACT_KEYS: &[&str] = &["expr"];

/// Reads and validates a claims file.
pub fn load(path: &Path) -> Result<ClaimsFile, LoadError> {
    let name = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        file: name.clone(),
        position: None,
        message: format!("cannot read the claims file: {}", io_reason(&e)),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let lossy = String::from_utf8_lossy(valid).into_owned();
            let at = LineIndex::new(&lossy).position(&lossy, lossy.len());
            return Err(LoadError {
                file: name,
                position: Some(at),
                message: "the claims file is not valid UTF-8".into(),
            });
        }
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse_claims(&name, text, &base)
}

/// Parses claims-file text; `base` is the folder paths are relative to.
pub fn parse_claims(name: &str, text: String, base: &Path) -> Result<ClaimsFile, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let offset = text.len() - body.len();
    let lines = LineIndex::new(&text);
    let fail = |span: Range<usize>, message: String| LoadError {
        file: name.to_string(),
        position: Some(lines.position(&text, span.start + offset)),
        message,
    };
    let parsed = parse_to_ast(body, &CollectOptions::default(), &strict()).map_err(|e| {
        let r = e.range();
        fail(r.start..r.end, format!("invalid JSON: {}", e.kind()))
    })?;
    let Some(Json::Object(root)) = parsed.value else {
        return Err(fail(
            0..0,
            "a claims file must be a JSON object with `sources` and `claims`".into(),
        ));
    };
    let shift = |r: Range<usize>| r.start + offset..r.end + offset;
    let mut loader = Loader {
        base,
        shift: &shift,
    };
    let top = loader
        .top(&root)
        .map_err(|p| fail(p.span.start - offset..p.span.end, p.message))?;
    Ok(ClaimsFile {
        name: name.to_string(),
        lines: LineIndex::new(&text),
        text,
        sources: top.sources,
        draft: top.draft,
        facts: top.facts,
        claims: top.claims,
    })
}

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

struct Top {
    sources: Vec<SourceRef>,
    draft: Option<String>,
    facts: Vec<FactDef>,
    claims: Vec<ClaimDef>,
}

struct Loader<'a> {
    base: &'a Path,
    shift: &'a dyn Fn(Range<usize>) -> Range<usize>,
}

fn range(r: &jsonc_parser::common::Range) -> Range<usize> {
    r.start..r.end
}

fn name_span(p: &ObjectProp<'_>) -> Range<usize> {
    use jsonc_parser::ast::ObjectPropName;
    match &p.name {
        ObjectPropName::String(s) => range(&s.range),
        ObjectPropName::Word(w) => range(&w.range),
    }
}

fn json_range(v: &Json) -> Range<usize> {
    use jsonc_parser::common::Ranged;
    let r = v.range();
    r.start..r.end
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::StringLit(_) => "a string",
        Json::NumberLit(_) => "a number",
        Json::BooleanLit(_) => "true/false",
        Json::Object(_) => "an object",
        Json::Array(_) => "an array",
        Json::NullKeyword(_) => "null",
    }
}

impl Loader<'_> {
    fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            span: (self.shift)(span),
        }
    }

    /// The properties of an object, rejecting unknown and repeated keys.
    fn props<'o>(
        &self,
        obj: &'o Object<'o>,
        allowed: &[&str],
        what: &str,
    ) -> Result<Vec<&'o ObjectProp<'o>>, Problem> {
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for p in &obj.properties {
            let key = p.name.as_str();
            if !allowed.contains(&key) {
                let mut message = format!("unknown key `{key}` in {what}");
                if let Some(s) = closest(key, allowed) {
                    message.push_str(&format!("; did you mean `{s}`?"));
                } else {
                    message.push_str(&format!(
                        "; expected {}",
                        allowed
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                return Err(self.problem(name_span(p), message));
            }
            if seen.insert(key, ()).is_some() {
                return Err(self.problem(name_span(p), format!("`{key}` is given twice in {what}")));
            }
        }
        Ok(obj.properties.iter().collect())
    }

    fn string(&self, prop: &ObjectProp<'_>, what: &str) -> Result<Spanned<String>, Problem> {
        match &prop.value {
            Json::StringLit(s) => Ok(Spanned {
                value: s.value.to_string(),
                span: (self.shift)(range(&s.range)),
            }),
            other => Err(self.problem(
                json_range(other),
                format!("{what} must be a string, found {}", type_name(other)),
            )),
        }
    }

    fn top(&mut self, root: &Object<'_>) -> Result<Top, Problem> {
        let props = self.props(root, TOP_KEYS, "the claims file")?;
        let get = |k: &str| props.iter().find(|p| p.name.as_str() == k).copied();
        let sources_prop = get("sources")
            .ok_or_else(|| self.problem(range(&root.range), "the claims file has no `sources`"))?;
        let sources = self.sources(sources_prop)?;
        let draft = match get("draft") {
            Some(p) => {
                let d = self.string(p, "`draft`")?;
                if !sources.iter().any(|s| s.name == d.value) {
                    return Err(Problem {
                        message: unknown_source_message(&d.value, &sources),
                        span: d.span,
                    });
                }
                Some(d.value)
            }
            None => None,
        };
        let facts = match get("facts") {
            Some(p) => self.facts(p, &sources, draft.as_deref())?,
            None => Vec::new(),
        };
        let claims_prop = get("claims")
            .ok_or_else(|| self.problem(range(&root.range), "the claims file has no `claims`"))?;
        let claims = self.claims(claims_prop, &sources)?;
        Ok(Top {
            sources,
            draft,
            facts,
            claims,
        })
    }

    fn sources(&self, prop: &ObjectProp<'_>) -> Result<Vec<SourceRef>, Problem> {
        let Json::Object(obj) = &prop.value else {
            return Err(self.problem(
                json_range(&prop.value),
                format!(
                    "`sources` must be an object of name → path, found {}",
                    type_name(&prop.value)
                ),
            ));
        };
        let mut out: Vec<SourceRef> = Vec::new();
        for p in &obj.properties {
            let name = p.name.as_str().to_string();
            if !valid_source_name(&name) {
                return Err(self.problem(name_span(p), format!("`{name}` is not a valid source name (letters, digits, `_` and `-`, not starting with a digit)")));
            }
            if out.iter().any(|s| s.name == name) {
                return Err(self.problem(name_span(p), format!("source `{name}` is given twice")));
            }
            let path = self.string(p, &format!("the path of source `{name}`"))?;
            out.push(SourceRef {
                name,
                path: normalize(&self.base.join(&path.value)),
                written: path.value,
                span: path.span,
            });
        }
        if out.is_empty() {
            return Err(self.problem(
                range(&obj.range),
                "`sources` is empty: name at least one source document",
            ));
        }
        Ok(out)
    }

    fn facts(
        &self,
        prop: &ObjectProp<'_>,
        sources: &[SourceRef],
        draft: Option<&str>,
    ) -> Result<Vec<FactDef>, Problem> {
        let Json::Object(obj) = &prop.value else {
            return Err(self.problem(
                json_range(&prop.value),
                format!(
                    "`facts` must be an object of name → fact, found {}",
                    type_name(&prop.value)
                ),
            ));
        };
        let mut out: Vec<FactDef> = Vec::new();
        for p in &obj.properties {
            let name = p.name.as_str().to_string();
            let span = (self.shift)(name_span(p));
            let body = if !valid_fact_name(&name) {
                Err(Problem {
                    message: format!(
                        "`{name}` is not a valid fact name (letters, digits and `_`, not starting with a digit)"
                    ),
                    span: span.clone(),
                })
            } else if out.iter().any(|f| f.name == name) {
                Err(Problem {
                    message: format!("fact `{name}` is defined twice"),
                    span: span.clone(),
                })
            } else {
                self.fact(p, sources, draft)
            };
            out.push(FactDef { name, span, body });
        }
        Ok(out)
    }

    fn fact(
        &self,
        prop: &ObjectProp<'_>,
        sources: &[SourceRef],
        draft: Option<&str>,
    ) -> Result<FactBody, Problem> {
        let Json::Object(obj) = &prop.value else {
            return Err(self.problem(
                json_range(&prop.value),
                format!(
                    "a fact must be an object with `quote` or `expr`, found {}",
                    type_name(&prop.value)
                ),
            ));
        };
        let has = |k: &str| obj.properties.iter().any(|p| p.name.as_str() == k);
        if has("expr") {
            let props = self.props(obj, EXPR_FACT_KEYS, "an `expr` fact")?;
            return Ok(FactBody::Expr(self.string(props[0], "`expr`")?));
        }
        let props = self.props(obj, QUOTE_FACT_KEYS, "a fact")?;
        let get = |k: &str| props.iter().find(|p| p.name.as_str() == k).copied();
        let quote_prop = get("quote").ok_or_else(|| {
            self.problem(
                range(&obj.range),
                "a fact needs `quote` (with `in`) or `expr`",
            )
        })?;
        let quote = self.string(quote_prop, "`quote`")?;
        let source = match get("in") {
            Some(p) => {
                let s = self.string(p, "`in`")?;
                if !sources.iter().any(|x| x.name == s.value) {
                    return Err(Problem {
                        message: unknown_source_message(&s.value, sources),
                        span: s.span,
                    });
                }
                s.value
            }
            None => default_source(sources, draft).ok_or_else(|| {
                let names = sources
                    .iter()
                    .map(|s| format!("`{}`", s.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.problem(
                    range(&obj.range),
                    format!("this fact needs `in`: the file has several sources ({names})"),
                )
            })?,
        };
        Ok(FactBody::Quote { source, quote })
    }

    fn claims(
        &self,
        prop: &ObjectProp<'_>,
        sources: &[SourceRef],
    ) -> Result<Vec<ClaimDef>, Problem> {
        let Json::Array(arr) = &prop.value else {
            return Err(self.problem(
                json_range(&prop.value),
                format!(
                    "`claims` must be an array, found {}",
                    type_name(&prop.value)
                ),
            ));
        };
        let mut out: Vec<ClaimDef> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (i, v) in arr.elements.iter().enumerate() {
            let mut claim = ClaimDef {
                number: i + 1,
                id: format!("#{}", i + 1),
                span: (self.shift)(json_range(v)),
                ..ClaimDef::default()
            };
            if let Err(p) = self.claim(v, sources, &mut claim) {
                claim.problem = Some(p);
            }
            if claim.problem.is_none()
                && let Some(first) = ids.get(&claim.id)
            {
                let span = claim.span.clone();
                claim.problem = Some(Problem {
                    message: format!("duplicate id `{}`: claim #{first} has it too", claim.id),
                    span,
                });
            }
            ids.entry(claim.id.clone()).or_insert(i + 1);
            out.push(claim);
        }
        Ok(out)
    }

    fn claim(&self, v: &Json, sources: &[SourceRef], claim: &mut ClaimDef) -> Result<(), Problem> {
        let Json::Object(obj) = v else {
            return Err(self.problem(
                json_range(v),
                format!("a claim must be an object, found {}", type_name(v)),
            ));
        };
        // The id first, so a claim with other problems is still reported under its id.
        if let Some(p) = obj.properties.iter().find(|p| p.name.as_str() == "id") {
            let id = self.string(p, "`id`")?;
            if id.value.trim().is_empty() {
                return Err(Problem {
                    message: "`id` is empty".into(),
                    span: id.span,
                });
            }
            claim.id = id.value;
        }
        let props = self.props(obj, CLAIM_KEYS, "a claim")?;
        for p in props {
            let key = p.name.as_str();
            let value = self.string(p, &format!("`{key}`"))?;
            match key {
                "says" => claim.says = Some(value),
                "check" => claim.check = Some(value),
                "appears_in" => {
                    if !sources.iter().any(|s| s.name == value.value) {
                        return Err(Problem {
                            message: unknown_source_message(&value.value, sources),
                            span: value.span,
                        });
                    }
                    claim.appears_in = Some(value);
                }
                "tolerance" => claim.tolerance = Some(value),
                _ => {}
            }
        }
        if !obj.properties.iter().any(|p| p.name.as_str() == "id") {
            return Err(self.problem(range(&obj.range), "this claim has no `id`"));
        }
        if claim.check.is_none() && claim.appears_in.is_none() {
            return Err(self.problem(
                range(&obj.range),
                "a claim needs `check` or `appears_in` (or both)",
            ));
        }
        Ok(())
    }
}

/// The source a quote fact reads when `in` is left out: the only source,
/// or the only one besides the draft.
fn default_source(sources: &[SourceRef], draft: Option<&str>) -> Option<String> {
    let others: Vec<&SourceRef> = sources
        .iter()
        .filter(|s| Some(s.name.as_str()) != draft)
        .collect();
    match (sources, others.as_slice()) {
        ([only], _) => Some(only.name.clone()),
        (_, [only]) => Some(only.name.clone()),
        _ => None,
    }
}

fn unknown_source_message(name: &str, sources: &[SourceRef]) -> String {
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    let mut message = format!("unknown source `{name}`");
    match closest(name, &names) {
        Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
        None => message.push_str(&format!(
            "; the sources are {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    message
}

fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Removes `.` and resolves `..` lexically, so `claims/../sources/a.md`
/// is shown as `sources/a.md` (symbolic links are not followed).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

fn valid_source_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn valid_fact_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
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
        let Ok(FactBody::Quote { source, quote }) = &f.facts[0].body else {
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
            "c.json:1:40: unknown key `x` in the claims file; expected `$schema`, `sources`, `draft`, `facts`, `claims`"
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
}
