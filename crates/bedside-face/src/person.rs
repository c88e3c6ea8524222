//! The person to draw: the scenario's look with the age's defaults filled in
//! (hair colour, greying, glasses), so the drawing reads plain values.

use bedside_core::scenario::look::{
    ClothesColour, Clothing, EyeColour, FaceShape, HairColour, HairStyle, Headwear, Look, Scene, SkinTone,
};

/// A look resolved for one age.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Person {
    pub age: u32,
    pub scene: Scene,
    pub skin: SkinTone,
    pub face: FaceShape,
    pub hair: HairStyle,
    pub hair_colour: HairColour,
    /// 0 to 1.
    pub greying: f32,
    pub eye_colour: EyeColour,
    pub glasses: bool,
    pub clothing: Clothing,
    pub clothes_colour: ClothesColour,
    pub beard: bool,
    pub moustache: bool,
    pub headwear: Headwear,
    pub headwear_colour: ClothesColour,
}

impl Person {
    pub(crate) fn new(look: &Look, age: u32) -> Person {
        let age = age.min(120);
        Person {
            age,
            scene: look.scene,
            skin: look.skin,
            face: look.face,
            hair: look.hair,
            hair_colour: look.hair_colour_at(age),
            greying: look.greying_at(age),
            eye_colour: look.eye_colour,
            glasses: look.glasses_at(age),
            clothing: look.clothing,
            clothes_colour: look.clothes_colour,
            beard: look.beard,
            moustache: look.moustache,
            headwear: look.headwear,
            headwear_colour: look.headwear_colour,
        }
    }
}
