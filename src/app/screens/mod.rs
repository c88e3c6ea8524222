//! The screens, one plugin per state of `Screen`: their egui drawing and their
//! keyboard shortcuts. Messages for the trainee appear above every screen.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Notice;
use super::library::ScenarioLibrary;
use super::settings::Settings;
use bedside_core::diagnostic::Diagnostic;

pub mod briefing;
pub mod debrief;
pub mod encounter;
pub mod history;
pub mod library;
pub mod review;
pub mod settings;
pub mod start;

/// Drawing order within a frame: the message bar, then the screen.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum UiSet {
    Overlay,
    Screen,
}

pub fn plugin(app: &mut App) {
    app.configure_sets(EguiPrimaryContextPass, (UiSet::Overlay, UiSet::Screen).chain())
        .add_systems(
            EguiPrimaryContextPass,
            (apply_theme.run_if(resource_changed::<Settings>), draw_notices).chain().in_set(UiSet::Overlay),
        )
        .add_plugins((
            start::plugin,
            library::plugin,
            briefing::plugin,
            encounter::plugin,
            debrief::plugin,
            settings::plugin,
            history::plugin,
            review::plugin,
        ));
}

/// A Ui covering the window, for panels to be laid out in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    )
}

/// Draws a screen that fills the window's central panel and returns what it asked for.
pub fn central<R>(contexts: &mut EguiContexts, add: impl FnOnce(&mut egui::Ui) -> R) -> Result<R> {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    Ok(egui::CentralPanel::default().show(&mut root, add).inner)
}

/// Applies text size and contrast to egui.
pub fn theme(ctx: &egui::Context, settings: &Settings) {
    ctx.set_zoom_factor(settings.text_size.zoom());
    let mut visuals = egui::Visuals::dark();
    if settings.high_contrast {
        visuals.override_text_color = Some(egui::Color32::WHITE);
        visuals.panel_fill = egui::Color32::BLACK;
        visuals.window_fill = egui::Color32::BLACK;
        visuals.extreme_bg_color = egui::Color32::BLACK;
        visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
        visuals.widgets.inactive.weak_bg_fill = egui::Color32::from_gray(30);
        visuals.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, egui::Color32::YELLOW);
        visuals.selection.stroke = egui::Stroke::new(2.0, egui::Color32::YELLOW);
    }
    ctx.set_visuals(visuals);
}

fn apply_theme(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    theme(contexts.ctx_mut()?, &settings);
    Ok(())
}

fn draw_notices(mut contexts: EguiContexts, mut notice: ResMut<Notice>, library: Res<ScenarioLibrary>) -> Result {
    let problems: Vec<&Diagnostic> = library.library.diagnostics().filter(|d| d.is_error()).collect();
    if notice.messages.is_empty() && problems.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    egui::Panel::top("notices").show(&mut root, |ui| {
        scenario_problems(ui, &problems);
        let mut dismiss = None;
        for (i, m) in notice.messages.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("⚠ {m}")).strong());
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(i);
                }
            });
        }
        if let Some(i) = dismiss {
            notice.messages.remove(i);
        }
    });
    Ok(())
}

/// Scenario files that fail validation: file, line and message. A file that
/// loaded before stays in play in its last good version until it is fixed.
pub fn scenario_problems(ui: &mut egui::Ui, problems: &[&Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    ui.strong(format!(
        "Scenario files with errors ({}); the last good version of each stays in play until it is fixed:",
        problems.len()
    ));
    for d in problems.iter().take(8) {
        ui.label(egui::RichText::new(d.headline()).monospace());
    }
    if problems.len() > 8 {
        ui.label(format!("... and {} more: run `bedside validate` on the folder", problems.len() - 8));
    }
}
