//! The briefing before an encounter: who the patient is, where, the objectives,
//! and the guidance the scenario follows; in cards, side by side where the
//! window is wide enough.

use bevy_egui::egui;

use crate::app::settings::Mode;
use crate::app::theme::{big_button, card, difficulty_badge, palette_of, primary_button, title};
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
    ui.horizontal(|ui| {
        difficulty_badge(ui, s.difficulty);
        ui.weak(format!("· {} mode", mode.name()));
    });
    ui.add_space(10.0);
    // The buttons stay in view at the bottom; the briefing scrolls above them.
    egui::Panel::bottom("briefing-actions").frame(egui::Frame::new()).show_separator_line(false).show(ui, |ui| {
        ui.add_space(10.0);
        ui.weak(
            "Choose what to say or do with the mouse, or press 1 to 9. In practice mode, press Enter to continue after feedback.",
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if primary_button(ui, "Begin (Enter)", 220.0).clicked() {
                action = Some(BriefingAction::Begin);
            }
            if big_button(ui, "Back to the library (Esc)", 240.0).clicked() {
                action = Some(BriefingAction::Back);
            }
        });
        ui.add_space(4.0);
    });
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let who = |ui: &mut egui::Ui| {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(title(&format!("{}, {}", s.patient.name, s.patient.age)));
                ui.label(&s.patient.about);
                ui.add_space(8.0);
                ui.strong("Setting");
                ui.label(&s.setting);
            });
        };
        let aims = |ui: &mut egui::Ui| {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(title("Objectives"));
                for o in &s.objectives {
                    ui.label(format!("• {o}"));
                }
                if !s.sources.is_empty() {
                    ui.add_space(8.0);
                    ui.strong("Follows this guidance");
                    let weak = palette_of(ui).weak;
                    for source in &s.sources {
                        ui.label(egui::RichText::new(format!("• {source}")).color(weak));
                    }
                }
            });
        };
        if ui.available_width() >= 900.0 {
            ui.columns(2, |cols| {
                who(&mut cols[0]);
                aims(&mut cols[1]);
            });
        } else {
            who(ui);
            ui.add_space(12.0);
            aims(ui);
        }
    });
    action
}
