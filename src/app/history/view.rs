//! A trainee's attempts: a table, a plot of empathy, clarity and overall over
//! time, and any attempt opened as its full debrief. The trainee's own history
//! page and the educator's trainee page both draw with these.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};

use crate::app::debrief::view::debrief_body;
use bedside_core::play::score::Scores;
use bedside_core::play::script::Script;
use bedside_records::report::AttemptRow;
use bedside_records::{Attempt, Origin};

/// A stored attempt opened for reading: the attempt, the scenario version it
/// was played with, and its debrief rebuilt from that version.
#[derive(Debug, Clone)]
pub struct StoredDebrief {
    pub attempt: Attempt,
    pub review: Option<(Script, Scores)>,
}

impl StoredDebrief {
    pub fn new(attempt: Attempt) -> StoredDebrief {
        let review = attempt.review();
        StoredDebrief { attempt, review }
    }
}

/// What was asked for on a history page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryAction {
    Back,
    /// Open the attempt with this row id.
    Open(i64),
    /// Close the open attempt.
    Close,
}

/// The history page: the trend, then the attempts (newest first), or one attempt's debrief.
pub fn history_view(
    ui: &mut egui::Ui,
    title: &str,
    rows: &[AttemptRow],
    open: Option<&StoredDebrief>,
) -> Option<HistoryAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading(title);
        if ui.button("Back (Esc)").clicked() {
            action = Some(HistoryAction::Back);
        }
    });
    match attempts_body(ui, rows, open, "No attempts recorded yet. Finished and abandoned encounters appear here.") {
        Some(AttemptsAction::Open(id)) => Some(HistoryAction::Open(id)),
        Some(AttemptsAction::Close) => Some(HistoryAction::Close),
        None => action,
    }
}

/// What was asked for over a list of attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptsAction {
    Open(i64),
    Close,
}

/// A trainee's attempts: the open one's debrief, or the trend and the table
/// (`empty` when there are none). Shared by the history and review pages.
pub fn attempts_body(
    ui: &mut egui::Ui,
    rows: &[AttemptRow],
    open: Option<&StoredDebrief>,
    empty: &str,
) -> Option<AttemptsAction> {
    attempts_body_with(ui, rows, open, empty, |_| {})
}

/// As [`attempts_body`], with `below` drawn under the table in the same
/// scrolling area (the educator's trainee page puts the skills profile there).
pub fn attempts_body_with(
    ui: &mut egui::Ui,
    rows: &[AttemptRow],
    open: Option<&StoredDebrief>,
    empty: &str,
    below: impl FnOnce(&mut egui::Ui),
) -> Option<AttemptsAction> {
    let mut action = None;
    if let Some(d) = open {
        if ui.button("Close this attempt").clicked() {
            action = Some(AttemptsAction::Close);
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| stored_debrief(ui, d));
        return action;
    }
    if rows.is_empty() {
        ui.label(empty);
        return None;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        trend_plot(ui, rows);
        ui.add_space(8.0);
        if let Some(id) = attempts_table(ui, rows) {
            action = Some(AttemptsAction::Open(id));
        }
        below(ui);
    });
    action
}

/// Empathy, clarity and overall of each completed attempt, in order.
pub fn trend_plot(ui: &mut egui::Ui, rows: &[AttemptRow]) {
    let done: Vec<&AttemptRow> = rows.iter().filter(|r| r.outcome != "abandoned").collect();
    let series = |f: fn(&AttemptRow) -> f64| -> PlotPoints<'static> {
        done.iter().enumerate().map(|(i, r)| [(i + 1) as f64, f(r)]).collect::<Vec<_>>().into()
    };
    ui.label(format!("Scores of the {} completed attempts, oldest to newest", done.len()));
    Plot::new("trend")
        .height(180.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label("attempt")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(Line::new("Empathy", series(|r| r.empathy)));
            plot.line(Line::new("Clarity", series(|r| r.clarity)));
            plot.line(Line::new("Overall", series(|r| r.overall)).width(2.5));
        });
}

/// The attempts, newest first, with a button to open each. Returns the row id clicked.
pub fn attempts_table(ui: &mut egui::Ui, rows: &[AttemptRow]) -> Option<i64> {
    let mut open = None;
    egui::Grid::new("attempts").striped(true).num_columns(11).show(ui, |ui| {
        for h in [
            "Started (UTC)",
            "Scenario",
            "Mode",
            "Outcome",
            "Empathy",
            "Clarity",
            "Overall",
            "Objectives met",
            "Safety errors",
            "Made on",
            "",
        ] {
            ui.strong(h);
        }
        ui.end_row();
        for r in rows.iter().rev() {
            ui.label(r.started.strftime("%Y-%m-%d %H:%M").to_string());
            ui.label(&r.title);
            ui.label(&r.mode);
            ui.label(&r.outcome);
            ui.label(format!("{:.1}", r.empathy));
            ui.label(format!("{:.1}", r.clarity));
            ui.label(format!("{:.1}", r.overall));
            ui.label(if r.objectives_met.is_empty() { "-".to_owned() } else { r.objectives_met.replace(';', ", ") });
            if r.safety_errors > 0 {
                ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {}", r.safety_errors));
            } else {
                ui.label("0");
            }
            ui.label(Origin::from_key(&r.origin).map_or_else(|| r.origin.clone(), |o| o.name().to_owned()));
            if ui.button("Open").clicked() {
                open = Some(r.row);
            }
            ui.end_row();
        }
    });
    open
}

/// One stored attempt's full debrief, from the scenario version it was played with.
pub fn stored_debrief(ui: &mut egui::Ui, d: &StoredDebrief) {
    let a = &d.attempt;
    ui.strong(format!("{} by {}", a.title, a.trainee));
    ui.label(format!(
        "{} UTC, {} mode, {:.0} s, scenario version {}",
        a.started.strftime("%Y-%m-%d %H:%M"),
        a.mode.name(),
        a.seconds(),
        a.content_hash
    ));
    match &d.review {
        Some((script, scores)) => {
            let ending = a.finish.ending().and_then(|e| script.scenario().endings.get(e));
            let typed: Vec<Option<String>> = a.steps.iter().map(|s| s.typed.clone()).collect();
            debrief_body(ui, script, ending, scores, &typed);
        }
        None if !a.has_text() => {
            ui.label(
                "This attempt was made on another computer, with a version of the scenario that is not on this one, so its full debrief cannot be rebuilt here. Its scores, and what was said at each step with its ratings, are shown.",
            );
            ui.label(format!("Empathy {:.1}, clarity {:.1}, overall {:.1}", a.empathy, a.clarity, a.overall));
            steps_without_text(ui, a);
        }
        None => {
            ui.label(
                "The scenario version this attempt was played with no longer loads, so only its scores are shown.",
            );
            ui.label(format!("Empathy {:.1}, clarity {:.1}, overall {:.1}", a.empathy, a.clarity, a.overall));
        }
    }
}

/// Each step of an attempt whose scenario text is not here: what the patient
/// and the nurse said (as the LRS kept them) and how it rated.
fn steps_without_text(ui: &mut egui::Ui, a: &Attempt) {
    egui::Grid::new("steps-without-text").striped(true).num_columns(5).show(ui, |ui| {
        for h in ["Step", "Patient", "Nurse", "Empathy · Clarity", ""] {
            ui.strong(h);
        }
        ui.end_row();
        for (i, s) in a.steps.iter().enumerate() {
            ui.label((i + 1).to_string());
            ui.label(s.reaction.as_deref().unwrap_or("-"));
            ui.label(match (&s.typed, &s.said) {
                (Some(t), Some(said)) => format!("typed \"{t}\", matched to \"{said}\""),
                (_, Some(said)) => format!("\"{said}\""),
                (_, None) => "-".to_owned(),
            });
            ui.label(format!("{} · {}", s.empathy, s.clarity));
            if s.safety_error {
                ui.colored_label(ui.visuals().error_fg_color, "⚠ safety error");
            } else if s.best {
                ui.label("best on offer");
            } else if s.missed {
                ui.label("missed cue");
            } else {
                ui.label("");
            }
            ui.end_row();
        }
    });
}
