use super::*;

/// The default theme's templates, each as `(name, text)`.
fn theme_templates() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(&dir).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            out.push((name.to_string_lossy().into_owned(), text));
        }
    }
    assert!(out.len() > 10, "{}", dir.display());
    out
}

/// Every field [`Template::new`] fills, compared.
fn assert_same(a: &Template, b: &Template) {
    assert_eq!(a.name, b.name);
    assert_eq!(a.path, b.path);
    assert_eq!(a.ast, b.ast, "{}", a.name);
    assert_eq!(a.parent, b.parent);
    assert_eq!(a.blocks, b.blocks);
    assert_eq!(a.macros, b.macros);
    assert_eq!(a.imported_macro_files, b.imported_macro_files);
    assert_eq!(a.from_extend, b.from_extend);
    assert!(b.parents.is_empty() && b.blocks_definitions.is_empty());
}

#[test]
fn every_template_of_the_theme_reads_back_as_parsed() {
    for (name, text) in theme_templates() {
        let parsed = Template::new(&name, Some("p".into()), &text).unwrap();
        let read = decode(&name, "p", &encode(&parsed)).expect(&name);
        assert_same(&parsed, &read);
    }
}

#[test]
fn every_kind_of_node_and_expression_reads_back() {
    let text = r#"{% extends "base.html" %}{% import "m.html" as m %}{# note #}
{% macro f(a, b=1, c="x", d=true, e=1.5) %}{{ a }}{% endmacro f %}
{% block x %}{{ super() }}{%- set v = [1, -2, "s"] | length -%}{% set_global g = not v %}
{% raw %}{{ raw }}{% endraw %}{% filter upper %}t{% endfilter %}
{% for k, v in map | reverse %}{% if loop.first %}{% break %}{% elif k is defined %}{% continue %}{% else %}{% endif %}{% else %}e{% endfor %}
{{ a ~ "b" ~ f(x=1) }}{{ (1 + 2) * 3 / 4 % 5 - 6 }}{{ a and b or c >= d and c != e }}
{{ x is not starting_with("a") }}{{ a not in [1, 2] }}{{ m::f(a=1) }}{% include ["a.html", "b.html"] ignore missing %}
{% endblock x %}"#;
    let parsed = Template::new("all", Some("p".into()), text).unwrap();
    let read = decode("all", "p", &encode(&parsed)).unwrap();
    assert_same(&parsed, &read);
}

#[test]
fn cut_or_damaged_bytes_read_as_nothing() {
    let (name, text) = &theme_templates()[0];
    let bytes = encode(&Template::new(name, None, text).unwrap());
    for n in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(name, "p", &bytes[..n]).is_none(), "cut at {n}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(name, "p", &longer).is_none());
    let mut bad = bytes;
    bad[4] = 200;
    assert!(decode(name, "p", &bad).is_none());
}

#[test]
fn a_kept_template_is_used_and_a_parse_error_is_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(tmp.path());
    let first = template(Some(&cache), "a.html", "t/a.html", "<b>{{ x }}</b>").unwrap();
    let again = template(Some(&cache), "a.html", "t/a.html", "<b>{{ x }}</b>").unwrap();
    assert_same(&first, &again);
    assert_eq!(cache.made(), 1, "the second was read, not parsed");
    let e = template(Some(&cache), "b.html", "t/b.html", "{% if %}").unwrap_err();
    assert!(
        format!("{e:#}").contains("failed to parse t/b.html"),
        "{e:#}"
    );
    let kept = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(kept, 1, "only the template that parsed is kept");
}
