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

/// A point on the drawing.
type Pt = (f32, f32);

fn add(a: Pt, b: Pt) -> Pt {
    (a.0 + b.0, a.1 + b.1)
}
fn sub(a: Pt, b: Pt) -> Pt {
    (a.0 - b.0, a.1 - b.1)
}
fn mul(a: Pt, k: f32) -> Pt {
    (a.0 * k, a.1 * k)
}
fn length(a: Pt) -> f32 {
    (a.0 * a.0 + a.1 * a.1).sqrt()
}
fn unit(a: Pt) -> Pt {
    mul(a, 1.0 / length(a).max(1e-3))
}
fn lerp(a: Pt, b: Pt, t: f32) -> Pt {
    add(a, mul(sub(b, a), t))
}

/// The arm's parts are as long in every pose (a pose may show one shorter,
/// pointing at the viewer, never longer): the upper arm from the shoulder
/// joint to the elbow, which then sits at about the lower chest...
const UPPER_ARM: f32 = 96.0;
/// ...and the forearm from the elbow to the wrist.
const FOREARM: f32 = 250.0;

/// The widths of an arm by the build's breadth: the upper arm at the elbow,
/// the forearm at the elbow and at the wrist, and the hand's length from the
/// wrist to the middle finger's tip.
struct ArmSize {
    upper: f32,
    elbow: f32,
    wrist: f32,
    hand: f32,
}

impl ArmSize {
    fn of(b: f32) -> ArmSize {
        ArmSize { upper: 66.0 + 7.0 * b, elbow: 58.0 + 6.0 * b, wrist: 38.0 + 3.0 * b, hand: 108.0 + 4.0 * b }
    }
}

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
    /// How far each arm (viewer's left, right) is bent away from the body's
    /// side, 0 .. 1: the flank behind it shows, narrower than the hanging arm.
    flank: [f32; 2],
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
            flank: [if p.hand_to_brow >= 0.01 { p.hand_to_brow } else { 0.0 }, 0.0],
        }
    }

    /// The shoulder joint on the viewer's left (`s` -1) or right (1): in from
    /// the top outer corner of the torso, where the upper arm hangs from.
    fn joint(&self, s: f32) -> Pt {
        let sh = if s < 0.0 { self.sl } else { self.sr };
        (sh.0 - s * 36.0, sh.1 + 28.0)
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
        // With the arm bent away, the flank: narrower, and straighter.
        let k = self.flank[if s < 0.0 { 0 } else { 1 }];
        let lerp = |a: f32, b: f32| a + (b - a) * k;
        [
            sh,
            (sh.0 + s * lerp(30.0, 8.0), sh.1 + lerp(12.0, 30.0)),
            (x(lerp(8.0 - out, 30.0 - 0.6 * out)), 440.0 - self.lift),
            (x(lerp(4.0 - out, 32.0 - 0.6 * out)), 505.0),
        ]
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

/// The upper arms, hanging from the shoulder joints. On the phone the viewer's
/// right one swings out a little to its elbow, the forearm bent up to the ear;
/// with a hand to the brow the viewer's left one comes forward to an elbow in
/// front of the lower chest.
fn upper_arms(f: &Frame, look: &Person, p: &Pose) -> (UpperArm, UpperArm) {
    let out = 10.0 * f.b;
    let size = ArmSize::of(f.b);
    // Below the hand's first stir, the arm hangs as it always does.
    let left = if p.hand_to_brow >= 0.01 {
        let (elbow, _, _) = BrowArm::new(look, p, f).rising(p.hand_to_brow);
        // As wide as the hanging arm and the flank behind it, narrowing as it comes away.
        let width = 92.0 + (size.upper - 92.0) * p.hand_to_brow;
        UpperArm::bent(f, -1.0, elbow, width)
    } else {
        UpperArm::new(f, -1.0, (96.0 - out, 520.0))
    };
    let right = if look.scene == Scene::Phone {
        UpperArm::bent(f, 1.0, phone_elbow(f), size.upper)
    } else {
        UpperArm::new(f, 1.0, (304.0 + out, 520.0))
    };
    (left, right)
}

/// Where the phone is held: its middle across, in the head's coordinates,
/// beside the ear (outside a headscarf), and the wrist below it on the drawing.
fn phone_at(look: &Person, p: &Pose) -> (f32, Pt) {
    let scarf = look.headwear == Headwear::Headscarf;
    let ex = Geo::of(look).cw + if scarf { 14.0 } else { 6.0 };
    (ex, head_point(p, ex + 14.0, 100.0))
}

/// On the phone, the elbow: forward of the body's side at the lower chest,
/// the upper arm seen a little shortened as it comes towards the viewer.
fn phone_elbow(f: &Frame) -> Pt {
    add(f.joint(1.0), mul(unit((0.55, 0.83)), UPPER_ARM * 0.7))
}

/// Neck, shoulders, clothes and upper arms.
pub(crate) fn torso(svg: &mut Svg, look: &Person, p: &Pose) {
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
    // Down the neck: from under the jaw the head's own down, so that a tilted
    // head bends the neck rather than sliding over it.
    let (dx, dy) = (below.0 - at.0, below.1 - at.1);
    let k = 44.0 / (dx * dx + dy * dy).sqrt().max(0.01);
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
    // The flank, in the shade of an arm bent forward from it.
    svg.ellipse(40.0, 470.0, 60.0, 100.0, cloth.shade(0.22), 0.6 * f.flank[0]);
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

    let (left, right) = upper_arms(&f, look, p);
    left.draw(svg, look, "uarm0");
    // Bent forward, the upper arm falls into the shade of the forearm raised before it.
    if p.hand_to_brow >= 0.01 {
        svg.fill(&left.shape, Rgb::hex(0x1c1612), 0.12 * p.hand_to_brow);
    }
    right.draw(svg, look, "uarm1");
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

/// An upper arm on the viewer's left (`s` -1) or right (1). Hanging, its
/// outer edge is the body's side from the shoulder's top down past the frame,
/// its inner edge runs from the armpit down by the chest; bent, it runs from
/// the shoulder's top over the joint to a rounded elbow.
struct UpperArm {
    /// The whole arm, to fill.
    shape: P,
    /// The outer edge, the body's outline.
    outer: P,
    /// The inner edge, against the chest, from the armpit down.
    inner: P,
    /// Over the front of the shoulder to the armpit (a seam or crease).
    seam: P,
    /// Round the elbow, from the outer edge's end to the inner's (bent arms).
    bottom: Option<P>,
    /// The drawing on the chest's side of the inner edge (for the viewer's
    /// right arm: everything to its left), to clip what goes under the arm
    /// (a hanging arm's; a bent arm has nothing under it).
    before: P,
    /// A short sleeve's hem: a point on it and the arm's direction there, down
    /// the arm (the hem runs across it).
    hem: (Pt, Pt),
}

impl UpperArm {
    /// Hanging: `elbow` is where the inner edge ends at the bottom.
    fn new(f: &Frame, s: f32, elbow: Pt) -> UpperArm {
        let x = |v: f32| if s < 0.0 { v } else { 400.0 - v };
        let shoulder = tail(&f.shoulder(s), 0.62);
        let side = f.side(s);
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
        let before = P::new()
            .m(-10.0, -10.0)
            .l(armpit.0, -10.0)
            .l(armpit.0, armpit.1)
            .q(armpit.0 - s * 6.0, (armpit.1 + elbow.1) * 0.5, elbow.0, elbow.1)
            .l(elbow.0, 540.0)
            .l(-10.0, 540.0)
            .z();
        let hem = ((sh.0, sh.1 + 58.0), (0.0, 1.0));
        UpperArm { shape, outer, inner, seam, bottom: None, before, hem }
    }

    /// Bent from the shoulder joint to `elbow`, `width` across there: from
    /// the shoulder's top round the joint (the deltoid), down the arm's outer
    /// side to the elbow, round it, and up the inner side to the armpit.
    fn bent(f: &Frame, s: f32, elbow: Pt, width: f32) -> UpperArm {
        let sh = if s < 0.0 { f.sl } else { f.sr };
        let j = f.joint(s);
        let shoulder = tail(&f.shoulder(s), 0.62);
        let top = shoulder[0];
        let d = unit(sub(elbow, j));
        // Across the arm, outwards.
        let n = if -d.1 * s >= 0.0 { (-d.1, d.0) } else { (d.1, -d.0) };
        let r = length(sub(sh, j));
        let wj = (width + 14.0).min(2.0 * r);
        let pi = sub(j, mul(n, wj * 0.5));
        let (oe, ie) = (add(elbow, mul(n, width * 0.5)), sub(elbow, mul(n, width * 0.5)));
        // Round the joint from the shoulder's corner to the arm's outer side:
        // a circle's arc about the joint, as one cubic.
        let a0 = unit(sub(sh, j));
        let sweep = (a0.0 * n.0 + a0.1 * n.1).clamp(-1.0, 1.0).acos();
        let k = 4.0 / 3.0 * (sweep / 4.0).tan() * r;
        let t0 = (-a0.1, a0.0);
        let t0 = if t0.0 * n.0 + t0.1 * n.1 < 0.0 { mul(t0, -1.0) } else { t0 };
        let t1 = if d.0 * a0.0 + d.1 * a0.1 < 0.0 { d } else { mul(d, -1.0) };
        let po_r = add(j, mul(n, r));
        let (k0, k1) = (add(sh, mul(t0, k)), sub(po_r, mul(t1, k)));
        let l = length(sub(elbow, j));
        let (c1, c2) = (add(po_r, mul(d, l * 0.35)), add(sub(oe, mul(d, l * 0.3)), mul(n, 3.0)));
        let cap = width * 0.6;
        let (e1, e2) = (add(oe, mul(d, cap)), add(ie, mul(d, cap)));
        let (c3, c4) = (sub(ie, mul(d, l * 0.35)), add(pi, mul(d, l * 0.3)));
        let seam_c = add(lerp(top, pi, 0.5), mul(d, 6.0));
        let outer = P::new().m(top.0, top.1).c(shoulder[1], shoulder[2], shoulder[3]).c(k0, k1, po_r).c(c1, c2, oe);
        let bottom = P::new().m(oe.0, oe.1).c(e1, e2, ie);
        let inner = P::new().m(pi.0, pi.1).c(c4, c3, ie);
        let seam = P::new().m(top.0, top.1).q(seam_c.0, seam_c.1, pi.0, pi.1);
        let shape = P::new()
            .m(top.0, top.1)
            .c(shoulder[1], shoulder[2], shoulder[3])
            .c(k0, k1, po_r)
            .c(c1, c2, oe)
            .c(e1, e2, ie)
            .c(c3, c4, pi)
            .q(seam_c.0, seam_c.1, top.0, top.1)
            .z();
        let hem = (add(j, mul(d, 24.0)), d);
        UpperArm { shape, outer, inner, seam, bottom: Some(bottom), before: P::new(), hem }
    }

    /// Draws it: a sleeve to the cuff, or (gown, uniform) a short sleeve
    /// ending at its hem, across the arm, with the bare arm below. `id`
    /// names its clips.
    fn draw(&self, svg: &mut Svg, look: &Person, id: &str) {
        let cloth = clothes_colour(look);
        let skin = look.skin.rgb();
        let short = matches!(look.clothing, Clothing::Gown | Clothing::Uniform);
        let edge = cloth.shade(0.4);
        if short {
            // The sleeve's side of the hem, and the arm's.
            let ((hx, hy), d) = self.hem;
            let n = (-d.1, d.0);
            let far = |a: f32, b: f32| {
                P::new()
                    .m(hx + n.0 * 300.0, hy + n.1 * 300.0)
                    .l(hx - n.0 * 300.0, hy - n.1 * 300.0)
                    .l(hx - n.0 * 300.0 + d.0 * a, hy - n.1 * 300.0 + d.1 * a)
                    .l(hx + n.0 * 300.0 + d.0 * b, hy + n.1 * 300.0 + d.1 * b)
                    .z()
            };
            let (sleeve, bare) = (far(-400.0, -400.0), far(400.0, 400.0));
            let (sid, bid, aid) = (format!("{id}s"), format!("{id}b"), format!("{id}a"));
            svg.fill(&self.shape, skin, 1.0);
            svg.clip(&bid, &bare);
            svg.group_clipped(&bid);
            svg.line(&self.inner, skin.shade(0.42), 1.8, 1.0);
            svg.line(&self.outer, skin.shade(0.42), 1.8, 1.0);
            if let Some(bottom) = &self.bottom {
                svg.line(bottom, skin.shade(0.42), 1.8, 1.0);
            }
            svg.end();
            svg.clip(&aid, &self.shape);
            svg.group_clipped(&aid);
            // The sleeve's shadow on the arm, just below its hem.
            let hem_line = P::new().m(hx - n.0 * 300.0, hy - n.1 * 300.0).l(hx + n.0 * 300.0, hy + n.1 * 300.0);
            let shadow = P::new()
                .m(hx - n.0 * 300.0 + d.0 * 4.0, hy - n.1 * 300.0 + d.1 * 4.0)
                .l(hx + n.0 * 300.0 + d.0 * 4.0, hy + n.1 * 300.0 + d.1 * 4.0);
            svg.line(&shadow, skin.shade(0.5), 7.0, 0.22);
            svg.clip(&sid, &sleeve);
            svg.group_clipped(&sid);
            svg.fill(&self.shape, cloth, 1.0);
            if look.clothing == Clothing::Gown {
                svg.fill_url(&self.shape, "gownp", 0.8);
            }
            svg.end();
            svg.line(&hem_line, cloth.shade(0.3), 3.0, 1.0);
            svg.end();
            svg.group_clipped(&sid);
            svg.line(&self.inner, edge, 1.8, 1.0);
            svg.line(&self.outer, edge, 2.0, 1.0);
            svg.end();
        } else {
            let sleeve = cloth.shade(0.06);
            svg.fill(&self.shape, sleeve, 1.0);
            svg.line(&self.inner, edge, 1.8, 1.0);
            svg.line(&self.outer, edge, 2.0, 1.0);
            if let Some(bottom) = &self.bottom {
                svg.line(bottom, edge, 1.8, 1.0);
            }
        }
        svg.line(&self.seam, edge, 1.4, 0.45);
    }
}

/// A forearm from elbow to wrist, `w0` wide at the elbow and `w1` at the
/// wrist, fuller on the outer (`bulge`) side near the elbow; a rounded elbow,
/// and a rounded wrist, so that a hand bent at it shows no corner.
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
    let (cap, wrist) = (w0 * 0.62, w1 * 0.55);
    P::new()
        .m(a0.0, a0.1)
        .c((am.0, am.1), (a1.0 - ux * len * 0.3, a1.1 - uy * len * 0.3), a1)
        .c((a1.0 + ux * wrist, a1.1 + uy * wrist), (b1.0 + ux * wrist, b1.1 + uy * wrist), b1)
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

/// A hand seen from the back, in its own coordinates: the middle of the
/// wrist at the origin, the fingers along +x, the thumb on the -y side (a
/// right hand; mirrored across x, a left one). `l` is its length from the
/// wrist to the middle finger's tip; `curl` 0 lays the fingers straight, 1
/// curls them over (shorter, their tips turned away, as gripping); `thumb`
/// is the thumb's angle out from the fingers, in degrees, or none for a
/// thumb out of sight under the hand.
fn hand_back(svg: &mut Svg, skin: Rgb, l: f32, curl: f32, thumb: Option<f32>) {
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    let pt = |x: f32, y: f32| (x * l, y * l);
    if let Some(thumb) = thumb {
        thumb_back(svg, skin, l, thumb);
    }
    // Fingers: (knuckle x, knuckle y, length past the knuckle, width, angle
    // in degrees), index first; spread a little, the little finger shortest.
    let fingers = [
        (0.455, -0.17, 0.44, 0.125, -4.0f32),
        (0.48, -0.057, 0.5, 0.13, -0.5),
        (0.47, 0.057, 0.465, 0.124, 3.0),
        (0.43, 0.162, 0.36, 0.106, 7.5),
    ];
    for &(kx, ky, len, fw, angle) in &fingers {
        let (sn, cs) = angle.to_radians().sin_cos();
        let len = len * (1.0 - 0.45 * curl);
        let at = |u: f32, v: f32| pt(kx - 0.04 + u * cs - v * sn, ky + u * sn + v * cs);
        let (h0, h1) = (fw * 0.5, fw * 0.43);
        let (b0, b1, t0, t1, tip, r0, r1) = (
            at(0.0, -h0),
            at(0.0, h0),
            at(len - h1, -h1),
            at(len - h1, h1),
            at(len + h1 * 0.15, 0.0),
            at(len + h1 * 0.1, -h1 * 0.75),
            at(len + h1 * 0.1, h1 * 0.75),
        );
        let d = P::new()
            .m(b0.0, b0.1)
            .l(t0.0, t0.1)
            .q(r0.0, r0.1, tip.0, tip.1)
            .q(r1.0, r1.1, t1.0, t1.1)
            .l(b1.0, b1.1)
            .z();
        svg.shape(&d, skin, edge, 1.3);
        if curl > 0.05 {
            // Curled over, the last joint turns away into shadow.
            let shade = P::new()
                .m(at(len * 0.78, -h1).0, at(len * 0.78, -h1).1)
                .l(t0.0, t0.1)
                .q(r0.0, r0.1, tip.0, tip.1)
                .q(r1.0, r1.1, t1.0, t1.1)
                .l(at(len * 0.78, h1).0, at(len * 0.78, h1).1)
                .z();
            svg.fill(&shade, skin.shade(0.25), 0.6 * curl);
        } else {
            // The nail.
            let (n0, n1, n2) =
                (at(len - fw * 0.55, -h1 * 0.55), at(len - fw * 0.1, 0.0), at(len - fw * 0.55, h1 * 0.55));
            let nail = P::new()
                .m(n0.0, n0.1)
                .q(at(len - fw * 0.05, -h1 * 0.6).0, at(len - fw * 0.05, -h1 * 0.6).1, n1.0, n1.1)
                .q(at(len - fw * 0.05, h1 * 0.6).0, at(len - fw * 0.05, h1 * 0.6).1, n2.0, n2.1)
                .z();
            svg.fill(&nail, skin.light(0.16), 0.9);
            svg.line(&nail, crease, 0.7, 0.35);
        }
        // The middle and last joints.
        for (j, o) in [(0.42, 0.6), (0.74, 0.4)] {
            let (a, b, c) = (at(len * j, -h0 * 0.55), at(len * j + 0.015, 0.0), at(len * j, h0 * 0.55));
            svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 0.9, o);
        }
    }
    // The back of the hand: narrow at the wrist (left open there, so that it
    // runs on from the forearm), broad at the knuckles.
    let rim = [pt(-0.08, -0.2), pt(0.2, -0.23), pt(0.43, -0.235)];
    let knuckles = [pt(0.47, -0.2), pt(0.5, -0.11), pt(0.515, 0.0), pt(0.5, 0.11), pt(0.45, 0.2)];
    let rim_far = [pt(0.39, 0.235), pt(0.2, 0.215), pt(-0.08, 0.2)];
    let outline: Vec<Pt> = rim.iter().chain(&knuckles).chain(&rim_far).copied().collect();
    svg.fill(&through(&outline, true), skin, 1.0);
    svg.line(&through(&outline, false), edge, 1.4, 1.0);
    // Knuckles: a crease each.
    for &(kx, ky, _, fw, _) in &fingers {
        let (a, b, c) = (pt(kx - 0.035, ky - fw * 0.3), pt(kx - 0.015, ky), pt(kx - 0.035, ky + fw * 0.3));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), crease, 1.0, 0.5);
    }
    // Tendons fanning out from the wrist, faint.
    for &(kx, ky, _, _, _) in &fingers[..3] {
        let (a, c) = (pt(0.1, ky * 0.45), pt(kx - 0.1, ky));
        svg.line(&P::new().m(a.0, a.1).l(c.0, c.1), crease, 0.8, 0.22);
    }
}

/// The thumb of [`hand_back`]'s hand, `thumb` degrees out from the fingers.
fn thumb_back(svg: &mut Svg, skin: Rgb, l: f32, thumb: f32) {
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    let pt = |x: f32, y: f32| (x * l, y * l);
    // The thumb, from the side of the palm near the wrist, bent at its joint.
    let (ts, tc) = (-thumb).to_radians().sin_cos();
    let (bs, bc) = (-(thumb - 22.0)).to_radians().sin_cos();
    let root = pt(0.12, -0.15);
    let joint = add(root, mul((tc, ts), 0.19 * l));
    let tip = add(joint, mul((bc, bs), 0.16 * l));
    let across = |d: (f32, f32), w: f32| mul((-d.1, d.0), w * l);
    let (w0, w1, w2) = (0.1, 0.088, 0.072);
    let (a0, a1, a2) = (across((tc, ts), w0), across((tc, ts), w1), across((bc, bs), w2));
    let thumb_shape = P::new()
        .m(root.0 + a0.0, root.1 + a0.1)
        .q(joint.0 + a1.0 * 1.1, joint.1 + a1.1 * 1.1, tip.0 + a2.0, tip.1 + a2.1)
        .c(add(add(tip, a2), mul((bc, bs), 0.07 * l)), add(sub(tip, a2), mul((bc, bs), 0.07 * l)), sub(tip, a2))
        .q(joint.0 - a1.0, joint.1 - a1.1, root.0 - a0.0 * 1.1, root.1 - a0.1 * 1.1)
        .z();
    svg.shape(&thumb_shape, skin.shade(0.03), edge, 1.3);
    // Its nail, and the crease at its joint.
    let nail = add(tip, mul((bc, bs), -0.035 * l));
    let n_across = across((bc, bs), w2 * 0.55);
    let d = P::new().m(nail.0 - n_across.0, nail.1 - n_across.1).q(
        nail.0 + bc * 0.05 * l,
        nail.1 + bs * 0.05 * l,
        nail.0 + n_across.0,
        nail.1 + n_across.1,
    );
    svg.line(&d, crease, 1.0, 0.6);
    let (c0, c1) = (add(joint, mul(a1, 0.6)), sub(joint, mul(a1, 0.6)));
    svg.line(&P::new().m(c0.0, c0.1).l(c1.0, c1.1), crease, 0.9, 0.45);
}

/// Opens a group holding a hand, marked as one (for tests), placed by `transform`.
fn hand_group(svg: &mut Svg, transform: &str) {
    if transform.is_empty() {
        svg.raw(r#"<g class="hand">"#);
    } else {
        let _ = write!(svg.s, r#"<g class="hand" transform="{transform}">"#);
    }
}

/// Crossed arms sliding up into view as they cross, or the phone at the ear;
/// and with shame, a hand raised to the brow. Drawn after the head, so that a
/// hand at the brow lies over the hair, the glasses and all.
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
        folded(svg, look, p, &f, sleeve, skin);
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

/// With the arms folded, the elbow on the viewer's left (`s` -1) or right
/// (1): the upper arm's length down from the joint, hanging by the body's side.
fn folded_elbow(f: &Frame, s: f32) -> Pt {
    add(f.joint(s), mul(unit((s * 0.36, 0.93)), UPPER_ARM))
}

/// A forearm's wrist, the forearm's length from `elbow`, rising at `degrees`
/// across the body (towards the viewer's right if positive `s`).
fn across(elbow: Pt, s: f32, degrees: f32) -> Pt {
    let (sn, cs) = degrees.to_radians().sin_cos();
    add(elbow, mul((s * cs, -sn), FOREARM))
}

/// The angle of the line from `a` to `b`, in degrees clockwise from across.
fn angle(a: Pt, b: Pt) -> f32 {
    (b.1 - a.1).atan2(b.0 - a.0).to_degrees()
}

/// Arms folded across the chest, from the elbows where the upper arms hang;
/// the person's right forearm in front, or (mirrored) the left. A hand holding
/// the other arm lies over it, its fingers round its far side.
fn folded(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, sleeve: Option<Rgb>, skin: Rgb) {
    let ac = p.arms_crossed;
    let (mirror, both_hands) = fold_of(look);
    let size = ArmSize::of(f.b);
    // A headscarf's drape rises out of the way, and the arms fold below it.
    let below_drape = if look.headwear == Headwear::Headscarf { 20.0 } else { 0.0 };
    // Hands gripping the arms hold them a little higher, hugged in.
    let hug = if both_hands { -6.0 } else { 0.0 };
    // The forearms slide up from below as the arms fold.
    let oy = (1.0 - ac).powf(1.5) * 140.0 + below_drape + hug;
    let down = |q: Pt| (q.0, q.1 + oy);
    if mirror {
        svg.group("translate(400 0) scale(-1 1)");
    }
    // The one behind runs from the right elbow to a hand holding the left
    // upper arm; the one in front from the left elbow to a hand tucked under
    // the right arm, or holding it.
    let (el, er) = (folded_elbow(f, -1.0), folded_elbow(f, 1.0));
    let behind = (down(er), down(across(er, -1.0, 17.0)));
    let front = (down(el), down(across(el, 1.0, if both_hands { 14.0 } else { 12.0 })));
    let (w0, w1) = (size.elbow, size.wrist);
    let dim = |c: Rgb| c.shade(0.1);
    // Hands stay within the body's outline: the fingers round an arm's far
    // side go out of sight.
    svg.clip("grip", &f.torso(Opening::Round { depth: 0.0, inset: 0.0 }));
    sleeved_forearm(svg, behind, (w0, w1, 4.0), sleeve.map(dim), dim(skin), 18.0);
    let hand = |svg: &mut Svg, (elbow, wrist): (Pt, Pt), turn: f32, left: bool, colour: Rgb| {
        svg.group_clipped("grip");
        let flip = if left { -1.0 } else { 1.0 };
        let at = angle(elbow, wrist) + turn;
        hand_group(svg, &format!("translate({:.1} {:.1}) rotate({at:.1}) scale(1 {flip})", wrist.0, wrist.1));
        hand_back(svg, colour, size.hand, 0.35, None);
        svg.end();
        svg.end();
    };
    // The person's left hand, its thumb up along the arm it holds.
    hand(svg, behind, -24.0, true, dim(skin));
    let (fw0, fw1) = (w0 + 4.0, w1 + 3.0);
    if both_hands {
        sleeved_forearm(svg, front, (fw0, fw1, 5.0), sleeve, skin, 16.0);
        hand(svg, front, 24.0, false, skin);
    } else {
        // The hand in front goes under the right upper arm, out of sight.
        let (_, right) = upper_arms(f, look, p);
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
/// brow: the upper arm forward from the shoulder to the elbow in front of the
/// lower chest (drawn with the torso), the forearm rising from there to the
/// wrist by the temple, the hand's heel on the brow and its fingers over the
/// forehead into the hair, the head turned into it. The hand comes up from
/// below, close in front of the chest, never out beside the face (and only in
/// passing: see [`crate::Expression::hand_to_brow`]).
fn hand_to_brow(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, sleeve: Option<Rgb>, skin: Rgb) {
    let arm = BrowArm::new(look, p, f);
    let size = ArmSize::of(f.b);
    let (elbow, wrist, (dx, dy)) = arm.rising(p.hand_to_brow);
    let (w0, w1, bulge) = (size.elbow - 2.0, size.wrist, 6.0);
    // The forearm runs on a little under the hand, so the bent wrist shows no seam.
    let u = unit(sub(wrist, elbow));
    sleeved_forearm(svg, (elbow, add(wrist, mul(u, 6.0))), (w0, w1, bulge), sleeve, skin, 40.0);
    // Folds in the crook of the elbow, on the chest's side.
    let at = |along: f32, across: f32| {
        let r = (w0 * 0.5 + bulge * 0.5) * across;
        (elbow.0 + u.0 * along - u.1 * r, elbow.1 + u.1 * along + u.0 * r)
    };
    for (along, reach) in [(16.0, 0.5), (32.0, 0.35)] {
        let (a, b, c) = (at(along, 1.0), at(along - 3.0, 1.0 - reach * 0.6), at(along - 8.0, 1.0 - reach));
        svg.line(&P::new().m(a.0, a.1).q(b.0, b.1, c.0, c.1), sleeve.unwrap_or(skin).shade(0.35), 1.4, 0.7);
    }
    // The hand, in the head's coordinates, so that it stays on the brow as the head moves.
    svg.group(&format!("translate({dx:.1} {dy:.1})"));
    svg.group(&super::head_transform(p));
    let (w, turn) = (arm.wrist_on_head, BrowArm::TURN);
    hand_group(svg, &format!("translate({:.1} {:.1}) rotate({turn:.1})", w.0, w.1));
    hand_back(svg, skin, size.hand, 0.0, Some(34.0));
    svg.end();
    svg.end();
    svg.end();
}

/// The arm with a hand at the brow, in place.
struct BrowArm {
    /// The wrist by the temple, in the head's coordinates.
    wrist_on_head: Pt,
    /// The elbow and wrist on the drawing: the forearm's length apart.
    elbow: Pt,
    wrist: Pt,
}

impl BrowArm {
    /// The fingers' direction in the head's coordinates, degrees clockwise
    /// from across: up over the forehead.
    const TURN: f32 = -44.0;

    fn new(look: &Person, p: &Pose, f: &Frame) -> BrowArm {
        let g = Geo::of(look);
        let scarf = look.headwear == Headwear::Headscarf;
        let wrist_on_head = (-(g.cw + if scarf { 20.0 } else { 14.0 }), -14.0);
        let wrist = head_point(p, wrist_on_head.0, wrist_on_head.1);
        // The elbow below, in front of the lower chest.
        let towards = (162.0 - 6.0 * f.b, 480.0 - f.lift);
        let elbow = add(wrist, mul(unit(sub(towards, wrist)), FOREARM));
        BrowArm { wrist_on_head, elbow, wrist }
    }

    /// The elbow and wrist `h` of the way up (0 to 1), and how far the hand
    /// is below its place: nearly straight below, so that it rises close in
    /// front of the chest, the elbow coming up from below the frame with it.
    fn rising(&self, h: f32) -> (Pt, Pt, Pt) {
        let (dx, dy) = ((1.0 - h) * 40.0, (1.0 - h) * 440.0);
        let elbow = (self.elbow.0 + dx * 0.5, self.elbow.1 + dy * 0.5);
        let wrist = (self.wrist.0 + dx, self.wrist.1 + dy);
        (elbow, wrist, (dx, dy))
    }
}

/// The hand holding a phone to the ear on the viewer's right: the upper arm
/// down from the shoulder to the elbow (drawn with the torso), the forearm up
/// from there to the wrist below the ear, and the hand wrapping the phone, its
/// back on the phone's far side and its fingers curled over the near edge.
fn phone(svg: &mut Svg, look: &Person, p: &Pose, f: &Frame, sleeve: Option<Rgb>, skin: Rgb) {
    let size = ArmSize::of(f.b);
    let (ex, wrist) = phone_at(look, p);
    let elbow = phone_elbow(f);
    let u = unit(sub(wrist, elbow));
    sleeved_forearm(svg, (elbow, add(wrist, mul(u, 10.0))), (size.elbow, size.wrist + 2.0, 5.0), sleeve, skin, 22.0);
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
    hand_group(svg, "");
    let edge = skin.shade(0.4);
    let crease = skin.shade(0.3);
    let k = size.hand / 102.0;
    let at = |x: f32, y: f32| (ex + x * k, 6.0 + y * k);
    // The back of the hand on the phone's far side, from the knuckles down to
    // the wrist, seen edge on: the thumb's root bulging at the top.
    // Open at the wrist, so that it runs on from the forearm.
    let back = [
        at(-3.0, 100.0),
        at(-2.0, 74.0),
        at(8.0, 52.0),
        at(10.0, 2.0),
        at(22.0, -4.0),
        at(33.0, 8.0),
        at(36.0, 36.0),
        at(33.0, 66.0),
        at(27.0, 100.0),
    ];
    svg.fill(&through(&back, true), skin, 1.0);
    svg.line(&through(&back, false), edge, 1.6, 1.0);
    svg.line(&through(&[at(26.0, 10.0), at(30.0, 36.0), at(26.0, 62.0)], false), crease, 1.2, 0.45);
    // Four fingers curled round the phone, their tips over its near edge,
    // each with its nail; the little finger lowest and shortest.
    for (i, (y, reach)) in [(10.0f32, 26.0f32), (23.0, 29.0), (36.0, 28.0), (48.5, 23.0)].into_iter().enumerate() {
        let h = if i == 3 { 5.0 } else { 6.2 } * k;
        let (x0, x1) = (ex + 20.0 * k, ex + 20.0 * k - reach * k);
        let y = 6.0 + y * k;
        let d = P::new()
            .m(x0, y - h)
            .q((x0 + x1) * 0.5, y - h - 1.2, x1 + h * 0.6, y - h + 0.3)
            .q(x1 - h * 0.75, y + 0.4, x1 + h * 0.6, y + h)
            .q((x0 + x1) * 0.5, y + h + 0.8, x0, y + h)
            .z();
        svg.shape(&d, skin, edge, 1.3);
        // The middle joint over the phone's edge, and the nail at the tip.
        let jx = ex + 2.0 * k;
        svg.line(&P::new().m(jx, y - h * 0.55).q(jx - 1.5, y, jx, y + h * 0.55), crease, 0.9, 0.6);
        let nx = x1 + h * 0.5;
        let nail = P::new()
            .m(nx + 4.0 * k, y - h * 0.5)
            .q(nx - 1.0, y - h * 0.45, nx - 1.0, y)
            .q(nx - 1.0, y + h * 0.45, nx + 4.0 * k, y + h * 0.5)
            .z();
        svg.shape(&nail, skin.light(0.18), crease, 0.8);
    }
    svg.end();
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
                // reaches its length above the wrist).
                let low = arm.rising(0.01).1.1 - ArmSize::of(f.b).hand;
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

    #[test]
    fn arms_keep_their_lengths_and_hang_from_the_shoulders_in_every_pose() {
        let near = |a: f32, b: f32| (a - b).abs() < 0.5;
        let shame = Expression::from_state(82.0, 50.0, Some("shame"));
        for headwear in Headwear::ALL {
            for face in FaceShape::ALL {
                for beard in [false, true] {
                    let look = Person::new(&Look { headwear, face, beard, ..Look::default() }, 60);
                    let p = Pose::new(&look, &shame, 0.0);
                    let f = Frame::new(&p, &look);
                    let who = format!("{headwear:?} {face:?} beard {beard}");
                    // The joints in from the torso's top outer corners.
                    let (jl, jr) = (f.joint(-1.0), f.joint(1.0));
                    assert!(jl.0 > f.sl.0 && jl.1 > f.sl.1 && jr.0 < f.sr.0 && jr.1 > f.sr.1, "{who}");
                    // Folded: both upper arms their length, elbows at the lower
                    // chest, forearms their length.
                    for s in [-1.0, 1.0] {
                        let elbow = folded_elbow(&f, s);
                        assert!(near(length(sub(elbow, f.joint(s))), UPPER_ARM), "{who}");
                        assert!((460.0..=510.0).contains(&elbow.1), "{who}: folded elbow at {elbow:?}");
                        assert!(near(length(sub(across(elbow, -s, 15.0), elbow)), FOREARM), "{who}");
                    }
                    // A hand at the brow: the forearm its length from an elbow
                    // in front of the lower chest, the upper arm no longer than
                    // its length (shortened, coming forward).
                    let arm = BrowArm::new(&look, &p, &f);
                    assert!(near(length(sub(arm.wrist, arm.elbow)), FOREARM), "{who}");
                    assert!(length(sub(arm.elbow, jl)) <= UPPER_ARM, "{who}");
                    assert!(arm.elbow.0 > jl.0 && (420.0..=480.0).contains(&arm.elbow.1), "{who}: {:?}", arm.elbow);
                    // On the phone: neither part longer than its length.
                    let look = Person { scene: Scene::Phone, ..look };
                    let p = Pose::new(&look, &Expression::default(), 0.0);
                    let f = Frame::new(&p, &look);
                    let (elbow, (_, wrist)) = (phone_elbow(&f), phone_at(&look, &p));
                    assert!(length(sub(elbow, f.joint(1.0))) <= UPPER_ARM, "{who}");
                    assert!(length(sub(wrist, elbow)) <= FOREARM, "{who}");
                    assert!((440.0..=500.0).contains(&elbow.1), "{who}: phone elbow at {elbow:?}");
                }
            }
        }
    }

    #[test]
    fn a_hand_at_the_brow_is_drawn_over_everything_on_the_face() {
        let shame = Expression::from_state(82.0, 50.0, Some("shame"));
        for headwear in Headwear::ALL {
            for scene in [Scene::Bedside, Scene::Phone] {
                let look = Look { headwear, scene, glasses: Some(true), ..Look::default() };
                let s = crate::svg(&look, 50, &shame, 0.0, 40, 50);
                let hand = s.rfind(r#"class="hand""#).expect("a hand at the brow");
                // The glasses' rims, and nothing of the head, after it.
                let rims = s.rfind(r#"rx="8""#).expect("glasses");
                assert!(hand > rims, "{headwear:?} {scene:?}");
                assert!(!s[hand..].contains("faceclip") && !s[hand..].contains(r#"rx="8""#));
            }
        }
    }
}
