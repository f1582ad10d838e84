//! What makes a run fail: which verdicts (`--fail-on`) and how much of each
//! draft must be covered by claims (`--require-coverage`). Every format
//! reads the one [`Policy`], so no format can change which claims fail or
//! the exit status.

use crate::diagnostic::Verdict;
use crate::outcome::{DraftCoverage, Report};

/// The verdicts that fail a run, as a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailOn(u8);

impl FailOn {
    /// Every verdict that is not `ok` (the default).
    pub const ALL: FailOn = FailOn(0b11110);

    /// No verdict.
    pub const NONE: FailOn = FailOn(0);

    fn bit(v: Verdict) -> u8 {
        1 << (v as u8)
    }

    /// The set with `v` added (`ok` is never added).
    pub fn with(self, v: Verdict) -> FailOn {
        if v == Verdict::Ok {
            self
        } else {
            FailOn(self.0 | FailOn::bit(v))
        }
    }

    /// Whether a claim with verdict `v` fails the run.
    pub fn contains(self, v: Verdict) -> bool {
        self.0 & FailOn::bit(v) != 0
    }

    /// Parses `mismatch,not-found,error,undecided` (any subset, any order).
    pub fn parse(s: &str) -> Result<FailOn, String> {
        s.split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .try_fold(FailOn::NONE, |set, word| {
                Verdict::ALL
                    .into_iter()
                    .filter(|v| *v != Verdict::Ok)
                    .find(|v| v.as_str() == word)
                    .map(|v| set.with(v))
                    .ok_or_else(|| {
                        format!("`{word}` is not a verdict; write some of mismatch,not-found,error,undecided")
                    })
            })
    }
}

impl Default for FailOn {
    fn default() -> Self {
        FailOn::ALL
    }
}

/// When a run fails.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Policy {
    /// The verdicts that fail the run.
    pub fail_on: FailOn,
    /// The least share of each draft's figures, in percent, that claims must cover.
    pub require_coverage: Option<f64>,
}

/// How a run ends, as far as the report decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunResult {
    /// Nothing fails.
    Passed,
    /// A claim, a stale `ignore` entry or the coverage fails.
    Failed,
    /// Some file could not be checked.
    Broken,
}

impl Policy {
    /// Whether a claim with verdict `v` fails the run.
    pub fn fails(&self, v: Verdict) -> bool {
        self.fail_on.contains(v)
    }

    /// Whether `ignore` entries that waive nothing fail the run (they are
    /// `not-found` results, CC007).
    pub fn stale_fails(&self) -> bool {
        self.fails(Verdict::NotFound)
    }

    /// Whether `coverage` is below the required share.
    pub fn short(&self, coverage: &DraftCoverage) -> bool {
        self.require_coverage
            .is_some_and(|pct| coverage.percent() < pct)
    }

    /// The drafts whose coverage is below the required share.
    pub fn shortfalls<'r>(&self, report: &'r Report) -> Vec<&'r DraftCoverage> {
        report.coverage.iter().filter(|c| self.short(c)).collect()
    }

    /// How the run ends.
    pub fn result(&self, report: &Report) -> RunResult {
        let failed = report.claims.iter().any(|c| self.fails(c.verdict()))
            || (self.stale_fails() && !report.stale_ignores.is_empty())
            || !self.shortfalls(report).is_empty();
        if !report.errors.is_empty() {
            RunResult::Broken
        } else if failed {
            RunResult::Failed
        } else {
            RunResult::Passed
        }
    }
}

/// A share in percent for reports, rounded down to one decimal so that a
/// share below a threshold never reads as the threshold (`89.96` → `89.9`).
pub fn percent_text(pct: f64) -> String {
    let tenths = (pct * 10.0 + 1e-9).floor() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_parses_any_subset() {
        let set = FailOn::parse("mismatch, error").unwrap();
        assert!(set.contains(Verdict::Mismatch) && set.contains(Verdict::Error));
        assert!(!set.contains(Verdict::Undecided) && !set.contains(Verdict::Ok));
        assert_eq!(
            FailOn::parse("mismatch,not-found,error,undecided").unwrap(),
            FailOn::ALL
        );
        assert!(FailOn::parse("ok").is_err());
        assert!(FailOn::parse("mismatches").is_err());
    }

    #[test]
    fn percents_round_down() {
        assert_eq!(percent_text(89.96), "89.9%");
        assert_eq!(percent_text(100.0), "100%");
        assert_eq!(percent_text(200.0 / 3.0), "66.6%");
        assert_eq!(percent_text(90.0), "90%");
    }
}
