//! The backdrops: muted, simple places behind the person, with a soft shadow
//! so the person stands forward of them.

use super::{P, Svg, VIEW_H, VIEW_W};
use crate::colour::Rgb;
use bedside_core::scenario::look::Scene;

fn rect(svg: &mut Svg, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
    svg.fill(&P::new().m(x, y).l(x + w, y).l(x + w, y + h).l(x, y + h).z(), fill, 1.0);
}

fn framed(svg: &mut Svg, x: f32, y: f32, w: f32, h: f32, fill: Rgb, frame: Rgb, width: f32) {
    let d = P::new().m(x, y).l(x + w, y).l(x + w, y + h).l(x, y + h).z();
    svg.shape(&d, fill, frame, width);
}

pub(crate) fn backdrop(svg: &mut Svg, scene: Scene) {
    match scene {
        Scene::Bedside => bedside(svg),
        Scene::Clinic => clinic(svg),
        Scene::Doorway => doorway(svg),
        Scene::RelativesRoom => relatives_room(svg),
        Scene::Phone => phone(svg),
    }
    // A soft shadow behind the person, and the corners darkened a little.
    svg.raw(concat!(
        r##"<radialGradient id="halo" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#000" stop-opacity="0.16"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>"##,
        r##"<radialGradient id="vignette" cx="0.5" cy="0.45" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.18"/></radialGradient>"##,
    ));
    svg.fill_url(&P::new().ellipse(214.0, 330.0, 190.0, 240.0), "halo", 1.0);
    svg.fill_url(&P::new().m(0.0, 0.0).l(VIEW_W, 0.0).l(VIEW_W, VIEW_H).l(0.0, VIEW_H).z(), "vignette", 1.0);
}

fn bedside(svg: &mut Svg) {
    rect(svg, 0.0, 0.0, VIEW_W, VIEW_H, Rgb::hex(0xdde4df));
    rect(svg, 0.0, 300.0, VIEW_W, 200.0, Rgb::hex(0xd3dbd6));
    // A monitor on its arm, dim.
    framed(svg, 282.0, 48.0, 92.0, 62.0, Rgb::hex(0x4b5560), Rgb::hex(0x3a424b), 3.0);
    rect(svg, 288.0, 54.0, 80.0, 50.0, Rgb::hex(0x34404a));
    let trace = P::new().m(292.0, 74.0).l(310.0, 74.0).l(315.0, 62.0).l(320.0, 86.0).l(325.0, 74.0).l(364.0, 74.0);
    svg.line(&trace, Rgb::hex(0x7fbf9a), 1.6, 0.8);
    svg.line(
        &P::new().m(292.0, 94.0).q(310.0, 88.0, 328.0, 94.0).q(346.0, 100.0, 364.0, 94.0),
        Rgb::hex(0x7fa9c9),
        1.4,
        0.7,
    );
    rect(svg, 324.0, 110.0, 8.0, 40.0, Rgb::hex(0xa7b0b4));
    // The curtain on its rail, pleated.
    rect(svg, 0.0, 14.0, VIEW_W, 5.0, Rgb::hex(0xb4bcbd));
    for i in 0..6 {
        let x = i as f32 * 18.0;
        let colour = if i % 2 == 0 { Rgb::hex(0xb9cbc6) } else { Rgb::hex(0xaabfb9) };
        let d = P::new()
            .m(x, 19.0)
            .l(x + 18.0, 19.0)
            .q(x + 22.0, 260.0, x + 19.0, 500.0)
            .l(x - 2.0, 500.0)
            .q(x + 3.0, 260.0, x, 19.0)
            .z();
        svg.fill(&d, colour, 1.0);
    }
    svg.line(&P::new().m(108.0, 19.0).q(114.0, 260.0, 110.0, 500.0), Rgb::hex(0x95aca5), 2.0, 0.8);
    // The bed's back rest, and the pillow behind the shoulders.
    let rest = P::new().m(8.0, 500.0).l(20.0, 292.0).q(200.0, 262.0, 380.0, 292.0).l(392.0, 500.0).z();
    svg.shape(&rest, Rgb::hex(0xb9c3cb), Rgb::hex(0x9aa6af), 2.0);
    let pillow = P::new()
        .m(40.0, 500.0)
        .c((32.0, 420.0), (34.0, 318.0), (62.0, 290.0))
        .q(200.0, 264.0, 338.0, 290.0)
        .c((366.0, 318.0), (368.0, 420.0), (360.0, 500.0))
        .z();
    svg.shape(&pillow, Rgb::hex(0xeef1f0), Rgb::hex(0xc3cbcb), 2.0);
    svg.line(&P::new().m(70.0, 306.0).q(92.0, 330.0, 78.0, 372.0), Rgb::hex(0xd2d9d8), 2.0, 0.9);
    svg.line(&P::new().m(330.0, 306.0).q(310.0, 334.0, 322.0, 376.0), Rgb::hex(0xd2d9d8), 2.0, 0.9);
}

fn clinic(svg: &mut Svg) {
    rect(svg, 0.0, 0.0, VIEW_W, VIEW_H, Rgb::hex(0xdfe3e8));
    rect(svg, 0.0, 330.0, VIEW_W, 170.0, Rgb::hex(0xd2d8df));
    rect(svg, 0.0, 326.0, VIEW_W, 6.0, Rgb::hex(0xbfc7cf));
    // A window with blinds.
    framed(svg, 282.0, 40.0, 104.0, 200.0, Rgb::hex(0xeef2f4), Rgb::hex(0xb9c1c8), 5.0);
    let mut slats = P::new();
    for i in 0..17 {
        let y = 50.0 + i as f32 * 11.0;
        slats = slats.m(286.0, y).l(382.0, y);
    }
    svg.line(&slats, Rgb::hex(0xc9d1d8), 2.0, 1.0);
    svg.line(&P::new().m(334.0, 44.0).l(334.0, 236.0), Rgb::hex(0xb0b9c1), 1.2, 0.8);
    // A poster: a body outline and blocks of colour, no words.
    framed(svg, 18.0, 56.0, 86.0, 118.0, Rgb::hex(0xf3f1ec), Rgb::hex(0xb8b4ac), 2.0);
    rect(svg, 26.0, 64.0, 70.0, 12.0, Rgb::hex(0x9fb8c8));
    let person = P::new()
        .ellipse(61.0, 96.0, 8.0, 9.0)
        .m(48.0, 160.0)
        .l(50.0, 112.0)
        .q(61.0, 104.0, 72.0, 112.0)
        .l(74.0, 160.0)
        .z();
    svg.fill(&person, Rgb::hex(0xd8b7a6), 1.0);
    rect(svg, 26.0, 140.0, 16.0, 4.0, Rgb::hex(0xc9c4ba));
    rect(svg, 80.0, 130.0, 16.0, 4.0, Rgb::hex(0xc9c4ba));
}

fn doorway(svg: &mut Svg) {
    // The corridor in perspective beyond the door.
    rect(svg, 0.0, 0.0, VIEW_W, VIEW_H, Rgb::hex(0xe6e2da));
    let vx = 200.0;
    let floor = P::new().m(0.0, 500.0).l(150.0, 260.0).l(250.0, 260.0).l(400.0, 500.0).z();
    svg.fill(&floor, Rgb::hex(0xcfc8bb), 1.0);
    let ceiling = P::new().m(0.0, 0.0).l(150.0, 140.0).l(250.0, 140.0).l(400.0, 0.0).z();
    svg.fill(&ceiling, Rgb::hex(0xeeebe5), 1.0);
    for (a, b) in [
        ((0.0, 0.0), (150.0, 140.0)),
        ((400.0, 0.0), (250.0, 140.0)),
        ((0.0, 500.0), (150.0, 260.0)),
        ((400.0, 500.0), (250.0, 260.0)),
    ] {
        svg.line(&P::new().m(a.0, a.1).l(b.0, b.1), Rgb::hex(0xc4bcb0), 1.2, 0.45);
    }
    rect(svg, 150.0, 140.0, 100.0, 120.0, Rgb::hex(0xd9d4ca));
    // Ceiling lights and a handrail.
    for (t, w) in [(0.2, 40.0), (0.5, 26.0), (0.72, 16.0)] {
        let y = 140.0 * t;
        let hw = w * 0.5 * (1.0 - t * 0.5);
        let d = P::new()
            .m(vx - hw, y)
            .l(vx + hw, y)
            .l(vx + hw * 0.8, y + 6.0 * (1.0 - t))
            .l(vx - hw * 0.8, y + 6.0 * (1.0 - t))
            .z();
        svg.fill(&d, Rgb::hex(0xf4f2ec), 1.0);
    }
    svg.line(&P::new().m(0.0, 330.0).l(150.0, 220.0), Rgb::hex(0xa99f8f), 3.0, 0.7);
    svg.line(&P::new().m(400.0, 330.0).l(250.0, 220.0), Rgb::hex(0xa99f8f), 3.0, 0.7);
    // The door frame around the person.
    let frame = Rgb::hex(0x9fb0bc);
    rect(svg, 0.0, 0.0, 48.0, 500.0, Rgb::hex(0xd5d9d6));
    rect(svg, 352.0, 0.0, 48.0, 500.0, Rgb::hex(0xd5d9d6));
    rect(svg, 40.0, 0.0, 18.0, 500.0, frame);
    rect(svg, 342.0, 0.0, 18.0, 500.0, frame);
    rect(svg, 40.0, 0.0, 320.0, 16.0, frame);
    svg.line(
        &P::new().m(58.0, 16.0).l(58.0, 500.0).m(342.0, 16.0).l(342.0, 500.0).m(58.0, 16.0).l(342.0, 16.0),
        Rgb::hex(0x7f919e),
        1.5,
        0.8,
    );
}

fn relatives_room(svg: &mut Svg) {
    rect(svg, 0.0, 0.0, VIEW_W, VIEW_H, Rgb::hex(0xe9ddd0));
    // A picture of hills.
    framed(svg, 250.0, 52.0, 120.0, 86.0, Rgb::hex(0xdfe8ec), Rgb::hex(0x9c8570), 5.0);
    svg.fill(
        &P::new()
            .m(253.0, 120.0)
            .q(290.0, 88.0, 330.0, 112.0)
            .q(350.0, 100.0, 367.0, 108.0)
            .l(367.0, 135.0)
            .l(253.0, 135.0)
            .z(),
        Rgb::hex(0xa9bd9c),
        1.0,
    );
    svg.fill(
        &P::new().m(253.0, 128.0).q(300.0, 110.0, 367.0, 126.0).l(367.0, 135.0).l(253.0, 135.0).z(),
        Rgb::hex(0x8fa886),
        1.0,
    );
    svg.ellipse(340.0, 78.0, 9.0, 9.0, Rgb::hex(0xf1e2b8), 1.0);
    // A lamp's glow.
    svg.raw(r##"<radialGradient id="lamp" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff4d6" stop-opacity="0.9"/><stop offset="1" stop-color="#fff4d6" stop-opacity="0"/></radialGradient>"##);
    svg.fill_url(&P::new().ellipse(52.0, 150.0, 90.0, 90.0), "lamp", 1.0);
    let shade = P::new().m(28.0, 168.0).l(40.0, 126.0).l(66.0, 126.0).l(78.0, 168.0).z();
    svg.shape(&shade, Rgb::hex(0xf0e3c6), Rgb::hex(0xc8b58f), 1.5);
    rect(svg, 50.0, 168.0, 6.0, 120.0, Rgb::hex(0x9c8570));
    // A plant.
    for (x, y, rx, ry) in
        [(356.0, 300.0, 12.0, 34.0), (376.0, 310.0, 10.0, 30.0), (340.0, 318.0, 9.0, 26.0), (390.0, 290.0, 8.0, 28.0)]
    {
        svg.ellipse(x, y, rx, ry, Rgb::hex(0x8ea687), 1.0);
    }
    // The sofa's back behind the shoulders.
    let sofa = P::new()
        .m(0.0, 500.0)
        .l(0.0, 360.0)
        .q(0.0, 334.0, 40.0, 332.0)
        .l(360.0, 332.0)
        .q(400.0, 334.0, 400.0, 360.0)
        .l(400.0, 500.0)
        .z();
    svg.shape(&sofa, Rgb::hex(0xa9a08f), Rgb::hex(0x8c8373), 2.0);
    svg.line(&P::new().m(133.0, 340.0).l(133.0, 500.0).m(266.0, 340.0).l(266.0, 500.0), Rgb::hex(0x8c8373), 2.0, 0.7);
}

fn phone(svg: &mut Svg) {
    rect(svg, 0.0, 0.0, VIEW_W, VIEW_H, Rgb::hex(0xe4e1e8));
    // A window with daylight, a curtain beside it.
    framed(svg, 20.0, 50.0, 110.0, 160.0, Rgb::hex(0xdbe7ef), Rgb::hex(0xf3f1f3), 6.0);
    svg.line(&P::new().m(75.0, 53.0).l(75.0, 207.0).m(23.0, 130.0).l(127.0, 130.0), Rgb::hex(0xf3f1f3), 4.0, 1.0);
    svg.fill(
        &P::new().m(0.0, 40.0).l(26.0, 40.0).q(36.0, 140.0, 22.0, 260.0).l(0.0, 260.0).z(),
        Rgb::hex(0xc7bccb),
        1.0,
    );
    // A shelf with books.
    rect(svg, 286.0, 150.0, 110.0, 6.0, Rgb::hex(0xb3a79a));
    for (i, (h, c)) in [(44.0, 0x9aa7b8), (38.0, 0xb89a8f), (48.0, 0x9fb39c), (36.0, 0xc2b28a)].into_iter().enumerate()
    {
        rect(svg, 300.0 + i as f32 * 13.0, 150.0 - h, 11.0, h, Rgb::hex(c));
    }
}
