//! A recursive-descent parser with the usual precedence, loosest first:
//! `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary minus, indexing.

use std::ops::Range;

use super::ExprError;
use super::lexer::{CmpOp, Tok, Token, tokenize};
use crate::numbers::Number;

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A node of the expression tree, with its byte range in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the node is.
    pub node: Node,
    /// Where it stands in the expression.
    pub span: Range<usize>,
}

/// The kinds of expression nodes.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A literal number (exact).
    Num(Box<Number>),
    /// A fact name.
    Name(String),
    /// `list[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a + b` and friends.
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `a < b` and friends.
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    /// `a and b`.
    And(Box<Expr>, Box<Expr>),
    /// `a or b`.
    Or(Box<Expr>, Box<Expr>),
    /// `not a`.
    Not(Box<Expr>),
    /// `f(args…)`; the name's span is the call's span start.
    Call(String, Range<usize>, Vec<Expr>),
}

/// Parses a complete expression.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let tokens = tokenize(src)?;
    let mut parser = Parser { tokens, pos: 0 };
    if matches!(parser.peek(), Tok::End) {
        return Err(ExprError::new(0..src.len(), "the expression is empty"));
    }
    let expr = parser.or()?;
    match parser.peek() {
        Tok::End => Ok(expr),
        Tok::RParen | Tok::RBracket => {
            let t = parser.current();
            Err(ExprError::new(
                t.span.clone(),
                format!("unmatched {}", t.tok.describe()),
            ))
        }
        _ => {
            let t = parser.current();
            Err(ExprError::new(
                t.span.clone(),
                format!("expected an operator, found {}", t.tok.describe()),
            ))
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.current().tok
    }

    fn current(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn advance(&mut self) -> Token {
        let t = self.current().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn expect(
        &mut self,
        want: &Tok,
        what: &str,
        opened: Option<Range<usize>>,
    ) -> Result<Token, ExprError> {
        if self.peek() == want {
            return Ok(self.advance());
        }
        let t = self.current();
        let mut err = ExprError::new(
            t.span.clone(),
            format!("expected {what}, found {}", t.tok.describe()),
        );
        if let Some(open) = opened {
            err.note = Some(format!(
                "the bracket opened at column {} is not closed",
                open.start + 1
            ));
        }
        Err(err)
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.and()?;
        while matches!(self.peek(), Tok::Or) {
            self.advance();
            let right = self.and()?;
            left = join(left, right, Node::Or);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.not()?;
        while matches!(self.peek(), Tok::And) {
            self.advance();
            let right = self.not()?;
            left = join(left, right, Node::And);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ExprError> {
        if matches!(self.peek(), Tok::Not) {
            let start = self.advance().span.start;
            let inner = self.not()?;
            let span = start..inner.span.end;
            return Ok(Expr {
                node: Node::Not(Box::new(inner)),
                span,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ExprError> {
        let left = self.sum()?;
        let Tok::Cmp(op) = *self.peek() else {
            return Ok(left);
        };
        self.advance();
        let right = self.sum()?;
        if let Tok::Cmp(_) = self.peek() {
            let t = self.current();
            return Err(ExprError::new(
                t.span.clone(),
                "comparisons cannot be chained; join them with `and`",
            ));
        }
        Ok(join(left, right, |l, r| Node::Compare(op, l, r)))
    }

    fn sum(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Tok::Plus => ArithOp::Add,
                Tok::Minus => ArithOp::Sub,
                _ => return Ok(left),
            };
            self.advance();
            let right = self.product()?;
            left = join(left, right, |l, r| Node::Arith(op, l, r));
        }
    }

    fn product(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Star => ArithOp::Mul,
                Tok::Slash => ArithOp::Div,
                _ => return Ok(left),
            };
            self.advance();
            let right = self.unary()?;
            left = join(left, right, |l, r| Node::Arith(op, l, r));
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        match self.peek() {
            Tok::Minus => {
                let start = self.advance().span.start;
                let inner = self.unary()?;
                let span = start..inner.span.end;
                Ok(Expr {
                    node: Node::Neg(Box::new(inner)),
                    span,
                })
            }
            Tok::Plus => {
                self.advance();
                self.unary()
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<Expr, ExprError> {
        let mut expr = self.primary()?;
        while matches!(self.peek(), Tok::LBracket) {
            let open = self.advance().span;
            let index = self.or()?;
            let close = self.expect(&Tok::RBracket, "`]`", Some(open))?;
            let span = expr.span.start..close.span.end;
            expr = Expr {
                node: Node::Index(Box::new(expr), Box::new(index)),
                span,
            };
        }
        Ok(expr)
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let t = self.advance();
        match t.tok {
            Tok::Num(n) => Ok(Expr {
                node: Node::Num(n),
                span: t.span,
            }),
            Tok::Ident(name) if matches!(self.peek(), Tok::LParen) => self.call(name, t.span),
            Tok::Ident(name) => Ok(Expr {
                node: Node::Name(name),
                span: t.span,
            }),
            Tok::LParen => {
                let inner = self.or()?;
                let close = self.expect(&Tok::RParen, "`)`", Some(t.span.clone()))?;
                Ok(Expr {
                    node: inner.node,
                    span: t.span.start..close.span.end,
                })
            }
            other => Err(ExprError::new(
                t.span,
                format!(
                    "expected a number, a name or `(`, found {}",
                    other.describe()
                ),
            )),
        }
    }

    fn call(&mut self, name: String, name_span: Range<usize>) -> Result<Expr, ExprError> {
        let open = self.advance().span;
        let mut args = Vec::new();
        if !matches!(self.peek(), Tok::RParen) {
            loop {
                args.push(self.or()?);
                if matches!(self.peek(), Tok::Comma) {
                    self.advance();
                    continue;
                }
                break;
            }
        }
        let close = self.expect(&Tok::RParen, "`,` or `)`", Some(open))?;
        Ok(Expr {
            node: Node::Call(name, name_span.clone(), args),
            span: name_span.start..close.span.end,
        })
    }
}

fn join(left: Expr, right: Expr, make: impl FnOnce(Box<Expr>, Box<Expr>) -> Node) -> Expr {
    let span = left.span.start..right.span.end;
    Expr {
        node: make(Box::new(left), Box::new(right)),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as a compact S-expression, for readable assertions.
    fn sexp(e: &Expr, src: &str) -> String {
        match &e.node {
            Node::Num(_) => src[e.span.clone()].to_string(),
            Node::Name(n) => n.clone(),
            Node::Index(l, i) => format!("{}[{}]", sexp(l, src), sexp(i, src)),
            Node::Neg(x) => format!("(- {})", sexp(x, src)),
            Node::Arith(op, l, r) => format!("({op:?} {} {})", sexp(l, src), sexp(r, src)),
            Node::Compare(op, l, r) => {
                format!("({} {} {})", op.symbol(), sexp(l, src), sexp(r, src))
            }
            Node::And(l, r) => format!("(and {} {})", sexp(l, src), sexp(r, src)),
            Node::Or(l, r) => format!("(or {} {})", sexp(l, src), sexp(r, src)),
            Node::Not(x) => format!("(not {})", sexp(x, src)),
            Node::Call(f, _, args) => {
                format!(
                    "({f} {})",
                    args.iter()
                        .map(|a| sexp(a, src))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            }
        }
    }

    fn p(src: &str) -> String {
        sexp(&parse(src).unwrap(), src)
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(p("a + b * c - d"), "(Sub (Add a (Mul b c)) d)");
        assert_eq!(p("a / b / c"), "(Div (Div a b) c)");
        assert_eq!(p("-a[0] * 2"), "(Mul (- a[0]) 2)");
        assert_eq!(p("(a + b) * c"), "(Mul (Add a b) c)");
        assert_eq!(
            p("a > 1 and b < 2 or not c = 3"),
            "(or (and (> a 1) (< b 2)) (not (= c 3)))"
        );
        assert_eq!(
            p("share(foundry, rev[1]) ≈ 50%"),
            "(≈ (share foundry rev[1]) 50%)"
        );
        assert_eq!(p("rev[-1]"), "rev[(- 1)]");
        assert_eq!(p("all(top5 >= 75%)"), "(all (>= top5 75%))");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = parse("growth(rev[0], rev[2]").unwrap_err();
        assert_eq!(err.span, 21..21);
        assert!(
            err.message.contains("expected `,` or `)`"),
            "{}",
            err.message
        );
        let err = parse("a < b < c").unwrap_err();
        assert_eq!(err.span, 6..7);
        let err = parse("rev[0] +").unwrap_err();
        assert!(err.message.contains("found the end"), "{}", err.message);
        let err = parse("(a + b))").unwrap_err();
        assert_eq!(err.message, "unmatched `)`");
        assert_eq!(parse("   ").unwrap_err().message, "the expression is empty");
    }
}
