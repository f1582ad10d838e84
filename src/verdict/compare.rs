//! Stated values against the values a `check` computed, element by
//! element: one stated value against every computed one, every stated value
//! against one, or pairwise.

use super::stated::Stated;
use super::{Fail, Said};
use crate::diagnostic::Code;
use crate::expr::{Dim, Quantity, Tolerance};
use crate::outcome::{Compared, PairFailure, PairFailureKind, Part};

/// Which stated value goes with which computed one.
fn pair_up(n: usize, m: usize) -> Option<Vec<(usize, usize)>> {
    match (n, m) {
        (1, _) => Some((0..m).map(|j| (0, j)).collect()),
        (_, 1) => Some((0..n).map(|i| (i, 0)).collect()),
        _ if n == m => Some((0..n).map(|i| (i, i)).collect()),
        _ => None,
    }
}

/// Compares the stated values of `said` with `computed`.
pub(super) fn compare(
    stated: &[Stated],
    computed: Vec<Quantity>,
    said: &Said<'_>,
) -> Result<Part, Fail> {
    said.tolerance_fits(stated)?;
    let pairs = pair_up(stated.len(), computed.len()).ok_or_else(|| {
        let message = format!(
            "`says` states {} values but the check gives {}",
            stated.len(),
            computed.len()
        );
        Fail::invalid(
            Code::InvalidClaim,
            message,
            said.says.map(|s| s.span.clone()),
        )
    })?;
    let mut failure = None;
    for (k, &(i, j)) in pairs.iter().enumerate() {
        if let Some(kind) = disagreement(&stated[i], &computed[j], said.tolerance) {
            failure = Some((k, (i, j), kind));
            break;
        }
    }
    let shown = failure.as_ref().map_or((0, 0), |f| f.1);
    Ok(Part::Compared(Compared {
        stated: stated.iter().map(|s| s.outcome(said.place(s))).collect(),
        computed,
        shown,
        pairs: pairs.len(),
        failure: failure.map(|(pair, _, kind)| PairFailure { pair, kind }),
        hints: Vec::new(),
    }))
}

/// `None` when a stated value and a computed one agree; otherwise how they
/// disagree. The tolerance already fits the stated value
/// ([`Said::tolerance_fits`]).
fn disagreement(
    s: &Stated,
    c: &Quantity,
    tolerance: Option<&Tolerance>,
) -> Option<PairFailureKind> {
    if unit_conflict(&s.quantity, c) {
        return Some(PairFailureKind::UnitConflict);
    }
    let range = s.range(tolerance);
    if range.overlaps(&c.iv) {
        return None;
    }
    // A percent against money that disagrees is a unit conflict: "computed
    // 53500000000%" says nothing. One that agrees stays a match, since
    // money divided by an untagged number (`(v - 100) / 100`, per-share
    // figures) keeps its tag and may well be the ratio the claim states.
    if percent_against_money(&s.quantity, c) {
        return Some(PairFailureKind::UnitConflict);
    }
    Some(PairFailureKind::Mismatch {
        gap: range.gap(&c.iv),
    })
}

/// Whether a stated and a computed value measure different things: a
/// percent against percentage points, or two currencies.
pub(crate) fn unit_conflict(s: &Quantity, c: &Quantity) -> bool {
    let dims = (s.dim, c.dim);
    if dims == (Dim::Percent, Dim::Points) || dims == (Dim::Points, Dim::Percent) {
        return true;
    }
    matches!((s.currency, c.currency), (Some(a), Some(b)) if a != b)
}

/// Whether one is a percent or points and the other an amount of money.
fn percent_against_money(s: &Quantity, c: &Quantity) -> bool {
    let money = |q: &Quantity| q.dim == Dim::Plain && q.currency.is_some();
    let relative = |q: &Quantity| q.dim != Dim::Plain;
    relative(s) && money(c) || money(s) && relative(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_one_to_many_many_to_one_and_pairwise() {
        assert_eq!(pair_up(1, 3), Some(vec![(0, 0), (0, 1), (0, 2)]));
        assert_eq!(pair_up(2, 1), Some(vec![(0, 0), (1, 0)]));
        assert_eq!(pair_up(2, 2), Some(vec![(0, 0), (1, 1)]));
        assert_eq!(pair_up(2, 3), None);
    }

    #[test]
    fn percents_and_money_conflict_plain_ratios_do_not() {
        use crate::interval::int;
        use crate::numbers::Currency;
        let q = |dim, currency| Quantity {
            dim,
            currency,
            ..Quantity::exact(int(1))
        };
        let cny = Some(Currency::Cny);
        assert!(percent_against_money(
            &q(Dim::Percent, None),
            &q(Dim::Plain, cny)
        ));
        assert!(percent_against_money(
            &q(Dim::Plain, cny),
            &q(Dim::Percent, None)
        ));
        assert!(percent_against_money(
            &q(Dim::Points, None),
            &q(Dim::Plain, cny)
        ));
        assert!(unit_conflict(&q(Dim::Percent, None), &q(Dim::Points, None)));
        assert!(!percent_against_money(
            &q(Dim::Percent, None),
            &q(Dim::Plain, None)
        ));
        assert!(!percent_against_money(
            &q(Dim::Plain, cny),
            &q(Dim::Plain, None)
        ));
    }
}
