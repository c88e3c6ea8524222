//! The patient on screen: the scenario's person (bedside-face's vector
//! portrait, in their look and scene) drawn into a sprite's image, its
//! expression blended from the eased distress and trust and the line's cue,
//! breathing at a pace that follows distress and blinking; the body language in
//! words for the caption. A portrait image replaces the drawing when the
//! scenario names one that exists under `assets/`.

use std::time::Duration;

use bedside_face::{Expression, Look};
use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy::window::PrimaryWindow;
use bevy::winit::{UpdateMode, WinitSettings};

use super::{Current, PANEL_SHARE};
use crate::app::{Notice, Screen};

/// The drawn portrait's size in pixels (4:5, as the drawing is).
pub const PORTRAIT: (u32, u32) = (400, 500);

/// What the face shows now (eased towards the run's values), for the meters
/// and the caption too.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct FaceState {
    pub distress: f32,
    pub trust: f32,
    /// The emotion of the cue in the patient's current line, if any.
    pub cue: Option<bedside_core::scenario::Emotion>,
    next_blink: f32,
    /// The eyes are closed until then (a blink starts on the first frame
    /// after `next_blink`).
    blink_until: f32,
    /// The breathing phase, 0 to 1 for one breath, advanced at the rate the
    /// expression breathes (so a change of rate does not jump the phase).
    breath: f32,
    /// Whether the shown values are still easing towards the run's.
    easing: bool,
}

impl FaceState {
    /// The expression these values make (without blink or breath).
    pub fn expression(&self) -> Expression {
        Expression::from_state(self.distress, self.trust, self.cue.map(|e| e.name()))
    }
}

/// The patient's body language now, in one short sentence ("She grips the
/// bed rail and won't look at you.").
pub fn body_language(face: &FaceState, current: &Current) -> String {
    let patient = &current.run.script().scenario().patient;
    bedside_face::caption(&face.expression(), &patient.look, super::voice::voice_of(current).woman)
}

/// The drawn person: their look and age, the image the sprite shows, and what
/// it was last drawn with (so that an unchanged frame is not drawn again).
#[derive(Resource)]
struct Drawn {
    look: Look,
    age: u32,
    image: Handle<Image>,
    last: Option<[i32; 5]>,
    /// Whether drawing failed (said once, not every frame).
    failed: bool,
}

/// The root of the patient on screen.
#[derive(Component)]
struct Patient;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Encounter), (spawn_patient, animate_while_in_encounter))
        .add_systems(OnExit(Screen::Encounter), (remove_face_state, idle_again))
        .add_systems(
            Update,
            (ease_towards_run, place_patient, redraw_portrait.run_if(resource_exists::<Drawn>))
                .chain()
                .run_if(in_state(Screen::Encounter).and_then(resource_exists::<FaceState>)),
        );
}

/// On the encounter screen the app wakes by itself, at most 10 times a second
/// while the face eases and otherwise at the next breath step or blink (see
/// [`redraw_portrait`]), and on window events (keys, mouse, resizing). Not on
/// device or user events: under X those kept it drawing at full speed.
/// Everywhere else the app only redraws on input.
fn waking_every(wait: f32) -> UpdateMode {
    UpdateMode::Reactive {
        wait: Duration::from_secs_f32(wait),
        react_to_device_events: false,
        react_to_user_events: false,
        react_to_window_events: true,
    }
}

fn animate_while_in_encounter(mut winit: ResMut<WinitSettings>) {
    winit.focused_mode = waking_every(0.1);
}

fn idle_again(mut winit: ResMut<WinitSettings>) {
    *winit = crate::app::idle_settings();
}

fn remove_face_state(mut commands: Commands) {
    commands.remove_resource::<FaceState>();
    commands.remove_resource::<Drawn>();
}

/// The emotion of the cue in the run's current line, when the pictured person
/// says it (a line another person in the scene says carries their feeling,
/// not the pictured face's).
fn cue_now(current: &Current) -> Option<bedside_core::scenario::Emotion> {
    let scenario = current.run.script().scenario();
    if bedside_core::scenario::speaker::other_speaker(scenario, current.run.says()).is_some() {
        return None;
    }
    let node = current.run.node()?;
    current.run.script().node(node).cue.map(|c| c.emotion())
}

fn spawn_patient(
    mut commands: Commands,
    current: Option<Res<Current>>,
    mut images: ResMut<Assets<Image>>,
    asset_server: Res<AssetServer>,
    mut notice: ResMut<Notice>,
) {
    let Some(current) = current else { return };
    let (distress, trust) = (current.run.distress() as f32, current.run.trust() as f32);
    commands.insert_resource(FaceState {
        distress,
        trust,
        cue: cue_now(&current),
        next_blink: 2.0,
        blink_until: 0.0,
        breath: 0.0,
        easing: false,
    });
    let size = Vec2::new(PORTRAIT.0 as f32, PORTRAIT.1 as f32);
    let patient = &current.run.script().scenario().patient;
    if let Some(path) = &patient.portrait {
        if std::path::Path::new("assets").join(path).is_file() {
            let image: Handle<Image> = asset_server.load(path.clone());
            commands.spawn((
                Patient,
                Sprite { image, custom_size: Some(size), ..default() },
                Transform::default(),
                DespawnOnExit(Screen::Encounter),
            ));
            return;
        }
        notice.show(format!("The portrait `{path}` was not found under assets/; the patient is drawn instead."));
    }
    let blank = Image::new_fill(
        Extent3d { width: PORTRAIT.0, height: PORTRAIT.1, depth_or_array_layers: 1 },
        TextureDimension::D2,
        &[0, 0, 0, 0],
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    let image = images.add(blank);
    commands.spawn((
        Patient,
        Sprite { image: image.clone(), custom_size: Some(size), ..default() },
        Transform::default(),
        DespawnOnExit(Screen::Encounter),
    ));
    let age = u32::try_from(patient.age.clamp(0, 120)).unwrap_or(45);
    commands.insert_resource(Drawn { look: patient.look.clone(), age, image, last: None, failed: false });
}

/// Eases the shown distress and trust towards the run's, follows the line's
/// cue, breathes, and keeps the blink clock.
fn ease_towards_run(current: Res<Current>, time: Res<Time>, mut face: ResMut<FaceState>) {
    let rate = 1.0 - (-time.delta_secs() * 3.0).exp();
    let target = (current.run.distress() as f32, current.run.trust() as f32);
    let gap = (target.0 - face.distress).abs().max((target.1 - face.trust).abs());
    if gap > 0.2 {
        face.distress += (target.0 - face.distress) * rate;
        face.trust += (target.1 - face.trust) * rate;
    } else if gap > 0.0 {
        face.distress = target.0;
        face.trust = target.1;
    }
    face.easing = gap > 0.2;
    let breaths_a_second = face.expression().breathing_rate.max(1.0) / 60.0;
    face.breath = (face.breath + time.delta_secs() * breaths_a_second).rem_euclid(1.0);
    let cue = cue_now(&current);
    if face.cue != cue {
        face.cue = cue;
    }
    let now = time.elapsed_secs();
    if now >= face.next_blink {
        // Blink every three to five seconds, a little more often when distressed.
        let jitter = (now * 7.3).sin().abs();
        face.blink_until = now + 0.15;
        face.next_blink = now + 4.5 - 1.5 * face.distress / 100.0 - jitter;
    }
}

/// Keeps the patient centred in the part of the window left of the
/// conversation, as large as fits.
fn place_patient(window: Single<&Window, With<PrimaryWindow>>, mut patient: Single<&mut Transform, With<Patient>>) {
    let free = window.width() * (1.0 - PANEL_SHARE);
    let x = -window.width() / 2.0 + free / 2.0;
    // Room below for the caption.
    let scale = ((free - 32.0) / PORTRAIT.0 as f32).min((window.height() - 120.0) / PORTRAIT.1 as f32).clamp(0.3, 1.6);
    let at = Vec3::new(x, 40.0, 0.0);
    if patient.translation != at || patient.scale.x != scale {
        patient.translation = at;
        patient.scale = Vec3::splat(scale);
    }
}

/// Steps of the breathing drawn in one breath.
const BREATH_STEPS: f32 = 8.0;

/// Draws the portrait again when what it shows has changed: the eased state,
/// the cue, a blink, or the breathing (in [`BREATH_STEPS`] a breath); and
/// wakes the app next when the next of these is due, so that a still patient
/// costs few frames.
fn redraw_portrait(
    face: Res<FaceState>,
    time: Res<Time>,
    mut drawn: ResMut<Drawn>,
    mut images: ResMut<Assets<Image>>,
    mut notice: ResMut<Notice>,
    mut winit: ResMut<WinitSettings>,
) {
    let now = time.elapsed_secs();
    let mut expr = face.expression();
    let blinking = now < face.blink_until;
    expr.blink = if blinking { 1.0 } else { 0.0 };
    let breath = face.breath;
    // The next wake: while easing, 10 a second; while blinking, when the eyes
    // open; otherwise once a breath step, in whole hundredths so that it stays
    // the same from frame to frame (a new wait makes winit draw at once).
    let step = (60.0 / expr.breathing_rate.max(1.0) / BREATH_STEPS * 100.0).round() / 100.0;
    let wait = if face.easing {
        0.1
    } else if blinking {
        0.15
    } else {
        step.clamp(0.1, 0.5)
    };
    let mode = waking_every(wait);
    if winit.focused_mode != mode {
        winit.focused_mode = mode;
    }
    let key = [
        face.distress.round() as i32,
        face.trust.round() as i32,
        face.cue.map_or(-1, |e| e as i32),
        i32::from(blinking),
        (breath * BREATH_STEPS).floor() as i32,
    ];
    if drawn.last == Some(key) {
        return;
    }
    drawn.last = Some(key);
    match bedside_face::portrait(&drawn.look, drawn.age, &expr, breath, PORTRAIT.0, PORTRAIT.1) {
        Ok(rgba) => {
            if let Some(mut image) = images.get_mut(&drawn.image) {
                image.data = Some(rgba);
            }
        }
        Err(e) if !drawn.failed => {
            drawn.failed = true;
            notice.show(format!("The patient could not be drawn: {e}."));
        }
        Err(_) => {}
    }
}
