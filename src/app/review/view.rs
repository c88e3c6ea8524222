//! The educator's review: the passphrase gate, the sync with the learning
//! record store (the attempts of every ward computer), the cohort table
//! (trainees by scenarios, sortable, filtered by dates, scenario and where the
//! attempts were made), a trainee's page, a scenario's page (score spread,
//! endings, choices per node) and the CSV export.

use bevy_egui::egui;
use egui_plot::{Bar, BarChart, Plot};

use crate::app::history::view::{AttemptsAction, StoredDebrief, attempts_body};
use bedside_records::Origin;
use bedside_records::report::{AttemptRow, Cohort, ScenarioSummary};
use bedside_records::xapi::{Progress, Pulled};

/// Which page of the review is showing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Cohort,
    Trainee(String),
    Scenario(String),
}

/// How the cohort's rows are ordered: by name, or by one scenario's best score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    /// Highest best score first in this scenario column; then the lowest first.
    Best { column: usize, descending: bool },
}

/// Everything the review screen shows and edits. Its `Debug` leaves out the
/// passphrase fields (see the impl below).
#[derive(Clone, Default)]
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
    pub sync: SyncView,
    pub sort: Sort,
    pub export_path: String,
    /// The last thing to tell the educator (a refusal, an export done).
    pub message: Option<String>,
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
            .field("sync", &self.sync)
            .field("sort", &self.sort)
            .field("export_path", &self.export_path)
            .field("message", &self.message)
            .field("trainees", &self.cohort.trainees.len())
            .field("open", &self.open.is_some())
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
    if let Some(a) = sync_row(ui, &st.sync) {
        action = Some(a);
    }
    ui.horizontal_wrapped(|ui| {
        if ui.selectable_label(st.page == Page::Cohort, "Cohort").clicked() {
            action = Some(ReviewAction::Show(Page::Cohort));
        }
        ui.separator();
        ui.label("From");
        let a = ui.add(egui::TextEdit::singleline(&mut st.from).hint_text("YYYY-MM-DD").desired_width(90.0));
        ui.label("to");
        let b = ui.add(egui::TextEdit::singleline(&mut st.to).hint_text("YYYY-MM-DD").desired_width(90.0));
        ui.label("Scenario");
        let before = st.scenario.clone();
        egui::ComboBox::from_id_salt("scenario-filter")
            .selected_text(if st.scenario.is_empty() { "all" } else { st.scenario.as_str() })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.scenario, String::new(), "all");
                for s in &st.scenarios {
                    ui.selectable_value(&mut st.scenario, s.clone(), s);
                }
            });
        let before_origin = st.origin;
        if st.sync.configured {
            ui.label("Made on");
            egui::ComboBox::from_id_salt("origin-filter").selected_text(origin_name(st.origin)).show_ui(ui, |ui| {
                for o in [None, Some(Origin::Local), Some(Origin::Lrs)] {
                    ui.selectable_value(&mut st.origin, o, origin_name(o));
                }
            });
        }
        let entered = (a.lost_focus() || b.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Apply").clicked() || entered || before != st.scenario || before_origin != st.origin {
            action = Some(ReviewAction::Apply);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Export these attempts as CSV to");
        ui.add(egui::TextEdit::singleline(&mut st.export_path).desired_width(320.0));
        if ui.button("Save CSV").clicked() {
            action = Some(ReviewAction::ExportCsv);
        }
    });
    ui.separator();
    let page = st.page.clone();
    let inner = match page {
        Page::Cohort => {
            if st.rows_for != Some(st.sort) {
                st.rows = cohort_rows(&st.cohort, st.sort);
                st.rows_for = Some(st.sort);
            }
            cohort_table(ui, &st.cohort, &st.rows, &mut st.sort)
        }
        Page::Trainee(name) => trainee_page(ui, &name, &st.trainee_rows, st.open.as_ref()),
        Page::Scenario(_) => match &st.summary {
            Some(s) => scenario_page(ui, s),
            None => None,
        },
    };
    inner.or(action)
}

fn gate(ui: &mut egui::Ui, st: &mut ReviewState) -> Option<ReviewAction> {
    let mut action = None;
    if st.has_passphrase {
        ui.label("The review shows every trainee's records. Enter the educator passphrase.");
        let field = ui.add(egui::TextEdit::singleline(&mut st.passphrase).password(true).hint_text("Passphrase"));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        // Typing goes straight into the passphrase.
        if !enter && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if ui.button("Unlock").clicked() || enter {
            action = Some(ReviewAction::Unlock);
        }
    } else {
        ui.label("No educator passphrase is set yet. Choose one (8 characters or more); it is needed to open the review from now on.");
        ui.add(egui::TextEdit::singleline(&mut st.passphrase).password(true).hint_text("New passphrase"));
        let field = ui.add(egui::TextEdit::singleline(&mut st.confirm).password(true).hint_text("Type it again"));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Set passphrase").clicked() || enter {
            action = Some(ReviewAction::SetPassphrase);
        }
    }
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

fn score(s: Option<f64>) -> String {
    s.map_or("-".to_owned(), |s| format!("{s:.0}"))
}

/// A trainee (index into `Cohort::trainees`) and their cells (indices into
/// `Cohort::cells`) by scenario column.
pub type CohortRow = (usize, Vec<Option<usize>>);

/// The cohort's rows in the chosen order.
pub fn cohort_rows(cohort: &Cohort, sort: Sort) -> Vec<CohortRow> {
    let mut rows: Vec<CohortRow> =
        (0..cohort.trainees.len()).map(|t| (t, vec![None; cohort.scenarios.len()])).collect();
    for (i, c) in cohort.cells.iter().enumerate() {
        rows[c.trainee].1[c.scenario] = Some(i);
    }
    rows.sort_by_cached_key(|r| cohort.trainees[r.0].to_lowercase());
    if let Sort::Best { column, descending } = sort {
        let best =
            |r: &(usize, Vec<Option<usize>>)| r.1.get(column).copied().flatten().and_then(|i| cohort.cells[i].best);
        rows.sort_by(|a, b| match (best(a), best(b)) {
            (Some(x), Some(y)) if descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    rows
}

/// Trainees down, scenarios across: best/latest overall and attempts in each
/// cell. A scenario's header sorts by it; names open the trainee's or scenario's page.
pub fn cohort_table(ui: &mut egui::Ui, cohort: &Cohort, rows: &[CohortRow], sort: &mut Sort) -> Option<ReviewAction> {
    let mut action = None;
    if cohort.cells.is_empty() {
        ui.label("No attempts recorded for this filter.");
        return None;
    }
    ui.label(
        "Each cell: best / latest overall score of completed attempts, × all attempts, ⚠ safety errors made. Click ↕ to sort by a scenario.",
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 8.0;
    // Every column as wide as the longest name, so that the header (which stays
    // in place) and the rows (which scroll under it) line up.
    let longest = cohort.scenarios.iter().chain(&cohort.trainees).map(|s| s.chars().count().min(40)).max().unwrap_or(0);
    let width = (longest as f32 * 6.5 + 26.0).max(100.0);
    let grid =
        |id: &str| egui::Grid::new(id).min_col_width(width).max_col_width(width).min_row_height(row_height - 4.0);
    egui::ScrollArea::horizontal().auto_shrink([false, false]).show(ui, |ui| {
        grid("cohort-head").show(ui, |ui| {
            if ui.button("Trainee ↕").on_hover_text("Sort by name").clicked() {
                *sort = Sort::Name;
            }
            for (j, s) in cohort.scenarios.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui.link(s).on_hover_text("Open this scenario's page").clicked() {
                        action = Some(ReviewAction::Show(Page::Scenario(s.clone())));
                    }
                    if ui.small_button("↕").on_hover_text("Sort by best score here").clicked() {
                        *sort = match *sort {
                            Sort::Best { column, descending } if column == j => {
                                Sort::Best { column, descending: !descending }
                            }
                            _ => Sort::Best { column: j, descending: true },
                        };
                    }
                });
            }
            ui.end_row();
        });
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, rows.len(), |ui, range| {
            grid("cohort-body").striped(true).show(ui, |ui| {
                for (t, cells) in rows.get(range).unwrap_or_default() {
                    let name = &cohort.trainees[*t];
                    if ui.link(name).on_hover_text("Open this trainee's page").clicked() {
                        action = Some(ReviewAction::Show(Page::Trainee(name.clone())));
                    }
                    for cell in cells {
                        match cell.map(|i| &cohort.cells[i]) {
                            Some(c) => ui.label(cohort_cell(c)),
                            None => ui.weak("·"),
                        };
                    }
                    ui.end_row();
                }
            });
        });
    });
    action
}

/// One cohort cell in words: `88/72 ×3`, with `⚠2` when safety errors were made.
pub fn cohort_cell(c: &bedside_records::report::Cell) -> String {
    let mut text = format!("{}/{} ×{}", score(c.best), score(c.latest), c.attempts);
    if c.safety_errors > 0 {
        text += &format!(" ⚠{}", c.safety_errors);
    }
    text
}

fn trainee_page(
    ui: &mut egui::Ui,
    name: &str,
    rows: &[AttemptRow],
    open: Option<&StoredDebrief>,
) -> Option<ReviewAction> {
    ui.heading(name);
    attempts_body(ui, rows, open, "No attempts for this filter.").map(|a| match a {
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
