//! The preview image and code block caches through the library's build: an empty cache draws
//! every image, a rebuild draws none and writes the same bytes, a changed title draws that one
//! image again, and a text edit draws nothing; a tampered entry is made again, never
//! published; the output shares nothing with the cache; and one thread draws the same bytes as
//! several.

use crate::common;

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

/// The small fixture in `dir/content`, with a page holding a code block (kept in `code/`).
fn content_with_code(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    copy_tree(&fixtures().join("site-small/content"), &content);
    fs::write(
        content.join("pages/data.md"),
        "+++\ntitle = \"Data\"\ndescription = \"The data.\"\nweight = 2\n+++\nThe [records](/data/recommendations.json):\n\n```json\n{\"id\": \"II-1\"}\n```\n",
    )
    .unwrap();
    content
}

/// The files of a cache folder's `kind` subfolder.
fn entries(cache: &Path, kind: &str) -> Vec<std::path::PathBuf> {
    let dir = cache.join(kind);
    let files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty(), "nothing kept in {}", dir.display());
    files
}

#[test]
fn tampered_entries_are_made_again_and_never_published() {
    let tmp = TempDir::new().unwrap();
    let content = content_with_code(tmp.path());
    let cache = tmp.path().join("cache");
    let (cold, warm) = (tmp.path().join("cold"), tmp.path().join("warm"));
    assert_eq!(build(&content, &cold, &cache), 6);
    let page = fs::read_to_string(cold.join("data/index.html")).unwrap();
    assert!(
        page.contains("<pre class=\"code\" data-lang=\"json\""),
        "{page}"
    );
    // Every image swapped for a file that is not a PNG; a script added to every code block.
    for png in entries(&cache, "previews") {
        fs::write(png, b"GIF89a, not the image drawn").unwrap();
    }
    let script = "<script>alert('cache')</script>";
    for html in entries(&cache, "code") {
        let mut bytes = fs::read(&html).unwrap();
        bytes.extend_from_slice(script.as_bytes());
        fs::write(html, bytes).unwrap();
    }
    // A template's kept syntax tree with a script appended: parsed again, never used.
    for tree in entries(&cache, "templates") {
        let mut bytes = fs::read(&tree).unwrap();
        bytes.extend_from_slice(script.as_bytes());
        fs::write(tree, bytes).unwrap();
    }
    assert_eq!(build(&content, &warm, &cache), 6, "every image drawn again");
    assert!(tree(&cold) == tree(&warm), "a tampered entry was published");
    // Made again, they are kept again: the next build draws nothing.
    assert_eq!(build(&content, &warm, &cache), 0);
}

#[test]
fn editing_the_output_never_changes_the_cache() {
    use std::io::Write;
    let tmp = TempDir::new().unwrap();
    let content = content_with_code(tmp.path());
    let (cache, out) = (tmp.path().join("cache"), tmp.path().join("out"));
    build(&content, &out, &cache);
    build(&content, &out, &cache);
    let built = tree(&out);
    let kept = tree(&cache);
    // Written in place, as an image optimiser or an editor that keeps the file would.
    let png = out.join("previews/ii-1.png");
    let mut file = fs::OpenOptions::new().write(true).open(&png).unwrap();
    file.write_all(b"edited in place").unwrap();
    drop(file);
    assert!(tree(&cache) == kept, "editing the output changed the cache");
    fs::remove_dir_all(&out).unwrap();
    assert_eq!(build(&content, &out, &cache), 0);
    assert!(tree(&out) == built, "the edited image came back");
}

#[test]
fn one_thread_and_several_draw_the_same_bytes() {
    let tmp = TempDir::new().unwrap();
    let content = fixtures().join("site-small/content");
    let mut sites = Vec::new();
    for threads in [1, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (out, cache) = (
            tmp.path().join(format!("out-{threads}")),
            tmp.path().join(format!("cache-{threads}")),
        );
        // Each pool draws every image into a cache of its own.
        assert_eq!(pool.install(|| build(&content, &out, &cache)), 6);
        sites.push(tree(&out));
    }
    let images = sites[0].keys().filter(|k| k.starts_with("previews/"));
    assert_eq!(images.count(), 6, "the images are in the output");
    assert!(
        sites[0] == sites[1],
        "1 and 4 threads built different sites"
    );
}
