//! How long one frame of the portrait takes: `svg()` then `render()`, at the
//! app's size (320x400) and a large one (480x600), over a spread of looks and
//! states; prints the median and the slowest per frame.
//!
//! `cargo bench -p bedside-face --bench render`

use std::hint::black_box;
use std::time::{Duration, Instant};

use bedside_face::{Clothing, Expression, HairStyle, Headwear, Look, Scene, SkinTone};

fn looks() -> Vec<(Look, u32)> {
    vec![
        (Look { scene: Scene::Bedside, hair: HairStyle::Bun, ..Look::default() }, 84),
        (Look { scene: Scene::Clinic, skin: SkinTone::Dark, hair: HairStyle::Curly, ..Look::default() }, 44),
        (Look { scene: Scene::Doorway, clothing: Clothing::Coat, beard: true, ..Look::default() }, 52),
        (Look { scene: Scene::RelativesRoom, headwear: Headwear::Headscarf, ..Look::default() }, 38),
        (Look { scene: Scene::Phone, hair: HairStyle::Long, ..Look::default() }, 31),
    ]
}

fn states() -> Vec<Expression> {
    [(8.0, 88.0, None), (88.0, 55.0, Some("fear")), (90.0, 30.0, Some("anger")), (92.0, 55.0, Some("grief"))]
        .into_iter()
        .map(|(d, t, c)| Expression::from_state(d, t, c))
        .collect()
}

fn main() {
    let (looks, states) = (looks(), states());
    for (w, h) in [(320u32, 400u32), (480, 600)] {
        // One round to warm up, then timed frames.
        for (look, age) in &looks {
            black_box(bedside_face::render(&bedside_face::svg(look, *age, &states[0], 0.0, w, h), w, h).ok());
        }
        let mut times: Vec<Duration> = Vec::new();
        let mut svg_times: Vec<Duration> = Vec::new();
        for round in 0..6 {
            for (look, age) in &looks {
                for e in &states {
                    let started = Instant::now();
                    let svg = bedside_face::svg(look, *age, e, round as f32 / 6.0, w, h);
                    svg_times.push(started.elapsed());
                    let rgba = bedside_face::render(&svg, w, h).expect("renders");
                    times.push(started.elapsed());
                    black_box(rgba);
                }
            }
        }
        times.sort();
        svg_times.sort();
        let median = times[times.len() / 2];
        println!(
            "{w}x{h}: {} frames, median {:.2} ms per frame (svg() {:.3} ms of it), slowest {:.2} ms",
            times.len(),
            median.as_secs_f64() * 1e3,
            svg_times[svg_times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3,
        );
    }
}
