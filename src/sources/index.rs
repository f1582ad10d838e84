//! An index of a document's numbers by value, built once per document, so
//! that finding the numbers that support a stated value (`appears_in`) or
//! that lie nearest to it costs a binary search, not a pass over every
//! number of the document per claim.
//!
//! Numbers are grouped by kind, currency tag and precision (the size of
//! their rounding interval), and sorted by value within a group: within a
//! group every interval has the same width, so the ones that overlap a
//! stated interval form one contiguous run. Values are compared as `f64`
//! with a safety margin to find the run; every candidate is then checked
//! with exact rationals.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::interval::Interval;
use crate::numbers::{Currency, Kind, Number};

/// Relative slack on `f64` comparisons; exact checks follow.
const SLACK: f64 = 1e-9;

/// A group's key: kind, currency tag, half-unit, and which reading of a
/// table cell it holds.
type GroupKey = (Kind, Option<Currency>, Decimal, Reading);

/// Which stated values a number of the index can support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reading {
    /// Any: a number outside a scaled table.
    Only,
    /// A table cell as written (`120,000` under `單位：人民幣千元`, tagged
    /// CNY): stated values written with no scale word.
    Written,
    /// A table cell in its caption's unit (120,000,000 CNY): stated values
    /// written with a scale word.
    InTableUnit,
}

/// One group: numbers of one kind, tag and precision, by value.
#[derive(Debug)]
struct Group {
    half: f64,
    /// `(value, index into the document's numbers)`, by value then position.
    entries: Vec<(f64, usize)>,
}

/// The numbers of a document by kind, currency, precision and value.
#[derive(Debug)]
pub struct NumberIndex {
    groups: HashMap<GroupKey, Group>,
}

/// What a stated value looks for.
pub struct Query<'a> {
    /// The stated value's kind (a percent matches only percents…).
    pub kind: Kind,
    /// Its currency tag; numbers with another tag never match.
    pub currency: Option<Currency>,
    /// The values it allows (rounding, tolerance).
    pub wanted: &'a Interval,
    /// The value as written, for preferring equal and near numbers.
    pub value: Decimal,
    /// Written with no scale word: compared with table cells as written,
    /// not in their caption's unit.
    pub bare: bool,
}

impl Query<'_> {
    fn reads(&self, reading: Reading) -> bool {
        match reading {
            Reading::Only => true,
            Reading::Written => self.bare,
            Reading::InTableUnit => !self.bare,
        }
    }
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn rat_f64(r: &crate::interval::Rat) -> f64 {
    use num_traits::ToPrimitive;
    r.to_f64().unwrap_or(0.0)
}

impl NumberIndex {
    /// Indexes `numbers` (a document's, in document order); `reading` says
    /// how to read each one and the currency to file it under.
    pub fn new(
        numbers: &[Number],
        reading: impl Fn(usize) -> (Reading, Option<Currency>),
    ) -> NumberIndex {
        let mut groups: HashMap<GroupKey, Group> = HashMap::new();
        for (i, n) in numbers.iter().enumerate() {
            if !n.kind.is_value() {
                continue;
            }
            let (read, currency) = reading(i);
            let key = (n.kind, currency, n.half_unit.normalize(), read);
            let group = groups.entry(key).or_insert_with(|| Group {
                half: f64_of(n.half_unit).abs(),
                entries: Vec::new(),
            });
            group.entries.push((f64_of(n.value), i));
        }
        for g in groups.values_mut() {
            g.entries
                .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        }
        NumberIndex { groups }
    }

    /// Groups whose numbers can support or stand near `q`: same kind, and a
    /// currency tag that does not conflict; same tag first.
    fn groups_for<'s>(&'s self, q: &Query<'_>) -> impl Iterator<Item = (bool, &'s Group)> {
        self.groups
            .iter()
            .filter_map(move |((kind, cur, _, reading), g)| {
                let fits = *kind == q.kind
                    && q.reads(*reading)
                    && !matches!((cur, q.currency), (Some(a), Some(b)) if *a != b);
                fits.then_some((*cur == q.currency, g))
            })
    }

    /// The number of the document that best supports `q`: equal to the
    /// stated value as written, then the tightest, then the nearest, then
    /// the first in the document.
    pub fn supporting<'n>(&self, numbers: &'n [Number], q: &Query<'_>) -> Option<&'n Number> {
        let (lo, hi) = (rat_f64(&q.wanted.lo), rat_f64(&q.wanted.hi));
        let target = f64_of(q.value);
        let mut best: Option<&Number> = None;
        for (_, g) in self.groups_for(q) {
            let margin = g.half + SLACK * (lo.abs().max(hi.abs()) + g.half);
            let from = g.entries.partition_point(|e| e.0 < lo - margin);
            let to = g.entries.partition_point(|e| e.0 <= hi + margin);
            let run = &g.entries[from..to.max(from)];
            let found = nearest_overlapping(run, target, |i| {
                let n = &numbers[i];
                Interval::around(n.value, n.half_unit).overlaps(q.wanted)
            });
            if let Some(n) = found.map(|i| &numbers[i])
                && best.is_none_or(|b| preference(n, q) < preference(b, q))
            {
                best = Some(n);
            }
        }
        best
    }

    /// The `k` numbers nearest `q` among those of its kind and with no
    /// conflicting tag: same tag first, then closest in ratio, then first in
    /// the document.
    pub fn nearest<'n>(&self, numbers: &'n [Number], q: &Query<'_>, k: usize) -> Vec<&'n Number> {
        let target = f64_of(q.value);
        let mut near: Vec<(bool, &Number)> = Vec::new();
        for (same, g) in self.groups_for(q) {
            near.extend(closest_entries(&g.entries, target, k).map(|i| (same, &numbers[i])));
        }
        near.sort_by_key(|(same, n)| (!same, relative_distance(n.value, q.value), n.span.start));
        // A table cell is indexed as written and in its table's unit: show it once.
        let mut shown: Vec<&Number> = Vec::with_capacity(k);
        for (_, n) in near {
            if shown.len() == k {
                break;
            }
            if !shown.iter().any(|s| s.span == n.span) {
                shown.push(n);
            }
        }
        shown
    }
}

/// In a run of one group (sorted by value, then position), the entry
/// nearest `target` that `fits`, taking from each stretch of equal values
/// only its first (in the document): within a group every number has the
/// same precision, so nearness and then position decide. Each value is
/// checked once, so a document that repeats one figure a million times
/// costs a binary search, not a million exact checks.
fn nearest_overlapping(
    run: &[(f64, usize)],
    target: f64,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let at = run.partition_point(|e| e.0 < target);
    let first_of = |k: usize| run[..k].partition_point(|e| e.0 < run[k].0);
    let (mut below, mut above) = (at, at);
    loop {
        let down = below.checked_sub(1).map(first_of);
        let up = (above < run.len()).then_some(above);
        let pick_up = match (down, up) {
            (None, None) => return None,
            (Some(d), Some(u)) => (run[u].0 - target) <= (target - run[d].0),
            (None, Some(_)) => true,
            (Some(_), None) => false,
        };
        let k = if pick_up { up.unwrap() } else { down.unwrap() };
        if fits(run[k].1) {
            return Some(run[k].1);
        }
        if pick_up {
            above = run.partition_point(|e| e.0 <= run[k].0);
        } else {
            below = k;
        }
    }
}

/// How much a supporting number is preferred (smaller is better).
fn preference(n: &Number, q: &Query<'_>) -> (bool, Decimal, Decimal, usize) {
    (
        n.value != q.value,
        n.half_unit.abs(),
        (n.value - q.value).abs(),
        n.span.start,
    )
}

/// Indexes of the `k` entries on each side of `target` nearest it (and all
/// entries equal to the last one taken, so ties by position are kept).
fn closest_entries(
    entries: &[(f64, usize)],
    target: f64,
    k: usize,
) -> impl Iterator<Item = usize> + '_ {
    let at = entries.partition_point(|e| e.0 < target);
    let below = entries[..at].iter().rev().take_while_counting(k);
    let above = entries[at..].iter().take_while_counting(k);
    below.chain(above).map(|e| e.1)
}

/// `take`, extended over entries equal in value to the last one taken.
trait TakeWhileCounting<'a>: Iterator<Item = &'a (f64, usize)> + Sized {
    fn take_while_counting(self, k: usize) -> std::vec::IntoIter<&'a (f64, usize)> {
        let mut out: Vec<&(f64, usize)> = Vec::new();
        for e in self {
            if out.len() >= k && out.last().is_some_and(|l| l.0 != e.0) {
                break;
            }
            out.push(e);
        }
        out.into_iter()
    }
}

impl<'a, I: Iterator<Item = &'a (f64, usize)>> TakeWhileCounting<'a> for I {}

/// `|a − b| / max(|a|, |b|)`, zero when both are zero.
fn relative_distance(a: Decimal, b: Decimal) -> Decimal {
    let scale = a.abs().max(b.abs());
    if scale.is_zero() {
        return scale;
    }
    // Opposite signs far apart may overflow the difference: that is as far as it gets.
    a.checked_sub(b)
        .and_then(|d| d.abs().checked_div(scale))
        .unwrap_or(Decimal::TWO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::read_numbers;

    fn query<'a>(numbers: &[Number], wanted: &'a Interval, i: usize) -> Query<'a> {
        Query {
            kind: numbers[i].kind,
            currency: numbers[i].currency,
            wanted,
            value: numbers[i].value,
            bare: numbers[i].scale == 0,
        }
    }

    #[test]
    fn prefers_the_number_written_as_stated() {
        let doc: Vec<Number> = read_numbers("售價為10美元，後來為9.6美元。").collect();
        let index = NumberIndex::new(&doc, |i| (Reading::Only, doc[i].currency));
        let stated: Vec<Number> = read_numbers("9.6美元").collect();
        let wanted = Interval::around(stated[0].value, stated[0].half_unit);
        let found = index.supporting(&doc, &query(&stated, &wanted, 0)).unwrap();
        assert_eq!(found.value, stated[0].value);
    }

    #[test]
    fn nearest_keep_the_currency_first_and_the_ratio() {
        let doc: Vec<Number> =
            read_numbers("$12.4 million, 90.6, $150.0 million, €38 million, $2.68bn").collect();
        let index = NumberIndex::new(&doc, |i| (Reading::Only, doc[i].currency));
        let stated: Vec<Number> = read_numbers("$38.5 million").collect();
        let wanted = Interval::around(stated[0].value, stated[0].half_unit);
        let q = query(&stated, &wanted, 0);
        assert!(index.supporting(&doc, &q).is_none());
        let near: Vec<String> = index
            .nearest(&doc, &q, 3)
            .iter()
            .map(|n| crate::numbers::plain(n.value))
            .collect();
        assert_eq!(near, ["12400000", "150000000", "2680000000"]);
    }
}
