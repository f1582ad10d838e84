//! Formulas with their inputs: an expression's text with each fact replaced
//! by the values that went in, `growth(rev[0], rev[1])` →
//! `growth(人民幣189.0百萬元, 人民幣289.4百萬元)`.

use super::parser::Expr;
use super::references::references;

/// Rewrites `src`, the text `tree` was parsed from, replacing each fact
/// name, and each `name[i]` with a literal index `i` (`2`, `-1`), by
/// `lookup(name, index)`; a name or element the lookup returns `None` for
/// stays as written. Returns `None` when nothing changed.
///
/// ```
/// use claimcheck::expr::{parse, substitute};
/// let src = "growth(rev[0], rev[-1]) > g";
/// let tree = parse(src).unwrap();
/// let text = substitute(&tree, src, &mut |name, index| match (name, index) {
///     ("rev", Some(0)) => Some("RMB189.0 million".to_string()),
///     ("rev", Some(-1)) => Some("RMB540.1 million".to_string()),
///     _ => None,
/// });
/// assert_eq!(text.as_deref(), Some("growth(RMB189.0 million, RMB540.1 million) > g"));
/// ```
pub fn substitute(
    tree: &Expr,
    src: &str,
    lookup: &mut dyn FnMut(&str, Option<i64>) -> Option<String>,
) -> Option<String> {
    let mut out = String::with_capacity(src.len() * 2);
    let mut at = 0;
    for r in references(tree) {
        if let Some(text) = lookup(&r.name, r.index) {
            out.push_str(src.get(at..r.span.start)?);
            out.push_str(&text);
            at = r.span.end;
        }
    }
    out.push_str(src.get(at..)?);
    (out != src).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    /// Facts `rev` (three values) and `g` (one).
    fn values(name: &str, index: Option<i64>) -> Option<String> {
        let rev = ["189.0", "289.4", "540.1"];
        match (name, index) {
            ("rev", None) => Some(format!("[{}]", rev.join(", "))),
            ("rev", Some(i)) => {
                let at = if i < 0 { rev.len() as i64 + i } else { i };
                rev.get(usize::try_from(at).ok()?).map(|v| v.to_string())
            }
            ("g", None) => Some("86%".to_string()),
            _ => None,
        }
    }

    fn sub(src: &str) -> Option<String> {
        substitute(&parse(src).unwrap(), src, &mut values)
    }

    #[test]
    fn names_and_literal_elements_become_their_values() {
        assert_eq!(
            sub("growth(rev[0], rev[1]) ≈ g").as_deref(),
            Some("growth(189.0, 289.4) ≈ 86%")
        );
        assert_eq!(sub("rev[-1] - rev[0]").as_deref(), Some("540.1 - 189.0"));
        assert_eq!(
            sub("increasing(rev)").as_deref(),
            Some("increasing([189.0, 289.4, 540.1])")
        );
        assert_eq!(
            sub("not (g > 1) and rev[1] < 2").as_deref(),
            Some("not (86% > 1) and 289.4 < 2")
        );
    }

    #[test]
    fn computed_indexes_replace_the_parts_inside() {
        assert_eq!(sub("rev[g]").as_deref(), Some("[189.0, 289.4, 540.1][86%]"));
        assert_eq!(
            sub("rev[1.5]").as_deref(),
            Some("[189.0, 289.4, 540.1][1.5]")
        );
    }

    #[test]
    fn unknown_names_and_missing_elements_stay_as_written() {
        assert_eq!(sub("rev[7] + other * 2"), None);
        assert_eq!(sub("1 + 2"), None);
        assert_eq!(sub("other[0] + g").as_deref(), Some("other[0] + 86%"));
    }

    #[test]
    fn a_replacement_equal_to_the_text_is_no_change() {
        let src = "x + 1";
        let same = substitute(&parse(src).unwrap(), src, &mut |n, _| Some(n.to_string()));
        assert_eq!(same, None);
    }
}
