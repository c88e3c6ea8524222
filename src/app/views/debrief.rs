//! The debrief: ending and outcome, scores with bars, missed opportunities with a
//! better response, the whole conversation reviewed, and the objectives.

use bevy_egui::egui;

use super::score_bar;
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::Scores;
use bedside_core::play::script::Script;
use bedside_core::scenario::Ending;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebriefAction {
    Replay,
    Library,
}

pub fn debrief_view(ui: &mut egui::Ui, run: &Encounter, scores: &Scores) -> Option<DebriefAction> {
    let mut action = None;
    let script = run.script();
    let s = script.scenario();
    ui.horizontal(|ui| {
        ui.heading(format!("Debrief: {}", s.title));
        if ui.button("Replay (R)").clicked() {
            action = Some(DebriefAction::Replay);
        }
        if ui.button("Back to the library (Esc)").clicked() {
            action = Some(DebriefAction::Library);
        }
    });
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        debrief_body(ui, script, run.ending().map(|(_, e)| e), scores);
    });
    action
}

/// The debrief itself, for a run just played or one read back from the records:
/// the ending (or that it was left part-way), the scores, missed opportunities,
/// every step and the objectives.
pub fn debrief_body(ui: &mut egui::Ui, script: &Script, ending: Option<&Ending>, scores: &Scores) {
    let s = script.scenario();
    {
        match ending {
            Some(ending) => {
                ui.strong(format!("Outcome: {}", ending.outcome.name()));
                ui.label(format!("{}: \"{}\"", s.patient.name, ending.says));
                ui.label(&ending.debrief);
            }
            None => {
                ui.strong(format!("Left part-way, after {} steps (abandoned)", scores.steps.len()));
            }
        }
        ui.add_space(8.0);
        score_bar(ui, "Empathy", scores.empathy);
        score_bar(ui, "Clarity", scores.clarity);
        score_bar(ui, "Overall", scores.overall);
        ui.label(format!("Best choice at {:.1}% of steps", scores.best_choice_rate));
        ui.add_space(8.0);
        if scores.missed_opportunities.is_empty() {
            ui.strong("No missed opportunities: you answered every feeling the patient showed.");
        } else {
            ui.strong(format!("Missed opportunities ({})", scores.missed_opportunities.len()));
            for m in &scores.missed_opportunities {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(format!("Step {}: {} said \"{}\"", m.step, s.patient.name, m.patient));
                    ui.label(format!("You said: \"{}\"", m.chosen));
                    if let Some(b) = &m.better {
                        ui.label(format!("Better: \"{b}\""));
                    }
                });
            }
        }
        ui.add_space(8.0);
        egui::CollapsingHeader::new("The conversation, step by step").default_open(true).show(ui, |ui| {
            for (i, st) in scores.steps.iter().enumerate() {
                ui.label(egui::RichText::new(format!("{}. {}: \"{}\"", i + 1, s.patient.name, st.patient)).weak());
                let mark = if st.best { "best on offer" } else { "not the best" };
                ui.label(format!("You: \"{}\" (empathy {}, clarity {}; {mark})", st.say, st.empathy, st.clarity));
                ui.label(&st.feedback);
                if let Some(b) = &st.better {
                    ui.label(format!("Best here: \"{}\"", b.say));
                }
                ui.add_space(4.0);
            }
        });
        ui.strong("Objectives");
        for o in &s.objectives {
            ui.label(format!("• {o}"));
        }
    }
}
