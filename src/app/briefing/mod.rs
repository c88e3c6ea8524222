//! The briefing before an encounter (the patient, the setting, the objectives
//! and the guidance): its systems (`screen`) and its drawing (`view`).

use bevy::prelude::*;

pub mod screen;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
