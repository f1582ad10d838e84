//! Walking the JSON of a claims file: every key checked, every value typed,
//! every problem pointing at the key or value to blame.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jsonc_parser::ast::{Object, ObjectProp, Value as Json};
use jsonc_parser::{CollectOptions, parse_to_ast};

use super::json::{MAX_NESTING, json_range, name_span, range, strict, too_deep, type_name};
use super::names::{
    closest, default_source, normalize, unknown_source_message, valid_fact_name, valid_source_name,
};
use super::{
    CLAIM_KEYS, ClaimDef, ClaimsFile, EXPR_FACT_KEYS, FactBody, FactDef, IGNORE_KEYS, Ignore,
    LoadError, Problem, QUOTE_FACT_KEYS, SourceRef, Spanned, TOP_KEYS,
};
use crate::document::Document;

/// Parses claims-file text; `base` is the folder paths are relative to.
pub fn parse_claims(name: &str, text: String, base: &Path) -> Result<ClaimsFile, LoadError> {
    let doc = Arc::new(Document::from_text(name, &text));
    drop(text);
    let fail = |span: Range<usize>, message: String| LoadError {
        file: name.to_string(),
        position: Some(doc.location(span.start).position),
        message,
        line_text: Some(doc.line_around(span.start).1.to_string()),
    };
    let text = doc.text();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    if let Some(at) = too_deep(body) {
        let message = format!("the JSON is nested more than {MAX_NESTING} levels deep");
        return Err(fail(at + offset..at + offset + 1, message));
    }
    let parsed = parse_to_ast(body, &CollectOptions::default(), &strict()).map_err(|e| {
        let r = e.range();
        fail(
            r.start + offset..r.end + offset,
            format!("invalid JSON: {}", e.kind()),
        )
    })?;
    let Some(Json::Object(root)) = parsed.value else {
        return Err(fail(
            0..0,
            "a claims file must be a JSON object with `sources` and `claims`".into(),
        ));
    };
    let loader = Loader { base, offset };
    let top = loader.top(&root).map_err(|p| fail(p.span, p.message))?;
    Ok(ClaimsFile {
        doc: Arc::clone(&doc),
        sources: top.sources,
        draft: top.draft,
        fact_index: top.fact_index,
        facts: top.facts,
        claims: top.claims,
        labels: top.labels,
        ignore: top.ignore,
        root: top.root,
        table_units: top.table_units,
    })
}

/// The top-level keys, read.
struct Top {
    sources: Vec<SourceRef>,
    draft: Option<String>,
    facts: Vec<FactDef>,
    fact_index: HashMap<String, usize>,
    claims: Vec<ClaimDef>,
    labels: Vec<regex::Regex>,
    ignore: Vec<Ignore>,
    root: Option<Spanned<std::path::PathBuf>>,
    table_units: bool,
}

/// Reads the JSON tree; spans are shifted by `offset` (a byte-order mark).
struct Loader<'a> {
    base: &'a Path,
    offset: usize,
}

/// The largest compiled `labels` pattern, in bytes (regex's own measure):
/// a pattern is a short name, not a program.
const MAX_LABEL_PATTERN: usize = 1 << 20;

impl Loader<'_> {
    fn shift(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem::new(self.shift(span), message)
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
                span: self.shift(range(&s.range)),
            }),
            other => Err(self.problem(
                json_range(other),
                format!("{what} must be a string, found {}", type_name(other)),
            )),
        }
    }

    fn boolean(&self, prop: &ObjectProp<'_>, what: &str) -> Result<bool, Problem> {
        match &prop.value {
            Json::BooleanLit(b) => Ok(b.value),
            other => Err(self.problem(
                json_range(other),
                format!("{what} must be true or false, found {}", type_name(other)),
            )),
        }
    }

    fn top(&self, root: &Object<'_>) -> Result<Top, Problem> {
        let props = self.props(root, TOP_KEYS, "the claims file")?;
        let get = |k: &str| props.iter().find(|p| p.name.as_str() == k).copied();
        let sources_prop = get("sources")
            .ok_or_else(|| self.problem(range(&root.range), "the claims file has no `sources`"))?;
        let sources = self.sources(sources_prop)?;
        let draft = get("draft")
            .map(|p| self.source_name(p, "`draft`", &sources))
            .transpose()?;
        let (facts, fact_index) = match get("facts") {
            Some(p) => self.facts(p, &sources, draft.as_deref())?,
            None => (Vec::new(), HashMap::new()),
        };
        let claims_prop = get("claims")
            .ok_or_else(|| self.problem(range(&root.range), "the claims file has no `claims`"))?;
        let ignore = get("ignore").map_or(Ok(Vec::new()), |p| self.ignore(p))?;
        if let (Some(p), None) = (get("ignore"), &draft) {
            let message = "`ignore` waives numbers of the draft, but this file names no `draft`";
            return Err(self.problem(name_span(p), message));
        }
        Ok(Top {
            claims: self.claims(claims_prop, &sources)?,
            labels: get("labels").map_or(Ok(Vec::new()), |p| self.labels(p))?,
            ignore,
            root: get("root").map(|p| self.root(p)).transpose()?,
            table_units: get("table_units")
                .map(|p| self.boolean(p, "`table_units`"))
                .transpose()?
                .unwrap_or(false),
            sources,
            draft,
            facts,
            fact_index,
        })
    }

    /// A string that must name one of `sources`.
    fn source_name(
        &self,
        p: &ObjectProp<'_>,
        what: &str,
        sources: &[SourceRef],
    ) -> Result<String, Problem> {
        let s = self.string(p, what)?;
        if !sources.iter().any(|x| x.name == s.value) {
            return Err(Problem::new(
                s.span,
                unknown_source_message(&s.value, sources),
            ));
        }
        Ok(s.value)
    }

    /// The elements of an array-valued key.
    fn array<'o>(&self, prop: &'o ObjectProp<'o>, what: &str) -> Result<&'o [Json<'o>], Problem> {
        match &prop.value {
            Json::Array(a) => Ok(&a.elements),
            other => Err(self.problem(
                json_range(other),
                format!("{what} must be an array, found {}", type_name(other)),
            )),
        }
    }

    /// An object, or a problem saying what it must be (`what`: "a claim
    /// must be an object") and what it is.
    fn object<'o>(&self, v: &'o Json<'o>, what: &str) -> Result<&'o Object<'o>, Problem> {
        match v {
            Json::Object(obj) => Ok(obj),
            other => Err(self.problem(
                json_range(other),
                format!("{what}, found {}", type_name(other)),
            )),
        }
    }

    /// A string element of an array.
    fn string_value(&self, v: &Json<'_>, what: &str) -> Result<Spanned<String>, Problem> {
        match v {
            Json::StringLit(s) => Ok(Spanned {
                value: s.value.to_string(),
                span: self.shift(range(&s.range)),
            }),
            other => Err(self.problem(
                json_range(other),
                format!("{what} must be a string, found {}", type_name(other)),
            )),
        }
    }

    /// `labels`: regular expressions of names whose digits are not quantities.
    fn labels(&self, prop: &ObjectProp<'_>) -> Result<Vec<regex::Regex>, Problem> {
        let mut out = Vec::new();
        for v in self.array(prop, "`labels`")? {
            let pattern = self.string_value(v, "a `labels` entry")?;
            let compiled = regex::RegexBuilder::new(&pattern.value)
                .size_limit(MAX_LABEL_PATTERN)
                .dfa_size_limit(MAX_LABEL_PATTERN)
                .build()
                .map_err(|e| Problem::new(pattern.span.clone(), label_error(&e)))?;
            out.push(compiled);
        }
        Ok(out)
    }

    /// `ignore`: draft numbers waived on purpose, each with a reason.
    fn ignore(&self, prop: &ObjectProp<'_>) -> Result<Vec<Ignore>, Problem> {
        let mut out = Vec::new();
        for v in self.array(prop, "`ignore`")? {
            let obj = self.object(
                v,
                "an `ignore` entry must be an object with `quote` and `why`",
            )?;
            let props = self.props(obj, IGNORE_KEYS, "an `ignore` entry")?;
            let get = |k: &str| props.iter().find(|p| p.name.as_str() == k).copied();
            let need = |k: &str| {
                get(k).ok_or_else(|| {
                    self.problem(range(&obj.range), format!("an `ignore` entry needs `{k}`"))
                })
            };
            let quote = self.string(need("quote")?, "`quote`")?;
            let why = self.string(need("why")?, "`why`")?;
            if why.value.trim().is_empty() {
                return Err(Problem::new(
                    why.span,
                    "`why` is empty: say why this number needs no check",
                ));
            }
            out.push(Ignore { quote, why });
        }
        Ok(out)
    }

    /// `root`: the folder every source must stay inside.
    fn root(&self, prop: &ObjectProp<'_>) -> Result<Spanned<std::path::PathBuf>, Problem> {
        let s = self.string(prop, "`root`")?;
        if s.value.trim().is_empty() {
            return Err(Problem::new(s.span, "`root` is empty"));
        }
        Ok(Spanned {
            value: normalize(&self.base.join(&s.value)),
            span: s.span,
        })
    }

    fn sources(&self, prop: &ObjectProp<'_>) -> Result<Vec<SourceRef>, Problem> {
        let obj = self.object(&prop.value, "`sources` must be an object of name → path")?;
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
    ) -> Result<(Vec<FactDef>, HashMap<String, usize>), Problem> {
        let obj = self.object(&prop.value, "`facts` must be an object of name → fact")?;
        let mut out: Vec<FactDef> = Vec::with_capacity(obj.properties.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        for p in &obj.properties {
            let name = p.name.as_str().to_string();
            let span = self.shift(name_span(p));
            if index.contains_key(&name) {
                return Err(Problem::new(
                    span,
                    format!("fact `{name}` is defined twice"),
                ));
            }
            let body = if valid_fact_name(&name) {
                index.insert(name.clone(), out.len());
                self.fact(p, sources, draft)
            } else {
                Err(Problem::new(
                    span.clone(),
                    format!(
                        "`{name}` is not a valid fact name (letters, digits and `_`, not starting with a digit)"
                    ),
                ))
            };
            out.push(FactDef { name, span, body });
        }
        Ok((out, index))
    }

    fn fact(
        &self,
        prop: &ObjectProp<'_>,
        sources: &[SourceRef],
        draft: Option<&str>,
    ) -> Result<FactBody, Problem> {
        let obj = self.object(
            &prop.value,
            "a fact must be an object with `quote` or `expr`",
        )?;
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
            Some(p) => self.source_name(p, "`in`", sources)?,
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
        let table_units = get("table_units")
            .map(|p| self.boolean(p, "`table_units`"))
            .transpose()?;
        Ok(FactBody::Quote {
            source,
            quote,
            table_units,
        })
    }

    fn claims(
        &self,
        prop: &ObjectProp<'_>,
        sources: &[SourceRef],
    ) -> Result<Vec<ClaimDef>, Problem> {
        let elements = self.array(prop, "`claims`")?;
        let mut out: Vec<ClaimDef> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (i, v) in elements.iter().enumerate() {
            let mut claim = ClaimDef {
                number: i + 1,
                id: format!("#{}", i + 1),
                span: self.shift(json_range(v)),
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
        let obj = self.object(v, "a claim must be an object")?;
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

/// A `labels` pattern that does not compile, in one line.
fn label_error(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("this `labels` pattern is too large (limit {limit} bytes compiled)")
        }
        other => {
            let detail = other.to_string();
            let last = detail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            format!(
                "this `labels` pattern is not a valid regular expression: {}",
                last.trim()
            )
        }
    }
}
