//! Resolving facts: numbers quoted from sources, or values computed from
//! other facts. A fact is resolved once, on first use, after the facts its
//! expression names; the walk over those dependencies keeps its own stack,
//! so a chain of 10,000 facts needs no deep recursion, and a fact that uses
//! itself, directly or not, is reported with the cycle's path.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::claims::{ClaimsFile, FactBody, FactDef, Spanned};
use crate::diagnostic::Code;
use crate::expr::{Env, EvalError, Expr, ExprError, Quantity, Tolerance, Value, evaluate_parsed};
use crate::numbers::{Number, read_numbers};
use crate::outcome::{Closest, Input, InputValue};
use crate::quote::{Marked, map_range, one_line, parse_marked};
use crate::sources::{NamedSources, QuoteIndex};

/// A resolved fact.
#[derive(Clone, Debug)]
pub struct Fact {
    /// Its value: one number or a list.
    pub value: Value,
    /// Each number, as written and where it stands (or as computed).
    pub parts: Vec<Input>,
}

/// Why a fact could not be resolved.
#[derive(Clone, Debug)]
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
            } => format!(
                "fact `{fact}`: {error} (column {} of `{expr}`)",
                error.column(expr)
            ),
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
            | FactError::Expr { span, .. }
            | FactError::Cycle { span, .. } => span.clone(),
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
    marked
        .marks
        .iter()
        .map(|mark| number_in_mark(marked, &tokens, mark))
        .collect()
}

fn number_in_mark(
    marked: &Marked,
    tokens: &[Number],
    mark: &Range<usize>,
) -> Result<Number, String> {
    let mut inside = tokens
        .iter()
        .filter(|n| n.digits.start >= mark.start && n.digits.end <= mark.end);
    let shown = &marked.text[mark.clone()];
    match (inside.next(), inside.count()) {
        (Some(n), 0) => Ok(n.clone()),
        (None, _) => Err(format!("`{{{shown}}}` contains no number")),
        (Some(_), more) => Err(format!(
            "`{{{shown}}}` contains {} numbers; mark each one separately",
            more + 1
        )),
    }
}

/// What resolving a fact gave.
pub type Resolved = Result<Arc<Fact>, Arc<FactError>>;

/// A fact's place in the walk over dependencies.
enum Slot {
    /// On the walk's stack: its dependencies are being resolved.
    Busy,
    /// Resolved.
    Done(Resolved),
}

/// Resolves the facts of one claims file.
pub struct Resolver<'a> {
    file: &'a ClaimsFile,
    sources: &'a NamedSources,
    quotes: &'a QuoteIndex,
    slots: HashMap<String, Slot>,
    parsed: HashMap<String, Result<Expr, ExprError>>,
    /// "did you mean" answers by unknown name.
    suggestions: HashMap<String, Option<String>>,
}

impl<'a> Resolver<'a> {
    /// A resolver over the file's facts and its sources.
    pub fn new(file: &'a ClaimsFile, sources: &'a NamedSources, quotes: &'a QuoteIndex) -> Self {
        Resolver {
            file,
            sources,
            quotes,
            slots: HashMap::new(),
            parsed: HashMap::new(),
            suggestions: HashMap::new(),
        }
    }

    /// The quotes the file's facts need found, as `(source, text)` pairs.
    pub fn quote_requests(file: &ClaimsFile) -> Vec<(String, String)> {
        file.facts
            .iter()
            .filter_map(|f| match &f.body {
                Ok(FactBody::Quote { source, quote, .. }) => parse_marked(&quote.value)
                    .ok()
                    .map(|m| (source.clone(), m.text)),
                _ => None,
            })
            .collect()
    }

    /// Resolves fact `name`; `None` when there is no such fact.
    pub fn resolve(&mut self, name: &str) -> Option<Resolved> {
        self.file.fact(name)?;
        if !matches!(self.slots.get(name), Some(Slot::Done(_))) {
            self.walk(name);
        }
        match self.slots.get(name) {
            Some(Slot::Done(r)) => Some(r.clone()),
            _ => None,
        }
    }

    /// Resolves `name` after every fact it depends on, depth first, with an
    /// explicit stack of `(fact, its dependencies, how many are done)`.
    fn walk(&mut self, name: &str) {
        let mut stack: Vec<(String, Vec<String>, usize)> = Vec::new();
        self.enter(name, &mut stack);
        while let Some((top, deps, next)) = stack.last_mut() {
            let Some(dep) = deps.get(*next).cloned() else {
                let top = top.clone();
                let result = self.compute(&top);
                self.slots.insert(top, Slot::Done(result));
                stack.pop();
                continue;
            };
            *next += 1;
            match self.slots.get(&dep) {
                Some(Slot::Done(_)) => {}
                Some(Slot::Busy) => {
                    let cycle = self.cycle(&stack, &dep);
                    let (top, _, _) = stack.pop().expect("the walk is not empty");
                    self.slots.insert(top, Slot::Done(Err(cycle)));
                }
                None => self.enter(&dep, &mut stack),
            }
        }
    }

    /// Puts fact `name` on the walk's stack with the facts its expression names.
    fn enter(&mut self, name: &str, stack: &mut Vec<(String, Vec<String>, usize)>) {
        self.slots.insert(name.to_string(), Slot::Busy);
        let deps = self.dependencies(name);
        stack.push((name.to_string(), deps, 0));
    }

    /// The facts that fact `name`'s expression names, in order, once each.
    fn dependencies(&mut self, name: &str) -> Vec<String> {
        let Some(FactDef {
            body: Ok(FactBody::Expr(expr)),
            ..
        }) = self.file.fact(name)
        else {
            return Vec::new();
        };
        let tree = self
            .parsed
            .entry(name.to_string())
            .or_insert_with(|| crate::expr::parse(&expr.value));
        let Ok(tree) = tree else {
            return Vec::new();
        };
        let mut names = Vec::new();
        for r in crate::expr::references(tree) {
            if self.file.fact(&r.name).is_some() && !names.contains(&r.name) {
                names.push(r.name);
            }
        }
        names
    }

    /// The cycle closed by a dependency on `dep`, which is on the stack.
    fn cycle(&self, stack: &[(String, Vec<String>, usize)], dep: &str) -> Arc<FactError> {
        let start = stack.iter().position(|(n, _, _)| n == dep).unwrap_or(0);
        let mut path: Vec<String> = stack[start..].iter().map(|(n, _, _)| n.clone()).collect();
        path.push(dep.to_string());
        let span = self.file.fact(dep).map_or(0..0, |d| d.span.clone());
        Arc::new(FactError::Cycle { path, span })
    }

    /// Computes a fact whose dependencies are all resolved.
    fn compute(&mut self, name: &str) -> Resolved {
        let def = self.file.fact(name).expect("only defined facts are walked");
        let body = def.body.as_ref().map_err(|p| {
            Arc::new(FactError::Invalid {
                fact: def.name.clone(),
                message: p.message.clone(),
                span: p.span.clone(),
            })
        })?;
        match body {
            FactBody::Quote {
                source,
                quote,
                table_units,
            } => {
                let in_units = table_units.unwrap_or(self.file.table_units);
                self.quoted(name, source, quote, in_units).map(Arc::new)
            }
            FactBody::Expr(expr) => self.computed(name, expr),
        }
    }

    fn quoted(
        &self,
        name: &str,
        source_name: &str,
        quote: &Spanned<String>,
        in_units: bool,
    ) -> Result<Fact, Arc<FactError>> {
        let invalid = |message: String| {
            Arc::new(FactError::Invalid {
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
        let Some(found) = self.quotes.get(source, &marked.text) else {
            return Err(Arc::new(FactError::NotFound {
                fact: name.to_string(),
                source: source_name.to_string(),
                closest: self.quotes.closest(source, &marked.text).map(Box::new),
                span: quote.span.clone(),
            }));
        };
        let several = numbers.len() > 1;
        let mut quantities = Vec::with_capacity(numbers.len());
        let mut parts = Vec::with_capacity(numbers.len());
        for (i, n) in numbers.iter().enumerate() {
            let range = map_range(source.text(), &marked.text, found, n.span.clone());
            let digits = map_range(source.text(), &marked.text, found, n.digits.clone());
            let mut written = n.text(&marked.text).replace('\n', " ");
            let in_table = in_units
                .then(|| source.readings().in_table_unit(digits.start))
                .flatten();
            match in_table {
                Some((scaled, caption)) => {
                    quantities.push(Quantity::from_number(scaled));
                    let caption = one_line(&source.text()[caption]);
                    written = if caption.starts_with(['(', '（']) {
                        format!("{written} {caption}")
                    } else {
                        format!("{written} ({caption})")
                    };
                }
                None => quantities.push(Quantity::from_number(n)),
            }
            parts.push(Input {
                name: element_name(name, several, i),
                value: InputValue::Quoted(written),
                at: Some(source.span(range)),
            });
        }
        let value = if several {
            Value::List(quantities)
        } else {
            Value::Num(quantities.remove(0))
        };
        Ok(Fact { value, parts })
    }

    fn computed(&mut self, name: &str, expr: &Spanned<String>) -> Resolved {
        let tree = match self.parsed.remove(name) {
            Some(parsed) => parsed,
            None => crate::expr::parse(&expr.value),
        };
        let expr_error = |error: ExprError| {
            Arc::new(FactError::Expr {
                fact: name.to_string(),
                error,
                expr: expr.value.clone(),
                span: expr.span.clone(),
            })
        };
        let tree = tree.map_err(expr_error)?;
        let value = match evaluate_parsed(&tree, self, &Tolerance::default()) {
            Ok((value, _)) => value,
            Err(EvalError::Fact { error, .. }) => return Err(error),
            Err(EvalError::Expr(error)) => return Err(expr_error(error)),
        };
        let items: Vec<Quantity> = match &value {
            Value::Num(q) => vec![q.clone()],
            Value::List(qs) => qs.clone(),
            other => {
                return Err(Arc::new(FactError::Invalid {
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
            .into_iter()
            .enumerate()
            .map(|(i, q)| Input {
                name: element_name(name, several, i),
                value: InputValue::Computed(q),
                at: None,
            })
            .collect();
        Ok(Arc::new(Fact { value, parts }))
    }
}

/// `rev[1]` for an element of a list fact, `rev` for a single value.
fn element_name(name: &str, several: bool, i: usize) -> String {
    if several {
        format!("{name}[{i}]")
    } else {
        name.to_string()
    }
}

impl Env for Resolver<'_> {
    type Error = Arc<FactError>;

    /// A fact's value. Facts an expression of a fact uses are resolved
    /// before it; a claim's `check` resolves the facts it names here.
    fn fact(&mut self, name: &str) -> Option<Result<Value, Arc<FactError>>> {
        Some(self.resolve(name)?.map(|f| f.value.clone()))
    }

    fn names(&self) -> Vec<String> {
        self.file.fact_names().map(str::to_string).collect()
    }

    /// Each unknown name is compared with every fact name once per file.
    fn suggest(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.suggestions.get(name) {
            return known.clone();
        }
        let found = crate::expr::suggestion(name, self.names());
        self.suggestions.insert(name.to_string(), found.clone());
        found
    }
}
