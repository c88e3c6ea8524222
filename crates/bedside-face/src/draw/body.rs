//! Neck, shoulders, upper arms and clothes (gown, own clothes, coat, uniform) in the
//! drawing's coordinates, as broad as the build; then the folded arms (a pose
//! that differs from one look to another), or the hand holding a phone, and
//! with shame a hand raised to the brow.

use std::fmt::Write;

use super::face::Geo;
use super::{P, Pose, Svg, head_point, through};
use crate::colour::{Colour, Rgb};
use crate::person::Person;
use bedside_core::scenario::look::{Clothing, FaceShape, Headwear, Scene};

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
    /// The build's breadth, -1 slight .. 1 heavy.
    b: f32,
}

/// The clothes' opening at the neck, cut out of the body so that the neck
/// (drawn underneath, and running on below) shows through without a seam.
#[derive(Debug, Clone, Copy)]
enum Opening {
    /// A curve `depth` deep, starting `inset` in from the neck's base.
    Round { depth: f32, inset: f32 },
    /// A V to `depth` below the neck's base.
    V { depth: f32, inset: f32 },
}

/// How broad the build is, -1 slight .. 1 heavy: from the face's shape, a
/// beard, and great age (which narrows the shoulders).
fn breadth(look: &Person) -> f32 {
    let face = match look.face {
        FaceShape::Round => 0.7f32,
        FaceShape::Square => 0.5,
        FaceShape::Oval => 0.0,
        FaceShape::Long => -0.4,
        FaceShape::Heart => -0.5,
    };
    let beard = if look.beard { 0.2 } else { 0.0 };
    let old = if look.age >= 75 { -0.25 } else { 0.0 };
    (face + beard + old).clamp(-1.0, 1.0)
}

impl Frame {
    fn new(p: &Pose, look: &Person) -> Frame {
        let lift = p.breath_lift;
        let up = p.shrug * 14.0;
        let b = breadth(look);
        Frame {
            nl: (156.0 - 3.0 * b, 346.0 - lift - up * 0.4),
            nr: (244.0 + 3.0 * b, 346.0 - lift - up * 0.4),
            sl: (50.0 - 12.0 * b + up * 0.4, 380.0 - lift - up),
            sr: (350.0 + 12.0 * b - up * 0.4, 380.0 - lift - up),
            lift,
            b,
        }
    }

    /// The shoulder line from the neck's base out to the shoulder's top, on
    /// the viewer's left (`s` -1) or right (1), as a cubic's four points.
    fn shoulder(&self, s: f32) -> [(f32, f32); 4] {
        let (n, sh) = if s < 0.0 { (self.nl, self.sl) } else { (self.nr, self.sr) };
        [n, (n.0 + s * 14.0, n.1 + 18.0), (sh.0 - s * 40.0, sh.1 - 8.0), sh]
    }

    /// The body's side from the shoulder's top down past the bottom edge, as a cubic.
    fn side(&self, s: f32) -> [(f32, f32); 4] {
        let sh = if s < 0.0 { self.sl } else { self.sr };
        let x = |v: f32| if s < 0.0 { v } else { 400.0 - v };
        let out = 10.0 * self.b;
        [sh, (sh.0 + s * 30.0, sh.1 + 12.0), (x(8.0 - out), 440.0 - self.lift), (x(4.0 - out), 505.0)]
    }

    /// The body (shoulders and chest), with the neck's opening cut out of its top.
    fn torso(&self, opening: Opening) -> P {
        let ([n0, a0, b0, s0], [_, c0, d0, e0]) = (self.shoulder(-1.0), self.side(-1.0));
        let ([n1, a1, b1, s1], [_, c1, d1, e1]) = (self.shoulder(1.0), self.side(1.0));
        let d = P::new().m(n0.0, n0.1).c(a0, b0, s0).c(c0, d0, e0).l(e1.0, e1.1).c(d1, c1, s1).c(b1, a1, n1);
        match opening {
            Opening::Round { depth, inset } => d
                .l(n1.0 - inset, n1.1)
                .c((n1.0 - inset - 6.0, n1.1 + depth), (n0.0 + inset + 6.0, n0.1 + depth), (n0.0 + inset, n0.1))
                .z(),
            Opening::V { depth, inset } => d.l(n1.0 - inset, n1.1).l(200.0, n0.1 + depth).l(n0.0 + inset, n0.1).z(),
        }
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

/// The part of a cubic from `t` to its end, as a cubic.
fn tail(c: &[(f32, f32); 4], t: f32) -> [(f32, f32); 4] {
    let lerp = |a: (f32, f32), b: (f32, f32)| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    let (p01, p12, p23) = (lerp(c[0], c[1]), lerp(c[1], c[2]), lerp(c[2], c[3]));
    let (p012, p123) = (lerp(p01, p12), lerp(p12, p23));
    [lerp(p012, p123), p123, p23, c[3]]
}

/// The part of a cubic from its start to `t`, as a cubic.
fn head_of(c: &[(f32, f32); 4], t: f32) -> [(f32, f32); 4] {
    let lerp = |a: (f32, f32), b: (f32, f32)| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    let (p01, p12, p23) = (lerp(c[0], c[1]), lerp(c[1], c[2]), lerp(c[2], c[3]));
    let (p012, p123) = (lerp(p01, p12), lerp(p12, p23));
    [c[0], p01, p012, lerp(p012, p123)]
}

fn clothes_colour(look: &Person) -> Rgb {
    match look.clothing {
        Clothing::Gown => GOWN,
        _ => look.clothes_colour.rgb(),
    }
}

/// The neck's opening for each kind of clothes.
fn opening(clothing: Clothing) -> Opening {
    match clothing {
        Clothing::Gown => Opening::Round { depth: 46.0, inset: 2.0 },
        Clothing::OwnClothes => Opening::Round { depth: 26.0, inset: 4.0 },
        Clothing::Coat => Opening::Round { depth: 24.0, inset: 4.0 },
        Clothing::Uniform => Opening::V { depth: 34.0, inset: 6.0 },
    }
}

/// The upper arms, hanging at the sides; on the phone, the viewer's right one
/// ends at the elbow, bent up to the ear; with a hand to the brow (`raised`
/// 0 to 1), the viewer's left one ends at an elbow low at the body's side.
fn upper_arms(f: &Frame, scene: Scene, raised: f32) -> (UpperArm, UpperArm) {
    let out = 10.0 * f.b;
    // Below the hand's first stir, the arm hangs as it always does.
    let r = if raised >= 0.01 { raised } else { 0.0 };
    let down = (96.0 - out, 520.0);
    let bent = (BROW_ELBOW_INNER.0 - out, BROW_ELBOW_INNER.1 - f.lift);
    let elbow = (down.0 + (bent.0 - down.0) * r, down.1 + (bent.1 - down.1) * r);
    let left = UpperArm::new(f, -1.0, elbow, 1.0 - (1.0 - BROW_ELBOW_END) * r);
    let right = if scene == Scene::Phone {
        UpperArm::new(f, 1.0, (326.0 + out, 462.0 - f.lift), 0.55)
    } else {
        UpperArm::new(f, 1.0, (304.0 + out, 520.0), 1.0)
    };
    (left, right)
}

/// With a hand at the brow, the upper arm's inner edge ends here (less the
/// build's breadth across, and the breath up)...
const BROW_ELBOW_INNER: (f32, f32) = (92.0, 474.0);
/// ...its outer edge runs this share of the way down the body's side...
const BROW_ELBOW_END: f32 = 0.6;
/// ...and the forearm rises from here.
const BROW_ELBOW: (f32, f32) = (66.0, 456.0);

/// Neck, shoulders, clothes and upper arms.
pub(crate) fn torso(svg: &mut Svg, look: &Person, p: &Pose, scene: Scene) {
    let f = Frame::new(p, look);
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

    // The neck: its top hidden inside the jaw and turning with the head, its
    // sides bending down to the shoulders, and running on under the clothes.
    // About half the head's width, whatever the jaw.
    let nw = (g.cw * 0.5).min(g.jw * 0.6);
    let top = g.jy - 8.0;
    let (tl, tr) = (head_point(p, -nw, top), head_point(p, nw, top));
    let (below, at) = (head_point(p, 0.0, top + 1.0), head_point(p, 0.0, top));
    // Down the neck: halfway between the head's own down and straight down.
    let (dx, dy) = ((below.0 - at.0) * 0.5, (below.1 - at.1) * 0.5 + 0.5);
    let k = 48.0 / (dx * dx + dy * dy).sqrt().max(0.01);
    let (dx, dy) = (dx * k, dy * k);
    let neck = P::new()
        .m(tl.0, tl.1)
        .c((tl.0 + dx, tl.1 + dy), (f.nl.0 + 8.0, f.nl.1 - 16.0), (f.nl.0 - 4.0, f.nl.1 + 8.0))
        .l(f.nl.0 - 4.0, f.nl.1 + 70.0)
        .l(f.nr.0 + 4.0, f.nr.1 + 70.0)
        .l(f.nr.0 + 4.0, f.nr.1 + 8.0)
        .c((f.nr.0 - 8.0, f.nr.1 - 16.0), (tr.0 + dx, tr.1 + dy), tr)
        .z();
    let neck_skin = skin.shade(0.06);
    svg.shape(&neck, neck_skin, skin.shade(0.42), 1.8);
    svg.clip("neckclip", &neck);
    svg.group_clipped("neckclip");
    // The chin's shadow on the neck, turning with the head.
    let chin = head_point(p, 0.0, g.chy - 4.0);
    svg.group(&format!("rotate({:.1} {:.1} {:.1})", p.tilt, chin.0, chin.1));
    // Soft at its lower edge, so no line crosses the neck.
    let _ = write!(
        svg.s,
        r#"<linearGradient id="chinshade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.45" stop-color="{c}" stop-opacity="0.62"/><stop offset="0.62" stop-color="{c}" stop-opacity="0.4"/><stop offset="1" stop-color="{c}" stop-opacity="0"/></linearGradient>"#,
        c = skin.shade(0.3)
    );
    svg.fill_url(&P::new().ellipse(chin.0 + 4.0, chin.1, g.jw * 0.95, 36.0), "chinshade", 1.0);
    svg.end();
    let a = ((look.age as f32 - 55.0) / 30.0).clamp(0.0, 1.0);
    let hx = (tl.0 + tr.0) * 0.5;
    for dy in [0.0, 16.0] {
        let y = 312.0 + dy * 0.8 - f.lift;
        svg.line(&P::new().m(hx - nw + 6.0, y).q(hx, y + 5.0, hx + nw - 6.0, y), skin.shade(0.35), 1.2, 0.45 * a);
    }
    svg.end();

    let body = f.torso(opening(look.clothing));
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
            // A jacket open in a V to the chest: the shirt and its collar
            // inside, the lapels folded back over the chest on either side,
            // and the jacket closed below with its buttons.
            let shirt = Rgb::hex(0xdcd4c6);
            let (nl, nr) = (f.nl, f.nr);
            let vy = nl.1 + 112.0;
            let v = P::new()
                .m(nl.0 - 4.0, nl.1 + 2.0)
                .l(200.0, vy)
                .l(nr.0 + 4.0, nr.1 + 2.0)
                .l(nr.0 - 4.0, nr.1)
                .c((nr.0 - 10.0, nr.1 + 24.0), (nl.0 + 10.0, nl.1 + 24.0), (nl.0 + 4.0, nl.1))
                .z();
            svg.shape(&v, shirt, shirt.shade(0.35), 1.5);
            // A placket down the shirt's middle, with a button.
            svg.line(&P::new().m(200.0, nl.1 + 30.0).l(200.0, vy - 4.0), shirt.shade(0.25), 1.2, 0.8);
            svg.ellipse(200.0, nl.1 + 62.0, 2.2, 2.2, shirt.shade(0.3), 1.0);
            for s in [-1.0f32, 1.0] {
                let n = if s < 0.0 { nl } else { nr };
                // The shirt's collar: a point from the neck's side down towards the middle.
                let collar = P::new()
                    .m(n.0 + s * 2.0, n.1 - 4.0)
                    .q(n.0 - s * 4.0, n.1 + 20.0, 200.0 + s * 20.0, n.1 + 40.0)
                    .l(200.0 + s * 3.0, n.1 + 22.0)
                    .q(200.0 + s * 20.0, n.1 + 12.0, n.0 - s * 10.0, n.1 - 2.0)
                    .z();
                svg.shape(&collar, shirt.light(0.3), shirt.shade(0.4), 1.3);
                // The lapel: along the V's edge, broad over the chest, notched below the collar.
                let lapel = P::new()
                    .m(n.0 - s * 6.0, n.1 + 1.0)
                    .l(200.0 + s * 1.0, vy + 2.0)
                    .l(n.0 + s * 28.0, n.1 + 58.0)
                    .l(n.0 + s * 20.0, n.1 + 36.0)
                    .l(n.0 + s * 8.0, n.1 + 34.0)
                    .l(n.0 + s * 12.0, n.1 - 2.0)
                    .z();
                svg.shape(&lapel, cloth.light(0.05), cloth.shade(0.45), 1.6);
                let roll = P::new().m(n.0 - s * 2.0, n.1 + 6.0).l(200.0 + s * 8.0, vy - 8.0);
                svg.line(&roll, cloth.shade(0.2), 1.2, 0.5);
            }
            // Where the fronts meet below the V, and the buttons.
            svg.line(&P::new().m(200.0, vy).l(203.0, 505.0), cloth.shade(0.4), 1.6, 1.0);
            for y in [vy + 18.0, vy + 54.0] {
                svg.ellipse(212.0, y, 4.5, 4.5, cloth.shade(0.5), 1.0);
            }
        }
        Clothing::Uniform => {
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

    let (left, right) = upper_arms(&f, scene, p.hand_to_brow);
    let hem = f.sl.1 + 58.0;
    left.draw(svg, look, hem, "uarm0");
    // Bent, the upper arm falls into the shade of the forearm raised before
    // it, and the underside of its elbow shows.
    if p.hand_to_brow >= 0.01 {
        svg.fill(&left.shape, Rgb::hex(0x1c1612), 0.2 * p.hand_to_brow);
        let edge = if matches!(look.clothing, Clothing::Gown | Clothing::Uniform) {
            skin.shade(0.42)
        } else {
            cloth.shade(0.4)
        };
        svg.line(&left.bottom, edge, 1.8, p.hand_to_brow);
    }
    right.draw(svg, look, hem, "uarm1");
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

/// An upper arm on the viewer's left (`s` -1) or right (1): the body's side
/// from the shoulder's top down to `bottom`, then in and up its inner edge to
/// the armpit, and over the front of the shoulder back to its top. The outer
/// edge is the body's own, so the outline stays the body's.
struct UpperArm {
    /// The whole arm, to fill.
    shape: P,
    /// The outer edge, the body's outline.
    outer: P,
    /// The inner edge, against the chest, from the armpit down.
    inner: P,
    /// Over the front of the shoulder to the armpit (a seam or crease).
    seam: P,
    /// Under the elbow, from the outer edge's end to the inner's.
    bottom: P,
    /// The drawing on the chest's side of the inner edge (for the viewer's
    /// right arm: everything to its left), to clip what goes under the arm.
    before: P,
}

impl UpperArm {
    /// `elbow`: where the inner edge ends at the bottom; `end`: how far down
    /// the body's side the outer edge runs (0 to 1) before it turns in.
    fn new(f: &Frame, s: f32, elbow: (f32, f32), end: f32) -> UpperArm {
        let x = |v: f32| if s < 0.0 { v } else { 400.0 - v };
        let shoulder = tail(&f.shoulder(s), 0.62);
        let side = head_of(&f.side(s), end);
        let sh = if s < 0.0 { f.sl } else { f.sr };
        let armpit = (x(100.0) + (sh.0 - x(50.0)) * 0.5, sh.1 + 42.0);
        let o = side[3];
        let outer = P::new()
            .m(shoulder[0].0, shoulder[0].1)
            .c(shoulder[1], shoulder[2], shoulder[3])
            .c(side[1], side[2], side[3]);
        let inner = P::new().m(armpit.0, armpit.1).q(armpit.0 - s * 6.0, (armpit.1 + elbow.1) * 0.5, elbow.0, elbow.1);
        let seam =
            P::new().m(shoulder[0].0, shoulder[0].1).q(armpit.0 + s * 2.0, shoulder[0].1 + 14.0, armpit.0, armpit.1);
        let shape = P::new()
            .m(shoulder[0].0, shoulder[0].1)
            .c(shoulder[1], shoulder[2], shoulder[3])
            .c(side[1], side[2], side[3])
            .q((o.0 + elbow.0) * 0.5, o.1.max(elbow.1) + 14.0, elbow.0, elbow.1)
            .q(armpit.0 - s * 6.0, (armpit.1 + elbow.1) * 0.5, armpit.0, armpit.1)
            .q(armpit.0 + s * 2.0, shoulder[0].1 + 14.0, shoulder[0].0, shoulder[0].1)
            .z();
        let bottom = P::new().m(o.0, o.1).q((o.0 + elbow.0) * 0.5, o.1.max(elbow.1) + 14.0, elbow.0, elbow.1);
        let before = P::new()
            .m(-10.0, -10.0)
            .l(armpit.0, -10.0)
            .l(armpit.0, armpit.1)
            .q(armpit.0 - s * 6.0, (armpit.1 + elbow.1) * 0.5, elbow.0, elbow.1)
            .l(elbow.0, 540.0)
            .l(-10.0, 540.0)
            .z();
        UpperArm { shape, outer, inner, seam, bottom, before }
    }

    /// Draws it: a sleeve to the cuff, or (gown, uniform) a short sleeve
    /// ending at `hem` with the bare arm below. `id` names its clip.
    fn draw(&self, svg: &mut Svg, look: &Person, hem: f32, id: &str) {
        let cloth = clothes_colour(look);
        let skin = look.skin.rgb();
        let short = matches!(look.clothing, Clothing::Gown | Clothing::Uniform);
        let edge = cloth.shade(0.4);
        if short {
            svg.fill(&self.shape, skin, 1.0);
            svg.line(&self.inner, skin.shade(0.42), 1.8, 1.0);
            svg.clip(id, &P::new().m(-10.0, -10.0).l(410.0, -10.0).l(410.0, hem).l(-10.0, hem).z());
            svg.group_clipped(id);
            svg.fill(&self.shape, cloth, 1.0);
            if look.clothing == Clothing::Gown {
                svg.fill_url(&self.shape, "gownp", 0.8);
            }
            svg.line(&self.inner, edge, 1.8, 1.0);
            svg.end();
            let hem_line = P::new().m(-10.0, hem).l(410.0, hem);
            svg.raw(&format!(r#"<g clip-path="url(#{id}s)">"#));
            svg.clip(&format!("{id}s"), &self.shape);
            svg.line(&hem_line, cloth.shade(0.3), 3.0, 1.0);
            svg.end();
            svg.line(&self.outer, skin.shade(0.42), 1.8, 1.0);
        } else {
            let sleeve = cloth.shade(0.06);
            svg.fill(&self.shape, sleeve, 1.0);
            svg.line(&self.inner, edge, 1.8, 1.0);
            svg.line(&self.outer, edge, 2.0, 1.0);
        }
        svg.line(&self.seam, edge, 1.4, 0.45);
    }
}

/// A forearm from elbow to wrist, `w0` wide at the elbow and `w1` at the
/// wrist, fuller on the outer (`bulge`) side near the elbow; a rounded elbow, a
/// square wrist (the cuff or the hand covers it).
fn forearm(from: (f32, f32), to: (f32, f32), w0: f32, w1: f32, bulge: f32) -> P {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (nx, ny) = (-uy, ux);
    let at = |t: f32, side: f32, w: f32| (from.0 + dx * t + nx * side * w * 0.5, from.1 + dy * t + ny * side * w * 0.5);
    let a0 = at(0.0, 1.0, w0);
    let b0 = at(0.0, -1.0, w0);
    let a1 = at(1.0, 1.0, w1);
    let b1 = at(1.0, -1.0, w1);
    let am = at(0.3, 1.0, w0 + bulge * 2.0);
    let bm = at(0.3, -1.0, w0 + 2.0);
    let cap = w0 * 0.62;
    P::new()
        .m(a0.0, a0.1)
        .c((am.0, am.1), (a1.0 - ux * len * 0.3, a1.1 - uy * len * 0.3), a1)
        .l(b1.0, b1.1)
        .c((b1.0 - ux * len * 0.3, b1.1 - uy * len * 0.3), (bm.0, bm.1), b0)
        .c((b0.0 - ux * cap, b0.1 - uy * cap), (a0.0 - ux * cap, a0.1 - uy * cap), a0)
        .z()
}

/// A forearm in its sleeve to a cuff `bare` short of the wrist, the bare
/// wrist beyond it; or bare all along.
fn sleeved_forearm(
    svg: &mut Svg,
    (from, to): ((f32, f32), (f32, f32)),
    (w0, w1, bulge): (f32, f32, f32),
    sleeve: Option<Rgb>,
    skin: Rgb,
    bare: f32,
) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    match sleeve {
        None => svg.shape(&forearm(from, to, w0, w1, bulge), skin, skin.shade(0.4), 1.8),
        Some(sleeve) => {
            let t = (1.0 - bare / len).clamp(0.2, 1.0);
            let cuff = (from.0 + dx * t, from.1 + dy * t);
            let wc = w0 + (w1 - w0) * t;
            // The wrist from a little inside the cuff.
            let inside = (cuff.0 - ux * 6.0, cuff.1 - uy * 6.0);
            svg.shape(&forearm(inside, to, w1 * 0.92, w1 * 0.86, 0.0), skin, skin.shade(0.4), 1.6);
            svg.shape(&forearm(from, cuff, w0, wc + 3.0, bulge), sleeve, sleeve.shade(0.4), 1.8);
            let (nx, ny) = (-uy * (wc * 0.5 + 1.0), ux * (wc * 0.5 + 1.0));
            let band = P::new()
                .m(cuff.0 - ux * 7.0 + nx, cuff.1 - uy * 7.0 + ny)
                .l(cuff.0 - ux * 7.0 - nx, cuff.1 - uy * 7.0 - ny);
            svg.line(&band, sleeve.shade(0.3), 1.4, 0.6);
        }
    }
}

/// A hand from the back, in its own coordinates: the wrist at the origin,
/// `w` wide, the fingers along +x, the thumb on the +y side. Slim separate
/// fingers, curled a little (as gripping an arm), and the thumb apart.
fn hand_from_back(svg: &mut Svg, skin: Rgb, w: f32) {
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    let k = w / 36.0;
    let pt = |x: f32, y: f32| (x * k, y * k);
    // Fingers: (y at the knuckle, visible length, width), little finger first.
    let fingers = [(-14.0, 19.0, 8.6), (-4.8, 24.0, 9.4), (4.6, 26.0, 9.6), (13.8, 23.0, 9.2)];
    let kx = 30.0;
    for &(y, len, fw) in &fingers {
        let (x0, x1) = (kx - 4.0, kx + len);
        let h = fw * 0.5;
        // Curling away: the tip dips a little towards the little finger's side.
        let dip = -3.0;
        let d = P::new()
            .m(pt(x0, y - h).0, pt(x0, y - h).1)
            .q(
                pt(x0 + len * 0.6, y - h + dip * 0.4).0,
                pt(x0 + len * 0.6, y - h + dip * 0.4).1,
                pt(x1 - h * 0.6, y - h * 0.85 + dip).0,
                pt(x1 - h * 0.6, y - h * 0.85 + dip).1,
            )
            .q(
                pt(x1 + h * 0.6, y + dip).0,
                pt(x1 + h * 0.6, y + dip).1,
                pt(x1 - h * 0.6, y + h * 0.85 + dip).0,
                pt(x1 - h * 0.6, y + h * 0.85 + dip).1,
            )
            .q(
                pt(x0 + len * 0.6, y + h + dip * 0.4).0,
                pt(x0 + len * 0.6, y + h + dip * 0.4).1,
                pt(x0, y + h).0,
                pt(x0, y + h).1,
            )
            .z();
        svg.shape(&d, skin, edge, 1.3);
        // The middle joint.
        let jx = kx + len * 0.5;
        let (a, b, c) = (pt(jx, y - h * 0.5 + dip * 0.5), pt(jx + 1.5, y + dip * 0.5), pt(jx, y + h * 0.5 + dip * 0.5));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 0.9, 0.7);
    }
    // The back of the hand, from the wrist (left open, so it runs on from the
    // forearm) out to the knuckles over the fingers' roots.
    let side = |d: P| {
        let (a, b, c, e, f, g, h) = (
            pt(-3.0, -17.0),
            pt(10.0, -18.0),
            pt(22.0, -20.0),
            pt(kx, -18.5),
            pt(kx + 4.0, -8.0),
            pt(kx + 4.0, 8.0),
            pt(kx, 18.5),
        );
        let (i, j, l) = (pt(22.0, 19.5), pt(10.0, 18.0), pt(-3.0, 17.0));
        d.m(a.0, a.1).c(b, c, e).c(f, g, h).c(i, j, l)
    };
    svg.fill(&side(P::new()).z(), skin, 1.0);
    svg.line(&side(P::new()), edge, 1.4, 1.0);
    // Knuckles.
    for &(y, _, _) in &fingers {
        let (a, b, c) = (pt(kx - 3.0, y - 2.5), pt(kx - 1.0, y), pt(kx - 3.0, y + 2.5));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 1.0, 0.55);
    }
    // The thumb, along the arm it holds: broad at its root by the wrist.
    let (a, b, c, d, e, f, g, h, i, j) = (
        pt(2.0, 15.5),
        pt(10.0, 23.0),
        pt(22.0, 27.0),
        pt(31.0, 26.5),
        pt(37.0, 26.0),
        pt(36.5, 20.0),
        pt(31.0, 19.5),
        pt(25.0, 19.0),
        pt(20.0, 15.0),
        pt(16.0, 10.0),
    );
    let thumb = P::new().m(a.0, a.1).c(b, c, d).q(e.0, e.1, f.0, f.1).q(g.0 + 1.0, g.1, g.0, g.1).c(h, i, j).z();
    let nail = P::new().m(pt(31.5, 21.5).0, pt(31.5, 21.5).1).q(
        pt(35.0, 22.5).0,
        pt(35.0, 22.5).1,
        pt(34.0, 25.0).0,
        pt(34.0, 25.0).1,
    );
    svg.shape(&thumb, skin, edge, 1.4);
    svg.line(&nail, crease, 0.9, 0.6);
}

/// Crossed arms sliding up into view as they cross, or the phone at the ear;
/// and with shame, a hand raised to the brow.
pub(crate) fn arms(svg: &mut Svg, look: &Person, p: &Pose, scene: Scene) {
    let skin = look.skin.rgb();
    let cloth = clothes_colour(look);
    let sleeve = match look.clothing {
        Clothing::Gown | Clothing::Uniform => None,
        _ => Some(cloth.shade(0.06)),
    };
    let f = Frame::new(p, look);
    if scene == Scene::Phone {
        phone(svg, look, p, &f, sleeve, skin);
    } else if p.arms_crossed >= 0.01 {
        folded(svg, look, p, &f, scene, sleeve, skin);
    }
    if p.hand_to_brow >= 0.01 {
        hand_to_brow(svg, look, p, &f, sleeve, skin);
    }
}

/// How a person folds their arms, fixed for a look so that it stays the same
/// from one moment to the next: which forearm lies in front, and whether its
/// hand grips the other arm (both hands showing) or tucks under it.
fn fold_of(look: &Person) -> (bool, bool) {
    let fields = [
        look.face as u32,
        look.hair as u32,
        look.skin as u32,
        look.clothing as u32,
        look.clothes_colour as u32,
        look.headwear as u32,
        look.eye_colour as u32,
    ];
    // The look's choices mixed (FNV-1a, then MurmurHash3's finish).
    let mut h = fields.iter().fold(0x811c_9dc5_u32, |h, &v| (h ^ v).wrapping_mul(0x0100_0193));
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    let v = h % 4;
    (v & 1 == 1, v & 2 == 2)
}

/// Arms folded across the chest, from elbows at the body's sides, as wide as
/// the build; the person's right forearm in front, or (mirrored) the left.
fn folded(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, scene: Scene, sleeve: Option<Rgb>, skin: Rgb) {
    let ac = p.arms_crossed;
    let (mirror, both_hands) = fold_of(look);
    let b = f.b;
    // A headscarf's drape rises out of the way, and the arms fold below it.
    let below_drape = if look.headwear == Headwear::Headscarf { 20.0 } else { 0.0 };
    // Hands gripping the arms hold them higher, hugged in.
    let hug = if both_hands { -8.0 } else { 0.0 };
    // The forearms slide up from below as the arms fold.
    let oy = (1.0 - ac).powf(1.5) * 140.0 - f.lift + below_drape + hug;
    let out = 10.0 * b;
    if mirror {
        svg.group("translate(400 0) scale(-1 1)");
    }
    // The one behind runs from the right elbow to a hand holding the left
    // upper arm; the one in front from the left elbow to a hand tucked under
    // the right arm, or holding it.
    let behind = ((356.0 + out, 494.0 + oy), (124.0 - 0.8 * out, 420.0 + oy));
    let front_to = if both_hands { (284.0 + 0.8 * out, 432.0 + oy) } else { (314.0 + 0.8 * out, 426.0 + oy) };
    let front = ((44.0 - out, 498.0 + oy), front_to);
    let (w0, w1, hand) = (56.0 + 6.0 * b, 38.0 + 4.0 * b, 38.0 + 4.0 * b);
    let dim = |c: Rgb| c.shade(0.1);
    sleeved_forearm(svg, behind, (w0, w1, 4.0), sleeve.map(dim), dim(skin), 18.0);
    let angle = |(a, z): ((f32, f32), (f32, f32))| (z.1 - a.1).atan2(z.0 - a.0).to_degrees();
    svg.group(&format!("translate({:.1} {:.1}) rotate({:.1})", behind.1.0, behind.1.1, angle(behind)));
    hand_from_back(svg, dim(skin), hand);
    svg.end();
    let (fw0, fw1) = (w0 + 4.0, w1 + 6.0);
    if both_hands {
        sleeved_forearm(svg, front, (fw0, fw1, 5.0), sleeve, skin, 16.0);
        // The hand on the far upper arm, thumb up, as the other's is.
        svg.group(&format!("translate({:.1} {:.1}) rotate({:.1}) scale(1 -1)", front.1.0, front.1.1, angle(front)));
        hand_from_back(svg, skin, hand + 2.0);
        svg.end();
    } else {
        // The hand in front goes under the right upper arm, out of sight.
        let (_, right) = upper_arms(f, scene, p.hand_to_brow);
        svg.clip("tuck", &right.before);
        svg.group_clipped("tuck");
        sleeved_forearm(svg, front, (fw0, fw1, 5.0), sleeve, skin, 0.0);
        svg.end();
        // The arm's edge where the forearm goes under it.
        svg.clip("tuckedge", &forearm(front.0, front.1, fw0, fw1, 5.0));
        svg.group_clipped("tuckedge");
        svg.line(&right.inner, sleeve.unwrap_or(skin).shade(0.35), 12.0, 0.3);
        svg.line(&right.inner, sleeve.unwrap_or(skin).shade(0.4), 2.0, 1.0);
        svg.end();
    }
    if mirror {
        svg.end();
    }
}

/// With shame, the person's right hand (the viewer's left) raised to the
/// brow: the upper arm down the body's side to the elbow (drawn with the
/// torso), the forearm rising from it to the heel of the hand at the temple,
/// the fingers across the forehead, the head turned into it. The hand comes
/// up from below, close in front of the chest, never out beside the face
/// (and only in passing: see [`crate::Expression::hand_to_brow`]).
fn hand_to_brow(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, sleeve: Option<Rgb>, skin: Rgb) {
    let arm = BrowArm::new(look, p, f);
    let (elbow, wrist, (dx, dy)) = arm.rising(p.hand_to_brow);
    let (w0, w1, bulge) = (62.0 + 6.0 * f.b, 36.0 + 3.0 * f.b, 9.0);
    sleeved_forearm(svg, (elbow, wrist), (w0, w1, bulge), sleeve, skin, 30.0);
    // Folds in the crook of the elbow, in from the forearm's edge on the chest's side.
    let (ax, ay) = (wrist.0 - elbow.0, wrist.1 - elbow.1);
    let len = (ax * ax + ay * ay).sqrt().max(1.0);
    let (ux, uy) = (ax / len, ay / len);
    let at = |along: f32, across: f32| {
        let r = (w0 * 0.5 + bulge * 0.5) * across;
        (elbow.0 + ux * along - uy * r, elbow.1 + uy * along + ux * r)
    };
    for (along, reach) in [(18.0, 0.55), (36.0, 0.4)] {
        let (a, b, c) = (at(along, 1.0), at(along - 3.0, 1.0 - reach * 0.6), at(along - 8.0, 1.0 - reach));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), sleeve.unwrap_or(skin).shade(0.35), 1.4, 0.7);
    }
    svg.group(&format!("translate({dx:.1} {dy:.1})"));
    svg.group(&super::head_transform(p));
    // Seen from the back, the thumb down by the eye, the little finger uppermost.
    let (heel, turn) = (arm.heel, BrowArm::TURN);
    svg.group(&format!("translate({:.1} {:.1}) rotate({turn:.1}) scale(1 -1)", heel.0, heel.1));
    hand_flat(svg, skin, arm.hand);
    svg.end();
    svg.end();
    svg.end();
}

/// The arm with a hand at the brow, in place.
struct BrowArm {
    /// The heel of the hand at the temple, in the head's coordinates.
    heel: (f32, f32),
    /// The hand's width.
    hand: f32,
    /// Where the forearm starts and ends on the drawing: it runs on a little
    /// way under the back of the hand, so the bent wrist shows no seam.
    elbow: (f32, f32),
    wrist: (f32, f32),
}

impl BrowArm {
    /// The fingers' direction in the head's coordinates, degrees clockwise
    /// from across: over the forehead, a little upwards.
    const TURN: f32 = -28.0;

    fn new(look: &Person, p: &Pose, f: &Frame) -> BrowArm {
        let g = Geo::of(look);
        let scarf = look.headwear == Headwear::Headscarf;
        let heel = (-(g.cw + if scarf { 10.0 } else { 2.0 }), -18.0);
        let hand = 48.0 + 3.0 * f.b;
        let (s, c) = Self::TURN.to_radians().sin_cos();
        let into = 0.3 * hand;
        let wrist = head_point(p, heel.0 + c * into, heel.1 + s * into);
        BrowArm { heel, hand, elbow: (BROW_ELBOW.0 - 8.0 * f.b, BROW_ELBOW.1 - f.lift), wrist }
    }

    /// The elbow and wrist `h` of the way up (0 to 1), and how far the hand
    /// is below its place: nearly straight below, so that it rises close in
    /// front of the chest, the elbow coming up from below the frame with it.
    fn rising(&self, h: f32) -> ((f32, f32), (f32, f32), (f32, f32)) {
        let (dx, dy) = ((1.0 - h) * 40.0, (1.0 - h) * 440.0);
        let elbow = (self.elbow.0 + dx * 0.3, self.elbow.1 + dy * 0.3);
        let wrist = (self.wrist.0 + dx, self.wrist.1 + dy);
        (elbow, wrist, (dx, dy))
    }
}

/// A hand laid flat against the head, seen from the back, in its own
/// coordinates: the wrist at the origin, `w` wide at the knuckles, the
/// fingers together along +x, the thumb on the -y side.
fn hand_flat(svg: &mut Svg, skin: Rgb, w: f32) {
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    let pt = |x: f32, y: f32| (x * w, y * w);
    // The thumb, apart from the fingers.
    let thumb = through(&[pt(0.05, -0.3), pt(0.34, -0.52), pt(0.6, -0.62), pt(0.66, -0.52), pt(0.42, -0.34)], true);
    svg.shape(&thumb, skin.shade(0.04), edge, 1.3);
    // Fingers: (y at the knuckle, length past it, width, spread in degrees), index first.
    let fingers =
        [(-0.36, 0.74, 0.24, -3.0f32), (-0.12, 0.84, 0.25, 0.0), (0.12, 0.78, 0.24, 2.0), (0.34, 0.6, 0.21, 5.0)];
    let kx = 0.82;
    for &(y, len, fw, spread) in &fingers {
        let (sn, cs) = spread.to_radians().sin_cos();
        let at = |u: f32, v: f32| pt(kx - 0.06 + u * cs - v * sn, y + u * sn + v * cs);
        let h = fw * 0.5;
        let d = P::new()
            .m(at(0.0, -h).0, at(0.0, -h).1)
            .l(at(len - h, -h * 0.9).0, at(len - h, -h * 0.9).1)
            .q(
                at(len + h * 0.2, -h * 0.8).0,
                at(len + h * 0.2, -h * 0.8).1,
                at(len + h * 0.25, 0.0).0,
                at(len + h * 0.25, 0.0).1,
            )
            .q(
                at(len + h * 0.2, h * 0.8).0,
                at(len + h * 0.2, h * 0.8).1,
                at(len - h, h * 0.9).0,
                at(len - h, h * 0.9).1,
            )
            .l(at(0.0, h).0, at(0.0, h).1)
            .z();
        svg.shape(&d, skin, edge, 1.3);
        for j in [0.3, 0.62] {
            let (a, b, c) = (at(len * j, -h * 0.6), at(len * j + 0.02, 0.0), at(len * j, h * 0.6));
            svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 0.9, 0.55);
        }
    }
    // The back of the hand, from the wrist out to the knuckles.
    let back = through(
        &[
            pt(-0.08, -0.36),
            pt(0.4, -0.44),
            pt(0.86, -0.5),
            pt(0.92, -0.1),
            pt(0.88, 0.48),
            pt(0.4, 0.42),
            pt(-0.08, 0.34),
        ],
        false,
    );
    let closed = through(
        &[
            pt(-0.08, -0.36),
            pt(0.4, -0.44),
            pt(0.86, -0.5),
            pt(0.92, -0.1),
            pt(0.88, 0.48),
            pt(0.4, 0.42),
            pt(-0.08, 0.34),
        ],
        true,
    );
    svg.fill(&closed, skin, 1.0);
    svg.line(&back, edge, 1.4, 1.0);
    for &(y, _, _, _) in &fingers {
        let (a, b, c) = (pt(kx - 0.07, y - 0.06), pt(kx - 0.03, y), pt(kx - 0.07, y + 0.06));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 1.0, 0.5);
    }
    // Tendons fanning from the wrist.
    for &(y, _, _, _) in &fingers[..3] {
        let (a, c) = (pt(0.12, y * 0.5), pt(0.66, y));
        svg.line(&P::new().m(a.0, a.1).l(c.0, c.1), crease, 0.8, 0.25);
    }
}

/// The hand holding a phone to the ear on the viewer's right: the upper arm
/// down from the shoulder to the elbow at the side, the forearm up from there
/// to the hand, which wraps the phone with its fingers curled over the front.
fn phone(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, sleeve: Option<Rgb>, skin: Rgb) {
    let g = Geo::of(look);
    let scarf = look.headwear == Headwear::Headscarf;
    let ex = g.cw + if scarf { 14.0 } else { 6.0 };
    let elbow = (352.0, 452.0 - f.lift);
    let wrist = head_point(p, ex + 10.0, 88.0);
    sleeved_forearm(svg, (elbow, wrist), (62.0, 40.0, 5.0), sleeve, skin, 18.0);
    svg.group(&super::head_transform(p));
    let body = Rgb::hex(0x2d3036);
    let phone = P::new()
        .m(ex - 8.0, -26.0)
        .l(ex + 6.0, -28.0)
        .q(ex + 12.0, -28.0, ex + 13.0, -22.0)
        .l(ex + 12.0, 62.0)
        .q(ex + 11.0, 68.0, ex + 5.0, 68.0)
        .l(ex - 8.0, 68.0)
        .q(ex - 13.0, 68.0, ex - 13.0, 62.0)
        .l(ex - 13.0, -20.0)
        .q(ex - 13.0, -26.0, ex - 8.0, -26.0)
        .z();
    svg.shape(&phone, body, Rgb::hex(0x15171a), 1.5);
    svg.line(&P::new().m(ex + 9.0, -20.0).l(ex + 8.5, 58.0), Rgb::hex(0x8a919c), 1.4, 0.6);
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    // The back of the hand on the phone's far side, down to the wrist.
    let back = through(
        &[
            (ex + 4.0, 12.0),
            (ex + 16.0, 6.0),
            (ex + 27.0, 16.0),
            (ex + 30.0, 44.0),
            (ex + 28.0, 72.0),
            (ex + 26.0, 92.0),
            (ex - 6.0, 92.0),
            (ex - 6.0, 72.0),
            (ex + 2.0, 48.0),
        ],
        true,
    );
    svg.shape(&back, skin, edge, 1.6);
    // Four fingers curled round the phone, their tips over its near edge.
    for (k, (y, reach)) in [(14.0, 13.0), (25.0, 15.0), (36.0, 14.5), (47.0, 11.0)].into_iter().enumerate() {
        let h = if k == 3 { 4.4 } else { 5.0 };
        let (x0, x1) = (ex + 16.0, ex - reach);
        let d = P::new()
            .m(x0, y - h)
            .q((x0 + x1) * 0.5, y - h - 1.0, x1 + h * 0.5, y - h + 0.4)
            .q(x1 - h * 0.7, y + 0.5, x1 + h * 0.5, y + h)
            .q((x0 + x1) * 0.5, y + h + 0.6, x0, y + h)
            .z();
        svg.shape(&d, skin, edge, 1.3);
        let jx = ex - 2.0;
        svg.line(&P::new().m(jx, y - h * 0.5).q(jx - 1.0, y, jx, y + h * 0.5), crease, 0.9, 0.6);
    }
    // The knuckles' ridge on the far side.
    svg.line(&P::new().m(ex + 20.0, 10.0).q(ex + 26.0, 32.0, ex + 22.0, 56.0), crease, 1.2, 0.5);
    svg.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Expression;
    use crate::draw::VIEW_H;
    use bedside_core::scenario::look::Look;

    #[test]
    fn a_rising_hand_comes_up_in_front_of_the_chest_not_out_beside_the_face() {
        for headwear in Headwear::ALL {
            for face in FaceShape::ALL {
                let look = Person::new(&Look { headwear, face, ..Look::default() }, 60);
                let p = Pose::new(&look, &Expression::from_state(60.0, 50.0, Some("shame")), 0.0);
                let f = Frame::new(&p, &look);
                let arm = BrowArm::new(&look, &p, &f);
                // Out of sight below the frame as it starts (nothing of the hand
                // reaches 1.7 of its widths above the wrist).
                let low = arm.rising(0.01).1.1 - 1.7 * arm.hand;
                assert!(low > VIEW_H - 10.0, "{headwear:?} {face:?}: {low}");
                let mut last = f32::INFINITY;
                for k in 1..=100 {
                    let (elbow, wrist, _) = arm.rising(k as f32 / 100.0);
                    // Inside the armpits, always rising, and in sight only above the elbow.
                    assert!((105.0..=200.0).contains(&wrist.0), "{headwear:?} {face:?}: wrist at {wrist:?}");
                    assert!(wrist.1 < last && (wrist.1 > VIEW_H || elbow.1 > wrist.1 + 50.0));
                    last = wrist.1;
                }
            }
        }
    }
}
