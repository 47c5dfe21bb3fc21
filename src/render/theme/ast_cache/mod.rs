//! Parsed templates kept between builds: a template's name, path and text in, its parsed
//! [`Template`] out, taken from the cache folder (`.recpub-cache/templates/`) when this
//! program has parsed the same text before, else parsed and kept. Tera's parser backtracks
//! through every nested call (`t(key=…, label=t(…))`) and costs about 3,000 instructions per
//! byte of template: a quarter of a 1× build's work, on the path before any page renders.
//! Reading a kept template is a few hundredths of that. The entry is Tera's syntax tree in a
//! small binary form of our own (Tera's types have no serialisation); the key covers the
//! program (so another recpub, or another Tera, parses again), the name, the path and the
//! text, and the cache checks each entry's checksum ([`crate::cache`]). An entry that does
//! not decode is parsed again.

use std::collections::HashMap;

use anyhow::{Context, Result};
use tera::Template;
use tera::ast::{
    Block, Expr, ExprVal, FilterSection, Forloop, FunctionCall, If, MacroDefinition, Node, Set, WS,
};

use crate::cache::{self, Cache};

/// `text`, the template `name` read from `path`, parsed; from `cache` when kept there.
pub(in crate::render) fn template(
    cache: Option<&Cache>,
    name: &str,
    path: &str,
    text: &str,
) -> Result<Template> {
    let parse = || {
        Template::new(name, Some(path.to_string()), text)
            .with_context(|| format!("failed to parse {path}"))
    };
    let Some(cache) = cache else { return parse() };
    let key = cache::digest(&[
        cache::program_identity().as_bytes(),
        name.as_bytes(),
        path.as_bytes(),
        text.as_bytes(),
    ]);
    let mut parsed = None;
    let bytes = cache.get_or_make(&key, "tera", || {
        let template = parse()?;
        let bytes = encode(&template);
        parsed = Some(template);
        Ok(bytes)
    })?;
    match parsed {
        Some(template) => Ok(template),
        None => decode(name, path, &bytes).map_or_else(parse, Ok),
    }
}

/// What [`Template::new`] makes of a text, before the templates are linked.
fn encode(t: &Template) -> Vec<u8> {
    let mut w = Vec::new();
    nodes(&mut w, &t.ast);
    opt(&mut w, t.parent.as_deref(), string);
    sorted(&mut w, &t.blocks, block);
    sorted(&mut w, &t.macros, macro_def);
    count(&mut w, t.imported_macro_files.len());
    for (file, namespace) in &t.imported_macro_files {
        string(&mut w, file);
        string(&mut w, namespace);
    }
    w
}

/// The template [`encode`] wrote, or `None` if `bytes` are not one.
fn decode(name: &str, path: &str, bytes: &[u8]) -> Option<Template> {
    let mut r = Reader(bytes);
    let ast = r.nodes()?;
    let parent = r.opt(Reader::string)?;
    let blocks = r.map(Reader::block)?;
    let macros = r.map(Reader::macro_def)?;
    let imported_macro_files = r.list(|r| Some((r.string()?, r.string()?)))?;
    r.0.is_empty().then(|| Template {
        name: name.to_string(),
        path: Some(path.to_string()),
        ast,
        from_extend: false,
        macros,
        imported_macro_files,
        parent,
        blocks,
        parents: Vec::new(),
        blocks_definitions: HashMap::new(),
    })
}

// --- writing ----------------------------------------------------------------------------

fn count(w: &mut Vec<u8>, n: usize) {
    w.extend_from_slice(&(n as u32).to_le_bytes());
}

fn string(w: &mut Vec<u8>, s: &str) {
    count(w, s.len());
    w.extend_from_slice(s.as_bytes());
}

fn flag(w: &mut Vec<u8>, b: bool) {
    w.push(u8::from(b));
}

fn ws(w: &mut Vec<u8>, ws: &WS) {
    w.push(u8::from(ws.left) | (u8::from(ws.right) << 1));
}

fn opt<T: ?Sized>(w: &mut Vec<u8>, v: Option<&T>, f: impl Fn(&mut Vec<u8>, &T)) {
    flag(w, v.is_some());
    if let Some(v) = v {
        f(w, v);
    }
}

/// A map, by its keys in order (so that equal maps make equal bytes).
fn sorted<T>(w: &mut Vec<u8>, map: &HashMap<String, T>, f: impl Fn(&mut Vec<u8>, &T)) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    count(w, keys.len());
    for k in keys {
        string(w, k);
        f(w, &map[k]);
    }
}

fn nodes(w: &mut Vec<u8>, ns: &[Node]) {
    count(w, ns.len());
    for n in ns {
        node(w, n);
    }
}

fn node(w: &mut Vec<u8>, n: &Node) {
    w.push(node_tag(n));
    match n {
        Node::Super => {}
        Node::Text(s) => string(w, s),
        Node::VariableBlock(a, e) => {
            ws(w, a);
            expr(w, e);
        }
        Node::MacroDefinition(a, m, b) => {
            ws(w, a);
            macro_def(w, m);
            ws(w, b);
        }
        Node::Extends(a, s) => {
            ws(w, a);
            string(w, s);
        }
        Node::Include(a, names, missing) => {
            ws(w, a);
            count(w, names.len());
            names.iter().for_each(|s| string(w, s));
            flag(w, *missing);
        }
        Node::ImportMacro(a, file, namespace) => {
            ws(w, a);
            string(w, file);
            string(w, namespace);
        }
        Node::Set(a, s) => {
            ws(w, a);
            set(w, s);
        }
        Node::Raw(a, s, b) => {
            ws(w, a);
            string(w, s);
            ws(w, b);
        }
        Node::FilterSection(a, f, b) => {
            ws(w, a);
            filter_section(w, f);
            ws(w, b);
        }
        Node::Block(a, bl, b) => {
            ws(w, a);
            block(w, bl);
            ws(w, b);
        }
        Node::Forloop(a, f, b) => {
            ws(w, a);
            forloop(w, f);
            ws(w, b);
        }
        Node::If(i, a) => {
            if_node(w, i);
            ws(w, a);
        }
        Node::Break(a) | Node::Continue(a) => ws(w, a),
        Node::Comment(a, s) => {
            ws(w, a);
            string(w, s);
        }
    }
}

/// Each kind of node's first byte ([`read`] reads them in this order).
fn node_tag(n: &Node) -> u8 {
    match n {
        Node::Super => 0,
        Node::Text(_) => 1,
        Node::VariableBlock(..) => 2,
        Node::MacroDefinition(..) => 3,
        Node::Extends(..) => 4,
        Node::Include(..) => 5,
        Node::ImportMacro(..) => 6,
        Node::Set(..) => 7,
        Node::Raw(..) => 8,
        Node::FilterSection(..) => 9,
        Node::Block(..) => 10,
        Node::Forloop(..) => 11,
        Node::If(..) => 12,
        Node::Break(_) => 13,
        Node::Continue(_) => 14,
        Node::Comment(..) => 15,
    }
}

fn macro_def(w: &mut Vec<u8>, m: &MacroDefinition) {
    string(w, &m.name);
    sorted(w, &m.args, |w, d| opt(w, d.as_ref(), expr));
    nodes(w, &m.body);
}

fn set(w: &mut Vec<u8>, s: &Set) {
    string(w, &s.key);
    expr(w, &s.value);
    flag(w, s.global);
}

fn filter_section(w: &mut Vec<u8>, f: &FilterSection) {
    call(w, &f.filter);
    nodes(w, &f.body);
}

fn block(w: &mut Vec<u8>, b: &Block) {
    string(w, &b.name);
    nodes(w, &b.body);
}

fn forloop(w: &mut Vec<u8>, f: &Forloop) {
    opt(w, f.key.as_deref(), string);
    string(w, &f.value);
    expr(w, &f.container);
    nodes(w, &f.body);
    opt(w, f.empty_body.as_deref(), nodes);
}

fn if_node(w: &mut Vec<u8>, i: &If) {
    count(w, i.conditions.len());
    for (a, e, body) in &i.conditions {
        ws(w, a);
        expr(w, e);
        nodes(w, body);
    }
    opt(w, i.otherwise.as_ref(), |w, (a, body)| {
        ws(w, a);
        nodes(w, body);
    });
}

fn call(w: &mut Vec<u8>, c: &FunctionCall) {
    string(w, &c.name);
    sorted(w, &c.args, expr);
}

fn exprs(w: &mut Vec<u8>, es: &[Expr]) {
    count(w, es.len());
    es.iter().for_each(|e| expr(w, e));
}

fn expr(w: &mut Vec<u8>, e: &Expr) {
    expr_val(w, &e.val);
    flag(w, e.negated);
    count(w, e.filters.len());
    e.filters.iter().for_each(|f| call(w, f));
}

fn expr_val(w: &mut Vec<u8>, v: &ExprVal) {
    match v {
        ExprVal::String(s) => {
            w.push(0);
            string(w, s);
        }
        ExprVal::Int(i) => {
            w.push(1);
            w.extend_from_slice(&i.to_le_bytes());
        }
        ExprVal::Float(f) => {
            w.push(2);
            w.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        ExprVal::Bool(b) => {
            w.push(3);
            flag(w, *b);
        }
        ExprVal::Ident(s) => {
            w.push(4);
            string(w, s);
        }
        ExprVal::Math(m) => {
            w.push(5);
            expr(w, &m.lhs);
            expr(w, &m.rhs);
            w.push(
                read::MATH
                    .iter()
                    .position(|o| *o == m.operator)
                    .unwrap_or(0) as u8,
            );
        }
        ExprVal::Logic(l) => {
            w.push(6);
            expr(w, &l.lhs);
            expr(w, &l.rhs);
            w.push(
                read::LOGIC
                    .iter()
                    .position(|o| *o == l.operator)
                    .unwrap_or(0) as u8,
            );
        }
        ExprVal::Test(t) => {
            w.push(7);
            string(w, &t.ident);
            flag(w, t.negated);
            string(w, &t.name);
            exprs(w, &t.args);
        }
        ExprVal::MacroCall(m) => {
            w.push(8);
            string(w, &m.namespace);
            string(w, &m.name);
            sorted(w, &m.args, expr);
        }
        ExprVal::FunctionCall(c) => {
            w.push(9);
            call(w, c);
        }
        ExprVal::Array(es) => {
            w.push(10);
            exprs(w, es);
        }
        ExprVal::StringConcat(c) => {
            w.push(11);
            count(w, c.values.len());
            c.values.iter().for_each(|v| expr_val(w, v));
        }
        ExprVal::In(i) => {
            w.push(12);
            expr(w, &i.lhs);
            expr(w, &i.rhs);
            flag(w, i.negated);
        }
    }
}

mod read;
use read::Reader;

#[cfg(test)]
mod tests;
