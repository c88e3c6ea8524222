//! Tests of expressions and the portrait: every look and scene draws, the
//! age's defaults show, and the face follows the state.

use crate::person::Person;
use crate::*;

fn pixels(look: &Look, age: u32, e: &Expression) -> Vec<u8> {
    portrait(look, age, e, 0.0, 80, 100).expect("renders")
}

#[test]
fn every_look_and_scene_draws_a_portrait_of_the_size_asked_for() {
    let e = Expression::from_state(70.0, 30.0, Some("anger"));
    for (i, scene) in Scene::ALL.into_iter().enumerate() {
        let look = Look {
            scene,
            skin: SkinTone::ALL[i % 6],
            hair: HairStyle::ALL[i % 8],
            clothing: Clothing::ALL[i % 4],
            headwear: Headwear::ALL[i % 3],
            beard: i % 2 == 0,
            ..Look::default()
        };
        assert_eq!(pixels(&look, 30 + 10 * i as u32, &e).len(), 80 * 100 * 4);
    }
    for hair in HairStyle::ALL {
        for headwear in Headwear::ALL {
            let look = Look { hair, headwear, ..Look::default() };
            assert!(!svg(&look, 50, &e, 0.5, 40, 50).is_empty());
        }
    }
}

#[test]
fn the_age_fills_in_hair_colour_greying_and_glasses() {
    let look = Look::default();
    let young = Person::new(&look, 30);
    let old = Person::new(&look, 85);
    assert_eq!(young.hair_colour, HairColour::Brown);
    assert_eq!(old.hair_colour, HairColour::White);
    assert!(!young.glasses && old.glasses);
    assert!(young.greying < old.greying);
    let own = Look { glasses: Some(false), hair_colour: Some(HairColour::Black), ..Look::default() };
    assert!(!Person::new(&own, 85).glasses);
    assert_ne!(pixels(&look, 30, &Expression::default()), pixels(&look, 85, &Expression::default()));
}

#[test]
fn the_portrait_changes_with_the_state() {
    let look = Look::default();
    let calm = pixels(&look, 40, &Expression::from_state(5.0, 90.0, None));
    for cue in ["fear", "anger", "grief", "shame", "confusion"] {
        let upset = pixels(&look, 40, &Expression::from_state(90.0, 40.0, Some(cue)));
        let differ = calm.chunks(4).zip(upset.chunks(4)).filter(|(a, b)| a != b).count();
        assert!(differ > 200, "{cue}: only {differ} pixels differ");
    }
}

#[test]
fn breathing_follows_distress_and_grief_brings_tears() {
    let calm = Expression::from_state(5.0, 80.0, None);
    let upset = Expression::from_state(95.0, 30.0, Some("fear"));
    assert!(upset.breathing_rate > calm.breathing_rate + 10.0);
    assert!(Expression::from_state(95.0, 50.0, Some("grief")).tears > 0.5);
    assert_eq!(calm.tears, 0.0);
}

#[test]
fn gaze_turns_away_at_low_trust_and_meets_the_eyes_as_trust_grows() {
    let mut last = -2.0;
    for trust in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let g = Expression::from_state(40.0, trust, None).gaze;
        assert!(g >= last, "gaze fell as trust rose to {trust}");
        last = g;
    }
    assert!(Expression::from_state(40.0, 0.0, None).gaze < -0.5);
    assert!(Expression::from_state(40.0, 100.0, None).gaze > 0.5);
}

#[test]
fn anger_sets_the_jaw_and_folds_the_arms() {
    let e = Expression::from_state(95.0, 30.0, Some("anger"));
    assert!(e.jaw_clench > 0.5 && e.arms_crossed > 0.5);
    let e = Expression::from_run(95, 30, Some(bedside_core::scenario::Emotion::Anger));
    assert_eq!(e.dominant().0, Emotion::Anger);
}

#[test]
fn a_strange_size_and_nonsense_input_still_draw() {
    let mut e = Expression::from_state(f32::NAN, 200.0, Some("no such feeling"));
    e.gaze = f32::INFINITY;
    let look = Look { greying: Some(f32::NAN), ..Look::default() };
    assert_eq!(portrait(&look, 500, &e, 7.3, 33, 17).expect("renders").len(), 33 * 17 * 4);
}

#[test]
fn shame_and_quiet_sadness_differ_in_shape_not_only_in_colour_on_the_darkest_skin() {
    let look = Look { skin: SkinTone::Dark, ..Look::default() };
    let luma = |e: &Expression| -> Vec<f32> {
        pixels(&look, 50, e)
            .chunks(4)
            .map(|p| 0.2126 * p[0] as f32 + 0.7152 * p[1] as f32 + 0.0722 * p[2] as f32)
            .collect()
    };
    let shame = luma(&Expression::from_state(82.0, 50.0, Some("shame")));
    let sad = luma(&Expression::from_state(70.0, 50.0, Some("sadness")));
    let differ = shame.iter().zip(&sad).filter(|(a, b)| (*a - *b).abs() > 40.0).count();
    assert!(differ > 400, "only {differ} pixels differ in lightness");
}

#[test]
fn folded_arms_are_not_one_pose_for_everyone() {
    let e = Expression::from_state(90.0, 30.0, Some("anger"));
    let mut mirrored = [false; 2];
    let mut both_hands = [false; 2];
    for face in FaceShape::ALL {
        for hair in HairStyle::ALL {
            for clothing in Clothing::ALL {
                let look = Look { face, hair, clothing, ..Look::default() };
                let s = svg(&look, 50, &e, 0.0, 40, 50);
                mirrored[s.contains("scale(-1 1)") as usize] = true;
                both_hands[(s.matches(r#"class="hand""#).count() == 2) as usize] = true;
            }
        }
    }
    assert_eq!(mirrored, [true; 2], "either forearm can lie in front");
    assert_eq!(both_hands, [true; 2], "a hand tucks under the arm or holds it");
}

#[test]
fn a_hand_is_down_or_at_the_brow_in_every_state_a_run_can_rest_in() {
    let look = Look::default();
    for distress in 0..=100 {
        for trust in [0, 50, 100] {
            let e = Expression::from_run(distress, trust, Some(bedside_core::scenario::Emotion::Shame));
            let hand = e.hand_to_brow();
            assert!(hand < 0.01 || hand == 1.0, "distress {distress}: the hand is {hand} of the way up");
            let says = caption(&e, &look, true).contains("a hand to her brow");
            assert_eq!(says, hand == 1.0, "distress {distress}: the caption and the hand disagree");
        }
    }
    assert_eq!(Expression::from_state(60.0, 50.0, Some("shame")).hand_to_brow(), 1.0);
    assert!(Expression::from_state(55.0, 50.0, Some("shame")).hand_to_brow() < 0.01);
}
