//! The JSON Schema of the claims file, for editors and `claimcheck schema`.
//! A test keeps it in step with the keys the loader accepts.

/// The schema, as committed in `claims.schema.json`.
pub const SCHEMA: &str = include_str!("../claims.schema.json");

#[cfg(test)]
mod tests {
    use super::SCHEMA;
    use crate::claims::{CLAIM_KEYS, EXPR_FACT_KEYS, QUOTE_FACT_KEYS, TOP_KEYS};
    use serde_json::Value;

    fn keys(v: &Value) -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    }

    fn sorted(k: &[&str]) -> Vec<String> {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    }

    #[test]
    fn schema_keys_match_the_loader() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        assert_eq!(keys(&schema), sorted(TOP_KEYS));
        assert_eq!(
            keys(&schema["properties"]["claims"]["items"]),
            sorted(CLAIM_KEYS)
        );
        let facts = &schema["properties"]["facts"]["additionalProperties"]["oneOf"];
        assert_eq!(keys(&facts[0]), sorted(QUOTE_FACT_KEYS));
        assert_eq!(keys(&facts[1]), sorted(EXPR_FACT_KEYS));
    }
}
