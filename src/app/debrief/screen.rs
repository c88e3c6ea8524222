//! The debrief screen: R replays with a new seed, Escape or Enter goes back to
//! the library.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::view::{DebriefAction, debrief_view};
use crate::app::Screen;
use crate::app::encounter::{Begin, Current, fresh_seed};
use crate::app::layout::{UiSet, central};

pub fn plugin(app: &mut App) {
    app.add_systems(Update, leave_with_keys.run_if(in_state(Screen::Debrief).and_then(resource_exists::<Current>)))
        .add_systems(
            EguiPrimaryContextPass,
            draw_debrief.run_if(in_state(Screen::Debrief).and_then(resource_exists::<Current>)).in_set(UiSet::Screen),
        );
}

fn act(action: DebriefAction, current: &Current, begins: &mut MessageWriter<Begin>, next: &mut NextState<Screen>) {
    match action {
        DebriefAction::Replay => {
            begins.write(Begin {
                script: current.run.script().clone(),
                seed: fresh_seed(),
                mode: current.mode,
                own_words: current.own_words,
            });
        }
        DebriefAction::Library => next.set(Screen::Library),
    }
}

fn leave_with_keys(
    keys: Res<ButtonInput<KeyCode>>,
    current: Res<Current>,
    mut begins: MessageWriter<Begin>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::KeyR) {
        act(DebriefAction::Replay, &current, &mut begins, &mut next);
    } else if keys.any_just_pressed([KeyCode::Escape, KeyCode::Enter]) {
        act(DebriefAction::Library, &current, &mut begins, &mut next);
    }
}

fn draw_debrief(
    mut contexts: EguiContexts,
    current: Res<Current>,
    mut begins: MessageWriter<Begin>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let scores = current.run.scores();
    let action = central(&mut contexts, |ui| debrief_view(ui, &current.run, &scores, &current.typed))?;
    if let Some(a) = action {
        act(a, &current, &mut begins, &mut next);
    }
    Ok(())
}
