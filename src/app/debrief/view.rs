//! The debrief: safety errors first, then the ending and its outcome (icon and
//! word), scores with bars, each objective met or not on this run, missed
//! opportunities with a better response, and the whole conversation reviewed;
//! each in a card.

use bevy_egui::egui;

use crate::app::encounter::view::safety_error;
use crate::app::theme::{BAD, GOOD, TITLE_SIZE, card, outcome_badge, palette_of, primary_button, score_bar, title};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::Scores;
use bedside_core::play::script::Script;
use bedside_core::scenario::Ending;
use bedside_core::scenario::speaker::speaker_name;

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
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Back to the library (Esc)").clicked() {
                action = Some(DebriefAction::Library);
            }
            if primary_button(ui, "Replay (R)", 140.0).clicked() {
                action = Some(DebriefAction::Replay);
            }
        });
    });
    ui.add_space(6.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        debrief_body(ui, script, run.ending().map(|(_, e)| e), scores, typed);
    });
    action
}

/// The debrief itself, for a run just played or one read back from the records:
/// any safety errors, the ending (or that it was left part-way), the scores, the
/// objectives, missed opportunities and every step. In cards; the outcome,
/// scores and objectives beside the missed opportunities where there is room.
pub fn debrief_body(
    ui: &mut egui::Ui,
    script: &Script,
    ending: Option<&Ending>,
    scores: &Scores,
    typed: &[Option<String>],
) {
    let s = script.scenario();
    if !scores.safety_errors.is_empty() {
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let colour = BAD.text(ui);
                ui.label(egui::RichText::new("⚠").size(TITLE_SIZE).color(colour))
                    .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
                ui.label(
                    egui::RichText::new(format!("Safety errors ({})", scores.safety_errors.len()))
                        .size(TITLE_SIZE)
                        .strong()
                        .color(colour),
                );
            });
            for e in &scores.safety_errors {
                let node = s.nodes.get(&e.node);
                let action =
                    node.and_then(|n| n.choices.iter().find(|c| c.say == e.say)).is_some_and(|c| c.is_action());
                let what = if action {
                    format!("Step {}: you did: {}", e.step, e.say)
                } else {
                    format!("Step {}: you said: \"{}\"", e.step, e.say)
                };
                safety_error(ui, &what, &e.hazard);
            }
        });
        ui.add_space(12.0);
    }
    let summary = |ui: &mut egui::Ui| {
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            match ending {
                Some(ending) => {
                    ui.horizontal(|ui| {
                        ui.label(title(&format!("Outcome: {}", ending.outcome.name())));
                        outcome_badge(ui, ending.outcome);
                    });
                    ui.label(
                        egui::RichText::new(format!("{}: \"{}\"", speaker_name(s, &ending.says), ending.says))
                            .italics(),
                    );
                    ui.label(&ending.debrief);
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.label(title(&format!("Left part-way, after {} steps (abandoned)", scores.steps.len())));
                    });
                }
            }
        });
        ui.add_space(12.0);
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(title("Scores"));
            score_bar(ui, "Empathy", scores.empathy);
            score_bar(ui, "Clarity", scores.clarity);
            score_bar(ui, "Overall", scores.overall);
            ui.label(format!("Best choice at {:.1}% of steps", scores.best_choice_rate));
        });
        ui.add_space(12.0);
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            objectives(ui, script, scores);
        });
    };
    let missed = |ui: &mut egui::Ui| {
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            if scores.missed_opportunities.is_empty() {
                ui.horizontal_top(|ui| {
                    ui.label(egui::RichText::new("✔").color(GOOD.text(ui)))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(
                                "No missed opportunities: you answered every feeling the patient showed.",
                            )
                            .strong(),
                        )
                        .wrap(),
                    );
                });
            } else {
                ui.label(title(&format!("Missed opportunities ({})", scores.missed_opportunities.len())));
                let weak = palette_of(ui).weak;
                for m in &scores.missed_opportunities {
                    ui.add_space(4.0);
                    ui.label(
                        egui::RichText::new(format!(
                            "Step {}: {} said \"{}\"",
                            m.step,
                            speaker_name(s, &m.patient),
                            m.patient
                        ))
                        .color(weak),
                    );
                    ui.label(format!("You said: \"{}\"", m.chosen));
                    if let Some(b) = &m.better {
                        ui.label(egui::RichText::new(format!("Better: \"{b}\"")).color(GOOD.text(ui)));
                    }
                    ui.separator();
                }
            }
        });
    };
    if ui.available_width() >= 1000.0 {
        ui.columns(2, |cols| {
            summary(&mut cols[0]);
            missed(&mut cols[1]);
        });
    } else {
        summary(ui);
        ui.add_space(12.0);
        missed(ui);
    }
    ui.add_space(12.0);
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::CollapsingHeader::new(title("The conversation, step by step")).default_open(true).show(ui, |ui| {
            let weak = palette_of(ui).weak;
            for (i, st) in scores.steps.iter().enumerate() {
                ui.label(
                    egui::RichText::new(format!("{}. {}: \"{}\"", i + 1, speaker_name(s, &st.patient), st.patient))
                        .color(weak),
                );
                let mark = if st.best { "best on offer" } else { "not the best" };
                if let Some(Some(t)) = typed.get(i) {
                    ui.label(format!("You wrote: \"{t}\" (taken as the choice below)"));
                }
                let what =
                    if st.kind.is_say() { format!("You: \"{}\"", st.say) } else { format!("You (action): {}", st.say) };
                ui.label(format!("{what} (empathy {}, clarity {}; {mark})", st.empathy, st.clarity));
                if let Some(reply) = &st.reply {
                    ui.label(egui::RichText::new(format!("{}: \"{reply}\"", speaker_name(s, reply))).color(weak));
                }
                if let Some(h) = &st.hazard {
                    ui.label(egui::RichText::new(format!("Safety error: {h}")).color(BAD.text(ui)));
                }
                ui.label(&st.feedback);
                if let Some(b) = &st.better {
                    ui.label(format!("Best here: \"{}\"", b.say));
                }
                ui.add_space(6.0);
            }
        });
    });
}

/// Each objective, ticked as met or not met on this run. An objective that no
/// choice in the scenario meets is not checked, and says so.
pub fn objectives(ui: &mut egui::Ui, script: &Script, scores: &Scores) {
    let met = scores.objectives.iter().filter(|o| o.met).count();
    ui.label(title(&format!("Objectives: {met} of {} met on this run", scores.objectives.len())));
    let checkable = script.meetable();
    for o in &scores.objectives {
        let line = if o.met {
            format!("[met] {}. {}", o.n, o.text)
        } else if o.n <= 64 && checkable >> (o.n - 1) & 1 == 1 {
            format!("[not met] {}. {}", o.n, o.text)
        } else {
            format!("[not checked by this scenario] {}. {}", o.n, o.text)
        };
        ui.horizontal_top(|ui| {
            let (icon, colour) = if o.met { ("✔", GOOD.text(ui)) } else { ("○", palette_of(ui).weak) };
            ui.label(egui::RichText::new(icon).color(colour))
                .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
            let text = egui::RichText::new(line);
            ui.add(egui::Label::new(if o.met { text.color(colour) } else { text }).wrap());
        });
    }
}
