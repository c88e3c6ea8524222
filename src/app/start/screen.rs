//! The start screen: pick or create a trainee profile; Enter continues.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::view::{StartAction, start_view};
use crate::app::layout::{UiSet, central};
use crate::app::session::{Session, save_profiles};
use crate::app::settings::ConfigDir;
use crate::app::{Notice, Screen};

/// The name being typed for a new profile.
#[derive(Resource, Debug, Default)]
pub struct NewName(pub String);

pub fn plugin(app: &mut App) {
    app.init_resource::<NewName>()
        .add_systems(Update, continue_on_enter.run_if(in_state(Screen::Start)))
        .add_systems(EguiPrimaryContextPass, draw_start.run_if(in_state(Screen::Start)).in_set(UiSet::Screen));
}

fn continue_on_enter(
    keys: Res<ButtonInput<KeyCode>>,
    session: Res<Session>,
    mut next: ResMut<NextState<Screen>>,
    name: Res<NewName>,
) {
    if name.0.trim().is_empty() && session.trainee.is_some() && keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Library);
    }
}

fn draw_start(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut name: ResMut<NewName>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
    dir: Res<ConfigDir>,
) -> Result {
    let action =
        central(&mut contexts, |ui| start_view(ui, &session.trainees, session.trainee.as_deref(), &mut name.0))?;
    match action {
        Some(StartAction::Select(n)) => session.trainee = Some(n),
        Some(StartAction::Create(n)) => match session.create(&n) {
            Ok(()) => {
                name.0.clear();
                if let Err(m) = save_profiles(&dir, &session.trainees) {
                    notice.show(m);
                }
            }
            Err(m) => notice.show(m),
        },
        Some(StartAction::Continue) => next.set(Screen::Library),
        Some(StartAction::Settings) => next.set(Screen::Settings),
        Some(StartAction::History) => next.set(Screen::History),
        Some(StartAction::Review) => next.set(Screen::Review),
        None => {}
    }
    Ok(())
}
