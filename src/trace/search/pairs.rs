//! The operations on two numbers: ratios and products of any two,
//! differences, sums, means and growth of two of one unit, CAGR between
//! two periods of one list or row, and sums and differences of a bare
//! number with one written with a scale word.

use super::{Scaling, Search, UNSCALED, conflict, word_scale};
use crate::expr::Dim;
use crate::trace::approx::Approx;
use crate::trace::derive::{Op, Shape, Term};
use crate::trace::pool::{GroupKind, Leaf, Relation};

impl Search<'_> {
    /// Every operation on leaves `a` and `b` (`a` first in the text).
    pub(super) fn pair(&mut self, a: u32, b: u32) {
        let (x, y) = (self.leaf(a), self.leaf(b));
        let same_unit = x.quantity.dim == y.quantity.dim && !conflict(x, y);
        if same_unit && x.number.value == y.number.value {
            // The same figure twice: its ratio is 1, its difference 0.
            return;
        }
        self.ratios(a, b);
        if same_unit {
            self.sums(a, b);
            self.growths(a, b);
        }
        self.written(a, b);
    }

    /// Ratios both ways (rescaled when the two are written in different
    /// scales) and the product (unless both are percents).
    fn ratios(&mut self, a: u32, b: u32) {
        let (x, y) = (self.leaf(a), self.leaf(b));
        let (p, q, la, lb) = (x.approx, y.approx, Term::Leaf(a), Term::Leaf(b));
        let rescaled = Scaling {
            thousands: x.amount() && y.amount() && x.number.scale != y.number.scale,
            hundred: false,
        };
        if let Some(r) = p.div(q) {
            self.offer(Shape::Two(Op::Ratio, la, lb), r, rescaled, None);
        }
        if let Some(r) = q.div(p) {
            self.offer(Shape::Two(Op::Ratio, lb, la), r, rescaled, None);
        }
        if x.quantity.dim != Dim::Percent || y.quantity.dim != Dim::Percent {
            let product = Scaling {
                thousands: x.amount() || y.amount(),
                hundred: false,
            };
            self.offer(Shape::Two(Op::Product, la, lb), p.mul(q), product, None);
        }
    }

    /// Differences both ways, and (for two not next to each other in a
    /// group) the sum and, in one row or column, the mean; never with an
    /// addend smaller than the other's rounding.
    fn sums(&mut self, a: u32, b: u32) {
        let (x, y) = (self.leaf(a), self.leaf(b));
        let (p, q, la, lb) = (x.approx, y.approx, Term::Leaf(a), Term::Leaf(b));
        if p.magnitude().min(q.magnitude()) < (p.hi - p.lo).max(q.hi - q.lo) {
            return;
        }
        let amounts = Scaling::of_amounts([x, y]);
        self.offer(Shape::Two(Op::Diff, la, lb), q.sub(p), amounts, None);
        self.offer(Shape::Two(Op::Diff, lb, la), p.sub(q), amounts, None);
        if self.adjacent(a, b) {
            return;
        }
        self.offer(Shape::Two(Op::Add, la, lb), p.add(q), amounts, None);
        let rel = self.pool.relation(a as usize, b as usize);
        if matches!(rel, Relation::Row | Relation::Column) {
            let mean = p.add(q).mean_of(2);
            self.offer(Shape::Two(Op::Mean, la, lb), mean, amounts, None);
        }
    }

    /// Growth both ways, percentage points both ways for two percents, and
    /// CAGR from the earlier to the later of one list or row.
    fn growths(&mut self, a: u32, b: u32) {
        let (x, y) = (self.leaf(a), self.leaf(b));
        let (p, q, la, lb) = (x.approx, y.approx, Term::Leaf(a), Term::Leaf(b));
        let percents = x.quantity.dim == Dim::Percent;
        for (from, to, f, t) in [(la, lb, p, q), (lb, la, q, p)] {
            if let Some(g) = Approx::growth(f, t) {
                self.offer(Shape::Two(Op::Growth, from, to), g, UNSCALED, None);
            }
            if percents {
                self.offer(Shape::Two(Op::Pp, from, to), t.sub(f), UNSCALED, None);
            }
        }
        let rel = self.pool.relation(a as usize, b as usize);
        if let Some((from, to, n)) = self.years(a, b, rel) {
            let (f, t) = (self.leaf(from).approx, self.leaf(to).approx);
            if let Some(c) = Approx::cagr(f, t, u32::from(n)) {
                let shape = Shape::Two(Op::Cagr(n), Term::Leaf(from), Term::Leaf(to));
                self.offer(shape, c, UNSCALED, None);
            }
        }
    }

    /// Whether two leaves follow each other in some group (their sum and
    /// mean are that group's runs of two).
    fn adjacent(&self, a: u32, b: u32) -> bool {
        let (x, y) = (self.leaf(a), self.leaf(b));
        [GroupKind::List, GroupKind::Row, GroupKind::Column].into_iter().any(|k| {
            matches!((x.group(k), y.group(k)), (Some(p), Some(q)) if p.0 == q.0 && p.1.abs_diff(q.1) == 1)
        })
    }

    /// The years between two figures of one list or row, earlier first:
    /// from their periods' years, else the count of steps between them.
    fn years(&self, a: u32, b: u32, rel: Relation) -> Option<(u32, u32, u16)> {
        if rel > Relation::Row {
            return None;
        }
        let (x, y) = (self.leaf(a), self.leaf(b));
        let year = |l: &Leaf| l.period.as_ref().and_then(|p| p.year);
        if let (Some(ya), Some(yb)) = (year(x), year(y)) {
            let n = u16::try_from(ya.abs_diff(yb)).ok().filter(|&n| n >= 2)?;
            return Some(if ya < yb { (a, b, n) } else { (b, a, n) });
        }
        let kind = if rel == Relation::List {
            GroupKind::List
        } else {
            GroupKind::Row
        };
        let (pa, pb) = (x.group(kind)?.1, y.group(kind)?.1);
        let n = pb.checked_sub(pa).filter(|&n| n >= 2)?;
        (x.period.is_none() && y.period.is_none()).then_some((a, b, n))
    }

    /// Sums and differences of a bare number and one written with a scale
    /// word, that word's scale taken off (`515.2 + $250 million` as 765.2).
    fn written(&mut self, a: u32, b: u32) {
        let (x, y) = (self.leaf(a), self.leaf(b));
        let (bare, scaled) = match (x.bare(), word_scale(y), y.bare(), word_scale(x)) {
            (true, Some(s), _, _) => ((a, x.approx), (b, y.approx.scaled(-s))),
            (_, _, true, Some(s)) => ((b, y.approx), (a, x.approx.scaled(-s))),
            _ => return,
        };
        let (l, w) = (Term::Leaf(bare.0), Term::Written(scaled.0));
        let (first, second) = if bare.0 < scaled.0 { (l, w) } else { (w, l) };
        self.offer(
            Shape::Two(Op::Add, first, second),
            bare.1.add(scaled.1),
            UNSCALED,
            None,
        );
        self.offer(
            Shape::Two(Op::Diff, l, w),
            scaled.1.sub(bare.1),
            UNSCALED,
            None,
        );
        self.offer(
            Shape::Two(Op::Diff, w, l),
            bare.1.sub(scaled.1),
            UNSCALED,
            None,
        );
    }
}
