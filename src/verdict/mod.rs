//! Giving verdicts: each claim's stated values (with their qualifiers and
//! tolerance) against the value its `check` computes, the truth of a
//! true/false check, and the numbers of its `appears_in` source. The result
//! is a [`ClaimOutcome`]: evidence, not text.

mod appears;
mod compare;
mod qualifiers;
mod stated;

use std::ops::Range;
use std::sync::Arc;

use crate::claims::{ClaimDef, ClaimsFile, Spanned};
use crate::diagnostic::Code;
use crate::expr::{EvalError, Tolerance, Use, Value, evaluate_explained};
use crate::facts::{FactError, Resolver};
use crate::outcome::{
    CheckTrace, ClaimOutcome, Closest, FileId, Formula, FormulaPiece, Input, Invalid, Judgement,
    Missing, PairFailureKind, Part, Related, Span,
};
use crate::quote::{Marked, Match, map_range, parse_marked};
use crate::sources::{NamedSources, QuoteIndex, Source};

pub(crate) use appears::first_support;
pub(crate) use compare::unit_conflict;
pub(crate) use stated::{Stated, StatedRange, parse_tolerance};

/// Why judging a claim stopped early: a missing quote, or an invalid claim.
pub(crate) struct Fail {
    code: Code,
    message: String,
    /// Where in the claims file to point, when not at the claim itself.
    span: Option<Range<usize>>,
    closest: Option<Box<Closest>>,
    related: Vec<Related>,
}

impl Fail {
    /// A failure with no extra places to show.
    pub(crate) fn invalid(
        code: Code,
        message: impl Into<String>,
        span: Option<Range<usize>>,
    ) -> Fail {
        Fail {
            code,
            message: message.into(),
            span,
            closest: None,
            related: Vec::new(),
        }
    }

    fn judgement(self) -> Judgement {
        if matches!(self.code, Code::QuoteNotFound | Code::SaysNotFound) {
            Judgement::Missing(Missing {
                code: self.code,
                message: self.message,
                closest: self.closest.map(|c| *c),
                related: self.related,
            })
        } else {
            Judgement::Invalid(Invalid {
                code: self.code,
                message: self.message,
                related: self.related,
            })
        }
    }
}

/// Where stated numbers are shown: in the draft, or in the claims file's `says`.
enum StatedAt {
    Draft(Arc<Source>, Match, String),
    ClaimsFile(FileId, Spanned<String>, Marked),
    Nowhere,
}

/// What `says` states and how to read it, shared by the check and `appears_in`.
pub(crate) struct Said<'c> {
    says: Option<&'c Spanned<String>>,
    tolerance: Option<&'c Tolerance>,
    /// The `tolerance` as written, for errors that point at it.
    tolerance_at: Option<&'c Spanned<String>>,
    at: &'c StatedAt,
    file: &'c ClaimsFile,
}

impl Said<'_> {
    /// An error on the `tolerance` when it cannot widen one of `stated`
    /// (an amount on a percent, another currency, …).
    fn tolerance_fits(&self, stated: &[Stated]) -> Result<(), Fail> {
        let Some(t) = self.tolerance_at else {
            return Ok(());
        };
        for s in stated {
            stated::tolerance_fits(&t.value, s)
                .map_err(|m| Fail::invalid(Code::InvalidClaim, m, Some(t.span.clone())))?;
        }
        Ok(())
    }

    /// Where a stated number stands: in the draft, or inside `says` in the claims file.
    fn place(&self, s: &Stated) -> Option<Span> {
        match self.at {
            StatedAt::Draft(source, m, text) => {
                let range = map_range(source.text(), text, m, s.span.clone());
                Some(source.span(range))
            }
            StatedAt::ClaimsFile(id, says, marked) => {
                let inner = marked.original_range(s.span.clone());
                Some(Span::new(*id, string_span(self.file.text(), says, inner)))
            }
            StatedAt::Nowhere => None,
        }
    }
}

/// Judges the claims of one file.
pub struct Judge<'a> {
    file: &'a ClaimsFile,
    file_id: FileId,
    sources: &'a NamedSources,
    quotes: &'a QuoteIndex,
    resolver: Resolver<'a>,
}

impl<'a> Judge<'a> {
    /// A judge for `file` (registered as `file_id`), whose sources are read and quotes found.
    pub fn new(
        file: &'a ClaimsFile,
        file_id: FileId,
        sources: &'a NamedSources,
        quotes: &'a QuoteIndex,
    ) -> Self {
        Judge {
            file,
            file_id,
            sources,
            quotes,
            resolver: Resolver::new(file, sources, quotes),
        }
    }

    /// The `says` texts to find in the draft, as `(draft, text)` pairs.
    pub fn says_requests(file: &ClaimsFile) -> Vec<(String, String)> {
        let Some(draft) = &file.draft else {
            return Vec::new();
        };
        file.claims
            .iter()
            .filter_map(|c| c.says.as_ref())
            .filter_map(|s| parse_marked(&s.value).ok())
            .map(|m| (draft.clone(), m.text))
            .collect()
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file_id, range)
    }

    /// The outcome of one claim.
    pub fn judge(&mut self, claim: &ClaimDef) -> ClaimOutcome {
        let anchor = claim
            .says
            .as_ref()
            .map_or(claim.span.clone(), |s| s.span.clone());
        let mut out = ClaimOutcome {
            claims_file: self.file_id,
            id: claim.id.clone(),
            at: self.span(anchor),
            said: None,
            check: None,
            judgement: Judgement::Checked(Vec::new()),
        };
        match self.try_judge(claim, &mut out) {
            Ok(parts) => out.judgement = Judgement::Checked(parts),
            Err(f) => {
                if let Some(span) = &f.span {
                    out.at = self.span(span.clone());
                }
                out.judgement = f.judgement();
            }
        }
        out
    }

    fn try_judge(&mut self, claim: &ClaimDef, out: &mut ClaimOutcome) -> Result<Vec<Part>, Fail> {
        if let Some(p) = &claim.problem {
            return Err(Fail::invalid(
                Code::InvalidClaim,
                p.message.clone(),
                Some(p.span.clone()),
            ));
        }
        let says = claim.says.as_ref();
        let marked = says.map(|s| self.marked(s)).transpose()?;
        let tolerance = claim
            .tolerance
            .as_ref()
            .map(|t| {
                parse_tolerance(&t.value)
                    .map_err(|m| Fail::invalid(Code::InvalidClaim, m, Some(t.span.clone())))
            })
            .transpose()?;
        let at = self.locate_says(says, marked.as_ref(), out)?;
        let said = Said {
            says,
            tolerance: tolerance.as_ref(),
            tolerance_at: claim.tolerance.as_ref(),
            at: &at,
            file: self.file,
        };
        let mut parts = Vec::new();
        if let Some(check) = &claim.check {
            parts.push(self.check(check, marked.as_ref(), &said, out)?);
        }
        if let Some(source) = &claim.appears_in {
            let stated = self.stated(marked.as_ref(), says)?;
            said.tolerance_fits(&stated)?;
            let name = &source.value;
            parts.push(appears::appears(name, &self.sources[name], &stated, &said));
        }
        Ok(parts)
    }

    fn marked(&self, says: &Spanned<String>) -> Result<Marked, Fail> {
        parse_marked(&says.value).map_err(|e| {
            let span = string_span(self.file.text(), says, e.at..e.at + 1);
            Fail::invalid(
                Code::InvalidClaim,
                format!("in `says`, {}", e.message),
                Some(span),
            )
        })
    }

    /// Finds `says` in the draft. Returns how to place stated numbers.
    fn locate_says(
        &self,
        says: Option<&Spanned<String>>,
        marked: Option<&Marked>,
        out: &mut ClaimOutcome,
    ) -> Result<StatedAt, Fail> {
        let Some(draft) = &self.file.draft else {
            return Ok(match (says, marked) {
                (Some(s), Some(m)) => StatedAt::ClaimsFile(self.file_id, s.clone(), m.clone()),
                _ => StatedAt::Nowhere,
            });
        };
        let Some(marked) = marked else {
            return Err(Fail::invalid(
                Code::InvalidClaim,
                "this file names a draft, so the claim needs `says` to find in it",
                None,
            ));
        };
        let source = Arc::clone(&self.sources[draft]);
        let Some(m) = self.quotes.get(&source, &marked.text) else {
            let mut fail = Fail::invalid(
                Code::SaysNotFound,
                format!("`says` is not in the draft {}", source.name()),
                None,
            );
            fail.closest = self.quotes.closest(&source, &marked.text).map(Box::new);
            return Err(fail);
        };
        out.said = Some(source.span(m.range.clone()));
        Ok(StatedAt::Draft(
            Arc::clone(&source),
            m.clone(),
            marked.text.clone(),
        ))
    }

    fn stated(
        &self,
        marked: Option<&Marked>,
        says: Option<&Spanned<String>>,
    ) -> Result<Vec<Stated>, Fail> {
        let Some(marked) = marked else {
            return Err(Fail::invalid(
                Code::InvalidClaim,
                "the claim needs `says` with the stated value",
                None,
            ));
        };
        Stated::read(marked).map_err(|e| {
            let message = format!("`says` cannot give a stated value: {e}");
            Fail::invalid(Code::InvalidClaim, message, says.map(|s| s.span.clone()))
        })
    }

    fn check(
        &mut self,
        check: &Spanned<String>,
        marked: Option<&Marked>,
        said: &Said<'_>,
        out: &mut ClaimOutcome,
    ) -> Result<Part, Fail> {
        let expr = check.value.as_str();
        let trace = out.check.insert(CheckTrace {
            expr: expr.to_string(),
            ..CheckTrace::default()
        });
        let approx = said.tolerance.cloned().unwrap_or_default();
        let tree = crate::expr::parse(expr).map_err(|e| self.expr_failure(check, e))?;
        let (value, uses, notes) = match evaluate_explained(&tree, &mut self.resolver, &approx) {
            Ok(v) => v,
            Err(EvalError::Expr(e)) => return Err(self.expr_failure(check, e)),
            Err(EvalError::Fact { error, .. }) => return Err(self.fact_failure(&error)),
        };
        trace.inputs = self.inputs(&uses);
        trace.notes = notes;
        trace.formula = self.formula(&tree, expr);
        match value {
            Value::Truth(t) => Ok(Part::Tested(t)),
            Value::Truths(ts) => Err(Fail::invalid(
                Code::InvalidExpression,
                format!(
                    "`check` gives {} true/false values; wrap it in all(…) or any(…)",
                    ts.len()
                ),
                Some(check.span.clone()),
            )),
            Value::Num(q) => self.compared(vec![q], marked, said, &tree, trace),
            Value::List(qs) => self.compared(qs, marked, said, &tree, trace),
        }
    }

    /// The stated values against computed ones; a single mismatched value
    /// gets the hints [`crate::trace::hint`] finds in the claim's sources.
    fn compared(
        &mut self,
        computed: Vec<crate::expr::Quantity>,
        marked: Option<&Marked>,
        said: &Said<'_>,
        tree: &crate::expr::Expr,
        trace: &CheckTrace,
    ) -> Result<Part, Fail> {
        let stated = self.stated(marked, said.says)?;
        let mut part = compare::compare(&stated, computed, said)?;
        if let Part::Compared(c) = &mut part
            && c.pairs == 1
            && matches!(&c.failure, Some(f) if matches!(f.kind, PairFailureKind::Mismatch { .. }))
        {
            let claim = crate::trace::hint::Claim {
                file: self.file,
                sources: self.sources,
                tree,
                check: &trace.expr,
                inputs: &trace.inputs,
                stated: &stated[c.shown.0],
                tolerance: said.tolerance,
            };
            c.hints = crate::trace::hint::hints(&claim, &mut self.resolver);
        }
        Ok(part)
    }

    fn expr_failure(&self, check: &Spanned<String>, e: crate::expr::ExprError) -> Fail {
        let message = format!("`check`, column {}: {e}", e.column(&check.value));
        let span = string_span(self.file.text(), check, e.span.clone());
        Fail::invalid(Code::from(e.kind), message, Some(span))
    }

    /// The failure of a claim whose fact failed: shown at the claim, with the fact's definition.
    fn fact_failure(&self, error: &FactError) -> Fail {
        let label = match error {
            FactError::Cycle { .. } => "the cycle starts here",
            _ => "the fact is defined here",
        };
        let mut fail = Fail::invalid(error.code(), error.message(), None);
        if let FactError::NotFound { closest, .. } = error {
            fail.closest = closest.clone();
        }
        fail.related.push(Related {
            at: self.span(error.span()),
            label: label.to_string(),
        });
        fail
    }

    /// The expression with each fact replaced by the values that went in:
    /// `growth(rev[0], rev[1])` → `growth(人民幣189.0百萬元, 人民幣289.4百萬元)`.
    fn formula(&mut self, tree: &crate::expr::Expr, expr: &str) -> Option<Formula> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for r in crate::expr::references(tree) {
            let Some(piece) = self.piece(&r.name, r.index) else {
                continue;
            };
            pieces.push(FormulaPiece::Text(expr[at..r.span.start].to_string()));
            pieces.push(piece);
            at = r.span.end;
        }
        if pieces.is_empty() {
            return None;
        }
        pieces.push(FormulaPiece::Text(expr[at..].to_string()));
        Some(Formula(pieces))
    }

    /// The values of fact `name` (or of one element) for a formula.
    fn piece(&mut self, name: &str, index: Option<i64>) -> Option<FormulaPiece> {
        let fact = self.resolver.resolve(name)?.ok()?;
        let values: Vec<_> = fact.parts.iter().map(|p| p.value.clone()).collect();
        match index {
            None if values.len() == 1 => values.into_iter().next().map(FormulaPiece::Value),
            None => Some(FormulaPiece::List(values)),
            Some(i) => {
                let at = if i < 0 { values.len() as i64 + i } else { i };
                let at = usize::try_from(at).ok()?;
                values.into_iter().nth(at).map(FormulaPiece::Value)
            }
        }
    }

    fn inputs(&mut self, uses: &[Use]) -> Vec<Input> {
        let mut out = Vec::new();
        for u in uses {
            let Some(Ok(fact)) = self.resolver.resolve(&u.name) else {
                continue;
            };
            match u.index {
                Some(i) => out.extend(fact.parts.get(i).cloned().map(|mut p| {
                    p.name = format!("{}[{i}]", u.name);
                    p
                })),
                None => out.extend(fact.parts.iter().cloned()),
            }
        }
        out
    }
}

/// The claims-file span of a byte range inside a JSON string's value.
/// Exact when the string has no escapes; otherwise the whole string.
fn string_span(file_text: &str, s: &Spanned<String>, inner: Range<usize>) -> Range<usize> {
    let raw = &file_text[s.span.start + 1..s.span.end.saturating_sub(1).max(s.span.start + 1)];
    if raw == s.value && inner.end <= raw.len() {
        let start = s.span.start + 1 + inner.start;
        start..(s.span.start + 1 + inner.end).max(start)
    } else {
        s.span.clone()
    }
}
