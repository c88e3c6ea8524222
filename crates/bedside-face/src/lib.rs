//! The patient as a person worth talking to: a flat-shaded vector portrait from
//! the chest up, whose look (skin, hair, age, clothes, glasses, beard,
//! headscarf) and scene (bed and curtain, clinic, doorway, relatives' room,
//! phone) are the scenario's, and whose face blends fear, anger, sadness,
//! shame, calm and confusion from the run's distress and trust; with a short
//! caption of the body language. Pure Rust: the portrait is SVG text,
//! rasterised by resvg.
//!
//! ```
//! use bedside_face::{Expression, Look};
//! let look = Look::default();
//! let face = Expression::from_state(80.0, 40.0, Some("fear"));
//! let svg = bedside_face::svg(&look, 84, &face, 0.0, 256, 320);
//! let rgba = bedside_face::render(&svg, 256, 320).unwrap();
//! assert_eq!(rgba.len(), 256 * 320 * 4);
//! let words = bedside_face::caption(&face, &look, true);
//! assert!(words.starts_with("She"));
//! ```

mod caption;
mod colour;
mod draw;
mod expression;
mod person;

#[cfg(test)]
mod tests;

pub use bedside_core::scenario::look::{
    ClothesColour, Clothing, EyeColour, FaceShape, HairColour, HairStyle, Headwear, Look, Scene, SkinTone,
};
pub use caption::caption;
pub use expression::{Emotion, Expression};

use resvg::{tiny_skia, usvg};

/// The drawing's own width and height: a 4:5 portrait.
pub const ASPECT: (u32, u32) = (4, 5);

/// The portrait as SVG text, `width` by `height` pixels: the person of this
/// look and `age` (which fills in the look's hair colour, greying and glasses),
/// in the look's scene, with this expression. The drawing is 4:5 (chest up);
/// other shapes are filled by cropping its edges. `breath` is the breathing
/// phase, 0 to 1 for one breath (see [`Expression::breath_phase`]).
pub fn svg(look: &Look, age: u32, expr: &Expression, breath: f32, width: u32, height: u32) -> String {
    draw::portrait(&person::Person::new(look, age), expr, breath, width.max(1), height.max(1))
}

/// Rasterises SVG text to `width` by `height` straight (not premultiplied)
/// RGBA bytes, row by row from the top. The SVG is scaled to fill the size.
pub fn render(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let tree =
        usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| format!("the SVG does not parse: {e}"))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| format!("cannot make a {width}x{height} image"))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(width as f32 / size.width(), height as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap.take_demultiplied())
}

/// [`svg`] and [`render`] in one: the portrait as RGBA bytes.
pub fn portrait(
    look: &Look,
    age: u32,
    expr: &Expression,
    breath: f32,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, String> {
    render(&svg(look, age, expr, breath, width, height), width, height)
}
