//! Units kept or rendered by what they read; reads recorded per unit.
use super::*;
use crate::output::SiteFiles;

fn key(n: usize) -> RecIdx {
    RecIdx::from_index(n)
}

/// A first render of units `a` (reads a recommendation), `b` (shows its item), `d` (shows
/// every item) and `e` (reads every recommendation whole).
fn first() -> Recorded {
    let t = Tracking::first();
    let unit = |name: &str, node: Node| {
        t.render(name.to_string(), || -> Result<(), ()> {
            read(node);
            wrote(&format!("{name}.html"));
            listed(&format!("/{name}/"));
            Ok(())
        })
        .unwrap();
    };
    unit("a", Node::Rec(key(0)));
    unit("b", Node::Item(key(0)));
    unit("d", Node::EveryItem);
    unit("e", Node::EveryRec);
    t.finish()
}

fn decision(kept: Option<&Unit>) -> &'static str {
    match kept {
        None => "render",
        Some(_) => "keep",
    }
}

#[test]
fn a_unit_is_kept_or_rendered_by_what_it_read_that_changed() {
    let last = first();
    assert_eq!(last.units["a"].outputs, ["a.html"]);
    assert_eq!(last.units["a"].sitemap(), ["/a/"]);
    let files = SiteFiles::new();
    let decide = |changed: &[Node], unit: &str| {
        let previous = last.previous(&files, changed);
        decision(Tracking::after(previous).keep(unit))
    };
    // A title edit: what shows the item changes, the recommendation too.
    let title = [Node::Rec(key(0)), Node::Item(key(0))];
    assert_eq!(decide(&title, "a"), "render");
    assert_eq!(decide(&title, "b"), "render");
    assert_eq!(decide(&title, "d"), "render");
    assert!(last.units["d"].reads(Node::Item(key(7))));
    assert!(!last.units["d"].reads(Node::Rec(key(0))));
    // A text edit: only the recommendation's own page.
    let text = [Node::Rec(key(0))];
    assert_eq!(decide(&text, "a"), "render");
    assert_eq!(decide(&text, "b"), "keep");
    assert_eq!(decide(&text, "d"), "keep");
    assert_eq!(decide(&text, "e"), "render");
    assert!(last.units["e"].reads(Node::Rec(key(7))));
    assert!(!last.units["e"].reads(Node::Item(key(0))));
    assert_eq!(decide(&[Node::Counts], "e"), "keep");
    assert_eq!(decide(&text, "new"), "render");
    // With a layer switched off, what it would keep or splice is rendered.
    let without = |layers: &str, changed: &[Node], unit: &str| {
        let previous = last.previous(&files, changed);
        let layers = Layers::without(layers).unwrap();
        decision(Tracking::after(previous).with_layers(layers).keep(unit))
    };
    assert_eq!(without("keep", &text, "b"), "render");
    assert_eq!(without("pieces,inverse", &text, "b"), "keep");
}

#[test]
fn layers_are_switched_off_by_name() {
    assert_eq!(Layers::without(""), Ok(Layers::default()));
    let layers = Layers::without("keep, inverse").unwrap();
    assert!(!layers.keep && layers.pieces && !layers.inverse);
    assert!(Layers::without("splice").is_err());
}

#[test]
fn reads_outside_a_unit_are_not_recorded_and_units_nest() {
    read(Node::Counts);
    let t = Tracking::first();
    t.render("outer".into(), || -> Result<(), ()> {
        read(Node::Counts);
        t.render("inner".into(), || -> Result<(), ()> {
            read(Node::Rec(key(0)));
            Ok(())
        })?;
        read(Node::Counts);
        Ok(())
    })
    .unwrap();
    let units = t.finish().units;
    assert_eq!(units["outer"].nodes, [Node::Counts]);
    assert_eq!(units["inner"].nodes, [Node::Rec(key(0))]);
}

#[test]
fn a_composed_page_with_the_last_digest_is_recorded_as_having_the_same_links() {
    let t = Tracking::first();
    assert!(
        !t.composed("p.html", 7),
        "a first render has nothing to compare with"
    );
    assert!(!t.composed("q.html", 8));
    let last = t.finish();
    assert_eq!(last.digests.len(), 2);
    assert!(last.same_links.is_empty());
    let files = SiteFiles::new();
    let previous = last.previous(&files, &[]);
    let t = Tracking::after(previous);
    assert!(t.composed("p.html", 7));
    assert!(!t.composed("q.html", 9), "other links or ids");
    assert!(
        !t.composed("r.html", 7),
        "a page the last render did not make"
    );
    let now = t.finish();
    assert_eq!(now.same_links, ["p.html"]);
    assert_eq!(now.digests["q.html"].links, 9);
}

#[test]
fn a_record_renumbered_after_a_deletion_names_each_recommendation_by_its_new_index() {
    let t = Tracking::first();
    t.render("a".into(), || -> Result<(), ()> {
        read(Node::Rec(key(2)));
        read(Node::Item(key(1)));
        read(Node::Counts);
        Ok(())
    })
    .unwrap();
    t.keep_places("p.csv", &[5, 6, 7]);
    let mut last = t.finish();
    // The second of three recommendations is deleted: the third is now the second.
    last.renumber(&[Some(key(0)), None, Some(key(1))], 2);
    let a = &last.units["a"];
    assert_eq!(a.nodes, [Node::Rec(key(1)), Node::Counts, Node::Gone]);
    assert!(
        a.reads(Node::Gone),
        "a rebuild that deletes one renders it again"
    );
    assert!(!a.reads(Node::Rec(key(2))));
    assert_eq!(last.places["p.csv"], [Some(5), Some(7)]);
}

#[test]
fn a_page_of_the_same_shape_whose_entries_did_not_change_is_taken_whole() {
    let t = Tracking::first();
    assert!(t.same_page("p.html", 5, &[]).is_none(), "nothing to take");
    t.composed("p.html", 9);
    let last = t.finish();
    let mut files = SiteFiles::new();
    files.insert("p.html".into(), FileBody::from(b"<p>".to_vec()));
    let changed = [Node::Rec(key(3))];
    let previous = last.previous(&files, &changed);
    let t = Tracking::after(previous);
    let (body, links) = t.same_page("p.html", 5, &[Node::Rec(key(1))]).unwrap();
    assert_eq!((body, links), (&files["p.html"], 9));
    assert!(t.same_page("p.html", 6, &[]).is_none(), "another shape");
    let stale = t.same_page("p.html", 5, &[Node::Rec(key(3))]);
    assert!(stale.is_none(), "an entry it shows changed");
    assert!(t.same_page("q.html", 5, &[]).is_none(), "no page there");
    assert_eq!(t.finish().digests["p.html"].shape, Some(5));
}
