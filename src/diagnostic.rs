//! Verdicts and diagnostic codes. Every claim gets one verdict; every claim
//! that is not `ok` also gets a stable code (`CC001`…) that reports, SARIF
//! rules and `claimcheck explain` share.

use std::fmt;

use serde::Serialize;

/// The outcome of checking one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The claim agrees with its sources.
    Ok,
    /// Rounding leaves the claim open.
    Undecided,
    /// The stated and computed values differ, or a test is false.
    Mismatch,
    /// A quote or `says` is missing from its document.
    NotFound,
    /// The claim itself is invalid.
    Error,
}

impl Verdict {
    /// All verdicts, in summary order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Ok,
        Verdict::Mismatch,
        Verdict::Undecided,
        Verdict::NotFound,
        Verdict::Error,
    ];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Mismatch => "mismatch",
            Verdict::Undecided => "undecided",
            Verdict::NotFound => "not-found",
            Verdict::Error => "error",
        }
    }

    /// The more serious of two verdicts (error > not-found > mismatch > undecided > ok).
    pub fn worst(self, other: Verdict) -> Verdict {
        self.max(other)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a claim is not `ok`. The numbers never change meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The stated value is not consistent with the computed value.
    ValueMismatch,
    /// A true/false check is false.
    CheckFalse,
    /// A true/false check is left open by rounding.
    CheckUndecided,
    /// No number of the `appears_in` source supports the stated value.
    NotInSource,
    /// Stated and computed values measure different things (percent vs points, two currencies).
    UnitConflict,
    /// A fact's quote is not in its source.
    QuoteNotFound,
    /// A claim's `says` is not in the draft.
    SaysNotFound,
    /// The `check` or `expr` is not a valid expression.
    InvalidExpression,
    /// The arithmetic has no answer (division by an interval containing zero, mixed currencies).
    ArithmeticError,
    /// Facts defined in terms of each other.
    FactCycle,
    /// The claim is malformed (keys, types, ids, tolerance, `{…}` markers, stated values).
    InvalidClaim,
    /// A fact the claim uses is malformed.
    InvalidFact,
}

/// Everything known about a code, in one row.
struct CodeInfo {
    code: Code,
    id: &'static str,
    name: &'static str,
    verdict: Verdict,
    summary: &'static str,
    explanation: &'static str,
}

/// The one table of codes, in `Code::ALL` order.
const CODES: [CodeInfo; 12] = [
    CodeInfo {
        code: Code::ValueMismatch,
        id: "CC001",
        name: "value-mismatch",
        verdict: Verdict::Mismatch,
        summary: "The value the draft states is not consistent with the value computed from the sources.",
        explanation: "Every written number stands for the interval of values that round to it (5.4 is 5.35–5.45). The \
                 check is computed on those intervals with exact arithmetic, and the stated value (widened by its \
                 qualifier, such as `about` or `逾`, and by `tolerance`) must overlap the result. Here it does not: \
                 the report shows both intervals, the inputs and the gap.\n\nExample: the draft says revenue grew \
                 186% in 2024, but 289.4 → 540.1 is 86.6%; 186% was the two-year growth.",
    },
    CodeInfo {
        code: Code::CheckFalse,
        id: "CC002",
        name: "check-false",
        verdict: Verdict::Mismatch,
        summary: "A true/false check does not hold for any values the sources' rounding allows.",
        explanation: "The check is a true/false test (`increasing(loss)`, `min(top5) > 75%`, `all(rev > 0)`) and it is \
                 false for every value the sources' rounding allows.\n\nExample: \"losses widened every year\" while \
                 one year's loss was smaller than the year before.",
    },
    CodeInfo {
        code: Code::CheckUndecided,
        id: "CC003",
        name: "check-undecided",
        verdict: Verdict::Undecided,
        summary: "A true/false check holds for some values the sources' rounding allows and not for others.",
        explanation: "The test holds for some values inside the rounding intervals and fails for others, so the sources \
                 as written cannot decide it. `min(top5) > 75%` with a share written as 75.0% is undecided: the \
                 true share may be 74.95%. Find a more precise source figure, or soften the wording.",
    },
    CodeInfo {
        code: Code::NotInSource,
        id: "CC004",
        name: "not-in-source",
        verdict: Verdict::Mismatch,
        summary: "No number of the `appears_in` source is consistent with the stated value.",
        explanation: "With `appears_in`, some number in that source must be consistent with the stated value, scale-aware \
                 (5.4億元 = 540,000,000元 = RMB540 million), with no conflicting currency, percent against percents \
                 and points against points. None is; the report lists the nearest numbers.",
    },
    CodeInfo {
        code: Code::UnitConflict,
        id: "CC005",
        name: "unit-conflict",
        verdict: Verdict::Mismatch,
        summary: "The stated and computed values measure different things: percent against percentage points or money, or two currencies.",
        explanation: "A stated percent was checked against percentage points (or the reverse), a percent or points \
                 against an amount of money that does not match it (or the reverse), or amounts in two \
                 currencies were compared. A margin that rises from 58.6% to 61.2% rises 2.6 percentage points, \
                 not 2.6%.",
    },
    CodeInfo {
        code: Code::QuoteNotFound,
        id: "CC006",
        name: "quote-not-found",
        verdict: Verdict::NotFound,
        summary: "A fact's quote is not in its source document.",
        explanation: "Quotes are matched ignoring white space and Unicode compatibility forms, and never start or end \
                 inside a number. This one is not in its source; the report shows the closest passage as a \
                 character diff. The source may have changed, or the quote has a typo.",
    },
    CodeInfo {
        code: Code::SaysNotFound,
        id: "CC007",
        name: "says-not-found",
        verdict: Verdict::NotFound,
        summary: "The claim's `says` is not in the draft.",
        explanation: "When a claims file names a `draft`, each claim's `says` (without its `{…}` markers) must appear in \
                 the draft, so every check stays tied to the sentence it verifies. The report shows the closest \
                 passage of the draft.",
    },
    CodeInfo {
        code: Code::InvalidExpression,
        id: "CC008",
        name: "invalid-expression",
        verdict: Verdict::Error,
        summary: "The `check` or `expr` is not a valid expression (syntax, unknown name, arguments, types).",
        explanation: "The expression could not be evaluated: a syntax error, an unknown fact or function (with a \
                 suggestion), a wrong number of arguments, lists of different lengths, an index out of range, or a \
                 percent compared with percentage points. The report gives the column in the expression.",
    },
    CodeInfo {
        code: Code::ArithmeticError,
        id: "CC009",
        name: "arithmetic-error",
        verdict: Verdict::Error,
        summary: "The arithmetic has no answer: division by a value that may be zero, mixed currencies, a root of a negative value.",
        explanation: "The computation has no answer: a division by an interval that contains zero, a CAGR of values \
                 with different signs, or amounts in different currencies added together.",
    },
    CodeInfo {
        code: Code::FactCycle,
        id: "CC010",
        name: "fact-cycle",
        verdict: Verdict::Error,
        summary: "Facts are defined in terms of each other.",
        explanation: "A fact's `expr` uses itself, directly or through other facts. The report shows the cycle.",
    },
    CodeInfo {
        code: Code::InvalidClaim,
        id: "CC011",
        name: "invalid-claim",
        verdict: Verdict::Error,
        summary: "The claim is malformed: keys, types, duplicate ids, tolerance, `{…}` markers or stated values.",
        explanation: "The claim cannot be checked as written: an unknown key, a value of the wrong type, a missing or \
                 duplicate id, neither `check` nor `appears_in`, a malformed `tolerance` or one in another unit \
                 than the stated value (`0.1億` on a percent), a malformed `{…}` marker, or a stated value that is \
                 missing or does not match the check's values.",
    },
    CodeInfo {
        code: Code::InvalidFact,
        id: "CC012",
        name: "invalid-fact",
        verdict: Verdict::Error,
        summary: "A fact the claim uses is malformed.",
        explanation: "A fact the claim uses cannot be resolved: its definition has the wrong shape, names an unknown \
                 source, or its quote does not mark exactly one number per `{…}`.",
    },
];

impl Code {
    /// Every code, in order.
    pub const ALL: [Code; 12] = [
        Code::ValueMismatch,
        Code::CheckFalse,
        Code::CheckUndecided,
        Code::NotInSource,
        Code::UnitConflict,
        Code::QuoteNotFound,
        Code::SaysNotFound,
        Code::InvalidExpression,
        Code::ArithmeticError,
        Code::FactCycle,
        Code::InvalidClaim,
        Code::InvalidFact,
    ];

    fn info(self) -> &'static CodeInfo {
        let info = &CODES[self as usize];
        debug_assert_eq!(info.code, self, "CODES is in Code::ALL order");
        info
    }

    /// The stable identifier, e.g. `CC001`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// A short kebab-case name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The verdict this code leads to.
    pub fn verdict(self) -> Verdict {
        self.info().verdict
    }

    /// One sentence on what the code means.
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The longer explanation shown by `claimcheck explain`.
    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }

    /// Its index in [`Code::ALL`] (SARIF's `ruleIndex`).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The code with this id or name.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.id().eq_ignore_ascii_case(s) || c.name() == s)
    }
}

impl From<crate::expr::ErrorKind> for Code {
    /// The code of an expression error: arithmetic and currency problems are
    /// CC009, a tolerance that does not fit the value `≈` widens is the
    /// claim's CC011, everything else about the expression CC008.
    fn from(kind: crate::expr::ErrorKind) -> Code {
        use crate::expr::ErrorKind;
        match kind {
            ErrorKind::Arithmetic | ErrorKind::Currency => Code::ArithmeticError,
            ErrorKind::Tolerance => Code::InvalidClaim,
            _ => Code::InvalidExpression,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        for (i, c) in Code::ALL.into_iter().enumerate() {
            assert_eq!(CODES[i].code, c, "the table is in Code::ALL order");
            assert_eq!(Code::parse(c.id()), Some(c));
            assert_eq!(Code::parse(c.name()), Some(c));
            assert_eq!(Code::ALL.iter().filter(|d| d.id() == c.id()).count(), 1);
        }
    }

    #[test]
    fn worst_verdict_wins() {
        assert_eq!(Verdict::Ok.worst(Verdict::Undecided), Verdict::Undecided);
        assert_eq!(
            Verdict::Mismatch.worst(Verdict::NotFound),
            Verdict::NotFound
        );
        assert_eq!(Verdict::Error.worst(Verdict::Mismatch), Verdict::Error);
    }
}
