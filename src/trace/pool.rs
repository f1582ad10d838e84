//! The numbers a trace searches (its leaves): every quantity, percent and
//! points figure of the sources, each with where it stands in the text's
//! layout — its sentence and line, its table row and column, the list of
//! figures it belongs to inside a sentence (`分別為a、b及c`), and the period
//! its column or list position names. Groups (lists, rows, columns) are the
//! "same list" the ranking rewards and the runs sums and means are taken over.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::approx::Approx;
use super::layout::Layout;
use super::tokens::Tokens;
use crate::expr::Quantity;
use crate::numbers::{Kind, Number};
use crate::sources::Source;

/// How two numbers stand to each other in the text, closest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Relation {
    /// Members of one list inside a sentence.
    List,
    /// Cells of one table row.
    Row,
    /// Cells of one table column.
    Column,
    /// In one sentence.
    Sentence,
    /// In one table.
    Table,
    /// On one line.
    Line,
    /// This many numbers apart in the same source.
    Near(usize),
    /// In different sources, or far apart.
    Far,
}

/// What kind of group a leaf belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// Figures listed in one sentence.
    List,
    /// A table row.
    Row,
    /// A table column.
    Column,
}

/// Figures that belong together, in text order.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// What holds them together.
    pub kind: GroupKind,
    /// Their leaf indexes.
    pub members: Vec<u32>,
}

/// The period a figure stands for: its column header or its list's year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Period {
    /// As written (`2022年`, `Q3 FY2024`).
    pub label: String,
    /// The whole year it names, for CAGR.
    pub year: Option<i32>,
    /// Where it falls in time (quarters count), for the direction of growth.
    pub order: Option<i32>,
}

/// One number of a source.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    /// Index of its source in [`Pool::sources`].
    pub source: usize,
    /// The number as the reader found it.
    pub number: Number,
    /// The values it stands for.
    pub quantity: Quantity,
    /// The same, as floats for the prefilter.
    pub approx: Approx,
    /// Sentence, line and table indexes in its source's layout.
    pub sentence: usize,
    /// The line.
    pub line: usize,
    /// The table, when it is a cell.
    pub table: Option<usize>,
    /// Its list, row and column groups, and its position in each.
    pub groups: [Option<(u32, u16)>; 3],
    /// The period it stands for.
    pub period: Option<Period>,
    /// A cell of a percent column written without `%` (`| % |` above it).
    pub percent_cell: bool,
    /// For a bare cell, the scale its table declares (`in millions`: 6).
    pub declared: Option<i32>,
}

impl Leaf {
    /// Whether it is an amount written without a scale (a table cell in
    /// thousands or millions, `$ 1,452.4`): it may stand for a scaled value.
    pub(crate) fn bare(&self) -> bool {
        self.number.kind == Kind::Quantity && self.number.scale == 0
    }

    /// Whether it is an amount (not a percent or points).
    pub(crate) fn amount(&self) -> bool {
        self.number.kind == Kind::Quantity
    }

    /// Whether it is a percentage, written with `%` or in a percent column.
    pub(crate) fn percent_like(&self) -> bool {
        self.quantity.dim == crate::expr::Dim::Percent || self.percent_cell
    }

    /// The group of `kind` it belongs to, with its position there.
    pub(crate) fn group(&self, kind: GroupKind) -> Option<(u32, u16)> {
        self.groups[kind as usize]
    }
}

/// A source as the pool holds it.
#[derive(Clone)]
pub(crate) struct PoolSource {
    /// Its name (`in` of the facts).
    pub name: String,
    /// The document.
    pub source: Arc<Source>,
    /// Its layout.
    pub layout: Layout,
    /// Its leaves' indexes.
    pub leaves: Range<usize>,
}

/// The numbers of some sources, with their layout.
#[derive(Default)]
pub struct Pool {
    pub(crate) sources: Vec<PoolSource>,
    pub(crate) leaves: Vec<Leaf>,
    pub(crate) groups: Vec<Group>,
    /// The words around each leaf, made on first use.
    contexts: Vec<OnceLock<Tokens>>,
}

impl Pool {
    /// The pool of whole sources, given with their names.
    pub fn new(sources: &[(String, Arc<Source>)]) -> Pool {
        let mut pool = Pool::default();
        for (name, source) in sources {
            let all = 0..source.text().len();
            pool.add(name, source, all);
        }
        pool
    }

    /// How many numbers it holds.
    pub fn len(&self) -> usize {
        self.leaves.len()
    }

    /// Whether it holds no number.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// Adds the numbers of `source` inside `region` (widened to whole lines).
    pub(crate) fn add(&mut self, name: &str, source: &Arc<Source>, region: Range<usize>) {
        let text = source.text();
        // Callers widen regions by bytes; a bound inside a character moves out to its edge.
        let end = text.ceil_char_boundary(region.end.min(text.len()));
        let region = text.floor_char_boundary(region.start.min(end))..end;
        let layout = Layout::new(text, region.clone());
        let index = self.sources.len();
        let from = layout
            .rows
            .first()
            .map_or(region.start, |r| r.line.start.min(region.start));
        let numbers = source.numbers();
        let first = numbers.partition_point(|n| n.span.start < from);
        let to = text[region.end.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| region.end + i);
        let start = self.leaves.len();
        let mut years: BTreeMap<usize, Vec<i32>> = BTreeMap::new();
        for n in numbers[first..].iter().take_while(|n| n.span.start < to) {
            let sentence = layout.sentence(n.span.start);
            if n.kind == Kind::Year {
                years
                    .entry(sentence)
                    .or_default()
                    .push(n.value.try_into().unwrap_or(0));
            }
            let repeated = self.leaves[start..]
                .last()
                .is_some_and(|p| repeats(text, &p.number, n));
            if n.kind.is_value() && !in_header(&layout, n) && !repeated {
                self.leaves.push(leaf(index, n, &layout));
            }
        }
        self.sources.push(PoolSource {
            name: name.to_string(),
            source: Arc::clone(source),
            layout,
            leaves: start..self.leaves.len(),
        });
        self.group_cells(index);
        self.group_lists(index, text, &years);
        self.size_contexts();
    }

    /// Row and column groups of source `s`'s table cells, with their periods.
    fn group_cells(&mut self, s: usize) {
        let mut rows: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        let mut columns: BTreeMap<(usize, usize), Vec<u32>> = BTreeMap::new();
        let layout = &self.sources[s].layout;
        for i in self.sources[s].leaves.clone() {
            let at = self.leaves[i].number.span.start;
            let Some((r, row)) = layout.row_at(at) else {
                continue;
            };
            let table = &layout.tables[row.table];
            if r < table.data {
                continue;
            }
            let cell = row.cell(at);
            rows.entry(r).or_default().push(i as u32);
            columns.entry((row.table, cell)).or_default().push(i as u32);
            let period = table
                .columns
                .get(cell)
                .filter(|c| c.label.chars().any(|ch| ch.is_ascii_digit()) && cell > 0);
            self.leaves[i].period = period.map(|c| Period {
                label: c.label.clone(),
                year: c.year,
                order: super::layout::order(&c.label),
            });
            let leaf = &mut self.leaves[i];
            leaf.percent_cell = leaf.bare() && table.percent.get(cell).copied().unwrap_or(false);
            leaf.declared = table.scale.filter(|_| leaf.bare() && !leaf.percent_cell);
        }
        for members in rows.into_values() {
            self.push_group(GroupKind::Row, members);
        }
        for members in columns.into_values() {
            self.push_group(GroupKind::Column, members);
        }
    }

    /// Lists of figures inside the sentences of source `s`: consecutive
    /// figures of one kind, close together, not broken by `，` or `；`.
    fn group_lists(&mut self, s: usize, text: &str, years: &BTreeMap<usize, Vec<i32>>) {
        let range = self.sources[s].leaves.clone();
        let mut run: Vec<u32> = Vec::new();
        for i in range {
            let joins = run
                .last()
                .is_some_and(|&p| self.continues_list(p as usize, i, text));
            if !joins {
                self.close_list(std::mem::take(&mut run), years);
            }
            if self.leaves[i].table.is_none() {
                run.push(i as u32);
            }
        }
        self.close_list(run, years);
    }

    fn continues_list(&self, prev: usize, next: usize, text: &str) -> bool {
        let (a, b) = (&self.leaves[prev], &self.leaves[next]);
        let gap = &text[a.number.span.end..b.number.span.start.max(a.number.span.end)];
        a.sentence == b.sentence
            && b.table.is_none()
            && a.quantity.dim == b.quantity.dim
            && gap.len() <= 48
            && !gap.contains(['，', '；', '：', '。'])
    }

    fn close_list(&mut self, members: Vec<u32>, years: &BTreeMap<usize, Vec<i32>>) {
        if members.len() < 2 {
            return;
        }
        let sentence = self.leaves[members[0] as usize].sentence;
        if let Some(ys) = years.get(&sentence).filter(|ys| ys.len() == members.len()) {
            for (&m, &y) in members.iter().zip(ys) {
                self.leaves[m as usize].period = Some(Period {
                    label: y.to_string(),
                    year: Some(y),
                    order: Some(y * 4 + 4),
                });
            }
        }
        self.push_group(GroupKind::List, members);
    }

    fn push_group(&mut self, kind: GroupKind, members: Vec<u32>) {
        if members.len() < 2 {
            return;
        }
        let id = self.groups.len() as u32;
        for (pos, &m) in members.iter().enumerate() {
            self.leaves[m as usize].groups[kind as usize] = Some((id, pos as u16));
        }
        self.groups.push(Group { kind, members });
    }

    /// A pool of some of this one's leaves: `keep` gives each leaf, the fact
    /// it belongs to and the value that fact gives it. A fact's leaves form a
    /// group (of the kind they share here, else a list).
    pub(crate) fn subset(&self, keep: &[(u32, usize, Quantity)]) -> Pool {
        let mut keep: Vec<&(u32, usize, Quantity)> = keep.iter().collect();
        keep.sort_by_key(|k| k.0);
        keep.dedup_by_key(|k| k.0);
        let mut pool = Pool {
            sources: self.sources.clone(),
            ..Pool::default()
        };
        for s in &mut pool.sources {
            s.leaves = 0..0;
        }
        let mut facts: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for (i, fact, quantity) in keep.iter().map(|k| (k.0, k.1, &k.2)) {
            let mut leaf = self.leaves[i as usize].clone();
            leaf.groups = [None; 3];
            leaf.approx = Approx::of(&quantity.iv);
            leaf.quantity = quantity.clone();
            let id = pool.leaves.len();
            let src = &mut pool.sources[leaf.source].leaves;
            *src = if src.start == src.end {
                id..id + 1
            } else {
                src.start..id + 1
            };
            facts.entry(fact).or_default().push(id as u32);
            pool.leaves.push(leaf);
        }
        for (_, members) in facts {
            let kind = [GroupKind::Row, GroupKind::Column, GroupKind::List]
                .into_iter()
                .find(|&k| self.share_group(&keep, &members, k))
                .unwrap_or(GroupKind::List);
            pool.push_group(kind, members);
        }
        self.keep_groups(&keep, &mut pool);
        pool.size_contexts();
        pool
    }

    /// Gives a subset the rows, columns and lists of this pool its leaves
    /// share beyond their facts' own groups (a share of two facts' cells in
    /// one column stays "same column").
    fn keep_groups(&self, keep: &[&(u32, usize, Quantity)], pool: &mut Pool) {
        for kind in [GroupKind::Row, GroupKind::Column, GroupKind::List] {
            let mut shared: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
            for (new, k) in keep.iter().enumerate() {
                if let Some((g, _)) = self.leaves[k.0 as usize].group(kind) {
                    shared.entry(g).or_default().push(new as u32);
                }
            }
            for members in shared.into_values() {
                let free = members
                    .iter()
                    .all(|&m| pool.leaves[m as usize].group(kind).is_none());
                if free {
                    pool.push_group(kind, members);
                }
            }
        }
    }

    /// Whether the original leaves of subset members share a group of `kind`.
    fn share_group(
        &self,
        keep: &[&(u32, usize, Quantity)],
        members: &[u32],
        kind: GroupKind,
    ) -> bool {
        let group = |m: u32| {
            self.leaves[keep[m as usize].0 as usize]
                .group(kind)
                .map(|g| g.0)
        };
        let first = group(members[0]);
        first.is_some() && members.iter().all(|&m| group(m) == first)
    }

    /// The words around leaf `i` (see [`super::rank::leaf_context`]).
    pub(crate) fn context(&self, i: u32) -> &Tokens {
        let cell = &self.contexts[i as usize];
        cell.get_or_init(|| super::rank::leaf_context(self, i))
    }

    /// Makes room for the words around every leaf.
    fn size_contexts(&mut self) {
        self.contexts.resize_with(self.leaves.len(), OnceLock::new);
    }

    /// How leaves `a` and `b` stand to each other.
    pub(crate) fn relation(&self, a: usize, b: usize) -> Relation {
        let (x, y) = (&self.leaves[a], &self.leaves[b]);
        if x.source != y.source {
            return Relation::Far;
        }
        let shared =
            |k: GroupKind| matches!((x.group(k), y.group(k)), (Some(p), Some(q)) if p.0 == q.0);
        if shared(GroupKind::List) {
            Relation::List
        } else if shared(GroupKind::Row) {
            Relation::Row
        } else if shared(GroupKind::Column) {
            Relation::Column
        } else if x.sentence == y.sentence {
            Relation::Sentence
        } else if x.table.is_some() && x.table == y.table {
            Relation::Table
        } else if x.line == y.line {
            Relation::Line
        } else {
            Relation::Near(a.abs_diff(b))
        }
    }

    /// The name of a leaf's source.
    pub(crate) fn source_name(&self, leaf: usize) -> &str {
        &self.sources[self.leaves[leaf].source].name
    }
}

/// A leaf for number `n` of source `source`.
fn leaf(source: usize, n: &Number, layout: &Layout) -> Leaf {
    let quantity = Quantity::from_number(n);
    let at = n.span.start;
    Leaf {
        source,
        approx: Approx::of(&quantity.iv),
        quantity,
        number: n.clone(),
        sentence: layout.sentence(at),
        line: layout.line(at),
        table: layout.row_at(at).map(|(_, r)| r.table),
        groups: [None; 3],
        period: None,
        percent_cell: false,
        declared: None,
    }
}

/// Whether `n` only repeats the number before it in parentheses, as
/// filings converted to text do: `-379 ( 379 )`, `6.25% ( 6.25 % )`.
fn repeats(text: &str, prev: &Number, n: &Number) -> bool {
    let gap = text[prev.span.end.min(n.span.start)..n.span.start].trim();
    (gap == "(" || (gap.is_empty() && text[n.span.clone()].starts_with('(')))
        && prev.kind == n.kind
        && prev.value.abs() == n.value.abs()
}

/// Whether `n` stands in a table's header rows (a label, not a value).
fn in_header(layout: &Layout, n: &Number) -> bool {
    layout
        .row_at(n.span.start)
        .is_some_and(|(r, row)| r < layout.tables[row.table].data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::outcome::Files;

    #[test]
    fn a_region_bounded_inside_a_character_is_widened_to_its_edges() {
        let doc = Arc::new(Document::from_text(
            "t.md",
            "醫療收入為1.89億元，醫藥收入為2.5億元。",
        ));
        let id = Files::default().add(Arc::clone(&doc));
        let source = Arc::new(Source::new(doc, id));
        for (start, end) in [(1, 5), (0, 40), (4, 2), (7, 1000)] {
            let mut pool = Pool::default();
            pool.add("s", &source, start..end);
        }
        let mut pool = Pool::default();
        pool.add("s", &source, 1..source.text().len() - 1);
        assert_eq!(pool.leaves.len(), 2);
    }
}
