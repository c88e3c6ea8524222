//! The start screen: a welcome (the app's name, what it is for, what a session
//! gives), then who is practising: the profiles, a labelled field for a new
//! name, and the actions as large buttons. Centred in the window; side by side
//! where the window is wide enough, one above the other where it is not.

use bevy_egui::egui;

use crate::app::layout::centred;
use crate::app::theme::{self, big_button, card, display, palette_of, primary_button, title};

/// What the trainee asked for on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartAction {
    Select(String),
    Create(String),
    Continue,
    Settings,
    /// The current trainee's own attempts.
    History,
    /// The educator's review (behind the passphrase).
    Review,
}

/// The label of the new-profile field (it names the field for screen readers).
pub const NAME_LABEL: &str = "Your name";

/// Draws the welcome, the profiles, a field for a new name, and the buttons.
/// Typing goes straight into the name field whenever nothing else has the
/// focus; Enter there creates the profile (and, with the field empty, the
/// screen's Enter continues).
pub fn start_view(
    ui: &mut egui::Ui,
    trainees: &[String],
    current: Option<&str>,
    new_name: &mut String,
) -> Option<StartAction> {
    let mut action = None;
    let viewport = ui.available_height();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let wide = ui.available_width() >= 980.0;
        let max_width = if wide { 1160.0 } else { 620.0 };
        centred(ui, "start", max_width, viewport, |ui| {
            if wide {
                ui.columns(2, |cols| {
                    cols[0].add_space(8.0);
                    let w = cols[0].available_width() - 56.0;
                    cols[0].set_max_width(w);
                    welcome(&mut cols[0]);
                    cols[1].add_space(8.0);
                    action = who(&mut cols[1], trainees, current, new_name);
                });
            } else {
                welcome(ui);
                ui.add_space(16.0);
                action = who(ui, trainees, current, new_name);
            }
            ui.add_space(18.0);
            ui.vertical_centered(|ui| {
                ui.weak("Tab moves between the controls, Enter or Space presses one; Enter continues.");
            });
        });
    });
    action
}

/// The app's name, what it is for, and what a session gives (ragged-right,
/// also inside the justified columns).
fn welcome(ui: &mut egui::Ui) {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), welcome_lines);
}

fn welcome_lines(ui: &mut egui::Ui) {
    let p = palette_of(ui);
    ui.label(display("Bedside").color(p.accent));
    ui.add_space(2.0);
    ui.label(
        egui::RichText::new("Practise hard conversations with patients and relatives, safely.")
            .size(theme::TITLE_SIZE + 1.0)
            .color(p.text),
    );
    ui.add_space(14.0);
    for (icon, head, line) in [
        (
            "💬",
            "Talk it through",
            "Frightened, angry and grieving people, written by nurse educators. Choose what to say or do, or reply in your own words.",
        ),
        (
            "❤",
            "See how it landed",
            "Every choice is scored for empathy and clarity and explained; safety errors are named, with why.",
        ),
        ("📈", "Watch yourself improve", "Your best score per scenario, and your history of attempts over time."),
    ] {
        ui.horizontal_top(|ui| {
            ui.label(egui::RichText::new(icon).size(22.0).color(p.accent));
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(head).strong().color(p.text));
                ui.label(egui::RichText::new(line).color(p.weak));
            });
        });
        ui.add_space(6.0);
    }
}

/// Who is practising: the profiles, the new-name field and the actions.
fn who(ui: &mut egui::Ui, trainees: &[String], current: Option<&str>, new_name: &mut String) -> Option<StartAction> {
    let mut action = None;
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(title("Who is practising?"));
        ui.add_space(4.0);
        if trainees.is_empty() {
            ui.weak("No profiles yet: type your name to create one.");
        } else {
            ui.horizontal_wrapped(|ui| {
                for name in trainees {
                    let selected = current == Some(name.as_str());
                    let text = if selected { format!("✔ {name}") } else { format!("👤 {name}") };
                    let chip = ui.add(egui::Button::new(text).selected(selected).min_size(egui::vec2(0.0, 32.0)));
                    chip.widget_info(|| {
                        egui::WidgetInfo::selected(egui::WidgetType::SelectableLabel, true, selected, name)
                    });
                    if chip.clicked() {
                        action = Some(StartAction::Select(name.clone()));
                    }
                }
            });
        }
        ui.add_space(8.0);
        let label = ui.label(egui::RichText::new(NAME_LABEL).strong());
        ui.horizontal(|ui| {
            let button_width = 150.0;
            let width = (ui.available_width() - button_width - ui.spacing().item_spacing.x).max(120.0);
            let field = ui
                .add(
                    egui::TextEdit::singleline(new_name)
                        .hint_text(if trainees.is_empty() { "Type your name" } else { "A new profile" })
                        .desired_width(width)
                        .min_size(egui::vec2(width, 34.0))
                        .margin(egui::Margin::symmetric(8, 7)),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            // Typing goes straight into the name field when nothing else has the focus.
            if !enter && ui.memory(|m| m.focused().is_none()) {
                field.request_focus();
            }
            if big_button(ui, "Create profile", button_width).clicked() || (enter && !new_name.trim().is_empty()) {
                action = Some(StartAction::Create(new_name.clone()));
            }
        });
        ui.add_space(14.0);
        let width = ui.available_width();
        let label = match current {
            Some(name) => format!("Continue as {name} (Enter)"),
            None => "Continue (choose or create a profile first)".to_owned(),
        };
        if ui.add_enabled_ui(current.is_some(), |ui| primary_button(ui, &label, width)).inner.clicked() {
            action = Some(StartAction::Continue);
        }
    });
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        let gap = ui.spacing().item_spacing.x;
        let width = ((ui.available_width() - 2.0 * gap) / 3.0).max(100.0);
        let enabled = current.is_some();
        if ui.add_enabled_ui(enabled, |ui| icon_button(ui, "📈", "My history", width)).inner.clicked() {
            action = Some(StartAction::History);
        }
        if icon_button(ui, "⚙", "Settings", width).clicked() {
            action = Some(StartAction::Settings);
        }
        if icon_button(ui, "🔒", "Educator review", width).clicked() {
            action = Some(StartAction::Review);
        }
    });
    action
}

/// A large button with an icon, read out by its words alone.
fn icon_button(ui: &mut egui::Ui, icon: &str, words: &str, width: f32) -> egui::Response {
    let r = big_button(ui, &format!("{icon} {words}"), width);
    let enabled = ui.is_enabled();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, enabled, words));
    r
}
