//! Reading what the parent module wrote: each `Option` is `None` as soon as the bytes end
//! early or hold a tag that names nothing (the template is then parsed again).

use std::collections::HashMap;

use tera::ast::{
    Block, Expr, ExprVal, FilterSection, Forloop, FunctionCall, If, In, LogicExpr, LogicOperator,
    MacroCall, MacroDefinition, MathExpr, MathOperator, Node, Set, StringConcat, Test, WS,
};

/// The operators by their number in the written form.
pub(super) const MATH: [MathOperator; 5] = [
    MathOperator::Add,
    MathOperator::Sub,
    MathOperator::Mul,
    MathOperator::Div,
    MathOperator::Modulo,
];
pub(super) const LOGIC: [LogicOperator; 8] = [
    LogicOperator::Gt,
    LogicOperator::Gte,
    LogicOperator::Lt,
    LogicOperator::Lte,
    LogicOperator::Eq,
    LogicOperator::NotEq,
    LogicOperator::And,
    LogicOperator::Or,
];

/// The bytes not read yet.
pub(super) struct Reader<'b>(pub(super) &'b [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn count(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }

    pub(super) fn string(&mut self) -> Option<String> {
        let n = self.count()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn ws(&mut self) -> Option<WS> {
        let b = self.byte()?;
        (b < 4).then_some(WS {
            left: b & 1 != 0,
            right: b & 2 != 0,
        })
    }

    pub(super) fn opt<T>(&mut self, f: impl Fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        Some(if self.flag()? { Some(f(self)?) } else { None })
    }

    pub(super) fn list<T>(&mut self, f: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        // Each item takes a byte at least: a count beyond the bytes left is damage.
        if n > self.0.len() {
            return None;
        }
        (0..n).map(|_| f(self)).collect()
    }

    pub(super) fn map<T>(
        &mut self,
        f: impl Fn(&mut Self) -> Option<T>,
    ) -> Option<HashMap<String, T>> {
        Some(
            self.list(|r| Some((r.string()?, f(r)?)))?
                .into_iter()
                .collect(),
        )
    }

    pub(super) fn nodes(&mut self) -> Option<Vec<Node>> {
        self.list(Self::node)
    }

    fn node(&mut self) -> Option<Node> {
        Some(match self.byte()? {
            0 => Node::Super,
            1 => Node::Text(self.string()?),
            2 => Node::VariableBlock(self.ws()?, self.expr()?),
            3 => Node::MacroDefinition(self.ws()?, self.macro_def()?, self.ws()?),
            4 => Node::Extends(self.ws()?, self.string()?),
            5 => Node::Include(self.ws()?, self.list(Self::string)?, self.flag()?),
            6 => Node::ImportMacro(self.ws()?, self.string()?, self.string()?),
            7 => Node::Set(self.ws()?, self.set()?),
            8 => Node::Raw(self.ws()?, self.string()?, self.ws()?),
            9 => Node::FilterSection(self.ws()?, self.filter_section()?, self.ws()?),
            10 => Node::Block(self.ws()?, self.block()?, self.ws()?),
            11 => Node::Forloop(self.ws()?, self.forloop()?, self.ws()?),
            12 => Node::If(self.if_node()?, self.ws()?),
            13 => Node::Break(self.ws()?),
            14 => Node::Continue(self.ws()?),
            15 => Node::Comment(self.ws()?, self.string()?),
            _ => return None,
        })
    }

    pub(super) fn macro_def(&mut self) -> Option<MacroDefinition> {
        Some(MacroDefinition {
            name: self.string()?,
            args: self.map(|r| r.opt(Self::expr))?,
            body: self.nodes()?,
        })
    }

    fn set(&mut self) -> Option<Set> {
        Some(Set {
            key: self.string()?,
            value: self.expr()?,
            global: self.flag()?,
        })
    }

    fn filter_section(&mut self) -> Option<FilterSection> {
        Some(FilterSection {
            filter: self.call()?,
            body: self.nodes()?,
        })
    }

    pub(super) fn block(&mut self) -> Option<Block> {
        Some(Block {
            name: self.string()?,
            body: self.nodes()?,
        })
    }

    fn forloop(&mut self) -> Option<Forloop> {
        Some(Forloop {
            key: self.opt(Self::string)?,
            value: self.string()?,
            container: self.expr()?,
            body: self.nodes()?,
            empty_body: self.opt(Self::nodes)?,
        })
    }

    fn if_node(&mut self) -> Option<If> {
        Some(If {
            conditions: self.list(|r| Some((r.ws()?, r.expr()?, r.nodes()?)))?,
            otherwise: self.opt(|r| Some((r.ws()?, r.nodes()?)))?,
        })
    }

    fn call(&mut self) -> Option<FunctionCall> {
        Some(FunctionCall {
            name: self.string()?,
            args: self.map(Self::expr)?,
        })
    }

    fn expr(&mut self) -> Option<Expr> {
        Some(Expr {
            val: self.expr_val()?,
            negated: self.flag()?,
            filters: self.list(Self::call)?,
        })
    }

    fn boxed(&mut self) -> Option<Box<Expr>> {
        self.expr().map(Box::new)
    }

    fn expr_val(&mut self) -> Option<ExprVal> {
        Some(match self.byte()? {
            0 => ExprVal::String(self.string()?),
            1 => ExprVal::Int(self.u64()? as i64),
            2 => ExprVal::Float(f64::from_bits(self.u64()?)),
            3 => ExprVal::Bool(self.flag()?),
            4 => ExprVal::Ident(self.string()?),
            5 => ExprVal::Math(MathExpr {
                lhs: self.boxed()?,
                rhs: self.boxed()?,
                operator: *MATH.get(usize::from(self.byte()?))?,
            }),
            6 => ExprVal::Logic(LogicExpr {
                lhs: self.boxed()?,
                rhs: self.boxed()?,
                operator: *LOGIC.get(usize::from(self.byte()?))?,
            }),
            7 => ExprVal::Test(Test {
                ident: self.string()?,
                negated: self.flag()?,
                name: self.string()?,
                args: self.list(Self::expr)?,
            }),
            8 => ExprVal::MacroCall(MacroCall {
                namespace: self.string()?,
                name: self.string()?,
                args: self.map(Self::expr)?,
            }),
            9 => ExprVal::FunctionCall(self.call()?),
            10 => ExprVal::Array(self.list(Self::expr)?),
            11 => ExprVal::StringConcat(StringConcat {
                values: self.list(Self::expr_val)?,
            }),
            12 => ExprVal::In(In {
                lhs: self.boxed()?,
                rhs: self.boxed()?,
                negated: self.flag()?,
            }),
            _ => return None,
        })
    }
}
