//! egui drawing code as plain functions over `&mut egui::Ui`, testable without a
//! window. Each returns what the trainee asked for; the screens act on it.

pub mod briefing;
pub mod debrief;
pub mod encounter;
pub mod history;
pub mod library;
pub mod review;
pub mod settings;
pub mod start;

use bevy_egui::egui;

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
