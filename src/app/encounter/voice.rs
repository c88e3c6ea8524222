//! The patient's lines spoken aloud (crate `voice`: flite or espeak-ng as a
//! separate process): each new line as it appears, the reply to the last
//! choice first; a line not yet finished stops when the next one comes or the
//! encounter ends. On by default when replying in your own words; the
//! settings turn it on always or off.

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
    /// What was last said (reply and line), so each is said once.
    last: String,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<PatientVoice>()
        .add_systems(Startup, find_a_voice)
        .add_systems(Update, speak_new_lines.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)))
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
    let Some(speaker) = voice.speaker.clone() else { return };
    match speaker.speak(voice_of(&current), &line) {
        Ok(child) => voice.speaking = Some(child),
        Err(e) => warn!("the patient's voice ({}) did not start: {e}", speaker.name()),
    }
}

fn stop(voice: &mut PatientVoice) {
    if let Some(mut child) = voice.speaking.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn stop_speaking(mut voice: ResMut<PatientVoice>) {
    stop(&mut voice);
    voice.last.clear();
}
