//! The theme's accent colour: its stylesheet (`static/style.css`) in, the `--accent` colours it
//! declares out, for what cannot read a CSS variable: `theme-color`, the brief download's own
//! styles, the theme's static SVGs (`var(--accent)` in them becomes the colour) and the
//! preview images. The stylesheet is the one place a maintainer changes the colour.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::inputs::{STATIC, STYLESHEET};

/// What the theme's static SVGs write where the accent goes.
const SVG_PLACEHOLDER: &str = "var(--accent)";

/// The accent colours a theme declares, each `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Accent {
    /// The `--accent` of the light scheme (the first declaration).
    pub(crate) light: String,
    /// The `--accent` declared inside `@media (prefers-color-scheme: dark)`, if any.
    pub(crate) dark: Option<String>,
}

impl Accent {
    /// Reads the accent declarations of `static/style.css` in the theme folder `theme`.
    pub(crate) fn load(theme: &Path) -> Result<Accent> {
        let path = theme.join(STATIC).join(STYLESHEET);
        if !path.is_file() {
            bail!(
                "theme {}: no static/{STYLESHEET} (it declares the accent colour, `--accent: #rrggbb;`)",
                theme.display()
            );
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        parse(&text, &path.display().to_string())
    }

    /// A static file as published: in an SVG, `var(--accent)` is the light accent (an icon
    /// is drawn outside the page, where no CSS variable reaches it).
    pub(crate) fn fill_static(&self, rel: &str, bytes: Vec<u8>) -> Vec<u8> {
        if !rel.ends_with(".svg") {
            return bytes;
        }
        match String::from_utf8(bytes) {
            Ok(text) if text.contains(SVG_PLACEHOLDER) => {
                text.replace(SVG_PLACEHOLDER, &self.light).into_bytes()
            }
            Ok(text) => text.into_bytes(),
            Err(e) => e.into_bytes(),
        }
    }
}

/// The `--accent` declarations of `css` (shown as `shown` in errors): the first is the light
/// one, one after `prefers-color-scheme: dark` the dark one. A value that is not `#rrggbb`
/// is an error at its line and column.
fn parse(css: &str, shown: &str) -> Result<Accent> {
    let (mut light, mut dark) = (None, None);
    let mut in_dark = false;
    for (n, line) in css.lines().enumerate() {
        if line.contains("prefers-color-scheme: dark") {
            in_dark = true;
        }
        let Some(at) = line.find("--accent:") else {
            continue;
        };
        let start = at + "--accent:".len();
        let rest = &line[start..];
        let skipped = rest.len() - rest.trim_start().len();
        let value = rest.trim_start();
        let value = value.split(';').next().unwrap_or("").trim_end();
        if !is_hex_colour(value) {
            let col = line[..start + skipped].chars().count() + 1;
            bail!(
                "{shown}:{}:{col}: --accent must be a colour written #rrggbb (six hexadecimal digits), not {value:?}",
                n + 1
            );
        }
        let slot = if in_dark { &mut dark } else { &mut light };
        slot.get_or_insert_with(|| value.to_ascii_lowercase());
    }
    let Some(light) = light else {
        bail!("{shown}: declares no --accent colour (`--accent: #1f4e79;` in `:root`)");
    };
    Ok(Accent { light, dark })
}

fn is_hex_colour(v: &str) -> bool {
    v.len() == 7 && v.starts_with('#') && v[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_light_and_dark_accents() {
        let css = ":root {\n  --accent: #1F4E79;\n}\n@media (prefers-color-scheme: dark) {\n  :root { --accent: #8cc4ff; }\n}\n";
        let a = parse(css, "s.css").unwrap();
        assert_eq!(a.light, "#1f4e79");
        assert_eq!(a.dark.as_deref(), Some("#8cc4ff"));
        let a = parse(":root { --accent: #abcdef; }", "s.css").unwrap();
        assert_eq!(a.dark, None);
    }

    #[test]
    fn a_value_that_is_not_rrggbb_is_located() {
        let err = parse(":root {\n  --accent:  blue;\n}\n", "s.css").unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.css:2:14: --accent must be a colour written #rrggbb (six hexadecimal digits), not \"blue\""
        );
        for bad in ["#fff", "#12345g", "rgb(1,2,3)", "#1234567"] {
            assert!(
                parse(&format!(":root {{ --accent: {bad}; }}"), "s").is_err(),
                "{bad}"
            );
        }
        assert!(parse(":root { --bg: #fff; }", "s.css").is_err());
    }

    #[test]
    fn svgs_get_the_light_accent_other_files_are_untouched() {
        let a = Accent {
            light: "#123456".into(),
            dark: None,
        };
        let svg = br#"<rect fill="var(--accent)"/>"#.to_vec();
        assert_eq!(
            a.fill_static("favicon.svg", svg.clone()),
            br##"<rect fill="#123456"/>"##
        );
        assert_eq!(a.fill_static("style.css", svg.clone()), svg);
    }
}
