//! URLs: the base URL in, every site URL and output path out. This is the only place a URL is
//! made, so that links, the sitemap, data files and the output tree always agree.

use anyhow::Result;

use crate::model::url::UrlError;

use crate::model::{PartySlug, RecId, SectionId};

/// Top-level folders whose `index.html` the build makes itself: a content page with one of
/// these slugs would collide with it.
pub const GENERATED_FOLDERS: [&str; 7] = [
    "recommendations",
    "reports",
    "parties",
    "sections",
    "levels",
    "search",
    "changes",
];

/// Digits of the content hash in a hashed file name.
const HASH_DIGITS: usize = 10;

/// A fingerprint of a file's content for cache-busting names (FNV-1a, 64 bits, its top 40 as
/// hex; not for security).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:0width$x}", h >> 24, width = HASH_DIGITS)
}

/// The name of a file whose content never changes under it: `<stem>.<hash of bytes>.<ext>`
/// (`search.0123456789.js`, `search/index.0123456789.json`). Every content-hashed file of the
/// site is named here, in this one way (the hash in the name, never in a query string), so a
/// host can cache them all forever by one rule: see [`is_hashed_name`].
pub fn hashed_name(stem: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.{ext}", content_hash(bytes))
}

/// Whether a file name (or path) is one [`hashed_name`] makes: `….<10 hex digits>.<ext>`.
pub fn is_hashed_name(name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name);
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && !ext.is_empty()
        && hash.len() == HASH_DIGITS
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The formats a recommendation's citation is offered in as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationFormat {
    Bibtex,
    Ris,
}

/// The site's base URL, split into an optional origin and a path that starts and ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://x.org` when the base URL is absolute; permalinks are then absolute.
    origin: Option<String>,
    /// `/` or `/lanzarote/`.
    base: String,
    /// A further report's folder in the site, `reports/<slug>/`: its recommendations,
    /// sections, levels and listings go there ([`Urls::for_report`]); empty for the first
    /// report, whose pages are at the root as in a site of one report.
    report: String,
}

impl Urls {
    /// Parses `/`, `/lanzarote/`, `lanzarote` or `https://x.org/lanzarote/` by the URL rules
    /// of [`crate::model::url`] (the scheme and host put in lower case).
    pub fn parse(base_url: &str) -> Result<Urls> {
        Ok(Urls::check(base_url)?)
    }

    /// [`Urls::parse`], saying what is wrong and what to write instead.
    pub(crate) fn check(base_url: &str) -> Result<Urls, UrlError> {
        let base = crate::model::url::check_base(base_url)?;
        Ok(Urls {
            origin: base.origin,
            base: base.path,
            report: String::new(),
        })
    }

    /// The URLs of further report `slug`'s pages: its recommendations, sections, levels and
    /// listings under `reports/<slug>/`; every shared page (home, Parties, content pages,
    /// search, data, assets) where it is.
    pub fn for_report(&self, slug: &crate::model::ReportSlug) -> Urls {
        Urls {
            report: format!("reports/{slug}/"),
            ..self.clone()
        }
    }

    /// Whether these are a further report's URLs ([`Urls::for_report`]).
    pub fn is_further_report(&self) -> bool {
        !self.report.is_empty()
    }

    /// The index of every report of a site of several: `reports/`.
    pub fn reports(&self) -> String {
        self.at("reports/")
    }

    /// The URL of a report's page given relative to the report's folder: the site root for
    /// the first report, `reports/<slug>/` for a further one.
    fn of_report(&self, rel: &str) -> String {
        format!("{}{}{rel}", self.base, self.report)
    }

    /// The base path, `/` or `/lanzarote/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The base as given: with its origin when absolute.
    pub fn base_url(&self) -> String {
        self.absolute(&self.base)
    }

    /// Whether permalinks are absolute (an origin was given).
    pub fn is_absolute(&self) -> bool {
        self.origin.is_some()
    }

    /// A site path (`/lanzarote/parties/`) made absolute when the base URL has an origin.
    pub fn absolute(&self, path: &str) -> String {
        match &self.origin {
            Some(o) => format!("{o}{path}"),
            None => path.to_string(),
        }
    }

    /// The URL of an output file or folder given relative to the site root (`parties/`).
    pub fn at(&self, rel: &str) -> String {
        format!("{}{rel}", self.base)
    }

    pub fn home(&self) -> String {
        self.at("")
    }

    pub fn recommendation(&self, id: &RecId) -> String {
        self.of_report(&format!("recommendations/{}/", id.slug()))
    }

    /// A recommendation's permanent address, as citations, data and briefs give it: its page,
    /// absolute when the base URL is ([`Urls::absolute`]).
    pub fn permalink(&self, id: &RecId) -> String {
        self.absolute(&self.recommendation(id))
    }

    /// A recommendation's citation as a file: `cite.bib` (BibTeX) or `cite.ris` (RIS), beside
    /// its page so that the two never part.
    pub fn recommendation_citation(&self, id: &RecId, format: CitationFormat) -> String {
        let file = match format {
            CitationFormat::Bibtex => "cite.bib",
            CitationFormat::Ris => "cite.ris",
        };
        self.of_report(&format!("recommendations/{}/{file}", id.slug()))
    }

    /// A file of the open data: `data/<name>` (`recommendations.json`, `CITATION.cff`, …).
    pub fn data_file(&self, name: &str) -> String {
        self.at(&format!("data/{name}"))
    }

    /// The recommendation URL with `{slug}` where the slug goes, for client-side code.
    pub fn recommendation_pattern(&self) -> String {
        self.of_report("recommendations/{slug}/")
    }

    pub fn party(&self, slug: &PartySlug) -> String {
        self.at(&format!("parties/{slug}/"))
    }

    /// The CSV of one Party's recommendations.
    pub fn party_csv(&self, slug: &PartySlug) -> String {
        self.at(&format!("parties/{slug}/recommendations.csv"))
    }

    /// A Party's brief: every recommendation that concerns it with the Committee's full text,
    /// a page made to be printed.
    pub fn party_brief(&self, slug: &PartySlug) -> String {
        self.at(&format!("parties/{slug}/brief/"))
    }

    /// Page `n` (from 1) of group `group` (`all`, `designated`…) of a brief too long for one
    /// page: `parties/<slug>/brief/all/`, then `…/brief/all/page/2/`.
    pub fn party_brief_part(&self, slug: &PartySlug, group: &str, n: usize) -> String {
        self.paged(&self.at(&format!("parties/{slug}/brief/{group}/")), n)
    }

    /// Page `n` (from 1) of group `group` of further report `report`'s part of a brief too
    /// long for one page: `parties/<slug>/brief/reports/<report>/designated/`, then
    /// `…/page/2/`.
    pub fn party_brief_report_part(
        &self,
        slug: &PartySlug,
        report: &str,
        group: &str,
        n: usize,
    ) -> String {
        let folder = format!("parties/{slug}/brief/reports/{report}/{group}/");
        self.paged(&self.at(&folder), n)
    }

    /// The same brief as one self-contained HTML file to download (a word processor opens
    /// it), named after the Party so that briefs saved side by side keep apart.
    pub fn party_brief_file(&self, slug: &PartySlug) -> String {
        self.at(&format!("parties/{slug}/{slug}-brief.html"))
    }

    pub fn section(&self, id: &SectionId) -> String {
        self.of_report(&format!("sections/{}/", id.slug()))
    }

    /// A level's page, by the level's id ([`crate::model::LevelInfo::id`]).
    pub fn level(&self, id: &str) -> String {
        self.of_report(&format!("levels/{id}/"))
    }

    /// A content page (`about`, `cite`, `data`): any slug but [`GENERATED_FOLDERS`].
    pub fn page(&self, slug: &str) -> String {
        self.at(&format!("{slug}/"))
    }

    /// The change history: every release, newest first.
    pub fn changes(&self) -> String {
        self.at("changes/")
    }

    /// One release's page: its note and every recommendation it changed.
    pub fn release(&self, version: &str) -> String {
        self.at(&format!("changes/{version}/"))
    }

    /// A recommendation's entry on a release's page.
    pub fn release_entry(&self, version: &str, id: &RecId) -> String {
        format!("{}#{}", self.release(version), self.change_anchor(id))
    }

    /// The anchor of a recommendation's entry on a release's page: its id's slug (`ii-10`),
    /// after its report's slug for a further report's (`special-1.1`), since a release lists
    /// the changes of every report and two reports may have a `1.1`.
    pub fn change_anchor(&self, id: &RecId) -> String {
        let slug = self.report.strip_prefix("reports/");
        match slug.and_then(|s| s.strip_suffix('/')) {
            Some(report) => format!("{report}-{}", id.slug()),
            None => id.slug(),
        }
    }

    /// The Atom feed of releases.
    pub fn changes_feed(&self) -> String {
        self.at("changes/feed.xml")
    }

    /// The Atom feed of the releases' changes to recommendations that concern one Party.
    pub fn party_changes_feed(&self, slug: &PartySlug) -> String {
        self.at(&format!("parties/{slug}/changes.xml"))
    }

    /// The search page, `/search/` (it reads its query from `?q=…`).
    pub fn search(&self) -> String {
        self.at("search/")
    }

    /// The index of all recommendations grouped another way: `by-level`, `by-addressees`.
    pub fn recommendations_grouped(&self, by: &str) -> String {
        self.of_report(&format!("recommendations/{by}/"))
    }

    /// The shared list of every recommendation of one scope (`all`: to all Parties, `open`,
    /// `designated`), in the report's order: `recommendations/by-addressees/all/`. Party
    /// pages link to it instead of repeating a long list.
    pub fn scope_list(&self, scope: crate::model::Scope) -> String {
        self.of_report(&format!(
            "recommendations/by-addressees/{}/",
            scope.as_str()
        ))
    }

    /// One group of a Party's recommendations on pages of its own (`designated`,
    /// `not-designated`, `uncertain`), made when the group is too long for the Party's page:
    /// `parties/finland/designated/`.
    pub fn party_group(&self, slug: &PartySlug, group: &str) -> String {
        self.at(&format!("parties/{slug}/{group}/"))
    }

    /// Page `n` (from 1) of a paginated listing whose first page is `first` (a folder URL):
    /// page 1 is `first` itself, page 2 `first` + `page/2/`, as Zola and Hugo make them.
    pub fn paged(&self, first: &str, n: usize) -> String {
        if n <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{n}/")
        }
    }

    /// Index pages: `recommendations`, `parties`, `sections`, `levels` (a further report's
    /// own but `parties`, which is the site's).
    pub fn index(&self, kind: &str) -> String {
        match kind {
            "parties" => self.at("parties/"),
            _ => self.of_report(&format!("{kind}/")),
        }
    }

    /// The preview image of a recommendation page (`og:image`), `/previews/iii-16.png`.
    pub fn recommendation_preview(&self, id: &RecId) -> String {
        self.of_report(&format!("previews/{}.png", id.slug()))
    }

    /// The preview image of every other page, `/previews/site.png` (no recommendation id is
    /// `site`, so it cannot collide with one).
    pub fn site_preview(&self) -> String {
        self.at("previews/site.png")
    }

    /// The output file that serves a URL made here: `…/` → `…/index.html`, relative to the
    /// output root. `None` for a URL outside the base path.
    pub fn output_path(&self, url: &str) -> Option<String> {
        let rel = url.strip_prefix(&self.base)?;
        Some(if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        })
    }

    /// The site path of an absolute URL of this site (`https://x.org/l/a/` → `/l/a/`).
    pub fn strip_origin<'u>(&self, url: &'u str) -> Option<&'u str> {
        let rest = url.strip_prefix(self.origin.as_deref()?)?;
        rest.starts_with('/').then_some(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_normalise() {
        for (given, base, abs) in [
            ("/", "/", "/"),
            ("", "/", "/"),
            ("lanzarote", "/lanzarote/", "/lanzarote/"),
            ("/lanzarote/", "/lanzarote/", "/lanzarote/"),
            (
                "https://x.org/lanzarote/",
                "/lanzarote/",
                "https://x.org/lanzarote/",
            ),
            ("https://x.org", "/", "https://x.org/"),
            ("HTTPS://X.org/L/", "/L/", "https://x.org/L/"),
        ] {
            let u = Urls::parse(given).unwrap();
            assert_eq!((u.base(), u.base_url().as_str()), (base, abs), "{given}");
        }
        for bad in [
            "ftp://x.org/",
            "/a b/",
            "https:///",
            "/\"x/",
            "/../",
            "/a//b/",
            "/a/./b/",
            "https://x.org/a/../",
            "//x.org/lanzarote/",
            "https://x.org:99999/",
            "https://x.org/index.html",
        ] {
            assert!(Urls::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn urls_follow_the_scheme() {
        let u = Urls::parse("/l/").unwrap();
        let ids = crate::model::IdScheme::new(vec!["III".into()], crate::model::IdPattern::Hyphen);
        let id = ids.rec("III-16").unwrap();
        assert_eq!(u.recommendation(&id), "/l/recommendations/iii-16/");
        let fin = PartySlug::parse("finland").unwrap();
        assert_eq!(u.party(&fin), "/l/parties/finland/");
        assert_eq!(u.party_brief(&fin), "/l/parties/finland/brief/");
        assert_eq!(
            u.party_brief_file(&fin),
            "/l/parties/finland/finland-brief.html"
        );
        assert_eq!(
            u.party_brief_part(&fin, "all", 1),
            "/l/parties/finland/brief/all/"
        );
        assert_eq!(
            u.party_brief_part(&fin, "all", 3),
            "/l/parties/finland/brief/all/page/3/"
        );
        assert_eq!(
            u.party_brief_report_part(&fin, "special", "all", 1),
            "/l/parties/finland/brief/reports/special/all/"
        );
        assert_eq!(
            u.party_brief_report_part(&fin, "special", "open", 2),
            "/l/parties/finland/brief/reports/special/open/page/2/"
        );
        assert_eq!(u.section(&id.section), "/l/sections/iii/");
        assert_eq!(u.level("require"), "/l/levels/require/");
        assert_eq!(u.page("about"), "/l/about/");
        assert_eq!(u.home(), "/l/");
        assert_eq!(
            u.recommendation_citation(&id, CitationFormat::Bibtex),
            "/l/recommendations/iii-16/cite.bib"
        );
        assert_eq!(
            u.recommendation_citation(&id, CitationFormat::Ris),
            "/l/recommendations/iii-16/cite.ris"
        );
        assert_eq!(
            u.data_file("recommendations.csl.json"),
            "/l/data/recommendations.csl.json"
        );
        assert_eq!(u.changes(), "/l/changes/");
        assert_eq!(u.release_entry("1.1", &id), "/l/changes/1.1/#iii-16");
        assert_eq!(u.changes_feed(), "/l/changes/feed.xml");
        assert_eq!(u.party_changes_feed(&fin), "/l/parties/finland/changes.xml");
        assert_eq!(u.recommendation_preview(&id), "/l/previews/iii-16.png");
        assert_eq!(u.site_preview(), "/l/previews/site.png");
        assert_eq!(u.data_file("parties.json"), "/l/data/parties.json");
        assert_eq!(
            u.scope_list(crate::model::Scope::All),
            "/l/recommendations/by-addressees/all/"
        );
        let named = u.party_group(&fin, "designated");
        assert_eq!(named, "/l/parties/finland/designated/");
        assert_eq!(u.paged(&named, 1), named);
        assert_eq!(u.paged(&named, 3), "/l/parties/finland/designated/page/3/");
    }

    #[test]
    fn a_further_reports_changes_are_anchored_apart_on_the_sites_release_page() {
        let u = Urls::parse("/l/").unwrap();
        let special = u.for_report(&crate::model::ReportSlug::parse("special").unwrap());
        let id = crate::model::IdScheme::new(vec!["1".into()], crate::model::IdPattern::Dot)
            .rec("1.1")
            .unwrap();
        assert_eq!(u.release_entry("1.1", &id), "/l/changes/1.1/#1.1");
        assert_eq!(
            special.release_entry("1.1", &id),
            "/l/changes/1.1/#special-1.1"
        );
    }

    #[test]
    fn hashed_names_carry_the_hash_before_the_extension() {
        let name = hashed_name("search-engine", "js", b"a");
        assert_eq!(name, format!("search-engine.{}.js", content_hash(b"a")));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"").len(), HASH_DIGITS);
        assert!(is_hashed_name(&name));
        assert!(is_hashed_name(&hashed_name("search/post-3", "json", b"")));
        for not in [
            "style.css",
            "search.js",
            "search-engine.js?h=0123456789",
            "index.0123456789",
            ".0123456789.js",
            "a.012345678.js",
            "a.012345678g.js",
            "a.0123456789A.js",
        ] {
            assert!(!is_hashed_name(not), "{not}");
        }
    }

    #[test]
    fn output_paths_and_origins() {
        let u = Urls::parse("https://x.org/l/").unwrap();
        assert_eq!(u.output_path("/l/").as_deref(), Some("index.html"));
        assert_eq!(u.output_path("/l/a/").as_deref(), Some("a/index.html"));
        assert_eq!(u.output_path("/l/a.csv").as_deref(), Some("a.csv"));
        assert_eq!(u.output_path("/nope/"), None);
        assert_eq!(u.strip_origin("https://x.org/l/a/"), Some("/l/a/"));
        assert_eq!(u.strip_origin("https://y.org/l/a/"), None);
    }
}
