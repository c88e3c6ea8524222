//! The scenario library as cards, with filters by difficulty and topic and the
//! choice of practice or assessment; and the scenario files with errors, as the
//! message bar above every screen shows them.

use std::collections::{BTreeSet, HashMap};

use bevy_egui::egui;

use super::ScenarioLibrary;
use crate::app::settings::Mode;
use crate::app::theme::PROBLEM_FILL;
use bedside_core::diagnostic::Diagnostic;
use bedside_core::play::script::Script;
use bedside_core::scenario::Difficulty;

/// The library's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub difficulty: Option<Difficulty>,
    pub topic: Option<String>,
}

impl Filter {
    pub fn admits(&self, script: &Script) -> bool {
        let s = script.scenario();
        self.difficulty.is_none_or(|d| s.difficulty == d) && self.topic.as_ref().is_none_or(|t| s.topics.contains(t))
    }
}

/// What the trainee asked for in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryAction {
    Open(String),
    Back,
    Settings,
}

/// Draws the filters and a card per scenario that passes them. `problems` are
/// files that did not load (shown so an author sees them); `selected` is the
/// card the keyboard has chosen.
pub fn library_view(
    ui: &mut egui::Ui,
    scripts: &[&Script],
    filter: &mut Filter,
    mode: &mut Mode,
    own_words: &mut bool,
    best: &HashMap<String, f64>,
    problems: &[String],
    selected: usize,
) -> Option<LibraryAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("Scenarios");
        if ui.button("Change trainee").clicked() {
            action = Some(LibraryAction::Back);
        }
        if ui.button("Settings").clicked() {
            action = Some(LibraryAction::Settings);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Mode:");
        ui.radio_value(mode, Mode::Practice, "Practice (feedback after every choice)");
        ui.radio_value(mode, Mode::Assessment, "Assessment (feedback in the debrief)");
        ui.checkbox(own_words, "Reply in your own words");
    });
    let topics: BTreeSet<&str> = scripts.iter().flat_map(|s| s.scenario().topics.iter().map(String::as_str)).collect();
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Difficulty")
            .selected_text(filter.difficulty.map_or("All", Difficulty::name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.difficulty, None, "All");
                for d in Difficulty::ALL {
                    ui.selectable_value(&mut filter.difficulty, Some(d), d.name());
                }
            });
        egui::ComboBox::from_label("Topic").selected_text(filter.topic.as_deref().unwrap_or("All")).show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.topic, None, "All");
            for t in &topics {
                ui.selectable_value(&mut filter.topic, Some((*t).to_owned()), *t);
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let shown: Vec<&&Script> = scripts.iter().filter(|s| filter.admits(s)).collect();
        if shown.is_empty() {
            ui.label("No scenario matches these filters.");
        }
        for (i, script) in shown.into_iter().enumerate() {
            let s = script.scenario();
            let mut frame = egui::Frame::group(ui.style());
            if i == selected {
                // The keyboard selection (Up and Down, Enter opens): a thick outline.
                frame = frame.stroke(egui::Stroke::new(2.5, ui.visuals().selection.stroke.color));
            }
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(&s.title).strong().size(18.0));
                ui.label(format!("{} · {}", s.difficulty.name(), s.setting));
                ui.label(&s.summary);
                for o in &s.objectives {
                    ui.label(format!("• {o}"));
                }
                if !s.topics.is_empty() {
                    ui.weak(format!("Topics: {}", s.topics.join(", ")));
                }
                ui.horizontal(|ui| {
                    match best.get(script.id()) {
                        Some(score) => ui.label(format!("Your best: {score:.1}")),
                        None => ui.label("Not tried yet"),
                    };
                    if ui.button(format!("Open \"{}\"", s.title.trim_matches('"'))).clicked() {
                        action = Some(LibraryAction::Open(script.id().to_owned()));
                    }
                });
            });
        }
        for p in problems {
            ui.colored_label(egui::Color32::from_rgb(200, 60, 60), format!("Not loaded: {p}"));
        }
    });
    action
}

/// Scenario files that fail validation: file, line and message, and whether the
/// last good version of the file stays in play until it is fixed.
pub fn scenario_problems(ui: &mut egui::Ui, problems: &[&Diagnostic], library: &ScenarioLibrary) {
    if problems.is_empty() {
        return;
    }
    egui::Frame::new().fill(PROBLEM_FILL).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let files: BTreeSet<&str> = problems.iter().map(|d| d.file.as_str()).collect();
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
