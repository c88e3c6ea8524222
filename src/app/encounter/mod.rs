//! The encounter in the app: starts a run, turns key presses and clicks into
//! choices (or, replying in your own words, a typed reply into the choice it is
//! matched and confirmed as), logs when each step was taken, shows feedback in
//! practice mode, and moves on to the debrief. Runs without a window, so headless
//! tests drive it with simulated keys. Its screen (`screen`) draws the
//! conversation (`view`) beside the patient (`patient`).

use std::sync::Arc;

use bevy::prelude::*;
use jiff::Timestamp;

use super::Screen;
use super::session::Session;
use super::settings::{Mode, Settings};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::StepReview;
use bedside_core::play::script::Script;
use bedside_core::reply::rules::Rules;
use bedside_core::reply::{Decision, Ranked, Reading, decide, rank, read};

pub mod patient;
pub mod screen;
pub mod view;
pub mod voice;

/// The share of the window's width the conversation panel takes (the patient
/// is drawn in the rest).
pub const PANEL_SHARE: f32 = 0.58;

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
    /// Reply in your own words: the choices are hidden and the trainee types.
    pub own_words: bool,
    /// What was typed at each step so far (None where a choice was picked or
    /// the time ran out), for the feedback, the debrief and the records.
    pub typed: Vec<Option<String>>,
    /// The reading of the reply just typed, for the feedback card.
    pub reading: Option<Reading>,
}

/// The reply being typed, in the own-words mode.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft(pub String);

/// The rules that read typed replies: the built-in ones, with a `reading.txt`
/// from the scenario folder.
#[derive(Resource, Debug, Clone)]
pub struct ReplyRules(pub Arc<Rules>);

/// When the run on screen started, when each step was taken, and whether it
/// has been written to the records.
#[derive(Resource, Debug, Clone)]
pub struct RunLog {
    pub started: Timestamp,
    pub times: Vec<Timestamp>,
    pub recorded: bool,
}

/// A fresh log, for a run that begins now.
pub fn new_run_log() -> RunLog {
    RunLog { started: Timestamp::now(), times: Vec::new(), recorded: false }
}

/// What the encounter screen is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The patient has spoken; the trainee chooses.
    Choosing,
    /// Practice mode: feedback on the choice just made.
    Feedback(Box<StepReview>),
    /// A typed reply, matched: the closest offered choices, for the trainee to
    /// confirm (or every offered choice, when none was close enough).
    Matching(Box<Matching>),
}

/// A typed reply and what it was matched to.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    pub text: String,
    /// The offered choices, most like the reply first.
    pub ranked: Vec<Ranked>,
    /// The closest (file index) and a close runner-up, when there is one.
    pub best: Option<usize>,
    pub runner_up: Option<usize>,
    /// Every offered choice is shown (nothing was close enough, or the trainee asked).
    pub show_all: bool,
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
    /// Own words: read and match the reply typed so far (the `Draft`).
    Submit,
    /// Own words: the conversation follows this choice (file index).
    Confirm(usize),
    /// Own words: none of the closest: show every offered choice.
    ShowAll,
}

/// Starts an encounter with a scenario.
#[derive(Message, Debug, Clone)]
pub struct Begin {
    pub script: Arc<Script>,
    pub seed: u64,
    pub mode: Mode,
    /// Reply in your own words: the choices are hidden and the trainee types.
    pub own_words: bool,
}

pub fn plugin(app: &mut App) {
    app.add_message::<Input>()
        .add_message::<Begin>()
        .init_resource::<Draft>()
        .add_systems(
            Update,
            (
                begin_encounter,
                read_encounter_keys.run_if(in_state(Screen::Encounter)),
                apply_encounter_input.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)),
                count_down_choice_timer.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)),
            )
                .chain(),
        )
        .add_plugins((screen::plugin, voice::plugin));
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
            own_words: b.own_words,
            typed: Vec::new(),
            reading: None,
        });
        commands.insert_resource(Draft::default());
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
/// Replying in your own words, the keys type the reply: Enter sends it; then
/// 1 and 2 pick among the closest choices (Enter the first) and 0 shows them all.
fn read_encounter_keys(
    keys: Res<ButtonInput<KeyCode>>,
    current: Option<Res<Current>>,
    mut input: MessageWriter<Input>,
) {
    let enter = keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]);
    if let Some(cur) = current.as_deref().filter(|c| c.own_words) {
        match &cur.phase {
            Phase::Choosing => {
                if enter {
                    input.write(Input::Submit);
                }
            }
            Phase::Matching(m) if !m.show_all => {
                let pick = |i: usize| if i == 0 { m.best } else { m.runner_up };
                for (i, (digit, pad)) in DIGITS.iter().take(2).enumerate() {
                    if (keys.just_pressed(*digit) || keys.just_pressed(*pad))
                        && let Some(c) = pick(i)
                    {
                        input.write(Input::Confirm(c));
                    }
                }
                if enter && let Some(c) = m.best {
                    input.write(Input::Confirm(c));
                }
                if keys.any_just_pressed([KeyCode::Digit0, KeyCode::Numpad0]) {
                    input.write(Input::ShowAll);
                }
            }
            Phase::Matching(_) => {
                for (i, (digit, pad)) in DIGITS.iter().enumerate() {
                    if keys.just_pressed(*digit) || keys.just_pressed(*pad) {
                        input.write(Input::Choose(i));
                    }
                }
            }
            Phase::Feedback(_) => {
                if enter || keys.just_pressed(KeyCode::Space) {
                    input.write(Input::Continue);
                }
            }
        }
        if keys.just_pressed(KeyCode::Escape) {
            input.write(Input::Leave);
        }
        return;
    }
    for (i, (digit, pad)) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*digit) || keys.just_pressed(*pad) {
            input.write(Input::Choose(i));
        }
    }
    if enter || keys.just_pressed(KeyCode::Space) {
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
    mut draft: ResMut<Draft>,
    rules: Option<Res<ReplyRules>>,
    mut log: Option<ResMut<RunLog>>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    let rules = rules.map_or_else(|| bedside_core::reply::rules::RULES.clone(), |r| r.0.clone());
    for input in inputs.read() {
        let cur = &mut *current;
        let typed_text = match &cur.phase {
            Phase::Matching(m) => Some(m.text.clone()),
            _ => None,
        };
        let chosen = match (*input, &cur.phase) {
            (Input::Choose(shown), Phase::Choosing | Phase::Matching(_)) => cur.run.offered().get(shown).copied(),
            (Input::Confirm(c), Phase::Matching(_)) => Some(c).filter(|c| cur.run.offered().contains(c)),
            (Input::Submit, Phase::Choosing) if cur.own_words => {
                let text = draft.0.trim().to_owned();
                let Some(node) = cur.run.node().filter(|_| !text.is_empty()) else { continue };
                let script = cur.run.script().clone();
                let ranked = rank(&script, node, cur.run.offered(), &text, &rules);
                let (best, runner_up, show_all) = match decide(&ranked) {
                    Decision::Clear(c) => {
                        take(cur, c, Some(text), &rules, &mut log, &mut draft);
                        if after_choice(cur, &mut session, &mut next) {
                            return;
                        }
                        continue;
                    }
                    Decision::Confirm(b, r) => (Some(b), r, false),
                    Decision::NoMatch => (None, None, true),
                };
                cur.phase = Phase::Matching(Box::new(Matching { text, ranked, best, runner_up, show_all }));
                continue;
            }
            (Input::ShowAll, Phase::Matching(m)) => {
                let mut m = m.clone();
                m.show_all = true;
                cur.phase = Phase::Matching(m);
                continue;
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
                continue;
            }
            _ => None,
        };
        let Some(choice) = chosen else { continue };
        take(cur, choice, typed_text, &rules, &mut log, &mut draft);
        if after_choice(cur, &mut session, &mut next) {
            return;
        }
    }
}

/// Makes the choice (typed or picked), and logs it.
fn take(
    cur: &mut Current,
    choice: usize,
    typed: Option<String>,
    rules: &Rules,
    log: &mut Option<ResMut<RunLog>>,
    draft: &mut Draft,
) {
    if cur.run.choose(choice).is_err() {
        return;
    }
    if let Some(log) = log.as_mut() {
        log.times.push(Timestamp::now());
    }
    cur.reading = typed.as_deref().map(|t| read(t, rules, cur.run.script().glossary()));
    cur.typed.push(typed);
    draft.0.clear();
    cur.time_left = cur.time_limit;
    cur.phase = Phase::Choosing;
}

/// After a choice: feedback in practice mode, or on (to the debrief at the end).
/// Returns true when the run is over and the debrief opens.
fn after_choice(cur: &mut Current, session: &mut Session, next: &mut NextState<Screen>) -> bool {
    if cur.mode == Mode::Practice
        && let Some(review) = cur.run.scores().steps.pop()
    {
        cur.phase = Phase::Feedback(Box::new(review));
        return false;
    }
    if cur.run.is_over() {
        finish(cur, session, next);
        return true;
    }
    false
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
    let (Some(left), Phase::Choosing | Phase::Matching(_)) = (cur.time_left, &cur.phase) else { return };
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
    cur.typed.push(None);
    cur.reading = None;
    cur.phase = Phase::Choosing;
    if let Some(mut log) = log {
        log.times.push(Timestamp::now());
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
