//! Edits of recommendation files, as a maintainer makes them in `content/recommendations/`:
//! the text, the title, the level, the addressees, a new recommendation, a deleted one; each
//! good, or one `check` refuses.

use super::Edit;
use super::Expect::{Accept, Refuse};
use super::files::{Files, Rng};

const RECS: &str = "content/recommendations";
/// The fixture's sections, and how many recommendations each may go down to: one below the
/// fixture's, so that no deletion takes the last text a thesaurus term or a page relies on.
const SECTIONS: [(&str, u32); 3] = [("II", 3), ("III", 2), ("IV", 2)];
/// The draft note names every number up to this one in each section.
const NAMED_UP_TO: u32 = 9;
const LEVELS: [(&str, &str); 3] = [
    ("invite", "invites"),
    ("request", "requests"),
    ("require", "requires"),
];

fn rel(id: &str) -> String {
    format!("{RECS}/{id}.md")
}

/// Every recommendation's id, sorted by file name.
fn ids(f: &Files) -> Vec<String> {
    let names = f.names_in(RECS);
    names
        .iter()
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .collect()
}

fn last_number(f: &Files, section: &str) -> u32 {
    ids(f)
        .iter()
        .filter_map(|id| id.strip_prefix(&format!("{section}-"))?.parse().ok())
        .max()
        .unwrap_or(0)
}

/// `add` put at the end of the text's first paragraph, before any footnote.
fn add_to_text(f: &mut Files, id: &str, add: &str) {
    let text = f.read(&rel(id));
    let body = text.rfind("+++\n").unwrap() + 4;
    let end = text[body..].find('\n').map_or(text.len(), |i| body + i);
    let text = format!("{}{add}{}", &text[..end], &text[end..]);
    f.write(&rel(id), &text);
}

/// Declares `target` among the recommendations `id` cites.
fn declare(f: &mut Files, id: &str, target: &str) {
    let path = rel(id);
    if !f.replace(
        &path,
        "recommendations = [",
        &format!("recommendations = [\"{target}\", "),
    ) && !f.replace(
        &path,
        "[references]\n",
        &format!("[references]\nrecommendations = [\"{target}\"]\n"),
    ) {
        let text = f.read(&path);
        let at = text.rfind("+++\n").unwrap();
        let refs = format!("\n[references]\nrecommendations = [\"{target}\"]\n");
        f.write(&path, &format!("{}{refs}{}", &text[..at], &text[at..]));
    }
}

/// Whether any other recommendation declares `id` among those it cites.
fn cited(f: &Files, id: &str) -> bool {
    let quoted = format!("\"{id}\"");
    ids(f)
        .iter()
        .filter(|other| *other != id)
        .any(|other| f.read(&rel(other)).contains(&quoted))
}

pub fn text(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let all = ids(f);
    let id = rng.pick(&all).clone();
    let target = rng.pick(&all).clone();
    let declared = f.read(&rel(&id)).contains(&format!("\"{target}\""));
    match rng.below(6) {
        0..=2 => {
            add_to_text(f, &id, &format!(" Edited {step}."));
            Edit::new(format!("{id}: a sentence added"), Accept)
        }
        3 if target != id && !declared => {
            declare(f, &id, &target);
            add_to_text(f, &id, &format!(" See Recommendation {target}."));
            Edit::new(format!("{id}: cites {target}"), Accept)
        }
        3 | 4 => {
            let to = target.to_lowercase();
            add_to_text(f, &id, &format!(" See [it](/recommendations/{to}-9/)."));
            Edit::new(format!("{id}: a link to no page"), Refuse)
        }
        _ => {
            add_to_text(f, &id, " See Recommendation IV-8.");
            Edit::new(format!("{id}: cites IV-8, not declared"), Refuse)
        }
    }
}

pub fn title(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let id = rng.pick(&ids(f)).clone();
    let text = f.read(&rel(&id));
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    let words = [
        "Protect victims",
        "Train judges",
        "Collect data",
        "Review law",
    ];
    let (to, expect) = match rng.below(4) {
        0 => ("A\\nB".to_string(), Refuse),
        1 => ("Long ".repeat(41), Refuse),
        _ => (format!("{} {step}", rng.pick(&words)), Accept),
    };
    f.replace(&rel(&id), line, &format!("title = \"{to}\""));
    Edit::new(format!("{id}: title {to:?}"), expect)
}

pub fn level(f: &mut Files, rng: &mut Rng, _step: usize) -> Edit {
    let id = rng.pick(&ids(f)).clone();
    let text = f.read(&rel(&id));
    let (from, from_verb) = *LEVELS
        .iter()
        .find(|(l, _)| text.contains(&format!("level = \"{l}\"")))
        .unwrap();
    let (to, to_verb) = *rng.pick(&LEVELS);
    let path = rel(&id);
    f.replace(
        &path,
        &format!("level = \"{from}\""),
        &format!("level = \"{to}\""),
    );
    // The Committee's verb follows, or, one time in four, not: `check` refuses the mismatch.
    if rng.below(4) > 0 || to == from {
        f.replace(&path, &format!(" {from_verb} "), &format!(" {to_verb} "));
        Edit::new(format!("{id}: level {to}"), Accept)
    } else {
        Edit::new(format!("{id}: level {to}, the verb left"), Refuse)
    }
}

pub fn addressees(f: &mut Files, rng: &mut Rng, _step: usize) -> Edit {
    let id = rng.pick(&ids(f)).clone();
    let path = rel(&id);
    let text = f.read(&path);
    let parties = ["Albania", "Belgium", "Finland", "Malta"];
    if rng.below(4) == 0 {
        let unknown = "parties = [\"Atlantis\"]\n+++";
        let text = text.replacen("\n+++", &format!("\n{unknown}"), 1);
        let text = text.replacen("\nparties = [", "\nothers = [", 1);
        f.write(&path, &text);
        return Edit::new(format!("{id}: addressed to Atlantis"), Refuse);
    }
    if f.replace(&path, "scope = \"all\"", "scope = \"open\"") {
        return Edit::new(format!("{id}: open"), Accept);
    }
    if f.replace(&path, "scope = \"open\"", "scope = \"all\"") {
        return Edit::new(format!("{id}: to all"), Accept);
    }
    if text.contains("footnote = \"40\"") {
        // II-2's Parties are in its footnote: the list and the footnote change together.
        let chosen: Vec<&str> = parties
            .iter()
            .copied()
            .filter(|_| rng.below(2) == 0)
            .collect();
        let chosen = if chosen.is_empty() {
            vec!["Malta"]
        } else {
            chosen
        };
        let list = chosen
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>();
        let named = match chosen.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => unreachable!(),
        };
        let start = text.find("parties = [").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        let mut text = format!(
            "{}parties = [{}]{}",
            &text[..start],
            list.join(", "),
            &text[end..]
        );
        let note = text.find("[^40]: ").unwrap();
        text.replace_range(note.., &format!("[^40]: {named}.\n"));
        f.write(&path, &text);
        return Edit::new(format!("{id}: addressed to {named}"), Accept);
    }
    // Parties named in the text: a designated Party taken off the list is still named there.
    f.replace(&path, "scope = \"designated\"", "scope = \"all\"");
    Edit::new(format!("{id}: to all, with Parties listed"), Refuse)
}

pub fn new_rec(f: &mut Files, rng: &mut Rng, step: usize) -> Edit {
    let (section, _) = *rng.pick(&SECTIONS);
    let n = last_number(f, section) + 1;
    // One time in three, or past what the draft note names, the next number is skipped.
    let (n, expect) = if rng.below(3) == 0 || n > NAMED_UP_TO {
        (n + 1, Refuse)
    } else {
        (n, Accept)
    };
    let id = format!("{section}-{n}");
    let level = rng.pick(&LEVELS);
    let text = format!(
        "+++\nid = \"{id}\"\ntitle = \"New recommendation {step}\"\nlevel = \"{}\"\n\n\
         [addressees]\nscope = \"all\"\n+++\nThe Committee {} Parties to act on item {step}.\n",
        level.0, level.1
    );
    f.write(&rel(&id), &text);
    Edit::new(format!("{id} new"), expect)
}

pub fn deleted_rec(f: &mut Files, rng: &mut Rng, _step: usize) -> Edit {
    let (section, min) = *rng.pick(&SECTIONS);
    let last = last_number(f, section);
    if rng.below(3) == 0 {
        // Not the last of its section: the numbering has a gap.
        let id = format!("{section}-{}", 1 + rng.below(last as usize - 1));
        f.remove(&rel(&id));
        return Edit::new(format!("{id} deleted, from the middle"), Refuse);
    }
    let id = format!("{section}-{last}");
    if last <= min {
        return Edit::new(format!("nothing ({id} is kept)"), Accept);
    }
    let expect = if cited(f, &id) { Refuse } else { Accept };
    f.remove(&rel(&id));
    Edit::new(format!("{id} deleted"), expect)
}
