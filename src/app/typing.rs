//! Typing into egui in the order it was typed. bevy_egui 0.42 reads key presses
//! (with their text) and input-method commits from two separate message queues,
//! one after the other, so within one frame every key's text reaches egui
//! before any commit. On X11 an input method takes over as soon as a text field
//! has the focus (egui asks for one): a composed character (a dead key, then a
//! letter: "´" "e" gives "é"), and on desktops running IBus or Fcitx every
//! character, arrives as a commit. Typed quickly, the commit then lands after
//! a later key: "René ö" became "Ren éö", and a commit arriving in the same
//! frame as Enter was lost after the field had already taken the name.
//!
//! This plugin turns bevy_egui's two readers off and feeds egui from Bevy's
//! single ordered stream of window events instead (key presses, their text and
//! input-method events as they happened). See docs/app.md, "Typing".

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::window::{Ime, WindowEvent};
use bevy_egui::input::{EguiInputEvent, ModifierKeysState};
use bevy_egui::{EguiGlobalSettings, EguiInputSet, PrimaryEguiContext, egui};

/// Needs bevy_egui's plugin added first; without it (headless) does nothing.
pub fn plugin(app: &mut App) {
    let Some(mut settings) = app.world_mut().get_resource_mut::<EguiGlobalSettings>() else { return };
    settings.input_system_settings.run_write_keyboard_input_messages_system = false;
    settings.input_system_settings.run_write_ime_messages_system = false;
    app.add_systems(PreUpdate, write_typing_in_order.in_set(EguiInputSet::ReadBevyMessages));
}

/// Feeds the window's key presses and input-method events to the primary egui
/// context, in the order they happened.
fn write_typing_in_order(
    mut events: MessageReader<WindowEvent>,
    modifiers: Res<ModifierKeysState>,
    contexts: Query<Entity, With<PrimaryEguiContext>>,
    mut out: MessageWriter<EguiInputEvent>,
) {
    let context = contexts.single().ok();
    let mods = modifiers.to_egui_modifiers();
    let text_allowed = modifiers.text_input_is_allowed();
    for e in events.read() {
        let Some(context) = context else { continue };
        for event in egui_events(e, mods, text_allowed) {
            out.write(EguiInputEvent { context, event });
        }
    }
}

/// What egui is told about one window event: a key press gives its text (when
/// no Ctrl or Super is held) and the key; an input method's commit or
/// pre-edit gives the same to egui. Other events give nothing here.
pub fn egui_events(event: &WindowEvent, modifiers: egui::Modifiers, text_allowed: bool) -> Vec<egui::Event> {
    match event {
        WindowEvent::KeyboardInput(k) => key_events(k, modifiers, text_allowed),
        WindowEvent::Ime(Ime::Commit { value, .. }) => vec![egui::Event::Ime(egui::ImeEvent::Commit(value.clone()))],
        WindowEvent::Ime(Ime::Preedit { value, cursor, .. }) => vec![egui::Event::Ime(egui::ImeEvent::Preedit {
            text: value.clone(),
            active_range_chars: cursor.map(|(start, end)| start..end),
        })],
        _ => Vec::new(),
    }
}

fn key_events(k: &KeyboardInput, modifiers: egui::Modifiers, text_allowed: bool) -> Vec<egui::Event> {
    let mut events = Vec::new();
    let pressed = k.state == ButtonState::Pressed;
    if pressed && text_allowed {
        // The text the key produced (a dead key before it already composed in),
        // else the key's own character.
        let text = match (&k.text, &k.logical_key) {
            (Some(t), _) => Some(t.to_string()),
            (None, Key::Character(c)) => Some(c.to_string()),
            (None, Key::Space) => Some(" ".to_owned()),
            _ => None,
        };
        if let Some(t) = text.filter(|t| !t.is_empty() && !t.chars().any(char::is_control)) {
            events.push(egui::Event::Text(t));
        }
    }
    let key = bevy_egui::helpers::bevy_to_egui_key(&k.logical_key);
    let physical_key = bevy_egui::helpers::bevy_to_egui_physical_key(&k.key_code);
    // The physical key stands in for layouts without Latin letters (as egui-winit does).
    if let Some(key) = key.or(physical_key) {
        events.push(egui::Event::Key { key, physical_key, pressed, repeat: false, modifiers });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::input::keyboard::KeyCode;

    fn press(code: KeyCode, key: Key, text: Option<&str>) -> WindowEvent {
        WindowEvent::KeyboardInput(KeyboardInput {
            key_code: code,
            logical_key: key,
            state: ButtonState::Pressed,
            text: text.map(Into::into),
            repeat: false,
            window: Entity::PLACEHOLDER,
        })
    }

    fn texts(events: &[WindowEvent]) -> String {
        let mut typed = String::new();
        for e in events {
            for out in egui_events(e, egui::Modifiers::NONE, true) {
                match out {
                    egui::Event::Text(t) | egui::Event::Ime(egui::ImeEvent::Commit(t)) => typed.push_str(&t),
                    egui::Event::Key { key: egui::Key::Enter, pressed: true, .. } => typed.push('⏎'),
                    _ => {}
                }
            }
        }
        typed
    }

    #[test]
    fn a_composed_letter_stays_between_the_keys_typed_around_it() {
        let commit = |v: &str| WindowEvent::Ime(Ime::Commit { value: v.into(), window: Entity::PLACEHOLDER });
        let events = [
            press(KeyCode::KeyN, Key::Character("n".into()), Some("n")),
            commit("é"),
            press(KeyCode::Space, Key::Space, Some(" ")),
            commit("ö"),
            press(KeyCode::Enter, Key::Enter, Some("\r")),
        ];
        assert_eq!(texts(&events), "né ö⏎");
    }

    #[test]
    fn the_text_a_key_produced_wins_over_its_character_and_control_keys_type_nothing() {
        // Windows: a dead key that cannot combine gives both characters as text.
        let events = [
            press(KeyCode::KeyD, Key::Character("d".into()), Some("´d")),
            press(KeyCode::Backspace, Key::Backspace, Some("\u{8}")),
        ];
        assert_eq!(texts(&events), "´d");
        let ctrl = egui_events(&events[0], egui::Modifiers::CTRL, false);
        assert!(ctrl.iter().all(|e| !matches!(e, egui::Event::Text(_))), "{ctrl:?}");
    }
}
