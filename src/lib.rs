//! claimcheck verifies the numbers in an article draft against its source
//! documents.
//!
//! The modules follow the pipeline of a `check` run ([`check::check`]), and
//! each stage only imports the stages before it and the result model:
//! 1. `claims` loads a claims file, pointing every problem at its key
//!    (`problem` is the error shape), and `root` confines its paths;
//! 2. [`document`] reads the sources (text in any encoding, HTML, PDF, DOCX,
//!    XLSX, CSV) and maps offsets back to pages, lines and columns;
//!    [`sources`] reads each one once per run and indexes its numbers and
//!    the run's quotes;
//! 3. [`numbers`] reads numbers in English and Chinese text, with the
//!    rounding interval each written number stands for;
//! 4. `quote` locates quotes and `says` in their documents (one pass per
//!    document) and finds the closest passage for those that are not there;
//! 5. `facts` resolves facts, quoted or computed;
//! 6. [`expr`] evaluates expressions on exact [`interval`]s;
//! 7. `verdict` gives each claim one verdict; [`diagnostic`] holds the
//!    verdicts and their stable codes, `coverage` the draft figures no
//!    claim checks;
//! 8. [`outcome`] is the result model every stage writes and every
//!    renderer reads: judgements, spans into documents, run errors;
//! 9. [`report`] renders one [`outcome::Report`] in every format
//!    (`notation` writes values the way the claim wrote its own).
//!
//! `extract` and `schema` serve the other subcommands; [`trace`] finds
//! where a number comes from (`trace`, `init`, `audit` and the hints on
//! mismatches); [`cli`] is the command line. `ARCHITECTURE.md` has the
//! picture and where to add a format, a function or a word.

#![warn(missing_docs)]

pub mod check;
pub(crate) mod claims;
pub mod cli;
pub(crate) mod coverage;
pub mod diagnostic;
pub mod document;
pub mod expr;
pub(crate) mod extract;
pub(crate) mod facts;
pub mod interval;
pub(crate) mod notation;
pub mod numbers;
pub mod outcome;
pub(crate) mod problem;
pub(crate) mod quote;
pub mod report;
pub(crate) mod root;
pub(crate) mod schema;
pub mod sources;
pub mod trace;
pub(crate) mod verdict;
