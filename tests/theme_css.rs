//! The default theme's stylesheets use standard CSS only: every property is one the W3C CSS
//! validator knows (its "CSS level 3 + SVG" profile), none has a vendor prefix, and no value
//! or selector relies on one, but the `::-webkit-details-marker` selector (which the validator
//! reports as a warning, not an error, and Safari still needs to hide a disclosure's marker).

use std::fs;

use crate::common;

/// The properties the theme may use: each checked against the W3C CSS validator's list of CSS 3
/// and SVG properties. A new property goes here once the validator is known to accept it.
const STANDARD: &[&str] = &[
    "align-content",
    "align-items",
    "align-self",
    "background",
    "border",
    "border-bottom",
    "border-collapse",
    "border-left",
    "border-left-width",
    "border-radius",
    "border-spacing",
    "border-top",
    "box-sizing",
    "break-after",
    "break-inside",
    "clip",
    "color",
    "color-scheme",
    "contain-intrinsic-size",
    "content",
    "content-visibility",
    "cursor",
    "display",
    "flex",
    "flex-direction",
    "flex-wrap",
    "float",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "gap",
    "grid-template-columns",
    "height",
    "inset",
    "justify-content",
    "left",
    "line-height",
    "list-style",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "max-height",
    "max-width",
    "min-height",
    "min-width",
    "orphans",
    "outline",
    "outline-offset",
    "overflow",
    "overflow-wrap",
    "overflow-x",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "pointer-events",
    "position",
    "right",
    "text-align",
    "text-decoration",
    "text-decoration-thickness",
    "text-underline-offset",
    "top",
    "vertical-align",
    "white-space",
    "widows",
    "width",
    "z-index",
];

/// The one vendor-prefixed selector kept (a warning for the validator, not an error).
const VENDOR_SELECTOR: &str = "::-webkit-details-marker";

/// `css` without its comments.
fn strip_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("an unclosed comment");
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// The stylesheet's declarations (`name: value`) and selectors (and at-rule preludes), in
/// order: a run of text ended by `{` is a selector, one ended by `;` or `}` a declaration.
fn parts(css: &str) -> (Vec<(String, String)>, Vec<String>) {
    let (mut declarations, mut selectors) = (Vec::new(), Vec::new());
    let mut run = String::new();
    for c in strip_comments(css).chars() {
        if !matches!(c, '{' | '}' | ';') {
            run.push(c);
            continue;
        }
        let text = run.trim().to_string();
        run.clear();
        if c == '{' {
            selectors.push(text);
        } else if !text.is_empty() {
            let (name, value) = text
                .split_once(':')
                .unwrap_or_else(|| panic!("not a declaration: {text:?}"));
            declarations.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    (declarations, selectors)
}

fn stylesheets() -> Vec<(String, String)> {
    let dir = common::root().join("themes/default/static");
    let mut sheets: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    sheets.sort();
    assert!(sheets.iter().any(|(n, _)| n == "style.css"), "{sheets:?}");
    sheets
}

#[test]
fn every_property_is_standard_and_unprefixed() {
    for (name, css) in stylesheets() {
        let (declarations, _) = parts(&css);
        assert!(declarations.len() > 10, "{name}: {declarations:?}");
        for (property, value) in declarations {
            if property.starts_with("--") {
                continue; // a custom property: any name is valid
            }
            assert!(
                STANDARD.contains(&property.as_str()),
                "{name}: `{property}: {value}` is not a property the CSS validator accepts"
            );
            assert!(
                !value.contains("-webkit-") && !value.contains("-moz-") && !value.contains("-ms-"),
                "{name}: `{property}: {value}` uses a vendor value"
            );
        }
    }
}

#[test]
fn no_selector_relies_on_a_vendor_prefix_but_the_details_marker() {
    for (name, css) in stylesheets() {
        let (_, selectors) = parts(&css);
        for selector in selectors {
            let rest = selector.replace(VENDOR_SELECTOR, "");
            assert!(
                !rest.contains("-webkit-") && !rest.contains("-moz-") && !rest.contains("-ms-"),
                "{name}: `{selector}` uses a vendor prefix"
            );
        }
    }
}

#[test]
fn the_checker_finds_what_it_must_refuse() {
    let (declarations, selectors) = parts(
        "/* a { line-clamp: 3 } */ a:hover { -webkit-line-clamp: 3; display: -webkit-box }\n\
         @media (min-width: 1px) { b::-moz-focus-inner { color: red; } }",
    );
    let names: Vec<&str> = declarations.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["-webkit-line-clamp", "display", "color"]);
    assert_eq!(declarations[1].1, "-webkit-box");
    assert_eq!(
        selectors,
        ["a:hover", "@media (min-width: 1px)", "b::-moz-focus-inner"]
    );
    assert!(!STANDARD.contains(&"line-clamp"));
}
