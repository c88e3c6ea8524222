//! How the person the trainee speaks with looks, and the place behind them: the
//! optional `look` of a `Patient` (docs/scenario-format.md). Names only, no
//! colours: the program that draws the person picks the colours. Every field has
//! a default, and those that follow the age (hair colour, greying, glasses) are
//! `None` until a trainer sets them.

use serde::{Deserialize, Serialize};

/// How a person looks, and where they are. `()` is a valid look: every field has
/// a default, and hair colour, greying and glasses follow the patient's age.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Look {
    /// "she" or "he", for the words about their body language and the voice
    /// that speaks their lines; `None`: guessed from the pronouns in `about`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pronoun: Option<Pronoun>,
    /// The place drawn behind them.
    #[serde(skip_serializing_if = "is_default")]
    pub scene: Scene,
    #[serde(skip_serializing_if = "is_default")]
    pub skin: SkinTone,
    #[serde(skip_serializing_if = "is_default")]
    pub face: FaceShape,
    #[serde(skip_serializing_if = "is_default")]
    pub hair: HairStyle,
    /// The hair's colour before any grey; `None` follows the age (see [`Look::hair_colour_at`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hair_colour: Option<HairColour>,
    /// How grey the hair is, 0 (none) to 1 (all); `None` follows the age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greying: Option<f32>,
    #[serde(skip_serializing_if = "is_default")]
    pub eye_colour: EyeColour,
    /// `None`: glasses from 65 on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glasses: Option<bool>,
    #[serde(skip_serializing_if = "is_default")]
    pub clothing: Clothing,
    /// The colour of their own clothes, coat or uniform (a gown is always gown blue).
    #[serde(skip_serializing_if = "is_default")]
    pub clothes_colour: ClothesColour,
    #[serde(skip_serializing_if = "is_false")]
    pub beard: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub moustache: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub headwear: Headwear,
    /// The colour of a headscarf or turban.
    #[serde(skip_serializing_if = "is_default")]
    pub headwear_colour: ClothesColour,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// Glasses are drawn from this age on, unless the look says otherwise.
pub const GLASSES_FROM: u32 = 65;

impl Look {
    /// Whether every field is its default (then a file need not write `look`).
    pub fn is_default(&self) -> bool {
        *self == Look::default()
    }

    /// The look's hair colour, or the age's: brown to 64, grey to 79, then white.
    pub fn hair_colour_at(&self, age: u32) -> HairColour {
        self.hair_colour.unwrap_or(match age {
            0..=64 => HairColour::Brown,
            65..=79 => HairColour::Grey,
            _ => HairColour::White,
        })
    }

    /// How grey the hair is, 0 to 1: the look's own figure (clamped), or from
    /// the age: none to 42, then a little more each year, at most 0.7.
    pub fn greying_at(&self, age: u32) -> f32 {
        match self.greying {
            Some(g) if g.is_nan() => 0.0,
            Some(g) => g.clamp(0.0, 1.0),
            None => ((age as f32 - 42.0) / 40.0).clamp(0.0, 0.7),
        }
    }

    /// Whether they wear glasses: the look's choice, or from [`GLASSES_FROM`].
    pub fn glasses_at(&self, age: u32) -> bool {
        self.glasses.unwrap_or(age >= GLASSES_FROM)
    }
}

/// How the person is spoken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pronoun {
    She,
    He,
}

impl Look {
    /// Whether to speak of her (true) or him: the look's pronoun, or else the
    /// pronoun `about` uses more often ("she", "her" against "he", "him", "his").
    pub fn is_she(&self, about: &str) -> bool {
        match self.pronoun {
            Some(p) => p == Pronoun::She,
            None => {
                let words: Vec<String> = about
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                let count = |set: &[&str]| words.iter().filter(|w| set.contains(&w.as_str())).count();
                count(&["she", "her", "hers", "herself"]) >= count(&["he", "him", "his", "himself"])
            }
        }
    }
}

/// The place behind the person, chosen by the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Scene {
    /// In a hospital bed or beside it: pillow, bed head, curtain and monitor.
    #[default]
    Bedside,
    /// A clinic room: window blinds and a poster.
    Clinic,
    /// Standing in a doorway, a corridor behind.
    Doorway,
    /// The relatives' (family) room, or a living room: a sofa, a lamp and a picture.
    RelativesRoom,
    /// On the phone, the phone held to the ear.
    Phone,
}

impl Scene {
    pub const ALL: [Scene; 5] = [Scene::Bedside, Scene::Clinic, Scene::Doorway, Scene::RelativesRoom, Scene::Phone];

    pub fn name(self) -> &'static str {
        match self {
            Scene::Bedside => "Bedside",
            Scene::Clinic => "Clinic",
            Scene::Doorway => "Doorway",
            Scene::RelativesRoom => "RelativesRoom",
            Scene::Phone => "Phone",
        }
    }
}

/// Skin tone, named plainly, lightest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SkinTone {
    Light,
    Fair,
    #[default]
    Medium,
    Olive,
    Brown,
    Dark,
}

impl SkinTone {
    pub const ALL: [SkinTone; 6] =
        [SkinTone::Light, SkinTone::Fair, SkinTone::Medium, SkinTone::Olive, SkinTone::Brown, SkinTone::Dark];
}

/// The shape of the face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum FaceShape {
    #[default]
    Oval,
    Round,
    Square,
    Long,
    Heart,
}

impl FaceShape {
    pub const ALL: [FaceShape; 5] =
        [FaceShape::Oval, FaceShape::Round, FaceShape::Square, FaceShape::Long, FaceShape::Heart];
}

/// Hair style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum HairStyle {
    /// Bald or shaved.
    None,
    #[default]
    Short,
    /// Close-cropped, almost shaved.
    Cropped,
    /// Long, past the shoulders.
    Long,
    /// Pulled back into a bun.
    Bun,
    Curly,
    /// Thinning on top, kept at the sides.
    Receding,
    /// Wavy, to the jaw.
    Wavy,
}

impl HairStyle {
    pub const ALL: [HairStyle; 8] = [
        HairStyle::None,
        HairStyle::Short,
        HairStyle::Cropped,
        HairStyle::Long,
        HairStyle::Bun,
        HairStyle::Curly,
        HairStyle::Receding,
        HairStyle::Wavy,
    ];
}

/// Hair colour (before greying).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HairColour {
    Black,
    Brown,
    Auburn,
    Blonde,
    Grey,
    White,
}

impl HairColour {
    pub const ALL: [HairColour; 6] = [
        HairColour::Black,
        HairColour::Brown,
        HairColour::Auburn,
        HairColour::Blonde,
        HairColour::Grey,
        HairColour::White,
    ];
}

/// Eye (iris) colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum EyeColour {
    #[default]
    Brown,
    DarkBrown,
    Hazel,
    Blue,
    Green,
    Grey,
}

impl EyeColour {
    pub const ALL: [EyeColour; 6] =
        [EyeColour::Brown, EyeColour::DarkBrown, EyeColour::Hazel, EyeColour::Blue, EyeColour::Green, EyeColour::Grey];
}

/// What they wear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Clothing {
    /// A hospital gown.
    #[default]
    Gown,
    /// Their own clothes: a jumper.
    OwnClothes,
    /// A coat over their clothes (a visitor, or someone just arrived).
    Coat,
    /// A work uniform or scrubs: a top with a collar.
    Uniform,
}

impl Clothing {
    pub const ALL: [Clothing; 4] = [Clothing::Gown, Clothing::OwnClothes, Clothing::Coat, Clothing::Uniform];
}

/// Colours for clothes and headwear, muted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ClothesColour {
    #[default]
    Navy,
    Green,
    Maroon,
    Grey,
    Mustard,
    Teal,
    Camel,
    Plum,
}

impl ClothesColour {
    pub const ALL: [ClothesColour; 8] = [
        ClothesColour::Navy,
        ClothesColour::Green,
        ClothesColour::Maroon,
        ClothesColour::Grey,
        ClothesColour::Mustard,
        ClothesColour::Teal,
        ClothesColour::Camel,
        ClothesColour::Plum,
    ];
}

/// A head covering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Headwear {
    #[default]
    None,
    /// A headscarf (hijab) framing the face and covering hair, ears and neck.
    Headscarf,
    Turban,
}

impl Headwear {
    pub const ALL: [Headwear; 3] = [Headwear::None, Headwear::Headscarf, Headwear::Turban];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::code;
    use crate::scenario::load::{load_file, load_str, parse};

    fn look_of(text: &str) -> Look {
        ron::from_str(text).expect("a valid look")
    }

    #[test]
    fn an_empty_look_is_the_default_and_follows_the_age() {
        let look = look_of("()");
        assert!(look.is_default());
        assert_eq!(look.scene, Scene::Bedside);
        assert_eq!(look.hair_colour_at(30), HairColour::Brown);
        assert_eq!(look.hair_colour_at(70), HairColour::Grey);
        assert_eq!(look.hair_colour_at(88), HairColour::White);
        assert!(!look.glasses_at(64));
        assert!(look.glasses_at(65));
        assert_eq!(look.greying_at(30), 0.0);
        assert!(look.greying_at(60) > 0.0 && look.greying_at(60) < look.greying_at(80));
    }

    #[test]
    fn a_look_s_own_choices_win_over_the_age() {
        let look = look_of("(hair_colour: Some(Black), greying: Some(0.0), glasses: Some(false))");
        assert_eq!(look.hair_colour_at(88), HairColour::Black);
        assert_eq!(look.greying_at(88), 0.0);
        assert!(!look.glasses_at(88));
        assert_eq!(look_of("(greying: Some(3.0))").greying_at(20), 1.0);
    }

    #[test]
    fn a_trainer_s_look_reads_as_written() {
        let look = look_of(
            "(scene: RelativesRoom, skin: Olive, hair: Wavy, hair_colour: Some(Black), clothing: OwnClothes, clothes_colour: Plum)",
        );
        assert_eq!(look.scene, Scene::RelativesRoom);
        assert_eq!(look.skin, SkinTone::Olive);
        assert_eq!(look.hair, HairStyle::Wavy);
        assert_eq!(look.hair_colour, Some(HairColour::Black));
        assert_eq!(look.clothing, Clothing::OwnClothes);
        assert_eq!(look.clothes_colour, ClothesColour::Plum);
    }

    const WITH_LOOK: &str = r#"Scenario(
    id: "with-look",
    title: "With a look",
    summary: "A test scenario.",
    setting: "Ward",
    difficulty: Foundation,
    objectives: ["Listen"],
    patient: (
        name: "Ann Lee",
        age: 60,
        about: "Retired.",
        distress: 50,
        trust: 50,
        look: (
            scene: Clinic,
            skin: Brown,
            hair: Bun,
            glasses: Some(true),
            clothing: Coat,
            clothes_colour: Teal,
            headwear: Headscarf,
            headwear_colour: Plum,
        ),
    ),
    start: "open",
    nodes: {
        "open": (
            says: ["I am scared."],
            cue: Some(Explicit(Fear)),
            choices: [
                (say: "You sound scared. Tell me more.", empathy: 4, clarity: 3, tags: [Naming], distress: -10, trust: 10, feedback: "Naming helps.", goto: "good", meets: [1]),
                (say: "Calm down, there is really nothing at all to be scared of here.", empathy: 0, clarity: 2, tags: [Dismissing], distress: 20, trust: -20, feedback: "Dismissing hurts.", goto: "bad"),
            ],
        ),
    },
    endings: {
        "good": (outcome: Resolved, says: "Thanks.", debrief: "Good."),
        "bad": (outcome: Unresolved, says: "Hm.", debrief: "Bad."),
    },
)
"#;

    #[test]
    fn a_scenario_with_a_look_loads_and_one_without_gets_the_default() {
        let loaded = load_str("t.ron", WITH_LOOK);
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        let scenario = parse(WITH_LOOK).expect("parses");
        assert_eq!(scenario.patient.look.scene, Scene::Clinic);
        assert_eq!(scenario.patient.look.headwear, Headwear::Headscarf);
        assert!(scenario.patient.look.glasses_at(20));

        let start = WITH_LOOK.find("        look: (").expect("a look");
        let end = WITH_LOOK[start..].find("        ),\n").expect("its end") + start + "        ),\n".len();
        let without = format!("{}{}", &WITH_LOOK[..start], &WITH_LOOK[end..]);
        let scenario = parse(&without).expect("parses without a look");
        assert!(scenario.patient.look.is_default());
    }

    #[test]
    fn a_saved_scenario_keeps_its_look_and_a_default_look_is_not_written() {
        let scenario = parse(WITH_LOOK).expect("parses");
        let text = ron::ser::to_string_pretty(&scenario, ron::ser::PrettyConfig::default()).expect("serialises");
        assert!(text.contains("look:"), "{text}");
        assert!(text.contains("glasses: Some(true)"), "{text}");
        assert!(!text.contains("beard"), "defaults are left out: {text}");
        assert_eq!(parse(&text).expect("reads back"), scenario);

        let mut plain = scenario.clone();
        plain.patient.look = Look::default();
        let text = ron::ser::to_string_pretty(&plain, ron::ser::PrettyConfig::default()).expect("serialises");
        assert!(!text.contains("look:"), "{text}");
        assert_eq!(parse(&text).expect("reads back"), plain);
    }

    #[test]
    fn a_misspelt_look_field_in_a_file_is_reported_at_its_line_and_column_with_a_suggestion() {
        let dir = tempdir();
        let text = WITH_LOOK.replace("            clothes_colour: Teal,", "            clothes_color: Teal,");
        let path = dir.join("misspelt-look.ron");
        std::fs::write(&path, &text).expect("write the file");
        let loaded = load_file(&path);
        let d = loaded.diagnostics.iter().find(|d| d.code == code::UNKNOWN_FIELD).expect("an unknown field");
        let line = text[..text.find("clothes_color").expect("the typo")].lines().count();
        assert_eq!(d.line, Some(line));
        assert_eq!(d.column, Some(13));
        assert!(d.message.contains("`clothes_color`") && d.message.contains("`Look`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `clothes_colour`?"));
        let shown = loaded.render(false);
        assert!(shown.contains(&format!("misspelt-look.ron:{line}:13")), "{shown}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_misspelt_look_value_names_what_it_is_with_a_suggestion() {
        let text = WITH_LOOK.replace("scene: Clinic", "scene: Clinc");
        let d =
            load_str("t.ron", &text).diagnostics.into_iter().find(|d| d.code == code::UNKNOWN_VARIANT).expect("one");
        assert!(d.message.contains("scene `Clinc`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `Clinic`?"));
    }

    #[test]
    fn greying_outside_nought_to_one_is_out_of_range_at_its_value() {
        let text = WITH_LOOK.replace("hair: Bun,", "hair: Bun, greying: Some(1.5),");
        let loaded = load_str("t.ron", &text);
        let d = loaded.diagnostics.iter().find(|d| d.code == code::OUT_OF_RANGE).expect("out of range");
        assert!(d.message.contains("greying"), "{}", d.message);
        let line = text[..text.find("greying").expect("greying")].lines().count();
        assert_eq!(d.line, Some(line));
    }

    #[test]
    fn every_shipped_scenario_loads_without_warnings_and_names_its_person_s_look() {
        let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let library = crate::scenario::load::Library::load(&[shipped]);
        let problems: Vec<String> = library.diagnostics().map(|d| d.headline()).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(library.scripts().count(), library.files.len());
        assert!(library.files.len() >= 18);
        for script in library.scripts() {
            assert!(!script.scenario().patient.look.is_default(), "{} has no look", script.id());
        }
        let scenes: std::collections::HashSet<Scene> =
            library.scripts().map(|s| s.scenario().patient.look.scene).collect();
        assert_eq!(scenes.len(), Scene::ALL.len(), "every scene is used by some shipped scenario");
    }

    #[test]
    fn the_pronoun_is_the_looks_own_or_else_the_one_about_uses_more() {
        let about = "Her husband died; she sat with him every day, cut his hair and held his hand.";
        assert!(!Look::default().is_she(about), "three for him, two for her: guessed wrong, hence the field");
        assert!(Look { pronoun: Some(Pronoun::She), ..Look::default() }.is_she(about));
        assert!(Look::default().is_she("She is 84 and her daughter is on the way."));
        assert!(!Look { pronoun: Some(Pronoun::He), ..Look::default() }.is_she("She is his wife."));
    }

    #[test]
    fn the_format_page_lists_every_look_field_and_value() {
        let page = include_str!("../../../../docs/scenario-format.md");
        let full = Look {
            pronoun: Some(Pronoun::He),
            scene: Scene::Clinic,
            skin: SkinTone::Dark,
            face: FaceShape::Round,
            hair: HairStyle::Curly,
            hair_colour: Some(HairColour::Black),
            greying: Some(0.5),
            eye_colour: EyeColour::Hazel,
            glasses: Some(true),
            clothing: Clothing::Coat,
            clothes_colour: ClothesColour::Plum,
            beard: true,
            moustache: true,
            headwear: Headwear::Turban,
            headwear_colour: ClothesColour::Teal,
        };
        let text = ron::to_string(&full).expect("serialises");
        let fields = text.trim_matches(['(', ')']).split(',').filter_map(|kv| kv.split(':').next());
        for field in fields {
            assert!(
                page.contains(&format!("| `{}` |", field.trim())),
                "docs/scenario-format.md has no row for `{field}`"
            );
        }
        let names = Scene::ALL
            .iter()
            .map(|s| format!("{s:?}"))
            .chain(SkinTone::ALL.iter().map(|v| format!("{v:?}")))
            .chain(FaceShape::ALL.iter().map(|v| format!("{v:?}")))
            .chain(HairStyle::ALL.iter().map(|v| format!("{v:?}")))
            .chain(HairColour::ALL.iter().map(|v| format!("{v:?}")))
            .chain(EyeColour::ALL.iter().map(|v| format!("{v:?}")))
            .chain(Clothing::ALL.iter().map(|v| format!("{v:?}")))
            .chain(ClothesColour::ALL.iter().map(|v| format!("{v:?}")))
            .chain(Headwear::ALL.iter().map(|v| format!("{v:?}")));
        for name in names {
            assert!(page.contains(&format!("`{name}`")), "docs/scenario-format.md does not name `{name}`");
        }
    }

    /// A fresh folder under the system's temporary folder.
    fn tempdir() -> std::path::PathBuf {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("bedside-look-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("make a temporary folder");
        dir
    }
}
