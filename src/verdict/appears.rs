//! `appears_in`: some number of the source must be consistent with each
//! stated value (scale-aware, same kind, no conflicting currency); when
//! none is, the nearest numbers are kept for the report.

use rust_decimal::Decimal;

use super::Said;
use super::stated::Stated;
use crate::interval::{Interval, Rat};
use crate::numbers::{Currency, Number};
use crate::outcome::{Appears, NotInSource, Part};
use crate::sources::Source;

/// How many of the nearest numbers a report shows.
const NEAREST: usize = 3;

/// Searches `source` for each stated value.
pub(super) fn appears(name: &str, source: &Source, stated: &[Stated], said: &Said<'_>) -> Part {
    let mut found = Vec::new();
    let mut missing = None;
    for (i, s) in stated.iter().enumerate() {
        let candidates = candidates(source, s);
        let width = said
            .tolerance
            .map_or_else(|| Rat::from_integer(0.into()), |t| t.width(&s.quantity.iv));
        let wanted = s.quantity.iv.widen(&width);
        match candidates
            .iter()
            .find(|n| Interval::around(n.value, n.half_unit).overlaps(&wanted))
        {
            Some(n) => found.push(source.span(n.span.clone())),
            None => {
                missing = Some(NotInSource {
                    stated: i,
                    nearest: nearest(source, s, candidates),
                });
                break;
            }
        }
    }
    Part::Appears(Appears {
        source: name.to_string(),
        stated: stated.iter().map(|s| s.outcome(said.place(s))).collect(),
        found,
        missing,
    })
}

/// Numbers of `source` that could support a stated value: same kind, no
/// conflicting currency.
fn candidates<'s>(source: &'s Source, s: &Stated) -> Vec<&'s Number> {
    let fits =
        |n: &&Number| n.kind == s.number.kind && !currency_conflict(n.currency, s.number.currency);
    source.numbers().iter().filter(fits).collect()
}

/// The candidates nearest a stated value: same currency tag first, then
/// closest in ratio (a typo keeps the magnitude).
fn nearest(source: &Source, s: &Stated, mut near: Vec<&Number>) -> Vec<crate::outcome::Span> {
    near.sort_by_key(|n| {
        (
            n.currency != s.number.currency,
            relative_distance(n.value, s.number.value),
            n.span.start,
        )
    });
    near.into_iter()
        .take(NEAREST)
        .map(|n| source.span(n.span.clone()))
        .collect()
}

fn currency_conflict(a: Option<Currency>, b: Option<Currency>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

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
