//! Hints on mismatches: when a claim's stated value is not what its check
//! computes, is it what some other simple derivation from the same sources
//! gives? `86.6% matches growth(rev[1], rev[2]) (2023→2024), not
//! growth(rev[0], rev[1]) (2022→2023)`.
//!
//! The claim's own facts are searched first (every derivation up to depth 2
//! over the numbers of the facts its check uses, written in their names);
//! only when none of those fits, the numbers around them in the same
//! sources (depth 1, one input among the claim's own numbers and the other
//! in its list, row, column or sentence, no scale factor or product). A
//! hint is given only when one derivation clearly
//! wins: it is the only distinct consistent one, or it scores at least
//! [`MARGIN`] points above the next (the same figures quoted twice count
//! once); among the numbers around, at most [`AROUND`] distinct derivations
//! may be consistent at all. Anything else is ambiguous and gets no hint.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use super::derive::{Op, Shape, Term};
use super::pool::{Pool, Relation};
use super::quotes::Quoter;
use super::rank::{Focus, Ranked, rank};
use super::search::{Budget, search};
use super::target::Target;
use super::{figures, letter, periods};
use crate::claims::{ClaimsFile, FactBody};
use crate::expr::{Expr, Quantity, Tolerance, Value};
use crate::facts::Resolver;
use crate::outcome::{Hint, HintFact, Input};
use crate::sources::{NamedSources, Source};
use crate::verdict::Stated;

/// How many points the winner must score above the next derivation.
pub const MARGIN: f64 = 10.0;

/// The most distinct consistent derivations among the numbers around the
/// claim's facts for a hint to be given.
pub const AROUND: usize = 3;

/// Bytes either side of the claim's facts whose numbers are searched.
pub const REGION: usize = 3000;

/// What a hint needs to know about a mismatched claim.
pub(crate) struct Claim<'a> {
    pub file: &'a ClaimsFile,
    pub sources: &'a NamedSources,
    pub tree: &'a Expr,
    pub check: &'a str,
    /// The numbers the check used, where they stand.
    pub inputs: &'a [Input],
    /// The stated value that did not match.
    pub stated: &'a Stated,
    pub tolerance: Option<&'a Tolerance>,
}

/// One number of a fact the check uses.
struct Own {
    name: String,
    fact: usize,
    source: String,
    range: Range<usize>,
    quantity: Quantity,
}

/// The hints for a mismatched claim (none or one).
pub(crate) fn hints(claim: &Claim<'_>, resolver: &mut Resolver<'_>) -> Vec<Hint> {
    let own = own_numbers(claim, resolver);
    let names: Vec<String> = claim.sources.keys().cloned().collect();
    let pool = region_pool(claim, &own, &names);
    let target = Target::new(claim.stated.clone(), claim.tolerance.cloned(), None);
    let mapped: Vec<(u32, usize, Quantity)> = own
        .iter()
        .filter_map(|o| {
            Some((
                leaf_at(&pool, &o.source, &o.range)?,
                o.fact,
                o.quantity.clone(),
            ))
        })
        .collect();
    // The claim's own numbers by leaf, as the subset orders them, with their names.
    let mut order: Vec<(u32, &str)> = mapped
        .iter()
        .zip(&own)
        .map(|(m, o)| (m.0, o.name.as_str()))
        .collect();
    order.sort_by_key(|s| s.0);
    order.dedup_by_key(|s| s.0);
    let used_leaves = used_by_check(&pool, claim, &order);
    let used: Vec<u32> = used_leaves
        .iter()
        .filter_map(|u| order.iter().position(|o| o.0 == *u))
        .map(|p| p as u32)
        .collect();
    let subset = pool.subset(&mapped);
    let check_periods = check_periods(&pool, claim);
    if let Some(best) = own_winner(&subset, &target, &used) {
        let name = |i: u32| order[i as usize].1.to_string();
        let expr = best.found.derivation.expr(&subset, &name, target.percent());
        let periods = periods(&subset, &best.found.derivation);
        return vec![hint(claim, expr, periods, check_periods, Vec::new())];
    }
    let own_leaves: Vec<u32> = order.iter().map(|o| o.0).collect();
    let focus = Focus {
        preferred: used_leaves,
        ..Focus::default()
    };
    around_hint(claim, &pool, &target, (&own_leaves, &focus), check_periods)
        .into_iter()
        .collect()
}

/// The leaves of the claim's own numbers that its check used.
fn used_by_check(pool: &Pool, claim: &Claim<'_>, order: &[(u32, &str)]) -> Vec<u32> {
    claim
        .inputs
        .iter()
        .filter_map(|i| i.at.as_ref())
        .filter_map(|at| {
            order
                .iter()
                .find(|o| pool.leaves[o.0 as usize].number.span == at.range)
        })
        .map(|o| o.0)
        .collect()
}

/// The numbers of the quoted facts the check uses, directly or through
/// `expr` facts, each with its element name (`rev[1]`).
fn own_numbers(claim: &Claim<'_>, resolver: &mut Resolver<'_>) -> Vec<Own> {
    let mut todo: Vec<String> = crate::expr::references(claim.tree)
        .into_iter()
        .map(|r| r.name)
        .collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) || seen.len() > 64 {
            continue;
        }
        let Some(def) = claim.file.fact(&name) else {
            continue;
        };
        match &def.body {
            Ok(FactBody::Quote { source, .. }) => {
                out.extend(elements(resolver, &name, source, seen.len()))
            }
            Ok(FactBody::Expr(e)) => {
                if let Ok(tree) = crate::expr::parse(&e.value) {
                    todo.extend(crate::expr::references(&tree).into_iter().map(|r| r.name));
                }
            }
            Err(_) => {}
        }
    }
    out
}

fn elements(resolver: &mut Resolver<'_>, name: &str, source: &str, fact: usize) -> Vec<Own> {
    let Some(Ok(f)) = resolver.resolve(name) else {
        return Vec::new();
    };
    let values: Vec<Quantity> = match &f.value {
        Value::Num(q) => vec![q.clone()],
        Value::List(qs) => qs.clone(),
        _ => Vec::new(),
    };
    f.parts
        .iter()
        .zip(values)
        .filter_map(|(p, quantity)| {
            Some(Own {
                name: p.name.clone(),
                fact,
                source: source.to_string(),
                range: p.at.as_ref()?.range.clone(),
                quantity,
            })
        })
        .collect()
}

/// The numbers of the claim's sources around its facts (within [`REGION`]).
fn region_pool(claim: &Claim<'_>, own: &[Own], names: &[String]) -> Pool {
    let mut pool = Pool::default();
    let mut sorted = names.to_vec();
    sorted.sort();
    for name in sorted {
        let ranges: Vec<&Range<usize>> = own
            .iter()
            .filter(|o| o.source == name)
            .map(|o| &o.range)
            .collect();
        let (Some(lo), Some(hi)) = (
            ranges.iter().map(|r| r.start).min(),
            ranges.iter().map(|r| r.end).max(),
        ) else {
            continue;
        };
        let source: &Arc<Source> = &claim.sources[&name];
        let region = lo.saturating_sub(REGION)..(hi + REGION).min(source.text().len());
        pool.add(&name, source, region);
    }
    pool
}

fn leaf_at(pool: &Pool, source: &str, range: &Range<usize>) -> Option<u32> {
    let s = pool.sources.iter().find(|s| s.name == source)?;
    s.leaves
        .clone()
        .find(|&i| pool.leaves[i].number.span == *range)
        .map(|i| i as u32)
}

/// The winner among derivations over the claim's own numbers.
fn own_winner(subset: &Pool, target: &Target, used: &[u32]) -> Option<Ranked> {
    if subset.is_empty() {
        return None;
    }
    let budget = Budget {
        all_pairs: 200,
        work: 2_000_000,
        ..Budget::default()
    };
    let mut outcome = search(subset, std::slice::from_ref(target), &budget);
    let focus = Focus {
        preferred: used.to_vec(),
        ..Focus::default()
    };
    let ranked = rank(
        subset,
        target,
        std::mem::take(&mut outcome.found[0]),
        &focus,
    );
    winner(ranked, usize::MAX)
}

/// The best of `ranked` when it clearly wins, and at most `most` distinct
/// derivations are consistent.
fn winner(ranked: Vec<Ranked>, most: usize) -> Option<Ranked> {
    let mut seen = BTreeSet::new();
    let distinct: Vec<Ranked> = ranked
        .into_iter()
        .filter(|r| seen.insert(figures(&r.found)))
        .collect();
    let best = distinct.first()?;
    let clear = distinct
        .get(1)
        .is_none_or(|next| best.score - next.score >= MARGIN);
    (clear && distinct.len() <= most).then(|| best.clone())
}

/// A hint from the numbers around the claim's facts, with quotes for them.
fn around_hint(
    claim: &Claim<'_>,
    pool: &Pool,
    target: &Target,
    (own, focus): (&[u32], &Focus),
    check: Option<String>,
) -> Option<Hint> {
    // Only derivations within one list, row, column or sentence can give a
    // hint here, so no other pair is tried.
    let budget = Budget {
        depth: 1,
        work: 1_000_000,
        sentence_only: true,
        ..Budget::default()
    };
    let mut outcome = search(pool, std::slice::from_ref(target), &budget);
    let found = std::mem::take(&mut outcome.found[0]);
    // A figure written as-is beside the claim's own (the draft took the
    // wrong member of a list) explains the value better than any sum of two.
    let (written, derived): (Vec<_>, Vec<_>) = found
        .into_iter()
        .filter(|f| !own_as_is(f.derivation, own))
        .partition(|f| written_beside(pool, f.derivation, own));
    let simple: Vec<_> = if written.is_empty() {
        derived
            .into_iter()
            .filter(|f| simple_and_close(pool, f.derivation))
            .filter(|f| f.derivation.inputs(pool).iter().any(|i| own.contains(i)))
            .collect()
    } else {
        written
    };
    let best = winner(rank(pool, target, simple, focus), AROUND)?;
    let d = best.found.derivation;
    let inputs = d.inputs(pool);
    let mut quoter = Quoter::new(pool);
    let taken: Vec<String> = claim.file.fact_names().map(str::to_string).collect();
    let names = fresh_names(&taken, inputs.len());
    let mut facts = Vec::new();
    for (k, &i) in inputs.iter().enumerate() {
        facts.push(HintFact {
            name: names[k].clone(),
            source: pool.source_name(i as usize).to_string(),
            quote: quoter.quote(i)?.text,
        });
    }
    let name = |i: u32| names[inputs.iter().position(|&j| j == i).unwrap_or(0)].clone();
    let expr = d.expr(pool, &name, target.percent());
    Some(hint(claim, expr, periods(pool, &d), check, facts))
}

/// One of the claim's own numbers as it is: what the check already computed.
fn own_as_is(d: super::derive::Derivation, own: &[u32]) -> bool {
    matches!(d.shape, Shape::One(Term::Leaf(x)) if own.contains(&x))
}

/// Another number, as written and unscaled, in the same list, row, column
/// or sentence as one of the claim's own.
fn written_beside(pool: &Pool, d: super::derive::Derivation, own: &[u32]) -> bool {
    let Shape::One(Term::Leaf(x)) = d.shape else {
        return false;
    };
    d.factor == 0
        && !d.abs
        && own
            .iter()
            .any(|&o| pool.relation(x as usize, o as usize) <= Relation::Sentence)
}

/// One operation on numbers in one list, row, column or sentence, unscaled.
fn simple_and_close(pool: &Pool, d: super::derive::Derivation) -> bool {
    let Shape::Two(op, a @ Term::Leaf(_), b @ Term::Leaf(_)) = d.shape else {
        return false;
    };
    let (Term::Leaf(x), Term::Leaf(y)) = (a, b) else {
        return false;
    };
    d.factor == 0
        && op != Op::Product
        && pool.relation(x as usize, y as usize) <= Relation::Sentence
}

/// `n` fact names not taken in the file: `t_a`, `t_b`…
fn fresh_names(taken: &[String], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0;
    while out.len() < n {
        let name = format!("t_{}", letter(k));
        if !taken.contains(&name) {
            out.push(name);
        }
        k += 1;
    }
    out
}

/// The periods of the check's two inputs, when both have one.
fn check_periods(pool: &Pool, claim: &Claim<'_>) -> Option<String> {
    let [a, b] = claim.inputs else {
        return None;
    };
    let label = |i: &Input| {
        let at = i.at.as_ref()?;
        let leaf = pool.leaves.iter().find(|l| l.number.span == at.range)?;
        leaf.period.as_ref().map(|p| p.label.clone())
    };
    let (from, to) = (label(a)?, label(b)?);
    Some(if from == to {
        from
    } else {
        format!("{from}→{to}")
    })
}

fn hint(
    claim: &Claim<'_>,
    expr: String,
    periods: Option<String>,
    check: Option<String>,
    facts: Vec<HintFact>,
) -> Hint {
    let said = |p: &Option<String>| p.as_ref().map_or(String::new(), |p| format!(" ({p})"));
    // The check's periods only when they differ from the hint's.
    let check = if check == periods { None } else { check };
    let note = format!(
        "{} matches {expr}{}, not {}{}",
        claim.stated.written,
        said(&periods),
        claim.check,
        said(&check)
    );
    Hint { expr, note, facts }
}
