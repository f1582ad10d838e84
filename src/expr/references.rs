//! The facts an expression refers to, and where: `rev`, `rev[1]`. Used to
//! resolve a fact's dependencies before it, and to write an expression with
//! the values that went in. The walk keeps its own stack.

use std::ops::Range;

use super::parser::{Expr, Node};

/// A reference to a fact: the whole fact, or one element by a literal index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The fact's name.
    pub name: String,
    /// The index written as a literal (`-1` counts from the end).
    pub index: Option<i64>,
    /// Where the reference (with its index) stands in the expression.
    pub span: Range<usize>,
}

/// Every fact reference of `tree`, in text order. A name indexed by anything
/// but a literal counts as a reference to the whole fact.
pub fn references(tree: &Expr) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut stack = vec![tree];
    while let Some(e) = stack.pop() {
        match &e.node {
            Node::Name(name) => out.push(reference(name, None, &e.span)),
            Node::Index(base, index) => match (&base.node, literal_index(index)) {
                (Node::Name(name), Some(i)) => out.push(reference(name, Some(i), &e.span)),
                _ => stack.extend([index.as_ref(), base.as_ref()]),
            },
            Node::Neg(x) | Node::Not(x) => stack.push(x),
            Node::Arith(_, l, r) | Node::Compare(_, l, r) | Node::And(l, r) | Node::Or(l, r) => {
                stack.extend([r.as_ref(), l.as_ref()]);
            }
            Node::Call(_, _, args) => stack.extend(args.iter().rev()),
            Node::Num(_) => {}
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

fn reference(name: &str, index: Option<i64>, span: &Range<usize>) -> Reference {
    Reference {
        name: name.to_string(),
        index,
        span: span.clone(),
    }
}

/// An index written as a literal (`2`, `-1`).
fn literal_index(e: &Expr) -> Option<i64> {
    match &e.node {
        Node::Num(n) => crate::numbers::plain(n.value).parse().ok(),
        Node::Neg(x) => match &x.node {
            Node::Num(n) => crate::numbers::plain(n.value)
                .parse::<i64>()
                .ok()
                .map(|i| -i),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    fn refs(src: &str) -> Vec<(String, Option<i64>, String)> {
        let tree = parse(src).unwrap();
        references(&tree)
            .into_iter()
            .map(|r| (r.name, r.index, src[r.span].to_string()))
            .collect()
    }

    #[test]
    fn names_and_literal_indexes_in_text_order() {
        assert_eq!(
            refs("growth(rev[0], rev[-1]) > x"),
            [
                ("rev".into(), Some(0), "rev[0]".into()),
                ("rev".into(), Some(-1), "rev[-1]".into()),
                ("x".into(), None, "x".into()),
            ]
        );
        assert_eq!(
            refs("rev[i] + 1"),
            [
                ("rev".into(), None, "rev".into()),
                ("i".into(), None, "i".into())
            ]
        );
    }
}
