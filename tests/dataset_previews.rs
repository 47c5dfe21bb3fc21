//! The bundled content's preview images: every short title is drawn whole (no "…") at the
//! largest size, and with characters the theme's bundled font has (a missing one would be
//! left out of the image silently).

use std::path::Path;

use recpub::preview::{Painter, RecPreview};

#[test]
fn every_bundled_title_fits_whole_and_in_the_font() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ds = recpub::load_dataset(&root.join("content")).expect("the bundled content loads");
    let painter = Painter::load(&root.join("themes/default")).unwrap();
    assert_eq!(ds.recommendations.len(), 111);
    for rec in &ds.recommendations {
        let info = ds.level_info(rec.level);
        let missing = painter.missing(&format!("{} {}", rec.title, info.label));
        assert!(missing.is_empty(), "{}: the font lacks {missing:?}", rec.id);
        let svg = painter.recommendation_svg(&RecPreview {
            label: &format!("Recommendation {}", rec.id),
            level: &info.id,
            level_label: &info.label,
            title: &rec.title,
            site: &ds.site.short_title,
            accent: "#1f4e79",
        });
        assert!(!svg.contains('…'), "{}: title shortened", rec.id);
        assert!(
            svg.contains(r#"font-size="64""#),
            "{}: title set smaller",
            rec.id
        );
    }
    let site = &ds.site;
    assert!(
        painter
            .missing(&format!("{} {}", site.title, site.short_title))
            .is_empty()
    );
}
