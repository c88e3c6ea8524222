//! The encounter screen: the patient on the left (drawn by Bevy), and on the
//! right the meters, the transcript and the choices or the feedback card.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::patient::FaceState;
use super::view::encounter_view;
use super::{Current, Draft, Input, PANEL_SHARE};
use crate::app::Screen;
use crate::app::layout::{UiSet, root_ui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw_encounter.run_if(in_state(Screen::Encounter).and_then(resource_exists::<Current>)).in_set(UiSet::Screen),
    );
}

fn draw_encounter(
    mut contexts: EguiContexts,
    current: Res<Current>,
    mut draft: ResMut<Draft>,
    face: Option<Res<FaceState>>,
    mut input: MessageWriter<Input>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    let (distress, trust) = match face {
        Some(f) => (f.distress, f.trust),
        None => (current.run.distress() as f32, current.run.trust() as f32),
    };
    let width = ctx.viewport_rect().width() * PANEL_SHARE;
    let action = egui::Panel::right("conversation")
        .exact_size(width)
        .resizable(false)
        .show(&mut root, |ui| encounter_view(ui, &current, &mut draft.0, distress, trust))
        .inner;
    if let Some(i) = action {
        input.write(i);
    }
    Ok(())
}
