//! The educator's review behind the passphrase (the cohort, a trainee's page, a
//! scenario's page, the CSV export, the sync from the LRS): its systems and what
//! they do with the records (`screen`), and its drawing (`view`).

use bevy::prelude::*;

pub mod screen;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
