//! Atom feeds of the change history: the releases in; out, `/changes/feed.xml` (one entry per
//! release) and `/parties/<slug>/changes.xml` (one entry per release that changed a
//! recommendation concerning the Party). Ids and dates come from the release dates, never the
//! clock; links are absolute when the base URL is. An entry holds the release's note (release
//! feed only) and links to the entries of the changed recommendations.

use anyhow::Result;
use rayon::prelude::*;

use crate::graph::Concern;
use crate::markdown::escape;
use crate::model::releases::{Change, RecState, Release};
use crate::model::{Date, Party, Scope};
use crate::render::Renderer;

use super::release_changes::{Of, changes_in};

/// One entry of a feed, its text already filled from the theme's strings.
struct Entry {
    title: String,
    /// Site path of the page it links to.
    path: String,
    /// Distinguishes the entries of one page in Party feeds.
    id_suffix: String,
    date: String,
    summary: String,
    content_html: String,
}

/// Writes every feed.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    let t = r.strings();
    let title = t.fill("changes.feed_title", &[("site", &g.meta().short_title)])?;
    let reports = Of::every(g);
    let releases = &g.history().releases;
    let entries = (0..releases.len())
        .rev()
        .map(|i| entry(r, &releases[i].0, &changes_in(&reports, i), None))
        .collect::<Result<Vec<_>>>()?;
    let feed = atom(
        r,
        &title,
        &g.urls().changes_feed(),
        &g.urls().changes(),
        &entries,
    );
    r.file_at_url(&g.urls().changes_feed(), feed.into_bytes())?;
    g.parties()
        .par_iter()
        .try_for_each(|&p| party_feed(r, &reports, g.party(p)))
}

fn party_feed(r: &Renderer, reports: &[Of], party: &Party) -> Result<()> {
    let g = r.site();
    let t = r.strings();
    let title = t.fill(
        "changes.party_feed_title",
        &[("site", &g.meta().short_title), ("party", &party.name)],
    )?;
    let mut entries = Vec::new();
    let releases = &g.history().releases;
    for i in (0..releases.len()).rev() {
        // Each report is read for the Party with its own adoption date.
        let mut mine = changes_in(reports, i);
        mine.retain(|(of, c)| concerns(c, party, of.adopted_on()));
        if !mine.is_empty() {
            entries.push(entry(r, &releases[i].0, &mine, Some(party))?);
        }
    }
    let url = g.urls().party_changes_feed(&party.slug);
    let feed = atom(r, &title, &url, &g.urls().party(&party.slug), &entries);
    r.file_at_url(&url, feed.into_bytes())
}

/// Whether a change concerns `party`: before or after it, the recommendation concerns the
/// Party in any way but "not designated" ([`Concern::from_facts`], the rule of the Party
/// pages, read from the release's snapshots; a Party that joined after the report was adopted,
/// `adopted_on`, is not named by any list). A scope the snapshot does not spell as the model
/// does counts as concerning every Party.
pub(in crate::render) fn concerns(
    change: &Change,
    party: &Party,
    adopted_on: Option<Date>,
) -> bool {
    let late = Concern::joined_later(party, adopted_on);
    let of = |s: &RecState| {
        let Some(scope) = Scope::parse(&s.scope) else {
            return true;
        };
        let named = s.named_parties().any(|n| n == party.name);
        // A list without a status is complete, as in the content's files.
        let complete = s
            .lists
            .iter()
            .all(|l| l.list.as_deref().is_none_or(|v| v == "complete"));
        Concern::from_facts(scope, named, complete, late) != Concern::NotNamed
    };
    change.before.iter().chain(&change.after).any(of)
}

fn entry(
    r: &Renderer,
    rel: &Release,
    changes: &[(&Of, &Change)],
    party: Option<&Party>,
) -> Result<Entry> {
    let u = r.site().urls();
    let t = r.strings();
    let v = rel.version.as_str();
    let n = changes.len().to_string();
    let mut items = String::new();
    for (of, c) in changes {
        let title = c
            .after
            .as_ref()
            .or(c.before.as_ref())
            .map_or("", |s| s.title.as_str());
        let mut label = t.fill("rec.title", &[("id", &c.id.to_string()), ("title", title)])?;
        if let Some(report) = of.name() {
            label = t.fill(
                "changes.in_report_item",
                &[("item", &label), ("report", report)],
            )?;
        }
        let href = u.absolute(&of.entry(v, &c.id));
        items.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            escape(&href),
            escape(&label)
        ));
    }
    // The release feed carries the note; a Party's feed only what concerns the Party (the
    // note is one link away, and 43 copies of it would be most of the feeds' bytes).
    let mut content = match party {
        None => crate::markdown::to_html(&rel.note, u.base()),
        Some(_) => String::new(),
    };
    if !items.is_empty() {
        let heading = t.fill("changes.feed_changed", &[("n", &n)])?;
        content.push_str(&format!("<p>{}</p><ul>{items}</ul>", escape(&heading)));
    }
    // "1 recommendation", "2 recommendations": the theme has a string for each; the first
    // release has nothing to compare with.
    let first = r
        .site()
        .history()
        .releases
        .first()
        .is_some_and(|(f, _)| f.version == rel.version);
    let key = match changes.len() {
        _ if first => "entry_summary_first",
        1 => "entry_summary_one",
        _ => "entry_summary",
    };
    let (title, summary) = match party {
        Some(p) => (
            t.fill(
                "changes.party_entry_title",
                &[("version", v), ("party", &p.name)],
            )?,
            t.fill(
                &format!("changes.party_{key}"),
                &[("n", &n), ("party", &p.name)],
            )?,
        ),
        None => (
            t.fill("changes.entry_title", &[("version", v)])?,
            t.fill(&format!("changes.{key}"), &[("n", &n), ("date", &rel.date)])?,
        ),
    };
    Ok(Entry {
        title,
        path: u.release(v),
        id_suffix: party.map_or_else(String::new, |p| format!("#{}", p.slug)),
        date: rel.date.clone(),
        summary,
        content_html: content,
    })
}

/// An id that never changes: the absolute address when there is one, else a `tag:` URI from
/// the site path and the date.
fn atom_id(r: &Renderer, path: &str, date: &str) -> String {
    let u = r.site().urls();
    if u.is_absolute() {
        u.absolute(path)
    } else {
        format!("tag:recpub,{date}:{path}")
    }
}

fn atom(r: &Renderer, title: &str, self_path: &str, alternate: &str, entries: &[Entry]) -> String {
    let u = r.site().urls();
    let first = r
        .site()
        .history()
        .releases
        .first()
        .map_or("", |(rel, _)| rel.date.as_str());
    let updated = entries.first().map_or_else(
        || {
            r.site()
                .history()
                .last()
                .map_or(first, |l| l.date.as_str())
                .to_string()
        },
        |e| e.date.clone(),
    );
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    out.push_str(&format!(
        "<id>{}</id>\n",
        escape(&atom_id(r, self_path, first))
    ));
    out.push_str(&format!("<updated>{updated}T00:00:00Z</updated>\n"));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&u.absolute(self_path))
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&u.absolute(alternate))
    ));
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(&r.site().meta().title)
    ));
    for e in entries {
        let id = format!("{}{}", atom_id(r, &e.path, &e.date), e.id_suffix);
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&e.title)));
        out.push_str(&format!("<id>{}</id>\n", escape(&id)));
        out.push_str(&format!("<updated>{}T00:00:00Z</updated>\n", e.date));
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&u.absolute(&e.path))
        ));
        out.push_str(&format!("<summary>{}</summary>\n", escape(&e.summary)));
        out.push_str(&format!(
            "<content type=\"html\">{}</content>\n",
            escape(&e.content_html)
        ));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;
    use crate::model::{IdPattern, IdScheme};

    /// A change that makes II-5 as a file with `addressees` writes it.
    fn change(addressees: &str) -> Change {
        let text = format!(
            "+++\nid = \"II-5\"\ntitle = \"T\"\nlevel = \"require\"\n\n[addressees]\n\
             {addressees}\n+++\nThe Committee requires Parties to act.\n"
        );
        let file = SourceFile {
            path: "II-5.md".into(),
            text,
        };
        let after = RecState::read(&file, &mut Default::default());
        Change {
            id: IdScheme::new(vec!["II".into()], IdPattern::Hyphen)
                .rec("II-5")
                .unwrap(),
            fields: Vec::new(),
            before: None,
            after: Some(after.expect("a readable file")),
        }
    }

    #[test]
    fn a_lost_list_concerns_a_party_of_the_day_and_not_one_that_joined_later() {
        let adopted = Date::parse("2020-01-20").ok();
        let party = |joined: &str| Party {
            slug: crate::model::PartySlug::parse("ireland").unwrap(),
            name: "Ireland".into(),
            iso: "IE".into(),
            joined: Date::parse(joined).ok(),
        };
        let (then, later) = (party("2019-01-01"), party("2021-06-01"));
        let lost = change("scope = \"designated\"\nfootnote = \"95\"\nlist = \"unknown\"");
        assert!(concerns(&lost, &then, adopted));
        assert!(!concerns(&lost, &later, adopted));
        let partial = "scope = \"designated\"\nlist = \"partial\"\nparties = [\"Malta\"]";
        assert!(!concerns(&change(partial), &later, adopted));
        // What is addressed to all Parties concerns it as one of them.
        assert!(concerns(&change("scope = \"all\""), &later, adopted));
    }
}
