//! The scenario library as a list: title, difficulty, setting and summary.

use bevy_egui::egui;

use crate::app::library::ScenarioLibrary;

/// Draws the library, and any file that failed to load with its first problem.
pub fn scenario_list(ui: &mut egui::Ui, library: &ScenarioLibrary) {
    ui.heading("Bedside: scenario library");
    ui.label(format!("From {}", library.folder.display()));
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        let mut any = false;
        for script in library.library.scripts() {
            any = true;
            let s = script.scenario();
            ui.group(|ui| {
                ui.strong(&s.title);
                ui.label(format!("{} · {}", s.difficulty.name(), s.setting));
                ui.label(&s.summary);
            });
        }
        if !any {
            ui.label("No scenarios found. Point the app at a folder with --scenarios DIR.");
        }
        for f in library.library.files.iter().filter(|f| f.script.is_none()) {
            if let Some(d) = f.diagnostics.iter().find(|d| d.is_error()) {
                ui.colored_label(egui::Color32::from_rgb(180, 30, 30), format!("Not loaded: {}", d.headline()));
            }
        }
    });
}
