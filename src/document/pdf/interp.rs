//! Running a page's content stream far enough to know where text lands:
//! the graphics state's matrix (`cm`, `q`, `Q`), the text state (`Tf`, `Tc`,
//! `Tw`, `Tz`, `TL`, `Ts`), text positioning (`Td`, `TD`, `Tm`, `T*`) and
//! showing (`Tj`, `TJ`, `'`, `"`), and form XObjects (`Do`), nested at most
//! [`MAX_FORM_DEPTH`] deep. Every shown string becomes a [`Run`].

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use super::font::Font;
use super::lines::Run;

/// How deeply form XObjects may nest (a form drawing itself would never end).
const MAX_FORM_DEPTH: usize = 8;

/// A 2-D affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other` (apply `self` first).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How much the matrix scales vertical distances.
    fn vertical_scale(self) -> f32 {
        self.0[2].hypot(self.0[3])
    }
}

/// The parts of the graphics state that text placement needs.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Fonts already built, by the address of their dictionary in the document
/// (shared between pages, so each font's CMap is parsed once).
pub(super) type FontCache = HashMap<usize, Rc<Font>>;

/// Runs content streams and collects the text runs they show.
pub(super) struct Interpreter<'d> {
    doc: &'d Document,
    fonts: &'d mut FontCache,
    /// Operations still allowed for the whole document.
    pub budget: usize,
    /// The most bytes a stream may decompress to.
    pub limit: usize,
    /// What was shown.
    pub runs: Vec<Run>,
    /// Whether some text was in a font that cannot be decoded.
    pub undecodable: bool,
    state: State,
    stack: Vec<State>,
    text: Matrix,
    line: Matrix,
}

impl<'d> Interpreter<'d> {
    /// An interpreter for `doc`, running at most `budget` operations.
    pub fn new(doc: &'d Document, fonts: &'d mut FontCache, budget: usize, limit: usize) -> Self {
        Interpreter {
            doc,
            fonts,
            budget,
            limit,
            runs: Vec::new(),
            undecodable: false,
            state: State {
                ctm: Matrix::IDENTITY,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            text: Matrix::IDENTITY,
            line: Matrix::IDENTITY,
        }
    }

    /// Runs `content` with `resources`; `Err` once the budget is spent.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), String> {
        self.spend(content.len() / 16)?;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.spend(1)?;
            self.operation(&op.operator, &op.operands, resources, depth)?;
        }
        Ok(())
    }

    /// Takes `cost` from the budget; `Err` once it is spent.
    fn spend(&mut self, cost: usize) -> Result<(), String> {
        self.budget = self.budget.checked_sub(cost).ok_or_else(|| {
            "it asks for more drawing work than a file of its size should".to_string()
        })?;
        Ok(())
    }

    fn operation(
        &mut self,
        operator: &str,
        operands: &[Object],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), String> {
        let num = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
        match operator {
            "q" if self.stack.len() < 1024 => self.stack.push(self.state.clone()),
            "Q" => self.state = self.stack.pop().unwrap_or_else(|| self.state.clone()),
            "cm" => self.state.ctm = matrix(operands).then(self.state.ctm),
            "BT" => (self.text, self.line) = (Matrix::IDENTITY, Matrix::IDENTITY),
            "Tf" => self.set_font(operands, resources),
            "Tc" => self.state.char_spacing = num(0),
            "Tw" => self.state.word_spacing = num(0),
            "Tz" => self.state.scale = num(0) / 100.0,
            "TL" => self.state.leading = num(0),
            "Ts" => self.state.rise = num(0),
            "Td" => self.move_line(num(0), num(1)),
            "TD" => {
                self.state.leading = -num(1);
                self.move_line(num(0), num(1));
            }
            "Tm" => {
                self.line = matrix(operands);
                self.text = self.line;
            }
            "T*" => self.next_line(),
            "Tj" => self.show_operand(operands.first()),
            "'" => {
                self.next_line();
                self.show_operand(operands.first());
            }
            "\"" => {
                self.state.word_spacing = num(0);
                self.state.char_spacing = num(1);
                self.next_line();
                self.show_operand(operands.get(2));
            }
            "TJ" => self.show_array(operands.first()),
            "Do" => self.form(operands, resources, depth)?,
            _ => {}
        }
        Ok(())
    }

    fn move_line(&mut self, x: f32, y: f32) {
        self.line = Matrix::translate(x, y).then(self.line);
        self.text = self.line;
    }

    fn next_line(&mut self) {
        self.move_line(0.0, -self.state.leading);
    }

    fn set_font(&mut self, operands: &[Object], resources: &[&Dictionary]) {
        self.state.size = operands.get(1).and_then(number).unwrap_or(0.0);
        let name = operands.first().and_then(|o| o.as_name().ok());
        let dict = name.and_then(|n| {
            resources.iter().find_map(|r| {
                let fonts = r.get_deref(b"Font", self.doc).ok()?.as_dict().ok()?;
                fonts.get_deref(n, self.doc).ok()?.as_dict().ok()
            })
        });
        let font = match dict {
            Some(d) => {
                let key = std::ptr::from_ref(d) as usize;
                let (doc, limit) = (self.doc, self.limit);
                Rc::clone(
                    self.fonts
                        .entry(key)
                        .or_insert_with(|| Rc::new(Font::new(doc, d, limit))),
                )
            }
            None => Rc::clone(
                self.fonts
                    .entry(0)
                    .or_insert_with(|| Rc::new(Font::fallback(self.doc))),
            ),
        };
        self.state.font = Some(font);
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    fn show_array(&mut self, operand: Option<&Object>) {
        let Some(Object::Array(items)) = operand else {
            return;
        };
        for item in items {
            match item {
                Object::String(bytes, _) => self.show(bytes),
                other => {
                    let adjust = number(other).unwrap_or(0.0);
                    let tx = -adjust / 1000.0 * self.state.size * self.state.scale;
                    self.text = Matrix::translate(tx, 0.0).then(self.text);
                }
            }
        }
    }

    /// Shows a string: decodes it, advances the text matrix, records a run.
    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else {
            return;
        };
        if !font.decodes() {
            self.undecodable = true;
        }
        let st = &self.state;
        let to_device = Matrix([st.scale, 0.0, 0.0, 1.0, 0.0, st.rise])
            .then(self.text)
            .then(st.ctm);
        let (x0, y) = to_device.apply(0.0, 0.0);
        let size = st.size.abs() * self.text.then(st.ctm).vertical_scale();
        let mut text = String::new();
        let mut advance = 0.0;
        for (glyph, width, space) in font.show(bytes).glyphs {
            let extra = if space { st.word_spacing } else { 0.0 };
            advance += (width / 1000.0 * st.size + st.char_spacing + extra) * st.scale;
            text.push_str(&glyph);
        }
        let (x1, _) = Matrix::translate(advance, 0.0)
            .then(to_device)
            .apply(0.0, 0.0);
        self.text = Matrix::translate(advance, 0.0).then(self.text);
        if !text.is_empty() {
            self.runs.push(Run {
                x0: x0.min(x1),
                x1: x0.max(x1),
                y,
                size: if size > 0.0 { size } else { 1.0 },
                text,
            });
        }
    }

    /// `Do` on a form XObject: its content with its own matrix and resources.
    fn form(
        &mut self,
        operands: &[Object],
        resources: &[&Dictionary],
        depth: usize,
    ) -> Result<(), String> {
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Some(name) = operands.first().and_then(|o| o.as_name().ok()) else {
            return Ok(());
        };
        let doc = self.doc;
        let stream = resources.iter().find_map(|r| {
            let xobjects = r.get_deref(b"XObject", doc).ok()?.as_dict().ok()?;
            xobjects.get_deref(name, doc).ok()?.as_stream().ok()
        });
        let Some(stream) = stream else { return Ok(()) };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        let Ok(content) = stream.get_plain_content_with_limit(self.limit) else {
            return Ok(());
        };
        let own = stream
            .dict
            .get_deref(b"Resources", doc)
            .ok()
            .and_then(|o| o.as_dict().ok());
        let mut inner: Vec<&Dictionary> = own.into_iter().collect();
        inner.extend_from_slice(resources);
        let saved = (self.state.clone(), self.text, self.line);
        let form_matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .map_or(Matrix::IDENTITY, |m| matrix(m));
        self.state.ctm = form_matrix.then(self.state.ctm);
        let outcome = self.run(&content, &inner, depth + 1);
        (self.state, self.text, self.line) = saved;
        outcome
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn matrix(operands: &[Object]) -> Matrix {
    let mut m = Matrix::IDENTITY.0;
    if operands.len() >= 6 {
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = number(o).unwrap_or(0.0);
        }
    }
    Matrix(m)
}
