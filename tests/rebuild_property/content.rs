//! Edits of the content's other files: the tables, the thesaurus, the releases (the draft note,
//! a recorded note, a snapshot), `site.toml` and the content pages; each good, or one `check`
//! refuses.

use super::Edit;
use super::Expect::{Accept, Either, Refuse};
use super::files::{Files, Rng};

const SECTIONS: &str = "content/sections.toml";
const PARTIES: &str = "content/parties.toml";
const LEGEND: &str = "content/legend.toml";
const THESAURUS: &str = "content/thesaurus.toml";
const DRAFT: &str = "content/releases/next.md";
const NOTE: &str = "content/releases/1.1/release.md";
const SITE: &str = "content/site.toml";
const PAGES: &str = "content/pages";
/// The line of the draft note that names section IV's recommendations.
const NAMES_IV: &str = "- IV-1, IV-2, IV-3, IV-4, IV-5, IV-6, IV-7, IV-8, IV-9: see each.\n";

/// The `n`th line of `rel` that starts with `prefix`, replaced by `to`.
fn replace_line(f: &mut Files, rel: &str, prefix: &str, n: usize, to: &str) {
    let text = f.read(rel);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(prefix)).collect();
    let line = lines[n % lines.len()];
    let at = text.match_indices(line).next().unwrap().0;
    let text = format!("{}{to}{}", &text[..at], &text[at + line.len()..]);
    f.write(rel, &text);
}

pub fn sections(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    if rng.below(4) == 0 {
        f.replace(SECTIONS, "[[section]]", "[[section]");
        return Edit::new("sections.toml: a TOML syntax error".into(), Refuse);
    }
    let n = rng.below(3);
    replace_line(
        f,
        SECTIONS,
        "title = ",
        n,
        &format!("title = \"Part {step}\""),
    );
    Edit::new(format!("sections.toml: section {n} retitled"), Accept)
}

pub fn parties(f: &mut Files, rng: &mut Rng, _step: usize) -> Edit {
    let norway = "\n[[party]]\nslug = \"norway\"\nname = \"Norway\"\niso = \"NO\"\n";
    match rng.below(4) {
        0 => {
            f.replace(PARTIES, "iso = \"MT\"", "iso = \"mt\"");
            Edit::new("parties.toml: a bad ISO code".into(), Refuse)
        }
        _ if f.read(PARTIES).contains(norway) => {
            f.replace(PARTIES, norway, "");
            Edit::new("parties.toml: Norway removed".into(), Accept)
        }
        _ => {
            let text = f.read(PARTIES);
            f.write(PARTIES, &format!("{text}{norway}"));
            Edit::new("parties.toml: Norway added".into(), Accept)
        }
    }
}

pub fn legend(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    if rng.below(4) == 0 {
        replace_line(f, LEGEND, "verb = ", rng.below(3), "");
        return Edit::new("legend.toml: a level without its verb".into(), Refuse);
    }
    let n = rng.below(10);
    replace_line(
        f,
        LEGEND,
        "label = ",
        n,
        &format!("label = \"Label {step}\""),
    );
    Edit::new(format!("legend.toml: label {n}"), Accept)
}

pub fn thesaurus(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    // A term put before the others.
    let term = |reader: &str, committee: &str| {
        format!("[[term]]\nreader = [\"{reader}\"]\ncommittee = [\"{committee}\"]\n\n[[term]]\n")
    };
    let (from, to, what, expect) = match rng.below(5) {
        0 => (
            "\"kids\"".to_string(),
            format!("\"word{step}\", \"kids\""),
            "a reader's word",
            Accept,
        ),
        1 => {
            let committee = rng.pick(&["prosecutors", "investigations", "database"]);
            let to = term(&format!("term{step}"), committee);
            ("[[term]]\n".to_string(), to, "a new term", Accept)
        }
        2 => {
            let to = term("zeppelins", "zeppelin");
            (
                "[[term]]\n".to_string(),
                to,
                "a Committee's word no text has",
                Refuse,
            )
        }
        3 => (
            "\"kids\"".to_string(),
            "\"children\", \"kids\"".to_string(),
            "a reader's word that is its Committee's",
            Refuse,
        ),
        _ => {
            let suomi = f.read(THESAURUS).contains("\"Suomi\"");
            let (from, to) = if suomi {
                ("Suomi", "Finnland")
            } else {
                ("Finnland", "Suomi")
            };
            (
                format!("\"{from}\""),
                format!("\"{to}\""),
                "Finland's alias",
                Accept,
            )
        }
    };
    f.replace(THESAURUS, &from, &to);
    Edit::new(format!("thesaurus: {what}"), expect)
}

pub fn releases(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let draft = f.read(DRAFT);
    if !draft.contains(NAMES_IV) {
        f.write(DRAFT, &format!("{draft}{NAMES_IV}"));
        return Edit::new("draft note: names section IV again".into(), Accept);
    }
    match rng.below(6) {
        0 => {
            f.write(DRAFT, &format!("{draft}\nAlso reworded, step {step}.\n"));
            Edit::new("draft note: a line added".into(), Accept)
        }
        1 => {
            // A change of section IV since 1.1 goes unnamed: `serve` shows it with a notice,
            // `check` refuses it.
            f.write(DRAFT, &draft.replace(NAMES_IV, ""));
            Edit::new("draft note: section IV not named".into(), Either)
        }
        2 => {
            f.replace(NOTE, "See [the", &format!("Step {step}. See [the"));
            Edit::new("release 1.1: its note reworded".into(), Accept)
        }
        3 => {
            let id = rng.pick(&["II-1", "II-4", "III-3", "IV-2"]);
            let snapshot = format!("content/releases/1.1/recommendations/{id}.md");
            replace_line(
                f,
                &snapshot,
                "title = ",
                0,
                &format!("title = \"Released {step}\""),
            );
            Edit::new(format!("{snapshot}: title"), Accept)
        }
        4 => {
            f.replace(NOTE, "version = \"1.1\"", "version = \"01.1\"");
            Edit::new("release 1.1: a bad version".into(), Refuse)
        }
        _ => {
            f.write(DRAFT, &format!("{draft}\nSee [II-1](ii-1/).\n"));
            Edit::new("draft note: a relative link".into(), Refuse)
        }
    }
}

pub fn site(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    match rng.below(5) {
        0 => {
            f.replace(SITE, "version = \"1.1\"", "version = \"1.2\"");
            Edit::new("site.toml: an edition not released".into(), Refuse)
        }
        1 => {
            f.replace(SITE, "\ndescription = ", "\ndescripton = ");
            Edit::new("site.toml: a misspelt field".into(), Refuse)
        }
        2 => {
            replace_line(
                f,
                SITE,
                "short_title = ",
                0,
                &format!("short_title = \"Fixture {step}\""),
            );
            Edit::new("site.toml: short title".into(), Accept)
        }
        _ => {
            let line = format!("description = \"The fixture, step {step}.\"");
            replace_line(f, SITE, "description = ", 0, &line);
            Edit::new("site.toml: description".into(), Accept)
        }
    }
}

pub fn page(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let extra: Vec<String> = f
        .names_in(PAGES)
        .into_iter()
        .filter(|n| n.starts_with("extra-"))
        .collect();
    let about = format!("{PAGES}/about.md");
    let text = f.read(&about);
    match rng.below(7) {
        0 => {
            f.write(&about, &format!("{text}\nSee [nothing](/nothing/).\n"));
            Edit::new("about page: a link to no page".into(), Refuse)
        }
        1 => {
            f.write(
                &about,
                &format!("{text}\nThere are {{{{ recomendations }}}}.\n"),
            );
            Edit::new("about page: an unknown value".into(), Refuse)
        }
        2 => {
            let page = "+++\ntitle = \"Levels\"\ndescription = \"Taken.\"\n+++\nTaken.\n";
            f.write(&format!("{PAGES}/levels.md"), page);
            Edit::new("a page named as a generated one".into(), Refuse)
        }
        3 if !extra.is_empty() => {
            let name = rng.pick(&extra).clone();
            f.remove(&format!("{PAGES}/{name}"));
            Edit::new(format!("page {name} deleted"), Accept)
        }
        3 | 4 => {
            let page = format!(
                "+++\ntitle = \"Extra {step}\"\ndescription = \"A page.\"\nweight = {}\n+++\nSee [the data](/data/) and {{{{ parties }}}} Parties.\n",
                rng.below(5)
            );
            f.write(&format!("{PAGES}/extra-{step}.md"), &page);
            Edit::new(format!("page extra-{step} new"), Accept)
        }
        _ => {
            f.write(
                &about,
                &format!("{text}\nEdited {step}: see [II-1](/recommendations/ii-1/).\n"),
            );
            Edit::new("about page: a paragraph added".into(), Accept)
        }
    }
}
