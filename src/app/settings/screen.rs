//! The settings screen: changes apply at once and are saved on leaving (the
//! button, or Escape).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::view::{SettingsAction, settings_view};
use super::{ConfigDir, Settings};
use crate::app::encounter::voice::PatientVoice;
use crate::app::layout::{UiSet, central};
use crate::app::session::Session;
use crate::app::{Notice, Screen};

pub fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw_settings.run_if(in_state(Screen::Settings)).in_set(UiSet::Screen));
}

fn draw_settings(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    mut session: ResMut<Session>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
    dir: Res<ConfigDir>,
    voice: Option<Res<PatientVoice>>,
    keys: Res<ButtonInput<KeyCode>>,
) -> Result {
    let mut edited = settings.clone();
    let speaker = voice.as_ref().and_then(|v| v.speaker.as_ref()).map(|s| s.name());
    let mut action = central(&mut contexts, |ui| settings_view(ui, &mut edited, speaker))?;
    if keys.just_pressed(KeyCode::Escape) {
        action = Some(SettingsAction::Done);
    }
    if edited != *settings {
        if edited.default_mode != settings.default_mode {
            session.mode = edited.default_mode;
        }
        if edited.own_words != settings.own_words {
            session.own_words = edited.own_words;
        }
        *settings = edited;
    }
    if action == Some(SettingsAction::Done) {
        if let Err(m) = settings.save(dir.0.as_deref()) {
            notice.show(m);
        }
        next.set(if session.trainee.is_some() { Screen::Library } else { Screen::Start });
    }
    Ok(())
}
