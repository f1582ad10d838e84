//! Values to trace: a stated number with the range its qualifier allows,
//! and an index that finds, for a computed value, every target it may match
//! (scaled by a power of ten or not) without comparing it with each one.

use super::approx::{Approx, to_f64};
use super::tokens::{Tokens, Wording, wordings};
use crate::expr::{Dim, Quantity, Tolerance};
use crate::numbers::Kind;
use crate::quote::parse_marked;
use crate::verdict::{Stated, StatedRange, unit_conflict};

/// How far past its stated number an open-ended value (`over 3.2亿`,
/// `less than 11%`) is searched: a quarter of the number.
pub const OPEN_END: f64 = 0.25;

/// A count (no scale, no currency) whose rounding spans more than this
/// share of it (`两`, `三`, `3 segments`, `1倍`) is searched as written only:
/// any derivation of it would be a coincidence.
pub const COARSE: f64 = 0.1;

/// The powers of ten an amount may be multiplied by to match a value stated
/// in another scale (a table in thousands or millions, an answer in millions).
pub const FACTORS: [i8; 6] = [3, 6, 9, -3, -6, -9];

/// The power of ten that turns a percentage written without `%` (a cell of
/// a percent column) into a percent.
pub const PERCENT_FACTOR: i8 = -2;

/// A value to trace.
#[derive(Clone)]
pub struct Target {
    /// The value as written.
    pub written: String,
    pub(crate) stated: Stated,
    pub(crate) range: StatedRange,
    /// Where the search looks (an open end cut at [`OPEN_END`]).
    pub(crate) window: Approx,
    /// Words around the value in its draft, when it has one.
    pub(crate) context: Option<Tokens>,
    /// What those words say the value is.
    pub(crate) wordings: Vec<Wording>,
    /// Its rounding is too coarse for derivations (see [`COARSE`]).
    pub(crate) coarse: bool,
}

impl Target {
    /// A value as written on the command line: `186%`, `11.2亿元`, `about $1.6 billion`.
    pub fn parse(value: &str) -> Result<Target, String> {
        let marked = parse_marked(value).map_err(|e| e.message)?;
        let mut stated = Stated::read(&marked).map_err(|e| format!("`{value}`: {e}"))?;
        if stated.len() != 1 {
            return Err(format!(
                "`{value}` states {} values; trace one",
                stated.len()
            ));
        }
        let stated = stated.remove(0);
        if !stated.number.kind.is_value() {
            return Err(format!("`{value}` reads as a {}", stated.number.kind));
        }
        Ok(Target::new(stated, None, None))
    }

    /// The target for a stated value with an optional tolerance, and the
    /// words of its draft around it (the clause before it matters most).
    pub(crate) fn new(
        stated: Stated,
        tolerance: Option<Tolerance>,
        context: Option<&str>,
    ) -> Target {
        let range = stated.range(tolerance.as_ref());
        let window = window(&range);
        let n = &stated.number;
        let count = n.kind == Kind::Quantity && n.scale == 0 && n.currency.is_none();
        let coarse = count && is_coarse(&stated.quantity.iv);
        Target {
            coarse,
            written: stated.written.clone(),
            stated,
            range,
            window,
            context: context.map(Tokens::of),
            wordings: context.map_or_else(Vec::new, wordings),
        }
    }

    /// The target for a figure of a draft: its sentence's words rank the
    /// derivations, the clause before it says what kind it is.
    pub(crate) fn in_context(stated: Stated, sentence: &str, clause: &str) -> Target {
        let mut t = Target::new(stated, None, None);
        t.context = Some(Tokens::of(sentence));
        t.wordings = wordings(clause);
        t
    }

    /// Whether its range is wider than the rounding of its number (a
    /// qualifier or a tolerance widened it).
    pub(crate) fn widened(&self) -> bool {
        let (lo, hi) = self.range.bounds();
        let iv = &self.stated.quantity.iv;
        lo != Some(&iv.lo) || hi != Some(&iv.hi)
    }

    /// Whether a computed value is consistent with the stated one, as `check`
    /// decides it: no unit conflict, and the ranges overlap.
    pub(crate) fn consistent(&self, q: &Quantity) -> bool {
        !unit_conflict(&self.stated.quantity, q) && self.range.overlaps(&q.iv)
    }

    /// Whether the stated value is a percent.
    pub(crate) fn percent(&self) -> bool {
        self.stated.quantity.dim == Dim::Percent
    }

    /// What the reader took the stated value for.
    pub(crate) fn kind(&self) -> Kind {
        self.stated.number.kind
    }

    /// The stated value's quantity.
    pub(crate) fn quantity(&self) -> &Quantity {
        &self.stated.quantity
    }
}

/// Whether an interval is wider than [`COARSE`] of its value.
pub(crate) fn is_coarse(iv: &crate::interval::Interval) -> bool {
    let width = to_f64(&(&iv.hi - &iv.lo));
    width > COARSE * to_f64(&iv.mid()).abs()
}

/// The float window of a stated range, open ends cut at [`OPEN_END`].
fn window(range: &StatedRange) -> Approx {
    let (lo, hi) = range.bounds();
    let (lo, hi) = (lo.map(to_f64), hi.map(to_f64));
    let cut = |v: f64, up: bool| {
        let grow = if up == (v >= 0.0) {
            1.0 + OPEN_END
        } else {
            1.0 - OPEN_END
        };
        v * grow
    };
    match (lo, hi) {
        (Some(lo), Some(hi)) => Approx { lo, hi },
        (Some(lo), None) => Approx {
            lo,
            hi: cut(lo, true),
        },
        (None, Some(hi)) => Approx {
            lo: cut(hi, false),
            hi,
        },
        (None, None) => Approx { lo: 0.0, hi: 0.0 },
    }
}

/// One target's window, scaled by a power of ten.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub window: Approx,
    /// Index of the target.
    pub target: u32,
    /// A value matches when it times 10^factor falls in the target's window.
    pub factor: i8,
    /// The lowest bucket it sits in.
    first: i32,
}

/// Targets by sign and binary exponent, so a computed value meets only
/// those near it (a bucket is found from the float's bits, no logarithm).
pub(crate) struct Index {
    /// Bucket `sign * 2048 + exponent`: entries whose window spans that
    /// binary exponent on that side of zero.
    buckets: Vec<Vec<Entry>>,
    around_zero: Vec<Entry>,
    /// The hull of every window, to turn most values away at once.
    hull: Approx,
}

/// The bucket of a nonzero finite float: its sign and biased exponent.
fn bucket(x: f64) -> usize {
    let bits = x.to_bits();
    ((bits >> 63) as usize) * 2048 + ((bits >> 52) & 0x7ff) as usize
}

impl Index {
    /// The index of `targets`, each also scaled by every [`FACTORS`] power.
    pub(crate) fn new(targets: &[Target]) -> Index {
        let mut index = Index {
            buckets: vec![Vec::new(); 4096],
            around_zero: Vec::new(),
            hull: Approx {
                lo: f64::INFINITY,
                hi: f64::NEG_INFINITY,
            },
        };
        for (t, target) in targets.iter().enumerate() {
            let percent = target.quantity().dim != Dim::Plain;
            let hundred = percent.then_some(PERCENT_FACTOR);
            for factor in std::iter::once(0).chain(FACTORS).chain(hundred) {
                let window = target.window.scaled(-i32::from(factor));
                index.insert(Entry {
                    window,
                    target: t as u32,
                    factor,
                    first: 0,
                });
            }
        }
        index
    }

    fn insert(&mut self, mut e: Entry) {
        let Approx { lo, hi } = e.window;
        if !(lo.is_finite() && hi.is_finite()) {
            return;
        }
        self.hull = Approx {
            lo: self.hull.lo.min(lo),
            hi: self.hull.hi.max(hi),
        };
        if lo <= 0.0 && hi >= 0.0 {
            self.around_zero.push(e);
            return;
        }
        let (a, b) = (bucket(lo), bucket(hi));
        e.first = a.min(b) as i32;
        for k in a.min(b)..=a.max(b) {
            self.buckets[k].push(e);
        }
    }

    /// Calls `f` once with every entry whose window overlaps `v`.
    pub(crate) fn query(&self, v: Approx, mut f: impl FnMut(&Entry)) {
        if !v.overlaps(&self.hull) {
            return;
        }
        for e in &self.around_zero {
            if e.window.overlaps(&v) {
                f(e);
            }
        }
        if v.lo <= 0.0 && v.hi >= 0.0 {
            return;
        }
        let (a, b) = (bucket(v.lo), bucket(v.hi));
        let (a, b) = (a.min(b), a.max(b));
        for k in a..=b {
            for e in &self.buckets[k] {
                // An entry sits in every bucket it spans: report it from one.
                if k == a.max(e.first as usize) && e.window.overlaps(&v) {
                    f(e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::{Interval, int};

    #[test]
    fn targets_read_qualifiers_and_find_scaled_matches() {
        let t = Target::parse("186%").unwrap();
        assert!(t.percent());
        let q = Quantity {
            iv: Interval::new(int(1857) / int(1000), int(1859) / int(1000)),
            dim: Dim::Percent,
            currency: None,
        };
        assert!(t.consistent(&q));
        let over = Target::parse("逾3.2亿元").unwrap();
        assert!(over.window.hi > 3.9e8 && over.window.hi < 4.1e8);
        let index = Index::new(&[Target::parse("6.2 million").unwrap()]);
        let mut hits = Vec::new();
        index.query(Approx { lo: 6.19, hi: 6.21 }, |e| hits.push(e.factor));
        assert_eq!(hits, [6]);
        assert!(Target::parse("{1} and {2}").is_err());
        assert!(Target::parse("in 2024").is_err());
    }
}
