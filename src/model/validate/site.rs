//! Validates `content/site.toml`: the raw table in, the typed [`Site`] out, or located errors
//! (a URL the URL rules refuse, such as an unsafe link or an e-mail address without
//! `mailto:`, a base URL that is not an absolute address, an edition date that is not a real
//! date or a version that is not one, a language that is not a language tag, an empty name).

use crate::content::SourceFile;
use crate::content::raw::{RawNames, RawReport, RawSite, S, at};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Urls;
use crate::model::facts::Facts;
use crate::model::{Date, Edition, Licence, Names, Publisher, Report, Site, url};

/// The site's settings; every URL in them is checked by the one set of URL rules
/// ([`crate::model::url`]) and kept with its scheme and host in lower case.
pub(super) fn validate_site(
    f: &SourceFile,
    mut r: RawSite,
    facts: &Facts,
    diags: &mut Diagnostics,
) -> Option<Site> {
    warn_hard_coded(f, &r, facts, diags);
    let publisher = r.publisher.as_mut();
    let (url, contact) = match publisher {
        Some(p) => (p.url.as_mut(), Some(&mut p.contact)),
        None => (None, None),
    };
    let report = r.report.as_mut();
    let (committee_url, report_url) = match report {
        Some(rep) => (rep.committee_url.as_mut(), rep.url.as_mut()),
        None => (None, None),
    };
    let urls = [committee_url, report_url, url, contact]
        .into_iter()
        .chain([r.licence.as_mut().map(|l| &mut l.url)])
        .flatten();
    // Every URL is checked, so that one run reports them all.
    let checked: Vec<bool> = urls.map(|u| check_url(f, u, diags)).collect();
    let urls_ok = checked.iter().all(|&ok| ok);
    let base_ok = r
        .base_url
        .as_mut()
        .is_none_or(|b| check_base_url(f, b, diags));
    let langs = [
        ("language", r.language.as_ref()),
        ("interface_language", r.interface_language.as_ref()),
        (
            "report.language",
            r.report.as_ref().and_then(|rep| rep.language.as_ref()),
        ),
    ];
    // Both are checked, so that one run reports both.
    let langs: Vec<bool> = langs
        .into_iter()
        .filter_map(|(field, l)| Some(check_language(f, field, l?, diags)))
        .collect();
    let langs_ok = langs.iter().all(|&ok| ok);
    if r.report.is_none() {
        let msg = "site.toml has no [report] table: the report's title is required";
        let help = "add [report] with title = \"…\" (the report the recommendations come from)";
        diags.push(f.error_at(0, msg).with_help(help));
    }
    (urls_ok && base_ok && langs_ok && r.report.is_some()).then(|| site_from_raw(f, r, diags))
}

/// A language is a BCP 47 tag (`en`, `fr`, `pt-BR`): it is written into every page's `lang`
/// attributes and names the theme's strings file, so nothing else may pass.
fn check_language(f: &SourceFile, field: &str, v: &S, diags: &mut Diagnostics) -> bool {
    let tag = v.get_ref();
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    let ok = (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !ok {
        let msg = format!("{field} \"{tag}\" is not a language tag");
        let help = "use a BCP 47 language tag, like \"en\", \"fr\" or \"pt-BR\"";
        diags.push(f.error_at(at(v, 0), msg).with_help(help));
    }
    ok
}

/// The site's texts, shown on every page, say no number the data knows: a count written there
/// goes stale with the next recommendation added. Each text is read as written in the file,
/// so that a warning points at the number itself.
fn warn_hard_coded(f: &SourceFile, r: &RawSite, facts: &Facts, diags: &mut Diagnostics) {
    let edition = r.edition.as_ref().map(|e| e.version.get_ref().clone());
    let facts = Facts {
        edition,
        ..facts.clone()
    };
    let texts = [Some(&r.title), r.short_title.as_ref(), Some(&r.description)];
    for v in texts.into_iter().chain([r.notice.as_ref()]).flatten() {
        let span = v.span();
        for h in facts.hard_coded(&f.text[span.clone()]) {
            let at = f.line_col(span.start + h.offset);
            let msg = format!(
                "\"{}\" is a number the data knows, written by hand",
                h.written
            );
            let help = "leave it out: the pages give it from the data, and it stays right when \
                        the data changes";
            diags.push(Diagnostic::warning_at(&f.path, at, msg).with_help(help));
        }
    }
}

/// A link shown on every page: an http, https or mailto address, or a site path; normalised in
/// place.
fn check_url(f: &SourceFile, v: &mut S, diags: &mut Diagnostics) -> bool {
    match url::check_link(v.get_ref()) {
        Ok(normal) => {
            *v.get_mut() = normal;
            true
        }
        Err(e) => {
            diags.push(f.error_at(at(v, 0), e.message()).with_help(e.help));
            false
        }
    }
}

/// `base_url` is the publication's address: one `--base-url` would accept, and absolute,
/// since its only use is to make canonical links, citations and the sitemap absolute;
/// normalised in place.
fn check_base_url(f: &SourceFile, v: &mut S, diags: &mut Diagnostics) -> bool {
    let given = v.get_ref();
    let (msg, help) = match Urls::check(given) {
        Err(e) => (e.message(), e.help),
        Ok(u) if !u.is_absolute() => (
            format!("base_url \"{given}\" is not an absolute address"),
            "give the address where the site is published, like \"https://example.org/lanzarote/\""
                .to_string(),
        ),
        Ok(u) => {
            *v.get_mut() = u.base_url();
            return true;
        }
    };
    diags.push(f.error_at(at(v, 0), msg).with_help(help));
    false
}

fn site_from_raw(f: &SourceFile, r: RawSite, diags: &mut Diagnostics) -> Site {
    let rep = r.report.expect("checked by validate_site");
    let edition = r.edition.map(|e| {
        date(f, &e.date, "edition date", diags);
        if crate::model::releases::Version::parse(e.version.get_ref()).is_none() {
            let msg = format!("edition version \"{}\" is not allowed", e.version.get_ref());
            let help = crate::model::releases::version::VERSION_RULE;
            diags.push(f.error_at(at(&e.version, 0), msg).with_help(help));
        }
        Edition {
            version: e.version.into_inner(),
            date: e.date.into_inner(),
        }
    });
    let title = r.title.into_inner();
    let language = r
        .language
        .as_ref()
        .map_or("en", |l| l.get_ref())
        .to_string();
    // The interface language is located where it is set, for the theme's missing strings.
    let set_at = r.interface_language.as_ref().or(r.language.as_ref());
    let interface_language_at = set_at.map(|v| {
        let (line, col) = f.line_col(at(v, 0));
        crate::diag::Location {
            path: f.path.clone(),
            line,
            col,
        }
    });
    Site {
        short_title: r.short_title.map_or_else(|| title.clone(), S::into_inner),
        title,
        description: r.description.into_inner(),
        interface_language: r
            .interface_language
            .map_or_else(|| language.clone(), S::into_inner),
        interface_language_at,
        language,
        report: report_from_raw(f, rep, diags),
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
        names: r.names.map(|n| names(f, n, diags)).unwrap_or_default(),
    }
}

/// The report's facts, its URLs and language already checked.
fn report_from_raw(f: &SourceFile, rep: RawReport, diags: &mut Diagnostics) -> Report {
    let adopted_on = rep
        .adopted_on
        .as_ref()
        .and_then(|v| date(f, v, "adopted_on", diags));
    let slug = rep.slug.as_ref().and_then(|v| report_slug(f, v, diags));
    Report {
        title: rep.title.into_inner(),
        slug,
        short_title: rep.short_title.map(S::into_inner),
        body: rep.body.map(S::into_inner),
        round: rep.round.map(S::into_inner),
        adopted: rep.adopted.map(S::into_inner),
        adopted_on,
        reference: rep.reference.map(S::into_inner),
        url: rep.url.map(S::into_inner),
        language: rep.language.map(S::into_inner),
        committee_url: rep.committee_url.map(S::into_inner),
    }
}

/// `[report] slug`: the first report's name in the data files, spelt as a further report's
/// folder name is.
fn report_slug(f: &SourceFile, v: &S, diags: &mut Diagnostics) -> Option<crate::model::ReportSlug> {
    let slug = crate::model::ReportSlug::parse(v.get_ref());
    if slug.is_none() {
        let msg = format!("invalid report slug \"{}\"", v.get_ref());
        let help = "use lower-case letters, digits and single hyphens, like \"2nd-round\"";
        diags.push(f.error_at(at(v, 0), msg).with_help(help));
    }
    slug
}

/// A further report's `report.toml` (`reports/<slug>/report.toml`): the fields of
/// `site.toml`'s `[report]`, checked by the same rules (URLs, language, date).
pub(super) fn validate_report(
    f: &SourceFile,
    mut rep: RawReport,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let urls = [rep.committee_url.as_mut(), rep.url.as_mut()];
    let checked: Vec<bool> = urls
        .into_iter()
        .flatten()
        .map(|u| check_url(f, u, diags))
        .collect();
    let lang_ok = rep
        .language
        .as_ref()
        .is_none_or(|l| check_language(f, "language", l, diags));
    let errors = diags.error_count();
    let report = report_from_raw(f, rep, diags);
    (checked.iter().all(|&ok| ok) && lang_ok && diags.error_count() == errors).then_some(report)
}

/// `[names]`: each name given is written into the theme's sentences, so an empty one would
/// leave a hole in them ("remain 's"); left out, the theme's neutral word stands in.
fn names(f: &SourceFile, n: RawNames, diags: &mut Diagnostics) -> Names {
    let mut name = |field: &str, v: Option<S>| {
        let v = v?;
        if v.get_ref().trim().is_empty() {
            let msg = format!("names.{field} is empty");
            let help = "write the name as it reads inside a sentence, or leave the field out \
                        for the theme's neutral word";
            diags.push(f.error_at(at(&v, 0), msg).with_help(help));
        }
        Some(v.into_inner())
    };
    Names {
        body: name("body", n.body),
        body_short: name("body_short", n.body_short),
        treaty: name("treaty", n.treaty),
        report_kind: name("report_kind", n.report_kind),
        rights_holder: name("rights_holder", n.rights_holder),
        open_parties: name("open_parties", n.open_parties),
    }
}

/// A date of site.toml (`what` names it in the message), or an error at it.
fn date(f: &SourceFile, v: &S, what: &str, diags: &mut Diagnostics) -> Option<Date> {
    Date::parse(v.get_ref())
        .map_err(|why| {
            let msg = format!("{what} \"{}\" {}", v.get_ref(), why.says("2026-11-30"));
            diags.push(f.error_at(at(v, 0), msg));
        })
        .ok()
}
