//! Small helpers over the JSON syntax tree of `jsonc-parser`: ranges, key
//! spans, type names for messages, the strict parse options, and a guard
//! against nesting so deep that parsing it would exhaust the stack.

use std::ops::Range;

use jsonc_parser::ParseOptions;
use jsonc_parser::ast::{ObjectProp, Value as Json};

/// Deepest nesting of arrays and objects accepted. A claims file needs four
/// levels; the parser recurses once per level, so a hostile file of 100,000
/// `[` must be refused before it is parsed.
pub(crate) const MAX_NESTING: usize = 64;

/// Strict JSON: no comments, trailing commas or other extensions.
pub(crate) fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// The byte offset of the first bracket nested deeper than [`MAX_NESTING`],
/// skipping strings.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A parser range as a byte range.
pub(crate) fn range(r: &jsonc_parser::common::Range) -> Range<usize> {
    r.start..r.end
}

/// The byte range of a property's key.
pub(crate) fn name_span(p: &ObjectProp<'_>) -> Range<usize> {
    use jsonc_parser::ast::ObjectPropName;
    match &p.name {
        ObjectPropName::String(s) => range(&s.range),
        ObjectPropName::Word(w) => range(&w.range),
    }
}

/// The byte range of a value.
pub(crate) fn json_range(v: &Json) -> Range<usize> {
    use jsonc_parser::common::Ranged;
    let r = v.range();
    r.start..r.end
}

/// "a string", "an array"…, for messages.
pub(crate) fn type_name(v: &Json) -> &'static str {
    match v {
        Json::StringLit(_) => "a string",
        Json::NumberLit(_) => "a number",
        Json::BooleanLit(_) => "true/false",
        Json::Object(_) => "an object",
        Json::Array(_) => "an array",
        Json::NullKeyword(_) => "null",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings() {
        assert_eq!(too_deep(r#"{"a": "[[[[[[[[[[[[[["}"#), None);
        let deep = "[".repeat(MAX_NESTING + 1);
        assert_eq!(too_deep(&deep), Some(MAX_NESTING));
        assert_eq!(too_deep(&"[]".repeat(1000)), None);
    }
}
