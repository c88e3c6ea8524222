//! The encounter screen: the patient on the left (drawn by Bevy, with their body
//! language in words under the face when that setting is on), and on the
//! right the meters, the transcript and the choices or the feedback card.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::patient::{FaceState, body_language};
use super::view::{body_language_caption, encounter_view};
use super::{Current, Draft, Input, PANEL_SHARE};
use crate::app::Screen;
use crate::app::layout::{UiSet, root_ui};
use crate::app::settings::Settings;

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
    settings: Res<Settings>,
    mut input: MessageWriter<Input>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    let (distress, trust) = match &face {
        Some(f) => (f.distress, f.trust),
        None => (current.run.distress() as f32, current.run.trust() as f32),
    };
    let caption = face.as_ref().map(|f| body_language(f, &current));
    let shown = settings.body_language;
    let viewport = ctx.viewport_rect();
    let width = viewport.width() * PANEL_SHARE;
    let action = egui::Panel::right("conversation")
        .exact_size(width)
        .resizable(false)
        .show(&mut root, |ui| {
            let hidden = caption.as_deref().filter(|_| !shown);
            encounter_view(ui, &current, &mut draft.0, distress, trust, hidden)
        })
        .inner;
    // The caption under the face, in the free part of the window.
    if let (Some(c), true) = (&caption, shown) {
        let free = viewport.width() - width;
        egui::Area::new(egui::Id::new("body-language"))
            .fixed_pos(egui::pos2(viewport.min.x + 16.0, viewport.max.y - 96.0))
            .show(&ctx, |ui| {
                ui.set_max_width(free - 32.0);
                egui::Frame::new()
                    .fill(ui.visuals().panel_fill.gamma_multiply(0.92))
                    .corner_radius(8.0)
                    .inner_margin(egui::Margin::symmetric(12, 8))
                    .show(ui, |ui| {
                        ui.set_width(free - 56.0);
                        body_language_caption(ui, c);
                    });
            });
    }
    if let Some(i) = action {
        input.write(i);
    }
    Ok(())
}
