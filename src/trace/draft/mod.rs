//! `init` and `audit`: one claim for every figure of a draft (quantities,
//! percents, points; years, dates and labels are not figures). Each claim's
//! `says` quotes the figure's sentence (unique in the draft, the figure
//! marked, its qualifier kept); `appears_in` names a source with a number
//! that supports the figure as written; `check` is the best derivation a
//! trace finds for it, with its facts; a figure nothing supports gets
//! `"check": "TODO"`, an `error` until an editor writes one.
//!
//! All figures are traced in one search of the sources (the same budget
//! as one trace), each ranked with the words of its own sentence. A
//! derivation is written only when it scores at least [`MIN_SCORE`], so a
//! loose coincidence does not pass for support. The file is then checked
//! as `check` would check it, and a claim that would not be `ok` loses the
//! part that fails.

mod file;
mod report;

use std::ops::Range;

use super::Pool;
use super::layout::Layout;
use super::quotes::{Quoter, fold_whole, marked, occurrences};
use super::rank::{Focus, rank};
use super::search::{Budget, search};
use super::target::Target;
use crate::numbers::Number;
use crate::quote::{fold, parse_marked};
use crate::sources::Source;
use crate::verdict::Stated;

pub use file::{Written, relative, settle, verdicts, write_claims};
pub use report::{write_audit_human, write_audit_json};

/// The search budget of `init` and `audit`: the default, with at most 100
/// consistent derivations of one figure computed exactly.
pub fn budget() -> Budget {
    Budget {
        exact: 100,
        ..Budget::default()
    }
}

/// A derivation scoring below this is not written as a figure's `check`.
pub const MIN_SCORE: f64 = 70.0;

/// How many more points a derivation with a sum or mean inside (one step
/// over another) needs.
pub const DEEP: f64 = 15.0;

/// The longest `says` before it is cut to the figure's clause, in bytes.
pub const LONG_SENTENCE: usize = 240;

/// A figure of the draft.
pub struct Figure {
    /// Byte range of the number in the draft.
    pub span: Range<usize>,
    /// 1-based line of the number.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// The number as written.
    pub text: String,
    /// Its claim's `says`: its sentence, the figure marked.
    pub says: String,
    /// Its claim's id.
    pub id: String,
    target: Option<Target>,
}

/// A number of a source that supports a figure as written.
#[derive(Clone, Debug)]
pub struct Appears {
    /// The source's name.
    pub source: String,
    /// The number as written.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A fact a derivation uses: the same shape `trace` prints.
pub use super::TracedFact as Fact;

/// The derivation written as a figure's check.
#[derive(Clone, Debug)]
pub struct Derived {
    /// The expression, in the file's fact names.
    pub expr: String,
    /// Its facts.
    pub facts: Vec<Fact>,
    /// Its score.
    pub score: f64,
    /// Its inputs' periods and places (`2022→2024, same list`).
    pub note: String,
}

/// What supports one figure.
#[derive(Clone, Debug, Default)]
pub struct Support {
    /// A source number that supports it as written.
    pub appears: Option<Appears>,
    /// The best derivation.
    pub check: Option<Derived>,
    /// How many derivations were consistent with it.
    pub consistent: usize,
}

/// A draft's figures and what supports each.
pub struct Drafted {
    /// The figures, in draft order.
    pub figures: Vec<Figure>,
    /// What supports each figure.
    pub supports: Vec<Support>,
    /// Derivations tried in all.
    pub considered: u64,
    /// Whether the search budget ran out.
    pub exhausted: bool,
}

/// A claims file made for a draft, checked as `check` will check it.
pub struct Init {
    /// The figures and their support (after settling).
    pub drafted: Drafted,
    /// The file.
    pub written: Written,
    /// Each claim's verdict.
    pub verdicts: Vec<crate::diagnostic::Verdict>,
}

/// Makes the claims file for the draft named `draft` among `read`'s
/// sources (all others are searched); `paths` gives each source's path as
/// the file will write it.
pub fn init(
    read: &super::inputs::Read,
    draft: &str,
    paths: &[(String, String)],
    budget: &Budget,
) -> Option<Init> {
    let text = read.get(draft)?;
    let others: Vec<_> = read
        .sources
        .iter()
        .filter(|(n, _)| n != draft)
        .cloned()
        .collect();
    let pool = Pool::new(&others);
    let mut drafted = self::draft(text, &pool, budget);
    let (written, verdicts) = settle(&mut drafted, draft, paths, &read.sources)?;
    Some(Init {
        drafted,
        written,
        verdicts,
    })
}

/// The figures of `draft` and their support in `pool`.
pub fn draft(draft: &Source, pool: &Pool, budget: &Budget) -> Drafted {
    let figures = figures(draft);
    let (targets, which): (Vec<Target>, Vec<usize>) = figures
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((f.target.clone()?, i)))
        .unzip();
    let mut outcome = search(pool, &targets, budget);
    let mut supports = vec![Support::default(); figures.len()];
    let mut quoter = Quoter::new(pool);
    let mut names = file::Names::default();
    for (t, target) in targets.iter().enumerate() {
        let support = &mut supports[which[t]];
        support.consistent = outcome.consistent[t];
        support.appears = appears(pool, target);
        let ranked = rank(
            pool,
            target,
            std::mem::take(&mut outcome.found[t]),
            &Focus::default(),
        );
        let coarse = target.coarse;
        support.check = ranked
            .iter()
            .take_while(|r| r.score >= MIN_SCORE)
            .filter(|r| related(pool, &r.found.derivation, coarse))
            .filter(|r| {
                r.score >= MIN_SCORE + DEEP * f64::from(u8::from(deep(&r.found.derivation)))
            })
            .find_map(|r| names.derived(pool, target, r, &mut quoter));
    }
    names.confirm(&quoter, &mut supports);
    Drafted {
        figures,
        supports,
        considered: outcome.considered,
        exhausted: outcome.exhausted,
    }
}

/// Whether a derivation computes on a sum or mean (the second step).
fn deep(d: &super::derive::Derivation) -> bool {
    let run = |t: &super::derive::Term| {
        matches!(
            t,
            super::derive::Term::Sum { .. } | super::derive::Term::Mean { .. }
        )
    };
    matches!(d.shape, super::derive::Shape::Two(_, a, b) if run(&a) || run(&b))
}

use super::target::is_coarse;

/// Whether a derivation may be written for a figure: a number as it is
/// (for a coarse figure only unscaled); otherwise not for a coarse figure,
/// only over numbers precise to [`COARSE`], and only with inputs in one
/// list, row, column or sentence (never numbers that merely stand near
/// each other).
fn related(pool: &Pool, d: &super::derive::Derivation, coarse: bool) -> bool {
    let inputs = d.inputs(pool);
    if inputs.len() < 2 && matches!(d.shape, super::derive::Shape::One(_)) {
        return !coarse || d.factor == 0;
    }
    let precise = |&i: &u32| !is_coarse(&pool.leaves[i as usize].quantity.iv);
    !coarse
        && inputs.iter().all(precise)
        && inputs
            .windows(2)
            .all(|w| pool.relation(w[0] as usize, w[1] as usize) <= super::pool::Relation::Sentence)
}

/// The figures of a draft, each with its `says` and target.
fn figures(draft: &Source) -> Vec<Figure> {
    let text = draft.text();
    let layout = Layout::new(text, 0..text.len());
    let folded = fold_whole(text);
    let mut per_line: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for n in draft.numbers().iter().filter(|n| n.kind.is_value()) {
        let p = draft.doc.location(n.span.start).position;
        if per_line.len() < p.line {
            per_line.resize(p.line, 0);
        }
        per_line[p.line - 1] += 1;
        let sentence = layout.sentence_range(layout.sentence(n.span.start), text.len());
        let range = says_range(text, &folded, sentence.clone(), &n.span);
        let says = marked(text, &range, &n.span);
        let clause = clause(text, &sentence, &n.span);
        out.push(Figure {
            span: n.span.clone(),
            line: p.line,
            column: p.column,
            text: n
                .text(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            id: format!("line{}-{}", p.line, per_line[p.line - 1]),
            target: stated(&says, n)
                .map(|s| Target::in_context(s, &text[sentence.clone()], clause)),
            says,
        });
    }
    out
}

/// The stated value a `says` gives for `n`, when it reads `n` as the draft does.
fn stated(says: &str, n: &Number) -> Option<Stated> {
    let marked = parse_marked(says).ok()?;
    let mut stated = Stated::read(&marked).ok()?;
    let s = stated.pop()?;
    let same =
        s.number.kind == n.kind && s.number.value == n.value && s.number.half_unit == n.half_unit;
    (stated.is_empty() && same).then_some(s)
}

/// Clause separators: a `says` too long is cut at them, and the clause
/// before a figure says what kind of figure it is.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '.' | '!' | '?' | '！' | '？' | '\n'
    )
}

/// The clause holding the figure: from the last clause break before it to
/// a few characters after it (where `左右`, `以上` stand).
fn clause<'t>(text: &'t str, sentence: &Range<usize>, span: &Range<usize>) -> &'t str {
    let before = &text[sentence.start..span.start];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_break(c))
        .map_or(sentence.start, |(i, c)| sentence.start + i + c.len_utf8());
    let after = &text[span.end..sentence.end.max(span.end)];
    let stop = after.find(is_clause_break).unwrap_or(after.len()).min(12);
    let end = text.floor_char_boundary(span.end + stop);
    &text[start..end.max(span.end)]
}

/// The range of a figure's `says`: its sentence, trimmed, cut to its clause
/// when long, and widened over the sentences before it until it is unique
/// in the draft.
fn says_range(
    text: &str,
    folded: &str,
    sentence: Range<usize>,
    span: &Range<usize>,
) -> Range<usize> {
    let mut r = trimmed(text, sentence);
    if r.len() > LONG_SENTENCE {
        let c = clause(text, &r, span);
        let start = c.as_ptr() as usize - text.as_ptr() as usize;
        let after = &text[span.end..r.end];
        let end = after.find(is_clause_break).map_or(r.end, |i| span.end + i);
        r = start..end;
    }
    for _ in 0..4 {
        let quote = fold(&text[r.clone()]).text;
        if quote.is_empty() || occurrences(folded, &quote).len() <= 1 || r.start == 0 {
            break;
        }
        let before = text[..r.start].trim_end_matches(|c: char| c.is_whitespace());
        let start = before[..before.len().saturating_sub(1)]
            .rfind(['。', '.', '！', '？', '\n'])
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        r = trimmed(text, start..r.end);
    }
    r
}

/// `r` without white space and Markdown markers (`#`, `>`, `-`, `*`) at its start.
fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start_trim = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || "#>-*".contains(c))
            .len();
    let end_trim = s.len() - s.trim_end().len();
    (r.start + start_trim)..(r.end - end_trim).max(r.start + start_trim)
}

/// The first number of the sources that supports the target as written,
/// as `appears_in` decides it (the checker's own test).
fn appears(pool: &Pool, target: &Target) -> Option<Appears> {
    for src in &pool.sources {
        let found =
            crate::verdict::first_support(&src.source, &target.stated, &target.quantity().iv);
        if let Some(n) = found {
            let p = src.source.doc.location(n.span.start).position;
            return Some(Appears {
                source: src.name.clone(),
                text: n
                    .text(src.source.text())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                line: p.line,
                column: p.column,
            });
        }
    }
    None
}
