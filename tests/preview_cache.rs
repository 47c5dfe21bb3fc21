//! The preview image cache through the library's build: an empty cache draws every image, a
//! rebuild draws none and writes the same bytes, a changed title draws that one image again,
//! and a text edit draws nothing.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, fixtures, root, tree};
use recpub::project::{Given, Project};
use recpub::site::{Edition, Progress, build_to_disk};
use tempfile::TempDir;

/// Builds `content` into `out` with the cache folder `cache`, for an absolute base URL (pages
/// name their images only then); returns the images drawn.
fn build(content: &Path, out: &Path, cache: &Path) -> usize {
    let root = root();
    let given = Given {
        root: Some(&root),
        content: Some(content),
        out: Some(out),
        cache: Some(cache),
        base_url: Some("https://publication.example.net/small/"),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    let built = build_to_disk(&project, Edition::Online, &Progress::default())
        .unwrap_or_else(|e| panic!("build failed: {e:?}"));
    built.previews_drawn
}

#[test]
fn a_warm_cache_draws_nothing_and_builds_the_same_bytes() {
    let tmp = TempDir::new().unwrap();
    let content = tmp.path().join("content");
    copy_tree(&fixtures().join("site-small/content"), &content);
    // The edits below change II-1, which the next release's note must name.
    common::name_in_draft_note(&content, &["II-1"]);
    let cache = tmp.path().join("cache");
    let (cold, warm) = (tmp.path().join("cold"), tmp.path().join("warm"));
    // 5 recommendations and the site's image.
    assert_eq!(
        build(&content, &cold, &cache),
        6,
        "an empty cache draws every image"
    );
    assert_eq!(fs::read_dir(cache.join("previews")).unwrap().count(), 6);
    assert_eq!(
        build(&content, &warm, &cache),
        0,
        "a warm cache draws nothing"
    );
    assert!(tree(&cold) == tree(&warm), "cold and warm builds differ");

    // A text edit changes no image.
    let ii1 = content.join("recommendations/II-1.md");
    let text = fs::read_to_string(&ii1).unwrap();
    let edited = text.replace("+++\nThe Committee", "+++\nThe Lanzarote Committee");
    assert_ne!(edited, text, "the fixture's text starts as expected");
    fs::write(&ii1, &edited).unwrap();
    assert_eq!(build(&content, &warm, &cache), 0);

    // A new title draws that recommendation's image only, the same as from an empty cache.
    fs::write(
        &ii1,
        edited.replace("Use the right term", "Use the agreed term"),
    )
    .unwrap();
    assert_eq!(build(&content, &warm, &cache), 1);
    let fresh = tmp.path().join("fresh");
    assert_eq!(build(&content, &fresh, &tmp.path().join("empty")), 6);
    assert!(
        tree(&fresh) == tree(&warm),
        "an image from the cache differs from a fresh one"
    );
}
