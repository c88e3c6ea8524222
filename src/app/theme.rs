//! The look every screen shares: text size and contrast applied to egui when
//! the settings change, the fill behind scenario errors, and the widgets the
//! views share (wide buttons, score bars).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::settings::Settings;

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

/// The theme applied to the window's egui context (run when the settings change).
pub fn apply_theme(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    theme(contexts.ctx_mut()?, &settings);
    Ok(())
}

/// The fill behind scenario errors in the message bar: a dark red a trainer
/// cannot miss (the text on it is written, so nothing depends on the colour).
pub const PROBLEM_FILL: egui::Color32 = egui::Color32::from_rgb(110, 24, 24);

/// A button that stretches to the available width and wraps long text.
pub fn wide_button(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    let width = ui.available_width();
    ui.add(egui::Button::new(text).wrap().min_size(egui::vec2(width, 0.0)))
}

/// A labelled bar for a score out of 100, with the number written on it (so
/// nothing depends on colour alone).
pub fn score_bar(ui: &mut egui::Ui, label: &str, value: f64) {
    ui.add(egui::ProgressBar::new((value / 100.0).clamp(0.0, 1.0) as f32).text(format!("{label}: {value:.1}")));
}
