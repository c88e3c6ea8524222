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

/// Where the height of this frame's message bar is kept, so that every screen
/// is laid out below it rather than painted over it.
fn notices_height_id() -> egui::Id {
    egui::Id::new("bedside-notices-height")
}

/// A Ui covering the window below the message bar, for panels to be laid out in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    let mut rect = ctx.viewport_rect();
    rect.min.y += ctx.data(|d| d.get_temp::<f32>(notices_height_id())).unwrap_or(0.0);
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(rect),
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
    let ctx = contexts.ctx_mut()?.clone();
    ctx.data_mut(|d| d.insert_temp(notices_height_id(), 0.0f32));
    let problems: Vec<&Diagnostic> = library.library.diagnostics().filter(|d| d.is_error()).collect();
    if notice.messages.is_empty() && problems.is_empty() {
        return Ok(());
    }
    let mut root = root_ui(&ctx);
    let shown = egui::Panel::top("notices").show(&mut root, |ui| {
        scenario_problems(ui, &problems, &library);
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
    let height = shown.response.rect.height();
    ctx.data_mut(|d| d.insert_temp(notices_height_id(), height));
    Ok(())
}

/// The fill behind scenario errors in the message bar: a dark red a trainer
/// cannot miss (the text on it is written, so nothing depends on the colour).
pub const PROBLEM_FILL: egui::Color32 = egui::Color32::from_rgb(110, 24, 24);

/// Scenario files that fail validation: file, line and message, and whether the
/// last good version of the file stays in play until it is fixed.
pub fn scenario_problems(ui: &mut egui::Ui, problems: &[&Diagnostic], library: &ScenarioLibrary) {
    if problems.is_empty() {
        return;
    }
    egui::Frame::new().fill(PROBLEM_FILL).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let files: std::collections::BTreeSet<&str> = problems.iter().map(|d| d.file.as_str()).collect();
        ui.label(
            egui::RichText::new(format!(
                "Scenario files with errors: {} file{}, {} error{}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ))
            .strong()
            .color(egui::Color32::WHITE),
        );
        for file in &files {
            let kept = library.library.files.iter().any(|f| f.file == *file && f.script.is_some());
            let how = if kept {
                "its last good version stays in play until it is fixed"
            } else {
                "it is not in the library until it is fixed"
            };
            ui.label(egui::RichText::new(format!("{file}: {how}")).color(egui::Color32::WHITE));
        }
        for d in problems.iter().take(8) {
            ui.label(egui::RichText::new(d.headline()).monospace().color(egui::Color32::WHITE));
        }
        if problems.len() > 8 {
            ui.label(
                egui::RichText::new(format!(
                    "... and {} more: run `bedside validate` on the folder",
                    problems.len() - 8
                ))
                .color(egui::Color32::WHITE),
            );
        }
    });
}
