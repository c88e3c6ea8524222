//! The settings screen: the theme, text size and contrast; the default mode and
//! replying in your own words; the patient's voice and body language in
//! words; the choice timer. Grouped
//! in cards, in two columns where the window is wide enough.

use bevy_egui::egui;

use super::{Mode, Settings, Speech, TextSize, Theme};
use crate::app::theme::{card, primary_button, title};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsAction {
    Done,
}

/// The settings form. `voice` names the speech program found (flite,
/// espeak-ng), or is None when there is none.
pub fn settings_view(ui: &mut egui::Ui, settings: &mut Settings, voice: Option<&str>) -> Option<SettingsAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("Settings");
        ui.add_space(12.0);
        ui.weak("Changes apply at once, and are kept for next time.");
    });
    ui.add_space(8.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        // Lines stay short enough to read on a wide window.
        ui.set_max_width(ui.available_width().min(1240.0));
        let wide = ui.available_width() >= 900.0;
        let look = |ui: &mut egui::Ui, settings: &mut Settings| {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(title("How it looks"));
                ui.add_space(4.0);
                ui.strong("Theme");
                ui.horizontal_wrapped(|ui| {
                    for theme in Theme::ALL {
                        ui.radio_value(&mut settings.theme, theme, theme.name());
                    }
                });
                ui.checkbox(&mut settings.high_contrast, "High-contrast colours");
                ui.add_space(4.0);
                ui.strong("Text size");
                ui.horizontal_wrapped(|ui| {
                    for size in TextSize::ALL {
                        ui.radio_value(&mut settings.text_size, size, size.name());
                    }
                });
            });
        };
        let practice = |ui: &mut egui::Ui, settings: &mut Settings| {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(title("How you practise"));
                ui.add_space(4.0);
                ui.strong("Default mode");
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(&mut settings.default_mode, Mode::Practice, "Practice");
                    ui.radio_value(&mut settings.default_mode, Mode::Assessment, "Assessment");
                });
                ui.checkbox(
                    &mut settings.own_words,
                    "Reply in your own words (type what you would say; the choices are hidden)",
                );
                ui.checkbox(&mut settings.timer, "Time limit for each choice (practise under pressure)");
                ui.add_enabled(settings.timer, egui::Slider::new(&mut settings.timer_seconds, 5..=120).text("seconds"));
            });
        };
        let speech = |ui: &mut egui::Ui, settings: &mut Settings| {
            card(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(title("Speak the patient's lines aloud"));
                ui.add_space(4.0);
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
                ui.add_space(4.0);
                ui.checkbox(
                    &mut settings.body_language,
                    "Describe the patient's body language in words under the face",
                );
            });
        };
        if wide {
            ui.columns(2, |cols| {
                look(&mut cols[0], settings);
                cols[0].add_space(12.0);
                speech(&mut cols[0], settings);
                practice(&mut cols[1], settings);
            });
        } else {
            look(ui, settings);
            ui.add_space(12.0);
            practice(ui, settings);
            ui.add_space(12.0);
            speech(ui, settings);
        }
        ui.add_space(16.0);
        if primary_button(ui, "Save and go back", 220.0).clicked() {
            action = Some(SettingsAction::Done);
        }
    });
    action
}
