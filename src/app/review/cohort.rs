//! The cohort table: trainees down (the names stay put), scenarios across
//! (short labels, the title on hover), and in each cell the best score tinted
//! and marked by its band, first ⏵ latest, attempts, attempts left part-way,
//! the latest outcome when it was not resolved, and safety errors. The grid
//! that freezes the names and the header is shared with the competency table.

use std::collections::HashMap;

use bevy_egui::egui;

use super::view::{Page, ReviewAction};
use bedside_records::report::{Cell, Cohort};

/// How the cohort's rows are ordered: by name, or by one scenario's best score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    /// Highest best score first in this scenario column; then the lowest first.
    Best { column: usize, descending: bool },
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

/// A score's band: how it is marked (dots), named and tinted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 80 or more.
    Strong,
    /// 60 to 79.
    Developing,
    /// Under 60.
    NeedsWork,
}

impl Band {
    pub fn of(score: f64) -> Band {
        if score >= 80.0 {
            Band::Strong
        } else if score >= 60.0 {
            Band::Developing
        } else {
            Band::NeedsWork
        }
    }

    /// The band as dots, so that it reads without its colour.
    pub fn dots(self) -> &'static str {
        match self {
            Band::Strong => "★★★",
            Band::Developing => "★★☆",
            Band::NeedsWork => "★☆☆",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Developing => "developing",
            Band::NeedsWork => "needs work",
        }
    }

    /// The band's colour of meaning in the theme (good, mixed, poor).
    pub fn tone(self) -> crate::app::theme::Tone {
        use crate::app::theme::{BAD, GOOD, MIXED};
        match self {
            Band::Strong => GOOD,
            Band::Developing => MIXED,
            Band::NeedsWork => BAD,
        }
    }

    /// The tint behind a cell in this Ui's theme: the band's pale fill, on
    /// which the theme's text keeps its contrast.
    pub fn fill(self, ui: &egui::Ui) -> egui::Color32 {
        self.tone().fill(ui)
    }
}

/// What the legend above the table says.
pub const LEGEND: &str = "Each cell: the best overall score and its band (★★★ 80 or more, ★★☆ 60 to 79, ★☆☆ under 60; also its colour), first ⏵ latest score, × attempts, ⚠ safety errors; ✖ unresolved or ½ partial: how the latest attempt ended; ⏸ N left: attempts left part-way. Hover a cell or a scenario for it in words; ↕ sorts.";

fn score(s: Option<f64>) -> String {
    s.map_or("-".to_owned(), |s| format!("{s:.0}"))
}

/// One cohort cell as it is shown, on two lines: the best score and its band,
/// first ⏵ latest, attempts and safety errors, then how the latest attempt
/// ended when it was not resolved and the attempts left part-way
/// (`79 ★★☆ 60⏵72 ×3 ⚠2`, `✖ unresolved ⏸1 left`). The pieces keep their
/// order; where the line breaks is chosen to keep both lines short.
pub fn cohort_cell(c: &Cell) -> String {
    let mut parts = vec![match c.best {
        Some(b) => format!("{} {}", score(Some(b)), Band::of(b).dots()),
        None => "-".to_owned(),
    }];
    if c.completed > 1 {
        parts.push(format!("{}⏵{}", score(c.first), score(c.latest)));
    }
    parts.push(format!("×{}", c.attempts));
    if c.safety_errors > 0 {
        parts.push(format!("⚠{}", c.safety_errors));
    }
    match c.latest_outcome {
        Some("unresolved") => parts.push("✖ unresolved".to_owned()),
        Some("partial") => parts.push("½ partial".to_owned()),
        _ => {}
    }
    if c.abandoned() > 0 {
        parts.push(format!("⏸{} left", c.abandoned()));
    }
    // The break that makes the longer line shortest (by characters).
    let len = |p: &[String]| p.iter().map(|s| s.chars().count() + 1).sum::<usize>();
    let at = (1..=parts.len()).min_by_key(|&i| len(&parts[..i]).max(len(&parts[i..]))).unwrap_or(parts.len());
    format!("{}\n{}", parts[..at].join(" "), parts[at..].join(" "))
}

/// One cohort cell in words, as a screen reader says it and the hover shows it.
pub fn cohort_cell_words(trainee: &str, scenario: &str, c: &Cell) -> String {
    let plural = |n: u32, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let mut parts = vec![format!("{trainee}, {scenario}")];
    match c.best {
        Some(b) => {
            parts.push(format!("best {} ({})", score(Some(b)), Band::of(b).name()));
            parts.push(format!("first {}, latest {}", score(c.first), score(c.latest)));
        }
        None => parts.push("no completed attempt".to_owned()),
    }
    parts.push(plural(c.attempts, "attempt", "attempts"));
    if c.abandoned() > 0 {
        parts.push(format!("{} left part-way", c.abandoned()));
    }
    if let Some(o) = c.latest_outcome {
        parts.push(format!("the latest ended {o}"));
    }
    parts.push(match c.safety_errors {
        0 => "no safety error".to_owned(),
        n => plural(n, "safety error", "safety errors"),
    });
    parts.join("; ")
}

/// A scenario id as a short header: its words on at most two lines of about
/// `chars` characters, the rest cut with `…`.
pub fn short_label(id: &str, chars: usize) -> String {
    let chars = chars.max(4);
    let mut lines: Vec<String> = Vec::new();
    for word in id.split(['-', '_', ' ']).filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1].push('…');
    }
    for line in &mut lines {
        if line.chars().count() > chars {
            *line = line.chars().take(chars - 1).collect::<String>() + "…";
        }
    }
    lines.join("\n")
}

/// Where a piece of a frozen grid goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Top left: above the names, left of the headers.
    Corner,
    /// A column's header (stays at the top).
    Head(usize),
    /// A row's name (stays at the left).
    Name(usize),
    /// Row, column.
    Cell(usize, usize),
}

/// The sizes of a frozen grid, in points: each column's width, and one
/// height for every row.
#[derive(Debug, Clone)]
pub struct GridSize {
    pub rows: usize,
    pub cols: Vec<f32>,
    pub name_width: f32,
    pub head_height: f32,
    pub row_height: f32,
}

/// A grid that scrolls both ways with its header row and its name column
/// frozen, like a spreadsheet's frozen panes; only what is in view is drawn,
/// so a large cohort costs no more than a small one. `draw` fills each slot
/// (a child `Ui` the size of the slot, clipped to its pane).
pub fn frozen_grid(ui: &mut egui::Ui, id: &str, size: &GridSize, mut draw: impl FnMut(&mut egui::Ui, Slot)) {
    let GridSize { rows, cols, name_width, head_height, row_height } = size;
    let (rows, name_width, head_height, row_height) = (*rows, *name_width, *head_height, *row_height);
    // Where each column starts, after the names; the last entry is where they end.
    let mut starts = Vec::with_capacity(cols.len() + 1);
    let mut x = name_width;
    for w in cols {
        starts.push(x);
        x += w;
    }
    starts.push(x);
    let content = egui::vec2(x, head_height + rows as f32 * row_height);
    egui::ScrollArea::both().id_salt(id).auto_shrink([false, false]).show_viewport(ui, |ui, view| {
        ui.set_min_size(content);
        let origin = ui.max_rect().min;
        let seen = view.translate(origin.to_vec2()).intersect(ui.clip_rect());
        // The four panes on screen.
        let corner = egui::Rect::from_min_size(seen.min, egui::vec2(name_width, head_height)).intersect(seen);
        let heads =
            egui::Rect::from_min_max(egui::pos2(corner.max.x, seen.min.y), egui::pos2(seen.max.x, corner.max.y));
        let names =
            egui::Rect::from_min_max(egui::pos2(seen.min.x, corner.max.y), egui::pos2(corner.max.x, seen.max.y));
        let cells = egui::Rect::from_min_max(corner.max, seen.max);
        let mut put = |ui: &mut egui::Ui, rect: egui::Rect, clip: egui::Rect, slot: Slot| {
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .id_salt(("frozen", slot))
                    .max_rect(rect.shrink2(egui::vec2(4.0, 2.0)))
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            child.set_clip_rect(clip);
            child.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            draw(&mut child, slot);
        };
        // Rows and columns in view (the frozen panes cover the first of each).
        let first_row = ((view.min.y / row_height).floor().max(0.0) as usize).min(rows);
        let last_row = (((view.max.y - head_height) / row_height).ceil().max(0.0) as usize).min(rows);
        let first_col = starts.partition_point(|&s| s <= view.min.x + name_width).saturating_sub(1).min(cols.len());
        let last_col = starts.partition_point(|&s| s < view.max.x).min(cols.len());
        let x = |c: usize| origin.x + starts[c];
        let y = |r: usize| origin.y + head_height + r as f32 * row_height;
        let in_view = || cols.iter().copied().enumerate().take(last_col).skip(first_col);
        for r in first_row..last_row {
            for (c, w) in in_view() {
                let rect = egui::Rect::from_min_size(egui::pos2(x(c), y(r)), egui::vec2(w, row_height));
                put(ui, rect, cells, Slot::Cell(r, c));
            }
        }
        // The header keeps to the top of the view, the names to its left.
        for (c, w) in in_view() {
            let rect = egui::Rect::from_min_size(egui::pos2(x(c), seen.min.y), egui::vec2(w, head_height));
            put(ui, rect, heads, Slot::Head(c));
        }
        for r in first_row..last_row {
            let rect = egui::Rect::from_min_size(egui::pos2(seen.min.x, y(r)), egui::vec2(name_width, row_height));
            put(ui, rect, names, Slot::Name(r));
        }
        put(ui, corner, corner, Slot::Corner);
        // Lines under the header and beside the names.
        let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
        ui.painter().with_clip_rect(seen).hline(seen.x_range(), corner.max.y, stroke);
        ui.painter().with_clip_rect(seen).vline(corner.max.x, seen.y_range(), stroke);
    });
}

/// The width a column needs for the widest of `lines` (at most `max`).
pub fn widest(ui: &egui::Ui, lines: impl Iterator<Item = String>, min: f32, max: f32) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let w = ui
        .ctx()
        .fonts_mut(|f| lines.map(|l| f.layout_no_wrap(l, font.clone(), color).size().x).fold(0.0_f32, f32::max));
    (w + 12.0).clamp(min, max)
}

/// Trainees down, scenarios across, each cell as [`cohort_cell`] says. A
/// scenario's header opens its page and its ↕ sorts by it; a name opens the
/// trainee's page. `titles` gives each scenario's title by id, for the hover.
pub fn cohort_table(
    ui: &mut egui::Ui,
    cohort: &Cohort,
    rows: &[CohortRow],
    sort: &mut Sort,
    titles: &HashMap<String, String>,
) -> Option<ReviewAction> {
    let mut action = None;
    if cohort.cells.is_empty() {
        ui.label("No attempts recorded for this filter.");
        return None;
    }
    ui.add(egui::Label::new(egui::RichText::new(LEGEND).small()).wrap());
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let texts: Vec<String> = cohort.cells.iter().map(cohort_cell).collect();
    // Each column as wide as its widest cell (a spreadsheet's autofit).
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); cohort.scenarios.len()];
    for (c, t) in cohort.cells.iter().zip(&texts) {
        lines[c.scenario].extend(t.lines().map(str::to_owned));
    }
    let cols: Vec<f32> = lines.into_iter().map(|l| widest(ui, l.into_iter(), 92.0, 200.0)).collect();
    let name_width = widest(ui, cohort.trainees.iter().cloned(), 110.0, 200.0);
    let size =
        GridSize { rows: rows.len(), cols, name_width, head_height: line * 2.0 + 6.0, row_height: line * 2.0 + 4.0 };
    frozen_grid(ui, "cohort", &size, |ui, slot| match slot {
        Slot::Corner => {
            if ui.button("Trainee ↕").on_hover_text("Sort by name").clicked() {
                *sort = Sort::Name;
            }
        }
        Slot::Head(j) => {
            let id = &cohort.scenarios[j];
            let title = titles.get(id).map_or(id.as_str(), String::as_str);
            let chars = ((size.cols[j] - 34.0) / 7.0).floor().max(6.0) as usize;
            ui.horizontal_top(|ui| {
                let link = ui.link(short_label(id, chars));
                let said = format!("{title} ({id}): open its page");
                link.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Link, true, &said));
                if link.on_hover_text(format!("{title}\n{id}\nOpen this scenario's page")).clicked() {
                    action = Some(ReviewAction::Show(Page::Scenario(id.clone())));
                }
                let button = ui.small_button("↕");
                let said = format!("Sort by the best score in {id}");
                button.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &said));
                if button.on_hover_text(&said).clicked() {
                    *sort = match *sort {
                        Sort::Best { column, descending } if column == j => {
                            Sort::Best { column, descending: !descending }
                        }
                        _ => Sort::Best { column: j, descending: true },
                    };
                }
            });
        }
        Slot::Name(r) => {
            let name = &cohort.trainees[rows[r].0];
            if ui.link(name).on_hover_text(format!("{name}: open this trainee's page")).clicked() {
                action = Some(ReviewAction::Show(Page::Trainee(name.clone())));
            }
        }
        Slot::Cell(r, c) => {
            let Some(i) = rows[r].1.get(c).copied().flatten() else {
                ui.weak("·").on_hover_text("Not attempted");
                return;
            };
            let cell = &cohort.cells[i];
            if let Some(b) = cell.best {
                let tint = ui.max_rect().expand2(egui::vec2(3.0, 1.0));
                ui.painter().rect_filled(tint, 3.0, Band::of(b).fill(ui));
            }
            let words = cohort_cell_words(&cohort.trainees[rows[r].0], &cohort.scenarios[c], cell);
            let shown = ui.add(egui::Label::new(&texts[i]).sense(egui::Sense::hover()));
            shown.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &words));
            shown.on_hover_text(&words);
        }
    });
    action
}
