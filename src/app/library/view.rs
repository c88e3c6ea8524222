//! The scenario library as a grid of cards (as many columns as the window
//! fits), with filters by difficulty and topic and the choice of practice or
//! assessment; and the scenario files with errors, as the message bar above
//! every screen shows them.

use std::collections::{BTreeSet, HashMap};

use bevy_egui::egui;

use super::ScenarioLibrary;
use crate::app::settings::Mode;
use crate::app::theme::{BAD, GOOD, PROBLEM_FILL, card_frame, difficulty_badge, palette_of, title};
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

/// The narrowest a card gets before the grid drops a column, and the most
/// columns it has: about three at 1280 wide, four at 1920.
pub const CARD_MIN_WIDTH: f32 = 340.0;
pub const MAX_COLUMNS: usize = 4;
const CARD_GAP: f32 = 16.0;

/// How many columns of cards fit in `width` points.
pub fn columns_for(width: f32) -> usize {
    if !width.is_finite() {
        return 1;
    }
    (((width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP)).floor() as usize).clamp(1, MAX_COLUMNS)
}

/// Draws the mode, the filters (each label before its box) and a grid of
/// cards, one per scenario that passes them: title, difficulty (marks and
/// word), setting, summary, topics and the trainee's best score (or "Not tried
/// yet"). `problems` are files that did not load (shown so an author sees
/// them); `selected` is the card the keyboard has chosen (outlined). The grid's
/// column count is written to `columns`, for the arrow keys.
pub fn library_view(
    ui: &mut egui::Ui,
    scripts: &[&Script],
    filter: &mut Filter,
    mode: &mut Mode,
    own_words: &mut bool,
    best: &HashMap<String, f64>,
    problems: &[String],
    selected: usize,
    columns: &mut usize,
) -> Option<LibraryAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("Scenarios");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("⚙ Settings").clicked() {
                action = Some(LibraryAction::Settings);
            }
            if ui.button("⬅ Change trainee (Esc)").clicked() {
                action = Some(LibraryAction::Back);
            }
        });
    });
    ui.add_space(4.0);
    let shown: Vec<&&Script> = scripts.iter().filter(|s| filter.admits(s)).collect();
    controls(ui, scripts, filter, mode, own_words, shown.len());
    ui.add_space(8.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if shown.is_empty() {
            ui.label("No scenario matches these filters.");
        }
        let n = columns_for(ui.available_width());
        *columns = n;
        let width = ((ui.available_width() - CARD_GAP * (n as f32 - 1.0)) / n as f32).floor();
        for (r, row) in shown.chunks(n).enumerate() {
            // Each card's height without the room added above its footer, from
            // the last pass: the row takes the tallest, so every card in it
            // ends level (a pass that changes one is drawn again before it shows).
            let natural_id = |script: &Script| egui::Id::new(("library-card-height", script.id(), n, width as i32));
            let naturals: Vec<Option<f32>> =
                row.iter().map(|s| ui.ctx().data(|d| d.get_temp::<f32>(natural_id(s)))).collect();
            let tallest = naturals.iter().flatten().fold(0.0f32, |a, b| a.max(*b));
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = CARD_GAP;
                for (c, script) in row.iter().enumerate() {
                    let i = r * n + c;
                    let room = naturals[c].map_or(0.0, |h| (tallest - h).max(0.0));
                    let shown = ui.allocate_ui_with_layout(
                        egui::vec2(width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| scenario_card(ui, script, best.get(script.id()).copied(), i == selected, width, room),
                    );
                    let natural = shown.response.rect.height() - room;
                    if naturals[c].is_none_or(|h| (h - natural).abs() > 0.5) {
                        ui.ctx().data_mut(|d| d.insert_temp(natural_id(script), natural));
                        ui.ctx().request_discard("library cards of one height per row");
                    }
                    if shown.inner {
                        action = Some(LibraryAction::Open(script.id().to_owned()));
                    }
                    let scrolled = egui::Id::new("library-scrolled-to");
                    if i == selected && ui.ctx().data(|d| d.get_temp::<usize>(scrolled)) != Some(i) {
                        ui.ctx().data_mut(|d| d.insert_temp(scrolled, i));
                        shown.response.scroll_to_me(None);
                    }
                }
            });
            ui.add_space(CARD_GAP);
        }
        for p in problems {
            ui.label(egui::RichText::new(format!("✖ Not loaded: {p}")).color(BAD.text(ui)));
        }
    });
    action
}

/// The mode and the filters: each label before its box.
fn controls(
    ui: &mut egui::Ui,
    scripts: &[&Script],
    filter: &mut Filter,
    mode: &mut Mode,
    own_words: &mut bool,
    shown: usize,
) {
    let topics: BTreeSet<&str> = scripts.iter().flat_map(|s| s.scenario().topics.iter().map(String::as_str)).collect();
    ui.horizontal_wrapped(|ui| {
        ui.strong("Mode");
        ui.radio_value(mode, Mode::Practice, "Practice (feedback after every choice)");
        ui.radio_value(mode, Mode::Assessment, "Assessment (feedback in the debrief)");
        ui.checkbox(own_words, "Reply in your own words");
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.strong("Difficulty");
        let combo = egui::ComboBox::from_id_salt("library-difficulty")
            .selected_text(filter.difficulty.map_or("All", Difficulty::name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.difficulty, None, "All");
                for d in Difficulty::ALL {
                    ui.selectable_value(&mut filter.difficulty, Some(d), d.name());
                }
            });
        combo.response.labelled_by(label.id);
        ui.add_space(12.0);
        let label = ui.strong("Topic");
        let combo = egui::ComboBox::from_id_salt("library-topic")
            .selected_text(filter.topic.as_deref().unwrap_or("All"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.topic, None, "All");
                for t in &topics {
                    ui.selectable_value(&mut filter.topic, Some((*t).to_owned()), *t);
                }
            });
        combo.response.labelled_by(label.id);
        ui.add_space(12.0);
        if shown == scripts.len() {
            ui.weak(format!("{shown} scenario{}", if shown == 1 { "" } else { "s" }));
        } else {
            ui.weak(format!("{shown} of {} scenarios", scripts.len()));
        }
    });
}

/// One scenario's card, `width` wide with `room` added above its footer;
/// true when its Open button was pressed.
fn scenario_card(ui: &mut egui::Ui, script: &Script, best: Option<f64>, selected: bool, width: f32, room: f32) -> bool {
    let s = script.scenario();
    let mut open = false;
    let frame = card_frame(ui, selected);
    let margin = frame.total_margin().sum();
    frame.show(ui, |ui| {
        ui.set_width((width - margin.x).max(0.0));
        ui.label(title(&s.title));
        ui.horizontal_wrapped(|ui| {
            difficulty_badge(ui, s.difficulty);
        });
        ui.add(egui::Label::new(egui::RichText::new(&s.setting).small().color(palette_of(ui).weak)).truncate());
        ui.add_space(2.0);
        ui.label(&s.summary);
        if !s.topics.is_empty() {
            ui.add_space(2.0);
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing = egui::vec2(6.0, 6.0);
                ui.spacing_mut().interact_size.y = 0.0;
                for t in &s.topics {
                    topic_chip(ui, t);
                }
            });
        }
        ui.add_space(8.0 + room);
        ui.separator();
        ui.horizontal(|ui| {
            let p = palette_of(ui);
            match best {
                Some(score) => {
                    ui.label(egui::RichText::new("★").color(GOOD.text(ui)))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
                    ui.label(egui::RichText::new(format!("Your best: {score:.1}")).strong().color(p.text));
                }
                None => {
                    ui.label(egui::RichText::new("☆").color(p.weak))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
                    ui.label(egui::RichText::new("Not tried yet").color(p.weak));
                }
            };
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = ui.button(if selected { "Open (Enter)" } else { "Open" });
                let name = format!("Open \"{}\"", s.title.trim_matches('"'));
                button.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name));
                if button.clicked() {
                    open = true;
                }
            });
        });
    });
    open
}

/// A topic as a small rounded chip (sized before it is placed, so a row of
/// them wraps whole chips).
fn topic_chip(ui: &mut egui::Ui, topic: &str) {
    let p = palette_of(ui);
    let galley = egui::WidgetText::from(egui::RichText::new(topic).small()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Small,
    );
    let (rect, response) = ui.allocate_exact_size(galley.size() + egui::vec2(16.0, 6.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, egui::CornerRadius::same(10), p.button);
    ui.painter().galley(rect.center() - galley.size() / 2.0, galley, p.text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, topic));
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
