//! The patient, drawn by Bevy in 2D: a face whose brows, eyes, mouth and colour
//! follow distress and trust, easing between states, with breathing and
//! blinking. A portrait image replaces the face when the scenario names one
//! that exists under `assets/`.

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy::winit::{UpdateMode, WinitSettings};

use super::{Current, PANEL_SHARE};
use crate::app::{Notice, Screen};

/// What the face shows now (eased towards the run's values), for the meters too.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct FaceState {
    pub distress: f32,
    pub trust: f32,
    next_blink: f32,
}

/// The parts of the face, each a mesh under the face's root.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Head,
    Eye(Side),
    Pupil(Side),
    Brow(Side),
    Mouth(Side),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

impl Side {
    fn sign(self) -> f32 {
        match self {
            Side::Left => -1.0,
            Side::Right => 1.0,
        }
    }
}

/// The root of the drawn patient.
#[derive(Component)]
struct Patient;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Encounter), (spawn_patient, animate_while_in_encounter))
        .add_systems(OnExit(Screen::Encounter), (remove_face_state, idle_again))
        .add_systems(
            Update,
            (ease_towards_run, place_patient, pose_face)
                .chain()
                .run_if(in_state(Screen::Encounter).and_then(resource_exists::<FaceState>)),
        );
}

/// About 10 frames a second on the encounter screen for breathing and easing
/// (enough for slow, subtle motion, and light on software rendering);
/// everywhere else the app only redraws on input.
fn animate_while_in_encounter(mut winit: ResMut<WinitSettings>) {
    winit.focused_mode = UpdateMode::reactive(Duration::from_millis(100));
}

fn idle_again(mut winit: ResMut<WinitSettings>) {
    *winit = crate::app::idle_settings();
}

fn remove_face_state(mut commands: Commands) {
    commands.remove_resource::<FaceState>();
}

const SKIN: (f32, f32, f32) = (0.80, 0.62, 0.50);
const FLUSH: (f32, f32, f32) = (0.86, 0.45, 0.40);

fn spawn_patient(
    mut commands: Commands,
    current: Option<Res<Current>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    asset_server: Res<AssetServer>,
    mut notice: ResMut<Notice>,
) {
    let Some(current) = current else { return };
    let (distress, trust) = (current.run.distress() as f32, current.run.trust() as f32);
    commands.insert_resource(FaceState { distress, trust, next_blink: 2.0 });
    let root =
        commands.spawn((Patient, Transform::default(), Visibility::default(), DespawnOnExit(Screen::Encounter))).id();

    let portrait = current.run.script().scenario().patient.portrait.clone();
    if let Some(path) = portrait {
        if std::path::Path::new("assets").join(&path).is_file() {
            let image: Handle<Image> = asset_server.load(path);
            commands.entity(root).with_children(|p| {
                p.spawn((
                    Sprite { image, custom_size: Some(Vec2::new(320.0, 400.0)), ..default() },
                    Transform::default(),
                ));
            });
            return;
        }
        notice.show(format!("The portrait `{path}` was not found under assets/; the patient is drawn instead."));
    }

    let mut part = |p: &mut ChildSpawnerCommands, part: Part, mesh: Mesh, color: Color, at: Vec3| {
        p.spawn((
            part,
            Mesh2d(meshes.add(mesh)),
            MeshMaterial2d(materials.add(ColorMaterial::from_color(color))),
            Transform::from_translation(at),
        ));
    };
    let skin = Color::srgb(SKIN.0, SKIN.1, SKIN.2);
    commands.entity(root).with_children(|p| {
        part(
            p,
            Part::Body,
            Ellipse::new(170.0, 120.0).into(),
            Color::srgb(0.30, 0.45, 0.62),
            Vec3::new(0.0, -230.0, 0.0),
        );
        part(p, Part::Head, Ellipse::new(105.0, 130.0).into(), skin, Vec3::new(0.0, 20.0, 1.0));
        for side in [Side::Left, Side::Right] {
            let x = side.sign() * 40.0;
            part(
                p,
                Part::Eye(side),
                Ellipse::new(20.0, 13.0).into(),
                Color::srgb(0.97, 0.97, 0.95),
                Vec3::new(x, 45.0, 2.0),
            );
            part(p, Part::Pupil(side), Circle::new(7.0).into(), Color::srgb(0.20, 0.15, 0.12), Vec3::new(x, 45.0, 3.0));
            part(
                p,
                Part::Brow(side),
                Rectangle::new(44.0, 7.0).into(),
                Color::srgb(0.30, 0.22, 0.16),
                Vec3::new(x, 78.0, 3.0),
            );
            part(
                p,
                Part::Mouth(side),
                Rectangle::new(36.0, 6.0).into(),
                Color::srgb(0.55, 0.25, 0.25),
                Vec3::new(side.sign() * 16.0, -45.0, 3.0),
            );
        }
    });
}

/// Eases the shown distress and trust towards the run's, and keeps the blink clock.
fn ease_towards_run(current: Res<Current>, time: Res<Time>, mut face: ResMut<FaceState>) {
    let rate = 1.0 - (-time.delta_secs() * 3.0).exp();
    let target = (current.run.distress() as f32, current.run.trust() as f32);
    let next = FaceState {
        distress: face.distress + (target.0 - face.distress) * rate,
        trust: face.trust + (target.1 - face.trust) * rate,
        next_blink: face.next_blink,
    };
    if (next.distress - face.distress).abs() > 1e-3 || (next.trust - face.trust).abs() > 1e-3 {
        *face = next;
    }
    if time.elapsed_secs() > face.next_blink + 0.15 {
        // Blink every three to five seconds, a little more often when distressed.
        let jitter = (time.elapsed_secs() * 7.3).sin().abs();
        face.next_blink = time.elapsed_secs() + 4.5 - 1.5 * face.distress / 100.0 - jitter;
    }
}

/// Keeps the patient centred in the part of the window left of the conversation.
fn place_patient(window: Single<&Window, With<PrimaryWindow>>, mut patient: Single<&mut Transform, With<Patient>>) {
    let free = window.width() * (1.0 - PANEL_SHARE);
    let x = -window.width() / 2.0 + free / 2.0;
    let scale = (free / 420.0).min(window.height() / 700.0).clamp(0.4, 1.4);
    patient.translation.x = x;
    patient.translation.y = 20.0;
    patient.scale = Vec3::splat(scale);
}

/// Sets every part's pose and colour from the eased state and the clock.
fn pose_face(
    face: Res<FaceState>,
    time: Res<Time>,
    mut parts: Query<(&Part, &mut Transform, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let d = face.distress / 100.0;
    let t = face.trust / 100.0;
    let now = time.elapsed_secs();
    let blinking = now >= face.next_blink && now < face.next_blink + 0.15;
    // Positive is a smile, negative a frown.
    let mood = (t - d).clamp(-1.0, 1.0);
    for (part, mut tf, material) in &mut parts {
        match *part {
            Part::Body => {
                let breath = (now * (1.3 + 1.5 * d)).sin() * (0.012 + 0.02 * d);
                tf.scale = Vec3::new(1.0, 1.0 + breath, 1.0);
            }
            Part::Head => {
                if let Some(mut m) = materials.get_mut(&material.0) {
                    let mix = |a: f32, b: f32| a + (b - a) * d;
                    let color = Color::srgb(mix(SKIN.0, FLUSH.0), mix(SKIN.1, FLUSH.1), mix(SKIN.2, FLUSH.2));
                    if m.color != color {
                        m.color = color;
                    }
                }
            }
            Part::Eye(_) | Part::Pupil(_) => {
                let open = if blinking { 0.1 } else { 0.85 + 0.45 * d - 0.15 * (1.0 - t) * (1.0 - d) };
                tf.scale = Vec3::new(1.0, open.max(0.1), 1.0);
            }
            Part::Brow(side) => {
                // Worry lifts the inner ends; distrust lowers and draws them in.
                let worry = 0.45 * d;
                let frown = 0.35 * (1.0 - t) * (1.0 - d);
                tf.rotation = Quat::from_rotation_z(side.sign() * (frown - worry));
                tf.translation.y = 78.0 + 10.0 * d - 8.0 * (1.0 - t) * (1.0 - d);
            }
            Part::Mouth(side) => {
                tf.rotation = Quat::from_rotation_z(side.sign() * 0.35 * mood);
                tf.translation.y = -45.0 + 5.0 * mood.abs() * if mood > 0.0 { 1.0 } else { -1.0 };
            }
        }
    }
}
