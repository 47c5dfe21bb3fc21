//! Validates `content/site.toml`: the raw table in, the typed [`Site`] out, or located errors
//! (an unsafe link, a base URL that is not an absolute address, an edition date that is not a
//! real date or a version that is not one).

use crate::content::SourceFile;
use crate::content::raw::{RawSite, S, at};
use crate::diag::Diagnostics;
use crate::graph::Urls;
use crate::model::{Edition, Licence, Publisher, Report, Site};

/// The site's settings; every URL in them must be one a link may have (as in Markdown).
pub(super) fn validate_site(f: &SourceFile, r: RawSite, diags: &mut Diagnostics) -> Option<Site> {
    let publisher = r.publisher.as_ref();
    let urls = [Some(&r.report.committee_url)]
        .into_iter()
        .chain([publisher.and_then(|p| p.url.as_ref())])
        .chain([publisher.map(|p| &p.contact)])
        .chain([r.licence.as_ref().map(|l| &l.url)])
        .flatten();
    // Every URL is checked, so that one run reports them all.
    let checked: Vec<bool> = urls.map(|u| check_url(f, u, diags)).collect();
    let urls_ok = checked.iter().all(|&ok| ok);
    let base_ok = r
        .base_url
        .as_ref()
        .is_none_or(|b| check_base_url(f, b, diags));
    (urls_ok && base_ok).then(|| site_from_raw(f, r, diags))
}

/// A URL from a table gets the rules of a Markdown link target: http, https, mailto or a
/// site path; `javascript:` and the like would run on every page that shows it.
fn check_url(f: &SourceFile, v: &S, diags: &mut Diagnostics) -> bool {
    let ok = crate::markdown::is_safe_link(v.get_ref());
    if !ok {
        let msg = format!("link target \"{}\" is not allowed", v.get_ref());
        diags.push(
            f.error_at(at(v, 0), msg)
                .with_help(crate::markdown::SAFE_LINK_HELP),
        );
    }
    ok
}

/// `base_url` is the publication's address: one `--base-url` would accept, and absolute,
/// since its only use is to make canonical links, citations and the sitemap absolute.
fn check_base_url(f: &SourceFile, v: &S, diags: &mut Diagnostics) -> bool {
    let given = v.get_ref();
    let msg = match Urls::parse(given) {
        Err(e) => e.to_string(),
        Ok(u) if !u.is_absolute() => format!("base_url \"{given}\" is not an absolute address"),
        Ok(_) => return true,
    };
    let help =
        "give the address where the site is published, like \"https://example.org/lanzarote/\"";
    diags.push(f.error_at(at(v, 0), msg).with_help(help));
    false
}

fn site_from_raw(f: &SourceFile, r: RawSite, diags: &mut Diagnostics) -> Site {
    let rep = r.report;
    let edition = r.edition.map(|e| {
        if let Err(why) = crate::model::Date::parse(e.date.get_ref()) {
            let msg = format!(
                "edition date \"{}\" {}",
                e.date.get_ref(),
                why.says("2026-11-30")
            );
            diags.push(f.error_at(at(&e.date, 0), msg));
        }
        if crate::releases::Version::parse(e.version.get_ref()).is_none() {
            let msg = format!("edition version \"{}\" is not allowed", e.version.get_ref());
            let help = crate::releases::version::VERSION_RULE;
            diags.push(f.error_at(at(&e.version, 0), msg).with_help(help));
        }
        Edition {
            version: e.version.into_inner(),
            date: e.date.into_inner(),
        }
    });
    let title = r.title.into_inner();
    Site {
        short_title: r.short_title.map_or_else(|| title.clone(), S::into_inner),
        title,
        description: r.description.into_inner(),
        language: r.language,
        report: Report {
            title: rep.title.into_inner(),
            short_title: rep.short_title.into_inner(),
            author: rep.author.into_inner(),
            round: rep.round.into_inner(),
            adopted: rep.adopted.into_inner(),
            committee_url: rep.committee_url.into_inner(),
        },
        edition,
        base_url: r.base_url.map(S::into_inner),
        notice: r.notice.map(S::into_inner),
        publisher: r.publisher.map(|p| Publisher {
            name: p.name.into_inner(),
            url: p.url.map(S::into_inner),
            contact: p.contact.into_inner(),
        }),
        licence: r.licence.map(|l| Licence {
            name: l.name.into_inner(),
            url: l.url.into_inner(),
        }),
    }
}
