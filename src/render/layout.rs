//! The layout's repeated parts, made once per build instead of once per page: the site views
//! and the theme in; out, the navigation rendered by the theme's `nav.html` (once per page it
//! can mark current, once for every other page), the footer (`footer.html`), the edition line, and each page's `<title>`
//! and "printed from" line from the theme's patterns. A page's template then only pastes them:
//! Tera's per-page work on the navigation alone was a tenth of a 1× build.

use std::collections::HashMap;

use anyhow::{Context, Result};
use serde::Serialize;

use super::Theme;
use super::theme::strings::Strings;
use super::views::{Meta, NavLink, SiteView};

/// The template that renders the main navigation.
pub(super) const NAV_TEMPLATE: &str = "nav.html";
/// The template that renders the footer, the same on every page.
pub(super) const FOOTER_TEMPLATE: &str = "footer.html";

/// The longest `<title>`, in characters.
const TITLE_MAX: usize = 70;

/// The longest site name a `<title>` carries after the page's own name: a longer one would
/// leave the page's name too little room, so it is left out.
const SUFFIX_MAX: usize = 40;

/// What `nav.html` sees.
#[derive(Serialize)]
struct NavContext<'v> {
    nav: &'v [NavLink],
    /// The page being rendered, for `aria-current`.
    path: &'v str,
}

/// What `footer.html` sees.
#[derive(Serialize)]
struct FooterContext<'v, 'a> {
    site: &'v SiteView<'a>,
}

/// The layout parts shared by every page of one build.
pub(super) struct Layout {
    /// The footer, the same on every page.
    footer: String,
    /// The navigation for each page it links to, marking that page current.
    nav_current: HashMap<String, String>,
    /// The navigation for every other page.
    nav: String,
    /// " – short name", or empty when the short name is too long.
    title_suffix: String,
    /// The edition line printed on paper, when the site has an edition.
    pub edition: Option<String>,
}

/// One page's layout parts, as its template sees them.
#[derive(Debug, Serialize)]
pub(super) struct PageLayout<'l> {
    /// The page's `<title>`: its own name, then the short site name, at most 70 characters.
    pub title: String,
    pub nav_html: &'l str,
    pub footer_html: &'l str,
    /// "Printed from <address>", printed with the edition line (so only when there is one).
    pub printed_from: Option<String>,
    pub edition: Option<&'l str>,
}

impl Layout {
    /// Renders the navigation variants and fills the fixed strings.
    pub(super) fn new(theme: &Theme, site: &SiteView) -> Result<Layout> {
        let render = |path: &str| -> Result<String> {
            let ctx = tera::Context::from_serialize(NavContext {
                nav: &site.nav,
                path,
            })
            .context("building the template context")?;
            // Trimmed, so the template's leading comment leaves no blank line in every page.
            let html = theme
                .tera
                .render(NAV_TEMPLATE, &ctx)
                .with_context(|| format!("rendering {NAV_TEMPLATE}"))?;
            Ok(html.trim().to_string())
        };
        let nav_current = site
            .nav
            .iter()
            .map(|l| Ok((l.url.clone(), render(&l.url)?)))
            .collect::<Result<_>>()?;
        let s = &theme.strings;
        let suffix = format!("{}{}", s.get("layout.title_suffix")?, site.short_title);
        let edition = site.edition.as_ref().map(|e| {
            let args = [
                ("site", site.title),
                ("version", e.version),
                ("date", e.date),
            ];
            s.fill("layout.edition", &args)
        });
        let footer = tera::Context::from_serialize(FooterContext { site })
            .context("building the template context")?;
        let footer = theme
            .tera
            .render(FOOTER_TEMPLATE, &footer)
            .with_context(|| format!("rendering {FOOTER_TEMPLATE}"))?;
        Ok(Layout {
            footer: footer.trim().to_string(),
            nav_current,
            nav: render("")?,
            title_suffix: if suffix.chars().count() > SUFFIX_MAX {
                String::new()
            } else {
                suffix
            },
            edition: edition.transpose()?,
        })
    }

    /// The parts of the page described by `meta`.
    pub(super) fn page(&self, strings: &Strings, meta: &Meta) -> Result<PageLayout<'_>> {
        Ok(PageLayout {
            title: page_title(&meta.title, &self.title_suffix),
            nav_html: self.nav_current.get(&meta.path).unwrap_or(&self.nav),
            footer_html: &self.footer,
            printed_from: match self.edition {
                Some(_) => Some(strings.fill("layout.printed_from", &[("url", &meta.canonical)])?),
                None => None,
            },
            edition: self.edition.as_deref(),
        })
    }
}

/// `name` then `suffix`, at most [`TITLE_MAX`] characters: a name too long is cut at a word
/// where it can be and ends with "…".
fn page_title(name: &str, suffix: &str) -> String {
    let room = TITLE_MAX - suffix.chars().count();
    if name.chars().count() <= room {
        return format!("{name}{suffix}");
    }
    let cut: String = name.chars().take(room - 1).collect();
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if head.chars().count() > room / 2 => {
            head.trim_end_matches([',', ':', ';'])
        }
        _ => cut.as_str(),
    };
    format!("{cut}…{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fit_seventy_characters_with_the_site_name() {
        let suffix = " – Lanzarote ICT recommendations";
        assert_eq!(
            page_title("Finland", suffix),
            "Finland – Lanzarote ICT recommendations"
        );
        let long =
            "VIII-9: The coordination of awareness-raising on the risks children face online";
        let t = page_title(long, suffix);
        assert!(t.chars().count() <= TITLE_MAX, "{t}");
        assert_eq!(
            t,
            "VIII-9: The coordination of… – Lanzarote ICT recommendations"
        );
        let no_suffix = page_title(&"word ".repeat(30), "");
        assert!(no_suffix.chars().count() <= TITLE_MAX && no_suffix.ends_with('…'));
    }
}
