//! Where does a number come from? Tracing searches the numbers of some
//! sources for derivations consistent with a stated value, under the same
//! rounding rules as `check`: each written number stands for its rounding
//! interval, the arithmetic is exact, and a derivation is kept only when the
//! expression evaluator, run on it as a claims file would write it, gives a
//! value `check` accepts.
//!
//! The pieces, in the order they work:
//! - [`pool`]: the numbers of the sources and where they stand (sentences,
//!   lists, table rows and columns, period labels), from [`layout`];
//! - [`search`]: the derivations tried, within a [`Budget`] counted in
//!   operations (never in time, so results are deterministic), prefiltered
//!   in floats ([`approx`]) and decided exactly ([`derive`]);
//! - [`rank`]: the order of the consistent ones (simplicity, closeness in
//!   the text, tightness, units, context);
//! - [`quotes`]: quotes that are unique in their source, for the facts;
//! - [`output`]: the `trace` reports; [`hint`]: hints on mismatches;
//!   [`draft`]: `init` and `audit`.
//!
//! Cost: on a 1 MB source a trace takes well under a second, and an audit
//! of a 5,000-word draft against a 5 MB source a few seconds (`cargo bench
//! --bench trace` measures both).

mod approx;
mod derive;
pub mod draft;
pub mod hint;
pub mod inputs;
mod layout;
pub mod output;
mod pool;
mod quotes;
mod rank;
mod search;
mod target;
mod tokens;

use std::collections::HashSet;

pub use pool::Pool;
pub use quotes::{MAX_QUOTE, Quote};
pub use search::{Budget, EXACT_COST, MAX_WIDTH, SECOND_WINDOW};
pub use target::{COARSE, FACTORS, OPEN_END, PERCENT_FACTOR, Target};

use crate::expr::Quantity;
use crate::interval::{Rounding, to_plain};
use derive::{Derivation, Shape, Term};
use pool::Relation;
use quotes::Quoter;
use rank::{Focus, Ranked};
use search::Found;

/// A fact of a candidate: a quote of one number of a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracedFact {
    /// The fact's name in the candidate's expression.
    pub name: String,
    /// The source's name (`in`).
    pub source: String,
    /// The quote, unique in its source, with line and column of the number.
    pub quote: Quote,
}

/// A derivation of the value, ready to paste into a claims file.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The `check` expression.
    pub expr: String,
    /// Its facts, in the order the expression names them.
    pub facts: Vec<TracedFact>,
    /// The exact value it computes.
    pub computed: Quantity,
    /// Lower bound of the computed value, a plain decimal.
    pub low: String,
    /// Upper bound, a plain decimal.
    pub high: String,
    /// Its score (higher is better).
    pub score: f64,
    /// How its inputs stand: their periods and where they are (`2022→2024, same list`).
    pub note: String,
}

/// What a trace found.
#[derive(Clone, Debug)]
pub struct Traced {
    /// The value as written.
    pub value: String,
    /// Derivations tried (each scale factor and sign counted).
    pub considered: u64,
    /// How many are consistent with the value.
    pub consistent: usize,
    /// How many of those are different computations (the same figures
    /// quoted in two places count once).
    pub distinct: usize,
    /// Whether the budget ran out before the whole space was searched.
    pub exhausted: bool,
    /// How many points the best derivation scores above the best different
    /// one; `None` when there is no other. Below [`hint::MARGIN`] the value
    /// is ambiguous.
    pub lead: Option<f64>,
    /// The best candidates, best first.
    pub candidates: Vec<Candidate>,
}

/// How a trace searches and what it returns.
#[derive(Clone, Debug)]
pub struct Request {
    /// A quote of the passage the value is expected near (`--near`).
    pub near: Option<String>,
    /// How many candidates to return.
    pub top: usize,
    /// The search budget.
    pub budget: Budget,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            near: None,
            top: 5,
            budget: Budget::default(),
        }
    }
}

/// Traces `target` in `pool`.
pub fn trace(pool: &Pool, target: &Target, request: &Request) -> Traced {
    let focus = Focus {
        near: request
            .near
            .as_deref()
            .map_or_else(Vec::new, |q| near(pool, q)),
        preferred: Vec::new(),
    };
    let mut outcome = search::search(pool, std::slice::from_ref(target), &request.budget);
    let found = std::mem::take(&mut outcome.found[0]);
    let ranked = rank::rank(pool, target, found, &focus);
    let distinct = distinct(&ranked);
    let lead = lead(&ranked);
    let mut quoter = Quoter::new(pool);
    let candidates = candidates(pool, target, &ranked, &mut quoter, request.top);
    Traced {
        value: target.written.clone(),
        considered: outcome.considered,
        consistent: outcome.consistent[0],
        distinct,
        exhausted: outcome.exhausted,
        lead,
        candidates,
    }
}

/// The best score less the best score of a derivation on other figures.
fn lead(ranked: &[Ranked]) -> Option<f64> {
    let best = ranked.first()?;
    let key = figures(&best.found);
    let next = ranked.iter().find(|r| figures(&r.found) != key)?;
    Some(((best.score - next.score) * 10.0).round() / 10.0)
}

/// The leaves inside the passages of the sources that `quote` matches, and
/// in the sentences around them.
fn near(pool: &Pool, quote: &str) -> Vec<u32> {
    let text = crate::quote::parse_marked(quote).map_or_else(|_| quote.to_string(), |m| m.text);
    let mut out = Vec::new();
    for src in &pool.sources {
        let Some(m) = crate::quote::find(src.source.text(), &text) else {
            continue;
        };
        let (first, last) = (
            src.layout.sentence(m.range.start),
            src.layout.sentence(m.range.end),
        );
        for i in src.leaves.clone() {
            let leaf = &pool.leaves[i];
            let inside =
                leaf.number.span.start < m.range.end && leaf.number.span.end > m.range.start;
            if inside || (first..=last).contains(&leaf.sentence) {
                out.push(i as u32);
            }
        }
    }
    out
}

/// How many different computations `ranked` holds: derivations of the
/// same shape with the same exact result (the same figures quoted in a
/// sentence and in a table) count once.
pub(crate) fn distinct(ranked: &[Ranked]) -> usize {
    let mut seen = HashSet::new();
    for r in ranked {
        seen.insert(figures(&r.found));
    }
    seen.len()
}

/// The kind of computation and its exact result, as a key.
pub(crate) fn figures(found: &Found) -> String {
    let d = &found.derivation;
    let op = match d.shape {
        Shape::One(Term::Leaf(_)) => "one".to_string(),
        Shape::One(Term::Sum { len, .. }) => format!("sum{len}"),
        Shape::One(_) => "run".to_string(),
        Shape::Index(_) => "index".to_string(),
        Shape::Two(op, _, _) => format!("{op:?}"),
    };
    let iv = &found.quantity.iv;
    format!("{op}|{}|{}", iv.lo, iv.hi)
}

/// The first `top` of `ranked` whose inputs all have unique quotes, as candidates.
fn candidates(
    pool: &Pool,
    target: &Target,
    ranked: &[Ranked],
    quoter: &mut Quoter,
    top: usize,
) -> Vec<Candidate> {
    let mut out: Vec<(Candidate, Vec<u32>)> = Vec::new();
    for r in ranked {
        if out.len() >= top {
            break;
        }
        if let Some(c) = candidate(pool, target, r, quoter) {
            out.push(c);
        }
    }
    let all: Vec<(u32, &Quote)> = out
        .iter()
        .flat_map(|(c, inputs)| inputs.iter().copied().zip(c.facts.iter().map(|f| &f.quote)))
        .collect();
    let mut ok = quoter.confirm(&all).into_iter();
    out.into_iter()
        .filter(|(c, _)| {
            let confirmed: Vec<bool> = c.facts.iter().map(|_| ok.next().unwrap_or(false)).collect();
            confirmed.into_iter().all(|b| b)
        })
        .map(|(c, _)| c)
        .collect()
}

/// Fact names by position: `a`, `b`, … `z`, `a1`, `b1`…
pub(crate) fn letter(k: usize) -> String {
    let c = char::from(b'a' + (k % 26) as u8);
    if k < 26 {
        c.to_string()
    } else {
        format!("{c}{}", k / 26)
    }
}

/// One ranked derivation as a candidate, with its inputs; `None` when some
/// input has no unique quote.
pub(crate) fn candidate(
    pool: &Pool,
    target: &Target,
    r: &Ranked,
    quoter: &mut Quoter,
) -> Option<(Candidate, Vec<u32>)> {
    let d = &r.found.derivation;
    let inputs = d.inputs(pool);
    let mut facts = Vec::with_capacity(inputs.len());
    for (k, &i) in inputs.iter().enumerate() {
        facts.push(TracedFact {
            name: letter(k),
            source: pool.source_name(i as usize).to_string(),
            quote: quoter.quote(i)?,
        });
    }
    let name = |i: u32| letter(inputs.iter().position(|&j| j == i).unwrap_or(0));
    let q = &r.found.quantity;
    let candidate = Candidate {
        expr: d.expr(pool, &name, target.percent()),
        facts,
        computed: q.clone(),
        low: to_plain(&q.iv.lo, Rounding::Down),
        high: to_plain(&q.iv.hi, Rounding::Up),
        score: r.score,
        note: note(pool, d),
    };
    Some((candidate, inputs))
}

/// How a derivation's inputs stand: periods, then where they are.
pub(crate) fn note(pool: &Pool, d: &Derivation) -> String {
    let inputs = d.inputs(pool);
    let mut parts = Vec::new();
    if let Some(p) = periods(pool, d) {
        parts.push(p);
    }
    let rel = inputs
        .windows(2)
        .map(|w| pool.relation(w[0] as usize, w[1] as usize))
        .max();
    parts.push(match rel {
        None => "as written".to_string(),
        Some(r) => relation_text(r),
    });
    parts.join(", ")
}

fn relation_text(r: Relation) -> String {
    match r {
        Relation::List => "same list".to_string(),
        Relation::Row => "same table row".to_string(),
        Relation::Column => "same table column".to_string(),
        Relation::Sentence => "same sentence".to_string(),
        Relation::Table => "same table".to_string(),
        Relation::Line => "same line".to_string(),
        Relation::Near(n) => format!("{n} numbers apart"),
        Relation::Far => "different sources".to_string(),
    }
}

/// `2022→2024` for an operation on two figures with periods, `2022–2024`
/// for a run.
pub(crate) fn periods(pool: &Pool, d: &Derivation) -> Option<String> {
    let label = |i: u32| {
        pool.leaves[i as usize]
            .period
            .as_ref()
            .map(|p| p.label.clone())
    };
    let ends = |t: Term| {
        let leaves = t.leaves(pool);
        Some((label(*leaves.first()?)?, label(*leaves.last()?)?))
    };
    match d.shape {
        Shape::Two(_, a, b) => {
            let ((from, _), (_, to)) = (ends(a)?, ends(b)?);
            Some(if from == to {
                from
            } else {
                format!("{from}→{to}")
            })
        }
        Shape::One(t @ (Term::Sum { .. } | Term::Mean { .. })) => {
            let (from, to) = ends(t)?;
            Some(format!("{from}–{to}"))
        }
        _ => None,
    }
}
