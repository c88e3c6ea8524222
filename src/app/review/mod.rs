//! The educator's review behind the passphrase (the cohort, a trainee's page, a
//! scenario's page, skills, roster, competency, the CSV export, the sync from
//! the LRS): its systems and what they do with the records (`screen`), and its
//! drawing (`view`, with the cohort table in `cohort`, the skills profile and
//! the Skills page in `skills`, the Roster and Competency pages in `people`).

use bevy::prelude::*;

pub mod cohort;
pub mod people;
pub mod screen;
pub mod skills;
pub mod view;

pub fn plugin(app: &mut App) {
    app.add_plugins(screen::plugin);
}
