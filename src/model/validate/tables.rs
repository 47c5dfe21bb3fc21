//! Validates the small TOML tables (legend, sections, parties; the site's in `site`) into model types, and
//! builds the name lookups that recommendation validation needs.

use std::collections::{BTreeMap, HashSet};

use crate::content::parse_toml;
use crate::content::raw::{self, RawLegend, RawParties, RawSections, RawSite, S, at};
use crate::content::{ContentFiles, SourceFile};
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::ids::{IdPattern, IdScheme, is_section_id};
use crate::model::{
    ConcernInfo, Date, LevelInfo, Party, PartySlug, Scope, Section, SectionId, Sector, Site,
};

/// Lookup tables, valid even when some files had errors (then they are just smaller).
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub site: Option<Site>,
    pub levels: Vec<LevelInfo>,
    pub labels_note: Option<String>,
    /// The legend's `speaker`: the word before the body's verb in the texts.
    pub speaker: Option<String>,
    pub concerns: Vec<ConcernInfo>,
    pub sectors: Vec<Sector>,
    pub sections: Vec<Section>,
    /// The sections in order and the id pattern: how ids are read.
    pub ids: IdScheme,
    pub parties: Vec<Party>,
    /// Party name as the source spells it → slug; `None` for an entry of parties.toml that has
    /// an error of its own (already reported), so recommendations naming it are not blamed too.
    pub party_by_name: BTreeMap<String, Option<PartySlug>>,
    /// Tables that recommendations depend on (legend, sections, Parties) that are missing or
    /// do not parse: checking recommendations against them would only repeat their error.
    pub failed: Vec<&'static str>,
    /// Tables that loaded with an entry refused (already reported): a section or sector they
    /// lack may be that entry's, so recommendations naming one are not blamed too.
    pub incomplete: Vec<&'static str>,
    /// Each valid Party's name and where parties.toml gives its `joined` (a byte offset), to be
    /// compared with the report's adoption date once site.toml is read.
    joined_at: Vec<(String, usize)>,
}

impl Tables {
    /// Resolves a Party name (`Ok(None)`: a name that cannot be checked, because its entry is
    /// invalid or parties.toml did not load, both already reported), or explains why not, with
    /// a near-miss suggestion.
    pub(crate) fn party(&self, name: &str) -> Result<Option<&PartySlug>, (String, Option<String>)> {
        if self.failed.contains(&"parties.toml") {
            return Ok(None);
        }
        self.party_by_name
            .get(name)
            .map(Option::as_ref)
            .ok_or_else(|| {
                let help = did_you_mean(name, self.party_by_name.keys().map(String::as_str))
                    .map(|n| format!("did you mean \"{n}\"?"));
                (format!("unknown Party \"{name}\""), help)
            })
    }

    /// The day Party `slug` joined and the day the report was adopted, when it joined after:
    /// the source's lists cannot name it. `None` too when site.toml did not load.
    pub(crate) fn joined_after(&self, slug: &PartySlug) -> Option<(Date, Date)> {
        let adopted = self.site.as_ref()?.report.adopted_on?;
        let party = self.parties.iter().find(|p| &p.slug == slug)?;
        party.joined_after(Some(adopted)).map(|j| (j, adopted))
    }

    pub(crate) fn has_section(&self, id: &SectionId) -> bool {
        self.ids.knows(id)
    }

    pub(crate) fn has_sector(&self, id: &str) -> bool {
        self.sectors.iter().any(|s| s.id == id)
    }

    /// Whether a recommendation that names something `file` lacks is to blame: not when an
    /// entry of `file` was refused, since it may be that one.
    pub(crate) fn complete(&self, file: &str) -> bool {
        !self.incomplete.contains(&file)
    }
}

/// Parses and validates the four table files present in `files`.
pub(super) fn validate_tables(files: &ContentFiles, diags: &mut Diagnostics) -> Tables {
    let (site, legend) = (files.site.as_ref(), files.legend.as_ref());
    let (sections, parties) = (files.sections.as_ref(), files.parties.as_ref());
    let mut t = Tables::default();
    match legend.and_then(|f| parse::<RawLegend>(f, diags).map(|r| (f, r))) {
        Some((f, raw)) => {
            let sectors = raw.sector.len();
            validate_legend(f, raw, &mut t, diags);
            if t.sectors.len() < sectors {
                t.incomplete.push("legend.toml");
            }
        }
        None => t.failed.push("legend.toml"),
    }
    match sections.and_then(|f| parse::<RawSections>(f, diags).map(|r| (f, r))) {
        Some((f, raw)) => {
            let entries = raw.section.len();
            (t.sections, t.ids) = validate_sections(f, raw, diags);
            if t.sections.len() < entries {
                t.incomplete.push("sections.toml");
            }
        }
        None => t.failed.push("sections.toml"),
    }
    match parties.and_then(|f| parse::<RawParties>(f, diags).map(|r| (f, r))) {
        Some((f, raw)) => {
            let names: Vec<String> = raw.party.iter().map(|p| p.name.get_ref().clone()).collect();
            (t.parties, t.joined_at) = validate_parties(f, raw, diags);
            t.party_by_name = names.into_iter().map(|n| (n, None)).collect();
            for p in &t.parties {
                t.party_by_name.insert(p.name.clone(), Some(p.slug.clone()));
            }
        }
        None => t.failed.push("parties.toml"),
    }
    // Last: the site's texts are checked against the other tables' counts.
    if let Some(f) = site {
        let facts = super::facts(files, &t);
        t.site = parse::<RawSite>(f, diags)
            .and_then(|r| super::site::validate_site(f, r, &facts, diags));
        // A further report's own facts stand for site.toml's `[report]`.
        if let (Some(site), Some(rf)) = (t.site.as_mut(), files.report.as_ref()) {
            match parse::<raw::RawReport>(rf, diags)
                .and_then(|r| no_slug(rf, r, diags))
                .and_then(|r| super::site::validate_report(rf, r, diags))
            {
                Some(report) => site.report = report,
                None => t.site = None,
            }
        }
        if let (Some(site), Some(pf)) = (&t.site, parties) {
            // Where the day of adoption is missing: a further report's own file, else site.toml.
            let report_at = files
                .report
                .as_ref()
                .map_or("site.toml's [report]".into(), |rf| {
                    format!("{}", rf.path.display())
                });
            check_joined_comparable(pf, &t.joined_at, site, &report_at, diags);
        }
    }
    t
}

/// A further report's slug is its folder's name: a `slug` in its report.toml would be a second
/// one, which the URLs and the data files could disagree on.
fn no_slug(f: &SourceFile, r: raw::RawReport, diags: &mut Diagnostics) -> Option<raw::RawReport> {
    let Some(v) = &r.slug else {
        return Some(r);
    };
    let msg = "a further report's slug is its folder's name";
    let help = "leave `slug` out of report.toml, and rename the folder to change the slug";
    diags.push(f.error_at(at(v, 0), msg).with_help(help));
    None
}

/// A Party's `joined` says whether it was a Party when the report was adopted only beside the
/// day of adoption: without `adopted_on`, its page could say neither.
fn check_joined_comparable(
    f: &SourceFile,
    joined_at: &[(String, usize)],
    site: &Site,
    report_at: &str,
    diags: &mut Diagnostics,
) {
    if site.report.adopted_on.is_some() {
        return;
    }
    for (name, offset) in joined_at {
        let msg = format!(
            "Party \"{name}\" has a `joined` date, but {report_at} has no `adopted_on` to \
             compare it with"
        );
        let help = format!(
            "give the day the Committee adopted the report in {report_at}, like \
             adopted_on = \"2022-03-10\""
        );
        diags.push(f.error_at(*offset, msg).with_help(help));
    }
}

fn parse<T: serde::de::DeserializeOwned>(f: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    parse_toml(f, &f.text, 0, diags)
}

fn validate_legend(f: &SourceFile, raw: RawLegend, t: &mut Tables, diags: &mut Diagnostics) {
    t.labels_note = raw.labels_note.map(|n| n.into_inner());
    match raw.speaker {
        Some(s) if s.get_ref().trim().is_empty() => diags.push(
            f.error_at(at(&s, 0), "speaker is empty")
                .with_help("give the word the texts name the body by before its verb, like speaker = \"Committee\", or leave it out"),
        ),
        s => t.speaker = s.map(|s| s.into_inner()),
    }
    let levels = raw.level.len();
    t.levels = super::levels::validate_levels(f, raw.level, diags);
    if t.levels.len() < levels {
        t.incomplete.push("legend.toml");
    }
    for c in raw.concern {
        match Scope::parse(c.id.get_ref()) {
            Some(scope) if t.concerns.iter().all(|x| x.scope != scope) => {
                t.concerns.push(ConcernInfo {
                    scope,
                    label: c.label.into_inner(),
                    description: c.description.into_inner(),
                })
            }
            _ => diags.push(
                f.error_at(
                    at(&c.id, 0),
                    format!("unknown or repeated concern \"{}\"", c.id.get_ref()),
                )
                .with_help("concerns are all, open and designated, each once"),
            ),
        }
    }
    let mut seen = HashSet::new();
    for s in raw.sector {
        if check_slug(f, &s.id, &mut seen, "sector", diags) {
            t.sectors.push(Sector {
                id: s.id.into_inner(),
                label: s.label.into_inner(),
            });
        }
    }
    if t.concerns.len() < 3 {
        diags.push(f.error_at(
            0,
            "the legend must define every concern (all, open, designated)",
        ));
    }
    t.concerns.sort_by_key(|c| c.scope);
}

/// The sections in the file's order, and the scheme that reads ids by them and by the
/// declared `id_pattern`.
fn validate_sections(
    f: &SourceFile,
    raw: RawSections,
    diags: &mut Diagnostics,
) -> (Vec<Section>, IdScheme) {
    let pattern = raw
        .id_pattern
        .as_ref()
        .map_or(Some(IdPattern::Hyphen), |p| {
            let parsed = IdPattern::parse(p.get_ref());
            if parsed.is_none() {
                let known: Vec<String> = IdPattern::ALL
                    .iter()
                    .map(|(w, _)| format!("\"{w}\""))
                    .collect();
                diags.push(
                    f.error_at(at(p, 0), format!("unknown id pattern \"{}\"", p.get_ref()))
                        .with_help(format!("an id pattern is one of {}", known.join(", "))),
                );
            }
            parsed
        });
    let mut ids: Vec<String> = Vec::new();
    let mut titles = Vec::new();
    for s in raw.section {
        let id = s.id.get_ref();
        if !is_section_id(id) {
            let msg = format!("invalid section id \"{id}\"");
            diags.push(f.error_at(at(&s.id, 0), msg).with_help(SECTION_ID_HELP));
        } else if let Some(x) = ids.iter().find(|x| x.eq_ignore_ascii_case(id)) {
            let msg = if x == id {
                format!("duplicate section \"{id}\"")
            } else {
                format!("section \"{id}\" differs from section \"{x}\" only in case")
            };
            let help = "section ids make URLs, where case does not count";
            diags.push(f.error_at(at(&s.id, 0), msg).with_help(help));
        } else {
            ids.push(id.clone());
            titles.push(s.title.into_inner());
        }
    }
    let scheme = IdScheme::new(ids.clone(), pattern.unwrap_or(IdPattern::Hyphen));
    let sections = ids
        .iter()
        .zip(titles)
        .filter_map(|(id, title)| {
            Some(Section {
                id: scheme.section(id)?,
                title,
            })
        })
        .collect();
    (sections, scheme)
}

const SECTION_ID_HELP: &str = "a section id is letters and digits, with single \".\" or \"-\" between \
                               them, up to 16 characters: \"II\", \"3\", \"A\", \"A.1\"";

/// The id scheme of `files`' sections.toml, read without reporting errors (validation reports
/// them): for the release history, whose snapshots are read apart from validation.
pub(crate) fn id_scheme(files: &ContentFiles) -> IdScheme {
    let Some(f) = files.sections.as_ref() else {
        return IdScheme::default();
    };
    parse::<RawSections>(f, &mut Diagnostics::default()).map_or_else(IdScheme::default, |raw| {
        validate_sections(f, raw, &mut Diagnostics::default()).1
    })
}

/// The valid Parties, sorted by name, and where each gives its `joined` date.
fn validate_parties(
    f: &SourceFile,
    raw: RawParties,
    diags: &mut Diagnostics,
) -> (Vec<Party>, Vec<(String, usize)>) {
    let (mut out, mut joined_at) = (Vec::new(), Vec::new());
    let (mut slugs, mut isos) = (HashSet::new(), HashSet::new());
    let mut names = LookAlikes::default();
    for p in raw.party {
        let ok_slug = check_slug(f, &p.slug, &mut slugs, "Party slug", diags);
        let ok_name = names.check(f, &p.name, "Party name", diags);
        let iso = p.iso.get_ref();
        let ok_iso = iso.len() == 2 && iso.bytes().all(|b| b.is_ascii_uppercase());
        if !ok_iso {
            diags.push(
                f.error_at(
                    at(&p.iso, 0),
                    format!("invalid ISO 3166-1 alpha-2 code \"{iso}\""),
                )
                .with_help("two upper-case letters, like \"MK\""),
            );
        }
        let ok_iso = ok_iso && check_unique(f, &p.iso, &mut isos, "ISO code", diags);
        let joined = p.joined.as_ref().and_then(|v| joined_date(f, v, diags));
        let ok_joined = p.joined.is_none() || joined.is_some();
        if let (true, true, true, true, Some(slug)) = (
            ok_slug,
            ok_name,
            ok_iso,
            ok_joined,
            PartySlug::parse(p.slug.get_ref()),
        ) {
            if let Some(v) = &p.joined {
                joined_at.push((p.name.get_ref().clone(), at(v, 0)));
            }
            out.push(Party {
                slug,
                name: p.name.into_inner(),
                iso: p.iso.into_inner(),
                joined,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    (out, joined_at)
}

/// A Party's `joined` date, or `None` after reporting why it is not one.
fn joined_date(f: &SourceFile, v: &S, diags: &mut Diagnostics) -> Option<Date> {
    Date::parse(v.get_ref())
        .map_err(|why| {
            let msg = format!("joined \"{}\" {}", v.get_ref(), why.says("2023-05-01"));
            diags.push(f.error_at(at(v, 0), msg));
        })
        .ok()
}

/// Names seen so far, by their folded form (case and accents removed), with the name as
/// written and its line: `ALBANIA` beside `Albania`, or `Türkiye` beside `Turkiye`, would
/// otherwise be two Parties.
#[derive(Default)]
struct LookAlikes(BTreeMap<String, (String, usize)>);

impl LookAlikes {
    /// Whether `v` is new; reports an exact or a look-alike repeat otherwise.
    fn check(&mut self, f: &SourceFile, v: &S, what: &str, diags: &mut Diagnostics) -> bool {
        let name = v.get_ref();
        let (line, _) = f.line_col(at(v, 0));
        let Some((prev, prev_line)) = self.0.get(&fold(name)) else {
            self.0.insert(fold(name), (name.clone(), line));
            return true;
        };
        let d = if prev == name {
            f.error_at(at(v, 0), format!("duplicate {what} \"{name}\""))
        } else {
            let msg = format!(
                "{what} \"{name}\" differs from \"{prev}\" (line {prev_line}) only in case or accents"
            );
            f.error_at(at(v, 0), msg)
                .with_help("list each Party once, spelt as the source spells it")
        };
        diags.push(d);
        false
    }
}

/// A name without case or accents: decomposed (NFKD), combining marks dropped, lower case.
pub(super) fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    name.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// A URL-safe, unique slug; reports and returns false otherwise.
pub(super) fn check_slug(
    f: &SourceFile,
    v: &S,
    seen: &mut HashSet<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    if PartySlug::parse(v.get_ref()).is_none() {
        diags.push(
            f.error_at(at(v, 0), format!("invalid {what} \"{}\"", v.get_ref()))
                .with_help(raw::SLUG_HELP),
        );
        return false;
    }
    check_unique(f, v, seen, what, diags)
}

fn check_unique(
    f: &SourceFile,
    v: &S,
    seen: &mut HashSet<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    let fresh = seen.insert(v.get_ref().clone());
    if !fresh {
        diags.push(f.error_at(at(v, 0), format!("duplicate {what} \"{}\"", v.get_ref())));
    }
    fresh
}
