//! The library screen: a grid of scenario cards, filters and the mode; Enter
//! opens the selected scenario's briefing, Left and Right move the selection
//! by one card, Up and Down by a row of the grid.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::ScenarioLibrary;
use super::view::{Filter, LibraryAction, library_view};
use crate::app::Screen;
use crate::app::layout::{UiSet, central};
use crate::app::session::Session;

/// The library's filters and keyboard selection.
#[derive(Resource, Debug, Default)]
pub struct LibraryUi {
    pub filter: Filter,
    pub selected: usize,
    /// Columns in the grid as last drawn (1 until it is drawn).
    pub columns: usize,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<LibraryUi>()
        .add_systems(Update, choose_with_keys.run_if(in_state(Screen::Library)))
        .add_systems(EguiPrimaryContextPass, draw_library.run_if(in_state(Screen::Library)).in_set(UiSet::Screen));
}

fn choose_with_keys(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<ScenarioLibrary>,
    mut ui: ResMut<LibraryUi>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    let shown: Vec<&str> = library.library.scripts().filter(|s| ui.filter.admits(s)).map(|s| s.id()).collect();
    if shown.is_empty() {
        return;
    }
    let row = ui.columns.max(1);
    let last = shown.len() - 1;
    if keys.just_pressed(KeyCode::ArrowRight) {
        ui.selected = (ui.selected + 1).min(last);
    }
    if keys.just_pressed(KeyCode::ArrowLeft) {
        ui.selected = ui.selected.saturating_sub(1);
    }
    if keys.just_pressed(KeyCode::ArrowDown) {
        ui.selected = (ui.selected + row).min(last);
    }
    if keys.just_pressed(KeyCode::ArrowUp) {
        ui.selected = ui.selected.saturating_sub(row);
    }
    ui.selected = ui.selected.min(last);
    if keys.just_pressed(KeyCode::Enter) {
        let id = shown[ui.selected.min(shown.len() - 1)];
        session.selected = Some(id.to_owned());
        next.set(Screen::Briefing);
    }
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Start);
    }
}

fn draw_library(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    mut ui_state: ResMut<LibraryUi>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let scripts: Vec<_> = library.library.scripts().collect();
    let problems: Vec<String> = library
        .library
        .files
        .iter()
        .filter(|f| f.script.is_none())
        .flat_map(|f| f.diagnostics.iter().filter(|d| d.is_error()).take(1))
        .map(|d| d.headline())
        .collect();
    let session = &mut *session;
    let ui_state = &mut *ui_state;
    let action = central(&mut contexts, |ui| {
        library_view(
            ui,
            &scripts,
            &mut ui_state.filter,
            &mut session.mode,
            &mut session.own_words,
            &session.best,
            &problems,
            ui_state.selected,
            &mut ui_state.columns,
        )
    })?;
    match action {
        Some(LibraryAction::Open(id)) => {
            session.selected = Some(id);
            next.set(Screen::Briefing);
        }
        Some(LibraryAction::Back) => next.set(Screen::Start),
        Some(LibraryAction::Settings) => next.set(Screen::Settings),
        None => {}
    }
    Ok(())
}
