//! The body language in words: one short present-tense sentence that follows
//! the expression (its strongest emotion, tears, a set jaw, folded arms,
//! breathing, where the eyes go) and the scene (what there is to grip or lean
//! on; on the phone, what the nurse hears).

use bedside_core::scenario::look::{Look, Scene};

use crate::expression::Expression;

/// Pronouns for one person.
struct Words {
    /// "She", "He".
    subject: &'static str,
    /// "she", "he".
    sub: &'static str,
    /// "her", "his".
    poss: &'static str,
    /// "her", "him".
    obj: &'static str,
}

impl Words {
    fn of(woman: bool) -> Words {
        if woman {
            Words { subject: "She", sub: "she", poss: "her", obj: "her" }
        } else {
            Words { subject: "He", sub: "he", poss: "his", obj: "him" }
        }
    }
}

/// What the place gives the body to do.
struct Place {
    /// How they are placed, after the subject: "sits up against the pillows".
    rest: &'static str,
    /// Something to grip.
    grip: &'static str,
}

fn place(scene: Scene) -> Place {
    match scene {
        Scene::Bedside => Place { rest: "sits up against the pillows", grip: "the bed rail" },
        Scene::Clinic => Place { rest: "sits on the edge of the chair", grip: "the chair arm" },
        Scene::Doorway => Place { rest: "stands in the doorway", grip: "the door frame" },
        Scene::RelativesRoom | Scene::Phone => Place { rest: "sits forward on the sofa", grip: "the arm of the sofa" },
    }
}

/// The emotion that leads the body, and how strongly.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lead {
    Fear(f32),
    Anger(f32),
    Sadness(f32),
    Shame(f32),
    Confusion(f32),
    Calm(f32),
    Still,
}

fn lead(e: &Expression) -> Lead {
    let mut best = (Lead::Still, 0.0f32);
    for (l, w) in [
        (Lead::Fear(e.fear), e.fear),
        (Lead::Anger(e.anger), e.anger),
        (Lead::Sadness(e.sadness), e.sadness),
        (Lead::Shame(e.shame), e.shame),
        (Lead::Confusion(e.confusion), e.confusion),
    ] {
        if w > best.1 {
            best = (l, w);
        }
    }
    if best.1 >= 0.22 {
        best.0
    } else if e.calm >= 0.35 {
        Lead::Calm(e.calm)
    } else {
        Lead::Still
    }
}

/// A short present-tense sentence of the body language this expression shows,
/// in this look's scene, with "she" or "he": "She grips the bed rail and won't
/// look at you.", "He sits back, his shoulders dropping; he meets your eye.",
/// "Tears run down her face; she stares at her hands." On the phone it is what
/// the nurse hears: "He speaks in short, clipped words."
pub fn caption(expr: &Expression, look: &Look, woman: bool) -> String {
    let e = expr.clamped();
    let w = Words::of(woman);
    if look.scene == Scene::Phone {
        return on_the_phone(&e, &w);
    }
    let at = place(look.scene);
    let standing = look.scene == Scene::Doorway;
    let (he, s, p) = (w.subject, w.sub, w.poss);
    let fast = e.breathing_rate >= 22.0;
    let (first, eyes_done) = match lead(&e) {
        Lead::Fear(k) if k >= 0.55 && fast => (format!("{he} grips {}, breathing fast", at.grip), false),
        Lead::Fear(k) if k >= 0.55 => (format!("{he} grips {}", at.grip), false),
        Lead::Fear(_) => (format!("{he} twists {p} hands together"), false),
        Lead::Anger(_) if e.arms_crossed >= 0.5 && e.jaw_clench >= 0.3 => {
            (format!("{he} folds {p} arms tight, {p} jaw set"), false)
        }
        Lead::Anger(_) if e.arms_crossed >= 0.5 => (format!("{he} folds {p} arms"), false),
        Lead::Anger(k) if k >= 0.55 => {
            let breath = if fast { ", breathing hard" } else { "" };
            (format!("{he} leans towards you, jaw clenched{breath}"), false)
        }
        Lead::Anger(_) => (format!("{he} sighs sharply, drumming {p} fingers"), false),
        Lead::Sadness(_) if e.tears >= 0.35 => (format!("Tears run down {p} face"), false),
        Lead::Sadness(k) if k >= 0.55 && standing => {
            (format!("{he} leans on the door frame, {p} shoulders low"), false)
        }
        Lead::Sadness(k) if k >= 0.55 => (format!("{he} sits slumped, {p} shoulders low"), false),
        Lead::Sadness(_) => (format!("{he} goes quiet, {p} mouth turned down"), false),
        Lead::Shame(_) if e.hand_to_brow() >= 1.0 => (format!("{he} drops {p} head, a hand to {p} brow"), false),
        Lead::Shame(k) if k >= 0.5 => (format!("{he} drops {p} head, {p} face colouring"), false),
        Lead::Shame(_) => (format!("{he} shifts about and fiddles with {p} sleeve"), false),
        Lead::Confusion(k) if k >= 0.55 => (format!("{he} frowns, {p} head on one side"), false),
        Lead::Confusion(_) => (format!("{he} frowns, looking from you to the paper and back"), true),
        Lead::Calm(k) if k >= 0.55 && !standing => (format!("{he} sits back, {p} shoulders dropping"), false),
        Lead::Calm(_) => (format!("{he} breathes out slowly, {p} hands still"), false),
        Lead::Still if e.gaze >= 0.0 => (format!("{he} {}, watching you", at.rest), true),
        Lead::Still => (format!("{he} {}", at.rest), false),
    };
    if eyes_done {
        return format!("{first}.");
    }
    let l = lead(&e);
    let eyes = if e.gaze >= 0.5 {
        format!("; {s} meets your eye")
    } else if e.gaze >= 0.0 {
        format!("; {s} glances at you, then away")
    } else if e.gaze >= -0.5 {
        match l {
            Lead::Sadness(_) => format!("; {s} stares at {p} hands"),
            Lead::Shame(_) => format!("; {s} looks at the floor"),
            Lead::Fear(_) if !standing => format!("; {s} keeps looking at the door"),
            Lead::Fear(_) => format!("; {s} keeps looking down the corridor"),
            _ => format!("; {s} looks past you"),
        }
    } else if first.contains(',') {
        format!("; {s} won't look at you")
    } else {
        " and won't look at you".to_owned()
    };
    format!("{first}{eyes}.")
}

/// What the nurse hears on the phone.
fn on_the_phone(e: &Expression, w: &Words) -> String {
    let (he, s, p, o) = (w.subject, w.sub, w.poss, w.obj);
    let his = if w.poss == "her" { "Her" } else { "His" };
    let first = match lead(e) {
        Lead::Fear(k) if k >= 0.55 => format!("{he} is breathing fast down the line"),
        Lead::Fear(_) => format!("{his} voice is tight and quick"),
        Lead::Anger(k) if k >= 0.55 => format!("{he} is almost shouting down the line"),
        Lead::Anger(_) => format!("{he} speaks in short, clipped words"),
        Lead::Sadness(_) if e.tears >= 0.35 => format!("{he} goes quiet, then you hear {o} crying"),
        Lead::Sadness(_) => format!("{his} voice is flat and low"),
        Lead::Shame(_) => format!("{he} speaks quietly, stopping and starting"),
        Lead::Confusion(_) => format!("{he} asks you to say it again, sounding lost"),
        Lead::Calm(_) => format!("{he} sounds calmer, {p} breathing slower"),
        Lead::Still => format!("{he} is on the line, waiting"),
    };
    let trust = if e.gaze >= 0.5 {
        format!("; {s} is listening to you")
    } else if e.gaze < -0.5 {
        format!("; {s} sounds unconvinced")
    } else {
        String::new()
    };
    format!("{first}{trust}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(scene: Scene) -> Look {
        Look { scene, ..Look::default() }
    }

    fn say(distress: f32, trust: f32, cue: Option<&str>, scene: Scene, woman: bool) -> String {
        caption(&Expression::from_state(distress, trust, cue), &look(scene), woman)
    }

    #[test]
    fn the_caption_changes_with_the_emotion_and_the_trust() {
        let mut seen = std::collections::BTreeSet::new();
        for cue in [None, Some("fear"), Some("anger"), Some("grief"), Some("shame"), Some("confusion"), Some("worry")] {
            for (distress, trust) in [(10.0, 90.0), (50.0, 50.0), (90.0, 10.0), (90.0, 80.0)] {
                seen.insert(say(distress, trust, cue, Scene::Bedside, true));
            }
        }
        assert!(seen.len() >= 14, "only {} captions: {seen:#?}", seen.len());
    }

    #[test]
    fn low_trust_turns_the_eyes_away_and_high_trust_meets_them() {
        let away = say(85.0, 5.0, Some("fear"), Scene::Bedside, true);
        assert_eq!(away, "She grips the bed rail, breathing fast; she won't look at you.");
        let meets = say(10.0, 95.0, None, Scene::Clinic, false);
        assert_eq!(meets, "He sits back, his shoulders dropping; he meets your eye.");
    }

    #[test]
    fn grief_brings_tears_and_anger_folds_the_arms() {
        let grief = say(95.0, 50.0, Some("grief"), Scene::RelativesRoom, true);
        assert!(grief.starts_with("Tears run down her face"), "{grief}");
        let anger = say(95.0, 20.0, Some("anger"), Scene::Doorway, false);
        assert!(anger.starts_with("He folds his arms tight, his jaw set"), "{anger}");
    }

    #[test]
    fn the_pronoun_is_the_one_asked_for() {
        for cue in [None, Some("fear"), Some("anger"), Some("grief"), Some("shame"), Some("confusion")] {
            for (distress, trust) in [(10.0, 90.0), (60.0, 40.0), (90.0, 10.0)] {
                for scene in Scene::ALL {
                    let she = say(distress, trust, cue, scene, true);
                    let he = say(distress, trust, cue, scene, false);
                    for word in ["He ", " he ", " his ", " him", "His "] {
                        assert!(!she.contains(word), "{she}");
                    }
                    for word in ["She ", " she ", " her ", " her.", "Her "] {
                        assert!(!he.contains(word), "{he}");
                    }
                    assert!(she.contains("She") || she.contains("her") || she.contains("Her"), "{she}");
                    assert!(he.contains("He") || he.contains("his") || he.contains("His"), "{he}");
                }
            }
        }
    }

    #[test]
    fn the_scene_gives_the_hands_something_to_grip() {
        assert!(say(90.0, 40.0, Some("fear"), Scene::Clinic, true).contains("the chair arm"));
        assert!(say(90.0, 40.0, Some("fear"), Scene::Doorway, true).contains("the door frame"));
        assert!(say(35.0, 50.0, None, Scene::Doorway, false).starts_with("He stands in the doorway"));
    }

    #[test]
    fn on_the_phone_the_caption_is_what_the_nurse_hears() {
        let angry = say(95.0, 10.0, Some("anger"), Scene::Phone, false);
        assert!(angry.contains("down the line"), "{angry}");
        let crying = say(95.0, 50.0, Some("grief"), Scene::Phone, true);
        assert_eq!(crying, "She goes quiet, then you hear her crying.");
    }

    #[test]
    fn every_caption_is_one_plain_sentence() {
        for cue in [None, Some("fear"), Some("anger"), Some("sadness"), Some("grief"), Some("shame"), Some("confusion")]
        {
            for d in [0.0, 30.0, 60.0, 100.0] {
                for t in [0.0, 30.0, 60.0, 100.0] {
                    for scene in Scene::ALL {
                        let c = say(d, t, cue, scene, d > 50.0);
                        assert!(c.starts_with(char::is_uppercase) && c.ends_with('.'), "{c}");
                        assert_eq!(c.matches('.').count(), 1, "{c}");
                        assert!(c.matches(';').count() <= 1, "{c}");
                        assert!(!c.contains("  ") && c.split(' ').count() <= 16, "{c}");
                    }
                }
            }
        }
    }
}
