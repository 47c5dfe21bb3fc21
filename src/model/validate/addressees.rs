//! Validates a recommendation's addressees: scope, Party lists (one, or one per sector), their
//! completeness, and that each declared list matches the footnote or sentence that gives it.

use crate::content::raw::{RawAddressees, S};
use crate::markdown::BodyInfo;
use crate::model::{Addressee, Addressees, Completeness, Date, PartyList, Scope};

use super::ctx::Ctx;
use super::lists::{Entry, names_in_text, split_list};
use super::tables::Tables;

/// One declared list, borrowed from either the top level or a sector entry.
struct ListSpec<'r> {
    sector: Option<&'r S>,
    footnote: Option<&'r S>,
    parties: &'r [S],
    list: Option<&'r S>,
}

/// Raw addressees → model, checked against the body.
pub(super) fn validate_addressees(
    cx: &mut Ctx,
    raw: &toml::Spanned<RawAddressees>,
    body: &BodyInfo,
    t: &Tables,
) -> Option<Addressees> {
    let a = raw.get_ref();
    let Some(scope) = Scope::parse(a.scope.get_ref()) else {
        let d = cx.at(&a.scope, format!("unknown scope \"{}\"", a.scope.get_ref()));
        d.help = Some("scope is one of \"all\", \"open\", \"designated\"".into());
        return None;
    };
    let top = ListSpec {
        sector: None,
        footnote: a.footnote.as_ref(),
        parties: &a.parties,
        list: a.list.as_ref(),
    };
    let has_top = top.footnote.is_some() || !top.parties.is_empty() || top.list.is_some();
    let mut specs = Vec::new();
    if has_top || a.sectors.is_empty() {
        specs.push(top);
    }
    specs.extend(a.sectors.iter().map(|s| ListSpec {
        sector: Some(&s.sector),
        footnote: s.footnote.as_ref(),
        parties: &s.parties,
        list: s.list.as_ref(),
    }));
    if scope != Scope::Designated {
        if has_top || !a.sectors.is_empty() {
            cx.at(
                &a.scope,
                format!("scope \"{}\" takes no Party list", scope.as_str()),
            )
            .help = Some(
                "use scope = \"designated\" for Parties named in the text or a footnote".into(),
            );
            return None;
        }
        check_text_names(cx, &a.scope, &[], body, t);
        return Some(Addressees {
            scope,
            lists: Vec::new(),
        });
    }
    if has_top && !a.sectors.is_empty() {
        cx.at(
            &a.scope,
            "give either one Party list or `sectors`, not both",
        );
        return None;
    }
    let lists: Vec<PartyList> = specs
        .iter()
        .filter_map(|s| validate_list(cx, s, body, t, &a.scope))
        .collect();
    (lists.len() == specs.len()).then_some(Addressees { scope, lists })
}

fn validate_list(
    cx: &mut Ctx,
    spec: &ListSpec,
    body: &BodyInfo,
    t: &Tables,
    scope: &S,
) -> Option<PartyList> {
    let completeness = match spec.list {
        None => Completeness::Complete,
        Some(l) => match Completeness::parse(l.get_ref()) {
            Some(c) => c,
            None => {
                cx.at(l, format!("unknown list status \"{}\"", l.get_ref()))
                    .help = Some("list is one of \"complete\", \"partial\", \"unknown\"".into());
                return None;
            }
        },
    };
    let sector = match spec.sector {
        Some(s) if !t.has_sector(s.get_ref()) => {
            // A sector entry of legend.toml refused (already reported) may be this one.
            if t.complete("legend.toml") {
                cx.at(s, format!("unknown sector \"{}\"", s.get_ref()));
            }
            return None;
        }
        s => s.map(|s| s.get_ref().clone()),
    };
    let mut ok = true;
    let mut parties = Vec::new();
    let mut seen = Vec::new();
    for p in spec.parties {
        let entry = Entry::parse(p.get_ref());
        if seen.contains(&entry.name) {
            cx.at(p, format!("Party \"{}\" is listed twice", entry.name));
            ok = false;
            continue;
        }
        seen.push(entry.name.clone());
        match t.party(&entry.name) {
            Ok(Some(slug)) if t.joined_after(slug).is_some() => {
                let (joined, adopted) = t.joined_after(slug).expect("checked");
                joined_later(cx, p, &entry.name, joined, adopted);
                ok = false;
            }
            Ok(Some(slug)) => parties.push(Addressee {
                party: slug.clone(),
                qualifier: entry.qualifier,
            }),
            Ok(None) => ok = false,
            Err((msg, help)) => {
                cx.at(p, msg).help = help;
                ok = false;
            }
        }
    }
    if completeness == Completeness::Unknown && !spec.parties.is_empty() {
        cx.at(
            spec.parties.first().expect("non-empty"),
            "a list marked \"unknown\" names no Parties",
        );
        ok = false;
    }
    if completeness != Completeness::Unknown && spec.parties.is_empty() {
        cx.at(
            scope,
            "designated Parties are missing: list them in `parties`, or set list = \"unknown\"",
        );
        ok = false;
    }
    match spec.footnote {
        Some(f) => ok &= check_footnote_list(cx, f, spec.parties, completeness, body, t),
        None if spec.sector.is_none() => ok &= check_text_names(cx, scope, spec.parties, body, t),
        // A sector's list can only be checked against a footnote, so one is required.
        None => {
            let sector = spec.sector.expect("a sector list");
            cx.at(
                sector,
                format!(
                    "the list for sector \"{}\" needs the footnote that gives it",
                    sector.get_ref()
                ),
            );
            ok = false;
        }
    }
    ok.then(|| PartyList {
        sector,
        footnote: spec.footnote.map(|f| f.get_ref().clone()),
        parties,
        completeness,
    })
}

/// A Party that joined after the report was adopted, named in one of the Committee's lists:
/// the source cannot name it, and a list that did would make its page say the source does.
fn joined_later(cx: &mut Ctx, at: &S, name: &str, joined: Date, adopted: Date) {
    let msg = format!(
        "\"{name}\" became a Party on {joined}, after the report was adopted ({adopted}): \
         the source's lists cannot name it"
    );
    cx.at(at, msg).help = Some(format!(
        "the Committee's lists stay as the source gives them: leave \"{name}\" out of \
         `parties` and of the footnote; its page says that the recommendations to all Parties \
         apply to it as one of all Parties"
    ));
}

/// The footnote exists, and (unless the list is lost) names exactly the declared Parties.
fn check_footnote_list(
    cx: &mut Ctx,
    f: &S,
    parties: &[S],
    c: Completeness,
    body: &BodyInfo,
    t: &Tables,
) -> bool {
    let Some((marker, text)) = body.footnotes.iter().find(|(m, _)| &m.label == f.get_ref()) else {
        cx.at(
            f,
            format!("footnote [^{}] is not defined in the text", f.get_ref()),
        );
        return false;
    };
    if c == Completeness::Unknown {
        return true;
    }
    let written: Vec<String> = split_list(text, t).iter().map(Entry::display).collect();
    let declared: Vec<&str> = parties.iter().map(|p| p.get_ref().as_str()).collect();
    if written == declared {
        return true;
    }
    let missing: Vec<&str> = written
        .iter()
        .map(String::as_str)
        .filter(|w| !declared.contains(w))
        .collect();
    let extra: Vec<&str> = declared
        .iter()
        .copied()
        .filter(|d| !written.iter().any(|w| w == d))
        .collect();
    let detail = match (missing.is_empty(), extra.is_empty()) {
        (true, true) => "same names in another order".to_string(),
        _ => format!(
            "footnote only: {}; `parties` only: {}",
            or_none(&missing),
            or_none(&extra)
        ),
    };
    let label = f.get_ref();
    cx.in_body(
        marker.offset,
        format!("`parties` does not match footnote [^{label}] ({detail})"),
    );
    false
}

/// Where the list is in the sentence itself, the Parties the text names are the declared ones.
fn check_text_names(cx: &mut Ctx, at: &S, parties: &[S], body: &BodyInfo, t: &Tables) -> bool {
    let named = names_in_text(&body.text, t);
    let declared: Vec<String> = parties
        .iter()
        .map(|p| Entry::parse(p.get_ref()).name)
        .collect();
    let missing: Vec<&str> = named
        .iter()
        .copied()
        .filter(|n| !declared.iter().any(|d| d == n))
        .collect();
    let extra: Vec<&str> = declared
        .iter()
        .map(String::as_str)
        .filter(|d| !named.contains(d))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return true;
    }
    let msg = format!(
        "Parties named in the text do not match `parties` (text only: {}; `parties` only: {})",
        or_none(&missing),
        or_none(&extra)
    );
    cx.at(at, msg);
    false
}

fn or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}
