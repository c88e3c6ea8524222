//! Where every screen is drawn: the drawing order within a frame (the message
//! bar, then the screen), the message bar at the top (messages for the trainee,
//! and scenario files with errors), and the Ui below it that each screen lays
//! its panels out in.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Notice;
use super::library::ScenarioLibrary;
use super::library::view::scenario_problems;
use super::settings::Settings;
use super::theme::{apply_theme, follow_clear_colour};
use bedside_core::diagnostic::Diagnostic;

/// Drawing order within a frame: the message bar, then the screen.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum UiSet {
    Overlay,
    Screen,
}

pub fn plugin(app: &mut App) {
    app.configure_sets(EguiPrimaryContextPass, (UiSet::Overlay, UiSet::Screen).chain())
        .add_systems(
            EguiPrimaryContextPass,
            (apply_theme.run_if(resource_changed::<Settings>), draw_notices).chain().in_set(UiSet::Overlay),
        )
        // In PostUpdate: an Update system here would reorder the screens' key
        // systems against the encounter's start (their order is not set).
        .add_systems(PostUpdate, follow_clear_colour.run_if(resource_exists_and_changed::<Settings>));
}

/// Where the height of this frame's message bar is kept, so that every screen
/// is laid out below it rather than painted over it.
fn notices_height_id() -> egui::Id {
    egui::Id::new("bedside-notices-height")
}

/// A Ui covering the window below the message bar, for panels to be laid out in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    let mut rect = ctx.viewport_rect();
    rect.min.y += ctx.data(|d| d.get_temp::<f32>(notices_height_id())).unwrap_or(0.0);
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(rect),
    )
}

/// Room around every screen's content, in points.
pub const SCREEN_MARGIN: egui::Margin = egui::Margin { left: 32, right: 32, top: 24, bottom: 20 };

/// Draws a screen that fills the window's central panel and returns what it asked for.
pub fn central<R>(contexts: &mut EguiContexts, add: impl FnOnce(&mut egui::Ui) -> R) -> Result<R> {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = root_ui(&ctx);
    let frame = egui::Frame::central_panel(&ctx.global_style()).inner_margin(SCREEN_MARGIN);
    Ok(egui::CentralPanel::default().frame(frame).show(&mut root, add).inner)
}

/// Lays `add` out centred in the space left, at most `max_width` wide, and
/// centred in `height` (the visible height) when it is shorter: its height is
/// remembered from the last pass, and a pass whose height changed is drawn
/// again before it is shown.
pub fn centred<R>(
    ui: &mut egui::Ui,
    id_salt: &str,
    max_width: f32,
    height: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = ui.id().with(id_salt);
    let avail = ui.available_rect_before_wrap();
    let width = avail.width().min(max_width);
    let known: Option<f32> = ui.ctx().data(|d| d.get_temp(id));
    let top = avail.top() + ((height - known.unwrap_or(height)) / 2.0).max(0.0);
    let left = avail.left() + ((avail.width() - width) / 2.0).max(0.0);
    let rect = egui::Rect::from_min_max(egui::pos2(left, top), egui::pos2(left + width, avail.bottom()));
    let shown = ui.scope_builder(egui::UiBuilder::new().max_rect(rect), add);
    let used = shown.response.rect.height();
    if known.is_none_or(|h| (h - used).abs() > 0.5) {
        ui.ctx().data_mut(|d| d.insert_temp(id, used));
        ui.ctx().request_discard("centring the screen's content");
    }
    shown.inner
}

fn draw_notices(mut contexts: EguiContexts, mut notice: ResMut<Notice>, library: Res<ScenarioLibrary>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    ctx.data_mut(|d| d.insert_temp(notices_height_id(), 0.0f32));
    let problems: Vec<&Diagnostic> = library.library.diagnostics().filter(|d| d.is_error()).collect();
    if notice.messages.is_empty() && problems.is_empty() {
        return Ok(());
    }
    let mut root = root_ui(&ctx);
    let shown = egui::Panel::top("notices").show(&mut root, |ui| {
        scenario_problems(ui, &problems, &library);
        let mut dismiss = None;
        for (i, m) in notice.messages.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("⚠ {m}")).strong());
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(i);
                }
            });
        }
        if let Some(i) = dismiss {
            notice.messages.remove(i);
        }
    });
    let height = shown.response.rect.height();
    ctx.data_mut(|d| d.insert_temp(notices_height_id(), height));
    Ok(())
}
