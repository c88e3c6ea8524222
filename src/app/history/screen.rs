//! The trainee's own history screen: their attempts, trend and any attempt's
//! debrief, read from the records when the screen opens. Escape goes back.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::view::{HistoryAction, StoredDebrief, history_view};
use crate::app::layout::{UiSet, central};
use crate::app::records::Records;
use crate::app::session::Session;
use crate::app::{Notice, Screen};
use bedside_records::report::{self, AttemptRow, Filter};

/// What the history screen shows.
#[derive(Resource, Debug, Default)]
pub struct History {
    pub rows: Vec<AttemptRow>,
    pub open: Option<StoredDebrief>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<History>()
        .add_systems(OnEnter(Screen::History), load_own_history)
        .add_systems(Update, leave_history_with_escape.run_if(in_state(Screen::History)))
        .add_systems(EguiPrimaryContextPass, draw_history.run_if(in_state(Screen::History)).in_set(UiSet::Screen));
}

/// Reads the current trainee's attempts (theirs only).
fn load_own_history(
    records: Res<Records>,
    session: Res<Session>,
    mut history: ResMut<History>,
    mut notice: ResMut<Notice>,
) {
    history.open = None;
    history.rows.clear();
    let Some(trainee) = session.trainee.clone() else { return };
    let filter = Filter { trainee: Some(trainee), ..Filter::default() };
    match records.with(|s| report::attempts(s, &filter)) {
        Some(Ok(rows)) => history.rows = rows,
        Some(Err(e)) => notice.show(format!("Your history could not be read: {e}")),
        None => {}
    }
}

fn leave_history_with_escape(
    keys: Res<ButtonInput<KeyCode>>,
    mut history: ResMut<History>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        if history.open.is_some() {
            history.open = None;
        } else {
            next.set(Screen::Start);
        }
    }
}

fn draw_history(
    mut contexts: EguiContexts,
    records: Res<Records>,
    session: Res<Session>,
    mut history: ResMut<History>,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let title = format!("{}'s practice history", session.trainee.as_deref().unwrap_or("Your"));
    let action = central(&mut contexts, |ui| history_view(ui, &title, &history.rows, history.open.as_ref()))?;
    match action {
        Some(HistoryAction::Back) => next.set(Screen::Start),
        Some(HistoryAction::Close) => history.open = None,
        // Only the trainee's own rows are listed, so only theirs can be opened.
        Some(HistoryAction::Open(id)) if history.rows.iter().any(|r| r.row == id) => {
            match records.with(|s| s.attempt(id)) {
                Some(Ok(a)) => history.open = Some(StoredDebrief::new(a)),
                Some(Err(e)) => notice.show(format!("That attempt could not be read: {e}")),
                None => {}
            }
        }
        Some(HistoryAction::Open(_)) => {}
        None => {}
    }
    Ok(())
}
