//! The search: every derivation within the budget is computed in floats,
//! looked up among the targets, and each one that may match is computed
//! exactly by the expression evaluator and kept when `check` would accept it.
//!
//! The space, in the order it is searched (so a budget that runs out cuts
//! the farthest and deepest derivations first):
//! 1. each number as it is (any notation or scale; a number written without
//!    scale also times 10^±3, ±6, ±9), and growth from an index base of 100;
//! 2. within each list, table row and table column: every pair (difference,
//!    ratio or share, growth, percentage points, sum, mean, product, CAGR over
//!    the years between the two figures' periods or the count of steps), and
//!    the sum and mean of every run of consecutive members;
//! 3. pairs of numbers at most [`Budget::window`] numbers apart (all pairs
//!    in a source of at most [`Budget::all_pairs`] numbers);
//! 4. with [`Budget::depth`] 2, one more step: a sum or mean against a
//!    nearby number (share of a total, growth to a sum) and against a run of
//!    the same length in its group or in a parallel row or column.
//!
//! A negative result also stands for its absolute value (`abs(…)`).

mod pairs;
mod second;

use super::approx::Approx;
use super::derive::{Derivation, Op, Shape, Term};
use super::pool::{Leaf, Pool, Relation};
use super::target::{FACTORS, Index, PERCENT_FACTOR, Target};
use crate::expr::{Dim, Quantity};
use crate::numbers::Kind;

/// What a search may spend; counted in operations, never in time, so the
/// same inputs always give the same result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Pairs of numbers at most this many numbers apart are tried.
    pub window: usize,
    /// A source with at most this many numbers has all its pairs tried.
    pub all_pairs: usize,
    /// The longest run of consecutive group members summed or averaged.
    pub run: usize,
    /// Steps of computation: 1 is one operation on numbers, 2 adds one more
    /// over sums and means.
    pub depth: u8,
    /// Work units: one per derivation computed in floats, [`EXACT_COST`]
    /// per derivation computed exactly.
    pub work: u64,
    /// The most consistent derivations of one value computed exactly and
    /// kept; past them, matches are counted from the float prefilter (which
    /// errs only within 10^-9 of an edge) and not kept.
    pub exact: usize,
    /// Pairs outside lists, rows and columns are tried only within one
    /// sentence (what a hint on a mismatch may use), at most
    /// [`Budget::window`] numbers apart.
    pub sentence_only: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            window: 24,
            all_pairs: 400,
            run: 6,
            depth: 2,
            work: 12_000_000,
            exact: 2000,
            sentence_only: false,
        }
    }
}

/// Work units an exact computation costs.
pub const EXACT_COST: u64 = 200;

/// A derivation wider than this share of its largest value, and wider than
/// three times the value it would match, is too imprecise to tell values
/// apart and is not offered (looseness also costs in the ranking).
pub const MAX_WIDTH: f64 = 0.5;

/// Whether `v` is precise enough to be offered for `e`'s target.
fn precise_for(v: Approx, e: &super::target::Entry) -> bool {
    v.is_precise(MAX_WIDTH) || v.hi - v.lo <= 3.0 * (e.window.hi - e.window.lo)
}

pub use second::SECOND_WINDOW;

/// A consistent derivation and its exact value.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub derivation: Derivation,
    pub quantity: Quantity,
}

/// What a search found.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Derivations tried (each scale factor and sign counted).
    pub considered: u64,
    /// Per target, how many derivations are consistent.
    pub consistent: Vec<usize>,
    /// Per target, the consistent derivations kept.
    pub found: Vec<Vec<Found>>,
    /// Whether the budget ran out.
    pub exhausted: bool,
}

/// Searches `pool` for derivations of each of `targets`.
pub(crate) fn search(pool: &Pool, targets: &[Target], budget: &Budget) -> Outcome {
    let mut s = Search {
        pool,
        targets,
        index: Index::new(targets),
        budget,
        work: 0,
        hits: Vec::new(),
        out: Outcome {
            consistent: vec![0; targets.len()],
            found: targets.iter().map(|_| Vec::new()).collect(),
            ..Outcome::default()
        },
    };
    s.singles();
    s.groups();
    s.windows();
    if budget.depth >= 2 {
        s.second_step();
    }
    s.out
}

struct Search<'a> {
    pool: &'a Pool,
    targets: &'a [Target],
    index: Index,
    budget: &'a Budget,
    work: u64,
    hits: Vec<(u32, i8, bool)>,
    out: Outcome,
}

/// Which powers of ten a derivation may be scaled by to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scaling {
    /// Times 10^±3, ±6, ±9: amounts stated in another scale.
    thousands: bool,
    /// Times 10^−2: bare cells of a percent column, stated as a percent.
    hundred: bool,
}

const UNSCALED: Scaling = Scaling {
    thousands: false,
    hundred: false,
};

impl Scaling {
    /// For numbers as they are, their sums and differences: amounts may be
    /// rescaled, numbers written without scale may be percentages.
    fn of_amounts<'l>(leaves: impl IntoIterator<Item = &'l Leaf>) -> Scaling {
        let mut s = Scaling {
            thousands: true,
            hundred: true,
        };
        for l in leaves {
            s.thousands &= l.amount();
            s.hundred &= l.bare();
        }
        s
    }

    fn allows(self, factor: i8) -> bool {
        factor == 0
            || (factor == PERCENT_FACTOR && self.hundred)
            || (factor.abs() >= 3 && self.thousands)
    }

    /// How many scaled variants it adds.
    fn variants(self) -> u64 {
        FACTORS.len() as u64 * u64::from(self.thousands) + u64::from(self.hundred)
    }
}

/// Whether the two leaves' currencies differ.
fn conflict(x: &Leaf, y: &Leaf) -> bool {
    matches!((x.quantity.currency, y.quantity.currency), (Some(a), Some(b)) if a != b)
}

/// The power of ten of a number written with a scale word (thousand, million, billion).
fn word_scale(x: &Leaf) -> Option<i32> {
    let s = x.number.scale;
    (x.number.kind == Kind::Quantity && matches!(s, 3 | 6 | 9)).then_some(s)
}

impl<'a> Search<'a> {
    fn spent(&mut self) -> bool {
        if self.work >= self.budget.work {
            self.out.exhausted = true;
        }
        self.out.exhausted
    }

    /// Offers a derivation whose float value is `v`, to match a target
    /// as it is or scaled as `scaling` allows; `kind` asks the target to be
    /// of that kind.
    fn offer(&mut self, shape: Shape, v: Approx, scaling: Scaling, kind: Option<Kind>) {
        self.work += 1;
        self.out.considered += 1 + scaling.variants();
        if !v.is_finite() {
            return;
        }
        let mut hits = std::mem::take(&mut self.hits);
        self.index.query(v, |e| {
            if scaling.allows(e.factor) && precise_for(v, e) {
                hits.push((e.target, e.factor, false));
            }
        });
        // Both orders of a difference are tried: its absolute value adds nothing.
        let symmetric = matches!(shape, Shape::Two(Op::Diff | Op::Pp, _, _));
        if v.hi < 0.0 && !symmetric {
            self.out.considered += 1;
            self.index.query(v.neg(), |e| {
                if scaling.allows(e.factor) && precise_for(v.neg(), e) {
                    hits.push((e.target, e.factor, true));
                }
            });
        }
        for (t, factor, abs) in hits.drain(..) {
            self.verify(Derivation { shape, factor, abs }, t as usize, kind);
        }
        self.hits = hits;
    }

    fn verify(&mut self, d: Derivation, t: usize, kind: Option<Kind>) {
        let target = &self.targets[t];
        if kind.is_some_and(|k| k != target.kind()) && d.factor == 0 {
            return;
        }
        let as_written = matches!(d.shape, Shape::One(Term::Leaf(_))) && d.factor == 0;
        if (target.coarse && !as_written) || self.unit_clash(&d, target) {
            return;
        }
        if self.out.found[t].len() >= self.budget.exact {
            // Enough found exactly: count the rest from the prefilter.
            self.out.consistent[t] += 1;
            return;
        }
        self.work += EXACT_COST;
        let Some(q) = d.exact(self.pool, target.percent()) else {
            return;
        };
        if target.consistent(&q) {
            self.out.consistent[t] += 1;
            self.out.found[t].push(Found {
                derivation: d,
                quantity: q,
            });
        }
    }

    /// Whether the derivation surely gives percents where points are
    /// stated, or the reverse (a unit conflict, never consistent).
    fn unit_clash(&self, d: &Derivation, target: &Target) -> bool {
        let stated = target.quantity().dim;
        let inputs = d
            .terms()
            .first()
            .map(|t| t.leaves(self.pool))
            .unwrap_or_default();
        let first = inputs.first().map(|&i| self.leaf(i).quantity.dim);
        let result = match d.shape {
            Shape::Two(Op::Pp, ..) => Dim::Points,
            Shape::Two(Op::Growth | Op::Cagr(_), ..) | Shape::Index(_) => Dim::Percent,
            Shape::One(_) => first.unwrap_or(Dim::Plain),
            _ => return false,
        };
        matches!(
            (stated, result),
            (Dim::Percent, Dim::Points) | (Dim::Points, Dim::Percent)
        )
    }

    fn leaf(&self, i: u32) -> &'a Leaf {
        let pool: &'a Pool = self.pool;
        &pool.leaves[i as usize]
    }

    /// Every number as it is, and growth from an index base of 100.
    fn singles(&mut self) {
        for i in 0..self.pool.leaves.len() as u32 {
            if self.spent() {
                return;
            }
            let x = self.leaf(i);
            let (v, kind) = (x.approx, x.number.kind);
            let index = x.bare() && v.lo > 0.0 && v.hi < 10_000.0;
            // A lone number reads as a percent only in a percent column.
            let scaling = Scaling {
                hundred: x.percent_cell,
                ..Scaling::of_amounts([x])
            };
            self.offer(Shape::One(Term::Leaf(i)), v, scaling, Some(kind));
            if index {
                let base = Approx {
                    lo: 100.0,
                    hi: 100.0,
                };
                if let Some(g) = Approx::growth(base, v) {
                    self.offer(Shape::Index(Term::Leaf(i)), g, UNSCALED, None);
                }
            }
        }
    }

    /// Pairs and runs within each list, row and column: all pairs of a
    /// group of at most [`Budget::all_pairs`] members, else those at most
    /// [`Budget::window`] members apart (a scraped row of 20,000 cells must
    /// not cost 200 million pairs).
    fn groups(&mut self) {
        for g in 0..self.pool.groups.len() {
            let members = self.pool.groups[g].members.clone();
            let reach = if members.len() <= self.budget.all_pairs {
                members.len()
            } else {
                self.budget.window
            };
            for (k, &a) in members.iter().enumerate() {
                for &b in members[k + 1..].iter().take(reach) {
                    if self.spent() {
                        return;
                    }
                    self.pair(a.min(b), a.max(b));
                }
            }
            self.runs(g as u32);
        }
    }

    /// Pairs at most `window` numbers apart (all pairs in a small source)
    /// that share no group, nearest first.
    fn windows(&mut self) {
        for s in 0..self.pool.sources.len() {
            let range = self.pool.sources[s].leaves.clone();
            let n = range.len();
            let reach = if n <= self.budget.all_pairs && !self.budget.sentence_only {
                n
            } else {
                self.budget.window + 1
            };
            for d in 1..reach {
                for a in range.start..range.end.saturating_sub(d) {
                    if self.spent() {
                        return;
                    }
                    let rel = self.pool.relation(a, a + d);
                    let wanted = if self.budget.sentence_only {
                        rel == Relation::Sentence
                    } else {
                        rel > Relation::Column
                    };
                    if wanted {
                        self.pair(a as u32, (a + d) as u32);
                    }
                }
            }
        }
    }

    /// The sum and mean of every run of consecutive members of group `g`.
    fn runs(&mut self, g: u32) {
        for (start, len, sum, bare) in self.run_sums(g) {
            if self.spent() {
                return;
            }
            let (start, len16) = (start as u16, len as u16);
            let sum_term = Term::Sum {
                group: g,
                start,
                len: len16,
            };
            let mean_term = Term::Mean {
                group: g,
                start,
                len: len16,
            };
            self.offer(Shape::One(sum_term), sum, bare, None);
            self.offer(Shape::One(mean_term), sum.mean_of(len), bare, None);
        }
    }

    /// `(start, len, float sum, scaling)` of every run of group `g` whose
    /// members have one unit and currency.
    fn run_sums(&self, g: u32) -> Vec<(usize, usize, Approx, Scaling)> {
        let members = &self.pool.groups[g as usize].members;
        let mut out = Vec::new();
        for start in 0..members.len() {
            let first = self.leaf(members[start]);
            let mut sum = first.approx;
            for len in 2..=self.budget.run.min(members.len() - start) {
                let next = self.leaf(members[start + len - 1]);
                if next.quantity.dim != first.quantity.dim || conflict(first, next) {
                    break;
                }
                sum = sum.add(next.approx);
                let run = &members[start..start + len];
                let scaling = Scaling::of_amounts(run.iter().map(|&m| self.leaf(m)));
                out.push((start, len, sum, scaling));
            }
        }
        out
    }
}
