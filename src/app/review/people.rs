//! Who is doing what: the Roster page (everyone expected, those who never
//! started first, when each was last active; a form to add or remove one and
//! to import a CSV file, with every bad row's message) and the Competency
//! page (the pass rules with who set them, a form to set one, and each
//! trainee's standing against the rule of each scenario).

use std::collections::HashMap;

use bevy_egui::egui;
use jiff::Timestamp;

use super::cohort::{Band, GridSize, Slot, frozen_grid, short_label, widest};
use super::view::ReviewAction;
use bedside_records::report::{Competency, CompetencyRow, RosterRow};

/// The roster's form: a name and staff ID to add, a file to import, and the
/// problems the last import found (nothing was stored then).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterForm {
    pub name: String,
    pub staff_id: String,
    pub file: String,
    pub problems: Vec<String>,
}

/// A pass rule as the form sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDraft {
    /// None: the whole library (every scenario without a rule of its own).
    pub scenario: Option<String>,
    pub min_overall: u32,
    pub assessment_only: bool,
    pub resolved: bool,
    pub no_safety_errors: bool,
    pub set_by: String,
}

impl Default for RuleDraft {
    fn default() -> RuleDraft {
        RuleDraft {
            scenario: None,
            min_overall: 70,
            assessment_only: false,
            resolved: false,
            no_safety_errors: true,
            set_by: String::new(),
        }
    }
}

/// A day on this computer's calendar.
pub fn local_day(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d").to_string()
}

/// The roster's rows as the page lists them: on the roster and never started
/// first, then the rest of the roster, then those with attempts who are not
/// on it; by name within each.
pub fn roster_order(mut rows: Vec<RosterRow>) -> Vec<RosterRow> {
    rows.sort_by_cached_key(|r| {
        let group = match (r.on_roster, r.attempts) {
            (true, 0) => 0,
            (true, _) => 1,
            (false, _) => 2,
        };
        (group, r.name.to_lowercase())
    });
    rows
}

/// A text field with its label before it, the label announced with the field.
fn field(ui: &mut egui::Ui, label: &str, text: &mut String, width: f32, hint: &str) -> egui::Response {
    let l = ui.label(label);
    let r = ui.add(egui::TextEdit::singleline(text).desired_width(width).hint_text(hint)).labelled_by(l.id);
    // Named in its own right too, for screen readers that do not follow the label.
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

/// The Roster page.
pub fn roster_page(ui: &mut egui::Ui, rows: &[RosterRow], form: &mut RosterForm) -> Option<ReviewAction> {
    let mut action = None;
    ui.heading("Roster");
    ui.horizontal_wrapped(|ui| {
        ui.strong("Add a trainee:");
        let name = field(ui, "Name", &mut form.name, 180.0, "full name");
        let id = field(ui, "Staff ID (optional)", &mut form.staff_id, 100.0, "");
        let entered = (name.lost_focus() || id.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !form.name.trim().is_empty();
        if (ui.add_enabled(ready, egui::Button::new("Add to roster")).clicked() || (entered && ready))
            && action.is_none()
        {
            let staff_id = form.staff_id.trim();
            action = Some(ReviewAction::AddToRoster {
                name: form.name.trim().to_owned(),
                staff_id: (!staff_id.is_empty()).then(|| staff_id.to_owned()),
            });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.strong("Import:");
        let file = field(ui, "CSV file", &mut form.file, 360.0, "/path/to/roster.csv");
        let entered = file.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !form.file.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Import")).clicked() || (entered && ready) {
            action = Some(ReviewAction::ImportRoster(form.file.trim().to_owned()));
        }
    });
    ui.weak("A header row with a name column (or trainee, full name), and optionally staff_id (or id, staff number). A file with any bad row is not taken at all.");
    if !form.problems.is_empty() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Nothing was imported; fix these {} and import again:", form.problems.len()),
        );
        for p in &form.problems {
            ui.colored_label(ui.visuals().error_fg_color, format!("• {p}"));
        }
    }
    ui.separator();
    if rows.is_empty() {
        ui.label("Nobody yet: the roster is empty and no attempts are recorded for this filter.");
        return action;
    }
    let on = rows.iter().filter(|r| r.on_roster).count();
    let never = rows.iter().filter(|r| r.on_roster && r.attempts == 0).count();
    let off = rows.len() - on;
    let mut summary = format!("{on} on the roster, {never} never started.");
    if off > 0 {
        summary += &format!(" {off} with attempts {} not on the roster.", if off == 1 { "is" } else { "are" });
    }
    ui.label(summary);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("roster").striped(true).num_columns(8).show(ui, |ui| {
            for h in ["Trainee", "Staff ID", "Last active", "Attempts", "Finished", "Abandoned", "Scenarios", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for r in rows {
                if r.on_roster {
                    ui.label(&r.name);
                } else {
                    ui.label(format!("{} (not on the roster)", r.name));
                }
                ui.label(r.staff_id.as_deref().unwrap_or("-"));
                match r.last_active {
                    Some(t) => ui.label(local_day(t)),
                    None => ui.colored_label(ui.visuals().warn_fg_color, "○ never started"),
                };
                ui.label(r.attempts.to_string());
                ui.label(r.finished.to_string());
                ui.label(r.abandoned.to_string());
                ui.label(r.scenarios.to_string());
                if r.on_roster {
                    let b = ui.button("Remove");
                    let said = format!("Remove {} from the roster", r.name);
                    b.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &said));
                    if b.on_hover_text(format!("{said} (their attempts are kept)")).clicked() {
                        action = Some(ReviewAction::RemoveFromRoster(r.name.clone()));
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    });
    action
}

/// The competency table's layout, worked out when the page loads: trainees
/// (by name) down, scenarios across, and which row of `Competency::rows` each
/// cell shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompetencyGrid {
    pub trainees: Vec<String>,
    pub scenarios: Vec<String>,
    /// Row of `Competency::rows` by trainee, then scenario.
    pub cells: Vec<Vec<Option<usize>>>,
    /// Whether a rule judges the scenario (its own or the library's).
    pub ruled: Vec<bool>,
}

/// `roster`: everyone expected, so that those with no judged attempt show
/// too (as not attempted).
pub fn competency_grid(c: &Competency, roster: &[String]) -> CompetencyGrid {
    let mut trainees: Vec<String> = Vec::new();
    let keys: std::collections::HashSet<String> = c.rows.iter().map(|r| key(&r.trainee)).collect();
    for name in roster {
        if !keys.contains(&key(name)) && !trainees.iter().any(|t| key(t) == key(name)) {
            trainees.push(name.clone());
        }
    }
    let mut scenarios: Vec<String> = Vec::new();
    for r in &c.rows {
        if !trainees.contains(&r.trainee) {
            trainees.push(r.trainee.clone());
        }
        if !scenarios.contains(&r.scenario) {
            scenarios.push(r.scenario.clone());
        }
    }
    trainees.sort_by_cached_key(|t| t.to_lowercase());
    scenarios.sort();
    let t_at: HashMap<&str, usize> = trainees.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
    let s_at: HashMap<&str, usize> = scenarios.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let mut cells = vec![vec![None; scenarios.len()]; trainees.len()];
    for (i, r) in c.rows.iter().enumerate() {
        cells[t_at[r.trainee.as_str()]][s_at[r.scenario.as_str()]] = Some(i);
    }
    let library = c.rules.iter().any(|r| r.scenario.is_none());
    let ruled = scenarios.iter().map(|s| library || c.rules.iter().any(|r| r.scenario.as_ref() == Some(s))).collect();
    CompetencyGrid { trainees, scenarios, cells, ruled }
}

/// A name as the records match it: case and spacing do not count.
fn key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One trainee's standing against one scenario's rule, in a few words:
/// "passed, first on 2026-11-20", "not yet" or "not attempted".
pub fn standing(r: Option<&CompetencyRow>) -> String {
    match r {
        Some(CompetencyRow { first_passed: Some(t), .. }) => format!("passed, first on {}", local_day(*t)),
        Some(r) if r.judged > 0 => "not yet".to_owned(),
        _ => "not attempted".to_owned(),
    }
}

/// The Competency page: the rules, the form to set one, and the standing table.
pub fn competency_page(
    ui: &mut egui::Ui,
    c: &Competency,
    grid: &CompetencyGrid,
    form: &mut RuleDraft,
    scenarios: &[String],
    titles: &HashMap<String, String>,
) -> Option<ReviewAction> {
    let mut action = None;
    ui.heading("Pass rules");
    if c.rules.is_empty() {
        ui.label("No pass rule is set yet: set one below, for the whole library or for one scenario.");
    }
    for r in &c.rules {
        ui.horizontal_wrapped(|ui| {
            let scope = match &r.scenario {
                Some(s) => s.clone(),
                None => "Every scenario without a rule of its own".to_owned(),
            };
            ui.label(format!("{scope}: {}. Set by {} on {}.", r.describe(), r.set_by, local_day(r.set_at)));
            let b = ui.small_button("Remove");
            let said = format!("Remove the rule for {}", r.scenario.as_deref().unwrap_or("the whole library"));
            b.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &said));
            if b.on_hover_text(&said).clicked() {
                action = Some(ReviewAction::RemoveRule(r.scenario.clone()));
            }
        });
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Set a rule for");
            let label = ui.label("Scenario");
            let shown = form.scenario.clone().unwrap_or_else(|| "the whole library".to_owned());
            let combo = egui::ComboBox::from_id_salt("rule-scenario").selected_text(shown).show_ui(ui, |ui| {
                ui.selectable_value(&mut form.scenario, None, "the whole library")
                    .on_hover_text("Every scenario without a rule of its own");
                for s in scenarios {
                    let item = ui.selectable_value(&mut form.scenario, Some(s.clone()), s);
                    if let Some(t) = titles.get(s) {
                        item.on_hover_text(t);
                    }
                }
            });
            combo.response.labelled_by(label.id);
            let label = ui.label("Overall at least");
            ui.add(egui::DragValue::new(&mut form.min_overall).range(0..=100)).labelled_by(label.id);
            ui.checkbox(&mut form.assessment_only, "Assessment mode only");
            ui.checkbox(&mut form.resolved, "Outcome resolved");
            ui.checkbox(&mut form.no_safety_errors, "No safety error");
            field(ui, "Set by", &mut form.set_by, 160.0, "your name");
            let ready = !form.set_by.trim().is_empty();
            let button = ui.add_enabled(ready, egui::Button::new("Set rule"));
            let button = if ready { button } else { button.on_disabled_hover_text("Type your name in Set by first") };
            if button.clicked() {
                let mut rule = form.clone();
                rule.set_by = rule.set_by.trim().to_owned();
                action = Some(ReviewAction::SetRule(rule));
            }
        });
    });
    ui.separator();
    ui.heading("Standing");
    if grid.trainees.is_empty() {
        ui.label(if c.rules.is_empty() {
            "Set a pass rule to see who meets it."
        } else {
            "Nobody has attempted a scenario a rule judges, for this filter."
        });
        return action;
    }
    let met = c.rows.iter().filter(|r| r.passed > 0).count();
    ui.label(format!(
        "{met} of {} trainee and scenario pairs meet their rule. ✔ passed (with the day of the first pass), ✖ not yet, – not attempted. Hover a cell for the numbers.",
        c.rows.len()
    ));
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let day = local_day(Timestamp::UNIX_EPOCH);
    let col_width = widest(ui, [format!("first on {day}"), "– not attempted".to_owned()].into_iter(), 110.0, 170.0);
    let name_width = widest(ui, grid.trainees.iter().cloned(), 110.0, 200.0);
    let chars = ((col_width - 10.0) / 7.0).floor().max(6.0) as usize;
    let size = GridSize {
        rows: grid.trainees.len(),
        cols: vec![col_width; grid.scenarios.len()],
        name_width,
        head_height: line * 2.0 + 8.0,
        row_height: line * 2.0 + 6.0,
    };
    frozen_grid(ui, "competency", &size, |ui, slot| match slot {
        Slot::Corner => {
            ui.strong("Trainee");
        }
        Slot::Head(j) => {
            let id = &grid.scenarios[j];
            let title = titles.get(id).map_or(id.as_str(), String::as_str);
            ui.label(short_label(id, chars)).on_hover_text(format!("{title}\n{id}"));
        }
        Slot::Name(r) => {
            ui.label(&grid.trainees[r]);
        }
        Slot::Cell(r, s) => {
            let row = grid.cells[r][s].map(|i| &c.rows[i]);
            let trainee = &grid.trainees[r];
            let scenario = &grid.scenarios[s];
            if row.is_none() && !grid.ruled[s] {
                ui.weak("no rule");
                return;
            }
            let text = match row {
                Some(CompetencyRow { first_passed: Some(t), .. }) => format!("✔ passed\nfirst on {}", local_day(*t)),
                Some(r) if r.judged > 0 => "✖ not yet".to_owned(),
                _ => "– not attempted".to_owned(),
            };
            let fill = match row {
                Some(CompetencyRow { first_passed: Some(_), .. }) => Some(Band::Strong.fill(ui)),
                Some(r) if r.judged > 0 => Some(Band::Developing.fill(ui)),
                _ => None,
            };
            if let Some(fill) = fill {
                ui.painter().rect_filled(ui.max_rect().expand2(egui::vec2(3.0, 1.0)), 3.0, fill);
            }
            let mut words = format!("{trainee}, {scenario}: {}", standing(row));
            if let Some(r) = row.filter(|r| r.judged > 0) {
                let best = r.best.map_or("-".to_owned(), |b| format!("{b:.0}"));
                words += &format!(" ({} of {} judged attempts passed; best {best})", r.passed, r.judged);
            }
            let shown = ui.add(egui::Label::new(text).sense(egui::Sense::hover()));
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &words));
            shown.on_hover_text(&words);
        }
    });
    action
}
