//! The interface language against the theme: site.toml's choice and the theme's `i18n/` folder
//! in; out, a content error at the line that chose a language the theme has no strings for.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::failure::Failure;
use crate::model::Site;

/// A theme without strings for the site's interface language: a content error at the line of
/// site.toml that chose it (the theme's own faults, such as a missing key, stay as they are).
pub(super) fn no_strings(
    content: &Path,
    theme_dir: &Path,
    site: &Site,
    e: anyhow::Error,
) -> Failure {
    let file = crate::inputs::strings_file(&site.interface_language);
    let (Some(at), false) = (&site.interface_language_at, theme_dir.join(&file).exists()) else {
        return Failure::Other(e);
    };
    let msg = format!(
        "the theme has no strings for the interface language \"{}\" ({} is missing)",
        site.interface_language,
        theme_dir.join(&file).display()
    );
    // The languages it has, so that the help names the choices.
    let folder = theme_dir.join(crate::inputs::STRINGS);
    let mut has: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(format!("\"{}\"", name.strip_suffix(".toml")?))
        })
        .collect();
    has.sort();
    let help = match has.is_empty() {
        true => format!("the theme has no strings at all in {}", folder.display()),
        false => format!(
            "the theme has strings for {}; use one of them, or add the file to the theme",
            has.join(", ")
        ),
    };
    let d = Diagnostic::error(&at.path, (at.line, at.col), msg).with_help(help);
    Failure::content(content, Diagnostics(vec![d]))
}
