//! A precedence-climbing parser with the usual precedence, loosest first:
//! `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary minus, indexing.
//! Its depth is bounded ([`MAX_DEPTH`]): every level it enters is counted
//! before it recurses, so hostile input is an error, not a stack overflow.

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

/// How deep an expression may nest. Every operator, call, index, sign,
/// `not` and pair of parentheses counts one level, so a chain of 300 `+` is
/// as deep as 300 nested parentheses (both build a tree 300 levels deep).
/// Real claims stay below 20. Parsing, evaluation and [`super::substitute`]
/// recurse on the tree; at the limit they need about 1 MiB of stack in a
/// debug build (far less optimized), within the 2 MiB of a test thread, so
/// a hostile expression is an error, never a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// The longest expression accepted, in characters. It bounds the work of
/// reading an expression (and the width of its tree) on huge inputs.
pub const MAX_LENGTH: usize = 10_000;

/// Parses a complete expression.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    if let Some((cut, c)) = src.char_indices().nth(MAX_LENGTH) {
        return Err(ExprError::new(
            cut..cut + c.len_utf8(),
            format!("the expression is too long (limit {MAX_LENGTH} characters)"),
        ));
    }
    let tokens = tokenize(src)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        open: 0,
    };
    if matches!(parser.peek(), Tok::End) {
        return Err(ExprError::new(0..src.len(), "the expression is empty"));
    }
    let expr = *parser.expr(OR).map_err(|e| *e)?.expr;
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

/// A parsed subtree and its height: 1 for a leaf, one more for each node
/// or pair of parentheses above it. The tree, like the error of [`Parsed`],
/// is boxed to keep the parser's frames small.
struct Tree {
    expr: Box<Expr>,
    height: usize,
}

type Parsed = Result<Tree, Box<ExprError>>;

fn too_deep(span: Range<usize>) -> ExprError {
    ExprError::new(
        span,
        format!("the expression is nested too deeply (limit {MAX_DEPTH})"),
    )
}

/// How tightly operators bind, loosest first. `not` applies to a
/// comparison or anything tighter; a sign to a primary and its indexes.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const CMP: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;

/// How a prefix operator makes its node.
type MakeNode = fn(Box<Expr>) -> Node;

/// An infix operator.
#[derive(Clone, Copy)]
enum Infix {
    Or,
    And,
    Cmp(CmpOp),
    Arith(ArithOp),
}

impl Infix {
    /// The operator a token stands for, with its level.
    fn of(tok: &Tok) -> Option<(Infix, u8)> {
        Some(match tok {
            Tok::Or => (Infix::Or, OR),
            Tok::And => (Infix::And, AND),
            Tok::Cmp(op) => (Infix::Cmp(*op), CMP),
            Tok::Plus => (Infix::Arith(ArithOp::Add), SUM),
            Tok::Minus => (Infix::Arith(ArithOp::Sub), SUM),
            Tok::Star => (Infix::Arith(ArithOp::Mul), PRODUCT),
            Tok::Slash => (Infix::Arith(ArithOp::Div), PRODUCT),
            _ => return None,
        })
    }

    fn node(self, l: Box<Expr>, r: Box<Expr>) -> Node {
        match self {
            Infix::Or => Node::Or(l, r),
            Infix::And => Node::And(l, r),
            Infix::Cmp(op) => Node::Compare(op, l, r),
            Infix::Arith(op) => Node::Arith(op, l, r),
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// How many levels enclose the current position: each adds one to the
    /// depth of everything parsed inside.
    open: usize,
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

    /// A node of `height` at the current level, unless it is too deep.
    fn tree(&self, expr: Box<Expr>, height: usize) -> Parsed {
        if self.open + height > MAX_DEPTH {
            return Err(Box::new(too_deep(expr.span)));
        }
        Ok(Tree { expr, height })
    }

    /// Enters the level of the construct at `at`, unless even a leaf inside would be too deep.
    fn enter(&mut self, at: &Range<usize>) -> Result<(), ExprError> {
        if self.open + 2 > MAX_DEPTH {
            return Err(too_deep(at.clone()));
        }
        self.open += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.open -= 1;
    }

    /// An expression whose infix operators bind at `min` or tighter; those
    /// of one level group to the left.
    fn expr(&mut self, min: u8) -> Parsed {
        let mut left = self.operand(min)?;
        let mut compared = false;
        while let Some((op, level)) = Infix::of(self.peek()).filter(|(_, level)| *level >= min) {
            let at = self.advance().span;
            if compared && level == CMP {
                let message = "comparisons cannot be chained; join them with `and`";
                return Err(Box::new(ExprError::new(at, message)));
            }
            compared = level == CMP;
            self.enter(&at)?;
            let right = self.expr(level + 1)?;
            self.leave();
            let height = 1 + left.height.max(right.height);
            let span = left.expr.span.start..right.expr.span.end;
            let node = op.node(left.expr, right.expr);
            left = self.tree(Box::new(Expr { node, span }), height)?;
        }
        Ok(left)
    }

    /// A prefix operator and its operand, or a primary with its indexes.
    /// `not` is one only where a comparison may stand (`min` up to `NOT`).
    fn operand(&mut self, min: u8) -> Parsed {
        let (level, make): (u8, Option<MakeNode>) = match self.peek() {
            Tok::Not if min <= NOT => (NOT, Some(Node::Not)),
            Tok::Minus => (UNARY, Some(Node::Neg)),
            Tok::Plus => (UNARY, None),
            _ => {
                let primary = self.primary()?;
                return self.indexes(primary);
            }
        };
        let at = self.advance().span;
        self.enter(&at)?;
        let inner = self.expr(level)?;
        self.leave();
        let Some(make) = make else {
            // `+x` is `x`, one level deeper.
            return self.tree(inner.expr, inner.height + 1);
        };
        let span = at.start..inner.expr.span.end;
        let node = make(inner.expr);
        self.tree(Box::new(Expr { node, span }), inner.height + 1)
    }

    /// `primary[i][j]…`
    fn indexes(&mut self, mut tree: Tree) -> Parsed {
        while matches!(self.peek(), Tok::LBracket) {
            let open = self.advance().span;
            self.enter(&open)?;
            let index = self.expr(OR)?;
            self.leave();
            let close = self.expect(&Tok::RBracket, "`]`", Some(open))?;
            let height = 1 + tree.height.max(index.height);
            let span = tree.expr.span.start..close.span.end;
            let node = Node::Index(tree.expr, index.expr);
            tree = self.tree(Box::new(Expr { node, span }), height)?;
        }
        Ok(tree)
    }

    fn primary(&mut self) -> Parsed {
        let t = self.advance();
        let node = match t.tok {
            Tok::Num(n) => Node::Num(n),
            Tok::Ident(name) if matches!(self.peek(), Tok::LParen) => {
                return self.call(name, t.span);
            }
            Tok::Ident(name) => Node::Name(name),
            Tok::LParen => return self.parenthesized(t.span),
            other => {
                let message = format!(
                    "expected a number, a name or `(`, found {}",
                    other.describe()
                );
                return Err(Box::new(ExprError::new(t.span, message)));
            }
        };
        self.tree(Box::new(Expr { node, span: t.span }), 1)
    }

    /// `( … )` opened at `open`: its inner node, with the parentheses' span.
    fn parenthesized(&mut self, open: Range<usize>) -> Parsed {
        self.enter(&open)?;
        let inner = self.expr(OR)?;
        self.leave();
        let close = self.expect(&Tok::RParen, "`)`", Some(open.clone()))?;
        let mut expr = inner.expr;
        expr.span = open.start..close.span.end;
        self.tree(expr, inner.height + 1)
    }

    fn call(&mut self, name: String, name_span: Range<usize>) -> Parsed {
        let open = self.advance().span;
        let mut args = Vec::new();
        let mut height = 1;
        if !matches!(self.peek(), Tok::RParen) {
            loop {
                self.enter(&open)?;
                let arg = self.expr(OR)?;
                self.leave();
                height = height.max(arg.height + 1);
                args.push(*arg.expr);
                if matches!(self.peek(), Tok::Comma) {
                    self.advance();
                    continue;
                }
                break;
            }
        }
        let close = self.expect(&Tok::RParen, "`,` or `)`", Some(open))?;
        let expr = Expr {
            node: Node::Call(name, name_span.clone(), args),
            span: name_span.start..close.span.end,
        };
        self.tree(Box::new(expr), height)
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

    fn depth_error(src: &str) -> Option<Range<usize>> {
        parse(src)
            .err()
            .filter(|e| e.message == "the expression is nested too deeply (limit 256)")
            .map(|e| e.span)
    }

    #[test]
    fn nesting_and_chains_count_toward_one_depth_limit() {
        let nested = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&nested(MAX_DEPTH - 1)).is_ok());
        assert_eq!(depth_error(&nested(MAX_DEPTH)), Some(255..256));
        let chain = |n: usize| format!("1{}", "+1".repeat(n));
        assert!(parse(&chain(MAX_DEPTH - 1)).is_ok());
        assert!(depth_error(&chain(MAX_DEPTH)).is_some());
        // Parentheses around a chain: 100 levels plus a chain of 157.
        let mixed = format!(
            "{}1{}{}",
            "(".repeat(100),
            "+1".repeat(156),
            ")".repeat(100)
        );
        assert!(depth_error(&mixed).is_some());
        for prefix in ["-", "+", "not ", "abs(", "x["] {
            let src = format!("{}1", prefix.repeat(400));
            assert!(depth_error(&src).is_some(), "{prefix}");
        }
    }

    #[test]
    fn hostile_sizes_fail_quickly_without_overflowing_the_stack() {
        let run = |src: String| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || parse(&src).map(|_| ()))
                .unwrap()
                .join()
                .expect("no stack overflow")
        };
        let start = std::time::Instant::now();
        let nested = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(run(nested).is_err());
        assert!(run(format!("1{}", "+1".repeat(100_000))).is_err());
        assert!(run(format!("{}1", "-".repeat(100_000))).is_err());
        let err = run("1+".repeat(500_000) + "1").unwrap_err();
        assert_eq!(
            err.message,
            "the expression is too long (limit 10000 characters)"
        );
        assert_eq!(err.span, 10_000..10_001);
        assert!(start.elapsed().as_secs() < 5);
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
