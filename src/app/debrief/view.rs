//! The debrief: safety errors first, then the ending and outcome, scores with
//! bars, each objective met or not on this run, missed opportunities with a
//! better response, and the whole conversation reviewed.

use bevy_egui::egui;

use crate::app::encounter::view::safety_error;
use crate::app::theme::score_bar;
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::Scores;
use bedside_core::play::script::Script;
use bedside_core::scenario::Ending;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebriefAction {
    Replay,
    Library,
}

pub fn debrief_view(
    ui: &mut egui::Ui,
    run: &Encounter,
    scores: &Scores,
    typed: &[Option<String>],
) -> Option<DebriefAction> {
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
        debrief_body(ui, script, run.ending().map(|(_, e)| e), scores, typed);
    });
    action
}

/// The debrief itself, for a run just played or one read back from the records:
/// any safety errors, the ending (or that it was left part-way), the scores, the
/// objectives, missed opportunities and every step.
pub fn debrief_body(
    ui: &mut egui::Ui,
    script: &Script,
    ending: Option<&Ending>,
    scores: &Scores,
    typed: &[Option<String>],
) {
    let s = script.scenario();
    if !scores.safety_errors.is_empty() {
        ui.strong(format!("Safety errors ({})", scores.safety_errors.len()));
        for e in &scores.safety_errors {
            let node = s.nodes.get(&e.node);
            let action = node.and_then(|n| n.choices.iter().find(|c| c.say == e.say)).is_some_and(|c| c.is_action());
            let what = if action {
                format!("Step {}: you did: {}", e.step, e.say)
            } else {
                format!("Step {}: you said: \"{}\"", e.step, e.say)
            };
            safety_error(ui, &what, &e.hazard);
        }
        ui.add_space(8.0);
    }
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
    objectives(ui, script, scores);
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
            if let Some(Some(t)) = typed.get(i) {
                ui.label(format!("You wrote: \"{t}\" (taken as the choice below)"));
            }
            let what =
                if st.kind.is_say() { format!("You: \"{}\"", st.say) } else { format!("You (action): {}", st.say) };
            ui.label(format!("{what} (empathy {}, clarity {}; {mark})", st.empathy, st.clarity));
            if let Some(reply) = &st.reply {
                ui.label(egui::RichText::new(format!("{}: \"{reply}\"", s.patient.name)).weak());
            }
            if let Some(h) = &st.hazard {
                ui.label(egui::RichText::new(format!("Safety error: {h}")).color(ui.visuals().error_fg_color));
            }
            ui.label(&st.feedback);
            if let Some(b) = &st.better {
                ui.label(format!("Best here: \"{}\"", b.say));
            }
            ui.add_space(4.0);
        }
    });
}

/// Each objective, ticked as met or not met on this run. An objective that no
/// choice in the scenario meets is not checked, and says so.
pub fn objectives(ui: &mut egui::Ui, script: &Script, scores: &Scores) {
    let met = scores.objectives.iter().filter(|o| o.met).count();
    ui.strong(format!("Objectives: {met} of {} met on this run", scores.objectives.len()));
    let checkable = script.meetable();
    for o in &scores.objectives {
        let line = if o.met {
            format!("[met] {}. {}", o.n, o.text)
        } else if o.n <= 64 && checkable >> (o.n - 1) & 1 == 1 {
            format!("[not met] {}. {}", o.n, o.text)
        } else {
            format!("[not checked by this scenario] {}. {}", o.n, o.text)
        };
        let text = egui::RichText::new(line);
        ui.label(if o.met { text.color(ui.visuals().hyperlink_color) } else { text });
    }
}
