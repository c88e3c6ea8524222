//! Colours as RGB triples: mixing, shading and writing them as SVG hex; and the
//! colour of each of the format's named skin tones, hair, eye and cloth colours
//! (the format names them; only the drawing knows their colours).

use std::fmt;

use bedside_core::scenario::look::{ClothesColour, EyeColour, HairColour, SkinTone};

/// An sRGB colour, each channel 0 to 255.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub(crate) const fn hex(v: u32) -> Rgb {
        Rgb(((v >> 16) & 0xff) as f32, ((v >> 8) & 0xff) as f32, (v & 0xff) as f32)
    }

    /// `self` moved a share `t` (0 to 1) of the way to `other`.
    pub(crate) fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        Rgb(self.0 + (other.0 - self.0) * t, self.1 + (other.1 - self.1) * t, self.2 + (other.2 - self.2) * t)
    }

    /// Darker by a share `t`, a little warm, as skin and cloth fall into shadow.
    pub(crate) fn shade(self, t: f32) -> Rgb {
        let k = 1.0 - t.clamp(0.0, 1.0);
        Rgb(self.0 * (k + (1.0 - k) * 0.12), self.1 * k, self.2 * (k * 0.97))
    }

    /// Lighter by a share `t`.
    pub(crate) fn light(self, t: f32) -> Rgb {
        self.mix(Rgb(255.0, 255.0, 255.0), t)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |v: f32| v.round().clamp(0.0, 255.0) as u8;
        write!(f, "#{:02x}{:02x}{:02x}", c(self.0), c(self.1), c(self.2))
    }
}

/// A named colour of the format, as drawn.
pub(crate) trait Colour {
    fn rgb(self) -> Rgb;
}

impl Colour for SkinTone {
    fn rgb(self) -> Rgb {
        match self {
            SkinTone::Light => Rgb::hex(0xf6dccb),
            SkinTone::Fair => Rgb::hex(0xecc5a8),
            SkinTone::Medium => Rgb::hex(0xd7a47e),
            SkinTone::Olive => Rgb::hex(0xc59a6d),
            SkinTone::Brown => Rgb::hex(0x9a6543),
            SkinTone::Dark => Rgb::hex(0x603d2a),
        }
    }
}

/// Darker skin shows lines and blush less: lines are drawn a little stronger.
pub(crate) fn skin_depth(skin: SkinTone) -> f32 {
    match skin {
        SkinTone::Light => 0.0,
        SkinTone::Fair => 0.1,
        SkinTone::Medium => 0.3,
        SkinTone::Olive => 0.35,
        SkinTone::Brown => 0.7,
        SkinTone::Dark => 1.0,
    }
}

impl Colour for HairColour {
    fn rgb(self) -> Rgb {
        match self {
            HairColour::Black => Rgb::hex(0x26201d),
            HairColour::Brown => Rgb::hex(0x5c3b27),
            HairColour::Auburn => Rgb::hex(0x8c4026),
            HairColour::Blonde => Rgb::hex(0xd2ad6a),
            HairColour::Grey => Rgb::hex(0x9d9a96),
            HairColour::White => Rgb::hex(0xe6e3de),
        }
    }
}

impl Colour for EyeColour {
    fn rgb(self) -> Rgb {
        match self {
            EyeColour::Brown => Rgb::hex(0x6b4429),
            EyeColour::DarkBrown => Rgb::hex(0x3a2416),
            EyeColour::Hazel => Rgb::hex(0x8a6d3b),
            EyeColour::Blue => Rgb::hex(0x5283ad),
            EyeColour::Green => Rgb::hex(0x5f8a5c),
            EyeColour::Grey => Rgb::hex(0x7f8c96),
        }
    }
}

impl Colour for ClothesColour {
    fn rgb(self) -> Rgb {
        match self {
            ClothesColour::Navy => Rgb::hex(0x34496a),
            ClothesColour::Green => Rgb::hex(0x55745a),
            ClothesColour::Maroon => Rgb::hex(0x7a3a3f),
            ClothesColour::Grey => Rgb::hex(0x6f7378),
            ClothesColour::Mustard => Rgb::hex(0xc49a3c),
            ClothesColour::Teal => Rgb::hex(0x3c7b7e),
            ClothesColour::Camel => Rgb::hex(0xa9865c),
            ClothesColour::Plum => Rgb::hex(0x6c4a6e),
        }
    }
}
