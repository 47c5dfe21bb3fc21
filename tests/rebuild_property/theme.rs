//! Edits of the theme, as a maintainer makes them in `themes/default/`: a template, a string
//! of `i18n/en.toml`, a static file (the stylesheet's accent colour, a script, a file added or
//! deleted); each good, or one the build refuses.

use super::Edit;
use super::Expect::{Accept, Refuse};
use super::files::{Files, Rng};

const TEMPLATES: &str = "themes/default/templates";
const STRINGS: &str = "themes/default/i18n/en.toml";
const STATIC: &str = "themes/default/static";
/// Templates with a page heading, a mark added inside it.
const HEADED: [&str; 8] = [
    "home.html",
    "recommendation.html",
    "party.html",
    "listing.html",
    "page.html",
    "release.html",
    "brief.html",
    "search.html",
];

pub fn template(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let footer = format!("{TEMPLATES}/footer.html");
    match rng.below(7) {
        0 => {
            let text = f.read(&footer);
            f.write(&footer, &format!("{text}{{% if site %}}<p>Unclosed</p>\n"));
            Edit::new("footer.html: an unclosed tag".into(), Refuse)
        }
        1 => {
            let text = f.read(&footer);
            f.write(&footer, &format!("{text}<p>{{{{ no_such_value }}}}</p>\n"));
            Edit::new("footer.html: an unknown value".into(), Refuse)
        }
        2 => {
            let text = f.read(&footer);
            f.write(
                &footer,
                &format!("{text}<p><a href=\"/nowhere/\">x</a></p>\n"),
            );
            Edit::new("footer.html: a link to no page".into(), Refuse)
        }
        3 => {
            let text = f.read(&footer);
            f.write(&footer, &format!("{text}<p>Edited {step}</p>\n"));
            Edit::new("footer.html: a line added".into(), Accept)
        }
        4 => {
            let item = format!("{TEMPLATES}/rec_item.html");
            let to = format!("<span class=\"rec-meta\" data-edit=\"{step}\">");
            f.replace(&item, "<span class=\"rec-meta\">", &to);
            Edit::new("rec_item.html: an attribute added".into(), Accept)
        }
        _ => {
            let name = rng.pick(&HEADED);
            let path = format!("{TEMPLATES}/{name}");
            f.replace(&path, "</h1>", &format!(" <small>{step}</small></h1>"));
            Edit::new(format!("{name}: a mark in the heading"), Accept)
        }
    }
}

pub fn strings(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let text = f.read(STRINGS);
    if rng.below(5) == 0 {
        f.write(STRINGS, &text.replacen("home = \"", "home = ", 1));
        return Edit::new("en.toml: a TOML syntax error".into(), Refuse);
    }
    // Any string of the theme's, the words made longer.
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" = \"") && !l.starts_with('#'))
        .collect();
    let line = *rng.pick(&lines);
    let key = &line[..line.find(" = ").unwrap()];
    let to = line.replacen(" = \"", &format!(" = \"E{step} "), 1);
    f.replace(STRINGS, line, &to);
    Edit::new(format!("en.toml: {key}"), Accept)
}

pub fn static_file(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let css = format!("{STATIC}/style.css");
    let added: Vec<String> = f
        .names_in(STATIC)
        .into_iter()
        .filter(|n| n.starts_with("extra-"))
        .collect();
    match rng.below(6) {
        0 => {
            let light = f.read(&css);
            let line = light.lines().find(|l| l.contains("--accent: #")).unwrap();
            f.replace(&css, line, "  --accent: blue;");
            Edit::new("style.css: an accent that is no #rrggbb".into(), Refuse)
        }
        1 => {
            let text = f.read(&css);
            let line = text.lines().find(|l| l.contains("--accent: #")).unwrap();
            let colour = rng.pick(&["#1f4e79", "#7a1f1f", "#1f6b3a"]);
            f.replace(&css, line, &format!("  --accent: {colour};"));
            Edit::new(format!("style.css: accent {colour}"), Accept)
        }
        2 => {
            let text = f.read(&css);
            f.write(
                &css,
                &format!("{text}\n.edited-{step} {{ color: inherit; }}\n"),
            );
            Edit::new("style.css: a rule added".into(), Accept)
        }
        3 => {
            let js = format!("{STATIC}/search.js");
            let text = f.read(&js);
            f.write(&js, &format!("{text}\n// Edited {step}.\nvoid {step};\n"));
            Edit::new("search.js: a statement added".into(), Accept)
        }
        4 if !added.is_empty() => {
            let name = rng.pick(&added).clone();
            f.remove(&format!("{STATIC}/{name}"));
            Edit::new(format!("static {name} deleted"), Accept)
        }
        _ => {
            f.write(
                &format!("{STATIC}/extra-{step}.txt"),
                &format!("Step {step}.\n"),
            );
            Edit::new(format!("static extra-{step}.txt new"), Accept)
        }
    }
}
