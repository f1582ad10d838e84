#![no_main]

//! Whole runs: the input is a claims file and a source (split at the first
//! NUL byte; the source is written as `s.md` and, when it starts with `<`,
//! as `s.html`), checked with the folder as the root and rendered in every
//! format. Asserts: no panic or hang, one outcome per claim when the run
//! has no errors, and no raw ESC or CR in the text formats.

use std::path::PathBuf;
use std::sync::OnceLock;

use claimcheck::check::{CheckOptions, check_with};
use claimcheck::report::{FORMATS, RenderOptions};
use libfuzzer_sys::fuzz_target;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("claimcheck-whole-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (claims, source) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let dir = folder();
    std::fs::write(dir.join("s.md"), source).unwrap();
    std::fs::write(dir.join("s.html"), source).unwrap();
    let path = dir.join("c.json");
    std::fs::write(&path, claims).unwrap();
    let options = CheckOptions {
        root: Some(dir.clone()),
        ..CheckOptions::default()
    };
    let report = check_with(&[path], &options);
    if report.errors.is_empty() {
        let value: Option<serde_json::Value> = serde_json::from_slice(claims).ok();
        if let Some(list) = value.as_ref().and_then(|v| v.get("claims")).and_then(|c| c.as_array()) {
            assert_eq!(report.claims.len(), list.len(), "one outcome per claim");
        }
    }
    for format in FORMATS {
        let mut out = Vec::new();
        (format.make)(RenderOptions::default()).render(&report, &mut out).unwrap();
        if !matches!(format.name, "json" | "sarif") {
            let text = String::from_utf8_lossy(&out);
            assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{}: raw control", format.name);
        }
    }
});
