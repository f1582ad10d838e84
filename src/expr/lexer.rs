//! Tokens of the expression language. Number literals are read by the same
//! number reader as documents, so `75%`, `7億`, `RMB540 million` and
//! `0.02億` mean what they mean in a source.

use std::ops::Range;

use super::ExprError;
use crate::numbers::{Number, read_number_at};

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`: the intervals are consistent.
    Eq,
    /// `!=`: the intervals are not consistent.
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `≈` or `~=`: within the claim's tolerance.
    Approx,
}

impl CmpOp {
    /// The operator as written in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Approx => "≈",
        }
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A number literal.
    Num(Box<Number>),
    /// A fact or function name.
    Ident(String),
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// `+`
    Plus,
    /// `-` or `−`
    Minus,
    /// `*` or `×`
    Star,
    /// `/` or `÷`
    Slash,
    /// A comparison.
    Cmp(CmpOp),
    /// `and`
    And,
    /// `or`
    Or,
    /// `not`
    Not,
    /// End of the expression.
    End,
}

impl Tok {
    /// How the token is named in "expected …, found …" messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Num(_) => "a number".to_string(),
            Tok::Ident(name) => format!("`{name}`"),
            Tok::End => "the end of the expression".to_string(),
            Tok::Cmp(op) => format!("`{}`", op.symbol()),
            Tok::LBracket => "`[`".to_string(),
            Tok::RBracket => "`]`".to_string(),
            Tok::LParen => "`(`".to_string(),
            Tok::RParen => "`)`".to_string(),
            Tok::Comma => "`,`".to_string(),
            Tok::Plus => "`+`".to_string(),
            Tok::Minus => "`-`".to_string(),
            Tok::Star => "`*`".to_string(),
            Tok::Slash => "`/`".to_string(),
            Tok::And => "`and`".to_string(),
            Tok::Or => "`or`".to_string(),
            Tok::Not => "`not`".to_string(),
        }
    }
}

/// A token and its byte range in the expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Where it stands.
    pub span: Range<usize>,
}

/// Splits an expression into tokens.
pub fn tokenize(src: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let c = src[pos..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let (tok, len) = next_token(src, pos, c)?;
        tokens.push(Token {
            tok,
            span: pos..pos + len,
        });
        pos += len;
    }
    tokens.push(Token {
        tok: Tok::End,
        span: src.len()..src.len(),
    });
    Ok(tokens)
}

fn next_token(src: &str, pos: usize, c: char) -> Result<(Tok, usize), ExprError> {
    if let Some(n) = literal_at(src, pos, c) {
        let len = n.span.end - pos;
        return Ok((Tok::Num(Box::new(n)), len));
    }
    if c.is_ascii_alphabetic() || c == '_' {
        let len = src[pos..]
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
            .unwrap_or(src.len() - pos);
        let word = &src[pos..pos + len];
        let tok = match word {
            "and" | "AND" => Tok::And,
            "or" | "OR" => Tok::Or,
            "not" | "NOT" => Tok::Not,
            _ => Tok::Ident(word.to_string()),
        };
        return Ok((tok, len));
    }
    let two = src[pos..].chars().take(2).collect::<String>();
    let pair = match two.as_str() {
        "<=" => Some(CmpOp::Le),
        ">=" => Some(CmpOp::Ge),
        "!=" => Some(CmpOp::Ne),
        "==" => Some(CmpOp::Eq),
        "~=" => Some(CmpOp::Approx),
        _ => None,
    };
    if let Some(op) = pair {
        return Ok((Tok::Cmp(op), 2));
    }
    let tok = match c {
        '[' => Tok::LBracket,
        ']' => Tok::RBracket,
        '(' => Tok::LParen,
        ')' => Tok::RParen,
        ',' => Tok::Comma,
        '+' => Tok::Plus,
        '-' | '−' => Tok::Minus,
        '*' | '×' => Tok::Star,
        '/' | '÷' => Tok::Slash,
        '=' => Tok::Cmp(CmpOp::Eq),
        '<' => Tok::Cmp(CmpOp::Lt),
        '>' => Tok::Cmp(CmpOp::Gt),
        '≈' => Tok::Cmp(CmpOp::Approx),
        '≤' => Tok::Cmp(CmpOp::Le),
        '≥' => Tok::Cmp(CmpOp::Ge),
        '≠' => Tok::Cmp(CmpOp::Ne),
        _ => {
            let message = if c.is_ascii_digit() || c == '.' {
                "cannot read this number".to_string()
            } else {
                format!("unexpected character `{c}`")
            };
            return Err(ExprError::new(pos..pos + c.len_utf8(), message));
        }
    };
    Ok((tok, c.len_utf8()))
}

/// A number literal starting at `pos`: digits, or a currency sign or code followed by digits.
fn literal_at(src: &str, pos: usize, c: char) -> Option<Number> {
    let could_start =
        c.is_ascii_digit() || c == '.' || !c.is_ascii() || c == '$' || c.is_ascii_uppercase();
    if !could_start {
        return None;
    }
    read_number_at(src, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        tokenize(src)
            .unwrap()
            .into_iter()
            .map(|t| t.tok.describe())
            .collect()
    }

    #[test]
    fn tokens_of_a_typical_check() {
        assert_eq!(
            kinds("share(foundry, rev[1]) ≈ 50%"),
            [
                "`share`",
                "`(`",
                "`foundry`",
                "`,`",
                "`rev`",
                "`[`",
                "a number",
                "`]`",
                "`)`",
                "`≈`",
                "a number",
                "the end of the expression"
            ]
        );
        assert_eq!(
            kinds("rd[2] > 7億 and not x"),
            [
                "`rd`",
                "`[`",
                "a number",
                "`]`",
                "`>`",
                "a number",
                "`and`",
                "`not`",
                "`x`",
                "the end of the expression"
            ]
        );
    }

    #[test]
    fn literals_carry_scale_percent_and_currency() {
        let toks = tokenize("RMB540 million - 0.02億 + 75%").unwrap();
        let Tok::Num(n) = &toks[0].tok else { panic!() };
        assert_eq!(n.value.to_string(), "540000000");
        assert_eq!(toks[0].span, 0..14);
        assert!(matches!(toks[1].tok, Tok::Minus));
        let Tok::Num(n) = &toks[4].tok else { panic!() };
        assert_eq!(n.kind, crate::numbers::Kind::Percent);
    }

    #[test]
    fn identifiers_that_start_like_currencies_stay_names() {
        assert_eq!(
            kinds("USD_rate * 2"),
            ["`USD_rate`", "`*`", "a number", "the end of the expression"]
        );
    }

    #[test]
    fn unexpected_characters_are_errors_with_a_span() {
        let err = tokenize("rev[0] @ 2").unwrap_err();
        assert_eq!(err.span, 7..8);
    }
}
