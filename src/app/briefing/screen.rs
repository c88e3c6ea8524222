//! The briefing screen: the patient, the setting and the objectives; Enter begins.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::view::{BriefingAction, briefing_view};
use crate::app::Screen;
use crate::app::encounter::{Begin, fresh_seed};
use crate::app::layout::{UiSet, central};
use crate::app::library::ScenarioLibrary;
use crate::app::session::Session;

pub fn plugin(app: &mut App) {
    app.add_systems(Update, begin_with_keys.run_if(in_state(Screen::Briefing)))
        .add_systems(EguiPrimaryContextPass, draw_briefing.run_if(in_state(Screen::Briefing)).in_set(UiSet::Screen));
}

fn begin(
    library: &ScenarioLibrary,
    session: &Session,
    begins: &mut MessageWriter<Begin>,
    next: &mut NextState<Screen>,
) {
    match session.selected.as_deref().and_then(|id| library.script(id)) {
        Some(script) => {
            begins.write(Begin { script, seed: fresh_seed(), mode: session.mode, own_words: session.own_words });
        }
        None => next.set(Screen::Library),
    }
}

fn begin_with_keys(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<ScenarioLibrary>,
    session: Res<Session>,
    mut begins: MessageWriter<Begin>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::Enter) {
        begin(&library, &session, &mut begins, &mut next);
    } else if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Library);
    }
}

fn draw_briefing(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    session: Res<Session>,
    mut begins: MessageWriter<Begin>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(script) = session.selected.as_deref().and_then(|id| library.script(id)) else {
        next.set(Screen::Library);
        return Ok(());
    };
    let action = central(&mut contexts, |ui| briefing_view(ui, &script, session.mode))?;
    match action {
        Some(BriefingAction::Begin) => begin(&library, &session, &mut begins, &mut next),
        Some(BriefingAction::Back) => next.set(Screen::Library),
        None => {}
    }
    Ok(())
}
