//! Ranking consistent derivations. A score adds up, in points:
//! - **simplicity** (up to 50): a number as it is 50, one operation on two
//!   numbers 40 (CAGR and means 36, a sum of two 34, a product 24), a sum or
//!   mean of a run 38 less 2 per member past two, one more step over those
//!   22; a power-of-ten factor, an absolute value or a reading without the
//!   scale word cost 6, 5 and 6 (a factor that is the unit the cells' table
//!   declares, `in millions`, costs nothing; one against it 6 more);
//! - **closeness** of the inputs in the text (up to 30): same list 30, same
//!   row 28, same column 24, same sentence 22, same table 14, same line 12,
//!   else 10 less a third of the numbers between them;
//! - **tightness** (−24 to 15): how much of the computed interval the stated
//!   value covers, and how precise it is next to the stated value (8 points
//!   off per factor of ten it is wider, 10 off when the two only touch); a
//!   value `about` or `nearly` widens gets 12 for anything inside, one that
//!   is open-ended (`over 3.2亿`) up to 15 the closer it lies to its number;
//! - **units** (−12 to +10): a percent stated for growth or a share, points for
//!   a point difference, an amount for a sum or difference of amounts, inputs
//!   in the stated currency; growth from a later period to an earlier one
//!   costs 6;
//! - **context** (up to 30), when the value has a sentence around it (init,
//!   audit): how many of its words the inputs' sentences, row labels and
//!   column headers share (20), and whether its words name the operation
//!   (`复合增长率` a CAGR, `合计` a sum, `占` a share, `rose` growth: 15;
//!   words naming another operation: −10);
//! - **as written** (up to 13), for a number as it is: its digits are the
//!   value's (8), a qualifier widens the value (5);
//! - **focus** (up to 16): inputs inside the `--near` passage, or inputs a
//!   claim's own check uses (for hints).

use super::derive::{Derivation, Op, Shape, Term};
use super::pool::{Pool, Relation};
use super::search::Found;
use super::target::Target;
use super::tokens::{Tokens, Wording};
use crate::expr::Dim;
use crate::interval::Rat;

/// What else a ranking rewards.
#[derive(Clone, Debug, Default)]
pub(crate) struct Focus {
    /// Leaves of the passage `--near` points at.
    pub near: Vec<u32>,
    /// Leaves a claim's own check uses.
    pub preferred: Vec<u32>,
}

/// A consistent derivation with its score.
#[derive(Clone, Debug)]
pub(crate) struct Ranked {
    pub found: Found,
    pub score: f64,
}

/// `found`, best first (ties broken by the derivation, so the order is stable).
pub(crate) fn rank(pool: &Pool, target: &Target, found: Vec<Found>, focus: &Focus) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = found
        .into_iter()
        .map(|f| Ranked {
            score: score(pool, target, &f, focus),
            found: f,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.found.derivation.cmp(&b.found.derivation))
    });
    ranked
}

/// The score of one consistent derivation.
pub(crate) fn score(pool: &Pool, target: &Target, found: &Found, focus: &Focus) -> f64 {
    let d = &found.derivation;
    let inputs = d.inputs(pool);
    let of_percents = percents(pool, &inputs);
    let mut s = simplicity(d, of_percents) + closeness(pool, d, &inputs) + tightness(target, found);
    s += declared(pool, d, &inputs);
    s += units(pool, target, d, &inputs);
    s += worded(pool, target, d, of_percents) + as_written(pool, target, d);
    if let Some(context) = &target.context {
        s += 20.0 * context_points(pool, context, &inputs);
    }
    s += focus_points(&focus.near, &inputs, 15.0, 8.0);
    s += 8.0
        * inputs
            .iter()
            .filter(|i| focus.preferred.contains(i))
            .count()
            .min(2) as f64;
    (s * 10.0).round() / 10.0
}

fn focus_points(set: &[u32], inputs: &[u32], all: f64, some: f64) -> f64 {
    let inside = inputs.iter().filter(|i| set.contains(i)).count();
    if set.is_empty() || inside == 0 {
        0.0
    } else if inside == inputs.len() {
        all
    } else {
        some
    }
}

/// Whether every input is a percentage (written with `%` or in a percent column).
fn percents(pool: &Pool, inputs: &[u32]) -> bool {
    inputs
        .iter()
        .all(|&i| pool.leaves[i as usize].percent_like())
}

fn simplicity(d: &Derivation, of_percents: bool) -> f64 {
    let runs = |t: &Term| matches!(t, Term::Sum { .. } | Term::Mean { .. });
    let written = d.terms().iter().any(|t| matches!(t, Term::Written(_)));
    let base = match d.shape {
        Shape::One(Term::Sum { len, .. } | Term::Mean { len, .. }) => {
            38.0 - 2.0 * f64::from(len - 2)
        }
        Shape::One(_) => 50.0,
        Shape::Index(_) => 28.0,
        Shape::Two(_, a, b) if runs(&a) || runs(&b) => 22.0,
        Shape::Two(op, _, _) => match op {
            Op::Diff | Op::Ratio | Op::Growth | Op::Pp => 40.0,
            Op::Cagr(_) | Op::Mean => 36.0,
            Op::Add => 34.0,
            Op::Product => 24.0,
        },
    };
    // Percent cells written without `%` are percents: taking off their 100 is free.
    let percent_cells = d.factor == super::target::PERCENT_FACTOR && of_percents;
    let factor = if d.factor != 0 && !percent_cells {
        6.0
    } else {
        0.0
    };
    let abs = if d.abs { 5.0 } else { 0.0 };
    base - factor - abs - if written { 6.0 } else { 0.0 }
}

/// A factor that scales bare table cells by their table's declared unit
/// (`in millions` and `× 1000000`) is what the table says: its cost comes
/// back (+6); one against the declared unit costs as much again (−6).
fn declared(pool: &Pool, d: &Derivation, inputs: &[u32]) -> f64 {
    if d.factor < 3 {
        return 0.0;
    }
    let units: Vec<Option<i32>> = inputs
        .iter()
        .map(|&i| pool.leaves[i as usize].declared)
        .collect();
    if units.iter().all(|u| *u == Some(i32::from(d.factor))) {
        6.0
    } else if units
        .iter()
        .any(|u| u.is_some_and(|u| u != i32::from(d.factor)))
    {
        -6.0
    } else {
        0.0
    }
}

fn relation_points(r: Relation) -> f64 {
    match r {
        Relation::List => 30.0,
        Relation::Row => 28.0,
        Relation::Column => 24.0,
        Relation::Sentence => 22.0,
        Relation::Table => 14.0,
        Relation::Line => 12.0,
        Relation::Near(n) => (10.0 - n as f64 / 3.0).max(0.0),
        Relation::Far => 0.0,
    }
}

/// The weakest relation between inputs that follow each other.
fn closeness(pool: &Pool, d: &Derivation, inputs: &[u32]) -> f64 {
    if inputs.len() < 2 {
        return 20.0;
    }
    if let Shape::One(t) = d.shape
        && t.run_kind(pool).is_some()
    {
        let r = pool.relation(inputs[0] as usize, inputs[1] as usize);
        return relation_points(r);
    }
    inputs
        .windows(2)
        .map(|w| relation_points(pool.relation(w[0] as usize, w[1] as usize)))
        .fold(f64::INFINITY, f64::min)
}

fn tightness(target: &Target, found: &Found) -> f64 {
    let w = &target.window;
    let iv = &found.quantity.iv;
    let (lo, hi) = (to_f(&iv.lo), to_f(&iv.hi));
    let (b_lo, b_hi) = target.range.bounds();
    if target.widened() && b_lo.is_some() && b_hi.is_some() {
        // `about`, `nearly`, a tolerance: anything inside is as good.
        return 12.0;
    }
    if target.widened() {
        // Open-ended (`over`, `below`): the nearer its number, the better.
        let stated = to_f(&crate::interval::rat(target.stated.number.value));
        let reach = (w.hi - stated).abs().max((stated - w.lo).abs());
        let distance = ((lo + hi) / 2.0 - stated).abs() / reach.max(f64::MIN_POSITIVE);
        return 15.0 * (1.0 - distance.min(1.0));
    }
    let width = (hi - lo).max(0.0);
    let stated = (w.hi - w.lo).max(f64::MIN_POSITIVE);
    let overlap = (hi.min(w.hi) - lo.max(w.lo)).max(0.0);
    let covered = if width == 0.0 {
        1.0
    } else {
        (overlap / width).min(1.0)
    };
    let precision = (stated / width.max(f64::MIN_POSITIVE)).min(1.0);
    // A computed value far wider than the stated one matches by chance the
    // more often the wider it is: 8 points off per factor of ten.
    let loose = (width / stated).max(1.0).log10() * 8.0;
    // Intervals that only touch agree by their edges alone.
    let touching = if overlap == 0.0 && width > 0.0 {
        10.0
    } else {
        0.0
    };
    8.0 * covered + 7.0 * precision - loose.min(24.0) - touching
}

/// Fifteen points when the derivation is what the draft's words say (`复合增长率`
/// for CAGR, `合计` for a sum, `占` for a share…), or for a number as it is,
/// when its source words it the same way; −10 when the words name another
/// operation.
fn worded(pool: &Pool, target: &Target, d: &Derivation, of_percents: bool) -> f64 {
    let op = match d.shape {
        Shape::Two(op, _, _) => Some(op),
        _ => None,
    };
    let fits = |w: &Wording| match w {
        Wording::Cagr => matches!(op, Some(Op::Cagr(_))),
        Wording::Change if target.quantity().dim == Dim::Plain || of_percents => {
            op == Some(Op::Diff) || (op == Some(Op::Growth) && !of_percents)
        }
        Wording::Change => op == Some(Op::Growth) || matches!(d.shape, Shape::Index(_)),
        Wording::Share => op == Some(Op::Ratio) && !same_series(pool, &d.inputs(pool)),
        Wording::Total => op == Some(Op::Add) || matches!(d.shape, Shape::One(Term::Sum { .. })),
        Wording::Average => {
            matches!(d.shape, Shape::One(Term::Mean { .. })) || op == Some(Op::Mean)
        }
        Wording::Points => op == Some(Op::Pp) || (op == Some(Op::Diff) && of_percents),
    };
    if let Shape::One(Term::Leaf(i)) = d.shape {
        // A number as it is fits when its source words it the same way.
        let own = super::tokens::wordings(clause_before(pool, i));
        return if own.iter().any(|w| target.wordings.contains(w)) {
            15.0
        } else {
            0.0
        };
    }
    if target.wordings.iter().any(fits) {
        15.0
    } else if target.wordings.is_empty() {
        0.0
    } else {
        // The words name another operation.
        -10.0
    }
}

/// The text of a leaf's clause up to it (from the last clause break).
fn clause_before(pool: &Pool, i: u32) -> &str {
    let leaf = &pool.leaves[i as usize];
    let text = pool.sources[leaf.source].source.text();
    let at = leaf.number.span.start;
    let from = text.floor_char_boundary(at.saturating_sub(120));
    let before = &text[from..at];
    let start = before
        .rfind(['，', ',', '；', ';', '。', '|', '\n'])
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    &before[start..]
}

/// For a number as it is: 8 points when its digits are written as the
/// value's are (the draft copied it), 10 more when a qualifier widens the
/// value (`about`, `over`: a figure rounded or bounded from the source).
fn as_written(pool: &Pool, target: &Target, d: &Derivation) -> f64 {
    let Shape::One(Term::Leaf(i)) = d.shape else {
        return 0.0;
    };
    let leaf = &pool.leaves[i as usize];
    let text = pool.sources[leaf.source].source.text();
    let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    let theirs = digits(&crate::quote::fold(&text[leaf.number.digits.clone()]).text);
    let copied = d.factor == 0 && !theirs.is_empty() && theirs == digits(&target.written);
    let bounded = if target.widened() { 5.0 } else { 0.0 };
    bounded + if copied { 8.0 } else { 0.0 }
}

fn to_f(x: &Rat) -> f64 {
    super::approx::to_f64(x)
}

/// Whether the derivation gives what the stated unit suggests.
fn units(pool: &Pool, target: &Target, d: &Derivation, inputs: &[u32]) -> f64 {
    let of_percents = percents(pool, inputs);
    let op = match d.shape {
        Shape::Two(op, _, _) => Some(op),
        _ => None,
    };
    let relative = matches!(op, Some(Op::Growth | Op::Cagr(_) | Op::Ratio))
        || matches!(d.shape, Shape::Index(_));
    let amount = matches!(op, None | Some(Op::Diff | Op::Add | Op::Mean));
    let mut s = match target.quantity().dim {
        Dim::Percent if relative && !of_percents => 6.0,
        Dim::Percent if amount && of_percents => 6.0,
        Dim::Percent if amount || op == Some(Op::Product) => -8.0,
        Dim::Points if op == Some(Op::Pp) => 6.0,
        Dim::Points if amount && of_percents => 4.0,
        Dim::Points => -8.0,
        Dim::Plain if amount && !of_percents => 6.0,
        Dim::Plain if relative && op != Some(Op::Ratio) => -12.0,
        _ => 0.0,
    };
    if let Some(c) = target.quantity().currency
        && inputs
            .iter()
            .any(|&i| pool.leaves[i as usize].quantity.currency == Some(c))
    {
        s += 4.0;
    }
    if relative && of_percents && target.quantity().dim == Dim::Percent {
        s -= 4.0;
    }
    if op == Some(Op::Ratio) && same_series(pool, inputs) {
        s -= 12.0;
    }
    if op == Some(Op::Ratio) && of_percents {
        // A ratio of two percentages is rarely what a figure is.
        s -= 10.0;
    }
    s + direction(pool, d)
}

/// Whether two inputs are one series at two periods (one list or row):
/// their ratio is growth written another way.
fn same_series(pool: &Pool, inputs: &[u32]) -> bool {
    let [a, b] = inputs else {
        return false;
    };
    matches!(
        pool.relation(*a as usize, *b as usize),
        Relation::List | Relation::Row
    )
}

/// Growth forward in time +3, backward −6 (when both periods can be ordered).
fn direction(pool: &Pool, d: &Derivation) -> f64 {
    let Shape::Two(Op::Growth | Op::Pp | Op::Diff, Term::Leaf(a), Term::Leaf(b)) = d.shape else {
        return 0.0;
    };
    let order = |i: u32| {
        pool.leaves[i as usize]
            .period
            .as_ref()
            .and_then(|p| p.order)
    };
    match (order(a), order(b)) {
        (Some(x), Some(y)) if x < y => 3.0,
        (Some(x), Some(y)) if x > y => -6.0,
        _ => 0.0,
    }
}

/// The words around one leaf: its sentence (240 bytes either side at
/// most), or its row label, and its period.
pub(crate) fn leaf_context(pool: &Pool, i: u32) -> Tokens {
    let leaf = &pool.leaves[i as usize];
    let src = &pool.sources[leaf.source];
    let t = src.source.text();
    let at = leaf.number.span.start;
    let mut text = String::new();
    if let Some((_, row)) = src.layout.row_at(at) {
        text.push_str(row.label(t));
        text.push(' ');
    } else {
        let r = src.layout.sentence_range(leaf.sentence, t.len());
        let r = t.floor_char_boundary(r.start.max(at.saturating_sub(240)))
            ..t.floor_char_boundary(r.end.min(at + 240));
        text.push_str(&t[r]);
    }
    if let Some(p) = &leaf.period {
        text.push_str(&p.label);
    }
    Tokens::of(&text)
}

/// How much of `context` the words around the inputs share (0 to 1).
fn context_points(pool: &Pool, context: &Tokens, inputs: &[u32]) -> f64 {
    let around: Vec<&Tokens> = inputs.iter().map(|&i| pool.context(i)).collect();
    context.similarity_any(&around)
}
