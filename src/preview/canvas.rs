//! A thread's pictures between images: the chrome an image starts from in, a picture holding
//! it ready for the image's content out, restoring only the pixels the last content drew over.
//! Copying a whole chrome (3 MB) for every image cost more time than drawing the footer's text
//! saves; the title and label cover about a third of the picture, so each thread keeps one
//! picture per chrome.

use std::sync::Arc;

use resvg::tiny_skia::{Color, IntRect, Pixmap, Rect};

/// Pixels drawn past a shape's bounding box by anti-aliasing, and then some.
const MARGIN: f32 = 2.0;

/// A picture and what it holds besides its chrome.
pub(super) struct Canvas {
    pub(super) pixmap: Pixmap,
    /// The chrome under the picture, when it holds one.
    chrome: Option<Arc<Pixmap>>,
    /// Where content was drawn over the chrome since it was copied: `None` when nothing was.
    dirty: Option<IntRect>,
}

impl Canvas {
    pub(super) fn new(pixmap: Pixmap) -> Canvas {
        Canvas {
            pixmap,
            chrome: None,
            dirty: None,
        }
    }

    /// Makes the picture `chrome` alone: copies only what the last content covered when the
    /// picture already holds this chrome, else all of it.
    pub(super) fn start_on(&mut self, chrome: &Arc<Pixmap>) {
        match (&self.chrome, self.dirty) {
            (Some(held), dirty) if Arc::ptr_eq(held, chrome) => {
                if let Some(rect) = dirty {
                    copy_rect(chrome, &mut self.pixmap, rect);
                }
            }
            _ => {
                self.pixmap.data_mut().copy_from_slice(chrome.data());
                self.chrome = Some(Arc::clone(chrome));
            }
        }
        self.dirty = None;
    }

    /// Makes the picture transparent, no chrome under it.
    pub(super) fn clear(&mut self) {
        self.pixmap.fill(Color::TRANSPARENT);
        self.chrome = None;
        self.dirty = None;
    }

    /// Records that content was drawn inside `bounds` (in pixels).
    pub(super) fn drew(&mut self, bounds: Rect) {
        let (w, h) = (self.pixmap.width() as f32, self.pixmap.height() as f32);
        let left = (bounds.left() - MARGIN).floor().clamp(0.0, w);
        let top = (bounds.top() - MARGIN).floor().clamp(0.0, h);
        let right = (bounds.right() + MARGIN).ceil().clamp(0.0, w);
        let bottom = (bounds.bottom() + MARGIN).ceil().clamp(0.0, h);
        let rect = IntRect::from_ltrb(left as i32, top as i32, right as i32, bottom as i32);
        self.dirty = match (self.dirty, rect) {
            (Some(a), Some(b)) => IntRect::from_ltrb(
                a.left().min(b.left()),
                a.top().min(b.top()),
                a.right().max(b.right()),
                a.bottom().max(b.bottom()),
            ),
            (a, b) => a.or(b),
        };
    }
}

/// The most pictures a thread keeps: one per chrome, and a site has four (a level each, and
/// the site's image).
const KEPT: usize = 4;

/// The canvas of `canvases` that holds `chrome` (any, for an image without one), a new one
/// while fewer than [`KEPT`] are kept, else the first, which will be overwritten.
pub(super) fn pick<'a>(
    canvases: &'a mut Vec<Canvas>,
    chrome: Option<&Arc<Pixmap>>,
    new: impl FnOnce() -> anyhow::Result<Pixmap>,
) -> anyhow::Result<&'a mut Canvas> {
    let held = |c: &Canvas| match (&c.chrome, chrome) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (_, None) => true,
        (None, Some(_)) => false,
    };
    let at = match canvases.iter().position(held) {
        Some(at) => at,
        None if canvases.len() < KEPT => {
            canvases.push(Canvas::new(new()?));
            canvases.len() - 1
        }
        None => 0,
    };
    Ok(&mut canvases[at])
}

/// Copies the pixels of `rect` from `from` to `to` (of one size).
fn copy_rect(from: &Pixmap, to: &mut Pixmap, rect: IntRect) {
    let stride = from.width() as usize * 4;
    let (x0, x1) = (rect.left() as usize * 4, rect.right() as usize * 4);
    let rows = rect.top() as usize..rect.bottom() as usize;
    let to = to.data_mut();
    for y in rows {
        let row = y * stride;
        to[row + x0..row + x1].copy_from_slice(&from.data()[row + x0..row + x1]);
    }
}
