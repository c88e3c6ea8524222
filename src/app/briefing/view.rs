//! The briefing before an encounter: who the patient is, where, the objectives,
//! and the guidance the scenario follows.

use bevy_egui::egui;

use crate::app::settings::Mode;
use bedside_core::play::script::Script;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefingAction {
    Begin,
    Back,
}

pub fn briefing_view(ui: &mut egui::Ui, script: &Script, mode: Mode) -> Option<BriefingAction> {
    let mut action = None;
    let s = script.scenario();
    ui.heading(&s.title);
    ui.label(format!("{} · {} mode", s.difficulty.name(), mode.name()));
    ui.add_space(8.0);
    ui.strong(format!("{}, {}", s.patient.name, s.patient.age));
    ui.label(&s.patient.about);
    ui.add_space(8.0);
    ui.strong("Setting");
    ui.label(&s.setting);
    ui.add_space(8.0);
    ui.strong("Objectives");
    for o in &s.objectives {
        ui.label(format!("• {o}"));
    }
    if !s.sources.is_empty() {
        ui.add_space(8.0);
        ui.strong("Follows this guidance");
        for source in &s.sources {
            ui.label(format!("• {source}"));
        }
    }
    ui.add_space(12.0);
    ui.label(
        "Choose what to say or do with the mouse, or press 1 to 9. In practice mode, press Enter to continue after feedback.",
    );
    ui.horizontal(|ui| {
        if ui.button("Begin (Enter)").clicked() {
            action = Some(BriefingAction::Begin);
        }
        if ui.button("Back to the library").clicked() {
            action = Some(BriefingAction::Back);
        }
    });
    action
}
