//! Hair in two layers (behind the head and over it), brows' colour, beard and
//! moustache, headscarf and turban; all in the head's own coordinates.

use super::face::Geo;
use super::{P, Pose, Svg, head_point, mirrored, through};
use crate::colour::{Colour, Rgb};
use crate::person::Person;
use bedside_core::scenario::look::{HairColour, HairStyle, Headwear};

/// The hair's colour with the years' grey in it.
pub(crate) fn hair_colour(look: &Person) -> Rgb {
    let base = look.hair_colour.rgb();
    match look.hair_colour {
        HairColour::Grey | HairColour::White => base,
        _ => {
            let g = look.greying;
            base.mix(Rgb::hex(0xa3a09b).mix(Rgb::hex(0xdcd9d4), g), g * 0.85)
        }
    }
}

pub(crate) fn brow_colour(look: &Person) -> Rgb {
    let hair = hair_colour(look);
    match look.hair_colour {
        HairColour::White => hair.shade(0.3),
        HairColour::Grey => hair.shade(0.35),
        HairColour::Blonde => hair.shade(0.35),
        _ => hair.shade(0.1),
    }
}

fn beard_colour(look: &Person) -> Rgb {
    let base = look.hair_colour.rgb();
    let g = (look.greying + 0.15).min(1.0);
    match look.hair_colour {
        HairColour::Grey | HairColour::White => base,
        _ => base.mix(Rgb::hex(0xb0ada8), g * 0.8),
    }
}

/// Paints a hair shape: the fill with a soft darker edge.
fn paint(svg: &mut Svg, d: &P, hair: Rgb) {
    svg.shape(d, hair, hair.shade(0.35), 1.6);
}

/// Strands: a few lines in a darker and a lighter tone.
fn strands(svg: &mut Svg, hair: Rgb, lines: &[&[(f32, f32)]]) {
    for (i, pts) in lines.iter().enumerate() {
        let (colour, o) = if i % 2 == 0 { (hair.shade(0.28), 0.55) } else { (hair.light(0.22), 0.5) };
        svg.line(&through(pts, false), colour, 1.4, o);
    }
}

/// The cloud of a curly head, drawn as circles: all outlines first, then all
/// fills, so only the outer edge shows a line.
fn cloud(svg: &mut Svg, hair: Rgb, circles: &[(f32, f32, f32)]) {
    let mut d = P::new();
    for &(x, y, r) in circles {
        d = d.ellipse(x, y, r, r);
    }
    svg.line(&d, hair.shade(0.35), 3.2, 1.0);
    svg.fill(&d, hair, 1.0);
}

fn curls(svg: &mut Svg, hair: Rgb, at: &[(f32, f32)]) {
    let mut d = P::new();
    for &(x, y) in at {
        d = d.m(x - 4.0, y + 2.0).q(x - 4.0, y - 4.0, x + 1.0, y - 4.0).q(x + 5.0, y - 3.0, x + 4.0, y + 2.0);
    }
    svg.line(&d, hair.shade(0.3), 1.5, 0.6);
}

/// Hair behind the head (long hair, the cloud of curls, a bun).
pub(crate) fn back(svg: &mut Svg, look: &Person, _p: &Pose) {
    if look.headwear != Headwear::None && look.hair != HairStyle::Long {
        return;
    }
    let g = Geo::of(look);
    let hair = hair_colour(look);
    let back = hair.shade(0.18);
    let cw = g.cw;
    match look.hair {
        HairStyle::Long => {
            let d = through(
                &mirrored(&[
                    (cw * 0.6, g.top - 6.0),
                    (cw + 12.0, -50.0),
                    (cw + 20.0, 40.0),
                    (cw + 26.0, 130.0),
                    (cw + 20.0, 200.0),
                    (cw - 10.0, 215.0),
                ]),
                true,
            );
            paint(svg, &d, back);
        }
        HairStyle::Wavy => {
            let d = through(
                &mirrored(&[
                    (cw * 0.6, g.top - 8.0),
                    (cw + 16.0, -50.0),
                    (cw + 24.0, 20.0),
                    (cw + 30.0, 80.0),
                    (cw + 24.0, 118.0),
                    (cw - 10.0, 122.0),
                ]),
                true,
            );
            paint(svg, &d, back);
        }
        HairStyle::Curly => {
            let mut c = Vec::new();
            for i in 0..13 {
                let a = (150.0 + i as f32 * 20.0).to_radians();
                c.push(((cw + 10.0) * a.cos(), -32.0 + 84.0 * a.sin(), 25.0));
            }
            c.extend([
                (-(cw + 12.0), 30.0, 21.0),
                (cw + 12.0, 30.0, 21.0),
                (-(cw + 4.0), 58.0, 16.0),
                (cw + 4.0, 58.0, 16.0),
            ]);
            cloud(svg, back, &c);
        }
        HairStyle::Bun => {
            let d = P::new().ellipse(0.0, g.top - 14.0, 27.0, 23.0);
            paint(svg, &d, hair);
            let wrap = P::new().m(-22.0, g.top - 6.0).q(0.0, g.top - 22.0, 22.0, g.top - 10.0);
            svg.line(&wrap, hair.shade(0.3), 1.5, 0.7);
            let wrap = P::new().m(-18.0, g.top - 24.0).q(2.0, g.top - 34.0, 20.0, g.top - 20.0);
            svg.line(&wrap, hair.light(0.2), 1.4, 0.6);
        }
        _ => {}
    }
}

/// Hair over the head: the cap, fringe and the locks framing the face.
pub(crate) fn front(svg: &mut Svg, look: &Person, g: &Geo, p: &Pose) {
    if look.headwear != Headwear::None {
        return;
    }
    let hair = hair_colour(look);
    let cw = g.cw;
    let top = g.top;
    let part = p.yaw * 5.0;
    match look.hair {
        HairStyle::None => {
            // A bald head keeps a soft shine.
            svg.ellipse(-18.0, top + 26.0, 22.0, 10.0, Rgb::hex(0xffffff), 0.14);
        }
        HairStyle::Short => {
            let d = through(
                &[
                    (-(cw + 1.0), -4.0),
                    (-(cw + 4.0), -50.0),
                    (-(cw - 18.0), top - 4.0),
                    (-6.0, top - 12.0),
                    (cw - 16.0, top - 6.0),
                    (cw + 4.0, -50.0),
                    (cw + 1.0, -4.0),
                    (cw - 4.0, -6.0),
                    (cw - 8.0, -46.0),
                    (cw - 22.0, -64.0),
                    (22.0 + part, -74.0),
                    (-10.0 + part, -70.0),
                    (-28.0 + part, -66.0),
                    (-(cw - 14.0), -60.0),
                    (-(cw - 6.0), -40.0),
                    (-(cw - 4.0), -6.0),
                ],
                true,
            );
            paint(svg, &d, hair);
            strands(
                svg,
                hair,
                &[
                    &[(-30.0 + part, -70.0), (-14.0, -92.0), (14.0, top - 4.0)],
                    &[(10.0 + part, -76.0), (26.0, -94.0), (40.0, top + 2.0)],
                    &[(-(cw - 10.0), -50.0), (-(cw - 14.0), -80.0), (-30.0, top)],
                    &[(30.0 + part, -72.0), (48.0, -86.0), (58.0, -90.0)],
                ],
            );
        }
        HairStyle::Cropped => {
            let crop = hair.mix(look.skin.rgb(), 0.3);
            let d = through(
                &[
                    (-(cw - 0.5), -10.0),
                    (-(cw + 1.5), -52.0),
                    (-(cw - 20.0), top - 1.0),
                    (0.0, top - 4.0),
                    (cw - 20.0, top - 1.0),
                    (cw + 1.5, -52.0),
                    (cw - 0.5, -10.0),
                    (cw - 5.0, -12.0),
                    (cw - 9.0, -50.0),
                    (cw - 20.0, -66.0),
                    (0.0, -72.0),
                    (-(cw - 20.0), -66.0),
                    (-(cw - 9.0), -50.0),
                    (-(cw - 5.0), -12.0),
                ],
                true,
            );
            svg.shape(&d, crop, crop.shade(0.15), 1.0);
        }
        HairStyle::Receding => {
            // Thin on top, kept at the sides.
            let cap = through(
                &mirrored(&[
                    (16.0, top - 2.0),
                    (cw - 12.0, top + 10.0),
                    (cw - 4.0, -58.0),
                    (cw - 22.0, -70.0),
                    (10.0, -80.0),
                ]),
                true,
            );
            svg.fill(&cap, hair, 0.3);
            for s in [-1.0f32, 1.0] {
                let d = through(
                    &[
                        (s * (cw + 1.0), -2.0),
                        (s * (cw + 3.0), -40.0),
                        (s * (cw - 6.0), -70.0),
                        (s * (cw - 10.0), -64.0),
                        (s * (cw - 7.0), -36.0),
                        (s * (cw - 4.0), -4.0),
                    ],
                    true,
                );
                paint(svg, &d, hair);
            }
            strands(
                svg,
                hair,
                &[&[(-24.0, -78.0), (-6.0, top + 4.0), (16.0, top - 1.0)], &[(8.0, -82.0), (20.0, top + 6.0)]],
            );
        }
        HairStyle::Long | HairStyle::Wavy => {
            let wavy = look.hair == HairStyle::Wavy;
            let len = if wavy { 112.0 } else { 176.0 };
            let cap = through(
                &[
                    (-(cw - 2.0), -8.0),
                    (-(cw + 8.0), -48.0),
                    (-(cw - 14.0), top - 8.0),
                    (-4.0, top - 14.0),
                    (cw - 12.0, top - 8.0),
                    (cw + 9.0, -48.0),
                    (cw - 1.0, -8.0),
                    (cw - 7.0, -40.0),
                    (cw - 24.0, -64.0),
                    (-14.0 + part, -76.0),
                    (-(cw - 18.0), -62.0),
                    (-(cw - 6.0), -36.0),
                ],
                true,
            );
            paint(svg, &cap, hair);
            for s in [-1.0f32, 1.0] {
                let w = if wavy { 7.0 } else { 2.0 };
                let lock = through(
                    &[
                        (s * (cw - 5.0), -44.0),
                        (s * (cw + 10.0), -30.0),
                        (s * (cw + 14.0 + w), 20.0),
                        (s * (cw + 12.0 - w), 60.0),
                        (s * (cw + 18.0 + w), len * 0.75),
                        (s * (cw + 8.0), len),
                        (s * (cw - 4.0), len - 12.0),
                        (s * (cw - 6.0 + w * 0.5), len * 0.55),
                        (s * (cw - 3.0), 20.0),
                        (s * (cw - 6.0), -20.0),
                    ],
                    true,
                );
                paint(svg, &lock, hair);
                strands(
                    svg,
                    hair,
                    &[
                        &[(s * (cw + 2.0), -30.0), (s * (cw + 8.0 + w), 30.0), (s * (cw + 6.0), len * 0.8)],
                        &[(s * (cw + 8.0), -24.0), (s * (cw + 12.0), 40.0), (s * (cw + 12.0 + w), len * 0.7)],
                    ],
                );
            }
            strands(
                svg,
                hair,
                &[
                    &[(-14.0 + part, -76.0), (-36.0, -84.0), (-(cw - 8.0), -60.0)],
                    &[(-14.0 + part, -76.0), (20.0, -86.0), (cw - 8.0, -62.0)],
                    &[(-10.0 + part, -80.0), (-4.0, top - 6.0)],
                ],
            );
        }
        HairStyle::Bun => {
            let cap = through(
                &[
                    (-(cw - 1.0), -6.0),
                    (-(cw + 3.0), -50.0),
                    (-(cw - 18.0), top - 3.0),
                    (0.0, top - 7.0),
                    (cw - 18.0, top - 3.0),
                    (cw + 3.0, -50.0),
                    (cw - 1.0, -6.0),
                    (cw - 6.0, -10.0),
                    (cw - 10.0, -46.0),
                    (cw - 26.0, -68.0),
                    (0.0, -76.0),
                    (-(cw - 26.0), -68.0),
                    (-(cw - 10.0), -46.0),
                    (-(cw - 6.0), -10.0),
                ],
                true,
            );
            paint(svg, &cap, hair);
            // Combed back towards the bun.
            strands(
                svg,
                hair,
                &[
                    &[(-30.0, -70.0), (-22.0, -92.0), (-8.0, top - 4.0)],
                    &[(26.0, -70.0), (20.0, -94.0), (8.0, top - 5.0)],
                    &[(-(cw - 12.0), -40.0), (-(cw - 16.0), -78.0), (-26.0, top)],
                    &[(cw - 12.0, -40.0), (cw - 16.0, -78.0), (26.0, top)],
                ],
            );
        }
        HairStyle::Curly => {
            let cap = through(
                &[
                    (-(cw + 4.0), 4.0),
                    (-(cw + 8.0), -60.0),
                    (-(cw - 16.0), top - 14.0),
                    (0.0, top - 18.0),
                    (cw - 16.0, top - 14.0),
                    (cw + 8.0, -60.0),
                    (cw + 4.0, 4.0),
                    (cw - 6.0, 0.0),
                    (cw - 10.0, -46.0),
                    (cw - 26.0, -64.0),
                    (0.0, -70.0),
                    (-(cw - 26.0), -64.0),
                    (-(cw - 10.0), -46.0),
                    (-(cw - 6.0), 0.0),
                ],
                true,
            );
            paint(svg, &cap, hair);
            let mut fringe = Vec::new();
            for i in 0..7 {
                let x = -48.0 + i as f32 * 16.0;
                fringe.push((x, -66.0 - (1.0 - (x / 60.0).powi(2)) * 6.0 + (i % 2) as f32 * 3.0, 11.0));
            }
            for s in [-1.0f32, 1.0] {
                fringe.extend([
                    (s * (cw - 4.0), -44.0, 11.0),
                    (s * (cw - 1.0), -22.0, 10.0),
                    (s * (cw - 1.0), -2.0, 9.0),
                ]);
            }
            cloud(svg, hair, &fringe);
            curls(
                svg,
                hair,
                &[
                    (-40.0, -96.0),
                    (-10.0, -104.0),
                    (20.0, -100.0),
                    (46.0, -88.0),
                    (-58.0, -70.0),
                    (60.0, -60.0),
                    (-30.0, -66.0),
                    (10.0, -70.0),
                    (36.0, -66.0),
                    (-(cw - 2.0), -30.0),
                    (cw - 2.0, -10.0),
                ],
            );
        }
    }
}

/// A short full beard over the jaw, cheeks and chin.
pub(crate) fn beard(svg: &mut Svg, look: &Person, g: &Geo, p: &Pose) {
    let colour = beard_colour(look);
    let x = p.yaw * 9.0;
    let y = p.pitch * 8.0;
    let (cw, jw, jy, chw, chy) = (g.cw, g.jw, g.jy, g.chw, g.chy);
    let d = through(
        &[
            (-(cw - 1.0), -8.0),
            (-(cw - 9.0), 18.0),
            (x - 30.0, y + 36.0),
            (x - 17.0, y + 48.0),
            (x, y + 49.0),
            (x + 17.0, y + 48.0),
            (x + 30.0, y + 36.0),
            (cw - 9.0, 18.0),
            (cw - 1.0, -8.0),
            (cw + 2.0, 22.0),
            (jw + 3.0, jy + 2.0),
            (jw - 8.0, jy + 28.0),
            (chw + 8.0, chy + 4.0),
            (0.0, chy + 8.0),
            (-(chw + 8.0), chy + 4.0),
            (-(jw - 8.0), jy + 28.0),
            (-(jw + 3.0), jy + 2.0),
            (-(cw + 2.0), 22.0),
        ],
        true,
    );
    svg.shape(&d, colour, colour.shade(0.3), 1.4);
    // A little texture.
    let mut t = P::new();
    for &(bx, by) in &[
        (-40.0, 50.0),
        (-28.0, 70.0),
        (-10.0, 86.0),
        (12.0, 86.0),
        (30.0, 70.0),
        (42.0, 50.0),
        (-52.0, 28.0),
        (54.0, 28.0),
    ] {
        t = t.m(bx, by).l(bx + 1.5, by + 5.0);
    }
    svg.line(&t, colour.shade(0.3), 1.3, 0.5);
}

pub(crate) fn moustache(svg: &mut Svg, look: &Person, p: &Pose) {
    let colour = beard_colour(look);
    let mx = p.yaw * 9.0 + p.mouth_dx;
    let my = 59.0 + p.pitch * 8.0 * 0.9;
    let w = p.mouth_w;
    let (l, r) = (my + p.corner[0] * 0.7, my + p.corner[1] * 0.7);
    let top = my - p.open * 0.35 - 6.0;
    let d = P::new()
        .m(mx - w - 3.0, l + 1.0)
        .c((mx - w - 1.0, top - 4.0), (mx - 10.0, top - 9.0), (mx, top - 7.0))
        .c((mx + 10.0, top - 9.0), (mx + w + 1.0, top - 4.0), (mx + w + 3.0, r + 1.0))
        .c((mx + w - 6.0, top + 1.0), (mx + 8.0, top + 3.0), (mx, top + 2.0))
        .c((mx - 8.0, top + 3.0), (mx - w + 6.0, top + 1.0), (mx - w - 3.0, l + 1.0))
        .z();
    svg.shape(&d, colour, colour.shade(0.3), 1.3);
}

/// The headscarf's hood (hijab): covers hair, ears and neck and frames the
/// face, in the head's coordinates so that it tilts and bows with the head.
/// Drawn over the face with the face's opening cut out; its lower edge lies
/// over the drape ([`scarf_drape`]), in the same cloth, so it has no outline.
pub(crate) fn headscarf(svg: &mut Svg, look: &Person, g: &Geo) {
    let cloth = look.headwear_colour.rgb();
    let (cw, jw, jy, chw, chy, top) = (g.cw, g.jw, g.jy, g.chw, g.chy, g.top);
    // Down one side, from the crown to the hood's lower corner.
    let side = [
        (cw * 0.55, top - 10.0),
        (cw + 10.0, top + 18.0),
        (cw + 15.0, -30.0),
        (cw + 12.0, 40.0),
        (cw + 12.0, 100.0),
        (cw + 4.0, HOOD_CORNER),
    ];
    let outer = through(&mirrored(&[&side[..], &[(cw * 0.45, HOOD_CORNER + 18.0)]].concat()), true);
    let opening = through(
        &mirrored(&[
            (cw * 0.45, -72.0),
            (cw - 9.0, -52.0),
            (cw - 5.0, -10.0),
            (cw - 6.0, 28.0),
            (jw - 3.0, jy + 2.0),
            (jw - 14.0, jy + 26.0),
            (chw + 4.0, chy + 2.0),
            (chw * 0.3, chy + 4.0),
        ]),
        true,
    );
    let d = format!("{outer}{opening}");
    svg.raw(&format!(r#"<path d="{d}" fill="{cloth}" fill-rule="evenodd"/>"#));
    // The outline over the crown and down the sides, not along the lower edge.
    let mut edge: Vec<(f32, f32)> = side.iter().rev().map(|&(x, y)| (-x, y)).collect();
    edge.extend_from_slice(&side);
    svg.line(&through(&edge, false), cloth.shade(0.35), 1.8, 1.0);
    // The underscarf's band at the edge of the face, and soft folds.
    svg.line(&opening, cloth.light(0.25), 4.0, 0.8);
    svg.line(&opening, cloth.shade(0.4), 1.2, 0.8);
    let folds = [
        [(cw + 6.0, -60.0), (cw + 10.0, 20.0), (cw + 6.0, 130.0)],
        [(-(cw + 4.0), -50.0), (-(cw + 8.0), 40.0), (-(cw + 4.0), 140.0)],
        [(jw - 20.0, jy + 40.0), (36.0, chy + 40.0), (44.0, HOOD_CORNER + 14.0)],
        [(-(jw - 16.0), jy + 46.0), (-40.0, chy + 44.0), (-48.0, HOOD_CORNER + 12.0)],
    ];
    for f in folds {
        svg.line(&through(&f, false), cloth.shade(0.25), 1.6, 0.6);
    }
}

/// How far below the eyes (head coordinates) the hood's sides end and the
/// drape takes over.
const HOOD_CORNER: f32 = 150.0;

/// The headscarf's drape over the shoulders and chest, in the drawing's
/// coordinates: it stays on the shoulders when the head tilts, its top tucked
/// under the hood (which follows the head). Crossed arms fold below it: the
/// drape's front rises out of their way.
pub(crate) fn scarf_drape(svg: &mut Svg, look: &Person, p: &Pose) {
    let cloth = look.headwear_colour.rgb();
    let g = Geo::of(look);
    let cw = g.cw;
    let lift = p.breath_lift;
    let up = 50.0 * p.arms_crossed;
    // The right half, from under the hood out over the shoulder to the hem.
    let half = |s: f32| -> Vec<(f32, f32)> {
        let x = |dx: f32| 200.0 + s * dx;
        vec![
            head_point(p, s * (cw - 6.0), 112.0),
            (x(cw + 26.0), 338.0 - lift),
            (x(cw + 62.0), 362.0 - lift),
            (x(cw + 90.0), 390.0 - lift),
            (x(cw + 99.0), 424.0 - lift - up * 0.3),
            (x(cw + 82.0), 460.0 - lift - up * 0.8),
            (x(46.0), 476.0 - lift - up),
        ]
    };
    let mut pts = half(1.0);
    pts.extend(half(-1.0).into_iter().rev());
    pts.push(head_point(p, 0.0, 124.0));
    let drape = through(&pts, true);
    svg.shape(&drape, cloth, cloth.shade(0.35), 1.8);
    let fold = cloth.shade(0.25);
    for s in [-1.0f32, 1.0] {
        let x = |dx: f32| 200.0 + s * dx;
        let folds = [
            [head_point(p, s * (cw - 10.0), 140.0), (x(cw + 30.0), 372.0 - lift), (x(cw + 62.0), 446.0 - lift - up)],
            [(x(cw + 40.0), 358.0 - lift), (x(cw + 70.0), 400.0 - lift), (x(cw + 74.0), 456.0 - lift - up * 0.8)],
            [head_point(p, s * 30.0, 160.0), (x(48.0), 410.0 - lift), (x(76.0), 464.0 - lift - up)],
        ];
        for f in folds {
            svg.line(&through(&f, false), fold, 1.6, 0.6);
        }
    }
    let mid = [head_point(p, 6.0, 170.0), (202.0, 420.0 - lift), (196.0, 470.0 - lift - up)];
    svg.line(&through(&mid, false), fold, 1.6, 0.6);
}

/// A turban wrapped high over the head, its folds meeting over the forehead.
pub(crate) fn turban(svg: &mut Svg, look: &Person, g: &Geo) {
    let cloth = look.headwear_colour.rgb();
    let (cw, top) = (g.cw, g.top);
    let d = through(
        &[
            (-(cw + 5.0), -20.0),
            (-(cw + 10.0), -70.0),
            (-(cw - 14.0), top - 26.0),
            (0.0, top - 36.0),
            (cw - 14.0, top - 26.0),
            (cw + 10.0, -70.0),
            (cw + 5.0, -20.0),
            (cw - 14.0, -32.0),
            (24.0, -52.0),
            (0.0, -66.0),
            (-24.0, -52.0),
            (-(cw - 14.0), -32.0),
        ],
        true,
    );
    svg.shape(&d, cloth, cloth.shade(0.35), 1.8);
    for s in [-1.0f32, 1.0] {
        for k in 0..3 {
            let k = k as f32;
            let f = [
                (s * (cw + 2.0 - k * 4.0), -30.0 - k * 16.0),
                (s * (cw * 0.55 - k * 6.0), -58.0 - k * 18.0),
                (s * 2.0, -70.0 - k * 14.0),
            ];
            svg.line(&through(&f, false), cloth.shade(0.3), 1.8, 0.7);
        }
    }
    svg.line(
        &P::new().m(-(cw - 20.0), top - 14.0).q(0.0, top - 34.0, cw - 20.0, top - 14.0),
        cloth.light(0.25),
        2.0,
        0.5,
    );
}
