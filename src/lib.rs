//! claimcheck verifies the numbers in an article draft against its source
//! documents.
//!
//! The pipeline, one module per step:
//! - [`document`] reads documents (any encoding, HTML or text) and maps
//!   offsets back to lines and columns;
//! - [`numbers`] reads numbers in English and Chinese text, with the
//!   rounding interval each written number stands for.

pub mod check;
pub mod claims;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod expr;
pub mod extract;
pub mod facts;
pub mod format;
pub mod interval;
pub mod numbers;
pub mod quote;
pub mod report;
pub mod schema;
pub mod sources;
pub mod verdict;
