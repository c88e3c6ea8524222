//! The educator's review: the passphrase gate, the sync with the learning
//! record store (the attempts of every ward computer), the filter (dates,
//! scenario, where the attempts were made, mode), the pages (the cohort table
//! with the cohort's skills profile; Skills; Roster; Competency; a trainee's
//! page with their skills profile; a scenario's page) and the CSV export.
//! The cohort table is drawn in `cohort`, the skills in `skills`, the roster
//! and competency in `people`.

use std::collections::HashMap;

use bevy_egui::egui;
use egui_plot::{Bar, BarChart, Plot};

pub use super::cohort::{CohortRow, Sort, cohort_cell, cohort_cell_words, cohort_rows, cohort_table};
use super::people::{CompetencyGrid, RosterForm, RuleDraft, competency_page, roster_page};
use super::skills::{SkillPoint, profile_view, skills_page, skills_plot};
use crate::app::history::view::{AttemptsAction, StoredDebrief, attempts_body_with};
use crate::app::layout::centred;
use crate::app::theme;
use bedside_records::report::{AttemptRow, Cohort, Competency, Moment, Profile, RosterRow, ScenarioSummary};
use bedside_records::xapi::{Progress, Pulled};
use bedside_records::{Mode, Origin};

/// Which page of the review is showing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Cohort,
    Trainee(String),
    Scenario(String),
    /// The skills profile of the filter, its trend, and the most-missed moments.
    Skills,
    /// Who is expected, who never started.
    Roster,
    /// The pass rules, and who meets them.
    Competency,
}

/// Everything the review screen shows and edits. Its `Debug` leaves out the
/// passphrase fields (see the impl below).
#[derive(Clone)]
pub struct ReviewState {
    pub unlocked: bool,
    /// Whether a passphrase has been set (if not, the gate sets one).
    pub has_passphrase: bool,
    pub passphrase: String,
    pub confirm: String,
    pub page: Page,
    /// Date filter, `YYYY-MM-DD`, empty for open-ended.
    pub from: String,
    pub to: String,
    /// Scenario filter for the cohort table; empty for all.
    pub scenario: String,
    /// Only the attempts made on this computer, or only those from the LRS.
    pub origin: Option<Origin>,
    /// Only practice, or only assessment attempts.
    pub mode: Option<Mode>,
    pub sync: SyncView,
    pub sort: Sort,
    pub export_path: String,
    /// The last thing to tell the educator (a refusal, an export done).
    pub message: Option<String>,
    /// Scenario titles by id, from the library (kept when the review locks).
    pub titles: HashMap<String, String>,
    pub cohort: Cohort,
    /// The cohort's rows in `sort` order, and the order they were made for
    /// (None after the cohort changes): worked out once, not every frame.
    pub rows: Vec<CohortRow>,
    pub rows_for: Option<Sort>,
    /// Every scenario with attempts, for the filter.
    pub scenarios: Vec<String>,
    pub trainee_rows: Vec<AttemptRow>,
    pub summary: Option<ScenarioSummary>,
    pub open: Option<StoredDebrief>,
    /// The skills profile of the page's attempts (the cohort's, the filter's
    /// or one trainee's), weakest points first.
    pub profile: Profile,
    /// Its trend: per attempt on a trainee's page, per week otherwise.
    pub skill_trend: Vec<SkillPoint>,
    /// The most-missed moments (Skills page), among nodes reached at least
    /// `min_visits` times (as typed).
    pub moments: Vec<Moment>,
    pub min_visits: String,
    pub roster: Vec<RosterRow>,
    pub roster_form: RosterForm,
    pub competency: Competency,
    pub competency_grid: CompetencyGrid,
    pub rule_form: RuleDraft,
}

impl Default for ReviewState {
    fn default() -> ReviewState {
        ReviewState {
            unlocked: false,
            has_passphrase: false,
            passphrase: String::new(),
            confirm: String::new(),
            page: Page::default(),
            from: String::new(),
            to: String::new(),
            scenario: String::new(),
            origin: None,
            mode: None,
            sync: SyncView::default(),
            sort: Sort::default(),
            export_path: String::new(),
            message: None,
            titles: HashMap::new(),
            cohort: Cohort::default(),
            rows: Vec::new(),
            rows_for: None,
            scenarios: Vec::new(),
            trainee_rows: Vec::new(),
            summary: None,
            open: None,
            profile: Profile::default(),
            skill_trend: Vec::new(),
            moments: Vec::new(),
            min_visits: "5".to_owned(),
            roster: Vec::new(),
            roster_form: RosterForm::default(),
            competency: Competency::default(),
            competency_grid: CompetencyGrid::default(),
            rule_form: RuleDraft::default(),
        }
    }
}

impl ReviewState {
    /// Locked again: everything read from the records forgotten; the export
    /// path, the sync's state and the library's titles kept.
    pub fn lock(&mut self) {
        *self = ReviewState {
            export_path: std::mem::take(&mut self.export_path),
            sync: std::mem::take(&mut self.sync),
            titles: std::mem::take(&mut self.titles),
            ..ReviewState::default()
        };
    }
}

impl std::fmt::Debug for ReviewState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |s: &str| if s.is_empty() { "" } else { "(hidden)" };
        f.debug_struct("ReviewState")
            .field("unlocked", &self.unlocked)
            .field("has_passphrase", &self.has_passphrase)
            .field("passphrase", &hidden(&self.passphrase))
            .field("confirm", &hidden(&self.confirm))
            .field("page", &self.page)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("scenario", &self.scenario)
            .field("origin", &self.origin)
            .field("mode", &self.mode)
            .field("sync", &self.sync)
            .field("sort", &self.sort)
            .field("export_path", &self.export_path)
            .field("message", &self.message)
            .field("trainees", &self.cohort.trainees.len())
            .field("open", &self.open.is_some())
            .field("roster", &self.roster.len())
            .field("rules", &self.competency.rules.len())
            .finish_non_exhaustive()
    }
}

/// What the educator asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    Back,
    Unlock,
    SetPassphrase,
    Lock,
    /// The filter changed: load the data again.
    Apply,
    Show(Page),
    Open(i64),
    Close,
    ExportCsv,
    /// Bring in the attempts other computers sent to the LRS.
    Sync,
    /// Put a trainee on the roster (or give one there a staff ID).
    AddToRoster {
        name: String,
        staff_id: Option<String>,
    },
    /// Take a trainee off the roster (their attempts stay).
    RemoveFromRoster(String),
    /// Import the roster CSV file at this path.
    ImportRoster(String),
    /// Set a pass rule (replacing the one of its scope).
    SetRule(RuleDraft),
    /// Remove the rule of a scenario, or the library's (None).
    RemoveRule(Option<String>),
}

/// The sync with the learning record store, as the review shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncView {
    /// Whether an LRS is set; without one the review shows this computer's attempts only.
    pub configured: bool,
    /// How far a sync that is running has got.
    pub running: Option<Progress>,
    /// The last sync that read to the end.
    pub last: Option<Pulled>,
    /// Why the last try failed, if it did (what it stored before is kept).
    pub error: Option<String>,
}

/// The sync line: the button, or the progress of a sync that runs, and how the
/// last one went.
pub fn sync_row(ui: &mut egui::Ui, sync: &SyncView) -> Option<ReviewAction> {
    if !sync.configured {
        ui.weak("No learning record store is set, so this review shows the attempts made on this computer only.");
        return None;
    }
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        match sync.running {
            Some(p) => {
                ui.add(egui::Spinner::new());
                ui.label(format!("Syncing from the LRS: {} statements read ({} pages)…", p.statements, p.pages));
            }
            None => {
                if ui.button("Sync from LRS").on_hover_text("Bring in the attempts made on other computers").clicked() {
                    action = Some(ReviewAction::Sync);
                }
            }
        }
        if let Some(e) = &sync.error {
            ui.colored_label(ui.visuals().warn_fg_color, format!("The last sync stopped: {e}"));
        } else if let Some(l) = &sync.last {
            ui.label(last_sync(l));
        } else if sync.running.is_none() {
            ui.weak("Not synced yet.");
        }
    });
    action
}

/// How the last sync went, in words: when (local time) and what it brought.
pub fn last_sync(l: &Pulled) -> String {
    let when = l.finished.map_or_else(
        || "at an unknown time".to_owned(),
        |t| t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string(),
    );
    let mut text = format!("Last synced {when}: {} new, {} updated", l.new, l.updated);
    if l.in_progress > 0 {
        text += &format!(", {} waiting for the rest of their statements", l.in_progress);
    }
    if l.skipped > 0 {
        text += &format!(", {} statements skipped (not Bedside's, or not readable)", l.skipped);
    }
    text + "."
}

pub fn review_view(ui: &mut egui::Ui, st: &mut ReviewState) -> Option<ReviewAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("Educator review");
        if ui.button("Back (Esc)").clicked() {
            action = Some(ReviewAction::Back);
        }
        if st.unlocked && ui.button("Lock").clicked() {
            action = Some(ReviewAction::Lock);
        }
    });
    if let Some(m) = &st.message {
        ui.colored_label(ui.visuals().warn_fg_color, m);
    }
    if !st.unlocked {
        return gate(ui, st).or(action);
    }
    // The sync and the export share a line, to leave the page the room.
    ui.horizontal_wrapped(|ui| {
        if let Some(a) = sync_row(ui, &st.sync) {
            action = Some(a);
        }
        ui.separator();
        let label = ui.label("Export these attempts as CSV to");
        ui.add(egui::TextEdit::singleline(&mut st.export_path).desired_width(260.0)).labelled_by(label.id);
        if ui.button("Save CSV").clicked() {
            action = Some(ReviewAction::ExportCsv);
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (page, name) in [
            (Page::Cohort, "Cohort"),
            (Page::Skills, "Skills"),
            (Page::Roster, "Roster"),
            (Page::Competency, "Competency"),
        ] {
            if ui.selectable_label(st.page == page, name).clicked() {
                action = Some(ReviewAction::Show(page));
            }
        }
        ui.separator();
        if let Some(a) = filters(ui, st) {
            action = Some(a);
        }
    });
    ui.separator();
    let page = st.page.clone();
    let inner = match page {
        Page::Cohort => cohort_page(ui, st),
        Page::Trainee(name) => {
            trainee_page(ui, &name, &st.trainee_rows, st.open.as_ref(), &st.profile, &st.skill_trend)
        }
        Page::Scenario(_) => match &st.summary {
            Some(s) => scenario_page(ui, s),
            None => None,
        },
        Page::Skills => skills_page(ui, &st.profile, &st.skill_trend, &st.moments, &mut st.min_visits),
        Page::Roster => roster_page(ui, &st.roster, &mut st.roster_form),
        Page::Competency => {
            // Rules can be set for any scenario in the library, played or not.
            let mut choices: Vec<String> = st.titles.keys().chain(&st.scenarios).cloned().collect();
            choices.sort();
            choices.dedup();
            competency_page(ui, &st.competency, &st.competency_grid, &mut st.rule_form, &choices, &st.titles)
        }
    };
    inner.or(action)
}

/// The filter: dates, scenario, where the attempts were made (when an LRS is
/// set), mode. Apply (or Enter in a date) loads the page again; a choice in a
/// list applies at once.
fn filters(ui: &mut egui::Ui, st: &mut ReviewState) -> Option<ReviewAction> {
    let label = ui.label("From");
    let a = ui
        .add(egui::TextEdit::singleline(&mut st.from).hint_text("YYYY-MM-DD").desired_width(90.0))
        .labelled_by(label.id);
    let label = ui.label("to");
    let b = ui
        .add(egui::TextEdit::singleline(&mut st.to).hint_text("YYYY-MM-DD").desired_width(90.0))
        .labelled_by(label.id);
    let label = ui.label("Scenario");
    let before = (st.scenario.clone(), st.origin, st.mode);
    let combo = egui::ComboBox::from_id_salt("scenario-filter")
        .selected_text(if st.scenario.is_empty() { "all" } else { st.scenario.as_str() })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut st.scenario, String::new(), "all");
            for s in &st.scenarios {
                let item = ui.selectable_value(&mut st.scenario, s.clone(), s);
                if let Some(t) = st.titles.get(s) {
                    item.on_hover_text(t);
                }
            }
        });
    combo.response.labelled_by(label.id);
    if st.sync.configured {
        let label = ui.label("Made on");
        let combo =
            egui::ComboBox::from_id_salt("origin-filter").selected_text(origin_name(st.origin)).show_ui(ui, |ui| {
                for o in [None, Some(Origin::Local), Some(Origin::Lrs)] {
                    ui.selectable_value(&mut st.origin, o, origin_name(o));
                }
            });
        combo.response.labelled_by(label.id);
    }
    let label = ui.label("Mode");
    let combo = egui::ComboBox::from_id_salt("mode-filter").selected_text(mode_name(st.mode)).show_ui(ui, |ui| {
        for m in [None, Some(Mode::Practice), Some(Mode::Assessment)] {
            ui.selectable_value(&mut st.mode, m, mode_name(m));
        }
    });
    combo.response.labelled_by(label.id);
    let entered = (a.lost_focus() || b.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let changed = before != (st.scenario.clone(), st.origin, st.mode);
    (ui.button("Apply").clicked() || entered || changed).then_some(ReviewAction::Apply)
}

/// The mode filter's choices in words.
pub fn mode_name(m: Option<Mode>) -> &'static str {
    match m {
        None => "any mode",
        Some(Mode::Practice) => "practice",
        Some(Mode::Assessment) => "assessment",
    }
}

/// The cohort page: the cohort's skills profile and its weekly trend (folded
/// away until opened), then the table.
fn cohort_page(ui: &mut egui::Ui, st: &mut ReviewState) -> Option<ReviewAction> {
    if st.rows_for != Some(st.sort) {
        st.rows = cohort_rows(&st.cohort, st.sort);
        st.rows_for = Some(st.sort);
    }
    let max = ui.available_height() * 0.45;
    egui::CollapsingHeader::new("Skills profile of these attempts").id_salt("cohort-skills").show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("cohort-skills-scroll").max_height(max).show(ui, |ui| {
            profile_view(ui, &st.profile);
            ui.strong("Week by week (weeks from Monday)");
            skills_plot(ui, "cohort-weeks", &st.skill_trend, "week", true);
        });
    });
    cohort_table(ui, &st.cohort, &st.rows, &mut st.sort, &st.titles)
}

/// A password field with its label before it, named for screen readers.
fn secret_field(ui: &mut egui::Ui, label: &str, text: &mut String) -> egui::Response {
    let l = ui.label(label);
    let r = ui.add(egui::TextEdit::singleline(text).password(true).desired_width(320.0)).labelled_by(l.id);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    r
}

/// The passphrase gate, in a card in the middle of the page; typing goes
/// straight into its first field.
fn gate(ui: &mut egui::Ui, st: &mut ReviewState) -> Option<ReviewAction> {
    let mut action = None;
    let height = ui.available_height();
    centred(ui, "review-gate", 560.0, height, |ui| {
        theme::card(ui, |ui| {
            ui.label(theme::title("The educator's review"));
            ui.add_space(4.0);
            let first = if st.has_passphrase {
                ui.label("The review shows every trainee's records. Enter the educator passphrase.");
                ui.add_space(6.0);
                let field = secret_field(ui, "Educator passphrase", &mut st.passphrase);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(6.0);
                if theme::primary_button(ui, "Unlock", 160.0).clicked() || enter {
                    action = Some(ReviewAction::Unlock);
                }
                field
            } else {
                ui.label(
                    "No educator passphrase is set yet. Choose one (8 characters or more); it is needed to open the review from now on.",
                );
                ui.add_space(6.0);
                let first = secret_field(ui, "New passphrase", &mut st.passphrase);
                if first.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    ui.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
                }
                let again = secret_field(ui, "The same again", &mut st.confirm);
                let enter = again.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(6.0);
                if theme::primary_button(ui, "Set passphrase", 200.0).clicked() || enter {
                    action = Some(ReviewAction::SetPassphrase);
                }
                first
            };
            // Typing goes straight into the first field.
            if action.is_none() && ui.memory(|m| m.focused().is_none()) {
                first.request_focus();
            }
        });
    });
    action
}

/// The origin filter's choices in words.
fn origin_name(o: Option<Origin>) -> &'static str {
    match o {
        None => "any computer",
        Some(Origin::Local) => "this computer",
        Some(Origin::Lrs) => "other computers (LRS)",
    }
}

/// A trainee's page: their score trend and attempts (or the attempt opened),
/// then their skills profile and its trend attempt by attempt.
pub fn trainee_page(
    ui: &mut egui::Ui,
    name: &str,
    rows: &[AttemptRow],
    open: Option<&StoredDebrief>,
    profile: &Profile,
    trend: &[SkillPoint],
) -> Option<ReviewAction> {
    ui.heading(name);
    let below = |ui: &mut egui::Ui| {
        ui.add_space(10.0);
        ui.heading("Skills profile");
        profile_view(ui, profile);
        ui.add_space(6.0);
        ui.strong("Attempt by attempt");
        skills_plot(ui, "trainee-skills", trend, "attempt", false);
    };
    attempts_body_with(ui, rows, open, "No attempts for this filter.", below).map(|a| match a {
        AttemptsAction::Open(id) => ReviewAction::Open(id),
        AttemptsAction::Close => ReviewAction::Close,
    })
}

/// A scenario's page: the score histogram, the endings and, node by node, what
/// people said, with the nodes where cues are most often missed first.
pub fn scenario_page(ui: &mut egui::Ui, s: &ScenarioSummary) -> Option<ReviewAction> {
    ui.heading(format!("{} ({})", s.title, s.scenario));
    ui.label(format!(
        "{} attempts, {} abandoned; mean overall score {}",
        s.attempts,
        s.abandoned,
        s.mean_overall.map_or("-".to_owned(), |m| format!("{m:.1}"))
    ));
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let bars: Vec<Bar> = s
            .histogram
            .iter()
            .enumerate()
            .map(|(i, &n)| Bar::new(i as f64 * 10.0 + 5.0, f64::from(n)).width(9.0))
            .collect();
        Plot::new("histogram")
            .height(160.0)
            .x_axis_label("overall score")
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show(ui, |plot| plot.bar_chart(BarChart::new("Completed attempts", bars)));
        if !s.objectives.is_empty() {
            ui.strong("Objectives met (completed attempts)");
            for o in &s.objectives {
                let share = f64::from(o.met) / f64::from(o.of.max(1));
                ui.add(egui::ProgressBar::new(share as f32).text(format!(
                    "{:.0}% ({} of {}) {}. {}",
                    share * 100.0,
                    o.met,
                    o.of,
                    o.n,
                    o.text
                )));
            }
            ui.add_space(6.0);
        }
        ui.label(format!(
            "Completed attempts with a safety error: {} of {}",
            s.with_safety_errors,
            s.attempts - s.abandoned
        ));
        ui.add_space(6.0);
        ui.strong("Endings reached");
        for e in &s.endings {
            ui.label(format!("{} × {} ({})", e.count, e.ending, e.outcome));
        }
        ui.add_space(6.0);
        ui.strong("Choices at each node (most often missed cues first)");
        for n in &s.nodes {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let cue = if n.has_cue {
                    format!(" — cue missed {} of {} times", n.missed, n.visits)
                } else {
                    String::new()
                };
                ui.strong(format!("{}{cue}", n.node));
                ui.label(egui::RichText::new(format!("Patient: \"{}\"", n.patient)).weak());
                for c in &n.choices {
                    let share = f64::from(c.count) / f64::from(n.visits.max(1));
                    let best = if c.best { " (best on offer)" } else { "" };
                    ui.add(egui::ProgressBar::new(share as f32).text(format!(
                        "{:.0}% \"{}\" (empathy {}, clarity {}){best}",
                        share * 100.0,
                        c.say,
                        c.empathy,
                        c.clarity
                    )));
                }
            });
        }
    });
    None
}
