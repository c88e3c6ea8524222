//! The debrief after an encounter (safety errors, scores, objectives, missed
//! opportunities and the conversation reviewed): its systems (`screen`) and its
//! drawing (`view`), which the history and the review reuse for stored attempts.

use bevy::prelude::*;

pub mod screen;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
