//! The start screen: who is practising.

use bevy_egui::egui;

/// What the trainee asked for on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartAction {
    Select(String),
    Create(String),
    Continue,
    Settings,
    /// The current trainee's own attempts.
    History,
    /// The educator's review (behind the passphrase).
    Review,
}

/// Draws the profile list, a field for a new name, and the buttons.
pub fn start_view(
    ui: &mut egui::Ui,
    trainees: &[String],
    current: Option<&str>,
    new_name: &mut String,
) -> Option<StartAction> {
    let mut action = None;
    ui.heading("Bedside");
    ui.label("Practise hard conversations with patients and relatives, safely.");
    ui.add_space(12.0);
    ui.strong("Who is practising?");
    if trainees.is_empty() {
        ui.label("No profiles yet: type your name below to create one.");
    }
    for name in trainees {
        let selected = current == Some(name.as_str());
        if ui.selectable_label(selected, if selected { format!("✔ {name}") } else { name.clone() }).clicked() {
            action = Some(StartAction::Select(name.clone()));
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label("New profile:");
        let field = ui.add(egui::TextEdit::singleline(new_name).hint_text("Your name"));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        // With no profile yet, typing goes straight into the name field.
        if trainees.is_empty() && !enter && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if ui.button("Create").clicked() || (enter && !new_name.trim().is_empty()) {
            action = Some(StartAction::Create(new_name.clone()));
        }
    });
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        let can_go = current.is_some();
        let label = match current {
            Some(name) => format!("Continue as {name}"),
            None => "Continue".to_owned(),
        };
        if ui.add_enabled(can_go, egui::Button::new(label)).clicked() {
            action = Some(StartAction::Continue);
        }
        if ui.add_enabled(can_go, egui::Button::new("My history")).clicked() {
            action = Some(StartAction::History);
        }
        if ui.button("Settings").clicked() {
            action = Some(StartAction::Settings);
        }
        if ui.button("Educator review").clicked() {
            action = Some(StartAction::Review);
        }
    });
    action
}
