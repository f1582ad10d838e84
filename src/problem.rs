//! The one shape of an error found in some input: what is wrong, and the
//! byte range of the text it is about. Every stage reports problems this
//! way; the stage that knows which file the text belongs to turns the range
//! into a place in that file.

use std::fmt;
use std::ops::Range;

/// A problem in a piece of text (a claims file, a quote, an expression).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in a sentence.
    pub message: String,
    /// Byte range of the text it is about.
    pub span: Range<usize>,
}

impl Problem {
    /// A problem about `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
