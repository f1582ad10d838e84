//! The result model: what a `check` run found, as data. Every stage of the
//! engine produces these types and only `report/` turns them into text.
//!
//! Places are positions ([`Span`]: a file of the run and a byte range), never
//! copied text: a report about a 1 GB source holds offsets, and renderers cut
//! the snippets they show from the document when they write them. Values are
//! values ([`Quantity`], [`Rat`]); how a claim wrote its own number
//! ([`Notation`]) travels with it so renderers can show computed values the
//! same way.

mod files;

pub use files::{FileId, Files, Span};

use crate::diagnostic::{Code, Verdict};
use crate::expr::Quantity;
use crate::interval::{Rat, Truth};
use crate::notation::Notation;
use crate::numbers::Kind;

/// Everything a `check` run found.
#[derive(Debug, Default)]
pub struct Report {
    /// The claims files and sources the spans point into.
    pub files: Files,
    /// One outcome per claim: files in path order, claims in file order.
    pub claims: Vec<ClaimOutcome>,
    /// Problems that stopped files from being checked (exit status 2).
    pub errors: Vec<RunError>,
    /// Notes on how sources were read ("decoded as GBK"), once per source.
    pub notes: Vec<SourceNote>,
    /// Figures of the drafts that no claim's `says` covers and no `ignore` waives.
    pub unchecked: Vec<Span>,
    /// How much of each draft the claims cover, in draft path order.
    pub coverage: Vec<DraftCoverage>,
    /// `ignore` entries whose quote is not in the draft (CC007).
    pub stale_ignores: Vec<StaleIgnore>,
}

/// How many of a draft's figures (quantities, percents, points) are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftCoverage {
    /// The draft.
    pub draft: FileId,
    /// Its figures.
    pub figures: usize,
    /// Figures inside some claim's `says`.
    pub checked: usize,
    /// Figures waived by `ignore` (and not checked).
    pub waived: usize,
}

impl DraftCoverage {
    /// The share of the figures that need a check and have one, in percent
    /// (100 when every figure is checked or waived).
    pub fn percent(&self) -> f64 {
        let needed = self.figures - self.waived;
        if needed == 0 {
            100.0
        } else {
            self.checked as f64 * 100.0 / needed as f64
        }
    }
}

/// An `ignore` entry whose quote is not in the draft: a waiver that no
/// longer waives anything, reported so it is removed or fixed.
#[derive(Clone, Debug)]
pub struct StaleIgnore {
    /// The claims file.
    pub claims_file: FileId,
    /// The entry's quote in the claims file.
    pub at: Span,
    /// The quote and the closest passage of the draft.
    pub closest: Option<Closest>,
}

impl Report {
    /// How many claims got `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.claims
            .iter()
            .filter(|c| c.verdict() == verdict)
            .count()
    }

    /// Whether every claim is ok, every `ignore` still waives something, and
    /// nothing failed.
    pub fn all_ok(&self) -> bool {
        self.errors.is_empty()
            && self.stale_ignores.is_empty()
            && self.claims.iter().all(|c| c.verdict() == Verdict::Ok)
    }
}

/// A note on how a source was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceNote {
    /// The source.
    pub file: FileId,
    /// What is worth knowing.
    pub note: String,
}

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimOutcome {
    /// The claims file.
    pub claims_file: FileId,
    /// The claim's id.
    pub id: String,
    /// Where in the claims file to point: the claim's `says` (or the claim),
    /// or the part of it that is invalid.
    pub at: Span,
    /// The whole `says` where it stands in the draft, when it was found.
    pub said: Option<Span>,
    /// The `check` and what went into it, when it was evaluated.
    pub check: Option<CheckTrace>,
    /// What was found.
    pub judgement: Judgement,
}

impl ClaimOutcome {
    /// The claim's verdict.
    pub fn verdict(&self) -> Verdict {
        self.judgement.verdict()
    }

    /// Why the claim is not ok (`None` when it is).
    pub fn code(&self) -> Option<Code> {
        self.judgement.code()
    }
}

/// A claim's `check` expression and the values that went in.
#[derive(Clone, Debug, Default)]
pub struct CheckTrace {
    /// The expression as written.
    pub expr: String,
    /// The facts it used, each element where it stands.
    pub inputs: Vec<Input>,
    /// The expression with the values that went in, when any did.
    pub formula: Option<Formula>,
    /// Where a trend or an `all`/`any` test breaks.
    pub notes: Vec<String>,
}

/// What was found about a claim: one kind of evidence per kind of result.
#[derive(Clone, Debug)]
pub enum Judgement {
    /// The claim was checked: its `check`, its `appears_in`, or both.
    Checked(Vec<Part>),
    /// A quote or `says` is not in its document.
    Missing(Missing),
    /// The claim cannot be checked as written.
    Invalid(Invalid),
}

impl Judgement {
    /// The verdict: the worst part's, or the one the failure means.
    pub fn verdict(&self) -> Verdict {
        match self {
            Judgement::Checked(parts) => {
                parts.iter().map(Part::verdict).max().unwrap_or(Verdict::Ok)
            }
            Judgement::Missing(m) => m.code.verdict(),
            Judgement::Invalid(i) => i.code.verdict(),
        }
    }

    /// The code of the worst part, or of the failure.
    pub fn code(&self) -> Option<Code> {
        match self {
            Judgement::Checked(parts) => {
                let worst = self.verdict();
                parts
                    .iter()
                    .filter(|p| p.verdict() == worst)
                    .find_map(Part::code)
            }
            Judgement::Missing(m) => Some(m.code),
            Judgement::Invalid(i) => Some(i.code),
        }
    }
}

/// One part of a checked claim.
#[derive(Clone, Debug)]
pub enum Part {
    /// A `check` that computes values, against the stated ones.
    Compared(Compared),
    /// A true/false `check`.
    Tested(Truth),
    /// An `appears_in` source, searched for the stated values.
    Appears(Appears),
}

impl Part {
    /// The code of this part, when it is not ok.
    pub fn code(&self) -> Option<Code> {
        match self {
            Part::Compared(c) => c.failure.as_ref().map(|f| match f.kind {
                PairFailureKind::Mismatch { .. } => Code::ValueMismatch,
                PairFailureKind::UnitConflict => Code::UnitConflict,
            }),
            Part::Tested(Truth::True) => None,
            Part::Tested(Truth::False) => Some(Code::CheckFalse),
            Part::Tested(Truth::Undecided) => Some(Code::CheckUndecided),
            Part::Appears(a) => a.missing.as_ref().map(|_| Code::NotInSource),
        }
    }

    /// The verdict of this part.
    pub fn verdict(&self) -> Verdict {
        self.code().map_or(Verdict::Ok, Code::verdict)
    }
}

/// A value stated in `says`.
#[derive(Clone, Debug)]
pub struct Stated {
    /// The number with its qualifier, as written (`about RMB5.4 billion`).
    pub written: String,
    /// Where it stands: in the draft, or in the claims file's `says`.
    pub at: Option<Span>,
    /// The values the written number stands for, with its unit and currency.
    pub quantity: Quantity,
    /// What the reader took it for.
    pub kind: Kind,
    /// How it is written, for showing computed values the same way.
    pub notation: Notation,
}

/// Stated values against computed ones.
#[derive(Clone, Debug)]
pub struct Compared {
    /// The stated values, in `says` order.
    pub stated: Vec<Stated>,
    /// The values the check computed.
    pub computed: Vec<Quantity>,
    /// The pair shown: the first that failed, or the first of all.
    pub shown: (usize, usize),
    /// How many (stated, computed) pairs were compared.
    pub pairs: usize,
    /// The first pair that does not agree.
    pub failure: Option<PairFailure>,
    /// For a mismatch: derivations from the claim's sources that give the
    /// stated value (at most one, and only when it clearly wins).
    pub hints: Vec<Hint>,
}

/// A derivation that explains a mismatched stated value: `86.6% matches
/// growth(rev[1], rev[2]) (2023→2024), not growth(rev[0], rev[1]) (2022→2023)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The expression, in the claim's own fact names when it uses only them.
    pub expr: String,
    /// One sentence for reports.
    pub note: String,
    /// Facts the expression needs that the claims file does not have.
    pub facts: Vec<HintFact>,
}

/// A fact a [`Hint`] needs: a quote of a source, ready for the claims file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HintFact {
    /// Its name in the hint's expression.
    pub name: String,
    /// The source's name.
    pub source: String,
    /// The quote (unique in the source), the number marked with `{…}`.
    pub quote: String,
}

/// A stated value that does not agree with its computed value.
#[derive(Clone, Debug)]
pub struct PairFailure {
    /// Which pair, from 0, among [`Compared::pairs`].
    pub pair: usize,
    /// How they disagree.
    pub kind: PairFailureKind,
}

/// The ways a stated and a computed value disagree.
#[derive(Clone, Debug)]
pub enum PairFailureKind {
    /// The intervals do not overlap; `gap` is the distance between them.
    Mismatch {
        /// Distance from the computed interval to what the stated value allows.
        gap: Rat,
    },
    /// They measure different things: percent against points, two currencies.
    UnitConflict,
}

/// The stated values searched in an `appears_in` source.
#[derive(Clone, Debug)]
pub struct Appears {
    /// The source's name in the claims file.
    pub source: String,
    /// The stated values.
    pub stated: Vec<Stated>,
    /// For each stated value found, the number of the source that supports it.
    pub found: Vec<Span>,
    /// The first stated value that no number supports.
    pub missing: Option<NotInSource>,
}

/// A stated value no number of the source supports.
#[derive(Clone, Debug)]
pub struct NotInSource {
    /// Which stated value, from 0.
    pub stated: usize,
    /// The nearest numbers of the source.
    pub nearest: Vec<Span>,
}

/// A quote or `says` that is not in its document.
#[derive(Clone, Debug)]
pub struct Missing {
    /// `QuoteNotFound` or `SaysNotFound`.
    pub code: Code,
    /// What is missing, in a sentence.
    pub message: String,
    /// The quote, white space collapsed, and the closest passage of the document.
    pub closest: Option<Closest>,
    /// Other places worth showing (the fact's definition).
    pub related: Vec<Related>,
}

/// The passage of a document closest to a missing quote.
#[derive(Clone, Debug)]
pub struct Closest {
    /// The quote (markers removed, white space collapsed).
    pub quote: String,
    /// The passage.
    pub passage: Span,
}

/// A claim that cannot be checked as written.
#[derive(Clone, Debug)]
pub struct Invalid {
    /// What kind of problem.
    pub code: Code,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Other places worth showing (a failing fact's definition).
    pub related: Vec<Related>,
}

/// A place worth showing beside a result, with a label.
#[derive(Clone, Debug)]
pub struct Related {
    /// Where.
    pub at: Span,
    /// What it is ("the fact is defined here").
    pub label: String,
}

/// A number that went into a computation.
#[derive(Clone, Debug)]
pub struct Input {
    /// How the check refers to it (`rev[1]`).
    pub name: String,
    /// Its value.
    pub value: InputValue,
    /// Where it stands in its source, when it comes from one.
    pub at: Option<Span>,
}

/// The value of an input: a number as the claims file quotes it, or a value
/// computed by an `expr` fact.
#[derive(Clone, Debug)]
pub enum InputValue {
    /// A quoted number, as written in the quote (`人民幣289.4百萬元`).
    Quoted(String),
    /// A computed value.
    Computed(Quantity),
}

/// An expression with the values that went in: text and values in turn.
#[derive(Clone, Debug, Default)]
pub struct Formula(pub Vec<FormulaPiece>);

/// A piece of a [`Formula`].
#[derive(Clone, Debug)]
pub enum FormulaPiece {
    /// Text of the expression, as written.
    Text(String),
    /// One value in place of a fact element.
    Value(InputValue),
    /// The values of a whole list fact.
    List(Vec<InputValue>),
}

/// A problem that stopped a claims file from being checked (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    /// The file to blame, as shown to users.
    pub file: String,
    /// Line and column, when a place in the file is to blame.
    pub position: Option<crate::document::Position>,
    /// What went wrong.
    pub message: String,
    /// The text of the line the position is on, for a snippet.
    pub line_text: Option<String>,
}
