//! Neck, shoulders and clothes (gown, own clothes, coat, uniform) in the
//! drawing's coordinates; then the crossed arms, or the hand holding a phone.

use super::face::Geo;
use super::{P, Pose, Svg, head_point, through};
use crate::colour::{Colour, Rgb};
use crate::person::Person;
use bedside_core::scenario::look::{Clothing, Headwear, Scene};

const GOWN: Rgb = Rgb::hex(0xa3c1d4);

/// The key points of the shoulders, lifted by breathing and a shrug.
struct Frame {
    /// Neck's base, left and right.
    nl: (f32, f32),
    nr: (f32, f32),
    /// Tops of the shoulders.
    sl: (f32, f32),
    sr: (f32, f32),
    lift: f32,
}

impl Frame {
    fn new(p: &Pose) -> Frame {
        let lift = p.breath_lift;
        let up = p.shrug * 14.0;
        Frame {
            nl: (156.0, 346.0 - lift - up * 0.4),
            nr: (244.0, 346.0 - lift - up * 0.4),
            sl: (50.0 + up * 0.4, 380.0 - lift - up),
            sr: (350.0 - up * 0.4, 380.0 - lift - up),
            lift,
        }
    }

    fn torso(&self) -> P {
        let (nl, nr, sl, sr) = (self.nl, self.nr, self.sl, self.sr);
        P::new()
            .m(nl.0, nl.1)
            .c((nl.0 - 14.0, nl.1 + 18.0), (sl.0 + 40.0, sl.1 - 8.0), sl)
            .c((sl.0 - 30.0, sl.1 + 12.0), (8.0, 440.0 - self.lift), (4.0, 505.0))
            .l(396.0, 505.0)
            .c((392.0, 440.0 - self.lift), (sr.0 + 30.0, sr.1 + 12.0), sr)
            .c((sr.0 - 40.0, sr.1 - 8.0), (nr.0 + 14.0, nr.1 + 18.0), nr)
            .z()
    }

    /// A neckline: a curve from the neck's base on one side to the other, `depth` deep.
    fn neckline(&self, depth: f32, inset: f32) -> P {
        let (nl, nr) = (self.nl, self.nr);
        P::new().m(nl.0 + inset, nl.1).c(
            (nl.0 + inset + 6.0, nl.1 + depth),
            (nr.0 - inset - 6.0, nr.1 + depth),
            (nr.0 - inset, nr.1),
        )
    }
}

fn clothes_colour(look: &Person) -> Rgb {
    match look.clothing {
        Clothing::Gown => GOWN,
        _ => look.clothes_colour.rgb(),
    }
}

/// Neck, shoulders and clothes.
pub(crate) fn torso(svg: &mut Svg, look: &Person, p: &Pose, _scene: Scene) {
    let f = Frame::new(p);
    let skin = look.skin.rgb().mix(Rgb::hex(0xc9cbc0), p.pallor * 0.22);
    let g = Geo::of(look);
    let cloth = clothes_colour(look);

    // A collar standing behind the neck.
    if matches!(look.clothing, Clothing::Coat | Clothing::Uniform) {
        let c = P::new()
            .m(f.nl.0 - 10.0, f.nl.1 + 8.0)
            .c((f.nl.0 - 4.0, f.nl.1 - 20.0), (f.nr.0 + 4.0, f.nr.1 - 20.0), (f.nr.0 + 10.0, f.nr.1 + 8.0))
            .l(f.nr.0 - 4.0, f.nr.1 + 4.0)
            .l(f.nl.0 + 4.0, f.nl.1 + 4.0)
            .z();
        svg.shape(&c, cloth.shade(0.22), cloth.shade(0.45), 1.5);
    }

    // The neck, with the chin's shadow on it.
    let (hx, _) = head_point(p, 0.0, 0.0);
    let nw = g.jw * 0.68;
    let neck = P::new()
        .m(hx - nw, 250.0)
        .c((hx - nw, 300.0), (f.nl.0 + 8.0, f.nl.1 - 16.0), (f.nl.0 - 4.0, f.nl.1 + 8.0))
        .l(f.nr.0 + 4.0, f.nr.1 + 8.0)
        .c((f.nr.0 - 8.0, f.nr.1 - 16.0), (hx + nw, 300.0), (hx + nw, 250.0))
        .z();
    let neck_skin = skin.shade(0.07);
    svg.shape(&neck, neck_skin, skin.shade(0.42), 1.8);
    svg.clip("neckclip", &neck);
    svg.group_clipped("neckclip");
    let chin = head_point(p, 0.0, g.chy - 4.0);
    svg.ellipse(chin.0 + 4.0, chin.1, g.jw * 0.95, 30.0, skin.shade(0.3), 0.6);
    let a = ((look.age as f32 - 55.0) / 30.0).clamp(0.0, 1.0);
    for dy in [0.0, 16.0] {
        let y = 312.0 + dy * 0.8 - f.lift;
        svg.line(&P::new().m(hx - nw + 6.0, y).q(hx, y + 5.0, hx + nw - 6.0, y), skin.shade(0.35), 1.2, 0.45 * a);
    }
    svg.end();

    let body = f.torso();
    svg.shape(&body, cloth, cloth.shade(0.4), 2.0);
    // Shade under the far shoulder and down the side.
    svg.clip("bodyclip", &body);
    svg.group_clipped("bodyclip");
    svg.ellipse(370.0, 480.0, 70.0, 90.0, cloth.shade(0.2), 0.55);
    if look.clothing == Clothing::Gown {
        svg.raw(r##"<pattern id="gownp" width="16" height="16" patternUnits="userSpaceOnUse"><path d="M4 2.5L5.5 4L4 5.5L2.5 4Z M12 10.5L13.5 12L12 13.5L10.5 12Z" fill="#7f9fb5"/></pattern>"##);
        svg.fill_url(&body, "gownp", 0.8);
    }
    svg.end();

    match look.clothing {
        Clothing::Gown => {
            let neckline = f.neckline(46.0, 2.0).z();
            svg.fill(&neckline, skin.shade(0.04), 1.0);
            chest(svg, &f, skin, look);
            svg.line(&f.neckline(46.0, 2.0), cloth.shade(0.25), 5.0, 1.0);
            // Ties at the shoulders and soft folds.
            for s in [-1.0f32, 1.0] {
                let x = 200.0 + s * 92.0;
                let d = P::new().m(x, f.sl.1 + 2.0).q(x + s * 6.0, f.sl.1 + 40.0, x - s * 4.0, 500.0);
                svg.line(&d, cloth.shade(0.2), 1.5, 0.5);
            }
        }
        Clothing::OwnClothes => {
            let neckline = f.neckline(26.0, 4.0).z();
            svg.fill(&neckline, skin.shade(0.04), 1.0);
            chest(svg, &f, skin, look);
            svg.line(&f.neckline(26.0, 4.0), cloth.shade(0.18), 8.0, 1.0);
            svg.line(&f.neckline(32.0, -2.0), cloth.shade(0.35), 1.3, 0.7);
            for s in [-1.0f32, 1.0] {
                let d = P::new().m(200.0 + s * 70.0, 470.0 - f.lift).q(
                    200.0 + s * 40.0,
                    455.0 - f.lift,
                    200.0 + s * 20.0,
                    480.0,
                );
                svg.line(&d, cloth.shade(0.25), 1.5, 0.45);
            }
        }
        Clothing::Coat => {
            let inner = Rgb::hex(0xd9d0c2);
            let v = P::new().m(f.nl.0 - 6.0, f.nl.1 + 4.0).l(200.0, 505.0).l(f.nr.0 + 6.0, f.nr.1 + 4.0).z();
            svg.shape(&v, inner, inner.shade(0.35), 1.5);
            let neckline = f.neckline(24.0, 4.0).z();
            svg.fill(&neckline, skin.shade(0.04), 1.0);
            svg.line(&f.neckline(24.0, 4.0), inner.shade(0.2), 5.0, 1.0);
            for s in [-1.0f32, 1.0] {
                let n = if s < 0.0 { f.nl } else { f.nr };
                let lapel = P::new()
                    .m(n.0 - s * 6.0, n.1 + 4.0)
                    .l(n.0 - s * 40.0, n.1 + 48.0)
                    .l(n.0 - s * 26.0, n.1 + 60.0)
                    .l(200.0 + s * 2.0, 505.0)
                    .l(200.0 - s * 14.0, 505.0)
                    .z();
                svg.shape(&lapel, cloth.shade(0.1), cloth.shade(0.45), 1.6);
            }
            for y in [455.0, 490.0] {
                svg.ellipse(214.0, y - f.lift, 4.5, 4.5, cloth.shade(0.5), 1.0);
            }
        }
        Clothing::Uniform => {
            let v = P::new().m(f.nl.0 + 6.0, f.nl.1).l(200.0, f.nl.1 + 34.0).l(f.nr.0 - 6.0, f.nr.1).z();
            svg.fill(&v, skin.shade(0.04), 1.0);
            let placket = P::new()
                .m(194.0, f.nl.1 + 30.0)
                .l(206.0, f.nl.1 + 30.0)
                .l(206.0, f.nl.1 + 84.0)
                .l(194.0, f.nl.1 + 84.0)
                .z();
            svg.shape(&placket, cloth, cloth.shade(0.35), 1.2);
            for y in [44.0, 66.0] {
                svg.ellipse(200.0, f.nl.1 + y, 2.6, 2.6, cloth.light(0.5), 1.0);
            }
            for s in [-1.0f32, 1.0] {
                let n = if s < 0.0 { f.nl } else { f.nr };
                let flap = P::new()
                    .m(n.0 - s * 8.0, n.1 - 6.0)
                    .l(n.0 - s * 22.0, n.1 + 30.0)
                    .l(200.0 + s * 2.0, n.1 + 36.0)
                    .l(n.0 + s * 8.0, n.1 + 2.0)
                    .z();
                svg.shape(&flap, cloth.light(0.06), cloth.shade(0.4), 1.5);
            }
        }
    }
}

/// Collarbones showing at an open neckline (fainter on a young or round frame).
fn chest(svg: &mut Svg, f: &Frame, skin: Rgb, look: &Person) {
    let o = 0.2 + 0.2 * ((look.age as f32 - 40.0) / 40.0).clamp(0.0, 1.0);
    for s in [-1.0f32, 1.0] {
        let d = P::new().m(200.0 + s * 8.0, f.nl.1 + 18.0).q(
            200.0 + s * 22.0,
            f.nl.1 + 12.0,
            200.0 + s * 40.0,
            f.nl.1 + 14.0,
        );
        svg.line(&d, skin.shade(0.3), 1.4, o);
    }
}

/// A forearm (a capsule from elbow to wrist) in a sleeve or bare.
fn forearm(svg: &mut Svg, from: (f32, f32), to: (f32, f32), w: f32, fill: Rgb) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (nx, ny) = (-dy / len * w * 0.5, dx / len * w * 0.5);
    let (ux, uy) = (dx / len, dy / len);
    // Fuller near the elbow, narrowing to the wrist.
    let t = 0.8;
    let k = w * 0.5;
    let mid = (from.0 + dx * 0.35, from.1 + dy * 0.35);
    let d = P::new()
        .m(from.0 + nx, from.1 + ny)
        .q(mid.0 + nx * 1.08, mid.1 + ny * 1.08, to.0 + nx * t, to.1 + ny * t)
        .c(
            (to.0 + nx * t + ux * k, to.1 + ny * t + uy * k),
            (to.0 - nx * t + ux * k, to.1 - ny * t + uy * k),
            (to.0 - nx * t, to.1 - ny * t),
        )
        .q(mid.0 - nx * 1.08, mid.1 - ny * 1.08, from.0 - nx, from.1 - ny)
        .z();
    svg.shape(&d, fill, fill.shade(0.4), 1.8);
}

/// A hand resting on an arm: a rounded back with the fingers' lines.
fn hand(svg: &mut Svg, at: (f32, f32), angle: f32, skin: Rgb) {
    svg.group(&format!("translate({:.1} {:.1}) rotate({angle:.1})", at.0, at.1));
    let d = through(
        &[(-18.0, -10.0), (4.0, -14.0), (20.0, -8.0), (24.0, 4.0), (16.0, 13.0), (-6.0, 14.0), (-20.0, 8.0)],
        true,
    );
    svg.shape(&d, skin, skin.shade(0.4), 1.6);
    let mut lines = P::new();
    for k in [-1.0, 0.0, 1.0] {
        lines = lines.m(6.0 + k * 2.0, -6.0 + k * 6.5).l(20.0, -2.0 + k * 5.5);
    }
    svg.line(&lines, skin.shade(0.35), 1.2, 0.7);
    svg.end();
}

/// Crossed arms sliding up into view as they cross, or the phone at the ear.
pub(crate) fn arms(svg: &mut Svg, look: &Person, p: &Pose, scene: Scene) {
    let skin = look.skin.rgb();
    let cloth = clothes_colour(look);
    let sleeve = match look.clothing {
        Clothing::Gown | Clothing::Uniform => skin,
        _ => cloth.shade(0.06),
    };
    if scene == Scene::Phone {
        phone(svg, look, p, sleeve, skin);
        return;
    }
    let ac = p.arms_crossed;
    if ac < 0.01 {
        return;
    }
    let oy = (1.0 - ac).powf(1.5) * 140.0 - p.breath_lift;
    let o = ac.min(1.0);
    // The upper arms hang at the sides: their inner edges against the chest.
    for s in [-1.0f32, 1.0] {
        let d =
            P::new().m(200.0 + s * 122.0, 396.0 - p.breath_lift).q(200.0 + s * 136.0, 430.0, 200.0 + s * 150.0, 470.0);
        svg.line(&d, cloth.shade(0.4), 1.8, 0.7 * o);
    }
    // The forearms cross over the chest, each hand holding the other upper arm;
    // the one behind first.
    let behind = ((392.0, 530.0 + oy), (98.0, 420.0 + oy));
    let front = ((8.0, 532.0 + oy), (302.0, 418.0 + oy));
    let clothed = sleeve != skin;
    arm(svg, behind, 54.0, if clothed { sleeve.shade(0.12) } else { skin.shade(0.08) }, skin.shade(0.08), clothed);
    hand(svg, (behind.1.0 - 10.0, behind.1.1 - 3.0), 200.0, skin.shade(0.08));
    arm(svg, front, 56.0, sleeve, skin, clothed);
    hand(svg, (front.1.0 + 10.0, front.1.1 - 3.0), -20.0, skin);
}

/// A forearm from elbow to wrist: in its sleeve with a bare wrist below the
/// cuff, or bare.
fn arm(svg: &mut Svg, (from, to): ((f32, f32), (f32, f32)), w: f32, sleeve: Rgb, skin: Rgb, clothed: bool) {
    if !clothed {
        forearm(svg, from, to, w, skin);
        return;
    }
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let cuff = (to.0 - ux * 30.0, to.1 - uy * 30.0);
    forearm(svg, (cuff.0 - ux * 8.0, cuff.1 - uy * 8.0), to, w * 0.72, skin);
    forearm(svg, from, cuff, w, sleeve);
    let (nx, ny) = (-uy * w * 0.42, ux * w * 0.42);
    let band =
        P::new().m(cuff.0 - ux * 7.0 + nx, cuff.1 - uy * 7.0 + ny).l(cuff.0 - ux * 7.0 - nx, cuff.1 - uy * 7.0 - ny);
    svg.line(&band, sleeve.shade(0.35), 1.6, 0.7);
}

/// The hand holding a phone to the ear on the viewer's right, its forearm
/// coming up from below.
fn phone(svg: &mut Svg, look: &Person, p: &Pose, sleeve: Rgb, skin: Rgb) {
    let g = Geo::of(look);
    let scarf = look.headwear == Headwear::Headscarf;
    let ear_x = g.cw + if scarf { 14.0 } else { 6.0 };
    let wrist = head_point(p, ear_x + 18.0, 86.0);
    forearm(svg, (350.0, 530.0), wrist, 50.0, sleeve);
    svg.group(&super::head_transform(p));
    let body = Rgb::hex(0x2d3036);
    let phone = P::new()
        .m(ear_x - 8.0, -26.0)
        .l(ear_x + 6.0, -28.0)
        .q(ear_x + 12.0, -28.0, ear_x + 13.0, -22.0)
        .l(ear_x + 12.0, 62.0)
        .q(ear_x + 11.0, 68.0, ear_x + 5.0, 68.0)
        .l(ear_x - 8.0, 68.0)
        .q(ear_x - 13.0, 68.0, ear_x - 13.0, 62.0)
        .l(ear_x - 13.0, -20.0)
        .q(ear_x - 13.0, -26.0, ear_x - 8.0, -26.0)
        .z();
    svg.shape(&phone, body, Rgb::hex(0x15171a), 1.5);
    svg.line(&P::new().m(ear_x + 9.0, -20.0).l(ear_x + 8.5, 58.0), Rgb::hex(0x8a919c), 1.4, 0.6);
    let palm = through(
        &[
            (ear_x - 14.0, 10.0),
            (ear_x - 6.0, 2.0),
            (ear_x + 12.0, 4.0),
            (ear_x + 26.0, 24.0),
            (ear_x + 30.0, 66.0),
            (ear_x + 22.0, 92.0),
            (ear_x + 6.0, 90.0),
            (ear_x + 2.0, 64.0),
            (ear_x - 12.0, 40.0),
        ],
        true,
    );
    svg.shape(&palm, skin, skin.shade(0.4), 1.6);
    let mut fingers = P::new();
    for k in 0..3 {
        let y = 18.0 + k as f32 * 10.0;
        fingers = fingers.m(ear_x - 10.0, y + 4.0).q(ear_x + 2.0, y - 2.0, ear_x + 14.0, y + 4.0);
    }
    svg.line(&fingers, skin.shade(0.35), 1.3, 0.7);
    svg.end();
}
