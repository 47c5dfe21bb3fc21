//! What a reader sees of one recommendation, as a release records it: a recommendation file
//! (working or from a snapshot) in, its title, level, addressees, text and editorial notes out,
//! with where each field starts in the file. Read from the raw front matter, not validated
//! again: an old snapshot must stay readable when today's rules are stricter than its day's.

use serde::Serialize;

use crate::content::raw::{RawAddressees, RawEditorial, RawRecommendation};
use crate::content::{SourceFile, parse_toml, split_front_matter};
use crate::diag::Diagnostics;

/// The fields a release compares, in the order a change page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Level,
    Addressees,
    Text,
    Editorial,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Level,
        Field::Addressees,
        Field::Text,
        Field::Editorial,
    ];

    /// The id used in messages and for the theme's labels: `title`, `level`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Level => "level",
            Field::Addressees => "addressees",
            Field::Text => "text",
            Field::Editorial => "editorial",
        }
    }
}

/// One list of designated Parties, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    pub sector: Option<String>,
    pub footnote: Option<String>,
    /// Party names as the file writes them (with their qualifiers).
    pub parties: Vec<String>,
    pub list: Option<String>,
}

/// An editorial note, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteState {
    pub kind: String,
    /// Markdown, white space collapsed.
    pub note: String,
    /// (footnote, source, text) of each correction.
    pub corrections: Vec<(Option<String>, String, String)>,
}

/// One recommendation as a reader sees it.
#[derive(Debug, Clone)]
pub struct RecState {
    pub id: String,
    pub title: String,
    pub level: String,
    pub scope: String,
    pub lists: Vec<ListState>,
    /// The Committee's Markdown, surrounding white space trimmed (compared word by word).
    pub body: String,
    pub editorial: Vec<NoteState>,
    /// Byte offset in the file where each field starts, in [`Field::ALL`] order.
    offsets: [usize; 5],
    /// Byte offset of each editorial note's `kind`.
    note_offsets: Vec<usize>,
}

impl RecState {
    /// Reads a recommendation file; `None` (with diagnostics) if its front matter cannot be read.
    pub fn read(file: &SourceFile, diags: &mut Diagnostics) -> Option<RecState> {
        let fm = match split_front_matter(&file.text) {
            Ok(fm) => fm,
            Err(e) => {
                diags.push(file.error_at(e.offset, e.message));
                return None;
            }
        };
        let raw: RawRecommendation = parse_toml(file, fm.toml, fm.toml_offset, diags)?;
        let base = fm.toml_offset;
        let first_note = raw
            .editorial
            .first()
            .map_or(base, |e| base + e.kind.span().start);
        Some(RecState {
            id: raw.id.get_ref().clone(),
            title: raw.title.get_ref().clone(),
            level: raw.level.get_ref().clone(),
            scope: raw.addressees.get_ref().scope.get_ref().clone(),
            lists: lists(raw.addressees.get_ref()),
            body: fm.body.trim().to_string(),
            editorial: raw.editorial.iter().map(note).collect(),
            offsets: [
                base + raw.title.span().start,
                base + raw.level.span().start,
                base + raw.addressees.span().start,
                fm.body_offset,
                first_note,
            ],
            note_offsets: raw
                .editorial
                .iter()
                .map(|e| base + e.kind.span().start)
                .collect(),
        })
    }

    /// The fields in which `self` differs from `other`, in [`Field::ALL`] order.
    pub fn changed_fields(&self, other: &RecState) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| match f {
                Field::Title => self.title != other.title,
                Field::Level => self.level != other.level,
                Field::Addressees => self.scope != other.scope || self.lists != other.lists,
                // Words, not line breaks: reflowing a paragraph changes nothing a reader reads.
                Field::Text => !self
                    .body
                    .split_whitespace()
                    .eq(other.body.split_whitespace()),
                Field::Editorial => self.editorial != other.editorial,
            })
            .collect()
    }

    /// Where `field` starts in the file this state was read from; for the editorial notes,
    /// the first note that differs from `before`'s.
    pub fn offset(&self, field: Field, before: Option<&RecState>) -> usize {
        let first_new = before.and_then(|b| {
            let i =
                (0..self.editorial.len()).find(|&i| b.editorial.get(i) != self.editorial.get(i))?;
            self.note_offsets.get(i).copied()
        });
        match (field, first_new) {
            (Field::Editorial, Some(at)) => at,
            _ => self.offsets[field as usize],
        }
    }

    /// Every Party name the addressees write, qualifiers removed.
    pub fn named_parties(&self) -> impl Iterator<Item = &str> {
        self.lists
            .iter()
            .flat_map(|l| &l.parties)
            .map(|p| p.split(" (").next().unwrap_or(p).trim())
    }
}

fn lists(a: &RawAddressees) -> Vec<ListState> {
    let text = |s: &Option<crate::content::raw::S>| s.as_ref().map(|v| v.get_ref().clone());
    let names = |v: &[crate::content::raw::S]| v.iter().map(|p| p.get_ref().clone()).collect();
    let mut out = Vec::new();
    if a.footnote.is_some() || !a.parties.is_empty() || a.list.is_some() {
        out.push(ListState {
            sector: None,
            footnote: text(&a.footnote),
            parties: names(&a.parties),
            list: text(&a.list),
        });
    }
    out.extend(a.sectors.iter().map(|s| ListState {
        sector: Some(s.sector.get_ref().clone()),
        footnote: text(&s.footnote),
        parties: names(&s.parties),
        list: text(&s.list),
    }));
    out
}

fn note(e: &RawEditorial) -> NoteState {
    NoteState {
        kind: e.kind.get_ref().clone(),
        note: e
            .note
            .get_ref()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        corrections: e
            .corrections
            .iter()
            .map(|c| {
                let footnote = c.footnote.as_ref().map(|f| f.get_ref().clone());
                (
                    footnote,
                    c.source.get_ref().clone(),
                    c.text.get_ref().clone(),
                )
            })
            .collect(),
    }
}
