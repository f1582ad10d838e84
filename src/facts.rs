//! Resolving facts: numbers quoted from sources, or values computed from
//! other facts. Facts are resolved on first use and remembered; a fact that
//! uses itself, directly or not, is reported with the cycle's path.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::claims::{ClaimsFile, FactBody, FactDef, Spanned};
use crate::diagnostic::Code;
use crate::expr::{Env, EvalError, ExprError, Quantity, Tolerance, Value, evaluate};
use crate::format::Style;
use crate::numbers::{Number, read_numbers};
use crate::quote::{Marked, Match, one_line, parse_marked};
use crate::report::{Closest, Input};
use crate::sources::Source;

/// A resolved fact.
#[derive(Clone, Debug)]
pub struct Fact {
    /// Its value: one number or a list.
    pub value: Value,
    /// Each number, as written and where it stands (or as computed).
    pub parts: Vec<Input>,
}

/// Why a fact could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactError {
    /// The quote is not in its source.
    NotFound {
        /// The fact.
        fact: String,
        /// The source's name.
        source: String,
        /// The closest passage of the source.
        closest: Option<Box<Closest>>,
        /// The quote in the claims file.
        span: Range<usize>,
    },
    /// The fact is malformed.
    Invalid {
        /// The fact.
        fact: String,
        /// What is wrong.
        message: String,
        /// Where, in the claims file.
        span: Range<usize>,
    },
    /// Its expression failed.
    Expr {
        /// The fact.
        fact: String,
        /// The error.
        error: ExprError,
        /// The expression.
        expr: String,
        /// The expression in the claims file.
        span: Range<usize>,
    },
    /// Facts that use each other.
    Cycle {
        /// The cycle, first name repeated at the end.
        path: Vec<String>,
        /// The first fact's key in the claims file.
        span: Range<usize>,
    },
}

impl FactError {
    /// The diagnostic code for claims that use this fact.
    pub fn code(&self) -> Code {
        match self {
            FactError::NotFound { .. } => Code::QuoteNotFound,
            FactError::Invalid { .. } => Code::InvalidFact,
            FactError::Expr { error, .. } => Code::from(error.kind),
            FactError::Cycle { .. } => Code::FactCycle,
        }
    }

    /// One line on what is wrong.
    pub fn message(&self) -> String {
        match self {
            FactError::NotFound { fact, source, .. } => {
                format!("the quote of fact `{fact}` is not in `{source}`")
            }
            FactError::Invalid { fact, message, .. } => format!("fact `{fact}`: {message}"),
            FactError::Expr {
                fact, error, expr, ..
            } => {
                format!(
                    "fact `{fact}`: {error} (column {} of `{expr}`)",
                    error.column(expr)
                )
            }
            FactError::Cycle { path, .. } => {
                format!("facts depend on each other: {}", path.join(" → "))
            }
        }
    }

    /// Where to point in the claims file.
    pub fn span(&self) -> Range<usize> {
        match self {
            FactError::NotFound { span, .. }
            | FactError::Invalid { span, .. }
            | FactError::Cycle { span, .. } => span.clone(),
            FactError::Expr { span, .. } => span.clone(),
        }
    }
}

/// The numbers a marked text yields: those in `{…}`, or its only number.
pub fn marked_numbers(marked: &Marked) -> Result<Vec<Number>, String> {
    let tokens: Vec<Number> = read_numbers(&marked.text).collect();
    if marked.marks.is_empty() {
        let values: Vec<Number> = tokens.into_iter().filter(|n| n.kind.is_value()).collect();
        return match values.len() {
            1 => Ok(values),
            0 => Err("it has no number (mark the value with `{…}`)".to_string()),
            n => Err(format!(
                "it has {n} numbers; mark the one(s) you mean with `{{…}}`"
            )),
        };
    }
    let mut out = Vec::with_capacity(marked.marks.len());
    for mark in &marked.marks {
        let inside: Vec<&Number> = tokens
            .iter()
            .filter(|n| n.digits.start >= mark.start && n.digits.end <= mark.end)
            .collect();
        let shown = &marked.text[mark.clone()];
        match inside.as_slice() {
            [n] => out.push((*n).clone()),
            [] => return Err(format!("`{{{shown}}}` contains no number")),
            many => {
                return Err(format!(
                    "`{{{shown}}}` contains {} numbers; mark each one separately",
                    many.len()
                ));
            }
        }
    }
    Ok(out)
}

/// Where every quote of a claims file stands in its source, found in one
/// pass per source.
#[derive(Default)]
pub struct QuoteIndex {
    found: HashMap<(String, String), Option<Match>>,
}

impl QuoteIndex {
    /// Finds `(source name, quote text)` pairs.
    pub fn build(
        requests: &[(String, String)],
        sources: &HashMap<String, Rc<Source>>,
    ) -> QuoteIndex {
        let mut by_source: HashMap<&str, Vec<&str>> = HashMap::new();
        for (source, text) in requests {
            by_source
                .entry(source.as_str())
                .or_default()
                .push(text.as_str());
        }
        let mut found = HashMap::new();
        for (name, mut quotes) in by_source {
            quotes.sort_unstable();
            quotes.dedup();
            let Some(source) = sources.get(name) else {
                continue;
            };
            let matches = source.locator().find_all(source.text(), &quotes);
            for (q, m) in quotes.into_iter().zip(matches) {
                found.insert((name.to_string(), q.to_string()), m);
            }
        }
        QuoteIndex { found }
    }

    /// Where a quote was found; `None` when it is missing.
    pub fn get(&self, source: &str, text: &str) -> Option<&Match> {
        self.found
            .get(&(source.to_string(), text.to_string()))
            .and_then(Option::as_ref)
    }
}

/// The closest passage of `source` to a missing `text`.
pub fn closest_passage(source: &Source, text: &str) -> Option<Closest> {
    let mut range = source.locator().closest(source.text(), text)?;
    // Finish the last word, so the diff does not end on a cut-off word.
    let rest = &source.text()[range.end..];
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
        .min(24);
    range.end += word_end;
    Some(Closest {
        quote: one_line(text),
        passage: one_line(&source.text()[range.clone()]),
        place: source.place(range),
    })
}

enum Slot {
    Busy,
    Done(Result<Rc<Fact>, Rc<FactError>>),
}

/// Resolves the facts of one claims file.
pub struct Resolver<'a> {
    file: &'a ClaimsFile,
    sources: &'a HashMap<String, Rc<Source>>,
    quotes: &'a QuoteIndex,
    slots: HashMap<String, Slot>,
    stack: Vec<String>,
}

impl<'a> Resolver<'a> {
    /// A resolver over the file's facts and its sources.
    pub fn new(
        file: &'a ClaimsFile,
        sources: &'a HashMap<String, Rc<Source>>,
        quotes: &'a QuoteIndex,
    ) -> Self {
        Resolver {
            file,
            sources,
            quotes,
            slots: HashMap::new(),
            stack: Vec::new(),
        }
    }

    /// The quotes the file's facts need found, as `(source, text)` pairs.
    pub fn quote_requests(file: &ClaimsFile) -> Vec<(String, String)> {
        file.facts
            .iter()
            .filter_map(|f| match &f.body {
                Ok(FactBody::Quote { source, quote }) => parse_marked(&quote.value)
                    .ok()
                    .map(|m| (source.clone(), m.text)),
                _ => None,
            })
            .collect()
    }

    /// Resolves fact `name`; `None` when there is no such fact.
    pub fn resolve(&mut self, name: &str) -> Option<Result<Rc<Fact>, Rc<FactError>>> {
        let def = self.file.facts.iter().find(|f| f.name == name)?;
        match self.slots.get(name) {
            Some(Slot::Done(result)) => return Some(result.clone()),
            Some(Slot::Busy) => {
                let start = self.stack.iter().position(|n| n == name).unwrap_or(0);
                let mut path: Vec<String> = self.stack[start..].to_vec();
                path.push(name.to_string());
                return Some(Err(Rc::new(FactError::Cycle {
                    path,
                    span: def.span.clone(),
                })));
            }
            None => {}
        }
        self.slots.insert(name.to_string(), Slot::Busy);
        self.stack.push(name.to_string());
        let result = self.compute(def);
        self.stack.pop();
        self.slots
            .insert(name.to_string(), Slot::Done(result.clone()));
        Some(result)
    }

    fn compute(&mut self, def: &FactDef) -> Result<Rc<Fact>, Rc<FactError>> {
        let body = def.body.as_ref().map_err(|p| {
            Rc::new(FactError::Invalid {
                fact: def.name.clone(),
                message: p.message.clone(),
                span: p.span.clone(),
            })
        })?;
        match body {
            FactBody::Quote { source, quote } => self.quoted(&def.name, source, quote).map(Rc::new),
            FactBody::Expr(expr) => self.computed(&def.name, expr),
        }
    }

    fn quoted(
        &self,
        name: &str,
        source_name: &str,
        quote: &Spanned<String>,
    ) -> Result<Fact, Rc<FactError>> {
        let invalid = |message: String| {
            Rc::new(FactError::Invalid {
                fact: name.to_string(),
                message,
                span: quote.span.clone(),
            })
        };
        let marked = parse_marked(&quote.value)
            .map_err(|e| invalid(format!("in its quote, {}", e.message)))?;
        let source = self
            .sources
            .get(source_name)
            .ok_or_else(|| invalid(format!("source `{source_name}` was not read")))?;
        let numbers = marked_numbers(&marked)
            .map_err(|e| invalid(format!("its quote cannot give a value: {e}")))?;
        let Some(found) = self.quotes.get(source_name, &marked.text) else {
            return Err(Rc::new(FactError::NotFound {
                fact: name.to_string(),
                source: source_name.to_string(),
                closest: closest_passage(source, &marked.text).map(Box::new),
                span: quote.span.clone(),
            }));
        };
        let locator = source.locator();
        let several = numbers.len() > 1;
        let mut quantities = Vec::with_capacity(numbers.len());
        let mut parts = Vec::with_capacity(numbers.len());
        for (i, n) in numbers.iter().enumerate() {
            let range = locator.map_range(source.text(), &marked.text, found, n.span.clone());
            quantities.push(Quantity::from_number(n));
            parts.push(Input {
                name: if several {
                    format!("{name}[{i}]")
                } else {
                    name.to_string()
                },
                value: n.text(&marked.text).replace('\n', " "),
                place: Some(source.place(range)),
            });
        }
        let value = if several {
            Value::List(quantities)
        } else {
            Value::Num(quantities.remove(0))
        };
        Ok(Fact { value, parts })
    }

    fn computed(&mut self, name: &str, expr: &Spanned<String>) -> Result<Rc<Fact>, Rc<FactError>> {
        let tolerance = Tolerance::default();
        let (value, _) = match evaluate(&expr.value, self, &tolerance) {
            Ok(v) => v,
            Err(EvalError::Fact { error, .. }) => return Err(error),
            Err(EvalError::Expr(error)) => {
                return Err(Rc::new(FactError::Expr {
                    fact: name.to_string(),
                    error,
                    expr: expr.value.clone(),
                    span: expr.span.clone(),
                }));
            }
        };
        let items: Vec<Quantity> = match &value {
            Value::Num(q) => vec![q.clone()],
            Value::List(qs) => qs.clone(),
            other => {
                return Err(Rc::new(FactError::Invalid {
                    fact: name.to_string(),
                    message: format!(
                        "an `expr` fact must be a number or a list, this one is {}",
                        other.describe()
                    ),
                    span: expr.span.clone(),
                }));
            }
        };
        let several = matches!(value, Value::List(_));
        let parts = items
            .iter()
            .enumerate()
            .map(|(i, q)| Input {
                name: if several {
                    format!("{name}[{i}]")
                } else {
                    name.to_string()
                },
                value: Style::plain(q, 2).interval(&q.iv),
                place: None,
            })
            .collect();
        Ok(Rc::new(Fact { value, parts }))
    }
}

impl Env for Resolver<'_> {
    type Error = Rc<FactError>;

    fn fact(&mut self, name: &str) -> Option<Result<Value, Rc<FactError>>> {
        Some(self.resolve(name)?.map(|f| f.value.clone()))
    }

    fn names(&self) -> Vec<String> {
        self.file.facts.iter().map(|f| f.name.clone()).collect()
    }
}
