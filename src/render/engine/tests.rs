//! A page kind's reads through the site view, recorded by construction: units that read the
//! bundled dataset only through [`Site`] are rendered again exactly when what they read changed.

use super::Site;
use super::deps::{Node, Recorded, Tracking};
use crate::graph::{RecIdx, SiteGraph};
use crate::model::{Dataset, Urls};
use crate::output::SiteFiles;

fn bundled() -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::load_dataset(&root.join("content")).expect("the bundled content is valid")
}

/// Renders unit `name` with `read`, which reads the site through the view alone.
fn unit(t: &Tracking, g: &SiteGraph, name: &str, read: impl FnOnce(Site)) {
    t.render(name.to_string(), || -> Result<(), ()> {
        read(Site::new(g, Some(t)));
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_unit_reading_a_recommendation_through_the_view_renders_again_when_it_changes() {
    let ds = bundled();
    let g = SiteGraph::build(&ds, Urls::parse("/").unwrap());
    let (first, second) = (RecIdx::from_index(0), RecIdx::from_index(1));
    let section = g
        .section_of(first)
        .expect("the first recommendation has a section");
    let t = Tracking::first();
    unit(&t, &g, "text", |site| {
        site.rec(first);
    });
    unit(&t, &g, "item", |site| {
        site.item(first);
    });
    unit(&t, &g, "section", |site| {
        site.in_section(section);
    });
    unit(&t, &g, "neighbours", |site| {
        site.neighbours(first);
    });
    let last: Recorded = t.finish();
    let files = SiteFiles::new();
    let decide = |changed: &[Node], name: &str| {
        let previous = last.previous(&files, changed);
        match Tracking::after(previous).keep(name) {
            Some(_) => "keep",
            None => "render",
        }
    };
    let (k0, k1) = (first, second);
    // A text edit of the first: what read it whole renders again; what showed its item or
    // which recommendations the section holds is kept.
    let text = [Node::Rec(k0)];
    assert_eq!(decide(&text, "text"), "render");
    assert_eq!(decide(&text, "item"), "keep");
    assert_eq!(decide(&text, "section"), "keep");
    assert_eq!(decide(&text, "neighbours"), "keep");
    // An edit of another recommendation keeps every unit.
    let other = [Node::Rec(k1), Node::Item(k1)];
    for name in ["text", "item", "section", "neighbours"] {
        assert_eq!(decide(&other, name), "keep", "{name}");
    }
    // A title edit of the first renders what showed its item too.
    assert_eq!(decide(&[Node::Rec(k0), Node::Item(k0)], "item"), "render");
    // The section's list or the neighbours changing renders what read them.
    assert_eq!(decide(&[Node::Section(section)], "section"), "render");
    assert_eq!(decide(&[Node::Section(section)], "text"), "keep");
    assert_eq!(decide(&[Node::Neighbours(k0)], "neighbours"), "render");
    assert_eq!(decide(&[Node::Neighbours(second)], "neighbours"), "keep");
}
