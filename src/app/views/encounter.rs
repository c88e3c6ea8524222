//! The encounter screen's parts: meters, transcript, the offered choices and the
//! feedback card.

use bevy_egui::egui;

use super::wide_button;
use crate::app::encounter::{Current, Input, Phase};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::StepReview;

/// Distress and trust as labelled bars (the numbers are written, not only coloured).
pub fn meters(ui: &mut egui::Ui, distress: f32, trust: f32) {
    ui.add(egui::ProgressBar::new(distress / 100.0).text(format!("Distress {:.0} / 100", distress.round())));
    ui.add(egui::ProgressBar::new(trust / 100.0).text(format!("Trust {:.0} / 100", trust.round())));
}

/// The conversation so far, oldest first, then the patient's current line.
pub fn transcript(ui: &mut egui::Ui, run: &Encounter) {
    let script = run.script();
    let name = &script.scenario().patient.name;
    for step in run.steps() {
        ui.label(egui::RichText::new(format!("{name}: {}", step.said)).weak());
        let you = match step.chosen {
            Some(c) => script.choice(step.node, c).say.as_str(),
            None => "(no answer in time)",
        };
        ui.label(egui::RichText::new(format!("You: {you}")).weak());
    }
    ui.label(egui::RichText::new(format!("{name}: \"{}\"", run.says())).strong().size(18.0));
}

/// The offered choices, numbered as the keys that choose them. Returns the
/// position clicked.
pub fn choice_list(ui: &mut egui::Ui, choices: &[&str]) -> Option<usize> {
    let mut picked = None;
    ui.strong("What do you say?");
    for (i, text) in choices.iter().enumerate() {
        if wide_button(ui, format!("{}. {text}", i + 1)).clicked() {
            picked = Some(i);
        }
    }
    picked
}

/// Feedback on the choice just made. Returns true when the trainee continues.
pub fn feedback_card(ui: &mut egui::Ui, review: &StepReview) -> bool {
    let mut go_on = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(format!("You said: \"{}\"", review.say));
        ui.strong(format!("Empathy {} of 4 · Clarity {} of 4", review.empathy, review.clarity));
        if !review.tags.is_empty() {
            let tags: Vec<&str> = review.tags.iter().map(|t| t.plain()).collect();
            ui.label(format!("Skills: {}", tags.join(", ")));
        }
        ui.label(&review.feedback);
        for j in &review.jargon {
            ui.label(format!("Jargon: \"{}\". Plain words: \"{}\".", j.term, j.plain));
        }
        if review.missed_opportunity {
            ui.label("Missed opportunity: the patient showed a feeling here and this answer did not acknowledge it.");
        }
        match &review.better {
            Some(b) => {
                ui.add_space(4.0);
                ui.strong("A better choice here:");
                ui.label(format!("\"{}\" (empathy {}, clarity {})", b.say, b.empathy, b.clarity));
                ui.label(&b.feedback);
            }
            None => {
                ui.label("This was the best choice on offer.");
            }
        }
        ui.add_space(6.0);
        if ui.button("Continue (Enter)").clicked() {
            go_on = true;
        }
    });
    go_on
}

/// The right-hand side of the encounter: meters, transcript, choices or feedback.
pub fn encounter_view(ui: &mut egui::Ui, current: &Current, distress: f32, trust: f32) -> Option<Input> {
    let mut input = None;
    let s = current.run.script().scenario();
    ui.horizontal(|ui| {
        ui.heading(&s.title);
        if ui.button("Leave (Esc)").on_hover_text("Stop here; the attempt is kept as abandoned").clicked() {
            input = Some(Input::Leave);
        }
    });
    ui.label(format!("{} · {} mode", s.setting, current.mode.name()));
    meters(ui, distress, trust);
    if let (Some(left), Some(limit), Phase::Choosing) = (current.time_left, current.time_limit, &current.phase) {
        ui.add(egui::ProgressBar::new(left / limit).text(format!("Time left to answer: {:.0} s", left.ceil())));
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true).show(ui, |ui| {
        transcript(ui, &current.run);
        ui.add_space(8.0);
        match &current.phase {
            Phase::Choosing => {
                let node = current.run.node();
                let texts: Vec<&str> = match node {
                    Some(n) => {
                        current.run.offered().iter().map(|&c| current.run.script().choice(n, c).say.as_str()).collect()
                    }
                    None => Vec::new(),
                };
                if let Some(i) = choice_list(ui, &texts) {
                    input = Some(Input::Choose(i));
                }
            }
            Phase::Feedback(review) => {
                if feedback_card(ui, review) {
                    input = Some(Input::Continue);
                }
            }
        }
    });
    input
}
