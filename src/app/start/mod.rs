//! The start screen, where a trainee picks or creates their profile: its
//! systems (`screen`) and its drawing (`view`).

use bevy::prelude::*;

pub mod screen;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
