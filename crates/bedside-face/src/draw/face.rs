//! The head in its own coordinates (origin between the eyes, y down): ears,
//! the face and its shading, lines of age and expression, nose, beard, mouth,
//! eyes, brows, tears, then hair, headwear and glasses over them.

use std::fmt::Write;

use super::{P, Pose, Svg, hair, mirrored, smooth, through};
use crate::colour::{Colour, Rgb, skin_depth};
use crate::person::Person;
use bedside_core::scenario::look::{FaceShape, Headwear};

/// The head's outline measures, from the face shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geo {
    /// Half width at the cheekbones.
    pub cw: f32,
    /// Half width at the jaw's angle, and its height.
    pub jw: f32,
    pub jy: f32,
    /// Half width of the chin, and its lowest point.
    pub chw: f32,
    pub chy: f32,
    /// Top of the skull.
    pub top: f32,
}

impl Geo {
    pub(crate) fn of(look: &Person) -> Geo {
        let (cw, jw, jy, chw, chy) = match look.face {
            FaceShape::Oval => (68.0, 57.0, 54.0, 19.0, 97.0),
            FaceShape::Round => (71.0, 62.0, 52.0, 25.0, 93.0),
            FaceShape::Square => (69.0, 59.0, 57.0, 25.0, 97.0),
            FaceShape::Long => (65.0, 56.0, 60.0, 19.0, 103.0),
            FaceShape::Heart => (70.0, 53.0, 52.0, 15.0, 96.0),
        };
        // Older faces soften at the jaw.
        let soft = ((look.age as f32 - 60.0) / 30.0).clamp(0.0, 1.0);
        Geo { cw, jw: jw + 2.0 * soft, jy: jy + 3.0 * soft, chw: chw + 2.0 * soft, chy, top: -106.0 }
    }

    /// The outline of the head and face.
    pub(crate) fn outline(&self) -> P {
        self.outline_moved(0.0)
    }

    /// The outline moved `dx` across.
    fn outline_moved(&self, dx: f32) -> P {
        let g = self;
        let half = [
            (g.cw * 0.5, g.top + 2.0),
            (g.cw * 0.88, g.top + 22.0),
            (g.cw, -40.0),
            (g.cw, -4.0),
            (g.cw - 3.0, 22.0),
            ((g.cw + g.jw) * 0.5 - 1.0, g.jy - 14.0),
            (g.jw, g.jy),
            (g.jw - 10.0, g.jy + 22.0),
            (g.chw + 6.0, g.chy - 4.0),
            (g.chw * 0.35, g.chy),
        ];
        let points: Vec<(f32, f32)> = mirrored(&half).into_iter().map(|(x, y)| (x + dx, y)).collect();
        through(&points, true)
    }
}

/// Age as shares: lines begin in the thirties and deepen to the eighties.
fn age_lines(age: u32) -> f32 {
    ((age as f32 - 32.0) / 48.0).clamp(0.0, 1.0)
}

/// The whole head, ears to glasses.
pub(crate) fn head(svg: &mut Svg, look: &Person, p: &Pose) {
    let g = Geo::of(look);
    let skin = look.skin.rgb().mix(Rgb::hex(0xc9cbc0), p.pallor * 0.22);
    let outline = skin.shade(0.42);
    let depth = skin_depth(look.skin);
    let line = skin.shade(0.32 + 0.1 * depth);
    let scarf = look.headwear == Headwear::Headscarf;

    if !scarf {
        ears(svg, &g, p, skin, outline, depth);
    }
    let face = g.outline();
    svg.shape(&face, skin, outline, 2.0);
    svg.clip("faceclip", &face);
    svg.group_clipped("faceclip");
    // Flat shading: the far cheek, temple and jaw in shadow, light from the
    // viewer's left; the shadow's edge follows the face's own outline.
    let shadow = skin.shade(0.14);
    let _ = write!(
        svg.s,
        r#"<path d="{face}{}" fill="{shadow}" fill-opacity="0.75" fill-rule="evenodd"/>"#,
        g.outline_moved(-19.0)
    );
    // Under the jaw, soft at its top so no line crosses the chin.
    let _ = write!(
        svg.s,
        r#"<linearGradient id="jawshade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{shadow}" stop-opacity="0"/><stop offset="0.4" stop-color="{shadow}" stop-opacity="0.55"/></linearGradient>"#
    );
    svg.fill_url(&P::new().ellipse(0.0, g.chy + 18.0, g.jw + 6.0, 30.0), "jawshade", 1.0);
    // Light on the near cheekbone, soft-edged.
    soft_gradient(svg, "sheen", skin.light(0.25));
    svg.fill_url(&P::new().ellipse(-34.0 + p.yaw * 6.0, 24.0, 24.0, 16.0), "sheen", 0.45 * (1.0 - depth * 0.5));
    cheeks(svg, p, skin, depth);
    svg.end();

    lines(svg, look, &g, p, line);
    nose(svg, p, skin, outline);
    if look.beard {
        hair::beard(svg, look, &g, p);
    }
    mouth(svg, look, p, skin);
    if look.moustache {
        hair::moustache(svg, look, p);
    }
    let iris = look.eye_colour.rgb();
    for side in 0..2 {
        eye(svg, look, p, side, skin, iris);
    }
    let brow = hair::brow_colour(look);
    let thick = if look.beard || look.moustache || look.face == FaceShape::Square { 1.2 } else { 1.0 };
    let thin = if look.age > 75 { 0.85 } else { 1.0 };
    for side in 0..2 {
        brow_shape(svg, p, side, brow, thick * thin);
    }
    tears(svg, p, skin);
    sweat(svg, p);
    hair::front(svg, look, &g, p);
    match look.headwear {
        Headwear::None => {}
        Headwear::Headscarf => hair::headscarf(svg, look, &g),
        Headwear::Turban => hair::turban(svg, look, &g),
    }
    if look.glasses {
        glasses(svg, &g, p);
    }
}

/// Horizontal offset of a feature for the head's turn; deeper features move more.
fn turn(p: &Pose, depth: f32) -> f32 {
    p.yaw * depth
}

/// How far down features sit with the head bowed (and up with it pulled back).
fn bow(p: &Pose) -> f32 {
    p.pitch * 8.0
}

fn ears(svg: &mut Svg, g: &Geo, p: &Pose, skin: Rgb, outline: Rgb, depth: f32) {
    for side in 0..2 {
        let s = if side == 0 { -1.0 } else { 1.0 };
        // The ear on the side the head turns from shows a little more, as far
        // as the face itself turns (its features move only a few units).
        let k = (1.0 - s * p.yaw * 0.22).clamp(0.8, 1.2);
        let x0 = s * (g.cw - 5.0) + p.yaw * 2.0;
        let y = -bow(p) * 0.6;
        let pt = |dx: f32, dy: f32| (x0 + s * dx * k, y + dy);
        let d = through(
            &[pt(0.0, -16.0), pt(10.0, -23.0), pt(17.0, -8.0), pt(14.0, 14.0), pt(8.0, 36.0), pt(0.0, 40.0)],
            true,
        );
        svg.shape(&d, skin.shade(0.04), outline, 1.8);
        // Ears burn with shame.
        svg.fill(&d, blush_colour(skin, depth), 0.3 * p.blush * (1.0 - 0.4 * depth));
        let inner = through(&[pt(4.0, -11.0), pt(11.0, -13.0), pt(11.0, 6.0), pt(5.0, 20.0), pt(6.0, 30.0)], false);
        svg.line(&inner, skin.shade(0.3), 1.8, 0.7);
    }
}

/// A radial gradient of one colour that fades out smoothly (one less the
/// smoothstep of the radius), so what it fills has no edge to see.
fn soft_gradient(svg: &mut Svg, id: &str, colour: Rgb) {
    let _ = write!(svg.s, r#"<radialGradient id="{id}">"#);
    for (offset, opacity) in [(0.0, 1.0), (0.2, 0.9), (0.4, 0.65), (0.6, 0.35), (0.8, 0.1), (1.0, 0.0)] {
        let _ = write!(svg.s, r#"<stop offset="{offset}" stop-color="{colour}" stop-opacity="{opacity}"/>"#);
    }
    svg.s.push_str("</radialGradient>");
}

/// The colour shame brings to the skin: the skin's own, deepened towards
/// red (on darker skin a warmer, deeper brown rather than pink).
fn blush_colour(skin: Rgb, depth: f32) -> Rgb {
    skin.mix(Rgb::hex(0xc8384a), 0.6 - 0.2 * depth).shade(0.08 * depth)
}

/// Colour in the cheeks, soft-edged: a little warmth that a smile lifts, the
/// flush of anger over cheeks, nose and forehead, the blush of shame. Darker
/// skin shows it less.
fn cheeks(svg: &mut Svg, p: &Pose, skin: Rgb, depth: f32) {
    svg.raw(concat!(
        r##"<radialGradient id="warm"><stop offset="0" stop-color="#e07a6a"/><stop offset="1" stop-color="#e07a6a" stop-opacity="0"/></radialGradient>"##,
        r##"<radialGradient id="flush"><stop offset="0" stop-color="#d4473f"/><stop offset="0.6" stop-color="#d4473f" stop-opacity="0.6"/><stop offset="1" stop-color="#d4473f" stop-opacity="0"/></radialGradient>"##,
    ));
    soft_gradient(svg, "blush", blush_colour(skin, depth));
    let show = 1.0 - 0.45 * depth;
    let x = turn(p, 6.0);
    let y = bow(p) + 26.0 - 3.0 * p.cheek_raise;
    for s in [-1.0, 1.0] {
        svg.fill_url(&P::new().ellipse(x + s * 36.0, y, 22.0, 15.0), "warm", (0.3 * p.cheek_raise + 0.12) * show);
        // High on the cheekbones, broad and faint.
        svg.fill_url(&P::new().ellipse(x + s * 34.0, y - 6.0, 36.0, 26.0), "blush", 0.42 * p.blush * show);
    }
    // Shame colours the nose's bridge too, above any beard.
    svg.fill_url(&P::new().ellipse(x, y - 8.0, 34.0, 16.0), "blush", 0.22 * p.blush * show);
    // Anger flushes the whole middle of the face and the forehead.
    svg.fill_url(&P::new().ellipse(x, y - 6.0, 62.0, 30.0), "flush", 0.32 * p.flush * show);
    svg.fill_url(&P::new().ellipse(x, bow(p) - 46.0, 50.0, 24.0), "flush", 0.22 * p.flush * show);
}

/// Age and expression lines: forehead, between the brows, around eyes and mouth.
fn lines(svg: &mut Svg, look: &Person, g: &Geo, p: &Pose, line: Rgb) {
    let a = age_lines(look.age);
    let x = turn(p, 7.0);
    let y = bow(p);
    // Forehead: across for raised brows (fear) and age; in the middle for grief.
    for (i, dy) in [-42.0, -50.0, -58.0].into_iter().enumerate() {
        let fade = 1.0 - i as f32 * 0.2;
        let o = (0.55 * p.forehead_raise + 0.35 * a) * fade;
        svg.line(&P::new().m(x - 30.0, y + dy + 2.0).q(x, y + dy - 4.0, x + 30.0, y + dy + 2.0), line, 1.3, o);
        let o = 0.6 * p.forehead_centre * fade;
        svg.line(&P::new().m(x - 14.0, y + dy + 4.0).q(x, y + dy - 6.0, x + 14.0, y + dy + 4.0), line, 1.4, o);
    }
    // Between the brows: upright lines of a frown.
    for s in [-1.0, 1.0] {
        let d = P::new().m(x + s * 4.0, y - 33.0).q(x + s * 6.5, y - 25.0, x + s * 4.5, y - 17.0);
        svg.line(&d, line, 1.5, 0.65 * p.furrow + 0.15 * a);
    }
    // Under the eyes, and crow's feet.
    let crows = smooth(44.0, 80.0, look.age as f32) * 0.55 + 0.3 * p.cheek_raise;
    for (side, s) in [(0, -1.0), (1, 1.0)] {
        let ex = x + s * 30.0;
        let lo = p.lower_lid[side];
        let d = P::new().m(ex - s * 9.0, y + lo + 6.0).q(ex, y + lo + 10.0, ex + s * 11.0, y + lo + 4.0);
        svg.line(&d, line, 1.1, 0.12 + 0.45 * a);
        for k in [-1.0, 0.0, 1.0] {
            let d = P::new().m(ex + s * 18.0, y + k * 4.5).l(ex + s * 25.0, y + k * 7.0 - 1.0);
            svg.line(&d, line, 1.0, crows);
        }
        // Nose to mouth: deeper with a smile, a sneer and age.
        let mx = turn(p, 9.0) + s * (23.0 + 3.0 * p.cheek_raise);
        let my = y + 58.0 + p.mouth_corner_drop(side) * 0.5;
        let d = P::new().m(turn(p, 12.0) + s * 15.0, y + 36.0).q(x + s * 29.0, y + 48.0, mx, my);
        svg.line(&d, line, 1.4, 0.12 + 0.3 * p.cheek_raise + 0.4 * a + 0.3 * p.nose_flare);
        // Marionette lines with age, and with grief.
        let d = P::new().m(mx - s * 2.0, my + 6.0).q(mx + s * 1.0, my + 16.0, mx - s * 1.0, my + 24.0);
        svg.line(&d, line, 1.2, smooth(58.0, 85.0, look.age as f32) * 0.45 + 0.15 * p.chin_raise);
        // The jaw muscle standing out when clenched.
        let d =
            P::new().m(s * (g.jw - 6.0), g.jy - 24.0).q(s * (g.jw - 12.0), g.jy - 12.0, s * (g.jw - 7.0), g.jy - 2.0);
        svg.line(&d, line, 1.6, 0.55 * p.jaw_clench);
    }
    // The chin pushed up in grief puckers.
    let cx = turn(p, 8.0);
    let d = P::new().m(cx - 8.0, y + 80.0).q(cx, y + 84.0, cx + 8.0, y + 80.0);
    svg.line(&d, line, 1.3, 0.5 * p.chin_raise);
}

impl Pose {
    fn mouth_corner_drop(&self, side: usize) -> f32 {
        self.corner[side]
    }
}

fn nose(svg: &mut Svg, p: &Pose, skin: Rgb, outline: Rgb) {
    let x = turn(p, 14.0);
    let y = bow(p) * 0.95;
    let w = 12.0 + 2.5 * p.nose_flare;
    svg.ellipse(x + 2.0, y + 44.0, 12.0, 3.5, skin.shade(0.3), 0.35);
    // The bridge on the shadow side, and a soft tip.
    let d = P::new().m(x + 7.0, y - 6.0).q(x + 9.0, y + 18.0, x + 10.5, y + 31.0);
    svg.line(&d, skin.shade(0.28), 1.6, 0.5);
    svg.ellipse(x - 2.0, y + 33.0, 4.0, 3.0, skin.light(0.3), 0.35);
    let d = P::new()
        .m(x - w + 1.0, y + 33.0)
        .c((x - w - 4.0, y + 39.0), (x - w + 1.0, y + 45.0), (x - 6.0, y + 42.5))
        .q(x, y + 45.5, x + 6.0, y + 42.5)
        .c((x + w - 1.0, y + 45.0), (x + w + 4.0, y + 39.0), (x + w - 1.0, y + 33.0));
    svg.line(&d, outline, 1.7, 0.85);
    for s in [-1.0, 1.0] {
        svg.ellipse(x + s * 5.5, y + 41.5, 2.8 + 0.6 * p.nose_flare, 1.4, skin.shade(0.55), 0.75);
    }
    // Anger wrinkles the top of the nose.
    for s in [-1.0, 1.0] {
        let d = P::new().m(x + s * 3.0, y + 6.0).q(x + s * 7.0, y + 9.0, x + s * 9.0, y + 14.0);
        svg.line(&d, skin.shade(0.3), 1.2, 0.5 * p.nose_flare);
    }
    // A red nose with crying.
    svg.ellipse(x, y + 36.0, 9.0, 6.0, Rgb::hex(0xd9605a), 0.22 * p.red_eyes);
}

fn lip_colour(look: &Person, skin: Rgb) -> Rgb {
    let depth = skin_depth(look.skin);
    skin.shade(0.1 + 0.12 * depth).mix(Rgb::hex(0xb55d58), 0.32 * (1.0 - depth * 0.55))
}

fn mouth(svg: &mut Svg, look: &Person, p: &Pose, skin: Rgb) {
    let mx = turn(p, 9.0) + p.mouth_dx;
    let my = 59.0 + bow(p) * 0.9;
    let w = p.mouth_w;
    let lc = (mx - w, my + p.corner[0]);
    let rc = (mx + w, my + p.corner[1]);
    let lip = lip_colour(look, skin);
    // The line between the lips: a frown bows it up, a smile down.
    let mid = my + 1.5 * p.cheek_raise - 1.5 * p.chin_raise;
    let ctrl = |y_mid: f32| 2.0 * y_mid - (lc.1 + rc.1) / 2.0;
    let top_gap = mid - p.open * 0.35;
    let bottom_gap = mid + p.open * 0.65;
    let tuck = 1.0 - 0.55 * p.lips_in;
    let ut = 5.5 * (1.0 - 0.75 * p.press) * tuck;
    let lt = ((7.5 * (1.0 - 0.7 * p.press) - 1.0 * p.chin_raise) * tuck).max(1.2);

    // Upper lip: its bow on top, the gap below.
    let upper = P::new()
        .m(lc.0, lc.1)
        .q(mx - w * 0.45, top_gap - ut - 1.0, mx - 4.0, top_gap - ut - 1.0)
        .q(mx, top_gap - ut + 1.0, mx + 4.0, top_gap - ut - 1.0)
        .q(mx + w * 0.45, top_gap - ut - 1.0, rc.0, rc.1)
        .q(mx, ctrl(top_gap), lc.0, lc.1)
        .z();
    let lower = P::new()
        .m(lc.0, lc.1)
        .q(mx, ctrl(bottom_gap), rc.0, rc.1)
        .q(mx + w * 0.5, bottom_gap + lt + 2.0, mx, bottom_gap + lt + 1.5)
        .q(mx - w * 0.5, bottom_gap + lt + 2.0, lc.0, lc.1)
        .z();
    if p.open > 0.4 {
        let inside = P::new().m(lc.0, lc.1).q(mx, ctrl(top_gap), rc.0, rc.1).q(mx, ctrl(bottom_gap), lc.0, lc.1).z();
        svg.fill(&inside, Rgb::hex(0x4a2327), 1.0);
        svg.clip("mouthclip", &inside);
        svg.group_clipped("mouthclip");
        let teeth = Rgb::hex(0xf1ece2);
        // Upper teeth show in an open mouth; set teeth fill the gap.
        let h = (p.open * 0.5).min(4.5) + p.teeth_set * p.open;
        svg.fill(&P::new().ellipse(mx, top_gap - 2.0, w * 0.8, h + 2.0), teeth, 1.0);
        if p.teeth_set > 0.05 {
            let d =
                P::new().m(mx - w, mid + p.open * 0.15).q(mx, ctrl(mid + p.open * 0.15), mx + w, mid + p.open * 0.15);
            svg.line(&d, Rgb::hex(0xb7aea2), 1.0, p.teeth_set);
            for k in [-2.0, -1.0, 0.0, 1.0, 2.0] {
                let tx = mx + k * w * 0.28;
                let d = P::new().m(tx, top_gap - 2.0).l(tx, bottom_gap + 2.0);
                svg.line(&d, Rgb::hex(0xcfc6b8), 0.8, p.teeth_set * 0.8);
            }
        }
        svg.end();
    }
    svg.shape(&upper, lip.shade(0.08), lip.shade(0.3), 1.0);
    svg.shape(&lower, lip, lip.shade(0.28), 1.0);
    svg.ellipse(mx - 2.0, bottom_gap + lt * 0.45, w * 0.35, lt * 0.22, lip.light(0.25), 0.4);
    let seam = P::new().m(lc.0, lc.1).q(mx, ctrl(top_gap), rc.0, rc.1);
    svg.line(&seam, lip.shade(0.55), 1.7, 0.9);
    // Lips pulled in: the skin rolls over them above and below, and the
    // corners dimple.
    if p.lips_in > 0.02 {
        let fold = skin.shade(0.3);
        let (a, b) = (top_gap - ut - 4.0, bottom_gap + lt + 4.5);
        let d = P::new().m(mx - w * 0.55, a + 1.0).q(mx, a - 1.5, mx + w * 0.55, a + 1.0);
        svg.line(&d, fold, 1.2, 0.35 * p.lips_in);
        let d = P::new().m(mx - w * 0.6, b - 1.0).q(mx, b + 2.5, mx + w * 0.6, b - 1.0);
        svg.line(&d, fold, 1.4, 0.55 * p.lips_in);
        for (s, c) in [(-1.0, lc), (1.0, rc)] {
            let d = P::new().m(c.0 + s * 1.5, c.1 - 3.5).q(c.0 + s * 4.0, c.1, c.0 + s * 1.5, c.1 + 3.5);
            svg.line(&d, fold, 1.3, 0.6 * p.lips_in);
        }
    }
    // The corners: tucked up in a smile, pulled down in sorrow.
    for (side, s, c) in [(0, -1.0, lc), (1, 1.0, rc)] {
        let drop = p.corner[side] - my + mid;
        let d = P::new().m(c.0 + s * 1.0, c.1 - 1.0).q(
            c.0 + s * 3.5,
            c.1 + drop.signum() * 2.0,
            c.0 + s * 2.5,
            c.1 + drop.signum() * 5.0,
        );
        svg.line(&d, skin.shade(0.35), 1.3, (drop.abs() / 8.0).min(1.0) * 0.6);
    }
}

fn eye(svg: &mut Svg, look: &Person, p: &Pose, side: usize, skin: Rgb, iris_colour: Rgb) {
    let s = if side == 0 { -1.0 } else { 1.0 };
    let k = 1.0 + s * p.yaw * 0.1;
    let cx = s * 30.0 + turn(p, 9.0);
    let cy = bow(p);
    let w = 14.5 * k;
    let inner = (cx - s * w, cy + 0.8);
    let outer = (cx + s * w, cy - 1.2);
    let lo = p.lower_lid[side];
    let up = p.upper_lid[side] * (1.0 - p.blink) + (-lo * 0.45) * p.blink;
    let span = outer.0 - inner.0;
    let up_curve = |o: f32| {
        (
            (inner.0 + span * 0.22, cy - up * o * p.lid_inner[side]),
            (inner.0 + span * 0.72, cy - up * o * p.lid_outer[side]),
        )
    };
    let (u1, u2) = up_curve(1.33);
    let lower = ((outer.0 - span * 0.25, cy + lo * 1.33), (inner.0 + span * 0.3, cy + lo * 1.33));
    let ball = P::new().m(inner.0, inner.1).c(u1, u2, outer).c(lower.0, lower.1, inner).z();

    // The lid above: its crease, and the lid itself slightly darker.
    let crease_h = (up + 5.5 - 2.0 * (up - 9.5).max(0.0)).max(up + 1.5);
    let (c1, c2) = ((inner.0 + span * 0.2, cy - crease_h * 1.3), (inner.0 + span * 0.75, cy - crease_h * 1.25));
    let lid = P::new().m(inner.0, inner.1).c(c1, c2, outer).c(u2, u1, inner).z();
    svg.fill(&lid, skin.shade(0.1), 0.8);
    let crease = P::new().m(inner.0 + s * 2.0, inner.1 - 2.0).c(c1, c2, (outer.0 - s * 1.0, outer.1 - 1.0));
    svg.line(&crease, skin.shade(0.32), 1.3, 0.6 + 0.2 * age_lines(look.age));

    let id = if side == 0 { "eye0" } else { "eye1" };
    let sclera = Rgb::hex(0xf4efe8).mix(Rgb::hex(0xf0c4bd), p.red_eyes * 0.5);
    svg.fill(&ball, sclera, 1.0);
    svg.clip(id, &ball);
    svg.group_clipped(id);
    let ix = cx + p.gaze_x * 6.5 * k;
    let iy = cy + 0.5 + p.gaze_y * 3.8;
    let r = 7.4 * k;
    svg.ellipse(ix, iy, r, r, iris_colour, 1.0);
    svg.line(&P::new().ellipse(ix, iy, r - 0.6, r - 0.6), iris_colour.shade(0.45), 1.2, 0.8);
    svg.ellipse(ix, iy, p.pupil * k, p.pupil * k, Rgb::hex(0x17110e), 1.0);
    svg.ellipse(ix - 2.4, iy - 2.6, 1.9, 1.9, Rgb::hex(0xffffff), 0.9);
    svg.ellipse(ix + 2.6, iy + 2.2, 0.9, 0.9, Rgb::hex(0xffffff), 0.6);
    // The upper lid's shadow on the eye.
    let shade = P::new().m(inner.0, inner.1).c(u1, u2, outer);
    svg.line(&shade, Rgb::hex(0x3a2a22), 4.0, 0.28);
    svg.end();

    // Lash line and lower lid.
    let lash = Rgb::hex(0x2a201b).mix(skin, 0.15);
    svg.line(&P::new().m(inner.0, inner.1).c(u1, u2, outer), lash, 2.4, 0.95);
    svg.line(&P::new().m(outer.0, outer.1).l(outer.0 + s * 3.0, outer.1 - 1.5), lash, 1.6, 0.8);
    let lower_line = P::new().m(outer.0, outer.1).c(lower.0, lower.1, inner);
    let rim = skin.shade(0.3).mix(Rgb::hex(0xc0504d), p.red_eyes * 0.6);
    svg.line(&lower_line, rim, 1.2 + 0.8 * p.red_eyes, 0.75);
    if p.tears > 0.02 {
        svg.line(&lower_line, Rgb::hex(0xe8f6ff), 1.4, 0.85 * p.tears);
    }
}

fn brow_shape(svg: &mut Svg, p: &Pose, side: usize, colour: Rgb, thick: f32) {
    let s = if side == 0 { -1.0 } else { 1.0 };
    let x = turn(p, 8.0);
    let base = bow(p) - 23.0;
    let xi = x + s * (12.5 - p.brow_pull[side]);
    let xo = x + s * 51.0;
    let yi = base + 2.0 + p.brow_inner[side];
    let yo = base + 3.0 + p.brow_outer[side];
    let xm = x + s * 34.0;
    let ym = base - 2.0 - p.brow_arch[side] + 0.4 * p.brow_inner[side] + 0.6 * p.brow_outer[side];
    let (ti, tm) = (3.4 * thick, 2.9 * thick);
    let ctrl = |mid: f32, a: f32, b: f32| 2.0 * mid - (a + b) / 2.0;
    let top = ctrl(ym - tm, yi - ti, yo - 0.7);
    let bottom = ctrl(ym + tm * 0.75, yi + ti * 0.8, yo + 0.7);
    let d = P::new()
        .m(xi, yi + ti * 0.8)
        .l(xi - s * 0.5, yi - ti)
        .q(xm, top, xo, yo - 0.7)
        .l(xo, yo + 0.7)
        .q(xm, bottom, xi, yi + ti * 0.8)
        .z();
    write_brow(svg, &d, colour);
}

fn write_brow(svg: &mut Svg, d: &P, colour: Rgb) {
    svg.shape(d, colour, colour, 1.2);
}

/// Tears: a wet track from under each eye down over the cheek, bending out
/// round the cheek's curve below where glasses end, and a drop on it; the far
/// side runs less. Wet skin shows as a darker track with a bright edge.
fn tears(svg: &mut Svg, p: &Pose, skin: Rgb) {
    if p.tears < 0.02 {
        return;
    }
    let y = bow(p);
    let x = turn(p, 9.0);
    for (side, s) in [(0, -1.0f32), (1, 1.0)] {
        let run = p.tears * if side == 0 { 1.0 } else { 0.8 };
        let y0 = y + p.lower_lid[side] * 1.2 + 1.0;
        // From the lower lid's inner half, down past the nose's side, then
        // out over the cheek's curve and in again towards the jaw.
        let path = [
            (x + s * 23.0, y0),
            (x + s * 22.0, y0 + 10.0),
            (x + s * 24.5, y + 26.0),
            (x + s * 30.0, y + 40.0),
            (x + s * 34.0, y + 54.0),
            (x + s * 33.0, y + 68.0),
        ];
        // How far down it has run: the first steps at once, the rest with the tears.
        let reach = 1.5 + 3.5 * smooth(0.0, 1.0, run);
        let whole = reach.floor() as usize;
        let mut pts: Vec<(f32, f32)> = path[..=whole.min(5)].to_vec();
        if whole < 5 {
            let (a, b) = (path[whole], path[whole + 1]);
            let t = reach - whole as f32;
            pts.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
        }
        let track = through(&pts, false);
        svg.line(&track, skin.shade(0.22), 5.0, 0.35 * p.tears);
        svg.line(&track, Rgb::hex(0xa9cfe6), 3.0, 0.45 * p.tears);
        svg.line(&track, Rgb::hex(0xf4fbff), 1.3, 0.9 * p.tears);
        // The drop at the track's end, swelling as it runs.
        let (ex, ey) = *pts.last().unwrap_or(&path[1]);
        let r = 2.6 + 1.4 * run;
        let drop = P::new()
            .m(ex, ey - r * 1.6)
            .c((ex + r * 0.5, ey - r * 0.6), (ex + r * 1.1, ey + r * 0.1), (ex + r * 1.0, ey + r * 0.6))
            .c((ex + r * 0.9, ey + r * 1.5), (ex - r * 0.9, ey + r * 1.5), (ex - r * 1.0, ey + r * 0.6))
            .c((ex - r * 1.1, ey + r * 0.1), (ex - r * 0.5, ey - r * 0.6), (ex, ey - r * 1.6))
            .z();
        svg.shape(&drop, Rgb::hex(0xd6ecf8), Rgb::hex(0x7fa7c2), 1.0);
        svg.ellipse(ex - r * 0.35, ey + r * 0.1, r * 0.3, r * 0.45, Rgb::hex(0xffffff), 0.9);
        // A second drop gathering at the lid.
        if run > 0.45 {
            let (dx, dy) = (x + s * 22.5, y0 + 5.0);
            svg.ellipse(dx, dy, 2.2, 2.8, Rgb::hex(0xdff1fb), 0.9);
            svg.ellipse(dx - 0.7, dy - 0.6, 0.8, 1.0, Rgb::hex(0xffffff), 0.9);
        }
    }
}

fn sweat(svg: &mut Svg, p: &Pose) {
    if p.sweat < 0.02 {
        return;
    }
    let y = bow(p);
    for (x, dy, r) in [(-44.0, -56.0, 3.2), (50.0, -44.0, 2.6)] {
        let r = r * (0.6 + 0.4 * p.sweat);
        let (x, yy) = (x + turn(p, 5.0), y + dy);
        let d = P::new().m(x, yy - r * 2.2).q(x + r * 1.3, yy, x, yy + r).q(x - r * 1.3, yy, x, yy - r * 2.2).z();
        svg.shape(&d, Rgb::hex(0xeaf6fd), Rgb::hex(0x9ebfd6), 1.0);
    }
}

fn glasses(svg: &mut Svg, g: &Geo, p: &Pose) {
    let y = bow(p) + 1.0;
    let frame = Rgb::hex(0x3b302b);
    let mut rims = String::new();
    for s in [-1.0f32, 1.0] {
        let k = 1.0 + s * p.yaw * 0.1;
        let cx = s * 30.0 + turn(p, 9.0);
        let (hw, hh) = (20.0 * k, 14.0);
        rims.push_str(&format!(
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="#ffffff" fill-opacity="0.12" stroke="{frame}" stroke-width="2.6"/>"##,
            cx - hw,
            y - hh,
            hw * 2.0,
            hh * 2.0
        ));
        let glare = P::new().m(cx - hw * 0.5, y + hh * 0.5).l(cx - hw * 0.1, y - hh * 0.6);
        svg.line(&glare, Rgb::hex(0xffffff), 2.2, 0.3);
        // The arm to the ear.
        let d = P::new().m(cx + s * hw, y - hh * 0.4).l(s * (g.cw + 2.0), y - 4.0);
        svg.line(&d, frame, 2.4, 0.95);
    }
    svg.raw(&rims);
    let x = turn(p, 9.0);
    let bridge = P::new().m(x - 10.0, y - 3.0).q(x, y - 9.0, x + 10.0, y - 3.0);
    svg.line(&bridge, frame, 2.4, 1.0);
}
