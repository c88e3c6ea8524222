//! Skills, not only scores: a skills profile drawn as labelled bars (skills
//! used when on offer, faults chosen, cues missed by emotion, each with its
//! numbers in words), its trend as a plot with a sentence saying the same, and
//! the Skills page (the profile of the cohort or the filter, its weekly trend,
//! and the moments where cues are most often missed).

use bevy_egui::egui;
use egui_plot::{Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points};
use jiff::Timestamp;

use super::view::{Page, ReviewAction};
use bedside_core::play::skills::Skills;
use bedside_core::scenario::{Emotion, Tag};
use bedside_records::report::{Moment, Profile};

/// One point of a skills trend: of the helpful tags on offer, the share used;
/// of the harmful ones on offer, the share chosen; of the cues the patient
/// showed, the share missed (percent; None when there was nothing to count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkillPoint {
    /// The attempt's number (1, 2 …) or the week's first day (days since 1970).
    pub x: f64,
    pub used: Option<f64>,
    pub faults: Option<f64>,
    pub missed: Option<f64>,
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

impl SkillPoint {
    pub fn of(x: f64, s: &Skills) -> SkillPoint {
        let (mut used, mut on_offer, mut faults, mut faults_on_offer) = (0, 0, 0, 0);
        for t in Tag::ALL {
            let c = s.tag(t);
            if t.is_harmful() {
                faults += c.chosen;
                faults_on_offer += c.offered;
            } else {
                used += c.chosen;
                on_offer += c.offered;
            }
        }
        let (mut missed, mut cued) = (0, 0);
        for e in Emotion::ALL {
            missed += s.cue(e).missed;
            cued += s.cue(e).cued;
        }
        SkillPoint {
            x,
            used: share(used, on_offer),
            faults: share(faults, faults_on_offer),
            missed: share(missed, cued),
        }
    }
}

/// A trainee's trend: one point per attempt with a profile, oldest first.
pub fn attempt_points(trend: &[(Timestamp, String, Skills)]) -> Vec<SkillPoint> {
    trend.iter().enumerate().map(|(i, (_, _, s))| SkillPoint::of((i + 1) as f64, s)).collect()
}

/// The cohort's trend: one point per week, at its first day.
pub fn week_points(weeks: &[(Timestamp, Skills)]) -> Vec<SkillPoint> {
    weeks.iter().map(|(at, s)| SkillPoint::of(at.as_second() as f64 / 86_400.0, s)).collect()
}

/// The profile with its weakest points first: skills least used, faults most
/// chosen, emotions most missed (ties keep the tags' order).
pub fn weakest_first(mut p: Profile) -> Profile {
    let rate = |r: Option<f64>| r.unwrap_or(0.0);
    p.skills.sort_by(|a, b| rate(a.rate).total_cmp(&rate(b.rate)));
    p.faults.sort_by(|a, b| rate(b.rate).total_cmp(&rate(a.rate)));
    p.cues.sort_by(|a, b| rate(b.rate).total_cmp(&rate(a.rate)));
    p
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or("-".to_owned(), |r| format!("{r:.0}%"))
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A bar for part of whole, with the words written on it.
fn bar(ui: &mut egui::Ui, part: u32, whole: u32, text: String) {
    let fill = if whole == 0 { 0.0 } else { f64::from(part) / f64::from(whole) };
    ui.add(egui::ProgressBar::new(fill as f32).text(text));
}

/// The profile as three columns of labelled bars: "Teach-back: 0 of 4 (0%)".
pub fn profile_view(ui: &mut egui::Ui, p: &Profile) {
    if p.skills.is_empty() && p.faults.is_empty() && p.cues.is_empty() {
        ui.label("No skills counted for these attempts yet.");
        return;
    }
    ui.label(format!(
        "Counted over {} attempts; each step where a choice showing it was on offer counts once.",
        p.attempts
    ));
    ui.columns(3, |cols| {
        cols[0].strong("Skills used when on offer");
        for r in &p.skills {
            bar(
                &mut cols[0],
                r.chosen,
                r.offered,
                format!("{}: {} of {} ({})", r.name, r.chosen, r.offered, percent(r.rate)),
            );
        }
        cols[1].strong("Faults chosen when on offer (fewer is better)");
        for r in &p.faults {
            bar(
                &mut cols[1],
                r.chosen,
                r.offered,
                format!("{}: {} of {} ({})", r.name, r.chosen, r.offered, percent(r.rate)),
            );
        }
        cols[2].strong("Cues missed, by emotion (fewer is better)");
        if p.cues.is_empty() {
            cols[2].weak("No patient showed a feeling in these attempts.");
        }
        for c in &p.cues {
            bar(
                &mut cols[2],
                c.missed,
                c.cued,
                format!("{}: {} of {} missed ({})", capital(c.emotion), c.missed, c.cued, percent(c.rate)),
            );
        }
    });
}

/// The trend as three lines (each its own dash and marker, so that none is
/// told apart by colour alone), and a sentence from the first point to the
/// last. `dates`: the x values are days, shown as dates.
pub fn skills_plot(ui: &mut egui::Ui, id: &str, points: &[SkillPoint], x_label: &str, dates: bool) {
    if points.is_empty() {
        ui.weak("No skills profile to plot yet.");
        return;
    }
    ui.label(trend_words(points, if dates { "week" } else { "attempt" }));
    let series = |f: fn(&SkillPoint) -> Option<f64>| -> Vec<[f64; 2]> {
        points.iter().filter_map(|p| f(p).map(|v| [p.x, v])).collect()
    };
    let mut plot = Plot::new(id)
        .height(170.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(x_label)
        .y_axis_label("%")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false);
    if dates {
        plot = plot.x_axis_formatter(|mark, _| day(mark.value));
        plot = plot.label_formatter(|hover| {
            Some(match hover {
                egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    format!("{plot_name}\nweek of {}: {:.0}%", day(position.x), position.y)
                }
                egui_plot::HoverPosition::Elsewhere { position } => format!("{}: {:.0}%", day(position.x), position.y),
            })
        });
    }
    plot.show(ui, |plot| {
        // Colours apart for most kinds of colour blindness, and each line its
        // own dash and marker besides.
        let lines: [(&str, fn(&SkillPoint) -> Option<f64>, LineStyle, MarkerShape, egui::Color32); 3] = [
            (
                "Skills used when on offer",
                |p| p.used,
                LineStyle::Solid,
                MarkerShape::Circle,
                egui::Color32::from_rgb(86, 180, 233),
            ),
            (
                "Faults chosen when on offer",
                |p| p.faults,
                LineStyle::dashed_loose(),
                MarkerShape::Cross,
                egui::Color32::from_rgb(230, 159, 0),
            ),
            (
                "Cues missed",
                |p| p.missed,
                LineStyle::dotted_loose(),
                MarkerShape::Diamond,
                egui::Color32::from_rgb(204, 121, 167),
            ),
        ];
        for (name, f, style, shape, color) in lines {
            let data = series(f);
            plot.line(Line::new(name, PlotPoints::from(data.clone())).style(style).width(2.0).color(color));
            plot.points(Points::new(name, PlotPoints::from(data)).shape(shape).radius(4.0).color(color));
        }
    });
}

/// A day number (days since 1970) as a date.
fn day(days: f64) -> String {
    Timestamp::from_second((days * 86_400.0).round() as i64)
        .map_or(String::new(), |t| t.strftime("%Y-%m-%d").to_string())
}

/// The trend in one sentence, for those who do not read plots: each measure
/// at the first and the last point that has it.
pub fn trend_words(points: &[SkillPoint], unit: &str) -> String {
    let span = |f: fn(&SkillPoint) -> Option<f64>| {
        let mut seen = points.iter().filter_map(f);
        let first = seen.next()?;
        Some(match seen.next_back() {
            Some(last) => format!("{first:.0}% to {last:.0}%"),
            None => format!("{first:.0}%"),
        })
    };
    let parts: Vec<String> =
        [("skills used", span(|p| p.used)), ("faults chosen", span(|p| p.faults)), ("cues missed", span(|p| p.missed))]
            .into_iter()
            .filter_map(|(name, s)| s.map(|s| format!("{name} {s}")))
            .collect();
    let n = points.len();
    let over = if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s, first to last") };
    format!("Over {over}: {}.", parts.join(", "))
}

/// How many of the most-missed moments the Skills page lists.
pub const MOMENTS_SHOWN: usize = 25;

/// The Skills page: the profile of the attempts the filter takes, its weekly
/// trend, and the moments where cues are most often missed (among nodes
/// reached at least `min_visits` times).
pub fn skills_page(
    ui: &mut egui::Ui,
    profile: &Profile,
    weeks: &[SkillPoint],
    moments: &[Moment],
    min_visits: &mut String,
) -> Option<ReviewAction> {
    let mut action = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading("Skills profile");
        profile_view(ui, profile);
        ui.add_space(8.0);
        ui.strong("Week by week (weeks from Monday)");
        skills_plot(ui, "skills-weeks", weeks, "week", true);
        ui.add_space(8.0);
        ui.heading("Moments where cues are most often missed");
        ui.horizontal(|ui| {
            let label = ui.label("Only moments reached at least");
            let field = ui.add(egui::TextEdit::singleline(min_visits).desired_width(40.0)).labelled_by(label.id);
            ui.label("times");
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Show").clicked() || entered {
                action = Some(ReviewAction::Apply);
            }
        });
        if moments.is_empty() {
            ui.label("No cue was missed at a moment reached that often.");
        }
        for (i, m) in moments.iter().take(MOMENTS_SHOWN).enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    let feeling = m.emotion.map_or(String::new(), |e| format!(", {e}"));
                    ui.strong(format!("{}. Missed {} of {} times ({:.0}%)", i + 1, m.missed, m.visits, m.rate));
                    if ui.link(&m.title).on_hover_text("Open this scenario's page").clicked() {
                        action = Some(ReviewAction::Show(Page::Scenario(m.scenario.clone())));
                    }
                    ui.label(format!("at {}{feeling}", m.node));
                });
                if !m.patient.is_empty() {
                    ui.label(egui::RichText::new(format!("Patient: \"{}\"", m.patient)).weak());
                }
            });
        }
        if moments.len() > MOMENTS_SHOWN {
            ui.weak(format!(
                "… and {} more moments. Narrow the filter, or ask for moments reached more often.",
                moments.len() - MOMENTS_SHOWN
            ));
        }
    });
    action
}
