//! What the face shows: blend weights of six emotions (not exclusive), gaze,
//! tears, crossed arms, a clenched jaw, blinking and breathing, and how they
//! follow from a run's distress, trust and the line's emotional cue.

use serde::{Deserialize, Serialize};

/// The emotions a face blends, each with a weight in [`Expression`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Emotion {
    /// Fear and worry.
    Fear,
    /// Anger and frustration.
    Anger,
    /// Sadness and grief.
    Sadness,
    Shame,
    /// Calm and relief.
    Calm,
    Confusion,
}

impl Emotion {
    pub const ALL: [Emotion; 6] =
        [Emotion::Fear, Emotion::Anger, Emotion::Sadness, Emotion::Shame, Emotion::Calm, Emotion::Confusion];

    pub fn name(self) -> &'static str {
        match self {
            Emotion::Fear => "fear",
            Emotion::Anger => "anger",
            Emotion::Sadness => "sadness",
            Emotion::Shame => "shame",
            Emotion::Calm => "calm",
            Emotion::Confusion => "confusion",
        }
    }
}

/// A face's expression. Weights run 0 to 1 and blend: fear 0.6 with sadness
/// 0.3 is worry. Every field has a default (a neutral face meeting your eyes).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Expression {
    /// Fear and worry: brows raised and drawn together, eyes wide, lips stretched.
    pub fear: f32,
    /// Anger and frustration: brows lowered and together, eyes narrowed, lips pressed.
    pub anger: f32,
    /// Sadness and grief: inner brows up, lids heavy, mouth corners down.
    pub sadness: f32,
    /// Shame: head down and turned aside, eyes lowered, lips pressed in, a
    /// flush; strong shame raises a hand to the brow.
    pub shame: f32,
    /// Calm and relief: relaxed brows, a soft smile.
    pub calm: f32,
    /// Confusion: one brow up and one down, head tilted, mouth to one side.
    pub confusion: f32,
    /// -1 looking away and down, 0 not quite at you, 1 meeting the viewer's eyes.
    pub gaze: f32,
    /// 0 dry to 1 tears running.
    pub tears: f32,
    /// 0 arms down to 1 arms crossed over the chest.
    pub arms_crossed: f32,
    /// 0 relaxed to 1 jaw clenched, lips pressed or teeth set.
    pub jaw_clench: f32,
    /// 0 open to 1 closed eyelids: the caller animates blinks.
    pub blink: f32,
    /// Breaths a minute: the caller advances the breathing phase with it.
    pub breathing_rate: f32,
    /// 0 shallow to 1 deep, heaving breaths.
    pub breathing_depth: f32,
}

impl Default for Expression {
    fn default() -> Self {
        Expression {
            fear: 0.0,
            anger: 0.0,
            sadness: 0.0,
            shame: 0.0,
            calm: 0.0,
            confusion: 0.0,
            gaze: 1.0,
            tears: 0.0,
            arms_crossed: 0.0,
            jaw_clench: 0.0,
            blink: 0.0,
            breathing_rate: 14.0,
            breathing_depth: 0.3,
        }
    }
}

/// How a cue's emotion spreads over the six weights.
#[derive(Debug, Clone, Copy)]
struct Mix {
    fear: f32,
    anger: f32,
    sadness: f32,
    shame: f32,
    confusion: f32,
    /// Extra weight towards tears (grief cries more readily than sadness).
    tears: f32,
}

const fn mix(fear: f32, anger: f32, sadness: f32, shame: f32, confusion: f32, tears: f32) -> Mix {
    Mix { fear, anger, sadness, shame, confusion, tears }
}

/// Distress without a named emotion reads as worry.
const UNNAMED: Mix = mix(0.6, 0.0, 0.3, 0.0, 0.1, 0.0);

/// The blend for an emotion named as in the scenario format (and a few
/// synonyms); `None` for a name it does not know.
fn cue_mix(name: &str) -> Option<Mix> {
    let name = name.trim().to_ascii_lowercase();
    Some(match name.as_str() {
        "fear" | "afraid" | "scared" | "frightened" | "panic" | "anxiety" | "terror" => {
            mix(1.0, 0.0, 0.1, 0.0, 0.0, 0.0)
        }
        "worry" | "worried" | "anxious" | "concern" | "unease" => mix(0.7, 0.0, 0.35, 0.0, 0.1, 0.0),
        "anger" | "angry" | "rage" | "hostility" => mix(0.0, 1.0, 0.0, 0.0, 0.0, 0.0),
        "frustration" | "frustrated" | "irritation" | "annoyance" => mix(0.0, 0.8, 0.05, 0.0, 0.25, 0.0),
        "sadness" | "sad" | "sorrow" | "despair" | "hopelessness" => mix(0.05, 0.0, 1.0, 0.0, 0.0, 0.0),
        "grief" | "loss" | "bereavement" | "mourning" => mix(0.1, 0.0, 1.0, 0.0, 0.0, 0.45),
        "confusion" | "confused" | "disbelief" | "bewilderment" => mix(0.15, 0.0, 0.0, 0.0, 1.0, 0.0),
        "shame" | "guilt" | "embarrassment" | "embarrassed" | "humiliation" => mix(0.0, 0.0, 0.2, 1.0, 0.0, 0.0),
        _ => return None,
    })
}

/// Shame at which a hand is up at the brow (and the caption says so).
const HAND_UP: f32 = 0.6385;
/// Shame at which the hand starts to rise. It is between here and
/// [`HAND_UP`] only in passing: a run's distress is a whole number, and with
/// shame cued each point is 0.0088 of shame (0.6304 at 58, 0.6392 at 59), so
/// no state a run can rest in holds the hand halfway.
const HAND_STARTS: f32 = 0.6315;

fn unit(v: f32) -> f32 {
    if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) }
}

impl Expression {
    /// The face for a run's state: `distress` and `trust` from 0 to 100, and the
    /// emotion the line cues (`"fear"`, `"anger"`, `"sadness"`, `"frustration"`,
    /// `"confusion"`, `"shame"`, `"grief"`, `"worry"`). It blends, never
    /// switches: every weight moves smoothly with distress and trust.
    ///
    /// - distress scales the cue's emotion (seen a little even when distress is low);
    ///   with no cue, or one it does not know, distress shows as worry;
    /// - calm and relief rise as distress falls, more so with trust;
    /// - low trust turns the gaze away, and with distress folds the arms;
    /// - sadness or grief with high distress brings tears;
    /// - strong anger sets the jaw and crosses the arms.
    pub fn from_state(distress: f32, trust: f32, cue: Option<&str>) -> Expression {
        let d = unit(distress / 100.0);
        let t = unit(trust / 100.0);
        let (m, strength) = match cue.and_then(cue_mix) {
            Some(m) => (m, 0.12 + 0.88 * d),
            None => (UNNAMED, d),
        };
        let fear = unit(m.fear * strength);
        let anger = unit(m.anger * strength);
        let sadness = unit(m.sadness * strength);
        let shame = unit(m.shame * strength);
        let confusion = unit(m.confusion * strength);
        let calm = unit((1.0 - d).powf(1.6) * (0.35 + 0.65 * t));

        let gaze = ((t - 0.4) / 0.3).clamp(-1.0, 1.0) - 0.9 * shame - 0.35 * sadness + 0.25 * anger;
        let tears = unit((sadness * (1.0 + m.tears) - 0.5) * 2.2);
        let jaw_clench = unit((anger - 0.35) * 2.0);
        let guarded = unit((0.35 - t) * 2.5) * unit(0.3 + d) * 0.8;
        let arms_crossed = unit((anger - 0.3) * 1.6).max(guarded);
        Expression {
            fear,
            anger,
            sadness,
            shame,
            calm,
            confusion,
            gaze: gaze.clamp(-1.0, 1.0),
            tears,
            arms_crossed,
            jaw_clench,
            blink: 0.0,
            breathing_rate: 12.0 + 14.0 * d + 4.0 * fear,
            breathing_depth: unit(0.3 + 0.45 * d + 0.2 * sadness),
        }
    }

    /// [`Expression::from_state`] for a run: distress and trust as the format
    /// keeps them (0 to 100) and the node's cue emotion, if any.
    pub fn from_run(distress: i64, trust: i64, cue: Option<bedside_core::scenario::Emotion>) -> Expression {
        Expression::from_state(distress as f32, trust as f32, cue.map(bedside_core::scenario::Emotion::name))
    }

    /// The share of each emotion the face shows: blends that add up past 1.3
    /// are damped so that the face stays a face.
    pub(crate) fn damping(&self) -> f32 {
        let total = self.fear + self.anger + self.sadness + self.shame + self.confusion;
        if total > 1.3 { 1.3 / total } else { 1.0 }
    }

    /// 0 hands down .. 1 a hand at the brow: strong shame raises one, quickly,
    /// between two shames that no whole-number distress falls between.
    pub(crate) fn hand_to_brow(&self) -> f32 {
        let e = self.clamped();
        let t = unit((e.shame * e.damping() - HAND_STARTS) / (HAND_UP - HAND_STARTS));
        t * t * (3.0 - 2.0 * t)
    }

    /// The weight of one emotion.
    pub fn weight(&self, emotion: Emotion) -> f32 {
        match emotion {
            Emotion::Fear => self.fear,
            Emotion::Anger => self.anger,
            Emotion::Sadness => self.sadness,
            Emotion::Shame => self.shame,
            Emotion::Calm => self.calm,
            Emotion::Confusion => self.confusion,
        }
    }

    /// The strongest emotion and its weight (calm on a tie at zero).
    pub fn dominant(&self) -> (Emotion, f32) {
        let mut best = (Emotion::Calm, self.calm);
        for e in Emotion::ALL {
            if self.weight(e) > best.1 {
                best = (e, self.weight(e));
            }
        }
        best
    }

    /// The breathing phase (0 to 1, one breath) after `seconds` at this rate.
    pub fn breath_phase(&self, seconds: f32) -> f32 {
        (seconds * self.breathing_rate.max(0.0) / 60.0).rem_euclid(1.0)
    }

    /// Every weight and input clamped to its range (NaN becomes its rest value).
    pub fn clamped(&self) -> Expression {
        Expression {
            fear: unit(self.fear),
            anger: unit(self.anger),
            sadness: unit(self.sadness),
            shame: unit(self.shame),
            calm: unit(self.calm),
            confusion: unit(self.confusion),
            gaze: if self.gaze.is_nan() { 1.0 } else { self.gaze.clamp(-1.0, 1.0) },
            tears: unit(self.tears),
            arms_crossed: unit(self.arms_crossed),
            jaw_clench: unit(self.jaw_clench),
            blink: unit(self.blink),
            breathing_rate: if self.breathing_rate.is_nan() { 14.0 } else { self.breathing_rate.clamp(0.0, 60.0) },
            breathing_depth: unit(self.breathing_depth),
        }
    }
}
