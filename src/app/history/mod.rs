//! The trainee's own history (their attempts, their trend, any attempt's
//! debrief): its systems (`screen`) and its drawing (`view`), which the
//! educator's review reuses for a trainee's page.

use bevy::prelude::*;

pub mod screen;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
