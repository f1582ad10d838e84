//! Giving verdicts: each claim's stated values (with their qualifiers and
//! tolerance) against the value its `check` computes, the truth of a
//! true/false check, and the numbers of its `appears_in` source.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use num_traits::{Signed, Zero};

use crate::claims::{ClaimDef, ClaimsFile, Spanned};
use crate::diagnostic::{Code, Verdict};
use crate::expr::{Dim, EvalError, Quantity, Tolerance, Use, Value, evaluate_explained};
use crate::facts::{FactError, QuoteIndex, Resolver, closest_passage, marked_numbers};
use crate::format::Style;
use crate::interval::{Interval, Rat, Rounding, Truth, int, rat, to_plain};
use crate::numbers::{Kind, Number, read_number_at};
use crate::quote::{Marked, parse_marked};
use crate::report::{ClaimResult, Input, Place};
use crate::sources::Source;

/// A qualifier in `says` that changes what the stated value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// `about`, `約`, `左右`: within ±5% (or the tolerance).
    About,
    /// `nearly`, `接近`: at most the value and at least 90% of it.
    Nearly,
    /// `over`, `逾`, `多`: above the value.
    Over,
    /// `at least`, `以上`: at or above.
    AtLeast,
    /// `under`, `不足`: below.
    Under,
    /// `up to`, `以下`: at or below.
    AtMost,
}

/// Qualifiers written right before the number, longest first so that
/// `不超過` (at most) wins over `超過` (over) and `no more than` over `more than`.
const BEFORE: &[(&str, Qualifier)] = &[
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("approximately", Qualifier::About),
    ("more than", Qualifier::Over),
    ("less than", Qualifier::Under),
    ("at least", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("roughly", Qualifier::About),
    ("exceeds", Qualifier::Over),
    ("exceeding", Qualifier::Over),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("around", Qualifier::About),
    ("approx.", Qualifier::About),
    ("about", Qualifier::About),
    ("below", Qualifier::Under),
    ("under", Qualifier::Under),
    ("up to", Qualifier::AtMost),
    ("over", Qualifier::Over),
    ("不超過", Qualifier::AtMost),
    ("不超过", Qualifier::AtMost),
    ("不低於", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不少於", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("大約", Qualifier::About),
    ("大约", Qualifier::About),
    ("接近", Qualifier::Nearly),
    ("將近", Qualifier::Nearly),
    ("将近", Qualifier::Nearly),
    ("超過", Qualifier::Over),
    ("超过", Qualifier::Over),
    ("不足", Qualifier::Under),
    ("不到", Qualifier::Under),
    ("低於", Qualifier::Under),
    ("低于", Qualifier::Under),
    ("少於", Qualifier::Under),
    ("少于", Qualifier::Under),
    ("至少", Qualifier::AtLeast),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("約", Qualifier::About),
    ("约", Qualifier::About),
    ("近", Qualifier::Nearly),
    ("逾", Qualifier::Over),
    ("~", Qualifier::About),
];

/// Qualifiers written right after the number.
const AFTER: &[(&str, Qualifier)] = &[
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("多", Qualifier::Over),
    ("余", Qualifier::Over),
    ("餘", Qualifier::Over),
];

/// The qualifier around the number at `span` of `text`, and the range the
/// number and its qualifier cover.
pub fn qualifier(text: &str, span: &Range<usize>) -> Option<(Qualifier, Range<usize>)> {
    let before = text[..span.start].trim_end();
    for (word, q) in BEFORE {
        if before.len() >= word.len() && before.is_char_boundary(before.len() - word.len()) {
            let start = before.len() - word.len();
            let tail = &before[start..];
            let ascii =
                word.is_ascii() && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let same = if ascii {
                tail.eq_ignore_ascii_case(word)
            } else {
                tail == *word
            };
            let bounded = !ascii
                || !before[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphabetic());
            if same && bounded {
                return Some((*q, start..span.end));
            }
        }
    }
    let after_start = span.end + (text[span.end..].len() - text[span.end..].trim_start().len());
    let after = &text[after_start..];
    AFTER
        .iter()
        .find(|(word, _)| after.starts_with(word))
        .map(|(word, q)| (*q, span.start..after_start + word.len()))
}

/// One end of a stated range; `None` is infinite.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bound {
    value: Option<Rat>,
    closed: bool,
}

/// The values a stated number (with its qualifier and tolerance) allows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct StatedRange {
    lo: Bound,
    hi: Bound,
}

impl StatedRange {
    fn closed(iv: Interval) -> StatedRange {
        StatedRange {
            lo: Bound {
                value: Some(iv.lo),
                closed: true,
            },
            hi: Bound {
                value: Some(iv.hi),
                closed: true,
            },
        }
    }

    fn overlaps(&self, iv: &Interval) -> bool {
        let above_lo = match &self.lo.value {
            None => true,
            Some(lo) => iv.hi > *lo || self.lo.closed && iv.hi == *lo,
        };
        let below_hi = match &self.hi.value {
            None => true,
            Some(hi) => iv.lo < *hi || self.hi.closed && iv.lo == *hi,
        };
        above_lo && below_hi
    }

    fn gap(&self, iv: &Interval) -> Rat {
        if let Some(lo) = self.lo.value.as_ref().filter(|lo| iv.hi < **lo) {
            return lo - &iv.hi;
        }
        if let Some(hi) = self.hi.value.as_ref().filter(|hi| iv.lo > **hi) {
            return &iv.lo - hi;
        }
        Rat::zero()
    }
}

/// A value stated in `says`.
struct Stated {
    number: Number,
    quantity: Quantity,
    /// The number with its qualifier, as written.
    written: String,
    /// Byte range in the marked text of number and qualifier.
    span: Range<usize>,
    qualifier: Option<Qualifier>,
    style: Style,
}

impl Stated {
    fn read(marked: &Marked) -> Result<Vec<Stated>, String> {
        let numbers = marked_numbers(marked)?;
        Ok(numbers
            .into_iter()
            .map(|n| {
                let found = qualifier(&marked.text, &n.span);
                let mut qualifier = found.as_ref().map(|(q, _)| *q);
                if qualifier.is_none() && n.more {
                    qualifier = Some(Qualifier::Over);
                }
                let span = found.map_or(n.span.clone(), |(_, r)| r);
                Stated {
                    quantity: Quantity::from_number(&n),
                    written: marked.text[span.clone()].replace('\n', " "),
                    span,
                    qualifier,
                    style: Style::of(&n, &marked.text),
                    number: n,
                }
            })
            .collect())
    }

    /// What the stated value allows, given its qualifier and the tolerance.
    fn range(&self, tolerance: Option<&Tolerance>) -> StatedRange {
        let rounded = &self.quantity.iv;
        let v = rat(self.number.value);
        let magnitude = v.abs();
        let given = |default_percent: i64| match tolerance {
            Some(t) => t.width(rounded),
            None => &magnitude * int(default_percent) / int(100),
        };
        let extra = tolerance.map_or_else(Rat::zero, |t| t.width(rounded));
        let open = |value: Option<Rat>, closed: bool| Bound { value, closed };
        match self.qualifier {
            None => StatedRange::closed(rounded.widen(&extra)),
            Some(Qualifier::About) => {
                let w = given(5);
                let lo = (&v - &w).min(rounded.lo.clone());
                let hi = (&v + &w).max(rounded.hi.clone());
                StatedRange::closed(Interval::new(lo, hi))
            }
            Some(Qualifier::Nearly) => {
                let w = given(10);
                if v.is_negative() {
                    StatedRange::closed(Interval::new(v.clone(), &v + &w))
                } else {
                    StatedRange::closed(Interval::new(&v - &w, v))
                }
            }
            Some(Qualifier::Over) => StatedRange {
                lo: open(Some(&v - &extra), extra.is_positive()),
                hi: open(None, false),
            },
            Some(Qualifier::AtLeast) => StatedRange {
                lo: open(Some(&v - &extra), true),
                hi: open(None, false),
            },
            Some(Qualifier::Under) => StatedRange {
                lo: open(None, false),
                hi: open(Some(&v + &extra), extra.is_positive()),
            },
            Some(Qualifier::AtMost) => StatedRange {
                lo: open(None, false),
                hi: open(Some(&v + &extra), true),
            },
        }
    }
}

/// Reads a `tolerance`: `"2%"` is relative, `"0.1pp"` or `"0.02億"` absolute.
pub fn parse_tolerance(s: &str) -> Result<Tolerance, String> {
    let t = s.trim();
    let n = read_number_at(t, 0)
        .filter(|n| n.span.end == t.len())
        .ok_or_else(|| format!("cannot read tolerance `{s}`; write `2%` (relative) or an amount such as `0.1pp` or `0.02億`"))?;
    if n.value.is_sign_negative() {
        return Err(format!("tolerance `{s}` is negative"));
    }
    match n.kind {
        Kind::Percent => Ok(Tolerance::Relative(rat(n.value))),
        Kind::Points | Kind::Quantity => Ok(Tolerance::Absolute(Quantity::literal(&n))),
        other => Err(format!("tolerance `{s}` reads as a {other}, not a width")),
    }
}

/// Why judging stopped early.
struct Fail {
    code: Code,
    message: String,
    /// Where in the claims file to point.
    span: Option<Range<usize>>,
}

fn fail<T>(code: Code, message: impl Into<String>, span: Option<Range<usize>>) -> Result<T, Fail> {
    Err(Fail {
        code,
        message: message.into(),
        span,
    })
}

/// One part's verdict (the check, or `appears_in`).
struct Part {
    verdict: Verdict,
    code: Option<Code>,
    message: String,
}

/// Judges the claims of one file.
pub struct Judge<'a> {
    file: &'a ClaimsFile,
    sources: &'a HashMap<String, Rc<Source>>,
    quotes: &'a QuoteIndex,
    resolver: Resolver<'a>,
}

impl<'a> Judge<'a> {
    /// A judge for `file`, whose sources are read and quotes found.
    pub fn new(
        file: &'a ClaimsFile,
        sources: &'a HashMap<String, Rc<Source>>,
        quotes: &'a QuoteIndex,
    ) -> Self {
        Judge {
            file,
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

    fn place(&self, span: Range<usize>) -> Place {
        Place::new(&self.file.name, &self.file.text, &self.file.lines, span)
    }

    /// The verdict and report of one claim.
    pub fn judge(&mut self, claim: &ClaimDef) -> ClaimResult {
        let anchor = claim
            .says
            .as_ref()
            .map_or(claim.span.clone(), |s| s.span.clone());
        let mut r = ClaimResult::new(&self.file.name, &claim.id, self.place(anchor));
        if let Err(f) = self.try_judge(claim, &mut r) {
            r.verdict = f.code.verdict();
            r.code = Some(f.code);
            r.message = f.message;
            if let Some(span) = f.span {
                r.claim = self.place(span);
            }
        }
        r
    }

    fn try_judge(&mut self, claim: &ClaimDef, r: &mut ClaimResult) -> Result<(), Fail> {
        if let Some(p) = &claim.problem {
            return fail(Code::InvalidClaim, p.message.clone(), Some(p.span.clone()));
        }
        let says = claim.says.as_ref();
        let marked = match says {
            Some(s) => Some(parse_marked(&s.value).map_err(|e| Fail {
                code: Code::InvalidClaim,
                message: format!("in `says`, {}", e.message),
                span: Some(string_span(&self.file.text, s, e.at..e.at + 1)),
            })?),
            None => None,
        };
        let tolerance = match &claim.tolerance {
            Some(t) => Some(parse_tolerance(&t.value).map_err(|m| Fail {
                code: Code::InvalidClaim,
                message: m,
                span: Some(t.span.clone()),
            })?),
            None => None,
        };
        let stated_at = self.locate_says(says, marked.as_ref(), r)?;
        let said = Said {
            marked: marked.as_ref(),
            says,
            tolerance: tolerance.as_ref(),
            at: &stated_at,
        };
        let mut parts = Vec::new();
        if let Some(check) = &claim.check {
            parts.push(self.check(check, &said, r)?);
        }
        if let Some(source) = &claim.appears_in {
            parts.push(self.appears(source, &said, r)?);
        }
        let worst = parts.iter().map(|p| p.verdict).max().unwrap_or(Verdict::Ok);
        r.verdict = worst;
        r.code = parts
            .iter()
            .filter(|p| p.verdict == worst)
            .find_map(|p| p.code);
        let shown: Vec<&str> = parts
            .iter()
            .filter(|p| p.verdict == worst || worst == Verdict::Ok)
            .map(|p| p.message.as_str())
            .collect();
        r.message = shown.join("; ");
        Ok(())
    }

    /// Finds `says` in the draft. Returns how to place stated numbers.
    fn locate_says(
        &self,
        says: Option<&Spanned<String>>,
        marked: Option<&Marked>,
        r: &mut ClaimResult,
    ) -> Result<StatedAt, Fail> {
        let Some(draft) = &self.file.draft else {
            return Ok(says.map_or(StatedAt::Nowhere, |s| StatedAt::ClaimsFile(s.clone())));
        };
        let Some(marked) = marked else {
            return fail(
                Code::InvalidClaim,
                "this file names a draft, so the claim needs `says` to find in it",
                None,
            );
        };
        let source = Rc::clone(&self.sources[draft]);
        match self.quotes.get(draft, &marked.text) {
            Some(m) => {
                r.said_at = Some(source.place(m.range.clone()));
                Ok(StatedAt::Draft(source, m.clone(), marked.text.clone()))
            }
            None => {
                r.closest = closest_passage(&source, &marked.text);
                fail(
                    Code::SaysNotFound,
                    format!("`says` is not in the draft {}", source.doc.name),
                    None,
                )
            }
        }
    }

    /// Where a stated number stands: in the draft, or inside `says` in the claims file.
    fn stated_place(&self, at: &StatedAt, marked: Option<&Marked>, s: &Stated) -> Option<Place> {
        match at {
            StatedAt::Draft(source, m, text) => {
                let range = source
                    .locator()
                    .map_range(source.text(), text, m, s.span.clone());
                Some(source.place(range))
            }
            StatedAt::ClaimsFile(says) => {
                let inner = marked?.original_range(s.span.clone());
                Some(self.place(string_span(&self.file.text, says, inner)))
            }
            StatedAt::Nowhere => None,
        }
    }

    fn stated(
        &self,
        marked: Option<&Marked>,
        says: Option<&Spanned<String>>,
    ) -> Result<Vec<Stated>, Fail> {
        let span = says.map(|s| s.span.clone());
        let Some(marked) = marked else {
            return fail(
                Code::InvalidClaim,
                "the claim needs `says` with the stated value",
                None,
            );
        };
        Stated::read(marked).map_err(|e| Fail {
            code: Code::InvalidClaim,
            message: format!("`says` cannot give a stated value: {e}"),
            span,
        })
    }

    fn check(
        &mut self,
        check: &Spanned<String>,
        said: &Said<'_>,
        r: &mut ClaimResult,
    ) -> Result<Part, Fail> {
        let expr = check.value.as_str();
        r.expr = Some(expr.to_string());
        let approx = said.tolerance.cloned().unwrap_or_default();
        let evaluated = crate::expr::parse(expr)
            .map_err(EvalError::from)
            .and_then(|tree| evaluate_explained(&tree, &mut self.resolver, &approx));
        let (value, uses, notes) = match evaluated {
            Ok(v) => v,
            Err(EvalError::Expr(e)) => {
                let message = format!("`check`, column {}: {e}", e.column(expr));
                return fail(
                    Code::from(e.kind),
                    message,
                    Some(string_span(&self.file.text, check, e.span.clone())),
                );
            }
            Err(EvalError::Fact { error, .. }) => return Err(self.fact_failure(&error, r)),
        };
        r.inputs = self.inputs(&uses);
        r.notes.extend(notes);
        r.formula = self.with_values(expr);
        match value {
            Value::Truth(t) => Ok(truth_part(t, expr)),
            Value::Truths(ts) => fail(
                Code::InvalidExpression,
                format!(
                    "`check` gives {} true/false values; wrap it in all(…) or any(…)",
                    ts.len()
                ),
                Some(check.span.clone()),
            ),
            Value::Num(q) => self.compare(&[q], said, expr, r),
            Value::List(qs) => self.compare(&qs, said, expr, r),
        }
    }

    /// The failure of a claim whose fact failed: shown at the claim, with the fact's definition.
    /// The expression with each fact replaced by the values that went in:
    /// `growth(rev[0], rev[1])` → `growth(人民幣189.0百萬元, 人民幣289.4百萬元)`.
    fn with_values(&mut self, expr: &str) -> Option<String> {
        let tree = crate::expr::parse(expr).ok()?;
        let resolver = &mut self.resolver;
        crate::expr::substitute(&tree, expr, &mut |name, index| {
            let Some(Ok(fact)) = resolver.resolve(name) else {
                return None;
            };
            let values: Vec<&str> = fact.parts.iter().map(|p| p.value.as_str()).collect();
            match index {
                None if values.len() == 1 => Some(values[0].to_string()),
                None => Some(format!("[{}]", values.join(", "))),
                Some(i) => {
                    let at = if i < 0 { values.len() as i64 + i } else { i };
                    let at = usize::try_from(at).ok()?;
                    values.get(at).map(|v| v.to_string())
                }
            }
        })
    }

    fn fact_failure(&self, error: &FactError, r: &mut ClaimResult) -> Fail {
        if let FactError::NotFound { closest, .. } = error {
            r.closest = closest.as_deref().cloned();
        }
        let label = match error {
            FactError::Cycle { .. } => "the cycle starts here".to_string(),
            _ => "the fact is defined here".to_string(),
        };
        r.related.push((self.place(error.span()), label));
        Fail {
            code: error.code(),
            message: error.message(),
            span: None,
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

    /// The stated values against the computed ones, element by element.
    fn compare(
        &self,
        computed: &[Quantity],
        said: &Said<'_>,
        expr: &str,
        r: &mut ClaimResult,
    ) -> Result<Part, Fail> {
        let stated = self.stated(said.marked, said.says)?;
        let pairs = pair_up(stated.len(), computed.len()).ok_or_else(|| Fail {
            code: Code::InvalidClaim,
            message: format!(
                "`says` states {} values but the check gives {}",
                stated.len(),
                computed.len()
            ),
            span: said.says.map(|s| s.span.clone()),
        })?;
        r.stated = Some(written_list(&stated));
        let mut first_failure = None;
        for (k, &(i, j)) in pairs.iter().enumerate() {
            if let Some((code, conflict)) = judge_pair(&stated[i], &computed[j], said.tolerance)? {
                first_failure = Some((k, i, j, code, conflict));
                break;
            }
        }
        let (i, j) = first_failure.as_ref().map_or((0, 0), |f| (f.1, f.2));
        let (s, c) = (&stated[i], &computed[j]);
        let shown = s.style.interval(&c.iv);
        r.computed = Some(shown.clone());
        r.bounds = Some((
            to_plain(&c.iv.lo, Rounding::Down),
            to_plain(&c.iv.hi, Rounding::Up),
        ));
        r.stated_at = self.stated_place(said.at, said.marked, s);
        let Some((k, _, _, code, conflict)) = first_failure else {
            let message = match pairs.len() {
                1 => format!("stated {}, computed {shown}", s.written),
                n => format!("{n} stated values consistent with {expr}"),
            };
            return Ok(Part {
                verdict: Verdict::Ok,
                code: None,
                message,
            });
        };
        let which = if pairs.len() > 1 {
            format!("value {} of {}: ", k + 1, pairs.len())
        } else {
            String::new()
        };
        let message = if code == Code::UnitConflict {
            format!("{which}{conflict} = {expr}")
        } else {
            r.gap = Some(s.style.gap(&s.range(said.tolerance).gap(&c.iv), c.dim));
            format!("{which}stated {}, computed {shown} = {expr}", s.written)
        };
        Ok(Part {
            verdict: Verdict::Mismatch,
            code: Some(code),
            message,
        })
    }

    /// Whether some number of the `appears_in` source supports each stated value.
    fn appears(
        &self,
        source_name: &Spanned<String>,
        said: &Said<'_>,
        r: &mut ClaimResult,
    ) -> Result<Part, Fail> {
        let stated = self.stated(said.marked, said.says)?;
        let source = &self.sources[&source_name.value];
        if r.stated.is_none() {
            r.stated = Some(written_list(&stated));
            r.stated_at = stated
                .first()
                .and_then(|s| self.stated_place(said.at, said.marked, s));
        }
        let mut found = Vec::new();
        for s in &stated {
            let candidates = candidates(source, s);
            let wanted = s.quantity.iv.widen(
                &said
                    .tolerance
                    .map_or_else(Rat::zero, |t| t.width(&s.quantity.iv)),
            );
            match candidates
                .iter()
                .find(|n| Interval::around(n.value, n.half_unit).overlaps(&wanted))
            {
                Some(n) => found.push(describe(source, n)),
                None => {
                    r.nearest = nearest(source, s, candidates);
                    let message = format!(
                        "{} is not in `{}`; {}",
                        s.written,
                        source_name.value,
                        nearest_text(s, &r.nearest)
                    );
                    return Ok(Part {
                        verdict: Verdict::Mismatch,
                        code: Some(Code::NotInSource),
                        message,
                    });
                }
            }
        }
        let message = match (found.first(), stated.first()) {
            (Some(f), Some(s)) => {
                format!(
                    "{} appears in `{}` as {} ({})",
                    s.written,
                    source_name.value,
                    f.value,
                    short_place(&f.place)
                )
            }
            _ => String::new(),
        };
        r.found = found.into_iter().next();
        Ok(Part {
            verdict: Verdict::Ok,
            code: None,
            message,
        })
    }
}

/// What `says` states and how to read it, shared by the check and `appears_in`.
struct Said<'c> {
    marked: Option<&'c Marked>,
    says: Option<&'c Spanned<String>>,
    tolerance: Option<&'c Tolerance>,
    at: &'c StatedAt,
}

/// Which stated value goes with which computed one: one stated value against
/// every computed one, every stated value against one, or pairwise.
fn pair_up(n: usize, m: usize) -> Option<Vec<(usize, usize)>> {
    match (n, m) {
        (1, _) => Some((0..m).map(|j| (0, j)).collect()),
        (_, 1) => Some((0..n).map(|i| (i, 0)).collect()),
        _ if n == m => Some((0..n).map(|i| (i, i)).collect()),
        _ => None,
    }
}

/// `None` when a stated value and a computed one agree; otherwise the code
/// and, for a unit conflict, its wording.
fn judge_pair(
    s: &Stated,
    c: &Quantity,
    tolerance: Option<&Tolerance>,
) -> Result<Option<(Code, String)>, Fail> {
    if let Some(conflict) = unit_conflict(s, c) {
        return Ok(Some((Code::UnitConflict, conflict)));
    }
    if let Some(Tolerance::Absolute(t)) = tolerance
        && let (Some(a), Some(b)) = (t.currency, s.quantity.currency)
        && a != b
    {
        return fail(
            Code::InvalidClaim,
            format!("the tolerance is in {a} but the stated value in {b}"),
            None,
        );
    }
    Ok((!s.range(tolerance).overlaps(&c.iv)).then(|| (Code::ValueMismatch, String::new())))
}

fn written_list(stated: &[Stated]) -> String {
    stated
        .iter()
        .map(|s| s.written.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Numbers of `source` that could support a stated value: same kind, no
/// conflicting currency.
fn candidates<'s>(source: &'s Source, s: &Stated) -> Vec<&'s Number> {
    let fits =
        |n: &&Number| n.kind == s.number.kind && !currency_conflict(n.currency, s.number.currency);
    source.numbers().iter().filter(fits).collect()
}

/// The three candidates nearest a stated value: same currency tag first,
/// then closest in ratio (a typo keeps the magnitude).
fn nearest(source: &Source, s: &Stated, mut near: Vec<&Number>) -> Vec<Input> {
    near.sort_by_key(|n| {
        (
            n.currency != s.number.currency,
            relative_distance(n.value, s.number.value),
            n.span.start,
        )
    });
    near.into_iter()
        .take(3)
        .map(|n| describe(source, n))
        .collect()
}

fn nearest_text(s: &Stated, nearest: &[Input]) -> String {
    if nearest.is_empty() {
        return format!("it has no {} at all", kind_plural(s.number.kind));
    }
    let shown: Vec<String> = nearest
        .iter()
        .map(|i| format!("{} ({})", i.value, short_place(&i.place)))
        .collect();
    format!("nearest: {}", shown.join(", "))
}

/// Where stated numbers are shown: in the draft, or in the claims file's `says`.
enum StatedAt {
    Draft(Rc<Source>, crate::quote::Match, String),
    ClaimsFile(Spanned<String>),
    Nowhere,
}

fn truth_part(t: Truth, expr: &str) -> Part {
    match t {
        Truth::True => Part {
            verdict: Verdict::Ok,
            code: None,
            message: format!("`{expr}` holds"),
        },
        Truth::False => Part {
            verdict: Verdict::Mismatch,
            code: Some(Code::CheckFalse),
            message: format!("`{expr}` is false"),
        },
        Truth::Undecided => Part {
            verdict: Verdict::Undecided,
            code: Some(Code::CheckUndecided),
            message: format!(
                "`{expr}` is undecided: it holds for some values the rounding allows and not for others"
            ),
        },
    }
}

fn unit_conflict(s: &Stated, c: &Quantity) -> Option<String> {
    let dims = (s.quantity.dim, c.dim);
    if dims == (Dim::Percent, Dim::Points) || dims == (Dim::Points, Dim::Percent) {
        let shown = Style::plain(c, s.style.decimals()).interval(&c.iv);
        return Some(format!(
            "stated {} is {}, but the check computes {} ({shown})",
            s.written,
            s.quantity.dim.describe(),
            c.dim.describe()
        ));
    }
    if let (Some(a), Some(b)) = (s.quantity.currency, c.currency)
        && a != b
    {
        return Some(format!(
            "stated {} is in {a}, but the check computes an amount in {b}",
            s.written
        ));
    }
    None
}

fn currency_conflict(
    a: Option<crate::numbers::Currency>,
    b: Option<crate::numbers::Currency>,
) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// `|a − b| / max(|a|, |b|)`, zero when both are zero.
fn relative_distance(a: rust_decimal::Decimal, b: rust_decimal::Decimal) -> rust_decimal::Decimal {
    let scale = a.abs().max(b.abs());
    if scale.is_zero() {
        scale
    } else {
        // Opposite signs far apart may overflow the difference: that is as far as it gets.
        let far = rust_decimal::Decimal::TWO;
        a.checked_sub(b)
            .and_then(|d| d.abs().checked_div(scale))
            .unwrap_or(far)
    }
}

fn describe(source: &Source, n: &Number) -> Input {
    let text = n.text(source.text()).replace('\n', " ");
    Input {
        name: text.clone(),
        value: text,
        place: Some(source.place(n.span.clone())),
    }
}

fn short_place(p: &Option<Place>) -> String {
    p.as_ref().map_or(String::new(), |p| {
        format!("line {}, column {}", p.line, p.column)
    })
}

fn kind_plural(kind: Kind) -> &'static str {
    match kind {
        Kind::Percent => "percents",
        Kind::Points => "percentage points",
        _ => "amounts",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<(Qualifier, String)> {
        let n = crate::numbers::read_numbers(text).next().unwrap();
        qualifier(text, &n.span).map(|(q, r)| (q, text[r].to_string()))
    }

    #[test]
    fn qualifiers_before_and_after() {
        assert_eq!(
            q("revenue of about RMB5.4 billion"),
            Some((Qualifier::About, "about RMB5.4 billion".into()))
        );
        assert_eq!(
            q("年复合增长率在69%左右"),
            Some((Qualifier::About, "69%左右".into()))
        );
        assert_eq!(
            q("收入逾3.2亿元"),
            Some((Qualifier::Over, "逾3.2亿元".into()))
        );
        assert_eq!(
            q("不超過5億元"),
            Some((Qualifier::AtMost, "不超過5億元".into()))
        );
        assert_eq!(q("超過5億元"), Some((Qualifier::Over, "超過5億元".into())));
        assert_eq!(
            q("no more than 5%"),
            Some((Qualifier::AtMost, "no more than 5%".into()))
        );
        assert_eq!(
            q("More than 5%"),
            Some((Qualifier::Over, "More than 5%".into()))
        );
        assert_eq!(
            q("占比在65%以上"),
            Some((Qualifier::AtLeast, "65%以上".into()))
        );
        assert_eq!(q("a rover 5%"), None);
        assert_eq!(q("revenue 5%"), None);
    }

    #[test]
    fn tolerances() {
        assert_eq!(
            parse_tolerance("2%"),
            Ok(Tolerance::Relative(int(2) / int(100)))
        );
        assert!(
            matches!(parse_tolerance("0.1pp"), Ok(Tolerance::Absolute(t)) if t.dim == Dim::Points && t.iv.lo == int(1) / int(1000))
        );
        assert!(
            matches!(parse_tolerance(" 0.02億 "), Ok(Tolerance::Absolute(t)) if t.iv.lo == int(2_000_000))
        );
        assert!(parse_tolerance("two percent").is_err());
        assert!(parse_tolerance("-2%").is_err());
    }

    fn range(says: &str, tolerance: Option<&str>) -> StatedRange {
        let marked = parse_marked(says).unwrap();
        let stated = Stated::read(&marked).unwrap();
        let t = tolerance.map(|t| parse_tolerance(t).unwrap());
        stated[0].range(t.as_ref())
    }

    fn exact(lo: i64, hi: i64, den: i64) -> Interval {
        Interval::new(int(lo) / int(den), int(hi) / int(den))
    }

    #[test]
    fn qualifiers_widen_the_stated_value() {
        // over 75%: 75.01% is in, 75% is not.
        let over = range("over {75%}", None);
        assert!(over.overlaps(&exact(7501, 7600, 10000)));
        assert!(!over.overlaps(&exact(7000, 7500, 10000)));
        // at least 75% takes 75% itself.
        assert!(range("at least {75%}", None).overlaps(&exact(7000, 7500, 10000)));
        // about 100 allows 95 to 105.
        let about = range("about {100}", None);
        assert!(about.overlaps(&exact(105, 110, 1)) && !about.overlaps(&exact(1051, 1100, 10)));
        // nearly 50%: at most 50% and at least 45%.
        let nearly = range("nearly {50%}", None);
        assert!(
            nearly.overlaps(&exact(440, 451, 1000)) && !nearly.overlaps(&exact(5001, 5100, 10000))
        );
        // A tolerance replaces the default width.
        let wide = range("about {100}", Some("10%"));
        assert!(wide.overlaps(&exact(109, 120, 1)));
        // 多 after the number means more than.
        assert!(!range("{1300}多名", None).overlaps(&exact(1200, 1300, 1)));
    }
}
