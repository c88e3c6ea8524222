//! The encounter in the app: starts a run, turns key presses and clicks into
//! choices, shows feedback in practice mode, and moves on to the debrief.
//! Runs without a window, so headless tests drive it with simulated keys.

use std::sync::Arc;

use bevy::prelude::*;

use super::Screen;
use super::records::{RunLog, new_run_log};
use super::session::Session;
use super::settings::{Mode, Settings};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::StepReview;
use bedside_core::play::script::Script;

/// The run on screen.
#[derive(Resource, Debug, Clone)]
pub struct Current {
    pub run: Encounter,
    pub mode: Mode,
    pub phase: Phase,
    /// The per-choice time limit in seconds, when the timer is on.
    pub time_limit: Option<f32>,
    /// Seconds left for the current choice.
    pub time_left: Option<f32>,
}

/// What the encounter screen is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The patient has spoken; the trainee chooses.
    Choosing,
    /// Practice mode: feedback on the choice just made.
    Feedback(Box<StepReview>),
}

/// Something the trainee did on the encounter screen.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The n-th offered choice as shown on screen (0-based).
    Choose(usize),
    /// Move on from the feedback card.
    Continue,
    /// Stop part-way and go back to the library (recorded as abandoned).
    Leave,
}

/// Starts an encounter with a scenario.
#[derive(Message, Debug, Clone)]
pub struct Begin {
    pub script: Arc<Script>,
    pub seed: u64,
    pub mode: Mode,
}

pub fn plugin(app: &mut App) {
    app.add_message::<Input>().add_message::<Begin>().add_systems(
        Update,
        (
            begin_encounter,
            read_encounter_keys.run_if(in_state(Screen::Encounter)),
            apply_encounter_input.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)),
            count_down_choice_timer.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)),
        )
            .chain(),
    );
}

/// A fresh seed for a new run.
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
}

fn begin_encounter(
    mut begins: MessageReader<Begin>,
    settings: Res<Settings>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(b) = begins.read().last() {
        let time_limit = settings.timer.then_some(settings.timer_seconds.max(1) as f32);
        commands.insert_resource(Current {
            run: Encounter::new(b.script.clone(), b.seed),
            mode: b.mode,
            phase: Phase::Choosing,
            time_limit,
            time_left: time_limit,
        });
        commands.insert_resource(new_run_log());
        next.set(Screen::Encounter);
    }
}

const DIGITS: [(KeyCode, KeyCode); 9] = [
    (KeyCode::Digit1, KeyCode::Numpad1),
    (KeyCode::Digit2, KeyCode::Numpad2),
    (KeyCode::Digit3, KeyCode::Numpad3),
    (KeyCode::Digit4, KeyCode::Numpad4),
    (KeyCode::Digit5, KeyCode::Numpad5),
    (KeyCode::Digit6, KeyCode::Numpad6),
    (KeyCode::Digit7, KeyCode::Numpad7),
    (KeyCode::Digit8, KeyCode::Numpad8),
    (KeyCode::Digit9, KeyCode::Numpad9),
];

/// Keys 1 to 9 choose; Enter or Space continues from feedback; Escape leaves.
fn read_encounter_keys(keys: Res<ButtonInput<KeyCode>>, mut input: MessageWriter<Input>) {
    for (i, (digit, pad)) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*digit) || keys.just_pressed(*pad) {
            input.write(Input::Choose(i));
        }
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        input.write(Input::Continue);
    }
    if keys.just_pressed(KeyCode::Escape) {
        input.write(Input::Leave);
    }
}

/// Applies choices and continues; at the end records the score and opens the debrief.
fn apply_encounter_input(
    mut inputs: MessageReader<Input>,
    mut current: ResMut<Current>,
    mut log: Option<ResMut<RunLog>>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    for input in inputs.read() {
        let cur = &mut *current;
        match (*input, &cur.phase) {
            (Input::Choose(shown), Phase::Choosing) => {
                let Some(&choice) = cur.run.offered().get(shown) else { continue };
                if cur.run.choose(choice).is_err() {
                    continue;
                }
                if let Some(log) = log.as_mut() {
                    log.times.push(jiff::Timestamp::now());
                }
                cur.time_left = cur.time_limit;
                if cur.mode == Mode::Practice {
                    let review = cur.run.scores().steps.pop();
                    if let Some(review) = review {
                        cur.phase = Phase::Feedback(Box::new(review));
                        continue;
                    }
                }
                if cur.run.is_over() {
                    finish(cur, &mut session, &mut next);
                    return;
                }
            }
            (Input::Leave, _) => {
                next.set(Screen::Library);
                return;
            }
            (Input::Continue, Phase::Feedback(_)) => {
                cur.phase = Phase::Choosing;
                if cur.run.is_over() {
                    finish(cur, &mut session, &mut next);
                    return;
                }
            }
            _ => {}
        }
    }
}

/// With the timer on, a choice not made in time is a silence: the patient reacts,
/// and in practice mode the feedback says why silence costs.
fn count_down_choice_timer(
    time: Res<Time>,
    mut current: ResMut<Current>,
    log: Option<ResMut<RunLog>>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    let cur = &mut *current;
    let (Some(left), Phase::Choosing) = (cur.time_left, &cur.phase) else { return };
    if cur.run.is_over() {
        return;
    }
    let left = left - time.delta_secs();
    if left > 0.0 {
        cur.time_left = Some(left);
        return;
    }
    cur.time_left = cur.time_limit;
    if cur.run.silence().is_err() {
        return;
    }
    if let Some(mut log) = log {
        log.times.push(jiff::Timestamp::now());
    }
    if cur.mode == Mode::Practice
        && let Some(review) = cur.run.scores().steps.pop()
    {
        cur.phase = Phase::Feedback(Box::new(review));
    } else if cur.run.is_over() {
        finish(cur, &mut session, &mut next);
    }
}

fn finish(current: &Current, session: &mut Session, next: &mut NextState<Screen>) {
    let scores = current.run.scores();
    session.record(current.run.script().id(), scores.overall);
    next.set(Screen::Debrief);
}
