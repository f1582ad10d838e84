//! `appears_in`: some number of the source must be consistent with each
//! stated value (scale-aware, same kind, no conflicting currency); when
//! none is, the nearest numbers are kept for the report. The source's
//! number index answers both (see `sources::NumberIndex`).

use super::Said;
use super::stated::Stated;
use crate::interval::Rat;
use crate::outcome::{Appears, NotInSource, Part};
use crate::sources::{Query, Source};

/// How many of the nearest numbers a report shows.
const NEAREST: usize = 3;

/// Searches `source` for each stated value.
pub(super) fn appears(name: &str, source: &Source, stated: &[Stated], said: &Said<'_>) -> Part {
    let mut found = Vec::new();
    let mut missing = None;
    let numbers = source.readings().all();
    for (i, s) in stated.iter().enumerate() {
        let width = said
            .tolerance
            .map_or_else(|| Rat::from_integer(0.into()), |t| t.width(&s.quantity.iv));
        let wanted = s.quantity.iv.widen(&width);
        let query = Query {
            kind: s.number.kind,
            currency: s.number.currency,
            wanted: &wanted,
            value: s.number.value,
            bare: is_bare(s),
        };
        match source.index().supporting(numbers, &query) {
            Some(n) => found.push(source.span(n.span.clone())),
            None => {
                let nearest = source.index().nearest(numbers, &query, NEAREST);
                missing = Some(NotInSource {
                    stated: i,
                    nearest: nearest
                        .iter()
                        .map(|n| source.span(n.span.clone()))
                        .collect(),
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

/// Whether a stated value names no scale (`$62`, not `$62 million`): it is
/// then compared with table cells as written (see `sources::Reading`).
fn is_bare(s: &Stated) -> bool {
    s.number.scale == 0
}

/// The number of `source` that best supports stated value `s`, its values
/// widened to `wanted` (the number index's choice: equal as written, then
/// tightest, then nearest).
pub(crate) fn first_support<'s>(
    source: &'s Source,
    s: &Stated,
    wanted: &crate::interval::Interval,
) -> Option<&'s crate::numbers::Number> {
    let query = Query {
        kind: s.number.kind,
        currency: s.number.currency,
        wanted,
        value: s.number.value,
        bare: is_bare(s),
    };
    source.index().supporting(source.readings().all(), &query)
}
