//! The screens, one per state of `Screen`. For now, the library list.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use super::library::ScenarioLibrary;
use super::views;

pub fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw_library.run_if(in_state(Screen::Library)));
}

fn draw_library(mut contexts: EguiContexts, library: Res<ScenarioLibrary>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| views::library::scenario_list(ui, &library));
    Ok(())
}
