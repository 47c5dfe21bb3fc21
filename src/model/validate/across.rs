//! The checks across recommendation files: every file's id and declared references with their
//! places in; out, a diagnostic for each duplicate id, gap in a section's numbering and reference
//! to a recommendation that is not there. One rule set, run by a full validation (`check`,
//! `build`) and on the recommendations after an edit (`serve`, [`super::validate_edit`]).

use std::collections::{BTreeMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{RecId, SectionId};

use super::rec::Located;

/// Every check across files, on `located` (in the order the files were loaded: by path).
pub(super) fn check_across(located: &[&Located], diags: &mut Diagnostics) {
    check_duplicates(located, diags);
    check_numbering(located, diags);
    check_references(located, diags);
}

fn error(l: &Located, at: (usize, usize), message: String) -> Diagnostic {
    Diagnostic::error(&l.path, at, message)
}

/// Two files with one id: both are named.
fn check_duplicates(loaded: &[&Located], diags: &mut Diagnostics) {
    let mut first: BTreeMap<&RecId, &Located> = BTreeMap::new();
    for &l in loaded {
        if let Some(prev) = first.insert(&l.id, l) {
            let msg = format!(
                "duplicate id \"{}\" (also in {})",
                l.id,
                prev.path.display()
            );
            diags.push(error(l, l.id_at, msg));
        }
    }
}

/// Within a section, numbers run 1, 2, 3 … with no gap.
fn check_numbering(loaded: &[&Located], diags: &mut Diagnostics) {
    let mut by_section: BTreeMap<&SectionId, Vec<&Located>> = BTreeMap::new();
    for &l in loaded {
        by_section.entry(&l.id.section).or_default().push(l);
    }
    for (section, mut recs) in by_section {
        recs.sort_by_key(|l| l.id.number);
        recs.dedup_by_key(|l| l.id.number);
        let mut expected = 1;
        for l in recs {
            if l.id.number != expected {
                let missing = if l.id.number == expected + 1 {
                    format!("{section}-{expected} is missing")
                } else {
                    format!(
                        "{section}-{expected} to {section}-{} are missing",
                        l.id.number - 1
                    )
                };
                diags.push(error(
                    l,
                    l.id_at,
                    format!("gap in the numbering of section {section}: {missing}"),
                ));
            }
            expected = l.id.number + 1;
        }
    }
}

/// Declared references to other recommendations point at recommendations that exist.
fn check_references(loaded: &[&Located], diags: &mut Diagnostics) {
    let ids: HashSet<&RecId> = loaded.iter().map(|l| &l.id).collect();
    for l in loaded {
        for (id, at) in &l.ref_at {
            if !ids.contains(id) {
                diags.push(error(
                    l,
                    *at,
                    format!("reference to unknown recommendation \"{id}\""),
                ));
            }
        }
    }
}
