//! The portrait as SVG: a small writer, the pose (every shape's parameters,
//! blended from the expression), and the drawing order from the backdrop to
//! the arms.

mod body;
mod face;
mod hair;
mod scene;

use std::fmt::{self, Write};

use bedside_core::scenario::look::Headwear;

use crate::Expression;
use crate::colour::Rgb;
use crate::person::Person;

/// The drawing's own size; the SVG scales it to the width and height asked for.
pub(crate) const VIEW_W: f32 = 400.0;
pub(crate) const VIEW_H: f32 = 500.0;
/// Where the head's centre (the eye line) sits at rest.
pub(crate) const HEAD_X: f32 = 200.0;
pub(crate) const HEAD_Y: f32 = 200.0;

/// An SVG path's data, built by chained commands.
#[derive(Debug, Clone, Default)]
pub(crate) struct P(String);

impl P {
    pub(crate) fn new() -> P {
        P(String::with_capacity(96))
    }
    pub(crate) fn m(mut self, x: f32, y: f32) -> P {
        let _ = write!(self.0, "M{x:.1} {y:.1}");
        self
    }
    pub(crate) fn l(mut self, x: f32, y: f32) -> P {
        let _ = write!(self.0, "L{x:.1} {y:.1}");
        self
    }
    pub(crate) fn q(mut self, cx: f32, cy: f32, x: f32, y: f32) -> P {
        let _ = write!(self.0, "Q{cx:.1} {cy:.1} {x:.1} {y:.1}");
        self
    }
    pub(crate) fn c(mut self, a: (f32, f32), b: (f32, f32), to: (f32, f32)) -> P {
        let _ = write!(self.0, "C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}", a.0, a.1, b.0, b.1, to.0, to.1);
        self
    }
    pub(crate) fn z(mut self) -> P {
        self.0.push('Z');
        self
    }
    /// A closed ellipse as two arcs (to combine with other shapes in one path).
    pub(crate) fn ellipse(mut self, cx: f32, cy: f32, rx: f32, ry: f32) -> P {
        let _ = write!(
            self.0,
            "M{:.1} {cy:.1}A{rx:.1} {ry:.1} 0 1 0 {:.1} {cy:.1}A{rx:.1} {ry:.1} 0 1 0 {:.1} {cy:.1}Z",
            cx - rx,
            cx + rx,
            cx - rx
        );
        self
    }
}

/// A smooth curve through the points (Catmull-Rom, written as cubic Béziers),
/// closed back to the first point or left open.
pub(crate) fn through(points: &[(f32, f32)], closed: bool) -> P {
    let n = points.len();
    if n < 2 {
        return P::new();
    }
    let at = |i: isize| -> (f32, f32) {
        if closed { points[i.rem_euclid(n as isize) as usize] } else { points[i.clamp(0, n as isize - 1) as usize] }
    };
    let mut d = P::new().m(points[0].0, points[0].1);
    let segments = if closed { n } else { n - 1 };
    for i in 0..segments as isize {
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
        let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
        d = d.c(c1, c2, p2);
    }
    if closed { d.z() } else { d }
}

/// The points mirrored across the head's middle line, in reverse order, so a
/// right half and its mirror make one closed outline.
pub(crate) fn mirrored(half: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut all = half.to_vec();
    all.extend(half.iter().rev().map(|&(x, y)| (-x, y)));
    all
}

impl fmt::Display for P {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The SVG being written.
pub(crate) struct Svg {
    pub(crate) s: String,
}

impl Svg {
    pub(crate) fn raw(&mut self, text: &str) {
        self.s.push_str(text);
    }
    /// A filled shape with a soft outline.
    pub(crate) fn shape(&mut self, d: &P, fill: Rgb, outline: Rgb, width: f32) {
        let _ = write!(
            self.s,
            r#"<path d="{d}" fill="{fill}" stroke="{outline}" stroke-width="{width:.2}" stroke-linejoin="round"/>"#
        );
    }
    /// A filled shape, no outline.
    pub(crate) fn fill(&mut self, d: &P, fill: Rgb, opacity: f32) {
        if opacity <= 0.003 {
            return;
        }
        if opacity >= 0.999 {
            let _ = write!(self.s, r#"<path d="{d}" fill="{fill}"/>"#);
        } else {
            let _ = write!(self.s, r#"<path d="{d}" fill="{fill}" fill-opacity="{opacity:.3}"/>"#);
        }
    }
    /// A filled shape painted by a paint server (gradient or pattern) of this id.
    pub(crate) fn fill_url(&mut self, d: &P, id: &str, opacity: f32) {
        if opacity <= 0.003 {
            return;
        }
        let _ = write!(self.s, r#"<path d="{d}" fill="url(#{id})" fill-opacity="{opacity:.3}"/>"#);
    }
    /// A line with round ends.
    pub(crate) fn line(&mut self, d: &P, colour: Rgb, width: f32, opacity: f32) {
        if opacity <= 0.003 || width <= 0.01 {
            return;
        }
        let _ = write!(
            self.s,
            r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width:.2}" stroke-linecap="round" stroke-linejoin="round" stroke-opacity="{opacity:.3}"/>"#
        );
    }
    pub(crate) fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, fill: Rgb, opacity: f32) {
        if opacity <= 0.003 {
            return;
        }
        let _ = write!(
            self.s,
            r#"<ellipse cx="{cx:.1}" cy="{cy:.1}" rx="{rx:.1}" ry="{ry:.1}" fill="{fill}" fill-opacity="{opacity:.3}"/>"#
        );
    }
    pub(crate) fn group(&mut self, transform: &str) {
        let _ = write!(self.s, r#"<g transform="{transform}">"#);
    }
    pub(crate) fn group_clipped(&mut self, clip_id: &str) {
        let _ = write!(self.s, r#"<g clip-path="url(#{clip_id})">"#);
    }
    pub(crate) fn end(&mut self) {
        self.s.push_str("</g>");
    }
    pub(crate) fn clip(&mut self, id: &str, d: &P) {
        let _ = write!(self.s, r#"<clipPath id="{id}"><path d="{d}"/></clipPath>"#);
    }
}

fn smooth(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Everything the drawing needs, blended from the look and the expression.
/// Side 0 is the viewer's left (the person's right), side 1 the viewer's right.
#[derive(Debug, Clone)]
pub(crate) struct Pose {
    // The head as a whole.
    /// Degrees, clockwise.
    pub tilt: f32,
    /// -1 turned to the viewer's left .. 1 to the viewer's right.
    pub yaw: f32,
    /// 0 level .. 1 bowed; negative: pulled back.
    pub pitch: f32,
    /// Head and shoulders lifted by breathing, in drawing units.
    pub breath_lift: f32,
    /// 0 .. 1 shoulders raised (fear, shame).
    pub shrug: f32,
    // Eyes.
    /// Iris offset, -1 .. 1 across and down.
    pub gaze_x: f32,
    pub gaze_y: f32,
    /// Height of the upper lid's arch above the corners, per side.
    pub upper_lid: [f32; 2],
    /// Share of the arch near the inner and outer corners (sad lids droop outside).
    pub lid_inner: [f32; 2],
    pub lid_outer: [f32; 2],
    pub lower_lid: [f32; 2],
    pub pupil: f32,
    // Brows, offsets from rest (negative up).
    pub brow_inner: [f32; 2],
    pub brow_outer: [f32; 2],
    pub brow_arch: [f32; 2],
    /// Inner ends drawn towards the middle, per side.
    pub brow_pull: [f32; 2],
    // Mouth.
    pub mouth_w: f32,
    /// Corner drop per side (negative up, a smile).
    pub corner: [f32; 2],
    pub mouth_dx: f32,
    /// The gap between the lips at the middle.
    pub open: f32,
    /// Lips thinned, pressed together.
    pub press: f32,
    /// Lips pulled in between the teeth (shame): a small tight line.
    pub lips_in: f32,
    /// Clenched teeth shown between parted lips.
    pub teeth_set: f32,
    /// The lower lip pushed up (chin raised, about to cry).
    pub chin_raise: f32,
    // Lines, colour and the rest.
    pub forehead_raise: f32,
    pub forehead_centre: f32,
    pub furrow: f32,
    pub nose_flare: f32,
    pub cheek_raise: f32,
    pub jaw_clench: f32,
    pub flush: f32,
    pub blush: f32,
    pub pallor: f32,
    pub sweat: f32,
    pub tears: f32,
    pub red_eyes: f32,
    pub arms_crossed: f32,
    /// 0 hand down .. 1 a hand raised to the brow (shame).
    pub hand_to_brow: f32,
    pub blink: f32,
}

impl Pose {
    pub(crate) fn new(look: &Person, e: &Expression, breath: f32) -> Pose {
        let e = e.clamped();
        let (fe, an, sa, sh, ca, co) = (e.fear, e.anger, e.sadness, e.shame, e.calm, e.confusion);
        // Blends can add up past one: damp the sum so the face stays a face.
        let damp = e.damping();
        let (fe, an, sa, sh, co) = (fe * damp, an * damp, sa * damp, sh * damp, co * damp);
        let ca = ca * (1.0 - 0.6 * (fe + an + sa + sh + co).min(1.0));

        let off = (1.0 - e.gaze) / 2.0; // 0 meeting your eyes .. 1 away
        let phase = (breath * std::f32::consts::TAU).sin();
        let breath_lift = (phase + 1.0) * 0.5 * (1.5 + 4.5 * e.breathing_depth);

        let yaw = (-0.55 * off.powf(1.4) - 0.35 * sh + 0.12 * co).clamp(-1.0, 1.0);
        let pitch = 0.45 * off * (1.0 - fe) + 1.0 * sh + 0.35 * sa + 0.2 * an - 0.35 * fe;
        let tilt = -14.0 * co + 5.0 * sh + 4.0 * sa + 3.0 * ca * (1.0 - co);
        // A headscarf's hood tilts with the head while its drape stays on the
        // shoulders, so the head tilts a little less.
        let tilt = if look.headwear == Headwear::Headscarf { tilt * 0.85 } else { tilt };

        // Eyes look away and down, or (afraid) away to the side; shame looks
        // more down than aside.
        let gaze_x = -(0.95 * off * (1.0 - 0.35 * sh)).min(1.0) + 0.3 * co;
        let gaze_y = off * (0.75 - 0.6 * fe) + 0.6 * sh + 0.35 * sa - 0.25 * an * (1.0 - off) - 0.3 * co;

        let mut upper_lid = [0.0; 2];
        let mut lower_lid = [0.0; 2];
        let mut lid_inner = [0.0; 2];
        let mut lid_outer = [0.0; 2];
        let mut brow_inner = [0.0; 2];
        let mut brow_outer = [0.0; 2];
        let mut brow_arch = [0.0; 2];
        let mut corner = [0.0; 2];
        let mut brow_pull = [0.0; 2];
        for side in 0..2 {
            // Confusion is lopsided: the viewer's left brow goes up and arches,
            // the right knits down and in, its eye narrowed; the mouth goes
            // to that side, its corner up and the other down.
            let (cu, cd) = if side == 0 { (co, 0.0) } else { (0.0, co) };
            upper_lid[side] = (9.5 + 6.5 * fe - 4.0 * an - 3.5 * sa - 5.5 * sh - 1.2 * ca - 5.5 * cd + 3.5 * cu
                - 2.5 * gaze_y.max(0.0))
            .max(1.5);
            lid_inner[side] = 1.0 + 0.45 * sa + 0.15 * fe - 0.5 * an;
            lid_outer[side] = 1.0 - 0.45 * sa - 0.2 * sh + 0.1 * an;
            lower_lid[side] = 5.5 + 1.5 * fe - 2.5 * an - 1.8 * ca - 2.5 * cd;
            brow_inner[side] = -11.0 * fe - 12.0 * sa - 2.5 * sh + 10.0 * an - 1.5 * ca - 9.0 * cu + 10.0 * cd;
            brow_outer[side] = -8.0 * fe + 5.0 * sa + 1.5 * sh - 1.0 * an - 1.0 * ca - 20.0 * cu - 1.0 * cd;
            brow_arch[side] = 1.0 - 1.5 * sa + 6.0 * cu - 1.5 * an;
            brow_pull[side] = 4.5 * an + 3.0 * fe + 2.0 * sa + 1.5 * sh + 0.5 * cu + 4.5 * cd;
            // Shame presses the lips in, small and flat, rather than turning them down.
            corner[side] =
                -7.5 * ca + 7.5 * sa + 2.5 * an + 0.6 * sh + 1.5 * fe + if side == 0 { 3.5 } else { -2.5 } * co;
        }
        let teeth_set = smooth(0.45, 0.85, an) * (0.4 + 0.6 * e.jaw_clench);
        let crying = sa * e.tears;
        // Strong shame raises a hand to the brow, the head turned into it.
        let hand_to_brow = e.hand_to_brow();
        Pose {
            tilt,
            yaw,
            pitch,
            breath_lift,
            shrug: (0.8 * fe + 0.6 * sh + 0.3 * an).min(1.0),
            gaze_x,
            gaze_y: gaze_y.clamp(-1.0, 1.0),
            upper_lid,
            lid_inner,
            lid_outer,
            lower_lid,
            pupil: 3.3 + 0.6 * fe - 0.3 * an,
            brow_inner,
            brow_outer,
            brow_arch,
            brow_pull,
            mouth_w: 21.0 + 6.0 * fe + 3.0 * ca - 3.0 * an - 6.0 * sh + 1.0 * sa - 3.0 * co + 2.0 * teeth_set,
            corner,
            mouth_dx: 6.5 * co,
            open: (6.0 * fe + 5.0 * crying + 4.5 * co + 4.5 * teeth_set - 6.0 * e.jaw_clench * (1.0 - teeth_set))
                .max(0.0),
            press: (0.9 * an + 1.1 * sh + 0.5 * e.jaw_clench).min(1.0) * (1.0 - 0.7 * teeth_set),
            lips_in: smooth(0.2, 0.7, sh),
            teeth_set,
            chin_raise: 0.9 * sa + 0.3 * sh,
            forehead_raise: (fe + 0.3 * co).min(1.0),
            forehead_centre: (sa + 0.4 * fe + 0.3 * sh).min(1.0),
            furrow: (an + 0.35 * fe + 0.4 * sa + 0.8 * co).min(1.0),
            nose_flare: an,
            cheek_raise: ca,
            jaw_clench: e.jaw_clench,
            flush: 0.9 * an,
            blush: sh,
            pallor: fe * 0.8,
            sweat: smooth(0.5, 0.9, fe),
            tears: e.tears,
            red_eyes: (e.tears * 1.2 + 0.3 * sa).min(1.0),
            arms_crossed: e.arms_crossed * (1.0 - hand_to_brow),
            hand_to_brow,
            blink: e.blink,
        }
        .aged(look)
    }

    /// Older eyes sit a little lower under the lids.
    fn aged(mut self, look: &Person) -> Pose {
        let droop = ((look.age as f32 - 50.0) / 40.0).clamp(0.0, 1.0) * 1.5;
        for lid in &mut self.upper_lid {
            *lid = (*lid - droop).max(1.5);
        }
        self
    }
}

/// The portrait, as SVG text sized `width` by `height` (the drawing fills it, cropped to keep its shape).
pub(crate) fn portrait(look: &Person, e: &Expression, breath: f32, width: u32, height: u32) -> String {
    let scene = look.scene;
    let pose = Pose::new(look, e, breath);
    let mut svg = Svg { s: String::with_capacity(40_000) };
    let _ = write!(
        svg.s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {VIEW_W} {VIEW_H}" preserveAspectRatio="xMidYMid slice">"#
    );
    scene::backdrop(&mut svg, scene);
    let head = head_transform(&pose);
    if look.headwear != Headwear::Headscarf {
        svg.group(&head);
        hair::back(&mut svg, look, &pose);
        svg.end();
    }
    body::torso(&mut svg, look, &pose);
    if look.headwear == Headwear::Headscarf {
        hair::scarf_drape(&mut svg, look, &pose);
    }
    svg.group(&head);
    face::head(&mut svg, look, &pose);
    svg.end();
    body::arms(&mut svg, look, &pose, scene);
    svg.s.push_str("</svg>");
    svg.s
}

/// Where the head turns when it tilts, in its own coordinates: in the neck,
/// below the chin, so that a tilted head carries the neck's top with it and
/// the neck bends, rather than the head turning on a straight neck.
pub(crate) const PIVOT_Y: f32 = 100.0;

/// The head's origin on the drawing: breathing, a little lift with the shrug,
/// the bow, and a small lean of the neck towards the tilt.
fn head_origin(p: &Pose) -> (f32, f32) {
    let lean = p.tilt.to_radians().sin() * 6.0;
    (HEAD_X + p.yaw * 4.0 + lean, HEAD_Y - p.breath_lift * 0.6 + p.pitch * 7.0 - p.shrug * 3.0)
}

/// The head's transform: its origin, then the tilt about the top of the neck.
pub(crate) fn head_transform(p: &Pose) -> String {
    let (x, y) = head_origin(p);
    format!("translate({x:.1} {y:.1}) rotate({:.1} 0 {PIVOT_Y:.1})", p.tilt)
}

/// Where a point in the head's own coordinates lands on the drawing.
pub(crate) fn head_point(p: &Pose, x: f32, y: f32) -> (f32, f32) {
    let (s, c) = p.tilt.to_radians().sin_cos();
    let (hx, hy) = head_origin(p);
    let y = y - PIVOT_Y;
    (hx + x * c - y * s, hy + PIVOT_Y + x * s + y * c)
}
