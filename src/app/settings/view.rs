//! The settings screen: text size, contrast, default mode, replying in your own
//! words, the patient's voice and the choice timer.

use bevy_egui::egui;

use super::{Mode, Settings, Speech, TextSize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsAction {
    Done,
}

/// The settings form. `voice` names the speech program found (flite,
/// espeak-ng), or is None when there is none.
pub fn settings_view(ui: &mut egui::Ui, settings: &mut Settings, voice: Option<&str>) -> Option<SettingsAction> {
    let mut action = None;
    ui.heading("Settings");
    ui.strong("Text size");
    ui.horizontal_wrapped(|ui| {
        for size in TextSize::ALL {
            ui.radio_value(&mut settings.text_size, size, size.name());
        }
    });
    ui.checkbox(&mut settings.high_contrast, "High-contrast colours");
    ui.strong("Default mode");
    ui.horizontal(|ui| {
        ui.radio_value(&mut settings.default_mode, Mode::Practice, "Practice");
        ui.radio_value(&mut settings.default_mode, Mode::Assessment, "Assessment");
    });
    ui.checkbox(&mut settings.own_words, "Reply in your own words (type what you would say; the choices are hidden)");
    ui.strong("Speak the patient's lines aloud");
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(voice.is_some(), |ui| {
            for s in Speech::ALL {
                ui.radio_value(&mut settings.speech, s, s.name());
            }
        });
    });
    match voice {
        Some(name) => ui.weak(format!("Spoken by this computer's own voice ({name}), offline.")),
        None => ui.label(
            "No voice is available on this computer, so the lines are shown but not spoken. An administrator can install flite or espeak-ng to add one.",
        ),
    };
    ui.checkbox(&mut settings.timer, "Time limit for each choice (practise under pressure)");
    ui.add_enabled(settings.timer, egui::Slider::new(&mut settings.timer_seconds, 5..=120).text("seconds"));
    ui.add_space(12.0);
    if ui.button("Save and go back").clicked() {
        action = Some(SettingsAction::Done);
    }
    action
}
