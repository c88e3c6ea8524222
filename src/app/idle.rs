//! Keeps the app idle when nothing changes. Works around bevy_egui 0.42, which
//! pushes `ModifiersChanged` into egui's input every frame even when the keys did
//! not change; egui then asks for another frame, forever. This drops the event
//! when it matches egui's current modifiers. Remove when bevy_egui moves past
//! 0.42 (0.43 pushes it only on change).

use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiInput, EguiInputSet, EguiPreUpdateSet, egui};

pub fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers.after(EguiInputSet::WriteEguiEvents).before(EguiPreUpdateSet::BeginPass),
    );
}

/// Removes `ModifiersChanged` events that do not change egui's modifiers.
pub fn drop_unchanged_modifiers(mut contexts: Query<(&mut EguiContext, &mut EguiInput)>) {
    for (mut ctx, mut input) in &mut contexts {
        let current = ctx.get_mut().input(|i| i.modifiers);
        retain_changed_modifiers(&mut input.0.events, current);
    }
}

/// Keeps every event except a `ModifiersChanged` equal to `current`.
pub fn retain_changed_modifiers(events: &mut Vec<egui::Event>, current: egui::Modifiers) {
    events.retain(|e| !matches!(e, egui::Event::ModifiersChanged(m) if *m == current));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_modifiers_event_is_dropped_and_others_are_kept() {
        let mut events = vec![
            egui::Event::ModifiersChanged(egui::Modifiers::NONE),
            egui::Event::Text("a".into()),
            egui::Event::ModifiersChanged(egui::Modifiers::SHIFT),
        ];
        retain_changed_modifiers(&mut events, egui::Modifiers::NONE);
        assert_eq!(events, vec![egui::Event::Text("a".into()), egui::Event::ModifiersChanged(egui::Modifiers::SHIFT)]);
    }
}
