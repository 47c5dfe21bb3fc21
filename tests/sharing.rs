//! Sharing and structured data in the built site: JSON-LD that parses and names each
//! recommendation's id and permalink (and cannot be broken out of by the XSS fixture), Open
//! Graph and Twitter tags on every page (`og:image` absolute, or absent with a relative base),
//! and the preview images: PNGs of 1200×630 with something drawn, in the level's colour.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixtures, root, tree};
use serde_json::Value;
use tempfile::TempDir;

const BASE: &str = "https://example.org/lanzarote/";

/// Builds `content` with `base_url` into a temp folder; preview images are kept in the crate's
/// own `.recpub-cache` (git-ignored), so only the first run draws them.
fn build(content: &Path, base_url: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(["build", "-q", "--content"])
        .arg(content)
        .arg("--out")
        .arg(&out)
        .args(["--base-url", base_url])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The JSON-LD blocks of a page: the text between each `<script type="application/ld+json">`
/// and the first `</script>` after it, as the HTML parser ends a script.
fn json_ld(html: &str) -> Vec<&str> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|s| &s[..s.find("</script>").expect("script closed")])
        .collect()
}

/// The `content` of `<meta property|name="{key}" …>`, if the page has one.
fn meta<'h>(html: &'h str, key: &str) -> Option<&'h str> {
    let at = html
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let rest = &rest[rest.find("content=\"").unwrap() + 9..];
    Some(&rest[..rest.find('"').unwrap()])
}

fn html_pages(out: &Path) -> Vec<(String, String)> {
    tree(out)
        .into_iter()
        .filter(|(rel, _)| common::is_page(rel))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// Width, height and RGBA pixels of a PNG, decoded with the `png` crate.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<[u8; 4]>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // An indexed image (as previews are written) expanded to RGBA, through its palette.
    decoder.set_transformations(png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG");
    let expanded = (png::ColorType::Rgba, png::BitDepth::Eight);
    assert_eq!(reader.output_color_type(), expanded, "RGBA");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2], p[3]])
        .collect();
    (info.width, info.height, pixels)
}

#[test]
fn every_recommendation_page_has_json_ld_naming_its_id_and_permalink() {
    let (_tmp, out) = build(&root().join("content"), BASE);
    let records: Vec<Value> =
        serde_json::from_str(&read(&out, "data/recommendations.json")).unwrap();
    let files = fs::read_dir(root().join("content/recommendations"))
        .unwrap()
        .count();
    assert_eq!(records.len(), files, "one record per recommendation file");
    for rec in &records {
        let id = rec["id"].as_str().unwrap();
        let url = rec["url"].as_str().unwrap();
        let rel = format!("{}index.html", url.strip_prefix(BASE).unwrap());
        let html = read(&out, &rel);
        let blocks = json_ld(&html);
        assert_eq!(blocks.len(), 1, "{rel}: one JSON-LD block");
        let ld: Value = serde_json::from_str(blocks[0]).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "CreativeWork", "{rel}");
        assert_eq!(ld["identifier"], id, "{rel}");
        assert_eq!(ld["url"], url, "{rel}: the permalink");
        assert_eq!(ld["name"], rec["title"], "{rel}: the short title");
        assert_eq!(ld["inLanguage"], "en");
        let report = &ld["isPartOf"];
        assert_eq!(report["@type"], "Report");
        assert!(
            report["name"]
                .as_str()
                .unwrap()
                .starts_with("The protection of children")
        );
        let author = report["author"]["name"].as_str().unwrap();
        assert!(author.starts_with("Lanzarote Committee"), "{author}");
        // site.toml: adopted = "March 2022".
        assert_eq!(report["dateCreated"], "2022-03");
    }
}

#[test]
fn the_data_page_describes_the_dataset_and_each_download() {
    let (_tmp, out) = build(&root().join("content"), BASE);
    let html = read(&out, "data/index.html");
    let blocks = json_ld(&html);
    assert_eq!(blocks.len(), 1);
    let ld: Value = serde_json::from_str(blocks[0]).unwrap();
    assert_eq!(ld["@type"], "Dataset");
    assert_eq!(ld["url"], format!("{BASE}data/"));
    let site: toml::Table = toml::from_str(&read(&root(), "content/site.toml")).unwrap();
    assert_eq!(ld["version"], site["edition"]["version"].as_str().unwrap());
    let downloads = ld["distribution"].as_array().unwrap();
    let mut names = Vec::new();
    for d in downloads {
        assert_eq!(d["@type"], "DataDownload");
        let url = d["contentUrl"].as_str().unwrap();
        let rel = url.strip_prefix(BASE).expect("absolute, on this site");
        assert!(out.join(rel).is_file(), "{url} is not a file of the site");
        let format = d["encodingFormat"].as_str().unwrap();
        let want = match rel {
            r if r.ends_with(".csl.json") => "application/vnd.citationstyles.csl+json",
            r if r.ends_with(".json") => "application/json",
            r if r.ends_with(".csv") => "text/csv",
            r if r.ends_with(".cff") => "application/yaml",
            r => panic!("{r}: a data file of an unexpected kind"),
        };
        assert_eq!(format, want, "{rel}");
        let size = fs::metadata(out.join(rel)).unwrap().len();
        assert_eq!(d["contentSize"], format!("{size} B"), "{rel}");
        names.push(rel.to_string());
    }
    names.sort();
    assert_eq!(
        names,
        [
            "data/CITATION.cff",
            "data/parties.json",
            "data/recommendations.csl.json",
            "data/recommendations.csv",
            "data/recommendations.json",
        ]
    );
}

#[test]
fn every_page_has_sharing_tags_and_an_absolute_image_with_an_absolute_base() {
    let (_tmp, out) = build(&root().join("content"), BASE);
    let records: Vec<Value> =
        serde_json::from_str(&read(&out, "data/recommendations.json")).unwrap();
    // Each recommendation page shows its own image; every other page the site's.
    let own: std::collections::BTreeMap<String, String> = records
        .iter()
        .map(|r| {
            let page = r["url"].as_str().unwrap().strip_prefix(BASE).unwrap();
            let slug = r["id"].as_str().unwrap().to_lowercase();
            (format!("{page}index.html"), format!("previews/{slug}.png"))
        })
        .collect();
    let pages = html_pages(&out);
    assert!(pages.len() > 170);
    for (rel, html) in &pages {
        for key in ["og:title", "og:description", "og:type"] {
            assert!(
                meta(html, key).is_some_and(|v| !v.is_empty()),
                "{rel}: no {key}"
            );
        }
        if rel != "404.html" {
            assert!(
                meta(html, "og:url").is_some_and(|u| u.starts_with(BASE)),
                "{rel}"
            );
        }
        assert_eq!(
            meta(html, "twitter:card"),
            Some("summary_large_image"),
            "{rel}"
        );
        let image = meta(html, "og:image").unwrap_or_else(|| panic!("{rel}: no og:image"));
        assert_eq!(meta(html, "twitter:image"), Some(image));
        let file = image.strip_prefix(BASE).expect("og:image absolute");
        let png = fs::read(out.join(file)).unwrap_or_else(|e| panic!("{rel}: {image}: {e}"));
        assert!(png.starts_with(b"\x89PNG"), "{image}");
        let expected = own.get(rel).map_or("previews/site.png", String::as_str);
        assert_eq!(file, expected, "{rel}");
    }
}

#[test]
fn no_image_tags_with_a_relative_base() {
    let (_tmp, out) = build(&root().join("content"), "/lanzarote/");
    for (rel, html) in html_pages(&out) {
        assert!(meta(&html, "og:title").is_some(), "{rel}: no og:title");
        assert!(
            meta(&html, "og:description").is_some(),
            "{rel}: no og:description"
        );
        assert_eq!(meta(&html, "twitter:card"), Some("summary"), "{rel}");
        assert!(
            !html.contains("og:image"),
            "{rel}: a relative og:image is invalid"
        );
        assert!(!html.contains("twitter:image"), "{rel}");
    }
    // No page names an image, so none is drawn.
    assert!(!out.join("previews").exists());
}

#[test]
fn json_ld_holds_the_xss_payload_as_text_inside_its_script() {
    let content = fixtures().join("xss/content");
    let (_tmp, out) = build(&content, "https://x.org/");
    let html = read(&out, "recommendations/ii-1/index.html");
    let blocks = json_ld(&html);
    assert_eq!(blocks.len(), 1);
    // Had `</script>` in the title closed the element, the block would end early and not parse.
    let ld: Value = serde_json::from_str(blocks[0]).expect("the whole JSON-LD is in the script");
    let title = ld["name"].as_str().unwrap();
    assert!(
        title.contains("</script><script>window.__xss='jsonld'</script><!--"),
        "{title}"
    );
    assert!(!blocks[0].contains(['<', '>', '&']), "{}", blocks[0]);
    assert_eq!(ld["identifier"], "II-1");
    assert_eq!(ld["url"], "https://x.org/recommendations/ii-1/");
    assert!(
        !html.contains("<script>window.__xss"),
        "a payload's script tag is live"
    );
    assert_eq!(
        html.matches("</script>").count(),
        html.matches("<script").count()
    );
}

#[test]
fn preview_images_are_1200_by_630_with_the_level_colour_and_text() {
    let (_tmp, out) = build(
        &fixtures().join("site-small/content"),
        "https://publication.example.net/small/",
    );
    // II-2 is "require", II-3 "request", II-1 "invite": the stripe on the left is the
    // theme's level shade (style.css), the rest of the edge is white background.
    for (id, stripe) in [
        ("ii-2", [0x0b, 0x25, 0x45, 255]),
        ("ii-3", [0x1f, 0x5c, 0x99, 255]),
        ("ii-1", [0x5b, 0x8c, 0xc0, 255]),
    ] {
        let (w, h, px) = decode(&fs::read(out.join(format!("previews/{id}.png"))).unwrap());
        assert_eq!((w, h), (1200, 630), "{id}");
        let at = |x: u32, y: u32| px[(y * w + x) as usize];
        assert_eq!(at(5, 300), stripe, "{id}: level stripe");
        assert_eq!(at(1190, 10), [255, 255, 255, 255], "{id}: background");
        // The title's box (below the id, above the rule) has dark text in it.
        let dark = (200..520)
            .flat_map(|y| (96..1128).map(move |x| (x, y)))
            .filter(|&(x, y)| at(x, y)[0] < 80)
            .count();
        assert!(
            dark > 2_000,
            "{id}: only {dark} dark pixels where the title goes"
        );
    }
    let (w, h, px) = decode(&fs::read(out.join("previews/site.png")).unwrap());
    assert_eq!((w, h), (1200, 630));
    assert!(
        px.iter().filter(|p| p[0] < 80).count() > 10_000,
        "site image blank"
    );
    // Two titles, two images.
    assert_ne!(
        fs::read(out.join("previews/ii-1.png")).unwrap(),
        fs::read(out.join("previews/iii-2.png")).unwrap()
    );
}
