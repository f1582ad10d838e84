//! What every renderer shows of a claim, worked out once from its outcome:
//! the one-line message, the stated and computed values written the way
//! the claim writes its own, the inputs, the gap. Renderers choose what to
//! show of a [`ClaimView`] and how; none of them formats a value itself.

use num_traits::Zero;

use crate::diagnostic::{Code, Verdict};
use crate::document::SectionKind;
use crate::expr::{Dim, Quantity};
use crate::interval::{Rounding, Truth, to_plain};
use crate::notation::Notation;
use crate::numbers::Kind;
use crate::outcome::{
    Appears, CheckTrace, ClaimOutcome, Compared, FileId, Files, FormulaPiece, Hint, Input,
    InputValue, Judgement, PairFailureKind, Part, Related, Span, Stated,
};
use crate::quote::one_line;

/// A value shown in a report: how it is named, its text, where it stands.
#[derive(Clone, Debug)]
pub struct ValueView {
    /// How the check refers to it (`rev[1]`), or its text for numbers of a source.
    pub name: String,
    /// Its value as written or computed.
    pub value: String,
    /// Where it stands in its source.
    pub at: Option<Span>,
}

/// The closest passage to a missing quote.
#[derive(Clone, Debug)]
pub struct PassageView {
    /// The quote, white space collapsed.
    pub quote: String,
    /// The passage, white space collapsed.
    pub passage: String,
    /// Where the passage stands.
    pub at: Span,
}

/// Everything a renderer may show of one claim.
#[derive(Clone, Debug)]
pub struct ClaimView<'a> {
    /// The claims file.
    pub claims_file: FileId,
    /// The claim's id.
    pub id: &'a str,
    /// Its verdict.
    pub verdict: Verdict,
    /// Why it is not ok.
    pub code: Option<Code>,
    /// One line saying what was found.
    pub message: String,
    /// Where the claim (or the part of it to blame) stands in the claims file.
    pub at: &'a Span,
    /// The whole `says` in the draft.
    pub said: Option<&'a Span>,
    /// The stated values as written.
    pub stated: Option<String>,
    /// Where the stated value shown stands.
    pub stated_at: Option<&'a Span>,
    /// The computed value, in the stated value's notation.
    pub computed: Option<String>,
    /// Exact bounds of the computed value (plain decimals, fractions for percents).
    pub bounds: Option<(String, String)>,
    /// The check as written.
    pub expr: Option<&'a str>,
    /// The check with the values that went in.
    pub formula: Option<String>,
    /// The numbers that went in.
    pub inputs: Vec<ValueView>,
    /// For `appears_in`: the number that supports the stated value.
    pub found: Option<ValueView>,
    /// For `appears_in` mismatches: the nearest numbers.
    pub nearest: Vec<ValueView>,
    /// For a missing quote: the closest passage.
    pub closest: Option<PassageView>,
    /// The distance between stated and computed values.
    pub gap: Option<String>,
    /// Other places worth showing.
    pub related: &'a [Related],
    /// Where a trend or test breaks.
    pub notes: &'a [String],
    /// Derivations that explain a mismatched stated value.
    pub hints: &'a [Hint],
}

/// A hint as one line: its note, and the quotes of the facts it would add
/// (`40% matches t_a, not rd_use (t_a = "…{40%}" in prospectus)`).
pub fn hint_text(hint: &Hint) -> String {
    let facts: Vec<String> = hint
        .facts
        .iter()
        .map(|f| format!("{} = \"{}\" in {}", f.name, f.quote, f.source))
        .collect();
    if facts.is_empty() {
        hint.note.clone()
    } else {
        format!("{} ({})", hint.note, facts.join("; "))
    }
}

/// The text a span covers, on one line.
pub fn text_of(files: &Files, span: &Span) -> String {
    files.text(span).replace('\n', " ")
}

/// `line 3, column 7` (with the page or sheet when the file has them).
pub fn where_text(files: &Files, span: &Span) -> String {
    let loc = files.start(span);
    let section = match &loc.section {
        Some((SectionKind::Page, p)) => format!("page {p}, "),
        Some((SectionKind::Sheet, s)) => format!("sheet {s}, "),
        None => String::new(),
    };
    format!(
        "{section}line {}, column {}",
        loc.position.line, loc.position.column
    )
}

/// A value as written, or computed and shown in a neutral notation.
pub fn value_text(value: &InputValue) -> String {
    match value {
        InputValue::Quoted(text) => text.clone(),
        InputValue::Computed(q) => Notation::plain(q, 2).interval(&q.iv),
    }
}

fn input_view(i: &Input) -> ValueView {
    ValueView {
        name: i.name.clone(),
        value: value_text(&i.value),
        at: i.at.clone(),
    }
}

fn number_view(files: &Files, span: &Span) -> ValueView {
    let text = text_of(files, span);
    ValueView {
        name: text.clone(),
        value: text,
        at: Some(span.clone()),
    }
}

impl<'a> ClaimView<'a> {
    /// The view of `outcome`, whose spans point into `files`.
    pub fn new(files: &Files, outcome: &'a ClaimOutcome) -> ClaimView<'a> {
        let ClaimOutcome {
            claims_file,
            id,
            at,
            said,
            check,
            judgement,
        } = outcome;
        let mut view = ClaimView {
            claims_file: *claims_file,
            id,
            verdict: judgement.verdict(),
            code: judgement.code(),
            message: String::new(),
            at,
            said: said.as_ref(),
            stated: None,
            stated_at: None,
            computed: None,
            bounds: None,
            expr: None,
            formula: None,
            inputs: Vec::new(),
            found: None,
            nearest: Vec::new(),
            closest: None,
            gap: None,
            related: &[],
            notes: &[],
            hints: &[],
        };
        if let Some(trace) = check {
            view.trace(trace);
        }
        view.judgement(files, judgement);
        view
    }

    fn trace(&mut self, trace: &'a CheckTrace) {
        let CheckTrace {
            expr,
            inputs,
            formula,
            notes,
        } = trace;
        self.expr = Some(expr);
        self.inputs = inputs.iter().map(input_view).collect();
        self.formula = formula.as_ref().map(|f| {
            f.0.iter()
                .map(|p| match p {
                    FormulaPiece::Text(t) => t.clone(),
                    FormulaPiece::Value(v) => value_text(v),
                    FormulaPiece::List(vs) => {
                        let shown: Vec<String> = vs.iter().map(value_text).collect();
                        format!("[{}]", shown.join(", "))
                    }
                })
                .collect()
        });
        self.notes = notes;
    }

    fn judgement(&mut self, files: &Files, judgement: &'a Judgement) {
        match judgement {
            Judgement::Checked(parts) => {
                let worst = self.verdict;
                let messages: Vec<String> = parts
                    .iter()
                    .map(|p| (p.verdict(), self.part(files, p)))
                    .filter(|(v, _)| *v == worst || worst == Verdict::Ok)
                    .map(|(_, m)| m)
                    .collect();
                self.message = messages.join("; ");
            }
            Judgement::Missing(m) => {
                self.message = m.message.clone();
                self.related = &m.related;
                self.closest = m.closest.as_ref().map(|c| PassageView {
                    quote: c.quote.clone(),
                    passage: one_line(files.text(&c.passage)),
                    at: c.passage.clone(),
                });
            }
            Judgement::Invalid(i) => {
                self.message = i.message.clone();
                self.related = &i.related;
            }
        }
    }

    /// Fills in what one part shows, and gives its message.
    fn part(&mut self, files: &Files, part: &'a Part) -> String {
        let expr = self.expr.unwrap_or_default();
        match part {
            Part::Compared(c) => self.compared(c, expr),
            Part::Tested(t) => truth_message(*t, expr),
            Part::Appears(a) => self.appears(files, a),
        }
    }

    fn compared(&mut self, c: &'a Compared, expr: &str) -> String {
        let (s, q) = (&c.stated[c.shown.0], &c.computed[c.shown.1]);
        let shown = s.notation.interval(&q.iv);
        self.stated = Some(written_list(&c.stated));
        self.stated_at = s.at.as_ref();
        self.computed = Some(shown.clone());
        self.bounds = Some((
            to_plain(&q.iv.lo, Rounding::Down),
            to_plain(&q.iv.hi, Rounding::Up),
        ));
        self.hints = &c.hints;
        let Some(failure) = &c.failure else {
            return match c.pairs {
                1 => format!("stated {}, computed {shown}", s.written),
                n => format!("{n} stated values consistent with {expr}"),
            };
        };
        let which = if c.pairs > 1 {
            format!("value {} of {}: ", failure.pair + 1, c.pairs)
        } else {
            String::new()
        };
        match &failure.kind {
            PairFailureKind::UnitConflict => {
                // The computed value in its own unit, in the note as in the
                // headline: a percent is never shown as points or money.
                let own = own_notation(s, q).interval(&q.iv);
                let headline = conflict(s, q, &own);
                self.computed = Some(own);
                format!("{which}{headline} = {expr}")
            }
            PairFailureKind::Mismatch { gap } => {
                // Ranges that only touch at an open end (a last-digit
                // misquote, `11` against `10`) have no gap worth a number.
                self.gap = (!gap.is_zero()).then(|| s.notation.gap(gap, q.dim));
                format!("{which}stated {}, computed {shown} = {expr}", s.written)
            }
        }
    }

    fn appears(&mut self, files: &Files, a: &'a Appears) -> String {
        if self.stated.is_none() {
            self.stated = Some(written_list(&a.stated));
            self.stated_at = a.stated.first().and_then(|s| s.at.as_ref());
        }
        if let Some(missing) = &a.missing {
            self.nearest = missing
                .nearest
                .iter()
                .map(|n| number_view(files, n))
                .collect();
            let s = &a.stated[missing.stated];
            return format!(
                "{} is not in `{}`; {}",
                s.written,
                a.source,
                nearest_text(files, s.kind, &missing.nearest)
            );
        }
        let (Some(found), Some(s)) = (a.found.first(), a.stated.first()) else {
            return String::new();
        };
        self.found = Some(number_view(files, found));
        format!(
            "{} appears in `{}` as {} ({})",
            s.written,
            a.source,
            text_of(files, found),
            where_text(files, found)
        )
    }
}

fn written_list(stated: &[Stated]) -> String {
    let written: Vec<&str> = stated.iter().map(|s| s.written.as_str()).collect();
    written.join(", ")
}

fn truth_message(t: Truth, expr: &str) -> String {
    match t {
        Truth::True => format!("`{expr}` holds"),
        Truth::False => format!("`{expr}` is false"),
        Truth::Undecided => format!(
            "`{expr}` is undecided: it holds for some values the rounding allows and not for others"
        ),
    }
}

/// How a stated and a computed value measure different things.
/// How to write a computed value whose unit conflicts with the stated one:
/// plainly in its own unit, to the stated value's decimals for percents and
/// points and to whole units for amounts.
fn own_notation(s: &Stated, c: &Quantity) -> Notation {
    let decimals = if c.dim == Dim::Plain {
        0
    } else {
        s.notation.decimals()
    };
    Notation::plain(c, decimals)
}

/// What a quantity measures, for a unit conflict's message.
fn unit_of(q: &Quantity) -> String {
    match (q.dim, q.currency) {
        (Dim::Plain, Some(c)) => format!("an amount in {}", c.code()),
        (Dim::Plain, None) => "an amount".to_string(),
        (dim, _) => dim.describe().to_string(),
    }
}

/// The headline of a unit conflict; `shown` is the computed value in its own unit.
fn conflict(s: &Stated, c: &Quantity, shown: &str) -> String {
    if s.quantity.dim != c.dim {
        return format!(
            "stated {} is {}, but the check computes {} ({shown})",
            s.written,
            unit_of(&s.quantity),
            unit_of(c)
        );
    }
    let (a, b) = (s.quantity.currency, c.currency);
    format!(
        "stated {} is in {}, but the check computes an amount in {}",
        s.written,
        a.map_or("-", |c| c.code()),
        b.map_or("-", |c| c.code())
    )
}

fn nearest_text(files: &Files, kind: Kind, nearest: &[Span]) -> String {
    if nearest.is_empty() {
        return format!("it has no {} at all", kind_plural(kind));
    }
    let shown: Vec<String> = nearest
        .iter()
        .map(|n| format!("{} ({})", text_of(files, n), where_text(files, n)))
        .collect();
    format!("nearest: {}", shown.join(", "))
}

fn kind_plural(kind: Kind) -> &'static str {
    match kind {
        Kind::Percent => "percents",
        Kind::Points => "percentage points",
        _ => "amounts",
    }
}
