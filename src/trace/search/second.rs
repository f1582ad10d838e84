//! The second step: a sum or mean of a run against a nearby number (share
//! of a total, growth to a sum), and against a run of the same length in its
//! group or at the same place of a parallel row or column.

use super::{Scaling, Search, UNSCALED, conflict};
use crate::trace::approx::Approx;
use crate::trace::derive::{Op, Shape, Term};

/// Nearby numbers a sum or mean is paired with in the second step, either side.
pub const SECOND_WINDOW: usize = 24;

impl Search<'_> {
    /// One more step: sums and means against nearby numbers and parallel runs.
    pub(super) fn second_step(&mut self) {
        for g in 0..self.pool.groups.len() as u32 {
            for (start, len, sum, scaling) in self.run_sums(g) {
                if self.spent() {
                    return;
                }
                let (s16, l16) = (start as u16, len as u16);
                let sum_t = (
                    Term::Sum {
                        group: g,
                        start: s16,
                        len: l16,
                    },
                    sum,
                );
                let mean_t = (
                    Term::Mean {
                        group: g,
                        start: s16,
                        len: l16,
                    },
                    sum.mean_of(len),
                );
                for partner in self.partners(g, start, len) {
                    let leaf = self.leaf(partner);
                    let alone = Scaling::of_amounts([leaf]);
                    let diffs = Scaling {
                        thousands: scaling.thousands && alone.thousands,
                        hundred: scaling.hundred && alone.hundred,
                    };
                    let v = (Term::Leaf(partner), leaf.approx);
                    self.combine(sum_t, v, true, diffs);
                    self.combine(mean_t, v, false, diffs);
                }
                for (h, other) in self.parallel_runs(g, start, len) {
                    let sum = self.sum_of(h, other, len);
                    let (o16, mean) = (other as u16, sum.mean_of(len));
                    let sum_o = Term::Sum {
                        group: h,
                        start: o16,
                        len: l16,
                    };
                    let mean_o = Term::Mean {
                        group: h,
                        start: o16,
                        len: l16,
                    };
                    self.combine(sum_t, (sum_o, sum), true, scaling);
                    self.combine(mean_t, (mean_o, mean), false, scaling);
                }
            }
        }
    }

    /// Growth and difference both ways (and ratios both ways when
    /// `ratios`); differences scaled as `diffs` allows.
    fn combine(&mut self, a: (Term, Approx), b: (Term, Approx), ratios: bool, diffs: Scaling) {
        for ((x, f), (y, t)) in [(a, b), (b, a)] {
            self.offer(Shape::Two(Op::Diff, x, y), t.sub(f), diffs, None);
            if let Some(g) = Approx::growth(f, t) {
                self.offer(Shape::Two(Op::Growth, x, y), g, UNSCALED, None);
            }
            if ratios && let Some(r) = f.div(t) {
                self.offer(Shape::Two(Op::Ratio, x, y), r, UNSCALED, None);
            }
        }
    }

    fn sum_of(&self, g: u32, start: usize, len: usize) -> Approx {
        let members = &self.pool.groups[g as usize].members[start..start + len];
        members
            .iter()
            .map(|&m| self.leaf(m).approx)
            .reduce(Approx::add)
            .unwrap_or(Approx { lo: 0.0, hi: 0.0 })
    }

    /// Numbers near a run (within [`SECOND_WINDOW`] of its first member)
    /// that are not in it and have its unit.
    fn partners(&self, g: u32, start: usize, len: usize) -> Vec<u32> {
        let members = &self.pool.groups[g as usize].members;
        let run = &members[start..start + len];
        let first = self.leaf(run[0]);
        let src = &self.pool.sources[first.source].leaves;
        let at = run[0] as usize;
        let lo = at.saturating_sub(SECOND_WINDOW).max(src.start);
        let hi = (at + len + SECOND_WINDOW).min(src.end);
        (lo..hi)
            .map(|i| i as u32)
            .filter(|i| !run.contains(i))
            .filter(|&i| {
                self.leaf(i).quantity.dim == first.quantity.dim && !conflict(first, self.leaf(i))
            })
            .collect()
    }

    /// Runs of the same length as `(g, start, len)`: later in its own group
    /// (not the same run), and at the same place in later groups of its kind
    /// in the same table.
    fn parallel_runs(&self, g: u32, start: usize, len: usize) -> Vec<(u32, usize)> {
        let group = &self.pool.groups[g as usize];
        let mut out: Vec<(u32, usize)> = (start + 1..=group.members.len().saturating_sub(len))
            .map(|s| (g, s))
            .collect();
        let first = self.leaf(group.members[0]);
        if let Some(table) = first.table {
            for h in g + 1..self.pool.groups.len() as u32 {
                let other = &self.pool.groups[h as usize];
                let o = self.leaf(other.members[0]);
                let same =
                    other.kind == group.kind && o.source == first.source && o.table == Some(table);
                if same && other.members.len() >= start + len {
                    out.push((h, start));
                }
            }
        }
        out
    }
}
