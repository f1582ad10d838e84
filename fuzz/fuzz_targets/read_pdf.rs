#![no_main]

#[path = "shared/read.rs"]
mod shared;

use claimcheck::document::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shared::read(data, Format::Pdf, "f.pdf"));
