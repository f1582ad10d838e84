//! claimcheck verifies the numbers in an article draft against its source
//! documents.
//!
//! The modules follow the pipeline of a `check` run ([`check::check`]):
//! 1. [`claims`] loads a claims file, pointing every problem at its key;
//! 2. [`document`] reads the sources (any encoding, text or HTML) and maps
//!    offsets back to lines and columns; [`sources`] reads each one once;
//! 3. [`numbers`] reads numbers in English and Chinese text, with the
//!    rounding interval each written number stands for;
//! 4. [`quote`] locates quotes and `says` in their documents;
//! 5. [`facts`] resolves facts, quoted or computed;
//! 6. [`expr`] evaluates expressions on exact [`interval`]s;
//! 7. [`verdict`] gives each claim one verdict ([`diagnostic`] holds the
//!    verdicts and codes);
//! 8. [`report`] renders the results ([`mod@format`] writes values the way the
//!    claim wrote its own).
//!
//! [`extract`] and [`schema`] serve the other subcommands; [`trace`] finds
//! where a number comes from (`trace`, `init`, `audit` and the hints on
//! mismatches); [`cli`] is the command line.

#![warn(missing_docs)]

pub mod check;
pub mod claims;
pub mod cli;
pub mod coverage;
pub mod diagnostic;
pub mod document;
pub mod expr;
pub mod extract;
pub mod facts;
pub mod interval;
pub mod notation;
pub mod numbers;
pub mod outcome;
pub mod problem;
pub mod quote;
pub mod report;
pub mod root;
pub mod schema;
pub mod sources;
pub mod trace;
pub mod verdict;
