//! The encounter screen's parts: meters, transcript, the offered choices (or, in
//! the own-words mode, the reply box and what it matched), and the feedback card.

use bevy_egui::egui;

use super::{Current, Input, Matching, Phase};
use crate::app::theme::{self, wide_button};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::StepReview;
use bedside_core::reply::Reading;
use bedside_core::scenario::Choice;

/// Distress and trust as labelled bars, distress warm and trust cool (the
/// names and numbers are written, not only coloured; each bar is read out as
/// "Distress 60 / 100").
pub fn meters(ui: &mut egui::Ui, distress: f32, trust: f32) {
    egui::Grid::new("meters").num_columns(3).spacing([10.0, 6.0]).show(ui, |ui| {
        for (name, value, tone) in [("Distress", distress, theme::DISTRESS), ("Trust", trust, theme::TRUST)] {
            let said = format!("{name} {:.0} / 100", value.round());
            ui.label(egui::RichText::new(name).strong().color(tone.text(ui)));
            ui.label(format!("{:>3.0} / 100", value.round()));
            let width = ui.available_width().max(80.0);
            let bar = ui.add(
                egui::ProgressBar::new(value / 100.0)
                    .fill(tone.text(ui))
                    .desired_width(width)
                    .desired_height(12.0)
                    .corner_radius(6.0),
            );
            bar.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::ProgressIndicator, true, &said));
            ui.end_row();
        }
    });
}

/// How an action is written where speech would be quoted: "You (action): ...".
pub fn you_line(choice: &Choice) -> String {
    if choice.is_action() { format!("You (action): {}", choice.say) } else { format!("You: \"{}\"", choice.say) }
}

/// The conversation so far, oldest first: each line, what the trainee said or
/// did, and the patient's reply to it; then the patient's current line.
pub fn transcript(ui: &mut egui::Ui, run: &Encounter, typed: &[Option<String>]) {
    let script = run.script();
    let scenario = script.scenario();
    // Who says a line: the patient, or another person named at its start.
    let name = |line: &str| bedside_core::scenario::speaker::speaker_name(scenario, line).to_owned();
    let last = run.steps().len();
    for (i, step) in run.steps().iter().enumerate() {
        ui.label(egui::RichText::new(format!("{}: \"{}\"", name(&step.said), step.said)).weak());
        match step.chosen {
            Some(c) => {
                let choice = script.choice(step.node, c);
                if let Some(Some(typed)) = typed.get(i) {
                    ui.label(egui::RichText::new(format!("You wrote: \"{typed}\"")).weak());
                }
                let line = egui::RichText::new(you_line(choice)).weak();
                ui.label(if choice.is_action() { line.italics() } else { line });
                if let Some(reply) = &choice.reply {
                    // The reply to the last step is said now, beside the current line.
                    if i + 1 < last {
                        ui.label(egui::RichText::new(format!("{}: \"{reply}\"", name(reply))).weak());
                    }
                }
            }
            None => {
                ui.label(egui::RichText::new("You: (no answer in time)").weak());
            }
        }
    }
    if let Some(reply) = run.reply() {
        ui.label(egui::RichText::new(format!("{}: \"{reply}\"", name(reply))).strong().size(18.0));
    }
    ui.label(egui::RichText::new(format!("{}: \"{}\"", name(run.says()), run.says())).strong().size(18.0));
}

/// One offered option: its words, or an action the trainee can take.
#[derive(Debug, Clone, Copy)]
pub struct Offered<'a> {
    pub text: &'a str,
    pub action: bool,
}

/// The offered choices, numbered as the keys that choose them; actions are
/// shown as actions ("Do: ..." in italics), not as speech. Returns the position clicked.
pub fn choice_list(ui: &mut egui::Ui, choices: &[Offered]) -> Option<usize> {
    let mut picked = None;
    ui.strong(if choices.iter().any(|c| c.action) { "What do you say or do?" } else { "What do you say?" });
    for (i, c) in choices.iter().enumerate() {
        let label = if c.action {
            egui::RichText::new(format!("{}. Do: {}", i + 1, c.text)).italics()
        } else {
            egui::RichText::new(format!("{}. \"{}\"", i + 1, c.text))
        };
        if wide_button(ui, label).clicked() {
            picked = Some(i);
        }
    }
    picked
}

/// A safety error, as it heads the feedback card and the debrief.
pub fn safety_error(ui: &mut egui::Ui, what: &str, hazard: &str) {
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(2.0, ui.visuals().error_fg_color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new("Safety error").strong().color(ui.visuals().error_fg_color));
        ui.label(what);
        ui.label(format!("Why it is unsafe: {hazard}"));
    });
}

/// How a typed reply read: the NURSE statements, emotions named, whether it
/// asked an open question, blockers, jargon and reading grade.
pub fn reading_view(ui: &mut egui::Ui, typed: &str, reading: &Reading) {
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
    ui.label(format!("You wrote: \"{typed}\""));
    ui.label(format!("What your words did: {}", list(&reading.nurse)));
    if !reading.emotions.is_empty() {
        ui.label(format!("Feelings you named: {}", reading.emotions.join(", ")));
    }
    ui.label(if reading.open_question { "You asked an open question." } else { "No open question." });
    if !reading.blockers.is_empty() {
        ui.label(
            egui::RichText::new(format!("What may block: {}", reading.blockers.join(", ")))
                .color(ui.visuals().warn_fg_color),
        );
    }
    for j in &reading.jargon {
        ui.label(format!("Jargon: \"{}\". Plain words: \"{}\".", j.term, j.plain));
    }
    ui.label(format!("Reading grade {:.1}", reading.grade.max(0.0)));
}

/// A typed reply matched to the offered choices: the closest (and a close
/// runner-up) to confirm, or every offered choice to pick from.
pub fn matching_view(ui: &mut egui::Ui, current: &Current, m: &Matching) -> Option<Input> {
    let mut input = None;
    let node = current.run.node()?;
    let script = current.run.script();
    ui.label(format!("You wrote: \"{}\"", m.text));
    let label = |c: usize| {
        let choice = script.choice(node, c);
        if choice.is_action() { format!("Do: {}", choice.say) } else { format!("\"{}\"", choice.say) }
    };
    if m.show_all {
        if m.best.is_none() {
            ui.strong("Nothing offered here is close enough to what you wrote. Which of these did you mean?");
        } else {
            ui.strong("Which of these did you mean?");
        }
        for (i, &c) in current.run.offered().iter().enumerate() {
            if wide_button(ui, format!("{}. {}", i + 1, label(c))).clicked() {
                input = Some(Input::Confirm(c));
            }
        }
        return input;
    }
    ui.strong("Closest to what you said:");
    for (i, c) in [m.best, m.runner_up].into_iter().flatten().enumerate() {
        if wide_button(ui, format!("{}. {}", i + 1, label(c))).clicked() {
            input = Some(Input::Confirm(c));
        }
    }
    if ui.button("None of these: show every choice (0)").clicked() {
        input = Some(Input::ShowAll);
    }
    ui.label("Enter goes on with the first.");
    input
}

/// The reply box of the own-words mode. Returns Submit when the trainee sends it.
pub fn reply_box(ui: &mut egui::Ui, draft: &mut String) -> Option<Input> {
    ui.strong("What do you say or do? Write it in your own words.");
    let id = ui.make_persistent_id("reply-box");
    // On the pass the box first appears (and whenever nothing has the focus),
    // it takes the focus before it reads this pass's keys, so that letters
    // typed straight after Enter on the feedback card land in it.
    let pass = ui.ctx().cumulative_pass_nr();
    let shown_last_pass = ui.data(|d| d.get_temp::<u64>(id)).is_some_and(|p| p + 1 >= pass);
    ui.data_mut(|d| d.insert_temp(id, pass));
    if !shown_last_pass || ui.memory(|m| m.focused().is_none()) {
        ui.memory_mut(|m| m.request_focus(id));
    }
    let field = ui.add(
        egui::TextEdit::multiline(draft)
            .id(id)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("Type your reply, then press Enter")
            .return_key(None),
    );
    field.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Your reply"));
    let sent = ui.button("Send (Enter)").clicked();
    (sent && !draft.trim().is_empty()).then_some(Input::Submit)
}

/// Feedback on the choice just made, with the reading of a typed reply when
/// there was one. Returns true when the trainee continues.
pub fn feedback_card_typed(ui: &mut egui::Ui, review: &StepReview, typed: Option<(&str, &Reading)>) -> bool {
    if let Some((text, reading)) = typed {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong("Your own words");
            reading_view(ui, text, reading);
        });
        ui.add_space(4.0);
    }
    feedback_card(ui, review)
}

/// Feedback on the choice just made. Returns true when the trainee continues.
pub fn feedback_card(ui: &mut egui::Ui, review: &StepReview) -> bool {
    let mut go_on = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let what = if review.kind.is_say() {
            format!("You said: \"{}\"", review.say)
        } else {
            format!("You did: {}", review.say)
        };
        if let Some(hazard) = &review.hazard {
            safety_error(ui, &what, hazard);
        } else {
            ui.label(&what);
        }
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

/// The patient's body language as a screen reader hears it, with nothing
/// drawn: for when the caption is not shown under the face.
pub fn body_language_for_screen_readers(ui: &mut egui::Ui, caption: &str) {
    let r = ui.allocate_response(egui::Vec2::ZERO, egui::Sense::hover());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, format!("Body language: {caption}")));
}

/// The caption under the face: the patient's body language in words.
pub fn body_language_caption(ui: &mut egui::Ui, caption: &str) {
    let r = ui.add(egui::Label::new(egui::RichText::new(caption).italics().size(17.0)).wrap());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, format!("Body language: {caption}")));
}

/// The right-hand side of the encounter: meters, transcript, choices or
/// feedback. `hidden_caption` is the body language when it is not shown under
/// the face, told to screen readers only.
pub fn encounter_view(
    ui: &mut egui::Ui,
    current: &Current,
    draft: &mut String,
    distress: f32,
    trust: f32,
    hidden_caption: Option<&str>,
) -> Option<Input> {
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
    if let Some(c) = hidden_caption {
        body_language_for_screen_readers(ui, c);
    }
    if let (Some(left), Some(limit), Phase::Choosing) = (current.time_left, current.time_limit, &current.phase) {
        ui.add(egui::ProgressBar::new(left / limit).text(format!("Time left to answer: {:.0} s", left.ceil())));
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).stick_to_bottom(true).show(ui, |ui| {
        transcript(ui, &current.run, &current.typed);
        ui.add_space(8.0);
        match &current.phase {
            Phase::Choosing if current.own_words => {
                if let Some(i) = reply_box(ui, draft) {
                    input = Some(i);
                }
            }
            Phase::Matching(m) => {
                if let Some(i) = matching_view(ui, current, m) {
                    input = Some(i);
                }
            }
            Phase::Choosing => {
                let node = current.run.node();
                let options: Vec<Offered> = match node {
                    Some(n) => current
                        .run
                        .offered()
                        .iter()
                        .map(|&c| {
                            let choice = current.run.script().choice(n, c);
                            Offered { text: &choice.say, action: choice.is_action() }
                        })
                        .collect(),
                    None => Vec::new(),
                };
                if let Some(i) = choice_list(ui, &options) {
                    input = Some(Input::Choose(i));
                }
            }
            Phase::Feedback(review) => {
                let typed = current.typed.last().cloned().flatten();
                let pair = typed.as_deref().zip(current.reading.as_ref());
                if feedback_card_typed(ui, review, pair) {
                    input = Some(Input::Continue);
                }
            }
        }
    });
    input
}
