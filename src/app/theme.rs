//! The look every screen shares: a light and a dark theme (each with a
//! high-contrast form) built as egui `Visuals` and `Style` (type scale, spacing,
//! rounded corners), the text size, the window's clear colour behind the
//! patient, the colours that carry meaning (distress warm, trust cool, outcomes)
//! always paired with an icon and a word, and the widgets the views share
//! (cards, large buttons, badges, meters, score bars).
//!
//! Every colour here is checked for contrast (WCAG 2): body text against the
//! panel and the cards, 4.5:1 or more, in every theme (tests/app_views.rs).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::{Color32, CornerRadius, FontFamily, FontId, Stroke, TextStyle};

use super::settings::{Settings, Theme};
use bedside_core::scenario::{Difficulty, Outcome};

/// The colours of one theme. `accent` marks the primary action, the focus and
/// the selection; `on_accent` is text drawn on it; `tint` is the selection's
/// pale fill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub high_contrast: bool,
    /// Behind every screen.
    pub background: Color32,
    /// Cards and windows.
    pub card: Color32,
    pub border: Color32,
    pub text: Color32,
    /// Secondary text (still 4.5:1 on the background and on cards).
    pub weak: Color32,
    pub accent: Color32,
    pub on_accent: Color32,
    pub tint: Color32,
    /// Buttons at rest, hovered and pressed.
    pub button: Color32,
    pub button_hovered: Color32,
    pub button_pressed: Color32,
    /// Text fields and the track of bars.
    pub field: Color32,
    /// The edge of buttons and fields (3:1 against what they sit on).
    pub edge: Color32,
}

const fn rgb(hex: u32) -> Color32 {
    Color32::from_rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// The palette for a theme, in its high-contrast form when asked.
pub fn palette(theme: Theme, high_contrast: bool) -> Palette {
    match (theme, high_contrast) {
        (Theme::Light, false) => Palette {
            dark: false,
            high_contrast,
            background: rgb(0xEEF2F5),
            card: rgb(0xFFFFFF),
            border: rgb(0xCBD4DC),
            text: rgb(0x17212B),
            weak: rgb(0x4B5A68),
            accent: rgb(0x0B5FA0),
            on_accent: rgb(0xFFFFFF),
            tint: rgb(0xD3E5F5),
            button: rgb(0xE2E8EE),
            button_hovered: rgb(0xD3DCE5),
            button_pressed: rgb(0xC2CFDB),
            field: rgb(0xFFFFFF),
            edge: rgb(0x76828E),
        },
        (Theme::Dark, false) => Palette {
            dark: true,
            high_contrast,
            background: rgb(0x12161B),
            card: rgb(0x1C2229),
            border: rgb(0x35404B),
            text: rgb(0xE8EDF2),
            weak: rgb(0xA9B5C1),
            accent: rgb(0x72B8F0),
            on_accent: rgb(0x0A1620),
            tint: rgb(0x1E3A54),
            button: rgb(0x2B333C),
            button_hovered: rgb(0x36404B),
            button_pressed: rgb(0x43505D),
            field: rgb(0x0E1216),
            edge: rgb(0x7D8A97),
        },
        (Theme::Light, true) => Palette {
            dark: false,
            high_contrast,
            background: Color32::WHITE,
            card: Color32::WHITE,
            border: Color32::BLACK,
            text: Color32::BLACK,
            weak: rgb(0x1F1F1F),
            accent: rgb(0x003A78),
            on_accent: Color32::WHITE,
            tint: rgb(0xCCE0FF),
            button: Color32::WHITE,
            button_hovered: rgb(0xE6EEF9),
            button_pressed: rgb(0xCCE0FF),
            field: Color32::WHITE,
            edge: Color32::BLACK,
        },
        (Theme::Dark, true) => Palette {
            dark: true,
            high_contrast,
            background: Color32::BLACK,
            card: Color32::BLACK,
            border: Color32::WHITE,
            text: Color32::WHITE,
            weak: rgb(0xEEEEEE),
            accent: rgb(0xFFD400),
            on_accent: Color32::BLACK,
            tint: rgb(0x4A3F00),
            button: Color32::BLACK,
            button_hovered: rgb(0x262626),
            button_pressed: rgb(0x3A3A3A),
            field: Color32::BLACK,
            edge: Color32::WHITE,
        },
    }
}

/// The palette the settings choose.
pub fn palette_for(settings: &Settings) -> Palette {
    palette(settings.theme, settings.high_contrast)
}

/// The palette in use in this Ui: read back from its visuals, so views drawn
/// without the app's theme (a test harness) still get matching colours.
pub fn palette_of(ui: &egui::Ui) -> Palette {
    let v = ui.visuals();
    let theme = if v.dark_mode { Theme::Dark } else { Theme::Light };
    let high_contrast = v.panel_fill == Color32::WHITE || v.panel_fill == Color32::BLACK;
    palette(theme, high_contrast)
}

/// The type scale (in points, before the text size's zoom): headings 26,
/// body and buttons 16, small 13, monospace 14; and a display size for the
/// app's name on the start screen.
pub const DISPLAY_SIZE: f32 = 44.0;
pub const HEADING_SIZE: f32 = 26.0;
pub const BODY_SIZE: f32 = 16.0;
pub const SMALL_SIZE: f32 = 13.0;
pub const MONOSPACE_SIZE: f32 = 14.0;
/// A card's title, between body and heading.
pub const TITLE_SIZE: f32 = 19.0;

/// Corner rounding of buttons and fields, and of cards.
const WIDGET_RADIUS: u8 = 6;
const CARD_RADIUS: u8 = 10;

/// egui's visuals for a palette.
pub fn visuals(p: &Palette) -> egui::Visuals {
    let mut v = if p.dark { egui::Visuals::dark() } else { egui::Visuals::light() };
    let edge_width = if p.high_contrast { 2.0 } else { 1.0 };
    let radius = CornerRadius::same(WIDGET_RADIUS);
    let widget = |fill: Color32, edge: Stroke, text: Color32, text_width: f32| egui::style::WidgetVisuals {
        bg_fill: fill,
        weak_bg_fill: fill,
        bg_stroke: edge,
        corner_radius: radius,
        fg_stroke: Stroke::new(text_width, text),
        expansion: 0.0,
    };
    v.widgets.noninteractive = widget(p.card, Stroke::new(1.0, p.border), p.text, 1.0);
    v.widgets.inactive = widget(p.button, Stroke::new(edge_width, p.edge), p.text, 1.0);
    v.widgets.hovered = widget(p.button_hovered, Stroke::new(edge_width + 0.5, p.accent), p.text, 1.5);
    // The pressed and the keyboard-focused look: a strong outline in the accent.
    v.widgets.active = widget(p.button_pressed, Stroke::new(edge_width + 1.0, p.accent), p.text, 2.0);
    v.widgets.open = widget(p.button_pressed, Stroke::new(edge_width, p.edge), p.text, 1.0);
    v.override_text_color = None;
    v.weak_text_color = Some(p.weak);
    v.selection = egui::style::Selection { bg_fill: p.tint, stroke: Stroke::new(2.0, p.accent) };
    v.hyperlink_color = p.accent;
    v.faint_bg_color = if p.dark { p.card.gamma_multiply(1.15) } else { rgb(0xF5F7F9) };
    v.extreme_bg_color = p.field;
    v.text_edit_bg_color = Some(p.field);
    v.code_bg_color = p.button;
    v.warn_fg_color = MIXED.text_on(p);
    v.error_fg_color = BAD.text_on(p);
    v.window_fill = p.card;
    v.window_stroke = Stroke::new(edge_width, p.border);
    v.window_corner_radius = CornerRadius::same(CARD_RADIUS);
    v.menu_corner_radius = CornerRadius::same(WIDGET_RADIUS);
    v.panel_fill = p.background;
    v.text_cursor.stroke = Stroke::new(2.0, p.accent);
    // A steady caret: a blinking one asks for a frame twice a second, and
    // bevy_egui turns any such request into drawing at full speed (about a
    // core on software rendering) for as long as a text field has the focus.
    v.text_cursor.blink = false;
    v.striped = true;
    v.slider_trailing_fill = true;
    v.indent_has_left_vline = false;
    if p.high_contrast {
        v.window_shadow = egui::Shadow::NONE;
        v.popup_shadow = egui::Shadow::NONE;
    }
    v
}

/// The whole egui style for the settings: visuals, type scale and spacing.
pub fn style(settings: &Settings) -> egui::Style {
    let p = palette_for(settings);
    let mut style = egui::Style { visuals: visuals(&p), ..egui::Style::default() };
    style.text_styles = [
        (TextStyle::Heading, FontId::new(HEADING_SIZE, FontFamily::Proportional)),
        (TextStyle::Body, FontId::new(BODY_SIZE, FontFamily::Proportional)),
        (TextStyle::Button, FontId::new(BODY_SIZE, FontFamily::Proportional)),
        (TextStyle::Small, FontId::new(SMALL_SIZE, FontFamily::Proportional)),
        (TextStyle::Monospace, FontId::new(MONOSPACE_SIZE, FontFamily::Monospace)),
    ]
    .into();
    let s = &mut style.spacing;
    s.item_spacing = egui::vec2(8.0, 7.0);
    s.button_padding = egui::vec2(10.0, 5.0);
    s.interact_size = egui::vec2(40.0, 30.0);
    s.indent = 20.0;
    s.combo_width = 170.0;
    s.text_edit_width = 280.0;
    s.icon_width = 18.0;
    s.icon_width_inner = 10.0;
    s.icon_spacing = 6.0;
    s.window_margin = egui::Margin::same(16);
    s.menu_margin = egui::Margin::same(8);
    s.scroll.bar_width = 10.0;
    style
}

/// Applies the theme, the type scale and the text size to egui.
pub fn theme(ctx: &egui::Context, settings: &Settings) {
    ctx.set_zoom_factor(settings.text_size.zoom());
    let which = if settings.theme == Theme::Dark { egui::Theme::Dark } else { egui::Theme::Light };
    ctx.set_theme(which);
    ctx.set_style_of(which, style(settings));
}

/// The theme applied to the window's egui context (run when the settings change).
pub fn apply_theme(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    theme(contexts.ctx_mut()?, &settings);
    Ok(())
}

/// The window's clear colour, seen behind the patient on the encounter screen:
/// a quiet ward wall in the theme's tone.
pub fn clear_colour(settings: &Settings) -> Color {
    let c = match (settings.theme, settings.high_contrast) {
        (Theme::Light, false) => rgb(0xDCE4EB),
        (Theme::Dark, false) => rgb(0x1A2028),
        (Theme::Light, true) => Color32::WHITE,
        (Theme::Dark, true) => Color32::BLACK,
    };
    Color::srgb_u8(c.r(), c.g(), c.b())
}

/// Keeps Bevy's clear colour in step with the theme (where there is a window).
pub fn follow_clear_colour(settings: Res<Settings>, clear: Option<ResMut<ClearColor>>) {
    if let Some(mut clear) = clear {
        clear.0 = clear_colour(&settings);
    }
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn channel(c: u8) -> f32 {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    }
    let luminance = |c: Color32| 0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b());
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

// ---- Colours that carry meaning: always with an icon and a word. ----

/// A colour that means something, in the light and the dark theme: strong
/// for text and marks (4.5:1 on cards and the background), and a pale fill
/// for badges (the strong colour keeps 4.5:1 on it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tone {
    pub light: Color32,
    pub light_fill: Color32,
    pub dark: Color32,
    pub dark_fill: Color32,
}

impl Tone {
    /// The colour for text and marks in this palette.
    pub fn text_on(&self, p: &Palette) -> Color32 {
        match (p.dark, p.high_contrast) {
            (false, false) => self.light,
            (true, false) => self.dark,
            // High contrast keeps the hue but darkens or lightens it further.
            (false, true) => darken(self.light, 0.25),
            (true, true) => lighten(self.dark, 0.4),
        }
    }

    /// The pale fill behind a badge in this palette.
    pub fn fill_on(&self, p: &Palette) -> Color32 {
        match (p.dark, p.high_contrast) {
            (false, false) => self.light_fill,
            (true, false) => self.dark_fill,
            (false, true) => Color32::WHITE,
            (true, true) => Color32::BLACK,
        }
    }

    /// The colour for text and marks in this Ui.
    pub fn text(&self, ui: &egui::Ui) -> Color32 {
        self.text_on(&palette_of(ui))
    }

    /// The pale fill in this Ui.
    pub fn fill(&self, ui: &egui::Ui) -> Color32 {
        self.fill_on(&palette_of(ui))
    }
}

fn darken(c: Color32, by: f32) -> Color32 {
    let mix = |x: u8| (f32::from(x) * (1.0 - by)).round() as u8;
    Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
}

fn lighten(c: Color32, by: f32) -> Color32 {
    let mix = |x: u8| (f32::from(x) + (255.0 - f32::from(x)) * by).round() as u8;
    Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
}

/// Distress: warm.
pub const DISTRESS: Tone =
    Tone { light: rgb(0xA3400B), light_fill: rgb(0xFBE9DD), dark: rgb(0xFFA366), dark_fill: rgb(0x3B2619) };
/// Trust: cool.
pub const TRUST: Tone =
    Tone { light: rgb(0x1D5FA8), light_fill: rgb(0xDDEBF8), dark: rgb(0x7CC0FF), dark_fill: rgb(0x172D44) };
/// A good outcome, an objective met.
pub const GOOD: Tone =
    Tone { light: rgb(0x1F6B36), light_fill: rgb(0xDDF1E3), dark: rgb(0x7DDC94), dark_fill: rgb(0x17321F) };
/// Part-way: a partial outcome, a warning.
pub const MIXED: Tone =
    Tone { light: rgb(0x7A5200), light_fill: rgb(0xFAF0D4), dark: rgb(0xF2C14E), dark_fill: rgb(0x372C12) };
/// A poor outcome, an unsafe choice.
pub const BAD: Tone =
    Tone { light: rgb(0xB3261E), light_fill: rgb(0xFBE1DF), dark: rgb(0xFF8A80), dark_fill: rgb(0x3D1C1B) };

/// An ending's outcome: its tone, icon and word.
pub fn outcome_look(outcome: Outcome) -> (Tone, &'static str, &'static str) {
    match outcome {
        Outcome::Resolved => (GOOD, "✔", outcome.name()),
        Outcome::Partial => (MIXED, "◑", outcome.name()),
        Outcome::Unresolved => (BAD, "✖", outcome.name()),
    }
}

/// A small rounded badge: an icon and a word in the tone's colour on its pale
/// fill. Read out as the word alone (the icon is decoration).
pub fn badge(ui: &mut egui::Ui, tone: Tone, icon: &str, word: &str) -> egui::Response {
    let p = palette_of(ui);
    let colour = tone.text_on(&p);
    let frame = egui::Frame::new()
        .fill(tone.fill_on(&p))
        .stroke(Stroke::new(if p.high_contrast { 1.5 } else { 1.0 }, colour))
        .corner_radius(CornerRadius::same(12))
        .inner_margin(egui::Margin::symmetric(8, 2));
    frame
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 5.0;
            ui.horizontal(|ui| {
                if !icon.is_empty() {
                    ui.add(egui::Label::new(egui::RichText::new(icon).color(colour)).selectable(false))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Other, true, ""));
                }
                ui.add(egui::Label::new(egui::RichText::new(word).color(colour).strong()).selectable(false))
            })
            .inner
        })
        .inner
}

/// The outcome as a badge: "✔ Resolved", "◑ Partial", "✖ Unresolved".
pub fn outcome_badge(ui: &mut egui::Ui, outcome: Outcome) -> egui::Response {
    let (tone, icon, word) = outcome_look(outcome);
    badge(ui, tone, icon, word)
}

/// How many of three marks a difficulty fills.
pub fn difficulty_level(d: Difficulty) -> usize {
    match d {
        Difficulty::Foundation => 1,
        Difficulty::Intermediate => 2,
        Difficulty::Advanced => 3,
    }
}

/// The difficulty as three marks (filled as far as it goes) and its word; the
/// word is what is read out.
pub fn difficulty_badge(ui: &mut egui::Ui, d: Difficulty) -> egui::Response {
    let p = palette_of(ui);
    let colour = p.text;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let size = egui::vec2(10.0, 10.0);
        for i in 0..3 {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let centre = rect.center();
            if i < difficulty_level(d) {
                ui.painter().circle_filled(centre, 4.5, colour);
            } else {
                ui.painter().circle_stroke(centre, 4.0, Stroke::new(1.2, colour));
            }
        }
        ui.add_space(2.0);
        ui.add(egui::Label::new(egui::RichText::new(d.name()).color(colour)).selectable(false))
    })
    .inner
}

/// A meter out of 100 in a tone (distress warm, trust cool), with its name and
/// number written beside it, so nothing depends on the colour.
pub fn meter(ui: &mut egui::Ui, tone: Tone, icon: &str, label: &str, value: f32) -> egui::Response {
    let p = palette_of(ui);
    let value = if value.is_finite() { value.clamp(0.0, 100.0) } else { 0.0 };
    let text = format!("{label} {:.0} / 100", value.round());
    ui.horizontal(|ui| {
        let shown =
            ui.add_sized([150.0, 22.0], egui::Label::new(egui::RichText::new(format!("{icon} {text}")).color(p.text)));
        let width = ui.available_width().max(60.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
        let radius = CornerRadius::same(7);
        ui.painter().rect_filled(rect, radius, p.field);
        ui.painter().rect_stroke(rect, radius, Stroke::new(1.0, p.edge), egui::StrokeKind::Inside);
        let mut filled = rect;
        filled.set_width(rect.width() * value / 100.0);
        ui.painter().rect_filled(filled, radius, tone.text_on(&p));
        shown.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::ProgressIndicator, true, &text));
        shown
    })
    .inner
}

/// The distress meter (warm).
pub fn distress_meter(ui: &mut egui::Ui, distress: f32) -> egui::Response {
    meter(ui, DISTRESS, "🔥", "Distress", distress)
}

/// The trust meter (cool).
pub fn trust_meter(ui: &mut egui::Ui, trust: f32) -> egui::Response {
    meter(ui, TRUST, "💙", "Trust", trust)
}

// ---- Layout pieces. ----

/// A card: the card fill, a thin border, rounded corners and room inside.
/// Its text is set ragged-right even inside a justified layout (`ui.columns`).
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> egui::InnerResponse<R> {
    card_frame(ui, false).show(ui, |ui| ui.with_layout(egui::Layout::top_down(egui::Align::Min), add).inner)
}

/// A card with the keyboard's selection on it (a thick outline in the accent).
pub fn selected_card<R>(
    ui: &mut egui::Ui,
    selected: bool,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> egui::InnerResponse<R> {
    card_frame(ui, selected).show(ui, |ui| ui.with_layout(egui::Layout::top_down(egui::Align::Min), add).inner)
}

/// The frame of a card (selected or not), for a view that sizes it itself.
pub fn card_frame(ui: &egui::Ui, selected: bool) -> egui::Frame {
    let p = palette_of(ui);
    // The same width selected or not (a card keeps its size); a paler edge at rest.
    let stroke = if selected {
        Stroke::new(3.0, p.accent)
    } else if p.high_contrast {
        Stroke::new(3.0, p.border)
    } else {
        Stroke::new(1.0, p.border)
    };
    let margin = if selected || p.high_contrast { 16 } else { 18 };
    let shadow = if p.high_contrast || p.dark {
        egui::Shadow::NONE
    } else {
        egui::Shadow { offset: [0, 2], blur: 8, spread: 0, color: Color32::from_black_alpha(18) }
    };
    egui::Frame::new()
        .fill(p.card)
        .stroke(stroke)
        .corner_radius(CornerRadius::same(CARD_RADIUS))
        .inner_margin(egui::Margin::same(margin))
        .shadow(shadow)
}

/// The big name of the app, for the start screen.
pub fn display(text: &str) -> egui::RichText {
    egui::RichText::new(text).size(DISPLAY_SIZE).strong()
}

/// A card's title.
pub fn title(text: &str) -> egui::RichText {
    egui::RichText::new(text).size(TITLE_SIZE).strong()
}

/// The primary action: a large button filled with the accent.
pub fn primary_button(ui: &mut egui::Ui, text: &str, width: f32) -> egui::Response {
    let p = palette_of(ui);
    let enabled = ui.is_enabled();
    let label = egui::RichText::new(text).size(BODY_SIZE + 2.0).color(p.on_accent).strong();
    let button = egui::Button::new(label)
        .fill(p.accent)
        .stroke(Stroke::new(if p.high_contrast { 2.0 } else { 0.0 }, p.text))
        .corner_radius(CornerRadius::same(WIDGET_RADIUS + 2))
        .min_size(egui::vec2(width, 46.0));
    let r = ui.add(button);
    if enabled && r.has_focus() {
        // A focus ring outside the fill, in the text colour, so it shows on the accent.
        ui.painter().rect_stroke(
            r.rect.expand(3.0),
            CornerRadius::same(WIDGET_RADIUS + 4),
            Stroke::new(2.0, p.text),
            egui::StrokeKind::Outside,
        );
    }
    r
}

/// A large secondary button.
pub fn big_button(ui: &mut egui::Ui, text: &str, width: f32) -> egui::Response {
    ui.add(
        egui::Button::new(egui::RichText::new(text).size(BODY_SIZE + 1.0))
            .corner_radius(CornerRadius::same(WIDGET_RADIUS + 2))
            .min_size(egui::vec2(width, 40.0)),
    )
}

/// The fill behind scenario errors in the message bar: a dark red a trainer
/// cannot miss (the text on it is written, so nothing depends on the colour).
pub const PROBLEM_FILL: Color32 = Color32::from_rgb(110, 24, 24);

/// A button that stretches to the available width and wraps long text.
pub fn wide_button(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    let width = ui.available_width();
    ui.add(egui::Button::new(text).wrap().min_size(egui::vec2(width, 0.0)))
}

/// A labelled bar for a score out of 100, with the number written on it (so
/// nothing depends on colour alone).
pub fn score_bar(ui: &mut egui::Ui, label: &str, value: f64) {
    ui.add(egui::ProgressBar::new((value / 100.0).clamp(0.0, 1.0) as f32).text(format!("{label}: {value:.1}")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_21_for_black_on_white_and_1_for_a_colour_on_itself() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(DISTRESS.light, DISTRESS.light) - 1.0).abs() < 0.001);
    }

    #[test]
    fn every_tone_keeps_its_contrast_in_every_theme() {
        for theme in Theme::ALL {
            for hc in [false, true] {
                let p = palette(theme, hc);
                for tone in [DISTRESS, TRUST, GOOD, MIXED, BAD] {
                    let c = tone.text_on(&p);
                    for back in [p.background, p.card, tone.fill_on(&p)] {
                        assert!(contrast(c, back) >= 4.5, "{theme:?} hc {hc}: {c:?} on {back:?}");
                    }
                }
            }
        }
    }
}
