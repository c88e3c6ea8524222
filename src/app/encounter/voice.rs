//! The patient's lines spoken aloud (crate `voice`: flite or espeak-ng as a
//! separate process): each new line as it appears, the reply to the last
//! choice first, each in the voice of whoever says it (another person in the
//! scene, named at the line's start, has a voice of their own); a line not yet
//! finished stops when the next one comes or the encounter ends. On by default when replying in your own words; the
//! settings turn it on always or off.

use std::collections::VecDeque;
use std::process::Child;

use bevy::prelude::*;

use super::Current;
use crate::app::Screen;
use crate::app::settings::{Settings, Speech};
use crate::voice::{Speaker, Voice};

/// The speech program found at start, and the line being spoken.
#[derive(Resource, Debug, Default)]
pub struct PatientVoice {
    pub speaker: Option<Speaker>,
    speaking: Option<Child>,
    /// The parts still to say after the one being spoken, each in its voice.
    queue: VecDeque<(Voice, String)>,
    /// What was last said (reply and line), so each is said once.
    last: String,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<PatientVoice>()
        .add_systems(Startup, find_a_voice)
        .add_systems(
            Update,
            (speak_new_lines, say_the_next_part)
                .chain()
                .run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)),
        )
        .add_systems(OnExit(Screen::Encounter), stop_speaking);
}

/// Looks for a speech program on this computer (flite, else espeak-ng).
fn find_a_voice(mut voice: ResMut<PatientVoice>) {
    voice.speaker = Speaker::find();
}

/// Whether the lines are spoken in this run.
pub fn speaks(settings: &Settings, own_words: bool) -> bool {
    match settings.speech {
        Speech::WithOwnWords => own_words,
        Speech::Always => true,
        Speech::Never => false,
    }
}

/// Whose voice the patient has: a woman's or a man's (the look's pronoun,
/// or else the one the scenario's description uses more), and their age.
pub fn voice_of(current: &Current) -> Voice {
    let p = &current.run.script().scenario().patient;
    Voice { woman: p.look.is_she(&p.about), age: p.age }
}

/// The voice a line is said in: the patient's, or, when the line opens with
/// another person's name ("(Grace, gripping the chair) ..."), theirs: a woman's
/// or a man's and their age as the scenario's description gives them (else
/// the other sex to the patient's, and 40), so that two people in the scene
/// never sound the same.
pub fn voice_for(current: &Current, line: &str) -> Voice {
    let scenario = current.run.script().scenario();
    let own = voice_of(current);
    match bedside_core::scenario::speaker::other_speaker(scenario, line) {
        None => own,
        Some(name) => {
            let (woman, age) = bedside_core::scenario::speaker::described(scenario, name);
            let woman = woman.unwrap_or(!own.woman);
            let age = age.map_or(40, i64::from);
            // The same sex and a near age would sound like the patient: shift the age.
            let age = if woman == own.woman && (age - own.age).abs() < 15 { own.age + 25 } else { age };
            Voice { woman, age }
        }
    }
}

fn speak_new_lines(current: Res<Current>, settings: Res<Settings>, mut voice: ResMut<PatientVoice>) {
    let run = &current.run;
    let line = match run.reply() {
        Some(reply) => format!("{reply} {}", run.says()),
        None => run.says().to_owned(),
    };
    if line == voice.last {
        return;
    }
    voice.last.clone_from(&line);
    stop(&mut voice);
    if !speaks(&settings, current.own_words) {
        return;
    }
    // Each person's part of the reply and the line in their own voice.
    let scenario = run.script().scenario();
    let lines = run.reply().into_iter().chain([run.says()]);
    let parts = lines.flat_map(|l| bedside_core::scenario::speaker::parts(scenario, l));
    voice.queue = parts.map(|(_, part)| (voice_for(&current, part), part.to_owned())).collect();
}

/// Starts the next part once the one before has finished.
fn say_the_next_part(mut voice: ResMut<PatientVoice>) {
    if let Some(child) = voice.speaking.as_mut() {
        if matches!(child.try_wait(), Ok(None)) {
            return;
        }
        voice.speaking = None;
    }
    let Some((who, part)) = voice.queue.pop_front() else { return };
    let Some(speaker) = voice.speaker.clone() else { return };
    match speaker.speak(who, &part) {
        Ok(child) => voice.speaking = Some(child),
        Err(e) => warn!("the patient's voice ({}) did not start: {e}", speaker.name()),
    }
}

fn stop(voice: &mut PatientVoice) {
    voice.queue.clear();
    if let Some(mut child) = voice.speaking.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn stop_speaking(mut voice: ResMut<PatientVoice>) {
    stop(&mut voice);
    voice.last.clear();
}
