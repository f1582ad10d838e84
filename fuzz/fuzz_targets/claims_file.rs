#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use claimcheck::check::{CheckOptions, check_with};
use libfuzzer_sys::fuzz_target;

/// The source every fuzzed claims file can quote: `"sources": {"s": "s.md"}`.
const SOURCE: &str = "\
# Example Co. annual summary

Revenue was RMB189.0 million, RMB289.4 million and RMB540.1 million in 2022, 2023 and 2024.
Adjusted net loss was RMB433.0 million, RMB610.2 million and RMB645.1 million.
Gross margin was 48.9%, 51.6% and 44.3%.
The company paid foundries RMB136.0 million in 2023, about $18.9 bn less than 1.2 billion.
Example Co. grew revenue 186% in two years, a compound rate of about 69%.
Total revenue over the three years came to 10.2億元. Gross margin fell 7.3 percentage points in 2024.
營業收入為人民幣5.40億元，同比增長86.6%，毛利率下降3.2個百分點，員工二千三百五十人，二十多億元。
";

/// One temp folder per fuzzing process, holding `s.md`; it is the root.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("claimcheck-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("s.md"), SOURCE).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = folder().join("c.json");
    std::fs::write(&path, text.as_bytes()).unwrap();
    let options = CheckOptions {
        root: Some(folder().clone()),
        ..CheckOptions::default()
    };
    let report = check_with(&[path], &options);
    if report.errors.is_empty() {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            if let Some(claims) = value.get("claims").and_then(|c| c.as_array()) {
                assert_eq!(
                    report.claims.len(),
                    claims.len(),
                    "no errors, but {} results for {} claims",
                    report.claims.len(),
                    claims.len()
                );
            }
        }
    }
});
